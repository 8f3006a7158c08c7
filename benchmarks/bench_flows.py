"""Prefect's overhead per page: the ``process_batch`` flow against the plain run of the same stages.

Plain script: ``.venv/bin/python benchmarks/bench_flows.py [--applicants N] [--repeat R] [--out FILE]``.

1. Generates a batch of about 100 pages (seed 7150) into ``benchmarks/out/``.
2. Warms the OCR page cache with one plain run (timed: that is the OCR throughput, the figure the
   sizing in docs/deployment.md uses).
3. Times, ``--repeat`` times each, alternating, each into a fresh SQLite database, OCR cache warm for
   both: the plain run (``pipeline.process.process_batch``, as ``cehours process``) and the flow
   (``pipeline.flows.process_batch``, Prefect result cache off so every OCR task really runs).
   One Prefect server (the test harness) serves every flow run; its start is not counted.
4. Writes the figures to ``benchmarks/results/flows.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

ROOT = Path(__file__).resolve().parents[1]
SEED = 7150  # benchmark batch (flows: 7100-7199, never a training seed)


def count_pages(batch: Path) -> int:
    lines = (batch / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return sum(len(json.loads(ln).get("pages", [])) for ln in lines if ln.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--applicants", type=int, default=7)  # about 100 pages
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "flows.md")
    args = ap.parse_args()

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    work = ROOT / "benchmarks" / "out" / "flows"
    work.mkdir(parents=True, exist_ok=True)
    os.environ["CEHOURS_HOME"] = str(work / "data")
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="prefect-bench-"))
    # before Prefect is imported: its server takes 15-30 s to start here; no telemetry offline
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

    from sample_docs.generate import generate_batch

    batch = work / f"batch-{SEED}-{args.applicants}"
    if not (batch / "truth.jsonl").is_file():
        t = time.monotonic()
        generate_batch(batch, seed=SEED, applicants=args.applicants, overwrite=True)
        print(f"generated {batch} in {time.monotonic() - t:.0f} s", flush=True)
    pages = count_pages(batch)
    print(f"{pages} pages", flush=True)

    from pipeline import process

    def plain(tag: str) -> float:
        url = f"sqlite:///{work / f'plain-{tag}.db'}"
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        t = time.monotonic()
        process.process_batch(batch, db_url=url, workers=args.workers)
        return time.monotonic() - t

    cold_file = work / "cold.json"  # the cold run is kept: it costs half an hour on 2 busy cores
    cold = json.loads(cold_file.read_text())["seconds"] if cold_file.is_file() else None
    if not (work / "data" / "ocr-cache").exists() or cold is None:
        cold = plain("cold")
        cold_file.write_text(json.dumps({"seconds": cold, "pages": pages, "workers": args.workers}))
        print(f"cold plain run (OCR): {cold:.1f} s", flush=True)

    from prefect.testing.utilities import prefect_test_harness

    import pipeline.flows as flows

    inside: list[float] = []  # seconds from the flow body's start to its end (summary.seconds)

    def flowrun(tag: str, prefect_cache: bool = False) -> float:
        url = f"sqlite:///{work / f'flow-{tag}.db'}"
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        t = time.monotonic()
        summary = flows.process_batch(str(batch), db_url=url, prefect_cache=prefect_cache)
        inside.append(summary.seconds)
        return time.monotonic() - t

    plain_s, flow_s = [], []
    with prefect_test_harness(server_startup_timeout=None):
        flowrun("warmup")  # first flow run in a process pays imports and client set-up
        inside.clear()
        for i in range(args.repeat):
            plain_s.append(plain(str(i)))
            flow_s.append(flowrun(str(i)))
            print(f"run {i}: plain {plain_s[-1]:.2f} s, flow {flow_s[-1]:.2f} s", flush=True)
        body = list(inside)
        cached = flowrun("prefect-cache", prefect_cache=True)  # fills the Prefect cache
        cached = flowrun("prefect-cache-hit", prefect_cache=True)

    p, f, b = statistics.median(plain_s), statistics.median(flow_s), statistics.median(body)
    over = (f - p) / p * 100
    lines = [
        "# Prefect flow overhead (benchmarks/bench_flows.py)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work (load average at the end: "
        f"{os.getloadavg()[0]:.1f}); Python {platform.python_version()}, Prefect "
        f"{__import__('prefect').__version__}, SQLite.",
        "",
        f"Batch: `generate_batch(seed={SEED}, applicants={args.applicants})`, {pages} pages. "
        f"OCR page cache **warm for both** runs (the comparison is orchestration, not OCR); the "
        f"flow's Prefect result cache off, so every OCR task runs. Plain: {args.workers} OCR worker "
        f"processes; flow: {flows.FLOW_THREADS} threads. Median of {args.repeat} alternating runs, each "
        "into a fresh database; one Prefect server (test harness) for all flow runs, its start not counted.",
        "",
        "| run | seconds (median) | per page | runs |",
        "|---|---|---|---|",
        f"| plain `pipeline.process.process_batch` | {p:.2f} | {p / pages * 1000:.0f} ms | "
        f"{', '.join(f'{x:.2f}' for x in plain_s)} |",
        f"| Prefect flow `pipeline.flows.process_batch` | {f:.2f} | {f / pages * 1000:.0f} ms | "
        f"{', '.join(f'{x:.2f}' for x in flow_s)} |",
        f"| the same flow runs, inside the flow body | {b:.2f} | {b / pages * 1000:.0f} ms | "
        f"{', '.join(f'{x:.2f}' for x in body)} |",
        f"| flow, Prefect OCR cache hit (2nd run) | {cached:.2f} | {cached / pages * 1000:.0f} ms | 1 |",
        "",
        f"**Overhead, whole flow run: {f - p:+.2f} s per batch, {(f - p) / pages * 1000:+.0f} ms per page, "
        f"{over:+.1f} %**; inside the flow body (tasks, their states, retries' bookkeeping): "
        f"{b - p:+.2f} s, {(b - p) / pages * 1000:+.0f} ms per page, {(b - p) / p * 100:+.1f} %. "
        "Goal: under 10 %. The rest is creating and closing the flow run with the API server.",
        "",
    ]
    if cold is not None:
        lines += [
            f"Cold plain run (OCR with the default engine, {args.workers} worker processes): {cold:.1f} s, "
            f"{pages / cold:.3f} pages/s, {pages / cold / args.workers:.3f} pages/s per core (load average "
            "17-21 from other work during that run).",
            "",
            f"Against a cold run, the whole flow's overhead of {(f - p) / pages * 1000:.0f} ms per page is "
            f"{(f - p) / cold * 100:.1f} % of that run's {cold / pages:.1f} s per page (derived: the flow "
            "itself was not timed cold, which would take another half hour here). With a warm cache, "
            f"where the plain run costs {p / pages * 1000:.0f} ms per page, the task runs (one per file, "
            f"one per item, 5 single ones) add {b - p:.1f} s in the flow body and creating and closing "
            f"the flow run with the API server {f - b:.1f} s.",
            "",
        ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
