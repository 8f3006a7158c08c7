"""CPU time of field extraction alone on the real corpus (tests/data/real: 124 items, 150 pages).

    .venv/bin/python benchmarks/bench_extract_cpu.py

Every document is read for its labelled type (non-evidence ones as award certificates, the type
with the most fields), five times; the best pass is reported (process CPU time, so other jobs on
the machine disturb it less than wall clock). Run it on two checkouts to compare them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from classifiers.openset import doc_pages, load_real_docs
    from pipeline.extract import extract_fields
    from pipeline.types import Applicant

    items = [(d.evidence_type if d.evidence_type != "other" else "award_certificate", doc_pages(d),
              Applicant("R", d.applicant_name or "无名氏", eval_year=2025, title_level="senior"))
             for d in load_real_docs()]
    pages = sum(len(p) for _, p, _ in items)
    best = float("inf")
    for _ in range(5):
        t = time.process_time()
        for etype, p, a in items:
            extract_fields(etype, p, a)
        best = min(best, time.process_time() - t)
    print(f"extraction of {len(items)} items / {pages} pages: best of 5 {best * 1000:.0f} ms CPU, "
          f"{best / pages * 1000:.2f} ms/page")


if __name__ == "__main__":
    main()
