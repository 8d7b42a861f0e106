"""Read off conversations customers wrote (holdout19 after its run): angry words as the customer gives up,
chat-slang acknowledgements, another shop's order number, "when will you act" on a parcel that isn't
moving, when a card is charged, who delivers on Saturdays asked beside an order, a longer follow-up to
the military-mail and where-we-ship rules, a person asked for after details that don't match, "go on
so" as the yes to an exchange, and a letter to translate. Each is checked against the store."""

from __future__ import annotations

import pytest

from wismo.agent import cues, problems, topics
from wismo.evals.picker import OrderPicker

from .conftest import seeded_agent, source_ids


@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    """A store of this module's own: one conversation books an exchange."""
    return seeded_agent(tmp_path_factory.mktemp("giving-up"), orders=600)


@pytest.fixture(scope="module")
def picker(agent) -> OrderPicker:
    return OrderPicker(agent.store)


def _talk(agent, *messages: str, lang: str | None = None) -> list:
    cid = agent.start("web")
    return [agent.send(cid, m, language_hint=lang) for m in messages]


def test_another_shops_order_number_and_where_it_came_from_are_declined(agent):
    first, second = _talk(
        agent, "where's my order 114-3941689-8372232? its the lego set", "yes it's from Amazon, cant u look"
    )
    assert first.intent == "out_of_scope" and not first.handoff, first.text
    assert "#WS" not in first.text  # no request for one of our order numbers
    assert second.intent == "out_of_scope" and not second.handoff, second.text


@pytest.mark.parametrize(
    "sigh", ["Useless. Right, fine", "pathetic. ok fine then", "Bit rubbish but fine, forget it then."]
)
def test_angry_words_as_the_customer_gives_up_offer_a_person_without_pushing_one(agent, sigh):
    _refused, sighed = _talk(agent, "track my order 114-3941689-8372232 pls", sigh)
    assert not sighed.handoff, sighed.text
    assert sighed.intent == "smalltalk" and "person" in sighed.text.lower(), sighed.text


def test_a_plain_fine_still_takes_what_was_proposed_and_anger_that_asks_is_still_escalated(agent):
    assert cues.is_yes("ok fine") and cues.is_yes("fine, go ahead")
    _refused, angry = _talk(agent, "track my order 114-3941689-8372232 pls", "this is useless, I asked you three times")
    assert angry.handoff and angry.handoff["reason"] == "frustration", angry.text


@pytest.mark.parametrize(
    ("ack", "lang"), [("aight bet", "en"), ("say less", "en"), ("geht klar", "de"), ("blz fechou", "pt")]
)
def test_a_slang_acknowledgement_after_an_answer_is_not_a_non_answer(agent, picker, ack, lang):
    row = picker.pick({"status": "in_transit"}, f"ack-{ack}")
    _status, acked = _talk(agent, f"{row['order_number']} {row['postal_code']}", ack, lang=lang)
    assert acked.unresolved is None and not acked.handoff, acked.text
    assert acked.intent == "smalltalk", acked.text


@pytest.mark.parametrize(
    ("ask", "lang"),
    [
        ("After how many days you will take action if it is not moving?", "en"),
        ("nach wie vielen tagen unternehmen sie was wenn es sich nicht bewegt?", "de"),
        ("depois de quantos dias voces vao fazer algo?", "pt"),
    ],
)
def test_when_we_act_on_a_parcel_that_isnt_moving_is_the_written_rule(agent, picker, ask, lang):
    row = picker.pick({"status": "in_transit"}, f"worry-{lang}")
    _status, asked = _talk(agent, f"{row['order_number']} {row['postal_code']} same status since days", ask, lang=lang)
    assert "policy:carrier#no-updates" in source_ids(asked), (asked.text, source_ids(asked))
    assert "5" in asked.text


def test_when_a_card_is_charged_is_answered_on_an_order_waiting_to_ship(agent, picker):
    row = picker.pick({"status": "pending"}, "charged")
    _status, asked = _talk(
        agent,
        f"status of order no. {row['order_number']} pin {row['postal_code']}",
        "one more doubt, amount is already debited from his card or only when it is dispatched?",
    )
    assert "policy:payment#charges" in source_ids(asked), (asked.text, source_ids(asked))
    assert "ships" in asked.text


def test_who_delivers_on_saturdays_asked_beside_an_order_is_not_a_second_delivery(agent, picker):
    asked = "do you guys deliver on Saturday because I work the weekend and nobody's home during the week"
    assert problems.detect(asked) is None
    assert problems.detect("can they deliver it again on saturday? i missed them") == "redelivery"
    row = picker.pick({"status": "in_transit"}, "saturday")
    digits = row["order_number"].removeprefix("#WS")
    (reply,) = _talk(
        agent, f"where is my order the number is w s {digits} zip {row['postal_code']} period also {asked}"
    )
    ids = source_ids(reply)
    assert f"order:{row['order_number'].removeprefix('#')}" in ids and "policy:shipping#weekend" in ids, ids


@pytest.mark.parametrize(
    ("first", "then", "article", "fact", "lang"),
    [
        (
            "my son is deployed and has an APO address, can you ship there?",
            "How long does it take to get to him? Would it make Christmas if I order today?",
            "policy:shipping#po-box",
            "20",
            "en",
        ),
        (
            "Est-ce que vous livrez au Canada? Je suis à Montréal",
            "Ah dommage. Pis à Porto Rico? C'est pour ma tante, ça prend combien de temps de plus?",
            "policy:shipping#where",
            "4",
            "fr",
        ),
    ],
)
def test_a_longer_follow_up_with_no_topic_of_its_own_reads_on(agent, first, then, article, fact, lang):
    _first, reply = _talk(agent, first, then, lang=lang)
    assert article in source_ids(reply) and fact in reply.text, (reply.text, source_ids(reply))


def test_a_person_asked_for_after_details_that_do_not_match_is_brought_in(agent, picker):
    row = picker.pick({"status": "in_transit"}, "executive")
    replies = _talk(
        agent,
        f"Please check order {row['order_number']}, where it has reached?",
        "Email is someone.else.1984@example.org",
        "Pin code may be 08817, old house. kindly connect me to some executive.",
    )
    assert not replies[1].handoff
    assert replies[2].handoff and replies[2].handoff["reason"] == "verification_failed", replies[2].text


def test_go_on_so_books_the_exchange_proposed(agent, picker):
    assert cues.is_yes("go on so") and not cues.is_yes("go on") and not cues.yes_first("go on, tell me more")
    row = picker.pick({"status": "delivered", "swap": "up"}, "go-on-so")
    values, _truth = picker.values(row, selector={"status": "delivered", "swap": "up"})
    proposed, booked = _talk(
        agent,
        f"the {values['item']} is too small on my lad, swap it for the next size up? "
        f"{row['order_number']} {row['email']}",
        "Same one just a size bigger, yes. Go on so",
    )
    assert "Shall I go ahead?" in proposed.text, proposed.text
    assert booked.text.startswith("Done:") and "exchange" in booked.text, booked.text


@pytest.mark.parametrize(
    "ask",
    [
        "hola! me puedes traducir al inglés esta carta para mi suegra?",
        "can you translate this card into German for my gran",
        "y me recomiendas un restaurante bonito para nochebuena?",
        "kannst du mir ein gutes Restaurant empfehlen?",
    ],
)
def test_a_letter_to_translate_or_a_restaurant_to_pick_is_declined(agent, ask):
    (reply,) = _talk(agent, ask)
    assert reply.intent == "out_of_scope" and not reply.handoff and not reply.citations, reply.text


def test_another_shops_order_asked_again_gets_the_no_in_other_words(agent):
    first, again = _talk(
        agent, "where's my shopee order? its been stuck a week", "cant u just look it up, ur all linked surely"
    )
    assert first.intent == again.intent == "out_of_scope" and not again.handoff
    assert again.text != first.text and "person" not in again.text.lower(), again.text


@pytest.mark.parametrize(
    ("ask", "lang"),
    [
        ("can you at least write me a complaint message i can send them", "en"),
        ("me ajuda a escrever uma reclamação pra eles", "pt"),
    ],
)
def test_a_complaint_to_send_another_shop_is_declined_but_a_complaint_to_us_is_not(agent, ask, lang):
    (reply,) = _talk(agent, ask, lang=lang)
    assert reply.intent == "out_of_scope" and not reply.handoff, reply.text
    assert not cues.any_of(cues.CREATIVE, "I want to write a complaint about your service")


@pytest.mark.parametrize(
    ("first", "then", "lang"),
    [
        (
            "Servus, steht 'out for delivery', kommt das heut noch? Bestellnr. {digits}, Mail {email}",
            "und wenn i ned daheim bin?",
            "de",
        ),
        (
            "allo! ma commande {digits} arrive aujourdhui? mon courriel cest {email}",
            "pis si jsuis pas la quand le livreur passe?",
            "fr",
        ),
    ],
)
def test_an_order_number_after_a_german_label_and_not_home_in_dialect(agent, picker, first, then, lang):
    row = picker.pick({"status": "out_for_delivery"}, f"not-home-{lang}")
    digits = row["order_number"].removeprefix("#WS")
    status, asked = _talk(agent, first.format(digits=digits, email=row["email"]), then, lang=lang)
    assert f"order:{row['order_number'].removeprefix('#')}" in source_ids(status), status.text
    assert "policy:delivery#attempts" in source_ids(asked) and asked.language == lang, (asked.text, source_ids(asked))


@pytest.mark.parametrize(
    ("gift", "who", "lang"),
    [
        (
            "si jachete un cadeau de noel pour ma blonde pis ca y fait pas, elle a jusqua quand pour le retourner?",
            "pis le remboursement va a elle ou a moi?",
            "fr",
        ),
        (
            "se eu comprar um presente pra minha sogra e nao servir, ela pode devolver ate quando?",
            "e o reembolso vai pra ela ou pra mim?",
            "pt",
        ),
    ],
)
def test_who_gets_a_gifts_refund_is_the_gift_rule_not_a_refund_demand(agent, gift, who, lang):
    window, gifts = _talk(agent, gift, who, lang=lang)
    assert "policy:returns#window" in source_ids(window) and "31" in window.text, window.text
    assert "policy:returns#gifts" in source_ids(gifts) and not gifts.handoff, gifts.text


def test_the_last_day_to_order_after_the_return_rules_is_the_shipping_cut_off(agent):
    _window, _gift, cutoff = _talk(
        agent,
        "buying a coat for my brother, if it doesnt fit can he return it in january?",
        "and who gets the money, him or me?",
        "last q: what's the last day i can order with regular shipping so stuff gets here by the 24th",
    )
    assert "policy:shipping#holiday-cutoffs" in source_ids(cutoff) and "16" in cutoff.text, cutoff.text


def test_give_me_my_money_back_on_a_stuck_parcel_is_a_refund_demand_in_portuguese():
    assert (
        problems.detect("nao quero ficar esperando, me devolve o dinheiro q eu compro em outro lugar")
        == "refund_demand"
    )
    assert cues.fold("jsuis pas la, cest quoi, jusqua quand") == "je suis pas la, c'est quoi, jusqu'a quand"


@pytest.mark.parametrize(
    "ask",
    [
        "oi, vocês conseguem me dizer quais pedidos estão indo pro código postal 20001? quem compra de vocês?",
        "which orders are going to zip 10025? just curious who in my building buys from you",
        "welche Bestellungen gehen an die PLZ 80331?",
    ],
)
def test_orders_by_address_or_who_buys_from_us_are_declined(agent, ask):
    (reply,) = _talk(agent, ask)
    assert reply.intent == "out_of_scope" and not reply.citations, reply.text
    assert "#WS" not in reply.text  # no request for an order number to go on with


@pytest.mark.parametrize(
    ("ask", "topic"),
    [
        ("ok so when does the carrier actually scan it", "first_scan"),
        ("bought a sweater for my dad, how long can he return it if it doesnt fit", "return_deadline"),
        ("wer zahlt eigentlich das retourenlabel, ich oder ihr?", "return_cost"),
        ("y el envío de vuelta?", "return_cost"),
        ("Wo muess er en abgäh?", "return_dropoff"),
    ],
)
def test_more_ways_of_asking_a_written_rule(ask, topic):
    assert topic in [t.name for t in topics.topics_of(ask)]


def test_a_refund_before_christmas_asked_after_the_refund_timing_is_that_rule_again(agent, picker):
    row = picker.pick({"status": "delivered"}, "refund-christmas")
    _asked, _verified, when = _talk(
        agent,
        f"you received my return for {row['order_number']}. how long until the refund shows up on my card??",
        f"zip {row['postal_code']}",
        "so will i have it before christmas or not",
    )
    assert "policy:returns#refund-timing" in source_ids(when), (when.text, source_ids(when))


def test_the_first_one_means_the_first_order_discussed_in_every_answer(agent, picker):
    first, second = picker.pick_pair({"status": "in_transit"}, {"status": "delivered"}, "first-one")
    replies = _talk(
        agent,
        f"cuándo llega mi order {first['order_number']}, el email es {first['email']}",
        f"ok y el otro, el {second['order_number']}? ese ya llegó o qué",
        "ahh ok, then I just need to wait for the first one. me lo pueden entregar el sábado?",
    )
    ids = source_ids(replies[2])
    assert f"order:{first['order_number'].removeprefix('#')}" in ids, ids
    assert f"order:{second['order_number'].removeprefix('#')}" not in ids, ids


def test_an_item_that_did_not_come_in_the_box_is_missing_not_a_question_about_the_box(agent, picker):
    row = picker.pick({"status": "delivered"}, "missing-pt")
    values, _truth = picker.values(row)
    first, checked = _talk(
        agent,
        f"chegou o pacote do pedido {row['order_number']} mas o {values['item']} não veio na caixa. {row['email']}",
        "já conferi, veio só uma caixa e no email de envio só tem um código de rastreamento",
        lang="pt",
    )
    assert first.intent == "delivery_issue" and not first.handoff, first.text
    assert checked.handoff and checked.handoff["reason"] == "missing_item", checked.text


def test_looking_anyway_at_another_shops_order_gets_the_same_no(agent):
    first, again = _talk(
        agent, "wo steckt mein Zalando-Paket? seit Tagen nix", "jetzt komm, schau halt trotzdem mal nach", lang="de"
    )
    assert first.intent == again.intent == "out_of_scope" and not again.handoff, again.text
    assert "Zalando" not in again.text and "Northwind Outfitters" in again.text, again.text


def test_pressing_on_another_shops_order_in_german_gets_the_same_no(agent):
    first, again = _talk(
        agent,
        "Kannst du mal nach meinem Amazon-Paket schauen? Sollte gestern kommen",
        "Na toll. Weißt du wenigstens die Nummer vom Amazon-Kundenservice?",
        lang="de",
    )
    assert first.intent == again.intent == "out_of_scope" and not again.handoff, again.text


def test_a_complaint_letter_for_the_carrier_is_declined_not_read_as_a_dispute_with_us(agent):
    (reply,) = _talk(agent, "vous pouvez m'écrire une lettre de plainte pour USPS ? je l'envoie moi-même", lang="fr")
    assert reply.intent == "out_of_scope" and not reply.handoff, reply.text


def test_applause_right_after_a_delay_is_sarcasm_but_after_good_news_it_is_thanks(agent, picker):
    late = picker.pick({"status": "delayed"}, "clap-late")
    _status, clapped = _talk(
        agent, f"{late['order_number']} {late['email']} where is it", "wow amazing service 👏👏 love it"
    )
    assert clapped.handoff and clapped.handoff["reason"] == "frustration", clapped.text
    fine = picker.pick({"status": "delivered"}, "clap-fine")
    _status, thanked = _talk(
        agent, f"{fine['order_number']} {fine['email']} where is it", "wow amazing service, thank you!"
    )
    assert not thanked.handoff, thanked.text


def test_did_it_ship_yet_while_a_person_is_on_the_way_says_where_it_stands(agent, picker):
    row = picker.pick({"status": "pending"}, "did-it-ship")
    _cancel, asked = _talk(
        agent,
        f"cancel {row['order_number']} pls, zip {row['postal_code']}. bought it twice by accident",
        "wait actually did it ship yet? if it did nvm ill just return it",
    )
    assert f"order:{row['order_number'].removeprefix('#')}" in source_ids(asked), asked.text
    assert cues.asks_status("ist es schon raus?") and cues.asks_status("ya salió?")


@pytest.mark.parametrize(
    "ask",
    [
        "last q - do I pay for shipping? cart is like $120",
        "ultima: el envio lo pago yo? el carrito me da como 120 dolares",
        "Letzte Frage: zahl ich Versand? Warenkorb is so bei 120 Dollar",
        "Ultima pergunta: pago portes? o carrinho esta em uns 120 dolares",
    ],
)
def test_paying_for_shipping_is_the_shipping_price_not_the_return_cost(ask):
    assert [t.name for t in topics.topics_of(ask)] == ["shipping_cost"]
    assert "return_cost" in [t.name for t in topics.topics_of("how much does it cost me to send something back?")]


def test_not_shipped_yet_in_austrian_is_a_status_question_and_three_times_contacted_is_frustration():
    assert cues.any_of(cues.SHIPPED_YET, "also is des noch gar ned verschickt?")
    assert cues.any_of(cues.FRUSTRATION, "this is the THIRD time I've contacted ye and I get the same copy paste")
    assert cues.any_of(cues.ACK, "sweet as, ta")


@pytest.mark.parametrize(
    "ask",
    [
        "wiz consegues fazer-me um resumo sobre os Descobrimentos para o TPC do meu filho?",
        "oi, qual a cotação do dólar hoje?",
    ],
)
def test_homework_and_exchange_rates_are_declined_in_portuguese(agent, ask):
    (reply,) = _talk(agent, ask, lang="pt")
    assert reply.intent == "out_of_scope" and not reply.handoff, reply.text
