"""Webhook routes of carriers and the shop: signature first, then the event stored, then the 200.

- POST /webhooks/carriers/aftership  (`aftership-hmac-sha256`, base64)
- POST /webhooks/carriers/easypost   (`X-Hmac-Signature: hmac-sha256-hex=<hex>`)
- POST /webhooks/shopify             (`X-Shopify-Hmac-Sha256`, base64; `X-Shopify-Topic`)
A forged signature is 401 and touches nothing; malformed JSON is 400; a carrier payload we cannot
read is 422; an unknown tracking number is 202 (accepted and logged, nothing stored). Anything
else is written to the inbound queue under its event id and then answered 200 (`queued`, or
`duplicate` for an id already stored): the queue's workers apply it and send its notices
(connectors/intake.py), so an event the platform saw acknowledged is never lost.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..channels.meta import error, get_hub, read_signed
from ..channels.signatures import verify_base64, verify_easypost
from ..domain import work_queue as wq
from ..domain.db import session
from . import aftership, easypost, shopify
from .aftership import PayloadError

log = logging.getLogger("wismo.connectors")

router = APIRouter(tags=["webhooks"])


def _store(engine, source: str, event_id: str, kind: str, payload: dict[str, Any]) -> JSONResponse:
    with session(engine) as s:
        fresh = wq.enqueue_inbound(s, source, event_id, kind, payload)
        s.commit()
    if fresh:
        wq.nudge()
    return JSONResponse({"status": "queued" if fresh else "duplicate", "event_id": event_id[:255]})


async def _carrier_webhook(request: Request, source: str, mapper, verify, header: str) -> JSONResponse:
    """One carrier webhook: signature over the raw body, the payload checked readable, then stored."""
    hub = get_hub(request)
    secret = getattr(hub.settings, f"{source}_webhook_secret")
    signed = await read_signed(request, secret, f"{source.upper()}_WEBHOOK_SECRET", header, verify)
    if isinstance(signed, JSONResponse):
        return signed
    body, checked = signed
    try:
        update = mapper.to_update(checked)
    except PayloadError as exc:
        return error(422, "unreadable_payload", str(exc))
    eid = mapper.event_id(checked, body)
    known = await run_in_threadpool(hub.agent.store.shipment_by_tracking, update.tracking_number)
    if known is None:
        log.warning("%s update for unknown tracking number %s ignored (event %s)", source, update.tracking_number, eid)
        return JSONResponse({"status": "ignored", "reason": "unknown_tracking_number"}, status_code=202)
    return await run_in_threadpool(_store, hub.engine, source, eid, "tracking", {"body": checked})


@router.post("/webhooks/carriers/aftership", response_model=None)
async def aftership_webhook(request: Request) -> JSONResponse:
    return await _carrier_webhook(request, "aftership", aftership, verify_base64, "aftership-hmac-sha256")


@router.post("/webhooks/carriers/easypost", response_model=None)
async def easypost_webhook(request: Request) -> JSONResponse:
    return await _carrier_webhook(request, "easypost", easypost, verify_easypost, "x-hmac-signature")


@router.post("/webhooks/shopify", response_model=None)
async def shopify_webhook(request: Request) -> JSONResponse:
    hub = get_hub(request)
    secret = hub.settings.shopify_webhook_secret
    signed = await read_signed(request, secret, "SHOPIFY_WEBHOOK_SECRET", "x-shopify-hmac-sha256", verify_base64)
    if isinstance(signed, JSONResponse):
        return signed
    body, checked = signed
    topic = request.headers.get("x-shopify-topic") or ""
    if topic not in shopify.TOPICS:
        # Acknowledge topics we do not use, so Shopify does not retry them.
        return JSONResponse({"status": "ignored", "reason": f"topic {topic or '(none)'} not handled"})
    eid = (
        request.headers.get("x-shopify-webhook-id")
        or request.headers.get("x-shopify-event-id")
        or "sha256:" + hashlib.sha256(body).hexdigest()
    )
    payload = {"topic": topic, "body": checked}
    return await run_in_threadpool(_store, hub.engine, "shopify", f"{topic}:{eid}", "shopify", payload)
