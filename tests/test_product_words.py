"""A customer names the item in their own language ("la bufanda", "den Schal", "la chemise en flanelle") and
the return is proposed for that line of the order; and when nothing on the order can go back, a yes to
the person offered for exceptions brings one in."""

from __future__ import annotations

import pytest

from wismo.agent import cues
from wismo.agent.product_words import english_words

from .conftest import order_lines, seeded_agent, source_ids


@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    """A store of this module's own: its conversations propose returns."""
    return seeded_agent(tmp_path_factory.mktemp("product-words"), orders=600)


@pytest.mark.parametrize(
    ("said", "means"),
    [
        ("la chemise en flanelle", {"shirt", "flannel"}),
        ("las botas rojas", {"boots", "red"}),
        ("die roten Stiefel", {"boots", "red"}),
        ("o cachecol de caxemira", {"scarf", "cashmere"}),
        ("les chaussettes noires", {"socks", "black"}),
    ],
)
def test_a_product_in_the_customers_words_is_the_catalogs_words(said, means):
    assert means <= english_words(cues.fold(said))


def test_articles_and_english_words_stand_for_no_product():
    assert english_words(cues.fold("la commande de la semaine, I want to pull it")) == set()


def _two_returnable_lines(agent, wanted: str) -> tuple[dict, str]:
    """A delivered order with two lines that can go back, one of them a `wanted` product, and the other's name."""
    for row in agent.store.list_orders():
        if row["status"] != "delivered":
            continue
        lines = order_lines(agent, row)
        if len(lines) == 2 and all(ln.eligible for ln in lines) and any(wanted in ln.name for ln in lines):
            return row, next(ln.name for ln in lines if wanted not in ln.name)
    raise LookupError(wanted)


@pytest.mark.parametrize(
    ("wanted", "ask", "lang"),
    [
        ("Scarf", "hola, quiero devolver la bufanda del pedido {number}, cp {zip}", "es"),
        ("Scarf", "Hallo, ich möchte den Schal aus Bestellung {number} zurückschicken, PLZ {zip}", "de"),
        ("Boots", "bonjour, je voudrais renvoyer les bottes de la commande {number}, code postal {zip}", "fr"),
    ],
)
def test_the_item_named_in_another_language_is_the_one_proposed(agent, wanted, ask, lang):
    row, other = _two_returnable_lines(agent, wanted)
    cid = agent.start("web")
    reply = agent.send(cid, ask.format(number=row["order_number"], zip=row["postal_code"]), language_hint=lang)
    assert reply.intent == "start_return" and reply.language == lang, reply.text
    proposed = [s for s in source_ids(reply) if s.startswith("return:item:")]
    assert len(proposed) == 1 and wanted in reply.text and other not in reply.text, reply.text


def _past_its_window(agent) -> dict:
    """A delivered order none of whose lines can go back any more."""
    for row in agent.store.list_orders():
        lines = order_lines(agent, row) if row["status"] == "delivered" else []
        if lines and all(ln.why_not == "outside_window" for ln in lines):
            return row
    raise LookupError("an order past its return window")


def test_a_yes_to_the_person_offered_for_an_exception_brings_one_in(agent):
    row = _past_its_window(agent)
    cid = agent.start("web")
    refused = agent.send(cid, f"i want to return my stuff from {row['order_number']}, zip {row['postal_code']}")
    assert "person" in refused.text and not refused.handoff, refused.text
    taken = agent.send(cid, "yes please")
    assert taken.handoff and taken.handoff["reason"] == "policy_exception", taken.text


def test_an_offer_of_a_person_not_taken_lapses_and_the_next_question_is_answered(agent):
    row = _past_its_window(agent)
    cid = agent.start("web")
    agent.send(cid, f"i want to return my stuff from {row['order_number']}, zip {row['postal_code']}")
    asked = agent.send(cid, "hm ok. and how long is the return window normally?")
    assert not asked.handoff and "policy:returns#window" in source_ids(asked), asked.text


@pytest.mark.parametrize(
    ("said", "reason"), [("las botas me quedan chicas", "too_small"), ("me quedan grandes", "too_large")]
)
def test_a_size_reason_in_the_plural(said, reason):
    from wismo.agent.actions import reason_of

    assert reason_of(said) == reason


def test_a_written_answer_is_said_once_after_a_return_status(agent):
    from wismo.evals.picker import OrderPicker

    picker = OrderPicker(agent.store)
    selector = {"status": "delivered", "swap": "up"}
    row = picker.pick(selector, "said-once")
    values, _truth = picker.values(row, selector=selector)
    cid = agent.start("web")
    agent.send(
        cid, f"the {values['item']} is too small, swap for one bigger? {row['order_number']} {row['postal_code']}"
    )
    agent.send(cid, "yes")
    asked = agent.send(cid, "do i have to wait till you get mine back before you send the new one?")
    assert asked.text.count("as soon as the carrier scans your return") == 1, asked.text


def test_swiss_german_too_small_and_one_bigger():
    from wismo.agent.actions import option_of, reason_of

    assert reason_of("isch mir z'chli") == "too_small"
    assert option_of("glichi farb, eifach eis grösser", default=None) == "exchange"
