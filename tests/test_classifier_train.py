"""``cehours train`` and the reviewers' corrections it can learn from (SQLite store, no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from classifiers import EvidenceTypeClassifier
from classifiers.corrections import corrected_pages
from classifiers.samples import generated_item
from pipeline.cli import app
from pipeline.types import ItemProposal, ItemReading, StoredFile


def _store_item(session, batch, path: str, pages, reading: ItemReading):  # type: ignore[no-untyped-def]
    from pipeline.store import repo

    f = StoredFile(pages[0].file_sha256, path, 1, "png", "/nowhere")
    repo.save_file(session, f)
    repo.save_pages(session, f.sha256, pages)
    item = repo.upsert_item(session, batch, "A001", path, [f.sha256])
    repo.save_reading(session, item, reading)
    proposal = ItemProposal(batch.name, "A001", path, reading.evidence_type, reading.type_confidence, {}, [],
                            0, None, "changde-2024", [], "needs_review", "")
    repo.add_proposal(session, item, proposal)
    session.commit()
    return item


@pytest.fixture()
def corrected_db(tmp_path: Path) -> str:
    """A store with two items a reviewer re-typed and one they only confirmed."""
    from pipeline.store import repo
    from pipeline.store.db import open_db
    from pipeline.store.review import review_item

    url = f"sqlite:///{tmp_path / 'review.db'}"
    factory = open_db(url)
    _, award_pages, _ = generated_item("award_certificate", 70)
    _, train_pages, _ = generated_item("training_certificate", 71,
                                       pages=["training_notice", "training_certificate"])
    for i, p in enumerate(train_pages):  # two pages of one file
        p.file_sha256, p.page_no = "f" * 64, i
    _, patent_pages, _ = generated_item("patent_certificate", 72)
    with factory() as s:
        batch = repo.get_or_create_batch(s, "b1")
        a = _store_item(s, batch, "A001/award.jpg", award_pages,
                        ItemReading("patent_certificate", 0.6, [("patent_certificate", 0.6)], {}))
        t = _store_item(s, batch, "A001/training.pdf", train_pages,
                        ItemReading("conference_record", 0.5,
                                    [("training_notice", 0.9), ("conference_record", 0.5)], {}))
        c = _store_item(s, batch, "A001/patent.jpg", patent_pages,
                        ItemReading("patent_certificate", 0.99, [("patent_certificate", 0.99)], {}))
        for item, new in ((a, "award_certificate"), (t, "training_certificate")):
            review_item(s, item.id, "rev", "adjust", item.version, {"evidence_type": new},
                        reason="wrong type")
        review_item(s, c.id, "rev", "confirm", c.version)
    factory.kw["bind"].dispose()
    return url


def test_corrected_pages_reads_retyped_items_and_keeps_notices_out(corrected_db: str) -> None:
    pages = corrected_pages(corrected_db)
    got = sorted((p.item_path, p.evidence_type) for p in pages)
    # the confirmed patent is no correction; the notice page of the training item stays a notice
    assert got == [("A001/award.jpg", "award_certificate"), ("A001/training.pdf", "training_certificate")]
    assert all(p.text.strip() and p.width > 0 for p in pages)
    training = next(p for p in pages if p.item_path == "A001/training.pdf")
    assert "证书" in training.text or "结业" in training.text


def test_train_writes_a_loadable_model_with_metadata(tmp_path: Path, corrected_db: str) -> None:
    out = tmp_path / "m" / "model.joblib"
    result = CliRunner().invoke(app, [
        "train", "--out", str(out), "--seed", "1900", "--per-type", "3", "--ocr-per-kind", "0",
        "--heldout-per-type", "2", "--heldout-ocr-per-kind", "0", "--no-cv",
        "--from-db", "--db", corrected_db,
    ])
    assert result.exit_code == 0, result.output
    assert "2 corrected pages from the database" in result.output
    model = EvidenceTypeClassifier.load(out)
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["classes"] == [str(c) for c in model.classes_] and len(meta["classes"]) == 18
    assert meta["seeds"]["train_text"] == 1900
    assert meta["from_db_pages"] == 2
    assert meta["training_size_per_class"]["award_certificate"]["db"] == 1
    assert meta["heldout"]["noisy_text"]["n"] > 0
    _, pages, _ = generated_item("journal_paper", 73, pages=["journal_cover"])
    proba = model.predict_proba(pages)  # a model fitted on 3 pages a type: usable, not yet good
    assert proba.shape == (1, 18) and abs(proba.sum() - 1) < 1e-9


def test_train_from_an_unreadable_database_says_so_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "model.joblib"
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not sqlite")
    result = CliRunner().invoke(app, ["train", "--out", str(out), "--from-db", "--db", f"sqlite:///{bad}"])
    assert result.exit_code == 2
    assert "cannot read corrections" in result.output
    assert not out.exists()


def test_train_says_clearly_when_the_real_corpus_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "--out", str(tmp_path / "m.joblib"), "--real-dir",
                                      str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no real-document fixtures" in result.output and "--no-real" in result.output
    assert not (tmp_path / "m.joblib").exists()
