"""items.read_error: the message when the reader failed on an item (flag read_failed)

Before, a reader failure was stored as type ``other`` at confidence 0, which a reviewer saw as
low confidence; the message is now kept so the proposal can say what went wrong.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("read_error")
