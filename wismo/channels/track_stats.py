"""The tracking page's figures for ops: views, offers, chats, returns and redirects started from the
page, and whether visitors still contacted support (track_records holds the raw events)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, func, select

from ..domain.models import Conversation, Handoff
from ..tools.records import OfferClick, OfferImpression
from .track_records import TrackPageEvent, TrackPageView, ensure_tables


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
