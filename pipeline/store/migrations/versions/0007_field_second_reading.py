"""fields.confirmed / fields.check: the second reading of a field (issue #12)

A stated total against the sum of its rows, a stated count against the items listed: the
confidence gate passes a confirmed field and sends a contradicted one to a person, so the
verdict must survive the store between reading and proposing.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fields", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("check", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("fields", schema=None) as batch_op:
        batch_op.drop_column("check")
        batch_op.drop_column("confirmed")
