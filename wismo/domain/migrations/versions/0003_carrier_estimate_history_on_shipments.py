"""Columns added on main after the baseline: a shipment's first carrier estimate and when it moved
(the ETA rules), and a return's language (replies in the customer's language). All nullable: rows
written before stay as they were.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 01:45:15.016125
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("returns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))

    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carrier_estimate_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("carrier_estimate_original", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_column("carrier_estimate_original")
        batch_op.drop_column("carrier_estimate_changed_at")

    with op.batch_alter_table("returns", schema=None) as batch_op:
        batch_op.drop_column("language")
