"""Where returns stand: the steps a return may take, its events, when the refund is due, and ops metrics.

Carrier webhooks and the warehouse move a return on (`advance_return`); customers and ops read it here.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from statistics import mean, median
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ...domain.catalog import CARRIER_NAMES
from ...domain.db import session
from ...domain.demo import TRACKING_GENERATORS
from ...i18n import wording
from ..context import ToolContext
from ..evidence import Fact
from ..records import ExchangeOrder, Return, ReturnEvent
from .rules import policy

#: The step that ends the customer's wait, per option.
COMPLETES = {"refund": "refunded", "store_credit": "credited", "exchange": "exchange_shipped"}
#: Which event may follow which; an exchange ships as soon as the carrier scans the return.
NEXT_EVENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "refund": {
        "created": ("label_scanned",),
        "label_scanned": ("received_at_warehouse",),
        "received_at_warehouse": ("refunded",),
    },
    "store_credit": {
        "created": ("label_scanned",),
        "label_scanned": ("received_at_warehouse",),
        "received_at_warehouse": ("credited",),
    },
    "exchange": {
        "created": ("label_scanned",),
        "label_scanned": ("exchange_shipped",),
        "exchange_shipped": ("received_at_warehouse",),
    },
}


def _as_aware(dt: datetime) -> datetime:
    from datetime import UTC

    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _add_business_days(start: datetime, days: int) -> datetime:
    out = start
    while days > 0:
        out += timedelta(days=1)
        if out.weekday() < 5:
            days -= 1
    return out


def advance_return(engine: Engine, rma: str, kind: str, at: datetime, description: str | None = None) -> ReturnEvent:
    """Record the next step of a return (a carrier scan, the warehouse receipt, the refund).

    Called by carrier webhooks and the warehouse (and the demo seed); refuses steps out of order.
    """
    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.rma == rma)).first()
        if ret is None or ret.id is None:
            raise LookupError(rma)
        allowed = NEXT_EVENTS[ret.option].get(ret.status, ())
        if kind not in allowed:
            raise ValueError(f"{rma}: {kind!r} cannot follow {ret.status!r} (expected one of {allowed})")
        seq = len(list(s.exec(select(ReturnEvent.id).where(ReturnEvent.return_id == ret.id)))) + 1
        name = CARRIER_NAMES.get(ret.carrier, ret.carrier.upper())
        money = wording.money
        text = (
            description
            or {
                "label_scanned": f"Dropped off and scanned by {name}",
                "received_at_warehouse": f"Received at our warehouse in {ret.warehouse_city}, {ret.warehouse_region}",
                "refunded": f"Refund of {money(ret.refund_amount, ret.currency)} issued to the original payment",
                "credited": f"Store credit of {money(ret.store_credit_amount, ret.currency)} added",
                "exchange_shipped": f"Exchange order {ret.exchange_order_number} shipped",
            }[kind]
        )
        event = ReturnEvent(return_id=ret.id, seq=seq, kind=kind, description=text, occurred_at=at)
        s.add(event)
        ret.status = kind
        if kind == COMPLETES[ret.option]:
            ret.completed_at = at
            ret.cycle_time_days = round((at - _as_aware(ret.created_at)).total_seconds() / 86400, 3)
        if kind == "exchange_shipped":
            ex = s.exec(select(ExchangeOrder).where(ExchangeOrder.return_id == ret.id)).first()
            if ex is not None:
                ex.status, ex.shipped_at, ex.carrier = "shipped", at, ret.carrier
                ex.tracking_number = TRACKING_GENERATORS[ret.carrier](random.Random(ex.number))
                s.add(ex)
        s.add(ret)
        s.commit()
        return event


def _status_facts(engine: Engine, ret: Return) -> list[Fact]:
    with session(engine) as s:
        events = list(s.exec(select(ReturnEvent).where(ReturnEvent.return_id == ret.id).order_by(ReturnEvent.seq)))
    last = events[-1] if events else None
    values: dict[str, Any] = {
        "rma": ret.rma,
        "return_status": ret.status,
        "option": ret.option,
        "reason": ret.reason,
        "tracking_number": ret.tracking_number,
        "carrier": CARRIER_NAMES.get(ret.carrier, ret.carrier),
        "count": sum(int(i["quantity"]) for i in ret.items),
        "time": _as_aware(last.occurred_at) if last else _as_aware(ret.created_at),
        "exchange_order_number": ret.exchange_order_number,
        "warehouse": wording.place(ret.warehouse_city, ret.warehouse_region),
    }
    if ret.option == "refund" or ret.refund_amount:
        values["amount"] = ret.refund_amount
    elif ret.option == "store_credit":
        values["amount"] = ret.store_credit_amount
    received = next((e for e in events if e.kind == "received_at_warehouse"), None)
    if ret.option in ("refund", "store_credit") and received and ret.completed_at is None:
        # When the money is due: the policy's business days after the warehouse receipt.
        due = _add_business_days(_as_aware(received.occurred_at), policy().refund_business_days)
        values["date"] = due.date()
    if ret.exchange_order_number:
        with session(engine) as s:
            ex = s.exec(select(ExchangeOrder).where(ExchangeOrder.return_id == ret.id)).first()
        if ex is not None and ex.tracking_number:
            values["exchange_tracking_number"] = ex.tracking_number
    facts = [Fact(f"return:{ret.rma}", f"Return {ret.rma}", values)]
    for e in events:
        facts.append(
            Fact(f"return:{ret.rma}:event:{e.seq}", e.description, {"event": e.kind, "time": _as_aware(e.occurred_at)})
        )
    return facts


def _label_fact(ret: Return) -> Fact:
    """The return's prepaid label: its link is what a customer who lost the first message needs."""
    return Fact(
        f"return:{ret.rma}:label",
        f"Return label {ret.rma}",
        {
            "rma": ret.rma,
            "tracking_number": ret.tracking_number,
            "url": f"/l/{ret.label_token}",
            "carrier": CARRIER_NAMES.get(ret.carrier, ret.carrier),
        },
    )


def return_status(ctx: ToolContext, order_key: str) -> list[Fact]:
    """Where the returns of a verified order stand, newest first: a summary fact, its events, then its
    label while the parcel has not reached us."""
    order = ctx.require_order(order_key)
    with session(ctx.store.engine) as s:
        rets = list(s.exec(select(Return).where(Return.order_id == order.id).order_by(col(Return.id).desc())))
    facts: list[Fact] = []
    for ret in rets:
        facts.extend(_status_facts(ctx.store.engine, ret))
        if ret.label_token and ret.status in ("created", "label_scanned"):
            facts.append(_label_fact(ret))
    return facts


def return_metrics(engine: Engine) -> dict:
    """Cycle time (initiation to refund/credit/exchange shipped) and the exchange save rate, for ops."""
    with session(engine) as s:
        rets = list(s.exec(select(Return)))
    done = [r.cycle_time_days for r in rets if r.cycle_time_days is not None]
    by_reason: dict[str, dict] = {}
    for r in rets:
        row = by_reason.setdefault(r.reason, {"returns": 0, "kind": r.reason_kind, "exchanges": 0, "amount": 0.0})
        row["returns"] += 1
        row["exchanges"] += int(r.saved)
        row["amount"] = round(row["amount"] + r.refund_amount + r.store_credit_amount, 2)
    return {
        "returns": len(rets),
        "completed": len(done),
        "cycle_time_days_mean": round(mean(done), 2) if done else None,
        "cycle_time_days_median": round(median(done), 2) if done else None,
        "exchange_save_rate": round(sum(r.saved for r in rets) / len(rets), 3) if rets else None,
        "by_option": dict(Counter(r.option for r in rets)),
        "by_status": dict(Counter(r.status for r in rets)),
        "by_kind": dict(Counter(r.reason_kind for r in rets)),
        "by_reason": by_reason,
    }
