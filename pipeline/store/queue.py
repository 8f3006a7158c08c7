"""The review queue: items to look at, filtered, and everything known about one item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import Batch, FieldRow, FileRow, ItemRow, PageRow, ProposalRow, ReviewRow
from pipeline.store.query import current_items
from pipeline.store.records import record

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
    wanted = PENDING if status == "pending" else STATUSES if status == "all" else (status,)
    out = []
    for ci in current_items(session, batch, applicant_id):
        rec = record(ci.batch, ci.item, ci.proposal, ci.review)
        if rec["status"] not in wanted:
            continue
        if flag and flag not in rec["flags"]:
            continue
        if evidence_type and rec["evidence_type"] != evidence_type:
            continue
        out.append(QueueEntry(ci.item.id, ci.item.version, rec))
    # current_items comes in (batch, applicant, path) order: a stable sort by bucket gives queue_key's
    out.sort(key=lambda e: status_rank(e.record["status"]))
    return out[:limit] if limit else out


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
