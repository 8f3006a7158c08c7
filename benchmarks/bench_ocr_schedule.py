"""What the OCR pool's page order and read-ahead buy, from measured CPU per page (load-proof).

    .venv/bin/python -m benchmarks.bench_ocr_schedule --batch DIR [--workers 2] [--engine E]

Wall clock on the shared 2-core machine swings with other jobs, so this does not time the pool.
It reads every OCR page of a generated batch once, in one process, one thread (``read_page``,
no cache), records each page's CPU seconds and its pixel count (``page_pixels``), then replays
the batch's chunks (``file_chunks``) on ``workers`` ideal workers under three schedules:

- in file order, each chunk finished before the next starts (``cehours process`` before
  2026-12-06 04:00 UTC);
- largest page first within each chunk, chunks still one after the other;
- largest page first, an idle worker reading the next chunk ahead (``OcrPool.read_files(then=)``).

The makespans are quiet-machine seconds of OCR (start-up and the caller's work left out); the
perfect split is total CPU / workers. Also printed: the rank correlation between a page's pixels
and its CPU (the proxy the pool orders by).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

Job = tuple[str, int, int, float]  # file sha256, page_no, pixels, CPU s


def page_costs(batch: Path, engine: str) -> tuple[list[list[str]], list[Job]]:
    """The batch's OCR chunks (file sha256s, as ``cehours process`` cuts them) and every OCR page's cost."""
    from pipeline.intake import intake_batch
    from pipeline.ocr.engines import get_engine
    from pipeline.ocr.reader import read_page
    from pipeline.ocr.sources import close_documents, page_count, page_pixels, text_layer_page
    from pipeline.process import file_chunks

    os.environ["OMP_THREAD_LIMIT"] = os.environ["OMP_NUM_THREADS"] = "1"  # as in a worker
    with tempfile.TemporaryDirectory() as store:
        intake = intake_batch(batch, store_dir=Path(store))
        files = list({f.sha256: f for it in intake.items for f in it.files}.values())
        get_engine(engine)
        jobs: list[Job] = []
        for f in files:
            for p in range(page_count(f)):
                if text_layer_page(f, p) is not None:
                    continue
                c = time.process_time()
                page = read_page(f, p, engine, None, text_layer=False)
                jobs.append((f.sha256, p, page_pixels(f, p), time.process_time() - c))
                if page.error:
                    raise SystemExit(f"{f.rel_path} page {p + 1}: {page.error}")
        close_documents()
    return [[f.sha256 for f in c] for c in file_chunks(files, 2)], jobs


def makespan(lists: list[list[Job]], workers: int, barrier: bool) -> float:
    """Seconds until the last page is read, each job to the worker free first."""
    free = [0.0] * workers
    for jobs in lists if barrier else [[j for js in lists for j in js]]:
        if barrier:
            free = [max(free)] * workers
        for j in jobs:
            i = free.index(min(free))
            free[i] += j[3]
    return max(free)


def _ranks(v: list[float]) -> list[int]:
    order = sorted(range(len(v)), key=v.__getitem__)
    r = [0] * len(v)
    for k, i in enumerate(order):
        r[i] = k
    return r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=Path, required=True, help="`cehours samples generate DIR --seed 43`")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", default="rapidocr-openvino")
    a = ap.parse_args()
    load = os.getloadavg()[0]
    chunks, jobs = page_costs(a.batch, a.engine)
    by_file: dict[str, list[Job]] = {}
    for j in jobs:
        by_file.setdefault(j[0], []).append(j)
    in_order = [[j for sha in c for j in by_file.get(sha, [])] for c in chunks]
    largest = [sorted(js, key=lambda j: -j[2]) for js in in_order]
    total = sum(j[3] for j in jobs)
    print(f"{a.batch.name}: {len(jobs)} OCR pages in {len(chunks)} chunks, {total:.1f} CPU s "
          f"({total / len(jobs):.3f} per page), load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after; {a.workers} workers, perfect split {total / a.workers:.2f} s")
    print("| schedule | OCR makespan s | over the perfect split |\n|---|---|---|")
    for name, lists, barrier in (("file order, chunk after chunk", in_order, True),
                                 ("largest first, chunk after chunk", largest, True),
                                 ("largest first, next chunk read ahead", largest, False)):  # fmt: skip
        m = makespan(lists, a.workers, barrier)
        print(f"| {name} | {m:.2f} | +{m - total / a.workers:.2f} |")
    rho = statistics.correlation(_ranks([j[2] for j in jobs]), _ranks([j[3] for j in jobs]))
    print(f"\nRank correlation of a page's pixels with its CPU: {rho:.2f}")


if __name__ == "__main__":
    main()
