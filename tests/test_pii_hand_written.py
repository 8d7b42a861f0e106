"""Patterns read off a hand-written development set (evals/pii/dev2), each as a rule, not a phrase:
a birth date a few words after its cue, form labels that are no names, a particle surname after a
name label, national phone layouts next to an order number, and places, colours and models that
are no people."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("it asks for my DOB and keeps rejecting 04/11/85, wrong format?", "04/11/85"),
        ("me pide fecha de nacimiento, puse 12/03/1985 y dice formato inválido", "12/03/1985"),
        ("il demande ma date de naissance, j'ai mis 12/03/1979 et ça bloque", "12/03/1979"),
        ("Konto läuft auf Petra Lang, *14.05.1966, ich will das Passwort zurücksetzen", "14.05.1966"),
        ("Name: Jonas Berg\nGeb.-Datum: 01.02.1990", "01.02.1990"),
        ("meu pai nasceu em 2 de julho de 1956, por que precisam da data?", "2 de julho de 1956"),
    ],
)
def test_a_birth_date_a_few_words_after_its_cue_is_redacted(redact, text, value):
    assert value not in redact(text)


def test_an_order_date_after_a_birth_year_stays(redact):
    assert "12/03/2024" in redact("born in 1985, my order arrived 12/03/2024")


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Name: Jonas Berg\nNachname: Berg\nBestellnr.: #WS24035", ["Nachname:", "Bestellnr.:", "#WS24035"], ["Jonas"]),
        ("Nom : Le Goff\nPrénom : Yann", ["Nom :", "Prénom :"], ["Le Goff", "Yann"]),
    ],
)
def test_form_labels_stay_and_the_names_after_them_go(redact, text, kept, gone):
    out = redact(text)
    assert all(k in out for k in kept), out
    assert not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "text",
    [
        "Voici mes coordonnées : Marc Dupont, marc@x.fr, 06 47 18 92 30. Commande #WS76229, S contre M",
        "Bestellung WS64921 PLZ 10115. wo ist die?? ruft mich an 030 4472 9183",
        "Hier meine Daten für den Umtausch: j@x.de, 0157 3391 2840. Bestellung #WS89653",
        "bitte an die Postfiliale liefern, Natel 079 634 18 92. Bestellung #WS63952",
    ],
)
def test_a_national_phone_next_to_an_order_number_is_a_phone(redact, text):
    assert "<PHONE_NUMBER_1>" in redact(text)


def test_two_orders_in_one_breath_keep_their_numbers(redact):
    out = redact("Ich habe zwei Bestellungen, #WS91594 und 7174066702. Welche ist schon unterwegs?")
    assert "7174066702" in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Do you ship to San Diego and Santa Cruz? I'll be in California", ["San Diego", "Santa Cruz"]),
        ("Vous livrez à Saint-Malo et à Sainte-Maxime ?", ["Sainte-Maxime"]),
        ("Acá en Mendoza está nevando, se va a atrasar?", ["Mendoza"]),
        ("Liefert ihr nach St. Gallen oder nur in die Region Zürich?", ["St. Gallen", "Zürich"]),
        ("El color Rosa Palo es más rosa o más beige?", ["Rosa Palo"]),
        ("Is the 'Rose' colourway more pink or beige?", ["Rose"]),
        ("Passt das Sofa Lugano durch ein enges Treppenhaus?", ["Lugano"]),
    ],
)
def test_places_colours_and_models_are_no_people(redact, text, kept):
    out = redact(text)
    assert all(k in out for k in kept), out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("my wife Rose will pick it up", "Rose"),
        ("please send it to Maria Lopez in Denver", "Maria"),
        ("it's for Maria and Juan", "Juan"),
    ],
)
def test_people_next_to_those_rules_are_still_people(redact, text, gone):
    assert gone not in redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mi RFC es PEIK880412ZDA y mi CURP no me deja", "PEIK880412ZDA"),
        ("Nom : Dupont\nN° SS : 2 83 12 69 058 114 68\npour la commande #WS74703", "2 83 12 69 058 114 68"),
    ],
)
def test_an_identifier_s_shape_right_after_its_word_is_redacted_even_with_a_typo(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Adresse ist Am Lindenhof 7, Köln", "Am Lindenhof 7"),
        ("Es en Calle 16 de Septiembre 1102, Puebla", "Calle 16 de Septiembre 1102"),
        ("va a Calle 7 n° 1140, 2° A, La Plata", "Calle 7 n° 1140"),
    ],
)
def test_streets_named_by_a_number_or_after_a_german_preposition_are_addresses(redact, text, value):
    assert value not in redact(text)


def test_a_weekday_after_am_is_no_street(redact):
    assert "Am Montag 3 Pakete" in redact("Am Montag 3 Pakete")


def test_a_dhl_number_after_a_european_portuguese_tracking_word_is_kept(redact):
    assert "6974488124" in redact("Contacto para a entrega por email. seguimento 6974488124")


@pytest.mark.parametrize(
    "text",
    [
        "does the Savannah throw come in a bigger size",
        "Will you have the Stella rain jacket back in stock?",
        "la chaqueta Lola talla M sigue agotada?",
        "le fauteuil Louise est-il déhoussable ?",
        "Gibt es den Wintermantel Liesl in Größe 42?",
        "O casaco Beatriz é impermeável?",
    ],
)
def test_a_model_named_like_a_person_next_to_the_goods_is_kept(redact, text):
    assert "<PERSON" not in redact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("tell Anna the jacket arrived", "Anna"),
        ("please give the coat to Maria", "Maria"),
        ("my name is Charlie Brown and my jacket is late", "Charlie Brown"),
    ],
)
def test_a_person_near_the_goods_is_still_a_person(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize("text", ["et je suis remboursee quand ?", "je suis livree demain ?", "soy devolvido?"])
def test_a_past_participle_after_i_am_is_no_name(redact, text):
    assert "<PERSON" not in redact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the driver Kofi left it at the gate", "Kofi"),
        ("el repartidor Anselmo no tocó el timbre", "Anselmo"),
        ("le livreur Karim a sonné chez le voisin", "Karim"),
        ("bitte an meinen Mann Lorenz schicken", "Lorenz"),
        ("der Bote Kemal hat nicht geklingelt", "Kemal"),
        ("o estafeta Rui deixou o aviso", "Rui"),
        ("falei com a Joana ontem no chat", "Joana"),
    ],
)
def test_a_name_after_a_role_or_a_portuguese_article_is_a_person(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize("text", ["falei com a Amazon ontem", "vou ao Porto amanhã", "pro Natal chega?"])
def test_a_shop_a_city_or_a_holiday_after_a_portuguese_article_is_kept(redact, text):
    assert "<PERSON" not in redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Zentrale 0221 4471902-35, bitte nach Frau Brandt fragen", "0221 4471902-35"),
        ("fecha de nac 03/02/1991, ¿la pueden cambiar?", "03/02/1991"),
        ("Nasci a 9 de abril de 1983 e não consigo registar", "9 de abril de 1983"),
        ("D.N. 11.06.1972 para o crédito", "11.06.1972"),
    ],
)
def test_an_extension_after_a_dash_and_short_birth_date_words(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("email falsch eingegeben: jonas.k@gmx.dee statt der richtigen", "jonas.k@gmx.dee"),
        ("my email is ana.b@gmail.comm sorry typo", "ana.b@gmail.comm"),
        ("só tenho Caixa Postal 2291, Belém - PA", "Caixa Postal 2291"),
        ("Apdo. Postal 771, Puebla", "Apdo. Postal 771"),
    ],
)
def test_a_mistyped_email_and_a_po_box_in_other_languages_are_redacted(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    "text",
    ["Yep, go ahead and do it", "Yup, do it", "Nope, cancel", "Jep, mach", "Beleza, pode mandar", "Ouais, vas-y"],
)
def test_a_yes_or_no_word_at_the_start_is_no_name(redact, text):
    assert "<PERSON" not in redact(text)
