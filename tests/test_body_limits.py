"""Body limits count bytes as they arrive (chunked bodies too), and webhooks refuse before reading.

The app is driven at the ASGI level with a body that arrives in chunks and no Content-Length, so
the tests see exactly how many bytes the server pulled before it answered.
"""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest

from wismo.channels.signatures import sign_base64
from wismo.server import MAX_BODY_BYTES, MAX_WEBHOOK_BYTES, create_app

from .conftest import make_settings
from .graph_standin import CARRIER_SECRET, channel_settings
from .test_route_access import NoAgent

CHUNK = 16 * 1024


class Upload:
    """A chunked request body of `total` bytes that records how much of it the app pulled."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.pulled = 0
        self.sent: list[dict] = []

    async def receive(self) -> dict:
        if self.pulled >= self.total:
            await asyncio.sleep(0)
            return {"type": "http.disconnect"}
        size = min(CHUNK, self.total - self.pulled)
        self.pulled += size
        return {"type": "http.request", "body": b"x" * size, "more_body": self.pulled < self.total}

    async def send(self, message: dict) -> None:
        self.sent.append(message)

    @property
    def status(self) -> int:
        return next(m["status"] for m in self.sent if m["type"] == "http.response.start")

    @property
    def json(self) -> dict:
        return json.loads(b"".join(m.get("body", b"") for m in self.sent if m["type"] == "http.response.body"))


def post_chunked(app, path: str, total: int, headers: dict[str, str] | None = None) -> Upload:
    upload = Upload(total)
    raw = [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": raw,
        "client": ("203.0.113.9", 50000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, upload.receive, upload.send))
    return upload


def app_with_webhooks(tmp_path, **secrets):
    app = create_app(make_settings(tmp_path), agent=NoAgent())
    app.state.channel_hub = SimpleNamespace(settings=channel_settings(**secrets))
    return app


def test_a_chunked_message_body_is_cut_off_at_the_limit(tmp_path):
    app = create_app(make_settings(tmp_path), agent=NoAgent())
    up = post_chunked(app, "/v1/conversations/abc/messages", 20 * 1024 * 1024)
    assert up.status == 413 and up.json["error"]["code"] == "too_large"
    assert up.pulled <= MAX_BODY_BYTES + CHUNK  # not the 20 MB sent


def test_a_chunked_webhook_body_is_cut_off_at_the_webhook_limit(tmp_path):
    app = app_with_webhooks(tmp_path)
    up = post_chunked(app, "/webhooks/carriers/aftership", 20 * 1024 * 1024, {"aftership-hmac-sha256": "c2ln"})
    assert up.status == 413 and up.json["error"]["code"] == "too_large"
    assert up.pulled <= MAX_WEBHOOK_BYTES + CHUNK


@pytest.mark.parametrize(
    ("path", "secret_env", "header"),
    [
        ("/webhooks/carriers/aftership", "AFTERSHIP_WEBHOOK_SECRET", "aftership-hmac-sha256"),
        ("/webhooks/carriers/easypost", "EASYPOST_WEBHOOK_SECRET", "x-hmac-signature"),
        ("/webhooks/shopify", "SHOPIFY_WEBHOOK_SECRET", "x-shopify-hmac-sha256"),
        ("/webhooks/meta", "META_APP_SECRET", "x-hub-signature-256"),
        ("/webhooks/whatsapp", "META_APP_SECRET", "x-hub-signature-256"),
    ],
)
def test_webhooks_refuse_before_reading_a_byte(tmp_path, path, secret_env, header):
    unconfigured = app_with_webhooks(tmp_path, **{secret_env: None})
    up = post_chunked(unconfigured, path, 20 * 1024 * 1024, {header: "c2ln"})
    assert up.status == 503 and up.json["error"]["code"] == "not_configured"
    assert up.pulled == 0
    unsigned = post_chunked(app_with_webhooks(tmp_path), path, 20 * 1024 * 1024)
    assert unsigned.status == 401 and unsigned.pulled == 0


def test_content_length_over_the_limit_is_refused_before_the_body(tmp_path):
    from fastapi.testclient import TestClient

    client = TestClient(app_with_webhooks(tmp_path))
    body = json.dumps({"msg": "x" * (MAX_WEBHOOK_BYTES + 1)}).encode()
    r = client.post(
        "/webhooks/carriers/aftership",
        content=body,
        headers={"aftership-hmac-sha256": sign_base64(CARRIER_SECRET, body)},
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
