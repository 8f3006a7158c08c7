"""Recognition on OpenVINO (the default since 2026-12-06) against recognition on onnxruntime (the
default before), on the real corpus's local copies: how much of the text changes, and the CPU.

    .venv/bin/python -m benchmarks.bench_ocr_real [--limit N]

Needs ``sample_docs/real/files`` (``python -m sample_docs.real.rebuild``). The first page of
every file that OCR reads (no text layer), each configuration in a fresh process, one thread,
through ``reader.ocr_image`` (preprocessing and orientation included). There is no true text for
these pages: the figures are how alike the two reads are, and the lines that differ are printed
for a person to judge. The documents are other people's: nothing of them is written to results.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "sample_docs" / "real" / "files"
CONFIGS = ("rec-onnxruntime", "default")


def engine_for(config: str):  # type: ignore[no-untyped-def]
    """The default engine, or the same with recognition as it was before 2026-12-06: on
    onnxruntime (f32), each line at its own width."""
    from pipeline.ocr.engines import RapidOcrEngine

    engine = RapidOcrEngine("openvino")
    if config == "rec-onnxruntime":
        from rapidocr.inference_engine.onnxruntime import OrtInferSession

        rec = engine._ocr.text_rec
        cfg = rec.cfg.copy()
        cfg.engine_cfg = engine._ocr.cfg.EngineConfig.onnxruntime
        rec.session = OrtInferSession(cfg)
        del rec.resize_norm_img  # rapidocr's own: no padding to rec_width
    return engine


def pages(limit: int | None) -> list[Path]:
    from benchmarks.bench_ocr import stored
    from pipeline.ocr.sources import PageSourceError, close_documents, load_page

    out = []
    for f in sorted(FILES.iterdir()):
        try:
            src = load_page(stored(f), 0)
        except PageSourceError:
            continue
        if src.lines is None and src.image is not None:
            out.append(f)
    close_documents()
    return out[:limit] if limit else out


def single(config: str, limit: int | None) -> dict:
    from benchmarks.bench_ocr import stored
    from pipeline.ocr import engines
    from pipeline.ocr.reader import ocr_image
    from pipeline.ocr.sources import load_page
    from pipeline.ocr.worker import heap_trimmer

    engines._ENGINES["rapidocr-openvino"] = engine_for(config)
    trim, texts, cpu = heap_trimmer(), {}, 0.0
    for f in pages(limit):
        image = load_page(stored(f), 0, use_text_layer=False).image
        c = time.process_time()
        texts[f.name] = ocr_image(image, "rapidocr-openvino").text
        cpu += time.process_time() - c
        trim()
    return {"config": config, "cpu_per_page": cpu / max(1, len(texts)), "texts": texts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--single", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.single:
        print(json.dumps(single(a.single, a.limit), ensure_ascii=False))
        return
    if not FILES.is_dir():
        raise SystemExit(f"{FILES} is missing: python -m sample_docs.real.rebuild")
    env = dict(os.environ, OMP_NUM_THREADS="1", OMP_THREAD_LIMIT="1")
    load = [os.getloadavg()[0]]
    runs = {}
    for c in CONFIGS:
        cmd = [sys.executable, "-m", "benchmarks.bench_ocr_real", "--single", c]
        cmd += ["--limit", str(a.limit)] if a.limit else []
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
        runs[c] = json.loads(out.stdout.strip().splitlines()[-1])
        load.append(os.getloadavg()[0])
    before, after = (runs[c]["texts"] for c in CONFIGS)
    ratios = {k: difflib.SequenceMatcher(None, before[k], after[k]).ratio() for k in before}
    same = sum(1 for k in before if before[k] == after[k])
    changed_lines = 0
    for k in sorted(before):
        if before[k] == after[k]:
            continue
        for ln in difflib.unified_diff(before[k].splitlines(), after[k].splitlines(), lineterm="", n=0):
            if ln[:1] in "+-" and not ln.startswith(("---", "+++")):
                changed_lines += ln.startswith("+")
                print(f"{k}: {ln}")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    (c0, r0), (c1, r1) = ((c, runs[c]) for c in CONFIGS)
    print(f"\n{when}, load {' / '.join(f'{x:.1f}' for x in load)}: {len(before)} real pages; "
          f"CPU s/page {r0['cpu_per_page']:.3f} ({c0}) against {r1['cpu_per_page']:.3f} ({c1}); "
          f"{same} pages identical, mean difflib ratio {sum(ratios.values()) / len(ratios):.4f}, "
          f"lowest {min(ratios.values()):.3f}; {changed_lines} lines read differently (above)")


if __name__ == "__main__":
    main()
