"""The tables of the record: batches, applicants, files, pages, items, fields, proposals, reviews,
scan accesses, users.

Proposals are appended (a newer model or policy adds one, never overwrites), reviews are an
append-only audit log, and an item's current decision is its latest review, else its latest
proposal. ``items`` caches that decision (``status``, ``proposal_id``, ``review_id``) so the
queue and the export need no "latest row per item" query; the cache is written in the same
transaction as the row it points to, guarded by the optimistic-locking ``version``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(Text, default="")  # the folder or zip it was read from
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | done | failed
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    manifest_errors: Mapped[list[Any]] = mapped_column(JSON, default=list)

    applicants: Mapped[list[ApplicantRow]] = relationship(back_populates="batch")


class ApplicantRow(Base):
    __tablename__ = "applicants"
    __table_args__ = (UniqueConstraint("batch_id", "applicant_id", name="uq_applicant_batch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"))
    applicant_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200), default="")
    employer: Mapped[str] = mapped_column(String(300), default="")
    title_level: Mapped[str] = mapped_column(String(20), default="")
    eval_year: Mapped[int | None] = mapped_column(Integer)
    id_number: Mapped[str] = mapped_column(String(40), default="")

    batch: Mapped[Batch] = relationship(back_populates="applicants")


class FileRow(Base):
    __tablename__ = "files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    names: Mapped[list[Any]] = mapped_column(JSON, default=list)  # every rel_path it was uploaded as
    kind: Mapped[str] = mapped_column(String(20), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    stored_path: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # when `cehours purge` removed the original and its page images (migration 0003)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PageRow(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("file_sha256", "page_no", name="uq_page_file_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("files.sha256", ondelete="CASCADE"))
    page_no: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    lines: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{text, box, conf, words: [...]}, ...]
    engine: Mapped[str] = mapped_column(String(40), default="")
    cache_key: Mapped[str] = mapped_column(String(128), default="")
    mean_conf: Mapped[float] = mapped_column(Float, default=0.0)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # why the PDF page's text layer was not trusted (OCR'd instead); "" otherwise (migration 0008)
    layer_rejected: Mapped[str] = mapped_column(Text, default="", server_default="")


class ItemRow(Base):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("batch_id", "path", name="uq_item_batch_path"),
        # the queue's order within a status (migration 0002; see pipeline.store.queue._page_ids)
        Index("ix_items_queue", "status", "batch_id", "applicant_id", "path"),
        Index("ix_items_batch_applicant", "batch_id", "applicant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"))
    applicant_id: Mapped[str | None] = mapped_column(String(100))  # None for an error outside any folder
    path: Mapped[str] = mapped_column(Text)  # relative to the batch root (the contract's "item")
    files: Mapped[list[Any]] = mapped_column(JSON, default=list)  # sha256 of its files, in order
    intake_error: Mapped[str | None] = mapped_column(Text)  # the reason, when intake rejected it
    read_done: Mapped[bool] = mapped_column(Boolean, default=False)  # understanding stored
    read_error: Mapped[str | None] = mapped_column(Text)  # the reader failed on it (flag read_failed)
    evidence_type: Mapped[str | None] = mapped_column(String(60))
    type_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    parts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    page_types: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[type, prob], ...] per page
    # [type, prob] the reader leaned to when no type was probable enough (migration 0003)
    rejected_type: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    # the current decision, cached (see module docstring)
    status: Mapped[str | None] = mapped_column(String(20))
    # plain ids rather than foreign keys: proposals and reviews already point at their item, and a
    # cycle of foreign keys would need ALTER TABLE, which SQLite cannot do
    proposal_id: Mapped[int | None] = mapped_column(Integer)
    review_id: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)  # optimistic lock for reviews
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    batch: Mapped[Batch] = relationship()
    fields: Mapped[list[FieldRow]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="FieldRow.id"
    )


class FieldRow(Base):
    __tablename__ = "fields"
    __table_args__ = (UniqueConstraint("item_id", "name", name="uq_field_item_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    page: Mapped[int | None] = mapped_column(Integer)
    box: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    source: Mapped[str] = mapped_column(Text, default="")
    # the second reading (FieldValue.confirmed / .check): the gate's verdict depends on it
    confirmed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    check: Mapped[str] = mapped_column(Text, default="", server_default="")

    item: Mapped[ItemRow] = relationship(back_populates="fields")


class ProposalRow(Base):
    __tablename__ = "proposals"
    __table_args__ = (Index("ix_proposals_item", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    policy_id: Mapped[str] = mapped_column(String(60))
    model_version: Mapped[str] = mapped_column(String(80), default="")
    # a snapshot of what the proposal was made from, so its export record never drifts
    evidence_type: Mapped[str | None] = mapped_column(String(60))
    type_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    credits: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{year, hours, category}]
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    clause: Mapped[str | None] = mapped_column(String(40))
    flags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    flag_details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    explanation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))  # auto_ok | needs_review
    fingerprint: Mapped[str] = mapped_column(String(64))  # same inputs + outputs -> not added twice
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewRow(Base):
    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_item", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id", ondelete="SET NULL"))
    user: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(20))  # confirm | adjust | reject
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    item_version: Mapped[int] = mapped_column(Integer)  # the item's version this review produced


class ScanAccessRow(Base):
    """Who opened which applicant's scans or saw their ID number in full: appended by the file
    routes, the applicant export and the full-ID views, never edited (0003)."""

    __tablename__ = "scan_access"
    __table_args__ = (Index("ix_scan_access_applicant", "applicant_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))  # privacy.ACCESS_ACTIONS: page, original, id_page ...
    batch: Mapped[str | None] = mapped_column(String(200))
    applicant_id: Mapped[str | None] = mapped_column(String(100))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    page_no: Mapped[int | None] = mapped_column(Integer)
    client: Mapped[str] = mapped_column(String(100), default="")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20), default="reviewer")  # reviewer | admin
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebSessionRow(Base):
    """A signed-in browser session of the review pages, kept on the server so it can be ended.

    The cookie carries a random token; only its SHA-256 is stored (a copy of this table opens no
    session). ``ended_at`` is set by sign-out, a password, role or account change of the user,
    and the idle and absolute limits (pipeline.web.sessions).
    """

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_user", "user_id"),)

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_why: Mapped[str] = mapped_column(String(20), default="")  # sign_out | password | role | ...
