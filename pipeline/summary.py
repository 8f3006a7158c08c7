"""Contract section 4's summary: per applicant, each span year's hours and the verdict.

Counted three ways: ``proposed`` (every item's latest proposal), ``confirmed`` (only what a
reviewer confirmed or adjusted), and at the top level the current state (the reviewer's values
where an item was reviewed, else the proposal's; equal to ``proposed`` before any review).

One code path: the batch summary and the one-applicant summary (the web applicant page) both
tally ``current_items`` rows with ``_tally`` and judge each applicant with ``_summary``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from pipeline.store.models import ApplicantRow
from pipeline.store.query import CurrentItem, applicants, current_items
from pipeline.store.records import decision_values

DEFAULT_POLICY = "changde-2024"


class UnknownApplicant(LookupError):
    pass


@dataclass
class _Tally:
    """One applicant's credits three ways, item counts per status and the policies proposed under."""

    current: list[dict[str, Any]] = field(default_factory=list)
    proposed: list[dict[str, Any]] = field(default_factory=list)
    confirmed: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    policies: Counter[str] = field(default_factory=Counter)


def _tally(rows: Iterable[CurrentItem]) -> dict[tuple[str, str], _Tally]:
    out: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for ci in rows:
        if ci.item.applicant_id is None or ci.proposal is None:
            out[(ci.batch, ci.item.applicant_id or "")].counts["pending"] += 1
            continue
        t = out[(ci.batch, ci.item.applicant_id)]
        p, r = ci.proposal, ci.review
        t.policies[p.policy_id] += 1
        t.proposed.extend(p.credits or [])
        t.current.extend(decision_values(p, r)["credits"])
        if r is not None and r.action in ("confirm", "adjust"):
            t.confirmed.extend(r.after["credits"])
        t.counts["items"] += 1
        t.counts[ci.item.status or "needs_review"] += 1
    return out


def _verdict(
    policy: Any, credits: list[dict[str, Any]], title_level: str, eval_year: int | None
) -> dict[str, Any]:
    try:
        d = policy.assess(credits, title_level=title_level, eval_year=eval_year).to_dict()
    except (ValueError, TypeError, KeyError) as e:  # no title level or eval year in the manifest
        return {"span": [], "years": {}, "span_ok": False, "outside_span": {}, "error": str(e)}
    return {k: d[k] for k in ("span", "years", "span_ok", "outside_span")}


def _summary(
    batch_name: str, a: ApplicantRow, t: _Tally, policy_id: str | None, loaded: dict[str, Any]
) -> dict[str, Any]:
    from rules import load_policy

    pid = policy_id or (t.policies.most_common(1)[0][0] if t.policies else DEFAULT_POLICY)
    policy = loaded.get(pid) or loaded.setdefault(pid, load_policy(pid))
    c = t.counts
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
    obj.update(_verdict(policy, t.current, a.title_level, a.eval_year))
    obj["proposed"] = _verdict(policy, t.proposed, a.title_level, a.eval_year)
    obj["confirmed"] = _verdict(policy, t.confirmed, a.title_level, a.eval_year)
    return obj


def applicant_summaries(
    session: Session, batch: str | None = None, policy_id: str | None = None
) -> list[dict[str, Any]]:
    """One object per applicant of ``batch`` (every batch when None)."""
    tallies = _tally(current_items(session, batch))
    loaded: dict[str, Any] = {}
    return [
        _summary(name, a, tallies.get((name, a.applicant_id)) or _Tally(), policy_id, loaded)
        for name, a in applicants(session, batch)
    ]


def applicant_summary(
    session: Session, batch: str, applicant_id: str, policy_id: str | None = None
) -> dict[str, Any]:
    """The object ``applicant_summaries`` gives for this one applicant, reading only their items.

    Raises UnknownBatch (from ``pipeline.store.query``) or UnknownApplicant.
    """
    found = applicants(session, batch, applicant_id)
    if not found:
        raise UnknownApplicant(f"no applicant {applicant_id!r} in batch {batch!r}")
    name, a = found[0]
    tallies = _tally(current_items(session, batch, applicant_id))
    return _summary(name, a, tallies.get((name, applicant_id)) or _Tally(), policy_id, {})


def span_hours(summary: dict[str, Any], view: str | None = None) -> float:
    """Total hours over the span years of one applicant summary (``view``: None, proposed, confirmed)."""
    part = summary if view is None else summary[view]
    return sum(float(y["total"]) for y in part["years"].values())
