"""personal information: the scan-access log; files.purged_at

``scan_access`` records who opened which applicant's scans (a page image, an original, a
one-applicant export), next to the audit log of decisions. ``files.purged_at`` says when
``cehours purge`` removed an original and its page images; the file's row, pages (OCR text),
items, proposals and reviews are kept.

Revision ID: 0003_personal_info
Revises: 0002
Create Date: 2026-12-05 20:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_personal_info"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scan_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("batch", sa.String(length=200), nullable=True),
        sa.Column("applicant_id", sa.String(length=100), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("page_no", sa.Integer(), nullable=True),
        sa.Column("client", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_scan_access_applicant", "scan_access", ["applicant_id", "at"], unique=False)
    with op.batch_alter_table("files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("files", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
    op.drop_index("ix_scan_access_applicant", table_name="scan_access")
    op.drop_table("scan_access")
