"""Proactive notice rules, their wording, and the ops figures (notices sent, customers who wrote anyway)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select

from wismo.channels.proactive import Notifier, kind_for, proactive_stats
from wismo.channels.signatures import sign_base64
from wismo.connectors.apply import EventIn, TrackingUpdate, apply_update
from wismo.domain.db import session
from wismo.domain.models import Order, Shipment
from wismo.domain.status import ShipmentStatus as S

from .graph_standin import CARRIER_SECRET, channel_settings, make_rig, wa_message

ALL = frozenset({"attempt_failed", "delayed", "eta_revised", "available_for_pickup", "exception", "out_for_delivery"})


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("proactive"))


def result(prev: S, new: S, old_end=None, new_end=None) -> SimpleNamespace:
    return SimpleNamespace(
        status_changed=prev != new,
        status=new,
        estimate_later=bool(old_end and new_end and new_end > old_end),
    )


def test_rules():
    assert kind_for(result(S.IN_TRANSIT, S.ATTEMPT_FAILED), ALL) == "attempt_failed"
    assert kind_for(result(S.ATTEMPT_FAILED, S.ATTEMPT_FAILED), ALL) is None  # no change, no news
    assert kind_for(result(S.IN_TRANSIT, S.DELAYED), ALL) == "delayed"
    assert kind_for(result(S.IN_TRANSIT, S.IN_TRANSIT, 1, 2), ALL) == "eta_revised"
    assert kind_for(result(S.IN_TRANSIT, S.IN_TRANSIT, 2, 1), ALL) is None  # an earlier date is no apology
    assert kind_for(result(S.IN_TRANSIT, S.AVAILABLE_FOR_PICKUP), ALL) == "available_for_pickup"
    assert kind_for(result(S.IN_TRANSIT, S.DELIVERED), ALL) is None
    assert kind_for(result(S.IN_TRANSIT, S.OUT_FOR_DELIVERY), ALL) == "out_for_delivery"
    default = channel_settings().notice_kinds
    assert "out_for_delivery" not in default and "attempt_failed" in default
    assert "out_for_delivery" in channel_settings(WISMO_NOTIFY_OUT_FOR_DELIVERY=True).notice_kinds
    assert kind_for(result(S.IN_TRANSIT, S.OUT_FOR_DELIVERY), default) is None


def _order_ship(rig, status: str, channel: str | None = "whatsapp", skip: int = 0):
    rows = [r for r in rig.agent.store.list_orders(status=status) if r["notify_channel"] == channel][skip:]
    row = rows[0]
    ship = rig.agent.store.shipment_by_tracking(row["tracking_number"])
    with session(rig.engine) as s:
        return row, s.get(Order, ship.order_id), s.get(Shipment, ship.id)


def test_ready_for_pickup_says_where_and_until_when(rig):
    row, order, ship = _order_ship(rig, "available_for_pickup")
    notifier = Notifier(rig.engine, rig.hub.outbox, rig.hub.settings, brand="Northwind Outfitters")
    notice = notifier.compose("available_for_pickup", order, ship)
    point = rig.agent.store.pickup_point(ship.pickup_point_id)
    assert point.name in notice.text and point.street in notice.text
    assert "held until" in notice.text and row["tracking_number"] in notice.text
    assert f"pickup:{point.code}" in notice.source_ids
    assert "offer" not in " ".join(notice.source_ids)


def test_out_for_delivery_only_when_enabled(rig):
    row, order, ship = _order_ship(rig, "in_transit", skip=3)
    update = TrackingUpdate("aftership", row["tracking_number"], S.OUT_FOR_DELIVERY, [])
    res = apply_update(rig.engine, update)
    off = Notifier(rig.engine, rig.hub.outbox, rig.hub.settings, brand="B")
    assert off.notify(res, "test:ofd-off") is None
    on = Notifier(rig.engine, rig.hub.outbox, channel_settings(WISMO_NOTIFY_OUT_FOR_DELIVERY=True), brand="B")
    sent = on.notify(res, "test:ofd-on")
    assert sent.kind == "out_for_delivery" and sent.status == "sent"
    assert on.notify(res, "test:ofd-on") is None  # once per event


def test_customers_who_did_not_opt_in_get_nothing(rig):
    row, order, ship = _order_ship(rig, "in_transit", channel=None)
    before = len(rig.graph.sent)
    ev = EventIn(S.ATTEMPT_FAILED, "Delivery attempted", rig.agent.store.now())
    res = apply_update(rig.engine, TrackingUpdate("easypost", row["tracking_number"], S.ATTEMPT_FAILED, [ev]))
    notifier = Notifier(rig.engine, rig.hub.outbox, rig.hub.settings, brand="B")
    assert notifier.notify(res, "test:no-optin") is None
    assert len(rig.graph.sent) == before


def post_attempt(rig, tracking: str, event_id: str, tag: str = "AttemptFail", message: str = "Business closed"):
    body = json.dumps(
        {
            "ts": int(time.time()),
            "event": "tracking_update",
            "event_id": event_id,
            "msg": {
                "tracking_number": tracking,
                "tag": tag,
                "checkpoints": [{"checkpoint_time": "2025-12-12T12:00:00-05:00", "message": message, "tag": tag}],
            },
        }
    ).encode()
    headers = {"Content-Type": "application/json", "aftership-hmac-sha256": sign_base64(CARRIER_SECRET, body)}
    return rig.client.post("/webhooks/carriers/aftership", content=body, headers=headers)


def test_stats_count_notices_and_customers_who_wrote_anyway(rig):
    base = proactive_stats(rig.engine)
    a, _, _ = _order_ship(rig, "in_transit", skip=4)
    b, _, _ = _order_ship(rig, "in_transit", skip=5)
    assert post_attempt(rig, a["tracking_number"], "stats-a").status_code == 200
    assert post_attempt(rig, b["tracking_number"], "stats-b").status_code == 200
    mid = proactive_stats(rig.engine)
    assert mid["notices_sent"] == base["notices_sent"] + 2
    assert mid["by_kind"]["attempt_failed"] == base["by_kind"].get("attempt_failed", 0) + 2
    assert mid["contacted_after"] == base["contacted_after"]
    # Customer A writes in on WhatsApp anyway.
    inbound = wa_message(a["notify_address"], "wamid.stats1", "so where is it now?", phone_id="109876543210")
    rig.post_signed("/webhooks/whatsapp", inbound)
    after = proactive_stats(rig.engine)
    assert after["contacted_after"] == base["contacted_after"] + 1
    assert set(after) >= {"notices_sent", "by_kind", "contacted_after"}
    # A web chat that verifies order B counts too.
    cid = rig.agent.start("web")
    rig.agent.send(cid, f"{b['order_number']} {b['postal_code']}")
    assert proactive_stats(rig.engine)["contacted_after"] == base["contacted_after"] + 2
    assert proactive_stats(rig.engine, since=datetime.now(UTC) + timedelta(hours=1))["notices_sent"] == 0


def test_a_late_older_scan_fills_the_history_but_moves_nothing_back(rig):
    row, order, ship = _order_ship(rig, "in_transit", skip=7)
    store = rig.agent.store
    base = store.events(ship.id)[-1].occurred_at.replace(tzinfo=UTC)
    delivered = EventIn(S.DELIVERED, "Delivered, front door", base + timedelta(hours=5), city="Austin")
    res = apply_update(rig.engine, TrackingUpdate("aftership", row["tracking_number"], S.DELIVERED, [delivered]))
    assert res.status is S.DELIVERED and res.status_changed

    # The carrier's earlier "out for delivery" webhook arrives last.
    late = EventIn(S.OUT_FOR_DELIVERY, "Out for delivery", base + timedelta(hours=2), city="Austin")
    res = apply_update(rig.engine, TrackingUpdate("aftership", row["tracking_number"], S.OUT_FOR_DELIVERY, [late]))
    assert res.status is S.DELIVERED and not res.status_changed and len(res.appended) == 1
    assert Notifier(rig.engine, rig.hub.outbox, rig.hub.settings, brand="B").notify(res, "test:late") is None
    with session(rig.engine) as s:
        assert S(s.get(Shipment, ship.id).status) is S.DELIVERED
    timeline = [S(e.status) for e in store.events(ship.id)]
    assert timeline[-2:] == [S.OUT_FOR_DELIVERY, S.DELIVERED]  # in the order they happened

    # News newer than the last scan still applies.
    back = EventIn(S.RETURNED_TO_SENDER, "Returned to sender", base + timedelta(days=2))
    res = apply_update(rig.engine, TrackingUpdate("aftership", row["tracking_number"], S.RETURNED_TO_SENDER, [back]))
    assert res.status is S.RETURNED_TO_SENDER and res.status_changed


def test_stats_show_the_notices_that_did_not_go_out(rig):
    from wismo.channels import records

    base = proactive_stats(rig.engine)["not_sent"]
    now = datetime.now(UTC)
    with session(rig.engine) as s:
        for i, status in enumerate(("refused", "failed", "failed")):
            s.add(
                records.NotificationSent(
                    event_key=f"test:not-sent-{i}",
                    order_key="WS0",
                    shipment_id=0,
                    kind="delayed",
                    channel="whatsapp",
                    address="15550000000",
                    status=status,
                    text="t",
                    source_ids=[],
                    created_at=now,
                )
            )
        s.commit()
    stats = proactive_stats(rig.engine)
    assert stats["not_sent"] == {"refused": base["refused"] + 1, "failed": base["failed"] + 2}
    assert proactive_stats(rig.engine, since=now + timedelta(minutes=1))["not_sent"] == {"refused": 0, "failed": 0}


def test_the_whatsapp_update_template_has_a_name_and_language_per_customer_language():
    cs = channel_settings()
    assert cs.update_template("es") == ("shipping_update", "es")
    assert cs.update_template("pt") == ("shipping_update", "pt_BR")
    assert cs.update_template("en") == ("shipping_update", "en_US") and cs.update_template(None)[1] == "en_US"
    named = channel_settings(
        WISMO_WHATSAPP_UPDATE_TEMPLATES="es=aviso_envio, =x, bad", WISMO_WHATSAPP_TEMPLATE_LANGUAGES="es=es_MX"
    )
    assert named.update_template("es") == ("aviso_envio", "es_MX") and named.update_template("fr") == (
        "shipping_update",
        "en_US",
    )


def test_a_customer_who_wrote_in_spanish_gets_notices_in_spanish_and_the_spanish_template(rig):
    from wismo.channels import records

    row, _, _ = _order_ship(rig, "in_transit", skip=7)
    address = row["notify_address"]
    hello = wa_message(address, "wamid.es1", f"hola, ¿dónde está mi pedido {row['order_number']}? gracias")
    assert rig.post_signed("/webhooks/whatsapp", hello).status_code == 200
    rig.drain()
    assert post_attempt(rig, row["tracking_number"], "lang-es-1").status_code == 200
    with session(rig.engine) as s:
        notice = s.exec(
            select(records.NotificationSent).where(records.NotificationSent.event_key.contains("lang-es-1"))
        ).one()
    assert "intentó entregar tu pedido" in notice.text and row["order_number"] in notice.text
    assert "diciembre" in notice.text and "tried to deliver" not in notice.text
    # Two days later the 24-hour window is closed: the next notice goes out as the Spanish template.
    with session(rig.engine) as s:
        ident = s.exec(select(records.ChannelIdentity).where(records.ChannelIdentity.sender_id == address)).one()
        ident.last_inbound_at = datetime.now(UTC) - timedelta(days=2)
        s.add(ident)
        s.commit()
    assert post_attempt(rig, row["tracking_number"], "lang-es-2", "Exception", "Held at customs").status_code == 200
    sent = [b for b in rig.graph.bodies(to=address) if b.get("type") == "template"]
    assert sent and sent[-1]["template"]["name"] == "shipping_update"
    assert sent[-1]["template"]["language"]["code"] == "es"
    assert any("está retenido por" in p["text"] for p in sent[-1]["template"]["components"][0]["parameters"])


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "a tenté de livrer"), ("de", "zuzustellen"), ("pt", "tentou entregar")]
)
def test_notices_are_written_in_each_language_with_its_dates(rig, lang, words):
    _, order, ship = _order_ship(rig, "attempt_failed")
    notice = Notifier(rig.engine, rig.hub.outbox, rig.hub.settings, brand="Northwind").compose(
        "attempt_failed", order, ship, lang
    )
    assert words in notice.text and order.number in notice.text and notice.language == lang
    assert "tried to deliver" not in notice.text and "Reply here" not in notice.text
