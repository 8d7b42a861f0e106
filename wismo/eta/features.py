"""What the ETA model sees about a shipment at a moment `as_of`, and nothing it could not have known then.

Three rules keep the features honest (no leakage):
- a shipment's own facts count only once they happened: `shipped_at` later than `as_of` is ignored,
  so the shipment is treated as not yet handed to the carrier;
- the carrier's estimates and scans count from when they were known (`carrier.view`);
- route statistics come only from history deliveries completed strictly before `as_of`
  (`RouteStats.lookup` bisects by delivery time), so a row never sees its own or later outcomes.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from wismo.domain.geo import haversine_km
from wismo.eta import carrier as carrier_mod
from wismo.eta.carrier import CarrierView
from wismo.eta.history import COORD_COLUMNS

DAY = 86400.0
ROUTE_WINDOW = 100  # recent deliveries per route key that describe its current speed
MAX_CATEGORIES = 250  # HistGradientBoosting handles at most 255 categories per feature


@dataclass(frozen=True)
class Situation:
    """The clock at `as_of`, in epoch seconds; `ref` is where the remaining time is counted from."""

    ordered: float
    shipped: float | None  # only when known at as_of
    promised: float | None
    as_of: float
    ref: float  # shipped when known, else as_of
    carrier: CarrierView


_ts = carrier_mod.ts


def situation(row: dict, as_of: object) -> Situation:
    """Apply the as_of rule to one row: drop what had not happened yet."""
    ordered = _ts(row.get("ordered_at"))
    if ordered is None:
        raise ValueError(f"shipment {row.get('shipment_id')!r}: ordered_at is required")
    at = _ts(as_of)
    at = ordered if at is None or at < ordered else at
    shipped = _ts(row.get("shipped_at"))
    if shipped is not None and (shipped > at or shipped < ordered):
        shipped = None
    promised = _ts(row.get("promised_at"))
    ref = shipped if shipped is not None else at
    return Situation(ordered, shipped, promised, at, ref, carrier_mod.view(row, at, shipped))


def _keys(row: dict) -> dict[str, str]:
    o_reg, d_reg = str(row.get("origin_region") or ""), str(row.get("destination_region") or "")
    o_zip, d_zip = str(row.get("origin_postal") or ""), str(row.get("destination_postal") or "")
    carrier = str(row.get("carrier") or "")
    return {
        "rr": f"{carrier}|{o_reg}>{d_reg}" if (o_reg or d_reg) else "",
        "dp": f"{carrier}|{d_zip[:3]}" if d_zip else "",
        "op": o_zip,  # the sender (warehouse / seller): its handling time
    }


# (key kind, statistic) pairs that become features, in this order.
# Shop-wide rolling medians and delivery counts were tried and dropped: on Olist they act as a clock
# and extrapolate drift (time-split MAE got worse); so did the route's own transit median.
STAT_FEATURES: tuple[tuple[str, str], ...] = (
    ("rr", "late"),  # how late against the promise this route has been running
    ("dp", "transit"),  # carrier time to this destination area
    ("op", "handling"),  # this sender's time from order to handoff
)


class RouteStats:
    """Rolling medians (days) of past deliveries per route key, indexed by delivery time."""

    def __init__(self, rows: list[dict]) -> None:
        self._events: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
        self.extend(rows)

    def extend(self, rows: list[dict]) -> None:
        """Add completed deliveries (e.g. since training) and refresh the rolling medians."""
        for row in rows:
            o, s, p, d = (_ts(row.get(c)) for c in ("ordered_at", "shipped_at", "promised_at", "delivered_at"))
            if o is None or d is None or d < o:
                continue
            if s is not None and s > d:
                continue  # inconsistent record (delivered before handoff): would leak its own outcome
            if s is not None and s < o:
                s = None
            values = {
                "transit": (d - s) / DAY if s is not None else None,
                "total": (d - o) / DAY,
                "handling": (s - o) / DAY if s is not None else None,
                "late": (d - p) / DAY if p is not None else None,
            }
            for kind, key in _keys(row).items():
                if not key:
                    continue
                for stat, v in values.items():
                    if v is not None and (kind, stat) in STAT_FEATURES:
                        self._events.setdefault((kind, key, stat), []).append((d, v))
        self.times: dict[tuple[str, str, str], list[float]] = {}
        self.medians: dict[tuple[str, str, str], np.ndarray] = {}
        for k, ev in self._events.items():
            ev.sort()
            vals = [v for _, v in ev]
            med = np.full(len(ev) + 1, np.nan)
            for i in range(1, len(ev) + 1):
                med[i] = float(np.median(vals[max(0, i - ROUTE_WINDOW) : i]))
            self.times[k] = [t for t, _ in ev]
            self.medians[k] = med

    def lookup(self, keys: dict[str, str], as_of: float) -> list[float]:
        """Rolling medians from deliveries completed strictly before `as_of` only (NaN when none)."""
        out: list[float] = []
        for kind, stat in STAT_FEATURES:
            k = (kind, keys[kind], stat)
            times = self.times.get(k)
            out.append(float(self.medians[k][bisect_left(times, as_of)]) if times else math.nan)
        return out


CATEGORICAL = ("carrier", "service", "origin_region", "destination_region", "origin_prefix", "destination_prefix")
NUMERIC = (
    "shipped",
    "handling_days",
    "in_transit_days",
    "promise_days",
    "promise_total_days",
    "ref_weekday",
    "ref_hour",
    "order_weekday",
    "order_hour",
    "peak_season",
    "distance_km",
    "same_region",
    # The carrier's side (NaN when the history has no such columns): its standing estimate from the
    # reference time, how far a revision moved it, and the kind of its latest scan.
    "carrier_estimate_days",
    "carrier_revision_days",
    "last_scan_out_for_delivery",
    "last_scan_delayed",
    "last_scan_exception",
)
FEATURE_NAMES: tuple[str, ...] = (
    *CATEGORICAL,
    *NUMERIC,
    *(f"{kind}_{stat}_median" for kind, stat in STAT_FEATURES),
)


def _category_values(row: dict) -> list[str]:
    return [
        str(row.get("carrier") or ""),
        str(row.get("service") or ""),
        str(row.get("origin_region") or ""),
        str(row.get("destination_region") or ""),
        str(row.get("origin_postal") or "")[:2],
        str(row.get("destination_postal") or "")[:2],
    ]


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _distance(row: dict) -> float:
    lat1, lon1, lat2, lon2 = (_float(row.get(c)) for c in COORD_COLUMNS)
    if any(math.isnan(v) for v in (lat1, lon1, lat2, lon2)):
        return math.nan
    return haversine_km(lat1, lon1, lat2, lon2)


def _is_peak(dt: datetime) -> float:
    """Holiday peak: from late November (Black Friday week) to the end of December."""
    return 1.0 if (dt.month == 11 and dt.day >= 20) or dt.month == 12 else 0.0


class FeatureBuilder:
    """Turns (row, as_of) into a numeric vector; holds the category vocabularies and route statistics."""

    def __init__(self, rows: list[dict]) -> None:
        counters = [Counter() for _ in CATEGORICAL]
        for row in rows:
            for c, v in zip(counters, _category_values(row), strict=True):
                if v:
                    c[v] += 1
        self.vocab: list[dict[str, int]] = [
            {v: i for i, (v, _) in enumerate(c.most_common(MAX_CATEGORIES))} for c in counters
        ]
        self.stats = RouteStats(rows)

    @property
    def categorical_mask(self) -> list[bool]:
        return [name in CATEGORICAL for name in FEATURE_NAMES]

    def vector(self, row: dict, as_of: object) -> tuple[list[float], Situation]:
        sit = situation(row, as_of)
        cats = [
            float(vocab[v]) if v in vocab else math.nan
            for vocab, v in zip(self.vocab, _category_values(row), strict=True)
        ]
        ref_dt = datetime.fromtimestamp(sit.ref, tz=UTC)
        ord_dt = datetime.fromtimestamp(sit.ordered, tz=ref_dt.tzinfo)
        o_reg, d_reg = row.get("origin_region") or "", row.get("destination_region") or ""
        shipped = sit.shipped is not None
        numeric = [
            1.0 if shipped else 0.0,
            ((sit.shipped if shipped else sit.as_of) - sit.ordered) / DAY,
            (sit.as_of - sit.shipped) / DAY if shipped else 0.0,
            (sit.promised - sit.ref) / DAY if sit.promised is not None else math.nan,
            (sit.promised - sit.ordered) / DAY if sit.promised is not None else math.nan,
            float(ref_dt.weekday()),
            ref_dt.hour + ref_dt.minute / 60.0,
            float(ord_dt.weekday()),
            ord_dt.hour + ord_dt.minute / 60.0,
            _is_peak(ref_dt),
            _distance(row),
            (1.0 if o_reg == d_reg else 0.0) if (o_reg and d_reg) else math.nan,
            *_carrier_values(sit),
        ]
        return cats + numeric + self.stats.lookup(_keys(row), sit.as_of), sit


def _carrier_values(sit: Situation) -> list[float]:
    c = sit.carrier
    if c.estimate is not None:
        estimate = (c.estimate - sit.ref) / DAY
        moved = (c.estimate - c.original) / DAY if (c.revised and c.original is not None) else 0.0
    else:
        estimate = moved = math.nan
    latest = [(1.0 if c.last_scan == kind else 0.0) if c.tracks_scans else math.nan for kind in carrier_mod.SCANS]
    return [estimate, moved, *latest]


@dataclass(frozen=True)
class Example:
    """One training question: the row seen at `as_of`, and the answer in days from the reference time."""

    row: dict
    as_of: float
    stage: str  # order | waiting | handoff | in_transit


def training_examples(rows: list[dict], seed: int = 0) -> list[Example]:
    """Ask each past delivery the questions customers ask: at order time, while waiting for
    handoff, at carrier handoff and in transit (random moments, seeded, so runs repeat)."""
    rng = random.Random(seed)
    out: list[Example] = []
    for row in rows:
        o, s, d = (_ts(row.get(c)) for c in ("ordered_at", "shipped_at", "delivered_at"))
        if o is None or d is None or d < o:
            continue
        out.append(Example(row, o, "order"))
        if s is None or not (o <= s <= d):
            continue
        if s - o > 3600:
            out.append(Example(row, o + rng.random() * (s - o), "waiting"))
        out.append(Example(row, s, "handoff"))
        if d - s > 3600:
            out.append(Example(row, s + rng.random() * (d - s), "in_transit"))
    return out


def target_days(example: Example, sit: Situation) -> float:
    """Days from the reference time to delivery (never negative)."""
    d = _ts(example.row.get("delivered_at"))
    assert d is not None
    return max(0.0, (d - sit.ref) / DAY)
