"""What the channels remember: who a sender is, what we sent and which notices went out.

Platforms deliver webhooks at least once; the inbound queue (domain/work_queue.py) keys each
event by its id, so a second delivery of the same id does nothing, on any instance.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlalchemy.engine import Engine
from sqlmodel import Field, SQLModel, select

from ..domain.db import session


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


def identity(engine: Engine, channel: str, sender_id: str) -> ChannelIdentity | None:
    with session(engine) as s:
        return s.exec(
            select(ChannelIdentity).where(ChannelIdentity.channel == channel, ChannelIdentity.sender_id == sender_id)
        ).first()


def identity_of_conversation(engine: Engine, conversation_id: str) -> ChannelIdentity | None:
    with session(engine) as s:
        return s.exec(select(ChannelIdentity).where(ChannelIdentity.conversation_id == conversation_id)).first()
