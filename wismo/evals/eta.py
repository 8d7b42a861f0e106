"""ETA model on real marketplace history (Olist): does it beat the shop's promise and a route median?

Train on the delivered orders purchased before the last 20% (by purchase time), ask about the last
20% at carrier handoff (as_of = shipped_at) and at order time (as_of = ordered_at), and compare the
model's MAE, 80% window coverage and width with Olist's promised date and a per-route median of
past delivery times. Also times training and prediction (batch and single).

`oracles` bounds what any model could reach on these orders: figures fitted on the test orders' own
outcomes (hindsight), so a goal below them is out of reach for a model that must predict ahead.

Run: `python -m wismo.evals.eta [DATA_DIR]` (DATA_DIR holds `olist/`; default ../shared/data).
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from wismo.eta.history import olist_to_history
from wismo.eta.model import EtaModel

DAY = 86400.0
TEST_FRACTION = 0.2
COVERAGE_TARGET = 0.8


def _days(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / DAY


def _route(row: dict) -> tuple[str, str]:
    return (row.get("origin_region") or "", row.get("destination_region") or "")


def _route_medians(train: list[dict], start: str) -> tuple[dict[tuple[str, str], float], float]:
    by_route: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in train:
        if r.get(start):
            by_route[_route(r)].append(_days(r[start], r["delivered_at"]))
    every = [v for vals in by_route.values() for v in vals]
    return {k: statistics.median(v) for k, v in by_route.items()}, statistics.median(every)


def _stage(model: EtaModel, train: list[dict], test: list[dict], as_of_column: str) -> dict:
    rows = [r for r in test if r.get(as_of_column)]
    queries = [{**{k: v for k, v in r.items() if k != "delivered_at"}, "as_of": r[as_of_column]} for r in rows]
    started = time.perf_counter()
    preds = model.predict_many(queries)
    batch_ms = (time.perf_counter() - started) * 1000 / max(1, len(queries))
    errors, hits, widths, route_err, promise_err = [], [], [], [], []
    medians, overall = _route_medians(train, as_of_column)
    for r, p in zip(rows, preds, strict=True):
        actual = r["delivered_at"]
        errors.append(abs(_days(p.eta, actual)))
        hits.append(p.window_start <= actual <= p.window_end)
        widths.append(_days(p.window_start, p.window_end))
        ref = r[as_of_column]
        route_eta = medians.get(_route(r), overall)
        route_err.append(abs(_days(ref, actual) - route_eta))
        if r.get("promised_at"):
            promise_err.append(abs(_days(r["promised_at"], actual)))
    return {
        "n": len(rows),
        "mae_days": round(statistics.fmean(errors), 3),
        "coverage_80": round(sum(hits) / len(hits), 3),
        "mean_width_days": round(statistics.fmean(widths), 3),
        "route_median_mae_days": round(statistics.fmean(route_err), 3),
        "promise_mae_days": round(statistics.fmean(promise_err), 3) if promise_err else None,
        "batch_ms_per_shipment": round(batch_ms, 4),
    }


def _shortest_80(values: list[float]) -> float:
    """Width of the shortest interval holding 80% of the values."""
    v = sorted(values)
    k = math.ceil(COVERAGE_TARGET * len(v))
    return min(v[i + k - 1] - v[i] for i in range(len(v) - k + 1))


def oracles(test: list[dict], as_of_column: str, min_group: int = 10) -> dict:
    """Hindsight bounds on the test orders themselves (not reachable by an honest model):
    MAE of the test median per group, and the mean width of the shortest interval holding 80% of each
    group's own outcomes (groups with fewer than `min_group` orders fall back to all orders)."""
    rows = [r for r in test if r.get(as_of_column)]
    days = [_days(r[as_of_column], r["delivered_at"]) for r in rows]
    out: dict = {"shortest_80_width_all": round(_shortest_80(days), 2)}
    keys = {
        "destination_region": lambda r: r.get("destination_region") or "",
        "route": _route,
    }
    overall = statistics.median(days)
    for name, key in keys.items():
        groups: dict = defaultdict(list)
        for r, d in zip(rows, days, strict=True):
            groups[key(r)].append(d)
        med = {k: statistics.median(v) for k, v in groups.items()}
        errors = [abs(d - med[key(r)]) for r, d in zip(rows, days, strict=True)]
        out[f"median_by_{name}_mae"] = round(statistics.fmean(errors), 3)
        width = {k: _shortest_80(v) for k, v in groups.items() if len(v) >= min_group}
        fallback = out["shortest_80_width_all"]
        out[f"shortest_80_width_by_{name}"] = round(statistics.fmean(width.get(key(r), fallback) for r in rows), 2)
    out["median_all_mae"] = round(statistics.fmean(abs(d - overall) for d in days), 3)
    return out


def evaluate_olist(olist_dir: Path, refit: bool = True) -> dict:
    """Time-split evaluation on the Olist export; see the module docstring."""
    history = olist_to_history(Path(olist_dir))
    history.sort(key=lambda r: r["ordered_at"])
    split = int(len(history) * (1 - TEST_FRACTION))
    train, test = history[:split], history[split:]
    started = time.perf_counter()
    model = EtaModel.train(train, refit=refit)
    train_seconds = time.perf_counter() - started

    frozen = {"handoff": _stage(model, train, test, "shipped_at"), "order": _stage(model, train, test, "ordered_at")}
    # Live: the shop's records keep growing after training; each query still sees only the
    # deliveries completed before its own as_of (RouteStats bisects by delivery time).
    model.observe(test)
    handoff = _stage(model, train, test, "shipped_at")
    order = _stage(model, train, test, "ordered_at")

    probe = [
        {**{k: v for k, v in r.items() if k != "delivered_at"}, "as_of": r["shipped_at"]}
        for r in test
        if r.get("shipped_at")
    ][:200]
    started = time.perf_counter()
    for q in probe:
        model.predict_one(q, q["as_of"])
    single_ms = (time.perf_counter() - started) * 1000 / max(1, len(probe))
    return {
        "dataset": "olist",
        "train_rows": len(train),
        "test_rows": len(test),
        "split_ordered_at": test[0]["ordered_at"].isoformat() if test else None,
        "model_version": model.version,
        "calibration_coverage": model.metadata["calibration_coverage"],
        "train_seconds": round(train_seconds, 2),
        "single_ms_per_shipment": round(single_ms, 3),
        "handoff": handoff,
        "order": order,
        "frozen_route_stats": frozen,
        "oracles": {"handoff": oracles(test, "shipped_at"), "order": oracles(test, "ordered_at")},
    }


def run(data_dir: Path) -> dict:
    """Entry used by `wismo eval`-style runners: data_dir holds `olist/`."""
    olist = Path(data_dir) / "olist"
    if not (olist / "olist_orders_dataset.csv").exists():
        return {"dataset": "olist", "skipped": f"no olist data under {olist}"}
    return evaluate_olist(olist)


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else default), indent=2))
