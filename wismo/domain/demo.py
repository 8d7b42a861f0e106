"""A deterministic demo store: a holiday season of orders, shipments and tracking histories.

The same `seed` and `orders` always give the same store. The store has its own clock (`DEMO_NOW`),
kept in `store_meta`, so statuses such as "out for delivery" stay true whenever the demo runs.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Engine

from . import models as m
from .catalog import CARRIER_NAMES, PRODUCTS, SERVICES, Product, Service
from .db import create_schema, exclusive
from .geo import CARRIER_HUBS, CITIES, WAREHOUSES, City, zone_of
from .status import ShipmentStatus as S

#: The demo store's "now": mid-December of the 2025 holiday season, early afternoon on the East Coast.
DEMO_NOW = datetime(2025, 12, 12, 19, 0, tzinfo=UTC)
SEASON_START = datetime(2025, 11, 1, 5, 0, tzinfo=UTC)

STATUS_WEIGHTS: dict[S, float] = {
    S.DELIVERED: 0.48,
    S.IN_TRANSIT: 0.17,
    S.OUT_FOR_DELIVERY: 0.05,
    S.INFO_RECEIVED: 0.05,
    S.PENDING: 0.04,
    S.ATTEMPT_FAILED: 0.045,
    S.AVAILABLE_FOR_PICKUP: 0.045,
    S.EXCEPTION: 0.03,
    S.DELAYED: 0.05,
    S.RETURNED_TO_SENDER: 0.015,
    S.EXPIRED: 0.015,
}

FIRST_NAMES = (
    "Olivia Liam Emma Noah Ava Elijah Sophia James Isabella William Mia Benjamin Charlotte Lucas Amelia Henry "
    "Harper Theodore Evelyn Jack Abigail Levi Emily Alexander Ella Mateo Luna Daniel Camila Michael Gianna Mason "
    "Sofia Sebastian Aria Ethan Scarlett Logan Layla Owen Chloe Samuel Penelope Jacob Riley Asher Zoey Aiden Nora "
    "Priya Wei Fatima Diego Aaliyah Hiroshi Ngozi Santiago Mei Omar Valentina Kofi Ananya Rafael Leila Tomasz"
).split()
LAST_NAMES = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
    "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis "
    "Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera "
    "Campbell Mitchell Carter Roberts Patel Kim Chen Okafor Kowalski Haddad Silva Tanaka Mensah Novak Rossi"
).split()
STREETS = (
    "Maple Ave Oak St Pine St Cedar Ln Elm St Washington Blvd Lake St Hillside Dr Park Ave Main St Sunset Blvd "
    "Chestnut St Walnut St Spruce St Willow Way Highland Ave Riverside Dr Cherry Ln Franklin St Jefferson Ave"
).split()
STREET_NAMES = [" ".join(STREETS[i : i + 2]) for i in range(0, len(STREETS) - 1, 2)]

ATTEMPT_REASONS = (
    "Delivery attempted - no secure location available for the package",
    "Delivery attempted - business closed",
    "Delivery attempted - receiver not available, signature required",
    "Delivery attempted - no access to delivery location",
)
EXCEPTION_REASONS = (
    "Exception - address information required, carrier will contact the sender",
    "Exception - package damaged in transit, carrier is reviewing",
    "Exception - held at facility pending address correction",
    "Exception - package label damaged, rerouting",
)
DELAY_REASONS = (
    "Delay - severe winter weather in the area",
    "Delay - high holiday volume at the facility",
    "Delay - missed connection, rescheduled for next departure",
    "Delay - road closure affecting delivery routes",
)
DELIVERED_PLACES = (
    "front door",
    "front porch",
    "mailroom",
    "parcel locker",
    "reception",
    "side door",
    "handed to resident",
)
HOLD_DAYS = {"ups": 5, "usps": 15, "fedex": 5, "dhl": 7}
POINT_KINDS = {
    "ups": (("carrier_point", "The UPS Store"), ("carrier_point", "UPS Access Point - CVS"), ("locker", "UPS Locker")),
    "fedex": (
        ("carrier_point", "FedEx Office"),
        ("carrier_point", "FedEx OnSite - Walgreens"),
        ("locker", "FedEx Locker"),
    ),
    "usps": (("carrier_point", "USPS Post Office"), ("locker", "USPS Smart Parcel Locker")),
    "dhl": (("carrier_point", "DHL ServicePoint"), ("carrier_point", "DHL Express Service Point - Staples")),
}
SIZE_RANK = {"small": 0, "medium": 1, "large": 2}


# ---------------------------------------------------------------------------- tracking numbers
def _ups_tracking(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTVWXY") for _ in range(6))
    body += rng.choice(("03", "02", "01", "12"))
    body += "".join(rng.choice("0123456789") for _ in range(7))
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) if ch.isdigit() else (ord(ch) - 63) % 10
        total += v * (2 if i % 2 else 1)
    return "1Z" + body + str((10 - total % 10) % 10)


def _mod10_weighted(digits: str) -> int:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def _usps_tracking(rng: random.Random) -> str:
    body = "9400" + "1" + "".join(rng.choice("0123456789") for _ in range(16))
    return body + str(_mod10_weighted(body))


def _fedex_tracking(rng: random.Random) -> str:
    body = str(rng.randint(2, 8)) + "".join(rng.choice("0123456789") for _ in range(10))
    weights = (1, 3, 7)  # FedEx Express: mod 11 with weights 1, 3, 7 from the right
    total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(body)))
    return body + str(total % 11 % 10)


def _dhl_tracking(rng: random.Random) -> str:
    body = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(8))
    return body + str(int(body) % 7)


TRACKING_GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "ups": _ups_tracking,
    "usps": _usps_tracking,
    "fedex": _fedex_tracking,
    "dhl": _dhl_tracking,
}


# ---------------------------------------------------------------------------- helpers
def _local(dt_utc: datetime, tz: str) -> datetime:
    return dt_utc.astimezone(ZoneInfo(tz))


def _at_local(day_utc: datetime, tz: str, hour: float) -> datetime:
    """The UTC instant of `hour` o'clock local time on the local day that contains `day_utc`."""
    local = _local(day_utc, tz)
    h, minute = int(hour), int((hour % 1) * 60)
    target = local.replace(hour=h, minute=minute, second=0, microsecond=0)
    return target.astimezone(UTC)


def _next_delivery_day(day: datetime, days: int) -> datetime:
    """`days` delivery days after `day` (Sundays and Thanksgiving/Christmas skipped)."""
    closed = {(11, 27), (12, 25)}
    out = day
    while days > 0:
        out += timedelta(days=1)
        if out.weekday() == 6 or (out.month, out.day) in closed:
            continue
        days -= 1
    return out


@dataclass
class _Timeline:
    events: list[tuple[datetime, S, str, str | None, str | None]] = field(default_factory=list)

    def add(self, when: datetime, status: S, desc: str, city: City | tuple[str, str] | None) -> None:
        if city is None:
            name, region = None, None
        elif isinstance(city, City):
            name, region = city.name, city.region
        else:
            name, region = city
        self.events.append((when, status, desc, name, region))


@dataclass
class DemoSummary:
    orders: int
    customers: int
    shipments: int
    events: int
    pickup_points: int
    by_status: dict[str, int]
    now: datetime


class _Builder:
    """Builds all rows in memory, then inserts them in bulk."""

    def __init__(self, seed: int, n_orders: int) -> None:
        self.rng = random.Random(seed)
        # Draws added after the store's first version (carrier estimate revisions) use their own
        # stream, so every order, status and scan drawn from `rng` stays what it was.
        self.revisions = random.Random(seed * 7919 + 1)
        self.n_orders = n_orders
        self.customers: list[dict] = []
        self.orders: list[dict] = []
        self.lines: list[dict] = []
        self.shipments: list[dict] = []
        self.events: list[dict] = []
        self.points: list[dict] = []
        self.points_by_city: dict[tuple[str, str], list[dict]] = {}
        self.tracking_seen: set[str] = set()

    # -- pickup points
    def build_points(self) -> None:
        rng = self.rng
        code = 0
        for city in CITIES:
            here: list[dict] = []
            options: list[tuple[str | None, str, str]] = []
            for carrier, kinds in POINT_KINDS.items():
                for kind, name in kinds:
                    options.append((carrier, kind, name))
            if rng.random() < 0.6:
                options.append((None, "store", "Northwind Outfitters"))
            for carrier, kind, name in options:
                for _ in range(1 if kind == "store" else rng.choice((1, 1, 2))):
                    code += 1
                    lat = city.lat + rng.uniform(-0.045, 0.045)
                    lon = city.lon + rng.uniform(-0.055, 0.055)
                    if kind == "locker":
                        hours: dict[str, list[str] | None] = {d: ["00:00", "24:00"] for d in _DAYS}
                    elif kind == "store":
                        hours = {d: ["10:00", "20:00"] for d in _DAYS[:6]} | {"sun": ["11:00", "18:00"]}
                    else:
                        close = rng.choice(("18:00", "19:00", "20:00", "21:00"))
                        hours = {d: ["08:00", close] for d in _DAYS[:5]} | {"sat": ["09:00", "17:00"]}
                        hours["sun"] = ["10:00", "16:00"] if rng.random() < 0.5 else None
                    label = f"{name} - {city.name}" + ("" if kind == "store" else f" #{code:04d}")
                    row = {
                        "id": code,
                        "code": f"PP{code:05d}",
                        "name": label,
                        "kind": kind,
                        "carrier": carrier,
                        "street": f"{rng.randint(10, 2999)} {rng.choice(STREET_NAMES)}",
                        "city": city.name,
                        "region": city.region,
                        "postal_code": rng.choice(city.zips),
                        "latitude": round(lat, 6),
                        "longitude": round(lon, 6),
                        "opening_hours": hours,
                        "max_parcel_size": "medium" if kind == "locker" else "large",
                    }
                    self.points.append(row)
                    here.append(row)
            self.points_by_city[(city.name, city.region)] = here

    # -- customers
    def customer_for(self, i: int) -> dict:
        rng = self.rng
        # About one order in six comes from a returning customer.
        if self.customers and rng.random() < 0.16:
            return rng.choice(self.customers)
        cid = len(self.customers) + 1
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first.lower()}.{last.lower()}{cid}@example.com"
        channel = address = None
        phone = f"+1{rng.randint(201, 989)}555{rng.randint(100, 199):03d}{rng.randint(0, 9)}"
        r = rng.random()
        if r < 0.15:
            channel, address = "whatsapp", phone.lstrip("+")
        elif r < 0.25:
            channel, address = "messenger", str(rng.randint(10**15, 10**16 - 1))
        row = {
            "id": cid,
            "name": f"{first} {last}",
            "email": email,
            "phone": phone,
            "notify_channel": channel,
            "notify_address": address,
            "created_at": SEASON_START - timedelta(days=rng.randint(0, 700)),
        }
        self.customers.append(row)
        return row

    def tracking(self, carrier: str) -> str:
        while True:
            number = TRACKING_GENERATORS[carrier](self.rng)
            if number not in self.tracking_seen:
                self.tracking_seen.add(number)
                return number

    # -- one order
    def build_order(self, i: int, target: S) -> None:
        rng = self.rng
        oid = i + 1
        customer = self.customer_for(i)
        city = rng.choice(CITIES)
        zip_code = rng.choice(city.zips)
        origin = rng.choice(WAREHOUSES)
        service = rng.choice(SERVICES)
        n_lines = rng.choices((1, 2, 3, 4), weights=(55, 28, 12, 5))[0]
        products: list[Product] = rng.sample(PRODUCTS, n_lines)
        subtotal = 0.0
        size = "small"
        for p in products:
            qty = rng.choices((1, 2), weights=(88, 12))[0]
            subtotal += p.price * qty
            if SIZE_RANK[p.size] > SIZE_RANK[size]:
                size = p.size
            self.lines.append(
                {
                    "order_id": oid,
                    "sku": f"{p.sku}-{rng.randrange(len(p.variants)):02d}",
                    "name": p.name,
                    "category": p.category,
                    "variant": rng.choice(p.variants),
                    "price": p.price,
                    "quantity": qty,
                    "final_sale": p.final_sale,
                }
            )
        shipping_fee = 0.0 if subtotal >= 100 and service.shipping_fee < 10 else service.shipping_fee
        tax = round(subtotal * 0.07, 2)
        timeline, shipment = self.build_timeline(target, city, origin, service, size)
        placed_at = shipment.pop("placed_at")
        self.orders.append(
            {
                "id": oid,
                "number": f"#WS{10000 + oid}",
                "number_key": f"WS{10000 + oid}",
                "customer_id": customer["id"],
                "email": customer["email"],
                "postal_code": zip_code,
                "street": f"{rng.randint(1, 9999)} {rng.choice(STREET_NAMES)}"
                + (f", Apt {rng.randint(1, 40)}" if rng.random() < 0.3 else ""),
                "city": city.name,
                "region": city.region,
                "country": "US",
                "latitude": round(city.lat + rng.uniform(-0.04, 0.04), 6),
                "longitude": round(city.lon + rng.uniform(-0.05, 0.05), 6),
                "timezone": city.timezone,
                "placed_at": placed_at,
                "currency": "USD",
                "subtotal": round(subtotal, 2),
                "shipping": shipping_fee,
                "tax": tax,
                "total": round(subtotal + shipping_fee + tax, 2),
                "financial_status": "paid",
            }
        )
        sid = len(self.shipments) + 1
        shipment.update({"id": sid, "order_id": oid, "carrier": service.carrier, "service": service.name})
        shipment["tracking_number"] = self.tracking(service.carrier)
        shipment["parcel_size"] = size
        shipment["origin_city"], shipment["origin_region"] = origin.name, origin.region
        shipment["origin_postal"] = origin.zips[0]
        self.shipments.append(shipment)
        for seq, (when, status, desc, ev_city, ev_region) in enumerate(sorted(timeline.events, key=lambda e: e[0])):
            self.events.append(
                {
                    "shipment_id": sid,
                    "seq": seq + 1,
                    "status": status.value,
                    "description": desc,
                    "city": ev_city,
                    "region": ev_region,
                    "occurred_at": when,
                    "source": service.carrier,
                }
            )

    def build_timeline(
        self, target: S, city: City, origin: City, service: Service, size: str
    ) -> tuple[_Timeline, dict]:
        """Events for a shipment that is in `target` status at DEMO_NOW, and the shipment's fields.

        Milestones are laid out in order: label, pickup, origin departure, hub arrival and
        departure, local facility, then the status-specific ending, never later than now.
        """
        rng = self.rng
        tz = city.timezone
        carrier = service.carrier
        carrier_name = CARRIER_NAMES[carrier]
        hub = CARRIER_HUBS[carrier][zone_of(city.lon)]
        transit = rng.randint(*service.transit_days)
        if zone_of(city.lon) != zone_of(origin.lon) and ("Ground" in service.name or "Home" in service.name):
            transit += rng.choice((0, 1, 1, 2))
        tl = _Timeline()
        now = DEMO_NOW
        fields: dict = {}

        if target is S.PENDING:
            placed = now - timedelta(hours=rng.uniform(2, 30))
            return tl, self._shipment(target, placed, None, None, None, now) | fields
        if target is S.INFO_RECEIVED:
            placed = now - timedelta(hours=rng.uniform(8, 44))
            label = placed + timedelta(hours=rng.uniform(1, 6))
            tl.add(label, S.INFO_RECEIVED, "Shipping label created, carrier awaiting item", origin)
            est = _next_delivery_day(now, transit + 1)
            return tl, self._shipment(target, placed, None, est, tz, label)

        def journey(shipped: datetime, arrive_ofd: datetime, until: datetime) -> None:
            """Pickup to local facility, spread between pickup and the planned out-for-delivery time."""
            span = arrive_ofd - shipped
            steps = (
                (0.0, "Picked up by carrier", origin),
                (0.1, "Departed origin facility", origin),
                (0.4, f"Arrived at {carrier_name} sort facility", hub),
                (0.55, f"Departed {carrier_name} sort facility", hub),
                (0.85, "Arrived at local delivery facility", city),
            )
            for frac, desc, where in steps:
                when = shipped + span * frac + timedelta(minutes=rng.randint(0, 25))
                if when < until:
                    tl.add(when, S.IN_TRANSIT, desc, where)

        def start(shipped: datetime) -> datetime:
            """Label and order placement before pickup; returns the placement time."""
            label = shipped - timedelta(hours=rng.uniform(2, 20))
            tl.add(label, S.INFO_RECEIVED, "Shipping label created, carrier awaiting item", origin)
            return label - timedelta(hours=rng.uniform(0.5, 6))

        def shipped_before(ofd: datetime) -> datetime:
            return ofd - timedelta(days=transit) - timedelta(hours=rng.uniform(5, 14))

        est_day: datetime | None
        if target in (S.IN_TRANSIT, S.DELAYED, S.EXCEPTION, S.EXPIRED):
            if target is S.EXPIRED:
                shipped = now - timedelta(days=rng.uniform(31, 40))
            else:
                shipped = now - timedelta(hours=rng.uniform(6, max(8.0, transit * 24 - 6)))
            placed = start(shipped)
            est_day = _next_delivery_day(shipped, transit)
            planned_ofd = _at_local(est_day, tz, 7.5)
            until = now if target is not S.EXPIRED else shipped + (planned_ofd - shipped) * 0.5
            journey(shipped, planned_ofd, until)
            last = tl.events[-1]
            planned_day = est_day
            if target is S.DELAYED:
                when = last[0] + (now - last[0]) * rng.uniform(0.3, 0.9)
                tl.add(when, S.DELAYED, rng.choice(DELAY_REASONS), last[3:5])
                est_day = _next_delivery_day(max(est_day, now), rng.randint(1, 3))
                fields.update(self._revised(planned_day, when, tz))
            elif target is S.EXCEPTION:
                when = last[0] + (now - last[0]) * rng.uniform(0.3, 0.9)
                tl.add(when, S.EXCEPTION, rng.choice(EXCEPTION_REASONS), last[3:5])
                # Half the time the carrier gives a new date with the exception; else it withdraws its estimate.
                dated = self.revisions.random() < 0.5
                est_day = _next_delivery_day(now, self.revisions.randint(2, 4)) if dated else None
                fields.update(self._revised(planned_day, when, tz))
            elif target is S.EXPIRED:
                est_day = None
            elif planned_ofd < now:
                # The planned delivery day passed without a delivery: the carrier moved its date.
                est_day = _next_delivery_day(now, 1)
                fields.update(self._revised(planned_day, planned_ofd, tz))
        elif target is S.OUT_FOR_DELIVERY:
            ofd = _at_local(now, tz, rng.uniform(6.5, 9.0))
            shipped = shipped_before(ofd)
            placed = start(shipped)
            journey(shipped, ofd, ofd)
            tl.add(ofd, S.OUT_FOR_DELIVERY, "Out for delivery", city)
            est_day = now
        elif target is S.DELIVERED:
            day = now - timedelta(days=rng.uniform(0.3, 38))
            done = _at_local(day, tz, rng.uniform(10.0, 19.5))
            if done > now:
                done -= timedelta(days=1)
            ofd = _at_local(done, tz, rng.uniform(6.5, 9.0))
            shipped = shipped_before(ofd)
            placed = start(shipped)
            journey(shipped, ofd, ofd)
            tl.add(ofd, S.OUT_FOR_DELIVERY, "Out for delivery", city)
            tl.add(done, S.DELIVERED, f"Delivered, {rng.choice(DELIVERED_PLACES)}", city)
            fields["delivered_at"] = done
            # Mostly on the carrier's date; at peak some a day late, a few a day early.
            slip = rng.choices((-1, 0, 1, 2), weights=(8, 80, 9, 3))[0]
            est_day = done - timedelta(days=slip)
            if slip > 0 and self.revisions.random() < 0.5:
                # Half the late ones were announced on the way: a delay scan and the carrier's new date.
                when = shipped + (ofd - shipped) * self.revisions.uniform(0.6, 0.8)
                tl.add(when, S.DELAYED, self.revisions.choice(DELAY_REASONS), hub)
                fields.update(self._revised(est_day, when, tz))
                est_day = done
        else:  # attempt_failed, available_for_pickup, returned_to_sender: a failed attempt first
            if target is S.ATTEMPT_FAILED:
                local_now = _local(now, tz)
                attempt_day = now if local_now.hour >= 13 else now - timedelta(days=1)
            elif target is S.AVAILABLE_FOR_PICKUP:
                attempt_day = now - timedelta(days=rng.uniform(1, 4))
            else:
                attempt_day = now - timedelta(days=rng.uniform(8, 25))
            ofd = _at_local(attempt_day, tz, rng.uniform(6.5, 8.5))
            attempt = _at_local(attempt_day, tz, rng.uniform(10.0, 12.5))
            shipped = shipped_before(ofd)
            placed = start(shipped)
            journey(shipped, ofd, ofd)
            tl.add(ofd, S.OUT_FOR_DELIVERY, "Out for delivery", city)
            tl.add(attempt, S.ATTEMPT_FAILED, rng.choice(ATTEMPT_REASONS), city)
            est_day = _next_delivery_day(attempt, 1) if target is S.ATTEMPT_FAILED else None
            if target is S.AVAILABLE_FOR_PICKUP:
                eligible = [
                    p
                    for p in self.points_by_city[(city.name, city.region)]
                    if p["carrier"] == carrier and SIZE_RANK[p["max_parcel_size"]] >= SIZE_RANK[size]
                ]
                point = rng.choice(eligible) if eligible else None
                ready = min(attempt + timedelta(hours=rng.uniform(5, 20)), now - timedelta(hours=1))
                if point is not None:
                    fields["pickup_point_id"] = point["id"]
                    where = f"Available for pickup at {point['name']}"
                else:
                    where = f"Available for pickup at the {carrier_name} facility"
                tl.add(ready, S.AVAILABLE_FOR_PICKUP, where, city)
                fields["held_until"] = _at_local(ready + timedelta(days=HOLD_DAYS[carrier]), tz, 19.0)
            elif target is S.RETURNED_TO_SENDER:
                second = _at_local(_next_delivery_day(attempt, 1), tz, rng.uniform(10, 14))
                tl.add(second, S.ATTEMPT_FAILED, "Delivery attempted - address not found", city)
                back = _at_local(_next_delivery_day(second, 2), tz, 9.0)
                tl.add(back, S.RETURNED_TO_SENDER, "Undeliverable as addressed, returning to sender", city)
        updated = max((e[0] for e in tl.events), default=placed)
        shipment = self._shipment(target, placed, shipped, est_day, tz, updated)
        shipment.update(fields)
        return tl, shipment

    @staticmethod
    def _revised(original_day: datetime, announced: datetime, tz: str) -> dict:
        """The fields of a carrier estimate moved at `announced` from `original_day`."""
        return {
            "carrier_estimate_original": _at_local(original_day, tz, 20.0),
            "carrier_estimate_changed_at": announced,
        }

    @staticmethod
    def _shipment(
        target: S,
        placed: datetime,
        shipped: datetime | None,
        est_day: datetime | None,
        tz: str | None,
        updated: datetime,
    ) -> dict:
        est = est_end = None
        if est_day is not None and tz is not None:
            est = _at_local(est_day, tz, 9.0)
            est_end = _at_local(est_day, tz, 20.0)
        return {
            "placed_at": placed,
            "status": target.value,
            "shipped_at": shipped,
            "delivered_at": None,
            "carrier_estimate": est,
            "carrier_estimate_end": est_end,
            "carrier_estimate_changed_at": None,
            "carrier_estimate_original": None,
            "pickup_point_id": None,
            "held_until": None,
            "updated_at": updated,
        }

    def build(self, progress: Callable[[str], None] | None = None) -> None:
        self.build_points()
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        # Every status at least a handful of times, whatever the size of the store.
        plan = [st for st in statuses for _ in range(3)]
        plan += self.rng.choices(statuses, weights=weights, k=max(0, self.n_orders - len(plan)))
        self.rng.shuffle(plan)
        for i, target in enumerate(plan[: self.n_orders]):
            self.build_order(i, target)
            if progress and (i + 1) % 1000 == 0:
                progress(f"built {i + 1}/{self.n_orders} orders")
        # Orders are numbered in the order they were placed, as a real shop numbers them.
        by_time = sorted(self.orders, key=lambda o: o["placed_at"])
        renumber = {o["id"]: idx + 1 for idx, o in enumerate(by_time)}
        for o in self.orders:
            new = renumber[o["id"]]
            o["number"], o["number_key"] = f"#WS{10000 + new}", f"WS{10000 + new}"


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_TABLES = (
    (m.TrackingEvent, "events"),
    (m.Shipment, "shipments"),
    (m.OrderLine, "lines"),
    (m.Order, "orders"),
    (m.PickupPoint, "points"),
    (m.Customer, "customers"),
)


def is_seeded(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(m.Order)).scalar())


def seed(
    engine: Engine,
    orders: int = 5000,
    seed: int = 7,
    reset: bool = False,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary | None:
    """Seed the demo store; returns None when a store already exists and `reset` is false.

    Safe to call from several instances at once: the first seeds, the others see a store.
    """
    create_schema(engine)
    with exclusive(engine):
        if is_seeded(engine) and not reset:
            return None
        say = progress or (lambda _msg: None)
        say(f"building a demo store of {orders} orders (seed {seed})")
        builder = _Builder(seed, orders)
        builder.build(progress)
        with engine.begin() as conn:
            if reset:
                for table, _ in _TABLES:
                    conn.execute(delete(table))
                conn.execute(delete(m.StoreMeta))
            for table, attr in reversed(_TABLES):
                rows = getattr(builder, attr)
                for start in range(0, len(rows), 5000):
                    conn.execute(insert(table), rows[start : start + 5000])
                say(f"inserted {len(rows)} {attr}")
            conn.execute(
                insert(m.StoreMeta),
                [
                    {"key": "clock", "value": DEMO_NOW.isoformat()},
                    {"key": "demo_seed", "value": f"{seed}:{orders}"},
                ],
            )
            if engine.dialect.name == "postgresql":
                for table, _ in _TABLES:
                    name = table.__tablename__
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                        )
                    )
        by_status: dict[str, int] = {}
        for s in builder.shipments:
            by_status[s["status"]] = by_status.get(s["status"], 0) + 1
        return DemoSummary(
            orders=len(builder.orders),
            customers=len(builder.customers),
            shipments=len(builder.shipments),
            events=len(builder.events),
            pickup_points=len(builder.points),
            by_status=by_status,
            now=DEMO_NOW,
        )
