"""Pickup redirect: send a parcel to a pickup point after a failed attempt, or on request.

Two steps on purpose: `plan_redirect` says what will happen (where, from when, until when) without
changing anything, and `confirm_redirect` records it only for the conversation that asked. The
record is a tracking event with source "wismo", so the order's tracking shows the redirect.
Opening hours here are holiday-aware: store pickup-hours overrides (seasonal) beat weekly hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import select

from ..domain.db import session
from ..domain.models import Order, PickupPoint, Shipment, TrackingEvent
from ..domain.status import ShipmentStatus
from ..i18n import wording
from .context import ToolContext
from .evidence import Fact, ToolRefused
from .seasonal import hours_override

HOLD_DAYS = {"ups": 5, "fedex": 5, "dhl": 7, "usps": 15}
SIZE_RANK = {"small": 0, "medium": 1, "large": 2}
READY_HOUR = 10
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FINAL = {ShipmentStatus.DELIVERED, ShipmentStatus.RETURNED_TO_SENDER, ShipmentStatus.EXPIRED}


@dataclass
class RedirectPlan:
    """What a redirect would do; `eligible` False carries the `reason` code and nothing happens."""

    conversation_id: str
    order_key: str
    shipment_id: int
    tracking_number: str
    carrier: str
    point_code: str
    point_name: str
    address: str
    eligible: bool
    reason: str | None = None
    ready_at: datetime | None = None
    held_until: datetime | None = None
    already_there: bool = False
    timezone: str = "America/New_York"
    facts: list[Fact] = field(default_factory=list)


# ----------------------------------------------------------------------------- hours
def hours_on(engine, point: PickupPoint, day) -> tuple[str, str] | None:
    """A point's hours on a local date, holiday overrides first; None when closed."""
    special = hours_override(engine, point.code, point.kind, day)
    if special is not False:
        return special  # type: ignore[return-value]
    hours = point.opening_hours.get(_DAYS[day.weekday()])
    return (hours[0], hours[1]) if hours else None


def _span(day_start: datetime, hours: tuple[str, str]) -> tuple[datetime, datetime]:
    oh, om = map(int, hours[0].split(":"))
    ch, cm = map(int, hours[1].split(":"))
    return day_start + timedelta(hours=oh, minutes=om), day_start + timedelta(hours=ch, minutes=cm)


def open_state_holidays(engine, point: PickupPoint, now: datetime, tz: str) -> tuple[bool, datetime | None]:
    """Like `pickup.open_state` (open now, next opening) but with holiday hours applied."""
    local_now = wording.local(now, tz)
    midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    for offset in range(15):
        day_start = midnight + timedelta(days=offset)
        hours = hours_on(engine, point, day_start.date())
        if hours is None:
            continue
        start, end = _span(day_start, hours)
        if start <= local_now < end:
            return True, None
        if start > local_now:
            return False, start
    return False, None


def _ready_time(engine, point: PickupPoint, now: datetime, tz: str) -> datetime:
    """10:00 local on the next business day (Mon-Fri) when the point is open then; otherwise its next
    opening after that (a holiday closure pushes it on)."""
    local_now = wording.local(now, tz)
    day = local_now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    target = day + timedelta(hours=READY_HOUR)
    hours = hours_on(engine, point, day.date())
    if hours is not None:
        start, end = _span(day, hours)
        if start <= target < end:
            return target
        if target < start:
            return start
    is_open, nxt = open_state_holidays(engine, point, target, tz)
    return target if is_open or nxt is None else nxt


# ----------------------------------------------------------------------------- plan / confirm
def _point(ctx: ToolContext, code: str) -> PickupPoint | None:
    with session(ctx.store.engine) as s:
        return s.exec(select(PickupPoint).where(PickupPoint.code == code.strip().upper())).first()


def _target_shipment(ctx: ToolContext, order: Order) -> Shipment | None:
    ships = ctx.store.shipments(int(order.id or 0))
    open_ships = [s for s in ships if ShipmentStatus(s.status) not in _FINAL]
    return (open_ships or ships or [None])[-1]


def pickup_fact(point: PickupPoint, ready_at: datetime | None, held_until: datetime | None, tz: str) -> Fact:
    values: dict = {
        "name": point.name,
        "street": point.street,
        "city": point.city,
        "region": point.region,
        "kind": point.kind,
        "timezone": tz,
    }
    if ready_at is not None:
        values["time"] = ready_at
        values["ready_at"] = ready_at
    if held_until is not None:
        values["held_until"] = held_until
        values["date"] = wording.local(held_until, tz).date()
    return Fact(f"pickup:{point.code}", point.name, values)


def plan_redirect(ctx: ToolContext, order_key: str, point_code: str) -> RedirectPlan:
    """What redirecting this order's open shipment to `point_code` would do. Refuses unverified orders."""
    order = ctx.require_order(order_key)
    ship = _target_shipment(ctx, order)
    point = _point(ctx, point_code)
    if ship is None:
        raise ToolRefused("not_found", "this order has no shipment")
    if point is None:
        raise ToolRefused("unknown_point", f"no pickup point {point_code!r}")
    tz = order.timezone
    plan = RedirectPlan(
        conversation_id=ctx.conversation_id,
        order_key=order.number_key,
        shipment_id=int(ship.id or 0),
        tracking_number=ship.tracking_number,
        carrier=ship.carrier,
        point_code=point.code,
        point_name=point.name,
        address=f"{point.street}, {point.city}, {point.region} {point.postal_code}",
        eligible=False,
        timezone=tz,
    )
    status = ShipmentStatus(ship.status)
    if status in _FINAL:
        plan.reason = f"already_{status.value}"
    elif point.carrier not in (None, ship.carrier):
        plan.reason = "other_carrier_network"
    elif SIZE_RANK.get(ship.parcel_size, 0) > SIZE_RANK.get(point.max_parcel_size, 0):
        plan.reason = "parcel_too_large"
    else:
        plan.eligible = True
    if not plan.eligible:
        return plan
    hold = timedelta(days=HOLD_DAYS.get(ship.carrier, 5))
    if status == ShipmentStatus.AVAILABLE_FOR_PICKUP and ship.pickup_point_id == point.id:
        plan.already_there = True
        plan.ready_at = ctx.now
        plan.held_until = ship.held_until or ctx.now + hold
    else:
        plan.ready_at = _ready_time(ctx.store.engine, point, ctx.now, tz)
        plan.held_until = plan.ready_at + hold
    plan.facts = [pickup_fact(point, plan.ready_at, plan.held_until, tz), parcel_fact(ship, tz)]
    return plan


def parcel_fact(ship: Shipment, tz: str) -> Fact:
    """The parcel being redirected: what lets a proposal name its tracking number and carrier."""
    from .tracking import carrier_name

    name = carrier_name(ship.carrier)
    return Fact(
        f"shipment:{ship.tracking_number}",
        f"{name} tracking {ship.tracking_number}",
        {
            "status": ShipmentStatus(ship.status),
            "carrier": name,
            "tracking_number": ship.tracking_number,
            "time": ship.updated_at,
            "timezone": tz,
        },
    )


def confirm_redirect(ctx: ToolContext, plan: RedirectPlan) -> list[Fact]:
    """Record a planned redirect: the shipment's pickup point and hold, plus a "wismo" tracking event.

    Only the conversation that made the plan may confirm it, and only for its verified order."""
    ctx.require_verified(plan.order_key)
    if plan.conversation_id != ctx.conversation_id:
        raise ToolRefused("other_conversation", "this redirect was planned in another conversation")
    if not plan.eligible:
        raise ToolRefused(plan.reason or "not_eligible", "this parcel cannot be redirected there")
    point = _point(ctx, plan.point_code)
    if point is None:
        raise ToolRefused("unknown_point", plan.point_code)
    with session(ctx.store.engine) as s:
        ship = s.get(Shipment, plan.shipment_id)
        order = s.get(Order, ship.order_id) if ship else None
        if ship is None or order is None or order.number_key != plan.order_key:
            raise ToolRefused("not_found", "shipment not found")
        if ShipmentStatus(ship.status) in _FINAL:
            raise ToolRefused(f"already_{ShipmentStatus(ship.status).value}", "the parcel's status changed")
        last = s.exec(select(func.max(TrackingEvent.seq)).where(TrackingEvent.shipment_id == ship.id)).one()
        seq = int(last or 0) + 1
        event = TrackingEvent(
            shipment_id=int(ship.id or 0),
            seq=seq,
            status=ShipmentStatus(ship.status),
            description=f"Redirect requested to {point.name} by the customer",
            city=point.city,
            region=point.region,
            occurred_at=ctx.now,
            source="wismo",
        )
        if not plan.already_there:
            ship.pickup_point_id = point.id
            ship.held_until = plan.held_until
        ship.updated_at = ctx.now
        s.add(event)
        s.add(ship)
        s.commit()
        s.refresh(event)
        tn = ship.tracking_number
        status = ShipmentStatus(ship.status)
    event_fact = Fact(
        f"shipment:{tn}:event:{seq}",
        f"Redirect to {point.name}",
        {
            "status": status,
            "description": event.description,
            "city": point.city,
            "region": point.region,
            "time": ctx.now,
        },
    )
    with session(ctx.store.engine) as s:
        parcel = parcel_fact(s.get(Shipment, plan.shipment_id), plan.timezone)  # type: ignore[arg-type]
    return [pickup_fact(point, plan.ready_at, plan.held_until, plan.timezone), event_fact, parcel]


def point_hours(ctx: ToolContext, order_key: str, point_code: str) -> tuple[RedirectPlan, Fact | None]:
    """The proposed redirect and the point's hours on the day the parcel would be ready there
    ("is it open late?" before the yes); no hours fact when the redirect is not possible."""
    proposal = plan_redirect(ctx, order_key, point_code)
    point = _point(ctx, point_code)
    if not proposal.eligible or point is None or proposal.ready_at is None:
        return proposal, None
    day = wording.local(proposal.ready_at, proposal.timezone).replace(hour=0, minute=0, second=0, microsecond=0)
    values: dict = {"name": point.name, "day": day, "timezone": proposal.timezone}
    hours = hours_on(ctx.store.engine, point, day.date())
    if hours is not None:
        values["opens"], values["closes"] = _span(day, hours)
    return proposal, Fact(f"pickup:{point.code}", point.name, values)
