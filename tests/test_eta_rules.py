"""Carrier-aware windows: the as_of rule for the carrier columns, the two window rules, the carrier
inputs of the model and per-group calibration. Cases written by hand (the Olist data has no carrier
columns); the demo store's sweep is in tests/test_eta_store.py."""

from __future__ import annotations

import csv
import io
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from wismo.eta import calibration, carrier, rules
from wismo.eta.features import FEATURE_NAMES, FeatureBuilder
from wismo.eta.history import CARRIER_COLUMNS, predict_command, read_history, write_history
from wismo.eta.model import EtaModel

T0 = datetime(2025, 12, 1, 14, 0, tzinfo=UTC)
NY = ZoneInfo("America/New_York")
LA = ZoneInfo("America/Los_Angeles")


def ts(dt: datetime) -> float:
    return dt.timestamp()


def row(**cols) -> dict:
    base = {"shipment_id": "S1", "ordered_at": T0 - timedelta(days=2), "shipped_at": T0 - timedelta(days=1)}
    return {**base, **cols}


# --- the as_of rule for the carrier's side ------------------------------------------------------------


def test_original_estimate_counts_from_the_handoff() -> None:
    r = row(carrier_estimate_at=T0 + timedelta(days=2))
    assert carrier.view(r, ts(T0), ts(T0 - timedelta(days=1))).estimate == ts(T0 + timedelta(days=2))
    # Before the handoff the carrier had not given it.
    assert carrier.view(r, ts(T0 - timedelta(days=1, hours=1)), None).estimate is None


def test_revision_counts_from_its_announcement_only() -> None:
    r = row(
        carrier_estimate_at=T0 + timedelta(days=1),
        carrier_estimate_revised_at=T0 + timedelta(days=4),
        carrier_estimate_changed_at=T0 + timedelta(hours=3),
    )
    shipped = ts(T0 - timedelta(days=1))
    before = carrier.view(r, ts(T0), shipped)
    assert (before.estimate, before.revised, before.announced) == (ts(T0 + timedelta(days=1)), False, None)
    after = carrier.view(r, ts(T0 + timedelta(hours=4)), shipped)
    assert after.revised and after.estimate == after.announced == ts(T0 + timedelta(days=4))


def test_revision_without_announcement_time_takes_the_delay_scan_or_is_ignored() -> None:
    revised = T0 + timedelta(days=4)
    shipped = ts(T0 - timedelta(days=1))
    scanned = row(carrier_estimate_revised_at=revised, delayed_at=T0 - timedelta(hours=2))
    assert carrier.view(scanned, ts(T0), shipped).estimate == ts(revised)
    assert carrier.view(scanned, ts(T0 - timedelta(hours=3)), shipped).estimate is None  # scan not yet made
    unplaced = row(carrier_estimate_revised_at=revised)
    assert carrier.view(unplaced, ts(T0), shipped).estimate is None  # cannot be placed in time: unused


def test_latest_scan_known_at_as_of() -> None:
    r = row(delayed_at=T0 - timedelta(hours=5), out_for_delivery_at=T0 + timedelta(hours=1))
    shipped = ts(T0 - timedelta(days=1))
    assert carrier.view(r, ts(T0), shipped).last_scan == "delayed"
    assert carrier.view(r, ts(T0 + timedelta(hours=2)), shipped).last_scan == "out_for_delivery"
    assert not carrier.view(row(), ts(T0), shipped).tracks_scans


def test_an_unknown_timezone_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown timezone 'Mars/Olympus'"):
        carrier.zone(row(timezone="Mars/Olympus"))
    assert carrier.zone(row()) == ZoneInfo("UTC")


# --- the window rules -------------------------------------------------------------------------------


def test_window_never_ends_before_a_carrier_announced_date() -> None:
    """The carrier said Tuesday after a delay; our window said Friday to Saturday before it: extend it."""
    now = datetime(2025, 12, 12, 15, tzinfo=UTC)  # a Friday
    tuesday = datetime(2025, 12, 16, 20, tzinfo=UTC)
    view = carrier.view(
        row(carrier_estimate_revised_at=tuesday, delayed_at=now - timedelta(hours=3)), ts(now), ts(now) - 86400
    )
    w = rules.apply(now + timedelta(days=1), now + timedelta(days=1), now + timedelta(days=2), view, now, NY)
    assert w.end == tuesday and rules.CARRIER_DATE in w.rules
    assert w.start <= w.eta <= w.end
    # A delay scan without a new date: the original date stands as the carrier's announced one.
    view = carrier.view(row(carrier_estimate_at=tuesday, delayed_at=now - timedelta(hours=3)), ts(now), ts(now) - 86400)
    assert rules.apply(now, now, now + timedelta(days=1), view, now, NY).end == tuesday
    # Without any announcement the carrier's estimate does not bind the window.
    view = carrier.view(row(carrier_estimate_at=tuesday), ts(now), ts(now) - 86400)
    assert rules.CARRIER_DATE not in rules.apply(now, now, now + timedelta(days=1), view, now, NY).rules


def test_today_only_with_an_out_for_delivery_scan_today() -> None:
    now = datetime(2025, 12, 12, 19, tzinfo=UTC)  # 2 PM in New York, 11 AM in Los Angeles
    shipped = ts(now) - 2 * 86400
    in_transit = carrier.view(row(out_for_delivery_at=None), ts(now), shipped)
    w = rules.apply(now + timedelta(hours=2), now, now + timedelta(days=1), in_transit, now, NY)
    assert w.start == datetime(2025, 12, 13, 5, tzinfo=UTC)  # midnight in New York
    assert w.start.astimezone(NY).date() > now.astimezone(NY).date() and rules.NOT_TODAY in w.rules
    assert w.end >= datetime(2025, 12, 14, 4, 59, 59, tzinfo=UTC) and w.start <= w.eta <= w.end
    # Local days count: in Los Angeles "tomorrow" starts three hours later.
    assert rules.apply(now, now, now + timedelta(hours=3), in_transit, now, LA).start == datetime(
        2025, 12, 13, 8, tzinfo=UTC
    )
    on_truck = carrier.view(row(out_for_delivery_at=now - timedelta(hours=6)), ts(now), shipped)
    assert rules.apply(now, now, now + timedelta(hours=4), on_truck, now, NY).rules == ()
    # Yesterday's out-for-delivery scan (then nothing) does not make today a delivery day.
    stale = carrier.view(row(out_for_delivery_at=now - timedelta(days=1)), ts(now), shipped)
    assert rules.NOT_TODAY in rules.apply(now, now, now + timedelta(hours=4), stale, now, NY).rules
    # A carrier estimate for today alone is not enough.
    dated = carrier.view(row(carrier_estimate_at=now + timedelta(hours=3)), ts(now), shipped)
    assert rules.NOT_TODAY in rules.apply(now, now, now + timedelta(hours=4), dated, now, NY).rules


def test_a_window_starting_after_today_is_left_alone() -> None:
    now = datetime(2025, 12, 12, 19, tzinfo=UTC)
    view = carrier.view(row(), ts(now), ts(now) - 86400)
    start, end = now + timedelta(days=2), now + timedelta(days=4)
    assert rules.apply(now + timedelta(days=3), start, end, view, now, NY) == rules.Window(
        now + timedelta(days=3), start, end, ()
    )


# --- the model with the carrier's side ------------------------------------------------------------------


def carrier_history(n: int, seed: int, start: datetime) -> list[dict]:
    """Shipments whose carrier estimate is informative, with delays announced by a scan and a new date."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        ordered = start + timedelta(days=i * 120 / n, hours=rng.uniform(0, 20))
        shipped = ordered + timedelta(hours=rng.uniform(4, 40))
        transit = rng.uniform(1.5, 6.0)
        estimate = shipped + timedelta(days=transit + rng.gauss(0, 0.3))
        r = {
            "shipment_id": f"C{seed}-{i}",
            "carrier": rng.choice(("ups", "usps")),
            "service": "ground",
            "origin_region": "NY",
            "destination_region": rng.choice(("CA", "TX", "MA")),
            "ordered_at": ordered,
            "shipped_at": shipped,
            "carrier_estimate_at": estimate,
            "timezone": "America/New_York",
            "delayed_at": None,
            "out_for_delivery_at": None,
            "exception_at": None,
        }
        delivered = estimate + timedelta(hours=rng.gauss(0, 4))
        if rng.random() < 0.2:
            announced = shipped + timedelta(days=transit * 0.5)
            delivered = estimate + timedelta(days=rng.uniform(2, 4))
            r.update(delayed_at=announced, carrier_estimate_revised_at=delivered + timedelta(hours=2))
            r["carrier_estimate_changed_at"] = announced
        r["out_for_delivery_at"] = delivered - timedelta(hours=rng.uniform(2, 8))
        r["delivered_at"] = delivered
        rows.append(r)
    return rows


@pytest.fixture(scope="module")
def carrier_model() -> EtaModel:
    return EtaModel.train(carrier_history(900, seed=5, start=datetime(2025, 6, 1, tzinfo=UTC)))


def test_carrier_inputs_are_used_when_the_history_has_them(carrier_model: EtaModel) -> None:
    unused = set(carrier_model.metadata["unused_features"])
    assert {"carrier_estimate_days", "carrier_revision_days", "last_scan_delayed"}.isdisjoint(unused)
    # Without the columns (an Olist-like export) they are unused, not zeros pretending to be facts.
    plain = [{k: v for k, v in r.items() if k not in CARRIER_COLUMNS} for r in carrier_history(100, 6, T0)]
    vectors = np.array([FeatureBuilder(plain).vector(r, r["shipped_at"])[0] for r in plain[:5]])
    for name in ("carrier_estimate_days", "carrier_revision_days", "last_scan_out_for_delivery"):
        assert np.all(np.isnan(vectors[:, FEATURE_NAMES.index(name)]))


def test_the_carrier_estimate_makes_the_model_more_accurate(carrier_model: EtaModel) -> None:
    later = carrier_history(300, seed=7, start=datetime(2025, 10, 1, tzinfo=UTC))
    mid_transit = [r["shipped_at"] + (r["delivered_at"] - r["shipped_at"]) * 0.6 for r in later]
    queries = [
        {**{k: v for k, v in r.items() if k != "delivered_at"}, "as_of": a}
        for r, a in zip(later, mid_transit, strict=True)
    ]
    blind = [{**q, "carrier_estimate_at": None, "carrier_estimate_revised_at": None} for q in queries]
    err = [
        abs((p.eta - r["delivered_at"]).total_seconds()) / 86400
        for p, r in zip(carrier_model.predict_many(queries), later, strict=True)
    ]
    err_blind = [
        abs((p.eta - r["delivered_at"]).total_seconds()) / 86400
        for p, r in zip(carrier_model.predict_many(blind), later, strict=True)
    ]
    assert np.mean(err) < 0.7 * np.mean(err_blind)


def test_model_windows_obey_the_rules(carrier_model: EtaModel) -> None:
    later = carrier_history(300, seed=8, start=datetime(2025, 10, 1, tzinfo=UTC))
    checked_delays = checked_today = 0
    for r in later:
        for frac in (0.3, 0.6, 0.9):
            as_of = r["shipped_at"] + (r["delivered_at"] - r["shipped_at"]) * frac
            q = {k: v for k, v in r.items() if k != "delivered_at"}
            p = carrier_model.predict_one(q, as_of)
            view = carrier.view(q, ts(as_of), ts(r["shipped_at"]))
            if view.announced is not None:
                checked_delays += 1
                assert p.window_end.timestamp() >= view.announced
            if p.window_start.astimezone(NY).date() == as_of.astimezone(NY).date():
                checked_today += 1
                assert view.last_scan == "out_for_delivery"
    assert checked_delays > 20 and checked_today > 20


def test_predict_command_reads_the_carrier_columns(tmp_path: Path, carrier_model: EtaModel) -> None:
    model_path = tmp_path / "m.joblib"
    carrier_model.save(model_path)
    now = datetime(2025, 12, 12, 15, tzinfo=UTC)
    tuesday = datetime(2025, 12, 16, 20, tzinfo=UTC)
    q = carrier_history(1, seed=9, start=now - timedelta(days=2))[0]
    q.update(
        shipped_at=now - timedelta(days=1),
        carrier_estimate_revised_at=tuesday,
        carrier_estimate_changed_at=now - timedelta(hours=2),
        out_for_delivery_at=None,
        as_of=now,
    )
    q.pop("delivered_at")
    path = tmp_path / "q.csv"
    with open(path, "w", newline="") as fh:
        write_history([q], fh)
    out = io.StringIO()
    predict_command(model_path, path, out)
    got = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert datetime.fromisoformat(got["window_end"]) >= tuesday
    assert datetime.fromisoformat(got["window_start"]).astimezone(NY).date() > now.astimezone(NY).date()
    # And the schema's optional columns round-trip as times.
    with open(tmp_path / "h.csv", "w", newline="") as fh:
        write_history(carrier_history(3, seed=10, start=now), fh)
    back = read_history(tmp_path / "h.csv")
    assert isinstance(back[0]["carrier_estimate_at"], datetime) and back[0]["timezone"] == "America/New_York"


# --- per-group calibration ---------------------------------------------------------------------------------


def test_steady_groups_get_tight_margins_and_small_groups_the_pooled_one() -> None:
    rng = np.random.default_rng(0)
    n = 600
    keys = [("route:ups|NY>NY",)] * 300 + [("route:ups|NY>CA",)] * 250 + [("route:ups|NY>TX",)] * 50
    noise = np.concatenate([rng.normal(0, 0.05, 300), rng.normal(0, 0.6, 250), rng.normal(0, 0.3, 50)])
    y = 1.0 + noise
    lo, hi = np.full(n, 0.9), np.full(n, 1.1)
    m = calibration.fit(lo, hi, y, ["handoff"] * n, keys, target=0.8, min_group=100)
    steady, group = m.lookup("handoff", ("route:ups|NY>NY",))
    erratic, _ = m.lookup("handoff", ("route:ups|NY>CA",))
    small, small_group = m.lookup("handoff", ("route:ups|NY>TX",))
    assert group == "route:ups|NY>NY" and small_group == "pooled"
    assert steady < 0 < erratic  # the steady route's window is even narrower than the raw one
    assert small == m.pooled["handoff"]
    for margin, mask in ((steady, slice(0, 300)), (erratic, slice(300, 550))):
        inside = np.mean((y[mask] >= lo[mask] - margin) & (y[mask] <= hi[mask] + margin))
        assert 0.78 <= inside <= 0.86
    # A phase without examples borrows all phases' scores.
    assert m.lookup("order", ())[0] == m.pooled["order"] > 0
    assert math.isfinite(m.summary()["handoff"]["pooled"])
