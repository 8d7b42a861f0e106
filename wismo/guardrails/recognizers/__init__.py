"""wismo's own Presidio recognizers: small, registered units with patterns and context words.

Presidio's stock recognizers miss street addresses, a good share of names, the identifiers of
most countries we serve, and mistake order and tracking numbers for dates, phones, licences or
bank numbers. One module per kind of data fills those gaps:

- `keep`: order numbers, tracking numbers, postal codes: data we KEEP (`KEEP_ENTITIES`);
- `numbers`: which reading of a digit run the evidence supports (card, phone, tracking);
- `payment`, `phones`, `spelled_digits`, `emails`, `national_ids`, `birth_dates`, `addresses`, `names`: PII to redact;
- `cues`, `checksums`, `name_cues`, `name_words`, `vocabulary`: the evidence they share.
"""

from __future__ import annotations

from .addresses import StreetAddressRecognizer
from .base import UP, WismoRecognizer
from .birth_dates import DateOfBirthRecognizer
from .checksums import card_brand, carrier_check_ok, luhn_ok
from .emails import TypedEmailRecognizer
from .keep import (
    KEEP_ENTITIES,
    STRONG_KEEP,
    OrderNumberRecognizer,
    PostalCodeRecognizer,
    ProductNameRecognizer,
    TrackingNumberRecognizer,
    order_number_regex,
)
from .name_words import FIRST_NAMES, NOT_NAME_WORDS, PLACE_WORDS, SURNAMES, WORD_NAMES, fold
from .names import STRONG_NAME_CUE, PersonHeuristicRecognizer, name_like, name_tail, needs_ner
from .national_ids import NATIONAL_ID_TYPES, own_id_recognizers, presidio_id_recognizers
from .payment import GroupedIbanRecognizer, PaymentCardRecognizer
from .phones import LocalPhoneRecognizer
from .spelled_digits import SpelledPhoneRecognizer, SpelledSsnRecognizer
from .vocabulary import Vocabulary, english_words_of, frequent_lowercase_words, other_language_words

#: Countries whose identifiers are looked for unless WISMO_PII_COUNTRIES says otherwise.
DEFAULT_COUNTRIES: frozenset[str] = frozenset({"US", "GB", "ES", "MX", "FR", "DE", "PT", "BR"})

__all__ = [
    "DEFAULT_COUNTRIES",
    "FIRST_NAMES",
    "KEEP_ENTITIES",
    "NATIONAL_ID_TYPES",
    "NOT_NAME_WORDS",
    "PLACE_WORDS",
    "WORD_NAMES",
    "STRONG_KEEP",
    "STRONG_NAME_CUE",
    "SURNAMES",
    "UP",
    "DateOfBirthRecognizer",
    "GroupedIbanRecognizer",
    "LocalPhoneRecognizer",
    "OrderNumberRecognizer",
    "PaymentCardRecognizer",
    "PersonHeuristicRecognizer",
    "PostalCodeRecognizer",
    "SpelledPhoneRecognizer",
    "SpelledSsnRecognizer",
    "StreetAddressRecognizer",
    "TrackingNumberRecognizer",
    "TypedEmailRecognizer",
    "Vocabulary",
    "WismoRecognizer",
    "card_brand",
    "carrier_check_ok",
    "english_words_of",
    "fold",
    "luhn_ok",
    "name_like",
    "name_tail",
    "needs_ner",
    "order_number_regex",
    "frequent_lowercase_words",
    "other_language_words",
    "own_id_recognizers",
    "presidio_id_recognizers",
    "wismo_recognizers",
]


def wismo_recognizers(
    vocab: Vocabulary | None = None, countries: frozenset[str] = DEFAULT_COUNTRIES
) -> list[WismoRecognizer]:
    """Fresh instances of every wismo recognizer (`vocab`: ordinary words for the name heuristics)."""
    return [
        OrderNumberRecognizer(),
        TrackingNumberRecognizer(),
        ProductNameRecognizer(),
        PostalCodeRecognizer(),
        PaymentCardRecognizer(),
        GroupedIbanRecognizer(),
        LocalPhoneRecognizer(),
        SpelledPhoneRecognizer(),
        *([SpelledSsnRecognizer()] if "US" in countries else []),
        StreetAddressRecognizer(),
        DateOfBirthRecognizer(),
        TypedEmailRecognizer(),
        PersonHeuristicRecognizer(vocab),
        *own_id_recognizers(countries),
    ]
