"""What customers say as a conversation goes on (read off the development sets evals/conversations/dev10
and evals/languages/dev9): a price asked after the holiday cut-offs, the item named again while its
return waits for a yes, "whichever is closest", a change of mind inside one message, a waybill sent
alone, a gift said in other words, a bare "why??", a weekend question, another shop's order, and a
product name inside a French sentence. Each is judged by what the store holds or what the reply cites."""

from __future__ import annotations

import pytest

from wismo.agent import actions, cues
from wismo.evals.picker import OrderPicker, _returnable_lines
from wismo.i18n import detect

from .conftest import new_returns, pick, returns_of, source_ids

CUTOFFS = "policy:shipping#holiday-cutoffs"
OPTIONS = "policy:shipping#options"


@pytest.mark.parametrize(
    ("first", "then", "price"),
    [
        ("whats the last day to order for christmas w/ regular shipping", "and with 2-day shipping? how much is that",
         "18.95"),
        ("cual es el ultimo dia para pedir y que llegue antes de navidad con envio normal?",
         "y con envio de 2 dias? cuanto cuesta eso", "18,95"),
        ("c'est quoi la date limite pour commander pour noël en livraison standard ?",
         "et en livraison 2 jours ? ça coûte combien", "18,95"),
        ("bis wann muss ich bestellen, damit es mit Standardversand vor Weihnachten da ist?",
         "und mit 2-Tage-Versand? was kostet der", "18,95"),
        ("qual o último dia pra pedir e chegar antes do natal no frete normal?", "e no de 2 dias? quanto custa",
         "18,95"),
    ],
)  # fmt: skip
def test_a_speed_and_its_price_after_the_cutoffs_get_both(agent, first, then, price):
    cid = agent.start("web")
    agent.send(cid, first)
    reply = agent.send(cid, then)
    cited = source_ids(reply)
    assert CUTOFFS in cited and OPTIONS in cited, reply.text
    assert price in reply.text


def _proposal(agent, key: str):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True, "multi_item": True}, key)
    order = agent.store.order(row["order_number"])
    items = [line.name for line in _returnable_lines(agent.store, order, agent.store.lines(order.id))]
    cid = agent.start("web")
    agent.send(cid, f"i want to return something from {row['order_number']}, {row['email']}")
    return cid, row, items, returns_of(agent, row)


def test_the_item_named_again_while_its_return_waits_keeps_the_proposal(agent):
    cid, row, items, before = _proposal(agent, "named-again")
    first = agent.send(cid, f"the {items[0]}, refund please")
    assert any(c.startswith("return:plan:") for c in source_ids(first)), first.text
    again = agent.send(cid, f"it's the {items[0]}")
    assert not new_returns(agent, row, before), "naming the item again is no yes"
    assert "yes" in again.text.lower(), again.text
    agent.send(cid, "yes")
    assert [r.option for r in new_returns(agent, row, before)] == ["refund"]


def test_nothing_like_store_credit_is_a_refund(agent):
    cid, row, items, before = _proposal(agent, "nada-de-credito")
    reply = agent.send(cid, f"quiero devolver {items[0]}, el reembolso a mi tarjeta, nada de crédito")
    assert any(c.startswith("return:plan:") for c in source_ids(reply)), reply.text
    agent.send(cid, "sí, adelante")
    assert [r.option for r in new_returns(agent, row, before)] == ["refund"]


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("whichever is closest", 0),
        ("el más cercano porfa", 0),
        ("le plus proche", 0),
        ("the first... no wait, actually the last one", -1),
        ("le premier... ah non attendez, plutôt le dernier", -1),
        ("den ersten, ach nee, lieber den letzten", -1),
        ("o primeiro, ou melhor, o último", -1),
    ],
)
def test_the_point_chosen_by_distance_or_after_a_change_of_mind(text, index):
    codes = ["P1", "P2", "P3"]
    assert actions.chosen_point(text, codes) == codes[index]


def test_a_waybill_sent_alone_when_asked_is_looked_up_not_taken_for_a_phone(agent, orders):
    shipment = next(row for row in orders if row["carrier"] == "dhl")
    cid = agent.start("web")
    agent.send(cid, "where is my parcel?")
    reply = agent.send(cid, shipment["tracking_number"])
    assert f"shipment:{shipment['tracking_number']}" in source_ids(reply), reply.text


@pytest.mark.parametrize(
    "text",
    [
        "i got a gift from your store and want to return it",
        "me mandaron un regalo de su tienda y no me queda",
        "j'ai reçu un cadeau de chez vous, trop petit",
        "recebi um presente de vocês e não serviu",
        "meine Tante hat mir einen Pullover geschenkt, der passt nicht",
    ],
)
def test_a_gift_said_in_the_customers_words_is_a_received_gift(text):
    assert cues.any_of(cues.RECEIVED_GIFT, text)


def test_a_gift_for_someone_else_is_not_a_received_gift():
    assert not cues.any_of(cues.RECEIVED_GIFT, "i got a gift for my sister, will it arrive by friday?")


@pytest.mark.parametrize(
    "text", ["tracking says delayed. why??", "es steht verspätet. Warum?", "i dont really get why", "et pourquoi ?"]
)
def test_a_bare_why_asks_what_the_status_means(text):
    assert cues.any_of(cues.STATUS_MEANING, text)


def test_will_it_come_on_saturday_gets_its_date_and_who_delivers_on_weekends(agent, orders):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    agent.send(cid, f"where is {row['order_number']}? {row['email']}")
    reply = agent.send(cid, "will it still come on saturday? i'm only home at the weekend")
    cited = source_ids(reply)
    assert "policy:shipping#weekend" in cited, reply.text
    assert any(c.startswith("shipment:") for c in cited), reply.text


def test_another_shops_order_named_in_its_own_spelling_is_declined(agent):
    reply = agent.send(agent.start("web"), "hi i ordered a tv from BestMart, order BM-448812, where is it")
    assert reply.handoff is None and not source_ids(reply)
    assert "only look up Northwind Outfitters orders" in reply.text, reply.text


def test_a_product_name_inside_a_french_sentence_leaves_it_french():
    assert detect.detect("le Leather Belt est trop petit pour moi") == "fr"
    assert detect.detect("Você pode devolver: Leather Belt, Lambswool Crewneck") == "pt"


@pytest.mark.parametrize(
    ("first", "then", "bring"),
    [
        ("are your stores open on christmas eve? i want to return an online order in person", "and on the 31st?",
         "do i need to bring anything?"),
        ("kann ich die Online-Bestellung im Laden zurückgeben? und habt ihr an Heiligabend offen?", "und an Silvester?",
         "muss ich was mitbringen?"),
        ("posso devolver na loja? e vocês abrem na véspera de natal?", "e no dia 31?", "preciso levar alguma coisa?"),
    ],
)  # fmt: skip
def test_what_to_bring_after_a_return_in_a_store_is_what_the_store_asks_for(agent, first, then, bring):
    cid = agent.start("web")
    agent.send(cid, first)
    agent.send(cid, then)
    reply = agent.send(cid, bring)
    assert source_ids(reply) == ["policy:returns#in-store"], reply.text
