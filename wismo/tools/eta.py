"""The delivery-window tool: the window a customer is told for a moving shipment, from the shop's own
ETA model (re-predicted at every call, so each new scan counts) or, without it, the carrier's estimate.

Either way the window passes the carrier rules (`wismo.eta.rules`): it never ends before a date the
carrier announced with a delay or a revision, and says "today" only with an out-for-delivery scan
today. The chat and the tracking page both ask this tool, so both obey the rules.
Each window told is recorded, so ops can compare it with the actual delivery once it lands.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import EtaRecord, Order, Shipment, TrackingEvent
from ..domain.status import FINAL_STATUSES, ShipmentStatus
from ..eta import carrier as carrier_view
from ..eta import rules
from .context import ToolContext
from .evidence import Fact
from .tracking import Tracking

log = logging.getLogger("wismo.eta")

S = ShipmentStatus
#: Statuses for which the model's window is more useful than the carrier's.
MODEL_STATUSES = frozenset({S.PENDING, S.INFO_RECEIVED, S.IN_TRANSIT, S.DELAYED})
#: An exception gets a window only once the carrier gives a date again (it may never be delivered).
DATED_STATUSES = frozenset({S.EXCEPTION})
#: The scans the history schema keeps a time for (`<kind>_at`), by status.
SCAN_COLUMNS = {S.OUT_FOR_DELIVERY: "out_for_delivery_at", S.DELAYED: "delayed_at", S.EXCEPTION: "exception_at"}
#: `model_version` of a recorded window that came from the carrier's estimate.
CARRIER_SOURCE = "carrier"


def carrier_columns(shipment: Shipment, events: Iterable[TrackingEvent] = ()) -> dict:
    """The carrier's side of a shipment in the history schema: its estimates and latest scan times."""
    changed = shipment.carrier_estimate_changed_at
    current = shipment.carrier_estimate_end or shipment.carrier_estimate
    row = {
        "shipped_at": shipment.shipped_at,
        "carrier_estimate_at": (shipment.carrier_estimate_original or current) if changed else current,
        "carrier_estimate_revised_at": current if changed else None,
        "carrier_estimate_changed_at": changed,
        **dict.fromkeys(SCAN_COLUMNS.values()),
    }
    for ev in events:
        column = SCAN_COLUMNS.get(ShipmentStatus(ev.status))
        if column is not None and (row[column] is None or ev.occurred_at > row[column]):
            row[column] = ev.occurred_at
    return row


def history_row(order: Order, shipment: Shipment, events: Iterable[TrackingEvent] = ()) -> dict:
    """A shipment as a row of the ETA history schema (docs/eta.md), with the carrier's side.

    The store has no checkout promise, so `promised_at` stays empty: the carrier's estimate goes in
    its own columns, which the as_of rule releases only from the handoff (or the announcement) on.
    """
    return {
        "shipment_id": shipment.tracking_number,
        "carrier": shipment.carrier,
        "service": shipment.service,
        "origin_postal": shipment.origin_postal,
        "origin_region": shipment.origin_region,
        "destination_postal": order.postal_code,
        "destination_region": order.region,
        "ordered_at": order.placed_at,
        "promised_at": None,
        "delivered_at": shipment.delivered_at,
        "timezone": order.timezone,
        **carrier_columns(shipment, events),
    }


def carrier_window(row: dict, start: datetime, end: datetime, now: datetime) -> rules.Window:
    """The carrier's own window for a shipment row, through the rules (a stale one moves to tomorrow)."""
    shipped = carrier_view.ts(row.get("shipped_at"))
    at = now.timestamp()
    view = carrier_view.view(row, at, shipped if shipped is not None and shipped <= at else None)
    return rules.apply(start + (end - start) / 2, start, end, view, now, carrier_view.zone(row))


class EtaTool:
    """Loads the model once (lazily) and predicts per call; falls back to the carrier estimate."""

    def __init__(self, model_path: Path) -> None:
        self.model_path = model_path
        self._model = None
        self._loaded_mtime: float | None = None
        self._lock = threading.Lock()

    def model(self):
        try:
            mtime = self.model_path.stat().st_mtime
        except FileNotFoundError:
            return None
        with self._lock:
            if self._model is None or mtime != self._loaded_mtime:
                from ..eta.model import EtaModel

                try:
                    self._model = EtaModel.load(self.model_path)
                    self._loaded_mtime = mtime
                except Exception as exc:  # a broken model file must not break answers
                    log.warning(
                        "ETA model at %s could not be loaded (%s); using carrier estimates", self.model_path, exc
                    )
                    return None
        return self._model

    def __call__(self, ctx: ToolContext, tracking: Tracking) -> Fact | None:
        status = tracking.status
        ship = tracking.shipment
        if status in FINAL_STATUSES:
            return None
        if tracking.order is None:  # a tracking-number lookup: the carrier's side only
            return self._carrier(ctx, tracking)
        dated = ship.carrier_estimate is not None
        model = self.model() if status in MODEL_STATUSES or (status in DATED_STATUSES and dated) else None
        if model is None:
            return self._carrier(ctx, tracking)
        # What was known at `now`: a handoff or scan in the future is not known yet (the as_of rule).
        row = history_row(tracking.order, ship, tracking.events)
        row["delivered_at"] = None
        pred = model.predict_one(row, as_of=ctx.now)
        self._record(ctx, ship, pred.eta, pred.window_start, pred.window_end, model.version)
        return Fact(
            f"eta:model:{model.version}:{ship.tracking_number}",
            f"Delivery forecast from our recent deliveries (model {model.version})",
            {
                "time": pred.eta,
                "window_start": pred.window_start,
                "window_end": pred.window_end,
                "source": "model",
                "model_version": model.version,
                "rules": list(pred.rules),
            },
        )

    def _carrier(self, ctx: ToolContext, tracking: Tracking) -> Fact | None:
        """The carrier's estimate, through the rules; the tracking lookup's own fact when they keep it."""
        fact = next((f for f in tracking.facts if f.source_id.startswith("eta:carrier:")), None)
        if fact is None:
            return None
        ship = tracking.shipment
        row = {"timezone": tracking.timezone, **carrier_columns(ship, tracking.events)}
        start, end = fact.values["window_start"], fact.values["window_end"]
        w = carrier_window(row, start, end, ctx.now)
        if tracking.order is not None:
            self._record(ctx, ship, w.eta, w.start, w.end, CARRIER_SOURCE)
        if not w.rules:
            return fact
        return Fact(
            # The tracking number stays last, as in every eta source id (evals read it from there).
            f"eta:carrier:rules:{ship.tracking_number}",
            f"{fact.label}, moved to a date it can still keep",
            {**fact.values, "window_start": w.start, "window_end": w.end, "rules": list(w.rules)},
        )

    @staticmethod
    def _record(ctx: ToolContext, ship: Shipment, eta: datetime, start: datetime, end: datetime, version: str) -> None:
        with session(ctx.store.engine) as s:
            rec = s.exec(select(EtaRecord).where(EtaRecord.shipment_id == ship.id)).first()
            if rec is None:
                rec = EtaRecord(
                    shipment_id=ship.id,
                    predicted_at=ctx.now,
                    eta=eta,
                    window_start=start,
                    window_end=end,
                    model_version=version,
                )
            elif rec.eta == eta and rec.window_start == start and rec.window_end == end:
                return
            else:
                rec.predicted_at, rec.eta, rec.window_start, rec.window_end = ctx.now, eta, start, end
                rec.model_version = version
            s.add(rec)
            try:
                s.commit()
            except IntegrityError:  # another instance recorded this shipment's first prediction just now
                s.rollback()


def store_history(store) -> list[dict]:
    """The store's delivered shipments as ETA history rows (the demo store's own history)."""
    scan_statuses = [s.value for s in SCAN_COLUMNS]
    with session(store.engine) as s:
        stmt = (
            select(Order, Shipment)
            .join(Shipment, col(Shipment.order_id) == col(Order.id))
            .where(col(Shipment.delivered_at).is_not(None))
        )
        pairs = list(s.exec(stmt))
        scans: dict[int, list[TrackingEvent]] = {}
        ev_stmt = (
            select(TrackingEvent)
            .join(Shipment, col(Shipment.id) == col(TrackingEvent.shipment_id))
            .where(col(Shipment.delivered_at).is_not(None), col(TrackingEvent.status).in_(scan_statuses))
        )
        for ev in s.exec(ev_stmt):
            scans.setdefault(ev.shipment_id, []).append(ev)
    return [history_row(order, ship, scans.get(ship.id or 0, ())) for order, ship in pairs]


def train_from_store(store, model_path: Path, progress=None) -> dict:
    """Train the ETA model on the store's delivered shipments and save it where the tool looks."""
    import time

    from ..eta.model import EtaModel

    started = time.perf_counter()
    rows = store_history(store)
    if progress:
        progress(f"training the ETA model on {len(rows)} delivered shipments")
    model = EtaModel.train(rows, progress=progress)
    model.save(model_path)
    return {
        "rows": len(rows),
        "version": model.version,
        "coverage": model.metadata.get("calibration_coverage"),
        "seconds": round(time.perf_counter() - started, 2),
        "model": str(model_path),
    }
