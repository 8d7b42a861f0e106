"""ETA model on real marketplace history (Olist): a rolling-origin backtest, and the carrier-rule sweep.

Backtest: at each cut, train on every order purchased before it and ask about the orders of the next
30 days, at carrier handoff (as_of = shipped_at) and at order time (as_of = ordered_at); MAE, 80%
window coverage and mean width per cut, against Olist's promised date and a per-route median of past
delivery times. The cuts step back 30 days at a time from the end of the data. The last cut is the
holdout: the method was fixed on the other (development) cuts before it was looked at (docs/eta.md).
A single split can land on an unusual season; several cuts show how the figures move with drift.

`oracles` bounds what any model could reach on a cut's orders: figures fitted on the test orders' own
outcomes (hindsight), so a goal below them is out of reach for a model that must predict ahead.

Demo sweep (`demo_sweep`): every shipment of a demo store asked "when will it arrive?" through the
chat's own policy; counts windows ending before a carrier-announced date and "today" windows without
an out-for-delivery scan (both must be 0).

Run: `python -m wismo.evals.eta [DATA_DIR] [--cuts N] [--no-demo] [--no-olist]` (DATA_DIR holds
`olist/`; default ../shared/data next to the project). Progress goes to stderr, JSON to stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from wismo.eta.history import olist_to_history
from wismo.eta.model import EtaModel

DAY = 86400.0
COVERAGE_TARGET = 0.8
CUTS = 9
TEST_DAYS = 30
STAGES = (("handoff", "shipped_at"), ("order", "ordered_at"))


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
    groups: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    moved = 0
    medians, overall = _route_medians(train, as_of_column)
    for r, p in zip(rows, preds, strict=True):
        actual = r["delivered_at"]
        errors.append(abs(_days(p.eta, actual)))
        inside = p.window_start <= actual <= p.window_end
        hits.append(inside)
        widths.append(_days(p.window_start, p.window_end))
        groups[p.group].append((inside, widths[-1]))
        moved += bool(p.rules)
        ref = r[as_of_column]
        route_err.append(abs(_days(ref, actual) - medians.get(_route(r), overall)))
        if r.get("promised_at"):
            promise_err.append(abs(_days(r["promised_at"], actual)))
    return {
        "n": len(rows),
        "mae_days": round(statistics.fmean(errors), 3),
        "coverage_80": round(sum(hits) / len(hits), 3),
        "mean_width_days": round(statistics.fmean(widths), 3),
        "route_median_mae_days": round(statistics.fmean(route_err), 3),
        "promise_mae_days": round(statistics.fmean(promise_err), 3) if promise_err else None,
        "moved_by_rules": moved,
        "by_group": _by_group(groups),
        "batch_ms_per_shipment": round(batch_ms, 4),
    }


def _by_group(groups: dict[str, list[tuple[bool, float]]]) -> dict[str, dict]:
    """Width and coverage per calibration group that sized the window (largest first)."""
    out = {}
    for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        out[key] = {
            "n": len(items),
            "coverage_80": round(sum(i for i, _ in items) / len(items), 3),
            "mean_width_days": round(statistics.fmean(w for _, w in items), 2),
        }
    return out


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


def cut_dates(history: list[dict], n: int = CUTS, days: int = TEST_DAYS) -> list[datetime]:
    """`n` cuts `days` apart, the last one `days` before the day after the newest order."""
    newest = max(r["ordered_at"] for r in history)
    end = newest.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return [end - timedelta(days=days * k) for k in range(n, 0, -1)]


def backtest_cut(history: list[dict], cut: datetime, days: int = TEST_DAYS) -> dict:
    """Train on orders purchased before `cut`, test on the next `days` days of orders."""
    train = [r for r in history if r["ordered_at"] < cut]
    test = [r for r in history if cut <= r["ordered_at"] < cut + timedelta(days=days)]
    started = time.perf_counter()
    model = EtaModel.train(train)
    seconds = time.perf_counter() - started
    out = {
        "cut": cut.date().isoformat(),
        "test_until": (cut + timedelta(days=days)).date().isoformat(),
        "train_rows": len(train),
        "test_rows": len(test),
        "train_seconds": round(seconds, 2),
        "calibration_coverage": model.metadata["calibration_coverage"],
    }
    for name, column in STAGES:
        out[name] = _stage(model, train, test, column)
    out["oracles"] = {name: oracles(test, column) for name, column in STAGES}
    return out


def _summary(rows: list[dict]) -> dict:
    """Mean of the per-cut figures, and the worst coverage of any cut."""
    out = {"cuts": len(rows)}
    for name, _ in STAGES:
        st = [r[name] for r in rows]
        out[name] = {
            "mae_days": round(statistics.fmean(s["mae_days"] for s in st), 3),
            "coverage_80": round(statistics.fmean(s["coverage_80"] for s in st), 3),
            "min_coverage_80": min(s["coverage_80"] for s in st),
            "mean_width_days": round(statistics.fmean(s["mean_width_days"] for s in st), 3),
            "route_median_mae_days": round(statistics.fmean(s["route_median_mae_days"] for s in st), 3),
        }
    return out


def speed(history: list[dict]) -> dict:
    """Training time on all rows, and one prediction at a time (the chat's case)."""
    started = time.perf_counter()
    model = EtaModel.train(history)
    train_seconds = time.perf_counter() - started
    probe = [
        {**{k: v for k, v in r.items() if k != "delivered_at"}, "as_of": r["shipped_at"]}
        for r in history[-200:]
        if r.get("shipped_at")
    ]
    started = time.perf_counter()
    for q in probe:
        model.predict_one(q, q["as_of"])
    single_ms = (time.perf_counter() - started) * 1000 / max(1, len(probe))
    return {
        "train_rows": len(history),
        "train_seconds": round(train_seconds, 2),
        "single_ms_per_shipment": round(single_ms, 3),
    }


def evaluate_olist(olist_dir: Path, n_cuts: int = CUTS, progress: Callable[[str], None] | None = None) -> dict:
    """The rolling-origin backtest on the Olist export; see the module docstring."""
    say = progress or (lambda _m: None)
    history = olist_to_history(Path(olist_dir))
    history.sort(key=lambda r: r["ordered_at"])
    rows = []
    for i, cut in enumerate(cut_dates(history, n_cuts)):
        say(f"cut {i + 1}/{n_cuts}: {cut.date()}")
        rows.append(backtest_cut(history, cut))
    dev, holdout = rows[:-1], rows[-1]
    return {
        "dataset": "olist",
        "orders": len(history),
        "cuts": rows,
        "development": _summary(dev) if dev else None,
        "holdout": holdout,
        "speed": speed(history),
    }


def table(report: dict) -> str:
    """The backtest as a Markdown table, one row per cut (the holdout last, marked)."""
    lines = [
        "| cut | test orders | handoff MAE | coverage | width | order-time MAE | coverage | width |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in report["cuts"]:
        h, o = r["handoff"], r["order"]
        mark = " (holdout)" if r is report["cuts"][-1] else ""
        lines.append(
            f"| {r['cut']}{mark} | {r['test_rows']} | {h['mae_days']:.2f} | {h['coverage_80']:.2f} | "
            f"{h['mean_width_days']:.1f} | {o['mae_days']:.2f} | {o['coverage_80']:.2f} | {o['mean_width_days']:.1f} |"
        )
    d = report.get("development")
    if d:
        h, o = d["handoff"], d["order"]
        lines.append(
            f"| mean of {d['cuts']} development cuts | | {h['mae_days']:.2f} | {h['coverage_80']:.2f} | "
            f"{h['mean_width_days']:.1f} | {o['mae_days']:.2f} | {o['coverage_80']:.2f} | {o['mean_width_days']:.1f} |"
        )
    return "\n".join(lines)


def run(data_dir: Path, n_cuts: int = CUTS, progress: Callable[[str], None] | None = None) -> dict:
    """Entry used by `wismo eval`-style runners: data_dir holds `olist/`."""
    olist = Path(data_dir) / "olist"
    if not (olist / "olist_orders_dataset.csv").exists():
        return {"dataset": "olist", "skipped": f"no olist data under {olist}"}
    return evaluate_olist(olist, n_cuts, progress)


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    parser = argparse.ArgumentParser(prog="python -m wismo.evals.eta", description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=default, help="folder holding olist/")
    parser.add_argument("--cuts", type=int, default=CUTS, help=f"rolling-origin cuts (default {CUTS})")
    parser.add_argument("--no-olist", action="store_true", help="skip the Olist backtest")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo-store sweep")
    args = parser.parse_args(argv)
    if args.cuts < 2:
        parser.error("--cuts must be at least 2 (development cuts and a holdout)")

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    out: dict = {}
    if not args.no_olist:
        out["olist"] = run(args.data_dir, args.cuts, say)
        if "cuts" in out["olist"]:
            say(table(out["olist"]))
    if not args.no_demo:
        from wismo.evals.eta_sweep import demo_sweep

        out["demo_sweep"] = demo_sweep(progress=say)
    print(json.dumps(out, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
