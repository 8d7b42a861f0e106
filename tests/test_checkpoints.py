"""Only each conversation's latest checkpoint is kept, and the conversation goes on as before."""

from __future__ import annotations

import sqlite3

from .conftest import pick


def _checkpoints(settings, cid: str) -> int:
    with sqlite3.connect(str(settings.checkpoint_path)) as db:
        return db.execute("SELECT count(*) FROM checkpoints WHERE thread_id = ?", (cid,)).fetchone()[0]


def test_older_checkpoints_are_pruned_and_the_state_survives(settings, agent, orders, monkeypatch):
    saver = agent.graph.checkpointer
    row = pick(orders, "in_transit")
    monkeypatch.setattr(saver, "prune_every", 10**6)  # first: no pruning, one checkpoint per turn
    cid = agent.start("api")
    agent.send(cid, f"order {row['order_number']} email {row['email']}")
    agent.send(cid, "where is my order?")
    assert _checkpoints(settings, cid) >= 2

    monkeypatch.setattr(saver, "prune_every", 1)
    reply = agent.send(cid, "and when will it arrive?")
    assert any(c["kind"] == "eta" for c in reply.citations), reply.text  # still verified
    assert _checkpoints(settings, cid) == 1
    reply = agent.send(cid, "what's the status of my package?")
    assert row["tracking_number"] in reply.text
    assert _checkpoints(settings, cid) == 1


def test_a_batch_prunes_every_conversation_written_since(settings, agent, orders, monkeypatch):
    saver = agent.graph.checkpointer
    monkeypatch.setattr(saver, "prune_every", 10**6)
    rows = [pick(orders, "in_transit"), pick(orders, "delivered")]
    cids = []
    for row in rows:
        cid = agent.start("api")
        agent.send(cid, f"order {row['order_number']} email {row['email']}")
        agent.send(cid, "where is my order?")
        cids.append(cid)
    assert all(_checkpoints(settings, c) >= 2 for c in cids)
    monkeypatch.setattr(saver, "prune_every", len(saver._touched) + 1)
    agent.send(agent.start("api"), "hi")  # the batch fills: every conversation touched since is pruned
    assert [_checkpoints(settings, c) for c in cids] == [1, 1]
