"""EasyPost tracker webhooks -> `TrackingUpdate`.

Event `tracker.created` / `tracker.updated` with `result` (the Tracker: `tracking_code`, `status`,
`status_detail`, `tracking_details[]`, `est_delivery_date`, `carrier`). At-least-once delivery,
so the event `id` is claimed once. Signed with `X-Hmac-Signature: hmac-sha256-hex=<hex>`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..domain.status import from_easypost
from .aftership import PayloadError
from .apply import EventIn, TrackingUpdate, parse_time

EVENTS = ("tracker.created", "tracker.updated")


def event_id(payload: dict[str, Any], body: bytes) -> str:
    return str(payload.get("id") or "sha256:" + hashlib.sha256(body).hexdigest())


def to_update(payload: dict[str, Any]) -> TrackingUpdate:
    if payload.get("description") not in EVENTS:
        raise PayloadError(f"unsupported event {payload.get('description')!r}")
    result = payload.get("result")
    if not isinstance(result, dict) or not result.get("tracking_code"):
        raise PayloadError("result.tracking_code is missing")
    try:
        status = from_easypost(str(result.get("status") or ""), result.get("status_detail"))
    except ValueError as exc:
        raise PayloadError(str(exc)) from None
    events = []
    for d in result.get("tracking_details") or []:
        if not isinstance(d, dict):
            continue
        when = parse_time(d.get("datetime"))
        if when is None:
            continue
        try:
            d_status = from_easypost(str(d.get("status") or ""), d.get("status_detail"))
        except ValueError:
            continue
        loc = d.get("tracking_location") or {}
        events.append(
            EventIn(d_status, str(d.get("message") or ""), when, loc.get("city") or None, loc.get("state") or None)
        )
    est = result.get("est_delivery_date")
    return TrackingUpdate(
        source="easypost",
        tracking_number=str(result["tracking_code"]),
        status=status,
        events=events,
        estimate_start=est,
        estimate_end=est,
        occurred_at=parse_time(result.get("updated_at")),
    )
