"""Eligibility of order lines: can each line be returned, why not, and until when.

Planning, the tracking page and the eval's order picker all ask this one question the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from ...domain.db import session
from ...domain.models import Order, OrderLine, Shipment
from ...domain.status import ShipmentStatus
from ...domain.store import Store
from ...i18n import wording
from ..context import ToolContext
from ..evidence import Fact
from ..records import Return
from .rules import _policy_fact, policy


@dataclass
class LineEligibility:
    line_id: int
    sku: str
    name: str
    category: str
    variant: str | None
    quantity: int
    price: float
    eligible: bool
    #: final_sale | non_returnable | not_delivered | outside_window | already_returned | None
    why_not: str | None
    last_day: date | None
    facts: list[Fact] = field(default_factory=list)


def _delivered_at(shipments: list[Shipment]) -> datetime | None:
    done = [
        s.delivered_at
        for s in shipments
        if ShipmentStatus(s.status) is ShipmentStatus.DELIVERED and s.delivered_at is not None
    ]
    return max(done) if done else None


def _eligibility(
    order: Order, lines: list[OrderLine], shipments: list[Shipment], returned: set[int], now: datetime
) -> list[LineEligibility]:
    pol = policy()
    delivered = _delivered_at(shipments)
    today = wording.local(now, order.timezone).date()
    placed = wording.local(order.placed_at, order.timezone).date()
    last = pol.last_day(wording.local(delivered, order.timezone).date(), placed) if delivered else None
    out = []
    for line in lines:
        assert line.id is not None
        if line.final_sale or line.category in pol.final_sale_categories:
            why: str | None = "final_sale"
        elif line.category in pol.non_returnable_categories:
            why = "non_returnable"
        elif line.id in returned:
            why = "already_returned"
        elif last is None:
            why = "not_delivered"
        elif today > last:
            why = "outside_window"
        else:
            why = None
        line_last = None if why in ("final_sale", "non_returnable") else last
        facts = [
            Fact(
                f"return:eligibility:{order.number_key}:{line.id}",
                f"{line.name}" + (f" ({line.variant})" if line.variant else ""),
                {
                    "eligible": why is None,
                    "why_not": why,
                    "date": line_last,
                    "sku": line.sku,
                    "name": line.name,
                    "variant": line.variant,
                    "amount": round(line.price * line.quantity, 2),
                    "count": line.quantity,
                    "order_number": order.number,
                },
            )
        ]
        if why in ("final_sale", "non_returnable"):
            facts.append(_policy_fact("policy:returns#final-sale", category=line.category))
        else:
            facts.append(_policy_fact("policy:returns#window", days=pol.window_days, date=line_last))
        out.append(
            LineEligibility(
                line.id,
                line.sku,
                line.name,
                line.category,
                line.variant,
                line.quantity,
                line.price,
                why is None,
                why,
                line_last,
                facts,
            )
        )
    return out


def _returned_lines(s: Session, order_id: int) -> set[int]:
    ids: set[int] = set()
    for ret in s.exec(select(Return).where(Return.order_id == order_id)):
        ids.update(int(i["line_id"]) for i in ret.items)
    return ids


def eligibility(ctx: ToolContext, order_key: str) -> list[LineEligibility]:
    """Per line of a verified order: can it be returned, why not, and the last day to return it."""
    return order_eligibility(ctx.store, ctx.require_order(order_key), ctx.now)


def order_eligibility(store: Store, order: Order, now: datetime) -> list[LineEligibility]:
    """`eligibility` for an order already in hand, with no verification (the eval's order picker)."""
    assert order.id is not None
    with session(store.engine) as s:
        returned = _returned_lines(s, order.id)
    return _eligibility(order, store.lines(order.id), store.shipments(order.id), returned, now)
