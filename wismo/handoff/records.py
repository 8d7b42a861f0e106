"""The human side's own tables: who did what to a case, what ops taught, flags, CSAT, sink deliveries.

Kept apart from the domain tables so the audit trail can grow without touching the core schema.
Every row names its actor as a key id (`role:hash8`), never the key itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel


class HandoffEvent(SQLModel, table=True):
    """One step in a case's life: created, claimed, replied, resolved, released (the audit trail)."""

    __tablename__ = "handoff_events"
    id: int | None = Field(default=None, primary_key=True)
    handoff_id: int = Field(index=True)
    action: str  # created | order_verified | claimed | replied | resolved | released
    actor: str  # key id (role:hash8) or "bot"
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(index=True)


class IntentLabel(SQLModel, table=True):
    """An ops label: this utterance means that intent. Rows are never updated, only added (audit)."""

    __tablename__ = "intent_labels"
    id: int | None = Field(default=None, primary_key=True)
    unresolved_id: int | None = Field(default=None, index=True)
    #: The redacted utterance as it was labelled (the classifier learns from this text).
    text: str = Field(sa_column=Column(Text, nullable=False))
    intent: str
    #: Set when the label came from labelling a whole cluster.
    cluster_id: str | None = None
    actor: str
    created_at: datetime = Field(index=True)


class AnswerFlag(SQLModel, table=True):
    """An agent says a bot answer was wrong; lands in the ops review."""

    __tablename__ = "answer_flags"
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(index=True)
    conversation_id: str = Field(index=True)
    #: The flagged bot text and intent at the time of flagging (redacted, as stored).
    text: str = Field(sa_column=Column(Text, nullable=False))
    intent: str | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    actor: str
    created_at: datetime = Field(index=True)


class CsatRating(SQLModel, table=True):
    """A thumbs up (1) or down (-1) from the customer after an answer."""

    __tablename__ = "csat_ratings"
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(index=True)
    message_id: int | None = None
    score: int
    channel: str = "web"
    created_at: datetime = Field(index=True)


class SinkDelivery(SQLModel, table=True):
    """One attempt series to push a case to a helpdesk sink; failed ones are retried later."""

    __tablename__ = "sink_deliveries"
    id: int | None = Field(default=None, primary_key=True)
    handoff_id: int = Field(index=True)
    sink: str  # zendesk | chatwoot | webhook
    status: str = "pending"  # pending | sent | failed
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    response: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    updated_at: datetime


_ready: set[int] = set()


def ensure_tables(engine) -> None:
    """Create these tables if missing (idempotent; once per engine per process)."""
    if id(engine) in _ready:
        return
    from ..domain.db import exclusive

    with exclusive(engine):
        SQLModel.metadata.create_all(
            engine,
            tables=[
                t.__table__  # type: ignore[attr-defined]
                for t in (HandoffEvent, IntentLabel, AnswerFlag, CsatRating, SinkDelivery)
            ],
        )
    _ready.add(id(engine))


def forget_conversations(engine, conversation_ids: list[str], handoff_ids: list[int]) -> int:
    """Delete what these tables hold about erased conversations (flags, ratings, labels of their
    turns, case events, sink records); returns rows removed. Called by POST /v1/privacy/forget."""
    from sqlmodel import col, delete

    from ..domain.db import session

    if not conversation_ids and not handoff_ids:
        return 0
    ensure_tables(engine)
    removed = 0
    with session(engine) as s:
        if conversation_ids:
            for table in (AnswerFlag, CsatRating):
                removed += s.exec(delete(table).where(col(table.conversation_id).in_(conversation_ids))).rowcount or 0
        if handoff_ids:
            for table in (HandoffEvent, SinkDelivery):
                removed += s.exec(delete(table).where(col(table.handoff_id).in_(handoff_ids))).rowcount or 0
        s.commit()
    return removed
