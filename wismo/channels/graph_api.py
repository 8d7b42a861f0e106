"""Outbound messages on Messenger, Instagram and WhatsApp through Meta's Graph API.

Three layers, each small: `GraphClient` posts JSON with timeouts and retries (5xx and timeouts are
retried with backoff; a 4xx is our mistake and is not); the payload builders turn a reply (text +
quick replies) into what each platform accepts; `Outbox` applies the 24-hour window rules, sends,
and logs every attempt. `send_agent_reply` is the inbox's way to answer a customer on their channel.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import Engine

from ..domain.db import session
from . import records
from .window import META_CHANNELS, SendRule, WindowClosed, decide

log = logging.getLogger("wismo.channels")

MESSENGER_TEXT_LIMIT = 2000
WHATSAPP_TEXT_LIMIT = 4096
WHATSAPP_INTERACTIVE_BODY_LIMIT = 1024
QUICK_REPLY_MAX = 13
QUICK_REPLY_TITLE_MAX = 20
WHATSAPP_BUTTONS_MAX = 3


class ChannelSettings(BaseSettings):
    """Settings of the social channels and webhooks (to move into wismo/config.py: same env names)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True)

    meta_verify_token: str | None = Field(None, alias="META_VERIFY_TOKEN", repr=False)
    meta_app_secret: str | None = Field(None, alias="META_APP_SECRET", repr=False)
    meta_page_access_token: str | None = Field(None, alias="META_PAGE_ACCESS_TOKEN", repr=False)
    meta_graph_url: str = Field("https://graph.facebook.com/v21.0", alias="META_GRAPH_URL")
    #: The Page id to send from; `me` lets the page token decide.
    meta_page_id: str = Field("me", alias="META_PAGE_ID")
    whatsapp_token: str | None = Field(None, alias="WHATSAPP_TOKEN", repr=False)
    whatsapp_phone_number_id: str | None = Field(None, alias="WHATSAPP_PHONE_NUMBER_ID")
    #: WhatsApp webhooks are signed with the app secret of the WhatsApp app; defaults to META_APP_SECRET.
    whatsapp_app_secret: str | None = Field(None, alias="WHATSAPP_APP_SECRET", repr=False)
    aftership_webhook_secret: str | None = Field(None, alias="AFTERSHIP_WEBHOOK_SECRET", repr=False)
    easypost_webhook_secret: str | None = Field(None, alias="EASYPOST_WEBHOOK_SECRET", repr=False)
    shopify_webhook_secret: str | None = Field(None, alias="SHOPIFY_WEBHOOK_SECRET", repr=False)

    # Proactive notices
    notify_out_for_delivery: bool = Field(False, alias="WISMO_NOTIFY_OUT_FOR_DELIVERY")
    #: Kinds of notice sent (out_for_delivery is added by WISMO_NOTIFY_OUT_FOR_DELIVERY).
    notify_kinds: str = Field(
        "attempt_failed,delayed,eta_revised,available_for_pickup,exception", alias="WISMO_NOTIFY_KINDS"
    )
    whatsapp_update_template: str = Field("shipping_update", alias="WISMO_WHATSAPP_UPDATE_TEMPLATE")
    whatsapp_template_language: str = Field("en_US", alias="WISMO_WHATSAPP_TEMPLATE_LANGUAGE")
    #: The update template's translations as WhatsApp names their languages, per customer language
    #: (a language not listed uses WISMO_WHATSAPP_TEMPLATE_LANGUAGE).
    whatsapp_template_languages: str = Field("es=es,fr=fr,de=de,pt=pt_BR", alias="WISMO_WHATSAPP_TEMPLATE_LANGUAGES")
    #: Other template names per language ("es=aviso_envio"), when a translation was approved under its own name.
    whatsapp_update_templates: str = Field("", alias="WISMO_WHATSAPP_UPDATE_TEMPLATES")
    #: Messenger tag for a shipping update outside the window; verify Meta's current rules. Empty = none.
    messenger_update_tag: str = Field("POST_PURCHASE_UPDATE", alias="WISMO_MESSENGER_UPDATE_TAG")
    #: Hours after a notice in which a contact by that customer counts as "contacted anyway".
    notify_contact_hours: int = Field(72, alias="WISMO_NOTIFY_CONTACT_HOURS")

    # Outbound HTTP
    graph_timeout: float = Field(10.0, alias="WISMO_GRAPH_TIMEOUT")
    graph_attempts: int = Field(3, alias="WISMO_GRAPH_ATTEMPTS")
    graph_backoff: float = Field(0.5, alias="WISMO_GRAPH_BACKOFF")

    @property
    def whatsapp_signing_secret(self) -> str | None:
        return self.whatsapp_app_secret or self.meta_app_secret

    def update_template(self, language: str | None) -> tuple[str, str]:
        """(template name, WhatsApp language code) of the shipping-update template for a customer
        writing in `language`; each translation is approved by Meta under the same name or its own."""
        names = _pairs(self.whatsapp_update_templates)
        codes = _pairs(self.whatsapp_template_languages)
        lang = language or ""
        return names.get(lang, self.whatsapp_update_template), codes.get(lang, self.whatsapp_template_language)

    @property
    def notice_kinds(self) -> frozenset[str]:
        kinds = {k.strip() for k in self.notify_kinds.split(",") if k.strip()}
        if self.notify_out_for_delivery:
            kinds.add("out_for_delivery")
        return frozenset(kinds)


def _pairs(text: str) -> dict[str, str]:
    """ "es=es,pt=pt_BR" -> {"es": "es", "pt": "pt_BR"} (blank or malformed entries are skipped)."""
    pairs = (item.split("=", 1) for item in text.split(",") if "=" in item)
    return {k.strip(): v.strip() for k, v in pairs if k.strip() and v.strip()}


class GraphError(Exception):
    """The Graph API refused or kept failing; `status` is the last HTTP status (None for a timeout)."""

    def __init__(self, status: int | None, detail: str) -> None:
        super().__init__(f"Graph API error {status}: {detail}")
        self.status = status
        self.detail = detail


class GraphClient:
    """POSTs to the Graph API: timeouts on every call; 5xx, timeouts and network errors retried with backoff."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        attempts: int = 3,
        backoff: float = 0.5,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep
        self.http = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), transport=transport)

    @classmethod
    def from_settings(cls, settings: ChannelSettings, transport: httpx.BaseTransport | None = None) -> GraphClient:
        return cls(
            settings.meta_graph_url,
            timeout=settings.graph_timeout,
            attempts=settings.graph_attempts,
            backoff=settings.graph_backoff,
            transport=transport,
        )

    def post(self, path: str, payload: dict[str, Any], token: str | None) -> dict[str, Any]:
        if not token:
            raise GraphError(None, "no access token configured")
        url = f"{self.base_url}/{path.lstrip('/')}"
        headers = {"Authorization": f"Bearer {token}"}
        last: GraphError | None = None
        for attempt in range(self.attempts):
            if attempt:
                self.sleep(self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4))
            try:
                resp = self.http.post(url, json=payload, headers=headers)
            except httpx.TimeoutException as exc:
                last = GraphError(None, f"timeout: {exc.__class__.__name__}")
                continue
            except httpx.TransportError as exc:
                last = GraphError(None, f"network: {exc.__class__.__name__}")
                continue
            if resp.status_code >= 500:
                last = GraphError(resp.status_code, resp.text[:500])
                continue
            if resp.status_code >= 400:
                raise GraphError(resp.status_code, resp.text[:500])
            try:
                return resp.json()
            except ValueError:
                return {}
        assert last is not None
        raise last

    def close(self) -> None:
        self.http.close()


# ----------------------------------------------------------------------------- payloads
def split_text(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at paragraph, line or word breaks."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind(sep, 0, limit + 1) for sep in ("\n\n", "\n", ". ", " "))
        if cut <= limit // 2:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts


def short_title(option: str, limit: int = QUICK_REPLY_TITLE_MAX) -> str:
    option = " ".join(option.split())
    return option if len(option) <= limit else option[: limit - 1].rstrip() + "…"


def messenger_payloads(
    recipient_id: str, text: str, quick_replies: Sequence[str] = (), rule: SendRule | None = None
) -> list[dict[str, Any]]:
    """Send API bodies: text cut at 2,000 characters; quick replies (max 13, titles <= 20) on the last."""
    rule = rule or SendRule("RESPONSE", True)
    pieces = split_text(text, MESSENGER_TEXT_LIMIT) or [""]
    out = []
    for i, piece in enumerate(pieces):
        message: dict[str, Any] = {"text": piece}
        if i == len(pieces) - 1 and quick_replies:
            message["quick_replies"] = [
                {"content_type": "text", "title": short_title(q), "payload": q[:1000]}
                for q in list(dict.fromkeys(quick_replies))[:QUICK_REPLY_MAX]
            ]
        body: dict[str, Any] = {
            "recipient": {"id": recipient_id},
            "messaging_type": rule.messaging_type,
            "message": message,
        }
        if rule.tag:
            body["tag"] = rule.tag
        out.append(body)
    return out


def whatsapp_payloads(to: str, text: str, quick_replies: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Cloud API bodies: reply buttons (max 3) when they fit, else text (<= 4,096) listing the options."""
    base = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}
    options = list(dict.fromkeys(quick_replies))
    text = text.strip()
    if options and len(options) <= WHATSAPP_BUTTONS_MAX and len(text) <= WHATSAPP_INTERACTIVE_BODY_LIMIT:
        return [
            {
                **base,
                "type": "interactive",
                "interactive": {
                    "type": "button",
                    "body": {"text": text},
                    "action": {
                        "buttons": [
                            {"type": "reply", "reply": {"id": q[:256], "title": short_title(q)}} for q in options
                        ]
                    },
                },
            }
        ]
    if options:
        text = text + "\n\n" + "\n".join(f"• {q}" for q in options)
    return [
        {**base, "type": "text", "text": {"preview_url": False, "body": piece}}
        for piece in split_text(text, WHATSAPP_TEXT_LIMIT)
    ]


def template_parameter(value: str) -> str:
    """Template body parameters may not hold newlines, tabs or more than four spaces in a row."""
    return re.sub(r"\s+", " ", value).strip()[:1024]


def whatsapp_template_payload(to: str, name: str, language: str, parameters: Sequence[str]) -> dict[str, Any]:
    template: dict[str, Any] = {"name": name, "language": {"code": language}}
    if parameters:
        template["components"] = [
            {"type": "body", "parameters": [{"type": "text", "text": template_parameter(p)} for p in parameters]}
        ]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "template",
        "template": template,
    }


# ----------------------------------------------------------------------------- outbox
@dataclass
class SendResult:
    status: str  # sent | failed | refused
    outbound_id: int | None
    rule: SendRule | None
    message_ids: list[str] = field(default_factory=list)
    error: str | None = None


class Outbox:
    """Sends on a customer's channel under the window rules and logs every attempt (`channel_outbound`)."""

    def __init__(self, engine: Engine, settings: ChannelSettings, client: GraphClient | None = None) -> None:
        self.engine = engine
        self.settings = settings
        self.client = client or GraphClient.from_settings(settings)

    def send(
        self,
        channel: str,
        recipient: str,
        text: str,
        *,
        quick_replies: Sequence[str] = (),
        sender: str = "bot",
        conversation_id: str | None = None,
        promotional: bool = False,
        template_parameters: Sequence[str] | None = None,
        language: str | None = None,
        now: datetime | None = None,
    ) -> SendResult:
        """Send one reply; raises WindowClosed (logged as refused) or GraphError (logged as failed)."""
        now = now or datetime.now(UTC)
        ident = records.identity(self.engine, channel, recipient)
        last_inbound = ident.last_inbound_at if ident else None
        try:
            rule = decide(
                channel,
                sender,
                last_inbound,
                now,
                promotional=promotional,
                update_tag=self.settings.messenger_update_tag or None,
            )
        except WindowClosed as exc:
            self._log(channel, recipient, sender, conversation_id, None, "refused", [], [], exc.message, now)
            raise
        if rule.tagged:
            quick_replies = ()  # a tagged message is a plain update: no offers, no prompts
        template = None
        if channel in META_CHANNELS:
            token = self.settings.meta_page_access_token
            path = f"{self.settings.meta_page_id}/messages"
            payloads = messenger_payloads(recipient, text, quick_replies, rule)
        else:
            token = self.settings.whatsapp_token
            phone_id = (ident.account_id if ident else None) or self.settings.whatsapp_phone_number_id
            if not phone_id:
                raise GraphError(None, "WHATSAPP_PHONE_NUMBER_ID is not set")
            path = f"{phone_id}/messages"
            if rule.is_template:
                template, template_language = self.settings.update_template(language)
                if not template:
                    exc = WindowClosed(
                        "Outside the 24-hour window WhatsApp needs a template; none is configured.", "template"
                    )
                    self._log(channel, recipient, sender, conversation_id, rule, "refused", [], [], exc.message, now)
                    raise exc
                params = list(template_parameters) if template_parameters is not None else [text]
                payloads = [whatsapp_template_payload(recipient, template, template_language, params)]
            else:
                payloads = whatsapp_payloads(recipient, text, quick_replies)
        ids: list[str] = []
        try:
            for body in payloads:
                resp = self.client.post(path, body, token)
                ids.extend(_message_ids(resp))
        except GraphError as exc:
            self._log(
                channel, recipient, sender, conversation_id, rule, "failed", payloads, ids, str(exc), now, template
            )
            raise
        oid = self._log(channel, recipient, sender, conversation_id, rule, "sent", payloads, ids, None, now, template)
        return SendResult("sent", oid, rule, ids)

    def _log(
        self,
        channel: str,
        recipient: str,
        sender: str,
        conversation_id: str | None,
        rule: SendRule | None,
        status: str,
        payloads: list[dict[str, Any]],
        ids: list[str],
        error: str | None,
        now: datetime,
        template: str | None = None,
    ) -> int | None:
        row = records.OutboundMessage(
            conversation_id=conversation_id,
            channel=channel,
            recipient=recipient,
            sender=sender,
            messaging_type=rule.messaging_type if rule else "none",
            tag=rule.tag if rule else None,
            template=template,
            within_window=bool(rule and rule.within_window),
            status=status,
            platform_message_id=",".join(ids)[:255] or None,
            error=error,
            payloads=payloads,
            created_at=now,
        )
        with session(self.engine) as s:
            s.add(row)
            s.commit()
            s.refresh(row)
        log.info(
            "outbound channel=%s sender=%s type=%s tag=%s status=%s",
            channel,
            sender,
            row.messaging_type,
            row.tag,
            status,
        )
        return row.id


def _message_ids(resp: dict[str, Any]) -> list[str]:
    if resp.get("message_id"):
        return [str(resp["message_id"])]
    return [str(m["id"]) for m in resp.get("messages") or [] if isinstance(m, dict) and m.get("id")]


_default_outbox: Outbox | None = None


def default_outbox() -> Outbox:
    """The process-wide outbox over the configured store (built on first use)."""
    global _default_outbox
    if _default_outbox is None:
        from ..config import get_settings
        from ..domain.db import get_engine

        engine = get_engine(get_settings().store_url)
        _default_outbox = Outbox(engine, ChannelSettings())
    return _default_outbox


def send_agent_reply(
    conversation_id: str, text: str, *, outbox: Outbox | None = None, now: datetime | None = None
) -> SendResult:
    """A person's reply from the handoff inbox, sent on the customer's social channel.

    Within 24 h it is a normal reply; on Messenger/Instagram from 24 h to 7 days it carries the
    `HUMAN_AGENT` tag; on WhatsApp outside the window it raises WindowClosed (a template is needed).
    Raises LookupError when the conversation did not come from a social channel.
    """
    box = outbox or default_outbox()
    ident = records.identity_of_conversation(box.engine, conversation_id)
    if ident is None:
        raise LookupError(f"conversation {conversation_id} is not a Messenger, Instagram or WhatsApp conversation")
    if not text or not text.strip():
        raise ValueError("the reply is empty")
    return box.send(ident.channel, ident.sender_id, text, sender="agent", conversation_id=conversation_id, now=now)
