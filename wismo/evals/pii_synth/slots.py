"""Template slots: what `{{person}}`, `{{iban}}` or `{{tracking_dhl}}` become in one message.

A slot is `{{name}}`, `{{name2}}` (a second person or value) or `{{name|lower}}` / `{{name|upper}}`.
Each slot yields pieces of text, some labelled as gold PII spans and some as values to keep.
One `Draw` fills one message, so repeated slots and a person's name, email and birth date agree.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from . import addresses, identifiers, phones
from .locales import IBAN_COUNTRIES, ID_LABELS, NATIONAL_IDS, country_of, language_of
from .people import MONTHS, Person, date_of_birth, email_for, honorific, lower_same_length, new_person, with_particle
from .vocab import CARRIERS, CITIES, COLORS, PRODUCTS, SHOPS, SIZES, WEEKDAYS

SLOT_RE = re.compile(r"\{\{\s*([a-z_]+?)(\d*)\s*(?:\|\s*(lower|upper))?\s*\}\}")


@dataclass(frozen=True)
class Label:
    """Where a piece goes: `spans` (PII to redact) or `keep` (must survive), with its type."""

    group: str
    entity_type: str
    subtype: str | None = None


Piece = tuple[str, Label | None]
PII = "spans"
KEEP = "keep"


class TemplateError(ValueError):
    """A template names a slot that does not exist or does not fit its locale."""


class Draw:
    """The values of one message in one locale."""

    def __init__(self, rng: random.Random, fake: Faker, locale: str, lower_ratio: float = 0.05):
        self.rng, self.fake, self.locale = rng, fake, locale
        self.language, self.country = language_of(locale), country_of(locale)
        self.lower_ratio = lower_ratio
        self._people: dict[int, Person] = {}
        self._cache: dict[tuple[str, int], list[Piece]] = {}

    def person(self, idx: int) -> Person:
        if idx not in self._people:
            self._people[idx] = new_person(self.rng, self.fake, self.locale, self.lower_ratio)
        return self._people[idx]

    def slot(self, name: str, idx: int, modifier: str | None) -> list[Piece]:
        key = (name, idx)
        if key not in self._cache:
            maker = SLOTS.get(name)
            if maker is None:
                raise TemplateError(f"unknown slot {{{{{name}}}}}")
            self._cache[key] = maker(self, idx)
        pieces = self._cache[key]
        if modifier == "lower":
            return [(lower_same_length(t), lab) for t, lab in pieces]
        if modifier == "upper":
            return [(t.upper() if len(t.upper()) == len(t) else t, lab) for t, lab in pieces]
        return pieces


def _pii(entity_type: str, subtype: str | None = None) -> Label:
    return Label(PII, entity_type, subtype)


def _keep(entity_type: str, subtype: str | None = None) -> Label:
    return Label(KEEP, entity_type, subtype)


PERSON = _pii("PERSON")


# ------------------------------------------------------------------------------------------ names
def _name_list(d: Draw, idx: int) -> list[Piece]:
    """Three to five people, first names or full names, joined the language's way."""
    count, full = d.rng.randint(3, 5), d.rng.random() < 0.3
    people = [d.person(100 * idx + k) for k in range(count)]
    conj = {"en": " and ", "es": " y ", "fr": " et ", "de": " und ", "pt": " e "}[d.language]
    pieces: list[Piece] = []
    for k, p in enumerate(people):
        if k:
            pieces.append((conj if k == count - 1 else ", ", None))
        pieces.append((p.full if full else p.first, PERSON))
    return pieces


def _titled(d: Draw, idx: int, full: bool) -> list[Piece]:
    p = d.person(idx)
    return [(honorific(d.rng, p, d.language) + " ", None), (p.full if full else p.last, PERSON)]


# ------------------------------------------------------------------------------------------ numbers
def _iban(d: Draw, grouped: bool | None) -> list[Piece]:
    country = IBAN_COUNTRIES.get(d.locale)
    if country is None:
        raise TemplateError(f"no IBAN in {d.locale}: restrict the template's locales")
    if grouped is None:
        grouped = d.rng.random() < 0.6
    return [(identifiers.iban(d.rng, country, grouped), _pii("IBAN_CODE"))]


def _national_value(d: Draw, idx: int, subtype: str) -> str:
    rng, p = d.rng, d.person(idx)
    maternal = p.second_surname or d.fake.last_name()
    makers: dict[str, Callable[[], str]] = {
        "es_dni": lambda: identifiers.es_dni(rng),
        "es_nie": lambda: identifiers.es_nie(rng),
        "mx_rfc": lambda: identifiers.mx_rfc(rng, p.given, p.surname, maternal, p.born),
        "mx_curp": lambda: identifiers.mx_curp(rng, p.given, p.surname, maternal, p.born, p.female),
        "br_cpf": lambda: identifiers.br_cpf(rng),
        "pt_nif": lambda: identifiers.pt_nif(rng),
        "de_steuer_id": lambda: identifiers.de_steuer_id(rng),
        "fr_nir": lambda: identifiers.fr_nir(rng, p.female, p.born),
        "uk_nino": lambda: identifiers.uk_nino(rng),
        "us_ssn": lambda: identifiers.us_ssn(rng),
    }
    return makers[subtype]()


def _national(subtype: str | None, label: str | None) -> Callable[[Draw, int], list[Piece]]:
    """The locale's identifier (or `subtype`), bare or after its name and `label` ("DNI: ...")."""

    def make(d: Draw, idx: int) -> list[Piece]:
        choices = NATIONAL_IDS.get(d.locale, ())
        chosen = subtype or (d.rng.choice(choices) if choices else None)
        if chosen is None or (subtype and subtype not in choices):
            raise TemplateError(f"no national ID {subtype or ''} in {d.locale}: restrict the template's locales")
        tag = _pii("US_SSN") if chosen == "us_ssn" else _pii("NATIONAL_ID", chosen)
        value: list[Piece] = [(_national_value(d, idx, chosen), tag)]
        if label is None:
            return value
        sep = " " + label.lstrip() if d.language == "fr" and label.strip() else label  # French: "NIR : ..."
        return [(d.rng.choice(ID_LABELS[chosen]) + sep, None), *value]

    return make


def _phone(style: str) -> Callable[[Draw, int], list[Piece]]:
    return lambda d, idx: [(phones.phone(d.rng, d.country, d.language, style), _pii("PHONE_NUMBER"))]


def _card(style: str | None) -> Callable[[Draw, int], list[Piece]]:
    def make(d: Draw, idx: int) -> list[Piece]:
        chosen = style or d.rng.choices(("grouped", "amex", "plain"), weights=(6, 2, 2))[0]
        return [(identifiers.card(d.rng, chosen), _pii("CREDIT_CARD"))]

    return make


ORDER_KINDS = ("dash_letters", "letter_prefix", "ord_prefix", "amazon", "plain10")


def _order(kind: str | None) -> Callable[[Draw, int], list[Piece]]:
    def make(d: Draw, idx: int) -> list[Piece]:
        chosen = kind or d.rng.choice(ORDER_KINDS)
        return [(identifiers.order_number(d.rng, chosen), _keep("ORDER_NUMBER", chosen))]

    return make


TRACKING_KINDS = {"ups": ("ups",), "usps": ("usps20", "usps22"), "fedex": ("fedex12", "fedex15"), "dhl": ("dhl10",)}


def _tracking(carrier: str | None) -> Callable[[Draw, int], list[Piece]]:
    def make(d: Draw, idx: int) -> list[Piece]:
        kind = d.rng.choice(TRACKING_KINDS[carrier or d.rng.choice(tuple(TRACKING_KINDS))])
        return [(identifiers.tracking_number(d.rng, kind), _keep("TRACKING_NUMBER", kind))]

    return make


# ------------------------------------------------------------------------------------------ addresses
def _street(d: Draw, idx: int) -> list[Piece]:
    return [(addresses.street_line(d.rng, d.fake, d.locale), _pii("STREET_ADDRESS"))]


def _address(block: bool) -> Callable[[Draw, int], list[Piece]]:
    def make(d: Draw, idx: int) -> list[Piece]:
        parts = (addresses.address_block if block else addresses.address_inline)(d.rng, d.fake, d.locale)
        return [(text, _pii("STREET_ADDRESS") if is_street else None) for text, is_street in parts]

    return make


SLOTS: dict[str, Callable[[Draw, int], list[Piece]]] = {
    # people
    "person": lambda d, i: [(d.person(i).full, PERSON)],
    "first_name": lambda d, i: [(d.person(i).first, PERSON)],
    "last_name": lambda d, i: [(d.person(i).last, PERSON)],
    "person_particle": lambda d, i: [(with_particle(d.rng, d.person(50 + i), d.language), PERSON)],
    "title_last": lambda d, i: _titled(d, i, full=False),
    "title_person": lambda d, i: _titled(d, i, full=True),
    "name_list": _name_list,
    "email": lambda d, i: [(email_for(d.rng, d.fake, d.person(i)), _pii("EMAIL_ADDRESS"))],
    "dob": lambda d, i: [(date_of_birth(d.rng, d.person(i).born, d.locale), _pii("DATE_OF_BIRTH"))],
    # phones
    "phone": _phone("any"),
    "phone_national": _phone("national"),
    "phone_intl": _phone("intl"),
    "phone_bare": _phone("bare"),
    "phone_ext": _phone("ext"),
    # payment
    "card": _card(None),
    "card_grouped": _card("grouped"),
    "card_amex": _card("amex"),
    "card_plain": _card("plain"),
    "iban": lambda d, i: _iban(d, None),
    "iban_grouped": lambda d, i: _iban(d, True),
    "iban_plain": lambda d, i: _iban(d, False),
    # identifiers
    "ssn": _national("us_ssn", None),
    "national_id": _national(None, None),
    "id_doc": _national(None, " "),
    "id_field": _national(None, ": "),
    "dni": _national("es_dni", None),
    "nie": _national("es_nie", None),
    "rfc": _national("mx_rfc", None),
    "curp": _national("mx_curp", None),
    "cpf": _national("br_cpf", None),
    "nif": _national("pt_nif", None),
    "steuer_id": _national("de_steuer_id", None),
    "nir": _national("fr_nir", None),
    "nino": _national("uk_nino", None),
    # addresses
    "street": _street,
    "address_block": _address(block=True),
    "address_inline": _address(block=False),
    # values to keep
    "order": lambda d, i: [(identifiers.order_number(d.rng, "shop"), _keep("ORDER_NUMBER", "shop"))],
    "order_other": _order(None),
    "order_dash": _order("dash_letters"),
    "order_letter": _order("letter_prefix"),
    "order_ord": _order("ord_prefix"),
    "order_amazon": _order("amazon"),
    "order_plain": _order("plain10"),
    "tracking": _tracking(None),
    "tracking_ups": _tracking("ups"),
    "tracking_usps": _tracking("usps"),
    "tracking_fedex": _tracking("fedex"),
    "tracking_dhl": _tracking("dhl"),
    "zip": lambda d, i: [(identifiers.postal_code(d.rng, d.country), _keep("POSTAL_CODE", d.country.lower()))],
    # unlabelled words
    "company": lambda d, i: [(d.fake.company(), None)],
    "city": lambda d, i: [(d.fake.city(), None)],
    "product": lambda d, i: [(d.rng.choice(PRODUCTS[d.language]), None)],
    "carrier": lambda d, i: [(d.rng.choice(CARRIERS[d.locale]), None)],
    "weekday": lambda d, i: [(d.rng.choice(WEEKDAYS[d.language]), None)],
    "n": lambda d, i: [(str(d.rng.randint(2, 14)), None)],
    "day": lambda d, i: [(str(d.rng.randint(2, 28)), None)],
    "month": lambda d, i: [(d.rng.choice(MONTHS[d.language]), None)],
    "place": lambda d, i: [(d.rng.choice(CITIES[d.language]), None)],
    "shop": lambda d, i: [(d.rng.choice(SHOPS[d.language]), None)],
    "color": lambda d, i: [(d.rng.choice(COLORS[d.language]), None)],
    "size": lambda d, i: [(d.rng.choice(SIZES), None)],
}
