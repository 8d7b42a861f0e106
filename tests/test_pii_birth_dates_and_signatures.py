"""Dates of birth, phones next to shipping words and names that sign a message (read off the
development sets evals/pii/dev5, dev4 and the burned blind5): a whole date in a year no order was
placed in is a birth date, "DN", "fecha nac.", "geb", "b." and "mon anniv" are birth-date cues, a
phone-shaped number that fails the DHL check digit in a message about a phone is the phone, and a
first name and surname ending a message sign it. Dates of orders and kept numbers stay."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Datos: Amina Rahmani, 14/06/1958, amina1958@example.com", "14/06/1958"),
        ("my mother Hyun-joo Park (9/30/1948) is the account holder", "9/30/1948"),
        ("DN 04/12/1969, CEP 01310-100, pedido #WS38176", "04/12/1969"),
        ("Nombre: Sokhna Fall · Fecha nac.: 1993-04-19 · CP 28013", "1993-04-19"),
        ("ist das konto von meiner oma, geb 12.1.41, falls ihr das braucht", "12.1.41"),
        ("its my grandma's account, Dorothy Evans, b. 12 Feb 1941", "12 Feb 1941"),
        ("mi madre nació el 2 de enero del 48 y quiere el descuento", "2 de enero del 48"),
        ("mon anniv c'est le 22 mars 1984, j'ai droit au code promo ?", "22 mars 1984"),
        ("Für den Geburtstagsrabatt: 12.8.88", "12.8.88"),
    ],
)
def test_birth_dates_are_redacted(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my order #WS10042 was placed on 11/28/2025 and still nothing", "11/28/2025"),
        ("llegó el 12/03 pero faltaba una pieza", "12/03"),
        ("DHL 8551628750 says it left the hub", "8551628750"),
    ],
)
def test_order_dates_and_waybills_stay(redact, text, value):
    assert value in redact(text)


def test_a_phone_shaped_number_that_is_no_waybill_is_the_phone(redact):
    out = redact("Hi, Kevin from the help desk said to send my phone number for the courier: 3123128897")
    assert "3123128897" not in out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hablé con el chat ayer y me dijo que ya estaba el reembolso, pero no veo nada. mitzy esquibel", "esquibel"),
        ("merci, tout est réglé. commande ws35598, olivier descamps", "descamps"),
        ("Escrevo do telemóvel da minha filha. Sou a Matilde, da encomenda #WS32354.", "Matilde"),
        ("bin die steffi von vorhin, hat sich erledigt, paket ist da", "steffi"),
        ("Vielen Dank Ingeborg für die schnelle Hilfe!", "Ingeborg"),
        ("hier die Rosi, Bestellung #WS62506", "Rosi"),
    ],
)
def test_names_that_sign_or_introduce_a_message_are_redacted(redact, text, name):
    assert name not in redact(text)


@pytest.mark.parametrize(
    "text",
    ["The parcel came yesterday. Thanks again", "Tudo certo, obrigada. Bom dia", "ok wait for it. Black Friday"],
)
def test_an_ordinary_closing_is_no_signature(redact, text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ok that's all, cheers kwabena", "kwabena"),
        ("tudo certo, obrigado ivo", "ivo"),
        ("vale, gracias. saludos cuauhtémoc", "cuauhtémoc"),
        ("thandiwe here, my parcel never came", "thandiwe"),
        ("salut ewen ici, le colis est en retard", "ewen"),
    ],
)
def test_a_name_after_the_closing_words_or_introducing_the_writer_is_redacted(redact, text, value):
    assert value not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok cheers mate",
        "merci d'avance",
        "danke vielmals!",
        "obrigado pessoal",
        "thanks again",
        "merci bcp",
        "jo das chunnt scho guet so, merci vilmal",
    ],
)
def test_what_follows_a_thanks_is_no_name(redact, text):
    assert redact(text) == text
