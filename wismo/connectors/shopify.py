"""Shopify order and fulfillment webhooks -> orders, lines and shipments in the store.

Topics: `orders/create`, `orders/updated` (the Order: `name` "#1001", `email`, `shipping_address`,
`line_items[]`, `fulfillments[]`) and `fulfillments/create`, `fulfillments/update` (a Fulfillment
with `order_id`, `name` "#1001.1", `tracking_company`, `tracking_number(s)`, `shipment_status`).
An order is keyed by its number (`number_key`: upper case, letters and digits only). Shipment
statuses go through `from_shopify` and `apply_update` like any carrier's.
"""

from __future__ import annotations

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
        return round(float(value), 2)
    except (TypeError, ValueError):
        return 0.0


def _shipping_total(order: dict[str, Any]) -> float:
    shop_money = ((order.get("total_shipping_price_set") or {}).get("shop_money") or {}).get("amount")
    if shop_money is not None:
        return _money(shop_money)
    return round(
        sum(_money(line.get("price")) for line in order.get("shipping_lines") or [] if isinstance(line, dict)), 2
    )


def _customer_id(s: Any, order: dict[str, Any], email: str, now: datetime) -> int:
    cust = s.exec(select(Customer).where(Customer.email == email)).first()
    if cust is not None:
        return cust.id
    c = order.get("customer") or {}
    addr = order.get("shipping_address") or {}
    name = (
        " ".join(p for p in (c.get("first_name"), c.get("last_name")) if p) or addr.get("name") or email.split("@")[0]
    )
    row = Customer(name=name, email=email, phone=c.get("phone") or addr.get("phone"), created_at=now)
    s.add(row)
    s.flush()
    return row.id  # type: ignore[return-value]


def upsert_order(engine: Engine, order: dict[str, Any], now: datetime | None = None) -> ShopifyResult:
    """Create or update the order of an `orders/*` webhook, then its fulfillments."""
    now = now or datetime.now(UTC)
    name = order.get("name")
    email = order.get("email") or (order.get("customer") or {}).get("email")
    if not isinstance(name, str) or not normalize_key(name):
        raise PayloadError("order name is missing")
    key = normalize_key(name)
    addr = order.get("shipping_address") or order.get("billing_address") or {}
    created = False
    with session(engine) as s:
        row = s.exec(select(Order).where(Order.number_key == key)).first()
        if row is None:
            if not isinstance(email, str) or "@" not in email:
                raise PayloadError("order email is missing")
            email = normalize_email(email)
            row = Order(
                number=name.strip(),
                number_key=key,
                customer_id=_customer_id(s, order, email, now),
                email=email,
                postal_code=str(addr.get("zip") or ""),
                street=" ".join(p for p in (addr.get("address1"), addr.get("address2")) if p),
                city=addr.get("city") or "",
                region=addr.get("province_code") or addr.get("province") or "",
                country=addr.get("country_code") or "US",
                latitude=addr.get("latitude"),
                longitude=addr.get("longitude"),
                placed_at=parse_time(order.get("created_at")) or now,
                currency=order.get("currency") or "USD",
                subtotal=_money(order.get("subtotal_price")),
                shipping=_shipping_total(order),
                tax=_money(order.get("total_tax")),
                total=_money(order.get("total_price")),
                financial_status=order.get("financial_status") or "pending",
            )
            created = True
        else:
            if isinstance(email, str) and "@" in email:
                row.email = normalize_email(email)
            if addr:
                row.postal_code = str(addr.get("zip") or row.postal_code)
                row.street = " ".join(p for p in (addr.get("address1"), addr.get("address2")) if p) or row.street
                row.city = addr.get("city") or row.city
                row.region = addr.get("province_code") or addr.get("province") or row.region
                if addr.get("latitude") is not None:
                    row.latitude, row.longitude = addr.get("latitude"), addr.get("longitude")
            for attr, source in (("subtotal", "subtotal_price"), ("tax", "total_tax"), ("total", "total_price")):
                if order.get(source) is not None:
                    setattr(row, attr, _money(order.get(source)))
            row.financial_status = order.get("financial_status") or row.financial_status
        s.add(row)
        s.flush()
        has_lines = s.exec(select(OrderLine.id).where(OrderLine.order_id == row.id).limit(1)).first() is not None
        if not has_lines:
            for item in order.get("line_items") or []:
                if not isinstance(item, dict):
                    continue
                s.add(
                    OrderLine(
                        order_id=row.id,  # type: ignore[arg-type]
                        sku=item.get("sku") or str(item.get("variant_id") or item.get("id") or ""),
                        name=item.get("title") or item.get("name") or "Item",
                        category=item.get("product_type") or "general",
                        variant=item.get("variant_title"),
                        price=_money(item.get("price")),
                        quantity=int(item.get("quantity") or 1),
                    )
                )
        if order.get("id") is not None:
            s.merge(ShopifyOrderRef(shopify_id=str(order["id"]), order_key=key))
        s.commit()
    result = ShopifyResult(order_key=key, created=created)
    for f in order.get("fulfillments") or []:
        if isinstance(f, dict):
            sub = upsert_fulfillment(engine, f, order_key=key, now=now)
            result.shipments_created += sub.shipments_created
            result.updates.extend(sub.updates)
    return result


def _order_key_of(engine: Engine, fulfillment: dict[str, Any]) -> str | None:
    if fulfillment.get("order_id") is not None:
        with session(engine) as s:
            ref = s.get(ShopifyOrderRef, str(fulfillment["order_id"]))
        if ref is not None:
            return ref.order_key
    name = fulfillment.get("name")  # "#1001.1": the order's name and the fulfillment's position
    if isinstance(name, str) and name.strip():
        return normalize_key(name.rsplit(".", 1)[0])
    return None


def _tracking_numbers(f: dict[str, Any]) -> list[str]:
    numbers = [n for n in f.get("tracking_numbers") or [] if isinstance(n, str) and n.strip()]
    if not numbers and isinstance(f.get("tracking_number"), str) and f["tracking_number"].strip():
        numbers = [f["tracking_number"]]
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
    if f.get("status") in ("cancelled", "error", "failure"):
        return result
    try:
        status = from_shopify(f.get("shipment_status"))
    except ValueError as exc:
        raise PayloadError(str(exc)) from None
    with session(engine) as s:
        order = s.exec(select(Order).where(Order.number_key == key)).first()
    if order is None:
        result.order_key = None
        return result
    carrier = normalize_carrier(f.get("tracking_company")) or "unknown"
    when = parse_time(f.get("updated_at")) or parse_time(f.get("created_at")) or now
    for number in _tracking_numbers(f):
        with session(engine) as s:
            ship = s.exec(select(Shipment).where(Shipment.tracking_number == number)).first()
            if ship is None:
                s.add(
                    Shipment(
                        order_id=order.id,  # type: ignore[arg-type]
                        carrier=carrier,
                        service=f.get("tracking_company") or carrier,
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
