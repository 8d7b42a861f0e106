"""Messenger and Instagram DMs: the `/webhooks/meta` endpoint and the inbound flow shared with WhatsApp.

Meta retries a webhook until it gets a 200 and may batch many entries in one call, so the route
checks the signature on the raw bytes, stores each new message id in the inbound queue and only
then answers 200; the queue's workers do the turns (at least once, and each message's reply is
written to the outbox in the same commit as its turn, so it is answered once). A DM is a
conversation like a web chat: one per (channel, sender), and the sender's profile proves nothing;
the customer verifies with order number and email or ZIP.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from ..agent.runtime import Agent, MessageRejected
from ..domain import work_queue as wq
from ..domain.db import session
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, language_of_number
from ..i18n.catalog import word
from ..ops.feedback import record_csat
from ..untrusted import dicts, obj, text
from . import records
from .delivery import dm_payload
from .graph_api import ChannelSettings, Outbox
from .signatures import verify_meta

log = logging.getLogger("wismo.channels")

router = APIRouter(tags=["webhooks"])

#: Answer to a message we cannot read (a photo, a voice note, a sticker).


@dataclass(frozen=True)
class InboundMessage:
    channel: str  # messenger | instagram | whatsapp
    sender_id: str
    account_id: str | None
    message_id: str
    text: str | None
    sent_at: datetime


class ChannelHub:
    """What the webhook routes need: the agent, the outbox and the settings."""

    def __init__(self, agent: Agent, outbox: Outbox, settings: ChannelSettings) -> None:
        self.agent = agent
        self.outbox = outbox
        self.settings = settings

    @property
    def engine(self):
        return self.agent.engine


def get_hub(request: Request) -> ChannelHub:
    return hub_of(request.app)


def hub_of(app: Any) -> ChannelHub:
    """The app's hub; built on first use from the app's agent when the app did not set one."""
    hub = getattr(app.state, "channel_hub", None)
    if hub is None:
        agent = app.state.get_agent()
        settings = ChannelSettings()
        hub = ChannelHub(agent, Outbox(agent.engine, settings), settings)
        app.state.channel_hub = hub
    return hub


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def verification_response(request: Request, token: str | None) -> PlainTextResponse | JSONResponse:
    """The GET handshake: echo `hub.challenge` when `hub.verify_token` matches, else 403."""
    q = request.query_params
    given = q.get("hub.verify_token") or ""
    ok = bool(token) and q.get("hub.mode") == "subscribe" and hmac.compare_digest(given.encode(), token.encode())
    if not ok:
        return error(403, "forbidden", "Verification token mismatch.")
    return PlainTextResponse(q.get("hub.challenge") or "")


def parse_json(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _when(ms: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(ms) / 1000, UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


def parse_meta(payload: dict[str, Any]) -> list[InboundMessage]:
    """Customer messages in a Messenger/Instagram webhook; echoes, deliveries and reads are dropped."""
    channel = {"page": "messenger", "instagram": "instagram"}.get(text(payload.get("object")) or "")
    if channel is None:
        return []
    out = []
    for entry in dicts(payload.get("entry")):
        for ev in dicts(entry.get("messaging")):
            sender = text(obj(ev.get("sender")).get("id"), 64)
            account = text(obj(ev.get("recipient")).get("id"), 64) or text(entry.get("id"), 64)
            if not sender:
                continue
            msg, postback = ev.get("message"), ev.get("postback")
            if isinstance(msg, dict):
                mid = text(msg.get("mid"), 255)
                if msg.get("is_echo") or msg.get("is_deleted") or not mid:
                    continue
                words = text(obj(msg.get("quick_reply")).get("payload")) or text(msg.get("text"), 100_000)
            elif isinstance(postback, dict):
                mid = text(postback.get("mid"), 255) or f"postback:{sender}:{text(ev.get('timestamp'), 32)}"
                words = text(postback.get("title")) or text(postback.get("payload"))
            else:
                continue  # delivery, read, reaction, standby ... need no answer
            out.append(InboundMessage(channel, sender, account, mid, words, _when(ev.get("timestamp"))))
    return out


def conversation_for(hub: ChannelHub, msg: InboundMessage) -> str:
    """The conversation of this sender on this channel, started on first contact; records the window."""
    now = datetime.now(UTC)
    sent_at = min(msg.sent_at, now)
    ident = records.identity(hub.engine, msg.channel, msg.sender_id)
    if ident is None:
        # The profile name is never passed on: only the opaque sender id.
        cid = hub.agent.start(msg.channel, channel_user=msg.sender_id)
        with session(hub.engine) as s:
            s.add(
                records.ChannelIdentity(
                    channel=msg.channel,
                    sender_id=msg.sender_id,
                    account_id=msg.account_id,
                    conversation_id=cid,
                    last_inbound_at=sent_at,
                    created_at=now,
                )
            )
            try:
                s.commit()
                return cid
            except IntegrityError:  # another instance started it first
                s.rollback()
        ident = records.identity(hub.engine, msg.channel, msg.sender_id)
        assert ident is not None
    with session(hub.engine) as s:
        row = s.get(records.ChannelIdentity, ident.id)
        assert row is not None
        if row.last_inbound_at is None or sent_at > row.last_inbound_at:
            row.last_inbound_at = sent_at
        if msg.account_id:
            row.account_id = msg.account_id
        s.add(row)
        s.commit()
    return ident.conversation_id


def csat_buttons(lang: str | None) -> list[str]:
    """The thumbs offered under an answered question in DMs (quick replies), in the reply's language."""
    return [word("channel.csat_up", lang), word("channel.csat_down", lang)]


@cache
def csat_taps() -> dict[str, tuple[int, str]]:
    """A tapped thumb, in any language: its CSAT score and the language to thank in."""
    taps: dict[str, tuple[int, str]] = {}
    for lang in LANGUAGES:
        taps.setdefault(word("channel.csat_up", lang), (1, lang))
        taps.setdefault(word("channel.csat_down", lang), (-1, lang))
    return taps


def message_payload(msg: InboundMessage) -> dict[str, Any]:
    """What the inbound queue keeps of a message until it is answered."""
    return {
        "channel": msg.channel,
        "sender_id": msg.sender_id,
        "account_id": msg.account_id,
        "message_id": msg.message_id,
        "text": msg.text,
        "sent_at": msg.sent_at.isoformat(),
    }


def message_of(payload: dict[str, Any]) -> InboundMessage:
    return InboundMessage(
        payload["channel"],
        payload["sender_id"],
        payload.get("account_id"),
        payload["message_id"],
        payload.get("text"),
        datetime.fromisoformat(payload["sent_at"]),
    )


def answer(hub: ChannelHub, msg: InboundMessage, done: Callable[[Any], None]) -> str:
    """One customer message: the agent's turn, and its reply written to the outbox in the same
    commit as the turn and as `done(db)` (which ends the message's queue item). Returns the
    reply's outbox key. A retry after a crash before that commit does the turn again; after it,
    there is nothing left to do."""
    cid = conversation_for(hub, msg)
    key = f"reply:{msg.channel}:{msg.message_id}"

    def reply_in(db: Any, text: str, quick: list[str], promotional: bool = False) -> None:
        if text.strip():
            payload = dm_payload(
                msg.channel,
                msg.sender_id,
                text,
                sender="bot",
                conversation_id=cid,
                quick_replies=quick,
                promotional=promotional,
            )
            wq.enqueue_outbox(db, key, "reply", payload)
        done(db)

    hint = language_of_number(msg.sender_id) if msg.channel == "whatsapp" else None
    if msg.text is None or not msg.text.strip():
        with hub.engine.begin() as db:
            reply_in(db, word("channel.text_only", hint or DEFAULT_LANGUAGE), [])
    elif msg.text.strip() in csat_taps():
        # A tap on the thumbs under an answer: recorded as CSAT, not sent to the agent as a turn.
        score, lang = csat_taps()[msg.text.strip()]
        record_csat(hub.engine, cid, score, datetime.now(UTC))
        with hub.engine.begin() as db:
            reply_in(db, word("channel.csat_thanks", lang), [])
    else:

        def effects(db: Any, reply: Any) -> None:
            quick = list(reply.quick_replies)
            promotional = any(c.get("kind") == "offer" for c in reply.citations)
            if reply.citations and not reply.handoff and not promotional:
                quick = quick + csat_buttons(getattr(reply, "language", None))
            reply_in(db, reply.text, quick, promotional)

        try:
            hub.agent.send(cid, msg.text, language_hint=hint, effects=effects)
        except MessageRejected as exc:
            with hub.engine.begin() as db:
                reply_in(db, exc.message, [])
    wq.nudge()
    return key


def accept(hub: ChannelHub, source: str, messages: list[InboundMessage]) -> int:
    """Store each message once in the inbound queue (one commit); returns how many are new."""
    if not messages:
        return 0
    with hub.engine.begin() as db:
        fresh = sum(
            wq.enqueue_inbound(db, source, f"{m.channel}:{m.message_id}", "message", message_payload(m))
            for m in messages
        )
    if fresh:
        wq.nudge()
    return fresh


@router.get("/webhooks/meta", response_model=None)
def meta_verify(request: Request) -> PlainTextResponse | JSONResponse:
    return verification_response(request, get_hub(request).settings.meta_verify_token)


async def read_signed(
    request: Request, secret: str | None, secret_name: str, header: str, verify: Callable[..., bool]
) -> tuple[bytes, dict[str, Any]] | JSONResponse:
    """The raw body and JSON object of a webhook signed with `secret`, or the error to answer.

    The configuration and the signature header are checked before a byte of the body is read: an
    unconfigured or unsigned webhook costs nothing however large its body. Then the signature over
    the raw bytes, in constant time, then the JSON."""
    if not secret:
        return error(503, "not_configured", f"{secret_name} is not set; these webhooks are refused.")
    signature = request.headers.get(header)
    if not signature:
        return error(401, "bad_signature", f"{header} is missing; sign the body.")
    body = await request.body()
    if not verify(secret, body, signature):
        log.warning("webhook refused: bad %s signature", header)
        return error(401, "bad_signature", f"{header} does not match the body.")
    payload = parse_json(body)
    if payload is None:
        return error(400, "malformed_json", "The request body is not a JSON object.")
    return body, payload


async def receive_signed(request: Request, secret: str | None, source: str, parse) -> PlainTextResponse | JSONResponse:
    """A Meta-signed webhook (Messenger, Instagram, WhatsApp): X-Hub-Signature-256 over the raw body,
    then each new message stored in the inbound queue; the 200 only once they are stored."""
    hub = get_hub(request)
    signed = await read_signed(request, secret, "META_APP_SECRET", "x-hub-signature-256", verify_meta)
    if isinstance(signed, JSONResponse):
        return signed
    await run_in_threadpool(accept, hub, source, parse(signed[1]))
    return PlainTextResponse("EVENT_RECEIVED")


@router.post("/webhooks/meta", response_model=None)
async def meta_events(request: Request) -> PlainTextResponse | JSONResponse:
    return await receive_signed(request, get_hub(request).settings.meta_app_secret, "meta", parse_meta)
