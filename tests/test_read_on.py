"""What customers ask as they go on (read off the development sets evals/languages/dev6 and
evals/conversations/dev7): "and overnight?" after the holiday cut-offs, the status and a written
question in the message that proves the order, a question while a person is on the way, and a
side question during an exchange. Each reply is judged by what it cites and the fact it must say."""

from __future__ import annotations

import pytest

from wismo.agent import cues, topics
from wismo.i18n import detect

from .conftest import pick, source_ids

CUTOFFS = "policy:shipping#holiday-cutoffs"
OPTIONS = "policy:shipping#options"


@pytest.mark.parametrize(
    ("first", "then", "overnight", "stores"),
    [
        ("whats the last day to order for christmas w/ regular shipping", "and 2-day?", "and overnight",
         "and ur stores on sunday?"),
        ("cual es el ultimo dia para pedir y que llegue antes de navidad con envio normal?", "¿y con el de 2 días?",
         "¿y el de un día para otro?", "¿y las tiendas el domingo?"),
        ("c'est quoi la date limite pour commander pour noël en livraison standard ?", "et en 2 jours ?",
         "et en overnight ?", "et les magasins le dimanche ?"),
        ("bis wann muss ich bestellen, damit es mit Standardversand vor Weihnachten da ist?", "und mit 2-Tage-Versand?",
         "und Overnight?", "und die Läden sonntags?"),
        ("qual o último dia pra pedir e chegar antes do natal no frete normal?", "e no de 2 dias?",
         "e no expresso de um dia?", "e as lojas no domingo?"),
    ],
)  # fmt: skip
def test_and_overnight_after_the_holiday_cutoffs_is_its_cutoff_in_the_same_language(
    agent, first, then, overnight, stores
):
    cid = agent.start("web")
    lang = agent.send(cid, first).language
    assert CUTOFFS in source_ids(agent.send(cid, then))
    reply = agent.send(cid, overnight)
    assert CUTOFFS in source_ids(reply), reply.text
    assert "22" in reply.text and reply.language == lang
    hours = agent.send(cid, stores)
    assert "policy:pickup#store-hours" in source_ids(hours), hours.text


def test_and_how_much_is_overnight_after_the_cutoffs_asks_its_price(agent):
    cid = agent.start("web")
    agent.send(cid, "what's the latest I can order overnight and still have it by christmas eve?")
    reply = agent.send(cid, "and how much is overnight?")
    assert OPTIONS in source_ids(reply) and "29.95" in reply.text


def test_a_bare_and_two_day_shipping_with_an_order_on_hand_is_its_price(agent, orders):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    agent.send(cid, f"onde está a minha encomenda {row['order_number']}? email {row['email']}")
    reply = agent.send(cid, "e o envio em 2 dias?")
    assert OPTIONS in source_ids(reply) and "18,95" in reply.text, reply.text


@pytest.mark.parametrize(
    "template",
    [
        "where's my order at? {order}, {email}. also how long do i have to return xmas gifts",
        "buenas, me regala el estado del pedido {order}? correo {email}. y otra cosa, hasta cuando se pueden devolver "
        "los regalos de navidad?",
        "bonjour, où en est ma commande {order} ? email {email}. et pour les cadeaux de noel, on a jusqu'à quand "
        "pour les retourner ?",
        "Hallo, wo ist meine Bestellung {order}? Mail: {email}. Und bis wann kann man Weihnachtsgeschenke zurückgeben?",
        "boa tarde, onde está a minha encomenda {order}? email {email}. e já agora, até quando posso devolver "
        "prendas de natal?",
        "wo bleibt meine Bestellung {order}? {email}. und bis wann kann ich Geschenke zurückschicken?",
        "cadê meu pedido {order}? {email}. e até quando dá pra devolver presente de natal?",
    ],
)
def test_the_status_and_a_written_question_in_the_message_that_proves_the_order_are_both_answered(
    agent, orders, template
):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    reply = agent.send(cid, template.format(order=row["order_number"], email=row["email"]))
    cited = source_ids(reply)
    assert any(c.startswith("shipment:") for c in cited), reply.text
    assert "policy:returns#window" in cited and "31" in reply.text


def test_the_written_part_is_answered_while_the_email_is_asked_for(agent, orders):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    reply = agent.send(cid, f"wo ist {row['order_number']}? und kostet die Rücksendung was?")
    assert "policy:returns#cost" in source_ids(reply) and not any(c.startswith("shipment:") for c in source_ids(reply))
    assert any(c.startswith("shipment:") for c in source_ids(agent.send(cid, row["email"])))


def test_a_written_question_while_a_person_is_on_the_way_is_answered_and_the_person_still_comes(agent, orders):
    row = pick(orders, "delayed")
    cid = agent.start("web")
    first = agent.send(
        cid, f"this is honestly ridiculous. paid ages ago and its STILL not here. {row['order_number']} {row['email']}"
    )
    assert first.handoff and first.handoff["reason"] == "frustration"
    reply = agent.send(cid, "whatever. if i order tomorrow with normal shipping does it get there before the 24th?")
    assert CUTOFFS in source_ids(reply) and "16" in reply.text
    assert agent.conversation(cid).mode == "human"
    meaning = agent.send(cid, "what does delayed even mean. is it lost")
    assert "policy:carrier#delayed" in source_ids(meaning), meaning.text
    # Asked again, nothing new: said again, never "shall I bring in a person?" with one on the way.
    once = agent.send(cid, "??")
    again = agent.send(cid, "??")
    assert again.text == once.text and not again.handoff


def test_calling_oneself_names_is_no_anger_at_us(agent, orders):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    reply = agent.send(
        cid, f"can i cancel {row['order_number']}? ordered the wrong color like an idiot 🙃 {row['email']}"
    )
    assert not reply.handoff or reply.handoff["reason"] != "frustration"


@pytest.mark.parametrize(
    "text",
    [
        "pis le nouveau? faut-tu que j'attende que vous receviez l'autre?",
        "e o novo? tenho de esperar que recebam o outro?",
        "and the new one? do i have to wait till you get the old one?",
        "und das neue? muss ich warten bis ihr das alte habt?",
        "y el nuevo? tengo que esperar a que les llegue el otro?",
    ],
)
def test_the_new_one_before_the_wait_asks_when_an_exchange_ships(text):
    assert "exchange_timing" in [t.name for t in topics.topics_of(text)]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("e o frete da devolução?", "return_cost"),
        ("et les frais de retour ?", "return_cost"),
        ("e o prazo pro dinheiro cair?", "refund_timing"),
        ("y las tiendas el domingo?", "store_hours"),
        ("und die Läden sonntags?", "store_hours"),
        ("Die Etikette ist gratis, oder?", "return_cost"),
        ("et l'étiquette c'est gratuit hein ?", "return_cost"),
        ("the label is free right?", "return_cost"),
        ("wie lang heben's ma das dort auf? schaff's eventuell erst nächste Woche", "pickup_hold"),
        ("y vont le garder combien de jours?", "pickup_hold"),
        ("she ordered it on 28/11 and it came this week. how long have i got?", "return_deadline"),
        ("do u guys ship to canada", "ship_where"),
        ("ah y la etiqueta de devolución la pagan ustedes", "return_cost"),
    ],
)
def test_short_questions_name_their_topic(text, topic):
    assert topic in [t.name for t in topics.topics_of(text)]


@pytest.mark.parametrize(
    ("text", "previous"),
    [("et en overnight ?", "fr"), ("und overnight?", "de"), ("y overnight?", "es"), ("e no overnight?", "pt")],
)
def test_a_short_and_with_an_english_word_keeps_the_conversations_language(text, previous):
    assert detect.detect(text, previous) == previous


def test_a_real_person_asked_for_in_quebec_french_and_a_pickup_point_in_german():
    assert cues.any_of(cues.ASK_PERSON, "laisse tomber, passe-moi un vrai humain stp pas un robot")
    assert cues.any_of(cues.PICKUP, "kann ich das stattdessen an nem Abholpunkt holen?")


def test_another_order_without_a_return_word_is_its_status_not_a_return(agent, orders):
    first, second = [r for r in orders if r["status"] == "in_transit"][3:5]
    cid = agent.start("web")
    agent.send(cid, f"hi {first['order_number']} {first['email']} has this one shipped yet")
    reply = agent.send(cid, f"ok and i placed another one after that {second['order_number']} {second['email']}")
    cited = source_ids(reply)
    assert f"order:{second['order_number'].lstrip('#')}" in cited and any(c.startswith("shipment:") for c in cited)
    assert not any(c.startswith("return:") for c in cited)


@pytest.mark.parametrize(
    "text", ["so like monday?", "¿el lunes entonces?", "also Montag?", "tipo segunda?", "et donc samedi ?"]
)
def test_a_short_guess_at_the_day_is_about_the_order(text):
    assert cues.any_of(cues.DAY_GUESS, text)
    assert not cues.any_of(cues.DAY_GUESS, "monday i have a meeting and cant be home so what do i do")


def test_open_on_christmas_eve_asks_the_holiday_hours_and_opening_a_box_does_not():
    assert "holiday_store_hours" in [t.name for t in topics.topics_of("r ur stores open sunday? and christmas eve?")]
    assert not topics.topics_of("can i open the box before christmas")


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("kurze Frage: wenn ich am Montag mit Standardversand bestell, kommt das noch bis Heiligabend an?",
         "und mit 2-Tage-Versand? bis wann und was kostet der?"),
        ("cual es el ultimo dia para pedir con envio normal y que llegue para navidad?",
         "y con el envio de 2 dias? hasta cuando y cuanto cuesta"),
    ],
)  # fmt: skip
def test_and_two_day_until_when_and_how_much_after_the_cutoffs_answers_both(agent, first, then):
    cid = agent.start("web")
    agent.send(cid, first)
    reply = agent.send(cid, then)
    assert {CUTOFFS, OPTIONS} <= set(source_ids(reply)) and "19" in reply.text and "18,95" in reply.text, reply.text


def test_no_exchange_in_french_is_a_refund_and_a_swiss_yes_is_a_yes():
    from wismo.agent import actions

    assert actions.option_of("pas d'échange, je préfère être remboursée sur ma carte") == "refund"
    assert actions.option_of("je veux un échange") == "exchange"
    assert cues.is_yes("jo das chunnt scho guet so, merci vilmal")


def test_a_weak_language_guess_never_moves_the_conversation():
    assert detect.detect("jo das chunnt scho guet so, merci vilmal", "de") == "de"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("ordered Lambswool Crewneck in L and got like a kids hoodie?? order #WS11478 zip 48201", "wrong_item"),
        ("box came but only the Chelsea Boots was in it?? wheres the rest. #WS11580", "missing_item"),
    ],
)
def test_what_was_ordered_then_what_came_is_a_wrong_or_missing_item(text, problem):
    from wismo.agent import problems

    assert problems.detect(text, "order_status") == problem
    assert problems.detect("i ordered it last week and got it today, thanks", "order_status") is None


def test_me_regalaron_says_the_customer_received_a_gift():
    assert cues.RECEIVED_GIFT.search(cues.fold("me regalaron una parka y no me queda, lo puedo cambiar?"))
    assert not topics.topics_of("u there?")
