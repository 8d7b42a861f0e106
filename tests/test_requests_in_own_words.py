"""Requests read off conversations customers wrote (a fresh development set), each checked on the store:
a return or a pickup asked for before any order gets the written rules of that request; a person of
flesh and blood asked for in five languages; a thanks in a language of its own; a pickup point asked
for in the same breath as the missed delivery; "whichever is closest" after the status; another size
said in the yes to an exchange; a written question inside the status part of a multi-part message;
a return asked about in general, then its order given."""

from __future__ import annotations

import pytest

from wismo.agent import actions, topics
from wismo.evals.picker import OrderPicker
from wismo.i18n.detect import detect
from wismo.tools.returns import in_stock, product_of

from .conftest import new_returns, returns_of, source_ids


@pytest.mark.parametrize(
    "text",
    [
        "i want to return something",
        "je voudrais retourner un article",
        "queria devolver uma coisa, chegou e não gostei",
        "ich möchte etwas zurückschicken",
    ],
)
def test_a_return_asked_before_its_order_is_answered_from_the_return_rules(agent, text):
    reply = agent.send(agent.start("web"), text)
    assert reply.handoff is None
    # The return rules or no article at all (the order asked for), never a damaged item or a gift.
    assert all(c.startswith("policy:returns#") for c in source_ids(reply)), source_ids(reply)
    assert not {"policy:returns#damaged", "policy:returns#gifts"} & set(source_ids(reply))


def test_a_plain_return_request_gets_how_returns_work_and_a_specific_one_its_rule(agent):
    plain = agent.send(agent.start("web"), "i want to return something")
    assert source_ids(plain) == ["policy:returns#how"]
    socks = agent.send(agent.start("web"), "can i return socks?")
    assert source_ids(socks) == ["policy:returns#final-sale"]


def test_a_pickup_asked_before_its_order_is_never_answered_with_someone_else_collecting(agent):
    reply = agent.send(agent.start("web"), "my parcel wasnt delivered, can i pick it up somewhere")
    assert "policy:pickup#someone-else" not in source_ids(reply)
    assert "policy:shipping#carriers" not in source_ids(reply)


@pytest.mark.parametrize(
    "ask",
    [
        "hm ok. gibts bei euch auch jemand Echtes, der sich das mal anschauen kann?",
        "mmm ok. hay alguien de carne y hueso por ahi q lo pueda mirar?",
        "ok... y'a-tu un vrai humain quelque part qui pourrait regarder ça?",
        "hmm ok. não há aí ninguém de carne e osso que possa ver isto?",
        "ok but is there a real human anywhere who can look at this",
    ],
)
def test_someone_real_asked_for_in_any_language_is_a_person(agent, ask):
    row = OrderPicker(agent.store).pick({"status": "delayed"}, f"someone-real-{ask[:12]}")
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['email']}")
    reply = agent.send(cid, ask)
    assert (reply.handoff or {}).get("reason") == "customer_requested"


@pytest.mark.parametrize("text", ["ok obg", "obg", "vlw", "ok obrigado"])
def test_a_short_thanks_in_portuguese_keeps_portuguese(text):
    assert detect(text, previous="pt") == "pt"


def test_a_short_thanks_says_its_own_language():
    assert detect("ok merci", previous="pt") == "fr"
    assert detect("ok thanks", previous="pt") == "pt"  # words every language uses: no switch


def test_a_pickup_point_asked_with_the_missed_delivery_lists_the_points(agent):
    row = OrderPicker(agent.store).pick({"status": "attempt_failed"}, "pickup-with-the-story")
    cid = agent.start("web")
    reply = agent.send(
        cid,
        "I missed the courier today. Would it be at all possible to have the parcel sent to a pickup point "
        f"near me rather than having them try again? It's order {row['order_number']}, {row['email']}",
    )
    assert reply.intent == "pickup_alternative"
    assert any(c.startswith("pickup:") for c in source_ids(reply))
    assert any(c.startswith("pickup:") for c in source_ids(agent.send(cid, "The second one would be perfect")))


def test_whichever_is_closest_after_the_status_proposes_the_nearest_point_and_a_yes_books_it(agent):
    row = OrderPicker(agent.store).pick({"status": "attempt_failed"}, "closest-after-status")
    cid = agent.start("web")
    status = agent.send(cid, f"they tried to deliver while i was at work {row['order_number']} {row['email']}")
    assert not any(c.startswith("pickup:") for c in source_ids(status))
    proposal = agent.send(cid, "whichever is closest")
    points = [c for c in source_ids(proposal) if c.startswith("pickup:")]
    assert proposal.intent == "pickup_alternative" and len(points) == 1
    done = agent.send(cid, "yep do it")
    assert points[0] in source_ids(done) and any(":event:" in c for c in source_ids(done))


def test_a_locker_asked_for_in_spanish_about_the_order_lists_the_points(agent):
    row = OrderPicker(agent.store).pick({"status": "attempt_failed"}, "locker-in-spanish")
    cid = agent.start("web")
    agent.send(cid, f"hey i missed my delivery, {row['order_number']} {row['email']}")
    reply = agent.send(cid, "mejor en español 😅 se puede mandar a un locker de esos que abren 24 horas?")
    assert reply.language == "es" and reply.intent == "pickup_alternative"
    assert any(c.startswith("pickup:") for c in source_ids(reply))


def test_open_round_the_clock_is_not_the_24th():
    assert topics.topics_of("se puede mandar a un locker de esos que abren 24 horas?") == []
    assert [t.name for t in topics.topics_of("are you open on the 24th?")] == ["holiday_store_hours"]


def _swappable_both_ways(agent) -> tuple[dict, str, str, str]:
    """An unused order with a returnable sized item whose next size up and down are both in stock."""
    picker = OrderPicker(agent.store)
    selector = {"returnable": True, "sized": True, "swap": "up"}
    for n in range(40):
        row = picker.pick(selector, f"size-in-the-yes-{n}")
        values, truth = picker.values(row, selector=selector)
        product = product_of(truth["line"]["sku"])
        i = product.variants.index(truth["line"]["variant"])
        if i > 0 and in_stock(product.sku, product.variants[i - 1]):
            return row, values["item"], product.variants[i - 1], product.variants[i + 1]
    raise LookupError("no item to swap both ways")


def test_another_size_said_in_the_yes_to_an_exchange_plans_that_size_before_booking(agent):
    row, item, down, up = _swappable_both_ways(agent)
    cid = agent.start("web")
    before = returns_of(agent, row)
    first = agent.send(cid, f"hi can i exchange the {item}? {row['order_number']} {row['email']}")
    assert first.intent == "start_return" and f"in {up}" in first.text  # no size said: the next one up
    again = agent.send(cid, "yeah that one. its too big, one size down pls")
    assert new_returns(agent, row, before) == [], "a yes with another size must not book the first proposal"
    assert f"in {down}" in again.text
    agent.send(cid, "ok confirm")
    booked = new_returns(agent, row, before)
    assert len(booked) == 1 and booked[0].option == "exchange"
    assert [i["new_variant"] for i in booked[0].items] == [down]


def test_the_nearest_words_choose_the_nearest_point():
    assert actions.asks_nearest("whichever is closest") and actions.asks_nearest("el que esté más cerca")
    assert not actions.asks_nearest("when will it arrive")


def test_a_written_question_inside_the_status_part_is_answered_too(agent):
    row = OrderPicker(agent.store).pick({"status": "in_transit"}, "three-things")
    reply = agent.send(
        agent.start("web"),
        f"hey 3 things. where is {row['order_number']} (email {row['email']}), do u guys deliver on saturdays, "
        "and whats the last day i can order w normal shipping so it gets here for xmas",
    )
    cited = source_ids(reply)
    assert f"order:{row['order_number'].lstrip('#')}" in cited
    assert {"policy:shipping#weekend", "policy:shipping#holiday-cutoffs"} <= set(cited)


def test_three_return_questions_before_any_order_get_three_answers(agent):
    reply = agent.send(
        agent.start("web"),
        "buying a present for my brother, 3 q's: if he opens it on the 24th and it doesnt fit can he still return "
        "it like mid january? do we have to pay for the return shipping? and can he just take it to one of your "
        "stores instead",
    )
    assert {"policy:returns#window", "policy:returns#cost", "policy:returns#in-store"} <= set(source_ids(reply))


def test_a_return_asked_about_in_general_is_proposed_once_its_order_is_given(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "return-after-refund-timing")
    item = picker.values(row, selector={"returnable": True})[0]["item"]
    cid = agent.start("web")
    first = agent.send(cid, "if i return something how long does the refund take?")
    assert source_ids(first) == ["policy:returns#refund-timing"]
    reply = agent.send(cid, f"ok its the {item}, order {row['order_number']} email {row['email']}")
    assert reply.intent == "start_return" and any(c.startswith("return:plan:") for c in source_ids(reply))


def test_waiting_for_the_old_one_asked_before_the_yes_keeps_the_exchange(agent):
    row, item, _down, up = _swappable_both_ways(agent)
    cid = agent.start("web")
    before = returns_of(agent, row)
    number, email = row["order_number"], row["email"]
    agent.send(cid, f"hey {number} {email}. the {item} is too small, can i swap it for one size up?")
    asked = agent.send(cid, "do i have to wait for u guys to get mine back first?")
    assert "policy:returns#exchanges" in source_ids(asked)
    agent.send(cid, "ok yes go ahead w the exchange")
    booked = new_returns(agent, row, before)
    assert len(booked) == 1 and [i["new_variant"] for i in booked[0].items] == [up]


def test_the_closest_after_asking_for_a_locker_is_the_nearest_locker():
    names = ["FedEx Office #1 Main St carrier_point", "FedEx Locker #2 Lake St locker", "Our store #3 store"]
    codes = ["P1", "P2", "P3"]
    assert actions.chosen_point("el que esté más cerca", codes, names, prefer="locker") == "P2"
    assert actions.chosen_point("the closest locker", codes, names) == "P2"
    assert actions.chosen_point("whichever is closest", codes, names) == "P1"
    assert actions.wanted_kind("se puede mandar a un locker de esos?") == "locker"


@pytest.mark.parametrize("text", ["hiii r u a real person or a bot lol", "eres una persona real?"])
def test_asking_whether_the_bot_is_a_real_person_is_no_request_for_one(agent, text):
    assert agent.send(agent.start("web"), text).handoff is None


def test_a_sad_face_after_an_answer_gets_sympathy_and_a_person_on_a_yes(agent):
    row = OrderPicker(agent.store).pick({"status": "delayed"}, "sad-face")
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['email']}")
    sad = agent.send(cid, "😩😩")
    assert sad.handoff is None and sad.unresolved is None and "person" in sad.text
    assert (agent.send(cid, "yes please").handoff or {}).get("reason") == "customer_requested"


def test_a_numbered_list_leads_with_where_the_order_is(agent):
    row = OrderPicker(agent.store).pick({"status": "in_transit"}, "numbered-three")
    reply = agent.send(
        agent.start("web"),
        f"hi 3 questions. 1) where is {row['order_number']} (email {row['email']}) 2) do you deliver on sundays "
        "3) if my dad doesnt like it can he return it in january",
    )
    cited = source_ids(reply)
    assert reply.intent == "order_status" and any(c.startswith("shipment:") for c in cited)
    assert {"policy:shipping#weekend", "policy:returns#window"} <= set(cited)


@pytest.mark.parametrize("text", ["if my dad doesnt like it", "my mom doesnt want it", "my sister wont like it"])
def test_a_contraction_typed_without_its_apostrophe_is_no_name(text):
    from wismo.guardrails.pii import get_redactor

    assert get_redactor().redact(text).text == text


def test_no_order_number_at_hand_gets_where_to_find_it_and_leaving_is_a_goodbye(agent):
    cid = agent.start("web")
    agent.send(cid, "where is my stuff, ordered like a week ago")
    lost = agent.send(cid, "i dont have the number its on my other phone")
    assert lost.unresolved is None and "#WS" in lost.text and lost.handoff is None
    bye = agent.send(cid, "ugh forget it ill come back later")
    assert bye.intent == "smalltalk" and bye.handoff is None and "#WS" not in bye.text


def test_why_a_pending_order_has_not_shipped_says_the_processing_rule(agent):
    row = OrderPicker(agent.store).pick({"status": "pending"}, "why-not-shipped")
    reply = agent.send(
        agent.start("web"),
        f"why hasnt my order shipped yet?? its been sitting on pending forever. {row['order_number']} {row['email']}",
    )
    assert "policy:shipping#processing" in source_ids(reply)


def test_a_return_asked_about_as_an_if_with_its_order_gets_its_last_day_and_books_nothing(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "if-he-doesnt-like-it")
    item = picker.values(row, selector={"returnable": True})[0]["item"]
    before = returns_of(agent, row)
    cid = agent.start("web")
    first = agent.send(
        cid,
        f"hola, compré un {item} para mi suegro. si no le gusta, ¿se puede devolver después de navidad? "
        f"pedido {row['order_number']}, {row['email']}",
    )
    cited = source_ids(first)
    assert "policy:returns#window" in cited and not any(c.startswith("return:plan:") for c in cited)
    money = agent.send(cid, "y el reembolso me llega a la tarjeta o cómo es?")
    assert "policy:returns#refund-timing" in source_ids(money)
    agent.send(cid, "perfecto gracias!!")
    assert new_returns(agent, row, before) == []


def test_will_they_send_it_back_about_a_parcel_at_the_post_office_is_its_hold(agent):
    row = OrderPicker(agent.store).pick({"status": "available_for_pickup"}, "will-they-send-it-back")
    reply = agent.send(
        agent.start("web"),
        "got a text my parcel is at the post office but im out of town till the 18th!! will they send it back?? "
        f"{row['order_number']} {row['email']}",
    )
    assert reply.intent != "start_return" and any(c.startswith("pickup:") for c in source_ids(reply))


def test_the_question_after_a_story_leads(agent):
    row = OrderPicker(agent.store).pick({"status": "in_transit"}, "story-then-question")
    cid = agent.start("web")
    agent.send(cid, f"hey is my package even moving?? {row['order_number']} {row['email']}")
    reply = agent.send(
        cid,
        "ok good its a gift for my mom, were driving up to see her the weekend before christmas so fingers "
        "crossed lol. when is it supposed to come",
    )
    assert reply.intent == "order_status" and any(c.startswith("eta:") for c in source_ids(reply))
    assert agent.send(cid, "brb").intent == "smalltalk"


def test_no_order_number_after_a_tracking_number_keeps_the_carrier_answer(agent):
    row = OrderPicker(agent.store).pick({"status": "in_transit"}, "tracking-then-no-number")
    cid = agent.start("web")
    agent.send(cid, f"i only got the tracking number from the shipping email, {row['tracking_number']}. is it moving")
    reply = agent.send(
        cid, "dont have the order number on me sorry its on my work computer. just tell me what the carrier says"
    )
    assert any(c.startswith("shipment:") for c in source_ids(reply))


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("do i have to wait for u guys to get mine back first?", "exchange_timing"),
        ("et faut que j'attende que vous receviez le mien avant d'avoir le nouveau?", "exchange_timing"),
        ("Geld bitte zurück auf die Karte. wie lang dauert das bis ich die Kohle wiederhab?", "refund_timing"),
        ("can i pay extra to speed it up?", "shipping_upgrade"),
        ("hola una pregunta, el envío es gratis? y mandan a puerto rico?", "ship_where"),
        ("i ordered last night and never got a confirmation email, did it even go thru??", "no_confirmation"),
        ("also when does my card get charged", "card_charged"),
        ("et si je suis pas là ils repassent demain ? c'est samedi demain", "missed_delivery"),
        ("ok whatever. when can i return mine", "return_deadline"),
    ],
)
def test_written_questions_in_the_customers_words_find_their_rule(text, topic):
    # (asked alone, or before the yes to a return: "do I have to wait for mine to get back first?")
    assert topic in [t.name for t in topics.topics_of(text)]


def test_how_long_after_the_military_mail_rule_is_its_own_time():
    after = topics.of_articles(["policy:shipping#po-box"])
    assert [t.name for t in topics.read_on("how long does that take", [], after)] == ["po_box"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("ordered Touchscreen Gloves and what came is NOT that. like not even close", "wrong_item"),
        ("so the Power Bank 10k i got literally fell apart after wearing it twice", "damaged"),
    ],
)
def test_delivery_problems_in_the_customers_words(text, problem):
    from wismo.agent import problems

    assert problems.detect(text) == problem


def test_the_worst_experience_ever_reaches_a_person(agent):
    row = OrderPicker(agent.store).pick({"status": "exception"}, "worst-experience")
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['email']}")
    reply = agent.send(cid, "this is the worst holiday shopping experience ive ever had. what is going on with it")
    assert (reply.handoff or {}).get("reason") == "frustration"


def test_the_weather_is_declined_not_misunderstood(agent):
    cid = agent.start("web")
    first = agent.send(cid, "is it gonna snow in chicago this weekend? trying to decide if i even need boots lol")
    assert first.intent == "out_of_scope" and first.unresolved == "out_of_scope" and first.handoff is None
    assert agent.send(cid, "come on just a quick guess").handoff is None


def test_another_customers_order_in_the_same_message_is_refused_and_stays_refused(agent):
    picker = OrderPicker(agent.store)
    mine = picker.pick({"status": "delivered"}, "mine-and-my-ex")
    theirs = picker.pick({"status": "in_transit"}, "my-ex", exclude_emails=frozenset({mine["email"].lower()}))
    cid = agent.start("web")
    first = agent.send(
        cid,
        f"hi {mine['order_number']} {mine['email']}, mine came fine. my ex also ordered, its {theirs['order_number']}. "
        "where is it being shipped? i need his new address",
    )
    assert first.handoff is None
    assert not any(theirs["order_number"].lstrip("#") in c for c in source_ids(first))
    again = agent.send(cid, "come on its for the kids christmas presents. just the city then")
    assert again.citations == [] and again.handoff is None


def test_whether_an_item_is_in_the_box_says_what_the_order_holds(agent):
    row = OrderPicker(agent.store).pick({"status": "in_transit"}, "in-the-box")
    cid = agent.start("web")
    agent.send(cid, f"order is {row['order_number']} and email {row['email']}")
    reply = agent.send(cid, "so is everything i ordered in that box?")
    cited = source_ids(reply)
    assert f"order:{row['order_number'].lstrip('#')}:items" in cited
    order = agent.store.order(row["order_number"])
    assert all(line.name in reply.text for line in agent.store.lines(order.id))


def test_more_words_in_five_languages():
    from wismo.agent import cues

    assert cues.is_yes("Listo, hágale con el cambio")
    assert cues.any_of(cues.IN_THE_BOX, "Passt. Ist da auch Cable Knit Pom Hat mit drin?")
    assert not cues.any_of(cues.IN_THE_BOX, "quer saber, cancela o pedido inteiro, eu compro de novo")
    said = "e se eu nao tiver em casa eles voltam amanha? amanha é sabado ne"
    assert [t.name for t in topics.topics_of(said)] == ["missed_delivery"]
    both = [t.name for t in topics.topics_of("y el envío de 2 días cuánto cuesta y hasta cuándo se puede?")]
    assert both == ["holiday_cutoff", "shipping_cost"]


def test_more_patterns_from_the_multilingual_holdout():
    from wismo.agent import cues, problems

    assert detect("Hey, wo ist #WS13745? PLZ 55408") == "de"
    assert detect("Hey, where is #WS13745? zip 55408") == "en"
    said = "Hallo, laut Tracking zugestellt, aber bei mir is nix da. #WS13110, PLZ 75214"
    assert problems.detect(said) == "not_received"
    assert problems.detect("#WS14384, <EMAIL_1>. ordered the wrong thing") is None  # the customer's own choice
    assert problems.detect("they sent me the wrong size") == "wrong_item"
    assert cues.any_of(cues.ASK_PERSON, "Kann bitte wer von euch eine Reklamation aufmachen?")


def test_a_cancel_for_an_order_placed_by_mistake_goes_to_a_person_as_a_cancel(agent):
    row = OrderPicker(agent.store).pick({"status": "pending"}, "ordered-the-wrong-thing")
    cid = agent.start("web")
    agent.send(cid, "hi i need to cancel an order i placed")
    reply = agent.send(cid, f"{row['order_number']}, {row['email']}. ordered the wrong thing")
    assert (reply.handoff or {}).get("reason") == "cancel_request"


def test_a_question_misread_as_a_return_still_gets_the_rule_its_words_clearly_ask(agent):
    said = (
        "kurze Frage bevor ich bestelle: wenn ich am Montag 15.12. mit Standardversand bestell, kommt das noch bis "
        "Heiligabend an? was ist der letzte Bestelltag?"
    )
    reply = agent.send(agent.start("web"), said)
    assert "policy:shipping#holiday-cutoffs" in source_ids(reply) and reply.language == "de"


def test_delivered_but_nothing_here_in_quebec_french():
    from wismo.agent import problems

    said = "salut, le suivi dit que mon colis a été livré mais y'a rien icitte. commande #WS10136"
    assert problems.detect(said) == "not_received"


def test_holdout12_patterns():
    from wismo.agent import problems

    said = "the Power Bank 10k, its too small and i dont want a different size just my money back"
    assert actions.option_of(said, default=None) == "refund"
    assert actions.option_of("can i swap it for a different size?", default=None) == "exchange"
    assert problems.detect("the Pine & Cedar Candle in my order has a huge rip in the seam") == "damaged"
    assert [t.name for t in topics.topics_of("ok so its just a hold for now?")] == ["card_charged"]


def test_when_an_order_not_yet_placed_ships_is_the_processing_rule(agent):
    reply = agent.send(agent.start("web"), "ok and if i order tonight when does it ship out")
    assert source_ids(reply) == ["policy:shipping#processing"]
