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
from ..untrusted import dicts, obj, text
from .apply import EventIn, TrackingUpdate, parse_time

EVENTS = ("tracking_update", "edd_revise")


class PayloadError(ValueError):
    """The payload is JSON but not a tracking update we can read."""


def event_id(payload: dict[str, Any], body: bytes) -> str:
    """AfterShip's `event_id`, or a hash of the body when it is missing (a resend has the same bytes)."""
    return text(payload.get("event_id"), 200) or "sha256:" + hashlib.sha256(body).hexdigest()


def _estimate(msg: dict[str, Any]) -> tuple[str | None, str | None]:
    edd = obj(msg.get("latest_estimated_delivery"))
    lo = text(edd.get("datetime_min"), 64) or text(edd.get("datetime"), 64)
    hi = text(edd.get("datetime_max"), 64) or text(edd.get("datetime"), 64)
    if lo or hi:
        return lo or hi, hi or lo
    expected = text(msg.get("expected_delivery"), 64)
    return expected, expected


def to_update(payload: dict[str, Any]) -> TrackingUpdate:
    msg = obj(payload.get("msg"))
    tracking_number = text(msg.get("tracking_number"), 64)
    if not tracking_number:
        raise PayloadError("msg.tracking_number is missing")
    event = text(payload.get("event"), 64)
    if event not in EVENTS:
        raise PayloadError(f"unsupported event {event!r}")
    try:
        status = from_aftership(text(msg.get("tag"), 64) or "", text(msg.get("subtag"), 64))
    except ValueError as exc:
        raise PayloadError(str(exc)) from None
    events = []
    for cp in dicts(msg.get("checkpoints")):
        when = parse_time(cp.get("checkpoint_time"))
        if when is None:
            continue
        try:
            cp_status = from_aftership(
                text(cp.get("tag"), 64) or text(msg.get("tag"), 64) or "", text(cp.get("subtag"), 64)
            )
        except ValueError:
            continue
        said = text(cp.get("message")) or text(cp.get("subtag_message")) or text(cp.get("tag")) or ""
        events.append(EventIn(cp_status, said, when, text(cp.get("city"), 128), text(cp.get("state"), 64)))
    start, end = _estimate(msg)
    return TrackingUpdate(
        source="aftership",
        tracking_number=tracking_number,
        status=status,
        events=events,
        estimate_start=start,
        estimate_end=end,
        estimate_revised=event == "edd_revise",
        occurred_at=_from_epoch(payload.get("ts")),
    )


def _from_epoch(ts: Any) -> datetime | None:
    if not isinstance(ts, int | float) or isinstance(ts, bool):
        return None
    try:
        return datetime.fromtimestamp(ts, UTC)
    except (ValueError, OverflowError, OSError):  # NaN, or out of the calendar's range
        return None
