"""Data we KEEP: the shop's order numbers, carrier tracking numbers, verification postal codes.

The customer gives these on purpose and the agent needs them verbatim. They win over a PII
reading of the same characters only on evidence (`numbers.py` weighs it): the shop's own order
pattern always; a tracking number when it has a carrier's shape and either passes that carrier's
check digit or is talked about as a shipment, and no stronger reading (a Luhn-valid card, a phone
number after a phone word) claims it. Other shops' order ids ("K309912458", "ORD-118204",
"112-3387120-5567812") are kept too when the customer calls them an order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .base import WismoRecognizer, digits_of
from .numbers import DIGIT_RUN, pii_reading, tracking_reading

#: Entity types we recognize in order to keep them (never redacted, and they win over PII overlaps).
KEEP_ENTITIES: frozenset[str] = frozenset({"ORDER_NUMBER", "TRACKING_NUMBER", "ZIP_CODE", "PRODUCT_NAME"})
#: Keep types that win over any overlapping PII span (a postal code only shields PII spans inside it).
STRONG_KEEP: frozenset[str] = frozenset({"ORDER_NUMBER", "TRACKING_NUMBER", "PRODUCT_NAME"})

#: Names of the shop's products: "Chelsea Boots" is an item to return, not a person named Chelsea.
_PRODUCTS: set[str] = set()


def register_products(names: Iterable[str]) -> None:
    """Add the shop's product names (the demo catalog is known from the start; a store adds its own)."""
    fresh = {n.strip() for n in names if n and len(n.strip()) >= 4} - _PRODUCTS
    if fresh:
        _PRODUCTS.update(fresh)
        _product_regex.cache_clear()


@lru_cache(maxsize=1)
def _product_regex() -> re.Pattern[str] | None:
    if not _PRODUCTS:
        from ...domain.catalog import PRODUCTS

        _PRODUCTS.update(p.name for p in PRODUCTS)
    names = sorted(_PRODUCTS, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


class ProductNameRecognizer(WismoRecognizer):
    """The shop's product names, kept whole ("Chelsea Boots", "Packable Down Jacket")."""

    ENTITY = "PRODUCT_NAME"

    def find(self, text, nlp_artifacts):
        rx = _product_regex()
        if rx is None:
            return
        for m in rx.finditer(text):
            yield m.start(), m.end(), 1.0


DEFAULT_ORDER_PATTERN = r"#WS\d{5}"


@lru_cache(maxsize=8)
def order_number_regex(pattern: str = DEFAULT_ORDER_PATTERN) -> re.Pattern[str]:
    """The shop's order-number pattern as customers type it: case ignored, the leading "#" optional,
    and a space, dash or underscore allowed between a letter prefix and the digits ("ws-10042")."""
    m = re.fullmatch(r"(\\?#)?([A-Za-z]+)(?:\\?[-_ ])?(\\d.*|\[0-9\].*)", pattern)
    if m:
        body = rf"(?:\#\s?)?{m.group(2)}[\s_-]?{m.group(3)}"
    else:
        body = rf"(?:\#\s?)?{pattern[1:]}" if pattern.startswith("#") else pattern
    return re.compile(rf"(?<![\w#]){body}(?![0-9A-Za-z])", re.IGNORECASE)


def _configured_order_regex() -> re.Pattern[str]:
    from ...config import get_settings

    return order_number_regex(get_settings().order_number_pattern)


class OrderNumberRecognizer(WismoRecognizer):
    """The shop's order numbers (WISMO_ORDER_NUMBER_PATTERN, "#WS10042" by default), and other
    shops' order ids when the customer calls them an order."""

    ENTITY = "ORDER_NUMBER"

    def __init__(self, pattern: str | None = None) -> None:
        super().__init__()
        self.rx = order_number_regex(pattern) if pattern else _configured_order_regex()

    def find(self, text, nlp_artifacts):
        for m in self.rx.finditer(text):
            yield m.start(), m.end(), 1.0
        for m in AMAZON_ORDER_RE.finditer(text):
            yield m.start(), m.end(), 1.0
        for m in FOREIGN_ORDER_RE.finditer(text):
            value = m.group("id")
            if re.fullmatch(r"[\d-]+", value) and pii_reading(text, m.start("id"), m.end("id"), digits_of(value)):
                continue  # "order 4111-1111-1111-1111" is still a card
            yield m.start("id"), m.end("id"), 1.0


#: An order id of another shop right after an order word: letters and digits mixed or joined by
#: dashes ("K309912458", "ORD-118204", "1001-AB", "112-3387120-5567812"), or a bare run of digits.
FOREIGN_ORDER_RE = re.compile(
    r"(?i:\b(?:order|orders|pedido|commande|bestellung|bestellnummer|auftrag|encomenda|compra)"
    r"(?:[ \t]+(?:number|no\.?|nr\.?|n[º°o]\.?|num(?:[ée]ro)?\.?|id|ref|#|n[uú]mero|nummer|de|du|do|da))?"
    r"(?:[ \t]*(?:is|was|es|est|ist|é|:|=|-))?[ \t]*#?[ \t]*)"
    r"(?P<id>(?=[A-Za-z0-9-]{0,24}\d)[A-Za-z]{0,4}-?\d[\dA-Za-z]{2,19}(?:-[\dA-Za-z]{1,12}){0,3})(?![\w-]|[ ]\d)"
)


#: Amazon's order ids (112-3387120-5567812): a shape no card, phone or id has.
AMAZON_ORDER_RE = re.compile(r"(?<![\w-])\d{3}-\d{7}-\d{7}(?![\w-])")


class TrackingNumberRecognizer(WismoRecognizer):
    """Carrier tracking numbers: UPS 1Z..., UPU S10 ids, Amazon TBA, DHL eCommerce, and digit-only
    numbers of a carrier's length that the evidence says are tracking numbers (`numbers.py`)."""

    ENTITY = "TRACKING_NUMBER"

    def find(self, text, nlp_artifacts):
        for rx in LETTERED_TRACKING:
            for m in rx.finditer(text):
                yield m.start(), m.end(), 1.0
        for m in DIGIT_RUN.finditer(text):
            if tracking_reading(text, m.start(), m.end(), digits_of(m.group())):
                yield m.start(), m.end(), 1.0


LETTERED_TRACKING: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![\w-])1Z(?:[ ]?[0-9A-Z]){16}(?![\w-])", re.IGNORECASE),  # UPS
    re.compile(r"(?<![\w-])[A-Z]{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}[ ]?[A-Z]{2}(?![\w-])"),  # UPU S10 (EC123456789US)
    re.compile(r"(?<![\w-])TBA\d{12}(?![\w-])", re.IGNORECASE),  # Amazon Logistics
    re.compile(r"(?<![\w-])(?:JJD|JVGL)\d{8,20}(?![\w-])", re.IGNORECASE),  # DHL piece ids
    re.compile(r"(?<![\w-])(?:GM|LX|RX)\d{10,30}(?![\w-])"),  # DHL eCommerce
)

#: Postal codes customers give to verify an order: US ZIP (+4), 5-digit European codes, Brazilian
#: CEP (01310-100), Portuguese (1100-053), UK (SW1A 1AA), Canadian (M5V 2T6) and Argentine (C1425DKF) forms.
POSTAL_RE = re.compile(
    r"(?<![\w#$.,/-])(?:\d{5}(?:-\d{4}|-\d{3})?|\d{4}-\d{3})(?![\w/-]|[.,]\d)"
    r"|(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-HJ-NP-Z]\d{4}[A-Z]{3})(?![\w-])"
)


class PostalCodeRecognizer(WismoRecognizer):
    """Postal codes given to verify an order: kept, unless part of a street address."""

    ENTITY = "ZIP_CODE"

    def find(self, text, nlp_artifacts):
        for m in POSTAL_RE.finditer(text):
            yield m.start(), m.end(), 0.5
