"""Contract section 4's summary: per applicant, each span year's hours and the verdict.

Counted three ways: ``proposed`` (every item's latest proposal), ``confirmed`` (only what a
reviewer confirmed or adjusted), and at the top level the current state (the reviewer's values
where an item was reviewed, else the proposal's; equal to ``proposed`` before any review).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy.orm import Session

from pipeline.store.query import applicants, current_items
from pipeline.store.records import decision_values

DEFAULT_POLICY = "changde-2024"


def _verdict(
    policy: Any, credits: list[dict[str, Any]], title_level: str, eval_year: int | None
) -> dict[str, Any]:
    try:
        d = policy.assess(credits, title_level=title_level, eval_year=eval_year).to_dict()
    except (ValueError, TypeError, KeyError) as e:  # no title level or eval year in the manifest
        return {"span": [], "years": {}, "span_ok": False, "outside_span": {}, "error": str(e)}
    return {k: d[k] for k in ("span", "years", "span_ok", "outside_span")}


def applicant_summaries(
    session: Session, batch: str | None = None, policy_id: str | None = None
) -> list[dict[str, Any]]:
    """One object per applicant of ``batch`` (every batch when None)."""
    from rules import load_policy

    current: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    proposed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    confirmed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    policies: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for ci in current_items(session, batch):
        if ci.item.applicant_id is None or ci.proposal is None:
            counts[(ci.batch, ci.item.applicant_id or "")]["pending"] += 1
            continue
        key = (ci.batch, ci.item.applicant_id)
        p, r = ci.proposal, ci.review
        policies[key][p.policy_id] += 1
        proposed[key].extend(p.credits or [])
        current[key].extend(decision_values(p, r)["credits"])
        if r is not None and r.action in ("confirm", "adjust"):
            confirmed[key].extend(r.after["credits"])
        counts[key]["items"] += 1
        counts[key][ci.item.status or "needs_review"] += 1

    loaded: dict[str, Any] = {}
    out = []
    for batch_name, a in applicants(session, batch):
        key = (batch_name, a.applicant_id)
        pid = policy_id or (policies[key].most_common(1)[0][0] if policies[key] else DEFAULT_POLICY)
        policy = loaded.get(pid) or loaded.setdefault(pid, load_policy(pid))
        c = counts[key]
        obj: dict[str, Any] = {
            "batch": batch_name,
            "applicant_id": a.applicant_id,
            "name": a.name,
            "employer": a.employer,
            "title_level": a.title_level,
            "eval_year": a.eval_year,
            "policy": pid,
            "items": c["items"],
            "auto_ok": c["auto_ok"],
            "needs_review": c["needs_review"],
            "reviewed": c["confirmed"] + c["adjusted"] + c["rejected"],
        }
        obj.update(_verdict(policy, current[key], a.title_level, a.eval_year))
        obj["proposed"] = _verdict(policy, proposed[key], a.title_level, a.eval_year)
        obj["confirmed"] = _verdict(policy, confirmed[key], a.title_level, a.eval_year)
        out.append(obj)
    return out


def span_hours(summary: dict[str, Any], view: str | None = None) -> float:
    """Total hours over the span years of one applicant summary (``view``: None, proposed, confirmed)."""
    part = summary if view is None else summary[view]
    return sum(float(y["total"]) for y in part["years"].values())
