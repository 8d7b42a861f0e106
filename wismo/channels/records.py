"""What the channels remember: handled event ids, who a sender is, what we sent and which notices went out.

Platforms deliver webhooks at least once, so idempotency is a unique row claimed before the work
(`claim`); a second delivery of the same id finds the row and does nothing, on any instance.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, select

from ..domain.db import session


class ProcessedEvent(SQLModel, table=True):
    """One inbound event or message id we have handled (Meta `mid`, `wamid`, carrier `event_id`)."""

    __tablename__ = "channel_processed_events"
    __table_args__ = (UniqueConstraint("source", "event_id"),)
    id: int | None = Field(default=None, primary_key=True)
    #: meta | whatsapp | aftership | easypost | shopify
    source: str = Field(max_length=32)
    event_id: str = Field(max_length=255)
    received_at: datetime


class ChannelIdentity(SQLModel, table=True):
    """A platform sender (PSID, IGSID, WhatsApp wa_id) and its wismo conversation.

    Knowing the sender proves nothing about who they are: the conversation still verifies an order
    with its number and email or ZIP like any web chat.
    """

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "sender_id"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=32)  # messenger | instagram | whatsapp
    sender_id: str = Field(max_length=64, index=True)
    #: Our side of the thread: the Page / Instagram account id, or the WhatsApp phone_number_id.
    account_id: str | None = Field(default=None, max_length=64)
    conversation_id: str = Field(index=True, max_length=36)
    #: When the customer last wrote: the 24-hour messaging window runs from here.
    last_inbound_at: datetime | None = None
    created_at: datetime


class OutboundMessage(SQLModel, table=True):
    """Every message we tried to send on a social channel, with the window rule that allowed it."""

    __tablename__ = "channel_outbound"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str | None = Field(default=None, index=True, max_length=36)
    channel: str = Field(max_length=32)
    recipient: str = Field(max_length=64)
    #: bot | agent | notice
    sender: str = Field(max_length=16)
    #: Messenger messaging_type (RESPONSE | UPDATE | MESSAGE_TAG) or `text` / `template` on WhatsApp.
    messaging_type: str = Field(max_length=32)
    tag: str | None = Field(default=None, max_length=64)
    template: str | None = Field(default=None, max_length=128)
    within_window: bool
    #: sent | failed | refused
    status: str = Field(max_length=16, index=True)
    platform_message_id: str | None = Field(default=None, max_length=255)
    error: str | None = Field(default=None, sa_column=Column(Text))
    payloads: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(index=True)


class NotificationSent(SQLModel, table=True):
    """A proactive notice about a shipment event: at most one per (event, kind), and the ops count."""

    __tablename__ = "channel_notifications"
    id: int | None = Field(default=None, primary_key=True)
    #: `<source>:<event id>:<kind>`; unique, so a replayed event notifies no one.
    event_key: str = Field(max_length=255, unique=True)
    order_key: str = Field(index=True, max_length=64)
    shipment_id: int | None = Field(default=None, index=True)
    #: attempt_failed | delayed | eta_revised | available_for_pickup | out_for_delivery | exception
    kind: str = Field(max_length=32, index=True)
    channel: str = Field(max_length=32)
    address: str = Field(max_length=64, index=True)
    outbound_id: int | None = None
    #: sent | failed | refused
    status: str = Field(max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    source_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(index=True)


def create_tables(engine: Engine) -> None:
    """Create this module's tables (the lead's `create_schema` does it once the module is imported)."""
    SQLModel.metadata.create_all(
        engine,
        tables=[t.__table__ for t in (ProcessedEvent, ChannelIdentity, OutboundMessage, NotificationSent)],  # type: ignore[attr-defined]
    )


def claim(engine: Engine, source: str, event_id: str, now: datetime | None = None) -> bool:
    """True the first time `(source, event_id)` is seen, False on every redelivery."""
    with session(engine) as s:
        s.add(ProcessedEvent(source=source, event_id=event_id[:255], received_at=now or datetime.now(UTC)))
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
            return False
    return True


def release(engine: Engine, source: str, event_id: str) -> None:
    """Forget a claim whose work failed before doing anything, so the platform's retry is processed."""
    with session(engine) as s:
        row = s.exec(
            select(ProcessedEvent).where(ProcessedEvent.source == source, ProcessedEvent.event_id == event_id[:255])
        ).first()
        if row is not None:
            s.delete(row)
            s.commit()


def identity(engine: Engine, channel: str, sender_id: str) -> ChannelIdentity | None:
    with session(engine) as s:
        return s.exec(
            select(ChannelIdentity).where(ChannelIdentity.channel == channel, ChannelIdentity.sender_id == sender_id)
        ).first()


def identity_of_conversation(engine: Engine, conversation_id: str) -> ChannelIdentity | None:
    with session(engine) as s:
        return s.exec(select(ChannelIdentity).where(ChannelIdentity.conversation_id == conversation_id)).first()
