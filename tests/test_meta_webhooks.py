"""Messenger and Instagram webhooks against the local Graph API stand-in."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import select

from wismo.channels import records
from wismo.domain.db import session
from wismo.domain.models import Conversation
from wismo.domain.work_queue import InboundItem

from .graph_standin import APP_SECRET, VERIFY_TOKEN, make_rig


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("meta"))


def now_ms() -> int:
    return int(time.time() * 1000)


def message_event(sender: str, mid: str, text: str | None = None, **message) -> dict:
    msg = {"mid": mid, **message}
    if text is not None:
        msg["text"] = text
    return {"sender": {"id": sender}, "recipient": {"id": "PAGE1"}, "timestamp": now_ms(), "message": msg}


def page(*events: dict, obj: str = "page") -> dict:
    return {"object": obj, "entry": [{"id": "PAGE1", "time": now_ms(), "messaging": list(events)}]}


def test_verification_handshake(rig):
    q = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
    r = rig.client.get("/webhooks/meta", params=q)
    assert r.status_code == 200 and r.text == "1158201444"
    r = rig.client.get("/webhooks/meta", params={**q, "hub.verify_token": "wrong"})
    assert r.status_code == 403 and "1158201444" not in r.text
    r = rig.client.get("/webhooks/meta", params={**q, "hub.mode": "unsubscribe"})
    assert r.status_code == 403


def test_forged_or_missing_signature_is_refused_and_nothing_happens(rig):
    before = len(rig.graph.attempts)
    body = json.dumps(page(message_event("9001", "m.forged", "where is my order"))).encode()
    r = rig.post_signed("/webhooks/meta", body, secret="not-the-app-secret")
    assert r.status_code == 401
    r = rig.client.post("/webhooks/meta", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 401
    # A valid signature over different bytes does not pass either.
    r = rig.client.post(
        "/webhooks/meta",
        content=body + b" ",
        headers={"X-Hub-Signature-256": _sig(body)},
    )
    assert r.status_code == 401
    assert len(rig.graph.attempts) == before
    assert records.identity(rig.engine, "messenger", "9001") is None
    with session(rig.engine) as s:
        assert s.exec(select(InboundItem).where(InboundItem.event_id == "messenger:m.forged")).first() is None


def _sig(body: bytes) -> str:
    from wismo.channels.signatures import sign_meta

    return sign_meta(APP_SECRET, body)


def test_malformed_json_is_400(rig):
    r = rig.post_signed("/webhooks/meta", b"{not json")
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "malformed_json"


def test_batched_entries_each_get_one_reply(rig):
    before = len(rig.graph.sent)
    payload = {
        "object": "page",
        "entry": [
            {"id": "PAGE1", "time": now_ms(), "messaging": [message_event("7001", "m.b1", "hi")]},
            {"id": "PAGE1", "time": now_ms(), "messaging": [message_event("7002", "m.b2", "hello there")]},
        ],
    }
    r = rig.post_signed("/webhooks/meta", payload)
    assert r.status_code == 200 and r.text == "EVENT_RECEIVED"
    new = rig.graph.sent[before:]
    assert sorted(s["body"]["recipient"]["id"] for s in new) == ["7001", "7002"]
    for s in new:
        assert s["path"] == "/v21.0/me/messages"
        assert s["auth"] == "Bearer page-token"
        assert s["body"]["messaging_type"] == "RESPONSE"
        assert "bot" in s["body"]["message"]["text"]  # the bot says it is a bot at the start
    # Two senders, two conversations, each keyed by the opaque sender id.
    a, b = records.identity(rig.engine, "messenger", "7001"), records.identity(rig.engine, "messenger", "7002")
    assert a and b and a.conversation_id != b.conversation_id


def test_echoes_deliveries_and_reads_are_dropped(rig):
    before = len(rig.graph.sent)
    echo = message_event("PAGE1", "m.echo1", "our own reply", is_echo=True, app_id=1517)
    delivery = {
        "sender": {"id": "7003"},
        "recipient": {"id": "PAGE1"},
        "timestamp": now_ms(),
        "delivery": {"mids": ["m.x"], "watermark": now_ms()},
    }
    read = {
        "sender": {"id": "7003"},
        "recipient": {"id": "PAGE1"},
        "timestamp": now_ms(),
        "read": {"watermark": now_ms()},
    }
    r = rig.post_signed("/webhooks/meta", page(echo, delivery, read))
    assert r.status_code == 200
    assert rig.graph.sent[before:] == []
    assert records.identity(rig.engine, "messenger", "PAGE1") is None
    assert records.identity(rig.engine, "messenger", "7003") is None


def test_same_mid_twice_gets_one_reply(rig):
    before = len(rig.graph.sent)
    payload = page(message_event("7004", "m.retry1", "hi"))
    assert rig.post_signed("/webhooks/meta", payload).status_code == 200
    assert rig.post_signed("/webhooks/meta", payload).status_code == 200  # Meta's retry
    assert len(rig.graph.sent) - before == 1


def test_verified_status_conversation_over_messenger(rig):
    row = next(o for o in rig.agent.store.list_orders(status="in_transit"))
    sender = "7100200300400"
    rig.post_signed("/webhooks/meta", page(message_event(sender, "m.s1", "where is my order?")))
    first = rig.graph.bodies(to=sender)[-1]
    assert "order number" in first["message"]["text"]
    rig.post_signed("/webhooks/meta", page(message_event(sender, "m.s2", f"{row['order_number']} {row['email']}")))
    reply = rig.graph.bodies(to=sender)[-1]
    text = reply["message"]["text"]
    assert row["order_number"] in text and "in transit" in text and row["tracking_number"] in text
    qr = reply["message"].get("quick_replies") or []
    assert qr and len(qr) <= 13
    assert all(q["content_type"] == "text" and len(q["title"]) <= 20 and q["payload"] for q in qr)
    ident = records.identity(rig.engine, "messenger", sender)
    with session(rig.engine) as s:
        conv = s.get(Conversation, ident.conversation_id)
    assert conv.channel == "messenger" and conv.channel_user == sender
    assert conv.verified_order and row["order_number"].lstrip("#") in conv.verified_order
    # The transcript keeps the email redacted, as on web chat.
    t = rig.agent.transcript(ident.conversation_id)
    assert row["email"] not in json.dumps(t)


def test_a_social_profile_is_not_identity(rig):
    """Knowing who the sender is on Messenger discloses nothing: the order needs its email or ZIP."""
    row = next(o for o in rig.agent.store.list_orders(status="delayed"))
    sender = "7555"
    rig.post_signed("/webhooks/meta", page(message_event(sender, "m.p1", f"where is {row['order_number']}")))
    text = rig.graph.bodies(to=sender)[-1]["message"]["text"]
    assert row["tracking_number"] not in text and "email" in text.lower()


def test_quick_reply_payload_is_the_customer_text(rig):
    sender = "7600"
    ev = message_event(sender, "m.q1", "Talk to a per…", quick_reply={"payload": "Talk to a person"})
    rig.post_signed("/webhooks/meta", page(ev))
    ident = records.identity(rig.engine, "messenger", sender)
    t = rig.agent.transcript(ident.conversation_id)
    assert t["messages"][0]["intent"] == "human_agent"


def test_instagram_and_attachments(rig):
    before = len(rig.graph.sent)
    ev = message_event("IG42", "m.ig1", attachments=[{"type": "image", "payload": {"url": "https://x.test/a.jpg"}}])
    rig.post_signed("/webhooks/meta", page(ev, obj="instagram"))
    [sent] = rig.graph.sent[before:]
    assert sent["body"]["recipient"]["id"] == "IG42"
    assert "text" in sent["body"]["message"]["text"].lower()
    assert records.identity(rig.engine, "instagram", "IG42") is not None


def test_csat_thumbs_in_messenger(rig):
    """An answered question carries thumbs as quick replies; a tap is stored as CSAT, not a turn."""
    from sqlmodel import select

    from wismo.handoff.records import CsatRating

    row = list(rig.agent.store.list_orders(status="in_transit"))[3]
    sender = "7100200300999"
    rig.post_signed("/webhooks/meta", page(message_event(sender, "m.c1", f"{row['order_number']} {row['email']}")))
    qr = rig.graph.bodies(to=sender)[-1]["message"]["quick_replies"]
    up = next(q for q in qr if q["payload"] == "👍 Helpful")
    event = message_event(sender, "m.c2", up["title"])
    event["message"]["quick_reply"] = {"payload": up["payload"]}
    rig.post_signed("/webhooks/meta", page(event))
    assert rig.graph.bodies(to=sender)[-1]["message"]["text"] == "Thanks for the feedback!"
    cid = records.identity(rig.engine, "messenger", sender).conversation_id
    with session(rig.engine) as s:
        ratings = list(s.exec(select(CsatRating).where(CsatRating.conversation_id == cid)))
    assert [r.score for r in ratings] == [1]
    assert len(rig.agent.transcript(cid)["messages"]) == 2  # the tap was not a turn


def test_csat_thumbs_and_thanks_in_the_customers_language(rig):
    from sqlmodel import select

    from wismo.handoff.records import CsatRating

    row = list(rig.agent.store.list_orders(status="in_transit"))[4]
    sender = "7100200300888"
    hola = f"hola, ¿dónde está mi pedido {row['order_number']}? mi correo es {row['email']}"
    rig.post_signed("/webhooks/meta", page(message_event(sender, "m.es1", hola)))
    qr = rig.graph.bodies(to=sender)[-1]["message"]["quick_replies"]
    assert [q["title"] for q in qr][-2:] == ["👍 Útil", "👎 No me ayudó"]
    event = message_event(sender, "m.es2", "👎 No me ayudó")
    event["message"]["quick_reply"] = {"payload": "👎 No me ayudó"}
    rig.post_signed("/webhooks/meta", page(event))
    assert rig.graph.bodies(to=sender)[-1]["message"]["text"] == "¡Gracias por tu opinión!"
    cid = records.identity(rig.engine, "messenger", sender).conversation_id
    with session(rig.engine) as s:
        assert [r.score for r in s.exec(select(CsatRating).where(CsatRating.conversation_id == cid))] == [-1]
