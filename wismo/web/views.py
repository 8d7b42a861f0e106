"""Server-rendered pages: Jinja2 templates in wismo/web/templates, autoescaped as FastAPI's
Jinja2Templates sets them up, speaking the page's language through the message catalogs.

A template says `{{ word("page.headline.delivered") }}` for plain words and `{{ text("key", x=...) }}`
when a field is markup of our own (a <strong>, a link): the catalog text and every plain field are
escaped, so a translator's or a customer's characters never become HTML. Dates, times and amounts
come from the helpers below, written in the language the page is rendered in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, first_language, formats, supported, wording
from ..i18n.catalog import word

TEMPLATE_DIR = Path(__file__).with_name("templates")


def text(key: str, **fields: Any) -> Markup:
    """A catalog message as HTML: its text escaped, then its fields filled in, each escaped unless it
    is already markup built by a template (`{% set x %}<strong>..</strong>{% endset %}`)."""
    return Markup(escape(word(key))).format(**fields)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(value: Any) -> Markup:
    """Our own text (advice from a catalog) with its `code` spans as <code>: escaped first, so
    nothing else in it becomes markup."""
    return Markup(_CODE_SPAN.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(value))))


def one_line(value: Any, limit: int = 140) -> str:
    """Text we did not write (a customer's, a carrier's) on one line, cut at `limit` characters."""
    return " ".join(str(value).split())[:limit]


def number(value: float, digits: int = 1) -> str:
    """`1.5` / `1,5` in the page's language."""
    pattern = "0." + "0" * digits if digits else "0"
    return format_decimal(value, format=pattern, locale=formats.locale_of())


def day_of(d: date, tz: str) -> str:
    """A calendar day with its weekday ("Friday, Dec 12", "viernes, 12 de diciembre")."""
    return formats.day(datetime.combine(d, time(12), tzinfo=ZoneInfo(tz)), tz)


def upper_first(value: str) -> str:
    return value[:1].upper() + value[1:]


@cache
def language_names() -> dict[str, str]:
    """Each language named in itself ("Español", "Deutsch"), for a language switch."""
    return {lang: upper_first(Locale.parse(lang).get_language_name(lang) or lang) for lang in LANGUAGES}


def choose_language(asked: str | None, accept_language: str | None) -> str:
    """The page's language: `?lang=` when we speak it, else the browser's first language we speak,
    else English."""
    return supported(asked) or first_language(accept_language) or DEFAULT_LANGUAGE


def request_language(request: Request) -> str:
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.update(
        word=word,
        text=text,
        day=formats.day,
        day_of=day_of,
        moment=wording.moment,
        window=wording.window,
        place=wording.place,
        clock=formats.clock,
        money=formats.money,
        date_long=formats.date_long,
        number=number,
        language_names=language_names,
    )
    env.filters["upper_first"] = upper_first
    env.filters["one_line"] = one_line
    env.filters["code_spans"] = code_spans
    return env


@cache
def _templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())


def render(name: str, lang: str, **context: Any) -> str:
    """A template rendered to a string in `lang` (a file written to disk, a test)."""
    with formats.language(lang):
        return environment().get_template(name).render(lang=formats.current(), **context)


def response(
    request: Request,
    name: str,
    lang: str,
    context: Mapping[str, Any],
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A template as an HTML response, the FastAPI way, rendered in `lang`."""
    with formats.language(lang):
        return _templates().TemplateResponse(
            request, name, {**context, "lang": formats.current()}, status_code=status_code, headers=headers
        )
