"""An item's current decision and its export record (docs/contract.md section 4).

The current decision is the latest review, else the latest proposal; a review's ``after`` holds
the reviewer's values (type, fields, credits, hours, clause), which replace the proposal's.
"""

from __future__ import annotations

from typing import Any

from pipeline.store.models import ItemRow, ProposalRow, ReviewRow
from pipeline.store.query import ItemView, ProposalView, ReviewView
from rules.model import EVIDENCE_TYPES as EVIDENCE_TYPES  # re-exported: review.py checks retyped items

# ORM rows (one item at a time) or the plain views of pipeline.store.query (bulk reads)
AnyItem = ItemRow | ItemView
AnyProposal = ProposalRow | ProposalView
AnyReview = ReviewRow | ReviewView

CATEGORIES = ("public", "professional", "full_year")
REVIEW_STATUS = {"confirm": "confirmed", "adjust": "adjusted", "reject": "rejected"}
RECORD_KEYS = (
    "batch", "applicant_id", "item", "evidence_type", "type_confidence", "fields", "credits", "hours",
    "clause", "policy", "flags", "status", "explanation",
)  # fmt: skip


def number(x: float) -> float | int:
    """Hours as the contract writes them: 60, not 60.0; 4.5 stays 4.5."""
    x = float(x)
    return int(x) if x.is_integer() else round(x, 2)


def proposal_values(p: AnyProposal) -> dict[str, Any]:
    """The decision a proposal makes, in the shape a review's before/after takes."""
    return {
        "evidence_type": p.evidence_type,
        "type_confidence": p.type_confidence,
        "fields": dict(p.fields or {}),
        "credits": [dict(c) for c in p.credits or []],
        "hours": number(p.hours),
        "clause": p.clause,
        "status": p.status,
    }


def decision_values(p: AnyProposal, r: AnyReview | None) -> dict[str, Any]:
    """The current decision: the latest review's values, else the proposal's."""
    if r is None:
        return proposal_values(p)
    return dict(r.after)


def record(batch_name: str, item: AnyItem, p: AnyProposal | None, r: AnyReview | None) -> dict[str, Any]:
    """The export record of docs/contract.md section 4 for one item, as it stands now."""
    if p is None:  # stored but not yet proposed (a batch still being processed)
        return {
            "batch": batch_name, "applicant_id": item.applicant_id, "item": item.path,
            "evidence_type": item.evidence_type, "type_confidence": round(item.type_confidence or 0.0, 4),
            "fields": {}, "credits": [], "hours": 0, "clause": None, "policy": None, "flags": [],
            "status": "needs_review", "explanation": "尚未生成建议（批次处理未完成）",
        }  # fmt: skip
    d = decision_values(p, r)
    explanation = p.explanation
    if r is not None:
        if r.action == "undo":
            note = f"撤销上次决定（{r.user}）"
        else:
            note = f"复核（{r.user}，{REVIEW_STATUS[r.action]}）"
        explanation = f"{explanation}；{note}：{r.reason}" if r.reason else f"{explanation}；{note}"
    return {
        "batch": batch_name,
        "applicant_id": item.applicant_id,
        "item": item.path,
        "evidence_type": d["evidence_type"],
        "type_confidence": round(float(d.get("type_confidence", p.type_confidence) or 0.0), 4),
        "fields": d["fields"],
        "credits": [
            {"year": int(c["year"]), "hours": number(c["hours"]), "category": c["category"]}
            for c in d["credits"]
        ],
        "hours": number(d["hours"]),
        "clause": d["clause"],
        "policy": p.policy_id,
        "flags": list(p.flags or []),
        "status": d["status"],
        "explanation": explanation,
    }
