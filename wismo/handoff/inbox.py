"""The agent inbox: the queue of cases and the four things a person does with one.

claim -> reply (as often as needed) -> resolve, or release back to the bot. Every step is written
to `handoff_events` with the actor's key id. Replies reach the customer the way the platform wants
a human agent's message to arrive: web chat reads them from the transcript; Messenger, Instagram
and WhatsApp go through a sender hook the messaging module provides (`set_channel_sender`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain import work_queue as wq
from ..domain.db import session
from ..domain.models import Conversation, Handoff, Message
from .escalation import ACTIVE, NEGATIVE_BONUS, wait_bonus
from .records import HandoffEvent, ensure_tables
from .sentiment import conversation_score, is_negative

log = logging.getLogger("wismo.handoff.inbox")

DM_CHANNELS = ("messenger", "instagram", "whatsapp")
BACK_TO_BOT = (
    "You're back with {bot}, the virtual assistant. A person from our team has finished here; "
    'ask me anything about your order, or type "agent" to reach a person again.'
)

Sender = Callable[[str, str], Any]
_sender: Sender | None = None


class HandoffNotFound(LookupError):
    pass


class HandoffConflict(Exception):
    """The case is not in a state that allows the action (already claimed by someone else, closed)."""


def set_channel_sender(fn: Sender | None) -> None:
    """Install `fn(conversation_id, text)` that delivers an agent reply on Messenger/Instagram/WhatsApp
    (the lead wires it to the messaging module's `send_agent_reply`)."""
    global _sender
    _sender = fn


def _aware(dt: datetime, now: datetime) -> datetime:
    return dt.replace(tzinfo=now.tzinfo) if dt.tzinfo is None and now.tzinfo is not None else dt


def _events(s, handoff_id: int) -> list[HandoffEvent]:
    return list(
        s.exec(select(HandoffEvent).where(HandoffEvent.handoff_id == handoff_id).order_by(col(HandoffEvent.id)))
    )


def _assignee(events: list[HandoffEvent]) -> str | None:
    who = None
    for e in events:
        if e.action == "claimed":
            who = e.actor
        elif e.action in ("released", "resolved"):
            who = None
    return who


def _row(
    h: Handoff, now: datetime, assignee: str | None, channel: str | None, customer_turns: list[str] | None = None
) -> dict[str, Any]:
    """A queue row. The mood is re-read from the live transcript (the turn that triggered the
    handoff is stored just after it, and the customer may write more while waiting)."""
    created = _aware(h.created_at, now)
    pkg = h.package or {}
    factors = dict(pkg.get("priority_factors") or {"reason": h.priority})
    sentiment = pkg.get("sentiment")
    if customer_turns:
        sentiment = round(conversation_score(customer_turns), 3)
        if h.reason != "negative_sentiment" and "negative_sentiment" not in factors and is_negative(customer_turns):
            factors["negative_sentiment"] = NEGATIVE_BONUS
    priority = (
        sum(factors.values()) if pkg.get("priority_factors") else h.priority + factors.get("negative_sentiment", 0)
    )
    return {
        "id": h.id,
        "conversation_id": h.conversation_id,
        "channel": channel,
        "reason": h.reason,
        "status": h.status,
        "priority": priority,
        "effective_priority": priority + (wait_bonus(created, now) if h.status in ACTIVE else 0),
        "waiting_seconds": int(max(0.0, (now - created).total_seconds())),
        "summary": h.summary,
        "intent": pkg.get("intent"),
        #: The customer's language: the agent answers in it (the summary is in the shop's language).
        "language": pkg.get("language") or "en",
        "verified": bool((pkg.get("identity") or {}).get("verified")),
        "sentiment": sentiment,
        "priority_factors": factors,
        "assignee": assignee,
        "created_at": created.isoformat(),
        "updated_at": _aware(h.updated_at, now).isoformat(),
    }


def queue(engine: Engine, now: datetime, statuses: tuple[str, ...] = ACTIVE, limit: int = 200) -> list[dict]:
    """Active cases, most urgent first: effective priority (priority + waiting bonus), then oldest."""
    ensure_tables(engine)
    with session(engine) as s:
        cases = list(s.exec(select(Handoff).where(col(Handoff.status).in_(statuses)).limit(5000)))
        ids = [h.id for h in cases]
        events: dict[int, list[HandoffEvent]] = {}
        if ids:
            for e in s.exec(
                select(HandoffEvent).where(col(HandoffEvent.handoff_id).in_(ids)).order_by(col(HandoffEvent.id))
            ):
                events.setdefault(e.handoff_id, []).append(e)
        cids = [h.conversation_id for h in cases]
        convs = {c.id: c.channel for c in s.exec(select(Conversation).where(col(Conversation.id).in_(cids)))}
        turns: dict[str, list[str]] = {}
        for cid, text in s.exec(
            select(Message.conversation_id, Message.text)
            .where(col(Message.conversation_id).in_(cids), Message.role == "customer")
            .order_by(col(Message.id))
        ):
            turns.setdefault(cid, []).append(text)
    rows = [
        _row(h, now, _assignee(events.get(h.id or 0, [])), convs.get(h.conversation_id), turns.get(h.conversation_id))
        for h in cases
    ]
    rows.sort(key=lambda r: (-r["effective_priority"], r["created_at"], r["id"]))
    return rows[:limit]


def detail(engine: Engine, handoff_id: int, now: datetime) -> dict[str, Any]:
    """One case: the queue row, its package, the live transcript (incl. replies) and its audit trail."""
    ensure_tables(engine)
    with session(engine) as s:
        h = s.get(Handoff, handoff_id)
        if h is None:
            raise HandoffNotFound(handoff_id)
        conv = s.get(Conversation, h.conversation_id)
        events = _events(s, handoff_id)
        msgs = s.exec(select(Message).where(Message.conversation_id == h.conversation_id).order_by(col(Message.id)))
        transcript = [
            {"id": m.id, "role": m.role, "text": m.text, "intent": m.intent, "created_at": m.created_at.isoformat()}
            for m in msgs
        ]
    out = _row(
        h,
        now,
        _assignee(events),
        conv.channel if conv else None,
        [m["text"] for m in transcript if m["role"] == "customer"],
    )
    out["package"] = {k: v for k, v in (h.package or {}).items() if k != "transcript"}
    out["mode"] = conv.mode if conv else None
    out["transcript"] = transcript
    out["events"] = [
        {"action": e.action, "actor": e.actor, "note": e.note, "at": e.created_at.isoformat()} for e in events
    ]
    return out


def _load(s, handoff_id: int) -> Handoff:
    h = s.get(Handoff, handoff_id)
    if h is None:
        raise HandoffNotFound(handoff_id)
    return h


def claim(engine: Engine, handoff_id: int, actor: str, now: datetime) -> dict[str, Any]:
    """Take the case. Claiming your own case again is fine; someone else's is a conflict."""
    ensure_tables(engine)
    with session(engine) as s:
        h = _load(s, handoff_id)
        if h.status not in ACTIVE:
            raise HandoffConflict(f"case {handoff_id} is {h.status}")
        holder = _assignee(_events(s, handoff_id))
        if h.status == "claimed" and holder and holder != actor:
            raise HandoffConflict(f"case {handoff_id} is claimed by {holder}")
        h.status = "claimed"
        h.updated_at = now
        s.add(h)
        s.add(HandoffEvent(handoff_id=handoff_id, action="claimed", actor=actor, created_at=now))
        s.commit()
    return {"id": handoff_id, "status": "claimed", "assignee": actor}


def _redact_for_transcript(engine: Engine, conversation_id: str, text: str) -> tuple[str, str]:
    """(stored text, text to send). Stored redacted with the conversation's own placeholders, except
    names that are not the customer's (an agent signing "I'm Sam" stays readable); sent with any
    placeholder the agent used put back to the customer's own value."""
    try:
        from ..guardrails.pii import get_redactor
        from ..guardrails.vault import Vault

        vault = Vault(engine)
        known = vault.known(conversation_id)
        redaction = get_redactor().redact(text, known=known)
        customer_values = {v.strip().lower() for v in known.values()}
        out, pos = [], 0
        for span in sorted(redaction.spans, key=lambda sp: sp.start):
            if span.start < pos:
                continue
            keep = "PERSON" in span.entity_type.upper() and span.original.strip().lower() not in customer_values
            out.append(text[pos : span.start])
            out.append(span.original if keep else span.placeholder)
            pos = span.end
        out.append(text[pos:])
        stored = "".join(out) if redaction.spans else redaction.text
        return stored, vault.resolve(conversation_id, text, known)
    except Exception:  # no vault key: store a fresh redaction, send as typed
        from ..guardrails.pii import scrub

        return scrub(text), text


def reply(engine: Engine, handoff_id: int, actor: str, text: str, now: datetime) -> dict[str, Any]:
    """Send a human reply to the customer: stored as an `agent` message, pushed on DM channels."""
    text = (text or "").strip()
    if not text:
        raise ValueError("the reply is empty")
    ensure_tables(engine)
    with session(engine) as s:
        h = _load(s, handoff_id)
        if h.status not in ACTIVE:
            raise HandoffConflict(f"case {handoff_id} is {h.status}; the bot has the conversation")
        holder = _assignee(_events(s, handoff_id))
        if holder and holder != actor:
            raise HandoffConflict(f"case {handoff_id} is claimed by {holder}")
        conv = s.get(Conversation, h.conversation_id)
        channel = conv.channel if conv else "web"
    stored, outgoing = _redact_for_transcript(engine, h.conversation_id, text)
    with session(engine) as s:
        h = _load(s, handoff_id)
        msg = Message(conversation_id=h.conversation_id, role="agent", text=stored, citations=[], created_at=now)
        s.add(msg)
        if h.status == "open":
            h.status = "claimed"
            s.add(HandoffEvent(handoff_id=handoff_id, action="claimed", actor=actor, created_at=now))
        h.updated_at = now
        s.add(h)
        s.add(HandoffEvent(handoff_id=handoff_id, action="replied", actor=actor, created_at=now))
        s.flush()
        key = _plan_dm(s, channel, h.conversation_id, outgoing, f"agent_reply:{msg.id}", now)
        s.commit()
        s.refresh(msg)
    via = channel if key else "transcript"
    # Web chat and the API read the reply from GET /v1/conversations/{id}; a DM goes out now, or
    # stays in the outbox for the workers to retry.
    delivered = _send_now(engine, key, handoff_id) if key else True
    return {"id": handoff_id, "message_id": msg.id, "via": via, "delivered": delivered, "text": stored}


def _plan_dm(s, channel: str, conversation_id: str, text: str, key: str, now: datetime) -> str | None:
    """On a DM channel, the message to send, in the outbox and the caller's transaction; its key."""
    if channel not in DM_CHANNELS:
        return None
    wq.enqueue_outbox(s, key, "agent_reply", {"conversation_id": conversation_id, "text": text}, now)
    return key


def send_item(item: dict[str, Any]) -> dict[str, Any]:
    """Deliver an outbox `agent_reply` through the channel sender the messaging module installed."""
    if _sender is None:
        raise RuntimeError("no channel sender is wired (set_channel_sender); the reply waits in the outbox")
    result = _sender(item["payload"]["conversation_id"], item["payload"]["text"])
    return {"message_ids": list(getattr(result, "message_ids", []) or [])}


def _send_now(engine: Engine, key: str, handoff_id: int) -> bool:
    outcome = wq.deliver_now(engine, key, send_item)
    if outcome != "sent":
        log.warning("handoff %s: reply not delivered now (%s); it stays in the outbox", handoff_id, outcome)
    return outcome == "sent"


def _end_case(s, handoff_id: int, status: str, mode: str, actor: str, note: str | None, now: datetime):
    """Move an active case to `status` and its conversation to `mode`, with an audit event."""
    h = _load(s, handoff_id)
    if h.status not in ACTIVE:
        raise HandoffConflict(f"case {handoff_id} is already {h.status}")
    h.status = status
    h.updated_at = now
    s.add(h)
    conv = s.get(Conversation, h.conversation_id)
    if conv is not None:
        conv.mode = mode
        conv.updated_at = now
        s.add(conv)
    s.add(HandoffEvent(handoff_id=handoff_id, action=status, actor=actor, note=note, created_at=now))
    return h, conv


def resolve(engine: Engine, handoff_id: int, actor: str, now: datetime, note: str | None = None) -> dict[str, Any]:
    """Close the case; the conversation is closed too (a new message starts with the bot again)."""
    ensure_tables(engine)
    with session(engine) as s:
        _end_case(s, handoff_id, "resolved", "closed", actor, note, now)
        s.commit()
    return {"id": handoff_id, "status": "resolved"}


def release(
    engine: Engine, handoff_id: int, actor: str, now: datetime, bot_name: str = "Wiz", note: str | None = None
) -> dict[str, Any]:
    """Hand the conversation back to the bot, which tells the customer so.

    The graph's checkpoint also keeps a `mode`, but the runtime passes the stored mode in on each
    turn, so setting the row to `bot` is enough.
    """
    ensure_tables(engine)
    text = BACK_TO_BOT.format(bot=bot_name)
    with session(engine) as s:
        h, conv = _end_case(s, handoff_id, "released", "bot", actor, note, now)
        channel = conv.channel if conv else "web"
        msg = Message(conversation_id=h.conversation_id, role="bot", text=text, citations=[], created_at=now)
        s.add(msg)
        s.flush()
        key = _plan_dm(s, channel, h.conversation_id, text, f"agent_reply:{msg.id}", now)
        s.commit()
        s.refresh(msg)
    if key:
        _send_now(engine, key, handoff_id)
    return {"id": handoff_id, "status": "released", "mode": "bot", "message_id": msg.id}
