"""Seasonal notices and playbooks: activation changes affected windows at once, deactivation restores."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from wismo.domain import demo
from wismo.domain.db import get_engine
from wismo.domain.store import Store
from wismo.ops import seasonal_cli
from wismo.ops.seasonal_api import router
from wismo.tools import seasonal

from .conftest import make_settings


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    settings = make_settings(tmp_path_factory.mktemp("seasonal"))
    engine = get_engine(settings.store_url)
    demo.seed(engine, orders=300)
    seasonal.ensure_tables(engine)
    return Store(engine)


def _in_transit(store: Store, region: str, carrier: str):
    for row in store.list_orders(status="in_transit"):
        if row["region"] == region and row["carrier"] == carrier:
            return row
    pytest.skip(f"no in-transit {carrier} shipment to {region} in this demo store")


def test_weather_playbook_on_an_in_transit_tx_ups_shipment(store):
    row = _in_transit(store, "TX", "ups")
    now = store.now()
    assert seasonal.active_notices(store, now, "TX", "ups") == []
    notice = seasonal.activate(
        store, "weather", ["tx"], ["UPS"], now - timedelta(hours=1), now + timedelta(days=3), now=now
    )
    facts = seasonal.active_notices(store, now, row["region"], row["carrier"])
    assert [f.source_id for f in facts] == [f"notice:{notice.id}"]
    assert facts[0].values["extra_days"] == 2 and facts[0].values["regions"] == ["TX"]
    assert "UPS" in facts[0].values["text"] and "TX" in facts[0].values["text"]
    assert seasonal.active_notices(store, now, "CA", "ups") == []
    assert seasonal.active_notices(store, now, "TX", "fedex") == []
    start, end = now + timedelta(days=1), now + timedelta(days=2)
    new_start, new_end = seasonal.adjust_window(start, end, facts)
    assert new_end == end + timedelta(days=2) and new_start >= start
    ended = seasonal.deactivate(store, "weather", now)
    assert [n.id for n in ended] == [notice.id]
    facts = seasonal.active_notices(store, now, "TX", "ups")
    assert facts == [] and seasonal.adjust_window(start, end, facts) == (start, end)


def test_notice_time_box_and_validation(store):
    now = store.now()
    later = seasonal.add_notice(
        store, "delay", "Regional delay.", now + timedelta(days=1), now + timedelta(days=2), regions="NY", extra_days=1
    )
    assert f"notice:{later.id}" not in {f.source_id for f in seasonal.active_notices(store, now, "NY", "ups")}
    assert f"notice:{later.id}" in {
        f.source_id for f in seasonal.active_notices(store, now + timedelta(days=1, hours=1), "NY", "ups")
    }
    with pytest.raises(ValueError):
        seasonal.add_notice(store, "nonsense", "x", now, now + timedelta(days=1))
    with pytest.raises(ValueError):
        seasonal.add_notice(store, "delay", "x", now, now - timedelta(days=1))
    with pytest.raises(KeyError):
        seasonal.activate(store, "nope", ["TX"], [], now, now + timedelta(days=1))


def test_store_hours_overrides(store):
    seasonal.add_store_hours(store, date(2025, 12, 24), opens="10:00", closes="15:00")
    seasonal.add_store_hours(store, date(2025, 12, 25))
    seasonal.add_store_hours(store, date(2025, 12, 24), opens="09:00", closes="12:00", point_code="PP00007")
    assert seasonal.hours_override(store, "PP00001", "store", date(2025, 12, 24)) == ("10:00", "15:00")
    assert seasonal.hours_override(store, "PP00001", "store", date(2025, 12, 25)) is None
    assert seasonal.hours_override(store, "PP00001", "locker", date(2025, 12, 25)) is False
    assert seasonal.hours_override(store, "PP00007", "carrier_point", date(2025, 12, 24)) == ("09:00", "12:00")
    assert seasonal.hours_override(store, "PP00001", "store", date(2025, 12, 26)) is False


def test_ops_api(store, monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", "ops:ok,agent:ak")
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)

    class _Agent:
        engine = store.engine

        def __init__(self):
            self.store = store

    app = FastAPI()
    app.state.get_agent = _Agent
    app.include_router(router)
    anonymous, agent = TestClient(app), TestClient(app, headers={"Authorization": "Bearer ak"})
    assert anonymous.get("/v1/ops/notices").status_code == 401  # what a notice says reaches customers
    assert agent.post("/v1/ops/notices", json={}).status_code == 403
    client = TestClient(app, headers={"Authorization": "Bearer ok"})
    books = client.get("/v1/ops/playbooks").json()["playbooks"]
    assert {b["id"] for b in books} == {"weather", "outage", "strike", "capacity"}
    end = (store.now() + timedelta(days=2)).isoformat()
    r = client.post("/v1/ops/playbooks/strike/activate", json={"regions": ["CA"], "carriers": ["fedex"], "end": end})
    assert r.status_code == 201 and r.json()["active"] and r.json()["extra_days"] == 3
    active = client.get("/v1/ops/notices", params={"active": True}).json()["notices"]
    assert r.json()["id"] in {n["id"] for n in active}
    assert client.post("/v1/ops/playbooks/strike/deactivate", json={}).json()["ended"][0]["id"] == r.json()["id"]
    r = client.post(
        "/v1/ops/notices",
        json={
            "kind": "weather",
            "text": "Snow in Denver.",
            "regions": ["CO"],
            "start": store.now().isoformat(),
            "end": end,
            "extra_days": 1,
        },
    )
    assert r.status_code == 201
    assert client.post(f"/v1/ops/notices/{r.json()['id']}/end").json()["ended_at"]
    assert client.post("/v1/ops/notices/99999/end").status_code == 404
    assert client.post("/v1/ops/playbooks/nope/activate", json={"end": end}).status_code == 404
    assert (
        client.post(
            "/v1/ops/store-hours", json={"first_day": "2025-12-31", "opens": "10:00", "closes": "17:00"}
        ).status_code
        == 201
    )


def test_cli_registers_commands():
    parser = argparse.ArgumentParser()
    seasonal_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["playbook", "activate", "weather", "--regions", "TX", "--carriers", "ups"])
    assert args.func is seasonal_cli.cmd_playbook_activate and args.regions == "TX"
    args = parser.parse_args(["notices", "end", "3"])
    assert args.func is seasonal_cli.cmd_notices_end and args.id == 3
