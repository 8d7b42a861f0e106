"""Patterns read off the development PII set blind12 (after its one run), each checked on sentences of
our own: numbers typed one digit at a time, France's phone layout, ids with dashes, names in capitals,
lists and sign-offs, street lines with floors and milestones; and the ordinary words, places and
products that must stay as they are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # one digit at a time, after a phone word or in a phone's own national shape
        ("you can text me on 0 7 7 0 0 9 0 0 1 2 3 when the van is close", "0 7 7 0 0 9 0 0 1 2 3"),
        ("anota aí, vai um por um: 2 1 9 8 7 6 5 4 3 2 1", "2 1 9 8 7 6 5 4 3 2 1"),
        ("my social is 2 1 9 0 9 1 2 3 4 if you need it for the form", "2 1 9 0 9 1 2 3 4"),
        # France's five pairs, even when a carrier word is the nearest one
        ("donnez mon 07 11 22 33 44 au transporteur svp", "07 11 22 33 44"),
        ("Spanish short label: tlf 655 123 987, gracias", "655 123 987"),
        # an identifier with dashes, and a CPF next to a tracking word
        ("mon NIR 28506-75123-456-39 pour le dossier", "28506-75123-456-39"),
        ("o site pede o CPF pra rastrear a entrega: 418 273 605 26", "418 273 605 26"),
    ],
)
def test_numbers_typed_their_own_way_are_redacted(redact, text, value):
    assert value not in redact(text)


def test_an_argentine_postal_code_is_kept_whole(redact):
    assert "B1636AAB" in redact("pedido #WS10042, mi CP es B1636AAB. gracias")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PARCEL FOR OSWIN TREFUSIS PLEASE, IT IS URGENT", "OSWIN TREFUSIS"),
        ("please print these on the mugs: ODALYS, YSOLDE, QUILLAN", "YSOLDE"),
        ("le livreur, Bibou qu'il s'appelle, a laissé le colis dehors", "Bibou"),
        ("card should say: love from Ivy & Ruby", "Ivy"),
        ("Can the driver call before coming? Thanks, Saoirse", "Saoirse"),
        ("order ws10042 still not here - Ottoline", "Ottoline"),
        ("die pakete sind für oma und tante gerlinde", "gerlinde"),
        ("Rechnung bitte an die Kassiererin Wiebke Harms", "Wiebke Harms"),
    ],
)
def test_names_in_capitals_lists_and_sign_offs_are_redacted(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ship to 2210 ne 14th ter miami, thanks", "2210 ne 14th ter"),
        ("Envíen a Bv. Pellegrini 980, 3° piso, of. 7 por favor", "Bv. Pellegrini 980"),
        ("entrega no escritório: Praia de Iracema, 210, 3º andar", "Praia de Iracema, 210"),
        ("sítio na Rod. SP-55, km 30, perto do posto", "Rod. SP-55, km 30"),
    ],
)
def test_street_lines_with_floors_offices_and_milestones_are_redacted(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gibt es am Feiertag Kundenservice?",
        "Laut Sendungsstatus ist es unterwegs.",
        "Kann der Bote das Paket beim Nachbarn lassen?",
        "Habt ihr keine Wichtel mehr im Sortiment?",
        "Entregam na Praia do Forte no sábado?",
        "which is warmer, the Orla or the Maren blanket?",
        "¿Cuál es mejor, la lámpara Greta o la Frida?",
        "is the Noor apron machine washable?",
        "Tem tamanho PP na blusa Ipanema?",
        "Aceitam MB Way?",
        "Livrez-vous le samedi ?",
    ],
)
def test_ordinary_words_places_and_products_stay(redact, text):
    assert redact(text) == text
