"""Offers: one relevant suggestion, rarely, and only when the customer's question is already answered.

Rules are data (wismo/prompts/offers.yaml). Sparse by design: at most one offer per conversation,
never while the shipment has a problem, during a complaint or a handoff, outside the channel's
free messaging window, or more than once per customer per `frequency_cap_days`. Every offer is a
tracked link `/o/<token>`: impressions, clicks and attributed orders are recorded so ops can see
click-through, conversion and AOV uplift.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from statistics import mean

import yaml
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.catalog import PRODUCTS
from ..domain.db import session
from ..domain.models import Order, OrderLine
from ..domain.status import ShipmentStatus
from ..domain.store import Store
from ..i18n import DEFAULT_LANGUAGE, wording
from ..i18n.formats import current
from .context import ToolContext
from .evidence import Fact
from .records import OfferClick, OfferConversion, OfferImpression


@dataclass(frozen=True)
class OfferRule:
    id: str
    title: str
    text: str
    target_sku: str
    url: str
    skus: frozenset[str]
    categories: frozenset[str]
    season: tuple[tuple[int, int], tuple[int, int]] | None
    weight: float
    discount_pct: int = 0

    def in_season(self, day: date) -> bool:
        if self.season is None:
            return True
        start, end = self.season
        md = (day.month, day.day)
        return start <= md <= end if start <= end else (md >= start or md <= end)

    def relevance(self, skus: set[str], categories: set[str]) -> float:
        """1.0 x weight for a matching item, 0.6 x weight for a matching category, else 0."""
        if self.skus & skus:
            return self.weight
        if self.categories & categories:
            return round(0.6 * self.weight, 3)
        return 0.0


@dataclass(frozen=True)
class OfferConfig:
    min_score: float
    frequency_cap: timedelta
    attribution: timedelta
    quiet_statuses: frozenset[str]
    offers: tuple[OfferRule, ...]


def _md(text: str) -> tuple[int, int]:
    month, day = str(text).split("-")
    return int(month), int(day)


@lru_cache(maxsize=1)
def config() -> OfferConfig:
    raw = yaml.safe_load(resources.files("wismo.prompts").joinpath("offers.yaml").read_text("utf-8"))
    rules = []
    for o in raw["offers"]:
        season = o.get("season")
        rules.append(
            OfferRule(
                id=o["id"],
                title=o["title"],
                text=o["text"],
                target_sku=o["target_sku"],
                url=o["url"],
                skus=frozenset(o.get("skus") or ()),
                categories=frozenset(o.get("categories") or ()),
                season=(_md(season[0]), _md(season[1])) if season else None,
                weight=float(o.get("weight", 1.0)),
                discount_pct=int(o.get("discount_pct", 0)),
            )
        )
    return OfferConfig(
        min_score=float(raw.get("min_score", 0.5)),
        frequency_cap=timedelta(days=int(raw.get("frequency_cap_days", 7))),
        attribution=timedelta(days=int(raw.get("attribution_days", 7))),
        quiet_statuses=frozenset(raw.get("quiet_statuses") or ()),
        offers=tuple(rules),
    )


@lru_cache(maxsize=8)
def _translations(lang: str) -> dict[str, dict[str, str]]:
    """`offers.<lang>.yaml`: each offer's title and text in that language, by id ({} for English)."""
    path = resources.files("wismo.prompts").joinpath(f"offers.{lang}.yaml")
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return {}
    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    return {o["id"]: o for o in raw.get("offers") or []}


def localized(rule: OfferRule, lang: str | None = None) -> tuple[str, str]:
    """The offer's title and text in the conversation's language (the English rule's otherwise)."""
    tr = _translations(lang or current()).get(rule.id) or {}
    return tr.get("title", rule.title), tr.get("text", rule.text)


def base_sku(sku: str) -> str:
    """`HAT-WOOL-02` -> `HAT-WOOL` (order lines carry the variant index as a suffix)."""
    return sku.rsplit("-", 1)[0] if sku.count("-") >= 2 else sku


def _customer_skus(engine: Engine, customer_id: int) -> set[str]:
    with session(engine) as s:
        stmt = select(OrderLine.sku).join(Order, col(Order.id) == col(OrderLine.order_id))
        return {base_sku(sku) for sku in s.exec(stmt.where(Order.customer_id == customer_id))}


def offer_block(ctx: ToolContext, order: Order, channel_window_open: bool, conversation_state: dict) -> str | None:
    """Why no offer may be made now (a reason code), or None when one may."""
    if not conversation_state.get("answered"):
        return "not_answered"
    if conversation_state.get("complaint"):
        return "complaint"
    if conversation_state.get("handoff") or conversation_state.get("mode") in ("human", "closed"):
        return "handoff"
    if not channel_window_open:
        return "channel_window_closed"
    if conversation_state.get("offer_shown"):
        return "already_offered"
    assert order.id is not None
    quiet = config().quiet_statuses
    if any(ShipmentStatus(s.status).value in quiet for s in ctx.store.shipments(order.id)):
        return "shipment_problem"
    # One query for both: an offer in this conversation, or one to this customer within the cap.
    here = col(OfferImpression.conversation_id) == ctx.conversation_id
    recent = (col(OfferImpression.customer_id) == order.customer_id) & (
        col(OfferImpression.shown_at) > ctx.now - config().frequency_cap
    )
    with session(ctx.store.engine) as s:
        row = s.exec(select(here).where(here | recent).order_by(here.desc()).limit(1)).first()
    if row is None:
        return None
    return "already_offered" if row else "frequency_cap"


def rank_offers(engine: Engine, order: Order, today: date) -> list[tuple[float, OfferRule]]:
    """Offers that fit this order, in season, for an item the customer does not own, best first."""
    assert order.id is not None
    with session(engine) as s:
        lines = list(s.exec(select(OrderLine).where(OrderLine.order_id == order.id)))
    skus = {base_sku(ln.sku) for ln in lines}
    categories = {ln.category for ln in lines}
    owned = _customer_skus(engine, order.customer_id) | skus
    cfg = config()
    ranked = []
    for rule in cfg.offers:
        if rule.target_sku in owned or not rule.in_season(today):
            continue
        score = rule.relevance(skus, categories)
        if score >= cfg.min_score:
            ranked.append((score, rule))
    return sorted(ranked, key=lambda x: (-x[0], x[1].id))


def pick_offer(ctx: ToolContext, order_key: str, channel_window_open: bool, conversation_state: dict) -> Fact | None:
    """The one offer worth making now, recorded as an impression with a tracked link; else None.

    `conversation_state` keys the caller fills: `answered` (the customer's question was answered
    this turn), `complaint`, `handoff`, `mode`, `offer_shown`, `channel`.
    """
    key = ctx.require_verified(order_key)
    order = ctx.order(key)
    if order is None or order.id is None:
        return None
    if offer_block(ctx, order, channel_window_open, conversation_state) is not None:
        return None
    ranked = rank_offers(ctx.store.engine, order, wording.local(ctx.now, order.timezone).date())
    if not ranked:
        return None
    score, rule = ranked[0]
    token = secrets.token_urlsafe(12)
    with session(ctx.store.engine) as s:
        s.add(
            OfferImpression(
                token=token,
                offer_id=rule.id,
                target_sku=rule.target_sku,
                conversation_id=ctx.conversation_id,
                customer_id=order.customer_id,
                order_id=order.id,
                channel=conversation_state.get("channel"),
                score=score,
                url=rule.url,
                shown_at=ctx.now,
            )
        )
        s.commit()
    product = next((p for p in PRODUCTS if p.sku == rule.target_sku), None)
    title, text = localized(rule)
    values = {
        "text": text,
        "url": f"/o/{token}",
        "offer_id": rule.id,
        "sku": rule.target_sku,
        "score": score,
        "discount_pct": rule.discount_pct,
    }
    if product is not None:
        values |= {"name": product.name, "amount": product.price}
    return Fact(f"offer:{rule.id}", title, values)


# ---------------------------------------------------------------------------- clicks and conversions
def record_click(engine: Engine, token: str, at: datetime) -> str | None:
    """Record a click on a tracked link; the offer's URL, or None for an unknown token."""
    with session(engine) as s:
        imp = s.exec(select(OfferImpression).where(OfferImpression.token == token)).first()
        if imp is None or imp.id is None:
            return None
        s.add(OfferClick(impression_id=imp.id, clicked_at=at))
        s.commit()
        return imp.url


def _aware(dt: datetime) -> datetime:
    from datetime import UTC

    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def attribute_conversions(engine: Engine, now: datetime) -> int:
    """Attribute new orders to offers: same customer, offered item bought within the window. Returns new ones."""
    window = config().attribution
    made = 0
    with session(engine) as s:
        done = set(s.exec(select(OfferConversion.impression_id)))
        for imp in s.exec(select(OfferImpression).order_by(col(OfferImpression.id))).all():
            if imp.id in done:
                continue
            shown = _aware(imp.shown_at)
            stmt = (
                select(Order)
                .where(
                    Order.customer_id == imp.customer_id,
                    col(Order.placed_at) > shown,
                    col(Order.placed_at) <= min(shown + window, now),
                    col(Order.id) != imp.order_id,
                )
                .order_by(col(Order.placed_at))
            )
            for order in s.exec(stmt).all():
                skus = {base_sku(sku) for sku in s.exec(select(OrderLine.sku).where(OrderLine.order_id == order.id))}
                if imp.target_sku not in skus:
                    continue
                clicks = s.exec(
                    select(OfferClick.id).where(
                        OfferClick.impression_id == imp.id, col(OfferClick.clicked_at) <= order.placed_at
                    )
                ).first()
                assert imp.id is not None and order.id is not None
                s.add(
                    OfferConversion(
                        impression_id=imp.id,
                        order_id=order.id,
                        order_total=order.total,
                        clicked=clicks is not None,
                        converted_at=order.placed_at,
                    )
                )
                made += 1
                break
        s.commit()
    return made


def offer_metrics(engine: Engine) -> dict:
    """Impressions, click-through, offer conversion and AOV uplift (attributed orders vs the rest)."""
    with session(engine) as s:
        imps = list(s.exec(select(OfferImpression)))
        clicked = set(s.exec(select(OfferClick.impression_id)))
        convs = list(s.exec(select(OfferConversion)))
        totals = list(s.exec(select(Order.id, Order.total)))
    attributed = {c.order_id for c in convs}
    baseline = [t for oid, t in totals if oid not in attributed]
    aov_offer = mean(c.order_total for c in convs) if convs else None
    aov_base = mean(baseline) if baseline else None
    by_offer: dict[str, dict] = {}
    conv_by_imp = {c.impression_id for c in convs}
    for imp in imps:
        row = by_offer.setdefault(imp.offer_id, {"impressions": 0, "clicks": 0, "conversions": 0})
        row["impressions"] += 1
        row["clicks"] += int(imp.id in clicked)
        row["conversions"] += int(imp.id in conv_by_imp)
    n = len(imps)
    return {
        "impressions": n,
        "clicks": len(clicked),
        "click_through_rate": round(len(clicked) / n, 3) if n else None,
        "conversions": len(convs),
        "conversion_rate": round(len(convs) / n, 3) if n else None,
        "click_conversions": sum(c.clicked for c in convs),
        "attributed_revenue": round(sum(c.order_total for c in convs), 2),
        "aov_offer": round(aov_offer, 2) if aov_offer is not None else None,
        "aov_baseline": round(aov_base, 2) if aov_base is not None else None,
        "aov_uplift": round(aov_offer / aov_base - 1, 3) if aov_offer and aov_base else None,
        "by_offer": by_offer,
    }


# ---------------------------------------------------------------------------- tracked links
router = APIRouter(tags=["offers"])


def _engine_of(request: Request) -> Engine:
    getter = getattr(request.app.state, "get_agent", None)
    if getter is not None:
        return getter().engine
    from ..config import get_settings
    from ..domain.db import get_engine

    return get_engine(get_settings().store_url)


@router.get("/o/{token}", summary="Follow a tracked offer link", response_class=RedirectResponse, status_code=302)
def follow_offer(token: str, request: Request) -> RedirectResponse:
    """Record the click, then send the customer to the offer's page."""
    engine = _engine_of(request)
    url = record_click(engine, token, Store(engine).now())
    if url is None:
        raise HTTPException(404, "No offer behind that link.")
    return RedirectResponse(url, status_code=302)
