"""Fuzzing every webhook parser (Meta, WhatsApp, AfterShip, EasyPost, Shopify) and their routes.

Invariants: a parser returns its result or raises its own PayloadError, nothing else; a correctly
signed webhook of any content is answered below 500 (and its background work does not raise).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wismo.channels.meta import parse_meta
from wismo.channels.signatures import sign_base64, sign_easypost, sign_meta
from wismo.channels.whatsapp import parse_whatsapp
from wismo.connectors import aftership, easypost, shopify
from wismo.connectors.aftership import PayloadError

from .fuzzing import examples, json_value, loaded_json, shaped
from .graph_standin import APP_SECRET, CARRIER_SECRET, SHOPIFY_SECRET, make_rig, wa_message
from .test_carrier_webhooks import aftership as aftership_payload
from .test_carrier_webhooks import easypost_event
from .test_shopify import ORDER

META = {
    "object": "page",
    "entry": [
        {
            "id": "P",
            "time": 1,
            "messaging": [
                {
                    "sender": {"id": "psid-1"},
                    "recipient": {"id": "P"},
                    "timestamp": 1765555200000,
                    "message": {"mid": "m.1", "text": "where is my order", "quick_reply": {"payload": "x"}},
                    "postback": {"payload": "TALK", "title": "Talk"},
                }
            ],
        }
    ],
}
WHATSAPP = wa_message("15550001234", "wamid.F1", "where is my order")
WHATSAPP["entry"][0]["changes"][0]["value"]["statuses"] = [{"id": "wamid.X", "status": "failed", "errors": [{}]}]
AFTERSHIP = aftership_payload(
    "1Z999AA10123456784",
    "InTransit",
    "evt-1",
    expected_delivery="2025-12-14",
    checkpoints=[
        {"checkpoint_time": "2025-12-12T10:00:00", "message": "Departed", "city": "Austin", "tag": "InTransit"}
    ],
)
EASYPOST = easypost_event(
    "1Z999AA10123456784",
    "in_transit",
    "evt_1",
    "departed",
    est_delivery_date="2025-12-14T00:00:00Z",
    tracking_details=[{"message": "Departed", "status": "in_transit", "datetime": "2025-12-12T10:00:00Z"}],
)
FULFILLMENT = {
    "id": 99,
    "order_id": 820982911946154508,
    "name": "#1001.1",
    "status": "success",
    "tracking_company": "UPS",
    "tracking_numbers": ["1Z2345678901234567"],
    "tracking_number": "1Z2345678901234567",
    "shipment_status": "in_transit",
    "created_at": "2025-12-12T08:00:00-05:00",
    "updated_at": "2025-12-12T09:00:00-05:00",
}
SHOPIFY_ORDER = {**ORDER, "fulfillments": [FULFILLMENT]}


def objects(template):
    """What a parser is given: a JSON object (the routes refuse anything else), shaped or not."""
    anything = st.dictionaries(st.text(max_size=12), loaded_json, max_size=4)
    return st.one_of(shaped(template).filter(lambda v: isinstance(v, dict)), anything)


@examples(150)
@given(objects(META))
def test_meta_parser_takes_any_payload(payload):
    assert isinstance(parse_meta(payload), list)


@examples(150)
@given(objects(WHATSAPP))
def test_whatsapp_parser_takes_any_payload(payload):
    assert isinstance(parse_whatsapp(payload), list)


@pytest.mark.parametrize(("mapper", "template"), [(aftership, AFTERSHIP), (easypost, EASYPOST)])
@examples(150)
@given(data=st.data())
def test_carrier_parsers_return_an_update_or_a_payload_error(mapper, template, data):
    payload = data.draw(objects(template))
    try:
        mapper.to_update(payload)
    except PayloadError:
        pass
    assert isinstance(mapper.event_id(payload, json.dumps(payload, default=str).encode()), str)


@pytest.fixture(scope="module")
def rig(tmp_path_factory):
    return make_rig(tmp_path_factory.mktemp("fuzz-webhooks"), orders=120)


@examples(120)
@given(topic=st.sampled_from(sorted(shopify.TOPICS)), data=st.data())
def test_shopify_handler_returns_a_result_or_a_payload_error(rig, topic, data):
    template = FULFILLMENT if topic.startswith("fulfillments") else SHOPIFY_ORDER
    payload = data.draw(objects(template))
    try:
        shopify.handle(rig.engine, topic, payload)
    except PayloadError:
        pass


def _body(value) -> bytes:
    return value if isinstance(value, bytes) else json.dumps(value).encode()


finite = st.one_of(st.binary(max_size=200), json_value)
ROUTES = {
    "/webhooks/meta": (META, lambda b: {"X-Hub-Signature-256": sign_meta(APP_SECRET, b)}),
    "/webhooks/whatsapp": (WHATSAPP, lambda b: {"X-Hub-Signature-256": sign_meta(APP_SECRET, b)}),
    "/webhooks/carriers/aftership": (AFTERSHIP, lambda b: {"aftership-hmac-sha256": sign_base64(CARRIER_SECRET, b)}),
    "/webhooks/carriers/easypost": (EASYPOST, lambda b: {"X-Hmac-Signature": sign_easypost(CARRIER_SECRET, b)}),
}


@pytest.mark.parametrize("path", sorted(ROUTES))
@examples(60)
@given(data=st.data())
def test_signed_webhooks_of_any_content_answer_below_500(rig, path, data):
    template, sign = ROUTES[path]
    body = _body(data.draw(st.one_of(shaped(template, json_value), finite)))
    r = rig.client.post(path, content=body, headers={"Content-Type": "application/json", **sign(body)})
    assert r.status_code < 500, r.text


@examples(60)
@given(topic=st.one_of(st.sampled_from(sorted(shopify.TOPICS)), st.text(max_size=20)), data=st.data())
def test_signed_shopify_webhooks_of_any_content_answer_below_500(rig, topic, data):
    template = FULFILLMENT if topic.startswith("fulfillments") else SHOPIFY_ORDER
    body = _body(data.draw(st.one_of(shaped(template, json_value), finite)))
    headers = {"X-Shopify-Hmac-Sha256": sign_base64(SHOPIFY_SECRET, body), "Content-Type": "application/json"}
    headers["X-Shopify-Topic"] = topic.encode("ascii", "ignore").decode() or "orders/create"
    r = rig.client.post("/webhooks/shopify", content=body, headers=headers)
    assert r.status_code < 500, r.text


def test_the_templates_are_valid_inputs(rig):
    """The shapes the fuzzers start from are real payloads (else the fuzzing explores nothing)."""
    assert parse_meta(META) and parse_whatsapp(WHATSAPP)
    assert aftership.to_update(AFTERSHIP).tracking_number and easypost.to_update(EASYPOST).tracking_number
    assert shopify.handle(rig.engine, "orders/create", SHOPIFY_ORDER).order_key
