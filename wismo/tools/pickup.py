"""Pickup alternatives: the nearest points that can take this parcel, and whether they are open.

Eligibility: the point serves the shipment's carrier network (or is one of the shop's own stores)
and takes a parcel of this size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, or_, select

from ..domain.db import session
from ..domain.geo import haversine_km
from ..domain.models import Order, PickupPoint, Shipment
from ..i18n import wording
from ..i18n.catalog import word
from .context import ToolContext
from .evidence import Fact

SIZE_RANK = {"small": 0, "medium": 1, "large": 2}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class PickupOption:
    point: PickupPoint
    distance_km: float
    open_now: bool
    #: When it next opens (None when open now, or never in the coming week).
    opens_at: datetime | None
    fact: Fact

    def open_phrase(self, tz: str) -> str:
        """ "open now", "opens Fri, Dec 12, 9:00 AM" or "hours not listed", in the customer's zone."""
        if self.open_now:
            return word("open_now")
        if self.opens_at is not None:
            return word("opens_at", moment=wording.moment(self.opens_at, tz))
        return word("hours_unknown")


def _hours_for(point: PickupPoint, day: datetime) -> tuple[str, str] | None:
    hours = point.opening_hours.get(_DAYS[day.weekday()])
    return (hours[0], hours[1]) if hours else None


def open_state(point: PickupPoint, now: datetime, tz: str) -> tuple[bool, datetime | None]:
    """(open now, next opening time) in the point's local time."""
    local_now = wording.local(now, tz)
    for offset in range(8):
        day = local_now + timedelta(days=offset)
        hours = _hours_for(point, day)
        if hours is None:
            continue
        oh, om = map(int, hours[0].split(":"))
        ch, cm = map(int, hours[1].split(":"))
        start = day.replace(hour=oh, minute=om, second=0, microsecond=0)
        end = day.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(hours=ch, minutes=cm)
        if offset == 0 and start <= local_now < end:
            return True, None
        if start > local_now:
            return False, start
    return False, None


def nearest(ctx: ToolContext, order: Order, shipment: Shipment, limit: int = 3) -> list[PickupOption]:
    """The `limit` nearest eligible points to the delivery address, nearest first."""
    ctx.require_verified(order.number_key)
    if order.latitude is None or order.longitude is None:
        return []
    size = SIZE_RANK.get(shipment.parcel_size, 0)
    with session(ctx.store.engine) as s:
        stmt = select(PickupPoint).where(
            or_(col(PickupPoint.carrier) == shipment.carrier, col(PickupPoint.carrier).is_(None))
        )
        # A coarse box first (about 1 degree), then exact distances.
        stmt = stmt.where(
            col(PickupPoint.latitude).between(order.latitude - 1, order.latitude + 1),
            col(PickupPoint.longitude).between(order.longitude - 1.3, order.longitude + 1.3),
        )
        points = [p for p in s.exec(stmt) if SIZE_RANK.get(p.max_parcel_size, 0) >= size]
    ranked = sorted(
        ((haversine_km(order.latitude, order.longitude, p.latitude, p.longitude), p) for p in points),
        key=lambda x: x[0],
    )[:limit]
    options = []
    for dist, p in ranked:
        is_open, opens = open_state(p, ctx.now, order.timezone)
        values = {
            "name": p.name,
            "street": p.street,
            "city": p.city,
            "region": p.region,
            "distance_km": round(dist, 1),
            "kind": p.kind,
            "opening_hours": p.opening_hours,
            "open_now": is_open,
        }
        if opens is not None:
            values["time"] = opens
        options.append(PickupOption(p, dist, is_open, opens, Fact(f"pickup:{p.code}", p.name, values)))
    return options
