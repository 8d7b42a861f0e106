"""How the tracking page looks: brand, security headers, and the views its templates lay out.

track_data gathers the facts; here they become a view (labels chosen, dates written in the page's
language, the progress bar's steps) and an HTML response from wismo/web/templates/track. The page
never shows the email or street address: the city is enough to recognise a parcel.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..agent.policy import eta_source
from ..domain.status import ShipmentStatus
from ..i18n import wording
from ..tools.redirect import RedirectPlan
from ..tools.tracking import carrier_name
from ..web import views
from ..web.views import TEMPLATE_DIR
from .track_data import REDIRECT_STATUSES, PageData

S = ShipmentStatus
DEFAULT_BRAND_COLOR = "#0f5257"
#: The progress bar's steps and the step each status has reached.
STEPS = ("ordered", "shipped", "out_for_delivery", "delivered")
STEP_OF: dict[ShipmentStatus, int] = {
    S.PENDING: 0,
    S.INFO_RECEIVED: 0,
    S.IN_TRANSIT: 1,
    S.DELAYED: 1,
    S.EXCEPTION: 1,
    S.EXPIRED: 1,
    S.RETURNED_TO_SENDER: 1,
    S.OUT_FOR_DELIVERY: 2,
    S.ATTEMPT_FAILED: 2,
    S.AVAILABLE_FOR_PICKUP: 2,
    S.DELIVERED: 3,
}
TROUBLE = frozenset({S.ATTEMPT_FAILED, S.EXCEPTION, S.DELAYED, S.RETURNED_TO_SENDER, S.EXPIRED})
#: Statuses that need an explanation (page.meaning.* and page.todo.* in the catalogs).
EXPLAINED = frozenset({S.ATTEMPT_FAILED, S.EXCEPTION, S.DELAYED, S.RETURNED_TO_SENDER, S.EXPIRED})
#: Why a redirect was refused -> the catalog key that says so.
REFUSALS = frozenset({"already_delivered", "other_carrier_network", "parcel_too_large", "unknown_point"})
POINT_KINDS = frozenset({"locker", "store", "carrier_point"})

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


# ----------------------------------------------------------------------------- brand and headers
@dataclass(frozen=True)
class Brand:
    name: str
    bot: str
    tone: str
    color: str
    contrast: str
    logo_url: str | None


def _contrast(color: str) -> str:
    """Near-black or white, whichever reads better on the brand colour (WCAG relative luminance)."""
    hexes = color[1:]
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    channels = []
    for i in (0, 2, 4):
        c = int(hexes[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    lum = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#111b1d"


def brand(settings) -> Brand:
    """Brand from settings plus WISMO_BRAND_COLOR (hex) and WISMO_BRAND_LOGO_URL (http(s) or a site path)."""
    color = os.environ.get("WISMO_BRAND_COLOR", DEFAULT_BRAND_COLOR).strip()
    if not _HEX.match(color):
        color = DEFAULT_BRAND_COLOR
    logo = (os.environ.get("WISMO_BRAND_LOGO_URL") or "").strip() or None
    if logo and not (logo.startswith(("https://", "http://")) or (logo.startswith("/") and not logo.startswith("//"))):
        logo = None
    return Brand(settings.brand_name, settings.bot_name, settings.tone, color, _contrast(color), logo)


def _csp(nonce: str, logo_url: str | None) -> str:
    img = "'self' data:"
    if logo_url and logo_url.startswith("http"):
        parts = urlsplit(logo_url)
        img += f" {parts.scheme}://{parts.netloc}"
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src {img}; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    )


def _headers(csp: str) -> dict[str, str]:
    # The token in the URL is a credential: never cached by others, never sent on as a referrer. The
    # language may come from Accept-Language, so a cache that ignores that advice still keys on it.
    return {
        "Cache-Control": "no-store",
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Robots-Tag": "noindex, nofollow",
        "Vary": "Accept-Language",
    }


@lru_cache(maxsize=1)
def _script() -> Markup:
    """Our own script, inlined under the page's nonce (a file of ours, not data: trusted as is)."""
    return Markup((TEMPLATE_DIR.parent / "track.js").read_text(encoding="utf-8"))


def respond(
    request: Request,
    b: Brand,
    lang: str,
    template: str,
    *,
    status: int = 200,
    here: str | None = None,
    config: dict | None = None,
    **context: Any,
) -> HTMLResponse:
    """A tracking page as an HTML response: the shell (brand, language switch when `here` is the page's
    own address, footer) around `template`, with the page script when `config` is given."""
    nonce = secrets.token_urlsafe(16)
    base = {
        "brand": b,
        "here": here,
        "year": datetime.now(UTC).year,
        "config": config,
        "script": _script() if config is not None else None,
        "script_nonce": nonce,
    }
    return views.response(
        request, f"track/{template}", lang, {**base, **context}, status, _headers(_csp(nonce, b.logo_url))
    )


# ----------------------------------------------------------------------------- the status page's view
@dataclass
class StatusView:
    """The order's page, every value ready to print in the page's language."""

    status: str
    tone: str
    order_number: str
    place: str
    sentence: str
    steps: list[dict]
    eta: dict | None = None
    redirect_done: str | None = None
    help: dict | None = None
    notices: list[dict] = field(default_factory=list)
    returns: dict | None = None
    history: dict | None = None
    offer: dict | None = None


def _steps(status: ShipmentStatus) -> list[dict]:
    reached = STEP_OF.get(status, 0)
    out = []
    for i, key in enumerate(STEPS):
        state = "done" if i < reached else ("now" if i == reached else "todo")
        if state == "now" and status in TROUBLE:
            state = "trouble"
        out.append({"key": key, "state": state, "current": i == reached})
    return out


def _help(data: PageData) -> dict | None:
    tracking = data.tracking
    if tracking is None or data.status not in EXPLAINED:
        return None
    tz = data.order.timezone
    carrier = carrier_name(tracking.shipment.carrier)
    if data.status not in REDIRECT_STATUSES:
        return {"carrier": carrier, "quote": None, "redirect": None, "options": [], "ask": True}
    redirect = None
    if data.redirect_point is not None:
        p = data.redirect_point
        held = tracking.shipment.held_until
        redirect = {
            "name": p.name,
            "street": p.street,
            "place": wording.place(p.city, p.region),
            "until": wording.moment(held, tz) if held else None,
        }
    options = []
    for opt in data.options:
        v = opt.fact.values
        options.append(
            {
                "name": v["name"],
                "street": v["street"],
                "place": wording.place(v["city"], v["region"]),
                "kind": opt.point.kind if opt.point.kind in POINT_KINDS else "other",
                "km": views.number(v["distance_km"]),
                "open_now": opt.open_now,
                "hours": opt.open_phrase(tz),
                "code": opt.point.code,
            }
        )
    last = wording.event(tracking.events[-1].description) if tracking.events else ""
    return {"carrier": carrier, "quote": last, "redirect": redirect, "options": options, "ask": False}


def _returns(data: PageData) -> dict:
    if not data.returnable:
        return {"count": 0, "until": None}
    last: date = max(e.last_day for e in data.returnable if e.last_day is not None)
    return {"count": sum(e.quantity for e in data.returnable), "until": views.day_of(last, data.order.timezone)}


def _history(data: PageData) -> dict | None:
    tracking = data.tracking
    if tracking is None:
        return None
    tz = tracking.timezone
    events = [
        {
            "status": ShipmentStatus(ev.status).value,
            "description": wording.event(ev.description),
            "iso": ev.occurred_at.isoformat(),
            "when": wording.moment(ev.occurred_at, tz),
            "place": wording.place(ev.city, ev.region),
        }
        for ev in reversed(tracking.events)
    ]
    ship = tracking.shipment
    return {
        "parcels": data.parcels,
        "events": events,
        "carrier": carrier_name(ship.carrier),
        "service": ship.service,
        "tracking_number": ship.tracking_number,
    }


def status_view(data: PageData, b: Brand, redirected: bool) -> StatusView:
    """The page's view of `data`; call it inside the page's language."""
    order = data.order
    tracking = data.tracking
    view = StatusView(
        status=data.status.value,
        tone=b.tone if b.tone in ("friendly", "formal") else "friendly",
        order_number=order.number,
        place=wording.place(order.city, order.region),
        sentence=data.sentence,
        steps=_steps(data.status),
    )
    if data.eta is not None and tracking is not None:
        window = wording.window(data.eta.values["window_start"], data.eta.values["window_end"], order.timezone)
        view.eta = {"window": window, "source": eta_source(data.eta, tracking)}
    if redirected and data.redirect_point is not None:
        view.redirect_done = data.redirect_point.name
    view.help = _help(data)
    view.notices = [{"title": n.label, "text": n.values.get("text", "")} for n in data.notices]
    if data.status is S.DELIVERED:
        view.returns = _returns(data)
    view.history = _history(data)
    view.offer = data.offer
    return view


def confirm_view(order_number: str, plan: RedirectPlan) -> dict:
    """The confirm step's facts, written in the page's language."""
    tz = plan.timezone
    return {
        "order_number": order_number,
        "point": plan.point_name,
        "point_code": plan.point_code,
        "address": plan.address,
        "carrier": carrier_name(plan.carrier),
        "tracking_number": plan.tracking_number,
        "ready": wording.moment(plan.ready_at, tz) if plan.ready_at is not None else None,
        "held": wording.moment(plan.held_until, tz) if plan.held_until is not None else None,
    }


def refusal_key(reason: str) -> str:
    """The catalog key that tells the customer why a redirect can't be done."""
    if reason in REFUSALS:
        return f"page.refused.{reason}"
    return "page.refused.already_final" if reason.startswith("already_") else "page.refused.other"
