"""How facts are said: the one place that turns times, windows, places and amounts into words.

Templates and the citation check both use these functions, so what an answer states can be
matched exactly against the evidence it cites.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local(dt: datetime, tz: str) -> datetime:
    return dt.astimezone(ZoneInfo(tz))


def day(dt: datetime, tz: str) -> str:
    """`Saturday, Dec 13`"""
    d = local(dt, tz)
    return f"{d:%A}, {d:%b} {d.day}"


def clock(dt: datetime, tz: str) -> str:
    """`9:14 AM`"""
    d = local(dt, tz)
    return f"{d.hour % 12 or 12}:{d:%M} {'AM' if d.hour < 12 else 'PM'}"


def moment(dt: datetime, tz: str) -> str:
    """`Thursday, Dec 11 at 9:14 AM`"""
    return f"{day(dt, tz)} at {clock(dt, tz)}"


def window(start: datetime, end: datetime, tz: str) -> str:
    """A delivery window: one day, or a span of days."""
    if local(start, tz).date() == local(end, tz).date():
        return day(start, tz)
    return f"between {day(start, tz)} and {day(end, tz)}"


def money(amount: float, currency: str = "USD") -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, "")
    return f"{symbol}{amount:,.2f}" if symbol else f"{amount:,.2f} {currency}"


def place(city: str | None, region: str | None) -> str:
    if city and region:
        return f"{city}, {region}"
    return city or region or ""
