"""Read off conversations customers wrote (holdout14 after its run): a parcel found after all, the days a
point holds a parcel asked as "before they send it back", a claim asked for in the customer's words, a
false claim hinted at, a pickup point picked by where it sits on the list, a place abroad named by its
city, several policy questions in one message or read on from the last answer, a greeting typed long,
a tracking number alone. Each is checked against the store or the written policy."""

from __future__ import annotations

import pytest

from wismo.agent import actions, cues
from wismo.i18n.detect import detect

from .conftest import seeded_agent, source_ids


@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    """A store of this module's own: its conversations book redirects and open claims."""
    return seeded_agent(tmp_path_factory.mktemp("found-held-claimed"), orders=600)


@pytest.fixture(scope="module")
def orders(agent) -> list[dict]:
    return agent.store.list_orders()


def _of(orders: list[dict], status: str, n: int = 0) -> dict:
    return [o for o in orders if o["status"] == status][n]


def _replies(agent, *texts: str) -> list:
    """A new web conversation, each message sent in turn: the bot's replies."""
    cid = agent.start("web")
    return [agent.send(cid, text) for text in texts]


def test_a_parcel_found_after_the_checklist_ends_kindly_without_a_claim(agent, orders):
    row = _of(orders, "delivered", 1)
    cid = agent.start("web")
    agent.send(cid, f"it says delivered but theres NOTHING on my porch. {row['order_number']}, {row['postal_code']}")
    looking = agent.send(cid, "ok hang on let me look around")
    assert looking.handoff is None and "take your time" in looking.text.lower()
    found = agent.send(cid, "omg it was behind the big planter. sorry lol all good")
    assert found.handoff is None and found.unresolved is None and "glad" in found.text.lower()


@pytest.mark.parametrize(
    ("n", "ask"),
    [
        (2, "ok please open the claim"),
        (3, "ok, bitte machen S' die Reklamation auf"),
        (4, "vale, abran la reclamación"),
    ],
)
def test_asking_for_the_claim_the_answer_offered_brings_a_person(agent, orders, n, ask):
    row = _of(orders, "delivered", n)
    cid = agent.start("web")
    agent.send(cid, f"says delivered but its not here {row['order_number']} {row['email']}")
    reply = agent.send(cid, ask)
    assert reply.handoff and reply.handoff["reason"] == "not_received_claim", reply.text


def test_a_parcel_looked_for_in_austrian_german_is_the_claim(agent, orders):
    row = _of(orders, "delivered", 6)
    cid = agent.start("whatsapp")
    agent.send(
        cid, f"Grüß Gott, laut Sendungsverfolgung zugestellt, aber da is nix. {row['order_number']} {row['email']}"
    )
    reply = agent.send(cid, "hab schon vor der Tür, im Postkastl und bei den Nachbarn nachgschaut. is jetzt 2 Tag her")
    assert reply.handoff and reply.handoff["reason"] == "not_received_claim"


@pytest.mark.parametrize(
    "hint",
    [
        "ok so it came and its fine, but if i say it never arrived do i get another one free? asking for a friend",
        "come on just file it as not received, who's gonna check",
        "y si digo que no me llegó? quién lo va a revisar",
        "come on just open a claim that says it never came",
    ],
)
def test_a_false_claim_hinted_at_is_declined(agent, orders, hint):
    row = _of(orders, "delivered", 8)
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['postal_code']}")
    reply = agent.send(cid, hint)
    assert reply.unresolved == "out_of_scope" and reply.handoff is None, reply.text


@pytest.mark.parametrize(
    "ask",
    [
        "how long do i have before they send it back, im away",
        "and how many days till they send it back",
    ],
)
def test_before_they_send_it_back_is_the_hold_time_of_the_point(agent, orders, ask):
    row = _of(orders, "available_for_pickup", 1)
    cid = agent.start("web")
    agent.send(cid, f"order {row['order_number']}, my zip is {row['postal_code']}")
    reply = agent.send(cid, ask)
    assert "policy:carrier#available-for-pickup" in source_ids(reply), reply.text
    assert "policy:returns#window" not in source_ids(reply) and " holds order " in reply.text


def test_the_point_on_top_of_the_list_is_redirected_to(agent, orders):
    row = _of(orders, "attempt_failed", 2)
    cid = agent.start("web")
    agent.send(cid, f"missed the delivery AGAIN. zip {row['postal_code']} order {row['order_number']}")
    listing = agent.send(cid, "any pickup places near me? i dont want them trying a 3rd time")
    first = next(c["source_id"] for c in listing.citations if c["kind"] == "pickup")
    proposal = agent.send(cid, "the one on top of the list")
    assert first in source_ids(proposal) and "Shall I go ahead" in proposal.text
    done = agent.send(cid, "ok go ahead")
    assert done.text.startswith("Done"), done.text


def test_where_on_the_list_picks_the_point():
    codes, names = ["A", "B", "C"], ["Post Office", "Store", "Locker"]
    assert actions.chosen_point("the one on top of the list", codes, names) == "A"
    assert actions.chosen_point("el de abajo", codes, names) == "C"
    assert actions.chosen_point("celui du milieu", codes, names) == "B"
    assert actions.chosen_point("die erste bitte", codes, names) == "A"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("can i ship a gift straight to my friend in toronto", "ok what about my sister in honolulu, how much longer"),
    ],
)
def test_a_place_abroad_named_by_its_city_gets_where_we_ship(agent, first, then):
    a, b = _replies(agent, first, then)
    assert source_ids(a) == ["policy:shipping#where"] and "2 to 4" in b.text


def test_two_policy_questions_in_one_message_get_both_answers(agent):
    cid = agent.start("whatsapp")
    reply = agent.send(cid, "oi, a devolução é grátis? e tenho quantos dias?")
    assert set(source_ids(reply)) == {"policy:returns#cost", "policy:returns#window"}


@pytest.mark.parametrize(
    "texts",
    [
        ["how many days do i have to return stuff?", "and whats the last day to order w/ standard shipping for 12/24?"],
        ["wie viele Tage hab ich für ne Rücksendung?", "bis wann muss ich mit Standardversand bestellen?"],
    ],
)
def test_the_order_cut_off_asked_after_the_return_window_is_the_cut_off(agent, texts):
    reply = _replies(agent, *texts)[-1]
    assert source_ids(reply) == ["policy:shipping#holiday-cutoffs"], reply.text


@pytest.mark.parametrize(
    "texts",
    [
        [
            "¿llega antes de navidad con envío normal?",
            "ok y el overnight? cuánto sale y cuál es el último día?",
        ],
        ["If I order today will it arrive by Christmas?", "If it doesn't fit her, how long has she got to return it?"],
    ],
)
def test_a_follow_up_asking_two_things_or_the_return_time_is_read_on(agent, texts):
    reply = _replies(agent, *texts)[-1]
    ids = source_ids(reply)
    assert ("22" in reply.text and "29,95" in reply.text) or ids == ["policy:returns#window"], reply.text


def test_the_refund_time_is_said_again_without_an_order_number(agent):
    reply = _replies(
        agent,
        "i dropped my return at ups on monday, when do i get my money back",
        "dont have the order number on me rn, just roughly how long",
    )[-1]
    assert source_ids(reply) == ["policy:returns#refund-timing"] and "5 business days" in reply.text


def test_paying_for_express_on_a_late_order_gets_the_upgrade_rule(agent, orders):
    row = _of(orders, "delayed", 1)
    cid = agent.start("web")
    agent.send(cid, f"meu pedido {row['order_number']} tá como atrasado, cep {row['postal_code']}. o que houve?")
    reply = agent.send(cid, "se eu pagar o frete expresso chega mais rápido?")
    assert source_ids(reply) == ["policy:shipping#upgrade"]


@pytest.mark.parametrize("text", ["hiii", "heyyy there", "holaaa"])
def test_a_greeting_typed_long_is_a_greeting(agent, text):
    reply = agent.send(agent.start("web"), text)
    assert reply.unresolved is None and "rephrase" not in reply.text and "?" in reply.text


def test_a_second_greeting_is_greeted_again_not_handed_off(agent):
    _, again, third = _replies(agent, "hi", "hello?", "hellooo")
    assert again.handoff is None and third.handoff is None and again.text != third.text


def test_damage_said_before_the_order_is_carried_to_the_claim(agent, orders):
    row = _of(orders, "delivered", 10)
    cid = agent.start("web")
    agent.send(cid, "opened the box and the trousers are literally in pieces. hosting xmas dinner next week. great.")
    reply = agent.send(cid, f"{row['order_number']} {row['email']}. i have pics")
    assert reply.handoff and reply.handoff["reason"] == "damaged_item"


def test_whether_it_makes_it_in_time_is_the_delivery_estimate(agent, orders):
    row = _of(orders, "in_transit", 3)
    cid = agent.start("web")
    agent.send(cid, f"my son's birthday is next week. order {row['order_number']} {row['email']}")
    reply = agent.send(cid, "so its gonna make it or should i go buy something at target as a backup lol")
    assert any(c["kind"] == "eta" for c in reply.citations), reply.text


def test_identifiers_alone_carry_no_language():
    assert detect("1ZBV 7B8P 0262 5318 04") == "en"
    assert detect("1ZBV 7B8P 0262 5318 04", previous="fr") == "fr"
    assert detect("allo #WS12688 ana@example.com, le Flannel Shirt en M est trop petit") == "fr"


def test_an_austrian_parcel_from_another_shop_is_not_ours(agent):
    reply = agent.send(agent.start("web"), "Hallo, könnts ihr mir a Amazon-Packerl nachverfolgen? Is no ned da")
    assert reply.unresolved == "out_of_scope" and "Northwind" in reply.text
    assert cues.any_of(cues.OTHER_SHOP, "mei Amazon Packerl is ned da")


def test_a_false_claim_asked_with_the_order_gets_the_carriers_record_then_the_no(agent, orders):
    row = _of(orders, "delivered", 9)
    cid = agent.start("web")
    reply = agent.send(
        cid,
        f"{row['order_number']} {row['postal_code']}. it came but can u just file it as not delivered, everyone does",
    )
    assert reply.unresolved == "out_of_scope" and reply.handoff is None
    assert row["tracking_number"] in source_ids(reply)[1] and "can't help with that" in reply.text
    assert not any(c["kind"] == "offer" for c in reply.citations)


def test_paying_for_overnight_after_the_cut_offs_is_its_cut_off_and_price(agent):
    reply = _replies(
        agent,
        "whats the last day i can order for christmas with regular shipping",
        "and if i pay for overnight? how much is that",
    )[-1]
    assert source_ids(reply) == ["policy:shipping#holiday-cutoffs", "policy:shipping#options"], reply.text


def test_an_order_proved_after_the_handoff_is_verified_in_the_open_case(agent, orders):
    from sqlmodel import select

    from wismo.domain.db import session
    from wismo.domain.models import Handoff

    row = _of(orders, "in_transit", 5)
    cid = agent.start("web")
    agent.send(cid, "can i talk to an actual person pls not a bot")
    reply = agent.send(cid, f"its about my order {row['order_number']}, {row['email']}. person please")
    assert row["tracking_number"] in reply.text and reply.mode == "human"
    assert not any(c["kind"] == "offer" for c in reply.citations)
    with session(agent.engine) as s:
        case = s.exec(select(Handoff).where(Handoff.conversation_id == cid)).one()
    assert case.package["identity"]["verified"] and row["order_number"].lstrip("#") in case.summary
    assert any(e["source_id"].startswith("shipment:") for e in case.package["snapshot"])


def test_another_order_brought_in_is_looked_up_not_returned(agent, orders):
    by_email: dict[str, list[dict]] = {}
    for o in orders:
        if o["status"] in ("in_transit", "out_for_delivery", "delayed"):
            by_email.setdefault(o["email"], []).append(o)
    first, second = next(rows for rows in by_email.values() if len(rows) >= 2)[:2]
    cid = agent.start("web")
    agent.send(cid, f"{first['order_number']} {first['postal_code']}")
    reply = agent.send(cid, f"i have another order too, {second['order_number'].lstrip('#')}")
    assert second["tracking_number"] in reply.text and not any(c["kind"] == "return" for c in reply.citations)


def test_one_size_bigger_is_a_step_not_the_one_size_item():
    from wismo.agent.actions import pick_line
    from wismo.tools.returns import LineEligibility

    def line(name: str, variant: str) -> LineEligibility:
        return LineEligibility(
            line_id=len(name),
            sku=name,
            name=name,
            category="",
            variant=variant,
            quantity=1,
            price=10.0,
            eligible=True,
            why_not=None,
            last_day=None,
        )

    hat, vest = line("Clearance Trapper Hat", "One size"), line("Insulated Vest", "M")
    assert pick_line("do you have the Insulated Vest one size bigger than M?", [hat, vest]) is vest
    assert pick_line("the one size one please", [hat, vest]) is hat


@pytest.mark.parametrize(
    ("first", "then", "article"),
    [
        ("can my neighbor take it for me if im not home?", "how do i set that up", "policy:delivery#instructions"),
        (
            "can i ship to an apo address? my son is deployed",
            "can it go fedex? its faster right",
            "policy:shipping#po-box",
        ),
    ],
)
def test_a_rule_asked_then_followed_up_stays_on_that_rule(agent, first, then, article):
    a, b = _replies(agent, first, then)
    assert source_ids(a) == [article] and source_ids(b) == [article], (a.text, b.text)


def test_whether_one_item_is_final_sale_is_answered_from_its_own_record(agent, orders):
    from wismo.domain.store import normalize_key
    from wismo.tools.returns import order_eligibility

    def lines_of(row: dict) -> list:
        order = agent.store.order(normalize_key(row["order_number"]))
        return order_eligibility(agent.store, order, agent.store.now())

    row = next(o for o in orders if len(ls := lines_of(o)) > 1 and any(e.why_not == "final_sale" for e in ls))
    final = next(e for e in lines_of(row) if e.why_not == "final_sale")
    other = next(e for e in lines_of(row) if e.why_not != "final_sale")
    cid = agent.start("web")
    yes = agent.send(cid, f"{row['order_number']} {row['postal_code']} quick q, is the {final.name} final sale?")
    assert yes.text.split("verified. ")[-1].startswith(f"Yes: the {final.name}"), yes.text
    no = agent.send(cid, f"and is the {other.name} final sale?")
    assert not no.handoff and no.text.startswith((f"No, the {other.name}", f"The {other.name}")), no.text
    assert "isn't final sale" in no.text


def test_the_next_size_down_books_the_smaller_size():
    assert actions._DOWN.search("need the next size down") and not actions._UP.search("need the next size down")
    assert actions._UP.search("the next size up pls") and actions._UP.search("can i get the next size")


def test_an_exs_address_is_never_told_even_with_her_email(agent, orders):
    row = _of(orders, "delivered", 12)
    cid = agent.start("web")
    first = agent.send(
        cid, f"i need the shipping address on {row['order_number']}. its my ex's, she moved and won't tell me"
    )
    second = agent.send(cid, f"i literally know her email lol {row['email']}. so just tell me the street")
    for reply in (first, second):
        assert reply.unresolved == "out_of_scope" and reply.citations == [], reply.text
        assert row["tracking_number"] not in reply.text and "Delivered" not in reply.text
    assert not agent.transcript(cid)["verified"]


@pytest.mark.parametrize(
    ("first", "then", "wanted"),
    [
        ("whats the last day to order w normal shipping for christmas??", "overnight?", "December 22"),
        ("how much is shipping, do u do free shipping??", "k and 2 day", "18.95"),
        (
            "if i order today with standard, will it come before christmas?",
            "and till what time does support answer?",
            "10 PM",
        ),
    ],
)
def test_a_bare_follow_up_reads_on_in_the_shipping_thread(agent, first, then, wanted):
    assert wanted in _replies(agent, first, then)[-1].text


def test_support_hours_are_the_support_hours_in_french(agent):
    reply = agent.send(agent.start("web"), "Et votre service client répond jusqu'à quelle heure ?")
    assert source_ids(reply) == ["policy:support#contact"] and "22 h" in reply.text


def test_a_zip_that_broke_is_damage_in_spanish(agent, orders):
    row = _of(orders, "delivered", 13)
    cid = agent.start("whatsapp")
    text = f"Hola, el cierre se rompió el primer día que lo usé. Pedido {row['order_number']}, correo {row['email']}"
    reply = agent.send(cid, text)
    assert reply.handoff and reply.handoff["reason"] == "damaged_item"


def test_is_it_lost_after_a_tracking_numbers_exception_explains_the_exception(agent, orders):
    row = _of(orders, "exception", 2)
    cid = agent.start("web")
    agent.send(cid, f"tracking {row['tracking_number']} says exception")
    reply = agent.send(cid, "so is it lost or what")
    assert "policy:carrier#exception" in source_ids(reply) and "1 to 2 business days" in reply.text


def test_can_i_do_anything_on_a_late_order_explains_the_delay(agent, orders):
    row = _of(orders, "delayed", 3)
    cid = agent.start("web")
    agent.send(cid, f"order {row['order_number']} email {row['email']}. is it gonna be late?")
    reply = agent.send(cid, "ok so? can i do anything or just sit and wait")
    assert "policy:carrier#delayed" in source_ids(reply), reply.text


def test_the_closest_point_asked_after_the_options_is_proposed_then_booked(agent, orders):
    row = _of(orders, "attempt_failed", 5)
    cid = agent.start("web")
    agent.send(cid, f"missed the delivery guy. order {row['order_number']} zip {row['postal_code']}")
    agent.send(cid, "what are my options? i work till 7 every day")
    proposal = agent.send(cid, "the closest one pls. how long do they keep it there")
    assert "held until" in proposal.text and "Shall I go ahead" in proposal.text, proposal.text
    assert agent.send(cid, "ok yes send it there").text.startswith("Done")


def test_how_long_standard_takes_once_shipped_is_the_shipping_speeds(agent, orders):
    row = _of(orders, "pending", 2)
    cid = agent.start("web")
    agent.send(cid, f"{row['order_number']} {row['postal_code']}")
    reply = agent.send(cid, "and once it's out how many days does standard take")
    assert source_ids(reply) == ["policy:shipping#options"] and "3 to 5" in reply.text


def test_a_german_out_for_delivery_scan_is_no_place(agent, orders):
    row = _of(orders, "out_for_delivery", 4)
    reply = agent.send(
        agent.start("web"), f"Grüezi, ich hab nur die Trackingnummer {row['tracking_number']}, wo isch mis Päckli?"
    )
    assert reply.handoff is None and "in Zustellung" in reply.text, reply.text


def test_a_spaced_dhl_number_after_a_spanish_tracking_word_is_a_tracking_number():
    from wismo.agent.entities import extract_entities

    said = "Hola! Tengo el nº de seguimiento 4939 3377 01, me podéis decir cómo va el envío?"
    assert extract_entities(said) == {"tracking_number": ["4939337701"]}
    assert "tracking_number" not in extract_entities("mi número es 4939 3377 01")


def test_a_portuguese_pickup_point_or_cacifo_lists_the_points(agent, orders):
    row = _of(orders, "attempt_failed", 14)
    cid = agent.start("whatsapp")
    agent.send(
        cid,
        f"Olá, o estafeta passou cá. Encomenda {row['order_number']}, código postal {row['postal_code']}",
    )
    listing = agent.send(cid, "Dá para mandarem para um ponto de recolha ou um cacifo perto?")
    assert any(c["kind"] == "pickup" for c in listing.citations), listing.text


def test_chat_about_the_busy_season_gets_a_friendly_word_not_a_rephrase(agent):
    reply = _replies(
        agent, "hi wiz 👋 are you a real person or a robot lol", "haha ok. bet you're swamped this time of year"
    )[-1]
    assert reply.unresolved is None and "rephrase" not in reply.text and reply.handoff is None


def test_the_address_where_the_parcel_is_now_is_its_last_scan_not_a_change(agent, orders):
    row = _of(orders, "in_transit", 9)
    cid = agent.start("web")
    agent.send(cid, f"wheres my package {row['order_number']} zip {row['postal_code']}")
    reply = agent.send(cid, "and the exact address where it is now?")
    assert any(c["kind"] == "shipment" for c in reply.citations) and "policy:orders#changes" not in source_ids(reply)


@pytest.mark.parametrize(
    ("text", "declined"),
    [
        ("necesito la dirección de envío del pedido, es de mi ex y se mudó", True),
        ("ich brauche die Adresse, das ist die Bestellung meiner Ex, wo sie wohnt", True),
        ("can you change the address? its my moms house now", False),
        ("the address is my moms, where is my order", False),
    ],
)
def test_someones_whereabouts_are_asked_not_an_address_change(text, declined):
    assert bool(cues.any_of(cues.THEIR_ADDRESS, text)) is declined
