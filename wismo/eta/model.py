"""Quantile gradient boosting for delivery times, with a per-group conformal 80% window and carrier rules.

Three HistGradientBoostingRegressor models (scikit-learn, loss="quantile") predict the 5th, 50th and
85th percentile of log1p(days from the reference time to delivery). The reference time is the
carrier handoff when it is known at `as_of`, else `as_of` itself. Delivery times are skewed right, so
an asymmetric pair of quantiles gives a narrower 80% window than 10/90. Raw quantile models are
rarely calibrated on later data, so the window is widened (or narrowed) by per-group split-conformal
margins measured on the most recent slice of the history (`calibration`). Finally the carrier rules
(`rules`) keep the window consistent with what the carrier announced. The median is the most-likely
time.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from wismo.eta import calibration, rules
from wismo.eta.carrier import zone
from wismo.eta.features import DAY, FEATURE_NAMES, FeatureBuilder, Situation, target_days, training_examples

FORMAT = "wismo-eta/2"
QUANTILES = (0.05, 0.5, 0.85)
COVERAGE = 0.8  # what the window promises
# What the margins are calibrated to: on the rolling-origin backtest's development cuts, delivery
# speed drifting between the calibration slice and the next month cost 2-3 points of coverage.
CALIBRATION_TARGET = 0.82
# The most recent share of orders, held out to calibrate the window. A tenth (about a month of Olist
# orders) follows a change of delivery speed sooner than a fifth, at the same coverage on the
# development cuts (docs/eta.md).
CALIBRATION_FRACTION = 0.1
MIN_ROWS = 20
PARAMS = dict(
    max_iter=100,
    learning_rate=0.1,
    max_leaf_nodes=15,
    min_samples_leaf=40,
    l2_regularization=1.0,
    early_stopping=False,
    random_state=0,
)


@dataclass(frozen=True)
class EtaPrediction:
    eta: datetime
    window_start: datetime
    window_end: datetime
    model_version: str
    #: The calibration group whose margin sized the window ("pooled" when none had enough history).
    group: str = "pooled"
    #: Carrier rules that changed the window (`rules.CARRIER_DATE`, `rules.NOT_TODAY`).
    rules: tuple[str, ...] = ()


@dataclass
class EtaModel:
    """A trained delivery-time model: features, quantile models, window margins, metadata."""

    builder: FeatureBuilder
    models: list[HistGradientBoostingRegressor]
    margins: calibration.Margins
    version: str
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._forest = FlatForest(self.models)
        self._unused = [FEATURE_NAMES.index(n) for n in self.metadata.get("unused_features", [])]

    # --- training -------------------------------------------------------------------------------

    @classmethod
    def train(cls, rows: Iterable[dict], progress: Callable[[str], None] | None = None, refit: bool = True) -> EtaModel:
        say = progress or (lambda _msg: None)
        started = time.perf_counter()
        rows = [r for r in rows if r.get("ordered_at") and r.get("delivered_at")]
        if len(rows) < MIN_ROWS:
            raise ValueError(f"need at least {MIN_ROWS} delivered shipments to train, got {len(rows)}")
        say(f"features: {len(rows)} delivered shipments")
        builder = FeatureBuilder(rows)
        examples = training_examples(rows)
        X, y, phases, ordered = _matrix(builder, examples)
        # Columns the history never fills (no coordinates, no promise...) stay constant: sklearn cannot bin
        # an all-missing column, and a constant one never splits.
        unused = [i for i in range(X.shape[1]) if np.all(np.isnan(X[:, i]))]
        X[:, unused] = 0.0
        cutoff = float(np.quantile(ordered, 1.0 - CALIBRATION_FRACTION))
        fit, cal = ordered < cutoff, ordered >= cutoff
        if fit.sum() < MIN_ROWS or cal.sum() < MIN_ROWS:
            fit = cal = np.ones(len(y), dtype=bool)
        say(f"training quantiles {QUANTILES} on {int(fit.sum())} examples")
        models = _fit(X[fit], y[fit], builder.categorical_mask)
        say(f"calibrating on the most recent {int(cal.sum())} examples")
        raw = _raw(models, X[cal])
        keys = [calibration.group_keys(ex.row) for ex, c in zip(examples, cal, strict=True) if c]
        margins = calibration.fit(raw[:, 0], raw[:, 2], y[cal], list(phases[cal]), keys, CALIBRATION_TARGET)
        per_row = np.array([margins.lookup(p, k)[0] for p, k in zip(phases[cal], keys, strict=True)])
        lo, _, hi = calibration.widen(raw, per_row)
        coverage = float(np.mean((y[cal] >= lo) & (y[cal] <= hi)))
        raw_coverage = float(np.mean((y[cal] >= raw[:, 0]) & (y[cal] <= raw[:, 2])))
        if refit and not np.all(fit):
            # The median gains from the newest data; the window's models stay as calibrated, so the
            # conformal margins still hold for them.
            say(f"refitting the median on all {len(y)} examples")
            models[1] = _fit(X, y, builder.categorical_mask, quantiles=(QUANTILES[1],))[0]
        trained_at = datetime.now(UTC)
        digest = hashlib.sha256(repr((sorted(str(r.get("shipment_id")) for r in rows), PARAMS)).encode())
        version = f"eta-{trained_at:%Y%m%d%H%M}-{digest.hexdigest()[:8]}"
        metadata = {
            "format": FORMAT,
            "trained_at": trained_at.isoformat(),
            "n_rows": len(rows),
            "n_examples": len(y),
            "calibration_rows": int(cal.sum()),
            "calibration_coverage": round(coverage, 4),
            "raw_coverage": round(raw_coverage, 4),
            "margins": margins.summary(),
            "target_coverage": COVERAGE,
            "calibration_target": CALIBRATION_TARGET,
            "quantiles": list(QUANTILES),
            "features": list(FEATURE_NAMES),
            "unused_features": [FEATURE_NAMES[i] for i in unused],
            "params": dict(PARAMS),
            "sklearn_version": sklearn.__version__,
            "history_span": [
                datetime.fromtimestamp(float(ordered.min()), UTC).isoformat(),
                datetime.fromtimestamp(float(ordered.max()), UTC).isoformat(),
            ],
            "train_seconds": round(time.perf_counter() - started, 2),
        }
        say(f"done: {version}, coverage on calibration slice {coverage:.3f}")
        return cls(builder, models, margins, version, metadata)

    def observe(self, rows: Iterable[dict]) -> None:
        """Add deliveries completed since training so route statistics stay current without retraining.

        Lookups stay bounded by each query's as_of, so this never leaks a later outcome.
        """
        self.builder.stats.extend([r for r in rows if r.get("ordered_at") and r.get("delivered_at")])

    # --- persistence ----------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the model file whole: a server reloading it meanwhile reads the old or the new one."""
        payload = {
            "format": FORMAT,
            "version": self.version,
            "metadata": self.metadata,
            "builder": self.builder,
            "models": self.models,
            "margins": self.margins,
        }
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                joblib.dump(payload, fh, compress=3)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> EtaModel:
        payload = joblib.load(Path(path))
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            found = payload.get("format") if isinstance(payload, dict) else None
            raise ValueError(f"{path}: not a {FORMAT} model file" + (f" (it is {found}: retrain it)" if found else ""))
        return cls(payload["builder"], payload["models"], payload["margins"], payload["version"], payload["metadata"])

    # --- prediction -----------------------------------------------------------------------------

    def predict_one(self, row: dict, as_of: datetime | str) -> EtaPrediction:
        return self._predict([(row, as_of)])[0]

    def predict_many(self, rows: list[dict]) -> list[EtaPrediction]:
        """Each row carries its own `as_of`."""
        return self._predict([(r, r.get("as_of")) for r in rows])

    def _predict(self, items: list[tuple[dict, object]]) -> list[EtaPrediction]:
        if not items:
            return []
        vectors, sits, found = [], [], []
        for row, as_of in items:
            if as_of is None or as_of == "":
                raise ValueError(f"shipment {row.get('shipment_id')!r}: as_of is required")
            v, sit = self.builder.vector(row, as_of)
            vectors.append(v)
            sits.append(sit)
            found.append(self.margins.lookup(_phase(sit), calibration.group_keys(row)))
        X = np.asarray(vectors, dtype=float)
        X[:, self._unused] = 0.0
        lo, mid, hi = calibration.widen(self._forest.predict(X), np.array([m for m, _ in found]))
        return [
            self._prediction(row, sit, float(a), float(b), float(c), group)
            for (row, _), sit, a, b, c, (_, group) in zip(items, sits, lo, mid, hi, found, strict=True)
        ]

    def _prediction(self, row: dict, sit: Situation, lo: float, mid: float, hi: float, group: str) -> EtaPrediction:
        def at(log_days: float) -> datetime:
            seconds = max(sit.ref + math.expm1(max(log_days, 0.0)) * DAY, sit.as_of)
            return datetime.fromtimestamp(seconds, UTC).replace(microsecond=0)

        eta, start, end = at(mid), at(lo), at(hi)
        if end <= start:
            end = start + timedelta(hours=1)
        as_of = datetime.fromtimestamp(sit.as_of, UTC)
        w = rules.apply(eta, min(start, eta), max(end, eta), sit.carrier, as_of, zone(row))
        return EtaPrediction(w.eta, w.start, w.end, self.version, group, w.rules)


def _phase(sit: Situation) -> str:
    since = sit.as_of - (sit.shipped if sit.shipped is not None else sit.ordered)
    return calibration.phase(sit.shipped is not None, since / 3600.0)


def _matrix(builder: FeatureBuilder, examples: list) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X, y, phases, ordered = [], [], [], []
    for ex in examples:
        v, sit = builder.vector(ex.row, ex.as_of)
        X.append(v)
        y.append(math.log1p(target_days(ex, sit)))
        phases.append(_phase(sit))
        ordered.append(sit.ordered)
    return np.asarray(X, dtype=float), np.asarray(y), np.asarray(phases), np.asarray(ordered)


def _fit(
    X: np.ndarray, y: np.ndarray, categorical: list[bool], quantiles: tuple[float, ...] = QUANTILES
) -> list[HistGradientBoostingRegressor]:
    models = []
    # One OpenMP thread: these fits take well under a second each, and on a busy machine sklearn's
    # thread pool oversubscribes the cores and runs 10x slower.
    with threadpool_limits(limits=1, user_api="openmp"):
        for q in quantiles:
            m = HistGradientBoostingRegressor(loss="quantile", quantile=q, categorical_features=categorical, **PARAMS)
            models.append(m.fit(X, y))
    return models


def _raw(models: list[HistGradientBoostingRegressor], X: np.ndarray) -> np.ndarray:
    with threadpool_limits(limits=1, user_api="openmp"):
        return np.column_stack([m.predict(X) for m in models])


class FlatForest:
    """All trees of the quantile models in flat numpy arrays, walked in lockstep.

    scikit-learn's predict costs milliseconds per call (validation, thread pools), too slow for
    one shipment at a time; this gives the same numbers (checked in tests) in well under a
    millisecond, for one row or a batch. Semantics follow sklearn's `_predict_from_raw_data`:
    NaN goes the missing side; a category goes left when in the split's bitset, right when known,
    else the missing side.
    """

    def __init__(self, models: list[HistGradientBoostingRegressor]) -> None:
        feature, threshold, left, right, leaf, value, miss_left, is_cat, cat_row = ([] for _ in range(9))
        roots, owner, tables = [], [], [np.zeros(256, dtype=bool)]
        offset, depth = 0, 0
        for k, model in enumerate(models):
            known, f_idx_map = model._bin_mapper.make_known_categories_bitsets()
            for (predictor,) in model._predictors:
                nodes = predictor.nodes
                roots.append(offset)
                owner.append(k)
                for node in nodes:
                    feature.append(int(node["feature_idx"]))
                    threshold.append(float(node["num_threshold"]))
                    left.append(int(node["left"]) + offset)
                    right.append(int(node["right"]) + offset)
                    leaf.append(bool(node["is_leaf"]))
                    value.append(float(node["value"]))
                    miss_left.append(bool(node["missing_go_to_left"]))
                    categorical = bool(node["is_categorical"]) and not node["is_leaf"]
                    is_cat.append(categorical)
                    if categorical:
                        cats = np.arange(256)
                        goes_left = _in_bitset(predictor.raw_left_cat_bitsets[node["bitset_idx"]], cats)
                        is_known = _in_bitset(known[f_idx_map[node["feature_idx"]]], cats)
                        tables.append(np.where(goes_left, True, np.where(is_known, False, node["missing_go_to_left"])))
                        cat_row.append(len(tables) - 1)
                    else:
                        cat_row.append(0)
                depth = max(depth, int(nodes["depth"].max()))
                offset += len(nodes)
        self.feature = np.asarray(feature, dtype=np.intp)
        self.threshold = np.asarray(threshold)
        self.left = np.asarray(left, dtype=np.intp)
        self.right = np.asarray(right, dtype=np.intp)
        self.leaf = np.asarray(leaf)
        self.value = np.asarray(value)
        self.miss_left = np.asarray(miss_left)
        self.is_cat = np.asarray(is_cat)
        self.cat_row = np.asarray(cat_row, dtype=np.intp)
        self.tables = np.vstack(tables)
        self.roots = np.asarray(roots, dtype=np.intp)
        self.depth = depth
        self.owner = np.zeros((len(roots), len(models)))
        self.owner[np.arange(len(roots)), owner] = 1.0
        self.baseline = np.array([float(np.ravel(m._baseline_prediction)[0]) for m in models])

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n_rows, n_features) -> (n_rows, n_models)."""
        node = np.broadcast_to(self.roots, (len(X), len(self.roots))).copy()
        rows = np.arange(len(X))[:, None]
        codes = np.clip(np.nan_to_num(X), 0, 255).astype(np.intp)  # category codes, converted once
        for _ in range(self.depth):
            inner = ~self.leaf[node]
            if not inner.any():
                break
            f = self.feature[node]
            v = X[rows, f]
            nan = np.isnan(v)
            go_left = np.where(nan, self.miss_left[node], v <= self.threshold[node])
            cat = self.is_cat[node] & ~nan
            if cat.any():
                go_left[cat] = self.tables[self.cat_row[node[cat]], codes[rows, f][cat]]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        return self.value[node] @ self.owner + self.baseline


def _in_bitset(bitset: np.ndarray, values: np.ndarray) -> np.ndarray:
    return ((bitset[values >> 5] >> (values & 31).astype(np.uint32)) & 1).astype(bool)
