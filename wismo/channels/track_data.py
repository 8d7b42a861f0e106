"""What the tracking page states about one order, gathered from the same tools and wording as the chat.

The signed link is the proof (track_tokens), so everything here reads the order as verified. Nothing
here writes HTML: `gather` returns the facts (status, sentence, delivery window, notices, pickup
options, returnable items, the one offer) for track_view to lay out. Run it inside the page's
language (`formats.language`): the sentence and every date are written in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from ..agent.policy import status_plan
from ..domain.models import Order, PickupPoint
from ..domain.status import FINAL_STATUSES, ShipmentStatus
from ..i18n.catalog import word
from ..tools import offers, pickup, returns, seasonal
from ..tools.context import ToolContext
from ..tools.evidence import Fact, ToolRefused
from ..tools.records import OfferImpression
from ..tools.tracking import Tracking, track_order
from .track_records import TrackPageEvent
from .track_tokens import TrackClaim

S = ShipmentStatus
#: Statuses whose page explains what happened and offers pickup alternatives with a redirect.
REDIRECT_STATUSES = frozenset({S.ATTEMPT_FAILED, S.EXCEPTION})


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


def tool_context(agent, claim: TrackClaim) -> ToolContext:
    """The tools' context for a link: a conversation of its own, verified for the link's order."""
    return ToolContext(agent.store, f"track:{claim.token_id}", verified_order=claim.order_key, now=agent.store.now())


def record_event(engine: Engine, claim: TrackClaim, kind: str, ref: str | None = None) -> None:
    from ..domain.db import session

    with session(engine) as s:
        now = datetime.now(UTC)
        s.add(TrackPageEvent(token_id=claim.token_id, order_key=claim.order_key, kind=kind, ref=ref, at=now))
        s.commit()


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
    record_event(agent.engine, claim, "offer_impression", token)
    return {"title": fact.label, "text": fact.values["text"], "url": fact.values["url"]}


def _sentence(agent, plan: dict, status: ShipmentStatus) -> str:
    fields = dict(plan["fields"])
    if status not in FINAL_STATUSES:
        fields["eta_sentence"] = ""  # the page shows the window in its own box, with its source
    if status is S.ATTEMPT_FAILED and {"last_time", "last_event"} <= fields.keys():
        # The page lists the pickup options itself; the chat's "just ask me for pickup options" does not apply.
        return word("page.attempt_failed", **fields)
    return agent.services.templates.render(plan["template"], **fields).strip()


def gather(agent, claim: TrackClaim, order: Order) -> PageData:
    """Everything the page states, from the same tools and wording as the chat."""
    ctx = tool_context(agent, claim)
    trackings = track_order(ctx, claim.order_key)
    if not trackings:
        return PageData(order, None, 0, S.PENDING, word("page.waiting", number=order.number), None)
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
    sentence = _sentence(agent, status_plan(main, ctx, eta), status)
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
