"""How fast the page-type model loads and classifies, and how fast ``read_item`` is without OCR.

Plain script: ``.venv/bin/python benchmarks/bench_classifier.py [--pages N]``.
Prints the artifact size, cold load time (fresh process) and warm load time, pages classified per
second (one at a time and in a batch), and read_item milliseconds per item (classification +
extraction, pages from the generator's true text with OCR noise, test seed 90).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from classifiers import DEFAULT_MODEL, EvidenceTypeClassifier
from classifiers.samples import generated_item
from classifiers.training import generate_pages, text_examples


def cold_load_seconds() -> float:
    """Import + load in a fresh interpreter, as the first item of a run pays it."""
    code = ("import time; t=time.perf_counter(); from classifiers import load_default; load_default(); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=3, help="generated pages per type to classify")
    a = ap.parse_args()

    print(f"artifact: {DEFAULT_MODEL.stat().st_size / 1e6:.2f} MB")
    print(f"cold import+load: {cold_load_seconds():.2f} s")
    t = time.perf_counter()
    model = EvidenceTypeClassifier.load(DEFAULT_MODEL)
    print(f"warm load: {time.perf_counter() - t:.3f} s")

    X = [e.as_input() for e in text_examples(generate_pages(90, a.pages), 90, noisy_copies=0)]
    t = time.perf_counter()
    for x in X:
        model.predict_proba([x])
    one = time.perf_counter() - t
    t = time.perf_counter()
    model.predict_proba(X)
    batch = time.perf_counter() - t
    print(f"{len(X)} pages: {len(X) / one:.0f} pages/s one at a time, "
          f"{len(X) / batch:.0f} pages/s in a batch")

    from pipeline.types import ItemSource
    from pipeline.understand import read_item

    kinds = ["journal_paper", "training_certificate", "patent_certificate", "aid_assignment", "other"]
    items = [generated_item(t, 90 + i) for i, t in enumerate(kinds)]
    t = time.perf_counter()
    for _, pages, applicant in items:
        read_item(ItemSource("A001", "A001/x", []), pages, applicant, classifier=model)
    print(f"read_item: {1000 * (time.perf_counter() - t) / len(items):.1f} ms per item (no OCR)")


if __name__ == "__main__":
    main()
