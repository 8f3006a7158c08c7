"""Prefect's overhead per page: the ``process_batch`` flow against the plain run of the same steps.

Plain script: ``.venv/bin/python benchmarks/bench_flows.py --mode cold|warm [--applicants N]
[--repeat R] [--engine E]``. Each mode rewrites its own section of ``benchmarks/results/flows.md``.

cold (what a page costs in production): OCR really happens. Each run, plain and flow alternating,
gets a fresh data dir (content store, OCR page cache, Prefect results) and a fresh SQLite
database; same engine, same number of OCR worker processes (every core). A small warm-up flow
run first pays Prefect's imports and client set-up, as a long-running watcher does once.

warm (Prefect's fixed cost against an almost free run): the OCR page cache is filled once, then
both runs find every page in it; the flow's Prefect result cache is off so every OCR task runs.

One Prefect server (the test harness) serves every flow run; its start is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

ROOT = Path(__file__).resolve().parents[1]
SEED = 7150  # benchmark batch (flows: 7100-7199, never a training seed)
WARMUP_SEED = 7151


def count_pages(batch: Path) -> int:
    lines = (batch / ".truth.jsonl").read_text(encoding="utf-8").splitlines()
    return sum(len(json.loads(ln).get("pages", [])) for ln in lines if ln.strip())


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def write_section(out: Path, mode: str, lines: list[str]) -> None:
    """Replace this mode's section of the results file, keeping the other one."""
    head = "# Prefect flow overhead (benchmarks/bench_flows.py)\n\n"
    text = out.read_text(encoding="utf-8") if out.is_file() else head
    if not text.startswith(head):  # an older layout: start over
        text = head
    block = f"<!-- {mode} -->\n" + "\n".join(lines) + f"\n<!-- /{mode} -->\n"
    pattern = re.compile(rf"<!-- {mode} -->\n.*?<!-- /{mode} -->\n", re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text + "\n" + block
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("cold", "warm"), default="cold")
    ap.add_argument("--applicants", type=int, default=None, help="cold: 8 (125 pages); warm: 7 (~100)")
    ap.add_argument("--repeat", type=int, default=None, help="cold: 2; warm: 5")
    ap.add_argument("--engine", default="rapidocr")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "flows.md")
    args = ap.parse_args()
    cold = args.mode == "cold"
    applicants = args.applicants or (8 if cold else 7)
    repeat = args.repeat or (2 if cold else 5)

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    work = ROOT / "benchmarks" / "out" / "flows"
    work.mkdir(parents=True, exist_ok=True)
    os.environ["CEHOURS_HOME"] = str(work / "data")
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="prefect-bench-"))
    # before Prefect is imported: its server takes 15-30 s to start here; no telemetry offline
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

    from sample_docs.generate import generate_batch

    def batch_of(seed: int, n: int) -> Path:
        b = work / f"batch-{seed}-{n}"
        if not (b / ".truth.jsonl").is_file():
            generate_batch(b, seed=seed, applicants=n, overwrite=True)
        return b

    def tiny_batch() -> Path:
        """Two plain items: enough to warm Prefect up at the cost of a few pages of OCR."""
        b = work / f"batch-{WARMUP_SEED}-tiny"
        if not (b / ".truth.jsonl").is_file():
            types = ("patent_certificate", "award_certificate")
            generate_batch(
                b,
                seed=WARMUP_SEED,
                applicants=1,
                items_per_applicant=(2, 2),
                types=types,
                specials=False,
                overwrite=True,
            )
        return b

    batch = batch_of(SEED, applicants)
    pages = count_pages(batch)
    print(f"{pages} pages, load {load()}", flush=True)

    from pipeline import process

    def home(tag: str) -> Path:
        """Cold: a fresh data dir for this run. Warm: the shared one, its OCR cache filled."""
        h = fresh(work / f"home-{tag}") if cold else work / "data"
        os.environ["CEHOURS_HOME"] = str(h)
        return h

    def db(tag: str) -> str:
        path = work / f"{tag}.db"
        for p in work.glob(f"{tag}.db*"):
            p.unlink()
        return f"sqlite:///{path}"

    def plain(tag: str) -> float:
        home(tag)
        url = db(f"plain-{tag}")
        t = time.monotonic()
        process.process_batch(batch, db_url=url, engine=args.engine)
        return time.monotonic() - t

    if not cold:  # fill the OCR cache both runs then read from
        plain("fill")

    from prefect.testing.utilities import prefect_test_harness

    import pipeline.flows as flows

    inside: list[float] = []  # seconds from the flow body's start to its end (summary.seconds)

    def flowrun(tag: str, b: Path = batch, prefect_cache: bool = cold) -> float:
        home(tag)
        url = db(f"flow-{tag}")
        t = time.monotonic()
        summary = flows.process_batch(str(b), db_url=url, engine=args.engine, prefect_cache=prefect_cache)
        inside.append(summary.seconds)
        return time.monotonic() - t

    plain_s, flow_s = [], []
    loads = [load()]
    with prefect_test_harness(server_startup_timeout=None):
        # first flow run in a process pays imports and client set-up (a watcher pays it once)
        flowrun("warmup", tiny_batch() if cold else batch)
        inside.clear()
        for i in range(repeat):
            plain_s.append(plain(f"{args.mode}-{i}"))
            loads.append(load())
            flow_s.append(flowrun(f"{args.mode}-{i}"))
            loads.append(load())
            print(f"run {i}: plain {plain_s[-1]:.2f} s, flow {flow_s[-1]:.2f} s, load {load()}", flush=True)
        body = list(inside)
        hit = None
        if not cold:
            flowrun("prefect-cache", prefect_cache=True)  # fills the Prefect cache
            hit = flowrun("prefect-cache-hit", prefect_cache=True)

    p, f, b = statistics.median(plain_s), statistics.median(flow_s), statistics.median(body)
    over = (f - p) / p * 100
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    runs = f"median of {repeat} alternating runs" if repeat > 1 else "one run each, plain first"
    if cold:
        setup = (
            f"**Cold**: OCR really happens. Batch `generate_batch(seed={SEED}, applicants={applicants})`, "
            f"{pages} pages, engine `{args.engine}` for both, {os.cpu_count()} OCR worker processes for both "
            "(plain: `cehours process`'s pool; flow: the same pool inside each OCR task). Each run gets a "
            f"fresh data dir (store, OCR page cache, Prefect results) and database; {runs}."
        )
    else:
        setup = (
            f"**Warm**: batch `generate_batch(seed={SEED}, applicants={applicants})`, {pages} pages, "
            "OCR page cache warm for both runs (the comparison is orchestration, not OCR); the flow's "
            f"Prefect result cache off, so every OCR task runs; {runs}, each into a fresh database."
        )
    lines = [
        f"## {'Cold run: what a page costs in production' if cold else 'Warm OCR cache: Prefect fixed cost'}",
        "",
        f"Measured {when} on {platform.machine()}, {os.cpu_count()} cores "
        f"(load average 1/5/15 min during the runs: {', '.join(loads)}); Python {platform.python_version()}, "
        f"Prefect {__import__('prefect').__version__}, SQLite. {setup} One Prefect server (test harness) for "
        "all flow runs, its start and a first warm-up flow run not counted.",
        "",
        "| run | seconds | per page | runs |",
        "|---|---|---|---|",
        f"| plain `pipeline.process.process_batch` | {p:.2f} | {p / pages * 1000:.0f} ms | "
        f"{', '.join(f'{x:.2f}' for x in plain_s)} |",
        f"| Prefect flow `pipeline.flows.process_batch` | {f:.2f} | {f / pages * 1000:.0f} ms | "
        f"{', '.join(f'{x:.2f}' for x in flow_s)} |",
        f"| the same flow runs, inside the flow body | {b:.2f} | {b / pages * 1000:.0f} ms | "
        f"{', '.join(f'{x:.2f}' for x in body)} |",
    ]
    if hit is not None:
        lines.append(f"| flow, Prefect OCR cache hit | {hit:.2f} | {hit / pages * 1000:.0f} ms | 1 |")
    lines += [
        "",
        f"**Overhead, whole flow run: {f - p:+.2f} s per batch, {(f - p) / pages * 1000:+.0f} ms per page, "
        f"{over:+.1f} %** (goal: under 10 % — {'met' if over < 10 else 'missed'}); inside the flow body: "
        f"{b - p:+.2f} s, {(b - p) / pages * 1000:+.0f} ms per page, {(b - p) / p * 100:+.1f} %.",
        "",
    ]
    write_section(args.out, args.mode, lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
