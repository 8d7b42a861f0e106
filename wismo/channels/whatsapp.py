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
        return (message.get("text") or {}).get("body")
    if kind == "interactive":
        inter = message.get("interactive") or {}
        reply = inter.get("button_reply") or inter.get("list_reply") or {}
        return reply.get("id") or reply.get("title")
    if kind == "button":  # a quick-reply button of a template
        button = message.get("button") or {}
        return button.get("payload") or button.get("text")
    return None


def parse_whatsapp(payload: dict[str, Any]) -> list[InboundMessage]:
    """Customer messages in a Cloud API webhook; statuses and reactions are left out."""
    if payload.get("object") != "whatsapp_business_account":
        return []
    out = []
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            if not isinstance(change, dict) or change.get("field") != "messages":
                continue
            value = change.get("value") or {}
            phone_id = (value.get("metadata") or {}).get("phone_number_id")
            for status in value.get("statuses") or []:
                if isinstance(status, dict) and status.get("status") == "failed":
                    log.warning("whatsapp delivery failed message=%s errors=%s", status.get("id"), status.get("errors"))
            for m in value.get("messages") or []:
                if not isinstance(m, dict) or not m.get("id") or not m.get("from") or m.get("type") in SILENT_TYPES:
                    continue
                text = _text_of(m)
                out.append(
                    InboundMessage(
                        "whatsapp",
                        str(m["from"]),
                        str(phone_id) if phone_id else None,
                        str(m["id"]),
                        text if isinstance(text, str) else None,
                        _when(m.get("timestamp")),
                    )
                )
    return out


@router.get("/webhooks/whatsapp", response_model=None)
def whatsapp_verify(request: Request) -> PlainTextResponse | JSONResponse:
    return verification_response(request, get_hub(request).settings.meta_verify_token)


@router.post("/webhooks/whatsapp", response_model=None)
async def whatsapp_events(request: Request) -> PlainTextResponse | JSONResponse:
    secret = get_hub(request).settings.whatsapp_signing_secret
    return await receive_signed(request, secret, "whatsapp", parse_whatsapp)
