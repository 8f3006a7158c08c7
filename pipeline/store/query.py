"""Reading the record back: every item with its latest proposal and latest review, in one query."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import ApplicantRow, Batch, ItemRow, ProposalRow, ReviewRow


@dataclass
class CurrentItem:
    batch: str
    item: ItemRow
    proposal: ProposalRow | None
    review: ReviewRow | None


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
    q = (
        select(Batch.name, ItemRow, ProposalRow, ReviewRow)
        .join(Batch, Batch.id == ItemRow.batch_id)
        .outerjoin(ProposalRow, ProposalRow.id == ItemRow.proposal_id)
        .outerjoin(ReviewRow, ReviewRow.id == ItemRow.review_id)
        .order_by(Batch.id, ItemRow.applicant_id.asc().nulls_first(), ItemRow.path)  # same order on both DBs
    )
    if batch is not None:
        q = q.where(ItemRow.batch_id == batch_id_of(session, batch))
    if applicant_id is not None:
        q = q.where(ItemRow.applicant_id == applicant_id)
    for name, item, p, r in session.execute(q):
        yield CurrentItem(name, item, p, r)


def applicants(session: Session, batch: str | None = None) -> list[tuple[str, ApplicantRow]]:
    """(batch name, applicant) pairs in batch then applicant order."""
    q = (
        select(Batch.name, ApplicantRow)
        .join(Batch, Batch.id == ApplicantRow.batch_id)
        .order_by(Batch.id, ApplicantRow.applicant_id)
    )
    if batch is not None:
        q = q.where(ApplicantRow.batch_id == batch_id_of(session, batch))
    return [(n, a) for n, a in session.execute(q)]
