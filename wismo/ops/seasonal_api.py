"""Ops routes for seasonal context: notices, playbooks and holiday pickup hours.

Thin routes over `tools.seasonal`; the engine and clock come from the app's agent, so an edit is
seen by every instance sharing the database at once. What a notice says reaches every customer in
its region, cited as a fact: reading needs the `ops:read` right, every change `ops:write`.
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from ..handoff.access import require
from ..tools import seasonal

router = APIRouter(prefix="/v1/ops", tags=["ops: seasonal"])
READ = [Depends(require("ops:read"))]
WRITE = [Depends(require("ops:write"))]


def _ctx(request: Request):
    agent = request.app.state.get_agent()
    seasonal.ensure_tables(agent.engine)
    return agent.engine, agent.store.now()


class NoticeIn(BaseModel):
    kind: str = Field(..., description="cutoff | weather | delay | outage | strike | capacity | general")
    text: str = Field(..., min_length=1, max_length=2000)
    title: str | None = None
    regions: list[str] = Field(default_factory=list, description="two-letter states; empty = all")
    carriers: list[str] = Field(default_factory=list, description="ups, usps, fedex, dhl; empty = all")
    start: datetime
    end: datetime
    extra_days: int = 0


class ActivateIn(BaseModel):
    regions: list[str] = Field(default_factory=list)
    carriers: list[str] = Field(default_factory=list)
    start: datetime | None = None
    end: datetime
    extra_days: int | None = None


class DeactivateIn(BaseModel):
    regions: list[str] = Field(default_factory=list)


class HoursIn(BaseModel):
    first_day: date
    last_day: date | None = None
    opens: str | None = Field(None, pattern=r"^\d{2}:\d{2}$")
    closes: str | None = Field(None, pattern=r"^\d{2}:\d{2}$")
    point_code: str | None = None
    note: str = ""


@router.get("/notices", dependencies=READ)
def list_notices(request: Request, active: bool = False) -> dict:
    engine, now = _ctx(request)
    rows = seasonal.list_notices(engine, now, active_only=active)
    return {"notices": [seasonal.notice_row(n, now) for n in rows]}


@router.post("/notices", status_code=201, dependencies=WRITE)
def add_notice(request: Request, body: NoticeIn) -> dict:
    engine, now = _ctx(request)
    try:
        n = seasonal.add_notice(
            engine,
            body.kind,
            body.text,
            body.start,
            body.end,
            body.regions,
            body.carriers,
            body.extra_days,
            body.title,
            now=now,
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    return seasonal.notice_row(n, now)


@router.post("/notices/{notice_id}/end", dependencies=WRITE)
def end_notice(request: Request, notice_id: int) -> dict:
    engine, now = _ctx(request)
    n = seasonal.end_notice(engine, notice_id, now)
    if n is None:
        raise HTTPException(404, f"no notice {notice_id}")
    return seasonal.notice_row(n, now)


@router.get("/playbooks", dependencies=READ)
def list_playbooks(request: Request) -> dict:
    engine, now = _ctx(request)
    running = [n for n in seasonal.list_notices(engine, now, active_only=True) if n.playbook_id]
    return {
        "playbooks": [
            {
                "id": p.id,
                "kind": p.kind,
                "title": p.title,
                "text": p.text,
                "extra_days": p.extra_days,
                "active_notices": [n.id for n in running if n.playbook_id == p.id],
            }
            for p in seasonal.playbooks().values()
        ]
    }


@router.post("/playbooks/{playbook_id}/activate", status_code=201, dependencies=WRITE)
def activate(request: Request, playbook_id: str, body: ActivateIn) -> dict:
    engine, now = _ctx(request)
    try:
        n = seasonal.activate(
            engine, playbook_id, body.regions, body.carriers, body.start or now, body.end, body.extra_days, now=now
        )
    except KeyError as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    return seasonal.notice_row(n, now)


@router.post("/playbooks/{playbook_id}/deactivate", dependencies=WRITE)
def deactivate(request: Request, playbook_id: str, body: DeactivateIn | None = None) -> dict:
    engine, now = _ctx(request)
    if playbook_id not in seasonal.playbooks():
        raise HTTPException(404, f"no playbook {playbook_id}")
    ended = seasonal.deactivate(engine, playbook_id, now, body.regions if body else None)
    return {"ended": [seasonal.notice_row(n, now) for n in ended]}


@router.get("/store-hours", dependencies=READ)
def list_hours(request: Request) -> dict:
    engine, _now = _ctx(request)
    return {"overrides": seasonal.list_store_hours(engine)}


@router.post("/store-hours", status_code=201, dependencies=WRITE)
def add_hours(request: Request, body: HoursIn) -> dict:
    engine, now = _ctx(request)
    try:
        row = seasonal.add_store_hours(
            engine, body.first_day, body.last_day, body.opens, body.closes, body.point_code, body.note, now
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"id": row.id, "closed": row.closed}
