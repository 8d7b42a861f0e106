"""ETA model on real marketplace history (Olist): the rolling-origin backtest of `wismo.evals.eta`
(9 cuts, 30 days apart; the last one the holdout), against the shop's promise, a per-route median
and issue 20's goals. Skips when ../shared/data is absent.

The backtest runs once per test session, also under xdist (the workers share one result file)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from wismo.eta.history import HISTORY_COLUMNS, olist_to_history, read_history, write_history
from wismo.evals.eta import evaluate_olist, table

OLIST = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "olist"


@pytest.fixture(scope="module")
def report(tmp_path_factory, request) -> dict:
    if not (OLIST / "olist_orders_dataset.csv").exists():
        pytest.skip(f"olist data not found at {OLIST}")
    if not hasattr(request.config, "workerinput"):  # not an xdist worker: nothing to share
        return json.loads(json.dumps(evaluate_olist(OLIST), default=str))
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / "eta-backtest.json"
    with FileLock(str(shared) + ".lock"):
        if not shared.exists():
            shared.write_text(json.dumps(evaluate_olist(OLIST), default=str))
        return json.loads(shared.read_text())


def _mean(report: dict, stage: str, key: str, cuts: str = "all") -> float:
    rows = report["cuts"] if cuts == "all" else report["cuts"][:-1]
    return statistics.fmean(r[stage][key] for r in rows)


def test_backtest_has_several_cuts_of_a_month_each(report: dict) -> None:
    cuts = report["cuts"]
    assert len(cuts) == 9
    assert all(r["test_rows"] > 100 and r["train_rows"] > 500 for r in cuts)
    # Rolling origin: each cut trains on more history than the one before.
    assert [r["train_rows"] for r in cuts] == sorted(r["train_rows"] for r in cuts)
    assert report["holdout"]["cut"] == cuts[-1]["cut"]
    assert table(report).count("\n") == len(cuts) + 2  # header, rule, one row per cut, the mean


def test_beats_the_route_median_and_the_promise(report: dict) -> None:
    for stage in ("handoff", "order"):
        assert _mean(report, stage, "mae_days") < _mean(report, stage, "route_median_mae_days") - 0.2
        assert _mean(report, stage, "mae_days") < _mean(report, stage, "promise_mae_days") / 2
    h = report["holdout"]["handoff"]
    assert h["mae_days"] < h["route_median_mae_days"] and h["mae_days"] < 4.5


def test_goal_coverage_between_77_and_85_percent_on_average_over_the_cuts(report: dict) -> None:
    """Issue 20's coverage goal, met on average: 0.80 at handoff over all nine cuts."""
    for stage in ("handoff", "order"):
        assert 0.77 <= _mean(report, stage, "coverage_80") <= 0.85


def test_steady_routes_get_narrower_windows_than_the_pooled_margin(report: dict) -> None:
    """Per-group calibration: once shipments to SP (the busiest, steadiest destination) have 100
    calibration examples they get their own margin (route SP>SP, else destination SP) and narrower
    windows than the pooled margin gives everyone else."""
    with_own = 0
    for r in report["cuts"]:
        groups = r["handoff"]["by_group"]
        own = {k: g for k, g in groups.items() if k in ("route:|SP>SP", "destination:|SP")}
        with_own += bool(own)
        assert all(g["mean_width_days"] < groups["pooled"]["mean_width_days"] for g in own.values()), r["cut"]
    assert with_own >= 5


# Issue 20's goals on later orders that the backtest does not meet (docs/eta.md): figures are the mean
# of the 8 development cuts and the holdout cut (2018-04-21).
GOAL = "issue 20 goal not met on the Olist backtest: {}"


@pytest.mark.xfail(strict=True, reason=GOAL.format("handoff MAE 4.96 d on development cuts, 3.85 on the holdout"))
def test_goal_handoff_mae_at_most_2_5_days(report: dict) -> None:
    assert _mean(report, "handoff", "mae_days") <= 2.5


@pytest.mark.xfail(strict=True, reason=GOAL.format("order-time MAE 5.80 d on development cuts, 4.92 on the holdout"))
def test_goal_order_time_mae_at_most_3_3_days(report: dict) -> None:
    assert _mean(report, "order", "mae_days") <= 3.3


@pytest.mark.xfail(
    strict=True, reason=GOAL.format("handoff coverage is 0.68-0.93 per cut: drift; 5 of 9 cuts inside 0.77-0.85")
)
def test_goal_coverage_between_77_and_85_percent_on_every_cut(report: dict) -> None:
    assert all(0.77 <= r["handoff"]["coverage_80"] <= 0.85 for r in report["cuts"])


@pytest.mark.xfail(strict=True, reason=GOAL.format("mean width 13.1 d on development cuts, 10.5 on the holdout"))
def test_goal_handoff_window_at_most_8_days(report: dict) -> None:
    assert _mean(report, "handoff", "mean_width_days") <= 8


def test_hindsight_oracles_sit_above_the_goals_on_every_cut(report: dict) -> None:
    """The evidence for the xfails: bounds fitted on each test month's own outcomes already miss them."""
    for r in report["cuts"]:
        h, o = r["oracles"]["handoff"], r["oracles"]["order"]
        assert h["median_by_route_mae"] > 2.5 and h["shortest_80_width_by_route"] > 8, r["cut"]
        assert o["median_by_route_mae"] > 2.8, r["cut"]


def test_speed_is_reported(report: dict) -> None:
    # Speed goals (training < 60 s, < 1 ms per prediction) are benchmark figures, reported by the eval.
    assert report["speed"]["train_seconds"] > 0 and report["speed"]["single_ms_per_shipment"] > 0
    assert report["holdout"]["handoff"]["batch_ms_per_shipment"] > 0


def test_importer_maps_orders_onto_the_history_schema(tmp_path: Path) -> None:
    if not (OLIST / "olist_orders_dataset.csv").exists():
        pytest.skip(f"olist data not found at {OLIST}")
    rows = olist_to_history(OLIST)
    assert len(rows) > 4000
    first = rows[0]
    assert set(HISTORY_COLUMNS) <= set(first)
    assert all(r["delivered_at"] is not None and r["ordered_at"].tzinfo is not None for r in rows)
    assert all(len(r["origin_region"]) == 2 and len(r["destination_region"]) == 2 for r in rows[:200])
    assert sum(1 for r in rows if r["destination_lat"]) > 0.9 * len(rows)
    # a shop's export written in the schema reads back the same
    path = tmp_path / "history.csv"
    with open(path, "w", newline="") as fh:
        write_history(rows[:100], fh)
    back = read_history(path)
    assert [r["shipment_id"] for r in back] == [r["shipment_id"] for r in rows[:100]]
    assert back[5]["shipped_at"] == rows[5]["shipped_at"]
