"""HTTP routes for people: the agent inbox, flags on bot answers, the customer's CSAT, privacy erasure.

Thin: each route checks the caller's role, then calls `inbox` / `ops.feedback` / `Agent.forget`.
Needs `app.state.get_agent` (set by `wismo.server.create_app`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from ..ops.feedback import FeedbackError, flag_message, record_csat
from . import inbox
from .access import Principal, require

router = APIRouter(tags=["handoff"])


class ReplyBody(BaseModel):
    text: str = Field(..., min_length=1, max_length=4000, description="What the agent writes to the customer")


class NoteBody(BaseModel):
    note: str | None = Field(None, max_length=2000)


class FlagBody(BaseModel):
    note: str = Field("", max_length=2000, description="What was wrong with the answer")


class CsatBody(BaseModel):
    score: int = Field(..., description="1 (thumbs up) or -1 (thumbs down)")
    message_id: int | None = Field(None, description="The answer being rated")


class ForgetBody(BaseModel):
    email: str = Field(..., min_length=3, max_length=320)


def _agent(request: Request):
    return request.app.state.get_agent()


def _now() -> datetime:
    return datetime.now(UTC)


def _call(fn, *args, **kwargs) -> dict[str, Any]:
    try:
        return fn(*args, **kwargs)
    except inbox.HandoffNotFound as exc:
        raise HTTPException(404, f"No handoff {exc.args[0]}.") from exc
    except inbox.HandoffConflict as exc:
        raise HTTPException(409, str(exc)) from exc
    except FeedbackError as exc:
        raise HTTPException(exc.status, exc.message) from exc
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.get("/v1/handoffs")
def list_handoffs(
    request: Request, status: str | None = None, who: Principal = Depends(require("inbox:read"))
) -> dict[str, Any]:
    """The queue: open and claimed cases by effective priority (priority + waiting time), then age."""
    statuses = tuple(s for s in (status or "open,claimed").split(",") if s)
    now = _now()
    return {"now": now.isoformat(), "you": who.key_id, "handoffs": inbox.queue(_agent(request).engine, now, statuses)}


@router.get("/v1/handoffs/{handoff_id}")
def get_handoff(handoff_id: int, request: Request, _: Principal = Depends(require("inbox:read"))) -> dict[str, Any]:
    return _call(inbox.detail, _agent(request).engine, handoff_id, _now())


@router.post("/v1/handoffs/{handoff_id}/claim")
def claim(handoff_id: int, request: Request, who: Principal = Depends(require("inbox:write"))) -> dict[str, Any]:
    return _call(inbox.claim, _agent(request).engine, handoff_id, who.key_id, _now())


@router.post("/v1/handoffs/{handoff_id}/reply")
def reply(
    handoff_id: int, body: ReplyBody, request: Request, who: Principal = Depends(require("inbox:write"))
) -> dict[str, Any]:
    return _call(inbox.reply, _agent(request).engine, handoff_id, who.key_id, body.text, _now())


@router.post("/v1/handoffs/{handoff_id}/resolve")
def resolve(
    handoff_id: int, request: Request, body: NoteBody | None = None, who: Principal = Depends(require("inbox:write"))
) -> dict[str, Any]:
    return _call(inbox.resolve, _agent(request).engine, handoff_id, who.key_id, _now(), (body or NoteBody()).note)


@router.post("/v1/handoffs/{handoff_id}/release")
def release(
    handoff_id: int, request: Request, body: NoteBody | None = None, who: Principal = Depends(require("inbox:write"))
) -> dict[str, Any]:
    agent = _agent(request)
    return _call(
        inbox.release, agent.engine, handoff_id, who.key_id, _now(), agent.settings.bot_name, (body or NoteBody()).note
    )


@router.post("/v1/messages/{message_id}/flag", status_code=201)
def flag(
    message_id: int, body: FlagBody, request: Request, who: Principal = Depends(require("inbox:write"))
) -> dict[str, Any]:
    """An agent marks a bot answer as wrong; it shows up in the ops review."""
    return _call(flag_message, _agent(request).engine, message_id, who.key_id, body.note, _now())


@router.post("/v1/conversations/{conversation_id}/csat", status_code=201)
def csat(conversation_id: str, body: CsatBody, request: Request) -> dict[str, Any]:
    """Open to customers (rate-limited with the chat routes): a thumbs up or down on an answer."""
    return _call(record_csat, _agent(request).engine, conversation_id, body.score, _now(), body.message_id)


@router.post("/v1/privacy/forget")
def forget(body: ForgetBody, request: Request, _: Principal = Depends(require("privacy"))) -> dict[str, Any]:
    """Erase what wismo holds about an email address: its conversations and every copy made of them
    (see wismo/ops/erasure.py); `helpdesk_cases` lists cases already sent to a helpdesk."""
    from ..ops.erasure import forget_customer

    return {"email_forgotten": True, **forget_customer(_agent(request), body.email)}
