"""Offers: relevant, sparse, tracked; clicks and attributed orders measured."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from wismo.domain import demo
from wismo.domain.catalog import PRODUCTS
from wismo.domain.db import get_engine, session
from wismo.domain.models import Order, OrderLine
from wismo.domain.store import Store
from wismo.tools import offers as O
from wismo.tools import returns as R
from wismo.tools.context import ToolContext
from wismo.tools.evidence import ToolRefused
from wismo.tools.records import OfferClick, OfferImpression

from .conftest import make_settings

ANSWERED = {"answered": True, "channel": "web"}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp("offers")
    engine = get_engine(make_settings(d).store_url)
    demo.seed(engine, orders=300)
    R.create_tables(engine)
    return engine, Store(engine)


def order_with(store: Store, skus: set[str], status: str | None = None, exclude: tuple[str, ...] = ()) -> Order:
    for row in store.list_orders(status):
        order = store.order(row["order_number"])
        have = {O.base_sku(ln.sku) for ln in store.lines(order.id)}
        if have & skus and row["status"] not in exclude:
            return order
    raise LookupError(skus)


def ctx(store: Store, order: Order, cid: str, now=None) -> ToolContext:
    return ToolContext(store, cid, order.number, now or store.now())


def test_rules_are_data_with_seasons():
    cfg = O.config()
    assert cfg.frequency_cap == timedelta(days=7) and len(cfg.offers) >= 5
    mittens = next(r for r in cfg.offers if r.id == "mittens-for-hats")
    assert mittens.in_season(date(2025, 12, 12)) and mittens.in_season(date(2026, 1, 15))
    assert not mittens.in_season(date(2026, 7, 1))
    assert mittens.relevance({"HAT-WOOL"}, {"winter_accessories"}) == 1.0
    assert mittens.relevance({"SCF-CSH"}, {"winter_accessories"}) == 0.6
    assert mittens.relevance({"MUG-STN"}, {"home"}) == 0.0


def test_gates_keep_offers_sparse(env):
    engine, store = env
    quiet = ("exception", "delayed", "attempt_failed", "returned_to_sender")
    order = order_with(store, {"HAT-WOOL", "HAT-POM", "EAR-MUF"}, exclude=quiet)
    c = ctx(store, order, "conv-gates")
    for state, window in (
        ({}, True),
        ({**ANSWERED, "complaint": True}, True),
        ({**ANSWERED, "handoff": True}, True),
        (ANSWERED, False),
        ({**ANSWERED, "offer_shown": True}, True),
    ):
        assert O.pick_offer(c, order.number, window, state) is None
    with session(engine) as s:
        assert s.exec(select(OfferImpression)).first() is None
    with pytest.raises(ToolRefused):
        O.pick_offer(ToolContext(store, "x", None, store.now()), order.number, True, ANSWERED)

    bad = order_with(store, {p.sku for p in PRODUCTS}, status="exception")
    assert O.offer_block(ctx(store, bad, "conv-exc"), bad, True, ANSWERED) == "shipment_problem"
    assert O.pick_offer(ctx(store, bad, "conv-exc"), bad.number, True, ANSWERED) is None


def test_offer_click_conversion_and_metrics(env):
    engine, store = env
    quiet = ("exception", "delayed", "attempt_failed", "returned_to_sender")
    order = order_with(store, {"HAT-WOOL", "HAT-POM"}, exclude=quiet)
    now = store.now()
    fact = O.pick_offer(ctx(store, order, "conv-offer"), order.number, True, ANSWERED)
    assert fact is not None and fact.source_id == "offer:mittens-for-hats"
    assert fact.values["url"].startswith("/o/") and fact.values["name"] == "Fleece-Lined Mittens"
    # One per conversation, and one per customer per 7 days across conversations.
    assert O.pick_offer(ctx(store, order, "conv-offer"), order.number, True, ANSWERED) is None
    assert O.offer_block(ctx(store, order, "conv-later"), order, True, ANSWERED) == "frequency_cap"
    assert O.offer_block(ctx(store, order, "conv-later", now + timedelta(days=8)), order, True, ANSWERED) is None

    app = FastAPI()
    app.include_router(O.router)
    app.state.get_agent = lambda: SimpleNamespace(engine=engine)
    client = TestClient(app)
    resp = client.get(fact.values["url"], follow_redirects=False)
    assert resp.status_code == 302 and resp.headers["location"].startswith("https://shop.example.com/products/mit-flc")
    assert client.get("/o/not-a-token", follow_redirects=False).status_code == 404
    with session(engine) as s:
        assert len(list(s.exec(select(OfferClick)))) == 1

    # The customer orders the mittens two days later: attributed once.
    with session(engine) as s:
        new = Order(
            number="#WS99001",
            number_key="WS99001",
            customer_id=order.customer_id,
            email=order.email,
            postal_code=order.postal_code,
            street=order.street,
            city=order.city,
            region=order.region,
            placed_at=now + timedelta(days=2),
            subtotal=24.0,
            shipping=5.95,
            tax=1.68,
            total=31.63,
        )
        s.add(new)
        s.flush()
        s.add(
            OrderLine(
                order_id=new.id,
                sku="MIT-FLC-01",
                name="Fleece-Lined Mittens",
                category="winter_accessories",
                variant="L/XL",
                price=24.0,
            )
        )
        s.commit()
    assert O.attribute_conversions(engine, now + timedelta(days=1)) == 0  # not placed yet
    assert O.attribute_conversions(engine, now + timedelta(days=3)) == 1
    assert O.attribute_conversions(engine, now + timedelta(days=3)) == 0
    m = O.offer_metrics(engine)
    assert m["impressions"] == 1 and m["clicks"] == 1 and m["click_through_rate"] == 1.0
    assert m["conversions"] == 1 and m["click_conversions"] == 1 and m["aov_offer"] == 31.63
    assert m["aov_baseline"] > 0 and m["aov_uplift"] == pytest.approx(31.63 / m["aov_baseline"] - 1, abs=1e-3)
    # The customer owns mittens now: never offered again.
    assert all(rule.id != "mittens-for-hats" for _, rule in O.rank_offers(engine, order, date(2025, 12, 20)))
