"""The pipeline on the real corpus (tests/data/real): before and after open-set typing.

    .venv/bin/python benchmarks/bench_real_corpus.py [--folds 5] [--per-type 60]

- ``shipped``: the shipped classifier as it is (it never saw these documents, unless it was
  trained on them: then this row is not a held-out figure and says so).
- ``cv_closed``: a cross-validation grouped by source repository; each fold's model learns the
  generated pages plus the real documents of the other repositories, no reject threshold.
- ``cv_open``: the same, with the reject threshold chosen on the other folds' held-out decisions.

Generated examples are the true and OCR-noised texts of ``generate_pages(seed, per_type)``
(the training recipe of ``cehours train`` without its OCR'd scans). Writes
benchmarks/results/real_corpus.json (with each document's held-out outcome: labelled type, type
proposed, its confidence, status, flags) and prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS = ("type_macro_f1", "type_macro_f1_5", "evidence_type_right", "non_evidence_as_other", "deciding_fields",
        "hours_exact", "auto_ok", "wrong_auto_ok", "type_uncertain", "low_confidence")


class _TypeGiven:
    """A classifier that knows the answer: every page is of ``label`` (to score reading alone)."""

    reject_threshold = None

    def __init__(self, label: str) -> None:
        from classifiers.labels import PAGE_TYPES

        self.classes_ = list(PAGE_TYPES)
        self.label = label

    def predict_proba(self, pages: list) -> object:
        import numpy as np

        p = np.zeros((len(pages), len(self.classes_)))
        p[:, self.classes_.index(self.label)] = 1.0
        return p


def fields_given_type(docs: list) -> dict:
    from pipeline.evaluate_real import run_docs

    out = run_docs(docs, lambda d: _TypeGiven(d.evidence_type))
    right, total = sum(o.fields_right for o in out), sum(o.fields_total for o in out)
    return {"deciding_fields": round(right / total, 3), "n": total,
            "misses": {o.doc_id: o.field_misses for o in out if o.field_misses}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--per-type", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "real_corpus.json")
    args = ap.parse_args()

    from classifiers import default_metadata, load_default
    from classifiers.openset import load_real_docs
    from classifiers.training import generate_pages, text_examples
    from pipeline.evaluate_real import cross_validated_outcomes, run_docs, summarise

    docs = load_real_docs()
    result: dict = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average": os.getloadavg(),
        "documents": len(docs),
        "pages": sum(len(d.pages) for d in docs),
        "folds": args.folds,
        "generated_pages_per_type": args.per_type,
        "seed": args.seed,
    }
    meta = default_metadata()
    shipped_saw_real = bool(meta.get("open_set", {}).get("real_documents"))
    t = time.process_time()
    clf = load_default()
    shipped = run_docs(docs, lambda d: clf)
    result["shipped"] = {**summarise(shipped), "trained_on_these_documents": shipped_saw_real,
                         "model_created": meta.get("created"),
                         "cpu_seconds": round(time.process_time() - t, 2)}

    # What the shipped threshold does to generated pages it never saw (held-out seed + 500).
    import numpy as np

    from classifiers.openset import item_decision

    held = [e for e in text_examples(generate_pages(args.seed + 500, 15), args.seed + 500, noisy_copies=1)
            if e.source == "noisy" and e.label != "other"]
    classes = [str(c) for c in clf.classes_]
    proba = np.asarray(clf.predict_proba([e.as_input() for e in held]))
    dec = [item_decision(classes, proba[i:i + 1]) for i in range(len(held))]
    thr = clf.reject_threshold
    result["shipped"]["generated_heldout_pages"] = len(held)
    result["shipped"]["generated_heldout_right"] = round(
        sum(t == e.label and (thr is None or p >= thr) for (t, p), e in zip(dec, held, strict=True))
        / len(held), 3)
    result["shipped"]["generated_heldout_rejected"] = round(
        sum(thr is not None and t != "other" and p < thr for t, p in dec) / len(held), 3)

    # Reading alone: every evidence document read as its labelled type.
    result["fields_given_type"] = fields_given_type([d for d in docs if d.is_evidence])

    base = text_examples(generate_pages(args.seed, args.per_type), args.seed)
    for name, reject in (("cv_closed", False), ("cv_open", True)):
        t = time.process_time()
        outcomes, thresholds = cross_validated_outcomes(base, docs, args.folds, args.seed, reject=reject)
        result[name] = {**summarise(outcomes), "thresholds": thresholds,
                        "cpu_seconds": round(time.process_time() - t, 2),
                        "wrong_auto_ok_items": [o.doc_id for o in outcomes if o.wrong_auto_ok],
                        "non_evidence_typed": {o.doc_id: o.pred_type for o in outcomes
                                               if o.strict_other and o.pred_type != "other"},
                        # every document's held-out outcome, to read the misses from
                        "per_document": {o.doc_id: [o.true_type, o.pred_type, round(o.type_confidence, 3),
                                                    o.status, sorted(o.flags)] for o in outcomes}}
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    seen = " (trained on them)" if shipped_saw_real else ""
    print(f"| measure | shipped{seen} | CV closed set | CV open set |")
    print("|---|---|---|---|")
    for row in ROWS:
        cells = " | ".join(str(result[k].get(row)) for k in ("shipped", "cv_closed", "cv_open"))
        print(f"| {row} | {cells} |")
    print(f"thresholds: {result['cv_open']['thresholds']}")
    sh = result["shipped"]
    print(f"shipped model on {sh['generated_heldout_pages']} held-out generated evidence pages: right and "
          f"accepted {sh['generated_heldout_right']}, "
          f"rejected as uncertain {sh['generated_heldout_rejected']}")
    fg = result["fields_given_type"]
    print(f"deciding fields with the type given: {fg['deciding_fields']} of {fg['n']}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
