"""Extraction over the true page texts of a generated batch (sample_docs, seed not used for
training): the fields that decide the hours must come out right. Measures the patterns, not
the OCR (tests/test_extract_ocr.py runs real OCR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.extract.evaluate import evaluate, evaluate_parts

ROOT = Path(__file__).resolve().parents[1]
# the committed demo batch, plus any generated elsewhere (CEHOURS_TRUTH_BATCHES=dir1:dir2)
BATCHES = [ROOT / "sample_docs" / "batch-demo"] + [
    Path(p) for p in os.environ.get("CEHOURS_TRUTH_BATCHES", "").split(os.pathsep) if p
]
AVAILABLE = [b for b in BATCHES if (b / ".truth.jsonl").exists()]

# Fields that decide the hours per type (as pipeline.proposals.DECIDING_FIELDS) plus the keys
# duplicates are found by.
DECIDING = {
    "patent_certificate": ("patent_kind", "rank", "date", "name_found", "patent_number"),
    "award_certificate": ("level", "grade", "date", "name_found", "rank"),
    "journal_paper": ("rank", "date", "cn_number", "name_found", "title"),
    "book_publication": ("rank", "date", "name_found"),
    "project_completion": ("level", "rank", "role", "date", "name_found"),
    "training_certificate": ("days", "stated_hours", "start_date", "end_date", "subject", "name_found"),
    "online_course_certificate": ("stated_hours", "date", "subject", "name_found"),
    "conference_record": ("days", "start_date", "end_date", "name_found"),
    "practice_activity": ("days", "start_date", "end_date", "name_found"),
    "overseas_exchange": ("days", "start_date", "end_date", "name_found"),
    "digital_skills_exam": ("modules", "date", "name_found"),
    "aid_assignment": ("months", "start_date", "end_date", "assessment_passed", "name_found"),
    "degree_transcript": ("passed_count", "date", "name_found"),
    "qualification_exam_scores": ("passed_count", "date", "name_found"),
    "hours_recognition_sheet": ("start_date", "end_date", "name_found"),
    "public_institution_training": ("stated_hours", "date", "name_found"),
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
