"""Number precedence by evidence (issue 15's "card numbers kept as tracking numbers", issue 16's
precedence rules) and the cost of one message (issue 15's pathological inputs): behaviour only,
the timings are measured by `python -m wismo.evals.pii`."""

from __future__ import annotations

import pytest

from wismo.config import get_settings
from wismo.guardrails.pii import Redactor
from wismo.guardrails.recognizers import (
    OrderNumberRecognizer,
    TrackingNumberRecognizer,
    card_brand,
    carrier_check_ok,
    order_number_regex,
)
from wismo.guardrails.recognizers.checksums import dhl_ok, fedex_ok, s10_ok, ups_ok, usps_ok


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def _found(recognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, [recognizer.ENTITY])]


# -- check digits (test numbers published with each carrier's format) ------------------------


def test_carrier_check_digits():
    assert ups_ok("1Z879E930346834440") and ups_ok("1Z999AA10123456784") and not ups_ok("1Z999AA10123456785")
    assert fedex_ok("986578788855") and not fedex_ok("996578788855")  # Express, mod 11
    assert fedex_ok("568283610012734") and not fedex_ok("568283610012732")  # Ground, mod 10
    assert fedex_ok("9611020987654312345672")  # Ground 96
    assert usps_ok("9400111201080805483016") and usps_ok("03071790000523483741") and usps_ok("71969010756003077385")
    assert not usps_ok("03071790000523483742")
    assert dhl_ok("3318810025") and dhl_ok("73891051146") and not dhl_ok("3318810010")
    assert s10_ok("RB123456785GB") and not s10_ok("RB123456784GB")
    assert carrier_check_ok("986578788855") == "fedex" and carrier_check_ok("5403926876") is None


def test_card_brand_needs_luhn_and_an_issuer_prefix():
    assert card_brand("4111111111111111") == "visa"
    assert card_brand("378282246310005") == "amex"
    assert card_brand("4111111111111112") is None  # Luhn fails
    assert card_brand("986578788855") is None  # 12 digits, no issuer


# -- precedence -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, secret",
    [
        ("I paid with 4111 1111 1111 1111", "4111 1111 1111 1111"),
        ("my tracking number is 4111 1111 1111 1111", "4111 1111 1111 1111"),  # a Luhn-valid card after "tracking"
        ("FedEx tracking 3782 822463 10005", "3782 822463 10005"),  # Amex: a card, not a FedEx Ground number
        ("I'm on 5403926876", "5403926876"),
        ("call me at 3318810025 about the parcel", "3318810025"),  # a phone word wins over a DHL check digit
        ("my SSN is 078-05-1120", "078-05-1120"),  # a sample SSN Presidio rejects, after "my SSN is"
        ("refund to DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00"),
        ("Rückerstattung an ES91 2100 0418 4502 0005 1332, Sendung 3318810025", "2100 0418 4502 0005 1332"),
        ("order 4111-1111-1111-1111 was charged twice", "4111-1111-1111-1111"),
    ],
)
def test_pii_beats_a_tracking_or_order_shape(redactor, text, secret):
    assert secret not in redactor.redact(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("UPS 1Z879E930346834440 is late", "1Z879E930346834440"),
        ("FedEx 986578788855 hasn't moved", "986578788855"),
        ("Sendungsnummer 3318810025 bitte prüfen", "3318810025"),
        ("suivi 3318810025 svp", "3318810025"),
        ("rastreio 9400111201080805483016", "9400111201080805483016"),
        ("will 7720041839 arrive before Christmas?", "7720041839"),
        ("order K309912458 still not here", "K309912458"),
        ("my order ORD-118204 and 112-3387120-5567812", "112-3387120-5567812"),
        ("order 1001-AB is late", "1001-AB"),
        ("I got 68938-VZ on the invoice, is it my order?", "68938-VZ"),
        ("where is #WS10042? my zip is 62704", "62704"),
    ],
)
def test_order_and_tracking_numbers_are_kept(redactor, text, kept):
    assert kept in redactor.redact(text).text


def test_tracking_shapes_inside_longer_digit_runs_are_not_tracking():
    assert _found(TrackingNumberRecognizer(), "card 4111 1111 1111 1111") == []
    assert _found(TrackingNumberRecognizer(), "DHL 3318810025") == ["3318810025"]


def test_the_shops_order_pattern_is_configurable(monkeypatch):
    assert order_number_regex(r"#WS\d{5}").search("ws-10042")
    monkeypatch.setenv("WISMO_ORDER_NUMBER_PATTERN", r"NW-\d{6}")
    get_settings.cache_clear()
    try:
        assert _found(OrderNumberRecognizer(), "is nw 123456 or NW-654321 shipped?") == ["nw 123456", "NW-654321"]
        assert _found(OrderNumberRecognizer(), "is #WS10042 shipped?") == []
    finally:
        monkeypatch.delenv("WISMO_ORDER_NUMBER_PATTERN")
        get_settings.cache_clear()


def test_a_bad_order_pattern_is_a_clear_error(monkeypatch):
    from pydantic import ValidationError

    monkeypatch.setenv("WISMO_ORDER_NUMBER_PATTERN", "#WS(")
    get_settings.cache_clear()
    try:
        with pytest.raises(ValidationError, match="WISMO_ORDER_NUMBER_PATTERN is not a regular expression"):
            get_settings()
    finally:
        monkeypatch.delenv("WISMO_ORDER_NUMBER_PATTERN")
        get_settings.cache_clear()


# -- pathological inputs: screened, and screened right -----------------------------------------


def test_dotted_and_dashed_runs_are_not_pii(redactor):
    for text in ("1." * 2000, "a-" * 2000, "1-" * 2000, "x" * 4000):
        assert redactor.redact(text).text == text


def test_a_repeated_name_is_one_placeholder(redactor):
    assert redactor.redact("Jane and " * 444).text == "<PERSON_1> and " * 444


def test_repeated_cards_are_one_placeholder(redactor):
    assert redactor.redact("4111 1111 1111 1111, " * 190).text == "<CREDIT_CARD_1>, " * 190
    assert "1111" not in redactor.redact("4111 1111 1111 1111 " * 200).text
