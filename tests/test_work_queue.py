"""The durable queues: idempotent writes, leases that expire, retries with backoff, dead letters,
and instances sharing the queue on PostgreSQL without taking an item twice."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from wismo.domain import work_queue as wq
from wismo.domain.db import create_schema, get_engine

FAST = wq.Policy(lease_s=30, max_attempts=3, backoff_s=0.01, backoff_cap_s=0.05)


@pytest.fixture
def engine(tmp_path):
    e = get_engine(f"sqlite:///{tmp_path / 'q.db'}")
    create_schema(e)
    return e


def put(engine, n: int, source: str = "aftership") -> None:
    with engine.begin() as db:
        for i in range(n):
            wq.enqueue_inbound(db, source, f"evt-{i}", "tracking", {"body": {"i": i}})


def test_the_same_event_id_is_stored_once(engine):
    with engine.begin() as db:
        assert wq.enqueue_inbound(db, "meta", "messenger:m.1", "message", {"text": "hi"})
        assert not wq.enqueue_inbound(db, "meta", "messenger:m.1", "message", {"text": "hi"})
        assert wq.enqueue_inbound(db, "whatsapp", "messenger:m.1", "message", {})  # another source
        assert wq.enqueue_outbox(db, "reply:x", "reply", {})
        assert not wq.enqueue_outbox(db, "reply:x", "reply", {})
    assert wq.stats(engine)["inbound"]["pending"] == 2 and wq.stats(engine)["outbox"]["pending"] == 1


def test_a_lease_keeps_others_off_until_it_expires(engine):
    put(engine, 3)
    mine = wq.take(engine, "inbound", "a", FAST, limit=2)
    assert [i["event_id"] for i in mine] == ["evt-0", "evt-1"] and all(i["attempts"] == 1 for i in mine)
    assert [i["event_id"] for i in wq.take(engine, "inbound", "b", FAST)] == ["evt-2"]
    assert wq.take(engine, "inbound", "b", FAST) == []
    # Worker a dies: once its lease has run out, b takes its items (the try counted again).
    with engine.begin() as db:
        db.execute(update(wq.InboundItem.__table__).values(leased_until=datetime.now(UTC) - timedelta(seconds=1)))
    retaken = wq.take(engine, "inbound", "b", FAST)
    assert {i["event_id"] for i in retaken} >= {"evt-0", "evt-1"} and retaken[0]["attempts"] == 2
    # a wakes up and tries to finish: its work must roll back, not happen twice.
    with pytest.raises(wq.LeaseLost), engine.begin() as db:
        wq.finish(db, "inbound", mine[0]["id"], "a")
    with engine.begin() as db:
        wq.finish(db, "inbound", retaken[0]["id"], "b")
    assert wq.listing(engine, "inbound", "done")[0]["event_id"] == retaken[0]["event_id"]


def test_failures_back_off_then_go_dead_and_ops_replay_them(engine):
    # A backoff long enough that a busy machine cannot outlast it between the fail and the next take.
    backoff = wq.Policy(lease_s=30, max_attempts=3, backoff_s=0.3, backoff_cap_s=0.3)
    put(engine, 1)
    for attempt in (1, 2, 3):
        [item] = wq.take(engine, "inbound", "w", backoff)
        assert item["attempts"] == attempt
        status = wq.fail(engine, "inbound", item, "w", backoff, "RuntimeError: carrier payload broke us")
        assert status == ("dead" if attempt == 3 else "pending")
        assert wq.take(engine, "inbound", "w", backoff) == []  # backing off, or dead
        if status == "pending":
            threading.Event().wait(0.45)
    [dead] = wq.listing(engine, "inbound", "dead")
    assert "payload" not in dead and "broke us" in dead["last_error"]
    assert wq.stats(engine)["inbound"]["dead"] == 1
    assert wq.retry_dead(engine, "inbound") == 1
    [again] = wq.take(engine, "inbound", "w", FAST)
    assert again["attempts"] == 1 and again["payload"] == {"body": {"i": 0}}


def test_give_up_is_dead_at_once_and_release_gives_items_back_untried(engine):
    put(engine, 3)
    items = wq.take(engine, "inbound", "w", FAST)
    assert wq.fail(engine, "inbound", items[0], "w", FAST, "bad payload", retry=False) == "dead"
    # A graceful shutdown gives back what was taken but not started, without counting a try.
    assert wq.release(engine, "inbound", "w") == 2
    again = wq.take(engine, "inbound", "other", FAST)
    assert len(again) == 2 and all(i["attempts"] == 1 for i in again)


def test_finished_items_forget_their_payload(engine):
    with engine.begin() as db:
        wq.enqueue_outbox(db, "reply:1", "reply", {"text": "your order WS10001 ..."})
    [item] = wq.take(engine, "outbox", "w", FAST)
    assert wq.deliver(engine, item, "w", FAST, lambda it: {"message_ids": ["m1"]}) == "sent"
    [sent] = wq.listing(engine, "outbox", "sent")
    assert sent["key"] == "reply:1"
    with engine.connect() as conn:
        row = conn.execute(wq.OutboxItem.__table__.select()).one()
    assert row.payload == {} and row.result == {"message_ids": ["m1"]}


def test_deliver_outcomes(engine):
    with engine.begin() as db:
        for key in ("a", "b", "c"):
            wq.enqueue_outbox(db, key, "notice", {})
    a, b, c = wq.take(engine, "outbox", "w", FAST)

    def refuse(_item):
        raise wq.Refused("window closed, no template")

    def broken(_item):
        raise wq.GiveUp("HTTP 400")

    def flaky(_item):
        raise ConnectionError("reset")

    assert wq.deliver(engine, a, "w", FAST, refuse) == "refused"
    assert wq.deliver(engine, b, "w", FAST, broken) == "dead"
    assert wq.deliver(engine, c, "w", FAST, flaky) == "pending"
    assert wq.stats(engine)["outbox"] == {"pending": 1, "leased": 0, "dead": 1, "oldest_age_s": pytest.approx(0, abs=5)}


@pytest.mark.postgres
def test_instances_share_the_queue_without_taking_an_item_twice(pg_database):
    engine = get_engine(pg_database.replace("postgresql://", "postgresql+psycopg://", 1))
    create_schema(engine)
    put(engine, 300)
    taken: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        got = taken.setdefault(name, [])
        while batch := wq.take(engine, "inbound", name, FAST, limit=7):
            got.extend(i["id"] for i in batch)
            with engine.begin() as db:
                for i in batch:
                    wq.finish(db, "inbound", i["id"], name)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [i for got in taken.values() for i in got]
    assert len(ids) == 300 and len(set(ids)) == 300
    assert sum(1 for got in taken.values() if got) > 1  # the work was shared
    assert wq.stats(engine)["inbound"]["pending"] == 0


def test_a_send_is_recorded_even_if_the_database_blinks_right_after(engine, monkeypatch):
    """The platform took the message; the commit that records it fails once (the database is
    restarting): it is retried, not left for a second send."""
    from sqlalchemy.exc import OperationalError

    with engine.begin() as db:
        wq.enqueue_outbox(db, "reply:blink", "reply", {})
    [item] = wq.take(engine, "outbox", "w", FAST)
    real, calls = wq.finish, []

    def blinking(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE", {}, Exception("server closed the connection"))
        return real(*args, **kwargs)

    monkeypatch.setattr(wq, "finish", blinking)
    sends = []
    assert wq.deliver(engine, item, "w", FAST, lambda it: sends.append(1) or {}) == "sent"
    assert sends == [1] and len(calls) == 2
    assert wq.listing(engine, "outbox", "sent")[0]["key"] == "reply:blink"


def test_erasure_removes_queued_words_of_the_customer(engine):
    with engine.begin() as db:
        wq.enqueue_inbound(db, "meta", "messenger:m.e1", "message", {"sender_id": "PSID-1", "text": "I'm Jane"})
        wq.enqueue_inbound(db, "meta", "messenger:m.e2", "message", {"sender_id": "PSID-2", "text": "hi"})
        wq.enqueue_outbox(db, "reply:e1", "reply", {"recipient": "PSID-1", "conversation_id": "c-1", "text": "Jane"})
        wq.enqueue_outbox(db, "agent_reply:9", "agent_reply", {"conversation_id": "c-1", "text": "Hello Jane"})
        wq.enqueue_outbox(db, "reply:e2", "reply", {"recipient": "PSID-2", "conversation_id": "c-2", "text": "hi"})
    with engine.begin() as db:
        assert wq.forget(db, ["c-1"], ["PSID-1"]) == 3
    assert [i["event_id"] for i in wq.listing(engine, "inbound", "pending")] == ["messenger:m.e2"]
    assert [i["key"] for i in wq.listing(engine, "outbox", "pending")] == ["reply:e2"]
