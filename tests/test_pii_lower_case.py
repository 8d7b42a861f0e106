"""Names written the way chat writes them, and words that only look like names (read off the
development set evals/pii/dev3 and the conversations of evals/languages/dev6): lower-case names
as the subject of a sentence, after a relation or role, signing the last line; a message that is
lower case but for an order number; and weekdays, everyday words, long greetings and German
compounds that are no people."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ich bins nochmal. gibts was neues zur tasche? gabi braucht sie am samstag", "gabi"),
        ("yeah so deshawn already sent it back last week, can u check", "deshawn"),
        ("sou eu de novo, alguma novidade? mirella precisa dela no sábado", "mirella"),
        ("des nouvelles de la montre ? margot en a besoin pour samedi", "margot"),
        ("your agent kelsey said someone would call me back", "kelsey"),
        ("my flatmate chloe-ann grabbed the wrong box from the locker", "chloe-ann"),
        ("driver left it with dwayne next door??", "dwayne"),
        ("new number 0151 2345678, old one got cut off. kieran", "kieran"),
        ("merci pour tout, c'est réglé !\nbisous\nnath", "nath"),
        ("Thanks so much for sorting it!!\n\n- bex x", "bex"),
        ("ok so bridget and tom both ordered off my account. bridget's one is #WS40218", "bridget"),
    ],
)
def test_a_lower_case_name_is_redacted(redact, text, name):
    assert name not in redact(text)


def test_the_order_number_in_a_lower_case_message_stays(redact):
    out = redact("ok so bridget and tom both ordered off my account. bridget's one is #WS40218")
    assert "#WS40218" in out and "tom" not in out.split()


@pytest.mark.parametrize(
    "text",
    [
        "e as lojas no domingo?",
        "la tienda abre el domingo",
        "el 3 de julio llega?",
        "bis zum 3. Mai",
        "c'est beau, vas-y",
        "ella no estaba en casa",
        "la camiseta rosa talla m",
        "Holaa, vino el mensajero",
        "Oii, o entregador passou enquanto eu estava na padaria",
        "Hiya, the courier came",
        "Hallöchen, der Paketbote war da",
        "kann ich das stattdessen an nem Abholpunkt holen?",
        "my sister already got it",
        "it arrived. perfecto",
    ],
)
def test_everyday_words_stay(redact, text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [("me llamo domingo", "domingo"), ("my name is rosa", "rosa"), ("c'est Beau qui a commandé", "Beau")],
)
def test_the_same_words_after_a_name_cue_are_names(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize("text", ["bon ben ça me va, allez-y seulement", "ben oui", "eh ben non"])
def test_the_french_filler_ben_is_no_name(redact, text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hi siobhan, thanks for sorting the refund", "siobhan"),
        ("allo jean-françois, merci pour ton aide hier", "jean-françois"),
    ],
)
def test_the_person_greeted_at_the_start_of_a_message_is_a_name_in_lower_case(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize(
    "text",
    ["hi there, where is my order", "hey guys, quick question", "Merci vielmal, jetzt passt alles", "hi team, ok"],
)
def test_a_greeting_then_an_ordinary_word_or_a_thanks_keeps_it(redact, text):
    assert redact(text) == text
