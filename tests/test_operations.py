"""What operators see: /healthz, /readyz, /metrics, the queue view and replay, JSON logs, and a
graceful stop of the queue workers."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from wismo.domain import work_queue as wq

from .conftest import seeded_agent

OPS, AGENT = "ops-key-9", "agent-key-9"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A fresh store and a server with its lifespan (queue workers running)."""
    from wismo.server import create_app

    agent = seeded_agent(tmp_path_factory.mktemp("ops-server"))
    with TestClient(create_app(agent.settings, agent)) as client:
        yield agent, client


@pytest.fixture(autouse=True)
def _keys(monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", f"ops:{OPS},agent:{AGENT}")
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)


def test_health_and_readiness(served):
    _agent, client = served
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["checks"] == {"database": "ok", "schema": "ok", "queue_workers": "ok"}


def test_metrics_count_turns_and_read_the_queue(served):
    agent, client = served
    row = agent.store.list_orders(status="in_transit")[0]
    cid = client.post("/v1/conversations", json={"channel": "web"}).json()["conversation_id"]
    client.post(f"/v1/conversations/{cid}/messages", json={"text": f"{row['order_number']} {row['email']}"})
    client.post(f"/v1/conversations/{cid}/messages", json={"text": "I want to talk to a person"})
    assert client.get("/metrics").status_code == 401  # scraped with an ops key
    text = client.get("/metrics", headers={"Authorization": f"Bearer {OPS}"}).text
    assert 'wismo_turns_total{intent="order_status"}' in text
    assert "wismo_turn_seconds_bucket" in text
    assert 'wismo_handoffs_total{reason="customer_requested"}' in text
    assert 'wismo_queue_depth{queue="inbound",status="dead"}' in text
    assert 'wismo_queue_oldest_age_seconds{queue="outbox"}' in text


def test_ops_see_and_replay_dead_letters(served):
    agent, client = served
    with agent.engine.begin() as db:
        wq.enqueue_inbound(db, "easypost", "evt-ops-1", "tracking", {"body": {"secret": "customer words"}})
    [item] = wq.take(agent.engine, "inbound", "test", wq.Policy())
    wq.fail(agent.engine, "inbound", item, "test", wq.Policy(), "KeyError: 'result'", retry=False)
    assert client.get("/v1/ops/queue").status_code == 401
    assert client.get("/v1/ops/queue", headers={"Authorization": f"Bearer {AGENT}"}).status_code == 403
    r = client.get("/v1/ops/queue", params={"queue": "inbound"}, headers={"Authorization": f"Bearer {OPS}"})
    assert r.status_code == 200 and r.json()["stats"]["inbound"]["dead"] >= 1
    [dead] = [i for i in r.json()["items"] if i["event_id"] == "evt-ops-1"]
    assert "customer words" not in r.text and dead["last_error"] == "KeyError: 'result'"
    r = client.post(
        "/v1/ops/queue/retry",
        json={"queue": "inbound", "ids": [dead["id"]]},
        headers={"Authorization": f"Bearer {OPS}"},
    )
    assert r.json() == {"queue": "inbound", "retried": 1}


def test_queue_cli_lists_and_retries(tmp_path, monkeypatch, capsys):
    from wismo.cli import main
    from wismo.domain.db import create_schema, get_engine

    monkeypatch.setenv("WISMO_DATA_DIR", str(tmp_path))
    engine = get_engine(f"sqlite:///{tmp_path / 'wismo.db'}")
    create_schema(engine)
    with engine.begin() as db:
        wq.enqueue_outbox(db, "sink:7:zendesk", "sink", {"handoff_id": 7, "sink": "zendesk"})
    [item] = wq.take(engine, "outbox", "t", wq.Policy())
    wq.fail(engine, "outbox", item, "t", wq.Policy(), "HTTP 401", retry=False)
    assert main(["queue", "list", "--queue", "outbox", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["stats"]["outbox"]["dead"] == 1 and listed["items"][0]["key"] == "sink:7:zendesk"
    assert main(["queue", "retry", "--queue", "outbox"]) == 0
    assert json.loads(capsys.readouterr().out) == {"queue": "outbox", "retried": 1}
    assert wq.stats(engine)["outbox"]["pending"] == 1


def test_json_log_lines(capsys):
    from wismo import logs

    handler = logging.StreamHandler()
    handler.setFormatter(logs.JsonFormatter())
    record = logging.LogRecord("wismo.test", logging.WARNING, __file__, 1, "queue %s is %d deep", ("inbound", 3), None)
    line = json.loads(handler.format(record))
    assert (
        line["level"] == "WARNING" and line["logger"] == "wismo.test" and line["message"] == "queue inbound is 3 deep"
    )
    assert logs.config("INFO", "json")["formatters"]["wismo"] == {"()": "wismo.logs.JsonFormatter"}
    with pytest.raises(ValueError, match="WISMO_LOG_FORMAT"):
        logs.config("INFO", "xml")


def test_a_graceful_stop_gives_back_what_was_taken_but_not_started(tmp_path):
    from .graph_standin import make_rig

    rig = make_rig(tmp_path, orders=50)
    with rig.engine.begin() as db:
        for i in range(6):
            wq.enqueue_inbound(db, "aftership", f"evt-stop-{i}", "tracking", {"body": {}})
    workers = rig.workers
    taken = wq.take(rig.engine, "inbound", workers.owner, workers.policies["inbound"], limit=6)
    assert len(taken) == 6
    workers.stop(timeout_s=1)  # no threads were started: it only gives the leases back
    assert wq.stats(rig.engine)["inbound"]["leased"] == 0
    back = wq.take(rig.engine, "inbound", "next-instance", workers.policies["inbound"], limit=10)
    assert len(back) == 6 and all(i["attempts"] == 1 for i in back)
