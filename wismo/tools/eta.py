"""The delivery-window tool: the shop's own ETA model for a moving shipment, re-predicted at every
call (so each new tracking event counts), with the carrier's estimate as the fallback.

Each prediction is recorded, so ops can compare predicted and actual delivery once it lands.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path

from sqlmodel import select

from ..domain.db import session
from ..domain.models import EtaRecord, Order, Shipment
from ..domain.status import ShipmentStatus
from .context import ToolContext
from .evidence import Fact
from .tracking import Tracking

log = logging.getLogger("wismo.eta")

#: Statuses for which the model's window is more useful than the carrier's.
MODEL_STATUSES = frozenset(
    {ShipmentStatus.PENDING, ShipmentStatus.INFO_RECEIVED, ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELAYED}
)


def history_row(order: Order, shipment: Shipment) -> dict:
    """A shipment as a row of the ETA history schema (DESIGN.md)."""
    return {
        "shipment_id": shipment.tracking_number,
        "carrier": shipment.carrier,
        "service": shipment.service,
        "origin_postal": shipment.origin_postal,
        "origin_region": shipment.origin_region,
        "destination_postal": order.postal_code,
        "destination_region": order.region,
        "ordered_at": order.placed_at,
        "shipped_at": shipment.shipped_at,
        "promised_at": shipment.carrier_estimate_end or shipment.carrier_estimate,
        "delivered_at": shipment.delivered_at,
    }


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
        if status not in MODEL_STATUSES or tracking.order is None:
            return None
        model = self.model()
        if model is None:
            return None
        ship = tracking.shipment
        # What was known at `now`: a handoff in the future is not known yet.
        row = history_row(tracking.order, ship)
        row["delivered_at"] = None
        if ship.shipped_at and ship.shipped_at > ctx.now:
            row["shipped_at"] = None
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
            },
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
            s.commit()


def store_history(store) -> list[dict]:
    """The store's delivered shipments as ETA history rows (the demo store's own history)."""
    from sqlmodel import col

    with session(store.engine) as s:
        stmt = (
            select(Order, Shipment)
            .join(Shipment, col(Shipment.order_id) == col(Order.id))
            .where(col(Shipment.delivered_at).is_not(None))
        )
        return [history_row(order, ship) for order, ship in s.exec(stmt)]


def train_from_store(store, model_path: Path, progress=None) -> dict:
    """Train the ETA model on the store's delivered shipments and save it where the tool looks."""
    import time

    from ..eta.model import EtaModel

    started = time.perf_counter()
    rows = store_history(store)
    if progress:
        progress(f"training the ETA model on {len(rows)} delivered shipments")
    model = EtaModel.train(rows, progress=progress)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    model.save(model_path)
    return {
        "rows": len(rows),
        "version": model.version,
        "coverage": model.metadata.get("calibration_coverage"),
        "seconds": round(time.perf_counter() - started, 2),
        "model": str(model_path),
    }
