"""The branded tracking page: /track/{token}, one order's status without a login.

The signed link is the proof (track_tokens), so the page may show that order's status, timeline,
delivery window, pickup alternatives with a confirmed redirect, seasonal notices, a return entry
point and at most one offer, all from the same tools and wording the chat uses (track_data), laid
out by Jinja2 templates (track_view, wismo/web/templates/track). The chat widget opens on a
conversation already verified for this order, so "when will it arrive?" is answered at once.

The page speaks the language of `?lang=` when we speak it, else the browser's (Accept-Language),
else English, and offers a switch. No framework and no CDN; brand name, logo, colour and tone from
configuration. Views, offer impressions, chats, returns and redirects started here are recorded
(track_records) for `tracking_page_stats` (track_stats).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from ..domain.models import Conversation, Order
from ..i18n import formats, supported
from ..i18n.catalog import word
from ..tools import redirect
from ..tools.evidence import ToolRefused
from ..web import views
from .track_data import gather, record_event, tool_context
from .track_records import TrackPageView, ensure_tables
from .track_stats import tracking_page_stats
from .track_tokens import TrackClaim, verify_token
from .track_view import Brand, brand, confirm_view, refusal_key, respond, status_view

__all__ = ["router", "tracking_page_stats"]

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
ASSET_CACHE = "public, max-age=300"

router = APIRouter(tags=["tracking page"])


# ----------------------------------------------------------------------------- plumbing
_ready_engines: set[int] = set()


def _agent(request: Request):
    getter = getattr(request.app.state, "get_agent", None)
    if getter is None:
        raise RuntimeError("the tracking page needs an app built by wismo.server.create_app")
    agent = getter()
    if id(agent.engine) not in _ready_engines:
        ensure_tables(agent.engine)
        _ready_engines.add(id(agent.engine))
    return agent


def _claim(agent, token: str) -> tuple[TrackClaim, Order] | None:
    claim = verify_token(agent.engine, agent.settings, token, agent.store.now())
    if claim is None:
        return None
    order = agent.store.order(claim.order_key)
    return (claim, order) if order is not None else None


def _check_nonce(engine: Engine, claim: TrackClaim, view: str | int | None, nonce: str | None) -> bool:
    """The form came from a page we rendered for this very link (per-page nonce, constant-time compare)."""
    from ..domain.db import session

    try:
        view_id = int(view or 0)
    except (TypeError, ValueError):
        return False
    if not nonce or view_id <= 0:
        return False
    with session(engine) as s:
        row = s.get(TrackPageView, view_id)
    return row is not None and row.token_id == claim.token_id and secrets.compare_digest(row.nonce, str(nonce))


def _record_view(engine: Engine, claim: TrackClaim, status: str, nonce: str) -> int:
    from ..domain.db import session

    with session(engine) as s:
        view = TrackPageView(
            token_id=claim.token_id, order_key=claim.order_key, nonce=nonce, status=status, viewed_at=datetime.now(UTC)
        )
        s.add(view)
        s.commit()
        s.refresh(view)
        return int(view.id or 0)


def invalid_page(request: Request, settings, lang: str) -> HTMLResponse:
    """The one page for a forged, expired or revoked link (and an unknown order): no order data at all."""
    return respond(request, brand(settings), lang, "invalid.html", status=404)


def _message_page(request: Request, b: Brand, lang: str, token: str, title: str, text: str, status: int):
    back = f"/track/{token}?lang={lang}"
    return respond(request, b, lang, "message.html", status=status, title=title, message=text, back=back)


def _refused(request: Request, b: Brand, lang: str, token: str, reason: str) -> HTMLResponse:
    with formats.language(lang):
        title, text = word("page.refused.title"), word(refusal_key(reason))
    return _message_page(request, b, lang, token, title, text, 409)


# ----------------------------------------------------------------------------- routes
@lru_cache(maxsize=1)
def _css() -> str:
    return (WEB_DIR / "track.css").read_text(encoding="utf-8")


@router.get("/track.css", include_in_schema=False)
def track_css() -> Response:
    return Response(
        _css(),
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": ASSET_CACHE, "X-Content-Type-Options": "nosniff"},
    )


@router.get("/track/{token}", response_class=HTMLResponse, summary="Branded tracking page for one order")
def tracking_page(token: str, request: Request, redirected: int = 0) -> HTMLResponse:
    """In the language of `?lang=` (en, es, fr, de, pt), else the browser's, else English."""
    agent = _agent(request)
    lang = views.request_language(request)
    found = _claim(agent, token)
    if found is None:
        return invalid_page(request, agent.settings, lang)
    claim, order = found
    b = brand(agent.settings)
    with formats.language(lang):
        data = gather(agent, claim, order)
        page = status_view(data, b, bool(redirected))
    nonce = secrets.token_urlsafe(24)
    view_id = _record_view(agent.engine, claim, data.status.value, nonce)
    config = {
        "tid": claim.token_id,
        "chat": f"/track/{token}/chat",
        "widget": "/widget.js",
        "view": view_id,
        "nonce": nonce,
        "lang": lang,
    }
    here = f"/track/{token}"
    context = {"p": page, "token": token, "view": view_id, "nonce": nonce}
    return respond(request, b, lang, "page.html", here=here, config=config, **context)


@router.post("/track/{token}/redirect", response_class=HTMLResponse, summary="Redirect to a pickup point")
async def redirect_parcel(token: str, request: Request) -> Response:
    """An HTML form post (point, view, nonce, confirm, lang). Without `confirm=yes`: the confirm step,
    which lists what will happen and changes nothing. With it: the redirect, then back to the page."""
    raw = await request.body()
    form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10) if len(raw) <= 4096 else {}

    def one(name: str, limit: int = 64) -> str | None:
        value = (form.get(name) or [None])[0]
        return value[:limit] if value else None

    lang = supported(one("lang", 8)) or views.request_language(request)
    fields = (one("point"), one("view", 20), one("nonce"), one("confirm", 8))
    return await run_in_threadpool(_redirect, token, request, lang, *fields)


def _redirect(
    token: str,
    request: Request,
    lang: str,
    point: str | None,
    view: str | None,
    nonce: str | None,
    confirm: str | None,
) -> Response:
    agent = _agent(request)
    found = _claim(agent, token)
    if found is None:
        return invalid_page(request, agent.settings, lang)
    claim, order = found
    b = brand(agent.settings)
    if not _check_nonce(agent.engine, claim, view, nonce):
        with formats.language(lang):
            title, text = word("page.expired_form.title"), word("page.expired_form.text")
        return _message_page(request, b, lang, token, title, text, 403)
    if not point:
        return _refused(request, b, lang, token, "unknown_point")
    ctx = tool_context(agent, claim)
    try:
        plan = redirect.plan_redirect(ctx, claim.order_key, point)
    except ToolRefused as exc:
        return _refused(request, b, lang, token, exc.reason)
    if not plan.eligible:
        return _refused(request, b, lang, token, plan.reason or "")
    if confirm == "yes":
        try:
            redirect.confirm_redirect(ctx, plan)
        except ToolRefused as exc:
            return _refused(request, b, lang, token, exc.reason)
        record_event(agent.engine, claim, "redirect_confirmed", plan.point_code)
        return RedirectResponse(f"/track/{token}?redirected=1&lang={lang}#done", status_code=303)
    with formats.language(lang):
        c = confirm_view(order.number, plan)
    return respond(request, b, lang, "confirm.html", c=c, token=token, view=int(view or 0), nonce=nonce)


class ChatStart(BaseModel):
    view: int = Field(..., ge=1)
    nonce: str = Field(..., max_length=64)
    purpose: str = Field("chat", pattern="^(chat|return)$")
    conversation_id: str | None = Field(None, max_length=36)


def _json_error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


@router.post("/track/{token}/chat", summary="A chat conversation already verified for this link's order")
def start_chat(token: str, body: ChatStart, request: Request) -> JSONResponse:
    """Returns `{conversation_id}`; reuses the page's earlier conversation when it passes one that is still valid."""
    agent = _agent(request)
    found = _claim(agent, token)
    if found is None:
        return _json_error(404, "not_found", "This tracking link isn't valid.")
    claim, _order = found
    if not _check_nonce(agent.engine, claim, body.view, body.nonce):
        return _json_error(403, "forbidden", "This page has expired; reload it.")
    cid = None
    if body.conversation_id:
        from ..domain.db import session

        with session(agent.engine) as s:
            conv = s.get(Conversation, body.conversation_id)
        if conv is not None and conv.channel == "tracking_page" and conv.verified_order == claim.order_key:
            cid = conv.id
    if cid is None:
        cid = agent.start_verified(claim.order_key, channel="tracking_page")
        record_event(agent.engine, claim, "chat_started", cid)
    if body.purpose == "return":
        record_event(agent.engine, claim, "return_started", cid)
    return JSONResponse({"conversation_id": cid}, status_code=201, headers={"Cache-Control": "no-store"})
