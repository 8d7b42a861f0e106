"""The returns tables and the demo seed: returns on delivered demo orders in every stage.

Deterministic for a store and seed, so 'where is my refund' has the same answers on every run.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, col, select

from ...domain.db import session
from ...domain.models import Order, OrderLine, Shipment
from ...domain.status import ShipmentStatus
from ..evidence import ToolRefused
from ..records import ExchangeOrder, Return, ReturnEvent, ReturnPlanRecord
from .booking import _create_return
from .plans import _compute
from .progress import NEXT_EVENTS, _as_aware, advance_return
from .returnable import _eligibility
from .rules import OPTIONS
from .stock import in_stock, product_of

TABLES = (ReturnPlanRecord, Return, ReturnEvent, ExchangeOrder)


def create_tables(engine: Engine) -> None:
    """Create the returns tables if missing (the lead's create_schema does it once wired)."""
    SQLModel.metadata.create_all(engine, tables=[t.__table__ for t in TABLES])  # type: ignore[attr-defined]


_REASON_WEIGHTS = {
    "too_small": 24,
    "too_large": 20,
    "changed_mind": 16,
    "not_as_described": 12,
    "defective": 9,
    "damaged_in_transit": 7,
    "wrong_item": 6,
    "arrived_late": 6,
}


def seed_demo_returns(engine: Engine, now: datetime, rng_seed: int = 11, count: int = 36) -> int:
    """Returns on delivered demo orders in every stage, so 'where is my refund' has answers.

    Deterministic for a given store and seed; does nothing when returns already exist.
    """
    create_tables(engine)
    rng = random.Random(rng_seed)
    with session(engine) as s:
        if s.exec(select(Return.id)).first() is not None:
            return 0
        stmt = (
            select(Order, Shipment)
            .join(Shipment, col(Shipment.order_id) == col(Order.id))
            .where(Shipment.status == ShipmentStatus.DELIVERED)
            .order_by(col(Order.id))
        )
        delivered = list(s.exec(stmt))
    rng.shuffle(delivered)
    made = 0
    for order, ship in delivered:
        if made >= count:
            break
        assert order.id is not None and ship.delivered_at is not None
        delivered_at = _as_aware(ship.delivered_at)
        if now - delivered_at < timedelta(days=1):
            continue
        with session(engine) as s:
            lines = list(s.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(col(OrderLine.id))))
        created = delivered_at + (now - delivered_at) * rng.uniform(0.05, 0.6)
        elig = [e for e in _eligibility(order, lines, [ship], set(), created) if e.eligible]
        if not elig:
            continue
        line = rng.choice(elig)
        reason = rng.choices(list(_REASON_WEIGHTS), weights=list(_REASON_WEIGHTS.values()))[0]
        product = product_of(line.sku)
        swaps = [v for v in (product.variants if product else ()) if v != line.variant and in_stock(product.sku, v)]
        option = rng.choices(OPTIONS, weights=(50, 15, 35 if swaps else 0))[0]
        try:
            c = _compute(
                order,
                lines,
                [ship],
                set(),
                created,
                [line.line_id],
                reason,
                option,
                rng.choice(swaps) if option == "exchange" else None,
            )
        except ToolRefused:
            continue
        with session(engine) as s:
            ret = _create_return(s, c, created, None, rng)
            s.commit()
            rma = ret.rma
        made += 1
        at = created
        for kind in _demo_steps(option):
            at = at + timedelta(hours=rng.uniform(*_STEP_HOURS[kind]))
            if at >= now:
                break
            advance_return(engine, rma, kind, at)
    return made


_STEP_HOURS = {
    "label_scanned": (6, 72),
    "received_at_warehouse": (40, 120),
    "refunded": (20, 150),
    "credited": (2, 24),
    "exchange_shipped": (3, 20),
}


def _demo_steps(option: str) -> list[str]:
    steps, state = [], "created"
    while NEXT_EVENTS[option].get(state):
        state = NEXT_EVENTS[option][state][0]
        steps.append(state)
    return steps
