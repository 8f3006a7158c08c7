"""Per-field accuracy of extraction against a generated batch's ``.truth.jsonl``.

    python -m pipeline.extract.evaluate sample_docs/batch-demo
    python -m pipeline.extract.evaluate --ocr auto sample_docs/batch-demo

Reads each item's true page texts (no OCR: this measures the patterns, not the OCR), or with
``--ocr ENGINE`` the batch's files read by the OCR stage (patterns and OCR together), extracts
with the applicant from manifest.csv, and compares with the true fields.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.extract import detect_parts, extract_fields, fields_for
from pipeline.types import Applicant, Page


def _same(field: str, got: Any, want: Any) -> bool:
    if field == "subject" and got is None and want == "professional":
        return True  # not printed: rule 2.1 credits professional hours by default, same outcome
    if isinstance(want, float | int) and not isinstance(want, bool) and isinstance(got, float | int):
        return abs(float(got) - float(want)) < 1e-6
    if field in ("title", "journal", "issuer") and isinstance(got, str) and isinstance(want, str):
        return unicodedata.normalize("NFKC", got).replace(" ", "") == unicodedata.normalize(
            "NFKC", want
        ).replace(" ", "")
    return bool(got == want)


def load_applicants(batch: Path) -> dict[str, Applicant]:
    """The batch's applicants, read as intake reads them (``pipeline.manifest``); none without a
    manifest. A problem in it is said on stderr: the items of that applicant are then read
    without a name."""
    from pipeline.manifest import MANIFEST_NAME, read_manifest

    manifest = batch / MANIFEST_NAME
    if not manifest.exists():
        return {}
    applicants, problems = read_manifest(manifest)
    for p in problems:
        print(f"{manifest}: {p}", file=sys.stderr)
    return applicants


def item_pages(record: dict[str, Any]) -> list[Page]:
    return [Page("truth", i, 0, 0, p.get("text", ""), engine="textlayer")
            for i, p in enumerate(record["pages"])]


def ocr_pages(batch: Path, engine: str) -> dict[str, list[Page]]:
    """item path -> its pages as the OCR stage reads them, through the pipeline's own OCR cache
    (``pipeline.config.ocr_cache_dir()``), so ``cehours eval`` and this share their readings."""
    import tempfile

    from pipeline.intake import intake_batch
    from pipeline.ocr import read_files

    with tempfile.TemporaryDirectory(prefix="cehours-evaluate-") as store:
        res = intake_batch(batch, store_dir=Path(store))
        read = read_files([f for it in res.items for f in it.files], engine=engine)
    return {it.item: [p for f in it.files for p in read.get(f.sha256, [])] for it in res.items}


def evaluate(
    batch: str | Path, ocr: str | None = None, only: Callable[[dict[str, Any]], bool] | None = None
) -> dict[str, Any]:
    """{"fields": {type: {field: [right, total]}}, "misses": [...]} over the batch's items
    (those ``only`` accepts, e.g. one layout family, when given)."""
    path = Path(batch)
    read = ocr_pages(path, ocr) if ocr else None
    lines = (path / ".truth.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines if x.strip()]
    applicants = load_applicants(path)
    score: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict[str, Any]] = []
    for rec in records:
        if rec.get("intake_error") or not rec.get("pages") or (only and not only(rec)):
            continue
        et = rec["evidence_type"]
        pages = read.get(rec["item"], []) if read is not None else item_pages(rec)
        fields = extract_fields(et, pages, applicants.get(rec["applicant_id"]))
        applies = set(fields_for(et))
        for name, want in rec["fields"].items():
            # the generator keeps the underlying evidence's fields on supporting pages too
            if want is None or name not in applies:
                continue
            got = fields[name].value if name in fields else None
            ok = _same(name, got, want)
            cell = score[et][name]
            cell[0] += ok
            cell[1] += 1
            if not ok:
                src = fields[name].source if name in fields else ""
                misses.append({"item": rec["item"], "type": et, "field": name, "want": want, "got": got,
                               "source": src})
    return {"fields": {t: dict(v) for t, v in score.items()}, "misses": misses}


def evaluate_parts(
    batch: str | Path, only: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[int, int, list[dict[str, Any]]]:
    """Items whose detected material parts equal the true ones: (right, total, misses)."""
    path = Path(batch)
    lines = (path / ".truth.jsonl").read_text(encoding="utf-8").splitlines()
    right, total, misses = 0, 0, []
    for rec in (json.loads(x) for x in lines if x.strip()):
        if rec.get("intake_error") or not rec.get("pages") or (only and not only(rec)):
            continue
        got: set[str] = set()
        for pg in item_pages(rec):
            got |= detect_parts(rec["evidence_type"], pg)
        want = set(rec.get("parts") or [])
        total += 1
        if got == want:
            right += 1
        else:
            misses.append({"item": rec["item"], "type": rec["evidence_type"], "want": sorted(want),
                           "got": sorted(got)})
    return right, total, misses


def main(argv: list[str]) -> int:
    ocr = None
    if argv[:1] == ["--ocr"] and len(argv) >= 2:
        ocr, argv = argv[1], argv[2:]
    if not argv:
        print(__doc__)
        return 2
    total = [0, 0]
    for batch in argv:
        res = evaluate(batch, ocr)
        for t, fs in sorted(res["fields"].items()):
            for f, (ok, n) in sorted(fs.items()):
                total[0] += ok
                total[1] += n
                print(f"{t:28s} {f:20s} {ok:3d}/{n:<3d} {ok / n:6.1%}")
        for m in res["misses"]:
            print("MISS", json.dumps(m, ensure_ascii=False))
        pr, pt, pm = evaluate_parts(batch)
        for m in pm:
            print("PARTS", json.dumps(m, ensure_ascii=False))
        print(f"parts: {pr}/{pt} items exact")
    if total[1]:
        print(f"all fields: {total[0]}/{total[1]} = {total[0] / total[1]:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
