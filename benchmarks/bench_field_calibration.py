"""Is a deciding field's confidence (and its second reading) worth what the gate takes it for?

    .venv/bin/python benchmarks/bench_field_calibration.py [--per-family 10] [--seed 61]

Every deciding field read is put in one bucket by what the confidence gate of
``pipeline/proposals.py`` does with it: ``confirmed`` (a second reading agrees: passes whatever
its confidence), ``contradicted`` (a second reading disagrees: to review), ``sure`` (no second
reading, confidence >= LOW_FIELD_CONFIDENCE: passes), ``unsure`` (below it: to review). Per
bucket: how many values and how many right. A bucket that passes (confirmed, sure) must be right
every time for ``auto_ok`` to be safe; the buckets that go to review should hold the errors.

The type is given (only reading is measured), on two corpora: the layout families of
sample_docs/families.py read from their true page text (``_draw_items`` of the leave-family-out
run, seed 61 — note the extraction code was written with these families in view), and the
labelled evidence documents of the real corpus (tests/data/real, RapidOCR text with boxes),
which the extraction code was not written from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUCKETS = ("confirmed", "sure", "contradicted", "unsure")


def bucket(fv: object) -> str:
    from pipeline.proposals import LOW_FIELD_CONFIDENCE

    if fv.confirmed is True:  # type: ignore[attr-defined]
        return "confirmed"
    if fv.confirmed is False:  # type: ignore[attr-defined]
        return "contradicted"
    return "sure" if fv.confidence >= LOW_FIELD_CONFIDENCE else "unsure"  # type: ignore[attr-defined]


def _tally(out: dict[str, Counter], etype: str, fields: dict, want: dict, where: str,
           wrong: list[str]) -> None:
    from pipeline.evaluate import same_value
    from pipeline.proposals import DECIDING_FIELDS

    for name in DECIDING_FIELDS.get(etype, ()):
        fv = fields.get(name)
        if fv is None or name not in want or want[name] is None:
            continue
        b = bucket(fv)
        ok = same_value(fv.value, want[name])
        out[b]["n"] += 1
        out[b]["right"] += ok
        if not ok and b in ("confirmed", "sure"):
            wrong.append(f"{where} {name}: {fv.value!r} != {want[name]!r} ({b} {fv.confidence:.2f})")


def families(per_family: int, seed: int) -> dict:
    from pipeline.evaluate_families import _draw_items
    from pipeline.extract import extract_fields
    from pipeline.types import Page
    from sample_docs.families import all_names

    out: dict[str, Counter] = {b: Counter() for b in BUCKETS}
    wrong: list[str] = []
    for fam in all_names():
        for d in _draw_items([fam], seed, per_family):
            rec = d.record
            pages = [Page(f"truth:{rec['item']}", k, w, h, pg["text"], engine="textlayer")
                     for k, ((w, h), pg) in enumerate(zip(d.sizes, rec["pages"], strict=True))]
            fields = extract_fields(rec["evidence_type"], pages, d.applicant)
            _tally(out, rec["evidence_type"], fields, rec["fields"], rec["item"], wrong)
    return {"buckets": {b: dict(c) for b, c in out.items()}, "passed_but_wrong": wrong}


def real() -> dict:
    from classifiers.openset import doc_pages, load_real_docs
    from pipeline.extract import extract_fields
    from pipeline.types import Applicant

    out: dict[str, Counter] = {b: Counter() for b in BUCKETS}
    wrong: list[str] = []
    for doc in load_real_docs():
        if doc.evidence_type == "other":
            continue
        applicant = Applicant("R", doc.applicant_name or "无名氏", eval_year=2025, title_level="senior")
        fields = extract_fields(doc.evidence_type, doc_pages(doc), applicant)
        _tally(out, doc.evidence_type, fields, dict(doc.fields), doc.doc_id, wrong)
    return {"buckets": {b: dict(c) for b, c in out.items()}, "passed_but_wrong": wrong}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-family", type=int, default=10)
    ap.add_argument("--seed", type=int, default=61)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    t = time.process_time()
    result = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "load_average": os.getloadavg(),
              "families": families(args.per_family, args.seed), "real": real()}
    result["cpu_seconds"] = round(time.process_time() - t, 1)
    print("| corpus | " + " | ".join(f"{b} (right/n)" for b in BUCKETS) + " |")
    print("|---|" + "---:|" * len(BUCKETS))
    for corpus in ("families", "real"):
        cells = []
        for b in BUCKETS:
            c = result[corpus]["buckets"][b]
            cells.append(f"{c.get('right', 0)}/{c.get('n', 0)}")
        print(f"| {corpus} | " + " | ".join(cells) + " |")
    for corpus in ("families", "real"):
        for w in result[corpus]["passed_but_wrong"]:
            print(f"passed but wrong ({corpus}): {w}")
    print(f"CPU {result['cpu_seconds']} s, load {result['load_average']}")
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
