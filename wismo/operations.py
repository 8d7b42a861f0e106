"""What operators and load balancers ask a server: /healthz, /readyz, /metrics; and its queue workers.

- /healthz: the process is alive (no database call: a restarting database must not get every
  instance killed by its orchestrator).
- /readyz: the database answers, its schema is the one this wismo needs, and this process's
  queue workers are running; 503 with the failing check otherwise (take the instance out).
- /metrics (ops role; scrape with `Authorization: Bearer <ops key>`): Prometheus text: turns by
  intent, turn latency, handoffs by reason, model fallbacks, outbox sends, retries and dead
  letters (this process, or all worker processes of this instance), and queue depth and age
  read from the shared store.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse, Response
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from .config import Settings
from .domain import schema, telemetry
from .domain import work_queue as wq
from .handoff.access import Principal, require

log = logging.getLogger("wismo.operations")


class QueueCollector:
    """Queue depth by status and the age of the oldest waiting item, read when scraped."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def collect(self):
        depth = GaugeMetricFamily(
            "wismo_queue_depth", "Items in the durable queues, by status", labels=["queue", "status"]
        )
        age = GaugeMetricFamily("wismo_queue_oldest_age_seconds", "Age of the oldest waiting item", labels=["queue"])
        try:
            stats = wq.stats(self.app.state.get_agent().engine)
        except Exception:  # the store is away: the scrape still answers, without these
            log.warning("queue metrics unavailable: the store did not answer")
            return
        for queue, row in stats.items():
            for status in ("pending", "leased", "dead"):
                depth.add_metric([queue, status], row[status])
            age.add_metric([queue], row["oldest_age_s"])
        yield depth
        yield age


def start_workers(app: FastAPI, settings: Settings):
    """The queue workers of this process, over the app's channel hub; None when turned off."""
    if settings.queue_workers < 1:
        return None
    from .channels.meta import hub_of
    from .workers import QueueWorkers

    workers = QueueWorkers(hub_of(app), settings)
    workers.start()
    app.state.workers = workers
    return workers


def readiness(app: FastAPI, settings: Settings) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    try:
        engine = app.state.get_agent().engine
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
        found = schema.state(engine)
        checks["schema"] = "ok" if found == "current" else schema.describe(engine)
    except Exception as exc:
        checks["database"] = f"unreachable ({type(exc).__name__})"
        checks["schema"] = "unknown"
    workers = getattr(app.state, "workers", None)
    if settings.queue_workers < 1:
        checks["queue_workers"] = "off in this process"
    else:
        checks["queue_workers"] = "ok" if workers is not None and workers.alive() else "not running"
    ok = checks["database"] == "ok" and checks["schema"] == "ok" and checks["queue_workers"] != "not running"
    return {"status": "ready" if ok else "not_ready", "checks": checks}


def install_operations(app: FastAPI, settings: Settings) -> None:
    queue_registry: dict[str, CollectorRegistry] = {}

    @app.get("/healthz", tags=["operations"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], response_model=None)
    async def ready() -> JSONResponse:
        body = await run_in_threadpool(readiness, app, settings)
        return JSONResponse(body, status_code=200 if body["status"] == "ready" else 503)

    @app.get("/metrics", tags=["operations"], response_model=None)
    async def metrics(_who: Principal = Depends(require("ops:read"))) -> Response:
        if "reg" not in queue_registry:
            reg = CollectorRegistry()
            reg.register(QueueCollector(app))  # type: ignore[arg-type]
            queue_registry["reg"] = reg
        process = telemetry.registry() or REGISTRY
        body = await run_in_threadpool(lambda: generate_latest(process) + generate_latest(queue_registry["reg"]))
        return Response(body, media_type=CONTENT_TYPE_LATEST)
