"""The review queue: items to look at, filtered, and everything known about one item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select, tuple_
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
)
from pipeline.store.query import batch_id_of, current_items
from pipeline.store.records import number, record

FLAG_RE = re.compile(r"^[a-z_]{1,60}$")

PENDING = ("needs_review", "auto_ok")  # nothing is final until a person decides
STATUSES = ("needs_review", "auto_ok", "confirmed", "adjusted", "rejected")

# The queue's order, the one definition (the CLI's list, the web page's queue and its next /
# previous item): status bucket by bucket in STATUS_ORDER (an item with no status yet last),
# and within a bucket by (batch, applicant, path), which is unique.
STATUS_ORDER = ("needs_review", "auto_ok", "adjusted", "confirmed", "rejected")


def status_rank(status: str | None) -> int:
    """The position of a status bucket in the queue (no status, or an unknown one: last)."""
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def queue_key(status: str | None, batch_id: int, applicant_id: str | None, path: str) -> tuple[Any, ...]:
    """An item's place in the queue; sorting by it gives the queue's order."""
    return (status_rank(status), batch_id, applicant_id or "", path)


# --- the queue in SQL (the web page and its previous / next; list_queue below) ---------------------


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


def queue_end(db: Session, f: QueueFilters, step: int = 1) -> int | None:
    """The first (``step=1``) or last (``step=-1``) item of the queue under the filters ``f``."""
    buckets = _buckets(f.status) if step > 0 else list(reversed(_buckets(f.status)))
    base = _queue_where(QueueFilters(batch=f.batch, applicant=f.applicant, type=f.type, flag=f.flag))
    cols = (ItemRow.batch_id, func.coalesce(ItemRow.applicant_id, ""), ItemRow.path)
    for bucket in buckets:
        stmt = (
            _queue_from(select(ItemRow.id), f)
            .where(*base, _bucket_cond(bucket))
            .order_by(*(c.asc() if step > 0 else c.desc() for c in cols))
            .limit(1)
        )
        found = db.scalar(stmt)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Neighbour:
    """Where j (or k) leads: the item, and whether the way there went round the queue's end."""

    item_id: int | None
    wrapped: bool = False


def undecided_neighbour(
    db: Session, f: QueueFilters, place: QueuePlace, step: int = 1, current_id: int | None = None
) -> Neighbour:
    """The next (``step=1``) or previous (``step=-1``) item after ``place`` in the queue's order
    that still needs a decision (``PENDING``), under the filters ``f``: j and k of the item page,
    and the item opened after a decision. Past the last one it goes round to the first (k: the
    other way); none when no other item needs a decision. A decided item sorts after every open
    one, so from there j goes to the first open item of the queue and k to the last.

    A queue filtered to decided items (``status=confirmed`` ...) is one the reviewer asked to walk
    through: there j and k are its plain next and previous (``queue_neighbour``)."""
    if f.status and f.status not in ("open", *PENDING):
        return Neighbour(queue_neighbour(db, f, place, step))
    g = QueueFilters(batch=f.batch, applicant=f.applicant, type=f.type, flag=f.flag,
                     status=f.status if f.status in PENDING else "open")  # fmt: skip
    found = queue_neighbour(db, g, place, step)
    if found is not None:
        return Neighbour(found)
    end = queue_end(db, g, step)
    if end is None or end == current_id:
        return Neighbour(None)
    return Neighbour(end, wrapped=place.status in PENDING)


@dataclass
class QueueEntry:
    item_id: int
    version: int
    record: dict[str, Any]


def list_queue(
    session: Session,
    batch: str | None = None,
    status: str = "pending",
    applicant_id: str | None = None,
    flag: str | None = None,
    evidence_type: str | None = None,
    limit: int | None = None,
) -> list[QueueEntry]:
    """Items matching every filter; ``status`` is one of STATUSES, ``pending`` or ``all``.

    In the queue's order (``queue_key``): needs-review items first, then auto_ok, then decided
    ones, each by batch, applicant and item, as the web page's queue shows them.
    """
    if status not in (*STATUSES, "pending", "all"):
        raise ValueError(f"status must be pending, all or one of {', '.join(STATUSES)}, not {status!r}")
    if flag and not FLAG_RE.match(flag):
        return []  # not a flag code: nothing carries it
    f = QueueFilters(
        batch=batch_id_of(session, batch) if batch is not None else None,  # UnknownBatch if none
        applicant=applicant_id or "",
        type=evidence_type or "",
        flag=flag or "",
        status={"pending": "open", "all": ""}.get(status, status),
    )
    # the ids in the queue's order, by the same SQL as the web page's queue ...
    counts = status_counts(session, f)
    ids = _page_ids(session, f, counts, 0, limit or _total(counts, f.status))
    if not ids:
        return []
    # ... and their records (the applicant filter here is the id itself, not part of a name)
    wanted = set(ids)
    by_id = {ci.item.id: ci for ci in current_items(session, batch, applicant_id) if ci.item.id in wanted}
    return [
        QueueEntry(i, by_id[i].item.version, record(by_id[i].batch, by_id[i].item, by_id[i].proposal,
                                                    by_id[i].review))
        for i in ids
        if i in by_id
    ]  # fmt: skip


def item_detail(session: Session, item_id: int) -> dict[str, Any] | None:
    """The record plus what a reviewer checks it against: fields with where they were read, the
    flags explained, the files and pages, every proposal and the audit log. None if no such item."""
    item = session.get(ItemRow, item_id)
    if item is None:
        return None
    batch = session.get(Batch, item.batch_id)
    proposals = list(
        session.scalars(select(ProposalRow).where(ProposalRow.item_id == item_id).order_by(ProposalRow.id))
    )
    reviews = list(
        session.scalars(select(ReviewRow).where(ReviewRow.item_id == item_id).order_by(ReviewRow.id))
    )
    latest_p = next((p for p in proposals if p.id == item.proposal_id), None)
    latest_r = next((r for r in reviews if r.id == item.review_id), None)
    files = []
    for sha in item.files:
        f = session.get(FileRow, sha)
        pages = list(
            session.scalars(select(PageRow).where(PageRow.file_sha256 == sha).order_by(PageRow.page_no))
        )
        files.append(
            {
                "sha256": sha,
                "names": f.names if f else [],
                "kind": f.kind if f else "",
                "stored_path": f.stored_path if f else "",
                "pages": [
                    {"page_no": p.page_no, "engine": p.engine, "mean_conf": p.mean_conf, "error": p.error,
                     "text": p.text}
                    for p in pages
                ],
            }
        )  # fmt: skip
    fields = session.scalars(select(FieldRow).where(FieldRow.item_id == item_id).order_by(FieldRow.id))
    return {
        "item_id": item.id,
        "version": item.version,
        "record": record(batch.name if batch else "", item, latest_p, latest_r),
        "intake_error": item.intake_error,
        "parts": list(item.parts),
        "page_types": item.page_types,
        "fields": [
            {"name": f.name, "value": f.value, "confidence": f.confidence, "page": f.page, "box": f.box,
             "source": f.source}
            for f in fields
        ],
        "flag_details": dict(latest_p.flag_details) if latest_p else {},
        "files": files,
        "proposals": [
            {"id": p.id, "created_at": p.created_at.isoformat(), "policy": p.policy_id,
             "model": p.model_version, "hours": p.hours, "status": p.status, "clause": p.clause,
             "flags": p.flags}
            for p in proposals
        ],
        "reviews": [
            {"id": r.id, "at": r.at.isoformat(), "user": r.user, "action": r.action, "reason": r.reason,
             "before": r.before, "after": r.after}
            for r in reviews
        ],
    }  # fmt: skip
