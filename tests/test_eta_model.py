"""ETA model on synthetic shipments: schema errors, missing columns, no leakage, persistence, calibration."""

from __future__ import annotations

import copy
import csv
import io
import math
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from wismo.eta import features
from wismo.eta.history import (
    HISTORY_COLUMNS,
    parse_time,
    predict_command,
    read_history,
    read_queries,
    train_command,
    write_history,
)
from wismo.eta.model import EtaModel, EtaPrediction, FlatForest

START = datetime(2024, 1, 1, tzinfo=UTC)
ROUTES = {("NY", "NY"): 1.5, ("NY", "MA"): 2.5, ("NY", "CA"): 6.0, ("CA", "NY"): 5.5, ("CA", "CA"): 2.0}
ZIPS = {"NY": "100", "MA": "021", "CA": "941"}
CARRIERS = {"ups": 1.0, "usps": 1.4}


def synthetic(n: int, seed: int, start: datetime = START) -> list[dict]:
    """Shipments whose transit depends on route and carrier, with lognormal noise."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        (o, d), base = rng.choice(list(ROUTES.items()))
        carrier = rng.choice(list(CARRIERS))
        ordered = start + timedelta(days=i * 200 / n, hours=rng.uniform(0, 23))
        shipped = ordered + timedelta(days=rng.expovariate(1.5))
        transit = base * CARRIERS[carrier] * math.exp(rng.gauss(0, 0.3))
        rows.append(
            {
                "shipment_id": f"S{seed}-{i}",
                "carrier": carrier,
                "service": "ground",
                "origin_postal": ZIPS[o] + "01",
                "origin_region": o,
                "destination_postal": ZIPS[d] + "10",
                "destination_region": d,
                "ordered_at": ordered,
                "shipped_at": shipped,
                "promised_at": ordered + timedelta(days=base * 1.2 + 2),
                "delivered_at": shipped + timedelta(days=transit),
            }
        )
    return rows


@pytest.fixture(scope="module")
def history() -> list[dict]:
    return synthetic(700, seed=1)


@pytest.fixture(scope="module")
def later() -> list[dict]:
    return synthetic(400, seed=2, start=START + timedelta(days=200))


@pytest.fixture(scope="module")
def model(history: list[dict]) -> EtaModel:
    return EtaModel.train(history)


def query(row: dict, as_of: datetime) -> dict:
    q = {k: v for k, v in row.items() if k != "delivered_at"}
    q["as_of"] = as_of
    return q


def write_csv(path: Path, rows: list[dict], drop: tuple[str, ...] = ()) -> Path:
    header = [c for c in rows[0] if c not in drop]
    with open(path, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: v.isoformat() if isinstance(v, datetime) else v for k, v in r.items()})
    return path


# --- schema ---------------------------------------------------------------------------------------


def test_naive_times_are_utc_and_offsets_are_normalised() -> None:
    assert parse_time("2024-03-01T10:00:00") == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert parse_time("2024-03-01T12:00:00+02:00") == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert parse_time("") is None


def test_missing_required_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("shipment_id,ordered_at\nA,2024-01-01T00:00:00\n")
    with pytest.raises(ValueError, match="missing required column.*delivered_at"):
        read_history(path)


def test_bad_date_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("shipment_id,ordered_at,delivered_at\nA,2024-01-01T00:00:00,2024-01-03T00:00:00\nB,yesterday,\n")
    with pytest.raises(ValueError, match=r"h\.csv:3: column 'ordered_at'"):
        read_history(path)


def test_read_history_keeps_extra_columns_and_parses_times(tmp_path: Path, history: list[dict]) -> None:
    rows = [dict(r, warehouse="W1") for r in history[:3]]
    path = tmp_path / "h.csv"
    with open(path, "w", newline="") as fh:
        write_history(rows, fh)
    back = read_history(path)
    assert [r["shipment_id"] for r in back] == [r["shipment_id"] for r in rows]
    assert back[0]["warehouse"] == "W1"
    assert back[0]["delivered_at"] == rows[0]["delivered_at"].replace(microsecond=0)
    assert set(HISTORY_COLUMNS) <= set(back[0])


# --- training and prediction --------------------------------------------------------------------


def test_predictions_beat_a_constant_and_windows_hold_about_80_percent(model: EtaModel, later: list[dict]) -> None:
    preds = model.predict_many([query(r, r["shipped_at"]) for r in later])
    actual = [r["delivered_at"] for r in later]
    err = [abs((p.eta - a).total_seconds()) / 86400 for p, a in zip(preds, actual, strict=True)]
    transit = [(r["delivered_at"] - r["shipped_at"]).total_seconds() / 86400 for r in later]
    constant = [abs(t - float(np.median(transit))) for t in transit]
    assert np.mean(err) < 0.6 * np.mean(constant)
    coverage = np.mean([p.window_start <= a <= p.window_end for p, a in zip(preds, actual, strict=True)])
    assert 0.7 <= coverage <= 0.9
    assert 0.7 <= model.metadata["calibration_coverage"] <= 0.9


def test_prediction_shape_and_order(model: EtaModel, later: list[dict]) -> None:
    row = later[0]
    p = model.predict_one(query(row, row["ordered_at"]), row["ordered_at"])
    assert isinstance(p, EtaPrediction)
    assert p.window_start <= p.eta <= p.window_end
    assert p.eta.tzinfo is not None and p.eta.utcoffset() == timedelta(0)
    assert p.model_version == model.version
    assert re.fullmatch(r"eta-\d{12}-[0-9a-f]{8}", model.version)


def test_in_transit_eta_is_never_before_as_of(model: EtaModel, later: list[dict]) -> None:
    row = later[5]
    as_of = row["shipped_at"] + timedelta(days=30)  # long overdue: still not delivered at as_of
    p = model.predict_one(query(row, as_of), as_of)
    assert p.window_start >= as_of.replace(microsecond=0) and p.eta >= as_of.replace(microsecond=0)


def test_missing_optional_columns_degrade_gracefully(tmp_path: Path, history: list[dict]) -> None:
    drop = ("carrier", "service", "promised_at", "shipped_at")
    path = write_csv(tmp_path / "h.csv", history[:300], drop=drop)
    rows = read_history(path)
    assert "carrier" not in rows[0]
    eta = EtaModel.train(rows)
    q = {k: v for k, v in rows[-1].items() if k != "delivered_at"}
    p = eta.predict_one(q, rows[-1]["ordered_at"])
    assert p.window_start <= p.eta <= p.window_end
    assert p.eta > rows[-1]["ordered_at"]


def test_too_little_history_is_refused(history: list[dict]) -> None:
    with pytest.raises(ValueError, match="at least"):
        EtaModel.train(history[:5])


# --- no leakage ---------------------------------------------------------------------------------


def test_shipped_at_later_than_as_of_is_ignored(model: EtaModel, later: list[dict]) -> None:
    row = later[10]
    as_of = row["ordered_at"] + (row["shipped_at"] - row["ordered_at"]) / 2
    with_future = model.predict_one(query(row, as_of), as_of)
    without = model.predict_one(query(dict(row, shipped_at=None), as_of), as_of)
    assert with_future == without
    # and once it has happened, it is used
    at_handoff = model.predict_one(query(row, row["shipped_at"]), row["shipped_at"])
    assert at_handoff != model.predict_one(query(dict(row, shipped_at=None), row["shipped_at"]), row["shipped_at"])


def test_route_statistics_use_only_deliveries_completed_before_as_of(history: list[dict]) -> None:
    as_of = history[400]["ordered_at"].timestamp()
    stats = features.RouteStats(history[:400])
    keys = features._keys(history[400])
    before = stats.lookup(keys, as_of)
    # deliveries completed after as_of (the row's own and later ones) change nothing
    after = [r for r in history if r["delivered_at"].timestamp() >= as_of]
    stats.extend(after)
    assert stats.lookup(keys, as_of) == pytest.approx(before, nan_ok=True)
    # with nothing delivered yet, the route statistics are unknown
    assert all(math.isnan(v) for v in stats.lookup(keys, START.timestamp()))


def test_training_rows_never_see_their_own_outcome(history: list[dict]) -> None:
    builder = features.FeatureBuilder(history)
    for ex in features.training_examples(history[:50]):
        _, sit = builder.vector(ex.row, ex.as_of)
        assert sit.as_of < ex.row["delivered_at"].timestamp()
        own = features.RouteStats([ex.row]).lookup(features._keys(ex.row), sit.as_of)
        assert all(math.isnan(v) for v in own)


def test_observed_later_deliveries_do_not_change_earlier_predictions(model: EtaModel, later: list[dict]) -> None:
    eta = copy.deepcopy(model)
    row = later[0]  # the earliest later order: every later delivery completes after its order time
    before = eta.predict_one(query(row, row["ordered_at"]), row["ordered_at"])
    eta.observe(later)
    assert eta.predict_one(query(row, row["ordered_at"]), row["ordered_at"]) == before
    # while a question asked after those deliveries does see them
    as_of = later[-1]["delivered_at"] + timedelta(days=1)
    assert eta.builder.stats.lookup(features._keys(row), as_of.timestamp()) != pytest.approx(
        model.builder.stats.lookup(features._keys(row), as_of.timestamp()), nan_ok=True
    )


# --- persistence and fast path ------------------------------------------------------------------


def test_save_load_round_trip(tmp_path: Path, model: EtaModel, later: list[dict]) -> None:
    path = tmp_path / "eta.joblib"
    model.save(path)
    loaded = EtaModel.load(path)
    assert loaded.version == model.version
    for key in ("trained_at", "n_rows", "calibration_coverage", "features"):
        assert loaded.metadata[key] == model.metadata[key]
    qs = [query(r, r["shipped_at"]) for r in later[:50]]
    assert loaded.predict_many(qs) == model.predict_many(qs)


def test_load_refuses_other_files(tmp_path: Path) -> None:
    import joblib

    path = tmp_path / "x.joblib"
    joblib.dump({"hello": 1}, path)
    with pytest.raises(ValueError, match="not a"):
        EtaModel.load(path)


def test_flat_forest_matches_sklearn(model: EtaModel, later: list[dict]) -> None:
    X = np.asarray([model.builder.vector(r, r["ordered_at"])[0] for r in later[:100]])
    X[::7, 0] = np.nan  # unknown carrier
    expected = np.column_stack([m.predict(X) for m in model.models])
    assert np.allclose(FlatForest(model.models).predict(X), expected)


# --- commands -----------------------------------------------------------------------------------


def test_train_and_predict_commands(tmp_path: Path, history: list[dict], later: list[dict]) -> None:
    hist = tmp_path / "history.csv"
    with open(hist, "w", newline="") as fh:
        write_history(history, fh)
    summary = train_command(hist, tmp_path / "eta.joblib", progress=None)
    assert summary["rows"] == len(history) and summary["version"].startswith("eta-")
    assert 0.6 <= summary["coverage"] <= 1.0

    queries = tmp_path / "queries.csv"
    with open(queries, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([c for c in HISTORY_COLUMNS if c != "delivered_at"] + ["as_of", "note"])
        for r in later[:20]:
            cells = [r[c].isoformat() if isinstance(r[c], datetime) else r[c] for c in HISTORY_COLUMNS[:-1]]
            w.writerow([*cells, r["shipped_at"].replace(tzinfo=None).isoformat(), "keep me"])
    assert len(read_queries(queries)) == 20
    out = io.StringIO()
    assert predict_command(tmp_path / "eta.joblib", queries, out) == 20
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["note"] == "keep me"
    assert list(rows[0])[-3:] == ["eta", "window_start", "window_end"]
    assert rows[0]["eta"].endswith("+00:00")
    assert parse_time(rows[0]["window_start"]) <= parse_time(rows[0]["eta"]) <= parse_time(rows[0]["window_end"])


def test_query_without_as_of_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("shipment_id,ordered_at\nA,2024-01-01T00:00:00\n")
    with pytest.raises(ValueError, match="as_of"):
        read_queries(path)


def test_string_rows_predict_like_parsed_rows(model: EtaModel, later: list[dict]) -> None:
    row = later[3]
    as_strings = {k: (v.replace(tzinfo=None).isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
    as_of = row["shipped_at"]
    assert model.predict_one(query(as_strings, as_of.replace(tzinfo=None).isoformat()), as_of) == model.predict_one(
        query(row, as_of), as_of
    )


def test_main_runs_train_then_predict(tmp_path: Path, history: list[dict], later: list[dict], capsys) -> None:
    from wismo.eta.history import main

    hist = write_csv(tmp_path / "h.csv", history[:200])
    queries = write_csv(tmp_path / "q.csv", [query(r, r["ordered_at"]) for r in later[:3]], drop=("delivered_at",))
    assert main(["train", str(hist), "--model", str(tmp_path / "m.joblib")]) == 0
    assert '"version": "eta-' in capsys.readouterr().out
    assert main(["predict", "--model", str(tmp_path / "m.joblib"), str(queries)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4 and lines[0].endswith("as_of,eta,window_start,window_end")
