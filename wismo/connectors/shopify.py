"""Shopify order and fulfillment webhooks -> orders, lines and shipments in the store.

Topics: `orders/create`, `orders/updated` (the Order: `name` "#1001", `email`, `shipping_address`,
`line_items[]`, `fulfillments[]`) and `fulfillments/create`, `fulfillments/update` (a Fulfillment
with `order_id`, `name` "#1001.1", `tracking_company`, `tracking_number(s)`, `shipment_status`).
An order is keyed by its number (`number_key`: upper case, letters and digits only). Shipment
statuses go through `from_shopify` and `apply_update` like any carrier's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, select

from ..domain.db import session
from ..domain.models import Customer, Order, OrderLine, Shipment
from ..domain.status import STATUS_PHRASES, from_shopify
from ..domain.store import normalize_email, normalize_key
from ..untrusted import dicts, obj, text, texts
from .aftership import PayloadError
from .apply import ApplyResult, EventIn, TrackingUpdate, apply_update, normalize_carrier, normalize_tracking, parse_time

ORDER_TOPICS = ("orders/create", "orders/updated")
FULFILLMENT_TOPICS = ("fulfillments/create", "fulfillments/update")
TOPICS = ORDER_TOPICS + FULFILLMENT_TOPICS


class ShopifyOrderRef(SQLModel, table=True):
    """Shopify's numeric order id -> our order, so a fulfillment webhook finds its order."""

    __tablename__ = "shopify_order_refs"
    shopify_id: str = Field(primary_key=True, max_length=32)
    order_key: str = Field(index=True, max_length=64)


@dataclass
class ShopifyResult:
    order_key: str | None
    created: bool = False
    shipments_created: int = 0
    updates: list[ApplyResult] = field(default_factory=list)


def _money(value: Any) -> float:
    try:
        amount = float(text(value, 32) or 0)
    except ValueError:
        return 0.0
    return round(amount, 2) if math.isfinite(amount) else 0.0


def _coordinate(value: Any, bound: float) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value) if abs(value) <= bound else None
    return None


def _quantity(value: Any) -> int:
    try:
        n = int(float(text(value, 16) or 1))
    except (ValueError, OverflowError):
        return 1
    return min(max(n, 1), 10_000)


def _shipping_total(order: dict[str, Any]) -> float:
    shop_money = obj(obj(order.get("total_shipping_price_set")).get("shop_money")).get("amount")
    if shop_money is not None:
        return _money(shop_money)
    return round(sum(_money(line.get("price")) for line in dicts(order.get("shipping_lines"))), 2)


def _street(addr: dict[str, Any]) -> str:
    return " ".join(p for p in (text(addr.get("address1"), 200), text(addr.get("address2"), 200)) if p)


def _customer_id(s: Any, order: dict[str, Any], email: str, now: datetime) -> int:
    cust = s.exec(select(Customer).where(Customer.email == email)).first()
    if cust is not None:
        return cust.id
    c = obj(order.get("customer"))
    addr = obj(order.get("shipping_address"))
    name = (
        " ".join(p for p in (text(c.get("first_name"), 100), text(c.get("last_name"), 100)) if p)
        or text(addr.get("name"), 200)
        or email.split("@")[0]
    )
    phone = text(c.get("phone"), 32) or text(addr.get("phone"), 32)
    row = Customer(name=name, email=email, phone=phone, created_at=now)
    s.add(row)
    s.flush()
    return row.id  # type: ignore[return-value]


def upsert_order(engine: Engine, order: dict[str, Any], now: datetime | None = None) -> ShopifyResult:
    """Create or update the order of an `orders/*` webhook, then its fulfillments."""
    now = now or datetime.now(UTC)
    name = text(order.get("name"), 64)
    email = text(order.get("email"), 254) or text(obj(order.get("customer")).get("email"), 254)
    if not name or not normalize_key(name):
        raise PayloadError("order name is missing")
    key = normalize_key(name)
    addr = obj(order.get("shipping_address")) or obj(order.get("billing_address"))
    created = False
    with session(engine) as s:
        row = s.exec(select(Order).where(Order.number_key == key)).first()
        if row is None:
            if not email or "@" not in email:
                raise PayloadError("order email is missing")
            email = normalize_email(email)
            row = Order(
                number=name.strip(),
                number_key=key,
                customer_id=_customer_id(s, order, email, now),
                email=email,
                postal_code=text(addr.get("zip"), 16) or "",
                street=_street(addr),
                city=text(addr.get("city"), 128) or "",
                region=text(addr.get("province_code"), 64) or text(addr.get("province"), 64) or "",
                country=text(addr.get("country_code"), 8) or "US",
                latitude=_coordinate(addr.get("latitude"), 90),
                longitude=_coordinate(addr.get("longitude"), 180),
                placed_at=parse_time(order.get("created_at")) or now,
                currency=text(order.get("currency"), 8) or "USD",
                subtotal=_money(order.get("subtotal_price")),
                shipping=_shipping_total(order),
                tax=_money(order.get("total_tax")),
                total=_money(order.get("total_price")),
                financial_status=text(order.get("financial_status"), 32) or "pending",
            )
            created = True
        else:
            if email and "@" in email:
                row.email = normalize_email(email)
            if addr:
                row.postal_code = text(addr.get("zip"), 16) or row.postal_code
                row.street = _street(addr) or row.street
                row.city = text(addr.get("city"), 128) or row.city
                row.region = text(addr.get("province_code"), 64) or text(addr.get("province"), 64) or row.region
                latitude = _coordinate(addr.get("latitude"), 90)
                if latitude is not None:
                    row.latitude, row.longitude = latitude, _coordinate(addr.get("longitude"), 180)
            for attr, source in (("subtotal", "subtotal_price"), ("tax", "total_tax"), ("total", "total_price")):
                if order.get(source) is not None:
                    setattr(row, attr, _money(order.get(source)))
            row.financial_status = text(order.get("financial_status"), 32) or row.financial_status
        s.add(row)
        s.flush()
        has_lines = s.exec(select(OrderLine.id).where(OrderLine.order_id == row.id).limit(1)).first() is not None
        if not has_lines:
            for item in dicts(order.get("line_items")):
                s.add(
                    OrderLine(
                        order_id=row.id,  # type: ignore[arg-type]
                        sku=text(item.get("sku"), 64)
                        or text(item.get("variant_id"), 64)
                        or text(item.get("id"), 64)
                        or "",
                        name=text(item.get("title"), 255) or text(item.get("name"), 255) or "Item",
                        category=text(item.get("product_type"), 64) or "general",
                        variant=text(item.get("variant_title"), 128),
                        price=_money(item.get("price")),
                        quantity=_quantity(item.get("quantity")),
                    )
                )
        shopify_id = text(order.get("id"), 64)
        if shopify_id:
            s.merge(ShopifyOrderRef(shopify_id=shopify_id, order_key=key))
        s.commit()
    result = ShopifyResult(order_key=key, created=created)
    for f in dicts(order.get("fulfillments")):
        sub = upsert_fulfillment(engine, f, order_key=key, now=now)
        result.shipments_created += sub.shipments_created
        result.updates.extend(sub.updates)
    return result


def _order_key_of(engine: Engine, fulfillment: dict[str, Any]) -> str | None:
    shopify_id = text(fulfillment.get("order_id"), 64)
    if shopify_id:
        with session(engine) as s:
            ref = s.get(ShopifyOrderRef, shopify_id)
        if ref is not None:
            return ref.order_key
    name = text(fulfillment.get("name"), 64)  # "#1001.1": the order's name and the fulfillment's position
    if name and name.strip():
        return normalize_key(name.rsplit(".", 1)[0])
    return None


def _tracking_numbers(f: dict[str, Any]) -> list[str]:
    numbers = [n for n in texts(f.get("tracking_numbers"), 64) if n.strip()]
    single = text(f.get("tracking_number"), 64)
    if not numbers and single and single.strip():
        numbers = [single]
    return list(dict.fromkeys(normalize_tracking(n) for n in numbers))


def upsert_fulfillment(
    engine: Engine, f: dict[str, Any], order_key: str | None = None, now: datetime | None = None
) -> ShopifyResult:
    """Create the shipments of a fulfillment (one per tracking number) and apply its shipment_status."""
    now = now or datetime.now(UTC)
    key = order_key or _order_key_of(engine, f)
    result = ShopifyResult(order_key=key)
    if key is None:
        raise PayloadError("the fulfillment names no order")
    if text(f.get("status"), 32) in ("cancelled", "error", "failure"):
        return result
    try:
        status = from_shopify(text(f.get("shipment_status"), 64))
    except ValueError as exc:
        raise PayloadError(str(exc)) from None
    with session(engine) as s:
        order = s.exec(select(Order).where(Order.number_key == key)).first()
    if order is None:
        result.order_key = None
        return result
    company = text(f.get("tracking_company"), 64)
    carrier = normalize_carrier(company) or "unknown"
    when = parse_time(f.get("updated_at")) or parse_time(f.get("created_at")) or now
    for number in _tracking_numbers(f):
        with session(engine) as s:
            ship = s.exec(select(Shipment).where(Shipment.tracking_number == number)).first()
            if ship is None:
                s.add(
                    Shipment(
                        order_id=order.id,  # type: ignore[arg-type]
                        carrier=carrier,
                        service=company or carrier,
                        tracking_number=number,
                        status=from_shopify(None),
                        origin_city="",
                        origin_region="",
                        origin_postal="",
                        shipped_at=parse_time(f.get("created_at")) or now,
                        updated_at=now,
                    )
                )
                try:
                    s.commit()
                    result.shipments_created += 1
                except IntegrityError:  # created meanwhile by another delivery
                    s.rollback()
        event = EventIn(status, f"Shopify: {STATUS_PHRASES[status]}", when)
        applied = apply_update(engine, TrackingUpdate("shopify", number, status, [event], occurred_at=when), now)
        if applied is not None:
            result.updates.append(applied)
    return result


def handle(engine: Engine, topic: str, payload: dict[str, Any], now: datetime | None = None) -> ShopifyResult:
    if topic in ORDER_TOPICS:
        return upsert_order(engine, payload, now)
    if topic in FULFILLMENT_TOPICS:
        return upsert_fulfillment(engine, payload, now=now)
    raise PayloadError(f"unsupported topic {topic!r}")
