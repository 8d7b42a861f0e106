"""Planning a return: validate a request against the policy, work out the money, and propose it.

Nothing changes until the customer confirms: a plan is stored for the policy's TTL, bound to the
conversation that made it, with its facts and 'what happens next' steps for the answer to cite.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from ...domain.catalog import CARRIER_NAMES
from ...domain.db import session
from ...domain.models import Order, OrderLine, Shipment
from ...i18n import wording
from ...i18n.catalog import word
from .. import pickup
from ..context import ToolContext
from ..evidence import Fact, ToolRefused
from ..records import ReturnPlanRecord
from .returnable import _eligibility, _returned_lines
from .rules import OPTIONS, Reason, _policy_fact, policy, warehouse_for
from .stock import in_stock, product_of, variant_sku


@dataclass
class ReturnItem:
    line_id: int
    sku: str
    name: str
    category: str
    variant: str | None
    quantity: int
    price: float
    last_day: date
    new_variant: str | None = None
    new_sku: str | None = None
    new_price: float | None = None

    def as_dict(self) -> dict:
        return {
            "line_id": self.line_id,
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "variant": self.variant,
            "quantity": self.quantity,
            "price": self.price,
            "new_variant": self.new_variant,
            "new_sku": self.new_sku,
            "new_price": self.new_price,
        }


@dataclass
class ReturnPlan:
    """What will happen if the customer confirms; nothing has changed yet."""

    plan_id: str
    order_number: str
    reason: str
    reason_label: str
    option: str
    items: list[ReturnItem]
    refund_amount: float
    store_credit_amount: float
    exchange_difference: float
    currency: str
    carrier: str
    warehouse: dict
    drop_off: list[pickup.PickupOption]
    drop_off_by: date
    expires_at: datetime
    facts: list[Fact]
    next_steps: list[Fact]


@dataclass
class _Computed:
    order: Order
    shipment: Shipment
    items: list[ReturnItem]
    reason: Reason
    option: str
    refund: float
    credit: float
    difference: float


def _compute(
    order: Order,
    lines: list[OrderLine],
    shipments: list[Shipment],
    returned: set[int],
    now: datetime,
    line_ids: list[int],
    reason: str,
    option: str,
    new_variant: str | dict[int, str] | None,
) -> _Computed:
    """Validate a request against the policy and work out the money; raises ToolRefused."""
    pol = policy()
    if reason not in pol.reasons:
        raise ToolRefused("invalid_reason", f"reason must be one of {sorted(pol.reasons)}")
    if option not in OPTIONS:
        raise ToolRefused("invalid_option", f"option must be one of {OPTIONS}")
    wanted = list(dict.fromkeys(int(i) for i in line_ids))
    if not wanted:
        raise ToolRefused("no_lines", "choose at least one item to return")
    by_id = {e.line_id: e for e in _eligibility(order, lines, shipments, returned, now)}
    items: list[ReturnItem] = []
    for lid in wanted:
        e = by_id.get(lid)
        if e is None:
            raise ToolRefused("no_such_line", "that item is not on this order")
        if not e.eligible or e.last_day is None:
            raise ToolRefused("not_eligible", f"line {lid} cannot be returned: {e.why_not}")
        item = ReturnItem(lid, e.sku, e.name, e.category, e.variant, e.quantity, e.price, e.last_day)
        if option == "exchange":
            product = product_of(e.sku)
            choice = new_variant.get(lid) if isinstance(new_variant, dict) else new_variant
            if product is None or not choice:
                raise ToolRefused("variant_required", "say which size or colour you want instead")
            match = next((v for v in product.variants if v.lower() == str(choice).strip().lower()), None)
            if match is None or match == e.variant:
                raise ToolRefused("invalid_variant", f"choose one of {[v for v in product.variants if v != e.variant]}")
            if not in_stock(product.sku, match):
                raise ToolRefused("out_of_stock", f"{product.name} in {match} is out of stock")
            item.new_variant, item.new_sku, item.new_price = match, variant_sku(product, match), product.price
        items.append(item)
    merchandise = sum(i.price * i.quantity for i in items)
    tax_rate = order.tax / order.subtotal if order.subtotal else 0.0
    reason_row = pol.reasons[reason]
    shipping_share = order.shipping * merchandise / order.subtotal if reason_row.shop_fault and order.subtotal else 0.0
    total_back = round(merchandise * (1 + tax_rate) + shipping_share, 2)
    refund = credit = difference = 0.0
    if option == "refund":
        refund = total_back
    elif option == "store_credit":
        credit = total_back
    else:
        diff = sum(((i.new_price or i.price) - i.price) * i.quantity for i in items)
        difference = round(diff * (1 + tax_rate), 2)
        refund = round(-difference, 2) if difference < 0 else 0.0
    shipment = next((s for s in reversed(shipments) if s.delivered_at is not None), shipments[-1])
    return _Computed(order, shipment, items, reason_row, option, refund, credit, difference)


def _next_steps(key: str, c: _Computed, warehouse: dict, drop_by: date, rma: str | None = None) -> list[Fact]:
    """'What happens next' in plain words (the turn's language), each step a fact the answer can cite."""
    pol = policy()
    carrier = CARRIER_NAMES.get(c.shipment.carrier, c.shipment.carrier.upper())
    money = wording.money
    pack = "step.pack_many" if len(c.items) > 1 else "step.pack"
    steps: list[tuple[str, dict]] = [
        (word(pack + ("_rma" if rma else ""), carrier=carrier, rma=rma), {"carrier": carrier, "rma": rma}),
        (
            word("step.drop", carrier=carrier, date=wording.date_long(drop_by)),
            {"carrier": carrier, "date": drop_by},
        ),
    ]
    place = wording.place(warehouse["city"], warehouse["region"])
    where = {"city": warehouse["city"], "region": warehouse["region"]}
    if c.option == "refund":
        text = word("step.refund", amount=money(c.refund, c.order.currency), days=pol.refund_business_days, place=place)
        steps.append((text, {"amount": c.refund, "days": pol.refund_business_days, **where}))
    elif c.option == "store_credit":
        steps.append(
            (word("step.credit", amount=money(c.credit, c.order.currency), place=place), {"amount": c.credit, **where})
        )
    else:
        new = ", ".join(f"{i.name} ({i.new_variant})" for i in c.items)
        steps.append((word("step.exchange", items=new, carrier=carrier), {"carrier": carrier}))
        if c.difference > 0:
            text = word("step.difference_charged", amount=money(c.difference, c.order.currency))
            steps.append((text, {"amount": c.difference}))
        elif c.difference < 0:
            text = word("step.difference_refunded", amount=money(-c.difference, c.order.currency))
            steps.append((text, {"amount": -c.difference}))
    return [
        Fact(f"return:next:{key}:{n + 1}", text, {"text": text, **values}) for n, (text, values) in enumerate(steps)
    ]


def _plan_facts(plan_id: str, c: _Computed, drop_by: date, expires: datetime) -> list[Fact]:
    values = {
        "order_number": c.order.number,
        "option": c.option,
        "reason": c.reason.code,
        "count": sum(i.quantity for i in c.items),
        "date": drop_by,
        "time": expires,
        "carrier": CARRIER_NAMES.get(c.shipment.carrier, c.shipment.carrier),
    }
    if c.option == "refund":
        values["amount"] = c.refund
    elif c.option == "store_credit":
        values["amount"] = c.credit
    else:
        values["amount"] = abs(c.difference)
        values["exchange_difference"] = c.difference
        values["variants"] = [i.new_variant for i in c.items]
    facts = [Fact(f"return:plan:{plan_id}", f"Return plan for {c.order.number}", values)]
    for i in c.items:
        facts.append(
            Fact(
                f"return:item:{plan_id}:{i.line_id}",
                i.name + (f" ({i.variant})" if i.variant else ""),
                {
                    "name": i.name,
                    "variant": i.variant,
                    "count": i.quantity,
                    "amount": round(i.price * i.quantity, 2),
                    "new_variant": i.new_variant,
                },
            )
        )
    facts.append(_policy_fact("policy:returns#how"))
    return facts


def plan_return(
    ctx: ToolContext,
    order_key: str,
    line_ids: list[int],
    reason: str,
    option: str,
    new_variant: str | dict[int, str] | None = None,
) -> ReturnPlan:
    """Propose a return or exchange; changes nothing until `confirm_return` from this conversation."""
    order = ctx.require_order(order_key)
    assert order.id is not None
    shipments = ctx.store.shipments(order.id)
    with session(ctx.store.engine) as s:
        returned = _returned_lines(s, order.id)
    c = _compute(order, ctx.store.lines(order.id), shipments, returned, ctx.now, line_ids, reason, option, new_variant)
    plan_id = uuid.uuid4().hex
    expires = ctx.now + policy().plan_ttl
    drop_by = min(i.last_day for i in c.items)
    warehouse = warehouse_for(c.shipment.origin_city, c.shipment.origin_region, c.shipment.origin_postal)
    drop_off = pickup.nearest(ctx, order, c.shipment)
    payload = {
        "line_ids": [i.line_id for i in c.items],
        "reason": reason,
        "option": option,
        "new_variants": {str(i.line_id): i.new_variant for i in c.items if i.new_variant},
        "refund": c.refund,
        "credit": c.credit,
        "difference": c.difference,
    }
    with session(ctx.store.engine) as s:
        s.add(
            ReturnPlanRecord(
                id=plan_id,
                conversation_id=ctx.conversation_id,
                order_key=order.number_key,
                payload=payload,
                created_at=ctx.now,
                expires_at=expires,
            )
        )
        s.commit()
    facts = _plan_facts(plan_id, c, drop_by, expires) + [o.fact for o in drop_off]
    return ReturnPlan(
        plan_id,
        order.number,
        reason,
        c.reason.label,
        option,
        c.items,
        c.refund,
        c.credit,
        c.difference,
        order.currency,
        c.shipment.carrier,
        warehouse,
        drop_off,
        drop_by,
        expires,
        facts,
        _next_steps(plan_id, c, warehouse, drop_by),
    )
