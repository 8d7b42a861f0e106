"""The numbers ops watches, defined once (docs/metrics.md) and computed from the store.

A period is [since, until) in wall-clock UTC. Order counts use the store's own clock (a demo store
is frozen in time): the same-length window ending at min(until, store clock). Parts owned by other
modules (offers, returns, proactive updates) are imported lazily and reported as null when absent.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import Conversation, Handoff, Message, Order, UnresolvedTurn
from ..handoff.records import AnswerFlag, CsatRating, ensure_tables
from .eta_accuracy import accuracy as eta_accuracy  # delivery windows told vs delivered

log = logging.getLogger("wismo.ops.metrics")

REPEAT_WINDOW = timedelta(hours=24)
DEFAULT_PERIOD = timedelta(days=30)
_REL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.I)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

#: (name, [(module, function), ...]): the first that imports and exists fills the metric.
OPTIONAL = {
    "offers": [("wismo.tools.offers", "offer_metrics"), ("wismo.tools.offers", "ops_metrics")],
    "returns": [("wismo.tools.returns", "return_metrics"), ("wismo.tools.returns", "ops_metrics")],
    "proactive": [
        ("wismo.channels.proactive", "proactive_stats"),
        ("wismo.channels.proactive", "ops_metrics"),
        ("wismo.tools.proactive", "proactive_stats"),
        ("wismo.proactive", "proactive_stats"),
    ],
}


def utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def parse_when(value: str | None, now: datetime) -> datetime | None:
    """`1d`, `12h`, `30m`, `2w` (before now), an ISO date or datetime; None stays None."""
    if value is None or not str(value).strip():
        return None
    m = _REL_RE.match(str(value))
    if m:
        return now - timedelta(**{_UNITS[m.group(2).lower()]: float(m.group(1))})
    try:
        return utc(datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")))
    except ValueError as exc:
        raise ValueError(f"cannot read {value!r} as a time: use 1d, 12h, 2025-12-01 or an ISO datetime") from exc


def _optional(name: str, engine: Engine, since: datetime, until: datetime) -> dict | None:
    for module_name, fn_name in OPTIONAL[name]:
        try:
            fn = getattr(importlib.import_module(module_name), fn_name)
        except (ImportError, AttributeError):
            continue
        try:
            params = inspect.signature(fn).parameters
            kwargs = {k: v for k, v in (("since", since), ("until", until)) if k in params}
            return fn(engine, **kwargs)
        except Exception:
            log.exception("metric %s from %s.%s failed", name, module_name, fn_name)
            return None
    return None


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def compute(
    engine: Engine, since: datetime | None = None, until: datetime | None = None, store_now: datetime | None = None
) -> dict[str, Any]:
    """Every metric of docs/metrics.md for [since, until) (default: the last 30 days)."""
    ensure_tables(engine)
    until = utc(until or datetime.now(UTC))
    since = utc(since or until - DEFAULT_PERIOD)
    with session(engine) as s:
        convs = list(
            s.exec(select(Conversation).where(Conversation.created_at >= since, Conversation.created_at < until))
        )
        talked = set(
            s.exec(
                select(Message.conversation_id)
                .where(Message.role == "customer", Message.created_at >= since)
                .distinct()
            )
        )
        convs = [c for c in convs if c.id in talked]
        ids = {c.id for c in convs}
        handed = (
            {
                h.conversation_id: h
                for h in s.exec(select(Handoff).where(col(Handoff.conversation_id).in_(ids)).order_by(col(Handoff.id)))
            }
            if ids
            else {}
        )
        period_handoffs = list(s.exec(select(Handoff).where(Handoff.created_at >= since, Handoff.created_at < until)))
        orders_keys = {c.verified_order for c in convs if c.verified_order}
        later: dict[str, list[datetime]] = {}
        if orders_keys:
            for key, created in s.exec(
                select(Conversation.verified_order, Conversation.created_at).where(
                    col(Conversation.verified_order).in_(orders_keys),
                    Conversation.created_at >= since,
                    Conversation.created_at < until + REPEAT_WINDOW,
                )
            ):
                later.setdefault(key, []).append(utc(created))
        store_end = min(until, utc(store_now)) if store_now else until
        store_start = store_end - (until - since)
        orders = s.exec(
            select(func.count()).select_from(Order).where(Order.placed_at >= store_start, Order.placed_at < store_end)
        ).one()
        ratings = list(s.exec(select(CsatRating).where(CsatRating.created_at >= since, CsatRating.created_at < until)))
        flags = s.exec(
            select(func.count())
            .select_from(AnswerFlag)
            .where(AnswerFlag.created_at >= since, AnswerFlag.created_at < until)
        ).one()
        unresolved = s.exec(
            select(func.count())
            .select_from(UnresolvedTurn)
            .where(UnresolvedTurn.created_at >= since, UnresolvedTurn.created_at < until)
        ).one()

    def repeated(c: Conversation) -> bool:
        if not c.verified_order:
            return False
        start = utc(c.created_at)
        return any(start < t <= start + REPEAT_WINDOW for t in later.get(c.verified_order, []))

    n = len(convs)
    deflected = [c for c in convs if c.id not in handed and not repeated(c)]
    up = sum(r.score > 0 for r in ratings)
    down = sum(r.score < 0 for r in ratings)
    days: dict[str, Counter] = {}
    deflected_ids = {c.id for c in deflected}
    for c in convs:
        day = days.setdefault(utc(c.created_at).date().isoformat(), Counter())
        day["conversations"] += 1
        day["deflected"] += c.id in deflected_ids
    for h in period_handoffs:
        days.setdefault(utc(h.created_at).date().isoformat(), Counter())["handoffs"] += 1
    for r in ratings:
        days.setdefault(utc(r.created_at).date().isoformat(), Counter())["csat_up" if r.score > 0 else "csat_down"] += 1
    series = [
        {
            "day": d,
            "conversations": c["conversations"],
            "handoffs": c["handoffs"],
            "deflected": c["deflected"],
            "deflection_rate": _rate(c["deflected"], c["conversations"]),
            "csat_up": c["csat_up"],
            "csat_down": c["csat_down"],
        }
        for d, c in sorted(days.items())
    ]
    store_span = (store_start.isoformat(), store_end.isoformat())
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "conversations": n,
        "deflected": len(deflected),
        "deflection_rate": _rate(len(deflected), n),
        "handoffs": len(period_handoffs),
        "handoff_rate": _rate(len(handed), n),
        "handoffs_by_reason": dict(Counter(h.reason for h in period_handoffs).most_common()),
        "orders": orders,
        "orders_period": {"since": store_span[0], "until": store_span[1]},
        "contact_rate_per_100_orders": round(100 * n / orders, 2) if orders else None,
        "unresolved_turns": unresolved,
        "flagged_answers": flags,
        "csat": {"responses": up + down, "up": up, "down": down, "score": _rate(up, up + down)},
        "eta_accuracy": eta_accuracy(engine, store_start, store_end),
        "offers": _optional("offers", engine, since, until),
        "returns": _optional("returns", engine, since, until),
        "proactive": _optional("proactive", engine, since, until),
        "series": series,
    }
