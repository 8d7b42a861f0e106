"""The branded tracking page: /track/{token}, one order's status without a login.

The signed link is the proof (track_tokens), so the page may show that order's status, timeline,
delivery window, pickup alternatives with a confirmed redirect, seasonal notices, a return entry
point and at most one offer, all from the same tools and wording the chat uses. It never shows the
email or street address: the city is enough to recognise a parcel. The chat widget opens on a
conversation already verified for this order, so "when will it arrive?" is answered at once.

Server-rendered HTML, no framework and no CDN; brand name, logo, colour and tone from configuration.
Views, offer impressions, chats, returns and redirects started here are recorded (track_records) for
`tracking_page_stats`.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine
from sqlmodel import col, func, select

from ..agent import wording
from ..agent.policy import eta_source, status_plan
from ..domain.models import Conversation, Handoff, Order, PickupPoint
from ..domain.status import FINAL_STATUSES, STATUS_PHRASES, ShipmentStatus
from ..tools import offers, pickup, redirect, returns, seasonal
from ..tools.context import ToolContext
from ..tools.evidence import Fact, ToolRefused
from ..tools.records import OfferClick, OfferImpression
from ..tools.tracking import Tracking, carrier_name, track_order
from .track_records import TrackPageEvent, TrackPageView, ensure_tables
from .track_tokens import TrackClaim, verify_token

S = ShipmentStatus
WEB_DIR = Path(__file__).resolve().parents[1] / "web"
DEFAULT_BRAND_COLOR = "#0f5257"
ASSET_CACHE = "public, max-age=300"
RETURN_TEXT = "I want to return an item"
#: Statuses whose page explains what happened and offers pickup alternatives with a redirect.
REDIRECT_STATUSES = frozenset({S.ATTEMPT_FAILED, S.EXCEPTION})

HEADLINES: dict[ShipmentStatus, str] = {
    S.PENDING: "Getting your order ready",
    S.INFO_RECEIVED: "Label created, waiting for the carrier",
    S.IN_TRANSIT: "On its way",
    S.OUT_FOR_DELIVERY: "Out for delivery",
    S.ATTEMPT_FAILED: "Delivery attempt failed",
    S.AVAILABLE_FOR_PICKUP: "Ready for pickup",
    S.DELIVERED: "Delivered",
    S.EXCEPTION: "Held up in transit",
    S.DELAYED: "Running late",
    S.RETURNED_TO_SENDER: "Returning to us",
    S.EXPIRED: "Tracking has stopped",
}
#: The progress bar's steps and the step each status has reached.
STEPS = ("Ordered", "Shipped", "Out for delivery", "Delivered")
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
#: (what it means, what to do) for statuses that need an explanation. {carrier} is filled in.
EXPLAIN: dict[ShipmentStatus, tuple[str, str]] = {
    S.ATTEMPT_FAILED: (
        "{carrier} came to deliver your parcel but could not hand it over.",
        "Carriers usually try again on the next business day. If you won't be in, have it held at a pickup "
        "point near you instead: choose one below and confirm.",
    ),
    S.EXCEPTION: (
        "Something stopped your parcel in {carrier}'s network, so it is not moving right now.",
        "Most exceptions clear once the carrier sorts them out. You can have the parcel held at a pickup point "
        "below, or ask us in the chat and a person will follow up.",
    ),
    S.DELAYED: (
        "Your parcel is behind schedule with {carrier}.",
        "There is nothing you need to do: the delivery window above already allows for the delay. "
        "Ask us in the chat if the date matters.",
    ),
    S.RETURNED_TO_SENDER: (
        "{carrier} could not deliver your parcel and is sending it back to us.",
        "Ask us in the chat: we will reship it or refund you once it arrives.",
    ),
    S.EXPIRED: (
        "{carrier} stopped updating this tracking number.",
        "Ask us in the chat and a person will look into it with the carrier.",
    ),
}
GREETING = {
    "friendly": "Hi! Here's the latest on your order.",
    "formal": "Here is the latest information about your order.",
}

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")

#: The page's only script: shows the chat buttons, creates the verified conversation on first use (once per
#: link, kept in localStorage), then loads the widget pinned to it. Without JS the page links to /chat.
TRACK_JS = """
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("track-config").textContent);
  var KEY = "wismo.track:" + cfg.tid;
  function get() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function put(v) { try { localStorage.setItem(KEY, v); } catch (e) { /* private mode */ } }
  var loading = null;
  function load(cid) {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = cfg.widget;
      s.setAttribute("data-conversation-id", cid);
      s.onload = function () { waitReady(resolve); };
      s.onerror = function () { loading = null; reject(new Error("chat unavailable")); };
      document.body.appendChild(s);
    });
    return loading;
  }
  function waitReady(done) {
    var started = Date.now();
    (function poll() {
      var host = document.getElementById("wismo-chat-widget");
      var ready = host && host.shadowRoot && host.shadowRoot.querySelector(".wismo[data-ready]");
      if (ready || Date.now() - started > 8000) done(window.WismoChat); else setTimeout(poll, 40);
    })();
  }
  function start(purpose) {
    var body = { view: cfg.view, nonce: cfg.nonce, purpose: purpose };
    var known = get();
    if (known) body.conversation_id = known;
    return fetch(cfg.chat, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error("chat unavailable");
      return r.json();
    }).then(function (d) { put(d.conversation_id); return load(d.conversation_id); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-chat]"), function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      btn.setAttribute("aria-busy", "true");
      var purpose = btn.getAttribute("data-chat");
      var text = btn.getAttribute("data-chat-text");
      start(purpose).then(function (chat) {
        btn.removeAttribute("aria-busy");
        if (!chat) return;
        chat.open();
        if (text) chat.send(text);
      }, function () {
        btn.removeAttribute("aria-busy");
        location.href = "/chat";
      });
    });
  });
  document.documentElement.classList.add("js");
  if (get()) load(get());
  var done = document.getElementById("done");
  if (done) done.focus();
})();
"""

router = APIRouter(tags=["tracking page"])


# ----------------------------------------------------------------------------- brand and assets
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


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return (WEB_DIR / name).read_text(encoding="utf-8")


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
    # The token in the URL is a credential: never cached by others, never sent on as a referrer.
    return {
        "Cache-Control": "no-store",
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Robots-Tag": "noindex, nofollow",
    }


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


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


def _ctx(agent, claim: TrackClaim) -> ToolContext:
    return ToolContext(agent.store, f"track:{claim.token_id}", verified_order=claim.order_key, now=agent.store.now())


def _record_event(engine: Engine, claim: TrackClaim, kind: str, ref: str | None = None) -> None:
    from ..domain.db import session

    with session(engine) as s:
        now = datetime.now(UTC)
        s.add(TrackPageEvent(token_id=claim.token_id, order_key=claim.order_key, kind=kind, ref=ref, at=now))
        s.commit()


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


def _page(b: Brand, title: str, body: str, status: int = 200, config: dict | None = None) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    script = ""
    if config is not None:
        data = json.dumps(config, ensure_ascii=True).replace("</", "<\\/")
        script = (
            f'<script type="application/json" id="track-config">{data}</script>\n'
            f'<script nonce="{nonce}">{TRACK_JS}</script>'
        )
    logo = (
        f'<img class="brand-logo" src="{_esc(b.logo_url)}" alt="{_esc(b.name)}" height="32">'
        if b.logo_url
        else f'<span class="brand-name">{_esc(b.name)}</span>'
    )
    page = (
        _asset("track.html")
        .replace("{{title}}", _esc(title))
        .replace("{{brand_color}}", b.color)
        .replace("{{brand_contrast}}", b.contrast)
        .replace("{{brand_logo}}", logo)
        .replace("{{brand_name}}", _esc(b.name))
        .replace("{{year}}", str(datetime.now(UTC).year))
        .replace("{{body}}", body)
        .replace("{{script}}", script)
    )
    return HTMLResponse(page, status_code=status, headers=_headers(_csp(nonce, b.logo_url)))


def invalid_page(settings) -> HTMLResponse:
    """The one page for a forged, expired or revoked link (and an unknown order): no order data at all."""
    b = brand(settings)
    body = (
        '<section class="card invalid" aria-labelledby="invalid-h">'
        '<h1 id="invalid-h">This tracking link isn\'t valid</h1>'
        "<p>It may have expired or been replaced by a newer link. For your security we can't show anything "
        "about an order from it.</p>"
        f'<p>You can still track your order: open the <a href="/chat">chat</a> and give {_esc(b.bot)} your order '
        "number with the email or ZIP code on the order, or use the newest link we sent you.</p>"
        "</section>"
    )
    return _page(b, f"Tracking link not valid · {b.name}", body, status=404)


# ----------------------------------------------------------------------------- what the page shows
@dataclass
class PageData:
    order: Order
    tracking: Tracking | None
    parcels: int
    status: ShipmentStatus
    sentence: str
    eta: Fact | None
    notices: list[Fact] = field(default_factory=list)
    options: list[pickup.PickupOption] = field(default_factory=list)
    redirect_point: PickupPoint | None = None
    returnable: list[returns.LineEligibility] = field(default_factory=list)
    offer: dict | None = None


def _eta(agent, ctx: ToolContext, tracking: Tracking, notices: list[Fact]) -> Fact | None:
    fact = agent.services.eta(ctx, tracking) if agent.services.eta is not None else None
    if fact is None:
        fact = next((f for f in tracking.facts if f.source_id.startswith("eta:")), None)
    if fact is None or not notices:
        return fact
    start, end = seasonal.adjust_window(fact.values["window_start"], fact.values["window_end"], notices)
    if (start, end) == (fact.values["window_start"], fact.values["window_end"]):
        return fact
    return Fact(fact.source_id + ":adjusted", fact.label, {**fact.values, "window_start": start, "window_end": end})


def _existing_offer(engine: Engine, claim: TrackClaim) -> dict | None:
    """The offer this link already showed (one per link: a reload shows the same one, not a new one)."""
    from ..domain.db import session

    with session(engine) as s:
        ref = s.exec(
            select(TrackPageEvent.ref).where(
                TrackPageEvent.token_id == claim.token_id, TrackPageEvent.kind == "offer_impression"
            )
        ).first()
        imp = s.exec(select(OfferImpression).where(OfferImpression.token == ref)).first() if ref else None
    if imp is None:
        return None
    rule = next((r for r in offers.config().offers if r.id == imp.offer_id), None)
    return {"title": rule.title, "text": rule.text, "url": f"/o/{imp.token}"} if rule else None


def _offer(agent, ctx: ToolContext, claim: TrackClaim, status: ShipmentStatus) -> dict | None:
    """At most one offer, under the chat's rules (quiet while the parcel has a problem, frequency cap)."""
    if status.value in offers.config().quiet_statuses:
        return None
    shown = _existing_offer(agent.engine, claim)
    if shown is not None:
        return shown
    state = {"answered": True, "channel": "tracking_page", "mode": "bot"}
    fact = offers.pick_offer(ctx, claim.order_key, True, state)
    if fact is None:
        return None
    token = fact.values["url"].rsplit("/", 1)[-1]
    _record_event(agent.engine, claim, "offer_impression", token)
    return {"title": fact.label, "text": fact.values["text"], "url": fact.values["url"]}


def gather(agent, claim: TrackClaim, order: Order) -> PageData:
    """Everything the page states, from the same tools and wording as the chat."""
    ctx = _ctx(agent, claim)
    trackings = track_order(ctx, claim.order_key)
    if not trackings:
        sentence = f"Order {order.number} is confirmed and waiting to ship."
        return PageData(order, None, 0, S.PENDING, sentence, None)
    main = trackings[-1]
    status = main.status
    notices: list[Fact] = []
    if status not in FINAL_STATUSES:
        notices = [
            n
            for n in seasonal.active_notices(ctx.store, ctx.now, order.region, main.shipment.carrier)
            if n.values.get("kind") != "cutoff"
        ]
    eta = _eta(agent, ctx, main, notices)
    plan = status_plan(main, ctx, eta)
    fields = dict(plan["fields"])
    if status not in FINAL_STATUSES:
        fields["eta_sentence"] = ""  # the page shows the window in its own box, with its source
    sentence = agent.services.templates.render(plan["template"], **fields).strip()
    if status is S.ATTEMPT_FAILED:
        # The page lists the pickup options itself; the chat's "just ask me" does not apply here.
        sentence = sentence.split(" You can also pick it up", 1)[0]
    data = PageData(order, main, len(trackings), status, sentence, eta if status not in FINAL_STATUSES else None)
    data.notices = notices
    ship = main.shipment
    if status in REDIRECT_STATUSES:
        if ship.pickup_point_id is not None:
            data.redirect_point = ctx.store.pickup_point(ship.pickup_point_id)
        else:
            data.options = pickup.nearest(ctx, order, ship)
    if status is S.DELIVERED:
        try:
            data.returnable = [e for e in returns.eligibility(ctx, claim.order_key) if e.eligible]
        except ToolRefused:
            data.returnable = []
    data.offer = _offer(agent, ctx, claim, status)
    return data


# ----------------------------------------------------------------------------- rendering
def _timeline(tracking: Tracking) -> str:
    tz = tracking.timezone
    items = []
    events = list(reversed(tracking.events))
    for i, ev in enumerate(events):
        place = wording.place(ev.city, ev.region)
        status = ShipmentStatus(ev.status)
        current = ' aria-current="step"' if i == 0 else ""
        items.append(
            f'<li class="ev ev-{status.value}{" ev-latest" if i == 0 else ""}"{current}>'
            f'<span class="ev-dot" aria-hidden="true"></span>'
            f'<div class="ev-body"><p class="ev-desc">{_esc(ev.description)}</p>'
            f'<p class="ev-meta"><time datetime="{_esc(ev.occurred_at.isoformat())}">'
            f"{_esc(wording.moment(ev.occurred_at, tz))}</time>"
            + (f' <span class="ev-place">· {_esc(place)}</span>' if place else "")
            + "</p></div></li>"
        )
    if not items:
        return '<p class="muted">The carrier has no scans yet; they appear here as soon as it does.</p>'
    return '<ol class="timeline">' + "".join(items) + "</ol>"


def _progress(status: ShipmentStatus) -> str:
    reached = STEP_OF.get(status, 0)
    trouble = status in (S.ATTEMPT_FAILED, S.EXCEPTION, S.DELAYED, S.RETURNED_TO_SENDER, S.EXPIRED)
    steps = []
    for i, label in enumerate(STEPS):
        state = "done" if i < reached else ("now" if i == reached else "todo")
        if state == "now" and trouble:
            state = "trouble"
        current = ' aria-current="step"' if i == reached else ""
        steps.append(f'<li class="step step-{state}"{current}><span class="step-label">{label}</span></li>')
    return f'<ol class="progress" aria-label="Delivery progress">{"".join(steps)}</ol>'


def _hidden(view: int, nonce: str) -> str:
    return f'<input type="hidden" name="view" value="{view}"><input type="hidden" name="nonce" value="{_esc(nonce)}">'


def _pickup_section(data: PageData, token: str, view: int, nonce: str) -> str:
    tz = data.order.timezone
    tracking = data.tracking
    assert tracking is not None
    carrier = carrier_name(tracking.shipment.carrier)
    meaning, todo = EXPLAIN[data.status]
    last = tracking.events[-1].description if tracking.events else ""
    out = [
        '<section class="card help" aria-labelledby="help-h">',
        '<h2 id="help-h">What this means</h2>',
        f"<p>{_esc(meaning.format(carrier=carrier))}"
        + (f" The carrier says: <q>{_esc(last)}</q>." if last else "")
        + "</p>",
        '<h3 class="h3">What you can do</h3>',
        f"<p>{_esc(todo)}</p>",
    ]
    if data.redirect_point is not None:
        p = data.redirect_point
        held = tracking.shipment.held_until
        out.append(
            '<div class="banner ok" role="status"><strong>Redirect requested.</strong> '
            f"Your parcel will be held at {_esc(p.name)}, {_esc(p.street)}, {_esc(wording.place(p.city, p.region))}"
            + (f" until {_esc(wording.moment(held, tz))}" if held else "")
            + ". Bring a photo ID and your tracking number.</div>"
        )
    elif data.options:
        out.append(
            '<h3 class="h3" id="pickup-h">Pick it up near you instead</h3>'
            '<ul class="points" aria-labelledby="pickup-h">'
        )
        for opt in data.options:
            v = opt.fact.values
            phrase = opt.open_phrase(tz)
            hours = '<span class="open">Open now</span>' if opt.open_now else _esc(phrase[:1].upper() + phrase[1:])
            kind = {"locker": "Parcel locker", "store": "Our store", "carrier_point": f"{carrier} point"}.get(
                opt.point.kind, "Pickup point"
            )
            out.append(
                '<li class="point">'
                f'<div class="point-info"><p class="point-name">{_esc(v["name"])}</p>'
                f'<p class="point-addr">{_esc(v["street"])}, {_esc(wording.place(v["city"], v["region"]))}</p>'
                f'<p class="point-meta">{_esc(kind)} · {v["distance_km"]:.1f} km away · {hours}</p></div>'
                f'<form method="post" action="/track/{_esc(token)}/redirect">{_hidden(view, nonce)}'
                f'<input type="hidden" name="point" value="{_esc(opt.point.code)}">'
                f'<button class="btn btn-secondary" type="submit" aria-label="Pick up here: {_esc(v["name"])}">'
                "Pick up here</button></form></li>"
            )
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _explain_section(data: PageData) -> str:
    assert data.tracking is not None
    meaning, todo = EXPLAIN[data.status]
    carrier = carrier_name(data.tracking.shipment.carrier)
    return (
        '<section class="card help" aria-labelledby="help-h"><h2 id="help-h">What this means</h2>'
        f'<p>{_esc(meaning.format(carrier=carrier))}</p><h3 class="h3">What you can do</h3><p>{_esc(todo)}</p>'
        '<p><button class="btn btn-secondary" type="button" data-chat="chat" hidden>Ask us about it</button></p>'
        "</section>"
    )


def _notices_section(notices: list[Fact]) -> str:
    if not notices:
        return ""
    items = "".join(
        f'<li><p class="notice-title">{_esc(n.label)}</p><p>{_esc(n.values.get("text", ""))}</p></li>' for n in notices
    )
    return (
        '<section class="card notices" aria-labelledby="notices-h">'
        '<h2 id="notices-h">Service notices on your route</h2>'
        f'<ul class="notice-list">{items}</ul></section>'
    )


def _returns_section(data: PageData, b: Brand) -> str:
    tz = data.order.timezone
    if data.returnable:
        last = max(e.last_day for e in data.returnable if e.last_day is not None)
        count = sum(e.quantity for e in data.returnable)
        noun = "item" if count == 1 else "items"
        detail = f"{count} {noun} on this order can be returned or exchanged until {last:%A}, {last:%b} {last.day}."
    else:
        detail = "Not quite right? Ask us about returns and exchanges."
    del tz
    return (
        '<section class="card returns" aria-labelledby="returns-h"><h2 id="returns-h">Return or exchange</h2>'
        f"<p>{_esc(detail)}</p>"
        f'<p><button class="btn btn-secondary" type="button" data-chat="return" data-chat-text="{_esc(RETURN_TEXT)}" '
        f'hidden>Start a return or exchange</button><a class="btn btn-secondary js-hide" href="/chat">'
        f"Return or exchange with {_esc(b.bot)}</a></p></section>"
    )


def _offer_section(offer: dict | None) -> str:
    if not offer:
        return ""
    return (
        '<aside class="card offer" aria-labelledby="offer-h"><p class="eyebrow">You might also like</p>'
        f'<h2 id="offer-h">{_esc(offer["title"])}</h2><p>{_esc(offer["text"])}</p>'
        f'<p><a class="btn btn-secondary" href="{_esc(offer["url"])}" rel="noopener noreferrer">See it</a></p></aside>'
    )


def render_page(data: PageData, b: Brand, token: str, view: int, nonce: str, redirected: bool) -> str:
    order = data.order
    tz = order.timezone
    tracking = data.tracking
    status = data.status
    place = wording.place(order.city, order.region)
    parts = [
        '<section class="card hero status-' + status.value + '" aria-labelledby="status-h">',
        f'<p class="eyebrow">{_esc(GREETING.get(b.tone, GREETING["friendly"]))}</p>',
        f'<p class="order-line">Order <strong>{_esc(order.number)}</strong>'
        + (f" · to {_esc(place)}" if place else "")
        + "</p>",
        f'<h1 id="status-h"><span class="pill pill-{status.value}">{_esc(STATUS_PHRASES[status].capitalize())}</span>'
        f'<span class="headline">{_esc(HEADLINES[status])}</span></h1>',
        _progress(status),
        f'<p class="lead">{_esc(data.sentence)}</p>',
    ]
    if data.eta is not None and tracking is not None:
        window = wording.window(data.eta.values["window_start"], data.eta.values["window_end"], tz)
        parts.append(
            '<div class="eta"><h2 class="eta-h">Expected delivery</h2>'
            f'<p class="eta-window">{_esc(window[0].upper() + window[1:])}</p>'
            f'<p class="eta-src">Source: {_esc(eta_source(data.eta, tracking))}</p></div>'
        )
    parts.append(
        '<p class="hero-actions"><button class="btn btn-primary" type="button" data-chat="chat" hidden>'
        f"Ask {_esc(b.bot)} about this order</button>"
        '<a class="btn btn-primary js-hide" href="/chat">Chat with us</a></p></section>'
    )
    if redirected and data.redirect_point is not None:
        parts.append(
            '<div class="banner ok" role="status" tabindex="-1" id="done">Done: your parcel is being redirected to '
            f"{_esc(data.redirect_point.name)}.</div>"
        )
    if tracking is not None and status in REDIRECT_STATUSES:
        parts.append(_pickup_section(data, token, view, nonce))
    elif tracking is not None and status in EXPLAIN:
        parts.append(_explain_section(data))
    parts.append(_notices_section(data.notices))
    if status is S.DELIVERED:
        parts.append(_returns_section(data, b))
    if tracking is not None:
        ship = tracking.shipment
        many = (
            f'<p class="muted">This order ships in {data.parcels} parcels; this page follows the latest one.</p>'
            if data.parcels > 1
            else ""
        )
        parts.append(
            '<section class="card" aria-labelledby="history-h"><h2 id="history-h">Tracking history</h2>'
            f"{many}{_timeline(tracking)}"
            '<dl class="details">'
            f"<div><dt>Carrier</dt><dd>{_esc(carrier_name(ship.carrier))}</dd></div>"
            f"<div><dt>Service</dt><dd>{_esc(ship.service)}</dd></div>"
            f'<div><dt>Tracking number</dt><dd class="mono">{_esc(ship.tracking_number)}</dd></div>'
            "</dl></section>"
        )
    parts.append(_offer_section(data.offer))
    return "".join(parts)


# ----------------------------------------------------------------------------- routes
@router.get("/track.css", include_in_schema=False)
def track_css() -> Response:
    return Response(
        _asset("track.css"),
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": ASSET_CACHE, "X-Content-Type-Options": "nosniff"},
    )


@router.get("/track/{token}", response_class=HTMLResponse, summary="Branded tracking page for one order")
def tracking_page(token: str, request: Request, redirected: int = 0) -> HTMLResponse:
    agent = _agent(request)
    found = _claim(agent, token)
    if found is None:
        return invalid_page(agent.settings)
    claim, order = found
    b = brand(agent.settings)
    data = gather(agent, claim, order)
    nonce = secrets.token_urlsafe(24)
    from ..domain.db import session

    with session(agent.engine) as s:
        view = TrackPageView(
            token_id=claim.token_id,
            order_key=claim.order_key,
            nonce=nonce,
            status=data.status.value,
            viewed_at=datetime.now(UTC),
        )
        s.add(view)
        s.commit()
        s.refresh(view)
        view_id = int(view.id or 0)
    body = render_page(data, b, token, view_id, nonce, bool(redirected))
    config = {
        "tid": claim.token_id,
        "chat": f"/track/{token}/chat",
        "widget": "/widget.js",
        "view": view_id,
        "nonce": nonce,
    }
    return _page(b, f"Order {order.number}: {HEADLINES[data.status].lower()} · {b.name}", body, config=config)


def _message_page(b: Brand, token: str, title: str, text: str, status: int) -> HTMLResponse:
    body = (
        f'<section class="card" aria-labelledby="msg-h"><h1 id="msg-h">{_esc(title)}</h1><p>{_esc(text)}</p>'
        f'<p><a class="btn btn-primary" href="/track/{_esc(token)}">Back to your tracking page</a></p></section>'
    )
    return _page(b, f"{title} · {b.name}", body, status=status)


REFUSALS = {
    "already_delivered": "Your parcel has already been delivered, so it can't be redirected.",
    "other_carrier_network": "That pickup point is not in your carrier's network.",
    "parcel_too_large": "Your parcel is too large for that pickup point.",
    "unknown_point": "We couldn't find that pickup point.",
}


def _refused(b: Brand, token: str, reason: str) -> HTMLResponse:
    if reason.startswith("already_"):
        text = "Your parcel has already reached its final status, so it can't be redirected."
    else:
        text = REFUSALS.get(reason, "That redirect isn't possible.")
    return _message_page(b, token, "Can't redirect there", text, 409)


@router.post("/track/{token}/redirect", response_class=HTMLResponse, summary="Redirect to a pickup point")
async def redirect_parcel(token: str, request: Request) -> Response:
    """An HTML form post (point, view, nonce, confirm). Without `confirm=yes`: the confirm step, which
    lists what will happen and changes nothing. With it: the redirect, then back to the page."""
    raw = await request.body()
    form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10) if len(raw) <= 4096 else {}

    def one(name: str, limit: int = 64) -> str | None:
        value = (form.get(name) or [None])[0]
        return value[:limit] if value else None

    fields = (one("point"), one("view", 20), one("nonce"), one("confirm", 8))
    return await run_in_threadpool(_redirect, token, request, *fields)


def _redirect(
    token: str, request: Request, point: str | None, view: str | None, nonce: str | None, confirm: str | None
) -> Response:
    agent = _agent(request)
    found = _claim(agent, token)
    if found is None:
        return invalid_page(agent.settings)
    claim, order = found
    b = brand(agent.settings)
    if not _check_nonce(agent.engine, claim, view, nonce):
        text = "This form has expired. Open your tracking page again and choose once more."
        return _message_page(b, token, "Please try again", text, 403)
    if not point:
        return _refused(b, token, "unknown_point")
    ctx = _ctx(agent, claim)
    try:
        plan = redirect.plan_redirect(ctx, claim.order_key, point)
    except ToolRefused as exc:
        return _refused(b, token, exc.reason)
    if not plan.eligible:
        return _refused(b, token, plan.reason or "")
    if confirm == "yes":
        try:
            redirect.confirm_redirect(ctx, plan)
        except ToolRefused as exc:
            return _refused(b, token, exc.reason)
        _record_event(agent.engine, claim, "redirect_confirmed", plan.point_code)
        return RedirectResponse(f"/track/{token}?redirected=1#done", status_code=303)
    tz = plan.timezone
    steps = [
        f"We ask {carrier_name(plan.carrier)} to hold parcel {plan.tracking_number} at {plan.point_name}, "
        f"{plan.address}, instead of delivering it to your address.",
    ]
    if plan.ready_at is not None:
        steps.append(f"It will be ready for pickup from {wording.moment(plan.ready_at, tz)}.")
    if plan.held_until is not None:
        steps.append(f"It is held until {wording.moment(plan.held_until, tz)}; after that it comes back to us.")
    steps.append("Bring a photo ID and your tracking number when you collect it.")
    body = (
        '<section class="card confirm" aria-labelledby="confirm-h">'
        f'<p class="eyebrow">Order {_esc(order.number)}</p>'
        f'<h1 id="confirm-h">Pick up at {_esc(plan.point_name)}?</h1>'
        '<h2 class="h3">What will happen</h2><ul class="steps">'
        + "".join(f"<li>{_esc(s)}</li>" for s in steps)
        + '</ul><p class="muted">Nothing has changed yet.</p>'
        f'<form method="post" action="/track/{_esc(token)}/redirect" class="confirm-actions">'
        f"{_hidden(int(view), nonce)}"
        f'<input type="hidden" name="point" value="{_esc(plan.point_code)}">'
        '<input type="hidden" name="confirm" value="yes">'
        '<button class="btn btn-primary" type="submit">Yes, redirect my parcel</button>'
        f'<a class="btn btn-secondary" href="/track/{_esc(token)}">No, keep it as it is</a></form></section>'
    )
    return _page(b, f"Confirm pickup point · {b.name}", body)


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
        _record_event(agent.engine, claim, "chat_started", cid)
    if body.purpose == "return":
        _record_event(agent.engine, claim, "return_started", cid)
    return JSONResponse({"conversation_id": cid}, status_code=201, headers={"Cache-Control": "no-store"})


# ----------------------------------------------------------------------------- ops figures
def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def tracking_page_stats(engine: Engine, since: datetime | None = None) -> dict:
    """Page views, offer impressions and clicks, chats, returns and redirects started from the page, and
    whether visitors still contacted support (a handoff from a page chat, or a conversation on another
    channel verified for the same order after their first view)."""
    from ..domain.db import session

    ensure_tables(engine)
    with session(engine) as s:
        vq = select(TrackPageView)
        eq = select(TrackPageEvent)
        if since is not None:
            vq = vq.where(col(TrackPageView.viewed_at) >= since)
            eq = eq.where(col(TrackPageEvent.at) >= since)
        views = list(s.exec(vq))
        events = list(s.exec(eq))
        by_kind: dict[str, list[TrackPageEvent]] = {}
        for e in events:
            by_kind.setdefault(e.kind, []).append(e)
        offer_tokens = [e.ref for e in by_kind.get("offer_impression", []) if e.ref]
        clicked = 0
        if offer_tokens:
            clicked = s.exec(
                select(func.count(func.distinct(OfferClick.impression_id)))
                .join(OfferImpression, col(OfferImpression.id) == col(OfferClick.impression_id))
                .where(col(OfferImpression.token).in_(offer_tokens))
            ).one()
        chat_ids = [e.ref for e in by_kind.get("chat_started", []) if e.ref]
        handoff_convs = set()
        if chat_ids:
            stmt = select(Handoff.conversation_id).where(col(Handoff.conversation_id).in_(chat_ids))
            handoff_convs = set(s.exec(stmt))
        first_view: dict[str, datetime] = {}
        for v in views:
            at = _utc(v.viewed_at)
            if v.order_key not in first_view or at < first_view[v.order_key]:
                first_view[v.order_key] = at
        elsewhere: set[str] = set()
        if first_view:
            convs = s.exec(
                select(Conversation.verified_order, Conversation.created_at).where(
                    col(Conversation.verified_order).in_(list(first_view)), Conversation.channel != "tracking_page"
                )
            )
            elsewhere = {key for key, created in convs if key and _utc(created) >= first_view[key]}
    chat_orders = {e.order_key for e in by_kind.get("chat_started", [])}
    handoff_orders = {e.order_key for e in by_kind.get("chat_started", []) if e.ref in handoff_convs}
    contacted = (handoff_orders | elsewhere) & set(first_view)
    n_orders = len(first_view)
    impressions = len(offer_tokens)

    def rate(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "page_views": len(views),
        "links_viewed": len({v.token_id for v in views}),
        "orders_viewed": n_orders,
        "offer_impressions": impressions,
        "offer_clicks": int(clicked),
        "offer_click_through_rate": rate(int(clicked), impressions),
        "chats_started": len(by_kind.get("chat_started", [])),
        "chat_rate": rate(len(chat_orders & set(first_view)), n_orders),
        "returns_started": len(by_kind.get("return_started", [])),
        "redirects_confirmed": len(by_kind.get("redirect_confirmed", [])),
        "handoffs_from_page_chats": len(handoff_convs),
        "orders_contacting_support_elsewhere": len(elsewhere & set(first_view)),
        "orders_contacting_support": len(contacted),
        "support_contact_rate": rate(len(contacted), n_orders),
    }
