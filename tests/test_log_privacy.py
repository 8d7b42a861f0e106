"""Logs name a conversation by a keyed hash: the id itself continues a verified chat."""

from __future__ import annotations

import logging

from wismo.guardrails.keys import conversation_ref

from .conftest import pick


def test_the_turn_log_carries_a_keyed_reference_not_the_id(agent, orders, caplog):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    with caplog.at_level(logging.INFO):
        agent.send(cid, f"where is {row['order_number']}? {row['email']}")
    turn = [r.getMessage() for r in caplog.records if r.getMessage().startswith("turn ")]
    assert turn and conversation_ref(cid) in turn[0]
    assert not any(cid in r.getMessage() for r in caplog.records)
    assert conversation_ref(cid) == conversation_ref(cid) != conversation_ref(agent.start("web"))
    assert cid not in conversation_ref(cid) and len(conversation_ref(cid)) == 18
