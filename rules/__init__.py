"""The conversion rules as a library: policy files (data) + a small engine. Pure and fast:
no OCR, no database, no network.

    from rules import load_policy, Credit
    policy = load_policy("changde-2024")
    p = policy.propose("patent_certificate", {"patent_kind": "invention", "rank": 1,
                                              "date": "2023-06-16", "name_found": True})
    policy.assess(p.credits, title_level="senior", eval_year=2024).to_dict()
"""

from rules.assessment import Assessment, Requirement, YearSummary
from rules.errors import PolicyError
from rules.materials import MaterialSet
from rules.model import Credit
from rules.policy import ClauseInfo, FlagInfo, Policy, available_policies, load_policy
from rules.proposal import Proposal
from rules.titles import TITLE_LEVELS, normalize_title_level

__all__ = [
    "TITLE_LEVELS",
    "Assessment",
    "ClauseInfo",
    "Credit",
    "FlagInfo",
    "MaterialSet",
    "Policy",
    "PolicyError",
    "Proposal",
    "Requirement",
    "YearSummary",
    "available_policies",
    "load_policy",
    "normalize_title_level",
]
