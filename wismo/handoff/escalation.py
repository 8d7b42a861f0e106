"""Packaging a case for a person: reason, summary, identity state, order snapshot with sources.

The package holds redacted text only; an agent sees what the bot saw, never more. Its priority
adds up what makes a case urgent (reason, order value, a repeat contact, an upset customer);
waiting time is added when the queue is read, so old cases rise on their own.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain import work_queue as wq
from ..domain.db import session
from ..domain.models import Conversation, Handoff, Message
from ..guardrails.keys import conversation_ref
from . import sinks
from .records import HandoffEvent, ensure_tables
from .sentiment import conversation_score, is_negative

log = logging.getLogger("wismo.handoff")

#: The cases a person has yet to close.
ACTIVE = ("open", "claimed")

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
    # Delivery problems and requests only a person can decide (issue 14).
    "damaged_item",
    "wrong_item",
    "missing_item",
    "not_received_claim",
    "refund_request",
    "address_change",
    "cancel_request",
    # Escalation on the customer's state, not on keywords alone.
    "frustration",
    "dispute",
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
    "damaged_item": 3,
    "wrong_item": 3,
    "missing_item": 3,
    "not_received_claim": 4,
    "refund_request": 3,
    "address_change": 4,
    "cancel_request": 4,
    "frustration": 4,
    "dispute": 6,
}

HIGH_VALUE = 250.0  # order total at or above which a case gets +2
REPEAT_WINDOW = timedelta(hours=72)
NEGATIVE_BONUS = 2
WAIT_STEP_MINUTES = 10  # +1 priority per this many minutes waiting ...
WAIT_CAP = 4  # ... up to this much

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

_LEFT = {
    "verification_failed": "verify the customer another way, then answer",
    "customer_requested": "read the thread and reply to the customer",
    "tool_failure": "look the order up by hand (a tool failed) and reply",
    "guardrail_block": "write the answer yourself (the bot's draft failed a check)",
    "out_of_scope": "answer the request the bot does not cover",
    "repeated_failure": "find out what the customer needs (the bot did not understand)",
    "negative_sentiment": "calm the customer and solve the issue",
    "policy_exception": "decide on the exception and reply",
    "high_value": "give this high-value order personal care",
    "low_confidence": "confirm what the customer wants and reply",
    "damaged_item": "arrange a replacement or refund for the damaged item (ask for photos if needed)",
    "wrong_item": "arrange the right item and the return of the wrong one",
    "missing_item": "check the packing record and send the missing item or refund it",
    "not_received_claim": "open a claim with the carrier and replace or refund the parcel",
    "refund_request": "decide on a refund for the stuck or late parcel",
    "address_change": "change the delivery address with the carrier or the warehouse if still possible",
    "cancel_request": "cancel the order if it has not shipped, or set up a return",
    "frustration": "calm the customer and solve the issue now",
    "dispute": "handle the dispute or legal threat with care (high priority)",
}


def summary_parts(
    reason: str, intent: str | None, verified_order: str | None, evidence_ids: list[str]
) -> dict[str, str]:
    """The three lines an agent reads first: what the customer wants, what wismo did, what is left."""
    wants = _WANTS.get(intent or "", "help")
    did = f"verified order {verified_order}" if verified_order else "could not verify an order"
    if evidence_ids:
        did += f" and looked up {len(evidence_ids)} sources"
    return {
        "wants": f"Customer wants {wants}.",
        "did": f"wismo {did}; handed off: {reason.replace('_', ' ')}.",
        "left": f"Left: {_LEFT.get(reason, 'reply to the customer')}.",
    }


def summarize(reason: str, intent: str | None, verified_order: str | None, evidence_ids: list[str]) -> str:
    return " ".join(summary_parts(reason, intent, verified_order, evidence_ids).values())


def repeat_contacts(s, conversation_id: str, verified_order: str | None, now: datetime) -> list[str]:
    """Other conversations about the same order within the repeat window (72 h)."""
    if not verified_order:
        return []
    rows = s.exec(
        select(Conversation.id).where(
            Conversation.verified_order == verified_order,
            Conversation.id != conversation_id,
            Conversation.created_at >= now - REPEAT_WINDOW,
        )
    )
    return list(rows)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _snapshot_or_none(engine: Engine, conversation_id: str, verified_order: str | None) -> list[dict[str, Any]]:
    """`order_snapshot`, or nothing when it fails: the snapshot helps the agent, it must not stop a handoff or
    a turn."""
    try:
        return order_snapshot(engine, verified_order)
    except Exception:
        log.exception("order snapshot for %s failed", conversation_ref(conversation_id))
        return []


def _with_looked_up(snapshot: list[dict[str, Any]], looked_up: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The order's snapshot, then what else the conversation looked up, each source once."""
    seen = {e["source_id"] for e in snapshot}
    return snapshot + [dict(e) for e in looked_up if e.get("source_id") not in seen]


def order_snapshot(engine: Engine, verified_order: str | None) -> list[dict[str, Any]]:
    """The verified order and its shipments as the agent needs them, each with its source id.

    No address, name or email: the order number, amounts, carrier data and the latest scan only.
    """
    if not verified_order:
        return []
    from ..domain.store import Store

    store = Store(engine)
    order = store.order(verified_order)
    if order is None:
        return []
    items = sum(line.quantity for line in store.lines(order.id or 0))
    out: list[dict[str, Any]] = [
        {
            "source_id": f"order:{order.number_key}",
            "label": f"Order {order.number}",
            "facts": {
                "order_number": order.number,
                "placed_at": _iso(order.placed_at),
                "total": order.total,
                "currency": order.currency,
                "items": items,
                "financial_status": order.financial_status,
            },
        }
    ]
    for sh in store.shipments(order.id or 0):
        events = store.events(sh.id or 0)
        status = getattr(sh.status, "value", sh.status)
        out.append(
            {
                "source_id": f"shipment:{sh.tracking_number}",
                "label": f"{sh.carrier.upper()} tracking {sh.tracking_number}",
                "facts": {
                    "carrier": sh.carrier,
                    "service": sh.service,
                    "tracking_number": sh.tracking_number,
                    "status": str(status),
                    "shipped_at": _iso(sh.shipped_at),
                    "delivered_at": _iso(sh.delivered_at),
                    "carrier_estimate": _iso(sh.carrier_estimate),
                    "carrier_estimate_end": _iso(sh.carrier_estimate_end),
                },
            }
        )
        if events:
            last = events[-1]
            out.append(
                {
                    "source_id": f"shipment:{sh.tracking_number}:event:{last.seq}",
                    "label": f"Latest scan: {last.description}",
                    "facts": {
                        "status": str(getattr(last.status, "value", last.status)),
                        "description": last.description,
                        "city": last.city,
                        "region": last.region,
                        "occurred_at": _iso(last.occurred_at),
                    },
                }
            )
    return out


def wait_bonus(created_at: datetime, now: datetime) -> int:
    minutes = max(0.0, (now - _aware(created_at, now)).total_seconds() / 60)
    return min(WAIT_CAP, int(minutes // WAIT_STEP_MINUTES))


def _aware(dt: datetime, like: datetime) -> datetime:
    if dt.tzinfo is None and like.tzinfo is not None:
        return dt.replace(tzinfo=like.tzinfo)
    return dt


def escalate(
    engine: Engine,
    conversation_id: str,
    reason: str,
    now: datetime,
    intent: str | None,
    verified_order: str | None,
    evidence: list[dict[str, Any]],
    order_total: float | None = None,
    customer_text: str | None = None,
    language: str | None = None,
) -> Handoff:
    """Queue the case, switch the conversation to human mode, plan the helpdesk copies; returns the case.

    `customer_text` is the (redacted) message of the turn being handed off: the graph escalates
    before the runtime stores that message, so pass it to have it in the package and the mood.
    `language` is the customer's (the agent replies in it); the summary stays in the shop's.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown handoff reason {reason!r}")
    ensure_tables(engine)
    with session(engine) as s:
        messages = list(
            s.exec(select(Message).where(Message.conversation_id == conversation_id).order_by(col(Message.id)))
        )
        transcript = [
            {"id": m.id, "role": m.role, "text": m.text, "intent": m.intent, "at": m.created_at.isoformat()}
            for m in messages
        ]
        if customer_text and (not transcript or transcript[-1]["text"] != customer_text):
            transcript.append(
                {"id": None, "role": "customer", "text": customer_text, "intent": intent, "at": now.isoformat()}
            )
        conv = s.get(Conversation, conversation_id)
        customer_turns = [m["text"] for m in transcript if m["role"] == "customer"]
        mood = conversation_score(customer_turns)
        repeats = repeat_contacts(s, conversation_id, verified_order, now)
        factors = {"reason": _PRIORITY.get(reason, 1)}
        if order_total and order_total >= HIGH_VALUE:
            factors["high_value"] = 2
        if repeats:
            factors["repeat_contact"] = 2
        if is_negative(customer_turns) and reason != "negative_sentiment":
            factors["negative_sentiment"] = NEGATIVE_BONUS
        snapshot = _with_looked_up(_snapshot_or_none(engine, conversation_id, verified_order), evidence)
        parts = summary_parts(reason, intent, verified_order, [e["source_id"] for e in evidence])
        package = {
            "reason": reason,
            "intent": intent,
            "summary": parts,
            "identity": {"verified_order": verified_order, "verified": bool(verified_order)},
            "snapshot": snapshot,
            "order_total": order_total,
            "channel": conv.channel if conv else None,
            "language": language or "en",
            "sentiment": round(mood, 3),
            "repeat_contacts": repeats,
            "priority_factors": factors,
            "transcript": transcript,
        }
        handoff = Handoff(
            conversation_id=conversation_id,
            reason=reason,
            status="open",
            priority=sum(factors.values()),
            summary=" ".join(parts.values()),
            package=package,
            created_at=now,
            updated_at=now,
        )
        s.add(handoff)
        if conv is not None:
            conv.mode = "human"
            conv.updated_at = now
            s.add(conv)
        s.flush()
        s.add(HandoffEvent(handoff_id=handoff.id or 0, action="created", actor="bot", note=reason, created_at=now))
        # The helpdesk copies go out through the outbox, committed with the case: never lost,
        # never blocking the customer.
        sinks.plan(s, handoff.id or 0, now=now)
        s.commit()
        s.refresh(handoff)
    wq.nudge()
    return handoff


def order_verified_later(engine: Engine, conversation_id: str, verified_order: str, now: datetime) -> int:
    """The customer proved an order after the handoff ("its about #WS13776, <email>"): the open case now
    shows it verified, with its snapshot, so the agent need not ask. Returns the cases updated."""
    snapshot = _snapshot_or_none(engine, conversation_id, verified_order)
    updated = 0
    with session(engine) as s:
        cases = s.exec(
            select(Handoff).where(Handoff.conversation_id == conversation_id, col(Handoff.status).in_(ACTIVE))
        )
        for case in cases:
            package = dict(case.package or {})
            package["identity"] = {"verified_order": verified_order, "verified": True}
            package["snapshot"] = _with_looked_up(snapshot, package.get("snapshot", []))
            ids = [e["source_id"] for e in package["snapshot"]]
            package["summary"] = summary_parts(case.reason, package.get("intent"), verified_order, ids)
            case.package = package
            case.summary = " ".join(package["summary"].values())
            case.updated_at = now
            s.add(case)
            s.add(HandoffEvent(handoff_id=case.id or 0, action="order_verified", actor="bot", created_at=now))
            updated += 1
        s.commit()
    return updated
