"""Nothing a customer, a carrier or a shop sends is lost: stored before the 200, processed at least
once and applied once, replies and notices delivered through the outbox with retries."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from wismo.channels import records
from wismo.domain import work_queue as wq
from wismo.domain.db import session
from wismo.domain.models import Message

from .graph_standin import make_rig, wa_message


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("durable"))


def dm(sender: str, mid: str, text: str) -> dict:
    ms = int(time.time() * 1000)
    event = {
        "sender": {"id": sender},
        "recipient": {"id": "PAGE1"},
        "timestamp": ms,
        "message": {"mid": mid, "text": text},
    }
    return {"object": "page", "entry": [{"id": "PAGE1", "time": ms, "messaging": [event]}]}


def post_quietly(rig, payload: dict):
    """A webhook with no worker running: what a crash right after the 200 leaves behind."""
    workers, rig.client.workers = rig.client.workers, None
    try:
        return rig.post_signed("/webhooks/meta", payload)
    finally:
        rig.client.workers = workers


def expire_leases(rig) -> None:
    with rig.engine.begin() as db:
        for table in (wq.InboundItem.__table__, wq.OutboxItem.__table__):
            db.execute(update(table).values(leased_until=datetime.now(UTC) - timedelta(seconds=1)))


def test_a_message_is_stored_before_the_200_and_answered_once_after_a_crash(rig):
    r = post_quietly(rig, dm("8001", "m.crash1", "where is my order?"))
    assert r.status_code == 200
    [item] = [i for i in wq.listing(rig.engine, "inbound", "pending") if i["event_id"] == "messenger:m.crash1"]
    # A worker takes it and dies mid-turn (its lease is still held): nobody else may take it ...
    assert wq.take(rig.engine, "inbound", "doomed-worker", rig.workers.policies["inbound"], ids=[item["id"]])
    assert rig.drain() == 0 and rig.graph.bodies(to="8001") == []
    # ... until the lease runs out; then it is answered, once.
    expire_leases(rig)
    rig.drain()
    assert len(rig.graph.bodies(to="8001")) == 1
    expire_leases(rig)
    rig.drain()
    assert len(rig.graph.bodies(to="8001")) == 1
    # Meta delivers it again later: still one answer.
    rig.post_signed("/webhooks/meta", dm("8001", "m.crash1", "where is my order?"))
    assert len(rig.graph.bodies(to="8001")) == 1


def test_a_turn_whose_lease_was_taken_over_leaves_no_trace(rig):
    """The worker finishing the item checks its lease in the commit that stores the turn."""
    post_quietly(rig, dm("8002", "m.slow1", "hello"))
    [item] = [i for i in wq.listing(rig.engine, "inbound", "pending") if i["event_id"] == "messenger:m.slow1"]
    [mine] = wq.take(rig.engine, "inbound", "slow", rig.workers.policies["inbound"], ids=[item["id"]])
    expire_leases(rig)
    [theirs] = wq.take(rig.engine, "inbound", "fast", rig.workers.policies["inbound"], ids=[item["id"]])
    rig.workers._inbound(theirs, "fast")  # the second worker answers
    rig.workers._inbound(mine, "slow")  # the first one finishes late: its turn rolls back
    cid = records.identity(rig.engine, "messenger", "8002").conversation_id
    with session(rig.engine) as s:
        turns = list(s.exec(select(Message).where(Message.conversation_id == cid, Message.role == "customer")))
    assert len(turns) == 1
    rig.drain()
    assert len(rig.graph.bodies(to="8002")) == 1


def test_a_reply_the_platform_refuses_for_a_while_is_retried_with_backoff(rig):
    rig.graph.fail_next("503", "503", "503")  # one try inside the Graph client: three failed tries
    rig.post_signed("/webhooks/meta", dm("8003", "m.retry1", "hi"))
    assert rig.graph.bodies(to="8003") == []
    [waiting] = [i for i in wq.listing(rig.engine, "outbox", "pending") if i["key"] == "reply:messenger:m.retry1"]
    assert waiting["attempts"] == 1 and "503" in waiting["last_error"]
    with rig.engine.begin() as db:  # skip the backoff
        db.execute(update(wq.OutboxItem.__table__).values(available_at=datetime.now(UTC)))
    rig.drain()
    assert len(rig.graph.bodies(to="8003")) == 1


def test_a_reply_the_platform_calls_wrong_is_dead_lettered_and_replayed_by_ops(rig):
    rig.graph.fail_next("400")
    rig.post_signed("/webhooks/meta", dm("8004", "m.dead1", "hi"))
    [dead] = [i for i in wq.listing(rig.engine, "outbox", "dead") if i["key"] == "reply:messenger:m.dead1"]
    assert "400" in dead["last_error"] and rig.graph.bodies(to="8004") == []
    assert wq.retry_dead(rig.engine, "outbox", [dead["id"]]) == 1
    rig.drain()
    assert len(rig.graph.bodies(to="8004")) == 1


def test_an_unreadable_stored_event_goes_dead_for_ops(rig):
    with rig.engine.begin() as db:
        wq.enqueue_inbound(db, "aftership", "evt-broken", "tracking", {"body": {"event": "tracking_update", "msg": {}}})
    rig.drain()
    [dead] = [i for i in wq.listing(rig.engine, "inbound", "dead") if i["event_id"] == "evt-broken"]
    assert "unreadable payload" in dead["last_error"] and dead["attempts"] == 1


def test_a_notice_outside_the_window_goes_out_as_the_template(rig):
    """WhatsApp allows only a template outside 24 h: the notice is sent as the configured one."""
    row = next(r for r in rig.agent.store.list_orders(status="in_transit") if r["notify_channel"] == "whatsapp")
    from .test_carrier_webhooks import ATTEMPT, aftership, post_aftership

    assert (
        post_aftership(
            rig, aftership(row["tracking_number"], "AttemptFail", "evt-tpl", checkpoints=[ATTEMPT])
        ).status_code
        == 200
    )
    [body] = rig.graph.bodies(to=row["notify_address"])
    assert body["type"] == "template" and body["template"]["name"] == "shipping_update"


def test_a_notice_no_rule_allows_is_refused_and_counted(rig):
    from wismo.channels.proactive import proactive_stats
    from wismo.domain import telemetry

    row = next(r for r in rig.agent.store.list_orders(status="in_transit") if r["notify_channel"] == "messenger")
    with rig.engine.begin() as db:  # this customer's Page has no update tag (Instagram has none at all)
        from wismo.domain.models import Customer

        db.execute(
            update(Customer.__table__)
            .where(Customer.notify_address == row["notify_address"])
            .values(notify_channel="instagram")
        )
    before = telemetry.OUTBOX_REFUSED.labels("notice")._value.get()
    refused_before = proactive_stats(rig.engine)["not_sent"]["refused"]
    from .test_carrier_webhooks import ATTEMPT, aftership, post_aftership

    post_aftership(rig, aftership(row["tracking_number"], "AttemptFail", "evt-refused", checkpoints=[ATTEMPT]))
    assert rig.graph.bodies(to=row["notify_address"]) == []
    [item] = [i for i in wq.listing(rig.engine, "outbox", "refused") if i["key"] == "notice:aftership:evt-refused"]
    assert item["attempts"] == 1  # not retried
    assert telemetry.OUTBOX_REFUSED.labels("notice")._value.get() == before + 1
    assert proactive_stats(rig.engine)["not_sent"]["refused"] == refused_before + 1


def test_a_whatsapp_message_and_its_redelivery_make_one_turn(rig):
    payload = wa_message("15550008888", "wamid.durable1", "where is my order?")
    assert rig.post_signed("/webhooks/whatsapp", payload).status_code == 200
    assert rig.post_signed("/webhooks/whatsapp", payload).status_code == 200
    assert len(rig.graph.bodies(to="15550008888")) == 1
    [item] = [i for i in wq.listing(rig.engine, "inbound", "done") if i["event_id"] == "whatsapp:wamid.durable1"]
    with rig.engine.connect() as conn:
        stored = conn.execute(select(wq.InboundItem.payload).where(wq.InboundItem.id == item["id"])).scalar()
    assert stored == {}  # done: the customer's words are not kept in the queue


def test_the_store_down_is_a_fast_503_and_nothing_is_lost(rig, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from wismo.server import create_app

    app = create_app(rig.agent.settings, rig.agent)
    app.state.channel_hub = rig.hub

    def down(*_a, **_k):
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    monkeypatch.setattr(wq, "enqueue_inbound", down)
    client = TestClient(app)
    body = json.dumps(dm("8005", "m.down1", "hi")).encode()
    from wismo.channels.signatures import sign_meta

    from .graph_standin import APP_SECRET

    r = client.post("/webhooks/meta", content=body, headers={"X-Hub-Signature-256": sign_meta(APP_SECRET, body)})
    assert r.status_code == 503 and r.json()["error"]["code"] == "store_unavailable"
    monkeypatch.undo()  # the platform delivers again once the store is back
    r = client.post("/webhooks/meta", content=body, headers={"X-Hub-Signature-256": sign_meta(APP_SECRET, body)})
    assert r.status_code == 200
    rig.drain()
    assert len(rig.graph.bodies(to="8005")) == 1
