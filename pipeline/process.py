"""The whole pipeline over one batch, resumable: intake → store → OCR → understand → propose.

Each step is a small function the CLI and the Prefect flow both call (no second copy of the
pipeline). Work is committed in chunks, so a process killed mid-batch loses at most the chunk in
hand; a re-run redoes the intake (files are known by content hash, items by (batch, path)),
skips files whose pages are stored and items already read, and appends a proposal only where it
differs from the latest one. Re-running a finished batch therefore changes nothing.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pipeline.errors import ProgramDataError
from pipeline.types import Applicant, IntakeResult, ItemProposal, ItemReading, ItemSource, Page, StoredFile

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
    """Read the batch folder or zip into the content-addressed store."""
    from pipeline.intake import BatchError, intake_batch

    try:
        return intake_batch(Path(path), store_dir=Path(store_dir) if store_dir else None)
    except (BatchError, OSError) as e:  # e.g. a corrupt zip, a folder we may not read
        raise BatchUnreadable(str(e)) from e


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


def ocr_step(
    factory: sessionmaker[Session],
    intake: IntakeResult,
    engine: str = "auto",
    workers: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Progress = _noop,
) -> int:
    """OCR the files whose pages are not stored yet, committing each chunk; returns pages stored.

    Progress is counted in pages. Pages also land in the OCR cache as they are read, so even the
    chunk in hand when the process dies costs little to read again."""
    from pipeline.ocr import read_files
    from pipeline.ocr.sources import PageSourceError, page_count

    todo = files_to_read(factory, intake)
    n_pages: dict[str, int] = {}
    for f in todo:
        try:
            n_pages[f.sha256] = page_count(f)
        except (PageSourceError, OSError, ValueError):
            n_pages[f.sha256] = 1  # read_files reports it as one error page
    total, base, stored = sum(n_pages.values()), 0, 0
    progress("ocr", 0, total)
    for chunk in file_chunks(todo, workers):

        def page_done(d: int, _t: int, base: int = base) -> None:
            progress("ocr", min(base + d, total), total)

        pages = read_files(chunk, engine=engine, workers=workers, cache_dir=cache_dir, progress=page_done)
        stored += save_pages_step(factory, {f.sha256: pages.get(f.sha256, []) for f in chunk})
        base += sum(n_pages[f.sha256] for f in chunk)
        progress("ocr", min(base, total), total)
    return stored


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


def understand_step(
    factory: sessionmaker[Session],
    batch_id: int,
    intake: IntakeResult,
    progress: Progress = _noop,
    read: Callable[..., ItemReading] | None = None,
) -> int:
    """Classify and extract every item not read yet, committing each chunk; returns items read."""
    if read is None:
        from pipeline.understand import read_item as read
    todo = items_to_read(factory, batch_id, intake)
    total = len(intake.items)
    progress("understand", total - len(todo), total)
    size = _chunk("CEHOURS_CHUNK_ITEMS", CHUNK_ITEMS)
    for i in range(0, len(todo), size):
        chunk = todo[i : i + size]
        item_pages = _load_item_pages(factory, chunk)
        # read outside any transaction: reviewers can write meanwhile; the chunk is then written at once
        readings = [
            _read_one(read, it, pages, intake.applicants.get(it.applicant_id))
            for it, pages in zip(chunk, item_pages, strict=True)
        ]
        _save_readings(factory, batch_id, chunk, readings)
        progress("understand", total - len(todo) + i + len(chunk), total)
    return len(todo)


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


def process_batch(
    path: str | Path,
    db_url: str | None = None,
    engine: str = "auto",
    workers: int | None = None,
    policy_id: str = "changde-2024",
    progress: Progress | None = None,
    store_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
) -> BatchSummary:
    """Run the pipeline over a batch folder or zip into the database at ``db_url``."""
    from pipeline import config
    from pipeline.ocr import resolve_engine
    from pipeline.store.db import open_db
    from rules import load_policy

    started = time.monotonic()
    progress = progress or _noop
    # a wrong option fails here, before the slow part, not after the OCR (both raise ValueError)
    resolve_engine(engine)
    load_policy(policy_id)
    factory = open_db(db_url, write_lock=True)
    try:
        progress("intake", 0, 1)
        intake = intake_step(path, store_dir=store_dir or config.store_dir())
        progress("intake", 1, 1)
        batch_id = store_step(factory, intake)
        ocr_step(factory, intake, engine, workers, cache_dir or config.ocr_cache_dir(), progress)
        understand_step(factory, batch_id, intake, progress)
        added = propose_step(factory, batch_id, intake, policy_id, progress)
        summary = finish_step(factory, batch_id, added, policy_id)
    finally:
        factory.kw["bind"].dispose()
    summary.seconds = round(time.monotonic() - started, 2)
    return summary
