"""RapidOCR's two inference backends side by side, on the same pages, in one run.

    .venv/bin/python -m benchmarks.bench_ocr_backends [--per-profile 4] [--batch DIR]
                                                       [--engines rapidocr-onnx,rapidocr-openvino]
    .venv/bin/python -m benchmarks.bench_ocr_backends --end-to-end-only --batch DIR [--engines E]

Per engine, in a fresh process, one thread, the generated evaluation pages (seed 23) through
``reader.ocr_image`` (preprocessing and orientation included): start-up (process start to the
engine loaded, CPU and wall), CPU s/page, peak memory (VmHWM) and resident memory after the
last page (heap trimmed, as a worker does), CER by subset, and how alike the backends' texts are.
Then the OCR stage on 2 workers (``read_files``, no cache) and the raw ``tesseract`` command over
the same pages. With ``--batch``: ``cehours process`` over a generated batch, cold, per engine,
against the raw command over the same image pages (every page OCR reads, rendered once).
The machine may be shared: CPU seconds are the main figures; the load average is printed.

``--end-to-end-only`` (a few minutes): only the last part, for the default engine unless
``--engines`` says otherwise, written to benchmarks/results/ocr-end-to-end.md: the raw command
and ``cehours process`` each timed in wall clock and CPU seconds in one run, so the wall ratio
(meaningful on a quiet machine) and the CPU ratio (meaningful on any) stand side by side.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "ocr-backends.md"
END_TO_END = ROOT / "benchmarks" / "results" / "ocr-end-to-end.md"


def single(engine: str, folder: Path) -> dict:
    """Run in a fresh process: start-up, per-page CPU, memory and texts of one engine."""
    from PIL import Image

    from pipeline.ocr.engines import get_engine
    from pipeline.ocr.reader import ocr_image
    from pipeline.ocr.worker import heap_trimmer

    get_engine(engine)
    me = resource.getrusage(resource.RUSAGE_SELF)
    startup_cpu = me.ru_utime + me.ru_stime  # interpreter, imports, models loaded
    startup_wall = time.time() - float(os.environ["BENCH_T0"])
    trim = heap_trimmer()
    texts, cpu = {}, []
    for row in _truth(folder):
        image = Image.open(folder / row["file"]).convert("RGB")
        c = time.process_time()
        texts[row["file"]] = ocr_image(image, engine).text
        cpu.append(time.process_time() - c)
        trim()
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {"engine": engine, "startup_cpu": startup_cpu, "startup_wall": startup_wall,
            "cpu_per_page": sum(cpu) / len(cpu), "peak_mb": int(status["VmHWM"].split()[0]) / 1024,
            "rss_after_mb": int(status["VmRSS"].split()[0]) / 1024, "texts": texts}


def _truth(folder: Path) -> list[dict]:
    from benchmarks.ocr_samples import load_truth

    return load_truth(folder)


def run_single(engine: str, folder: Path) -> dict:
    env = dict(os.environ, BENCH_T0=str(time.time()), OMP_NUM_THREADS="1", OMP_THREAD_LIMIT="1")
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_ocr_backends", "--single", engine,
                          "--folder", str(folder)], capture_output=True, text=True, cwd=ROOT, env=env)
    if out.returncode:
        raise SystemExit(f"{engine}: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def pool_run(engine: str, folder: Path, workers: int) -> tuple[float, float]:
    """(wall s/page, CPU s/page incl. workers) for the OCR stage on ``workers`` workers, no cache."""
    from benchmarks.bench_ocr import cpu_seconds, stored
    from pipeline.ocr import read_files

    files = [stored(folder / r["file"]) for r in _truth(folder)]
    t0, c0 = time.perf_counter(), cpu_seconds()
    pages = read_files(files, engine=engine, workers=workers, cache_dir=False)
    assert not [p for ps in pages.values() for p in ps if p.error], "a page failed"
    return (time.perf_counter() - t0) / len(files), (cpu_seconds() - c0) / len(files)


def batch_images(batch: Path, out: Path) -> list[Path]:
    """Every page of ``batch`` that OCR reads (no text layer), as a PNG: the raw command's input."""
    from benchmarks.bench_ocr import stored
    from pipeline.ocr.sources import PageSourceError, close_documents, load_page, page_count

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in sorted(p for p in batch.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if f.suffix.lower() not in {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp",
                                    ".gif", ".heic"}:
            continue
        sf = stored(f)
        try:
            for i in range(page_count(sf)):
                src = load_page(sf, i)
                if src.lines is None and src.image is not None:
                    paths.append(out / f"{len(paths):04d}.png")
                    src.image.save(paths[-1])
        except PageSourceError:
            continue
    close_documents()
    return paths


def process_run(batch: Path, engine: str) -> tuple[float, float]:
    """(wall, CPU incl. children) seconds of ``cehours process`` on ``batch``, cold cache, fresh db."""
    home = Path(tempfile.mkdtemp(prefix="bench-backends-home-"))
    env = dict(os.environ, CEHOURS_HOME=str(home), CEHOURS_DB=f"sqlite:///{home / 'c.db'}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    cmd = [str(Path(sys.executable).parent / "cehours"), "process", str(batch.resolve()), "--engine", engine]
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True, cwd=home)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(home, ignore_errors=True)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def end_to_end(batch: Path, engines: list[str]) -> list[str]:
    """Markdown lines: ``cehours process`` over ``batch`` (cold) per engine against the raw
    command over the same image pages, by wall clock and by CPU seconds of all processes."""
    from benchmarks.bench_ocr import raw_tesseract

    work = Path(tempfile.mkdtemp(prefix="bench-backends-pages-"))
    try:
        images = batch_images(batch, work)
        load = os.getloadavg()[0]
        raw_wall, raw_cpu = raw_tesseract(images)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    m, cores = len(images), os.cpu_count() or 1
    lines = [f"End to end: `cehours process {batch.name}` (cold cache, fresh database, {cores} OCR "
             f"workers) against the raw `tesseract` command over the same {m} image pages (1 thread, "
             f"one page at a time): raw {raw_wall:.1f} s wall, {raw_cpu:.1f} CPU s "
             f"({raw_cpu / m:.2f} CPU s/page). Load average {load:.1f} before the runs.", "",
             "| engine | wall s | CPU s (all processes) | CPU s per image page | wall vs raw | CPU vs raw "
             f"(x{cores} cores: the wall ratio on an idle machine) |", "|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    for e in engines:
        wall, cpu = process_run(batch, e)
        lines.append(f"| {e} | {wall:.1f} | {cpu:.1f} | {cpu / m:.2f} | {raw_wall / wall:.2f}x | "
                     f"{raw_cpu / cpu:.2f}x (→ {cores * raw_cpu / cpu:.2f}x) |")
        print(lines[-1], flush=True)
    lines.append(f"\nLoad average after: {os.getloadavg()[0]:.1f}.")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description="RapidOCR backends side by side")
    ap.add_argument("--per-profile", type=int, default=4)
    ap.add_argument("--engines", help="default: rapidocr-onnx,rapidocr-openvino; the default engine "
                    "with --end-to-end-only")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=Path, help="also: cehours process over this generated batch")
    ap.add_argument("--end-to-end-only", action="store_true",
                    help="only cehours process over --batch against the raw command (default engine)")
    ap.add_argument("--single", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.single:
        print(json.dumps(single(a.single, a.folder)))
        return
    if a.end_to_end_only:
        if a.batch is None:
            raise SystemExit("--end-to-end-only needs --batch DIR (`cehours samples generate DIR --seed 43`)")
        from pipeline.ocr.engines import concrete_engine

        engines = a.engines.split(",") if a.engines else [concrete_engine("auto")]
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        text = "\n".join([f"# OCR end to end ({started})", "", *end_to_end(a.batch, engines)]) + "\n"
        END_TO_END.parent.mkdir(parents=True, exist_ok=True)
        END_TO_END.write_text(text, encoding="utf-8")
        return

    from benchmarks.bench_ocr import EVAL_SEED, OUT, raw_tesseract
    from benchmarks.ocr_eval import cer
    from benchmarks.ocr_samples import make_eval_set

    folder = OUT / f"ocr-eval-{EVAL_SEED}-{a.per_profile}"
    if not (folder / "truth.jsonl").is_file():
        make_eval_set(folder, EVAL_SEED, a.per_profile)
    truth = _truth(folder)
    n = len(truth)
    engines = (a.engines or "rapidocr-onnx,rapidocr-openvino").split(",")
    load = [os.getloadavg()[0]]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    singles = {e: run_single(e, folder) for e in engines}
    load.append(os.getloadavg()[0])
    pools = {e: pool_run(e, folder, a.workers) for e in engines}
    load.append(os.getloadavg()[0])
    raw_wall, raw_cpu = raw_tesseract([folder / r["file"] for r in truth])
    load.append(os.getloadavg()[0])

    subsets = ["all", *sorted({r["subset"] for r in truth})]
    lines = [f"# RapidOCR backends ({started})", "",
             f"{n} generated pages (evaluation seed {EVAL_SEED}, {a.per_profile} per profile), "
             f"{os.cpu_count()} cores, load average {' / '.join(f'{x:.1f}' for x in load)} "
             "(before / after the single-process runs / after the pool runs / after the raw command).",
             "", "| engine | start-up CPU s (wall s) | CPU s/page, 1 thread | peak MB | MB after trim | "
             f"{a.workers} workers: wall s/page | {a.workers} workers: CPU s/page | "
             + " | ".join(f"CER {s}" for s in subsets) + " |",
             "|---|---|---|---|---|---|---|" + "---|" * len(subsets)]
    for e in engines:
        s = singles[e]
        by: dict[str, list[float]] = {}
        for r in truth:
            c = cer(s["texts"][r["file"]], r["text"])
            by.setdefault(r["subset"], []).append(c)
            by.setdefault("all", []).append(c)
        lines.append(f"| {e} | {s['startup_cpu']:.2f} ({s['startup_wall']:.2f}) | {s['cpu_per_page']:.3f} | "
                     f"{s['peak_mb']:.0f} | {s['rss_after_mb']:.0f} | {pools[e][0]:.2f} | "
                     f"{pools[e][1]:.3f} | "
                     + " | ".join(f"{sum(by[x]) / len(by[x]):.4f}" for x in subsets) + " |")
    lines.append(f"| raw `tesseract` command, 1 thread, 1 page at a time | — | {raw_cpu / n:.3f} | — | — | "
                 f"{raw_wall / n:.2f} | {raw_cpu / n:.3f} |" + " |" * len(subsets))
    if len(engines) == 2:
        x, y = (singles[e]["texts"] for e in engines)
        ratios = [difflib.SequenceMatcher(None, x[k], y[k]).ratio() for k in x]
        same = sum(1 for k in x if x[k] == y[k])
        lines += ["", f"Text of {engines[0]} against {engines[1]}: mean difflib ratio "
                  f"{sum(ratios) / len(ratios):.4f}, {same} of {n} pages identical, lowest "
                  f"{min(ratios):.3f}."]
    print("\n".join(lines), flush=True)  # the first part stands on its own if the second fails
    if a.batch:
        lines += ["", *end_to_end(a.batch, engines)]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
