"""The store and conversations on PostgreSQL: two instances on one empty database seed it once,
and a conversation begun on one continues on the other."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from wismo.domain import demo
from wismo.domain.db import get_engine
from wismo.domain.store import Store

from .conftest import make_settings, pick

pytestmark = pytest.mark.postgres


def test_two_instances_seed_once_and_share_conversations(pg_database, tmp_path):
    from wismo.agent.runtime import Agent

    settings = make_settings(tmp_path, pg_database)
    results: list = []

    def instance() -> None:
        engine = get_engine(settings.store_url)
        results.append(demo.seed(engine, orders=400, seed=11))

    threads = [threading.Thread(target=instance) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r is None for r in results) == [False, True]  # exactly one seeded
    orders = Store(get_engine(settings.store_url)).list_orders()
    assert len(orders) == 400

    a, b = Agent(settings), Agent(settings)
    for agent in (a, b):
        agent.graph.checkpointer.prune_every = 1  # prune on every turn (normally every 50)
    row = pick(orders, "in_transit")
    cid = a.start("web")
    first = a.send(cid, f"where is {row['order_number']}? {row['email']}")
    assert row["tracking_number"] in first.text
    follow = b.send(cid, "and when will it arrive?")
    assert any(c["kind"] == "eta" for c in follow.citations), follow.text
    assert [m["role"] for m in b.transcript(cid)["messages"]] == ["customer", "bot", "customer", "bot"]
    again = a.send(cid, "where is it now?")  # the state survived the pruning on both instances
    assert row["tracking_number"] in again.text
    with get_engine(settings.store_url).connect() as db:
        kept = db.execute(text("SELECT count(*) FROM checkpoints WHERE thread_id = :t"), {"t": cid}).scalar_one()
    assert kept == 1


def test_store_queries_on_postgres(pg_database, tmp_path):
    settings = make_settings(tmp_path, pg_database)
    engine = get_engine(settings.store_url)
    demo.seed(engine, orders=200, seed=5)
    store = Store(engine)
    row = store.list_orders(limit=1)[0]
    assert store.verify(row["order_number"], email=row["email"].upper()) is not None
    assert store.verify(row["order_number"], postal_code=row["postal_code"]) is not None
    assert store.verify(row["order_number"], email="someone@else.org") is None
    assert store.shipment_by_tracking(row["tracking_number"]) is not None
    assert store.now() == demo.DEMO_NOW
