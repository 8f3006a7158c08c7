"""The pipeline as Prefect 3 flows: ``process_batch`` over one batch, ``watch_inbox`` over a folder.

The order of the steps is ``pipeline.process.run_steps``, the one ``cehours process`` runs;
``PrefectSteps`` below runs each step as a Prefect task, a thin wrapper over the same public step
function of ``pipeline/process.py``, cut so Prefect can retry, cache and send work elsewhere:

    intake ─ store ─ files to read ─ OCR per chunk of files, each chunk's pages stored before the
    next (the OCR stage's process pool over every core; with ``dask_address`` one task per file on
    Dask) ─ items to read ─ understand per item (mapped, threads) ─ propose (whole batch:
    duplicates are found across items) ─ finish

Why not Prefect's ``ProcessPoolTaskRunner`` for OCR: it is a ``ProcessPoolExecutor``, which a
crashing decoder breaks as a whole and which cannot stop a hung page; ``pipeline.ocr.read_files``
has its own pool with page timeouts and crash isolation, so an OCR task runs that pool.

Retries: database tasks retry a transient ``sqlalchemy.exc.OperationalError`` with exponential
backoff, nothing else; an OCR task whose engine failed on a page is retried (pages already read
come from the OCR cache), then its pages are stored with ``Page.error`` set (the item gets
``ocr_unreadable``) and the batch goes on. Bad input is not a task failure: intake records it as
an ``IntakeError``, and a page that cannot be decoded is an error page, not a retry.

The Prefect cache of the OCR task is keyed on its files' sha256 + engine + preprocessing version,
with results persisted under ``<data dir>/prefect-results``; below it the OCR stage keeps its own
cache by page-image hash (what makes a re-run or a retry cheap in practice).

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
import hashlib
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
from pipeline.types import Applicant, IntakeResult, ItemSource, Page, StoredFile

DB_RETRIES = 3


# retries of an engine failure, the same for the plain run (pipeline/process.py)
ocr_retries = proc.ocr_retries
retry_backoff = proc.retry_backoff


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
    """The engine failed on some page (not its input); ``pages`` holds what was read, by sha256."""

    def __init__(self, message: str, pages: dict[str, list[Page]]) -> None:
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
    return proc.files_to_read(session_factory(db_url), intake)


@task(name="items-to-read", **_DB_TASK)
def items_to_read_task(db_url: str | None, batch_id: int, intake: IntakeResult) -> list[ItemSource]:
    return proc.items_to_read(session_factory(db_url), batch_id, intake)


def ocr_cache_key(_ctx: TaskRunContext, params: dict[str, Any]) -> str:
    """Same files' content, same engine, same preprocessing: same pages."""
    from pipeline.ocr.reader import cache_engine_name, cache_version, resolve_engine

    engine = cache_engine_name(resolve_engine(params["engine"]))
    shas = hashlib.sha256(" ".join(sorted(f.sha256 for f in params["files"])).encode()).hexdigest()
    return f"ocr-{shas}-{engine}-{cache_version()}"


def _ocr_run_name() -> str:
    """The UI lists OCR runs by the files they read."""
    from prefect.runtime import task_run

    files = task_run.parameters.get("files") or []
    first = files[0].rel_path if files else "nothing"
    return f"ocr {first}" + (f" +{len(files) - 1} files" if len(files) > 1 else "")


@task(
    name="ocr-files",
    task_run_name=_ocr_run_name,
    cache_policy=CacheKeyFnPolicy(cache_key_fn=ocr_cache_key),
    persist_result=True,
    retry_condition_fn=is_engine_failure,
)
def ocr_files_task(
    files: list[StoredFile], engine: str, cache_dir: str | None, workers: int | None,
    pool: str | None = None,
) -> dict[str, list[Page]]:  # fmt: skip
    """The pages of some files, by sha256, read by ``pipeline.ocr.read_files``: ``workers`` None
    is its process pool over every core (page timeouts, a crashed worker costs one page), 0 reads
    in this process (a Dask worker is then the parallelism). ``pool`` names a pool of this
    process kept for the whole flow run (``PrefectSteps``), so each chunk does not start workers.

    Raises ``OcrFailed`` when the engine failed on a page that decodes (worth retrying; the pages
    read meanwhile are in the OCR cache); pages that cannot be decoded come back with ``error``."""
    from pipeline.ocr import read_files

    kept = _ocr_pools.get(pool) if pool else None
    if kept is not None:
        pages = kept.read_files(files)
    else:
        cache = Path(cache_dir) if cache_dir else None
        pages = read_files(files, engine=engine, workers=workers, cache_dir=cache)
    failure = proc.engine_failure(files, pages)
    if failure is not None:
        raise OcrFailed(failure, pages)
    return pages


# OCR pools kept for a flow run, by a name the OCR task gets as a parameter (a pool itself is no
# task parameter: Prefect records parameters). Worker start-ups (~1.5 CPU s each) once per run,
# not once per chunk of files (docs/ocr.md).
_ocr_pools: dict[str, Any] = {}


def _ocr_options(prefect_cache: bool) -> dict[str, Any]:
    """Retries and result storage, read when a flow runs (the environment may have changed)."""
    opts: dict[str, Any] = {
        "retries": ocr_retries(),
        "retry_delay_seconds": exponential_backoff(retry_backoff()),
        "result_storage": results_dir(),  # a Path: a str would name a storage block
    }
    if not prefect_cache:
        opts.update(cache_policy=NO_CACHE, persist_result=False)
    return opts


def _pages_or_errors(files: list[StoredFile], state: State) -> dict[str, list[Page]]:
    """The pages an OCR task returned, or, when it kept failing, its files' pages with the error
    set (the items get ``ocr_unreadable`` and the batch goes on)."""
    from pipeline.ocr.reader import error_page

    if state.is_completed():
        return state.result()
    exc = _raised(state)
    got = exc.pages if isinstance(exc, OcrFailed) else {}
    return {
        f.sha256: got.get(f.sha256) or [error_page(f, 0, f"OCR failed after retries: {exc}")] for f in files
    }


def _dask_runner(address: str) -> Any:
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)


@flow(name="ocr-files")
def ocr_files(
    files: list[StoredFile], engine: str = "auto", cache_dir: str | None = None, prefect_cache: bool = True
) -> quote[dict[str, list[Page]]]:
    """OCR each file as its own task on this sub-flow's task runner (Dask), read in the worker.

    A file that still fails after its retries is returned with ``Page.error`` set, never raised.
    The pages come back wrapped in ``quote``: Prefect would otherwise walk every word of every
    page looking for futures (measured: 6 s for 110 pages)."""
    ocr = ocr_files_task.with_options(**_ocr_options(prefect_cache))
    states = ocr.map([[f] for f in files], engine=unmapped(engine), cache_dir=unmapped(cache_dir),
                     workers=unmapped(0), return_state=True)  # fmt: skip
    out: dict[str, list[Page]] = {}
    for f, state in zip(files, states, strict=True):
        out.update(_pages_or_errors([f], state))
    return quote(out)


@task(name="save-pages", **_DB_TASK)
def save_pages_task(db_url: str | None, pages: dict[str, list[Page]]) -> int:
    return proc.save_pages_step(session_factory(db_url), pages)


@task(name="understand-item", task_run_name="understand {item.item}", **_DB_TASK)
def understand_item_task(
    db_url: str | None, batch_id: int, item: ItemSource, applicant: Applicant | None
) -> None:
    """Classify and extract one item (the reading is stored, not returned: nothing downstream
    needs it from Prefect, and a returned value is one more thing Prefect handles)."""
    proc.understand_item_step(session_factory(db_url), batch_id, item, applicant)


@task(name="propose", **_DB_TASK)
def propose_task(db_url: str | None, batch_id: int, intake: IntakeResult, policy_id: str) -> int:
    return proc.propose_step(session_factory(db_url), batch_id, intake, policy_id)


@task(name="finish", **_DB_TASK)
def finish_task(db_url: str | None, batch_id: int, added: int, policy_id: str) -> proc.BatchSummary:
    return proc.finish_step(session_factory(db_url), batch_id, added, policy_id)


# ---------------------------------------------------------------------------------------------
# flows


# Threads for the tasks run here: database tasks and understanding. OCR is not among them: each
# OCR task runs read_files' own process pool over every core (or goes to Dask).
FLOW_THREADS = max(4, os.cpu_count() or 1)


class PrefectSteps:
    """The steps of ``pipeline.process.run_steps`` as Prefect tasks of the running flow.

    OCR: without ``dask_address``, one task per chunk of files (``process.file_chunks``, the
    chunks ``cehours process`` commits), all on one OCR pool of ``ocr_workers`` processes kept
    for the run (None: every core; 0: in this process), retried when the engine failed; with
    ``dask_address``, one sub-flow whose tasks read one file each on that Dask scheduler. A chunk
    that keeps failing is stored with ``Page.error`` set (the items get ``ocr_unreadable``).
    Items are read by one task each, mapped over the flow's threads."""

    uses_model = True

    def __init__(
        self, db_url: str | None, engine: str, store_dir: str, cache_dir: str,
        dask_address: str | None = None, prefect_cache: bool = True, ocr_workers: int | None = None,
    ) -> None:  # fmt: skip
        self.db_url, self.engine, self.store_dir, self.cache_dir = db_url, engine, store_dir, cache_dir
        self.dask_address, self.prefect_cache, self.ocr_workers = dask_address, prefect_cache, ocr_workers
        self._pool: str | None = None  # name of this run's OCR pool in _ocr_pools
        self._chunks_left = 0

    def close(self) -> None:
        """Stop this run's OCR workers (after the last chunk; again at the end of a failed run)."""
        if self._pool is not None:
            pool = _ocr_pools.pop(self._pool, None)
            self._pool = None
            if pool is not None:
                pool.close()

    def intake(self, path: str | Path) -> IntakeResult:
        return intake_task(str(path), self.store_dir)

    # quote(): hand the intake over as it is, without Prefect walking it for futures on every call
    def store(self, intake: IntakeResult) -> int:
        return store_task(self.db_url, quote(intake))

    def files_to_read(self, intake: IntakeResult) -> list[StoredFile]:
        return files_to_read_task(self.db_url, quote(intake))

    def ocr_chunks(self, files: list[StoredFile]) -> list[list[StoredFile]]:
        if not files:
            return []
        chunks = [files] if self.dask_address else proc.file_chunks(files, self.ocr_workers)
        self._chunks_left = len(chunks)
        return chunks

    def ocr(self, chunk: list[StoredFile]) -> dict[str, list[Page]]:
        if self.dask_address:
            sub = ocr_files.with_options(task_runner=_dask_runner(self.dask_address))
            pages = sub(chunk, self.engine, self.cache_dir, self.prefect_cache)
            return pages.unquote() if isinstance(pages, quote) else pages
        try:
            if self._pool is None and self.ocr_workers != 0:
                import uuid

                from pipeline.ocr.pool import OcrPool

                self._pool = uuid.uuid4().hex
                _ocr_pools[self._pool] = OcrPool(self.engine, self.ocr_workers, Path(self.cache_dir))
            ocr = ocr_files_task.with_options(**_ocr_options(self.prefect_cache))
            state = ocr(chunk, self.engine, self.cache_dir, self.ocr_workers, self._pool, return_state=True)
            return _pages_or_errors(chunk, state)
        finally:
            self._chunks_left -= 1
            if self._chunks_left <= 0:
                self.close()  # its workers hold a few hundred MB each, not needed from here on

    def save_pages(self, pages: dict[str, list[Page]]) -> int:
        return save_pages_task(self.db_url, quote(pages))

    def items_to_read(self, batch_id: int, intake: IntakeResult) -> list[ItemSource]:
        return items_to_read_task(self.db_url, batch_id, quote(intake))

    def understand(self, batch_id: int, items: list[ItemSource], intake: IntakeResult) -> None:
        applicants = [intake.applicants.get(it.applicant_id) for it in items]
        # second reads of red type on one OCR worker of the run's engine and cache dir (the
        # task threads copy the context that names it)
        with proc.second_read_pool(self.engine, self.ocr_workers, self.cache_dir):
            futures = understand_item_task.map(unmapped(self.db_url), unmapped(batch_id), items, applicants)
            futures.result()  # an item that cannot be read after the DB retries fails the batch

    def propose(self, batch_id: int, intake: IntakeResult, policy_id: str) -> int:
        return propose_task(self.db_url, batch_id, quote(intake), policy_id)

    def finish(self, batch_id: int, added: int, policy_id: str) -> proc.BatchSummary:
        return finish_task(self.db_url, batch_id, added, policy_id)


# Threads for the tasks run here: database tasks and understanding. OCR is not among them: each
# OCR task runs read_files' own process pool over every core (or goes to Dask).
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
    ocr_workers: int | None = None,
) -> proc.BatchSummary:
    """The pipeline over one batch folder or zip, as Prefect tasks (``PrefectSteps``) in the order
    of ``pipeline.process.run_steps``: the same result as ``pipeline.process.process_batch``.

    ``ocr_workers`` and ``dask_address`` as for ``PrefectSteps``; ``prefect_cache`` False skips
    the Prefect result cache of OCR (the OCR stage's own page cache still applies)."""
    from pipeline import config
    from pipeline.ocr.reader import resolve_engine

    resolve_engine(engine)  # an unknown engine name is the caller's mistake: fail before intake
    steps = PrefectSteps(
        db_url, engine, store_dir or str(config.store_dir()), cache_dir or str(config.ocr_cache_dir()),
        dask_address, prefect_cache, ocr_workers,
    )  # fmt: skip
    try:
        return proc.run_steps(path, steps, policy_id)
    finally:
        steps.close()


@flow(name="watch_inbox")
def watch_inbox(
    inbox: str,
    db_url: str | None = None,
    engine: str = "auto",
    policy_id: str = "changde-2024",
    dask_address: str | None = None,
    settle_seconds: float = 5.0,
    ocr_workers: int | None = None,
) -> list[dict[str, Any]]:
    """Process every batch that is ready in ``inbox`` exactly once; returns one report per batch.

    Ready: a folder holding a ``.ready`` file, or a ``.zip`` whose size did not change across two
    looks ``settle_seconds`` apart. Each is claimed by an atomic rename into
    ``inbox/processing/`` (so a second watcher never gets it), processed, and moved to ``done/``
    or ``failed/`` with ``<name>.report.json`` and ``.report.md`` beside it. ``ocr_workers``
    as for ``process_batch`` (None: every core)."""
    root = Path(inbox)
    reports = []
    for candidate in find_ready(root, settle_seconds):
        c = claim(root, candidate)
        if c is None:  # another watcher took it first
            continue
        reports.append(_process_claimed(c, db_url, engine, policy_id, dask_address, ocr_workers))
    return reports


def _process_claimed(
    c: Claim, db_url: str | None, engine: str, policy_id: str, dask_address: str | None,
    ocr_workers: int | None = None,
) -> dict[str, Any]:
    from pipeline import config

    try:
        summary = process_batch(
            str(c.path), db_url=db_url, engine=engine, policy_id=policy_id,
            dask_address=dask_address, ocr_workers=ocr_workers,
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
