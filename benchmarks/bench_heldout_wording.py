"""Reading on held-out wording (issue #12): tests/data/heldout/items.json, OCR-line texts of the
evidence types as real issuers word them, none drawn by sample_docs' generator.

    .venv/bin/python benchmarks/bench_heldout_wording.py [--json OUT]

Every item is read as its labelled type (the type is given, as in bench_real_corpus's
``fields_given_type``) and proposed through the gate exactly as an upload would be. Reported:
deciding fields read right (a four-digit ``date`` label is an award year: compared on the year),
hours exact where every deciding field is labelled, ``auto_ok`` proposals and wrong ones (hours
other than the labelled fields give), and each miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ITEMS = Path(__file__).resolve().parent.parent / "tests" / "data" / "heldout" / "items.json"


def load_items(path: Path = ITEMS) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["items"]


def item_page(item: dict[str, Any]) -> Any:
    """The item's lines as one OCR'd page: a box per line, top to bottom, confidence 0.97."""
    from pipeline.ocr.textnorm import mean_conf, page_text
    from pipeline.types import Line, Page, Word

    lines = []
    for k, t in enumerate(item["lines"]):
        box = (100, 80 + 44 * k, 100 + 22 * len(t), 112 + 44 * k)
        lines.append(Line(t, box, 0.97, (Word(t, box, 0.97),)))
    return Page(item["id"], 0, 1240, 1754, page_text(lines), lines, engine="rapidocr",
                mean_conf=mean_conf(lines))


def _same(name: str, got: Any, want: Any) -> bool:
    from pipeline.evaluate import same_value

    if name == "date" and isinstance(want, str) and len(want) == 4:
        return isinstance(got, str) and got[:4] == want
    return same_value(got, want)


def _truth_fields(item: dict[str, Any]) -> dict[str, Any]:
    f = dict(item["fields"])
    if isinstance(f.get("date"), str) and len(f["date"]) == 4:
        f["date"] = f"{f['date']}-06-30"  # the rules credit the year
    return f


def run(items: list[dict[str, Any]]) -> dict[str, Any]:
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_real_corpus import _TypeGiven

    from pipeline.proposals import DECIDING_FIELDS, propose_batch
    from pipeline.types import Applicant, ItemSource, StoredFile
    from pipeline.understand import read_item
    from rules import load_policy

    policy = load_policy("changde-2024")
    right = total = auto_ok = wrong_auto_ok = unjudged = 0
    hours_right = hours_n = 0
    misses: dict[str, list[str]] = {}
    for it in items:
        page = item_page(it)
        source = ItemSource("H", f"H/{it['id']}", [StoredFile(it["id"], it["id"], 0, "png", "")])
        applicant = Applicant("H", it["applicant"], eval_year=2025, title_level="senior")
        reading = read_item(source, [page], applicant, classifier=_TypeGiven(it["type"]))
        prop = propose_batch("heldout", [(source, reading)], {"H": applicant}, policy,
                             pages={it["id"]: [page]})[0]
        for name in DECIDING_FIELDS.get(it["type"], ()):
            if name not in it["fields"]:
                continue
            total += 1
            got = prop.fields.get(name)
            if _same(name, got, it["fields"][name]):
                right += 1
            else:
                misses.setdefault(it["id"], []).append(f"{name}: {got!r} != {it['fields'][name]!r}")
        truth: float | None = None
        if all(f in it["fields"] for f in DECIDING_FIELDS.get(it["type"], ()) if f != "subject"):
            p = policy.propose(it["type"], _truth_fields(it))
            truth = float(sum(c.hours for c in p.credits))
            hours_n += 1
            hours_right += abs(float(prop.hours) - truth) < 1e-6
        if prop.status == "auto_ok":
            auto_ok += 1
            if truth is None:
                unjudged += 1  # a deciding field unlabelled: the hours cannot be checked
            elif abs(float(prop.hours) - truth) > 1e-6:
                wrong_auto_ok += 1
                misses.setdefault(it["id"], []).append(f"auto_ok: {prop.hours} h, labels give {truth}")
    return {"items": len(items), "deciding_fields": round(right / total, 3), "fields_n": total,
            "hours_exact": round(hours_right / hours_n, 3) if hours_n else None, "hours_n": hours_n,
            "auto_ok": auto_ok, "wrong_auto_ok": wrong_auto_ok, "auto_ok_unjudged": unjudged,
            "misses": misses}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    res = run(load_items())
    print(f"{res['items']} items: deciding fields {res['deciding_fields']} of {res['fields_n']}, "
          f"hours exact {res['hours_exact']} of {res['hours_n']}, auto_ok {res['auto_ok']} "
          f"(wrong {res['wrong_auto_ok']}, not judged {res['auto_ok_unjudged']})")
    for k, v in res["misses"].items():
        print(k, "; ".join(v))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
