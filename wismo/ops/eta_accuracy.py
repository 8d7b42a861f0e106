"""Delivery windows in production: the last window told for each shipment against its actual delivery.

For a period (on the store clock, by delivery time): the share delivered inside the window, the mean
absolute error of the most-likely time and the mean window width, overall, per carrier, per ISO week
and per source (our model or the carrier's estimate). A drift warning fires when, over the last
`DRIFT_DAYS` days of the period, fewer than `DRIFT_THRESHOLD` of at least `DRIFT_MIN_DELIVERIES`
deliveries landed inside their window: the model no longer describes the carriers, so retrain it
(`wismo eta train-store`) and look for a disruption.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import EtaRecord, Shipment
from ..eta.history import parse_time as utc  # aware UTC from a stored (maybe naive) time

DRIFT_THRESHOLD = 0.75
DRIFT_DAYS = 7
DRIFT_MIN_DELIVERIES = 20
DAY = 86400.0


@dataclass(frozen=True)
class Told:
    """One delivered shipment: the window told last, and when it actually came."""

    carrier: str
    source: str  # "model" or "carrier"
    eta: datetime
    start: datetime
    end: datetime
    delivered: datetime

    @property
    def inside(self) -> bool:
        return self.start <= self.delivered <= self.end


def delivered(engine: Engine, since: datetime | None = None, until: datetime | None = None) -> list[Told]:
    """Told windows of shipments delivered in [since, until)."""
    when = func.coalesce(EtaRecord.delivered_at, Shipment.delivered_at)
    with session(engine) as s:
        stmt = (
            select(EtaRecord, Shipment.carrier, Shipment.delivered_at)
            .join(Shipment, col(Shipment.id) == col(EtaRecord.shipment_id))
            .where(when.is_not(None))
        )
        if since is not None:
            stmt = stmt.where(when >= since)
        if until is not None:
            stmt = stmt.where(when < until)
        rows = list(s.exec(stmt))
    out = []
    for rec, carrier, ship_delivered in rows:
        at = rec.delivered_at or ship_delivered
        source = "carrier" if rec.model_version == "carrier" else "model"
        out.append(
            Told(carrier, source, utc(rec.eta), utc(rec.window_start), utc(rec.window_end), utc(at))  # type: ignore[arg-type]
        )
    return out


def summarize(items: list[Told]) -> dict:
    errors = [abs((t.delivered - t.eta).total_seconds()) for t in items]
    return {
        "delivered": len(items),
        "inside_window": round(sum(t.inside for t in items) / len(items), 4),
        "mae_days": round(statistics.fmean(errors) / DAY, 2),
        "mae_hours": round(statistics.fmean(errors) / 3600, 2),
        "mean_width_days": round(statistics.fmean((t.end - t.start).total_seconds() for t in items) / DAY, 2),
    }


def _week(dt: datetime) -> str:
    """The ISO week's Monday, `2025-12-08`: sorts and reads better than `2025-W50`."""
    return (dt.date() - timedelta(days=dt.weekday())).isoformat()


def drift(items: list[Told], until: datetime) -> dict:
    """The share inside the window over the last DRIFT_DAYS days before `until`, and whether to warn."""
    recent = [t for t in items if until - timedelta(days=DRIFT_DAYS) <= t.delivered < until]
    share = round(sum(t.inside for t in recent) / len(recent), 4) if recent else None
    warn = share is not None and len(recent) >= DRIFT_MIN_DELIVERIES and share < DRIFT_THRESHOLD
    return {
        "days": DRIFT_DAYS,
        "delivered": len(recent),
        "inside_window": share,
        "threshold": DRIFT_THRESHOLD,
        "warning": warn,
        "message": (
            f"Only {100 * share:.0f}% of the last {DRIFT_DAYS} days' deliveries arrived inside the window told "
            f"(alert below {100 * DRIFT_THRESHOLD:.0f}%): retrain with `wismo eta train-store` and check for "
            "a carrier disruption."
            if warn and share is not None
            else ""
        ),
    }


def accuracy(engine: Engine, since: datetime | None = None, until: datetime | None = None) -> dict | None:
    """Everything ops shows about windows for [since, until); None when nothing told was delivered."""
    until = utc(until) if until is not None else datetime.now(UTC)
    since = utc(since) if since is not None else None
    # The drift check looks back DRIFT_DAYS from the period's end even when the period is shorter.
    lookback = until - timedelta(days=DRIFT_DAYS)
    items = delivered(engine, min(since, lookback) if since else None, until)
    period = [t for t in items if since is None or t.delivered >= since]
    if not period:
        return None
    groups: dict[str, dict[str, list[Told]]] = {"by_carrier": defaultdict(list), "by_week": defaultdict(list)}
    sources: dict[str, list[Told]] = defaultdict(list)
    for t in period:
        groups["by_carrier"][t.carrier].append(t)
        groups["by_week"][_week(t.delivered)].append(t)
        sources[t.source].append(t)
    return {
        **summarize(period),
        "by_carrier": {k: summarize(v) for k, v in sorted(groups["by_carrier"].items())},
        "by_week": {k: summarize(v) for k, v in sorted(groups["by_week"].items())},
        "by_source": {k: summarize(v) for k, v in sorted(sources.items())},
        "drift": drift(items, until),
    }
