"""Tables of the branded tracking page: issued links, revocations, page views and what visitors did.

Why in the database: any server instance must honour a revocation at once, and ops read the page's
click-through and whether its visitors still contact support from the same rows.
Times here are wall-clock UTC (when things really happened); link expiry follows the store's clock.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Field, SQLModel

#: What a visitor did on a page: kinds of `TrackPageEvent`.
EVENT_KINDS = ("offer_impression", "chat_started", "redirect_confirmed", "return_started")


class TrackLink(SQLModel, table=True):
    """A tracking link that was issued (the token itself is never stored, only its id)."""

    __tablename__ = "track_links"
    token_id: str = Field(primary_key=True, max_length=32)
    order_key: str = Field(index=True, max_length=64)
    issued_at: datetime
    expires_at: datetime
    issued_by: str = "cli"


class TrackRevocation(SQLModel, table=True):
    """A revoked link: its token no longer opens the page, whatever its signature and expiry say."""

    __tablename__ = "track_revocations"
    token_id: str = Field(primary_key=True, max_length=32)
    revoked_at: datetime


class TrackPageView(SQLModel, table=True):
    """One rendering of a tracking page; its nonce guards the page's forms (CSRF)."""

    __tablename__ = "track_page_views"
    id: int | None = Field(default=None, primary_key=True)
    token_id: str = Field(index=True, max_length=32)
    order_key: str = Field(index=True, max_length=64)
    nonce: str = Field(max_length=64)
    status: str
    viewed_at: datetime = Field(index=True)


class TrackPageEvent(SQLModel, table=True):
    """Something a visitor did from a page: `ref` is the offer link token, conversation id or point code."""

    __tablename__ = "track_page_events"
    id: int | None = Field(default=None, primary_key=True)
    token_id: str = Field(index=True, max_length=32)
    order_key: str = Field(index=True, max_length=64)
    kind: str = Field(index=True, max_length=32)
    ref: str | None = Field(default=None, max_length=64)
    at: datetime = Field(index=True)


TABLES = (TrackLink, TrackRevocation, TrackPageView, TrackPageEvent)


def ensure_tables(engine: Engine) -> None:
    """Create these tables when missing (the lead's create_all does it too once this module is imported)."""
    SQLModel.metadata.create_all(engine, tables=[t.__table__ for t in TABLES])  # type: ignore[attr-defined]
