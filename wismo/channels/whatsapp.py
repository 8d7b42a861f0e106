"""WhatsApp Cloud API: the `/webhooks/whatsapp` endpoint.

The same handshake and signature as Messenger; messages arrive under `entry[].changes[].value`.
Delivery receipts (`statuses[]`) come possibly out of order and need no answer; a failed one is logged.
The contact's profile name is never read: a WhatsApp number is not proof of who is writing.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from ..untrusted import dicts, obj, text
from .meta import InboundMessage, get_hub, receive_signed, verification_response

log = logging.getLogger("wismo.channels")

router = APIRouter(tags=["webhooks"])

#: Message types with nothing to answer (a reaction to one of our messages, a system notice).
SILENT_TYPES = frozenset({"reaction", "system", "unsupported", "ephemeral"})


def _when(seconds: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(seconds), UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


def _text_of(message: dict[str, Any]) -> str | None:
    kind = message.get("type")
    if kind == "text":
        return text(obj(message.get("text")).get("body"), 100_000)
    if kind == "interactive":
        inter = obj(message.get("interactive"))
        reply = obj(inter.get("button_reply")) or obj(inter.get("list_reply"))
        return text(reply.get("id")) or text(reply.get("title"))
    if kind == "button":  # a quick-reply button of a template
        button = obj(message.get("button"))
        return text(button.get("payload")) or text(button.get("text"))
    return None


def parse_whatsapp(payload: dict[str, Any]) -> list[InboundMessage]:
    """Customer messages in a Cloud API webhook; statuses and reactions are left out."""
    if payload.get("object") != "whatsapp_business_account":
        return []
    out = []
    for entry in dicts(payload.get("entry")):
        for change in dicts(entry.get("changes")):
            if change.get("field") != "messages":
                continue
            value = obj(change.get("value"))
            phone_id = text(obj(value.get("metadata")).get("phone_number_id"), 64)
            for status in dicts(value.get("statuses")):
                if status.get("status") == "failed":
                    log.warning(
                        "whatsapp delivery failed message=%s errors=%s",
                        text(status.get("id"), 255),
                        str(status.get("errors"))[:500],
                    )
            for m in dicts(value.get("messages")):
                wamid, sender = text(m.get("id"), 255), text(m.get("from"), 64)
                if not wamid or not sender or text(m.get("type")) in SILENT_TYPES:
                    continue
                out.append(InboundMessage("whatsapp", sender, phone_id, wamid, _text_of(m), _when(m.get("timestamp"))))
    return out


@router.get("/webhooks/whatsapp", response_model=None)
def whatsapp_verify(request: Request) -> PlainTextResponse | JSONResponse:
    return verification_response(request, get_hub(request).settings.meta_verify_token)


@router.post("/webhooks/whatsapp", response_model=None)
async def whatsapp_events(request: Request) -> PlainTextResponse | JSONResponse:
    secret = get_hub(request).settings.whatsapp_signing_secret
    return await receive_signed(request, secret, "whatsapp", parse_whatsapp)
