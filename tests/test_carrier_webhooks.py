"""AfterShip and EasyPost webhooks: signatures, normalized status, appended events, proactive notices."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import select

from wismo.channels import records
from wismo.channels.signatures import sign_base64, sign_easypost
from wismo.domain.db import session
from wismo.domain.models import Shipment

from .graph_standin import CARRIER_SECRET, make_rig, wa_message


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("carriers"))


def opted_in(rig, channel: str, status: str = "in_transit", skip: int = 0) -> dict:
    rows = [r for r in rig.agent.store.list_orders(status=status) if r["notify_channel"] == channel]
    return rows[skip]


def aftership(tracking: str, tag: str, event_id: str, event: str = "tracking_update", **msg) -> dict:
    return {
        "ts": int(time.time()),
        "event": event,
        "event_id": event_id,
        "msg": {"tracking_number": tracking, "slug": "ups", "tag": tag, "subtag": f"{tag}_001", **msg},
    }


def post_aftership(rig, payload: dict | bytes, secret: str = CARRIER_SECRET):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return rig.client.post(
        "/webhooks/carriers/aftership",
        content=body,
        headers={"Content-Type": "application/json", "aftership-hmac-sha256": sign_base64(secret, body)},
    )


def post_easypost(rig, payload: dict, secret: str = CARRIER_SECRET):
    body = json.dumps(payload).encode()
    return rig.client.post(
        "/webhooks/carriers/easypost",
        content=body,
        headers={"Content-Type": "application/json", "X-Hmac-Signature": sign_easypost(secret, body)},
    )


def shipment(rig, tracking: str) -> Shipment:
    return rig.agent.store.shipment_by_tracking(tracking)


def notices(rig, address: str) -> list[records.NotificationSent]:
    with session(rig.engine) as s:
        return list(s.exec(select(records.NotificationSent).where(records.NotificationSent.address == address)))


ATTEMPT = {
    "checkpoint_time": "2025-12-12T13:30:00-05:00",
    "city": "Springfield",
    "state": "IL",
    "message": "Delivery attempted - receiver not available",
    "tag": "AttemptFail",
    "subtag": "AttemptFail_001",
}


def test_attempt_fail_updates_the_shipment_and_tells_the_whatsapp_customer_once(rig):
    row = opted_in(rig, "whatsapp")
    tn, address = row["tracking_number"], row["notify_address"]
    before_events = len(rig.agent.store.events(shipment(rig, tn).id))
    payload = aftership(tn, "AttemptFail", "evt-af-1", checkpoints=[ATTEMPT])
    r = post_aftership(rig, payload)
    assert r.status_code == 200 and r.json()["status"] == "queued"  # stored; the workers applied it
    ship = shipment(rig, tn)
    assert ship.status == "attempt_failed"
    events = rig.agent.store.events(ship.id)
    assert len(events) == before_events + 1
    assert events[-1].status == "attempt_failed" and events[-1].source == "aftership"
    assert events[-1].description == ATTEMPT["message"] and events[-1].city == "Springfield"
    # One notice, to the order's own opted-in customer: outside any chat window, so the template.
    [sent] = rig.graph.bodies(to=address)
    assert sent["type"] == "template" and sent["template"]["name"] == "shipping_update"
    params = [p["text"] for p in sent["template"]["components"][0]["parameters"]]
    assert params[0] == row["order_number"] and "pickup" in params[1]
    [notice] = notices(rig, address)
    assert notice.kind == "attempt_failed" and notice.status == "sent" and notice.order_key in row["order_number"]
    assert any(s.startswith("pickup:") for s in notice.source_ids)
    assert "couldn't" in notice.text and "\n• " in notice.text
    # Replay: same event id -> nothing changes and no one is notified again.
    r = post_aftership(rig, payload)
    assert r.status_code == 200 and r.json()["status"] == "duplicate"
    assert len(rig.agent.store.events(ship.id)) == before_events + 1
    assert len(rig.graph.bodies(to=address)) == 1 and len(notices(rig, address)) == 1
    # The same history resent under a new event id appends nothing and, with no change, notifies no one.
    r = post_aftership(rig, aftership(tn, "AttemptFail", "evt-af-2", checkpoints=[ATTEMPT]))
    assert r.json()["status"] == "queued"
    assert len(rig.agent.store.events(ship.id)) == before_events + 1
    assert len(rig.graph.bodies(to=address)) == 1


def test_attempt_fail_reaches_a_messenger_customer_with_the_update_tag(rig):
    row = opted_in(rig, "messenger")
    r = post_aftership(rig, aftership(row["tracking_number"], "AttemptFail", "evt-af-fb", checkpoints=[ATTEMPT]))
    assert r.status_code == 200
    [sent] = rig.graph.bodies(to=row["notify_address"])
    assert sent["messaging_type"] == "MESSAGE_TAG" and sent["tag"] == "POST_PURCHASE_UPDATE"
    assert "quick_replies" not in sent["message"] and row["order_number"] in sent["message"]["text"]
    assert "pickup points" in sent["message"]["text"]


def test_inside_the_window_a_whatsapp_notice_is_plain_text(rig):
    row = opted_in(rig, "whatsapp", skip=1)
    wa = row["notify_address"]
    inbound = wa_message(wa, "wamid.in1", "hi", phone_id="109876543210")
    rig.post_signed("/webhooks/whatsapp", inbound)
    post_aftership(rig, aftership(row["tracking_number"], "AttemptFail", "evt-af-win", checkpoints=[ATTEMPT]))
    last = rig.graph.bodies(to=wa)[-1]
    assert last["type"] == "text" and row["order_number"] in last["text"]["body"]


def test_revised_estimate_apologizes_with_the_new_window(rig):
    row = opted_in(rig, "whatsapp", skip=2)
    tn = row["tracking_number"]
    old_end = shipment(rig, tn).carrier_estimate_end
    edd = {
        "type": "range",
        "source": "AfterShip EDD",
        "datetime_min": "2025-12-17",
        "datetime_max": "2025-12-18",
        "revise_reason": "weather",
    }
    r = post_aftership(rig, aftership(tn, "InTransit", "evt-edd-1", event="edd_revise", latest_estimated_delivery=edd))
    assert r.status_code == 200
    ship = shipment(rig, tn)
    assert ship.status == "in_transit" and (old_end is None or ship.carrier_estimate_end > old_end)
    [notice] = notices(rig, row["notify_address"])
    assert notice.kind == "eta_revised" and "sorry" in notice.text
    assert "Wednesday, Dec 17" in notice.text and "Thursday, Dec 18" in notice.text


def test_forged_unknown_and_malformed(rig):
    row = opted_in(rig, "messenger", skip=1)
    tn = row["tracking_number"]
    payload = aftership(tn, "Delivered", "evt-forged")
    assert post_aftership(rig, payload, secret="forged").status_code == 401
    r = rig.client.post("/webhooks/carriers/aftership", json=payload)
    assert r.status_code == 401
    assert shipment(rig, tn).status == row["status"]
    r = post_aftership(rig, aftership("1Z0000UNKNOWN0000", "Delivered", "evt-unknown"))
    assert r.status_code == 202 and r.json()["reason"] == "unknown_tracking_number"
    assert rig.agent.store.shipment_by_tracking("1Z0000UNKNOWN0000") is None
    assert post_aftership(rig, b"{nope").status_code == 400
    assert post_aftership(rig, {"event": "tracking_update", "msg": {}}).status_code == 422


def easypost_event(tracking: str, status: str, event_id: str, detail: str | None = None, **result) -> dict:
    return {
        "object": "Event",
        "id": event_id,
        "description": "tracker.updated",
        "mode": "production",
        "result": {
            "object": "Tracker",
            "id": "trk_1",
            "tracking_code": tracking,
            "status": status,
            "status_detail": detail,
            "carrier": "UPS",
            **result,
        },
    }


def test_easypost_signature_and_update(rig):
    row = opted_in(rig, "whatsapp", status="out_for_delivery")
    tn = row["tracking_number"]
    detail = {
        "object": "TrackingDetail",
        "message": "Delivered, front porch",
        "status": "delivered",
        "status_detail": "arrived_at_destination",
        "datetime": "2025-12-12T18:40:00Z",
        "tracking_location": {"city": "Austin", "state": "TX", "country": "US", "zip": "78701"},
    }
    payload = easypost_event(tn, "delivered", "evt_ep1", "arrived_at_destination", tracking_details=[detail])
    assert post_easypost(rig, payload, secret="forged").status_code == 401
    assert shipment(rig, tn).status == "out_for_delivery"
    r = post_easypost(rig, payload)
    assert r.status_code == 200 and r.json()["status"] == "queued"
    ship = shipment(rig, tn)
    assert ship.status == "delivered" and ship.delivered_at.isoformat().startswith("2025-12-12T18:40")
    assert rig.agent.store.events(ship.id)[-1].description == "Delivered, front porch"
    assert notices(rig, row["notify_address"]) == []  # delivered is not a notice by default
    assert post_easypost(rig, payload).json()["status"] == "duplicate"


def test_easypost_delay_notice_gives_the_new_date(rig):
    row = opted_in(rig, "messenger", skip=2)
    payload = easypost_event(
        row["tracking_number"], "in_transit", "evt_ep_delay", "weather_delay", est_delivery_date="2025-12-16T00:00:00Z"
    )
    r = post_easypost(rig, payload)
    assert r.json()["status"] == "queued" and shipment(rig, row["tracking_number"]).status == "delayed"
    [notice] = notices(rig, row["notify_address"])
    assert notice.kind == "delayed" and "sorry" in notice.text and "Tuesday, Dec 16" in notice.text
