"""Scoring a labelled batch: the metric arithmetic on known outcomes, and ``cehours eval`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import score
from pipeline.types import ItemProposal


def _truth(item: str, etype: str | None, hours: float, fields: dict | None = None, pages: list | None = None):
    return {"applicant_id": "A001", "item": item, "evidence_type": etype, "fields": fields or {},
            "expected": {"hours": hours, "flags": []}, "pages": pages or []}


def _prop(item: str, etype: str | None, hours: float, status: str, fields: dict | None = None
          ) -> ItemProposal:
    return ItemProposal("b", "A001", item, etype, 0.9, fields or {}, [], hours, None, "changde-2024", [],
                        status, "")


def test_score_counts_types_fields_hours_and_wrong_auto_ok() -> None:
    truth = [
        _truth("A001/p.jpg", "patent_certificate", 60,
               {"patent_kind": "invention", "rank": 1, "date": "2023-06-16"},
               pages=[{"file": "A001/p.jpg", "page_no": 0, "type": "patent_certificate"}]),
        _truth("A001/a.jpg", "award_certificate", 30, {"level": "provincial", "grade": 2},
               pages=[{"file": "A001/a.jpg", "page_no": 0, "type": "award_certificate"}]),
        _truth("A001/j", "journal_paper", 30, {"rank": 1, "cn_number": "43-1068/S"}),
        _truth("A001/bad.jpg", None, 0),
    ]
    proposals = [
        _prop("A001/p.jpg", "patent_certificate", 60, "auto_ok",
              {"patent_kind": "invention", "rank": 1, "date": "2023-06-16"}),
        # read as a patent, 10 hours, and still auto_ok: the number that must be 0
        _prop("A001/a.jpg", "patent_certificate", 10, "auto_ok", {"rank": 3}),
        _prop("A001/j", "journal_paper", 30, "needs_review", {"rank": 1, "cn_number": "４３-1068/s"}),
        _prop("A001/bad.jpg", None, 0, "needs_review"),
    ]
    pages = {("A001/p.jpg", 0): "patent_certificate", ("A001/a.jpg", 0): "patent_certificate"}
    r = score(truth, proposals, pages)
    assert r.items == 4
    assert r.type_accuracy == pytest.approx(2 / 3, abs=1e-3)
    assert r.per_type["patent_certificate"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(0.6667),
                                                "support": 1}
    assert r.per_type["award_certificate"]["recall"] == 0.0
    assert r.confusion == {"award_certificate": {"patent_certificate": 1}}
    assert r.page_accuracy == 0.5
    assert r.field_accuracy["cn_number"] == {"right": 1, "total": 1, "accuracy": 1.0}  # width/case folded
    assert r.field_accuracy["level"]["right"] == 0
    assert r.deciding_field_accuracy == pytest.approx(5 / 7, abs=1e-3)
    assert r.hours_exact == 0.75
    assert r.wrong_auto_ok == 1 and r.auto_ok == 2
    assert r.goals["wrong_auto_ok"]["met"] is False
    wrong = [o for o in r.outcomes if o.wrong_but_auto_ok]
    assert [o.item for o in wrong] == ["A001/a.jpg"]


def test_a_missing_proposal_counts_as_wrong() -> None:
    r = score([_truth("A001/x.jpg", "patent_certificate", 60)], [], {})
    assert r.outcomes[0].pred_type == "(missing)" and r.hours_exact == 0.0 and r.wrong_auto_ok == 0


def test_eval_needs_a_labelled_batch(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert ".truth.jsonl" in result.output


def test_eval_refuses_an_unknown_engine_or_model(tmp_path: Path) -> None:
    (tmp_path / ".truth.jsonl").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--engine", "paddle"])
    assert result.exit_code == 2 and "unknown OCR engine" in result.output
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--model", str(tmp_path / "none.joblib")])
    assert result.exit_code == 2 and "cehours train" in result.output


@pytest.mark.slow
def test_eval_runs_the_pipeline_on_a_small_generated_batch(tmp_path: Path) -> None:
    from sample_docs.generate import Settings, generate_batch

    batch = generate_batch(tmp_path / "batch", 81, applicants=1, items_per_applicant=(1, 1),
                           types=("patent_certificate",), specials=False,
                           settings=Settings(render_dpi=150, max_px=1600))
    cache = tmp_path / "ocr-cache"
    args = ["eval", str(batch), "--workers", "0", "--cache-dir", str(cache)]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    truth = [json.loads(x) for x in (batch / ".truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report["items"] == len(truth) == 1
    assert report["per_type"]["patent_certificate"]["recall"] == 1.0  # real OCR of a patent certificate
    for key in ("type_macro_f1", "deciding_field_accuracy", "hours_exact", "wrong_auto_ok"):
        assert key in report["goals"]
    # the second run reads the OCR cache and prints the tables
    result = CliRunner().invoke(app, [*args, "--markdown", str(tmp_path / "eval.md")])
    assert result.exit_code == 0, result.output
    assert "evidence type" in result.output and "deciding fields" in result.output
    assert "| type_macro_f1 |" in (tmp_path / "eval.md").read_text(encoding="utf-8")


def test_an_unread_subject_of_a_professional_training_decides_the_same_hours() -> None:
    truth = [_truth("A001/t.jpg", "training_certificate", 16, {"subject": "professional", "days": 2}),
             _truth("A001/u.jpg", "training_certificate", 16, {"subject": "public", "days": 2})]
    proposals = [_prop("A001/t.jpg", "training_certificate", 16, "auto_ok", {"days": 2}),
                 _prop("A001/u.jpg", "training_certificate", 16, "needs_review", {"days": 2})]
    r = score(truth, proposals, {})
    # professional is what the rules assume; an unread "public" is a real miss
    assert r.field_accuracy["subject"] == {"right": 1, "total": 2, "accuracy": 0.5}
