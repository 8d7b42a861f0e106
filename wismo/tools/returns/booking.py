"""Booking a confirmed plan: the return with its RMA, prepaid label, first event and exchange order.

Only `confirm_return` from the conversation that made the plan books it, once: a double click or a
second instance gets the same return. An exchange is an `ExchangeOrder` (`#WS10042-EX1`), not an order.
"""

from __future__ import annotations

import random
import secrets
import string
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ...domain.catalog import CARRIER_NAMES
from ...domain.db import session
from ...domain.demo import TRACKING_GENERATORS
from ...domain.models import Order, Shipment
from ...i18n import formats, wording
from .. import labels, pickup
from ..context import ToolContext
from ..evidence import Fact, ToolRefused
from ..records import ExchangeOrder, Return, ReturnEvent, ReturnPlanRecord
from .plans import ReturnItem, _compute, _Computed, _next_steps
from .progress import _as_aware, _label_fact, _status_facts
from .returnable import _delivered_at, _returned_lines
from .rules import policy, warehouse_for


@dataclass
class ReturnResult:
    rma: str
    order_number: str
    option: str
    status: str
    carrier: str
    tracking_number: str
    label_path: Path
    #: The download link of the label (served by `labels.router`).
    label_url: str
    exchange_order_number: str | None
    refund_amount: float
    store_credit_amount: float
    exchange_difference: float
    drop_off: list[pickup.PickupOption]
    facts: list[Fact]
    next_steps: list[Fact]


def _rma(rng: random.Random | None) -> str:
    alphabet = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
    pick = (lambda: rng.choice(alphabet)) if rng else (lambda: secrets.choice(alphabet))
    return "RMA-" + "".join(pick() for _ in range(7))


def _create_return(
    s: Session, c: _Computed, created_at: datetime, conversation_id: str | None, rng: random.Random | None
) -> Return:
    """Insert the return, its first event and (for an exchange) the exchange order, in session `s`."""
    assert c.order.id is not None
    rma = _rma(rng)
    while s.exec(select(Return).where(Return.rma == rma)).first() is not None:
        rma = _rma(rng)
    carrier = c.shipment.carrier
    tracking = TRACKING_GENERATORS[carrier](random.Random(rma))
    token = f"{rng.getrandbits(128):032x}" if rng else secrets.token_urlsafe(24)
    wh = warehouse_for(c.shipment.origin_city, c.shipment.origin_region, c.shipment.origin_postal)
    ret = Return(
        rma=rma,
        order_id=c.order.id,
        order_key=c.order.number_key,
        customer_id=c.order.customer_id,
        conversation_id=conversation_id,
        reason=c.reason.code,
        reason_kind=c.reason.kind,
        option=c.option,
        status="created",
        items=[i.as_dict() for i in c.items],
        refund_amount=c.refund,
        store_credit_amount=c.credit,
        exchange_difference=c.difference,
        currency=c.order.currency,
        carrier=carrier,
        tracking_number=tracking,
        warehouse_city=wh["city"],
        warehouse_region=wh["region"],
        warehouse_postal=wh["postal"],
        label_token=token,
        created_at=created_at,
        saved=c.option == "exchange",
        language=formats.current(),
    )
    s.add(ret)
    s.flush()
    assert ret.id is not None
    if c.option == "exchange":
        n = len(list(s.exec(select(ExchangeOrder.id).where(ExchangeOrder.original_order_id == c.order.id)))) + 1
        number = f"{c.order.number}-EX{n}"
        s.add(
            ExchangeOrder(
                number=number,
                original_order_id=c.order.id,
                return_id=ret.id,
                items=[
                    {
                        "sku": i.new_sku,
                        "name": i.name,
                        "variant": i.new_variant,
                        "quantity": i.quantity,
                        "price": i.new_price,
                    }
                    for i in c.items
                ],
                difference=c.difference,
                created_at=created_at,
            )
        )
        ret.exchange_order_number = number
    name = CARRIER_NAMES.get(carrier, carrier.upper())
    s.add(
        ReturnEvent(
            return_id=ret.id,
            seq=1,
            kind="created",
            occurred_at=created_at,
            description=f"Return {rma} started; prepaid {name} label issued",
        )
    )
    s.add(ret)
    return ret


def _result(
    engine: Engine, ret: Return, order: Order, drop_off: list[pickup.PickupOption], data_dir: Path | None
) -> ReturnResult:
    path = labels.ensure_label(engine, ret.rma, data_dir)
    shipments = _shipments(engine, order)
    shipment = next((sh for sh in reversed(shipments) if sh.delivered_at), shipments[-1])
    items = [
        ReturnItem(
            int(i["line_id"]),
            i["sku"],
            i["name"],
            i["category"],
            i["variant"],
            int(i["quantity"]),
            float(i["price"]),
            date.max,
            i.get("new_variant"),
            i.get("new_sku"),
            i.get("new_price"),
        )
        for i in ret.items
    ]
    c = _Computed(
        order,
        shipment,
        items,
        policy().reasons[ret.reason],
        ret.option,
        ret.refund_amount,
        ret.store_credit_amount,
        ret.exchange_difference,
    )
    delivered = _delivered_at(shipments)
    placed = wording.local(order.placed_at, order.timezone).date()
    drop_by = policy().last_day(wording.local(delivered, order.timezone).date(), placed) if delivered else date.max
    wh = warehouse_for(ret.warehouse_city, ret.warehouse_region, ret.warehouse_postal)
    label_url = f"/l/{ret.label_token}"
    status_facts = _status_facts(engine, ret)
    label_fact = _label_fact(ret)
    return ReturnResult(
        ret.rma,
        order.number,
        ret.option,
        ret.status,
        ret.carrier,
        ret.tracking_number,
        path,
        label_url,
        ret.exchange_order_number,
        ret.refund_amount,
        ret.store_credit_amount,
        ret.exchange_difference,
        drop_off,
        status_facts + [label_fact] + [o.fact for o in drop_off],
        _next_steps(ret.rma, c, wh, drop_by, ret.rma),
    )


def _shipments(engine: Engine, order: Order) -> list[Shipment]:
    with session(engine) as s:
        return list(s.exec(select(Shipment).where(Shipment.order_id == order.id).order_by(col(Shipment.id))))


def confirm_return(ctx: ToolContext, plan_id: str, data_dir: Path | None = None) -> ReturnResult:
    """Carry out a plan this conversation made and the customer confirmed: return, label, events.

    Confirming the same plan again gives the same return (a double click makes one return).
    """
    engine = ctx.store.engine
    with session(engine) as s:
        rec = s.get(ReturnPlanRecord, plan_id)
    if rec is None or rec.conversation_id != ctx.conversation_id:
        raise ToolRefused("plan_not_found", "no such return plan in this conversation")
    order = ctx.require_order(rec.order_key)
    assert order.id is not None
    if rec.return_id is not None:
        with session(engine) as s:
            done = s.get(Return, rec.return_id)
        assert done is not None
        return _result(engine, done, order, [], data_dir)
    if ctx.now > _as_aware(rec.expires_at):
        raise ToolRefused("plan_expired", "this return plan expired; let's make a new one")
    p = rec.payload
    new_variants = {int(k): v for k, v in (p.get("new_variants") or {}).items()}
    shipments = ctx.store.shipments(order.id)
    with session(engine) as s:
        returned = _returned_lines(s, order.id)
        c = _compute(
            order,
            ctx.store.lines(order.id),
            shipments,
            returned,
            ctx.now,
            p["line_ids"],
            p["reason"],
            p["option"],
            new_variants or None,
        )
        claimed = s.execute(
            update(ReturnPlanRecord)
            .where(col(ReturnPlanRecord.id) == plan_id, col(ReturnPlanRecord.confirmed_at).is_(None))
            .values(confirmed_at=ctx.now)
        )
        if claimed.rowcount != 1:  # another instance confirmed it a moment ago
            s.rollback()
            return confirm_return(ctx, plan_id, data_dir)
        ret = _create_return(s, c, ctx.now, ctx.conversation_id, None)
        assert ret.id is not None
        s.execute(update(ReturnPlanRecord).where(col(ReturnPlanRecord.id) == plan_id).values(return_id=ret.id))
        s.commit()
    return _result(engine, ret, order, pickup.nearest(ctx, order, c.shipment), data_dir)
