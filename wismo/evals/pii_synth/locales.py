"""The eight locales and five languages of the set, and the country facts that shape their values."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "pt")
LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en_US", "en_GB"),
    "es": ("es_ES", "es_MX"),
    "fr": ("fr_FR",),
    "de": ("de_DE",),
    "pt": ("pt_BR", "pt_PT"),
}
ALL_LOCALES: tuple[str, ...] = tuple(loc for locs in LOCALES.values() for loc in locs)


def language_of(locale: str) -> str:
    return locale.split("_")[0]


def country_of(locale: str) -> str:
    return locale.split("_")[1]


#: Countries whose customers pay by IBAN (Mexico uses CLABE and the US routing numbers: neither here).
IBAN_COUNTRIES = {"en_GB": "GB", "es_ES": "ES", "fr_FR": "FR", "de_DE": "DE", "pt_BR": "BR", "pt_PT": "PT"}
#: The national identifiers each locale's customers give, by the set's subtype names (the US SSN is
#: its own entity type, US_SSN, as in Presidio; the others are NATIONAL_ID with a subtype).
NATIONAL_IDS: dict[str, tuple[str, ...]] = {
    "en_US": ("us_ssn",),
    "en_GB": ("uk_nino",),
    "es_ES": ("es_dni", "es_nie"),
    "es_MX": ("mx_rfc", "mx_curp"),
    "fr_FR": ("fr_nir",),
    "de_DE": ("de_steuer_id",),
    "pt_BR": ("br_cpf",),
    "pt_PT": ("pt_nif",),
}
#: How customers name each identifier in a sentence ("my DNI is ...").
ID_LABELS = {
    "uk_nino": ("National Insurance number", "NI number", "NINO"),
    "es_dni": ("DNI",),
    "es_nie": ("NIE",),
    "mx_rfc": ("RFC",),
    "mx_curp": ("CURP",),
    "fr_nir": ("numéro de sécurité sociale", "numéro de sécu", "NIR"),
    "de_steuer_id": ("Steuer-ID", "Steueridentifikationsnummer", "Steuer-IdNr."),
    "br_cpf": ("CPF",),
    "pt_nif": ("NIF", "número de contribuinte"),
    "us_ssn": ("SSN", "social security number"),
}
