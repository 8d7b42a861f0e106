"""The agent inbox end to end: escalation package and priority, claim, reply, release, resolve."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from wismo.handoff import inbox
from wismo.handoff.escalation import WAIT_CAP, summarize, wait_bonus
from wismo.handoff.sentiment import conversation_score, is_negative, score

from .conftest import seeded_agent

AGENT, AGENT2, OPS, ADMIN = "agent-key-1", "agent-key-2", "ops-key-1", "admin-key-1"
KEYS = f"agent:{AGENT},agent:{AGENT2},ops:{OPS},admin:{ADMIN}"


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A fresh 300-order store, its agent, and an app with the inbox and ops routers."""
    from wismo.domain.store import Store
    from wismo.server import create_app

    agent = seeded_agent(tmp_path_factory.mktemp("inbox"))
    app = create_app(agent.settings, agent)
    orders = Store(agent.engine).list_orders()
    return agent, TestClient(app), orders


@pytest.fixture(autouse=True)
def _keys(monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", KEYS)
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)
    yield
    inbox.set_channel_sender(None)


def talk(client, texts, channel="web") -> tuple[str, dict]:
    cid = client.post("/v1/conversations", json={"channel": channel}).json()["conversation_id"]
    body = {}
    for t in texts:
        r = client.post(f"/v1/conversations/{cid}/messages", json={"text": t})
        assert r.status_code == 200, r.text
        body = r.json()["reply"]
    return cid, body


def test_sentiment_scorer_reads_mood_from_redacted_turns():
    assert score("This is RIDICULOUS, my parcel is STILL not here!!!") < -0.4
    assert score("I am very angry, worst service ever") < score("I am angry")
    assert score("thanks, that's great") > 0.3
    assert score("where is my order <ORDER_1> <EMAIL_1>") == 0.0
    assert score("not good at all") < 0 < score("not bad")
    assert is_negative(["hi", "where is my order", "this is unacceptable, a total joke"])
    assert not is_negative(["where is my order", "thanks"])
    assert conversation_score([]) == 0.0


def test_escalation_package_and_priority(world):
    agent, client, orders = world
    row = next(o for o in orders if o["status"] == "in_transit")
    cid, reply = talk(
        client,
        [f"{row['order_number']} {row['email']}", "This is ridiculous and unacceptable!!! Let me talk to a person"],
    )
    # An angry request for a person goes with the reason that ranks it: frustration, not a plain request.
    assert reply["handoff"] and reply["handoff"]["reason"] == "frustration"
    hid = reply["handoff"]["handoff_id"]
    case = client.get(f"/v1/handoffs/{hid}", headers=auth(AGENT)).json()
    pkg = case["package"]
    assert pkg["reason"] == "frustration"
    assert set(pkg["summary"]) == {"wants", "did", "left"}
    assert pkg["identity"] == {"verified_order": pkg["identity"]["verified_order"], "verified": True}
    assert pkg["snapshot"] and all(
        e["source_id"].split(":")[0] in {"order", "shipment", "eta"} for e in pkg["snapshot"]
    )
    # The mood is read from the live transcript, including the turn that triggered the handoff.
    assert case["priority_factors"]["negative_sentiment"] == 2 and case["sentiment"] < 0
    assert case["priority"] == sum(case["priority_factors"].values())
    assert case["mode"] == "human" and case["status"] == "open"
    # The transcript the agent reads is redacted; the email never appears.
    assert all(row["email"] not in m["text"] for m in case["transcript"])
    assert [e["action"] for e in case["events"]] == ["created"]

    # A second conversation about the same order within 72 h is a repeat contact and ranks higher.
    cid2, reply2 = talk(client, [f"{row['order_number']} {row['postal_code']}", "I want to speak to a human"])
    hid2 = reply2["handoff"]["handoff_id"]
    case2 = client.get(f"/v1/handoffs/{hid2}", headers=auth(AGENT)).json()
    assert case2["package"]["repeat_contacts"] == [cid]
    assert case2["package"]["priority_factors"]["repeat_contact"] == 2

    queue = client.get("/v1/handoffs", headers=auth(OPS)).json()["handoffs"]
    ids = [q["id"] for q in queue]
    assert {hid, hid2} <= set(ids)
    keys = [(-q["effective_priority"], q["created_at"]) for q in queue]
    assert keys == sorted(keys)


def test_escalate_takes_the_triggering_turn_into_the_package(world):
    from wismo.handoff.escalation import escalate

    agent, client, orders = world
    cid = client.post("/v1/conversations", json={"channel": "web"}).json()["conversation_id"]
    now = datetime.now(UTC)
    case = escalate(
        agent.engine,
        cid,
        "policy_exception",
        now,
        "start_return",
        None,
        [],
        400.0,
        customer_text="This is a total joke, I am furious",
    )
    pkg = case.package
    assert pkg["transcript"][-1]["text"] == "This is a total joke, I am furious"
    assert pkg["priority_factors"] == {"reason": 3, "high_value": 2, "negative_sentiment": 2}
    assert case.priority == 7 and pkg["identity"] == {"verified_order": None, "verified": False}
    assert pkg["summary"]["left"] == "Left: decide on the exception and reply."
    with pytest.raises(ValueError):
        escalate(agent.engine, cid, "bored", now, None, None, [])


def test_waiting_time_raises_priority():
    now = datetime(2025, 12, 12, 19, 0, tzinfo=UTC)
    assert wait_bonus(now, now) == 0
    assert wait_bonus(now - timedelta(minutes=25), now) == 2
    assert wait_bonus(now - timedelta(hours=5), now) == WAIT_CAP
    assert summarize("tool_failure", "order_status", "WS10001", ["a", "b"]).startswith(
        "Customer wants to know where their order is. wismo verified order WS10001 and looked up 2 sources"
    )


def test_claim_reply_release_round_trip_on_web_chat(world):
    agent, client, orders = world
    row = next(o for o in orders if o["status"] == "delivered")
    cid, reply = talk(client, [f"{row['order_number']} {row['email']}", "talk to a person please"])
    hid = reply["handoff"]["handoff_id"]

    assert client.post(f"/v1/handoffs/{hid}/claim", headers=auth(AGENT)).json()["status"] == "claimed"
    r = client.post(f"/v1/handoffs/{hid}/claim", headers=auth(AGENT2))
    assert r.status_code == 409 and r.json()["error"]["code"] == "error" or r.status_code == 409
    assert client.post(f"/v1/handoffs/{hid}/reply", headers=auth(AGENT2), json={"text": "hi"}).status_code == 409

    r = client.post(
        f"/v1/handoffs/{hid}/reply",
        headers=auth(AGENT),
        json={"text": f"Hi! I checked order {row['order_number']}; I'll email you at {row['email']}."},
    )
    assert r.status_code == 200, r.text
    sent = r.json()
    assert sent["via"] == "transcript" and sent["delivered"] is True
    t = client.get(f"/v1/conversations/{cid}").json()
    agent_msgs = [m for m in t["messages"] if m["role"] == "agent"]
    assert len(agent_msgs) == 1 and agent_msgs[0]["id"] == sent["message_id"]
    assert row["email"] not in agent_msgs[0]["text"] and "<EMAIL_1>" in agent_msgs[0]["text"]
    assert t["mode"] == "human"

    r = client.post(f"/v1/handoffs/{hid}/release", headers=auth(AGENT))
    assert r.json() == {"id": hid, "status": "released", "mode": "bot", "message_id": r.json()["message_id"]}
    t = client.get(f"/v1/conversations/{cid}").json()
    assert t["mode"] == "bot"
    assert t["messages"][-1]["role"] == "bot" and t["messages"][-1]["text"].startswith("You're back with Wiz")
    # The bot really has the conversation again: it answers, no handoff.
    _, again = talk_more(client, cid, "where is my order?")
    assert again["handoff"] is None and again["text"]
    assert client.get(f"/v1/conversations/{cid}").json()["mode"] == "bot"
    assert hid not in [q["id"] for q in client.get("/v1/handoffs", headers=auth(AGENT)).json()["handoffs"]]
    events = [e["action"] for e in client.get(f"/v1/handoffs/{hid}", headers=auth(AGENT)).json()["events"]]
    assert events == ["created", "claimed", "replied", "released"]


def talk_more(client, cid: str, text: str) -> tuple[str, dict]:
    r = client.post(f"/v1/conversations/{cid}/messages", json={"text": text})
    assert r.status_code == 200, r.text
    return cid, r.json()["reply"]


def test_dm_reply_goes_through_the_channel_sender_and_resolve_closes(world):
    agent, client, orders = world
    sent: list[tuple[str, str]] = []
    inbox.set_channel_sender(lambda conversation_id, text: sent.append((conversation_id, text)))
    cid, reply = talk(client, ["I need a human agent"], channel="messenger")
    hid = reply["handoff"]["handoff_id"]
    r = client.post(f"/v1/handoffs/{hid}/reply", headers=auth(ADMIN), json={"text": "Hello, Sam here. Checking now."})
    assert r.status_code == 200 and r.json()["via"] == "messenger" and r.json()["delivered"] is True
    assert sent == [(cid, "Hello, Sam here. Checking now.")]
    # Replying auto-claims an open case.
    assert client.get(f"/v1/handoffs/{hid}", headers=auth(AGENT)).json()["status"] == "claimed"
    assert client.post(f"/v1/handoffs/{hid}/resolve", headers=auth(ADMIN), json={"note": "done"}).json() == {
        "id": hid,
        "status": "resolved",
    }
    assert client.get(f"/v1/conversations/{cid}").json()["mode"] == "closed"
    assert client.post(f"/v1/handoffs/{hid}/claim", headers=auth(AGENT)).status_code == 409
    assert client.post("/v1/handoffs/999999/claim", headers=auth(AGENT)).status_code == 404

    # A failing sender never loses the reply: it stays in the transcript, marked undelivered.
    def broken(conversation_id, text):
        raise RuntimeError("graph api down")

    inbox.set_channel_sender(broken)
    cid, reply = talk(client, ["talk to a person"], channel="whatsapp")
    r = client.post(f"/v1/handoffs/{reply['handoff']['handoff_id']}/reply", headers=auth(AGENT), json={"text": "hi"})
    assert r.status_code == 200 and r.json()["delivered"] is False
    assert client.get(f"/v1/conversations/{cid}").json()["messages"][-1]["role"] == "agent"


def test_flags_and_csat(world):
    agent, client, orders = world
    row = next(o for o in orders if o["status"] == "in_transit")
    cid, reply = talk(client, [f"{row['order_number']} {row['email']}"])
    bot_id = client.get(f"/v1/conversations/{cid}").json()["messages"][-1]["id"]
    customer_id = client.get(f"/v1/conversations/{cid}").json()["messages"][0]["id"]

    r = client.post(f"/v1/messages/{bot_id}/flag", headers=auth(AGENT), json={"note": "wrong ETA"})
    assert r.status_code == 201 and r.json()["conversation_id"] == cid
    assert client.post(f"/v1/messages/{customer_id}/flag", headers=auth(AGENT), json={}).status_code == 422
    assert client.post(f"/v1/messages/{bot_id}/flag", headers=auth(OPS), json={}).status_code == 403
    flags = client.get("/v1/ops/flags", headers=auth(OPS)).json()["flags"]
    assert flags[0]["message_id"] == bot_id and flags[0]["note"] == "wrong ETA"
    assert flags[0]["actor"].startswith("agent:") and AGENT not in flags[0]["actor"]

    # CSAT is open to the customer; one thumb per answer (the latest wins).
    assert client.post(f"/v1/conversations/{cid}/csat", json={"score": 1, "message_id": bot_id}).status_code == 201
    assert client.post(f"/v1/conversations/{cid}/csat", json={"score": -1, "message_id": bot_id}).status_code == 201
    assert client.post(f"/v1/conversations/{cid}/csat", json={"score": 5}).status_code == 422
    assert client.post(f"/v1/conversations/{cid}/csat", json={"score": 1, "message_id": customer_id}).status_code == 422
    assert client.post("/v1/conversations/nope/csat", json={"score": 1}).status_code == 404
    m = client.get("/v1/ops/metrics", headers=auth(OPS)).json()
    assert m["csat"]["down"] >= 1 and m["flagged_answers"] >= 1


def test_privacy_forget_is_admin_only_and_purges_inbox_records(world):
    agent, client, orders = world
    row = next(o for o in orders if o["status"] == "delivered" and o["email"])
    cid, reply = talk(client, [f"{row['order_number']} {row['email']}", "talk to a person"])
    hid = reply["handoff"]["handoff_id"]
    bot_id = next(m["id"] for m in client.get(f"/v1/conversations/{cid}").json()["messages"] if m["role"] == "bot")
    client.post(f"/v1/messages/{bot_id}/flag", headers=auth(AGENT), json={"note": "x"})
    client.post(f"/v1/conversations/{cid}/csat", json={"score": 1})
    assert client.post("/v1/privacy/forget", headers=auth(OPS), json={"email": row["email"]}).status_code == 403
    r = client.post("/v1/privacy/forget", headers=auth(ADMIN), json={"email": row["email"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["email_forgotten"] and body["conversations"] >= 1 and body["inbox_records"] >= 3
    assert client.get(f"/v1/handoffs/{hid}", headers=auth(AGENT)).status_code == 404
    assert all(f["conversation_id"] != cid for f in client.get("/v1/ops/flags", headers=auth(ADMIN)).json()["flags"])
