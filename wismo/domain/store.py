"""Store queries: the only place that reads orders, shipments and tracking from the database."""

from __future__ import annotations

import contextlib
import hmac
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import bindparam, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from .db import session
from .models import Customer, Order, OrderLine, PickupPoint, Shipment, StoreMeta, TrackingEvent


def normalize_key(order_number: str) -> str:
    """`#ws 10042` / `WS-10042` -> `WS10042`: the lookup key of an order number."""
    return "".join(ch for ch in order_number.upper() if ch.isalnum())


def normalize_email(email: str) -> str:
    return email.strip().lower()


def normalize_postal(postal: str) -> str:
    return "".join(ch for ch in postal.upper() if ch.isalnum())[:5]


# The hot lookups of every order turn, built once: composing a statement costs SQLAlchemy more than
# running it on SQLite (the cache key of a prebuilt statement is computed only once).
_ORDER_BY_KEY = select(Order).where(Order.number_key == bindparam("key"))
_LINES = select(OrderLine).where(OrderLine.order_id == bindparam("order_id")).order_by(col(OrderLine.id))
_SHIPMENTS = select(Shipment).where(Shipment.order_id == bindparam("order_id")).order_by(col(Shipment.id))
#: Scans in the order they happened (webhooks may deliver an older scan after a newer one).
_EVENTS = (
    select(TrackingEvent)
    .where(TrackingEvent.shipment_id == bindparam("shipment_id"))
    .order_by(col(TrackingEvent.occurred_at), col(TrackingEvent.seq))
)


class Store:
    """Read access to the shop's orders; one per engine, cheap to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._clock: tuple[float, datetime | None] | None = None
        self._pinned = threading.local()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Serve this thread's Store reads inside the block from one session: one connection and
        one consistent snapshot instead of one each (on PostgreSQL, a checkout and a ping each).
        Only for blocks that read: a write made meanwhile through another session is not seen."""
        if getattr(self._pinned, "session", None) is not None:
            yield
            return
        with session(self.engine) as s:
            self._pinned.session = s
            try:
                yield
            finally:
                self._pinned.session = None

    @contextlib.contextmanager
    def using(self, s: Session) -> Iterator[None]:
        """Serve this thread's Store reads inside the block from `s`, a session in the middle of a
        transaction: the reads see what it has written but not yet committed."""
        previous = getattr(self._pinned, "session", None)
        self._pinned.session = s
        try:
            yield
        finally:
            self._pinned.session = previous

    @contextlib.contextmanager
    def _session(self) -> Iterator[Session]:
        pinned = getattr(self._pinned, "session", None)
        if pinned is not None:
            yield pinned
        else:
            with session(self.engine) as s:
                yield s

    # -- clock
    def now(self) -> datetime:
        """The store's clock: a demo store keeps its own frozen 'now'; a real store uses real time."""
        cached = self._clock
        if cached is None or time.monotonic() - cached[0] > 30:
            with self._session() as s:
                meta = s.get(StoreMeta, "clock")
            frozen = datetime.fromisoformat(meta.value) if meta else None
            if frozen is not None and frozen.tzinfo is None:
                frozen = frozen.replace(tzinfo=UTC)
            cached = self._clock = (time.monotonic(), frozen)
        return cached[1] or datetime.now(UTC)

    # -- orders
    def order(self, key: str) -> Order | None:
        with self._session() as s:
            return s.exec(_ORDER_BY_KEY, params={"key": normalize_key(key)}).first()

    def verify(self, key: str, email: str | None = None, postal_code: str | None = None) -> Order | None:
        """The order when the pair matches, else None. Compares in constant time either way."""
        order = self.order(key)
        expected_email = order.email if order else "\0" * 24
        expected_postal = order.postal_code if order else "\0" * 5
        ok = False
        if email:
            ok = hmac.compare_digest(normalize_email(email).encode(), normalize_email(expected_email).encode())
        if postal_code and not ok:
            ok = hmac.compare_digest(normalize_postal(postal_code).encode(), normalize_postal(expected_postal).encode())
        return order if (ok and order is not None) else None

    def lines(self, order_id: int) -> list[OrderLine]:
        with self._session() as s:
            return list(s.exec(_LINES, params={"order_id": order_id}))

    def customer(self, customer_id: int) -> Customer | None:
        with self._session() as s:
            return s.get(Customer, customer_id)

    # -- shipments
    def shipments(self, order_id: int) -> list[Shipment]:
        with self._session() as s:
            return list(s.exec(_SHIPMENTS, params={"order_id": order_id}))

    def shipment_by_tracking(self, tracking_number: str) -> Shipment | None:
        number = "".join(tracking_number.split()).upper()
        with self._session() as s:
            return s.exec(select(Shipment).where(Shipment.tracking_number == number)).first()

    def order_of(self, shipment: Shipment) -> Order | None:
        with self._session() as s:
            return s.get(Order, shipment.order_id)

    def events(self, shipment_id: int) -> list[TrackingEvent]:
        with self._session() as s:
            return list(s.exec(_EVENTS, params={"shipment_id": shipment_id}))

    def pickup_point(self, point_id: int) -> PickupPoint | None:
        with self._session() as s:
            return s.get(PickupPoint, point_id)

    # -- listings (operators, tests, evals)
    def product_names(self, limit: int = 5000) -> list[str]:
        """The names of the products the shop has sold (distinct order-line names)."""
        with self._session() as s:
            return [n for n in s.exec(select(OrderLine.name).distinct().limit(limit)) if n]

    def list_orders(self, status: str | None = None, limit: int | None = None) -> list[dict]:
        """Orders with their latest shipment, as rows for `wismo orders --json`."""
        with self._session() as s:
            latest = (
                select(Shipment.order_id, func.max(Shipment.id).label("sid")).group_by(Shipment.order_id).subquery()
            )
            stmt = (
                select(Order, Shipment, Customer)
                .join(latest, latest.c.order_id == Order.id)
                .join(Shipment, Shipment.id == latest.c.sid)
                .join(Customer, Customer.id == Order.customer_id)
                .order_by(col(Order.number_key))
            )
            if status:
                stmt = stmt.where(Shipment.status == status)
            if limit:
                stmt = stmt.limit(limit)
            rows = []
            for order, ship, cust in s.exec(stmt):
                rows.append(
                    {
                        "order_number": order.number,
                        "email": order.email,
                        "postal_code": order.postal_code,
                        "status": str(ship.status.value if hasattr(ship.status, "value") else ship.status),
                        "carrier": ship.carrier,
                        "service": ship.service,
                        "tracking_number": ship.tracking_number,
                        "city": order.city,
                        "region": order.region,
                        "placed_at": order.placed_at.isoformat(),
                        "total": order.total,
                        "notify_channel": cust.notify_channel,
                        "notify_address": cust.notify_address,
                    }
                )
            return rows
