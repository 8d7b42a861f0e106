"""EasyPost tracker webhooks -> `TrackingUpdate`.

Event `tracker.created` / `tracker.updated` with `result` (the Tracker: `tracking_code`, `status`,
`status_detail`, `tracking_details[]`, `est_delivery_date`, `carrier`). At-least-once delivery,
so the event `id` is claimed once. Signed with `X-Hmac-Signature: hmac-sha256-hex=<hex>`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..domain.status import from_easypost
from ..untrusted import dicts, obj, text
from .aftership import PayloadError
from .apply import EventIn, TrackingUpdate, parse_time

EVENTS = ("tracker.created", "tracker.updated")


def event_id(payload: dict[str, Any], body: bytes) -> str:
    return text(payload.get("id"), 200) or "sha256:" + hashlib.sha256(body).hexdigest()


def to_update(payload: dict[str, Any]) -> TrackingUpdate:
    description = text(payload.get("description"), 64)
    if description not in EVENTS:
        raise PayloadError(f"unsupported event {description!r}")
    result = obj(payload.get("result"))
    tracking_number = text(result.get("tracking_code"), 64)
    if not tracking_number:
        raise PayloadError("result.tracking_code is missing")
    try:
        status = from_easypost(text(result.get("status"), 64) or "", text(result.get("status_detail"), 64))
    except ValueError as exc:
        raise PayloadError(str(exc)) from None
    events = []
    for d in dicts(result.get("tracking_details")):
        when = parse_time(d.get("datetime"))
        if when is None:
            continue
        try:
            d_status = from_easypost(text(d.get("status"), 64) or "", text(d.get("status_detail"), 64))
        except ValueError:
            continue
        loc = obj(d.get("tracking_location"))
        events.append(
            EventIn(
                d_status, text(d.get("message")) or "", when, text(loc.get("city"), 128), text(loc.get("state"), 64)
            )
        )
    est = text(result.get("est_delivery_date"), 64)
    return TrackingUpdate(
        source="easypost",
        tracking_number=tracking_number,
        status=status,
        events=events,
        estimate_start=est,
        estimate_end=est,
        occurred_at=parse_time(result.get("updated_at")),
    )
