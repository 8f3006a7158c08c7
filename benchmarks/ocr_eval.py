"""Character error rate of the OCR stage on generated pages with ground truth.

CER = Levenshtein distance / length of the true text, both sides NFKC-normalised (full- and
half-width forms equal) with all whitespace removed (line breaks and the CJK spacing are not
what a reader checks). Reading order is part of the score.

    python -m benchmarks.ocr_eval SET_DIR tesseract rapidocr [--steps red=0,orient=0]
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image
from rapidfuzz.distance import Levenshtein

from benchmarks.ocr_samples import load_truth
from pipeline.ocr.preprocess import DEFAULT_STEPS, Steps
from pipeline.ocr.reader import cjk_rate, ocr_image


def normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def cer(predicted: str, truth: str) -> float:
    t = normalise(truth)
    return Levenshtein.distance(normalise(predicted), t) / max(1, len(t))


@dataclass
class EvalResult:
    engine: str
    steps: Steps
    cer: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    seconds: float = 0.0
    pages: int = 0
    per_page: list[dict] = field(default_factory=list)

    def mean(self, subset: str = "all") -> float:
        vals = self.cer.get(subset, [])
        return sum(vals) / len(vals) if vals else float("nan")


def evaluate(folder: str | Path, engine: str, steps: Steps = DEFAULT_STEPS, verbose: bool = False,
             limit: int | None = None, subsets: set[str] | None = None) -> EvalResult:
    """OCR every page of a set (no cache, one process) and score it against its truth."""
    folder = Path(folder)
    res = EvalResult(engine=engine, steps=steps)
    rows = [r for r in load_truth(folder) if not subsets or r["subset"] in subsets]
    for row in rows[:limit]:
        with Image.open(folder / row["file"]) as im:
            image = im.convert("RGB")
        t0 = time.perf_counter()
        page = ocr_image(image, engine, steps)
        res.seconds += time.perf_counter() - t0
        res.pages += 1
        c = cer(page.text, row["text"])
        res.cer[row["subset"]].append(c)
        res.cer["all"].append(c)
        res.per_page.append({"file": row["file"], "subset": row["subset"], "cer": round(c, 4),
                             "conf": page.mean_conf, "cjk_rate": round(cjk_rate(page), 4),
                             "rotation": page.rotation, "true_rotation": _true_rotation(row),
                             "seconds": round(time.perf_counter() - t0, 3)})
        if verbose:
            print(f"  {engine} {row['file']}: cer={c:.3f} rot={page.rotation} conf={page.mean_conf:.2f}",
                  flush=True)
    return res


def _true_rotation(row: dict) -> int:
    """Clockwise turn that makes the page upright: the generator's "rotate:N" turned it N degrees
    counter-clockwise (PIL), so N clockwise undoes it."""
    for d in row.get("degradations", []):
        if d.startswith("rotate:"):
            return int(d.split(":")[1]) % 360
    return 0


def parse_steps(spec: str) -> Steps:
    """``red=0,orient=1`` -> Steps with those fields changed."""
    changes = {}
    for part in filter(None, spec.split(",")):
        k, v = part.split("=")
        changes[k.strip()] = v.strip() not in ("0", "false", "no")
    return replace(DEFAULT_STEPS, **changes)


def main() -> None:
    ap = argparse.ArgumentParser(description="CER per engine on a generated set")
    ap.add_argument("folder")
    ap.add_argument("engines", nargs="+")
    ap.add_argument("--steps", action="append", help="e.g. red=0 (repeatable; default: the defaults)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--subset", action="append", help="only these subsets (scan, low_res, rotated, photo)")
    ap.add_argument("--json", help="append per-page results to this JSON-lines file")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    for eng in a.engines:
        for spec in a.steps or [""]:
            r = evaluate(a.folder, eng, parse_steps(spec), a.verbose, a.limit, set(a.subset or []))
            if a.json:
                with open(a.json, "a", encoding="utf-8") as fh:
                    for rec in r.per_page:
                        fh.write(json.dumps({"engine": eng, "steps": spec or "default", **rec}) + "\n")
            subsets = " ".join(f"{k}={r.mean(k):.3f}" for k in sorted(r.cer))
            speed = r.seconds / max(1, r.pages)
            print(f"{eng:10s} [{spec or 'default'}] {subsets} s/page={speed:.2f}", flush=True)


if __name__ == "__main__":
    main()
