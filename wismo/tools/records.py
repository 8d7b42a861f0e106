"""Tables for returns, exchanges and offers: what the bot did, kept so ops can measure it.

Kept apart from the store's own tables (wismo.domain.models): an exchange is an `ExchangeOrder`
linked to the original order and its return, not a new `orders` row, so the shop's order book
(and every listing of it) stays exactly what the shop sold. Import this module before
`create_all` so the tables exist.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class ReturnPlanRecord(SQLModel, table=True):
    """A proposed return the customer has not confirmed yet; expires, bound to one conversation."""

    __tablename__ = "return_plans"
    id: str = Field(primary_key=True, max_length=32)
    conversation_id: str = Field(index=True, max_length=64)
    order_key: str = Field(index=True)
    #: The plan as shown to the customer: lines, reason, option, amounts, new variants.
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    expires_at: datetime
    confirmed_at: datetime | None = None
    return_id: int | None = None


class Return(SQLModel, table=True):
    """One return authorization (RMA) and where it stands."""

    __tablename__ = "returns"
    id: int | None = Field(default=None, primary_key=True)
    rma: str = Field(index=True, unique=True, max_length=32)
    order_id: int = Field(foreign_key="orders.id", index=True)
    order_key: str = Field(index=True)
    customer_id: int = Field(index=True)
    conversation_id: str | None = Field(default=None, index=True)
    #: Reason code (`too_small`, `defective`, ...) and its kind (`fit`, `defect`, `logistics`, `preference`).
    reason: str = Field(index=True)
    reason_kind: str
    #: refund | store_credit | exchange
    option: str = Field(index=True)
    #: created | label_scanned | received_at_warehouse | refunded | credited | exchange_shipped
    status: str = Field(index=True)
    #: [{line_id, sku, name, category, variant, quantity, price, new_variant, new_sku}]
    items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    refund_amount: float = 0.0
    store_credit_amount: float = 0.0
    #: New item minus returned item: > 0 the customer pays, < 0 the shop refunds the difference.
    exchange_difference: float = 0.0
    currency: str = "USD"
    carrier: str
    tracking_number: str = Field(index=True)
    #: Warehouse the parcel goes back to (the original shipment's origin).
    warehouse_city: str
    warehouse_region: str
    warehouse_postal: str
    #: Unguessable token of the label download link (`/l/<token>`).
    label_token: str = Field(index=True, unique=True, max_length=64)
    exchange_order_number: str | None = None
    created_at: datetime = Field(index=True)
    #: When the money went back or the exchange shipped: the end of the customer's wait.
    completed_at: datetime | None = None
    cycle_time_days: float | None = None
    #: True when the return kept the sale (an exchange), for the exchange save rate.
    saved: bool = False
    #: The language of the conversation that booked it (ISO 639-1): the label's instructions are written in it.
    language: str | None = Field(default=None, max_length=8)


class ReturnEvent(SQLModel, table=True):
    """A step in a return's life, told to the customer who asks where the return or refund is."""

    __tablename__ = "return_events"
    __table_args__ = (UniqueConstraint("return_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="returns.id", index=True)
    seq: int
    #: created | label_scanned | received_at_warehouse | refunded | credited | exchange_shipped
    kind: str
    description: str
    occurred_at: datetime


class ExchangeOrder(SQLModel, table=True):
    """The replacement order of an exchange, numbered after the original (`#WS10042-EX1`)."""

    __tablename__ = "exchange_orders"
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True)
    original_order_id: int = Field(foreign_key="orders.id", index=True)
    return_id: int = Field(foreign_key="returns.id", index=True)
    #: [{sku, name, variant, quantity, price}]
    items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    difference: float = 0.0
    #: reserved | shipped
    status: str = "reserved"
    carrier: str | None = None
    tracking_number: str | None = None
    created_at: datetime
    shipped_at: datetime | None = None


class OfferImpression(SQLModel, table=True):
    """An offer shown in a conversation; its token is the tracked link `/o/<token>`."""

    __tablename__ = "offer_impressions"
    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(index=True, unique=True, max_length=64)
    offer_id: str = Field(index=True)
    target_sku: str
    conversation_id: str = Field(index=True, max_length=64)
    customer_id: int = Field(index=True)
    order_id: int = Field(index=True)
    channel: str | None = None
    score: float
    url: str = Field(sa_column=Column(Text, nullable=False))
    shown_at: datetime = Field(index=True)


class OfferClick(SQLModel, table=True):
    __tablename__ = "offer_clicks"
    id: int | None = Field(default=None, primary_key=True)
    impression_id: int = Field(foreign_key="offer_impressions.id", index=True)
    clicked_at: datetime


class OfferConversion(SQLModel, table=True):
    """An order attributed to an offer: same customer, target item bought within the window."""

    __tablename__ = "offer_conversions"
    id: int | None = Field(default=None, primary_key=True)
    impression_id: int = Field(foreign_key="offer_impressions.id", index=True, unique=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    order_total: float
    clicked: bool
    converted_at: datetime
