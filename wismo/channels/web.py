"""Web chat channel: the standalone page /chat and the embeddable widget (/widget.js, /widget.css).

The widget is static, framework-free JS and CSS in wismo/web; it talks to the public conversation API
(POST /v1/conversations, POST /v1/conversations/{id}/messages, GET /v1/conversations/{id}). The server
fills in the brand, bot name and greeting (so the first message discloses the bot in the shop's tone)
and the widget's words in every language (widget.<lang>.yaml): the widget starts in the browser's
language and then follows the `language` of each reply, so one cached script serves every customer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, Response

from ..agent.deps import Templates
from ..config import Settings, get_settings
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..i18n.catalog import load, word
from ..web import views

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
CONFIG_MARK = "{} /*__WISMO_CONFIG__*/"
#: Quick replies under the greeting (catalog keys); each is a phrase the local engine understands.
WELCOME_REPLIES = ("widget.reply.track", "widget.reply.return_policy")
LABEL_PREFIX = "widget."

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


def labels(lang: str) -> dict[str, str]:
    """The widget's words in `lang` (widget.<lang>.yaml), keyed without their `widget.` prefix."""
    words = load(lang)["words"]
    english = load(DEFAULT_LANGUAGE)["words"]
    return {
        key[len(LABEL_PREFIX) :]: words.get(key) or text
        for key, text in english.items()
        if key.startswith(LABEL_PREFIX) and not key.startswith(("widget.page.", "widget.reply."))
    }


def widget_config(settings: Settings) -> dict[str, object]:
    """What the widget needs to know before the first turn: names, greeting, limits and its words in
    every language (`languages`), with every language's "talk to a person" (`human`) so that quick
    reply is never shown twice."""
    templates = Templates(settings)
    languages = {
        lang: {
            "welcome": templates.render("greeting", lang),
            "replies": [word(key, lang) for key in WELCOME_REPLIES],
            "labels": labels(lang),
        }
        for lang in LANGUAGES
    }
    human = {word(key, lang) for lang in LANGUAGES for key in ("quick.talk_to_person", "widget.talk_to_person")}
    default = languages[DEFAULT_LANGUAGE]
    return {
        "brand": settings.brand_name,
        "bot": settings.bot_name,
        "welcome": default["welcome"],
        "welcome_replies": default["replies"],
        "max_chars": settings.max_message_chars,
        "default_language": DEFAULT_LANGUAGE,
        "languages": languages,
        "human": sorted(human),
    }


@router.get("/chat", response_class=HTMLResponse, summary="Standalone web chat page")
def chat_page(request: Request) -> HTMLResponse:
    """In the language of `?lang=` (en, es, fr, de, pt), else the browser's, else English."""
    lang = views.request_language(request)
    return views.response(
        request,
        "chat.html",
        lang,
        {"brand": _settings(request).brand_name},
        headers={
            "Cache-Control": "no-cache",
            "Content-Security-Policy": PAGE_CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Vary": "Accept-Language",
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
