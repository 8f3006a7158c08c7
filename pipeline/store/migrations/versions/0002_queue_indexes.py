"""queue indexes: items(status, batch_id, applicant_id, path); items(batch_id, applicant_id)

The queue reads each status bucket in (batch, applicant, path) order (pipeline.web.queries);
ix_items_queue gives those rows already sorted, so a page reads 50 index entries instead of
sorting every matching item, and it serves every look-up ix_items_status served (its prefix),
which is dropped. ix_items_batch_applicant was declared on the model but missing from 0001:
one applicant's items (applicant page, summary, sheet) are found by it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 23:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index("ix_items_queue", ["status", "batch_id", "applicant_id", "path"], unique=False)
        batch_op.create_index("ix_items_batch_applicant", ["batch_id", "applicant_id"], unique=False)
        batch_op.drop_index("ix_items_status")


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index("ix_items_status", ["status"], unique=False)
        batch_op.drop_index("ix_items_batch_applicant")
        batch_op.drop_index("ix_items_queue")
