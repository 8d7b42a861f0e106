"""Packaging a case for a person: reason, summary, identity state, order snapshot with sources.

The package holds redacted text only; an agent sees what the bot saw, never more.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import Conversation, Handoff, Message

REASONS = (
    "customer_requested",
    "low_confidence",
    "out_of_scope",
    "repeated_failure",
    "negative_sentiment",
    "policy_exception",
    "tool_failure",
    "guardrail_block",
    "verification_failed",
    "high_value",
)

#: Base priority per reason: higher is served first.
_PRIORITY = {
    "verification_failed": 2,
    "guardrail_block": 3,
    "tool_failure": 3,
    "negative_sentiment": 4,
    "policy_exception": 3,
    "high_value": 4,
    "customer_requested": 2,
    "repeated_failure": 2,
    "out_of_scope": 1,
    "low_confidence": 1,
}

_WANTS = {
    "order_status": "to know where their order is",
    "delivery_issue": "help with a delivery problem",
    "pickup_alternative": "to pick up their parcel elsewhere",
    "start_return": "to return or exchange an item",
    "return_status": "news on a return or refund",
    "policy_question": "an answer about our policies",
    "change_order": "to change or cancel an order",
    "human_agent": "to talk to a person",
    "smalltalk": "a general chat",
    "out_of_scope": "help with something outside the bot's scope",
}


def summarize(reason: str, intent: str | None, verified_order: str | None, evidence_ids: list[str]) -> str:
    wants = _WANTS.get(intent or "", "help")
    did = f"verified order {verified_order}" if verified_order else "could not verify an order"
    if evidence_ids:
        did += f" and looked up {len(evidence_ids)} sources"
    return f"Customer wants {wants}. wismo {did}. Handed off: {reason.replace('_', ' ')}. Left: reply to the customer."


def escalate(
    engine: Engine,
    conversation_id: str,
    reason: str,
    now: datetime,
    intent: str | None,
    verified_order: str | None,
    evidence: list[dict[str, Any]],
    order_total: float | None = None,
) -> Handoff:
    """Queue the case and switch the conversation to human mode; returns the stored handoff."""
    if reason not in REASONS:
        raise ValueError(f"unknown handoff reason {reason!r}")
    priority = _PRIORITY.get(reason, 1) + (2 if order_total and order_total >= 250 else 0)
    with session(engine) as s:
        transcript = [
            {"role": m.role, "text": m.text, "at": m.created_at.isoformat()}
            for m in s.exec(select(Message).where(Message.conversation_id == conversation_id).order_by(col(Message.id)))
        ]
        package = {
            "reason": reason,
            "intent": intent,
            "identity": {"verified_order": verified_order, "verified": bool(verified_order)},
            "snapshot": evidence,
            "transcript": transcript,
        }
        handoff = Handoff(
            conversation_id=conversation_id,
            reason=reason,
            status="open",
            priority=priority,
            summary=summarize(reason, intent, verified_order, [e["source_id"] for e in evidence]),
            package=package,
            created_at=now,
            updated_at=now,
        )
        s.add(handoff)
        conv = s.get(Conversation, conversation_id)
        if conv is not None:
            conv.mode = "human"
            conv.updated_at = now
            s.add(conv)
        s.commit()
        s.refresh(handoff)
        return handoff
