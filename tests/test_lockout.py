"""Verification limits stop guessing without letting an attacker lock real customers out."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from wismo.domain.db import session
from wismo.domain.models import VerificationAttempt
from wismo.domain.store import normalize_key
from wismo.guardrails.access import CLIENT_FAILURE_LIMIT

from .conftest import seeded_agent

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    return seeded_agent(tmp_path_factory.mktemp("lockout"), orders=300)


@pytest.fixture(scope="module")
def rows(agent):
    return agent.store.list_orders()


def take(rows, status, n=1):
    """`n` orders of `status` not used by another test of this module."""
    out = [r for r in rows if r["status"] == status and not r.get("_used")][:n]
    for r in out:
        r["_used"] = True
    return out


def disclosed(reply, row) -> bool:
    return row["order_number"] in reply.text and bool(reply.citations)


def recorded(agent, row) -> int:
    with session(agent.engine) as s:
        stmt = select(func.count()).where(VerificationAttempt.order_key == normalize_key(row["order_number"]))
        return int(s.exec(stmt).one())


def test_five_wrong_pairs_from_one_client_do_not_lock_the_owner_out(agent, rows):
    (row,) = take(rows, "in_transit")
    for i in range(5):
        agent.send(agent.start("web"), f"{row['order_number']} guess{i}@example.org", client=ATTACKER)
    # The attacker is done with that order, even with the right email...
    again = agent.send(agent.start("web"), f"{row['order_number']} {row['email']}", client=ATTACKER)
    assert not disclosed(again, row)
    # ...but its owner, elsewhere, is not.
    owner = agent.send(agent.start("web"), f"{row['order_number']} {row['email']}", client=OWNER)
    assert disclosed(owner, row)


def test_a_limited_client_weighs_on_no_order_and_locks_nothing(agent, rows):
    client = "203.0.113.77"
    targets = take(rows, "delivered", CLIENT_FAILURE_LIMIT)
    for i in range(0, CLIENT_FAILURE_LIMIT, 4):  # 4 per conversation: no conversation is locked
        cid = agent.start("web")
        for row in targets[i : i + 4]:
            agent.send(cid, f"{row['order_number']} wrong{i}@example.org", client=client)
    (victim,) = take(rows, "out_for_delivery")
    cid = agent.start("web")
    replies = [agent.send(cid, f"{victim['order_number']} try{i}@example.org", client=client) for i in range(8)]
    # Refused unchecked: nothing spent, so no lock and no verification_failed case (the dialogue's own
    # loop-breaker may still bring in a person after repeated identical answers, as for anyone).
    assert not any((r.handoff or {}).get("reason") == "verification_failed" for r in replies), replies
    assert recorded(agent, victim) == 0
    owner = agent.send(agent.start("web"), f"{victim['order_number']} {victim['postal_code']}", client=OWNER)
    assert disclosed(owner, victim)


def botnet_guesses(agent, row, n):
    """One wrong ZIP from each of `n` addresses."""
    zips = [f"{z:05d}" for z in range(10000, 99999, 997) if f"{z:05d}" != row["postal_code"]]
    for i in range(n):
        agent.send(agent.start("web"), f"{row['order_number']} {zips[i]}", client=f"192.0.2.{i + 1}")


def test_many_clients_close_the_postal_code_but_the_email_still_works(agent, rows):
    below, row = take(rows, "delayed", 2)
    ceiling = agent.settings.order_failure_ceiling
    botnet_guesses(agent, below, ceiling - 1)
    assert disclosed(agent.send(agent.start("web"), f"{below['order_number']} {below['postal_code']}"), below)
    botnet_guesses(agent, row, ceiling)
    by_zip = agent.send(agent.start("web"), f"{row['order_number']} {row['postal_code']}", client=OWNER)
    assert not disclosed(by_zip, row)  # guessing the ZIP is over for this window
    by_email = agent.send(agent.start("web"), f"{row['order_number']} {row['email']}", client=OWNER)
    assert disclosed(by_email, row)
