"""``cehours process`` end to end on a small generated batch: stored once, resumable after a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from failing_engine import FailingEngine
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import func, select
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import records
from pipeline.process import process_batch
from pipeline.store import open_db
from pipeline.store.models import Batch, FileRow, ItemRow, PageRow, ProposalRow

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
runner = CliRunner()
CEHOURS = [sys.executable, "-c", "from pipeline.cli import main; main()"]  # the `cehours` command


def _certificate(path: Path, n: int) -> None:
    """A clean patent-certificate image, different per n (so every file has its own hash)."""
    img = Image.new("RGB", (1000, 640), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    lines = ["发明专利证书", f"发明名称：一种水稻种植方法{n}", "发明人：张三", f"专利号：ZL2021 1034567{n}.9",
             "专利申请日：2021年03月02日", "授权公告日：2023年06月16日"]  # fmt: skip
    for i, text in enumerate(lines):
        d.text((60, 50 + i * 90), text, fill="black", font=font)
    img.save(path)


def make_batch(root: Path, n_items: int) -> Path:
    """manifest + A001 with n_items certificates + one zero-byte file (an intake error)."""
    root.mkdir(parents=True)
    (root / "manifest.csv").write_text(
        "applicant_id,name,employer,title_level,eval_year\nA001,张三,常德市农科所,senior,2024\n",
        encoding="utf-8",
    )
    folder = root / "A001"
    folder.mkdir()
    for n in range(n_items):
        _certificate(folder / f"patent{n}.png", n)
    (folder / "broken.jpg").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return make_batch(tmp_path_factory.mktemp("in") / "batch-small", 3)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """One store and OCR cache for the module: a second run over the same pages reads the cache."""
    return tmp_path_factory.mktemp("home")


def _run(batch: Path, url: str, home: Path):
    return process_batch(batch, db_url=url, engine="tesseract", workers=1, store_dir=home / "store",
                         cache_dir=home / "ocr-cache")  # fmt: skip


@pytest.mark.slow
def test_process_stores_every_item_once_and_a_rerun_changes_nothing(batch, home, db_url, monkeypatch):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    first = _run(batch, db_url, home)
    assert (first.batch, first.items, first.intake_errors) == ("batch-small", 4, 1)
    assert first.auto_ok + first.needs_review == 4 and first.new_proposals == 4
    assert [a["applicant_id"] for a in first.applicants] == ["A001"]

    again = _run(batch, db_url, home)
    assert again.items == 4 and again.new_proposals == 0
    factory = open_db(db_url)
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 4
        assert s.scalar(select(func.count()).select_from(ProposalRow)) == 4
        assert s.scalar(select(func.count()).select_from(FileRow)) == 3
        assert s.scalar(select(func.count()).select_from(PageRow)) == 3
        assert s.scalar(select(Batch.status)) == "done"
        recs = list(records(s, "batch-small"))
    assert [r["item"] for r in recs] == ["A001/broken.jpg", "A001/patent0.png", "A001/patent1.png",
                                         "A001/patent2.png"]  # fmt: skip
    assert recs[0]["flags"] == ["intake_error"] and recs[0]["evidence_type"] is None
    assert all(r["evidence_type"] for r in recs[1:])
    patents = [r for r in recs[1:] if r["evidence_type"] == "patent_certificate"]
    assert patents, [r["evidence_type"] for r in recs]  # clean certificates are read as patents


@pytest.mark.slow
def test_a_zip_of_the_batch_gives_the_same_records(batch, home, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    folder_db, zip_db = f"sqlite:///{tmp_path / 'folder.db'}", f"sqlite:///{tmp_path / 'zip.db'}"
    archive = shutil.make_archive(str(tmp_path / "batch-small"), "zip", batch.parent, batch.name)
    _run(batch, folder_db, home)
    _run(Path(archive), zip_db, home)  # the OCR cache already holds these pages
    with open_db(folder_db)() as a, open_db(zip_db)() as b:
        assert list(records(a)) == list(records(b))


@pytest.mark.slow
def test_a_file_removed_from_the_upload_goes_to_a_reviewer_and_comes_back(batch, home, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    url = f"sqlite:///{tmp_path / 'removed.db'}"
    upload = tmp_path / "batch-small"
    shutil.copytree(batch, upload)
    _run(upload, url, home)
    with open_db(url)() as s:
        before = {r["item"]: r for r in records(s, "batch-small")}
    gone = upload / "A001" / "patent2.png"
    kept = gone.read_bytes()
    gone.unlink()

    again = _run(upload, url, home)
    assert again.items == 4 and again.new_proposals == 1 and again.intake_errors == 2
    with open_db(url)() as s:
        recs = {r["item"]: r for r in records(s, "batch-small")}
    removed = recs["A001/patent2.png"]
    assert removed["hours"] == 0 and removed["status"] == "needs_review"
    assert removed["flags"] == ["intake_error"] and "removed from the upload" in removed["explanation"]
    assert {k: v for k, v in recs.items() if k != "A001/patent2.png"} == {
        k: v for k, v in before.items() if k != "A001/patent2.png"}

    gone.write_bytes(kept)  # put back: read again (from the OCR cache), counted again
    back = _run(upload, url, home)
    assert back.intake_errors == 1 and back.new_proposals == 1
    with open_db(url)() as s:
        rec = next(r for r in records(s, "batch-small") if r["item"] == "A001/patent2.png")
    assert rec == before["A001/patent2.png"]


def test_a_batch_that_cannot_be_read_is_a_clear_error(tmp_path):
    res = runner.invoke(app, ["process", str(tmp_path / "missing"), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert res.exit_code == 2 and "cannot be read" in res.output
    notzip = tmp_path / "batch.zip"
    notzip.write_bytes(b"this is not a zip")
    res = runner.invoke(app, ["process", str(notzip), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert res.exit_code == 2 and "zip" in res.output


def _count(db: Path, sql: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet, or the schema is still being written
        return 0


def _workers_started(monkeypatch) -> list:
    """Every OCR worker the run starts (real processes, kept to check they have stopped)."""
    from pipeline.ocr import pool

    started = []
    spawn = pool._spawn_worker

    def keeping(*args):
        started.append(spawn(*args))
        return started[-1]

    monkeypatch.setattr(pool, "_spawn_worker", keeping)
    return started


@pytest.mark.slow
def test_the_ocr_workers_start_once_per_run_not_once_per_chunk(tmp_path, monkeypatch):
    started = _workers_started(monkeypatch)
    monkeypatch.setenv("CEHOURS_CHUNK_FILES", "1")  # three chunks of one file
    batch = make_batch(tmp_path / "batch-chunks", 3)
    summary = process_batch(batch, db_url=f"sqlite:///{tmp_path}/c.db", engine="tesseract", workers=1,
                            store_dir=tmp_path / "store", cache_dir=tmp_path / "ocr-cache")  # fmt: skip
    assert summary.items == 4 and summary.new_proposals == 4
    assert len(started) == 1
    assert started[0].proc.poll() is not None  # stopped after the OCR, and awaited by the end of the run
    with open_db(f"sqlite:///{tmp_path}/c.db")() as s:
        pages = s.scalars(select(PageRow)).all()
    assert len(pages) == 3 and all(p.error is None and "专利" in p.text for p in pages)


def test_the_ocr_workers_start_before_the_intake_and_a_failed_intake_stops_them(tmp_path, monkeypatch):
    """Workers load their engine while the batch is taken in; an intake that fails leaves no
    worker process behind."""
    from pipeline.process import BatchUnreadable

    started = _workers_started(monkeypatch)
    notzip = tmp_path / "batch.zip"
    notzip.write_bytes(b"this is not a zip")
    with pytest.raises(BatchUnreadable, match="zip"):
        process_batch(notzip, db_url=f"sqlite:///{tmp_path}/c.db", engine="tesseract", workers=2,
                      store_dir=tmp_path / "store", cache_dir=tmp_path / "ocr-cache")  # fmt: skip
    assert len(started) == 2  # started before the intake failed
    assert all(w.proc.poll() is not None for w in started)  # and none left running


@pytest.mark.slow
def test_killed_mid_batch_then_rerun_finishes_with_every_item_once(tmp_path):
    batch = make_batch(tmp_path / "batch-kill", 3)
    db = tmp_path / "kill.db"
    env = dict(os.environ, OMP_THREAD_LIMIT="1", CEHOURS_HOME=str(tmp_path / "home"), CEHOURS_CHUNK_FILES="1",
               CEHOURS_CHUNK_ITEMS="1", CEHOURS_OCR_ENGINE="tesseract")  # fmt: skip
    cmd = [*CEHOURS, "process", str(batch), "--db", f"sqlite:///{db}", "--workers", "1"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while _count(db, "select count(distinct file_sha256) from pages") < 1:  # the first chunk is committed
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no chunk was committed in time"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    files_done = _count(db, "select count(distinct file_sha256) from pages")
    assert 1 <= files_done < 3, "killed mid-batch: some but not all files read"
    assert _count(db, "select count(*) from proposals") == 0
    assert _count(db, "select count(*) from batches where status = 'running'") == 1

    res = subprocess.run(cmd, env=env, capture_output=True, timeout=600)
    assert res.returncode == 0, res.stderr.decode()
    assert "items: 4" in res.stdout.decode()
    counts = {t: _count(db, f"select count(*) from {t}") for t in ("items", "files", "proposals", "pages")}
    assert counts == {"items": 4, "files": 3, "proposals": 4, "pages": 3}
    assert _count(db, "select count(distinct path) from items") == 4
    assert _count(db, "select count(*) from items where proposal_id is null") == 0
    assert _count(db, "select count(*) from batches where status = 'done'") == 1

    out = subprocess.run([*CEHOURS, "export", "--db", f"sqlite:///{db}"], env=env,
                         capture_output=True, timeout=120)  # fmt: skip
    items = sorted(json.loads(line)["item"] for line in out.stdout.decode().splitlines())
    assert items == ["A001/broken.jpg"] + [f"A001/patent{n}.png" for n in range(3)]


def test_an_empty_folder_is_an_error_not_an_empty_batch(tmp_path):
    (tmp_path / "empty").mkdir()
    res = runner.invoke(app, ["process", str(tmp_path / "empty"), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert res.exit_code == 2 and "holds no files at all" in res.output
    assert "[red]" not in res.output and "[/" not in res.output  # no markup printed as text


def test_a_missing_classifier_model_stops_the_run_before_anything_is_read(tmp_path, monkeypatch):
    import classifiers

    batch = make_batch(tmp_path / "batch-nomodel", 1)
    monkeypatch.setattr(classifiers, "DEFAULT_MODEL", tmp_path / "gone.joblib")
    res = runner.invoke(app, ["process", str(batch), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert res.exit_code == 3, res.output
    assert "classifier model missing" in res.output and "gone.joblib" in res.output
    assert not (tmp_path / "x.db").exists()  # stopped before the database, the intake and the OCR


def test_hours_are_written_one_way_at_the_terminal_and_on_the_web(capsys):
    from pipeline.cli.commands.process_cmd import print_summary
    from pipeline.process import BatchSummary
    from pipeline.web import labels

    year = {"total": 7.25, "meets_requirement": False}
    summary = BatchSummary("b", 1, 1, 0, 1, 0, 0, 1, applicants=[
        {"applicant_id": "A001", "name": "张三", "title_level": "junior", "eval_year": 2024,
         "years": {"2024": year}, "span_ok": False}])  # fmt: skip
    print_summary(summary)
    assert "2024: 7.25" in capsys.readouterr().out
    assert labels.hours_text(7.25) == "7.25" and labels.hours_text(60.0) == "60"


@pytest.mark.slow
def test_an_item_the_reader_fails_on_is_flagged_read_failed_and_read_again_next_run(tmp_path, monkeypatch):
    from pipeline.understand import read_item

    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    batch = make_batch(tmp_path / "batch-odd", 2)
    url = f"sqlite:///{tmp_path}/odd.db"

    def reader(item, pages, applicant):
        if item.item.endswith("patent1.png"):
            raise ValueError("odd layout")
        return read_item(item, pages, applicant)

    def run(read):
        return process_batch(batch, db_url=url, engine="tesseract", workers=1, store_dir=tmp_path / "store",
                             cache_dir=tmp_path / "ocr-cache", read=read)  # fmt: skip

    first = run(reader)
    assert first.items == 3 and first.intake_errors == 1
    with open_db(url)() as s:
        recs = {r["item"]: r for r in records(s, "batch-odd")}
    odd = recs["A001/patent1.png"]
    assert odd["flags"] == ["read_failed"] and odd["evidence_type"] is None
    assert odd["status"] == "needs_review"
    assert "ValueError: odd layout" in odd["explanation"] and "low_confidence" not in odd["flags"]
    assert recs["A001/patent0.png"]["evidence_type"] == "patent_certificate"
    # the reader is mended: the next run reads that item again, and only it
    again = run(None)
    assert again.new_proposals == 1
    with open_db(url)() as s:
        mended = next(r for r in records(s, "batch-odd") if r["item"] == "A001/patent1.png")
    assert mended["evidence_type"] == "patent_certificate" and "read_failed" not in mended["flags"]


def test_an_engine_failure_is_retried_as_in_the_flow_then_the_item_is_ocr_unreadable(tmp_path, monkeypatch):
    from pipeline.ocr import engines, reader

    engine = FailingEngine()
    monkeypatch.setattr(reader, "ENGINES", (*reader.ENGINES, "failing"))
    monkeypatch.setitem(engines._ENGINES, "failing", engine)
    monkeypatch.setenv("CEHOURS_FLOW_OCR_RETRIES", "2")
    monkeypatch.setenv("CEHOURS_FLOW_RETRY_BACKOFF", "0.01")
    batch = make_batch(tmp_path / "batch-failing", 1)
    url = f"sqlite:///{tmp_path}/failing.db"
    summary = process_batch(batch, db_url=url, engine="failing", workers=0, store_dir=tmp_path / "store",
                            cache_dir=tmp_path / "ocr-cache")  # fmt: skip
    assert summary.items == 2  # the batch goes on
    assert engine.calls >= 3  # the first read and 2 retries of the one page
    with open_db(url)() as s:
        rec = next(r for r in records(s, "batch-failing") if r["item"] == "A001/patent0.png")
        (page,) = s.scalars(select(PageRow)).all()
    assert "failing engine" in (page.error or "")
    assert "ocr_unreadable" in rec["flags"] and rec["status"] == "needs_review"
