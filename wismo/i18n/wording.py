"""How facts are said: the one place that turns times, windows, places and amounts into words.

Templates and the citation check both use these functions, so what an answer states can be
matched exactly against the evidence it cites. Each is written in the turn's language
(wismo.i18n.formats): "Friday, Dec 12 at 9:14 AM", "viernes, 12 de diciembre a las 9:14".
"""

from __future__ import annotations

from datetime import date, datetime

from . import carrier_events, formats
from .catalog import word

local = formats.local


def day(dt: datetime, tz: str) -> str:
    """`Saturday, Dec 13`"""
    return formats.day(dt, tz)


def clock(dt: datetime, tz: str) -> str:
    """`9:14 AM`"""
    return formats.clock(dt, tz)


def moment(dt: datetime, tz: str) -> str:
    """`Thursday, Dec 11 at 9:14 AM`"""
    return word("moment", day=day(dt, tz), clock=clock(dt, tz))


def window(start: datetime, end: datetime, tz: str) -> str:
    """A delivery window: one day, or a span of days."""
    if local(start, tz).date() == local(end, tz).date():
        return day(start, tz)
    return word("window_between", start=day(start, tz), end=day(end, tz))


def date_long(d: date) -> str:
    """`January 31` / `31 de enero` / `31. Januar`: a calendar date without its weekday."""
    return formats.date_long(d)


def money(amount: float, currency: str = "USD") -> str:
    return formats.money(amount, currency)


def place(city: str | None, region: str | None) -> str:
    if city and region:
        return f"{city}, {region}"
    return city or region or ""


def event(description: str) -> str:
    """A carrier's scan ("Delivery attempted - business closed") in the turn's language."""
    return carrier_events.say(description)


def delivered_place(place: str) -> str:
    """Where the carrier left it ("front porch") in the turn's language; its words if not known."""
    return carrier_events.delivered_place(place) or place
