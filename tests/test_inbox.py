"""The inbox on its own (no Prefect): which batches are ready, claims under contention, filing."""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from pipeline.inbox import claim, find_ready, finish_claim, report_markdown


def _folder(inbox: Path, name: str, ready: bool = True) -> Path:
    d = inbox / name / "A001"
    d.mkdir(parents=True)
    (d / "证书.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    if ready:
        (inbox / name / ".ready").touch()
    return inbox / name


def test_ready_means_a_marked_folder_or_a_zip_that_holds_still(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _folder(inbox, "marked")
    _folder(inbox, "unmarked", ready=False)
    (inbox / "still.zip").write_bytes(b"PK" + b"x" * 100)
    growing = inbox / "growing.zip"
    growing.write_bytes(b"PK" + b"x" * 100)
    (inbox / "empty.zip").write_bytes(b"")
    (inbox / ".hidden.zip").write_bytes(b"PK" + b"x" * 100)
    (inbox / "notes.txt").write_text("not a batch")

    def keep_copying() -> None:  # a zip still being copied in grows between the two looks
        time.sleep(0.3)
        with growing.open("ab") as f:
            f.write(b"y" * 100)

    t = threading.Thread(target=keep_copying)
    t.start()
    found = find_ready(inbox, settle_seconds=1.0)
    t.join()
    assert sorted(p.name for p in found) == ["marked", "still.zip"]
    # the inbox's own folders were made and are never offered
    assert all((inbox / d).is_dir() for d in ("processing", "done", "failed"))
    assert find_ready(inbox, settle_seconds=0.1) != []  # growing.zip is taken once it holds still


def test_a_missing_inbox_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a folder"):
        find_ready(tmp_path / "nope", settle_seconds=0)


def _race(inbox: str, out: multiprocessing.Queue) -> None:
    got = []
    for p in find_ready(inbox, settle_seconds=0):
        c = claim(inbox, p)
        if c is not None:
            got.append(c.name)
    out.put(got)


def test_watchers_in_four_processes_never_claim_a_batch_twice(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = [f"batch-{i:02d}" for i in range(24)]
    for n in names:
        _folder(inbox, n)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_race, args=(str(inbox), out)) for _ in range(4)]
    for p in procs:
        p.start()
    claimed = [n for _ in procs for n in out.get(timeout=120)]
    for p in procs:
        p.join(timeout=60)
    assert sorted(claimed) == names  # every batch once, none twice
    held = sorted(p.name for d in (inbox / "processing").iterdir() for p in d.iterdir() if p.is_dir())
    assert held == names
    assert not list((inbox / "processing").glob("*/*/.ready"))  # markers dropped once claimed


def test_finished_batches_are_filed_with_a_report_and_never_overwrite(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    summary = {
        "items": 2, "auto_ok": 1, "needs_review": 1, "reviewed": 0, "intake_errors": 1, "new_proposals": 2,
        "seconds": 1.5, "manifest_errors": ["line 3: eval_year 20x4 is not a year"],
        "applicants": [{"applicant_id": "A001", "name": "张三", "title_level": "senior", "eval_year": 2024,
                        "items": 2, "auto_ok": 1, "needs_review": 1, "span": [2020, 2024],
                        "years": {"2024": {"total": 30.0}, "2023": {"total": 12.5}}, "span_ok": False}],
    }  # fmt: skip
    reports = []
    for _ in range(2):  # the same batch name dropped twice: the second is filed beside the first
        _folder(inbox, "spring")
        c = claim(inbox, inbox / "spring")
        assert c is not None
        errors = [{"item": "A001/x.doc", "reason": "不支持的文件类型"}]
        reports.append(finish_claim(c, ok=True, summary=summary, intake_errors=errors))
    done = inbox / "done"
    assert (done / "spring").is_dir() and len([p for p in done.iterdir() if p.is_dir()]) == 2
    assert reports[0]["path"] != reports[1]["path"]
    r = json.loads((done / "spring.report.json").read_text(encoding="utf-8"))
    assert r["counts"]["intake_errors"] == 1 and r["applicants"][0]["span_hours"] == 42.5
    md = (done / "spring.report.md").read_text(encoding="utf-8")
    assert "A001/x.doc" in md and "not met" in md and "eval_year 20x4" in md
    assert list((inbox / "processing").iterdir()) == []

    (inbox / "bad.zip").write_bytes(b"PK broken")
    c = claim(inbox, inbox / "bad.zip")
    assert c is not None
    rep = finish_claim(c, ok=False, error="BatchUnreadable: not a zip file")
    assert (inbox / "failed" / "bad.zip").is_file()
    assert "not a zip file" in (inbox / "failed" / "bad.zip.report.md").read_text(encoding="utf-8")
    assert rep["status"] == "failed"
    assert "# Batch bad.zip: failed" in report_markdown(rep)


def test_a_batch_taken_by_another_watcher_is_not_claimed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    p = _folder(inbox, "gone")
    first = claim(inbox, p)
    assert first is not None
    assert claim(inbox, p) is None  # the second watcher finds it gone
    assert len(list((inbox / "processing").iterdir())) == 1
