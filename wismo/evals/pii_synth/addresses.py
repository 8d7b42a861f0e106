"""Street addresses in each country's layout: one line, inline with the city, or a multi-line block.

The gold STREET_ADDRESS span is the street line (house number, street, flat or floor): that is what
identifies a home. Postal code and city around it are left unlabelled, neither PII nor kept.
"""

from __future__ import annotations

import random

from faker import Faker

US_STATES = ("CA", "NY", "TX", "IL", "GA", "MA", "WA", "CO", "FL", "OR", "MN", "PA", "AZ", "NC", "OH")
MX_STATES = ("CDMX", "Jal.", "N.L.", "Pue.", "Qro.", "Yuc.", "Gto.", "Méx.")
BR_STATES = ("SP", "RJ", "MG", "PR", "RS", "BA", "PE", "CE", "DF", "SC", "GO")
BR_STREETS = ("Rua", "Rua", "Rua", "Avenida", "Av.", "Alameda", "Travessa", "Praça")
MX_COLONIAS = ("Del Valle", "Roma Norte", "Condesa", "Narvarte", "Polanco", "Centro", "Juárez", "Coyoacán", "Obrera")
BR_BAIRROS = ("Centro", "Consolação", "Pinheiros", "Moema", "Savassi", "Boa Viagem", "Copacabana", "Batel", "Tijuca")


def _street_name(rng: random.Random, fake: Faker, locale: str) -> str:
    if locale == "pt_BR":
        return f"{rng.choice(BR_STREETS)} {rng.choice((fake.last_name(), fake.name()))}"
    return fake.street_name()


def street_line(rng: random.Random, fake: Faker, locale: str) -> str:
    """The street line as people of `locale` write it: "Hauptstraße 12", "12 rue de la Paix"..."""
    name, num = _street_name(rng, fake, locale), str(rng.randint(1, 250))
    if locale == "en_US":
        unit = rng.choice(
            ("", "", "", f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}", f" Apt. {rng.randint(1, 400)}")
        )
        unit = unit or rng.choice(("", "", f", Suite {rng.randint(100, 900)}", f" #{rng.randint(2, 30)}"))
        return f"{rng.randint(10, 9999)} {name}{unit}"
    if locale == "en_GB":
        style = rng.random()
        if style < 0.2:
            return f"Flat {rng.randint(1, 30)}, {num} {name}"
        return f"{num}{rng.choice('ab')} {name}" if style < 0.3 else f"{num} {name}"
    if locale == "es_ES":
        floor = rng.choice(
            ("", "", f", {rng.randint(1, 8)}º {rng.choice('ABCD')}", f", {rng.randint(1, 6)}º{rng.randint(1, 4)}ª")
        )
        return f"{name}, {num}{floor}"
    if locale == "es_MX":
        inner = rng.choice(("", "", f" Int. {rng.randint(1, 20)}", f" Depto. {rng.randint(101, 604)}"))
        return f"{name} {rng.randint(1, 2999)}{inner}"
    if locale == "fr_FR":
        bis = rng.choice(("", "", "", " bis", " ter"))
        return f"{num}{bis} {name}" if rng.random() < 0.8 else f"{num}{bis}, {name}"
    if locale == "de_DE":
        return f"{name} {num}{rng.choice(('', '', '', 'a', 'b'))}"
    if locale == "pt_BR":
        apt = rng.choice(
            (
                "",
                "",
                f", apto {rng.randint(11, 184)}",
                f", casa {rng.randint(1, 4)}",
                f", bloco B, ap. {rng.randint(11, 99)}",
            )
        )
        return f"{name}, {rng.randint(1, 3999)}{apt}"
    if locale == "pt_PT":
        floor = rng.choice(("", "", f", {rng.randint(1, 8)}.º Esq.", f", {rng.randint(1, 8)}.º Dto.", ", r/c"))
        return f"{name}, {num}{floor}"
    raise ValueError(f"no address layout for {locale}")


def _postal(rng: random.Random, fake: Faker, locale: str) -> str:
    if locale == "es_MX":
        return f"{rng.randint(1000, 99999):05d}"
    if locale == "pt_BR":
        return f"{rng.randint(1000, 99999):05d}-{rng.randint(0, 999):03d}"
    return fake.postcode()


def city_part(rng: random.Random, fake: Faker, locale: str) -> list[str]:
    """The lines after the street line, in the country's order (postal code and city, state...)."""
    city, code = fake.city(), _postal(rng, fake, locale)
    if locale == "en_US":
        return [f"{city}, {rng.choice(US_STATES)} {code}"]
    if locale == "en_GB":
        return [city, code]
    if locale == "es_ES":
        return [f"{code} {city}"]
    if locale == "es_MX":
        return [f"Col. {rng.choice(MX_COLONIAS)}", f"{code} {city}, {rng.choice(MX_STATES)}"]
    if locale == "fr_FR":
        return [f"{code} {city.upper() if rng.random() < 0.4 else city}"]
    if locale == "de_DE":
        return [f"{code} {city}"]
    if locale == "pt_BR":
        return [f"{rng.choice(BR_BAIRROS)}, {city} - {rng.choice(BR_STATES)}", f"CEP {code}"]
    return [f"{code} {city}"]


Piece = tuple[str, bool]  # (text, is the street line)


def address_block(rng: random.Random, fake: Faker, locale: str) -> list[Piece]:
    """A multi-line address: the street line (labelled), then the city lines, one per line."""
    pieces: list[Piece] = [(street_line(rng, fake, locale), True)]
    for line in city_part(rng, fake, locale):
        pieces.append(("\n" + line, False))
    return pieces


def address_inline(rng: random.Random, fake: Faker, locale: str) -> list[Piece]:
    """One line: "Hauptstraße 12, 10115 Berlin"."""
    return [(street_line(rng, fake, locale), True), (", " + ", ".join(city_part(rng, fake, locale)), False)]
