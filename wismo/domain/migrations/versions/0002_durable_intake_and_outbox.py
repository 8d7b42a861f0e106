"""Durable intake and outbox: the inbound queue and the outbox tables.

The inbound queue keys every webhook by (source, event id), which is what
`channel_processed_events` did: its rows move into the queue as finished items (so a platform's
late redelivery of an event handled before the upgrade is still recognized), then it is dropped.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 23:27:52.806179
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "event_id"),
    )
    with op.batch_alter_table("inbound_queue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbound_queue_created_at"), ["created_at"], unique=False)
        batch_op.create_index("ix_inbound_queue_ready", ["status", "available_at"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_created_at"), ["created_at"], unique=False)
        batch_op.create_index("ix_outbox_ready", ["status", "available_at"], unique=False)

    op.execute(
        "INSERT INTO inbound_queue (source, event_id, kind, payload, status, attempts, available_at,"
        " created_at, finished_at)"
        " SELECT source, event_id, 'migrated', '{}', 'done', 1, received_at, received_at, received_at"
        " FROM channel_processed_events"
    )
    op.drop_table("channel_processed_events")


def downgrade() -> None:
    op.create_table(
        "channel_processed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "event_id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_ready")
        batch_op.drop_index(batch_op.f("ix_outbox_created_at"))

    op.drop_table("outbox")
    with op.batch_alter_table("inbound_queue", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_queue_ready")
        batch_op.drop_index(batch_op.f("ix_inbound_queue_created_at"))

    op.execute(
        "INSERT INTO channel_processed_events (source, event_id, received_at)"
        " SELECT source, event_id, created_at FROM inbound_queue WHERE status = 'done'"
    )
    op.drop_table("inbound_queue")
