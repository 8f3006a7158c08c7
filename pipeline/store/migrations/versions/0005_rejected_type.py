"""items.rejected_type: the evidence type a reader leaned to but found too improbable

An item whose best type's probability is under the classifier's reject threshold is read as
``other`` (flag ``type_uncertain``); the type it leaned to and its probability, ``[type, p]``,
are kept so that re-proposing from the stored reading keeps the flag and the reviewer sees them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 20:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rejected_type", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("rejected_type")
