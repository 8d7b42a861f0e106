"""The flows that were broken, driven to their end over HTTP (issue 14): the pickup redirect, the
exchange for the size asked for, absolute links, corrections and a second order, delivery problems
and escalation reaching a person with their reason, in English and in the other languages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from wismo.domain.db import session
from wismo.domain.models import Handoff, TrackingEvent
from wismo.server import create_app
from wismo.tools.records import Return
from wismo.tools.returns import in_stock, product_of

from .conftest import seeded_agent


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    agent = seeded_agent(tmp_path_factory.mktemp("flows"), orders=600)
    client = TestClient(create_app(agent.settings, agent))
    return agent, client, agent.store.list_orders()


class Chat:
    def __init__(self, client: TestClient, accept_language: str | None = None) -> None:
        self.client = client
        self.headers = {"Accept-Language": accept_language} if accept_language else {}
        self.cid = client.post("/v1/conversations", json={"channel": "web"}).json()["conversation_id"]

    def say(self, text: str) -> dict:
        r = self.client.post(f"/v1/conversations/{self.cid}/messages", json={"text": text}, headers=self.headers)
        assert r.status_code == 200, r.text
        return r.json()["reply"]


def rows(orders, status, n=1, skip=0):
    found = [o for o in orders if o["status"] == status][skip : skip + n]
    assert len(found) == n, status
    return found


def redirects(agent, tracking_number: str) -> list[TrackingEvent]:
    ship = agent.store.shipment_by_tracking(tracking_number)
    return [e for e in agent.store.events(ship.id) if e.source == "wismo"]


@pytest.mark.parametrize(
    ("lang", "opener", "ask", "choice", "yes"),
    [
        ("en", "the driver missed me again, order {n} {e}", "can I get it sent somewhere else?", "the 2nd one", "yes"),
        ("es", "hola, no estaba en casa, pedido {n} correo {e}", "¿puedo recogerlo en otro sitio?", "la segunda", "sí"),
        ("fr", "bonjour, colis pas livré, commande {n}, {e}", "je peux le récupérer en point relais ?", "2", "oui"),
        (
            "de",
            "Hallo, Paket nicht zugestellt, Bestellung {n}, {e}",
            "kann ich es irgendwo abholen?",
            "die zweite",
            "ja",
        ),
        ("pt", "oi, não consegui receber, pedido {n} email {e}", "posso retirar em outro lugar?", "opção 2", "sim"),
    ],
)
def test_pickup_redirect_is_proposed_confirmed_recorded_and_cited(world, lang, opener, ask, choice, yes):
    agent, client, orders = world
    skip = ["en", "es", "fr", "de", "pt"].index(lang)
    (row,) = rows(orders, "attempt_failed", skip=skip)
    chat = Chat(client)
    first = chat.say(opener.format(n=row["order_number"], e=row["email"]))
    assert first["language"] == lang and any(c["kind"] == "shipment" for c in first["citations"])
    options = chat.say(ask)
    assert [c["kind"] for c in options["citations"]].count("pickup") >= 2, options["text"]
    proposal = chat.say(choice)
    assert proposal["handoff"] is None and row["tracking_number"] in proposal["text"]
    assert {c["kind"] for c in proposal["citations"]} >= {"pickup", "shipment"}
    assert redirects(agent, row["tracking_number"]) == []  # nothing changes before the yes
    done = chat.say(yes)
    assert done["handoff"] is None and done["language"] == lang
    events = redirects(agent, row["tracking_number"])
    assert len(events) == 1
    assert any(c["source_id"].endswith(f":event:{events[0].seq}") for c in done["citations"])


def test_choosing_a_point_by_its_kind_or_street(world):
    agent, client, orders = world
    (row,) = rows(orders, "attempt_failed", skip=5)
    chat = Chat(client)
    chat.say(f"{row['order_number']} {row['email']}")
    options = chat.say("where can I pick it up instead")
    streets = [line.split(", ")[1] for line in options["text"].splitlines()[1:-1]]
    proposal = chat.say(f"the one on {streets[-1]}")
    assert streets[-1] in proposal["text"]
    done = chat.say("yes please")
    assert len(redirects(agent, row["tracking_number"])) == 1 and done["handoff"] is None


def _sized_delivered(agent, orders, want_in_stock: bool):
    """A delivered order with one sized, returnable item whose next size up is (or is not) in stock."""
    for row in orders:
        if row["status"] != "delivered":
            continue
        order = agent.store.order(row["order_number"])
        lines = agent.store.lines(order.id)
        if len(lines) != 1 or lines[0].final_sale:
            continue
        product = product_of(lines[0].sku)
        variants = list(product.variants) if product else []
        if len(variants) < 3 or lines[0].variant not in variants[:-1] or not variants[0][:1].isupper():
            continue
        up = variants[variants.index(lines[0].variant) + 1]
        if in_stock(product.sku, up) == want_in_stock:
            return row, lines[0], up
    pytest.skip("no such order in this store")


def test_exchange_books_the_next_size_up_and_nothing_else(world):
    agent, client, orders = world
    row, line, up = _sized_delivered(agent, orders, want_in_stock=True)
    chat = Chat(client)
    chat.say(f"{row['order_number']} {row['email']}")
    proposal = chat.say(f"can I swap the {line.name} for the next size up?")
    assert up in proposal["text"], proposal["text"]
    done = chat.say("yes")
    with session(agent.engine) as s:
        booked = s.exec(select(Return).where(Return.conversation_id == chat.cid)).one()
    assert booked.option == "exchange" and [i["new_variant"] for i in booked.items] == [up]
    link = done["links"][0]
    assert link["url"].startswith("http") and "/l/" in link["url"] and link["url"] in done["text"]


def test_exchange_out_of_stock_books_nothing_and_offers_what_the_policy_allows(world):
    agent, client, orders = world
    row, line, up = _sized_delivered(agent, orders, want_in_stock=False)
    chat = Chat(client)
    chat.say(f"{row['order_number']} {row['email']}")
    reply = chat.say(f"the {line.name} is too small, can I get the next size up?")
    assert up in reply["text"] and any(c["source_id"] == "policy:returns#exchanges" for c in reply["citations"])
    with session(agent.engine) as s:
        assert s.exec(select(Return).where(Return.conversation_id == chat.cid)).all() == []
    chat.say("a refund then")
    chat.say("yes")
    with session(agent.engine) as s:
        booked = s.exec(select(Return).where(Return.conversation_id == chat.cid)).one()
    assert booked.option == "refund"


def test_a_correction_drops_the_disowned_order_and_reuses_the_email(world):
    agent, client, orders = world
    wrong, right = rows(orders, "in_transit", n=2, skip=3)
    other_customer = rows(orders, "out_for_delivery", skip=4)[0]
    chat = Chat(client)
    first = chat.say(f"where is {other_customer['order_number']}? {right['email']}")
    assert first["citations"] == []  # not this customer's order
    fixed = chat.say(f"oops typo, the right one is {right['order_number']}")
    assert right["tracking_number"] in fixed["text"] and "email" not in fixed["text"].lower()
    later = chat.say("and when will it arrive?")
    assert right["order_number"] in later["text"] and other_customer["order_number"] not in later["text"]
    assert wrong["order_number"] not in later["text"]


def test_a_second_order_is_verified_and_becomes_the_focus(world):
    agent, client, orders = world
    by_email: dict[str, list[dict]] = {}
    for o in orders:
        by_email.setdefault(o["email"], []).append(o)
    first, second = next(v for v in by_email.values() if len(v) >= 2)[:2]
    chat = Chat(client)
    chat.say(f"{first['order_number']} {first['email']}")
    reply = chat.say(f"and my other order {second['order_number']}?")
    assert any(c["source_id"] == f"order:{second['order_number'].lstrip('#')}" for c in reply["citations"])
    back = chat.say("what about the first order?")
    assert any(c["source_id"] == f"order:{first['order_number'].lstrip('#')}" for c in back["citations"])


@pytest.mark.parametrize(
    ("status", "messages", "reason"),
    [
        ("delivered", ["{n} {e}", "the box was crushed and the mug inside is broken"], "damaged_item"),
        ("delivered", ["{n} {e}", "you sent me the wrong item, this isn't what I ordered"], "wrong_item"),
        (
            "delivered",
            ["{n} {e}", "it says delivered but I never got it", "I already checked with the neighbours"],
            "not_received_claim",
        ),
        ("in_transit", ["I want to cancel order {n}, {e}"], "cancel_request"),
        ("delayed", ["{n} {e}", "this is the third time I'm asking, useless"], "frustration"),
        ("delayed", ["{n} {e}", "if it's not here tomorrow I'm filing a chargeback with my bank"], "dispute"),
        ("exception", ["{n} {e}", "it's been stuck forever, just give me my money back"], "refund_request"),
    ],
)
def test_delivery_problems_and_escalation_reach_a_person_with_their_reason(world, status, messages, reason):
    agent, client, orders = world
    (row,) = rows(orders, status, skip=7)
    chat = Chat(client)
    for text in messages:
        reply = chat.say(text.format(n=row["order_number"], e=row["email"]))
    assert reply["handoff"] and reply["handoff"]["reason"] == reason, reply["text"]
    with session(agent.engine) as s:
        case = s.exec(select(Handoff).where(Handoff.conversation_id == chat.cid)).one()
    assert case.reason == reason
