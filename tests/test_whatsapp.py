"""WhatsApp webhooks, the outbound payloads, the 24-hour window rules and the Graph API retries."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from wismo.channels import records
from wismo.channels.graph_api import (
    GraphClient,
    GraphError,
    messenger_payloads,
    send_agent_reply,
    split_text,
    whatsapp_payloads,
)
from wismo.channels.window import SendRule, WindowClosed, decide
from wismo.domain.db import session

from .graph_standin import VERIFY_TOKEN, GraphStandin, make_rig, wa_message
from .graph_standin import WA_PHONE_ID as PHONE_ID


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("wa"))


def test_verification_handshake(rig):
    q = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "42"}
    assert rig.client.get("/webhooks/whatsapp", params=q).text == "42"
    assert rig.client.get("/webhooks/whatsapp", params={**q, "hub.verify_token": "nope"}).status_code == 403


def test_forged_signature_refused(rig):
    before = len(rig.graph.attempts)
    r = rig.post_signed("/webhooks/whatsapp", wa_message("15550009999", "wamid.F1", "hi"), secret="forged")
    assert r.status_code == 401
    assert len(rig.graph.attempts) == before
    assert records.identity(rig.engine, "whatsapp", "15550009999") is None


def test_inbound_text_gets_a_cloud_api_reply(rig):
    wa_id = "15551234567"
    r = rig.post_signed("/webhooks/whatsapp", wa_message(wa_id, "wamid.T1", "where is my order?", name="Chloe Lewis"))
    assert r.status_code == 200
    [sent] = [s for s in rig.graph.sent if s["body"].get("to") == wa_id]
    assert sent["path"] == f"/v21.0/{PHONE_ID}/messages"
    assert sent["auth"] == "Bearer wa-token"
    body = sent["body"]
    assert body["messaging_product"] == "whatsapp" and body["recipient_type"] == "individual"
    if body["type"] == "text":
        assert set(body["text"]) == {"preview_url", "body"} and len(body["text"]["body"]) <= 4096
        text = body["text"]["body"]
    else:
        assert body["type"] == "interactive" and body["interactive"]["type"] == "button"
        buttons = body["interactive"]["action"]["buttons"]
        assert 1 <= len(buttons) <= 3 and all(len(b["reply"]["title"]) <= 20 for b in buttons)
        text = body["interactive"]["body"]["text"]
    assert "order number" in text
    # The profile name is not identity and is not kept.
    ident = records.identity(rig.engine, "whatsapp", wa_id)
    conv = rig.agent.conversation(ident.conversation_id)
    assert conv.channel == "whatsapp" and conv.channel_user == wa_id and not conv.verified_order
    assert "Chloe" not in str(rig.agent.transcript(conv.id))


def test_statuses_and_reactions_need_no_reply(rig):
    before = len(rig.graph.sent)
    payload = wa_message("15551234567", "wamid.R1", type="reaction", reaction={"message_id": "wamid.x", "emoji": "👍"})
    payload["entry"][0]["changes"][0]["value"]["statuses"] = [
        {"id": "wamid.out2", "status": "read", "timestamp": "1700000100", "recipient_id": "15551234567"},
        {"id": "wamid.out1", "status": "delivered", "timestamp": "1700000000", "recipient_id": "15551234567"},
    ]
    assert rig.post_signed("/webhooks/whatsapp", payload).status_code == 200
    assert rig.graph.sent[before:] == []


def test_button_reply_and_duplicate_delivery(rig):
    wa_id = "15557654321"
    payload = wa_message(
        wa_id,
        "wamid.B1",
        type="interactive",
        interactive={"type": "button_reply", "button_reply": {"id": "Talk to a person", "title": "Talk to a person"}},
    )
    rig.post_signed("/webhooks/whatsapp", payload)
    rig.post_signed("/webhooks/whatsapp", payload)
    assert len(rig.graph.bodies(to=wa_id)) == 1
    conv = records.identity(rig.engine, "whatsapp", wa_id).conversation_id
    assert rig.agent.transcript(conv)["messages"][0]["intent"] == "human_agent"


def test_payload_shapes_and_limits():
    long = ("Your parcel is on its way. " * 400).strip()
    pieces = whatsapp_payloads("1555", long)
    assert len(pieces) >= 3 and all(len(p["text"]["body"]) <= 4096 for p in pieces)
    assert " ".join(p["text"]["body"] for p in pieces).split() == long.split()
    many = whatsapp_payloads("1555", "Pick one", ["a", "b", "c", "d"])
    assert many[0]["type"] == "text" and "• d" in many[0]["text"]["body"]
    three = whatsapp_payloads("1555", "Pick one", ["Track my order", "Pickup points near me", "Talk to a person"])
    assert three[0]["type"] == "interactive"
    assert [b["reply"]["title"] for b in three[0]["interactive"]["action"]["buttons"]][1] == "Pickup points near…"
    fb = messenger_payloads("PSID", "x" * 4500, [f"option {i}" for i in range(20)])
    assert len(fb) == 3 and all(len(p["message"]["text"]) <= 2000 for p in fb)
    assert "quick_replies" not in fb[0]["message"] and len(fb[-1]["message"]["quick_replies"]) == 13
    tagged = messenger_payloads("PSID", "hello", rule=SendRule("MESSAGE_TAG", False, "HUMAN_AGENT"))
    assert tagged[0]["messaging_type"] == "MESSAGE_TAG" and tagged[0]["tag"] == "HUMAN_AGENT"
    assert split_text("", 10) == []


def test_window_rules():
    now = datetime(2025, 12, 12, 19, tzinfo=UTC)
    fresh, day2, week2 = now - timedelta(hours=2), now - timedelta(hours=30), now - timedelta(days=8)
    assert decide("whatsapp", "bot", fresh, now) == SendRule("text", True)
    assert decide("whatsapp", "notice", day2, now).is_template
    with pytest.raises(WindowClosed) as exc:
        decide("whatsapp", "agent", day2, now)
    assert exc.value.needs == "template" and "template" in exc.value.message
    assert decide("messenger", "bot", fresh, now).messaging_type == "RESPONSE"
    assert decide("messenger", "notice", fresh, now).messaging_type == "UPDATE"
    assert decide("messenger", "agent", day2, now) == SendRule("MESSAGE_TAG", False, "HUMAN_AGENT")
    assert decide("messenger", "notice", day2, now).tag == "POST_PURCHASE_UPDATE"
    assert decide("messenger", "notice", day2, now, update_tag="ACCOUNT_UPDATE").tag == "ACCOUNT_UPDATE"
    with pytest.raises(WindowClosed):
        decide("messenger", "agent", week2, now)
    with pytest.raises(WindowClosed):  # a tagged message never carries an offer
        decide("messenger", "agent", day2, now, promotional=True)
    with pytest.raises(WindowClosed):
        decide("messenger", "notice", None, now, update_tag=None)
    with pytest.raises(WindowClosed):  # Instagram has no shipping-update tag
        decide("instagram", "notice", day2, now)


def test_agent_replies_follow_the_window(rig):
    wa_id, psid = "15550001234", "8800"
    rig.post_signed("/webhooks/whatsapp", wa_message(wa_id, "wamid.W1", "hello"))
    rig.post_signed(
        "/webhooks/meta",
        {
            "object": "page",
            "entry": [
                {
                    "id": "P",
                    "time": 1,
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "P"},
                            "timestamp": int(time.time() * 1000),
                            "message": {"mid": "m.w1", "text": "hello"},
                        }
                    ],
                }
            ],
        },
    )
    wa_conv = records.identity(rig.engine, "whatsapp", wa_id).conversation_id
    fb_conv = records.identity(rig.engine, "messenger", psid).conversation_id
    now = datetime.now(UTC)
    res = send_agent_reply(wa_conv, "Hi, this is Sam from support.", outbox=rig.hub.outbox)
    assert res.status == "sent" and rig.graph.bodies(to=wa_id)[-1]["type"] == "text"
    with pytest.raises(WindowClosed, match="template"):
        send_agent_reply(wa_conv, "Still there?", outbox=rig.hub.outbox, now=now + timedelta(hours=25))
    res = send_agent_reply(fb_conv, "Sam here, following up.", outbox=rig.hub.outbox, now=now + timedelta(days=3))
    last = rig.graph.bodies(to=psid)[-1]
    assert (
        last["messaging_type"] == "MESSAGE_TAG"
        and last["tag"] == "HUMAN_AGENT"
        and "quick_replies" not in last["message"]
    )
    with pytest.raises(WindowClosed):
        send_agent_reply(fb_conv, "Hello?", outbox=rig.hub.outbox, now=now + timedelta(days=8))
    with session(rig.engine) as s:
        refused = s.exec(
            select(records.OutboundMessage).where(
                records.OutboundMessage.status == "refused", records.OutboundMessage.sender == "agent"
            )
        ).all()
    assert len(refused) == 2
    with pytest.raises(LookupError):
        send_agent_reply(rig.agent.start("web"), "hi", outbox=rig.hub.outbox)


def test_retries_on_5xx_and_timeouts_but_not_4xx():
    graph = GraphStandin()
    sleeps: list[float] = []
    client = GraphClient(
        "https://graph.standin.test/v21.0", attempts=3, backoff=0.2, transport=graph.transport, sleep=sleeps.append
    )
    graph.fail_next("500", "timeout")
    resp = client.post("me/messages", {"recipient": {"id": "1"}, "message": {"text": "hi"}}, "tok")
    assert resp["message_id"] and len(graph.attempts) == 3 and len(graph.sent) == 1
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] > 0  # backoff grows
    graph.fail_next("400")
    with pytest.raises(GraphError) as exc:
        client.post("me/messages", {"recipient": {"id": "1"}, "message": {"text": "hi"}}, "tok")
    assert exc.value.status == 400 and len(graph.attempts) == 4  # not retried
    graph.fail_next("503", "503", "503")
    with pytest.raises(GraphError) as exc:
        client.post("me/messages", {"recipient": {"id": "1"}, "message": {"text": "hi"}}, "tok")
    assert exc.value.status == 503 and len(graph.attempts) == 7 and len(graph.sent) == 1


def test_a_failed_reply_is_logged_not_lost(rig):
    wa_id = "15550004321"
    rig.graph.fail_next("500", "500", "500")
    assert rig.post_signed("/webhooks/whatsapp", wa_message(wa_id, "wamid.X1", "hi")).status_code == 200
    with session(rig.engine) as s:
        row = s.exec(select(records.OutboundMessage).where(records.OutboundMessage.recipient == wa_id)).one()
    assert row.status == "failed" and "500" in (row.error or "")
