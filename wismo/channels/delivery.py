"""Delivering the outbox's social messages: bot replies and proactive notices on Messenger,
Instagram and WhatsApp, with what each outcome means for the outbox.

- sent: the platform took every part; a notice's row says `sent` with its outbound id.
- refused: the 24-hour window rules allow nothing that fits (on WhatsApp a notice outside the
  window goes out as the configured template; with none configured it is refused). Not retried;
  counted in the metrics and in the notice's row.
- a 4xx from the platform: our request is wrong, retrying will not help: dead at once.
- a 5xx, a timeout, a network error: retried by the outbox with exponential backoff (a notice's
  row says `failed` meanwhile, and `sent` once a retry gets it out).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine

from ..domain import work_queue as wq
from ..domain.db import session
from . import records
from .graph_api import GraphError, Outbox
from .window import WindowClosed

log = logging.getLogger("wismo.channels")

#: Outbox kinds this module delivers.
KINDS = ("reply", "notice")


def dm_payload(
    channel: str,
    recipient: str,
    text: str,
    *,
    sender: str,
    conversation_id: str | None,
    quick_replies: list[str] | None = None,
    promotional: bool = False,
    template_parameters: list[str] | None = None,
    notification_id: int | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """What an outbox item needs to send one message later, on any instance."""
    return {
        "channel": channel,
        "recipient": recipient,
        "text": text,
        "sender": sender,
        "conversation_id": conversation_id,
        "quick_replies": list(quick_replies or []),
        "promotional": promotional,
        "template_parameters": template_parameters,
        "notification_id": notification_id,
        "language": language,
    }


def _mark_notice(engine: Engine, notification_id: int | None, status: str, outbound_id: int | None = None) -> None:
    if notification_id is None:
        return
    with session(engine) as s:
        row = s.get(records.NotificationSent, notification_id)
        if row is not None:
            row.status, row.outbound_id = status, outbound_id
            s.add(row)
            s.commit()


def send_dm(outbox: Outbox, item: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """Send one outbox message through `outbox` (window rules, Graph API, the `channel_outbound` log)."""
    p = item["payload"]
    try:
        res = outbox.send(
            p["channel"],
            p["recipient"],
            p["text"],
            quick_replies=p.get("quick_replies") or (),
            sender=p.get("sender", "bot"),
            conversation_id=p.get("conversation_id"),
            promotional=bool(p.get("promotional")),
            template_parameters=p.get("template_parameters"),
            language=p.get("language"),
            now=now or datetime.now(UTC),
        )
    except WindowClosed as exc:
        _mark_notice(outbox.engine, p.get("notification_id"), "refused")
        log.warning("%s refused by the window rules (outbox %s): %s", item["kind"], item["id"], exc.message)
        raise wq.Refused(exc.message) from None
    except GraphError as exc:
        # `failed` until a retry gets it out (then `sent`); the outbox keeps trying meanwhile.
        _mark_notice(outbox.engine, p.get("notification_id"), "failed")
        if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
            raise wq.GiveUp(str(exc)) from None
        raise
    _mark_notice(outbox.engine, p.get("notification_id"), "sent", res.outbound_id)
    return {"message_ids": res.message_ids, "outbound_id": res.outbound_id}
