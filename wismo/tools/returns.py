"""Returns and exchanges: the policy engine, plan-then-confirm actions, return status and ops metrics.

Policy is data (wismo/prompts/returns.yaml). Nothing changes until the customer confirms: a
`plan_return` shows what will happen and is stored for 30 minutes, bound to the conversation
that made it; only `confirm_return` from that conversation creates the return, its label and
events. An exchange creates an `ExchangeOrder` (`#WS10042-EX1`) linked to the original order,
not a new `orders` row. Exchange stock is a deterministic demo rule (see `units_in_stock`).
"""

from __future__ import annotations

import hashlib
import random
import secrets
import string
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from statistics import mean, median
from typing import Any

import yaml
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from ..domain.catalog import CARRIER_NAMES, PRODUCTS, Product
from ..domain.db import session
from ..domain.demo import TRACKING_GENERATORS
from ..domain.models import Order, OrderLine, Shipment
from ..domain.status import ShipmentStatus
from ..domain.store import Store
from ..i18n import formats, wording
from ..i18n.catalog import word
from . import knowledge, labels, pickup
from .context import ToolContext
from .evidence import Fact, ToolRefused
from .records import ExchangeOrder, Return, ReturnEvent, ReturnPlanRecord

OPTIONS = ("refund", "store_credit", "exchange")
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
TABLES = (ReturnPlanRecord, Return, ReturnEvent, ExchangeOrder)


# ---------------------------------------------------------------------------- policy as data
@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    kind: str  # fit | defect | logistics | preference
    shop_fault: bool


@dataclass(frozen=True)
class ReturnPolicy:
    window_days: int
    holiday_from: tuple[int, int]
    holiday_until: tuple[int, int]
    final_sale_categories: frozenset[str]
    non_returnable_categories: frozenset[str]
    plan_ttl: timedelta
    refund_business_days: int
    options: dict[str, str]
    reasons: dict[str, Reason]
    min_units: int
    warehouses: dict[str, dict]

    def last_day(self, delivered: date, placed: date) -> date:
        """The last day to return: the window from delivery, or the holiday date when later."""
        last = delivered + timedelta(days=self.window_days)
        start = date(placed.year, *self.holiday_from)
        until_year = placed.year + (1 if self.holiday_until < self.holiday_from else 0)
        if placed >= start and placed <= date(placed.year, 12, 31):
            last = max(last, date(until_year, *self.holiday_until))
        return last


def _md(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@lru_cache(maxsize=1)
def policy() -> ReturnPolicy:
    raw = yaml.safe_load(resources.files("wismo.prompts").joinpath("returns.yaml").read_text("utf-8"))
    return ReturnPolicy(
        window_days=int(raw["window_days"]),
        holiday_from=_md(raw["holiday"]["from"]),
        holiday_until=_md(raw["holiday"]["until"]),
        final_sale_categories=frozenset(raw.get("final_sale_categories") or ()),
        non_returnable_categories=frozenset(raw.get("non_returnable_categories") or ()),
        plan_ttl=timedelta(minutes=int(raw.get("plan_ttl_minutes", 30))),
        refund_business_days=int(raw.get("refund_business_days", 5)),
        options=dict(raw["options"]),
        reasons={
            code: Reason(code, r["label"], r["kind"], bool(r.get("shop_fault"))) for code, r in raw["reasons"].items()
        },
        min_units=int(raw.get("exchange_stock", {}).get("min_units", 3)),
        warehouses=dict(raw.get("warehouses") or {}),
    )


def warehouse_for(city: str, region: str, postal: str) -> dict:
    """The returns address of the warehouse in `city` (the shipment's origin)."""
    known = policy().warehouses.get(city)
    if known:
        return dict(known)
    return {
        "name": "Northwind Outfitters Returns",
        "street": "Returns Dock",
        "city": city,
        "region": region,
        "postal": postal,
    }


def _policy_fact(source_id: str, **values: Any) -> Fact:
    base = knowledge.article(source_id).fact()
    return Fact(base.source_id, base.label, {**base.values, **values})


# ---------------------------------------------------------------------------- catalog and stock
def product_of(sku: str) -> Product | None:
    base = sku.rsplit("-", 1)[0] if sku.count("-") >= 2 else sku
    return next((p for p in PRODUCTS if p.sku == base), None)


def units_in_stock(base_sku: str, variant: str) -> int:
    """Demo stock, deterministic: sha256("<BASE>|<variant>")[0] % 12 units (the same on every run)."""
    return hashlib.sha256(f"{base_sku}|{variant}".encode()).digest()[0] % 12


def in_stock(base_sku: str, variant: str) -> bool:
    return units_in_stock(base_sku, variant) >= policy().min_units


def variant_sku(product: Product, variant: str) -> str:
    return f"{product.sku}-{product.variants.index(variant):02d}"


# ---------------------------------------------------------------------------- eligibility
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


def exchange_choices(ctx: ToolContext, order_key: str, line_id: int) -> list[Fact]:
    """The other variants of a line's product and whether each is in stock, as evidence."""
    order = ctx.require_order(order_key)
    assert order.id is not None
    line = next((ln for ln in ctx.store.lines(order.id) if ln.id == line_id), None)
    product = product_of(line.sku) if line else None
    if line is None or product is None:
        raise ToolRefused("no_such_line", "that item is not on this order")
    return [
        Fact(
            f"return:stock:{product.sku}:{v}",
            f"{product.name} ({v})",
            {"variant": v, "in_stock": in_stock(product.sku, v), "amount": product.price},
        )
        for v in product.variants
        if v != line.variant
    ]


# ---------------------------------------------------------------------------- plan
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


# ---------------------------------------------------------------------------- confirm
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


def _as_aware(dt: datetime) -> datetime:
    from datetime import UTC

    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


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


# ---------------------------------------------------------------------------- progress and status
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


# ---------------------------------------------------------------------------- ops metrics
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


# ---------------------------------------------------------------------------- demo
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
