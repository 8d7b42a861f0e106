"""Entity extraction for the `understand` step: order numbers, tracking numbers, emails, postal codes.

Why regexes and not a model: these entities have fixed, documented shapes (the store's `#WS` + 5
digits, carrier tracking formats, US ZIP codes), so patterns are exact, explainable and fast. The
hard part is overlap: a ZIP must never be read from inside a tracking or order number, and a
phone number must not pass for a DHL waybill. Extraction therefore claims spans in priority order
(placeholders, emails, tracking numbers, order numbers, then ZIP codes) and a later kind never
takes characters an earlier one claimed.

PII redaction runs before understanding, so placeholders such as `<EMAIL_1>` or `<US_ZIP_1>` stand
in for real values; they are reported as entities as they are, and the dialogue resolves them
through the vault.
"""

from __future__ import annotations

import re

from ..guardrails.recognizers.checksums import dhl_ok

__all__ = [
    "ORDER_NUMBER_RE",
    "TRACKING_RE",
    "EMAIL_RE",
    "normalize_order_number",
    "display_order_number",
    "normalize_tracking_number",
    "detect_carrier",
    "tracking_spans",
    "extract_entities",
]

# The store prints order numbers as "#WS10042". People write "ws10042", "WS-10042", "# ws 10042",
# "order 10042", "order no. 10042", "#10042", or the same after "pedido" / "commande" / "Bestellung".
_ORDER_WORDS = r"(?:order|pedido|commande|bestell(?:ung|nummer|nr\.?|-nr\.?)|auftrag(?:snummer)?|encomenda|ordine)"
ORDER_NUMBER_RE = re.compile(
    r"""
    (?:
        (?:\#\s*)?(?<![a-z0-9])w\s?s[\s\-_]*\#?\s*(?P<ws>\d{5})          # WS10042, ws-10042, # ws 10042
      | (?<![a-z])"""
    + _ORDER_WORDS
    + r"""(?:[\s:]*(?:number|num|no\.?|nr\.?|n[º°o]\.?|id|ref|\#))?     # order / order no. / order #
        (?:\s*(?:is|was|=|:|-))?\s*\#?\s*(?P<word>\d{5})
      | (?<![\w&])\#\s?(?P<hash>\d{5})                                # #10042
      | \b(?:ending|ends)\s+(?:in|with)\b[^\d#]{0,24}?(?P<end>\d{5})      # the one ending in... 13475
    )
    (?![\d])
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Digits (and UPS letters) with single spaces or dashes tolerated between characters.
TRACKING_RE = re.compile(
    r"""
    (?<![A-Za-z0-9])
    (?:
        (?P<ups>1\s?Z(?:[\s\-]?[0-9A-Z]){16})                         # UPS: 1Z + 16 alnum
      | (?P<intl>[A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}\s?US)                 # USPS international
      | (?P<dhlx>(?:JJD|JVGL)\d{8,20})                                # DHL eCommerce / freight
      | (?P<digits>\d(?:[\s\-]?\d){9,21})                             # 10-22 digits, maybe grouped
    )
    (?![A-Za-z0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")

_EMAIL_PLACEHOLDER_RE = re.compile(r"<EMAIL(?:_ADDRESS)?(?:_\d+)?>", re.IGNORECASE)
_ZIP_PLACEHOLDER_RE = re.compile(r"<(?:US_)?(?:ZIP|ZIP_CODE|POSTAL_CODE|POSTCODE)(?:_\d+)?>", re.IGNORECASE)
_ANY_PLACEHOLDER_RE = re.compile(r"<[A-Z][A-Z_]*(?:_\d+)?>")

_ZIP_RE = re.compile(r"(?<![\w$€£#.,/-])(\d{5})(?:-\d{4})?(?![\w%/]|[.,]\d)")
_PHONE_CUE_RE = re.compile(
    r"(?:phone|cell|mobile|call|text|tel|fax|whatsapp|sms)\W{0,3}(?:\w+\W{1,3}){0,3}$", re.IGNORECASE
)
_PHONE_SHAPE_RE = re.compile(r"^\d{3}[\s\-]\d{3}[\s\-]\d{4}$")

_TRACKING_CUE_RE = re.compile(
    r"dhl|track|waybill|awb|shipment|parcel|package|sendung|suivi|rastreo|seguimiento|rastreio|rastreamento"
    r"|colis|paket|envio|envío|encomenda|guia|guía",
    re.I,
)

_DIGIT_LENGTHS = {10: "dhl", 12: "fedex", 15: "fedex"}


def _order_digits(match: re.Match[str]) -> str:
    return match.group("ws") or match.group("word") or match.group("hash") or match.group("end")


def normalize_order_number(text: str, *, bare_digits: bool = False) -> str | None:
    """The store key ("WS10042") of the first order number in `text`, or None.

    Five bare digits count only when `bare_digits` is set (e.g. the bot just asked for the order
    number); otherwise "10042" alone is as likely a ZIP code and is left to the postal-code rule.
    """
    if not text:
        return None
    match = ORDER_NUMBER_RE.search(text)
    if match:
        return f"WS{_order_digits(match)}"
    if bare_digits:
        bare = re.fullmatch(r"\s*(\d{5})\s*[.!]?\s*", text)
        if bare:
            return f"WS{bare.group(1)}"
    return None


def display_order_number(key: str) -> str:
    """How the store prints an order number: "WS10042" -> "#WS10042" (tolerates an already-shown key)."""
    normalized = normalize_order_number(key, bare_digits=True) or key.strip().lstrip("#").upper()
    return f"#{normalized}"


def normalize_tracking_number(text: str) -> str:
    """A tracking number as carriers key it: no spaces or dashes, upper case."""
    return re.sub(r"[\s\-]", "", text).upper()


def detect_carrier(tracking: str) -> str | None:
    """The carrier whose format `tracking` has: "ups", "usps", "fedex", "dhl", or None.

    Formats: UPS "1Z" + 16 alphanumerics; USPS 20-22 digits starting with 9 (or the 13-character
    international "EC123456789US"); FedEx 12 or 15 digits; DHL Express 10 digits (or JJD/JVGL ids).
    Check digits are not verified: demo and test data use sample numbers.
    """
    if not tracking:
        return None
    value = normalize_tracking_number(tracking)
    if re.fullmatch(r"1Z[0-9A-Z]{16}", value):
        return "ups"
    if re.fullmatch(r"9\d{19,21}", value) or re.fullmatch(r"[A-Z]{2}\d{9}US", value):
        return "usps"
    if re.fullmatch(r"(?:JJD|JVGL)\d{8,20}", value):
        return "dhl"
    if value.isdigit():
        return _DIGIT_LENGTHS.get(len(value))
    return None


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= start or span[0] >= end for start, end in taken)


def _looks_like_phone(text: str, start: int, raw: str) -> bool:
    """A 10-digit run is a DHL waybill unless it is shaped or introduced like a phone number.

    Spaced 10-digit runs ("12345 67890") need a tracking cue before them: two short numbers side
    by side are more often a ZIP and something else than a waybill.
    """
    if raw.isdigit() or re.fullmatch(r"[\d ]+", raw):
        if text.strip(" .!?\n") == raw and dhl_ok(normalize_tracking_number(raw)):
            return False  # a message that is only a waybill with DHL's check digit, sent when asked for one
    if _PHONE_SHAPE_RE.match(raw):
        return True
    before = text[max(0, start - 30) : start]
    if not raw.isdigit() and not _TRACKING_CUE_RE.search(text[max(0, start - 40) : start]):
        return True
    return bool(_PHONE_CUE_RE.search(before)) or before.rstrip().endswith(("+1", "+", "(", ")"))


_AFTER_WS = re.compile(r"(?<![a-z0-9])ws[\s\-_#]*$", re.IGNORECASE)


def tracking_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, compact number) of every tracking number in `text` with a known carrier format."""
    found: list[tuple[int, int, str]] = []
    for match in TRACKING_RE.finditer(text):
        raw = match.group(0)
        value = normalize_tracking_number(raw)
        carrier = detect_carrier(value)
        if carrier is None:
            continue
        if carrier == "dhl" and value.isdigit() and _looks_like_phone(text, match.start(), raw):
            continue
        if raw[:1].isdigit() and " " in raw and _AFTER_WS.search(text[: match.start()]):
            continue  # "# WS 13275 27605": an order number and a ZIP, not one waybill
        found.append((match.start(), match.end(), value))
    return found


def _add(found: list[tuple[int, str, str]], start: int, key: str, value: str) -> None:
    found.append((start, key, value))


def extract_entities(text: str) -> dict[str, list[str]]:
    """Order numbers, tracking numbers, emails and postal codes found in `text`.

    Keys appear only when something was found; values keep first-seen order without duplicates.
    order_number values are store keys ("WS10042"), tracking numbers are compact upper case,
    emails lower case, ZIP+4 codes shortened to their 5-digit ZIP. Placeholders left by the PII
    redactor (`<EMAIL_1>`, `<ZIP_1>`, `<US_ZIP_1>`) are reported verbatim under email / postal_code.
    """
    found: list[tuple[int, str, str]] = []
    if not text:
        return {}
    taken: list[tuple[int, int]] = []

    for match in _ANY_PLACEHOLDER_RE.finditer(text):
        token = match.group(0)
        if _EMAIL_PLACEHOLDER_RE.fullmatch(token):
            _add(found, match.start(), "email", token)
        elif _ZIP_PLACEHOLDER_RE.fullmatch(token):
            _add(found, match.start(), "postal_code", token)
        taken.append(match.span())

    for match in EMAIL_RE.finditer(text):
        if _free(match.span(), taken):
            _add(found, match.start(), "email", match.group(0).lower())
            taken.append(match.span())

    orders: list[tuple[int, int, str]] = []
    for match in ORDER_NUMBER_RE.finditer(text):
        if _free(match.span(), taken):
            orders.append((match.start(), match.end(), f"WS{_order_digits(match)}"))

    for start, end, value in tracking_spans(text):
        # A tracking number wins over an order-number reading of its first digits ("order 1234567890").
        if _free((start, end), taken):
            _add(found, start, "tracking_number", value)
            taken.append((start, end))

    for start, end, key in orders:
        if _free((start, end), taken):
            _add(found, start, "order_number", key)
            taken.append((start, end))

    for match in _ZIP_RE.finditer(text):
        if _free(match.span(), taken):
            _add(found, match.start(), "postal_code", match.group(1))
            taken.append(match.span())

    result: dict[str, list[str]] = {}
    for _, key, value in sorted(found):
        values = result.setdefault(key, [])
        if value not in values:
            values.append(value)
    # Stable key order for callers that print the dict.
    order = ("order_number", "tracking_number", "email", "postal_code")
    return {key: result[key] for key in order if key in result}
