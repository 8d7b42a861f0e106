"""The post-purchase world as SQLModel tables.

Times are timezone-aware and stored in UTC (SQLModel's UTC datetime type, the same on SQLite and
PostgreSQL); code that shows a time to a person converts it to the customer's timezone at the edge.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from .status import ShipmentStatus


class StoreMeta(SQLModel, table=True):
    """Key/value facts about the store itself (its clock for a demo store, seed parameters)."""

    __tablename__ = "store_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))


class Customer(SQLModel, table=True):
    __tablename__ = "customers"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    email: str = Field(index=True, unique=True)
    phone: str | None = None
    #: Channel the customer opted in to for proactive updates (`whatsapp`, `messenger`, ...).
    notify_channel: str | None = None
    notify_address: str | None = None
    created_at: datetime


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    id: int | None = Field(default=None, primary_key=True)
    #: The number as the shop shows it, e.g. `#WS10042`.
    number: str = Field(index=True, unique=True)
    #: The number normalized for lookup (upper case, no `#`, spaces or dashes).
    number_key: str = Field(index=True, unique=True)
    customer_id: int = Field(foreign_key="customers.id", index=True)
    email: str = Field(index=True)
    postal_code: str
    street: str
    city: str
    region: str
    country: str = "US"
    latitude: float | None = None
    longitude: float | None = None
    #: The customer's local timezone, for showing times as the customer lives them.
    timezone: str = "America/New_York"
    placed_at: datetime = Field(index=True)
    currency: str = "USD"
    subtotal: float
    shipping: float
    tax: float
    total: float
    financial_status: str = "paid"


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_lines"
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    sku: str
    name: str
    category: str
    variant: str | None = None
    price: float
    quantity: int = 1
    final_sale: bool = False


class Shipment(SQLModel, table=True):
    __tablename__ = "shipments"
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    carrier: str = Field(index=True)  # ups | usps | fedex | dhl
    service: str
    tracking_number: str = Field(index=True, unique=True)
    status: ShipmentStatus = Field(index=True)
    origin_city: str
    origin_region: str
    origin_postal: str
    parcel_size: str = "small"  # small | medium | large
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    #: The carrier's own estimated delivery window.
    carrier_estimate: datetime | None = None
    carrier_estimate_end: datetime | None = None
    #: When the carrier moved its estimate (a delay, an exception, a new date), and the end of the
    #: window it gave before the first move. Both empty while the estimate was never revised.
    carrier_estimate_changed_at: datetime | None = None
    carrier_estimate_original: datetime | None = None
    #: Where the parcel waits when it is `available_for_pickup`, and until when.
    pickup_point_id: int | None = Field(default=None, foreign_key="pickup_points.id")
    held_until: datetime | None = None
    updated_at: datetime


class TrackingEvent(SQLModel, table=True):
    __tablename__ = "tracking_events"
    __table_args__ = (UniqueConstraint("shipment_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    shipment_id: int = Field(foreign_key="shipments.id", index=True)
    #: Position in the shipment's history; stable, so citations can name it.
    seq: int
    status: ShipmentStatus
    description: str
    city: str | None = None
    region: str | None = None
    occurred_at: datetime
    source: str  # carrier name, aftership, easypost, shopify, demo


class PickupPoint(SQLModel, table=True):
    __tablename__ = "pickup_points"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True)
    name: str
    kind: str  # locker | store | carrier_point
    #: The carrier network it serves; None for a shop store that takes any carrier.
    carrier: str | None = Field(default=None, index=True)
    street: str
    city: str
    region: str
    postal_code: str = Field(index=True)
    latitude: float
    longitude: float
    #: Weekly hours, e.g. {"mon": ["09:00", "19:00"], ..., "sun": null}.
    opening_hours: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    max_parcel_size: str = "medium"


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"
    id: str = Field(primary_key=True, max_length=36)
    channel: str = "web"
    #: bot | human | closed
    mode: str = "bot"
    #: Opaque id of the sender on the channel (a Meta PSID, a web session); never an email.
    channel_user: str | None = Field(default=None, index=True)
    #: Where the customer connects from, for per-address verification limits (hashed).
    client_key: str | None = None
    #: Order number (normalized key) this conversation proved it may see.
    verified_order: str | None = None
    created_at: datetime
    updated_at: datetime


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(foreign_key="conversations.id", index=True)
    role: str  # customer | bot | agent | system
    #: Redacted text only.
    text: str = Field(sa_column=Column(Text, nullable=False))
    intent: str | None = None
    confidence: float | None = None
    citations: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime


class VerificationAttempt(SQLModel, table=True):
    """Each verification try, so limits hold per conversation, per order and per client address."""

    __tablename__ = "verification_attempts"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True)
    order_key: str | None = Field(default=None, index=True)
    client_key: str | None = Field(default=None, index=True)
    success: bool
    created_at: datetime = Field(index=True)


class Handoff(SQLModel, table=True):
    __tablename__ = "handoffs"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(foreign_key="conversations.id", index=True)
    reason: str = Field(index=True)
    #: open | claimed | resolved | released
    status: str = "open"
    priority: int = 0
    summary: str = Field(sa_column=Column(Text, nullable=False))
    #: The escalation package: identity state, order snapshot with sources, what was tried.
    package: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    updated_at: datetime


class UnresolvedTurn(SQLModel, table=True):
    """A customer turn the bot did not resolve, kept (redacted) for the ops review."""

    __tablename__ = "unresolved_turns"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    intent_guess: str
    confidence: float
    reason: str = Field(index=True)
    created_at: datetime = Field(index=True)


class VaultEntry(SQLModel, table=True):
    """An original PII value behind a placeholder, encrypted, scoped to one conversation."""

    __tablename__ = "pii_vault"
    __table_args__ = (UniqueConstraint("conversation_id", "placeholder"),)
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True)
    placeholder: str  # e.g. <EMAIL_1>
    entity_type: str
    #: Fernet token of the original value.
    ciphertext: str = Field(sa_column=Column(Text, nullable=False))
    #: Keyed hash of the normalized value, so `forget EMAIL` finds entries without decrypting.
    subject_hash: str = Field(index=True)
    created_at: datetime


class EtaRecord(SQLModel, table=True):
    """The latest delivery window told for a shipment, kept to compare with the actual delivery."""

    __tablename__ = "eta_records"
    id: int | None = Field(default=None, primary_key=True)
    shipment_id: int = Field(foreign_key="shipments.id", index=True, unique=True)
    predicted_at: datetime
    eta: datetime
    window_start: datetime
    window_end: datetime
    model_version: str
    #: Filled when the shipment is delivered.
    delivered_at: datetime | None = None


class ModelUsage(SQLModel, table=True):
    """Tokens and cost of each model-driven turn, and why it fell back to the local engine if it did."""

    __tablename__ = "model_usage"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True)
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    rounds: int = 0
    #: None when the model's answer was sent; else why the local engine answered instead.
    fallback: str | None = None
    created_at: datetime = Field(index=True)


class RailDecision(SQLModel, table=True):
    """Each guardrail's decision on each turn (pii, injection, citations, model), kept for ops review."""

    __tablename__ = "rail_decisions"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True)
    #: The bot message the decision belongs to.
    message_id: int | None = Field(default=None, index=True)
    rail: str = Field(index=True)
    passed: bool = Field(index=True)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(index=True)
