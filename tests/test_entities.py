"""Entity extraction: order numbers, carrier tracking formats, emails, ZIPs, and their overlaps."""

from __future__ import annotations

import pytest

from wismo.agent.entities import (
    ORDER_NUMBER_RE,
    detect_carrier,
    display_order_number,
    extract_entities,
    normalize_order_number,
)


@pytest.mark.parametrize(
    "text",
    [
        "#WS10042",
        "ws10042",
        "WS-10042",
        "# ws 10042",
        "ws 10042",
        "order 10042",
        "Order #10042",
        "order no. 10042",
        "my order number is 10042",
        "order number: 10042",
        "#10042",
        "pedido 10042",
        "commande n° 10042",
        "Bestellung Nr. 10042",
        "where is my order ws10042??",
    ],
)
def test_order_number_forms_normalize_to_store_key(text: str) -> None:
    assert normalize_order_number(text) == "WS10042"
    assert extract_entities(text)["order_number"] == ["WS10042"]


@pytest.mark.parametrize("text", ["10042", "news10042", "ws100421", "order 1004", "I live at 10042 Main St", ""])
def test_not_order_numbers(text: str) -> None:
    assert normalize_order_number(text) is None


def test_bare_digits_only_when_asked() -> None:
    assert normalize_order_number("10042") is None
    assert normalize_order_number(" 10042 ", bare_digits=True) == "WS10042"
    assert normalize_order_number("call 10042 now", bare_digits=True) is None


def test_display_order_number() -> None:
    assert display_order_number("WS10042") == "#WS10042"
    assert display_order_number("#ws10042") == "#WS10042"
    assert ORDER_NUMBER_RE.search("re: #WS10042").group("ws") == "10042"


@pytest.mark.parametrize(
    ("tracking", "carrier"),
    [
        ("1Z999AA10123456784", "ups"),
        ("1z999aa10123456784", "ups"),
        ("1Z 999 AA1 01 2345 6784", "ups"),
        ("9400100000000000000000", "usps"),  # 22 digits
        ("9400 1000 0000 0000 0000 00", "usps"),
        ("92055901755477000000", "usps"),  # 20 digits
        ("EC123456789US", "usps"),
        ("123456789012", "fedex"),  # 12 digits
        ("123456789012345", "fedex"),  # 15 digits
        ("1234567890", "dhl"),  # 10 digits
        ("JJD0099999999", "dhl"),
        ("12345", None),
        ("1Z999AA1012345678", None),  # one short
        ("8400100000000000000000", None),  # 22 digits not starting with 9
        ("", None),
    ],
)
def test_detect_carrier(tracking: str, carrier: str | None) -> None:
    assert detect_carrier(tracking) == carrier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ups says 1Z999AA10123456784 is stuck", "1Z999AA10123456784"),
        ("tracking: 1Z 999 AA1 01 2345 6784.", "1Z999AA10123456784"),
        ("usps 9400 1000 0000 0000 0000 00 never came", "9400100000000000000000"),
        ("fedex # 1234-5678-9012 please", "123456789012"),
        ("DHL waybill 1234567890", "1234567890"),
        ("dhl 12 3456 7890", "1234567890"),
    ],
)
def test_tracking_numbers_in_text(text: str, expected: str) -> None:
    assert extract_entities(text)["tracking_number"] == [expected]


def test_zip_is_not_taken_from_tracking_or_order_numbers() -> None:
    found = extract_entities("order ws10042, tracking 9400100000000000000000, zip 30301")
    assert found == {
        "order_number": ["WS10042"],
        "tracking_number": ["9400100000000000000000"],
        "postal_code": ["30301"],
    }
    assert "postal_code" not in extract_entities("order 10042")
    assert "postal_code" not in extract_entities("#WS10042")
    assert "postal_code" not in extract_entities("1Z999AA10123456784 and 123456789012")


def test_zip_plus_four_and_plain_zip() -> None:
    assert extract_entities("my zip is 94107-1234")["postal_code"] == ["94107"]
    assert extract_entities("30301")["postal_code"] == ["30301"]


def test_phone_numbers_are_not_dhl_waybills() -> None:
    for text in ["call me at 555-123-4567", "phone 5551234567", "my cell is (555) 123 4567", "+1 5551234567"]:
        assert "tracking_number" not in extract_entities(text), text
    assert "tracking_number" not in extract_entities("2 items 12345 67890")


def test_emails_lowercased_and_placeholders_kept() -> None:
    found = extract_entities("I'm Jane.Doe+shop@Example.COM, zip <US_ZIP_1>, alt <EMAIL_2>; also <ZIP_1>")
    assert found["email"] == ["jane.doe+shop@example.com", "<EMAIL_2>"]
    assert found["postal_code"] == ["<US_ZIP_1>", "<ZIP_1>"]
    assert extract_entities("<EMAIL_ADDRESS_1>")["email"] == ["<EMAIL_ADDRESS_1>"]


def test_other_placeholders_are_not_entities() -> None:
    assert extract_entities("<PERSON_1> called from <PHONE_NUMBER_1>") == {}


def test_noise_money_dates_and_duplicates() -> None:
    assert extract_entities("it cost $12345 on 2024-05-01 at 10:30, 3.14159 kg") == {}
    assert extract_entities("") == {}
    found = extract_entities("ws10042 WS-10042 #ws10042 order 10043")
    assert found["order_number"] == ["WS10042", "WS10043"]


def test_mixed_message_keeps_all_kinds_in_order() -> None:
    found = extract_entities("Hi, order #WS10042 for bob@shop.io (ZIP 02139): ups 1Z999AA10123456784")
    assert list(found) == ["order_number", "tracking_number", "email", "postal_code"]
    assert found["postal_code"] == ["02139"]
