"""Ops: metrics by their written definitions, the unresolved log with clusters, and teaching labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from wismo.ops.metrics import compute, parse_when

from .conftest import seeded_agent

OPS, AGENT = "ops-k", "agent-k"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from wismo.server import create_app

    agent = seeded_agent(tmp_path_factory.mktemp("ops"), orders=200)
    return agent, TestClient(create_app(agent.settings, agent))


@pytest.fixture(autouse=True)
def _keys(monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", f"ops:{OPS},agent:{AGENT}")


H = {"Authorization": f"Bearer {OPS}"}


def add_conversation(engine, cid, created, order=None, handoff_reason=None):
    from wismo.domain.db import session
    from wismo.domain.models import Conversation, Handoff, Message

    with session(engine) as s:
        s.add(Conversation(id=cid, verified_order=order, created_at=created, updated_at=created))
        s.commit()
        s.add(Message(conversation_id=cid, role="customer", text="where is my order", created_at=created))
        s.add(Message(conversation_id=cid, role="bot", text="It is on its way.", created_at=created))
        if handoff_reason:
            s.add(
                Handoff(conversation_id=cid, reason=handoff_reason, summary="s", created_at=created, updated_at=created)
            )
        s.commit()


def test_metrics_follow_the_written_definitions(tmp_path):
    from wismo.domain import demo
    from wismo.domain.db import get_engine
    from wismo.domain.store import Store

    engine = get_engine(f"sqlite:///{tmp_path / 'm.db'}")
    demo.seed(engine, orders=100)
    t0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    add_conversation(engine, "a", t0, "WS10001")  # repeat contact 3 h later -> not deflected
    add_conversation(engine, "a2", t0 + timedelta(hours=3), "WS10001")  # deflected
    add_conversation(engine, "b", t0 + timedelta(hours=1), "WS10002", "customer_requested")
    add_conversation(engine, "c", t0 + timedelta(days=1), "WS10003")  # deflected
    add_conversation(engine, "d", t0 + timedelta(days=1), None, "out_of_scope")
    add_conversation(
        engine, "e", t0 + timedelta(days=1, hours=2), "WS10003"
    )  # c repeats -> c not deflected; e deflected
    add_conversation(engine, "old", t0 - timedelta(days=40), "WS10004")
    m = compute(engine, since=t0 - timedelta(hours=1), until=t0 + timedelta(days=2), store_now=Store(engine).now())
    assert m["conversations"] == 6
    assert m["deflected"] == 2 and m["deflection_rate"] == round(2 / 6, 4)  # a2, e
    assert m["handoff_rate"] == round(2 / 6, 4) and m["handoffs_by_reason"] == {
        "customer_requested": 1,
        "out_of_scope": 1,
    }
    assert m["orders"] > 0 and m["contact_rate_per_100_orders"] == round(600 / m["orders"], 2)
    assert [d["day"] for d in m["series"]] == ["2026-01-05", "2026-01-06"]
    assert sum(d["conversations"] for d in m["series"]) == 6
    assert m["csat"] == {"responses": 0, "up": 0, "down": 0, "score": None}
    for key in ("eta_accuracy", "offers", "returns", "proactive"):
        assert key in m  # filled by their modules when present, else null
    # The repeat window is 24 h: a contact 25 h later does not undo the deflection.
    add_conversation(engine, "f", t0 + timedelta(days=5), "WS10005")
    add_conversation(engine, "f2", t0 + timedelta(days=6, hours=1), "WS10005")
    m = compute(engine, since=t0 + timedelta(days=5), until=t0 + timedelta(days=8))
    assert m["conversations"] == 2 and m["deflected"] == 2


def test_eta_accuracy_from_eta_records(tmp_path):
    from sqlmodel import select

    from wismo.domain import demo
    from wismo.domain.db import get_engine, session
    from wismo.domain.models import EtaRecord, Shipment
    from wismo.ops.metrics import eta_accuracy

    engine = get_engine(f"sqlite:///{tmp_path / 'e.db'}")
    demo.seed(engine, orders=30)
    t = datetime(2025, 12, 10, 12, tzinfo=UTC)
    with session(engine) as s:
        ships = list(s.exec(select(Shipment).limit(2)))
        for sh, late in zip(ships, (0, 30), strict=True):
            s.add(
                EtaRecord(
                    shipment_id=sh.id,
                    predicted_at=t,
                    eta=t,
                    window_start=t - timedelta(hours=12),
                    window_end=t + timedelta(hours=12),
                    model_version="x",
                    delivered_at=t + timedelta(hours=late),
                )
            )
        s.commit()
    got = eta_accuracy(engine)
    assert {k: got[k] for k in ("delivered", "inside_window", "mae_hours")} == {
        "delivered": 2,
        "inside_window": 0.5,
        "mae_hours": 15.0,
    }
    assert eta_accuracy(engine, since=t + timedelta(days=5)) is None


def test_parse_when():
    now = datetime(2026, 1, 2, tzinfo=UTC)
    assert parse_when("1d", now) == now - timedelta(days=1)
    assert parse_when("12h", now) == now - timedelta(hours=12)
    assert parse_when("2025-12-01", now) == datetime(2025, 12, 1, tzinfo=UTC)
    assert parse_when(None, now) is None
    with pytest.raises(ValueError):
        parse_when("yesterday-ish", now)


UTTERANCES = [
    ("can you gift wrap my parcel", "out_of_scope"),
    ("please gift wrap the parcel for me", "out_of_scope"),
    ("is gift wrapping available for my parcel", "out_of_scope"),
    ("I need a VAT invoice for my company", "out_of_scope"),
    ("send me a VAT invoice for the company please", "out_of_scope"),
    ("how many loyalty points do I have", "smalltalk"),
]


def test_unresolved_log_clusters_and_teaching(world):
    from wismo.agent import nlu
    from wismo.ops.unresolved import log_unresolved

    agent, client = world
    now = datetime.now(UTC)
    for text, guess in UTTERANCES:
        log_unresolved(agent.engine, "c-x", text, guess, 0.2, "out_of_scope", now)
    log_unresolved(
        agent.engine, "c-y", "old one about gift wrap", "out_of_scope", 0.2, "low_confidence", now - timedelta(days=3)
    )

    r = client.get("/v1/ops/unresolved", params={"since": "1d"}, headers=H)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 6
    clusters = body["clusters"]
    by_text = {ex["text"]: c["cluster_id"] for c in clusters for ex in c["examples"]}
    gift = {by_text[t] for t, _ in UTTERANCES[:3]}
    vat = {by_text[t] for t, _ in UTTERANCES[3:5]}
    assert len(gift) == 1 and len(vat) == 1 and gift != vat
    top = clusters[0]
    assert top["count"] == 3 and top["trend"] == [{"day": now.date().isoformat(), "count": 3}]
    assert top["intent_guesses"] == {"out_of_scope": 3}
    # Filters: by reason, by intent guess, by period.
    assert client.get("/v1/ops/unresolved", params={"reason": "low_confidence"}, headers=H).json()["total"] == 1
    assert (
        client.get("/v1/ops/unresolved", params={"intent": "smalltalk", "since": "1d"}, headers=H).json()["total"] == 1
    )
    assert client.get("/v1/ops/unresolved", params={"since": "soon"}, headers=H).status_code == 422
    assert client.get("/v1/ops/unresolved", headers={"Authorization": f"Bearer {AGENT}"}).status_code == 403

    before = nlu._classifier
    try:
        # Gift wrapping an order already placed is a change to it; untaught, the engine reads it otherwise.
        assert nlu.understand("can you gift wrap my parcel").intent != "change_order"
        gift_id = next(iter(gift))
        r = client.post(
            f"/v1/ops/clusters/{gift_id}/label", params={"since": "1d"}, json={"intent": "change_order"}, headers=H
        )
        assert r.status_code == 201, r.text
        assert len(r.json()["labels"]) == 3
        # The engine learned it at once.
        assert nlu.understand("can you gift wrap my parcel").intent == "change_order"
        loyalty = next(i for i in body["items"] if i["text"].startswith("how many loyalty"))
        r = client.post(f"/v1/ops/unresolved/{loyalty['id']}/label", json={"intent": "smalltalk"}, headers=H)
        assert r.status_code == 201
        assert (
            client.post(f"/v1/ops/unresolved/{loyalty['id']}/label", json={"intent": "nonsense"}, headers=H).status_code
            == 422
        )
        assert (
            client.post("/v1/ops/unresolved/999999/label", json={"intent": "smalltalk"}, headers=H).status_code == 404
        )
        assert client.post("/v1/ops/clusters/u999999/label", json={"intent": "smalltalk"}, headers=H).status_code == 404
        trail = client.get("/v1/ops/labels", headers=H).json()["labels"]
        assert len(trail) == 4 and all(t["actor"].startswith("ops:") for t in trail)
        assert {t["cluster_id"] for t in trail} == {gift_id, None}
        again = client.get("/v1/ops/unresolved", params={"since": "1d"}, headers=H).json()
        assert next(i for i in again["items"] if i["id"] == loyalty["id"])["label"] == "smalltalk"
    finally:
        nlu._classifier = before


def test_metrics_route(world):
    agent, client = world
    r = client.get("/v1/ops/metrics", params={"since": "7d"}, headers=H)
    assert r.status_code == 200
    m = r.json()
    for key in (
        "conversations",
        "deflection_rate",
        "handoff_rate",
        "handoffs_by_reason",
        "contact_rate_per_100_orders",
        "eta_accuracy",
        "offers",
        "returns",
        "proactive",
        "csat",
        "series",
    ):
        assert key in m
    assert client.get("/v1/ops/metrics", params={"since": "x"}, headers=H).status_code == 422


def test_daily_review_writes_markdown_html_and_png(world, tmp_path, monkeypatch):
    import argparse
    import json

    from wismo.ops import review
    from wismo.ops.unresolved import log_unresolved

    agent, client = world
    log_unresolved(
        agent.engine, "c-r", "do you sell gift cards", "out_of_scope", 0.1, "out_of_scope", datetime.now(UTC)
    )
    monkeypatch.setenv("WISMO_DATA_DIR", str(agent.settings.data_dir))
    parser = argparse.ArgumentParser()
    review.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["review", "--since", "30d", "--out", str(tmp_path)])
    assert args.func(args) == 0
    md_files = list(tmp_path.glob("review-*.md"))
    assert len(md_files) == 1
    md = md_files[0].read_text()
    for heading in (
        "## Top unresolved clusters",
        "## Answers flagged as wrong",
        "## Top delay causes",
        "## Handoff reasons",
    ):
        assert heading in md
    top = md.split("## Top unresolved clusters", 1)[1]
    assert "gift" in top.split("##", 1)[0] and "Do: " in top  # the top cluster with what to do
    # The demo store has delay and exception scans in the period, each with what to do.
    assert "Delay - " in md or "Exception - " in md
    pngs = list(tmp_path.glob("*.png"))
    assert pngs and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    html_text = md_files[0].with_suffix(".html").read_text()
    assert "<h2>Top delay causes</h2>" in html_text and "<img" in html_text
    data = review.build(agent.engine, datetime.now(UTC) - timedelta(days=30), datetime.now(UTC))
    assert json.dumps(data, default=str) and data["delays"][0]["advice"]


def test_labels_taught_on_another_instance_are_learned_here(world, monkeypatch):
    from wismo.agent import nlu
    from wismo.domain.db import session
    from wismo.handoff.records import IntentLabel
    from wismo.ops import teach

    agent, _client = world
    text = "does the parcel come with a gift receipt inside"
    before = nlu._classifier
    monkeypatch.setitem(teach._learned, "id", teach.latest_label_id(agent.engine))
    monkeypatch.setitem(teach._learned, "next_look", 0.0)
    try:
        assert nlu.understand(text).intent != "return_status"
        assert not teach.refresh_if_taught(agent.engine, every_s=30, background=False)  # nothing new yet
        # Another instance labels it: the row lands in the shared database, not in this process.
        with session(agent.engine) as s:
            s.add(IntentLabel(text=text, intent="return_status", actor="ops:elsewhere", created_at=datetime.now(UTC)))
            s.commit()
        assert not teach.refresh_if_taught(agent.engine, every_s=30, background=False)  # looked < 30 s ago
        monkeypatch.setitem(teach._learned, "next_look", 0.0)
        assert teach.refresh_if_taught(agent.engine, every_s=30, background=False)
        assert nlu.understand(text).intent == "return_status"
        monkeypatch.setitem(teach._learned, "next_look", 0.0)
        assert not teach.refresh_if_taught(agent.engine, every_s=30, background=False)  # learned already
        assert not teach.refresh_if_taught(agent.engine, every_s=0, background=False)  # 0: never looks
    finally:
        nlu._classifier = before
