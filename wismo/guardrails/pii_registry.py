"""Which recognizers screen a message and which entity types it loses: one place.

Presidio's registry holds the stock recognizers we use (cards, SSN/ITIN, IBAN, email, IP, crypto
wallets, US bank/licence/passport numbers, medical licences), the national-id recognizers Presidio
ships for the countries a shop serves, and wismo's own (`recognizers/`). A weak stock match (a
licence-shaped number) needs a context word nearby, as Presidio's context enhancer would give it.
"""

from __future__ import annotations

import re
import threading

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from ..config import get_settings
from .recognizers import DEFAULT_COUNTRIES, NATIONAL_ID_TYPES, presidio_id_recognizers

#: Entity types redacted unless WISMO_PII_ENTITIES says otherwise. Plain dates and times are not
#: PII for us (customers say "Dec 3"), nor are cities, ZIP codes, order or tracking numbers.
#: "NATIONAL_ID" stands for every national identifier type (`NATIONAL_ID_TYPES`).
DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "US_ITIN",
    "IBAN_CODE",
    "STREET_ADDRESS",
    "IP_ADDRESS",
    "US_BANK_NUMBER",
    "US_DRIVER_LICENSE",
    "US_PASSPORT",
    "DATE_OF_BIRTH",
    "CRYPTO",
    "MEDICAL_LICENSE",
    "NATIONAL_ID",
)
#: Placeholder labels that differ from the entity type.
LABELS: dict[str, str] = {"EMAIL_ADDRESS": "EMAIL", **{t: "NATIONAL_ID" for t in NATIONAL_ID_TYPES - {"US_SSN"}}}
#: Minimum score per entity type (weak regexes such as the licence one need context).
MIN_SCORE: dict[str, float] = {
    "US_DRIVER_LICENSE": 0.5,
    "US_PASSPORT": 0.5,
    "US_BANK_NUMBER": 0.5,
    "MEDICAL_LICENSE": 0.5,
}
DEFAULT_MIN_SCORE = 0.35
#: Presidio's own recognizers we use, by the entity they find.
PRESIDIO_RECOGNIZERS: tuple[str, ...] = (
    "CreditCardRecognizer",
    "UsSsnRecognizer",
    "UsItinRecognizer",
    "IbanRecognizer",
    "EmailRecognizer",
    "IpRecognizer",
    "CryptoRecognizer",
    "UsBankRecognizer",
    "UsLicenseRecognizer",
    "UsPassportRecognizer",
    "MedicalLicenseRecognizer",
)
#: A context word this close before (or after) a weak Presidio match raises its score, as
#: Presidio's context enhancer does with the tokens around it.
CONTEXT_BEFORE, CONTEXT_AFTER, CONTEXT_BOOST = 40, 20, 0.35


def configured_entities() -> tuple[str, ...]:
    """Entity types to redact: WISMO_PII_ENTITIES (comma-separated), else the default."""
    raw = get_settings().pii_entities or ""
    names = [e for e in (x.strip().upper() for x in raw.split(",")) if e]
    return tuple(names) if names else DEFAULT_ENTITIES


def configured_countries() -> frozenset[str]:
    """Countries whose identifiers and phone layouts are looked for (WISMO_PII_COUNTRIES)."""
    raw = get_settings().pii_countries or ""
    names = frozenset(c.strip().upper() for c in raw.split(",") if c.strip())
    return names or DEFAULT_COUNTRIES


def expand_entities(entities: tuple[str, ...]) -> frozenset[str]:
    out = set(entities)
    if "NATIONAL_ID" in out:
        out |= NATIONAL_ID_TYPES
    return frozenset(out)


_registries: dict[frozenset[str], RecognizerRegistry] = {}
_registries_lock = threading.Lock()


def registry_for(countries: frozenset[str]) -> RecognizerRegistry:
    """Presidio's registry holding the stock recognizers we use, the identifier recognizers of
    `countries`, and wismo's own; built once per process and country set."""
    with _registries_lock:
        registry = _registries.get(countries)
        if registry is None:
            registry = RecognizerRegistry(supported_languages=["en"])
            stock = RecognizerRegistry(supported_languages=["en"])
            stock.load_predefined_recognizers(languages=["en"])
            for recognizer in stock.recognizers:
                if type(recognizer).__name__ in PRESIDIO_RECOGNIZERS:
                    registry.add_recognizer(recognizer)
            for recognizer in presidio_id_recognizers(countries):
                registry.add_recognizer(recognizer)
            _registries[countries] = registry
        return registry


def context_pattern(recognizer: EntityRecognizer) -> re.Pattern[str] | None:
    words = [w for w in (getattr(recognizer, "context", None) or []) if w.strip()]
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE)
