"""Web chat channel: the standalone page /chat and the embeddable widget (/widget.js, /widget.css).

The widget is static, framework-free JS and CSS in wismo/web; it talks to the public conversation API
(POST /v1/conversations, POST /v1/conversations/{id}/messages, GET /v1/conversations/{id}). The server
only fills in the brand, bot name and greeting so the first message discloses the bot in the shop's tone.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, Response

from ..agent.deps import Templates
from ..config import Settings, get_settings

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
CONFIG_MARK = "{} /*__WISMO_CONFIG__*/"
#: Quick replies under the greeting; both are phrases the local engine understands.
WELCOME_REPLIES = ["Track my order", "Return policy"]

#: The standalone page runs only wismo's own script and styles and talks only to wismo.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
ASSET_CACHE = "public, max-age=300"

router = APIRouter(tags=["web chat"])


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    return (WEB_DIR / name).read_text(encoding="utf-8")


def _settings(request: Request) -> Settings:
    """The app's settings: the agent's when the app was built by create_app, else the process's."""
    get_agent = getattr(request.app.state, "get_agent", None)
    return get_agent().settings if get_agent else get_settings()


def widget_config(settings: Settings) -> dict[str, object]:
    """What the widget needs to know before the first turn: names, greeting and limits."""
    return {
        "brand": settings.brand_name,
        "bot": settings.bot_name,
        "welcome": Templates(settings).render("greeting"),
        "welcome_replies": WELCOME_REPLIES,
        "max_chars": settings.max_message_chars,
    }


@router.get("/chat", response_class=HTMLResponse, summary="Standalone web chat page")
def chat_page(request: Request) -> HTMLResponse:
    page = _asset("chat.html").replace("{{brand}}", html.escape(_settings(request).brand_name))
    return HTMLResponse(
        page,
        headers={
            "Cache-Control": "no-cache",
            "Content-Security-Policy": PAGE_CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
        },
    )


@router.get("/widget.js", summary="Embeddable chat widget (one script tag)")
def widget_js(request: Request) -> Response:
    config = json.dumps(widget_config(_settings(request)), ensure_ascii=True).replace("</", "<\\/")
    body = _asset("widget.js").replace(CONFIG_MARK, config, 1)
    return Response(
        body,
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": ASSET_CACHE, "X-Content-Type-Options": "nosniff"},
    )


@router.get("/widget.css", summary="Chat widget styles")
def widget_css() -> Response:
    return Response(
        _asset("widget.css"),
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": ASSET_CACHE, "X-Content-Type-Options": "nosniff"},
    )


def allow_widget_origins(app: FastAPI, origins: Iterable[str]) -> None:
    """Let shop sites on other origins embed the widget (CORS for the conversation API).

    Credentials are never sent (the widget uses `credentials: "omit"`), so no cookies cross origins.
    """
    allowed = [o.strip().rstrip("/") for o in origins if o.strip()]
    if allowed:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=allowed,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept"],
            allow_credentials=False,
            max_age=600,
        )
