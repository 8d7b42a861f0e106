"""Helpdesk sinks against local stand-ins that check the real request formats."""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest

from wismo.domain.models import Handoff
from wismo.handoff import sinks

ENV = {
    "ZENDESK_URL": "https://shop.zendesk.test",
    "ZENDESK_EMAIL": "ops@shop.test",
    "ZENDESK_API_TOKEN": "zd-token",
    "CHATWOOT_URL": "https://chat.shop.test/",
    "CHATWOOT_ACCOUNT_ID": "7",
    "CHATWOOT_API_TOKEN": "cw-token",
    "WISMO_HANDOFF_WEBHOOK_SECRET": "s3cret",
}


def case(**package) -> Handoff:
    now = datetime(2025, 12, 12, 19, 0, tzinfo=UTC)
    return Handoff(
        id=42,
        conversation_id="c-1",
        reason="tool_failure",
        status="open",
        priority=6,
        summary="Customer wants to know where their order is. wismo verified order WS10001.",
        package={
            "reason": "tool_failure",
            "intent": "order_status",
            "identity": {"verified_order": "WS10001", "verified": True},
            "snapshot": [{"source_id": "shipment:1Z999", "label": "UPS tracking 1Z999"}],
            "transcript": [{"role": "customer", "text": "where is <ORDER_1>? my email is <EMAIL_1>"}],
            **package,
        },
        created_at=now,
        updated_at=now,
    )


@pytest.fixture(autouse=True)
def _reset():
    yield
    sinks.set_client_factory(None)


def mock(handler) -> None:
    sinks.set_client_factory(lambda: httpx.Client(transport=httpx.MockTransport(handler)))


def test_zendesk_ticket_format_and_auth():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"ticket": {"id": 9001}})

    mock(handler)
    assert sinks.deliver("zendesk", case(), ENV, retries=1)
    req = seen[0]
    assert req.method == "POST" and str(req.url) == "https://shop.zendesk.test/api/v2/tickets"
    user, _, token = base64.b64decode(req.headers["authorization"].split()[1]).decode().partition(":")
    assert (user, token) == ("ops@shop.test/token", "zd-token")
    ticket = json.loads(req.content)["ticket"]
    assert set(ticket) == {"subject", "comment", "tags", "priority", "external_id"}  # no requester: no PII held
    assert ticket["comment"]["public"] is False
    assert "shipment:1Z999" in ticket["comment"]["body"] and "<EMAIL_1>" in ticket["comment"]["body"]
    assert ticket["priority"] == "high" and ticket["external_id"] == "wismo-handoff-42"
    assert ticket["tags"] == ["wismo", "handoff", "tool_failure"]


def test_chatwoot_toggles_the_linked_conversation_open():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"payload": {"success": True, "current_status": "open"}})

    mock(handler)
    assert sinks.deliver("chatwoot", case(chatwoot_conversation_id=311), ENV, retries=1)
    req = seen[0]
    assert str(req.url) == "https://chat.shop.test/api/v1/accounts/7/conversations/311/toggle_status"
    assert req.headers["api_access_token"] == "cw-token" and json.loads(req.content) == {"status": "open"}
    # No linked Chatwoot conversation: nothing sent, not retried.
    seen.clear()
    assert not sinks.deliver("chatwoot", case(), ENV, retries=3, backoff=0)
    assert seen == []


def test_failures_are_retried_then_given_up_without_raising():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            return httpx.Response(503, text="busy")
        return httpx.Response(201, json={"ticket": {"id": 1}})

    mock(handler)
    assert sinks.deliver("zendesk", case(), ENV, retries=3, backoff=0)
    assert len(calls) == 3
    calls.clear()
    mock(lambda r: (calls.append(1), httpx.Response(401, text="bad token"))[1])
    assert not sinks.deliver("zendesk", case(), ENV, retries=3, backoff=0)
    assert len(calls) == 1  # a 4xx is not retried

    def down(request):
        raise httpx.ConnectError("refused")

    mock(down)
    assert not sinks.deliver("webhook", case(), {**ENV, "WISMO_HANDOFF_WEBHOOK_URL": "http://x"}, retries=2, backoff=0)


def test_signed_webhook_against_a_real_local_server():
    received: list[tuple[dict, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            ok = sinks.verify_signature(body, "s3cret", self.headers.get("X-Wismo-Signature", ""))
            self.send_response(204 if ok else 401)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {**ENV, "WISMO_HANDOFF_WEBHOOK_URL": f"http://127.0.0.1:{server.server_port}/hook"}
        assert sinks.deliver("webhook", case(), env, retries=1)
    finally:
        server.shutdown()
    headers, body = received[0]
    import hashlib
    import hmac

    assert headers["X-Wismo-Signature"] == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Wismo-Timestamp"].isdigit()
    payload = json.loads(body)
    assert payload["event"] == "handoff.created" and payload["handoff"]["id"] == 42
    assert not sinks.verify_signature(body + b" ", "s3cret", headers["X-Wismo-Signature"])


def test_configuration_and_background_notify(tmp_path):
    assert sinks.configured_sinks({}) == []
    assert sinks.configured_sinks({**ENV, "WISMO_HANDOFF_WEBHOOK_URL": "http://h"}) == [
        "zendesk",
        "chatwoot",
        "webhook",
    ]
    seen = []
    mock(lambda r: (seen.append(str(r.url)), httpx.Response(201, json={}))[1])
    env = {k: v for k, v in ENV.items() if k.startswith("ZENDESK")}
    assert sinks.notify_sinks(case(), env=env) == ["zendesk"]
    assert seen == ["https://shop.zendesk.test/api/v2/tickets"]
    assert sinks.notify_sinks(case(), env={}) == []


def test_deliveries_are_recorded_and_failed_ones_retried(tmp_path):
    from sqlmodel import select

    from wismo.domain.db import create_schema, get_engine, session
    from wismo.handoff.records import SinkDelivery

    engine = get_engine(f"sqlite:///{tmp_path / 'sinks.db'}")
    create_schema(engine)
    state = {"up": False}
    mock(lambda r: httpx.Response(201, json={}) if state["up"] else httpx.Response(500))
    env = {k: v for k, v in ENV.items() if k.startswith("ZENDESK")}
    c = case()
    with session(engine) as s:  # the case must exist for retry_failed to find it
        from wismo.domain.models import Conversation

        s.add(Conversation(id="c-1", created_at=c.created_at, updated_at=c.created_at))
        s.add(c)
        s.commit()
    assert not sinks.deliver("zendesk", c, env, engine, retries=2, backoff=0)
    with session(engine) as s:
        row = s.exec(select(SinkDelivery)).one()
        assert (row.status, row.attempts) == ("failed", 2) and "HTTP 500" in row.last_error
    state["up"] = True
    assert sinks.retry_failed(engine, env) == 1
    with session(engine) as s:
        assert s.exec(select(SinkDelivery)).one().status == "sent"
