"""Per-group conformal margins for the delivery window (Mondrian CQR): tight where a route is steady,
honestly wide where it is erratic.

The quantile models give a raw window [lo, hi] in log1p(days). On the most recent slice of the history
(which those models did not see) each example scores max(lo - y, y - hi): how far outside the raw
window its delivery fell. A group's margin is the finite-sample quantile of its scores at the target
coverage; the window is then [lo - m, hi + m]. Groups go from specific to broad: the carrier's route,
then the destination region, then the carrier, each used only with at least `MIN_GROUP` calibration
examples, else the phase's pooled margin. Each phase of a shipment's life is calibrated apart: just
ordered, waiting for handoff, just handed over, in transit (different questions: the handling time
is still ahead for some, and an in-transit parcel has less time left to go wrong).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

#: Calibration examples a group needs for its own margin; below it, the next broader group serves.
MIN_GROUP = 100
PHASES = ("order", "waiting", "handoff", "in_transit")
#: Up to this long after the order (or the handoff) a question counts as asked "at" it.
FRESH_HOURS = 12.0


def phase(shipped: bool, hours_since_ref: float) -> str:
    """The phase of a question: `hours_since_ref` counts from the handoff when shipped, else the order."""
    fresh = hours_since_ref < FRESH_HOURS
    if shipped:
        return "handoff" if fresh else "in_transit"
    return "order" if fresh else "waiting"


def group_keys(row: dict) -> tuple[str, ...]:
    """A shipment's calibration groups, most specific first."""
    carrier = str(row.get("carrier") or "")
    o, d = str(row.get("origin_region") or ""), str(row.get("destination_region") or "")
    keys = []
    if o and d:
        keys.append(f"route:{carrier}|{o}>{d}")
    if d:
        keys.append(f"destination:{carrier}|{d}")
    if carrier:
        keys.append(f"carrier:{carrier}")
    return tuple(keys)


def conformal_margin(scores: np.ndarray, target: float) -> float:
    """The split-conformal quantile: at least `target` of exchangeable later scores fall below it."""
    n = len(scores)
    level = min(1.0, math.ceil((n + 1) * target) / n)
    return float(np.quantile(scores, level, method="higher"))


@dataclass
class Margins:
    """Log-space margins per (phase, group), with the pooled margin per phase as the fallback."""

    pooled: dict[str, float]
    groups: dict[str, dict[str, float]] = field(default_factory=dict)
    sizes: dict[str, dict[str, int]] = field(default_factory=dict)

    def lookup(self, ph: str, keys: tuple[str, ...]) -> tuple[float, str]:
        """(margin, the group that gave it) for a question in phase `ph`."""
        own = self.groups.get(ph, {})
        for key in keys:
            if key in own:
                return own[key], key
        return self.pooled[ph], "pooled"

    def summary(self) -> dict:
        """For the model's metadata: every margin and the number of examples behind it."""
        return {
            ph: {
                "pooled": round(self.pooled[ph], 4),
                "groups": {k: [round(v, 4), self.sizes[ph][k]] for k, v in sorted(self.groups.get(ph, {}).items())},
            }
            for ph in PHASES
        }


def fit(
    lo: np.ndarray,
    hi: np.ndarray,
    y: np.ndarray,
    phases: list[str],
    keys: list[tuple[str, ...]],
    target: float,
    min_group: int = MIN_GROUP,
) -> Margins:
    """Margins from calibration examples: raw bounds, outcomes, phase and group keys per example."""
    scores = np.maximum(lo - y, y - hi)
    ph_of = np.asarray(phases)
    pooled: dict[str, float] = {}
    groups: dict[str, dict[str, float]] = {}
    sizes: dict[str, dict[str, int]] = {}
    for ph in PHASES:
        mask = ph_of == ph
        if mask.sum() < 10:
            # Too few to calibrate this phase apart: all phases' scores together, or none at all.
            mask = np.ones(len(y), dtype=bool) if len(y) >= 10 else mask
        pooled[ph] = conformal_margin(scores[mask], target) if mask.sum() >= 10 else 0.0
        members: dict[str, list[int]] = defaultdict(list)
        for i in np.flatnonzero(mask):
            for key in keys[i]:
                members[key].append(int(i))
        groups[ph] = {}
        sizes[ph] = {}
        for key, idx in members.items():
            if len(idx) >= min_group:
                groups[ph][key] = conformal_margin(scores[idx], target)
                sizes[ph][key] = len(idx)
    return Margins(pooled, groups, sizes)


def widen(raw: np.ndarray, margins: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lo, mid, hi) in log space from raw quantile columns and per-row margins; mid stays inside."""
    mid = raw[:, 1]
    lo = np.minimum(raw[:, 0] - margins, mid)
    hi = np.maximum(raw[:, 2] + margins, mid)
    return lo, mid, hi
