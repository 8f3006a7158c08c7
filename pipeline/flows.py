"""The pipeline as Prefect 3 flows: ``process_batch`` over one batch, ``watch_inbox`` over a folder.

Both run the stage functions of ``pipeline/process.py`` (the ones ``cehours process`` runs), only
cut into tasks Prefect can retry, cache and send elsewhere:

    intake ─ store ─ OCR per file (mapped; a sub-flow, on Dask with ``dask_address``) ─ save pages
           ─ understand per item (mapped) ─ propose (whole batch: duplicates are found across
             items) ─ finish

Retries: database tasks retry a transient ``sqlalchemy.exc.OperationalError`` with exponential
backoff, nothing else; an OCR file whose engine keeps failing is retried, then stored with
``Page.error`` set (the item gets ``ocr_unreadable``) and the batch goes on. Bad input is not a
task failure: intake records it as an ``IntakeError``.

The Prefect cache of the OCR task is keyed on the file's sha256 + engine + preprocessing version,
with results persisted under ``<data dir>/prefect-results``; below it the OCR stage keeps its own
cache by page-image hash.

Entry points that start flows must sit under ``if __name__ == "__main__":`` because Dask
workers re-import the module that defined the tasks.
"""

from __future__ import annotations

import os

# Why before importing Prefect: its settings are read at import. The ephemeral API server needs
# 15-30 s to start on a busy 2-core machine (the default timeout is shorter), and its telemetry
# cannot reach the internet from an offline site.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import dataclasses
import threading
from pathlib import Path
from typing import Any

from prefect import flow, task, unmapped
from prefect.cache_policies import NO_CACHE, CacheKeyFnPolicy
from prefect.context import TaskRunContext
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import Task, exponential_backoff
from prefect.utilities.annotations import quote
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

# The module, not its names: pipeline.process.process_batch is the plain run, and the flow below
# is also called process_batch (its Prefect name).
from pipeline import process as proc
from pipeline.inbox import Claim, claim, find_ready, finish_claim
from pipeline.types import IntakeResult, ItemSource, Page, StoredFile

DB_RETRIES = 3


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def ocr_retries() -> int:
    """Retries of an OCR file whose engine failed (``CEHOURS_FLOW_OCR_RETRIES``, default 2)."""
    return int(_env_float("CEHOURS_FLOW_OCR_RETRIES", 2))


def retry_backoff() -> float:
    """First retry delay in seconds, doubled each time (``CEHOURS_FLOW_RETRY_BACKOFF``, default 2)."""
    return _env_float("CEHOURS_FLOW_RETRY_BACKOFF", 2.0)


def results_dir() -> Path:
    """Where the OCR task's persisted results live: ``<data dir>/prefect-results``."""
    from pipeline import config

    return config.data_dir() / "prefect-results"


# ---------------------------------------------------------------------------------------------
# retry conditions


def _raised(state: State) -> BaseException | None:
    try:
        state.result()
    except BaseException as exc:  # the task's exception is what the state holds
        return exc
    return None


def is_transient_db_error(_task: Task[..., Any], _run: Any, state: State) -> bool:
    """Retry only when the database was briefly unavailable (locked, connection dropped)."""
    return isinstance(_raised(state), OperationalError)


class OcrFailed(Exception):
    """The engine failed on some page of a file (not its input); ``pages`` holds what was read."""

    def __init__(self, message: str, pages: list[Page]) -> None:
        super().__init__(message)
        self.pages = pages

    def __reduce__(self) -> tuple[Any, ...]:  # picklable with its pages (Dask ships it back)
        return (OcrFailed, (str(self), self.pages))


def is_engine_failure(_task: Task[..., Any], _run: Any, state: State) -> bool:
    """Retry OCR when the engine failed; a page that cannot be decoded will not improve."""
    return isinstance(_raised(state), OcrFailed)


# ---------------------------------------------------------------------------------------------
# sessions: one engine per database URL and process, shared by the tasks running in it

_factories: dict[str, sessionmaker[Session]] = {}
_factories_lock = threading.Lock()


def session_factory(db_url: str | None) -> sessionmaker[Session]:
    from pipeline import config
    from pipeline.store.db import open_db

    url = config.db_url(db_url)
    with _factories_lock:
        if url not in _factories:
            _factories[url] = open_db(url, write_lock=True)
        return _factories[url]


# ---------------------------------------------------------------------------------------------
# tasks: each a thin wrapper over a public step of pipeline/process.py or the OCR stage


@task(name="intake", cache_policy=NO_CACHE)
def intake_task(path: str, store_dir: str | None) -> IntakeResult:
    """Read the batch into the store. No retries: a batch that cannot be read will not improve,
    and a bad file inside it is an IntakeError in the result, not a failure."""
    return proc.intake_step(path, store_dir=store_dir)


_DB_TASK: dict[str, Any] = {
    "cache_policy": NO_CACHE,
    "retries": DB_RETRIES,
    "retry_delay_seconds": exponential_backoff(1.0),  # 1, 2, 4 s: a restarting database
    "retry_condition_fn": is_transient_db_error,
}


@task(name="store", **_DB_TASK)
def store_task(db_url: str | None, intake: IntakeResult) -> int:
    return proc.store_step(session_factory(db_url), intake)


@task(name="files-to-read", **_DB_TASK)
def files_to_read_task(db_url: str | None, intake: IntakeResult) -> list[StoredFile]:
    """The files whose pages are not stored yet (a re-run reads nothing twice), content-unique."""
    from pipeline.store import repo

    files = {f.sha256: f for item in intake.items for f in item.files}
    with session_factory(db_url)() as s:
        done = repo.files_with_pages(s, list(files))
    return [f for sha, f in files.items() if sha not in done]


def ocr_cache_key(_ctx: TaskRunContext, params: dict[str, Any]) -> str:
    """Same file content, same engine, same preprocessing: same pages."""
    from pipeline.ocr.reader import cache_engine_name, cache_version, resolve_engine

    engine = cache_engine_name(resolve_engine(params["engine"]))
    return f"ocr-{params['file'].sha256}-{engine}-{cache_version()}"


@task(
    name="ocr-file",
    task_run_name="ocr {file.rel_path}",  # the UI lists runs by the file they read
    cache_policy=CacheKeyFnPolicy(cache_key_fn=ocr_cache_key),
    persist_result=True,
    retry_condition_fn=is_engine_failure,
)
def ocr_file_task(file: StoredFile, engine: str, cache_dir: str | None) -> list[Page]:
    """The pages of one file. Raises ``OcrFailed`` when the engine failed on a page that decodes
    (worth retrying); pages that cannot be decoded are returned with ``error`` set."""
    from pipeline.ocr import read_files
    from pipeline.ocr.sources import load_page

    # workers=0: read in this process (a Prefect thread or a Dask worker is the parallelism);
    # read_files, unlike read_file, finds a whole cached file without decoding its pages.
    pages = read_files([file], engine=engine, workers=0, cache_dir=Path(cache_dir) if cache_dir else None)
    pages_of_file = pages.get(file.sha256, [])
    for p in pages_of_file:
        if p.error is None:
            continue
        try:
            load_page(file, p.page_no)
        except Exception:  # the input itself is bad: recorded, not retried
            continue
        raise OcrFailed(f"{file.rel_path} page {p.page_no + 1}: {p.error}", pages_of_file)
    return pages_of_file


def _failed_pages(file: StoredFile, exc: BaseException | None) -> list[Page]:
    """What to store for a file whose OCR kept failing: its pages with the error on them."""
    from pipeline.ocr.reader import error_page

    if isinstance(exc, OcrFailed) and exc.pages:
        return exc.pages
    return [error_page(file, 0, f"OCR failed after retries: {exc}")]


def _dask_runner(address: str) -> Any:
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)


@flow(name="ocr-files")
def ocr_files(
    files: list[StoredFile], engine: str = "auto", cache_dir: str | None = None, prefect_cache: bool = True
) -> quote[dict[str, list[Page]]]:
    """OCR every file as its own task, on this sub-flow's task runner (threads or Dask).

    A file that still fails after its retries is returned with ``Page.error`` set, never raised.
    The pages come back wrapped in ``quote``: Prefect would otherwise walk every word of every
    page looking for futures (measured: 6 s for 110 pages)."""
    ocr = ocr_file_task.with_options(
        retries=ocr_retries(),
        retry_delay_seconds=exponential_backoff(retry_backoff()),
        result_storage=results_dir(),
        **({} if prefect_cache else {"cache_policy": NO_CACHE, "persist_result": False}),
    )
    futures = ocr.map(files, engine=unmapped(engine), cache_dir=unmapped(cache_dir))
    out: dict[str, list[Page]] = {}
    for f, fut in zip(files, futures, strict=True):
        fut.wait()
        if fut.state.is_completed():
            out[f.sha256] = fut.result()
        else:
            out[f.sha256] = _failed_pages(f, fut.result(raise_on_failure=False))
    return quote(out)


@task(name="save-pages", **_DB_TASK)
def save_pages_task(db_url: str | None, pages: dict[str, list[Page]]) -> int:
    """Store the pages read (the storing half of ``process.ocr_step``); returns pages stored."""
    from pipeline.store import repo

    with session_factory(db_url)() as s, s.begin():
        for sha, ps in pages.items():
            repo.save_pages(s, sha, ps)
    return sum(len(ps) for ps in pages.values())


@task(name="understand-item", task_run_name="understand {item.item}", **_DB_TASK)
def understand_item_task(db_url: str | None, batch_id: int, intake: IntakeResult, item: ItemSource) -> int:
    """Classify and extract one item: ``process.understand_step`` on a batch of that one item."""
    one = dataclasses.replace(intake, items=[item], errors=[])
    return proc.understand_step(session_factory(db_url), batch_id, one)


@task(name="propose", **_DB_TASK)
def propose_task(db_url: str | None, batch_id: int, intake: IntakeResult, policy_id: str) -> int:
    return proc.propose_step(session_factory(db_url), batch_id, intake, policy_id)


@task(name="finish", **_DB_TASK)
def finish_task(db_url: str | None, batch_id: int, added: int, policy_id: str) -> proc.BatchSummary:
    return proc.finish_step(session_factory(db_url), batch_id, added, policy_id)


# ---------------------------------------------------------------------------------------------
# flows


# Threads for the tasks run here: database tasks, understanding and (without Dask) OCR; rapidocr
# gains nothing from a second thread of one process, so multi-core OCR goes through Dask.
FLOW_THREADS = max(4, os.cpu_count() or 1)


@flow(name="process_batch", task_runner=ThreadPoolTaskRunner(max_workers=FLOW_THREADS))
def process_batch(
    path: str,
    db_url: str | None = None,
    engine: str = "auto",
    policy_id: str = "changde-2024",
    store_dir: str | None = None,
    cache_dir: str | None = None,
    dask_address: str | None = None,
    prefect_cache: bool = True,
) -> proc.BatchSummary:
    """The pipeline over one batch folder or zip, as Prefect tasks; the same result as
    ``pipeline.process.process_batch``. ``dask_address`` sends the OCR tasks to that Dask
    scheduler (a sub-flow with a ``DaskTaskRunner``); otherwise they run in this flow's threads.
    ``prefect_cache`` False skips the Prefect result cache of OCR (the OCR stage's own page cache
    still applies)."""
    import time

    from pipeline import config
    from pipeline.ocr.reader import resolve_engine

    started = time.monotonic()
    resolve_engine(engine)  # an unknown engine name is the caller's mistake: fail before intake
    store = store_dir or str(config.store_dir())
    cache = cache_dir or str(config.ocr_cache_dir())
    intake = intake_task(str(path), store)
    # quote(): hand the intake over as it is, without Prefect walking it for futures on every call
    batch_id = store_task(db_url, quote(intake))
    todo = files_to_read_task(db_url, quote(intake))
    if todo:
        if dask_address:
            pages = ocr_files.with_options(task_runner=_dask_runner(dask_address))(
                todo, engine, cache, prefect_cache
            )
        else:  # the same body, its tasks on this flow's runner: a sub-flow run costs a second or more
            pages = ocr_files.fn(todo, engine, cache, prefect_cache)
        save_pages_task(db_url, pages if isinstance(pages, quote) else quote(pages))
    futures = understand_item_task.map(
        unmapped(db_url), unmapped(batch_id), unmapped(quote(intake)), intake.items
    )
    futures.result()  # an item that cannot be read after the DB retries fails the batch
    added = propose_task(db_url, batch_id, quote(intake), policy_id)
    summary = finish_task(db_url, batch_id, added, policy_id)
    summary.seconds = round(time.monotonic() - started, 2)
    return summary


@flow(name="watch_inbox")
def watch_inbox(
    inbox: str,
    db_url: str | None = None,
    engine: str = "auto",
    policy_id: str = "changde-2024",
    dask_address: str | None = None,
    settle_seconds: float = 5.0,
) -> list[dict[str, Any]]:
    """Process every batch that is ready in ``inbox`` exactly once; returns one report per batch.

    Ready: a folder holding a ``.ready`` file, or a ``.zip`` whose size did not change across two
    looks ``settle_seconds`` apart. Each is claimed by an atomic rename into
    ``inbox/processing/`` (so a second watcher never gets it), processed, and moved to ``done/``
    or ``failed/`` with ``<name>.report.json`` and ``.report.md`` beside it."""
    root = Path(inbox)
    reports = []
    for candidate in find_ready(root, settle_seconds):
        c = claim(root, candidate)
        if c is None:  # another watcher took it first
            continue
        reports.append(_process_claimed(c, db_url, engine, policy_id, dask_address))
    return reports


def _process_claimed(
    c: Claim, db_url: str | None, engine: str, policy_id: str, dask_address: str | None
) -> dict[str, Any]:
    from pipeline import config

    try:
        summary = process_batch(
            str(c.path), db_url=db_url, engine=engine, policy_id=policy_id,
            dask_address=dask_address,
        )  # fmt: skip
    except Exception as exc:  # whatever went wrong is written in the report; the watcher goes on
        return finish_claim(c, ok=False, error=f"{type(exc).__name__}: {exc}")
    errors = _intake_errors(db_url, summary.batch_id)
    return finish_claim(
        c, ok=True, summary=dataclasses.asdict(summary), intake_errors=errors, db=config.db_url(db_url)
    )


def _intake_errors(db_url: str | None, batch_id: int) -> list[dict[str, str]]:
    from sqlalchemy import select

    from pipeline.store.models import ItemRow

    with session_factory(db_url)() as s:
        rows = s.execute(
            select(ItemRow.path, ItemRow.intake_error).where(
                ItemRow.batch_id == batch_id, ItemRow.intake_error.is_not(None)
            )
        ).all()
    return [{"item": p, "reason": r} for p, r in rows]
