"""Leave-family-out evaluation (pipeline/evaluate_families.py): each held-out family is read by a
model trained without it, and scored. A small real run: one fold, few items, few pages."""

from __future__ import annotations

import json
from types import SimpleNamespace

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import ItemOutcome
from pipeline.evaluate_families import _training_pages, choose_threshold, folds, leave_family_out, markdown
from sample_docs.families import FAMILIES


def test_folds_hold_out_each_family_once_and_never_two_of_one_type() -> None:
    fs = folds()
    flat = [f for fold in fs for f in fold]
    assert sorted(flat) == sorted(f.name for fams in FAMILIES.values() for f in fams)
    for fold in fs:
        types = [f.split("/")[0] for f in fold]
        assert len(types) == len(set(types))


def test_training_pages_leave_the_held_out_families_out() -> None:
    held_out = frozenset(folds()[1])
    pages = _training_pages(1400, 3, held_out)
    # the roster award prints 主要完成人 in a 序号/姓名/工作单位 table; no training page may do so
    assert not any(p.label == "award_certificate" and "序号姓名工作单位" in "".join(p.lines) for p in pages)
    with_it = _training_pages(1400, 3, frozenset())
    assert {p.label for p in pages} == {p.label for p in with_it}


def _outcome(ok: bool, conf: float) -> ItemOutcome:
    return ItemOutcome("A", "i", "patent_certificate", "patent_certificate" if ok else "award_certificate",
                       conf, 0.0, 0.0, "auto_ok", [], [])


def test_threshold_lies_above_every_wrong_type() -> None:
    mixed = SimpleNamespace(outcomes=[_outcome(True, 0.6), _outcome(False, 0.83), _outcome(True, 0.9)])
    assert choose_threshold(mixed) == 0.84  # type: ignore[arg-type]
    assert choose_threshold(SimpleNamespace(outcomes=[_outcome(True, 0.6)])) == 0.5  # type: ignore[arg-type]


def test_a_small_leave_family_out_run_scores_every_held_out_family() -> None:
    report = leave_family_out(per_family=2, train_pages_per_type=8, only_folds=[2])
    assert sorted(f.family for f in report.families) == sorted(folds()[2])
    assert all(f.items == 2 for f in report.families)
    assert set(report.per_type()) == set(FAMILIES)
    assert 0.5 <= report.thresholds[2] <= 1.0
    # the fold's model learnt the real corpus and rejects below a threshold chosen on it
    assert 0.2 <= report.reject_thresholds[2] <= 0.95
    assert "Reject thresholds (open set, real corpus): 2: " in markdown(report)
    for f in report.families:
        assert 0.0 <= f.type_accuracy <= 1.0 and 0.0 <= f.hours_exact <= 1.0
        assert f.wrong_auto_ok_after_threshold <= f.wrong_auto_ok <= f.auto_ok
    md = markdown(report)
    assert all(f"| {name} | 2 |" in md for name in folds()[2])
    assert all(f.auto_ok_after_threshold <= f.auto_ok for f in report.families)
    json.dumps({"o": report.overall})


def test_eval_needs_a_batch_or_the_flag() -> None:
    result = CliRunner().invoke(app, ["eval"])
    assert result.exit_code == 2
    assert "--leave-family-out" in result.output


def test_an_unknown_family_is_named_before_any_training() -> None:
    result = CliRunner().invoke(app, ["eval", "--leave-family-out", "--family", "award_certificate/nope"])
    assert result.exit_code == 2
    assert "award_certificate/nope" in result.output
    assert "award_certificate/classic" in result.output  # the known ones are listed
