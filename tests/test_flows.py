"""The Prefect flows against a real (test-harness) Prefect server, SQLite and the real OCR stage.

One Prefect server for the whole module (it takes 15-30 s to start here). The batch is small
and generated; its OCR is done once by the plain run and then found in the OCR cache, so the
flows' tests measure the flows, not the OCR engine.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from failing_engine import FailingEngine

pytestmark = pytest.mark.slow

FLOW_SEED = 7101  # flow tests: seeds 7100-7199 (never a training seed)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A data dir and Prefect home of our own, and one Prefect server for every test here."""
    root = tmp_path_factory.mktemp("flows")
    saved = {k: os.environ.get(k) for k in ("CEHOURS_HOME", "PREFECT_HOME", "OMP_THREAD_LIMIT",
                                             "CEHOURS_OCR_ENGINE", "CEHOURS_FLOW_RETRY_BACKOFF")}  # fmt: skip
    os.environ.update({
        "CEHOURS_HOME": str(root / "data"), "PREFECT_HOME": str(root / "prefect"), "OMP_THREAD_LIMIT": "1",
        "CEHOURS_FLOW_RETRY_BACKOFF": "0.2",
        # before Prefect is imported: its server needs 15-30 s to start here; no telemetry offline
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
    })  # fmt: skip
    os.environ.pop("CEHOURS_OCR_ENGINE", None)
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=None):
        yield {"root": root, "data": root / "data"}
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def small_batch(env: dict[str, Path]) -> Path:
    from sample_docs.generate import generate_batch

    types = ("patent_certificate", "award_certificate", "digital_skills_exam")
    batch = generate_batch(env["root"] / "gen" / "flowbatch", seed=FLOW_SEED, applicants=1,
                           items_per_applicant=(3, 3), types=types, specials=False)  # fmt: skip
    # a stray file at the batch root belongs to no applicant: it must come out as an intake error
    (batch / "notes.txt").write_text("uploaded by mistake", encoding="utf-8")
    return batch


@pytest.fixture(scope="module")
def plain_records(env: dict[str, Path], small_batch: Path) -> set[str]:
    """The export of ``cehours process``'s own function over the batch (this fills the OCR cache)."""
    from pipeline.process import process_batch

    url = f"sqlite:///{env['root'] / 'plain.db'}"
    process_batch(small_batch, db_url=url, workers=1)
    return export_set(url)


def export_set(url: str, batch: str | None = None) -> set[str]:
    from pipeline.export import records
    from pipeline.store.db import open_db

    factory = open_db(url)
    try:
        with factory() as s:
            return {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records(s, batch)}
    finally:
        factory.kw["bind"].dispose()


def test_flow_gives_the_same_export_as_cehours_process(
    env: dict[str, Path], small_batch: Path, plain_records: set[str], tmp_path: Path
) -> None:
    from pipeline import flows

    url = f"sqlite:///{tmp_path / 'flow.db'}"
    # a fresh OCR cache: the pages are really read, by the OCR stage's worker processes
    cold = tmp_path / "ocr-cache"
    state = flows.process_batch(str(small_batch), db_url=url, cache_dir=str(cold), return_state=True)
    assert state.is_completed(), state
    assert any(cold.iterdir())
    summary = state.result()
    # 3 evidence items + notes.txt, a stray file at the batch root: an intake error record
    assert summary.items == len(plain_records) == 4 and summary.intake_errors == 1
    assert export_set(url) == plain_records
    # the OCR task's results are persisted for the Prefect cache, under the data dir
    assert any((env["data"] / "prefect-results").iterdir())
    # a second run over the same batch changes nothing (and reads nothing again)
    again = flows.process_batch(str(small_batch), db_url=url)
    assert again.new_proposals == 0
    assert export_set(url) == plain_records


def test_the_flow_starts_the_ocr_workers_once_per_run_not_once_per_chunk(
    env: dict[str, Path], small_batch: Path, plain_records: set[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from pipeline import flows
    from pipeline.ocr import pool

    started = []
    spawn = pool._spawn_worker

    def counting(*args: object) -> object:
        started.append(args)
        return spawn(*args)

    monkeypatch.setattr(pool, "_spawn_worker", counting)
    monkeypatch.setenv("CEHOURS_CHUNK_FILES", "1")  # one OCR task per file
    url = f"sqlite:///{tmp_path / 'chunks.db'}"
    summary = flows.process_batch(str(small_batch), db_url=url, cache_dir=str(tmp_path / "ocr-cache"),
                                  prefect_cache=False, ocr_workers=1)  # fmt: skip
    assert summary.items == 4
    assert export_set(url) == plain_records
    assert len(started) == 1
    assert not flows._ocr_pools  # stopped after the last chunk


def test_a_wrong_policy_fails_the_flow_before_the_batch_is_read(
    env: dict[str, Path], small_batch: Path, tmp_path: Path
) -> None:
    from pipeline import flows

    store = tmp_path / "store"
    url = f"sqlite:///{tmp_path / 'p.db'}"
    state = flows.process_batch(str(small_batch), db_url=url, policy_id="nowhere-2024", store_dir=str(store),
                                cache_dir=str(tmp_path / "cache"), return_state=True)  # fmt: skip
    assert state.is_failed()
    with pytest.raises(ValueError, match="no policy 'nowhere-2024'"):
        state.result()
    assert not store.exists() and not (tmp_path / "cache").exists()  # no intake, no OCR


def test_a_page_that_keeps_failing_is_retried_then_recorded_without_failing_the_batch(
    env: dict[str, Path], small_batch: Path, plain_records: set[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from pipeline import flows
    from pipeline.ocr import engines, reader
    from pipeline.store.db import open_db
    from pipeline.store.models import PageRow

    engine = FailingEngine()
    monkeypatch.setattr(reader, "ENGINES", (*reader.ENGINES, "failing"))
    monkeypatch.setitem(engines._ENGINES, "failing", engine)
    monkeypatch.setenv("CEHOURS_FLOW_OCR_RETRIES", "2")
    url = f"sqlite:///{tmp_path / 'failing.db'}"

    # ocr_workers=0: read in this process, where the failing engine is registered
    state = flows.process_batch(
        str(small_batch), db_url=url, engine="failing", ocr_workers=0, return_state=True
    )

    assert state.is_completed(), state  # the batch goes on
    assert state.result().items == 4
    factory = open_db(url)
    with factory() as s:
        pages = list(s.query(PageRow))
    factory.kw["bind"].dispose()
    failed = [p for p in pages if p.error]
    assert failed and all("failing engine" in p.error for p in failed)
    assert engine.calls >= 3 * len(failed)  # first try + 2 retries for each failing page
    recs = [json.loads(r) for r in export_set(url)]
    unreadable = [r for r in recs if "ocr_unreadable" in r["flags"]]
    assert unreadable and all(r["status"] == "needs_review" for r in unreadable)


def _inbox_with_batches(small_batch: Path, inbox: Path) -> None:
    inbox.mkdir()
    for name in ("spring", "autumn"):
        shutil.copytree(small_batch, inbox / name)
        (inbox / name / ".ready").touch()
    shutil.copytree(small_batch, inbox / "not-yet")  # no marker: still being copied in
    with zipfile.ZipFile(inbox / "winter.zip", "w") as z:
        for p in sorted(small_batch.rglob("*")):
            if p.is_file():
                z.write(p, f"winter/{p.relative_to(small_batch)}")
    (inbox / "broken.zip").write_bytes(b"PK\x03\x04 this is not a whole zip file")


def test_two_watchers_at_once_process_each_batch_exactly_once(
    env: dict[str, Path], small_batch: Path, plain_records: set[str], tmp_path: Path
) -> None:
    from pipeline import flows

    inbox = tmp_path / "inbox"
    _inbox_with_batches(small_batch, inbox)
    url = f"sqlite:///{tmp_path / 'inbox.db'}"
    results: list[list[dict[str, Any]]] = []
    errors: list[BaseException] = []

    def watcher() -> None:
        try:
            results.append(flows.watch_inbox(str(inbox), db_url=url, settle_seconds=1.0))
        except BaseException as e:  # surfaced below
            errors.append(e)

    threads = [threading.Thread(target=watcher) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    names = sorted(r["batch"] for rs in results for r in rs)
    assert names == ["autumn", "broken.zip", "spring", "winter.zip"]  # each once, across both

    done = inbox / "done"
    assert sorted(p.name for p in done.iterdir() if not p.name.endswith((".json", ".md"))) == [
        "autumn", "spring", "winter.zip"]  # fmt: skip
    for name in ("autumn", "spring", "winter.zip"):
        report = json.loads((done / f"{name}.report.json").read_text(encoding="utf-8"))
        assert report["status"] == "done" and report["counts"]["items"] == 4
        assert [e["item"] for e in report["intake_errors"]] == ["notes.txt"]
        assert [a["applicant_id"] for a in report["applicants"]] == ["A001"]
        assert "## Applicants" in (done / f"{name}.report.md").read_text(encoding="utf-8")
    failed = json.loads((inbox / "failed" / "broken.zip.report.json").read_text(encoding="utf-8"))
    assert failed["status"] == "failed" and "BatchUnreadable" in failed["error"]
    assert (inbox / "failed" / "broken.zip").is_file()  # kept for a person to look at
    assert (inbox / "not-yet").is_dir()  # not marked ready: left alone
    assert list((inbox / "processing").iterdir()) == []

    # the database holds each batch once, with the same records as the plain run
    recs = export_set(url)
    assert len(recs) == 12
    assert export_set(url, "spring") == {r.replace('"flowbatch"', '"spring"') for r in plain_records}

    # a later pass finds nothing new
    assert flows.watch_inbox(str(inbox), db_url=url, settle_seconds=0) == []


def test_dask_cluster_runs_the_ocr_tasks_with_the_same_result(
    env: dict[str, Path], small_batch: Path, plain_records: set[str], tmp_path: Path
) -> None:
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL

    from pipeline import flows

    # Workers are separate processes: they must talk to this test's Prefect server (not start
    # their own) and see the same data dir.
    os.environ["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    try:
        with LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster:
            summary = flows.process_batch(
                str(small_batch), db_url=url, dask_address=cluster.scheduler_address, prefect_cache=False
            )
            ran = {str(k) for k in cluster.scheduler.task_prefixes}
    finally:
        os.environ.pop("PREFECT_API_URL", None)
    assert any("ocr-files" in k or "ocr_files" in k for k in ran), ran
    assert summary.items == 4
    assert export_set(url) == plain_records


def test_schedule_once_runs_one_pass_from_the_command_line(
    env: dict[str, Path], small_batch: Path, plain_records: set[str], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copytree(small_batch, inbox / "one")
    (inbox / "one" / ".ready").touch()
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    res = CliRunner().invoke(app, ["schedule", "--inbox", str(inbox), "--once", "--db", url, "-w", "1"])
    assert res.exit_code == 0, res.output
    assert "one" in res.output and "done" in res.output
    assert (inbox / "done" / "one.report.md").is_file()
    assert len(export_set(url)) == 4


def test_schedule_refuses_a_missing_inbox_and_a_bad_cron(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["schedule", "--inbox", str(tmp_path / "nope"), "--once"])
    assert res.exit_code == 2 and "not a folder" in res.output
    res = CliRunner().invoke(app, ["schedule", "--inbox", str(tmp_path), "--cron", "every night"])
    assert res.exit_code == 2 and "cron" in res.output


def test_a_database_that_is_down_is_retried_and_a_bug_is_not(env: dict[str, Path], tmp_path: Path) -> None:
    from prefect import flow, get_client

    from pipeline import flows
    from pipeline.types import IntakeResult, ItemSource

    intake = IntakeResult(batch="b", root=str(tmp_path), applicants={}, items=[], errors=[])
    down = "postgresql+psycopg://cehours:secret@127.0.0.1:9/cehours"  # nothing listens: refused
    store = flows.store_task.with_options(retry_delay_seconds=0.05)
    item = ItemSource(applicant_id="A001", item="A001/never-stored.jpg", files=[])
    understand = flows.understand_item_task.with_options(retry_delay_seconds=0.05)
    url = f"sqlite:///{tmp_path / 'retry.db'}"

    @flow
    def attempts() -> tuple[Any, Any]:
        return (store(down, intake, return_state=True),
                understand(url, 1, item, None, return_state=True))  # fmt: skip

    refused, bug = attempts()
    client = get_client(sync_client=True)
    assert refused.is_failed() and bug.is_failed()
    assert client.read_task_run(refused.state_details.task_run_id).run_count == 1 + flows.DB_RETRIES
    assert client.read_task_run(bug.state_details.task_run_id).run_count == 1  # not transient
