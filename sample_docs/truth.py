"""Ground truth of a batch: ``.truth.jsonl``, one JSON object per item.

``expected`` is what the rules library proposes for the true fields, plus the batch-level flags
the scenario planted (duplicate_of, claimed_by_other, outside_span, materials_incomplete,
name_mismatch), computed the way docs/contract.md and docs/rules.md define them: a duplicate is the later item
by (applicant_id, item path), both claimants of shared evidence are flagged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

POLICY_ID = "changde-2024"


def _policy() -> Any | None:
    try:
        from rules import load_policy
    except ImportError:  # the rules library not installed: truth without ``expected``
        return None
    return load_policy(POLICY_ID)


def expected_for(records: list[dict[str, Any]], levels: dict[str, tuple[str, int]]) -> None:
    """Fill ``record["expected"]`` of every item. ``levels``: applicant -> (title_level, eval_year).

    Needs each record's private ``_key`` (identity of the evidence) and ``_files`` (content
    hashes); they are removed afterwards.
    """
    policy = _policy()
    seen_files: dict[tuple[str, tuple[str, ...]], str] = {}
    seen_keys: dict[tuple[str, str], str] = {}
    claimed: dict[str, list[dict[str, Any]]] = {}
    for rec in sorted(records, key=lambda r: (r["applicant_id"], r["item"])):
        exp: dict[str, Any] = {"hours": 0, "clause": None, "flags": [], "credits": []}
        rec["expected"] = exp
        if rec.get("intake_error"):
            exp["flags"] = ["intake_error"]
            continue
        et = rec["evidence_type"]
        if policy is not None:
            p = policy.propose(et, rec["fields"])
            exp.update(
                hours=p.hours,
                clause=p.clause,
                flags=list(p.flags),
                credits=[{"year": c.year, "hours": c.hours, "category": c.category} for c in p.credits],
            )
            missing = policy.missing_materials(et, rec["parts"])
            if missing:
                _add(exp, "materials_incomplete")
            level, eval_year = levels[rec["applicant_id"]]
            span = policy.span(level, eval_year)
            if any(c["year"] not in span for c in exp["credits"]):
                _add(exp, "outside_span")
        if rec["fields"].get("name_found") is False:
            _add(exp, "name_mismatch")
        aid = rec["applicant_id"]
        fkey = (aid, tuple(sorted(rec["_files"])))
        key = rec.get("_key") or ""
        first = seen_files.get(fkey) or (
            seen_keys.get((aid, key)) if key and not key.startswith("other:") else None
        )
        if first:
            _add(exp, "duplicate_of")
            exp["duplicate_of"] = first
            exp["hours"], exp["credits"] = 0, []
        else:
            seen_files[fkey] = rec["item"]
            if key:
                seen_keys[(aid, key)] = rec["item"]
        if (
            key
            and key.split(":", 1)[0] in ("patent", "paper", "isbn", "award")
            and "duplicate_of" not in exp["flags"]
        ):
            claimed.setdefault(key, []).append(rec)
    for recs in claimed.values():
        if len({r["applicant_id"] for r in recs}) > 1:
            for r in recs:
                _add(r["expected"], "claimed_by_other")
    for rec in records:
        rec.pop("_key", None)
        rec.pop("_files", None)


def _add(exp: dict[str, Any], flag: str) -> None:
    if flag not in exp["flags"]:
        exp["flags"].append(flag)


def write_truth(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line, keys in a fixed order, so the file is byte-stable per seed."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")


def read_truth(path: str | Path) -> list[dict[str, Any]]:
    """The records of a batch's ``.truth.jsonl`` (path of the file or of the batch folder)."""
    p = Path(path)
    if p.is_dir():
        p = p / ".truth.jsonl"
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
