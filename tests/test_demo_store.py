"""The demo store: deterministic, big enough, every status, realistic formats and histories."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

from sqlmodel import select

from wismo.domain import demo
from wismo.domain.db import get_engine, session
from wismo.domain.models import PickupPoint, Shipment, TrackingEvent
from wismo.domain.status import ShipmentStatus

from .conftest import make_settings

FORMATS = {
    "ups": re.compile(r"^1Z[0-9A-Z]{16}$"),
    "usps": re.compile(r"^94\d{20}$"),
    "fedex": re.compile(r"^\d{12}$"),
    "dhl": re.compile(r"^\d{10}$"),
}


def test_store_size_carriers_and_every_status(orders):
    assert len(orders) >= 5000
    carriers = Counter(o["carrier"] for o in orders)
    assert set(carriers) == {"ups", "usps", "fedex", "dhl"}
    assert min(carriers.values()) > 300  # DHL is the smallest share, as at most US shops
    statuses = Counter(o["status"] for o in orders)
    assert set(statuses) == {s.value for s in ShipmentStatus}
    for row in orders:
        assert FORMATS[row["carrier"]].match(row["tracking_number"]), row
        assert re.fullmatch(r"#WS\d{5}", row["order_number"])
        assert re.fullmatch(r"\d{5}", row["postal_code"])
        assert row["email"].endswith("@example.com")


def test_ups_check_digits_are_valid(orders):
    for row in orders:
        if row["carrier"] != "ups":
            continue
        body = row["tracking_number"][2:-1]
        total = sum(
            (int(ch) if ch.isdigit() else (ord(ch) - 63) % 10) * (2 if i % 2 else 1) for i, ch in enumerate(body)
        )
        assert (10 - total % 10) % 10 == int(row["tracking_number"][-1])


def test_some_customers_opted_in_to_channels(orders):
    channels = Counter(o["notify_channel"] for o in orders)
    assert channels["whatsapp"] > 100 and channels["messenger"] > 100
    wa = next(o for o in orders if o["notify_channel"] == "whatsapp")
    assert wa["notify_address"].isdigit()


def test_histories_are_believable(settings):
    engine = get_engine(settings.store_url)
    with session(engine) as s:
        shipments = list(s.exec(select(Shipment)))
        events = list(s.exec(select(TrackingEvent)))
        points = list(s.exec(select(PickupPoint)))
    by_ship: dict[int, list[TrackingEvent]] = {}
    for e in events:
        by_ship.setdefault(e.shipment_id, []).append(e)
    now = demo.DEMO_NOW
    for sh in shipments:
        evs = sorted(by_ship.get(sh.id, []), key=lambda e: e.seq)
        times = [e.occurred_at for e in evs]
        assert times == sorted(times), f"events out of order for {sh.tracking_number}"
        assert all(t <= now for t in times), f"event in the future for {sh.tracking_number}"
        if sh.status is ShipmentStatus.PENDING:
            assert evs == []
            continue
        assert evs, sh.tracking_number
        # The latest scan agrees with the shipment status (a delay or exception is the latest event too).
        assert evs[-1].status == sh.status or sh.status in (ShipmentStatus.EXPIRED, ShipmentStatus.IN_TRANSIT)
        assert all(e.city and e.region for e in evs)
        if sh.status is ShipmentStatus.DELIVERED:
            assert sh.delivered_at is not None and sh.delivered_at <= now
        if sh.status is ShipmentStatus.AVAILABLE_FOR_PICKUP:
            assert sh.held_until is not None and sh.held_until > now
    kinds = Counter(p.kind for p in points)
    assert {"locker", "store", "carrier_point"} <= set(kinds)


def test_seed_is_deterministic_and_idempotent(tmp_path):
    a = get_engine(make_settings(tmp_path / "a").store_url)
    b = get_engine(make_settings(tmp_path / "b").store_url)
    demo.seed(a, orders=300, seed=3)
    demo.seed(b, orders=300, seed=3)
    assert demo.seed(a, orders=300, seed=3) is None  # already seeded: nothing happens
    from wismo.domain.store import Store

    assert Store(a).list_orders() == Store(b).list_orders()
    assert len(Store(a).list_orders()) == 300


def test_orders_cli_json(tmp_path):
    env = {"WISMO_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "wismo", "demo", "seed", "--orders", "200"], env=env, check=True, capture_output=True
    )
    out = subprocess.run(
        [sys.executable, "-m", "wismo", "orders", "--json", "--status", "attempt_failed", "--limit", "3"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert 1 <= len(rows) <= 3
    for row in rows:
        assert row["status"] == "attempt_failed"
        for key in ("order_number", "email", "postal_code", "carrier", "tracking_number", "notify_channel"):
            assert key in row
