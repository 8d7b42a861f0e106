"""Webhook routes of carriers and the shop: signature first, then one claim per event, then the store.

- POST /webhooks/carriers/aftership  (`aftership-hmac-sha256`, base64)
- POST /webhooks/carriers/easypost   (`X-Hmac-Signature: hmac-sha256-hex=<hex>`)
- POST /webhooks/shopify             (`X-Shopify-Hmac-Sha256`, base64; `X-Shopify-Topic`)
A forged signature is 401 and touches nothing; malformed JSON is 400; an unknown tracking number
is 202 (accepted and logged, nothing created); a replayed event id changes nothing and notifies
no one. Proactive notices go out in the background after the 200.
"""

from __future__ import annotations

import hashlib
import logging

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..channels import records
from ..channels.meta import ChannelHub, error, get_hub, read_signed
from ..channels.proactive import Notifier
from ..channels.signatures import verify_base64, verify_easypost
from . import aftership, easypost, shopify
from .aftership import PayloadError
from .apply import ApplyResult, TrackingUpdate, apply_update

log = logging.getLogger("wismo.connectors")

router = APIRouter(tags=["webhooks"])


def get_notifier(request: Request, hub: ChannelHub) -> Notifier:
    notifier = getattr(request.app.state, "notifier", None)
    if notifier is None:
        notifier = Notifier(hub.engine, hub.outbox, hub.settings, brand=hub.agent.settings.brand_name)
        shopify.SQLModel.metadata.create_all(hub.engine, tables=[shopify.ShopifyOrderRef.__table__])  # type: ignore[attr-defined]
        request.app.state.notifier = notifier
    return notifier


def _notify(notifier: Notifier, results: list[ApplyResult], event_key: str) -> None:
    for i, result in enumerate(results):
        try:
            notifier.notify(result, event_key if len(results) == 1 else f"{event_key}:{i}")
        except Exception:  # a background task has no caller; log with the event
            log.exception("notice failed event=%s", event_key)


def _carrier_update(
    hub: ChannelHub, notifier: Notifier, source: str, event_id: str, update: TrackingUpdate, tasks: BackgroundTasks
) -> JSONResponse:
    if hub.agent.store.shipment_by_tracking(update.tracking_number) is None:
        log.warning(
            "%s update for unknown tracking number %s ignored (event %s)", source, update.tracking_number, event_id
        )
        return JSONResponse({"status": "ignored", "reason": "unknown_tracking_number"}, status_code=202)
    if not records.claim(hub.engine, source, event_id):
        return JSONResponse({"status": "duplicate"})
    try:
        result = apply_update(hub.engine, update)
    except Exception:
        records.release(hub.engine, source, event_id)
        raise
    if result is None:
        return JSONResponse({"status": "ignored", "reason": "unknown_tracking_number"}, status_code=202)
    tasks.add_task(_notify, notifier, [result], f"{source}:{event_id}")
    return JSONResponse(
        {"status": "applied", "shipment_status": result.status.value, "events_added": len(result.appended)}
    )


async def _carrier_webhook(request: Request, tasks: BackgroundTasks, source: str, mapper, verify, header: str):
    """One carrier webhook: signature over the raw body, the carrier's payload mapped onto ours, applied once."""
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
    notifier = get_notifier(request, hub)
    eid = mapper.event_id(checked, body)
    return await run_in_threadpool(_carrier_update, hub, notifier, source, eid, update, tasks)


@router.post("/webhooks/carriers/aftership", response_model=None)
async def aftership_webhook(request: Request, tasks: BackgroundTasks) -> JSONResponse:
    return await _carrier_webhook(request, tasks, "aftership", aftership, verify_base64, "aftership-hmac-sha256")


@router.post("/webhooks/carriers/easypost", response_model=None)
async def easypost_webhook(request: Request, tasks: BackgroundTasks) -> JSONResponse:
    return await _carrier_webhook(request, tasks, "easypost", easypost, verify_easypost, "x-hmac-signature")


def _shopify(
    hub: ChannelHub, notifier: Notifier, topic: str, event_id: str, payload: dict, tasks: BackgroundTasks
) -> JSONResponse:
    if not records.claim(hub.engine, "shopify", event_id):
        return JSONResponse({"status": "duplicate"})
    try:
        result = shopify.handle(hub.engine, topic, payload)
    except PayloadError as exc:
        records.release(hub.engine, "shopify", event_id)
        return error(422, "unreadable_payload", str(exc))
    except Exception:
        records.release(hub.engine, "shopify", event_id)
        raise
    if result.order_key is None:
        log.warning("shopify %s for an unknown order ignored (event %s)", topic, event_id)
        return JSONResponse({"status": "ignored", "reason": "unknown_order"}, status_code=202)
    if result.updates:
        tasks.add_task(_notify, notifier, result.updates, f"shopify:{event_id}")
    return JSONResponse(
        {
            "status": "applied",
            "order_key": result.order_key,
            "created": result.created,
            "shipments_created": result.shipments_created,
        }
    )


@router.post("/webhooks/shopify", response_model=None)
async def shopify_webhook(request: Request, tasks: BackgroundTasks) -> JSONResponse:
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
    notifier = get_notifier(request, hub)
    eid = (
        request.headers.get("x-shopify-webhook-id")
        or request.headers.get("x-shopify-event-id")
        or "sha256:" + hashlib.sha256(body).hexdigest()
    )
    return await run_in_threadpool(_shopify, hub, notifier, topic, f"{topic}:{eid}", checked, tasks)
