"""Extraction over the true page texts of a generated batch (sample_docs, seed not used for
training): the fields that decide the hours must come out right. Measures the patterns, not
the OCR (tests/test_extract_ocr.py runs real OCR).

The thresholds hold for the layouts extraction was written from (the first layout family of
each type, sample_docs/families.py). Items of the other families are read too and their
accuracy printed: how extraction generalises to them is measured by
``cehours eval --leave-family-out`` (docs/benchmarks.md), not asserted here."""

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


def _original_layout(rec: dict) -> bool:
    """An item drawn in its type's original layout (or from a batch made before families)."""
    from sample_docs.families import FAMILIES

    fam = rec.get("family")
    return not fam or fam == FAMILIES[rec["evidence_type"]][0].name


def _other_layout(rec: dict) -> bool:
    return not _original_layout(rec)


@pytest.mark.skipif(not AVAILABLE, reason="no generated batch with .truth.jsonl in sample_docs/")
@pytest.mark.parametrize("batch", AVAILABLE, ids=[b.name for b in AVAILABLE])
def test_deciding_fields_on_true_texts(batch: Path) -> None:
    _print_other_families(batch)
    res = evaluate(batch, only=_original_layout)
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
    o_right, o_total, _ = evaluate_parts(batch, only=_other_layout)
    print(f"parts, other layout families: {o_right}/{o_total}")
    right, total, misses = evaluate_parts(batch, only=_original_layout)
    assert total > 0 and right / total >= 0.9, misses


def _print_other_families(batch: Path) -> None:
    res = evaluate(batch, only=_other_layout)
    cells = [c for et, fs in res["fields"].items() for n, c in fs.items() if n in DECIDING.get(et, ())]
    right, total = sum(c[0] for c in cells), sum(c[1] for c in cells)
    print(f"deciding fields, other layout families: {right}/{total}")
