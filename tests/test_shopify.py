"""Shopify order and fulfillment webhooks upsert orders and shipments in the store."""

from __future__ import annotations

import json
import uuid

import pytest

from wismo.channels.signatures import sign_base64

from .graph_standin import SHOPIFY_SECRET, make_rig


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("shopify"))


def post(rig, topic: str, payload: dict | bytes, secret: str = SHOPIFY_SECRET, webhook_id: str | None = None):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Shop-Domain": "northwind.myshopify.com",
        "X-Shopify-Webhook-Id": webhook_id or str(uuid.uuid4()),
        "X-Shopify-Hmac-Sha256": sign_base64(secret, body),
    }
    return rig.client.post("/webhooks/shopify", content=body, headers=headers)


ORDER = {
    "id": 820982911946154508,
    "name": "#1001",
    "email": "Jon.Snow@Example.com",
    "created_at": "2025-12-10T10:00:00-05:00",
    "currency": "USD",
    "subtotal_price": "120.00",
    "total_tax": "9.60",
    "total_price": "137.55",
    "total_shipping_price_set": {"shop_money": {"amount": "7.95", "currency_code": "USD"}},
    "financial_status": "paid",
    "customer": {"id": 115310627314723954, "email": "jon.snow@example.com", "first_name": "Jon", "last_name": "Snow"},
    "shipping_address": {
        "address1": "123 Amoebobacterieae St",
        "city": "Ottawa",
        "province_code": "ON",
        "zip": "K2P 1L4",
        "country_code": "CA",
        "latitude": 45.41634,
        "longitude": -75.6868,
    },
    "line_items": [
        {"id": 1, "sku": "IPOD-342-N", "title": "IPod Nano", "variant_title": "Pink", "price": "60.00", "quantity": 2}
    ],
    "fulfillments": [],
}


def test_forged_and_malformed_are_refused(rig):
    assert post(rig, "orders/create", ORDER, secret="forged").status_code == 401
    assert rig.agent.store.order("#1001") is None
    assert post(rig, "orders/create", b"{oops").status_code == 400
    assert post(rig, "products/update", {"id": 1}).json()["status"] == "ignored"


def test_order_then_fulfillments_upsert(rig):
    r = post(rig, "orders/create", ORDER, webhook_id="wh-1")
    assert r.status_code == 200 and r.json()["status"] == "queued"  # stored; the workers applied it
    order = rig.agent.store.order("#1001")
    assert order.number == "#1001" and order.email == "jon.snow@example.com" and order.total == 137.55
    assert order.shipping == 7.95 and order.city == "Ottawa"
    assert [(line.sku, line.quantity) for line in rig.agent.store.lines(order.id)] == [("IPOD-342-N", 2)]
    # The same customer proves access like any other: number + email or ZIP.
    assert rig.agent.store.verify("1001", email="jon.snow@example.com") is not None
    # Shopify retries the same delivery: nothing new.
    assert post(rig, "orders/create", ORDER, webhook_id="wh-1").json()["status"] == "duplicate"

    updated = {
        **ORDER,
        "fulfillments": [
            {
                "id": 255858046,
                "order_id": ORDER["id"],
                "name": "#1001.1",
                "status": "success",
                "tracking_company": "UPS",
                "tracking_number": "1Z2345 6789 0123 4567",
                "tracking_numbers": ["1Z2345 6789 0123 4567"],
                "shipment_status": "in_transit",
                "created_at": "2025-12-11T09:00:00-05:00",
                "updated_at": "2025-12-11T15:00:00-05:00",
            }
        ],
    }
    r = post(rig, "orders/updated", updated)
    assert r.json()["status"] == "queued"
    [ship] = rig.agent.store.shipments(order.id)
    assert ship.tracking_number == "1Z2345678901234567" and ship.carrier == "ups" and ship.status == "in_transit"
    assert len(rig.agent.store.lines(order.id)) == 1  # lines are not duplicated by an update

    # A fulfillment update found through Shopify's order id: attempted delivery.
    fulfillment = {
        **updated["fulfillments"][0],
        "shipment_status": "attempted_delivery",
        "updated_at": "2025-12-12T11:00:00-05:00",
    }
    r = post(rig, "fulfillments/update", fulfillment)
    assert r.status_code == 200 and r.json()["status"] == "queued"
    ship = rig.agent.store.shipment_by_tracking("1Z2345678901234567")
    assert ship.status == "attempt_failed"
    events = rig.agent.store.events(ship.id)
    assert [e.status for e in events] == ["in_transit", "attempt_failed"] and events[-1].source == "shopify"
    row = next(r for r in rig.agent.store.list_orders() if r["order_number"] == "#1001")
    assert row["status"] == "attempt_failed" and row["tracking_number"] == "1Z2345678901234567"


def test_fulfillment_by_name_for_an_existing_demo_order(rig):
    demo = rig.agent.store.list_orders(status="pending")[0]
    order = rig.agent.store.order(demo["order_number"])
    fulfillment = {
        "id": 99,
        "order_id": 123456,  # unknown to us: the name leads to the order
        "name": f"{demo['order_number']}.2",
        "status": "success",
        "tracking_company": "FedEx",
        "tracking_numbers": ["7720 0000 1111"],
        "shipment_status": "label_printed",
        "created_at": "2025-12-12T08:00:00-05:00",
    }
    r = post(rig, "fulfillments/create", fulfillment)
    assert r.status_code == 200 and r.json()["status"] == "queued"
    ships = rig.agent.store.shipments(order.id)
    assert (
        ships[-1].tracking_number == "772000001111"
        and ships[-1].carrier == "fedex"
        and ships[-1].status == "info_received"
    )


def test_fulfillment_for_an_unknown_order_is_accepted_and_ignored(rig):
    r = post(rig, "fulfillments/create", {"id": 5, "order_id": 42, "name": "#NOPE9.1", "tracking_numbers": ["X1"]})
    assert r.status_code == 200 and r.json()["status"] == "queued"  # the workers find no order and log it
    assert rig.agent.store.shipment_by_tracking("X1") is None
