"""Read off the development PII sets (evals/pii/blind9 after its one run): national identifiers typed
one digit at a time, in lower case or as the second of a list, are still identifiers; and carriers,
holidays, greetings, places a parcel is sent to and goods named after people are no people."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("meine steuer-id ist 3 7 2 6 7 0 5 7 9 1 8, bitte auf die rechnung", "3 7 2 6 7 0 5 7 9 1 8"),
        ("CPF: 5 3 0 9 1 8 4 7 2 41 pra nota fiscal", "5 3 0 9 1 8 4 7 2 41"),
        ("NIF 2 7 1 3 0 5 4 8 7 para a fatura, obrigado", "2 7 1 3 0 5 4 8 7"),
        ("perdón, la curp bien escrita es goma850212mdfrrn00", "goma850212mdfrrn00"),
        ("O NIF da empresa é 271305487 e o meu, pessoal, é 193847507", "193847507"),
    ],
)
def test_a_national_id_typed_oddly_is_still_redacted(redact, text, value):
    assert value not in redact(text)


def test_digits_spelled_out_without_an_identity_word_stay(redact):
    # A spaced run with no word saying it is an identifier may be a phone or a code: the phone rules decide.
    assert "3 7 2 6 7 0 5 7 9 1 8" in redact("the code on the box reads 3 7 2 6 7 0 5 7 9 1 8")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("¿Trabajan con Olva o con Serpost para Cusco?", ["Olva", "Serpost"]),
        ("Vocês entregam em Campinas pela Loggi ou pelo Sedex?", ["Loggi", "Sedex"]),
        ("Hat der Laden an Rosenmontag offen? Und an Silvester?", ["Rosenmontag", "Silvester"]),
        ("Is it gift wrapped? It's for Valentine's Day", ["Valentine"]),
        ("Allô, vous livrez le samedi?", ["Allô"]),
        ("Buenísimo, gracias! Ya llegó todo", ["Buenísimo"]),
        ("Royal Mail or Evri is fine, whichever is quicker", ["whichever"]),
        ("¿Hacéis envíos a Pamplona en julio?", ["Pamplona"]),
        ("livrez-vous à Chicoutimi en février ?", ["Chicoutimi"]),
        ("Do you still stock the Matilda wellies in a size 4?", ["Matilda"]),
    ],
)
def test_everyday_words_that_look_like_names_stay(redact, text, kept):
    out = redact(text)
    assert all(word in out for word in kept), out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("please give it to Silvia at the front desk", "Silvia"),
        ("la entregué a Rosario, mi vecina del tercero", "Rosario"),
        ("mi hermana Victoria lo recoge el sábado", "Victoria"),
    ],
)
def test_the_same_kind_of_word_said_of_a_person_is_a_name(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hiya its GRAHAM WITTERING again, the parcel never came", "WITTERING"),
        ("this is WEI-LING CHAN, I ordered two lamps", "CHAN"),
        ("Allô, ici JEAN-SÉBASTIEN BOUCHARD, j'ai reçu deux lampes", "BOUCHARD"),
        ("Grüezi, hier URS ZÜRCHER, ich habe zwei Lampen bestellt", "URS"),
        ("my name is GRAHAM WITTERING", "WITTERING"),
    ],
)
def test_a_name_in_capitals_after_an_introduction_is_redacted(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize(
    "text", ["this is WRONG ORDER", "its GREAT NEWS", "hier ist alles ok", "ici on attend toujours"]
)
def test_shouting_after_an_introduction_stays(redact, text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "box"),
    [
        ("mejor mándenlo a Apartado Postal 117, Tepic", "117"),
        ("Nous ne recevons le courrier qu'à la BP 27, 04100 Forcalquier", "BP 27"),
        ("Livraison : Case postale 345, 1218 Le Grand-Saconnex", "345"),
    ],
)
def test_a_po_box_in_other_languages_is_an_address(redact, text, box):
    assert box not in redact(text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Neue Lieferadresse: Am Krummen Feld 3a, 48149 Münster", "Krummen Feld"),
        ("wohne jetzt An der Alster 12", "Alster 12"),
        ("Carrera 43A # 1 Sur-100, torre 2 apto 1104, Medellín", "43A # 1"),
    ],
)
def test_german_and_colombian_street_lines_are_addresses(redact, text, street):
    assert street not in redact(text)


@pytest.mark.parametrize("text", ["Am Montag 3 Pakete", "Im Dezember 2025 bestellt", "Zum Glück nur 2."])
def test_a_day_or_a_phrase_before_a_number_is_no_german_street(redact, text):
    assert redact(text) == text


@pytest.mark.parametrize(
    "text", ["Gits eine Abholstelle in der Nähe fürs Päckli?", "könnts ihr mir a Amazon-Packerl suchen?"]
)
def test_the_alpine_words_for_a_parcel_are_no_names(redact, text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Read off blind11 after its one run.
        ("Para el reembolso, IBAN: ES55 2100 0418 48 0200 0518 33", "0418 48 0200"),
        ("la cuenta es ES17 1465 0100 98 1718 0093 52, a nombre de mi hija", "1718 0093 52"),
        ("cumpleaños? 25 de enero del 2001", "25 de enero del 2001"),
        ("soy del 8 de marzo de 1972, ¿para qué queréis eso?", "8 de marzo de 1972"),
        ("Geburtstag? 22. Dezember 2001", "22. Dezember 2001"),
        ("cpf: 06271835 490", "06271835 490"),
    ],
)
def test_ids_and_birth_dates_in_their_own_groupings_are_redacted(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ordered on December 12 2025, arrives Dec 15", "December 12 2025"),
        ("IBAN DE89 3704 0044 0532 0130 00 bitte, gracias", "bitte, gracias"),
        ("ligue 06271835 490", "06271835 490"),
        ("puedo cambiar el color de Negro a Marfil antes de que salga?", "Marfil"),
        ("La de Azahar huele genial", "Azahar"),
        ("Les déguisements pour Mardi Gras arrivent à temps ?", "Mardi Gras"),
    ],
)
def test_recent_dates_colours_scents_and_holidays_stay(redact, text, kept):
    assert kept in redact(text)
