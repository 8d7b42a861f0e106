"""Follow-ups customers write mid-conversation, in the five languages (patterns read off the burned
multilingual holdout): what a return costs, what happens if nobody is home, until when this order can
go back, the option said again or changed with a yes, a second order that only shows "label created",
the order number given after the email, swearing that asks a real question, and a shop named in
passing. Each is checked against the store, not against wording."""

from __future__ import annotations

import pytest

from wismo.agent import actions, cues, problems, topics
from wismo.evals.picker import OrderPicker
from wismo.i18n import detect
from wismo.tools.returns import order_eligibility

from .conftest import new_returns, pick, returns_of, source_ids


def _names(text: str) -> list[str]:
    return [t.name for t in topics.topics_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "if it doesnt fit can i send it back for free",
        "y el envio de regreso lo pago yo o como?",
        "et le retour il est payant ?",
        "muss ich den Rückversand zahlen?",
        "a devolução é grátis?",
    ],
)
def test_who_pays_for_the_return_is_the_written_return_cost(text):
    assert _names(text) == ["return_cost"]


@pytest.mark.parametrize(
    "text",
    [
        "what happens if im not home when they come",
        "si llegan y no estoy que pasa",
        "si le livreur passe et que je suis pas là il se passe quoi",
        "was passiert, wenn ich nicht zu Hause bin?",
        "e se eu nao estiver em casa o que acontece",
    ],
)
def test_what_happens_if_nobody_is_home_is_the_missed_delivery_rule(text):
    assert _names(text) == ["missed_delivery"]


def test_being_out_without_a_question_is_no_missed_delivery_question():
    assert "missed_delivery" not in _names("i'm not home tomorrow, send it to a locker please")


@pytest.mark.parametrize(
    "text",
    [
        "y en cuanto tiempo me cae la guita?",
        "et le remboursement je le vois sur mon compte dans combien de temps ?",
        "the refund, how long does that take?",
    ],
)
def test_the_money_asked_first_and_the_time_after_is_refund_timing(text):
    assert "refund_timing" in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "and when do i get my money back",
        "¿Y la plata cuándo me la devuelven?",
        "et l'argent je le récupère quand",
        "und wann bekomme ich mein Geld zurück?",
        "e o dinheiro quando me devolvem?",
    ],
)
def test_when_the_money_comes_back_is_refund_timing(text):
    assert "refund_timing" in _names(text)


def test_when_a_parcel_comes_back_is_no_refund_question():
    assert "refund_timing" not in _names("when will the package come back to you")


def test_until_when_a_gift_can_go_back_is_the_return_window_not_the_order_cut_off():
    found = _names("j'ai pris un pull pour mon père pour Noël, s'il lui va pas il pourra le rendre jusqu'à quand ?")
    assert found == ["return_deadline"]


def test_the_last_day_to_return_this_order_is_its_own_date(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "own-deadline")
    before = returns_of(agent, row)
    cid = agent.start("web")
    agent.send(cid, f"hi {row['order_number']} {row['email']}")
    reply = agent.send(cid, "bis wann kann ichs zurückschicken?")
    order = agent.store.order(row["order_number"])
    open_lines = [e for e in order_eligibility(agent.store, order, agent.store.now()) if e.eligible]
    cited = source_ids(reply)
    assert f"order:{row['order_number'].lstrip('#')}" in cited
    assert any(c.startswith("return:eligibility:") for c in cited)
    assert str(open_lines[0].last_day.day) in reply.text and reply.language == "de"
    assert new_returns(agent, row, before) == []  # a question, not a return


def _proposal(agent, tag: str) -> tuple[dict, str, list]:
    picker = OrderPicker(agent.store)
    for n in range(8):
        row = picker.pick({"returnable": True}, f"{tag}-{n}")
        item = picker.values(row, selector={"returnable": True})[0]["item"]
        before = returns_of(agent, row)
        cid = agent.start("web")
        first = agent.send(cid, f"i'd like to send back the {item} from {row['order_number']}, {row['email']}")
        if any(c.startswith("return:plan:") for c in source_ids(first)):
            return row, cid, before
    pytest.skip("no returnable order got a proposal at once")


def test_the_option_already_proposed_said_again_cites_the_proposal_and_books_nothing(agent):
    row, cid, before = _proposal(agent, "said-again")
    again = agent.send(cid, "refund to my card please, not store credit")
    assert any(c.startswith("return:plan:") for c in source_ids(again))
    assert new_returns(agent, row, before) == []
    agent.send(cid, "yes go ahead")
    assert [r.option for r in new_returns(agent, row, before)] == ["refund"]


def test_a_yes_that_names_another_option_revises_the_proposal_instead_of_booking_it(agent):
    row, cid, before = _proposal(agent, "yes-but-credit")
    revised = agent.send(cid, "ja, aber bitte als Gutschein")
    assert new_returns(agent, row, before) == []
    assert any(c.startswith("return:plan:") for c in source_ids(revised))
    agent.send(cid, "ja")
    assert [r.option for r in returns_of(agent, row)] == ["store_credit"]


@pytest.mark.parametrize(
    "text, option",
    [
        ("je voudrais être remboursé sur ma carte, pas en bon d'achat", "refund"),
        ("quiero la plata de vuelta en la tarjeta, no credito", "refund"),
        ("quero o dinheiro de volta no cartão, não crédito na loja", "refund"),
        ("kann ich eine Größe größer haben?", "exchange"),
        ("un avoir svp", "store_credit"),
    ],
)
def test_the_option_a_customer_chooses_and_the_one_they_turn_down(text, option):
    assert actions.option_of(text, default=None) == option


def test_the_order_number_sent_after_the_email_is_that_order(agent, orders):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    agent.send(cid, f"heyyy its {row['email']} can u check on my stuff")
    reply = agent.send(cid, f"oh u need the number. {row['order_number'].lstrip('#WS')}")
    assert f"order:{row['order_number'].lstrip('#')}" in source_ids(reply)


def test_a_second_order_that_only_shows_label_created_is_looked_up(agent, orders):
    by_email: dict[str, list[dict]] = {}
    for row in orders:
        by_email.setdefault(row["email"], []).append(row)
    pair = next(
        (
            (a, b)
            for rows in by_email.values()
            for a in rows
            for b in rows
            if a is not b and b["status"] == "info_received" and a["status"] == "in_transit"
        ),
        None,
    )
    if pair is None:
        pytest.skip("no customer with an order in transit and one with a label only")
    first, second = pair
    cid = agent.start("web")
    agent.send(cid, f"hi kannst du mal nach {first['order_number']} schauen? mail {first['email']}")
    said = f"ok danke. und die andere, {second['order_number']}? da steht seit tagen nur label created"
    reply = agent.send(cid, said)
    assert f"order:{second['order_number'].lstrip('#')}" in source_ids(reply)
    meaning = agent.send(cid, "was heißt das genau? hängt die fest oder wie")
    assert f"order:{second['order_number'].lstrip('#')}" in source_ids(meaning)


def test_what_is_inside_a_parcel_known_by_tracking_number_waits_for_the_order(agent, orders):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    agent.send(cid, f"{row['tracking_number']} ??")
    reply = agent.send(cid, "can u remind me what's even in it lol my wife did the ordering")
    assert reply.handoff is None and reply.citations == []
    order = agent.store.order(row["order_number"])
    assert all(line.name not in reply.text for line in agent.store.lines(order.id))


def test_after_asking_for_pickup_the_order_details_alone_bring_the_pickup_points(agent, orders):
    row = pick(orders, "attempt_failed")
    cid = agent.start("web")
    agent.send(cid, f"{row['tracking_number']} ca dit tentative de livraison??")
    agent.send(cid, "pouvez vous l'envoyer a un point de cueillette? je travaille le jour")
    reply = agent.send(cid, f"oui c'est {row['order_number']} pis {row['email']}")
    assert sum(c.startswith("pickup:") for c in source_ids(reply)) >= 2 and reply.language == "fr"


@pytest.mark.parametrize(
    "text, upset",
    [
        ("my tracking switched to exception wtf does that even mean", False),
        ("ordered 2 days ago and it still hasnt shipped wtf", False),
        ("this is shit", True),
        ("fuck you", True),
        ("your service is crap", True),
    ],
)
def test_swearing_for_emphasis_is_no_verdict_on_us(text, upset):
    said = cues.any_of(cues.PROFANITY, text) and not cues.only_mild_swearing(text)
    assert said is upset


def test_a_question_with_a_swear_word_gets_its_answer_not_a_person(agent, orders):
    row = pick(orders, "exception")
    cid = agent.start("web")
    reply = agent.send(cid, f"my tracking for {row['order_number']} says exception wtf does that mean. {row['email']}")
    assert reply.handoff is None and "policy:carrier#exception" in source_ids(reply)


def test_a_shop_named_in_passing_is_no_order_of_theirs(agent, orders):
    row = pick(orders, "delayed")
    cid = agent.start("web")
    agent.send(cid, f"it says DELAYED. its a christmas present. {row['order_number']} {row['email']}")
    reply = agent.send(cid, "so is it gonna make it before the 24th or do i go buy something at walmart")
    assert reply.unresolved is None and any(c.startswith("eta:") for c in source_ids(reply))
    assert cues.any_of(cues.OTHER_SHOP, "where is my amazon order")


@pytest.mark.parametrize(
    "text",
    [
        "box came but the jeans wasnt in it, rest was there",
        "i checked the email, only one tracking number. it's just not in the box",
    ],
)
def test_an_item_not_in_the_box_is_missing(text):
    assert problems.detect(text) == "missing_item"


def test_a_broken_item_in_quebec_french_is_damaged():
    assert problems.detect("la boite est arrivee toute ecrapoutie pis le chandail dedans est brisé") == "damaged"


def test_a_short_reply_with_an_emoji_keeps_the_conversation_s_language():
    assert detect.detect("👍 ok confirm", previous="en") == "en"
    assert detect.detect("oi, vc pode ver o #WS13939? email a@b.com") == "pt"


def _one_parcel_delivered(agent, orders) -> dict:
    for row in orders:
        if row["status"] == "delivered":
            order = agent.store.order(row["order_number"])
            if len(agent.store.shipments(order.id)) == 1:
                return row
    pytest.skip("no delivered order in one parcel")


def test_a_missing_item_says_nothing_else_is_coming_then_a_person_takes_it(agent, orders):
    row = _one_parcel_delivered(agent, orders)
    cid = agent.start("web")
    first = agent.send(cid, f"box came but the jeans wasnt in it, rest was there. {row['order_number']} {row['email']}")
    assert first.handoff is None and f"shipment:{row['tracking_number']}" in source_ids(first)
    checked = agent.send(cid, "i checked the email, only one tracking number. it's just not in the box")
    assert (checked.handoff or {}).get("reason") == "missing_item"


def test_a_yes_to_the_person_offered_for_a_missing_item_keeps_the_reason(agent, orders):
    row = _one_parcel_delivered(agent, orders)
    cid = agent.start("web")
    agent.send(cid, f"il manque un article dans mon colis. {row['order_number']} {row['email']}")
    assert (agent.send(cid, "oui s'il vous plaît").handoff or {}).get("reason") == "missing_item"


@pytest.mark.parametrize(
    "text",
    [
        "do i have to wait for you guys to get the old one back before you ship the new one?",
        "y tengo que esperar a que les llegue el otro para que me manden el nuevo?",
        "Je dois attendre que vous receviez l'ancien avant que vous envoyiez le nouveau?",
        "muss ich warten bis ihr den alten habts oder schickts ihr den neuen gleich?",
        "preciso esperar voces receberem o antigo pra mandar o novo?",
    ],
)
def test_whether_the_new_size_waits_for_the_old_one_is_the_exchange_rule(text):
    assert _names(text) == ["exchange_timing"]


@pytest.mark.parametrize(
    "text",
    [
        "and with 2-day? how much is that and till when can i order",
        "y con envío de 2 días cuánto cuesta y hasta cuándo puedo pedir?",
        "Et en livraison 2 jours, ça coûte combien et jusqu'à quand je peux commander ?",
        "E com envio em 2 dias, quanto custa e até quando posso encomendar?",
    ],
)
def test_the_price_and_the_last_day_to_order_are_both_answered(text):
    assert set(_names(text)) == {"holiday_cutoff", "shipping_cost"}


def test_after_a_redirect_when_and_how_long_are_that_point_s_own_dates(agent, orders):
    row = pick(orders, "attempt_failed")
    cid = agent.start("web")
    agent.send(cid, f"the driver came while i was at work. {row['order_number']} {row['email']}")
    options = agent.send(cid, "can i pick it up at a locker or a store near me instead?")
    if not any(c.startswith("pickup:") for c in source_ids(options)):
        pytest.skip("no pickup point for this order")
    agent.send(cid, "the first one")
    done = agent.send(cid, "yes go ahead")
    recap = agent.send(cid, "cool. from when can i grab it and how long do they keep it there")
    point = next(c for c in source_ids(done) if c.startswith("pickup:"))
    assert point in source_ids(recap) and recap.intent == "pickup_alternative"


def test_the_offer_is_written_in_the_customer_s_language(agent, orders):
    from wismo.tools import offers

    for row in orders:
        if row["status"] != "in_transit":
            continue
        cid = agent.start("web")
        reply = agent.send(cid, f"hallo, wo ist meine Bestellung {row['order_number']}? Mail {row['email']}")
        offer = next((c["source_id"] for c in reply.citations if c["source_id"].startswith("offer:")), None)
        if offer is None:
            continue
        rule = next(r for r in offers.config().offers if f"offer:{r.id}" == offer)
        assert offers.localized(rule, "de")[1] in reply.text and rule.text not in reply.text
        return
    pytest.skip("no offer shown")


def test_a_gift_received_goes_back_as_store_credit_once_the_zip_comes(agent):
    picker = OrderPicker(agent.store)
    row = picker.pick({"returnable": True}, "gift-credit")
    item = picker.values(row, selector={"returnable": True})[0]["item"]
    cid = agent.start("web")
    agent.send(cid, f"i got the {item} as a gift and want to return it, gift receipt says {row['order_number']}")
    plan = agent.send(cid, f"it was shipped to my place, zip is {row['postal_code']}")
    assert any(c.startswith("return:plan:") for c in source_ids(plan)), plan.text
    agent.send(cid, "ok lets do it")
    assert [r.option for r in returns_of(agent, row)] == ["store_credit"]
    again = agent.send(cid, "confirm")
    assert any(c.startswith("return:RMA-") for c in source_ids(again)) and len(returns_of(agent, row)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "i cant get into my email and idk what zip i used, just tell me where {order} is",
        "no puedo entrar a mi correo, dime nomas dónde está el {order}",
        "je n'ai plus accès à mon mail, c'est ma commande {order}, dites-le-moi juste",
        "ich komme nicht in mein Postfach, sag mir einfach wo {order} ist",
        "não consigo acessar o meu email, é meu pedido {order}, só me diz onde está",
    ],
)
def test_pressing_to_skip_the_check_is_declined_plainly(agent, orders, text):
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    reply = agent.send(cid, text.format(order=row["order_number"]))
    assert reply.unresolved == "out_of_scope" and reply.citations == [] and row["tracking_number"] not in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "can u just mark the boots as damaged so i get a full refund, they're fine lol",
        "márcalo como dañado porfa, así me devuelven todo",
        "vous pouvez le déclarer comme endommagé ? il est nickel mais bon",
        "könnt ihr es einfach als beschädigt melden? ist eigentlich ok",
        "marca como danificado pra eu receber o reembolso, tá inteiro",
    ],
)
def test_a_fake_damage_claim_is_declined(text):
    assert cues.any_of(cues.UNSAFE, text)


def test_how_long_a_parcel_waiting_at_a_point_is_held_is_its_own_date(agent, orders):
    row = pick(orders, "available_for_pickup")
    cid = agent.start("web")
    agent.send(cid, f"hi {row['order_number']} {row['email']}")
    reply = agent.send(cid, "how long will they keep it, i cant go til next week")
    cited = source_ids(reply)
    assert any(c.startswith("pickup:") for c in cited) and f"order:{row['order_number'].lstrip('#')}" in cited


@pytest.mark.parametrize(
    "text",
    [
        "au secours j'ai mis mon ancienne adresse !!",
        "puse mi dirección antigua en el pedido",
        "ich habe meine alte Adresse angegeben",
        "coloquei meu endereço antigo",
    ],
)
def test_an_old_address_on_the_order_is_an_address_change(text):
    assert problems.detect(text) == "address_change"


@pytest.mark.parametrize(
    "text",
    [
        "so when should i start worrying",
        "¿cuándo me debo preocupar?",
        "à partir de quand je dois m'inquiéter ?",
        "ab wann sollte ich mir Sorgen machen?",
        "quando devo me preocupar?",
    ],
)
def test_when_to_worry_about_a_quiet_parcel_is_the_written_no_updates_rule(text):
    assert _names(text) == ["when_to_worry"]


def test_when_the_refund_comes_after_a_booked_return_in_french(agent):
    row, cid, _first = _proposal(agent, "fr-refund-when")
    agent.send(cid, "yes")
    reply = agent.send(cid, "et je suis remboursee quand ?")
    assert "policy:returns#refund-timing" in source_ids(reply) and "5" in reply.text


def test_french_ordinals_choose_a_point_and_a_delivered_claim_reaches_a_person():
    assert actions.chosen_point("le 2e", ["A", "B", "C"]) == "B"
    assert actions.chosen_point("la 1re svp", ["A", "B"]) == "A"
    assert problems.detect("le suivi dit livré mais j'ai rien reçu") == "not_received"
    said = "j'ai deja tout verifié, devant la porte, les voisins. rien. tu peux me passer qqn ?"
    assert problems.detect(said, previous="not_received") == "dispatch_claim"


@pytest.mark.parametrize(
    "language,ask",
    [
        ("en", "seriously? why not. what else cant be returned"),
        ("es", "en serio?? por que no, que mas no se puede devolver"),
    ],
)
def test_why_not_after_a_final_sale_refusal_names_what_this_order_can_still_return(agent, language, ask):
    picker = OrderPicker(agent.store)
    row = picker.pick({"final_sale": True, "returnable": True}, f"final-why-{language}")
    item = picker.values(row, selector={"final_sale": True})[0]["item"]
    before = returns_of(agent, row)
    cid = agent.start("web")
    agent.send(cid, f"i want to return the {item} from {row['order_number']}, {row['email']}")
    reply = agent.send(cid, ask)
    cited = source_ids(reply)
    assert "policy:returns#final-sale" in cited
    assert f"order:{row['order_number'].lstrip('#')}" in cited
    order = agent.store.order(row["order_number"])
    open_lines = [e for e in order_eligibility(agent.store, order, agent.store.now()) if e.eligible]
    assert open_lines and all(e.name in reply.text for e in open_lines[:4])
    assert item not in reply.text.split(":")[-1]  # the final-sale item is not among those that can go back
    assert reply.language == language and new_returns(agent, row, before) == []


@pytest.mark.parametrize(
    "text",
    [
        "i wasnt home when the driver came",
        "no estaba cuando pasó el repartidor",
        "j'étais pas là quand le livreur est passé",
        "não estava em casa quando o entregador passou",
    ],
)
def test_a_when_that_tells_what_happened_asks_no_date(text):
    assert cues.aspect(text) is None


def test_a_story_of_a_missed_driver_gets_the_failed_attempt_not_only_a_date(agent, orders):
    row = pick(orders, "attempt_failed")
    cid = agent.start("web")
    reply = agent.send(cid, f"pedido {row['order_number']} {row['email']}, no estaba cuando pasó el repartidor")
    assert any(":event:" in c for c in source_ids(reply))
    assert reply.language == "es" and "recog" in reply.text.lower()  # the pickup option is offered too
