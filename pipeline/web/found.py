"""The rows a page is about, or 404 with the reviewer's message: one look-up per kind of row."""

from __future__ import annotations

from typing import TypeVar

from fastapi import HTTPException
from sqlalchemy.orm import Session

from pipeline.store.models import ApplicantRow, Batch, FileRow

T = TypeVar("T")


def or_404(row: T | None, message: str) -> T:
    if row is None:
        raise HTTPException(404, message)
    return row


def applicant_or_404(db: Session, applicant_pk: int) -> tuple[ApplicantRow, Batch]:
    """The applicant and their batch (applicants.batch_id is a foreign key, so both exist)."""
    a = or_404(db.get(ApplicantRow, applicant_pk), "没有这个申报人")
    return a, or_404(db.get(Batch, a.batch_id), "没有这个批次")


def batch_or_404(db: Session, batch_id: int) -> Batch:
    return or_404(db.get(Batch, batch_id), "没有这个批次")


def file_or_404(db: Session, sha256: str) -> FileRow:
    """The stored file with this hash; 404 for an unknown hash or anything not 64 lowercase hex."""
    from pipeline.web.queries import file_row

    return or_404(file_row(db, sha256), "没有这个文件")
