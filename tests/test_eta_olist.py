"""ETA model on real marketplace history (Olist): time-split figures against the shop's promise and a
per-route median. Skips when ../shared/data is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from wismo.eta.history import HISTORY_COLUMNS, olist_to_history, read_history, write_history
from wismo.evals.eta import evaluate_olist

OLIST = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "olist"


@pytest.fixture(scope="module")
def report() -> dict:
    if not (OLIST / "olist_orders_dataset.csv").exists():
        pytest.skip(f"olist data not found at {OLIST}")
    return evaluate_olist(OLIST)


def test_at_handoff_beats_promise_and_route_median(report: dict) -> None:
    h = report["handoff"]
    assert h["n"] > 500
    assert h["mae_days"] < h["route_median_mae_days"] - 0.2
    assert h["mae_days"] < h["promise_mae_days"] / 2
    assert h["mae_days"] <= 4.5


def test_at_handoff_window_holds_about_80_percent(report: dict) -> None:
    h = report["handoff"]
    assert 0.77 <= h["coverage_80"] <= 0.85
    # The 80% window is wide because Olist's transit times are: even chosen with hindsight on the test
    # orders themselves, the shortest interval holding 80% of them spans about 13 days.
    assert h["mean_width_days"] <= 21


def test_at_order_time_beats_promise_and_route_median(report: dict) -> None:
    o = report["order"]
    assert o["mae_days"] < o["route_median_mae_days"]
    assert o["mae_days"] < o["promise_mae_days"] / 2
    assert o["mae_days"] <= 5.3
    assert 0.7 <= o["coverage_80"] <= 0.9


# Issue 5's goals. Not met on this data (see docs/eta.md): on these orders the route median chosen with
# hindsight on the test orders themselves scores 3.9 days at handoff, and the shortest intervals holding
# 80% of each route's own outcomes average 10 days; no model predicting ahead can beat its hindsight.
GOAL_REASON = "issue 5 goal below what hindsight oracles reach on the Olist subset (docs/eta.md)"


@pytest.mark.xfail(strict=True, reason=GOAL_REASON)
def test_goal_handoff_mae_at_most_2_6_days(report: dict) -> None:
    assert report["handoff"]["mae_days"] <= 2.6


@pytest.mark.xfail(strict=True, reason=GOAL_REASON)
def test_goal_handoff_window_at_most_8_days(report: dict) -> None:
    h = report["handoff"]
    assert 0.77 <= h["coverage_80"] <= 0.85 and h["mean_width_days"] <= 8


@pytest.mark.xfail(strict=True, reason=GOAL_REASON)
def test_goal_order_time_mae_at_most_3_5_days(report: dict) -> None:
    assert report["order"]["mae_days"] <= 3.5


def test_hindsight_oracles_sit_above_the_goals(report: dict) -> None:
    """The evidence for the xfails: bounds fitted on the test outcomes already miss the goals."""
    h, o = report["oracles"]["handoff"], report["oracles"]["order"]
    assert h["median_by_route_mae"] > 2.6 and h["median_by_destination_region_mae"] > 2.6
    assert h["shortest_80_width_by_route"] > 8 and h["shortest_80_width_all"] > 8
    assert o["median_by_route_mae"] > 3.5
    # the model sits between hindsight and the honest baselines
    assert h["median_by_route_mae"] < report["handoff"]["mae_days"] < report["handoff"]["route_median_mae_days"]


def test_speed_is_reported(report: dict) -> None:
    # Speed goals (training < 60 s, < 1 ms per prediction) are benchmark figures, reported by the eval.
    assert report["train_seconds"] > 0
    assert report["single_ms_per_shipment"] > 0 and report["handoff"]["batch_ms_per_shipment"] > 0


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
