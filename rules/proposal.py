"""What ``Policy.propose`` returns for one evidence item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rules.model import Credit


@dataclass(slots=True)
class Proposal:
    """Proposed credits for one item, the clause applied, and why, for a reviewer to confirm."""

    evidence_type: str
    credits: list[Credit]
    clause: str | None
    flags: list[str]
    explanation: str  # Chinese, cites the clause
    needs_review: bool  # some flag needs a person
    flag_details: dict[str, str] = field(default_factory=dict)  # flag -> why, zh / en
    policy: str = ""

    @property
    def hours(self) -> float:
        return sum(c.hours for c in self.credits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "evidence_type": self.evidence_type,
            "credits": [{"year": c.year, "hours": c.hours, "category": c.category} for c in self.credits],
            "hours": self.hours,
            "clause": self.clause,
            "policy": self.policy,
            "flags": list(self.flags),
            "needs_review": self.needs_review,
            "explanation": self.explanation,
            "flag_details": dict(self.flag_details),
        }
