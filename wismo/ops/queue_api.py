"""The durable queues for ops: what is waiting, what is dead-lettered, and a replay.

- GET /v1/ops/queue?queue=inbound|outbox&status=dead  (ops:read): depth and age of both queues,
  and the items of one queue in one status (ids, keys, tries, last error; never payloads).
- POST /v1/ops/queue/retry {queue, ids?} (ops:write): dead items back in line, tries reset.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..domain import work_queue as wq
from ..handoff.access import Principal, require

router = APIRouter(tags=["ops"])

QueueName = Literal["inbound", "outbox"]


class RetryBody(BaseModel):
    queue: QueueName = Field(..., description="inbound or outbox")
    ids: list[int] | None = Field(None, description="Items to replay; all dead items of the queue when omitted")


def _engine(request: Request):
    return request.app.state.get_agent().engine


@router.get("/v1/ops/queue")
async def queue_view(
    request: Request,
    queue: QueueName = Query("inbound", description="inbound or outbox"),
    status: Literal["pending", "leased", "dead", "done", "sent", "refused"] = Query("dead"),
    limit: int = Query(100, ge=1, le=1000),
    _who: Principal = Depends(require("ops:read")),
) -> dict[str, Any]:
    engine = _engine(request)
    stats = await run_in_threadpool(wq.stats, engine)
    items = await run_in_threadpool(wq.listing, engine, queue, status, limit)
    return {"stats": stats, "queue": queue, "status": status, "items": items}


@router.post("/v1/ops/queue/retry")
async def queue_retry(
    request: Request, body: RetryBody, _who: Principal = Depends(require("ops:write"))
) -> dict[str, Any]:
    n = await run_in_threadpool(wq.retry_dead, _engine(request), body.queue, body.ids)
    if n:
        wq.nudge()
    return {"queue": body.queue, "retried": n}
