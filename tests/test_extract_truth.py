"""Extraction over the true page texts of a generated batch (sample_docs, seed not used for
training): the fields that decide the hours must come out right. Measures the patterns, not
the OCR (tests/test_extract_ocr.py runs real OCR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.extract.evaluate import evaluate, evaluate_parts
from pipeline.proposals import DECIDING_FIELDS

ROOT = Path(__file__).resolve().parents[1]
# the committed demo batch, plus any generated elsewhere (CEHOURS_TRUTH_BATCHES=dir1:dir2)
BATCHES = [ROOT / "sample_docs" / "batch-demo"] + [
    Path(p) for p in os.environ.get("CEHOURS_TRUTH_BATCHES", "").split(os.pathsep) if p
]
AVAILABLE = [b for b in BATCHES if (b / ".truth.jsonl").exists()]

# Fields that decide the hours per type, plus the keys duplicates are found by.
DECIDING = {
    etype: (*fields, *{"award_certificate": ("rank",), "journal_paper": ("title",)}.get(etype, ()))
    for etype, fields in DECIDING_FIELDS.items()
}
MIN_DECIDING_ACCURACY = 0.95


@pytest.mark.skipif(not AVAILABLE, reason="no generated batch with .truth.jsonl in sample_docs/")
@pytest.mark.parametrize("batch", AVAILABLE, ids=[b.name for b in AVAILABLE])
def test_deciding_fields_on_true_texts(batch: Path) -> None:
    res = evaluate(batch)
    right = total = 0
    report = []
    for et, fields in sorted(res["fields"].items()):
        for name, (ok, n) in sorted(fields.items()):
            report.append(f"{et}.{name}: {ok}/{n}")
            if name in DECIDING.get(et, ()):
                right += ok
                total += n
    assert total > 0
    misses = [m for m in res["misses"] if m["field"] in DECIDING.get(m["type"], ())]
    print("\n".join(report))
    assert right / total >= MIN_DECIDING_ACCURACY, misses


@pytest.mark.skipif(not AVAILABLE, reason="no generated batch with .truth.jsonl in sample_docs/")
@pytest.mark.parametrize("batch", AVAILABLE, ids=[b.name for b in AVAILABLE])
def test_material_parts_on_true_texts(batch: Path) -> None:
    right, total, misses = evaluate_parts(batch)
    assert total > 0 and right / total >= 0.9, misses
