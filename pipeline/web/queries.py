"""The read queries behind the reviewers' pages, over the store's tables.

Everything the queue shows comes from ``items`` joined to its cached current proposal and
review (``items.proposal_id`` / ``items.review_id``), so a page of the queue is one indexed,
paged query whatever the size of the database.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
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

# The queue's SQL lives with the store: one definition for the CLI's list, the web queue and the
# item page's previous / next. Re-exported for the pages.
from pipeline.store.queue import (
    QueueFilters as QueueFilters,
)
from pipeline.store.queue import (
    QueuePlace as QueuePlace,
)
from pipeline.store.queue import (
    QueueRow as QueueRow,
)
from pipeline.store.queue import (
    queue_neighbour as queue_neighbour,
)
from pipeline.store.queue import (
    queue_page as queue_page,
)
from pipeline.store.queue import (
    queue_view as queue_view,
)
from pipeline.store.queue import (
    status_counts as status_counts,
)
from pipeline.store.queue import (
    undecided_neighbour as undecided_neighbour,
)
from pipeline.store.records import decision_values

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


# --- the queue: its SQL is the store's (pipeline.store.queue, imported above) ------------------------


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
                "layer_rejected": p.layer_rejected or "",
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
