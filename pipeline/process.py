"""The pipeline over one batch, resumable: intake → store → OCR → understand → propose → finish.

The order of the steps is written once, here (``run_steps``). How each step runs is injected,
the way OCRmyPDF lets a plugin supply its executor: ``InProcessSteps`` runs them in this process
with the OCR stage's process pool (``cehours process``, the evaluation, the web demo and upload);
``pipeline.flows.PrefectSteps`` runs each as a Prefect task (retries, caching, Dask). Both build on
the public step functions below, so a step's meaning is never written twice.

Work is committed in chunks, so a process killed mid-batch loses at most the chunk in hand; a
re-run redoes the intake (files are known by content hash, items by (batch, path)), skips files
whose pages are stored and items already read, and appends a proposal only where it differs from
the latest one. Re-running a finished batch therefore changes nothing.

Document errors stay with their item (an intake error, an OCR error page, ``read_failed``); a
program error (a policy, the extraction patterns, the evidence table or the classifier artifact
missing or broken) stops the run before the slow part (``check_program_data``).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pipeline.errors import ProgramDataError, ProgramDataMissing
from pipeline.types import Applicant, IntakeResult, ItemProposal, ItemReading, ItemSource, Page, StoredFile

if TYPE_CHECKING:
    from pipeline.ocr.pool import OcrPool

log = logging.getLogger(__name__)
# progress(stage, done, total): stage is "intake" | "ocr" | "understand" | "propose"
Progress = Callable[[str, int, int], None]
CHUNK_ITEMS = 8  # items read and committed together (CEHOURS_CHUNK_ITEMS)
CHUNK_FILES = 8  # files OCR'd and committed together, at least 4 per worker (CEHOURS_CHUNK_FILES)


def _chunk(env: str, default: int) -> int:
    """Chunk size: smaller loses less to a crash, larger commits less often."""
    try:
        return max(1, int(os.environ.get(env, default)))
    except ValueError:
        return default


class BatchUnreadable(Exception):
    """The batch as a whole cannot be read (missing path, not a folder or a zip, broken zip)."""


@dataclass
class BatchSummary:
    batch: str
    batch_id: int
    items: int  # evidence items, intake errors included
    auto_ok: int
    needs_review: int
    reviewed: int  # confirmed, adjusted or rejected
    intake_errors: int
    new_proposals: int
    manifest_errors: list[str] = field(default_factory=list)
    applicants: list[dict[str, Any]] = field(default_factory=list)  # pipeline.summary per applicant
    seconds: float = 0.0


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


def model_version() -> str:
    """The version of the model that read the items (recorded on every proposal)."""
    try:
        from classifiers import MODEL_VERSION
    except ImportError:
        return ""
    return str(MODEL_VERSION)


def intake_step(path: str | Path, store_dir: str | Path | None = None) -> IntakeResult:
    """Read the batch folder or zip into the content-addressed store; ``BatchUnreadable`` when it
    cannot be read or holds no file at all (a manifest alone is a batch, of no items)."""
    from pipeline.intake import BatchError, intake_batch

    try:
        intake = intake_batch(Path(path), store_dir=Path(store_dir) if store_dir else None)
    except (BatchError, OSError) as e:  # e.g. a corrupt zip, a folder we may not read
        raise BatchUnreadable(str(e)) from e
    if not intake.items and not intake.errors and _holds_nothing(Path(path)):  # most likely the wrong folder
        raise BatchUnreadable(f"{path} holds no files at all: no manifest.csv, no applicant folder")
    return intake


def _holds_nothing(path: Path) -> bool:
    """No file in the folder (hidden ones aside) or no member in the zip: not a batch."""
    import zipfile

    if path.is_dir():
        return not any(p.is_file() and not p.name.startswith(".") for p in path.rglob("*"))
    try:
        with zipfile.ZipFile(path) as z:
            return not any(not m.is_dir() for m in z.infolist())
    except (OSError, zipfile.BadZipFile):
        return False


# An item of an earlier run of the batch that this run's upload no longer holds. It is not
# deleted (its scan, proposals and any review stay on record) but flagged, so it reaches a
# reviewer as an intake error instead of counting on silently.
REMOVED_REASON = "no longer in the batch: the file or folder was removed from the upload"


def _current_paths(intake: IntakeResult) -> set[str]:
    return {it.item for it in intake.items} | {e.rel_path for e in intake.errors}


def store_step(factory: sessionmaker[Session], intake: IntakeResult) -> int:
    """Record the batch, its applicants, files, items and intake errors; returns the batch id.

    Items stored by an earlier run that this upload no longer holds get ``REMOVED_REASON``.
    """
    from pipeline.store import repo
    from pipeline.store.models import ItemRow

    current = _current_paths(intake)
    with factory() as s, s.begin():
        batch = repo.get_or_create_batch(s, intake.batch, str(intake.root))
        batch.manifest_errors = list(intake.manifest_errors)
        repo.save_applicants(s, batch, intake.applicants)
        for item in intake.items:
            for f in item.files:
                repo.save_file(s, f)
            repo.upsert_item(s, batch, item.applicant_id, item.item, [f.sha256 for f in item.files])
        for err in intake.errors:
            repo.upsert_item(s, batch, err.applicant_id, err.rel_path, [], intake_error=err.reason)
        for row in s.scalars(select(ItemRow).where(ItemRow.batch_id == batch.id)):
            if row.path not in current:
                repo.upsert_item(s, batch, row.applicant_id, row.path, list(row.files), REMOVED_REASON)
        return batch.id


def files_to_read(factory: sessionmaker[Session], intake: IntakeResult) -> list[StoredFile]:
    """The batch's files whose pages are not stored yet, each content once (a re-run reads nothing twice)."""
    from pipeline.store import repo

    files = {f.sha256: f for item in intake.items for f in item.files}
    with factory() as s:
        done = repo.files_with_pages(s, list(files))
    return [f for sha, f in files.items() if sha not in done]


def file_chunks(files: list[StoredFile], workers: int | None = None) -> list[list[StoredFile]]:
    """The files cut into the chunks OCR'd and committed together: at least 4 files per worker,
    so the pool stays busy, and few enough that a crash loses little (``CEHOURS_CHUNK_FILES``)."""
    n = (os.cpu_count() or 1) if workers is None else max(1, workers)
    size = _chunk("CEHOURS_CHUNK_FILES", max(CHUNK_FILES, 4 * n))
    return [files[i : i + size] for i in range(0, len(files), size)]


def save_pages_step(factory: sessionmaker[Session], pages: dict[str, list[Page]]) -> int:
    """Store the pages read, keyed by file sha256, in one transaction; returns pages stored."""
    from pipeline.store import repo

    with factory() as s, s.begin():
        for sha, ps in pages.items():
            repo.save_pages(s, sha, ps)
    return sum(len(ps) for ps in pages.values())


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


def engine_failure(files: list[StoredFile], pages: dict[str, list[Page]]) -> str | None:
    """Where the OCR engine failed on a page that decodes (worth retrying: the pages read
    meanwhile are in the OCR cache), as "file page N: error"; None when every error page is bad
    input, which a retry would not improve."""
    from pipeline.ocr.sources import load_page

    by_sha = {f.sha256: f for f in files}
    for sha, ps in pages.items():
        for p in ps:
            if p.error is None or sha not in by_sha:
                continue
            try:
                load_page(by_sha[sha], p.page_no)
            except Exception:  # the input itself is bad: recorded, not retried
                continue
            return f"{by_sha[sha].rel_path} page {p.page_no + 1}: {p.error}"
    return None


def page_counts(files: list[StoredFile]) -> dict[str, int]:
    """Pages per file, by sha256 (1 for a file that cannot be opened: it is one error page)."""
    from pipeline.ocr.sources import PageSourceError, page_count

    counts: dict[str, int] = {}
    for f in files:
        try:
            counts[f.sha256] = page_count(f)
        except (PageSourceError, OSError, ValueError):
            counts[f.sha256] = 1
    return counts


def items_to_read(factory: sessionmaker[Session], batch_id: int, intake: IntakeResult) -> list[ItemSource]:
    """The batch's items not classified and extracted yet (a re-run reads nothing twice, but
    tries again an item whose reading failed)."""
    from pipeline.store.models import ItemRow

    with factory() as s:
        done = set(
            s.scalars(select(ItemRow.path).where(ItemRow.batch_id == batch_id, ItemRow.read_done.is_(True),
                                                 ItemRow.read_error.is_(None)))
        )  # fmt: skip
    return [it for it in intake.items if it.item not in done]


def _load_item_pages(factory: sessionmaker[Session], items: list[ItemSource]) -> list[list[Page]]:
    from pipeline.store import repo

    with factory() as s:
        return [[p for f in it.files for p in repo.load_pages(s, f.sha256)] for it in items]


def _save_readings(
    factory: sessionmaker[Session], batch_id: int, items: list[ItemSource], readings: list[ItemReading]
) -> None:
    from pipeline.store import repo
    from pipeline.store.models import ItemRow

    with factory() as s, s.begin():
        for it, reading in zip(items, readings, strict=True):
            row = s.scalar(select(ItemRow).where(ItemRow.batch_id == batch_id, ItemRow.path == it.item))
            if row is None:  # a caller's bug, not a transient failure
                raise LookupError(f"item {it.item!r} of batch {batch_id} is not stored: run store_step first")
            repo.save_reading(s, row, reading)


def understand_item_step(
    factory: sessionmaker[Session],
    batch_id: int,
    item: ItemSource,
    applicant: Applicant | None,
    read: Callable[..., ItemReading] | None = None,
) -> ItemReading:
    """Classify and extract one item from its stored pages and store the reading; returns it."""
    if read is None:
        from pipeline.understand import read_item as read
    (pages,) = _load_item_pages(factory, [item])
    reading = _read_one(read, item, pages, applicant)
    _save_readings(factory, batch_id, [item], [reading])
    return reading


def read_failure_message(e: BaseException) -> str:
    """What a reviewer reads when the reader failed on an item (Chinese, with the error itself)."""
    return f"程序读取本件时出错（{type(e).__name__}: {e}），未能识别类型和字段，请人工查看原件"


def _read_one(
    read: Callable[..., ItemReading], it: ItemSource, pages: list[Page], applicant: Any
) -> ItemReading:
    """One item's reading. A failure on one odd item must not stop the batch (and every re-run)
    at it: it is stored as the item's ``error`` (flag ``read_failed``, never a low confidence).
    A program error (a data file the program needs is missing) stops the run: every item would
    fail the same way."""
    from rules.errors import PolicyError, TableError

    try:
        return read(it, pages, applicant)
    except (ProgramDataError, PolicyError, TableError):
        raise
    except Exception as e:  # a bug or an odd file: the item goes to a person, saying so
        log.warning("could not read item %s: %s: %s", it.item, type(e).__name__, e)
        return ItemReading(evidence_type="other", type_confidence=0.0, page_types=[], fields={},
                           error=read_failure_message(e))  # fmt: skip


def propose_step(
    factory: sessionmaker[Session],
    batch_id: int,
    intake: IntakeResult,
    policy_id: str = "changde-2024",
    progress: Progress = _noop,
) -> int:
    """Propose hours for the whole batch at once (duplicates are found across items) and append
    the proposals that differ from the latest ones; returns how many were added."""
    from pipeline.proposals import proposal_for_error, propose_batch
    from pipeline.store import repo
    from pipeline.store.models import ItemRow
    from pipeline.types import IntakeError
    from rules import load_policy

    policy = load_policy(policy_id)
    version = model_version()
    with factory() as s, s.begin():
        rows = {r.path: r for r in s.scalars(select(ItemRow).where(ItemRow.batch_id == batch_id))}
        pairs: list[tuple[ItemSource, ItemReading]] = [
            (it, repo.load_reading(s, rows[it.item])) for it in intake.items if rows[it.item].read_done
        ]
        # page text lets the rules tell an unreadable scan from a blank reading
        texts = repo.load_page_texts(s, sorted({f.sha256 for it, _ in pairs for f in it.files}))
        proposals: list[ItemProposal] = propose_batch(intake.batch, pairs, intake.applicants, policy, texts)
        current = _current_paths(intake)
        removed = [IntakeError(rel_path=path, reason=row.intake_error or REMOVED_REASON,
                               applicant_id=row.applicant_id)
                   for path, row in rows.items() if path not in current]  # fmt: skip
        proposals += [proposal_for_error(intake.batch, e, policy) for e in [*intake.errors, *removed]]
        added = 0
        for p in proposals:
            if repo.add_proposal(s, rows[p.item], p, version) is not None:
                added += 1
        progress("propose", len(proposals), len(proposals))
    return added


def finish_step(
    factory: sessionmaker[Session], batch_id: int, new_proposals: int = 0, policy_id: str = "changde-2024"
) -> BatchSummary:
    """Mark the batch done, store its counts and return the summary the CLI prints."""
    from pipeline.store.models import Batch, ItemRow, utcnow
    from pipeline.summary import applicant_summaries

    with factory() as s, s.begin():
        batch = s.get(Batch, batch_id)
        assert batch is not None
        q = select(ItemRow.status, func.count()).where(ItemRow.batch_id == batch_id).group_by(ItemRow.status)
        by_status = dict(s.execute(q).all())
        errors = s.scalar(
            select(func.count()).where(ItemRow.batch_id == batch_id, ItemRow.intake_error.is_not(None))
        )
        counts = {
            "items": sum(by_status.values()),
            "auto_ok": by_status.get("auto_ok", 0),
            "needs_review": by_status.get("needs_review", 0),
            "reviewed": sum(by_status.get(k, 0) for k in ("confirmed", "adjusted", "rejected")),
            "intake_errors": errors or 0,
        }
        batch.counts, batch.status, batch.finished_at = counts, "done", utcnow()
        name, manifest_errors = batch.name, list(batch.manifest_errors)
    with factory() as s:
        applicants = applicant_summaries(s, name, policy_id=policy_id)
    return BatchSummary(
        batch=name, batch_id=batch_id, new_proposals=new_proposals, manifest_errors=manifest_errors,
        applicants=applicants, **counts,
    )  # fmt: skip


def check_program_data(policy_id: str, model: bool = True) -> None:
    """Load what the program needs before the slow part: the policy (``PolicyError``), the
    extraction patterns checked against the evidence table (``ProgramDataError``, at import) and,
    when the shipped model reads the items, the classifier artifact (``ProgramDataMissing``)."""
    import pipeline.extract  # noqa: F401  (imported for its load-time checks)
    from rules import load_policy

    load_policy(policy_id)
    if model:
        from classifiers import DEFAULT_MODEL

        if not DEFAULT_MODEL.is_file():
            raise ProgramDataMissing("classifier model", DEFAULT_MODEL, "build one with `cehours train`")


class BatchSteps(Protocol):
    """How each step of ``run_steps`` runs (in this process, as Prefect tasks, ...)."""

    uses_model: bool  # items are read by the shipped classifier (checked before the run)

    def intake(self, path: str | Path) -> IntakeResult: ...
    def store(self, intake: IntakeResult) -> int: ...
    def files_to_read(self, intake: IntakeResult) -> list[StoredFile]: ...
    def ocr_chunks(self, files: list[StoredFile]) -> list[list[StoredFile]]: ...
    def ocr(self, chunk: list[StoredFile]) -> dict[str, list[Page]]: ...
    def save_pages(self, pages: dict[str, list[Page]]) -> int: ...
    def items_to_read(self, batch_id: int, intake: IntakeResult) -> list[ItemSource]: ...
    def understand(self, batch_id: int, items: list[ItemSource], intake: IntakeResult) -> None: ...
    def propose(self, batch_id: int, intake: IntakeResult, policy_id: str) -> int: ...
    def finish(self, batch_id: int, added: int, policy_id: str) -> BatchSummary: ...


def run_steps(path: str | Path, steps: BatchSteps, policy_id: str = "changde-2024") -> BatchSummary:
    """The pipeline over one batch, in order; the one place the order is written.

    The policy and the program's data files are loaded first: a wrong policy id or a missing
    model fails here, not after the OCR. Each OCR chunk's pages are stored before the next chunk
    starts, so a crash loses at most the chunk in hand."""
    started = time.monotonic()
    check_program_data(policy_id, model=steps.uses_model)
    intake = steps.intake(path)
    batch_id = steps.store(intake)
    todo = steps.files_to_read(intake)
    for chunk in steps.ocr_chunks(todo):
        steps.save_pages(steps.ocr(chunk))
    steps.understand(batch_id, steps.items_to_read(batch_id, intake), intake)
    added = steps.propose(batch_id, intake, policy_id)
    summary = steps.finish(batch_id, added, policy_id)
    summary.seconds = round(time.monotonic() - started, 2)
    return summary


@contextmanager
def second_read_pool(engine: str, workers: int | None, cache_dir: str | Path | None) -> Iterator[None]:
    """While items are read, second reads of red type (``pipeline.ocr.red_text``) run on one OCR
    worker with the run's engine and OCR cache dir, started only if one is needed and stopped
    after the items: the OCR pool is closed by then, and this process loads no model of its own
    (a RapidOCR engine is a few hundred MB). ``workers`` 0 reads in this process, as the OCR did."""
    from pipeline.ocr.pool import OcrPool
    from pipeline.ocr.red_text import second_reads_on

    pool = OcrPool(engine, 0 if workers == 0 else 1, Path(cache_dir) if cache_dir else None)
    try:
        with second_reads_on(pool):
            yield
    finally:
        pool.close()


class InProcessSteps:
    """The steps in this process: OCR on the OCR stage's own process pool (``workers`` processes,
    None every core, page timeouts, crash isolation), items read in chunks, progress reported.

    ``read`` reads one item (default ``pipeline.understand.read_item`` with the shipped model);
    an OCR engine failure is retried like the Prefect task's (``ocr_retries``, ``retry_backoff``)."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        engine: str = "auto",
        workers: int | None = None,
        store_dir: str | Path | None = None,
        cache_dir: str | Path | None = None,
        progress: Progress | None = None,
        read: Callable[..., ItemReading] | None = None,
    ) -> None:
        from pipeline.ocr import resolve_engine

        resolve_engine(engine)  # an unknown engine is the caller's mistake (ValueError): before intake
        self.factory, self.engine, self.workers = factory, engine, workers
        self.store_dir, self.cache_dir = store_dir, cache_dir
        self.progress = progress or _noop
        self.read = read
        self.uses_model = read is None
        self._pages: dict[str, int] = {}
        self._ocr_done = 0
        self._ocr_total = 0
        self._pool: OcrPool | None = None  # one pool for every chunk: workers start once per run
        self._chunks_left = 0
        self._chunks: list[list[StoredFile]] = []
        self._preloading = False

    def close(self, wait: bool = True) -> None:
        """Stop the OCR workers: after the last chunk without waiting for their exits (the items
        are read meanwhile), then here again at the end of the run, waiting for them."""
        if self._pool is not None:
            self._pool.close(wait=wait)
            if wait:
                self._pool = None

    def _open_pool(self) -> OcrPool:
        from pipeline.ocr.pool import OcrPool

        if self._pool is None:
            self._pool = OcrPool(self.engine, self.workers, Path(self.cache_dir) if self.cache_dir else None)
        return self._pool

    def intake(self, path: str | Path) -> IntakeResult:
        """The batch taken in while the OCR workers start: their ~1 CPU s each of start-up
        overlaps the intake instead of delaying the first page. A batch with nothing to OCR
        (a re-run, or every page in the OCR cache) stops them again at ``files_to_read``; a
        failed intake stops them here."""
        self.progress("intake", 0, 1)
        if Path(path).exists():  # a mistyped path fails at once, without starting anything
            self._open_pool().start()
        try:
            intake = intake_step(path, store_dir=self.store_dir)
        except BaseException:
            self.close()
            raise
        self.progress("intake", 1, 1)
        return intake

    def store(self, intake: IntakeResult) -> int:
        return store_step(self.factory, intake)

    def files_to_read(self, intake: IntakeResult) -> list[StoredFile]:
        todo = files_to_read(self.factory, intake)
        if self._pool is not None and not self._pool.needs_workers(todo):
            # nothing to OCR (a re-run, every page in the OCR cache or a text layer): the workers
            # go, the pool stays with the text-layer pages it parsed to find that out
            self._pool.close()
        return todo

    def ocr_chunks(self, files: list[StoredFile]) -> list[list[StoredFile]]:
        """Chunks of files; progress is counted in pages from here on."""
        self._pages = page_counts(files)
        self._ocr_done, self._ocr_total = 0, sum(self._pages.values())
        self.progress("ocr", 0, self._ocr_total)
        self._chunks = file_chunks(files, self.workers)
        self._chunks_left = len(self._chunks)
        return self._chunks

    def ocr(self, chunk: list[StoredFile]) -> dict[str, list[Page]]:
        """The chunk's pages on the run's pool, which stops after the last chunk (its workers
        hold a few hundred MB each, not needed while the items are read)."""
        try:
            return self._ocr(chunk)
        finally:
            self._chunks_left -= 1
            if self._chunks_left <= 0:
                self.close(wait=False)

    def _next_chunk(self, chunk: list[StoredFile]) -> list[StoredFile] | None:
        """The chunk ``run_steps`` OCRs after this one: workers idle at this chunk's end read
        ahead in it (``OcrPool.read_files(then=)``), while this chunk's pages are stored."""
        for i, c in enumerate(self._chunks[:-1]):
            if c is chunk:
                return self._chunks[i + 1]
        return None

    def _ocr(self, chunk: list[StoredFile]) -> dict[str, list[Page]]:
        base, total = self._ocr_done, self._ocr_total

        def page_done(d: int, _t: int) -> None:
            self.progress("ocr", min(base + d, total), total)

        pool = self._open_pool()
        if self.uses_model and not self._preloading:  # needed after the OCR: loaded while workers read
            from classifiers import preload_default

            preload_default()
            self._preloading = True
        got = pool.read_files(chunk, progress=page_done, then=self._next_chunk(chunk))
        pages = {f.sha256: got.get(f.sha256, []) for f in chunk}
        for attempt in range(ocr_retries()):
            failure = engine_failure(chunk, pages)
            if failure is None:
                break
            log.warning("OCR engine failed (%s); retry %d", failure, attempt + 1)
            time.sleep(retry_backoff() * 2**attempt)
            again = [f for f in chunk if any(p.error for p in pages[f.sha256])]
            pages.update(pool.read_files(again))
        self._ocr_done += sum(self._pages.get(f.sha256, 1) for f in chunk)
        self.progress("ocr", min(self._ocr_done, total), total)
        return pages

    def save_pages(self, pages: dict[str, list[Page]]) -> int:
        return save_pages_step(self.factory, pages)

    def items_to_read(self, batch_id: int, intake: IntakeResult) -> list[ItemSource]:
        return items_to_read(self.factory, batch_id, intake)

    def understand(self, batch_id: int, items: list[ItemSource], intake: IntakeResult) -> None:
        """Read the items in chunks, each chunk written at once (reviewers can write meanwhile)."""
        read = self.read
        if read is None:
            from pipeline.understand import read_item as read
        total = len(intake.items)
        self.progress("understand", total - len(items), total)
        size = _chunk("CEHOURS_CHUNK_ITEMS", CHUNK_ITEMS)
        with second_read_pool(self.engine, self.workers, self.cache_dir):
            for i in range(0, len(items), size):
                chunk = items[i : i + size]
                item_pages = _load_item_pages(self.factory, chunk)
                readings = [
                    _read_one(read, it, pages, intake.applicants.get(it.applicant_id))
                    for it, pages in zip(chunk, item_pages, strict=True)
                ]
                _save_readings(self.factory, batch_id, chunk, readings)
                self.progress("understand", total - len(items) + i + len(chunk), total)

    def propose(self, batch_id: int, intake: IntakeResult, policy_id: str) -> int:
        return propose_step(self.factory, batch_id, intake, policy_id, self.progress)

    def finish(self, batch_id: int, added: int, policy_id: str) -> BatchSummary:
        return finish_step(self.factory, batch_id, added, policy_id)


def process_batch(
    path: str | Path,
    db_url: str | None = None,
    engine: str = "auto",
    workers: int | None = None,
    policy_id: str = "changde-2024",
    progress: Progress | None = None,
    store_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    read: Callable[..., ItemReading] | None = None,
) -> BatchSummary:
    """Run the pipeline over a batch folder or zip into the database at ``db_url``, in this
    process. ``read`` replaces the item reader (the evaluation's and the demo's classifier)."""
    from pipeline import config
    from pipeline.ocr import resolve_engine
    from pipeline.store.db import open_db

    # a wrong option or a missing data file fails here, before the database is opened
    resolve_engine(engine)
    check_program_data(policy_id, model=read is None)
    factory = open_db(db_url, write_lock=True)
    try:
        steps = InProcessSteps(
            factory, engine, workers, store_dir or config.store_dir(), cache_dir or config.ocr_cache_dir(),
            progress, read,
        )  # fmt: skip
        try:
            return run_steps(path, steps, policy_id)
        finally:
            steps.close()
    finally:
        factory.kw["bind"].dispose()
