"""The workers' side of carrier and Shopify webhooks: one stored queue item in, the store updated.

A carrier event is applied, its proactive notice planned (row + outbox item) and its queue item
ended in one commit: a worker that dies before the commit leaves nothing half done, and the event
is applied again, whole, by whoever takes the item next. Shopify's order webhooks write the order
and its fulfillments in several steps; each step is an upsert, so a repeat changes nothing, and
the notices their shipment updates deserve are planned with the end of the item.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from ..channels.proactive import Notifier
from ..domain import work_queue as wq
from ..domain.db import session
from . import aftership, easypost, shopify
from .aftership import PayloadError
from .apply import apply_in

log = logging.getLogger("wismo.connectors")

MAPPERS = {"aftership": aftership, "easypost": easypost}


def process_tracking(notifier: Notifier, item: dict[str, Any], owner: str) -> str:
    """Apply one carrier event; returns `applied` or `unknown_tracking_number`."""
    source, event_id = item["source"], item["event_id"]
    try:
        update = MAPPERS[source].to_update(item["payload"]["body"])
    except PayloadError as exc:
        raise wq.GiveUp(f"unreadable payload: {exc}") from None
    now = datetime.now(UTC)
    with session(notifier.engine) as s:
        result = apply_in(s, update, now)
        if result is not None:
            notifier.plan(s, result, f"{source}:{event_id}", now)
        wq.finish(s, "inbound", item["id"], owner)
        s.commit()
    if result is None:
        log.warning("%s update for an unknown tracking number ignored (event %s)", source, event_id)
        return "unknown_tracking_number"
    wq.nudge()
    return "applied"


def process_shopify(notifier: Notifier, item: dict[str, Any], owner: str) -> str:
    """Upsert one Shopify order or fulfillment; returns `applied` or `unknown_order`."""
    topic, body = item["payload"]["topic"], item["payload"]["body"]
    try:
        result = shopify.handle(notifier.engine, topic, body)
    except PayloadError as exc:
        raise wq.GiveUp(f"unreadable payload: {exc}") from None
    now = datetime.now(UTC)
    key = f"shopify:{item['event_id']}"
    with session(notifier.engine) as s:
        for i, update in enumerate(result.updates):
            notifier.plan(s, update, key if len(result.updates) == 1 else f"{key}:{i}", now)
        wq.finish(s, "inbound", item["id"], owner)
        s.commit()
    if result.order_key is None:
        log.warning("shopify %s for an unknown order ignored (event %s)", topic, item["event_id"])
        return "unknown_order"
    wq.nudge()
    return "applied"
