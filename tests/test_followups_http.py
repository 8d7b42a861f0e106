"""Follow-ups customers ask mid-flow, over HTTP: the point's hours before the yes, the refund timing
after a parcel went back, "never mind, I'll keep it", a yes to "a refund instead?", a policy
answered twice, requests nobody on the team would do, and a one-word reply keeping the language."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from wismo.agent import topics
from wismo.agent.actions import reason_of
from wismo.agent.cues import is_yes
from wismo.domain.db import session
from wismo.server import create_app
from wismo.tools.records import Return

from .conftest import seeded_agent
from .test_flows_http import Chat, redirects, rows


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    agent = seeded_agent(tmp_path_factory.mktemp("followups"), orders=600)
    client = TestClient(create_app(agent.settings, agent))
    return agent, client, agent.store.list_orders()


@pytest.mark.parametrize(
    ("lang", "ask", "choice", "hours", "yes"),
    [
        ("en", "can I pick it up at a locker instead?", "the second one", "is it open late? I finish at 9pm", "yes"),
        ("es", "¿puedo recogerlo en otro sitio?", "la segunda", "¿y abre hasta tarde?", "sí"),
        ("fr", "je peux le récupérer en point relais ?", "la deuxième", "il est ouvert tard ?", "oui"),
        ("de", "kann ich es irgendwo abholen?", "die zweite", "wie lange hat die offen?", "ja"),
        ("pt", "posso retirar em outro lugar?", "a segunda", "fica aberto até tarde?", "sim"),
    ],
)
def test_the_points_hours_are_answered_and_the_redirect_still_waits_for_its_yes(world, lang, ask, choice, hours, yes):
    agent, client, orders = world
    (row,) = rows(orders, "attempt_failed", skip=["en", "es", "fr", "de", "pt"].index(lang))
    opener = {"en": "hi, missed the delivery", "es": "hola, no estaba en casa", "fr": "bonjour, colis pas livré"}
    opener |= {"de": "Hallo, Paket nicht zugestellt", "pt": "oi, não consegui receber"}
    chat = Chat(client)
    chat.say(f"{opener[lang]} {row['order_number']} {row['email']}")
    chat.say(ask)
    proposal = chat.say(choice)
    answer = chat.say(hours)
    assert answer["handoff"] is None and answer["language"] == lang
    point = next(c for c in proposal["citations"] if c["kind"] == "pickup")
    assert [c["source_id"] for c in answer["citations"]] == [point["source_id"]], answer["text"]
    assert any(ch.isdigit() for ch in answer["text"])  # the hours themselves
    assert redirects(agent, row["tracking_number"]) == []  # a question is no yes
    chat.say(yes)
    assert len(redirects(agent, row["tracking_number"])) == 1


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "so how many days until I see the money on my card?"),
        ("es", "¿y en cuántos días me cae el dinero en la tarjeta?"),
        ("fr", "et ça prend combien de jours pour arriver sur mon compte ?"),
        ("de", "und wie lange dauert's, bis das Geld auf der Karte ist?"),
        ("pt", "e quanto tempo demora a aparecer no cartão?"),
    ],
)
def test_refund_timing_after_a_parcel_went_back_is_the_written_policy_not_the_status_again(world, lang, question):
    _, client, orders = world
    (row,) = rows(orders, "returned_to_sender", skip=["en", "es", "fr", "de", "pt"].index(lang) % 2)
    chat = Chat(client, accept_language=lang)
    first = chat.say(f"{row['order_number']} {row['email']}")
    answer = chat.say(question)
    assert answer["handoff"] is None and answer["text"] != first["text"]
    assert [c["source_id"] for c in answer["citations"]] == ["policy:returns#refund-timing"], answer["text"]


def test_keeping_everything_after_a_return_is_said_about_the_order_and_books_nothing(world):
    agent, client, orders = world
    row = next(o for o in rows(orders, "delivered", n=40) if agent.store.lines(agent.store.order(o["order_number"]).id))
    chat = Chat(client)
    chat.say(f"{row['order_number']} {row['email']}")
    chat.say("I'd like to return everything from this order")
    reply = chat.say("hm ok, forget it then, I'll keep it all")
    assert reply["handoff"] is None and row["order_number"] in reply["text"]
    assert [c["kind"] for c in reply["citations"]] == ["order"]
    with session(agent.engine) as s:
        assert s.exec(select(Return).where(Return.conversation_id == chat.cid)).all() == []


def test_a_policy_question_asked_again_is_answered_again_in_other_words_without_a_handoff(world):
    _, client, _ = world
    chat = Chat(client)
    replies = [
        chat.say(t) for t in ("do u ship to canada", "what about hawaii?", "how much longer does it take to get there")
    ]
    assert all(r["handoff"] is None for r in replies)
    assert all(r["citations"] and r["citations"][0]["kind"] == "policy" for r in replies)
    assert replies[0]["text"] != replies[1]["text"]


def test_a_short_follow_up_to_a_written_answer_is_read_with_it_not_as_an_order_lookup(world):
    _, client, _ = world
    chat = Chat(client)
    chat.say("do you guys deliver on saturdays")
    reply = chat.say("even ups?")
    assert [c["source_id"] for c in reply["citations"]] == ["policy:shipping#weekend"], reply["text"]


def test_requests_out_of_scope_are_declined_each_time_and_the_conversation_stays_with_the_bot(world):
    _, client, _ = world
    chat = Chat(client)
    replies = [chat.say(t) for t in ("what's the weather in Austin?", "then write a christmas card for my grandma")]
    assert [r["handoff"] for r in replies] == [None, None]
    assert replies[0]["text"] != replies[1]["text"]
    assert client.get(f"/v1/conversations/{chat.cid}").json().get("mode", "bot") == "bot"


def test_a_one_word_reply_keeps_the_conversations_language(world):
    _, client, orders = world
    (row,) = rows(orders, "pending")
    chat = Chat(client)
    first = chat.say(f"Hallo, warum ist meine Bestellung {row['order_number']} noch nicht verschickt? {row['email']}")
    assert first["language"] == "de"
    assert chat.say("Okay")["language"] == "de"


def test_a_plain_yes_to_a_refund_instead_of_an_unavailable_exchange_proposes_the_refund(world):
    agent, client, orders = world
    from .test_flows_http import _sized_delivered

    row, line, _ = _sized_delivered(agent, orders, want_in_stock=False)
    chat = Chat(client)
    chat.say(f"{row['order_number']} {row['email']}")
    chat.say(f"the {line.name} is too small, can I get the next size up?")
    proposal = chat.say("yes do it")
    assert row["order_number"] in proposal["text"] and proposal["handoff"] is None
    assert {c["kind"] for c in proposal["citations"]} >= {"order", "return"}
    done = chat.say("yes")
    with session(agent.engine) as s:
        booked = s.exec(select(Return).where(Return.conversation_id == chat.cid)).one()
    assert booked.option == "refund" and row["order_number"] in done["text"]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("how long will they keep it there", "pickup_hold"),
        ("wann krieg ich mein Geld wieder?", "refund_timing"),
        ("will the person who bought it find out?", "gift_privacy"),
        ("wait where's the label? and where do i drop it off", "return_dropoff"),
        ("i have until january right?", "return_deadline"),
        ("¿entregan los sábados?", "weekend_delivery"),
        ("when will it arrive?", None),
        ("where is my order", None),
        ("when will my package get here, it's been a week", None),
    ],
)
def test_policy_topics_are_recognised_and_status_questions_are_not(text, topic):
    found = topics.topic_of(text)
    assert (found.name if found else None) == topic


def test_waiting_is_no_yes_and_return_reasons_are_read_in_every_language():
    assert not is_yes("ok, espero entonces") and not is_yes("ok, I'll wait") and is_yes("ok, go ahead")
    assert reason_of("me queda pequeño") == "too_small" and reason_of("die Hose ist zu groß") == "too_large"
    assert reason_of("return the whole order") == "changed_mind"  # "whole" is no hole


def test_a_return_booked_for_the_second_order_named_says_and_cites_that_order(world):
    agent, client, orders = world
    by_email: dict[str, list[dict]] = {}
    for o in orders:
        by_email.setdefault(o["email"], []).append(o)
    pair = None
    for group in by_email.values():
        shipped = [o for o in group if o["status"] in ("in_transit", "label_created", "pending")]
        delivered = [o for o in group if o["status"] == "delivered"]
        for d in delivered:
            lines = [ln for ln in agent.store.lines(agent.store.order(d["order_number"]).id) if not ln.final_sale]
            if shipped and lines:
                pair = shipped[0], d, lines[0]
                break
        if pair:
            break
    if pair is None:
        pytest.skip("no customer with a shipping and a delivered order in this store")
    first, second, line = pair
    chat = Chat(client)
    n1, n2 = first["order_number"], second["order_number"]
    chat.say(f"has {n1} shipped yet and can i send back the {line.name} from {n2}? {first['email']}")
    chat.say("refund please")
    done = chat.say("yes")
    assert second["order_number"] in done["text"] and first["order_number"] not in done["text"], done["text"]
    assert f"order:{second['order_number'].lstrip('#')}" in [c["source_id"] for c in done["citations"]]


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "pt"])
def test_every_hours_reply_passes_the_citation_check_in_every_language(world, lang):
    """The hours templates state only what the point's fact holds (no "24 hours" duration claims)."""
    agent, client, orders = world
    words = {"en": ("pick it up nearby?", "is it open late?"), "es": ("¿puedo recogerlo cerca?", "¿abre hasta tarde?")}
    words |= {"fr": ("je peux le retirer près de chez moi ?", "c'est ouvert tard ?")}
    words |= {"de": ("kann ich es in der Nähe abholen?", "hat das lange offen?")}
    words |= {"pt": ("posso retirar perto de casa?", "fica aberto até tarde?")}
    for row in rows(orders, "attempt_failed", n=3, skip=10 + 3 * ["en", "es", "fr", "de", "pt"].index(lang)):
        chat = Chat(client, accept_language=lang)
        chat.say(f"{row['order_number']} {row['email']}")
        options = chat.say(words[lang][0])
        for n in range(1, 1 + sum(c["kind"] == "pickup" for c in options["citations"])):
            chat.say(str(n))
            answer = chat.say(words[lang][1])
            assert answer["handoff"] is None, answer["text"]
            assert [c["kind"] for c in answer["citations"]] == ["pickup"]


@pytest.mark.parametrize("text", ["yesss", "siii dale", "ouiii", "jaaa gerne", "simmm pode ser"])
def test_a_stretched_yes_is_a_yes(text):
    assert is_yes(text)


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("exchange pls, not a refund", "exchange"),
        ("cambio, no quiero reembolso", "exchange"),
        ("un échange, pas un remboursement", "exchange"),
        ("Umtausch, kein Geld zurück", "exchange"),
        ("troca, não quero reembolso", "exchange"),
    ],
)
def test_an_option_turned_down_is_not_the_one_taken(text, option):
    from wismo.agent.actions import option_of

    assert option_of(text) == option


@pytest.mark.parametrize(
    ("text", "previous", "problem"),
    [
        ("I don't want it anymore, just refund me", None, "refund_demand"),
        ("Ya no lo quiero, devolvedme el dinero", None, "refund_demand"),
        ("Das Paket ist angekommen, aber die Mütze war nicht drin", None, "missing_item"),
        ("le bonnet n'était pas dedans", None, "missing_item"),
        ("o gorro não veio na caixa", None, "missing_item"),
        ("someone stole my package off the porch, its on my ring camera", None, "dispatch_claim"),
        ("Laut Sendungsverfolgung zugestellt, aber hier ist nichts", None, "not_received"),
        ("the blanket came too late so i dont need it anymore, want to send it back", None, None),
        ("the mailroom is closed today, ill check there tomorrow and come back if its not there", "not_received", None),
        ("opened my box and its someone elses stuff", None, "wrong_item"),
    ],
)
def test_delivery_problems_read_in_the_customers_words(text, previous, problem):
    from wismo.agent.problems import detect

    assert detect(text, None, previous) == problem


def test_is_that_normal_explains_the_status_and_a_rejected_policy_brings_in_a_person(world):
    _, client, orders = world
    (row,) = rows(orders, "delayed")
    chat = Chat(client)
    chat.say(f"{row['order_number']} {row['email']} my package is delayed??")
    answer = chat.say("is that normal this time of year")
    cited = [c["source_id"] for c in answer["citations"]]
    # What the status means, said about this order (its status, cited) and in the written words.
    assert "policy:carrier#delayed" in cited and f"order:{row['order_number'].lstrip('#')}" in cited, answer["text"]
    (back,) = rows(orders, "returned_to_sender")
    chat = Chat(client)
    chat.say(f"{back['order_number']} {back['email']} tracking says return to sender")
    insisted = chat.say("i want the refund today, not whenever it gets back to you")
    assert insisted["handoff"] and insisted["handoff"]["reason"] == "refund_request"


def test_the_shops_own_name_is_no_invented_place_in_any_language(world):
    _, client, _ = world
    chat = Chat(client)
    reply = chat.say("Kannst du mal nach meinem Amazon-Paket schauen? Sollte gestern kommen")
    assert reply["handoff"] is None and reply["language"] == "de"


def test_short_first_messages_and_accented_yeses_keep_their_language():
    from wismo.i18n.detect import detect

    assert detect("Hallo, wo ist #WS10635? kunde@example.com") == "de"
    assert detect("sí, el reembolso completo", "es") == "es"
    assert detect("hi where is my order #WS10001") == "en"


@pytest.mark.parametrize(
    ("text", "yes"),
    [
        ("ok cool, yes send it there", True),
        ("alles klar, ja bitte dahin schicken", True),
        ("fechou, pode mandar pra la sim", True),
        ("ok but where is it now", False),
        ("ok, when will it come", False),
        ("ok, espero entonces", False),
    ],
)
def test_a_yes_inside_a_short_message_and_not_a_question(text, yes):
    assert is_yes(text) is yes


def test_keeping_the_rest_is_no_keep_everything(world):
    from wismo.agent import cues

    assert cues.any_of(cues.KEEP, "only the beanie, I'll keep the rest")
    assert cues.any_of(cues.KEEP_THE_REST, "only the beanie, I'll keep the rest")
    assert cues.any_of(cues.KEEP_THE_REST, "Nomas el Merino Beanie, lo demas me lo quedo")
    assert not cues.any_of(cues.KEEP_THE_REST, "forget it, I'll keep it all")


def test_a_question_with_two_topics_gets_both_written_answers(world):
    _, client, _ = world
    chat = Chat(client)
    reply = chat.say("whats the cutoff for 2 day shipping and how much is that")
    assert [c["source_id"] for c in reply["citations"]] == [
        "policy:shipping#holiday-cutoffs",
        "policy:shipping#options",
    ]
    assert "19" in reply["text"] and "18.95" in reply["text"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("can you just send me a new one? i need it for christmas", []),  # a reship, not a cut-off question
        ("si pido hoy con envío normal, ¿llega antes de Nochebuena?", ["holiday_cutoff"]),
        ("bis wann geht 2-Tage-Versand und was kostet der?", ["holiday_cutoff", "shipping_cost"]),
        ("cuánto cuesta la chaqueta", []),
    ],
)
def test_holiday_cutoffs_are_about_an_order_still_to_place(text, names):
    assert [t.name for t in topics.topics_of(text)] == names


def test_the_other_week_is_no_other_order():
    from wismo.agent import cues

    assert not cues.any_of(cues.OTHER_ORDER, "esta semana o ya hasta la otra semana?")
    assert cues.any_of(cues.OTHER_ORDER, "y la otra?")


@pytest.mark.parametrize(
    "text",
    [
        "ist nix kaputt, will es einfach nicht mehr",
        "nothing is broken, i just dont want it",
        "il a rien, j'ai juste changé d'avis",
    ],
)
def test_a_damage_denied_is_no_damage_claim(text):
    from wismo.agent.problems import detect

    assert detect(text) != "damaged"


def test_an_offer_of_a_person_not_taken_at_once_lapses(world):
    _, client, orders = world
    (row,) = rows(orders, "in_transit", skip=3)
    chat = Chat(client)
    first = chat.say("can i change the address on my order?")  # the answer offers a person
    assert first["handoff"] is None
    chat.say(f"ok its order {row['order_number']}, {row['email']}")
    thanks = chat.say("yep thats right, thanks")
    assert thanks["handoff"] is None, thanks["text"]
