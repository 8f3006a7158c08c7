"""Reviewers' corrected evidence types, read back from the database as training examples.

A review whose ``after`` names a different ``evidence_type`` than its ``before`` means the model
(or the previous reviewer) had the type wrong; the item's page texts with the corrected type are
examples the next model should learn from. Only the latest such review of each item counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from classifiers.labels import EVIDENCE_TYPES, SUPPORTING_TYPES


@dataclass(frozen=True)
class CorrectedPage:
    text: str
    width: int
    height: int
    evidence_type: str
    item_path: str

    def as_input(self) -> dict[str, object]:
        return {"text": self.text, "width": self.width, "height": self.height}


def corrected_pages(db_url: str | None = None) -> list[CorrectedPage]:
    """(page text, corrected type) of every item whose type a reviewer changed.

    Pages that were read as a supporting page (a training notice next to a certificate) keep
    out of an item corrected to a substantive type: the correction is about the item, and such a
    page is still a notice. Pages without text are skipped.
    """
    from sqlalchemy import select

    from pipeline.store.db import open_db
    from pipeline.store.models import ItemRow, PageRow, ReviewRow

    factory = open_db(db_url)
    out: list[CorrectedPage] = []
    with factory() as session:
        latest: dict[int, tuple[str, ItemRow]] = {}
        rows = session.execute(
            select(ReviewRow, ItemRow).join(ItemRow, ReviewRow.item_id == ItemRow.id).order_by(ReviewRow.id)
        )
        for review, item in rows:
            after = (review.after or {}).get("evidence_type")
            before = (review.before or {}).get("evidence_type")
            if after and after != before and after in EVIDENCE_TYPES:
                latest[item.id] = (after, item)
        for corrected, item in latest.values():
            page_types = list(item.page_types or [])
            k = 0  # index into the item's pages in file order, as page_types was written
            for sha in item.files or []:
                pages = session.scalars(
                    select(PageRow).where(PageRow.file_sha256 == sha).order_by(PageRow.page_no)
                ).all()
                for page in pages:
                    read_as = page_types[k][0] if k < len(page_types) and page_types[k] else None
                    k += 1
                    if page.error or not (page.text or "").strip():
                        continue
                    if read_as in SUPPORTING_TYPES and corrected not in SUPPORTING_TYPES:
                        continue
                    out.append(CorrectedPage(page.text, page.width, page.height, corrected, item.path))
    factory.kw["bind"].dispose()
    return out
