"""pages.layer_rejected: why a PDF page's own text layer was not trusted and its image OCR'd

A scan's embedded OCR or form-fill layer can be scrambled or hold only the filled-in name
(issue #12, pipeline/ocr/layer_quality.py); such a page is now OCR'd and keeps the reason, so a
reviewer sees why a PDF with text was read by OCR. ``engine`` keeps its meaning (what read it).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 04:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("layer_rejected", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_column("layer_rejected")
