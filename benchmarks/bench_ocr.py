"""OCR stage speed, accuracy and memory, as a Markdown table (also written to results/ocr.md).

    .venv/bin/python -m benchmarks.bench_ocr [--per-profile 4] [--memory-pages 500]

(a) the raw ``tesseract`` command, one page at a time, one thread (OMP_THREAD_LIMIT=1);
(b) cehours' OCR stage (``read_files``, every core) with the tesseract engine and the default;
(c) the same run again, served by the cache; (d) a 100-page born-digital PDF (text layer);
CER per engine on generated pages with ground truth (evaluation seed 23), overall and on the
scan / low-res / rotated / photo subsets; peak memory of a large batch (run in a subprocess).
The machine is shared: the load average before and after is printed with the results.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

# The page generator (sample_docs: OpenCV, pypinyin, ...) is imported where it is used, not here:
# the 500-page memory run's caller is meant to hold what the OCR stage's caller holds (~41 MB of
# imports), and with the generator imported it held ~80 MB more (docs/ocr.md).
from pipeline.ocr import read_files
from pipeline.ocr.engines import concrete_engine
from pipeline.types import StoredFile

OUT = Path(__file__).resolve().parent / "out"
RESULTS = Path(__file__).resolve().parent / "results" / "ocr.md"
EVAL_SEED = 23


def stored(path: Path) -> StoredFile:
    data = path.read_bytes()
    ext = path.suffix.lstrip(".").lower()
    kind = {"jpg": "jpeg", "tif": "tiff"}.get(ext, ext)
    return StoredFile(hashlib.sha256(data).hexdigest(), path.name, len(data), kind, str(path))


def cpu_seconds() -> float:
    """CPU time of this process and its ended children (tesseract commands, OCR workers):
    unlike wall clock it does not depend on what else the shared machine is doing."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def raw_tesseract(paths: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds for the plain command over every page, one after the other, one thread."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0, c0 = time.perf_counter(), cpu_seconds()
    for p in paths:
        subprocess.run(["tesseract", str(p), "stdout", "-l", "chi_sim+eng"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0, cpu_seconds() - c0


def timed_read(files: list[StoredFile], engine: str, cache: Path | bool) -> tuple[float, dict, float]:
    """(wall seconds, pages, CPU seconds incl. the workers, which have ended when it returns)."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    pages = read_files(files, engine=engine, cache_dir=cache)
    return time.perf_counter() - t0, pages, cpu_seconds() - c0


def memory_run(n_pages: int, src_dir: Path, engine: str) -> dict[str, float]:
    """Peak memory of a batch of ``n_pages`` distinct pages (run in a fresh process by main).

    Two figures: the peak of the whole process tree's resident memory at any one moment
    (this process + its live OCR workers, sampled every 0.1 s): what the machine must have;
    and the sum of each process's own peak (VmHWM), an upper bound that assumes every worker
    peaks at the same moment.
    """
    import threading

    from PIL import Image

    from pipeline.ocr.worker import heap_trimmer

    work = Path(tempfile.mkdtemp(prefix="ocr-mem-"))
    sources = sorted(src_dir.glob("*.jpg"))
    if not sources:
        raise SystemExit(f"no page images in {src_dir}: run `python -m benchmarks.bench_ocr` once first "
                         "(it draws them), or pass --memory-pages with it")
    files = []
    for i in range(n_pages):
        im = Image.open(sources[i % len(sources)]).convert("RGB")
        im.putpixel((i % im.width, 0), (i % 256, 0, 0))  # distinct content, distinct hash
        path = work / f"p{i:04d}.jpg"
        im.save(path, quality=80)
        files.append(stored(path))
    del im
    # What decoding and re-encoding the 500 source pages left in this process's heap is the
    # benchmark's own preparation, not the OCR stage's caller: hand it back before measuring.
    heap_trimmer()()
    t0 = time.perf_counter()
    tree_peak = 0.0
    worker_peaks: dict[str, float] = {}  # pid -> VmHWM, workers come and go (recycling)
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not stop.is_set():
            mine = _status_mb(str(os.getpid()))
            kids = {pid: _status_mb(pid) for pid in _children()}
            for pid, (_rss, hwm) in kids.items():
                worker_peaks[pid] = max(worker_peaks.get(pid, 0.0), hwm)
            tree_peak = max(tree_peak, mine[0] + sum(rss for rss, _ in kids.values()))
            stop.wait(0.1)

    def progress(done: int, total: int) -> None:
        # a progress line on stderr, so a run cut short still says how far memory went
        if done % 50 and done != total:
            return
        print(f"{time.strftime('%H:%M:%S')} {done}/{total} pages, tree peak so far {tree_peak:.0f} MB, "
              f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    pages = read_files(files, engine=engine, cache_dir=False, progress=progress)
    secs = time.perf_counter() - t0
    stop.set()
    sampler.join()
    shutil.rmtree(work, ignore_errors=True)
    errors = sum(1 for ps in pages.values() for p in ps if p.error)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ended_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest ended worker
    worker_mb = max([ended_mb, *worker_peaks.values()])
    workers = os.cpu_count() or 1
    return {"pages": n_pages, "seconds": secs, "errors": errors, "parent_mb": self_mb,
            "worker_mb": worker_mb, "tree_peak_mb": tree_peak,
            "sum_of_peaks_mb": self_mb + workers * worker_mb, "workers": workers,
            "worker_processes": len(worker_peaks)}


def _children() -> list[str]:
    pids: list[str] = []
    for task in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        try:
            pids += task.read_text().split()
        except OSError:
            continue
    return pids


def _status_mb(pid: str) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB; zeros once it has gone (Linux /proc)."""
    rss = hwm = 0.0
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return rss, hwm
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) / 1024
    return rss, hwm


def cer_by_subset(truth: list[dict], folder: Path, pages: dict) -> dict[str, float]:
    from benchmarks.ocr_eval import cer

    by: dict[str, list[float]] = defaultdict(list)
    for row in truth:
        f = stored(folder / row["file"])
        (page,) = pages[f.sha256]
        c = cer(page.text, row["text"])
        by[row["subset"]].append(c)
        by["all"].append(c)
    return {k: sum(v) / len(v) for k, v in by.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description="OCR stage benchmark")
    ap.add_argument("--per-profile", type=int, default=4, help="pages per degradation profile")
    ap.add_argument("--memory-pages", type=int, default=0, help="also measure peak memory on N pages")
    ap.add_argument("--memory-only", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="auto", help=argparse.SUPPRESS)
    ap.add_argument("--engines", default="tesseract,auto", help="engines for (b) and (c), comma-separated")
    a = ap.parse_args()

    folder = OUT / f"ocr-eval-{EVAL_SEED}-{a.per_profile}"
    if a.memory_only:  # before the page generator is imported (above)
        print(json.dumps(memory_run(a.memory_only, folder, a.engine)))
        return
    from benchmarks.ocr_samples import load_truth, make_eval_set, make_text_pdf

    if not (folder / "truth.jsonl").is_file():
        make_eval_set(folder, EVAL_SEED, a.per_profile)
    truth = load_truth(folder)
    paths = [folder / r["file"] for r in truth]
    files = [stored(p) for p in paths]
    n = len(files)
    load_before = os.getloadavg()
    rows: list[tuple[str, str, str]] = []

    raw, raw_cpu = raw_tesseract(paths)
    rows.append(("(a) raw `tesseract` CLI, 1 page at a time, 1 thread", f"{n / raw:.2f} pages/s",
                 f"{n} pages; {raw_cpu / n:.2f} CPU s/page"))
    cores = os.cpu_count() or 1
    cers: dict[str, dict[str, float]] = {}
    speeds: dict[str, float] = {}
    for engine in a.engines.split(","):
        cache = Path(tempfile.mkdtemp(prefix="ocr-bench-cache-"))
        cold, pages, cold_cpu = timed_read(files, engine, cache)
        warm, again, _ = timed_read(files, engine, cache)
        assert again == pages, "a cache hit must return identical pages"
        label = engine if engine != "auto" else f"default (auto = {concrete_engine(engine)})"
        speeds[engine] = n / cold
        rows.append((f"(b) cehours OCR stage, {label}, {os.cpu_count()} workers",
                     f"{n / cold:.2f} pages/s",
                     f"{(n / cold) / (n / raw):.2f}x (a); {cold_cpu / n:.2f} CPU s/page, i.e. "
                     f"{cores * raw_cpu / cold_cpu:.2f}x (a) with {cores} idle cores"))
        rows.append((f"(c) same again, cache hits, {label}", f"{n / warm:.1f} pages/s",
                     f"{cold / warm:.0f}x (b)"))
        cers[label] = cer_by_subset(truth, folder, pages)
        shutil.rmtree(cache, ignore_errors=True)

    pdf = OUT / "text-100.pdf"
    OUT.mkdir(parents=True, exist_ok=True)
    make_text_pdf(pdf, 100)
    secs, pages, _ = timed_read([stored(pdf)], "auto", False)
    engines = {p.engine for ps in pages.values() for p in ps}
    rows.append(("(d) born-digital PDF, 100 pages (text layer)", f"{100 / secs:.1f} pages/s",
                 "/".join(engines)))

    mem = None
    if a.memory_pages:
        cmd = [sys.executable, "-m", "benchmarks.bench_ocr", "--per-profile", str(a.per_profile),
               "--memory-only", str(a.memory_pages)]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
                             check=True)
        mem = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((f"peak memory, {mem['pages']} pages, default engine",
                     f"{mem['tree_peak_mb']:.0f} MB",
                     f"caller + live workers, sampled every 0.1 s; sum of each process's own peak "
                     f"{mem['sum_of_peaks_mb']:.0f} MB (caller {mem['parent_mb']:.0f} MB + "
                     f"{mem['workers']} x worker {mem['worker_mb']:.0f} MB, "
                     f"{mem['worker_processes']} worker processes in all); "
                     f"{mem['pages'] / mem['seconds']:.2f} pages/s, {mem['errors']} errors"))
    load_after = os.getloadavg()

    subsets = ["all", "scan", "low_res", "rotated", "photo"]
    counts = defaultdict(int)
    for r in truth:
        counts[r["subset"]] += 1
    counts["all"] = n
    lines = [
        f"# OCR benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"{n} generated pages (sample_docs, evaluation seed {EVAL_SEED}, "
        f"{a.per_profile} per degradation profile); "
        f"{os.cpu_count()} cores; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        "(the machine is shared: absolute speeds vary with it, ratios less).",
        "",
        "| measurement | result | note |",
        "|---|---|---|",
        *[f"| {a_} | {b_} | {c_} |" for a_, b_, c_ in rows],
        "",
        "Character error rate (edit distance / true length, NFKC, whitespace ignored; lower is better):",
        "",
        "| engine | " + " | ".join(f"{s} ({counts[s]})" for s in subsets) + " |",
        "|---|" + "---|" * len(subsets),
        *[f"| {eng} | " + " | ".join(f"{c.get(s, float('nan')):.3f}" for s in subsets) + " |"
          for eng, c in cers.items()],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
