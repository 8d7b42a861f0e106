"""Helpdesk sinks: push each new case to Zendesk, Chatwoot or a signed webhook, as configured by env.

A helpdesk that is slow or down must never block the customer's turn, nor lose the case: the
escalation writes one outbox item per configured sink in the same commit as the case (`plan`),
and the outbox's workers deliver them (`send_item`), retried with exponential backoff and
dead-lettered after the limit, each try recorded in `sink_deliveries`. Zendesk gets the item's
key as its `Idempotency-Key` (a retry after a lost answer creates no second ticket); the webhook
gets it too, for receivers that dedupe. Payloads carry only what the package holds (redacted
text, no customer name or email).

Env: ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN; CHATWOOT_URL, CHATWOOT_ACCOUNT_ID,
CHATWOOT_API_TOKEN; WISMO_HANDOFF_WEBHOOK_URL, WISMO_HANDOFF_WEBHOOK_SECRET.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from ..domain import work_queue as wq
from ..domain.db import session
from ..domain.models import Conversation, Handoff
from .records import SinkDelivery, ensure_tables

log = logging.getLogger("wismo.handoff.sinks")

RETRIES = 3
BACKOFF_SECONDS = 0.5
TIMEOUT_SECONDS = 10.0
#: The background delivery waits this long so the turn that triggered the handoff is stored first.
SETTLE_SECONDS = 1.0


class SinkError(Exception):
    def __init__(self, message: str, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


# ------------------------------------------------------------------------------------------ payloads
def zendesk_priority(priority: int) -> str:
    return "urgent" if priority >= 8 else "high" if priority >= 5 else "normal" if priority >= 3 else "low"


def _transcript_text(package: Mapping[str, Any]) -> str:
    lines = [f"{m.get('role', '?')}: {m.get('text', '')}" for m in package.get("transcript") or []]
    return "\n".join(lines)


def ticket_body(handoff: Handoff) -> str:
    pkg = handoff.package or {}
    identity = pkg.get("identity") or {}
    sources = "\n".join(f"- {e.get('source_id')}: {e.get('label', '')}" for e in pkg.get("snapshot") or [])
    return (
        f"{handoff.summary}\n\n"
        f"Reason: {handoff.reason}\nPriority: {handoff.priority}\n"
        f"Identity: {'verified order ' + str(identity.get('verified_order')) if identity.get('verified') else 'not verified'}\n"  # noqa: E501
        f"wismo conversation: {handoff.conversation_id}\n\n"
        f"Sources:\n{sources or '- none'}\n\nTranscript (redacted):\n{_transcript_text(pkg)}"
    )


def zendesk_payload(handoff: Handoff) -> dict[str, Any]:
    pkg = handoff.package or {}
    ticket: dict[str, Any] = {
        "subject": f"[wismo] {handoff.reason.replace('_', ' ')}: {(pkg.get('intent') or 'support').replace('_', ' ')}",
        "comment": {"body": ticket_body(handoff), "public": False},
        "tags": ["wismo", "handoff", handoff.reason],
        "priority": zendesk_priority(handoff.priority),
        "external_id": f"wismo-handoff-{handoff.id}",
    }
    requester = pkg.get("requester")  # only if a package ever holds one; ours never do by default
    if isinstance(requester, dict) and requester.get("email"):
        ticket["requester"] = {"name": requester.get("name") or "Customer", "email": requester["email"]}
    return {"ticket": ticket}


def webhook_payload(handoff: Handoff) -> dict[str, Any]:
    return {
        "event": "handoff.created",
        "handoff": {
            "id": handoff.id,
            "conversation_id": handoff.conversation_id,
            "reason": handoff.reason,
            "status": handoff.status,
            "priority": handoff.priority,
            "summary": handoff.summary,
            "package": handoff.package,
            "created_at": handoff.created_at.isoformat(),
        },
    }


def sign(body: bytes, secret: str) -> str:
    """The X-Wismo-Signature value: `sha256=` + hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, header: str) -> bool:
    """For receivers (and tests): constant-time check of a signature header."""
    return hmac.compare_digest(sign(body, secret), header or "")


# ------------------------------------------------------------------------------------------ senders
def _check(resp: httpx.Response) -> dict[str, Any]:
    if resp.status_code >= 400:
        retry = resp.status_code >= 500 or resp.status_code == 429
        raise SinkError(f"HTTP {resp.status_code}: {resp.text[:200]}", retry=retry)
    try:
        data = resp.json()
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {"body": data}


def _idempotency(key: str | None) -> dict[str, str]:
    return {"Idempotency-Key": key} if key else {}


def send_zendesk(
    client: httpx.Client, handoff: Handoff, env: Mapping[str, str], key: str | None = None
) -> dict[str, Any]:
    url = env["ZENDESK_URL"].rstrip("/") + "/api/v2/tickets"
    auth = (f"{env['ZENDESK_EMAIL']}/token", env["ZENDESK_API_TOKEN"])
    resp = client.post(
        url, json=zendesk_payload(handoff), auth=auth, headers=_idempotency(key), timeout=TIMEOUT_SECONDS
    )
    data = _check(resp)
    ticket = data.get("ticket") or {}
    return {"ticket_id": ticket.get("id")}


def chatwoot_conversation_id(handoff: Handoff, channel_user: str | None = None) -> str | None:
    """The Chatwoot conversation this case mirrors: package `chatwoot_conversation_id`, or a
    conversation whose channel user is `chatwoot:<id>` (how a Chatwoot inbox bridge names it)."""
    pkg = handoff.package or {}
    linked = str(pkg.get("chatwoot_conversation_id") or "")
    if not linked and channel_user and channel_user.startswith("chatwoot:"):
        linked = channel_user.split(":", 1)[1]
    # It becomes a path of a request sent with our API token: digits only, never a path of its own.
    return linked if re.fullmatch(r"[0-9]{1,18}", linked) else None


def send_chatwoot(
    client: httpx.Client, handoff: Handoff, env: Mapping[str, str], channel_user: str | None = None
) -> dict[str, Any]:
    cid = chatwoot_conversation_id(handoff, channel_user)
    if not cid:
        raise SinkError("no Chatwoot conversation linked to this case", retry=False)
    url = (
        f"{env['CHATWOOT_URL'].rstrip('/')}/api/v1/accounts/{env['CHATWOOT_ACCOUNT_ID']}"
        f"/conversations/{cid}/toggle_status"
    )
    headers = {"api_access_token": env["CHATWOOT_API_TOKEN"]}
    _check(client.post(url, json={"status": "open"}, headers=headers, timeout=TIMEOUT_SECONDS))
    return {"chatwoot_conversation_id": cid}


def send_webhook(
    client: httpx.Client, handoff: Handoff, env: Mapping[str, str], key: str | None = None
) -> dict[str, Any]:
    body = json.dumps(webhook_payload(handoff), separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Wismo-Timestamp": str(int(time.time())),
        "X-Wismo-Signature": sign(body, env.get("WISMO_HANDOFF_WEBHOOK_SECRET", "")),
        **_idempotency(key),
    }
    resp = client.post(env["WISMO_HANDOFF_WEBHOOK_URL"], content=body, headers=headers, timeout=TIMEOUT_SECONDS)
    _check(resp)
    return {"status_code": resp.status_code}


_REQUIRED = {
    "zendesk": ("ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN"),
    "chatwoot": ("CHATWOOT_URL", "CHATWOOT_ACCOUNT_ID", "CHATWOOT_API_TOKEN"),
    "webhook": ("WISMO_HANDOFF_WEBHOOK_URL", "WISMO_HANDOFF_WEBHOOK_SECRET"),
}


def configured_sinks(env: Mapping[str, str] | None = None) -> list[str]:
    """Sinks whose env variables are all set, in a stable order."""
    env = os.environ if env is None else env
    return [name for name, keys in _REQUIRED.items() if all(env.get(k) for k in keys)]


# ------------------------------------------------------------------------------------------ delivery
ClientFactory = Callable[[], httpx.Client]
_client_factory: ClientFactory = httpx.Client


def set_client_factory(factory: ClientFactory | None) -> None:
    """Swap how sink HTTP clients are made (tests pass one over httpx.MockTransport)."""
    global _client_factory
    _client_factory = factory or httpx.Client


def _send_once(
    client: httpx.Client,
    sink: str,
    handoff: Handoff,
    env: Mapping[str, str],
    channel_user: str | None,
    key: str | None = None,
) -> dict[str, Any]:
    if sink == "zendesk":
        return send_zendesk(client, handoff, env, key)
    if sink == "chatwoot":
        return send_chatwoot(client, handoff, env, channel_user)  # opening a conversation is idempotent
    return send_webhook(client, handoff, env, key)


def _channel_user(engine: Engine, sink: str, handoff: Handoff) -> str | None:
    if sink != "chatwoot":
        return None
    with session(engine) as s:
        conv = s.get(Conversation, handoff.conversation_id)
        return conv.channel_user if conv else None


def plan(db: Any, handoff_id: int, env: Mapping[str, str] | None = None, now: datetime | None = None) -> list[str]:
    """One outbox item per configured sink for a new case, written in the caller's transaction
    (the one that stores the case). Returns the sink names."""
    env = dict(os.environ if env is None else env)
    sinks = configured_sinks(env)
    for sink in sinks:
        payload = {"handoff_id": handoff_id, "sink": sink}
        # A short delay, so the turn that triggered the handoff is stored before the case is read.
        wq.enqueue_outbox(db, f"sink:{handoff_id}:{sink}", "sink", payload, now, delay_s=SETTLE_SECONDS)
    return sinks


def send_item(engine: Engine, item: dict[str, Any], env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Deliver one outbox item to its sink, one try (the outbox retries); records the try."""
    env = dict(os.environ if env is None else env)
    sink, handoff_id = item["payload"]["sink"], item["payload"]["handoff_id"]
    if sink not in configured_sinks(env):
        raise wq.GiveUp(f"{sink} is no longer configured")
    with session(engine) as s:
        case = s.get(Handoff, handoff_id)
    if case is None:
        raise wq.GiveUp(f"case {handoff_id} no longer exists")
    case = _fresh(engine, case)
    try:
        with _client_factory() as client:
            result = _send_once(client, sink, case, env, _channel_user(engine, sink, case), item["key"])
    except (SinkError, httpx.HTTPError) as exc:
        error = str(exc) or exc.__class__.__name__
        log.warning("handoff %s: %s try %d failed: %s", handoff_id, sink, item["attempts"], error)
        _record(engine, handoff_id, sink, 1, error, {})
        if isinstance(exc, SinkError) and not exc.retry:
            raise wq.GiveUp(error) from None
        raise
    _record(engine, handoff_id, sink, 1, None, result)
    return result


def deliver(
    sink: str,
    handoff: Handoff,
    env: Mapping[str, str],
    engine: Engine | None = None,
    retries: int = RETRIES,
    backoff: float = BACKOFF_SECONDS,
) -> bool:
    """Send one case to one sink with retries; record the outcome; never raise."""
    channel_user = _channel_user(engine, sink, handoff) if engine is not None else None
    attempts, error, result = 0, None, {}
    with _client_factory() as client:
        for attempt in range(retries):
            attempts = attempt + 1
            try:
                result = _send_once(client, sink, handoff, env, channel_user)
                error = None
                break
            except (SinkError, httpx.HTTPError) as exc:
                error = str(exc) or exc.__class__.__name__
                log.warning("handoff %s: %s attempt %d failed: %s", handoff.id, sink, attempts, error)
                if isinstance(exc, SinkError) and not exc.retry:
                    break
                if attempt + 1 < retries:
                    time.sleep(backoff * (2**attempt))
    if error:
        log.error("handoff %s: %s delivery failed after %d attempts: %s", handoff.id, sink, attempts, error)
    if engine is not None:
        _record(engine, handoff.id or 0, sink, attempts, error, result)
    return error is None


def _record(engine: Engine, handoff_id: int, sink: str, attempts: int, error: str | None, result: dict) -> None:
    try:
        ensure_tables(engine)
        now = datetime.now(UTC)
        with session(engine) as s:
            row = s.exec(
                select(SinkDelivery).where(SinkDelivery.handoff_id == handoff_id, SinkDelivery.sink == sink)
            ).first() or SinkDelivery(handoff_id=handoff_id, sink=sink, created_at=now, updated_at=now)
            row.attempts += attempts
            row.status = "failed" if error else "sent"
            row.last_error = error
            row.response = result or {}
            row.updated_at = now
            s.add(row)
            s.commit()
    except Exception:
        log.exception("could not record the %s delivery of handoff %s", sink, handoff_id)


def notify_sinks(handoff: Handoff, engine: Engine | None = None, env: Mapping[str, str] | None = None) -> list[str]:
    """Push a case to every configured sink now, in this thread, with `deliver`'s retries; returns
    the sink names. Escalations do not use it: they `plan` outbox items, which survive a crash."""
    env = dict(os.environ if env is None else env)
    sinks = configured_sinks(env)
    for sink in sinks:
        deliver(sink, handoff, env, engine)
    return sinks


def _fresh(engine: Engine | None, handoff: Handoff) -> Handoff:
    """The case with its transcript re-read from the store (it includes the triggering turn)."""
    if engine is None or handoff.id is None:
        return handoff
    try:
        from sqlmodel import col

        from ..domain.models import Message

        with session(engine) as s:
            msgs = s.exec(
                select(Message).where(Message.conversation_id == handoff.conversation_id).order_by(col(Message.id))
            )
            transcript = [
                {"id": m.id, "role": m.role, "text": m.text, "intent": m.intent, "at": m.created_at.isoformat()}
                for m in msgs
            ]
        if len(transcript) >= len((handoff.package or {}).get("transcript") or []):
            fresh = handoff.model_copy()
            fresh.package = {**(handoff.package or {}), "transcript": transcript}
            return fresh
    except Exception:
        log.exception("handoff %s: could not refresh the transcript for sinks", handoff.id)
    return handoff


def retry_failed(engine: Engine, env: Mapping[str, str] | None = None) -> int:
    """Try failed deliveries again (call from a periodic job); returns how many now succeeded."""
    env = dict(os.environ if env is None else env)
    ensure_tables(engine)
    with session(engine) as s:
        rows = list(s.exec(select(SinkDelivery).where(SinkDelivery.status == "failed")))
        cases = {r.handoff_id: s.get(Handoff, r.handoff_id) for r in rows}
    ok = 0
    for row in rows:
        case = cases.get(row.handoff_id)
        if case is not None and row.sink in configured_sinks(env):
            ok += deliver(row.sink, _fresh(engine, case), env, engine)
    return ok
