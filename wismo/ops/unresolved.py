"""The unresolved-intent log: every turn the bot did not resolve, redacted, with its reason code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import UnresolvedTurn


def log_unresolved(
    engine: Engine, conversation_id: str, text: str, intent_guess: str, confidence: float, reason: str, now: datetime
) -> None:
    with session(engine) as s:
        s.add(
            UnresolvedTurn(
                conversation_id=conversation_id,
                text=text,
                intent_guess=intent_guess,
                confidence=round(float(confidence), 4),
                reason=reason,
                created_at=now,
            )
        )
        s.commit()


def recent(
    engine: Engine,
    since: datetime | None = None,
    reason: str | None = None,
    limit: int = 200,
    until: datetime | None = None,
    intent: str | None = None,
) -> list[dict]:
    """Newest first, filtered by period [since, until), reason code and intent guess."""
    with session(engine) as s:
        stmt = select(UnresolvedTurn).order_by(col(UnresolvedTurn.id).desc()).limit(limit)
        if since is not None:
            stmt = stmt.where(UnresolvedTurn.created_at >= since)
        if until is not None:
            stmt = stmt.where(UnresolvedTurn.created_at < until)
        if reason:
            stmt = stmt.where(UnresolvedTurn.reason == reason)
        if intent:
            stmt = stmt.where(UnresolvedTurn.intent_guess == intent)
        return [
            {
                "id": u.id,
                "conversation_id": u.conversation_id,
                "text": u.text,
                "intent_guess": u.intent_guess,
                "confidence": u.confidence,
                "reason": u.reason,
                "created_at": u.created_at.isoformat(),
            }
            for u in s.exec(stmt)
        ]
