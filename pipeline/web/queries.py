"""The read queries behind the reviewers' pages, over the store's tables.

Everything the queue shows comes from ``items`` joined to its cached current proposal and
review (``items.proposal_id`` / ``items.review_id``), so a page of the queue is one indexed,
paged query whatever the size of the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select, tuple_
from sqlalchemy.orm import Session

from pipeline.store.models import (
    ApplicantRow,
    Batch,
    FileRow,
    ItemRow,
    PageRow,
    ProposalRow,
    ReviewRow,
    UserRow,
)
from pipeline.store.queue import STATUS_ORDER, status_rank  # the queue's order: one definition
from pipeline.store.records import decision_values, number

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
FLAG_RE = re.compile(r"^[a-z_]{1,60}$")

# --- users --------------------------------------------------------------------------------------


def user_by_id(db: Session, uid: int) -> UserRow | None:
    return db.get(UserRow, uid)


def user_by_name(db: Session, username: str) -> UserRow | None:
    return db.scalar(select(UserRow).where(UserRow.username == username))


def list_users(db: Session) -> list[UserRow]:
    return list(db.scalars(select(UserRow).order_by(UserRow.username)))


# --- batches --------------------------------------------------------------------------------------


def batches_overview(db: Session) -> list[dict[str, Any]]:
    """Every batch with its applicants, items per status and proposed hours (newest first)."""
    batches = list(db.scalars(select(Batch).order_by(Batch.started_at.desc(), Batch.id.desc())))
    per_status: dict[int, dict[str, int]] = {}
    for batch_id, status, n in db.execute(
        select(ItemRow.batch_id, ItemRow.status, func.count()).group_by(ItemRow.batch_id, ItemRow.status)
    ):
        per_status.setdefault(batch_id, {})[status or "pending"] = n
    applicants = dict(
        db.execute(select(ApplicantRow.batch_id, func.count()).group_by(ApplicantRow.batch_id)).all()
    )
    out = []
    for b in batches:
        counts = per_status.get(b.id, {})
        out.append({
            "id": b.id, "name": b.name, "status": b.status, "started_at": b.started_at,
            "finished_at": b.finished_at, "applicants": applicants.get(b.id, 0),
            "item_count": sum(counts.values()), "by_status": counts,
            "manifest_errors": list(b.manifest_errors or []),
        })  # fmt: skip
    return out


# --- the queue -------------------------------------------------------------------------------------


@dataclass
class QueueFilters:
    batch: int | None = None
    applicant: str = ""  # applicant id, or part of the name
    type: str = ""
    flag: str = ""
    status: str = ""  # "" = every status; "open" = needs_review + auto_ok

    def query_string(self, **override: Any) -> str:
        from urllib.parse import urlencode

        data = {
            "batch": self.batch or "",
            "applicant": self.applicant,
            "type": self.type,
            "flag": self.flag,
            "status": self.status,
        }
        data.update(override)
        return urlencode({k: v for k, v in data.items() if v not in ("", None)})


@dataclass
class QueueRow:
    id: int
    batch: str
    applicant_pk: int | None
    applicant_id: str | None
    applicant_name: str
    path: str
    evidence_type: str | None
    hours: float
    status: str
    flags: list[str] = field(default_factory=list)
    version: int = 1


def _decided_type():  # type: ignore[no-untyped-def]
    """The current evidence type in SQL: the review's, else the proposal's, else the reading's."""
    return case(
        (ItemRow.review_id.is_not(None), ReviewRow.after["evidence_type"].as_string()),
        else_=func.coalesce(ProposalRow.evidence_type, ItemRow.evidence_type),
    )


def _queue_where(f: QueueFilters) -> list[Any]:
    conds: list[Any] = []
    if f.batch:
        conds.append(ItemRow.batch_id == f.batch)
    if f.applicant:
        like = f"%{_escape_like(f.applicant)}%"
        conds.append(or_(ItemRow.applicant_id == f.applicant, ApplicantRow.name.like(like, escape="\\")))
    if f.type:
        conds.append(_decided_type() == f.type)
    if f.flag and FLAG_RE.match(f.flag):
        # flags are a JSON list of plain codes; a text match on the quoted code works on SQLite and PG
        conds.append(cast(ProposalRow.flags, String).like(f'%"{_escape_like(f.flag)}"%', escape="\\"))
    if f.status == "open":
        conds.append(ItemRow.status.in_(("needs_review", "auto_ok")))
    elif f.status == "pending":
        conds.append(ItemRow.status.is_(None))
    elif f.status:
        conds.append(ItemRow.status == f.status)
    return conds


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _queue_from(stmt, f: QueueFilters | None = None):  # type: ignore[no-untyped-def]
    """``stmt`` over items with the joins it needs: all of them, or only those ``f`` filters on."""
    stmt = stmt.select_from(ItemRow)
    if f is None or f.type or f.flag:
        stmt = stmt.outerjoin(ProposalRow, ProposalRow.id == ItemRow.proposal_id)
    if f is None or f.type:
        stmt = stmt.outerjoin(ReviewRow, ReviewRow.id == ItemRow.review_id)
    if f is None or f.applicant:
        stmt = stmt.outerjoin(
            ApplicantRow,
            and_(
                ApplicantRow.batch_id == ItemRow.batch_id, ApplicantRow.applicant_id == ItemRow.applicant_id
            ),
        )
    if f is None:
        stmt = stmt.join(Batch, Batch.id == ItemRow.batch_id)
    return stmt


def queue_page(
    db: Session, f: QueueFilters, page: int = 1, page_size: int = 50
) -> tuple[list[QueueRow], int]:
    """One page of the queue (needs_review first, then auto_ok, then decided) and the total.

    Two steps: the page's item ids are found over ``items`` with only the joins the filters
    need (the sort is on item columns), then the 50 rows are read with everything they show.
    """
    rows, total, _ = queue_view(db, f, page, page_size)
    return rows, total


def _total(counts: dict[str, int], status: str) -> int:
    if not status:
        return sum(counts.values())
    if status == "open":
        return counts.get("needs_review", 0) + counts.get("auto_ok", 0)
    return counts.get(status, 0)


def queue_view(
    db: Session, f: QueueFilters, page: int = 1, page_size: int = 50
) -> tuple[list[QueueRow], int, dict[str, int]]:
    """``queue_page`` plus the items per status under the other filters (the status tabs).

    The per-status counts give the total too and let the page's ids be read status bucket by
    bucket in index order (``_page_ids``): a page costs the counts, one id query per bucket it
    spans (usually one), and its rows.
    """
    counts = status_counts(db, f)
    total = _total(counts, f.status)
    ids = _page_ids(db, f, counts, max(0, page - 1) * page_size, page_size)
    if not ids:
        return [], total, counts
    stmt = _queue_from(
        select(
            ItemRow.id, Batch.name, ApplicantRow.id, ItemRow.applicant_id, ApplicantRow.name, ItemRow.path,
            ItemRow.evidence_type, ItemRow.status, ItemRow.version, ItemRow.review_id,
            ProposalRow.evidence_type, ProposalRow.hours, ProposalRow.flags, ReviewRow.after,
        )
    ).where(ItemRow.id.in_(ids))  # fmt: skip
    by_id = {}
    for (iid, bname, apk, aid, aname, path, itype, status, version, review_id,
         ptype, phours, pflags, after) in db.execute(stmt):  # fmt: skip
        etype, hours = ptype or itype, phours or 0.0
        if review_id is not None and after:
            etype, hours = after.get("evidence_type", etype), after.get("hours", hours)
        by_id[iid] = QueueRow(
            id=iid, batch=bname, applicant_pk=apk, applicant_id=aid, applicant_name=aname or "",
            path=path, evidence_type=etype, hours=number(hours or 0), status=status or "pending",
            flags=list(pflags or []), version=version,
        )  # fmt: skip
    return [by_id[i] for i in ids if i in by_id], total, counts


# The order of the queue: status bucket by bucket (STATUS_ORDER, then pending), and within a
# bucket (batch, applicant, path), which is unique. Each bucket is read with ``status = s`` and
# that order, so ix_items_queue (status, batch_id, applicant_id, path) hands the rows over
# already sorted: a page reads its 50 ids instead of sorting every matching item.
_OTHER = "pending"  # the last bucket: no status yet (and any status outside STATUS_ORDER)


def _buckets(status: str) -> list[str]:
    if not status:
        return [*STATUS_ORDER, _OTHER]
    if status == "open":
        return ["needs_review", "auto_ok"]
    return [status if status in STATUS_ORDER else _OTHER]


def _bucket_cond(bucket: str) -> Any:
    if bucket == _OTHER:
        return or_(ItemRow.status.is_(None), ItemRow.status.not_in(STATUS_ORDER))
    return ItemRow.status == bucket


def _page_ids(db: Session, f: QueueFilters, counts: dict[str, int], offset: int, limit: int) -> list[int]:
    """The ids of one page, bucket by bucket, skipping whole buckets by their counts."""
    base = _queue_where(QueueFilters(batch=f.batch, applicant=f.applicant, type=f.type, flag=f.flag))
    ids: list[int] = []
    for bucket in _buckets(f.status):
        n = counts.get(bucket, 0) if bucket != _OTHER else sum(
            v for k, v in counts.items() if k not in STATUS_ORDER
        )  # fmt: skip
        if offset >= n:
            offset -= n
            continue
        ids.extend(db.scalars(
            _queue_from(select(ItemRow.id), f)
            .where(*base, _bucket_cond(bucket))
            .order_by(ItemRow.batch_id, ItemRow.applicant_id, ItemRow.path)
            .limit(limit - len(ids))
            .offset(offset)
        ))  # fmt: skip
        offset = 0
        if len(ids) >= limit:
            break
    return ids


def status_counts(db: Session, f: QueueFilters) -> dict[str, int]:
    """Items per status under the other filters (the queue's status tabs)."""
    g = QueueFilters(batch=f.batch, applicant=f.applicant, type=f.type, flag=f.flag)
    stmt = (
        _queue_from(select(ItemRow.status, func.count()), g).where(*_queue_where(g)).group_by(ItemRow.status)
    )
    return {status or "pending": n for status, n in db.execute(stmt)}


@dataclass(frozen=True)
class QueuePlace:
    """Where an item stands in the queue: its status bucket and its (batch, applicant, path)."""

    status: str | None
    batch_id: int
    applicant_id: str | None
    path: str

    @classmethod
    def of(cls, item: ItemRow) -> QueuePlace:
        return cls(item.status, item.batch_id, item.applicant_id, item.path)


def _bucket_of(status: str | None) -> str:
    return status if status in STATUS_ORDER else _OTHER


def queue_neighbour(db: Session, f: QueueFilters, place: QueuePlace, step: int = 1) -> int | None:
    """The item after (``step=1``) or before (``step=-1``) ``place`` in the queue's order under
    the filters ``f``: the rest of its own bucket first, then the buckets after (or before) it.

    ``place`` is where the item stood when the reviewer opened it, so after a decision (which
    moves the item to another bucket) "next" is still the one after it in the list they saw.
    """
    buckets = _buckets(f.status)
    here = _bucket_of(place.status)
    if here in buckets:
        start = buckets.index(here)
    else:  # the item is not under this status filter: from the bucket where it would sort
        start = sum(1 for b in buckets if status_rank(None if b == _OTHER else b) < status_rank(place.status))
        start = start if step > 0 else start - 1
    order = buckets[start:] if step > 0 else list(reversed(buckets[: start + 1]))
    key = (place.batch_id, place.applicant_id or "", place.path)
    cols = (ItemRow.batch_id, func.coalesce(ItemRow.applicant_id, ""), ItemRow.path)
    base = _queue_where(QueueFilters(batch=f.batch, applicant=f.applicant, type=f.type, flag=f.flag))
    for bucket in order:
        conds = [*base, _bucket_cond(bucket)]
        if bucket == here:
            conds.append(tuple_(*cols) > tuple_(*key) if step > 0 else tuple_(*cols) < tuple_(*key))
        direction = (lambda c: c.asc()) if step > 0 else (lambda c: c.desc())
        stmt = (
            _queue_from(select(ItemRow.id), f)
            .where(*conds)
            .order_by(*(direction(c) for c in cols))
            .limit(1)
        )
        found = db.scalar(stmt)
        if found is not None:
            return found
    return None


def filter_options(db: Session) -> dict[str, Any]:
    batches = db.execute(select(Batch.id, Batch.name).order_by(Batch.id.desc())).all()
    return {"batches": [{"id": i, "name": n} for i, n in batches]}


# --- one item ---------------------------------------------------------------------------------------


def item_detail(db: Session, item_id: int) -> dict[str, Any] | None:
    """Everything the item page shows: scan pages, OCR text, fields, proposal, decision, history."""
    item = db.get(ItemRow, item_id)
    if item is None:
        return None
    batch = db.get(Batch, item.batch_id)
    applicant = None
    if item.applicant_id is not None:
        applicant = db.scalar(
            select(ApplicantRow).where(
                ApplicantRow.batch_id == item.batch_id, ApplicantRow.applicant_id == item.applicant_id
            )
        )
    proposal = db.get(ProposalRow, item.proposal_id) if item.proposal_id else None
    review = db.get(ReviewRow, item.review_id) if item.review_id else None
    shas = [s for s in (item.files or []) if isinstance(s, str) and SHA_RE.match(s)]
    files = {f.sha256: f for f in db.scalars(select(FileRow).where(FileRow.sha256.in_(shas)))} if shas else {}
    page_rows = list(db.scalars(
        select(PageRow).where(PageRow.file_sha256.in_(shas)).order_by(PageRow.file_sha256, PageRow.page_no)
    )) if shas else []  # fmt: skip
    by_file: dict[str, list[PageRow]] = {}
    for p in page_rows:
        by_file.setdefault(p.file_sha256, []).append(p)
    # The item's page list is its files' pages in file order: FieldRow.page indexes into it.
    pages = []
    for sha in shas:
        f = files.get(sha)
        for p in by_file.get(sha, []):
            pages.append({
                "index": len(pages), "sha256": sha, "page_no": p.page_no, "width": p.width,
                "height": p.height, "text": p.text, "lines": p.lines or [], "engine": p.engine,
                "mean_conf": p.mean_conf, "rotation": p.rotation, "error": p.error,
                "file_name": (f.names or [""])[0] if f else "", "kind": f.kind if f else "",
            })  # fmt: skip
    field_rows = list(item.fields)
    decision = decision_values(proposal, review) if proposal is not None else None
    history = list(db.scalars(select(ReviewRow).where(ReviewRow.item_id == item.id).order_by(ReviewRow.id)))
    proposals = list(
        db.scalars(select(ProposalRow).where(ProposalRow.item_id == item.id).order_by(ProposalRow.id))
    )
    return {
        "item": item, "batch": batch, "applicant": applicant, "proposal": proposal, "review": review,
        "decision": decision, "files": [files[s] for s in shas if s in files], "pages": pages,
        "fields": field_rows, "history": history, "proposals": proposals,
    }  # fmt: skip


def first_page(db: Session, item_id: int) -> dict[str, Any] | None:
    """The first page of an item's first file (for prefetching its image), or None."""
    item = db.get(ItemRow, item_id)
    shas = [s for s in (item.files or []) if isinstance(s, str) and SHA_RE.match(s)] if item else []
    if not shas:
        return None
    p = db.scalar(select(PageRow).where(PageRow.file_sha256 == shas[0]).order_by(PageRow.page_no).limit(1))
    if p is None:
        return None
    return {"sha256": p.file_sha256, "page_no": p.page_no, "rotation": p.rotation, "width": p.width,
            "height": p.height}  # fmt: skip


# --- files -------------------------------------------------------------------------------------------


def file_row(db: Session, sha256: str) -> FileRow | None:
    """The stored file with this hash; None for anything that is not 64 lowercase hex digits."""
    if not SHA_RE.match(sha256):
        return None
    return db.get(FileRow, sha256)


def page_row(db: Session, sha256: str, page_no: int) -> PageRow | None:
    if not SHA_RE.match(sha256):
        return None
    return db.scalar(select(PageRow).where(PageRow.file_sha256 == sha256, PageRow.page_no == page_no))


# --- applicants --------------------------------------------------------------------------------------


def applicant_items(db: Session, a: ApplicantRow) -> list[dict[str, Any]]:
    """The applicant's items with their current decision (for the years and the item list)."""
    stmt = (
        select(ItemRow, ProposalRow, ReviewRow)
        .outerjoin(ProposalRow, ProposalRow.id == ItemRow.proposal_id)
        .outerjoin(ReviewRow, ReviewRow.id == ItemRow.review_id)
        .where(ItemRow.batch_id == a.batch_id, ItemRow.applicant_id == a.applicant_id)
        .order_by(ItemRow.path)
    )
    out = []
    for item, p, r in db.execute(stmt):
        d = decision_values(p, r) if p is not None else None
        out.append({"item": item, "proposal": p, "review": r, "decision": d})
    return out
