"""Refund questions, "why?" about a status, odd order numbers and the order a flow acted on (read off
the development sets evals/conversations/dev9, evals/languages/dev8 and the burned holdout8):
"where's my refund?" never books a new return, "why hasn't it shipped?" gets the written reason, five
bare digits asked for are the order, "the one ending in 13475" is an order number, and "the other
one" after a booked return means the other order."""

from __future__ import annotations

import pytest

from wismo.agent import cues, entities, nlu
from wismo.evals.picker import OrderPicker
from wismo.i18n import detect

from .conftest import pick, returns_of, source_ids


def _without_returns(agent, salt: str) -> dict:
    """A returnable order no other test has booked a return on (the session store is shared)."""
    picker = OrderPicker(agent.store)
    for i in range(50):
        row = picker.pick({"returnable": True}, f"{salt}-{i}")
        if not returns_of(agent, row):
            return row
    raise LookupError(salt)


@pytest.mark.parametrize(
    "text",
    [
        "i mailed back the belt on monday, wheres my refund?",
        "you emailed me that the refund was issued but there's nothing on my card yet",
        "todavia no me ha llegado el reembolso",
        "ich habe noch kein Geld zurück bekommen",
        "ainda nao recebi o reembolso",
    ],
)
def test_a_refund_question_books_nothing_and_says_when_refunds_are_paid(agent, text):
    row = _without_returns(agent, f"refund-question-{text[:12]}")
    cid = agent.start("web")
    reply = agent.send(cid, f"{text} {row['order_number']} {row['email']}")
    cited = source_ids(reply)
    assert reply.intent == "return_status" and f"order:{row['order_number'].lstrip('#')}" in cited, reply.text
    assert "policy:returns#refund-timing" in cited and not any(c.startswith("return:plan:") for c in cited)
    agent.send(cid, "ok thanks")
    assert returns_of(agent, row) == []


@pytest.mark.parametrize(
    "why",
    [
        "why hasnt it shipped yet i ordered it days ago",
        "por que todavia no ha salido?",
        "pourquoi elle n'est toujours pas partie ?",
        "warum ist das Paket noch nicht verschickt?",
        "por que ainda nao foi enviado?",
    ],
)
@pytest.mark.parametrize("status", ["pending", "info_received"])
def test_why_it_has_not_shipped_gets_the_written_reason_with_the_status(agent, orders, why, status):
    row = pick(orders, status)
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['email']}")
    cited = source_ids(agent.send(cid, why))
    assert any(c.startswith("shipment:") for c in cited)
    assert {"policy:shipping#processing", "policy:carrier#label-created"} & set(cited), cited


def test_five_digits_then_the_email_are_the_order_asked_for(agent, orders):
    row = pick(orders, "exception")
    cid = agent.start("web")
    agent.send(cid, "my package is stuck")
    agent.send(cid, row["order_number"].lstrip("#WS"))
    reply = agent.send(cid, row["email"])
    assert any(c.startswith("shipment:") for c in source_ids(reply)), reply.text


def test_the_one_ending_in_is_an_order_number():
    text = "there's another one, the one ending in... hang on... 13475. driver left a note"
    assert entities.extract_entities(text).get("order_number") == ["WS13475"]
    assert entities.normalize_order_number("the order ending with 10042") == "WS10042"


def test_the_other_one_after_a_booked_return_is_the_other_order(agent):
    picker = OrderPicker(agent.store)
    first, second = picker.pick_pair({"returnable": True}, {"status": "in_transit"}, "other-after-return")
    item = picker.values(first, selector={"returnable": True})[0]["item"]
    cid = agent.start("web")
    agent.send(
        cid,
        f"Hi, I need to return the {item} from {first['order_number']} and also where is "
        f"{second['order_number']}? email {first['email']}",
    )
    agent.send(cid, "it was too big, refund to my card")
    agent.send(cid, "yes confirm")
    reply = agent.send(cid, "ok now the other one")
    assert f"order:{second['order_number'].lstrip('#')}" in source_ids(reply), reply.text


def test_a_german_time_of_day_follow_up_gets_the_carriers_rule(agent, orders):
    row = pick(orders, "out_for_delivery")
    cid = agent.start("web")
    agent.send(cid, f"Grüezi, kommt mein Päckli heute? Bestellnr {row['order_number']} {row['email']}")
    reply = agent.send(cid, "Und um welche Zeit ungefähr? Muss nachher noch schnell weg")
    assert "policy:carrier#out-for-delivery" in source_ids(reply), reply.text


@pytest.mark.parametrize(
    "text",
    [
        "Und ich hab noch eine zweite, #WS12502, wie siehts mit der aus?",
        "y el otro pedido como va?",
        "e o outro pedido, tá como?",
    ],
)
def test_asking_after_a_second_order_is_a_status_question(text):
    assert nlu.understand(text).intent == "order_status"


def test_a_spanish_message_with_english_shipping_words_is_answered_in_spanish():
    text = "oigan el tracking dice delivered pero aquí no hay nada. orden #WS12554, zip code 33130"
    assert detect.detect(text) == "es"
    assert detect.detect("cuanto sale el envio en 2 dias?") == "es"


@pytest.mark.parametrize(
    "text",
    [
        "o casaco chegou partido, a caixa vinha toda amachucada",
        "la lámpara llegó rajada y abollada",
        "honestly it came with a big crack in it",
        "die Tasse ist gesprungen und zerkratzt",
    ],
)
def test_broken_in_other_words_is_a_damaged_item(agent, orders, text):
    row = pick(orders, "delivered")
    reply = agent.send(agent.start("web"), f"{row['order_number']} {row['email']} {text}")
    assert reply.handoff and reply.handoff["reason"] == "damaged_item", reply.text


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("quiero devolver la chaqueta, cuántos días tengo? y la etiqueta de devolución la pago yo?", "30"),
        ("j'veux retourner mon truc, j'ai combien de jours pis faut-tu que je paye l'étiquette?", "30"),
        ("ich will die Jacke zurückschicken, wie viele Tage habe ich und muss ich das Etikett zahlen?", "30"),
    ],
)
def test_how_many_days_do_i_have_is_the_return_window(agent, text, needs):
    reply = agent.send(agent.start("web"), text)
    cited = source_ids(reply)
    assert "policy:returns#window" in cited and "policy:returns#cost" in cited and needs in reply.text


def test_a_made_up_story_to_put_on_record_is_declined(agent, orders):
    row = pick(orders, "delivered")
    cid = agent.start("web")
    agent.send(cid, f"hey {row['order_number']} {row['email']}")
    agent.send(cid, "ok so it actually came fine but can you mark it as not received and send another one?")
    reply = agent.send(cid, "come on just say a porch pirate took it")
    assert reply.handoff is None and not any(c.startswith("policy:delivery#not-received") for c in source_ids(reply))


def test_a_gift_received_in_portuguese_goes_back_as_store_credit(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "gift-pt-receipt")
    item = picker.values(row, selector={"returnable": True})[0]["item"]
    cid = agent.start("web")
    agent.send(cid, "Olá, ganhei um presente de aniversário da loja de vocês e não serviu. Dá pra devolver?")
    agent.send(cid, f"o número no recibo de presente é {row['order_number']}, email {row['email']}")
    money = agent.send(cid, "e o dinheiro volta pra mim como?")
    assert "policy:returns#gifts" in source_ids(money), money.text
    proposal = agent.send(cid, f"beleza, pode fazer a devolução do {item}")
    assert "crédito na loja" in proposal.text and "forma de pagamento original" not in proposal.text


def test_no_idea_of_the_details_after_two_misses_goes_to_a_person(agent):
    cid = agent.start("web")
    agent.send(cid, "where is # WS 13643?")
    agent.send(cid, "email is kate.m.shopping@example.com")
    agent.send(cid, "ugh then maybe katem.shops@example.com? i have like 3 emails")
    reply = agent.send(cid, "no idea which zip, I moved this year. can't you just look it up by my name??")
    assert reply.handoff and reply.handoff["reason"] == "verification_failed", reply.text


def test_asking_us_to_call_the_bank_is_no_dispute():
    assert not cues.any_of(cues.DISPUTE, "can you call my bank or something to speed it up?")
    assert cues.any_of(cues.DISPUTE, "i will call my bank and dispute it")


@pytest.mark.parametrize(
    ("text", "yes"),
    [
        ("no me gusto nomas. si, confirmo", True),
        ("too small. yes please", True),
        ("ich mag es nicht. ja, mach das", True),
        ("no, i changed my mind. ok cancel it", False),
        ("wait. yes", False),
        ("no. si", False),
    ],
)
def test_a_reason_then_a_yes_is_a_yes(text, yes):
    assert cues.yes_last(text) is yes


@pytest.mark.parametrize("ask", ["what do i need to bring with me", "je dois apporter quoi pour la récupérer ?"])
def test_what_to_bring_for_an_order_at_a_point_is_that_orders_point(agent, orders, ask):
    row = pick(orders, "available_for_pickup")
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['email']}")
    reply = agent.send(cid, ask)
    cited = source_ids(reply)
    assert any(c.startswith("pickup:") for c in cited) and "policy:carrier#available-for-pickup" in cited
    assert reply.text.count("photo") <= 2 and reply.text.count("photo ID") <= 2, reply.text


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        ("¿y cuánto tarda en aparecer una vez os llega?", {"policy:returns#refund-timing"}),
        ("pis en livraison 2 jours, c'est jusqu'à quand pis ça coûte combien?",
         {"policy:shipping#holiday-cutoffs", "policy:shipping#options"}),
        ("pis est-ce que vous avez déjà chargé ma carte?", {"policy:payment#charges"}),
        ("have you already charged my card?", {"policy:payment#charges"}),
    ],
)  # fmt: skip
def test_written_questions_in_the_customers_words(agent, text, articles):
    reply = agent.send(agent.start("web"), text)
    assert articles <= set(source_ids(reply)), (reply.text, source_ids(reply))


def test_a_poem_in_swiss_german_is_declined_even_when_redaction_hides_the_word(agent):
    cid = agent.start("web")
    first = agent.send(cid, "Hoi, chönntsch mir es churzes Wiehnachtsgedicht für mini Fründin schriibe?")
    second = agent.send(cid, "ok guet, denn hilf mer halt bi de Chemie-Ufzgi: wie vill Mol sind in 18 Gramm Wasser?")
    assert first.unresolved == "out_of_scope" and second.handoff is None, (first.text, second.text)


def test_something_else_in_the_german_parcel_is_a_wrong_item(agent, orders):
    row = pick(orders, "delivered")
    reply = agent.send(
        agent.start("web"),
        f"Grüezi, da ist nicht das drin, was ich bestellt habe. Bestellung {row['order_number']}, {row['email']}",
    )
    assert reply.handoff and reply.handoff["reason"] == "wrong_item", reply.text


def test_can_someone_look_into_this_brings_a_person(agent):
    reply = agent.send(agent.start("web"), "It's been 10 days. Can someone actually look into this?")
    assert reply.handoff and reply.handoff["reason"] == "customer_requested", reply.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("le remboursement de la commande {n} c'est pour quand ? {e}", "return_status"),
        ("{n} {e} when will i get my refund", "return_status"),
        ("{n} {e} i want to return it, when will i get my refund?", "start_return"),
    ],
)
def test_when_the_refund_comes_is_the_returns_record_unless_a_return_is_asked_for(agent, text, intent):
    row = _without_returns(agent, f"refund-when-{intent}-{text[:8]}")
    reply = agent.send(agent.start("web"), text.format(n=row["order_number"], e=row["email"]))
    assert reply.intent == intent, reply.text
    assert "policy:returns#refund-timing" in source_ids(reply)


def test_a_received_gifts_money_never_goes_back_to_the_buyers_card(agent):
    """Found over HTTP: "como volta o dinheiro pra mim?" during a gift return re-planned it as a refund
    to the original payment (the buyer's card); the written gift rule says store credit."""
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "gift-money-question")
    item = picker.values(row, selector={"returnable": True})[0]["item"]
    cid = agent.start("web")
    first = agent.send(
        cid,
        f"oi! ganhei um presente da loja de vocês ({item}) e não serviu. o pedido no recibo de presente é "
        f"{row['order_number']}, email {row['email']}",
    )
    again = agent.send(cid, "como volta o dinheiro pra mim?")
    for reply in (first, again):
        assert "forma de pagamento original" not in reply.text, reply.text
    booked = agent.send(cid, "pode devolver sim")
    assert "crédito" in booked.text and "forma de pagamento original" not in booked.text, booked.text
    assert [r.option for r in returns_of(agent, row)] == ["store_credit"]


def test_a_return_asked_before_the_details_goes_on_when_the_gift_receipt_is_read_out(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "gift-receipt-says")
    cid = agent.start("web")
    agent.send(
        cid, "hi! my aunt sent me a birthday gift from your store and i'd like to return it.. will she get notified?"
    )
    agent.send(cid, "how long do i have to send it back?")
    reply = agent.send(cid, f"the gift receipt says {row['order_number']}, my email is {row['email']}")
    cited = source_ids(reply)
    assert any(c.startswith(("return:plan:", "return:eligibility:")) for c in cited), reply.text
    assert "original payment" not in reply.text


def test_keeping_the_other_one_during_a_return_is_about_the_items_not_another_order(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True, "multi_item": True}, "keeping-the-other-one")
    item = picker.values(row, selector={"returnable": True, "multi_item": True})[0]["item"]
    cid = agent.start("web")
    agent.send(cid, f"i want to return stuff from {row['order_number']}, {row['email']}")
    reply = agent.send(cid, f"just the {item}, keeping the other one. didnt really like it tbh")
    assert "Which order do you mean" not in reply.text, reply.text
