"""HTTP routes for ops leads: the unresolved log and its clusters, teaching labels, flags, metrics.

Reads need the `ops:read` right (ops, admin), labels `ops:write`. After each label the local
classifier is retrained with every label and swapped in, so the bot learns at once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from ..handoff.access import Principal, require
from . import clusters, metrics, teach
from .feedback import flags
from .unresolved import recent

router = APIRouter(tags=["ops"])


class LabelBody(BaseModel):
    intent: str = Field(..., description="One of the intents of DESIGN.md")


class ClusterLabelBody(LabelBody):
    member_ids: list[int] | None = Field(
        None, description="The turns shown in the cluster; if omitted the cluster is recomputed with the filters"
    )


def _agent(request: Request):
    return request.app.state.get_agent()


def _when(value: str | None, now: datetime, name: str) -> datetime | None:
    try:
        return metrics.parse_when(value, now)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {exc}") from exc


class Filters:
    """The filters every unresolved-log route takes, as one dependency (same query parameters)."""

    def __init__(
        self,
        since: str | None = Query(None, description="1d, 12h, or an ISO date/datetime"),
        until: str | None = None,
        intent: str | None = Query(None, description="Filter on the intent guess"),
        reason: str | None = Query(None, description="Filter on the reason code"),
        limit: int = Query(1000, ge=1, le=5000),
    ) -> None:
        self.since, self.until, self.intent, self.reason, self.limit = since, until, intent, reason, limit

    def rows(self, request: Request) -> list[dict]:
        now = datetime.now(UTC)
        return recent(
            _agent(request).engine,
            since=_when(self.since, now, "since"),
            until=_when(self.until, now, "until"),
            reason=self.reason,
            intent=self.intent,
            limit=self.limit,
        )


def _clusters(request: Request, rows: list[dict], done: dict[int, str] | None = None) -> list[dict]:
    """Clusters of `rows`, each with its members' labels (`done`: the labels, when already read)."""
    agent = _agent(request)
    found = clusters.cluster(rows, agent.settings)
    done = teach.labelled(agent.engine) if done is None else done
    for c in found:
        c["labelled"] = {str(i): done[i] for i in c["member_ids"] if i in done}
    return found


@router.get("/v1/ops/unresolved")
def unresolved(
    request: Request, filters: Filters = Depends(), _: Principal = Depends(require("ops:read"))
) -> dict[str, Any]:
    """Unresolved turns (redacted) with their labels, grouped into clusters of similar requests."""
    rows = filters.rows(request)
    done = teach.labelled(_agent(request).engine)
    for r in rows:
        r["label"] = done.get(r["id"])
    return {"total": len(rows), "items": rows, "clusters": _clusters(request, rows, done)}


@router.get("/v1/ops/clusters")
def list_clusters(
    request: Request, filters: Filters = Depends(), _: Principal = Depends(require("ops:read"))
) -> dict[str, Any]:
    return {"clusters": _clusters(request, filters.rows(request))}


def _teach(request: Request, ids: list[int], body: LabelBody, who: Principal, cluster_id: str | None) -> dict:
    engine = _agent(request).engine
    try:
        made = teach.label_turns(engine, ids, body.intent, who.key_id, datetime.now(UTC), cluster_id)
    except teach.LabelError as exc:
        raise HTTPException(exc.status, exc.message) from exc
    classifier = teach.reload_taught_examples(engine)
    return {"labels": made, "intent": body.intent, "by": who.key_id, "classifier_examples": classifier.size}


@router.post("/v1/ops/unresolved/{unresolved_id}/label", status_code=201)
def label_one(
    unresolved_id: int, body: LabelBody, request: Request, who: Principal = Depends(require("ops:write"))
) -> dict[str, Any]:
    return _teach(request, [unresolved_id], body, who, None)


@router.post("/v1/ops/clusters/{cluster_id}/label", status_code=201)
def label_cluster(
    cluster_id: str,
    body: ClusterLabelBody,
    request: Request,
    filters: Filters = Depends(),
    who: Principal = Depends(require("ops:write")),
) -> dict[str, Any]:
    """Label every member of a cluster; pass `member_ids` as shown, or the same filters as the GET."""
    ids = body.member_ids
    if not ids:
        found = {c["cluster_id"]: c for c in _clusters(request, filters.rows(request))}
        if cluster_id not in found:
            raise HTTPException(404, f"No cluster {cluster_id} with these filters; reload the clusters.")
        ids = found[cluster_id]["member_ids"]
    return _teach(request, list(ids), body, who, cluster_id)


@router.get("/v1/ops/labels")
def list_labels(request: Request, _: Principal = Depends(require("ops:read"))) -> dict[str, Any]:
    """The labelling audit trail: who taught what, when."""
    return {"labels": teach.labels(_agent(request).engine)}


@router.get("/v1/ops/flags")
def list_flags(
    request: Request,
    since: str | None = None,
    until: str | None = None,
    _: Principal = Depends(require("ops:read")),
) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {"flags": flags(_agent(request).engine, _when(since, now, "since"), _when(until, now, "until"))}


@router.get("/v1/ops/rails")
def list_rails(
    request: Request,
    since: str | None = None,
    rail: str | None = None,
    failed: bool = False,
    limit: int = Query(200, ge=1, le=1000),
    _: Principal = Depends(require("ops:read")),
) -> dict[str, Any]:
    """Each guardrail's decision per turn (pii, injection, citations, model), newest first."""
    from sqlmodel import col, select

    from ..domain.db import session
    from ..domain.models import RailDecision

    now = datetime.now(UTC)
    stmt = select(RailDecision).order_by(col(RailDecision.id).desc()).limit(limit)
    start = _when(since, now, "since")
    if start is not None:
        stmt = stmt.where(RailDecision.created_at >= start)
    if rail:
        stmt = stmt.where(RailDecision.rail == rail)
    if failed:
        stmt = stmt.where(RailDecision.passed == False)  # noqa: E712
    with session(_agent(request).engine) as s:
        rows = list(s.exec(stmt))
    return {
        "decisions": [
            {
                "conversation_id": r.conversation_id,
                "message_id": r.message_id,
                "rail": r.rail,
                "passed": r.passed,
                "reason": r.reason,
                "at": r.created_at.isoformat(),
            }
            for r in rows
        ]
    }


@router.get("/v1/ops/metrics")
def get_metrics(
    request: Request,
    since: str | None = Query(None, description="1d, 7d, 12h or an ISO date/datetime (default 30d)"),
    until: str | None = None,
    _: Principal = Depends(require("ops:read")),
) -> dict[str, Any]:
    """Deflection, handoffs, contact rate, CSAT, ETA accuracy and more; see docs/metrics.md."""
    agent = _agent(request)
    now = datetime.now(UTC)
    return metrics.compute(
        agent.engine, _when(since, now, "since"), _when(until, now, "until"), store_now=agent.store.now()
    )
