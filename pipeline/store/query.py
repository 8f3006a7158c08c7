"""Reading the record back: every item with its latest proposal and latest review, in one query."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import ApplicantRow, Batch, ItemRow, ProposalRow, ReviewRow


@dataclass(slots=True)
class ItemView:
    """The columns of an item the record needs (an ``ItemRow`` works wherever this is taken)."""

    id: int
    applicant_id: str | None
    path: str
    evidence_type: str | None
    type_confidence: float
    status: str | None
    version: int
    intake_error: str | None


@dataclass(slots=True)
class ProposalView:
    id: int
    policy_id: str
    evidence_type: str | None
    type_confidence: float
    fields: dict[str, Any]
    credits: list[Any]
    hours: float
    clause: str | None
    flags: list[Any]
    explanation: str
    status: str


@dataclass(slots=True)
class ReviewView:
    id: int
    user: str
    action: str
    reason: str
    after: dict[str, Any]


@dataclass(slots=True)
class CurrentItem:
    batch: str
    item: ItemView
    proposal: ProposalView | None
    review: ReviewView | None


_ITEM_COLS = [getattr(ItemRow, f.name) for f in fields(ItemView)]
_PROPOSAL_COLS = [getattr(ProposalRow, f.name) for f in fields(ProposalView)]
_REVIEW_COLS = [getattr(ReviewRow, f.name) for f in fields(ReviewView)]


class UnknownBatch(LookupError):
    pass


def batch_id_of(session: Session, name: str) -> int:
    bid = session.scalar(select(Batch.id).where(Batch.name == name))
    if bid is None:
        known = ", ".join(session.scalars(select(Batch.name).order_by(Batch.id))) or "none yet"
        raise UnknownBatch(f"no batch called {name!r} (batches: {known})")
    return bid


def current_items(
    session: Session, batch: str | None = None, applicant_id: str | None = None
) -> Iterator[CurrentItem]:
    """Items in (batch, applicant, path) order with the rows their current decision comes from."""
    # plain columns rather than ORM objects: five times faster over tens of thousands of items
    q = (
        select(Batch.name, *_ITEM_COLS, *_PROPOSAL_COLS, *_REVIEW_COLS)
        .select_from(ItemRow)
        .join(Batch, Batch.id == ItemRow.batch_id)
        .outerjoin(ProposalRow, ProposalRow.id == ItemRow.proposal_id)
        .outerjoin(ReviewRow, ReviewRow.id == ItemRow.review_id)
        .order_by(Batch.id, ItemRow.applicant_id.asc().nulls_first(), ItemRow.path)  # same order on both DBs
    )
    if batch is not None:
        q = q.where(ItemRow.batch_id == batch_id_of(session, batch))
    if applicant_id is not None:
        q = q.where(ItemRow.applicant_id == applicant_id)
    a, b = 1 + len(_ITEM_COLS), 1 + len(_ITEM_COLS) + len(_PROPOSAL_COLS)
    for row in session.execute(q):
        p = ProposalView(*row[a:b]) if row[a] is not None else None
        r = ReviewView(*row[b:]) if row[b] is not None else None
        yield CurrentItem(row[0], ItemView(*row[1:a]), p, r)


def applicants(
    session: Session, batch: str | None = None, applicant_id: str | None = None
) -> list[tuple[str, ApplicantRow]]:
    """(batch name, applicant) pairs in batch then applicant order (one applicant's when given)."""
    q = (
        select(Batch.name, ApplicantRow)
        .join(Batch, Batch.id == ApplicantRow.batch_id)
        .order_by(Batch.id, ApplicantRow.applicant_id)
    )
    if batch is not None:
        q = q.where(ApplicantRow.batch_id == batch_id_of(session, batch))
    if applicant_id is not None:
        q = q.where(ApplicantRow.applicant_id == applicant_id)
    return [(n, a) for n, a in session.execute(q)]
