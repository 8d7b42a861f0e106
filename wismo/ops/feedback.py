"""What people tell us about the bot's answers: agents flag wrong ones, customers give a thumb.

Both land in the ops review (flags) and the metrics (CSAT).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import Conversation, Message
from ..handoff.records import AnswerFlag, CsatRating, ensure_tables


class FeedbackError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def flag_message(engine: Engine, message_id: int, actor: str, note: str, now: datetime) -> dict[str, Any]:
    """Flag a bot answer as wrong; only bot messages can be flagged."""
    ensure_tables(engine)
    with session(engine) as s:
        msg = s.get(Message, message_id)
        if msg is None:
            raise FeedbackError(404, f"No message {message_id}.")
        if msg.role != "bot":
            raise FeedbackError(422, f"Message {message_id} is a {msg.role} message; only bot answers can be flagged.")
        flag = AnswerFlag(
            message_id=message_id,
            conversation_id=msg.conversation_id,
            text=msg.text,
            intent=msg.intent,
            note=(note or "").strip()[:2000],
            actor=actor,
            created_at=now,
        )
        s.add(flag)
        s.commit()
        s.refresh(flag)
    return {"id": flag.id, "message_id": message_id, "conversation_id": flag.conversation_id}


def flags(engine: Engine, since: datetime | None = None, until: datetime | None = None) -> list[dict[str, Any]]:
    ensure_tables(engine)
    with session(engine) as s:
        stmt = select(AnswerFlag).order_by(col(AnswerFlag.id).desc())
        if since is not None:
            stmt = stmt.where(AnswerFlag.created_at >= since)
        if until is not None:
            stmt = stmt.where(AnswerFlag.created_at < until)
        return [
            {
                "id": f.id,
                "message_id": f.message_id,
                "conversation_id": f.conversation_id,
                "text": f.text,
                "intent": f.intent,
                "note": f.note,
                "actor": f.actor,
                "created_at": f.created_at.isoformat(),
            }
            for f in s.exec(stmt)
        ]


def record_csat(
    engine: Engine, conversation_id: str, score: int, now: datetime, message_id: int | None = None
) -> dict[str, Any]:
    """Store a thumbs up (1) / down (-1); a second rating of the same answer replaces the first."""
    if score not in (1, -1):
        raise FeedbackError(422, "score must be 1 (thumbs up) or -1 (thumbs down).")
    ensure_tables(engine)
    with session(engine) as s:
        conv = s.get(Conversation, conversation_id)
        if conv is None:
            raise FeedbackError(404, "No conversation with that id.")
        if message_id is not None:
            msg = s.get(Message, message_id)
            if msg is None or msg.conversation_id != conversation_id or msg.role not in ("bot", "agent"):
                raise FeedbackError(422, "message_id must name an answer in this conversation.")
        existing = s.exec(
            select(CsatRating).where(CsatRating.conversation_id == conversation_id, CsatRating.message_id == message_id)
        ).first()
        row = existing or CsatRating(
            conversation_id=conversation_id, message_id=message_id, score=score, channel=conv.channel, created_at=now
        )
        row.score = score
        row.created_at = now
        s.add(row)
        s.commit()
        s.refresh(row)
    return {"id": row.id, "conversation_id": conversation_id, "message_id": message_id, "score": score}
