"""Writing what the pipeline produced: batches, applicants, files, pages, items, readings, proposals.

Every function here works inside the caller's transaction (no commit), so the orchestrator
decides the chunk that is committed together. Everything is keyed so that writing the same
thing twice changes nothing: files by SHA-256, pages by (file, page), items by (batch, path),
proposals by a fingerprint of what they say.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pipeline.store.models import (
    ApplicantRow,
    Batch,
    FieldRow,
    FileRow,
    ItemRow,
    PageRow,
    ProposalRow,
    ReviewRow,
    utcnow,
)
from pipeline.types import (
    Applicant,
    FieldValue,
    ItemProposal,
    ItemReading,
    Line,
    Page,
    StoredFile,
    Word,
)


def get_or_create_batch(session: Session, name: str, source: str = "") -> Batch:
    batch = session.scalar(select(Batch).where(Batch.name == name))
    if batch is None:
        batch = Batch(name=name, source=source, status="running", counts={}, manifest_errors=[])
        session.add(batch)
        session.flush()
    else:
        batch.source = source or batch.source
        batch.status = "running"
        batch.finished_at = None
    return batch


def find_batch(session: Session, name: str | None) -> Batch | None:
    """The batch called ``name``; with no name, the most recently started one."""
    if name:
        return session.scalar(select(Batch).where(Batch.name == name))
    return session.scalar(select(Batch).order_by(Batch.started_at.desc(), Batch.id.desc()).limit(1))


def save_applicants(session: Session, batch: Batch, applicants: dict[str, Applicant]) -> None:
    existing = {
        a.applicant_id: a
        for a in session.scalars(select(ApplicantRow).where(ApplicantRow.batch_id == batch.id))
    }
    for a in applicants.values():
        row = existing.get(a.applicant_id) or ApplicantRow(batch_id=batch.id, applicant_id=a.applicant_id)
        row.name, row.employer, row.title_level = a.name, a.employer, a.title_level
        row.eval_year, row.id_number = a.eval_year, a.id_number
        session.add(row)


def load_applicants(session: Session, batch_id: int) -> dict[str, Applicant]:
    rows = session.scalars(select(ApplicantRow).where(ApplicantRow.batch_id == batch_id))
    return {
        r.applicant_id: Applicant(r.applicant_id, r.name, r.employer, r.title_level, r.eval_year, r.id_number)
        for r in rows
    }


def save_file(session: Session, f: StoredFile) -> FileRow:
    """The file row for ``f``, created once per content hash; a new upload name is remembered."""
    row = session.get(FileRow, f.sha256)
    if row is None:
        row = FileRow(
            sha256=f.sha256, names=[f.rel_path], kind=f.kind, size=f.size, stored_path=f.stored_path
        )
        session.add(row)
    elif f.rel_path not in row.names:
        row.names = [*row.names, f.rel_path]  # a new list, so the JSON change is seen
    return row


def files_with_pages(session: Session, shas: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(shas), 500):
        found.update(
            session.scalars(select(PageRow.file_sha256).where(PageRow.file_sha256.in_(shas[i : i + 500])))
        )
    return found


def _line_json(line: Line) -> dict[str, Any]:
    return {
        "text": line.text,
        "box": list(line.box),
        "conf": line.conf,
        "words": [{"text": w.text, "box": list(w.box), "conf": w.conf} for w in line.words],
    }


def _line_obj(d: dict[str, Any]) -> Line:
    words = tuple(Word(w["text"], tuple(w["box"]), w["conf"]) for w in d.get("words", []))
    return Line(d["text"], tuple(d["box"]), d["conf"], words)


def save_pages(session: Session, sha256: str, pages: list[Page]) -> None:
    """Store a file's pages, replacing an earlier reading of the same file."""
    session.execute(delete(PageRow).where(PageRow.file_sha256 == sha256))
    for p in pages:
        session.add(
            PageRow(
                file_sha256=sha256, page_no=p.page_no, width=p.width, height=p.height, text=p.text,
                lines=[_line_json(ln) for ln in p.lines], engine=p.engine, cache_key=p.cache_key,
                mean_conf=p.mean_conf, rotation=p.rotation, error=p.error, layer_rejected=p.layer_rejected,
            )
        )  # fmt: skip


def load_pages(session: Session, sha256: str) -> list[Page]:
    rows = session.scalars(select(PageRow).where(PageRow.file_sha256 == sha256).order_by(PageRow.page_no))
    return [
        Page(
            file_sha256=r.file_sha256, page_no=r.page_no, width=r.width, height=r.height, text=r.text,
            lines=[_line_obj(d) for d in r.lines], engine=r.engine, cache_key=r.cache_key,
            mean_conf=r.mean_conf, rotation=r.rotation, error=r.error, layer_rejected=r.layer_rejected or "",
        )
        for r in rows
    ]  # fmt: skip


def load_page_texts(session: Session, shas: list[str]) -> dict[str, list[Page]]:
    """Pages of many files with their text and error only (no lines): light enough for a batch."""
    out: dict[str, list[Page]] = {}
    cols = (PageRow.file_sha256, PageRow.page_no, PageRow.width, PageRow.height, PageRow.text, PageRow.engine,
            PageRow.mean_conf, PageRow.error)  # fmt: skip
    for i in range(0, len(shas), 500):
        q = select(*cols).where(PageRow.file_sha256.in_(shas[i : i + 500]))
        q = q.order_by(PageRow.file_sha256, PageRow.page_no)
        for sha, no, w, h, text, engine, conf, error in session.execute(q):
            out.setdefault(sha, []).append(
                Page(file_sha256=sha, page_no=no, width=w, height=h, text=text, engine=engine, mean_conf=conf,
                     error=error)
            )  # fmt: skip
    return out


def upsert_item(
    session: Session,
    batch: Batch,
    applicant_id: str | None,
    path: str,
    files: list[str],
    intake_error: str | None = None,
) -> ItemRow:
    """The item (batch, path); when its files changed since last time it must be read again."""
    item = session.scalar(select(ItemRow).where(ItemRow.batch_id == batch.id, ItemRow.path == path))
    if item is None:
        item = ItemRow(
            batch_id=batch.id, applicant_id=applicant_id, path=path, files=list(files),
            intake_error=intake_error, read_done=False, type_confidence=0.0, parts=[], page_types=[],
            version=1,
        )  # fmt: skip
        session.add(item)
        session.flush()
        return item
    if list(item.files) != list(files) or item.intake_error != intake_error:
        item.files, item.intake_error, item.read_done = list(files), intake_error, False
        item.updated_at = utcnow()
    item.applicant_id = applicant_id
    return item


def save_reading(session: Session, item: ItemRow, reading: ItemReading) -> None:
    """Store what was understood of an item (its fields replace an earlier reading's)."""
    item.evidence_type = reading.evidence_type
    item.type_confidence = float(reading.type_confidence)
    item.parts = sorted(reading.parts)
    item.page_types = [[t, float(p)] for t, p in reading.page_types]
    item.rejected_type = list(reading.rejected_type) if reading.rejected_type else None
    item.read_error = reading.error
    session.execute(delete(FieldRow).where(FieldRow.item_id == item.id))
    for name, fv in reading.fields.items():
        session.add(
            FieldRow(
                item_id=item.id, name=name, value=_jsonable(fv.value), confidence=float(fv.confidence),
                page=fv.page, box=list(fv.box) if fv.box else None, source=fv.source or "",
                confirmed=fv.confirmed, check=fv.check or "",
            )
        )  # fmt: skip
    item.read_done = True
    item.updated_at = utcnow()


def load_reading(session: Session, item: ItemRow) -> ItemReading:
    rows = session.scalars(select(FieldRow).where(FieldRow.item_id == item.id).order_by(FieldRow.id))
    rej = item.rejected_type
    fields = {
        r.name: FieldValue(r.value, r.confidence, r.page, tuple(r.box) if r.box else None, r.source,
                           r.confirmed, r.check or "")
        for r in rows
    }
    return ItemReading(
        evidence_type=item.evidence_type or "other",
        type_confidence=item.type_confidence,
        page_types=[(t, p) for t, p in item.page_types],
        fields=fields,
        parts=set(item.parts),
        rejected_type=(str(rej[0]), float(rej[1])) if rej else None,
        error=item.read_error,
    )


def _jsonable(v: Any) -> Any:
    """Field values as JSON: dates as ISO strings, sets as sorted lists."""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    if isinstance(v, tuple):
        return list(v)
    return v


def proposal_fingerprint(p: ItemProposal, model_version: str) -> str:
    body = {**p.record(), "flag_details": p.flag_details, "model_version": model_version}
    body.pop("batch", None)
    return hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def add_proposal(
    session: Session, item: ItemRow, p: ItemProposal, model_version: str = ""
) -> ProposalRow | None:
    """Append a proposal unless the latest one says exactly the same; None when nothing changed.

    A reviewer's decision is never touched: it stays the item's current decision. The item's
    version is bumped so that a reviewer looking at the older proposal is told to reload.
    """
    fp = proposal_fingerprint(p, model_version)
    # re-read the item under a row lock (PostgreSQL; SQLite writers hold the database lock) so a
    # review committed meanwhile is seen and never overwritten
    session.flush()  # refresh would drop the caller's unflushed changes to the item
    session.refresh(item, with_for_update=True)
    if item.proposal_id is not None:
        latest = session.get(ProposalRow, item.proposal_id)
        if latest is not None and latest.fingerprint == fp:
            return None
    row = ProposalRow(
        item_id=item.id, policy_id=p.policy, model_version=model_version, evidence_type=p.evidence_type,
        type_confidence=float(p.type_confidence), fields={k: _jsonable(v) for k, v in p.fields.items()},
        credits=[{"year": int(c.year), "hours": float(c.hours), "category": c.category} for c in p.credits],
        hours=float(p.hours), clause=p.clause, flags=list(p.flags), flag_details=dict(p.flag_details),
        explanation=p.explanation, status=p.status, fingerprint=fp,
    )  # fmt: skip
    session.add(row)
    session.flush()
    item.proposal_id = row.id
    current = session.get(ReviewRow, item.review_id) if item.review_id is not None else None
    if current is None or current.action == "undo":  # an undone decision decides nothing
        item.review_id = None
        item.status = p.status
    item.version = (item.version or 1) + 1
    item.updated_at = utcnow()
    return row
