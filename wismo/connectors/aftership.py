"""AfterShip tracking webhooks -> `TrackingUpdate`.

Body: `ts`, `event` (`tracking_update` | `edd_revise`), `event_id`, `msg` (the tracking: `tag`,
`subtag`, `checkpoints[]`, `tracking_number`, `slug`, `latest_estimated_delivery`). Signed with
`aftership-hmac-sha256` = base64 HMAC-SHA256 of the raw body.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from ..domain.status import from_aftership
from .apply import EventIn, TrackingUpdate, parse_time

EVENTS = ("tracking_update", "edd_revise")


class PayloadError(ValueError):
    """The payload is JSON but not a tracking update we can read."""


def event_id(payload: dict[str, Any], body: bytes) -> str:
    """AfterShip's `event_id`, or a hash of the body when it is missing (a resend has the same bytes)."""
    return str(payload.get("event_id") or "sha256:" + hashlib.sha256(body).hexdigest())


def _estimate(msg: dict[str, Any]) -> tuple[str | None, str | None]:
    edd = msg.get("latest_estimated_delivery") or {}
    if isinstance(edd, dict) and edd:
        lo = edd.get("datetime_min") or edd.get("datetime")
        hi = edd.get("datetime_max") or edd.get("datetime")
        if lo or hi:
            return lo or hi, hi or lo
    expected = msg.get("expected_delivery")
    return (expected, expected) if isinstance(expected, str) and expected else (None, None)


def to_update(payload: dict[str, Any]) -> TrackingUpdate:
    msg = payload.get("msg")
    if not isinstance(msg, dict) or not msg.get("tracking_number"):
        raise PayloadError("msg.tracking_number is missing")
    if payload.get("event") not in EVENTS:
        raise PayloadError(f"unsupported event {payload.get('event')!r}")
    try:
        status = from_aftership(str(msg.get("tag") or ""), msg.get("subtag"))
    except ValueError as exc:
        raise PayloadError(str(exc)) from None
    events = []
    for cp in msg.get("checkpoints") or []:
        if not isinstance(cp, dict):
            continue
        when = parse_time(cp.get("checkpoint_time"))
        if when is None:
            continue
        try:
            cp_status = from_aftership(str(cp.get("tag") or msg.get("tag") or ""), cp.get("subtag"))
        except ValueError:
            continue
        text = cp.get("message") or cp.get("subtag_message") or cp.get("tag") or ""
        events.append(EventIn(cp_status, str(text), when, cp.get("city") or None, cp.get("state") or None))
    start, end = _estimate(msg)
    ts = payload.get("ts")
    occurred = datetime.fromtimestamp(int(ts), UTC) if isinstance(ts, int | float) else None
    return TrackingUpdate(
        source="aftership",
        tracking_number=str(msg["tracking_number"]),
        status=status,
        events=events,
        estimate_start=start,
        estimate_end=end,
        estimate_revised=payload.get("event") == "edd_revise",
        occurred_at=occurred,
    )
