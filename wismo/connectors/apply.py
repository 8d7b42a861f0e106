"""One unified tracking update, applied to the store: the shipment's status and estimate, new events.

Each connector maps its carrier's or platform's payload onto `TrackingUpdate` (statuses through
`wismo.domain.status`), so this is the only code that writes tracking into the store. Carriers
resend a shipment's whole history with every update; events already stored are recognized by
time, status and description and not appended twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from ..domain.db import session
from ..domain.models import Order, Shipment, TrackingEvent
from ..domain.status import STATUS_PHRASES, ShipmentStatus

CARRIERS = {
    "ups": "ups",
    "usps": "usps",
    "fedex": "fedex",
    "dhl": "dhl",
    "dhl express": "dhl",
    "dhl-express": "dhl",
    "dhl_express": "dhl",
    "united states postal service": "usps",
    "federal express": "fedex",
}


def normalize_tracking(number: str) -> str:
    """The tracking number as the store keeps it: no spaces, upper case."""
    return "".join(str(number).split()).upper()


def normalize_carrier(name: str | None) -> str | None:
    if not name:
        return None
    key = name.strip().lower()
    if not key:
        return None
    return CARRIERS.get(key, CARRIERS.get(key.split()[0], key.replace(" ", "_")))


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time (aware, in UTC); a value without a zone is taken as UTC; None when unreadable."""
    if not value or not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def day_window(value: object, tz: str) -> tuple[datetime, datetime] | None:
    """A delivery day given as a date (or a midnight time) -> 9:00 to 20:00 local on that day."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
        else:
            dt = parse_time(text)
            if dt is None:
                return None
            if (dt.hour, dt.minute, dt.second) != (0, 0, 0):
                return dt, dt
            d = dt.date()
    except ValueError:
        return None
    zone = ZoneInfo(tz)
    start = datetime.combine(d, time(9, 0), zone).astimezone(UTC)
    end = datetime.combine(d, time(20, 0), zone).astimezone(UTC)
    return start, end


@dataclass
class EventIn:
    status: ShipmentStatus
    description: str
    occurred_at: datetime
    city: str | None = None
    region: str | None = None


@dataclass
class TrackingUpdate:
    """A carrier's or platform's news about one shipment, in our vocabulary."""

    source: str  # aftership | easypost | shopify
    tracking_number: str
    status: ShipmentStatus
    events: list[EventIn] = field(default_factory=list)
    #: The carrier's estimated delivery window (raw strings; resolved in the order's timezone).
    estimate_start: str | None = None
    estimate_end: str | None = None
    #: True when the event is a revised estimate (AfterShip `edd_revise`).
    estimate_revised: bool = False
    occurred_at: datetime | None = None


@dataclass
class ApplyResult:
    shipment_id: int
    order_id: int
    order_key: str
    tracking_number: str
    previous_status: ShipmentStatus
    status: ShipmentStatus
    previous_estimate_end: datetime | None
    estimate_start: datetime | None
    estimate_end: datetime | None
    appended: list[int] = field(default_factory=list)  # seq numbers
    estimate_revised: bool = False

    @property
    def status_changed(self) -> bool:
        return self.previous_status != self.status

    @property
    def estimate_later(self) -> bool:
        return (
            self.estimate_end is not None
            and self.previous_estimate_end is not None
            and self.estimate_end > self.previous_estimate_end
        )


def _utc(d: datetime) -> datetime:
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d


def _same(a: datetime, b: datetime) -> bool:
    return abs((_utc(a) - _utc(b)).total_seconds()) < 1


def apply_update(engine: Engine, update: TrackingUpdate, now: datetime | None = None) -> ApplyResult | None:
    """Write the update into the store; None when no shipment has that tracking number."""
    with session(engine) as s:
        result = apply_in(s, update, now)
        s.commit()
        return result


def apply_in(s: Session, update: TrackingUpdate, now: datetime | None = None) -> ApplyResult | None:
    """Apply the update inside the caller's transaction (the caller commits): the durable intake
    writes the update, its notices and the end of its queue item in one commit."""
    now = now or datetime.now(UTC)
    number = normalize_tracking(update.tracking_number)
    ship = s.exec(select(Shipment).where(Shipment.tracking_number == number).with_for_update()).first()
    if ship is None:
        return None
    order = s.get(Order, ship.order_id)
    assert order is not None and ship.id is not None
    previous = ShipmentStatus(ship.status)
    previous_end = ship.carrier_estimate_end
    existing = list(s.exec(select(TrackingEvent).where(TrackingEvent.shipment_id == ship.id)))
    seq = s.exec(select(func.max(TrackingEvent.seq)).where(TrackingEvent.shipment_id == ship.id)).first() or 0
    events = sorted(update.events, key=lambda e: e.occurred_at)
    # Webhooks arrive out of order: news older than the newest scan we hold fills in the history
    # but changes neither the status nor the estimate (a late "in transit" after "delivered").
    as_of = update.occurred_at or (events[-1].occurred_at if events else now)
    newest = max((_utc(e.occurred_at) for e in existing), default=None)
    stale = newest is not None and _utc(as_of) < newest - timedelta(seconds=1)
    if not events and update.status != previous and not stale:
        events = [EventIn(update.status, STATUS_PHRASES[update.status].capitalize(), update.occurred_at or now)]
    appended = []
    for ev in events:
        if any(
            _same(ev.occurred_at, old.occurred_at) and old.status == ev.status and old.description == ev.description
            for old in existing
        ):
            continue
        seq += 1
        row = TrackingEvent(
            shipment_id=ship.id,
            seq=seq,
            status=ev.status,
            description=ev.description[:500],
            city=ev.city,
            region=ev.region,
            occurred_at=ev.occurred_at,
            source=update.source,
        )
        s.add(row)
        existing.append(row)
        appended.append(seq)
    if not stale:
        ship.status = update.status
        if update.status == ShipmentStatus.DELIVERED and ship.delivered_at is None:
            delivered = [e.occurred_at for e in events if e.status == ShipmentStatus.DELIVERED]
            ship.delivered_at = max(delivered) if delivered else (update.occurred_at or now)
        start = day_window(update.estimate_start, order.timezone) if update.estimate_start else None
        end = day_window(update.estimate_end, order.timezone) if update.estimate_end else None
        if start or end:
            new_start, new_end = (start or end)[0], (end or start)[1]  # type: ignore[index]
            if previous_end is not None and not _same(new_end, previous_end):
                # The carrier moved its date: keep the first one and when it moved (the ETA rules
                # never end a window before a date the carrier announced).
                ship.carrier_estimate_original = ship.carrier_estimate_original or previous_end
                ship.carrier_estimate_changed_at = as_of
            ship.carrier_estimate, ship.carrier_estimate_end = new_start, new_end
    ship.updated_at = now
    s.add(ship)
    s.flush()
    return ApplyResult(
        shipment_id=ship.id,
        order_id=order.id or 0,
        order_key=order.number_key,
        tracking_number=number,
        previous_status=previous,
        status=ShipmentStatus(ship.status),
        previous_estimate_end=previous_end,
        estimate_start=ship.carrier_estimate,
        estimate_end=ship.carrier_estimate_end,
        appended=appended,
        estimate_revised=update.estimate_revised and not stale,
    )
