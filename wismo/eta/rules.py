"""Rules every delivery window obeys, whatever made it (the model or the carrier's estimate).

A customer plans around the window, so it must never contradict what the carrier has told them:
- when the carrier has announced a delay or a revised date, the window never ends before that date;
- a window says "today" only when the parcel is out for delivery today (a scan on today's local date,
  the latest scan); otherwise it starts tomorrow, in the destination's timezone. A carrier estimate
  for today is not enough on its own: after a failed attempt the carrier keeps "today" on its page
  until the next run, and a parcel not on a truck by the time the customer asks rarely comes today.
The window still never starts before `as_of`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from wismo.eta.carrier import CarrierView

CARRIER_DATE = "carrier_date"
NOT_TODAY = "not_today"


@dataclass(frozen=True)
class Window:
    eta: datetime
    start: datetime
    end: datetime
    #: Which rules changed it (`CARRIER_DATE`, `NOT_TODAY`), for citations and ops.
    rules: tuple[str, ...] = ()


def _day(dt: datetime, tz: ZoneInfo):
    return dt.astimezone(tz).date()


def today_allowed(carrier: CarrierView, as_of: datetime, tz: ZoneInfo) -> bool:
    """Out for delivery today: the latest scan is an out-for-delivery scan on today's local date."""
    if carrier.last_scan != "out_for_delivery" or carrier.last_scan_at is None:
        return False
    return _day(datetime.fromtimestamp(carrier.last_scan_at, UTC), tz) == _day(as_of, tz)


def apply(eta: datetime, start: datetime, end: datetime, carrier: CarrierView, as_of: datetime, tz: ZoneInfo) -> Window:
    """The window after the rules; `eta` is kept inside it."""
    applied: list[str] = []
    announced = carrier.announced
    if announced is not None:
        date = datetime.fromtimestamp(announced, UTC)
        if end < date:
            end = date
            applied.append(CARRIER_DATE)
    start = max(start, as_of)
    if _day(start, tz) <= _day(as_of, tz) and not today_allowed(carrier, as_of, tz):
        tomorrow = _day(as_of, tz) + timedelta(days=1)
        start = datetime.combine(tomorrow, time(0, 0), tz).astimezone(UTC)
        end = max(end, datetime.combine(tomorrow, time(23, 59, 59), tz).astimezone(UTC))
        applied.append(NOT_TODAY)
    end = max(end, start)
    eta = min(max(eta, start), end)
    return Window(eta, start, end, tuple(applied))
