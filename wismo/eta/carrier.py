"""What the carrier had said and scanned about a shipment at a moment `as_of`, and nothing later.

The optional carrier columns of the history schema (`history.CARRIER_COLUMNS`) follow the same as_of
rule as the rest of the features:
- the original estimate counts from the carrier handoff (`shipped_at`), when carriers give it;
- a revised estimate counts from when it was announced: `carrier_estimate_changed_at`, else the
  latest delay or exception scan; without either it cannot be placed in time and is not used;
- a scan counts once it happened.

Both the model's inputs (`features`) and the window rules (`rules`) read a shipment through this one
view, so what the model learns from and what the rules enforce cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wismo.eta.history import parse_time

SCANS: tuple[str, ...] = ("out_for_delivery", "delayed", "exception")
#: Scans after which the carrier's standing estimate is an announced date the window must respect.
ANNOUNCING: frozenset[str] = frozenset({"delayed", "exception"})


def ts(value: object) -> float | None:
    """A history cell (datetime, ISO text, epoch seconds or empty) as epoch seconds."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.timestamp()
    dt = parse_time(value)  # type: ignore[arg-type]
    return dt.timestamp() if dt is not None else None


@dataclass(frozen=True)
class CarrierView:
    """The carrier's side of a shipment as known at `as_of` (epoch seconds throughout)."""

    #: The carrier's estimate standing at as_of: the revised one once announced, else the original.
    estimate: float | None
    original: float | None
    #: The carrier announced a new date (a revision known at as_of).
    revised: bool
    #: The latest of the scans in `SCANS` known at as_of, and when it happened.
    last_scan: str | None
    last_scan_at: float | None
    #: Which optional columns the row carries at all (absent columns are unknown, not "no").
    tracks_estimate: bool
    tracks_scans: bool

    @property
    def announced(self) -> float | None:
        """The carrier's date a window must not end before: a revised estimate, or the estimate that
        stands after a delay or exception scan. None when the carrier announced nothing."""
        if self.estimate is None:
            return None
        if self.revised or self.last_scan in ANNOUNCING:
            return self.estimate
        return None


def view(row: dict, as_of: float, shipped: float | None) -> CarrierView:
    """Apply the as_of rule to the carrier columns of one row. `shipped` is the handoff known at as_of."""
    scans = []
    for kind in SCANS:
        at = ts(row.get(f"{kind}_at"))
        if at is not None and at <= as_of:
            scans.append((at, kind))
    last_at, last = max(scans) if scans else (None, None)

    original = ts(row.get("carrier_estimate_at"))
    if original is not None and shipped is None:
        original = None  # carriers give their estimate at handoff; before it, it was not known
    revised_at = ts(row.get("carrier_estimate_revised_at"))
    announced_at = ts(row.get("carrier_estimate_changed_at"))
    if announced_at is None:
        announcing = [at for at, kind in scans if kind in ANNOUNCING]
        announced_at = max(announcing) if announcing else None
    revised = revised_at is not None and announced_at is not None and announced_at <= as_of
    return CarrierView(
        estimate=revised_at if revised else original,
        original=original,
        revised=revised,
        last_scan=last,
        last_scan_at=last_at,
        tracks_estimate=any(c in row for c in ("carrier_estimate_at", "carrier_estimate_revised_at")),
        tracks_scans=any(f"{kind}_at" in row for kind in SCANS),
    )


def zone(row: dict) -> ZoneInfo:
    """The destination's timezone (optional `timezone` column, IANA name); UTC when absent.

    Exports with naive local times (read as UTC) need none: their "today" is already local.
    """
    name = str(row.get("timezone") or "UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"shipment {row.get('shipment_id')!r}: unknown timezone {name!r}") from None
