"""Dates, weekdays, times and amounts as a customer in each language writes them (Babel's data).

The language of the turn is a context variable, set once per graph node from the conversation's
state, so the templates, the plans and the citation check all write and read facts in the same
words without passing the language through every call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency

from . import DEFAULT_LANGUAGE, LANGUAGES

#: The Babel locale of each language (the shop's customers: US English, Spain, France, Germany, Brazil).
LOCALES = {"en": "en_US", "es": "es_ES", "fr": "fr_FR", "de": "de_DE", "pt": "pt_BR"}
#: How a delivery day is written: "Friday, Dec 12", "viernes, 12 de diciembre", "Freitag, 12. Dezember".
DAY_PATTERNS = {
    "es": "EEEE, d 'de' MMMM",
    "fr": "EEEE d MMMM",
    "de": "EEEE, d. MMMM",
    "pt": "EEEE, d 'de' MMMM",
}

_language: ContextVar[str] = ContextVar("wismo_language", default=DEFAULT_LANGUAGE)


def current() -> str:
    """The language of the turn being answered."""
    return _language.get()


def set_language(lang: str | None) -> None:
    """Answer in `lang` from here on in this context (a graph node, a request)."""
    _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def language(lang: str | None) -> Iterator[None]:
    """Answer in `lang` inside the block."""
    token = _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


def locale_of(lang: str | None = None) -> str:
    return LOCALES.get(lang or current(), LOCALES[DEFAULT_LANGUAGE])


def local(dt: datetime, tz: str) -> datetime:
    return dt.astimezone(ZoneInfo(tz))


def day(dt: datetime, tz: str, lang: str | None = None) -> str:
    """`Friday, Dec 12` / `viernes, 12 de diciembre`."""
    lang = lang or current()
    d = local(dt, tz)
    if lang == "en":
        return f"{d:%A}, {d:%b} {d.day}"
    return format_date(d, DAY_PATTERNS[lang], locale=locale_of(lang))


#: How a calendar date without its weekday is written (a drop-off deadline, a refund date).
DATE_PATTERNS = {"es": "d 'de' MMMM", "fr": "d MMMM", "de": "d. MMMM", "pt": "d 'de' MMMM"}


def date_long(d: date, lang: str | None = None) -> str:
    """`January 31` / `31 de enero` / `31 janvier` / `31. Januar` / `31 de janeiro`."""
    lang = lang or current()
    if lang == "en":
        return f"{d:%B} {d.day}"
    return format_date(d, DATE_PATTERNS[lang], locale=locale_of(lang))


def clock(dt: datetime, tz: str, lang: str | None = None) -> str:
    """`9:14 AM` / `9:14` / `09:14`."""
    lang = lang or current()
    d = local(dt, tz)
    if lang == "en":
        return f"{d.hour % 12 or 12}:{d:%M} {'AM' if d.hour < 12 else 'PM'}"
    return format_time(d, "short", locale=locale_of(lang))


def money(amount: float, currency: str = "USD", lang: str | None = None) -> str:
    """`$24.90` / `24,90 US$` / `24,90 €`."""
    lang = lang or current()
    if lang == "en":
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, "")
        return f"{symbol}{amount:,.2f}" if symbol else f"{amount:,.2f} {currency}"
    return format_currency(amount, currency, locale=locale_of(lang))


@cache
def day_names(lang: str) -> tuple[str, ...]:
    """Weekday names Monday..Sunday, lower case."""
    if lang == "en":
        return ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    names = Locale.parse(locale_of(lang)).days["format"]["wide"]
    return tuple(names[i].lower() for i in range(7))


@cache
def month_names(lang: str) -> dict[str, int]:
    """Month names and abbreviations (lower case, with and without a final dot) -> month number."""
    loc = Locale.parse(locale_of(lang))
    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in loc.months["format"][width].items():
            out[name.lower().rstrip(".")] = number
    if lang == "en":
        out["sept"] = 9
    return out
