"""Baseline: the schema as it was before migrations (39 tables).

Every table and index is created only if missing, so this revision also adopts a database that an
earlier wismo built with `create_all`: `wismo db upgrade` on it fills in whatever is missing and
records the revision, touching no row.

Revision ID: 0001
Revises:
Create Date: 2026-11-29 23:24:39.309593
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STATUSES = (
    "PENDING",
    "INFO_RECEIVED",
    "IN_TRANSIT",
    "OUT_FOR_DELIVERY",
    "ATTEMPT_FAILED",
    "AVAILABLE_FOR_PICKUP",
    "DELIVERED",
    "EXCEPTION",
    "DELAYED",
    "RETURNED_TO_SENDER",
    "EXPIRED",
)
#: The shipment status enum: a native type on PostgreSQL (created once, above), VARCHAR elsewhere.
SHIPMENT_STATUS = sa.Enum(*STATUSES, name="shipmentstatus").with_variant(
    postgresql.ENUM(*STATUSES, name="shipmentstatus", create_type=False), "postgresql"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        sa.Enum(*STATUSES, name="shipmentstatus").create(op.get_bind(), checkfirst=True)
    op.create_table(
        "answer_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_answer_flags_conversation_id", "answer_flags", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index("ix_answer_flags_created_at", "answer_flags", ["created_at"], unique=False, if_not_exists=True)
    op.create_index("ix_answer_flags_message_id", "answer_flags", ["message_id"], unique=False, if_not_exists=True)

    op.create_table(
        "channel_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("sender_id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=True),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("last_inbound_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "sender_id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_channel_identities_conversation_id",
        "channel_identities",
        ["conversation_id"],
        unique=False,
        if_not_exists=True,
    )
    op.create_index(
        "ix_channel_identities_sender_id", "channel_identities", ["sender_id"], unique=False, if_not_exists=True
    )

    op.create_table(
        "channel_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(length=255), nullable=False),
        sa.Column("order_key", sa.String(length=64), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("outbound_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_key"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_channel_notifications_address", "channel_notifications", ["address"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_channel_notifications_created_at", "channel_notifications", ["created_at"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_channel_notifications_kind", "channel_notifications", ["kind"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_channel_notifications_order_key", "channel_notifications", ["order_key"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_channel_notifications_shipment_id",
        "channel_notifications",
        ["shipment_id"],
        unique=False,
        if_not_exists=True,
    )

    op.create_table(
        "channel_outbound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=64), nullable=False),
        sa.Column("sender", sa.String(length=16), nullable=False),
        sa.Column("messaging_type", sa.String(length=32), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=True),
        sa.Column("template", sa.String(length=128), nullable=True),
        sa.Column("within_window", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("platform_message_id", sa.String(length=255), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("payloads", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_channel_outbound_conversation_id", "channel_outbound", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_channel_outbound_created_at", "channel_outbound", ["created_at"], unique=False, if_not_exists=True
    )
    op.create_index("ix_channel_outbound_status", "channel_outbound", ["status"], unique=False, if_not_exists=True)

    op.create_table(
        "channel_processed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "event_id"),
        if_not_exists=True,
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("channel_user", sa.String(), nullable=True),
        sa.Column("client_key", sa.String(), nullable=True),
        sa.Column("verified_order", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_conversations_channel_user", "conversations", ["channel_user"], unique=False, if_not_exists=True
    )

    op.create_table(
        "csat_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_csat_ratings_conversation_id", "csat_ratings", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index("ix_csat_ratings_created_at", "csat_ratings", ["created_at"], unique=False, if_not_exists=True)

    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("notify_channel", sa.String(), nullable=True),
        sa.Column("notify_address", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_customers_email", "customers", ["email"], unique=True, if_not_exists=True)

    op.create_table(
        "handoff_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_handoff_events_created_at", "handoff_events", ["created_at"], unique=False, if_not_exists=True)
    op.create_index("ix_handoff_events_handoff_id", "handoff_events", ["handoff_id"], unique=False, if_not_exists=True)

    op.create_table(
        "intent_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unresolved_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(), nullable=False),
        sa.Column("cluster_id", sa.String(), nullable=True),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_intent_labels_created_at", "intent_labels", ["created_at"], unique=False, if_not_exists=True)
    op.create_index(
        "ix_intent_labels_unresolved_id", "intent_labels", ["unresolved_id"], unique=False, if_not_exists=True
    )

    op.create_table(
        "model_usage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cost", sa.Float(), nullable=False),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.Column("fallback", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_model_usage_conversation_id", "model_usage", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index("ix_model_usage_created_at", "model_usage", ["created_at"], unique=False, if_not_exists=True)

    op.create_table(
        "offer_impressions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("offer_id", sa.String(), nullable=False),
        sa.Column("target_sku", sa.String(), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("shown_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_offer_impressions_conversation_id",
        "offer_impressions",
        ["conversation_id"],
        unique=False,
        if_not_exists=True,
    )
    op.create_index(
        "ix_offer_impressions_customer_id", "offer_impressions", ["customer_id"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_offer_impressions_offer_id", "offer_impressions", ["offer_id"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_offer_impressions_order_id", "offer_impressions", ["order_id"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_offer_impressions_shown_at", "offer_impressions", ["shown_at"], unique=False, if_not_exists=True
    )
    op.create_index("ix_offer_impressions_token", "offer_impressions", ["token"], unique=True, if_not_exists=True)

    op.create_table(
        "pickup_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("carrier", sa.String(), nullable=True),
        sa.Column("street", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.Column("postal_code", sa.String(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.Column("max_parcel_size", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_pickup_points_carrier", "pickup_points", ["carrier"], unique=False, if_not_exists=True)
    op.create_index("ix_pickup_points_code", "pickup_points", ["code"], unique=True, if_not_exists=True)
    op.create_index("ix_pickup_points_postal_code", "pickup_points", ["postal_code"], unique=False, if_not_exists=True)

    op.create_table(
        "pii_vault",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("placeholder", sa.String(), nullable=False),
        sa.Column("entity_type", sa.String(), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column("subject_hash", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "placeholder"),
        if_not_exists=True,
    )
    op.create_index("ix_pii_vault_conversation_id", "pii_vault", ["conversation_id"], unique=False, if_not_exists=True)
    op.create_index("ix_pii_vault_subject_hash", "pii_vault", ["subject_hash"], unique=False, if_not_exists=True)

    op.create_table(
        "rail_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("rail", sa.String(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_rail_decisions_conversation_id", "rail_decisions", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index("ix_rail_decisions_created_at", "rail_decisions", ["created_at"], unique=False, if_not_exists=True)
    op.create_index("ix_rail_decisions_message_id", "rail_decisions", ["message_id"], unique=False, if_not_exists=True)
    op.create_index("ix_rail_decisions_passed", "rail_decisions", ["passed"], unique=False, if_not_exists=True)
    op.create_index("ix_rail_decisions_rail", "rail_decisions", ["rail"], unique=False, if_not_exists=True)

    op.create_table(
        "return_plans",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("order_key", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("return_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_return_plans_conversation_id", "return_plans", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index("ix_return_plans_order_key", "return_plans", ["order_key"], unique=False, if_not_exists=True)

    op.create_table(
        "seasonal_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("carriers", sa.JSON(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extra_days", sa.Integer(), nullable=False),
        sa.Column("playbook_id", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_seasonal_notices_ends_at", "seasonal_notices", ["ends_at"], unique=False, if_not_exists=True)
    op.create_index("ix_seasonal_notices_kind", "seasonal_notices", ["kind"], unique=False, if_not_exists=True)
    op.create_index(
        "ix_seasonal_notices_playbook_id", "seasonal_notices", ["playbook_id"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_seasonal_notices_starts_at", "seasonal_notices", ["starts_at"], unique=False, if_not_exists=True
    )

    op.create_table(
        "shopify_order_refs",
        sa.Column("shopify_id", sa.String(length=32), nullable=False),
        sa.Column("order_key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("shopify_id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_shopify_order_refs_order_key", "shopify_order_refs", ["order_key"], unique=False, if_not_exists=True
    )

    op.create_table(
        "sink_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("sink", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_sink_deliveries_handoff_id", "sink_deliveries", ["handoff_id"], unique=False, if_not_exists=True
    )

    op.create_table(
        "store_hours_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_code", sa.String(length=32), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("opens", sa.String(), nullable=True),
        sa.Column("closes", sa.String(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_store_hours_overrides_first_day", "store_hours_overrides", ["first_day"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_store_hours_overrides_last_day", "store_hours_overrides", ["last_day"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_store_hours_overrides_point_code", "store_hours_overrides", ["point_code"], unique=False, if_not_exists=True
    )

    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
        if_not_exists=True,
    )
    op.create_table(
        "track_links",
        sa.Column("token_id", sa.String(length=32), nullable=False),
        sa.Column("order_key", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("token_id"),
        if_not_exists=True,
    )
    op.create_index("ix_track_links_order_key", "track_links", ["order_key"], unique=False, if_not_exists=True)

    op.create_table(
        "track_page_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_id", sa.String(length=32), nullable=False),
        sa.Column("order_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_track_page_events_at", "track_page_events", ["at"], unique=False, if_not_exists=True)
    op.create_index("ix_track_page_events_kind", "track_page_events", ["kind"], unique=False, if_not_exists=True)
    op.create_index(
        "ix_track_page_events_order_key", "track_page_events", ["order_key"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_track_page_events_token_id", "track_page_events", ["token_id"], unique=False, if_not_exists=True
    )

    op.create_table(
        "track_page_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_id", sa.String(length=32), nullable=False),
        sa.Column("order_key", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_track_page_views_order_key", "track_page_views", ["order_key"], unique=False, if_not_exists=True
    )
    op.create_index("ix_track_page_views_token_id", "track_page_views", ["token_id"], unique=False, if_not_exists=True)
    op.create_index(
        "ix_track_page_views_viewed_at", "track_page_views", ["viewed_at"], unique=False, if_not_exists=True
    )

    op.create_table(
        "track_revocations",
        sa.Column("token_id", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_id"),
        if_not_exists=True,
    )
    op.create_table(
        "unresolved_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent_guess", sa.String(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_unresolved_turns_conversation_id", "unresolved_turns", ["conversation_id"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_unresolved_turns_created_at", "unresolved_turns", ["created_at"], unique=False, if_not_exists=True
    )
    op.create_index("ix_unresolved_turns_reason", "unresolved_turns", ["reason"], unique=False, if_not_exists=True)

    op.create_table(
        "verification_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("order_key", sa.String(), nullable=True),
        sa.Column("client_key", sa.String(), nullable=True),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_verification_attempts_client_key", "verification_attempts", ["client_key"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_verification_attempts_conversation_id",
        "verification_attempts",
        ["conversation_id"],
        unique=False,
        if_not_exists=True,
    )
    op.create_index(
        "ix_verification_attempts_created_at", "verification_attempts", ["created_at"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_verification_attempts_order_key", "verification_attempts", ["order_key"], unique=False, if_not_exists=True
    )

    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("package", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_handoffs_conversation_id", "handoffs", ["conversation_id"], unique=False, if_not_exists=True)
    op.create_index("ix_handoffs_reason", "handoffs", ["reason"], unique=False, if_not_exists=True)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("citations", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_messages_conversation_id", "messages", ["conversation_id"], unique=False, if_not_exists=True)

    op.create_table(
        "offer_clicks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("impression_id", sa.Integer(), nullable=False),
        sa.Column("clicked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["impression_id"],
            ["offer_impressions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_offer_clicks_impression_id", "offer_clicks", ["impression_id"], unique=False, if_not_exists=True
    )

    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("number_key", sa.String(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("postal_code", sa.String(), nullable=False),
        sa.Column("street", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("subtotal", sa.Float(), nullable=False),
        sa.Column("shipping", sa.Float(), nullable=False),
        sa.Column("tax", sa.Float(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("financial_status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"], unique=False, if_not_exists=True)
    op.create_index("ix_orders_email", "orders", ["email"], unique=False, if_not_exists=True)
    op.create_index("ix_orders_number", "orders", ["number"], unique=True, if_not_exists=True)
    op.create_index("ix_orders_number_key", "orders", ["number_key"], unique=True, if_not_exists=True)
    op.create_index("ix_orders_placed_at", "orders", ["placed_at"], unique=False, if_not_exists=True)

    op.create_table(
        "offer_conversions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("impression_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_total", sa.Float(), nullable=False),
        sa.Column("clicked", sa.Boolean(), nullable=False),
        sa.Column("converted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["impression_id"],
            ["offer_impressions.id"],
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_offer_conversions_impression_id", "offer_conversions", ["impression_id"], unique=True, if_not_exists=True
    )
    op.create_index(
        "ix_offer_conversions_order_id", "offer_conversions", ["order_id"], unique=False, if_not_exists=True
    )

    op.create_table(
        "order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("variant", sa.String(), nullable=True),
        sa.Column("price", sa.Float(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("final_sale", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_order_lines_order_id", "order_lines", ["order_id"], unique=False, if_not_exists=True)

    op.create_table(
        "returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rma", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_key", sa.String(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("reason_kind", sa.String(), nullable=False),
        sa.Column("option", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("refund_amount", sa.Float(), nullable=False),
        sa.Column("store_credit_amount", sa.Float(), nullable=False),
        sa.Column("exchange_difference", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("carrier", sa.String(), nullable=False),
        sa.Column("tracking_number", sa.String(), nullable=False),
        sa.Column("warehouse_city", sa.String(), nullable=False),
        sa.Column("warehouse_region", sa.String(), nullable=False),
        sa.Column("warehouse_postal", sa.String(), nullable=False),
        sa.Column("label_token", sa.String(length=64), nullable=False),
        sa.Column("exchange_order_number", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cycle_time_days", sa.Float(), nullable=True),
        sa.Column("saved", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_returns_conversation_id", "returns", ["conversation_id"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_created_at", "returns", ["created_at"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_customer_id", "returns", ["customer_id"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_label_token", "returns", ["label_token"], unique=True, if_not_exists=True)
    op.create_index("ix_returns_option", "returns", ["option"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_order_id", "returns", ["order_id"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_order_key", "returns", ["order_key"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_reason", "returns", ["reason"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_rma", "returns", ["rma"], unique=True, if_not_exists=True)
    op.create_index("ix_returns_status", "returns", ["status"], unique=False, if_not_exists=True)
    op.create_index("ix_returns_tracking_number", "returns", ["tracking_number"], unique=False, if_not_exists=True)

    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(), nullable=False),
        sa.Column("service", sa.String(), nullable=False),
        sa.Column("tracking_number", sa.String(), nullable=False),
        sa.Column("status", SHIPMENT_STATUS, nullable=False),
        sa.Column("origin_city", sa.String(), nullable=False),
        sa.Column("origin_region", sa.String(), nullable=False),
        sa.Column("origin_postal", sa.String(), nullable=False),
        sa.Column("parcel_size", sa.String(), nullable=False),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("carrier_estimate", sa.DateTime(timezone=True), nullable=True),
        sa.Column("carrier_estimate_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pickup_point_id", sa.Integer(), nullable=True),
        sa.Column("held_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pickup_point_id"],
            ["pickup_points.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_shipments_carrier", "shipments", ["carrier"], unique=False, if_not_exists=True)
    op.create_index("ix_shipments_order_id", "shipments", ["order_id"], unique=False, if_not_exists=True)
    op.create_index("ix_shipments_status", "shipments", ["status"], unique=False, if_not_exists=True)
    op.create_index("ix_shipments_tracking_number", "shipments", ["tracking_number"], unique=True, if_not_exists=True)

    op.create_table(
        "eta_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("predicted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("eta", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("model_version", sa.String(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipments.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_eta_records_shipment_id", "eta_records", ["shipment_id"], unique=True, if_not_exists=True)

    op.create_table(
        "exchange_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("original_order_id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("difference", sa.Float(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("carrier", sa.String(), nullable=True),
        sa.Column("tracking_number", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["original_order_id"],
            ["orders.id"],
        ),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["returns.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        if_not_exists=True,
    )
    op.create_index("ix_exchange_orders_number", "exchange_orders", ["number"], unique=True, if_not_exists=True)
    op.create_index(
        "ix_exchange_orders_original_order_id",
        "exchange_orders",
        ["original_order_id"],
        unique=False,
        if_not_exists=True,
    )
    op.create_index("ix_exchange_orders_return_id", "exchange_orders", ["return_id"], unique=False, if_not_exists=True)

    op.create_table(
        "return_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["returns.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("return_id", "seq"),
        if_not_exists=True,
    )
    op.create_index("ix_return_events_return_id", "return_events", ["return_id"], unique=False, if_not_exists=True)

    op.create_table(
        "tracking_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", SHIPMENT_STATUS, nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=True),
        sa.Column("region", sa.String(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipments.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("shipment_id", "seq"),
        if_not_exists=True,
    )
    op.create_index(
        "ix_tracking_events_shipment_id", "tracking_events", ["shipment_id"], unique=False, if_not_exists=True
    )


def downgrade() -> None:
    op.drop_index("ix_tracking_events_shipment_id", table_name="tracking_events")

    op.drop_table("tracking_events")
    op.drop_index("ix_return_events_return_id", table_name="return_events")

    op.drop_table("return_events")
    op.drop_index("ix_exchange_orders_return_id", table_name="exchange_orders")
    op.drop_index("ix_exchange_orders_original_order_id", table_name="exchange_orders")
    op.drop_index("ix_exchange_orders_number", table_name="exchange_orders")

    op.drop_table("exchange_orders")
    op.drop_index("ix_eta_records_shipment_id", table_name="eta_records")

    op.drop_table("eta_records")
    op.drop_index("ix_shipments_tracking_number", table_name="shipments")
    op.drop_index("ix_shipments_status", table_name="shipments")
    op.drop_index("ix_shipments_order_id", table_name="shipments")
    op.drop_index("ix_shipments_carrier", table_name="shipments")

    op.drop_table("shipments")
    op.drop_index("ix_returns_tracking_number", table_name="returns")
    op.drop_index("ix_returns_status", table_name="returns")
    op.drop_index("ix_returns_rma", table_name="returns")
    op.drop_index("ix_returns_reason", table_name="returns")
    op.drop_index("ix_returns_order_key", table_name="returns")
    op.drop_index("ix_returns_order_id", table_name="returns")
    op.drop_index("ix_returns_option", table_name="returns")
    op.drop_index("ix_returns_label_token", table_name="returns")
    op.drop_index("ix_returns_customer_id", table_name="returns")
    op.drop_index("ix_returns_created_at", table_name="returns")
    op.drop_index("ix_returns_conversation_id", table_name="returns")

    op.drop_table("returns")
    op.drop_index("ix_order_lines_order_id", table_name="order_lines")

    op.drop_table("order_lines")
    op.drop_index("ix_offer_conversions_order_id", table_name="offer_conversions")
    op.drop_index("ix_offer_conversions_impression_id", table_name="offer_conversions")

    op.drop_table("offer_conversions")
    op.drop_index("ix_orders_placed_at", table_name="orders")
    op.drop_index("ix_orders_number_key", table_name="orders")
    op.drop_index("ix_orders_number", table_name="orders")
    op.drop_index("ix_orders_email", table_name="orders")
    op.drop_index("ix_orders_customer_id", table_name="orders")

    op.drop_table("orders")
    op.drop_index("ix_offer_clicks_impression_id", table_name="offer_clicks")

    op.drop_table("offer_clicks")
    op.drop_index("ix_messages_conversation_id", table_name="messages")

    op.drop_table("messages")
    op.drop_index("ix_handoffs_reason", table_name="handoffs")
    op.drop_index("ix_handoffs_conversation_id", table_name="handoffs")

    op.drop_table("handoffs")
    op.drop_index("ix_verification_attempts_order_key", table_name="verification_attempts")
    op.drop_index("ix_verification_attempts_created_at", table_name="verification_attempts")
    op.drop_index("ix_verification_attempts_conversation_id", table_name="verification_attempts")
    op.drop_index("ix_verification_attempts_client_key", table_name="verification_attempts")

    op.drop_table("verification_attempts")
    op.drop_index("ix_unresolved_turns_reason", table_name="unresolved_turns")
    op.drop_index("ix_unresolved_turns_created_at", table_name="unresolved_turns")
    op.drop_index("ix_unresolved_turns_conversation_id", table_name="unresolved_turns")

    op.drop_table("unresolved_turns")
    op.drop_table("track_revocations")
    op.drop_index("ix_track_page_views_viewed_at", table_name="track_page_views")
    op.drop_index("ix_track_page_views_token_id", table_name="track_page_views")
    op.drop_index("ix_track_page_views_order_key", table_name="track_page_views")

    op.drop_table("track_page_views")
    op.drop_index("ix_track_page_events_token_id", table_name="track_page_events")
    op.drop_index("ix_track_page_events_order_key", table_name="track_page_events")
    op.drop_index("ix_track_page_events_kind", table_name="track_page_events")
    op.drop_index("ix_track_page_events_at", table_name="track_page_events")

    op.drop_table("track_page_events")
    op.drop_index("ix_track_links_order_key", table_name="track_links")

    op.drop_table("track_links")
    op.drop_table("store_meta")
    op.drop_index("ix_store_hours_overrides_point_code", table_name="store_hours_overrides")
    op.drop_index("ix_store_hours_overrides_last_day", table_name="store_hours_overrides")
    op.drop_index("ix_store_hours_overrides_first_day", table_name="store_hours_overrides")

    op.drop_table("store_hours_overrides")
    op.drop_index("ix_sink_deliveries_handoff_id", table_name="sink_deliveries")

    op.drop_table("sink_deliveries")
    op.drop_index("ix_shopify_order_refs_order_key", table_name="shopify_order_refs")

    op.drop_table("shopify_order_refs")
    op.drop_index("ix_seasonal_notices_starts_at", table_name="seasonal_notices")
    op.drop_index("ix_seasonal_notices_playbook_id", table_name="seasonal_notices")
    op.drop_index("ix_seasonal_notices_kind", table_name="seasonal_notices")
    op.drop_index("ix_seasonal_notices_ends_at", table_name="seasonal_notices")

    op.drop_table("seasonal_notices")
    op.drop_index("ix_return_plans_order_key", table_name="return_plans")
    op.drop_index("ix_return_plans_conversation_id", table_name="return_plans")

    op.drop_table("return_plans")
    op.drop_index("ix_rail_decisions_rail", table_name="rail_decisions")
    op.drop_index("ix_rail_decisions_passed", table_name="rail_decisions")
    op.drop_index("ix_rail_decisions_message_id", table_name="rail_decisions")
    op.drop_index("ix_rail_decisions_created_at", table_name="rail_decisions")
    op.drop_index("ix_rail_decisions_conversation_id", table_name="rail_decisions")

    op.drop_table("rail_decisions")
    op.drop_index("ix_pii_vault_subject_hash", table_name="pii_vault")
    op.drop_index("ix_pii_vault_conversation_id", table_name="pii_vault")

    op.drop_table("pii_vault")
    op.drop_index("ix_pickup_points_postal_code", table_name="pickup_points")
    op.drop_index("ix_pickup_points_code", table_name="pickup_points")
    op.drop_index("ix_pickup_points_carrier", table_name="pickup_points")

    op.drop_table("pickup_points")
    op.drop_index("ix_offer_impressions_token", table_name="offer_impressions")
    op.drop_index("ix_offer_impressions_shown_at", table_name="offer_impressions")
    op.drop_index("ix_offer_impressions_order_id", table_name="offer_impressions")
    op.drop_index("ix_offer_impressions_offer_id", table_name="offer_impressions")
    op.drop_index("ix_offer_impressions_customer_id", table_name="offer_impressions")
    op.drop_index("ix_offer_impressions_conversation_id", table_name="offer_impressions")

    op.drop_table("offer_impressions")
    op.drop_index("ix_model_usage_created_at", table_name="model_usage")
    op.drop_index("ix_model_usage_conversation_id", table_name="model_usage")

    op.drop_table("model_usage")
    op.drop_index("ix_intent_labels_unresolved_id", table_name="intent_labels")
    op.drop_index("ix_intent_labels_created_at", table_name="intent_labels")

    op.drop_table("intent_labels")
    op.drop_index("ix_handoff_events_handoff_id", table_name="handoff_events")
    op.drop_index("ix_handoff_events_created_at", table_name="handoff_events")

    op.drop_table("handoff_events")
    op.drop_index("ix_customers_email", table_name="customers")

    op.drop_table("customers")
    op.drop_index("ix_csat_ratings_created_at", table_name="csat_ratings")
    op.drop_index("ix_csat_ratings_conversation_id", table_name="csat_ratings")

    op.drop_table("csat_ratings")
    op.drop_index("ix_conversations_channel_user", table_name="conversations")

    op.drop_table("conversations")
    op.drop_table("channel_processed_events")
    op.drop_index("ix_channel_outbound_status", table_name="channel_outbound")
    op.drop_index("ix_channel_outbound_created_at", table_name="channel_outbound")
    op.drop_index("ix_channel_outbound_conversation_id", table_name="channel_outbound")

    op.drop_table("channel_outbound")
    op.drop_index("ix_channel_notifications_shipment_id", table_name="channel_notifications")
    op.drop_index("ix_channel_notifications_order_key", table_name="channel_notifications")
    op.drop_index("ix_channel_notifications_kind", table_name="channel_notifications")
    op.drop_index("ix_channel_notifications_created_at", table_name="channel_notifications")
    op.drop_index("ix_channel_notifications_address", table_name="channel_notifications")

    op.drop_table("channel_notifications")
    op.drop_index("ix_channel_identities_sender_id", table_name="channel_identities")
    op.drop_index("ix_channel_identities_conversation_id", table_name="channel_identities")

    op.drop_table("channel_identities")
    op.drop_index("ix_answer_flags_message_id", table_name="answer_flags")
    op.drop_index("ix_answer_flags_created_at", table_name="answer_flags")
    op.drop_index("ix_answer_flags_conversation_id", table_name="answer_flags")

    op.drop_table("answer_flags")
    if op.get_bind().dialect.name == "postgresql":
        sa.Enum(name="shipmentstatus").drop(op.get_bind(), checkfirst=True)
