"""Tracking lookup: the order's shipments, their latest scans and the carrier's estimate, as evidence.

`track_order` needs a verified order and may show the order's details. `track_number` is what a
carrier site shows for a tracking number: status, scans and estimate, never the order's email,
address or items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.catalog import CARRIER_NAMES
from ..domain.models import Order, Shipment, TrackingEvent
from ..domain.status import ShipmentStatus
from .context import ToolContext
from .evidence import Fact


@dataclass
class Tracking:
    """What a tracking lookup found: the shipment, its events and the facts to cite."""

    order: Order | None
    shipment: Shipment
    events: list[TrackingEvent]
    facts: list[Fact]
    #: The destination's timezone, in which times are told to the customer.
    timezone: str

    @property
    def status(self) -> ShipmentStatus:
        return ShipmentStatus(self.shipment.status)


def carrier_name(carrier: str) -> str:
    return CARRIER_NAMES.get(carrier, carrier.upper())


def order_fact(order: Order, item_count: int) -> Fact:
    return Fact(
        f"order:{order.number_key}",
        f"Order {order.number}",
        {
            "order_number": order.number,
            "time": order.placed_at,
            "city": order.city,
            "region": order.region,
            "amount": order.total,
            "count": item_count,
            "timezone": order.timezone,
        },
    )


def shipment_facts(ctx: ToolContext, shipment: Shipment, events: list[TrackingEvent], tz: str) -> list[Fact]:
    name = carrier_name(shipment.carrier)
    tn = shipment.tracking_number
    facts = [
        Fact(
            f"shipment:{tn}",
            f"{name} tracking {tn}",
            {
                "status": ShipmentStatus(shipment.status),
                "carrier": name,
                "service": shipment.service,
                "tracking_number": tn,
                "time": shipment.updated_at,
                "timezone": tz,
            },
        )
    ]
    if events:
        last = events[-1]
        facts.append(event_fact(shipment, last))
    if shipment.carrier_estimate is not None:
        facts.append(
            Fact(
                f"eta:carrier:{tn}",
                f"{name} estimate",
                {
                    "window_start": shipment.carrier_estimate,
                    "window_end": shipment.carrier_estimate_end or shipment.carrier_estimate,
                    "source": "carrier",
                },
            )
        )
    if shipment.pickup_point_id is not None:
        point = ctx.store.pickup_point(shipment.pickup_point_id)
        if point is not None:
            facts.append(
                Fact(
                    f"pickup:{point.code}",
                    point.name,
                    {
                        "name": point.name,
                        "street": point.street,
                        "city": point.city,
                        "region": point.region,
                        "held_until": shipment.held_until,
                        "opening_hours": point.opening_hours,
                        "kind": point.kind,
                    },
                )
            )
    return facts


def event_fact(shipment: Shipment, event: TrackingEvent) -> Fact:
    return Fact(
        f"shipment:{shipment.tracking_number}:event:{event.seq}",
        f"{carrier_name(shipment.carrier)} scan: {event.description}",
        {
            "status": ShipmentStatus(event.status),
            "description": event.description,
            "city": event.city,
            "region": event.region,
            "time": event.occurred_at,
        },
    )


def track_order(ctx: ToolContext, order_key: str) -> list[Tracking]:
    """Every shipment of a verified order, newest last. Refuses an order this conversation has not verified."""
    with ctx.store.reading():
        order = ctx.require_order(order_key)
        count = sum(line.quantity for line in ctx.store.lines(order.id))
        loaded = [(shipment, ctx.store.events(shipment.id)) for shipment in ctx.store.shipments(order.id)]
    results = []
    for shipment, events in loaded:
        facts = [order_fact(order, count), *shipment_facts(ctx, shipment, events, order.timezone)]
        results.append(Tracking(order, shipment, events, facts, order.timezone))
    return results


def order_summary(ctx: ToolContext, order_key: str) -> Fact:
    """The verified order itself as a citable fact (number, place, total, item count)."""
    with ctx.store.reading():
        order = ctx.require_order(order_key)
        count = sum(line.quantity for line in ctx.store.lines(order.id))
    return order_fact(order, count)


def order_items(ctx: ToolContext, order_key: str) -> Fact:
    """What the verified order holds and in how many parcels it ships, as a citable fact ("is the
    Flannel Shirt in that box too?"). Lines are not tied to parcels: with several, which item is in
    which one is not known."""
    with ctx.store.reading():
        order = ctx.require_order(order_key)
        lines = ctx.store.lines(order.id)
        parcels = len(ctx.store.shipments(order.id))
    items = ", ".join(line.name + (f" ({line.variant})" if line.variant else "") for line in lines)
    values = {"order_number": order.number, "items": items, "count": sum(line.quantity for line in lines)}
    return Fact(f"order:{order.number_key}:items", f"Items of order {order.number}", values | {"parcels": parcels})


def track_number(ctx: ToolContext, tracking_number: str) -> Tracking | None:
    """Carrier-level status for a tracking number, as a carrier's own site would show it."""
    shipment = ctx.store.shipment_by_tracking(tracking_number)
    if shipment is None:
        return None
    order = ctx.store.order_of(shipment)
    tz = order.timezone if order else "America/New_York"
    events = ctx.store.events(shipment.id)
    # No order fact: the order's email, address and items stay private.
    return Tracking(None, shipment, events, shipment_facts(ctx, shipment, events, tz), tz)
