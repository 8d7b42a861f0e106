"""A local stand-in of Meta's Graph API, and a channel app wired to it over a fresh demo store.

The stand-in is an `httpx.MockTransport` over the package's stand-in answers (wismo/evals/
graph_standin.py, which the soak test serves over HTTP): it records every request (path, headers,
JSON body) and answers like the Send API / Cloud API, or fails on demand (`fail_next("500", "timeout", "400")`)
so the retry rules can be tested without a network.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from wismo.channels.signatures import sign_meta
from wismo.evals.graph_standin import graph_answer

APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"
CARRIER_SECRET = "test-carrier-secret"
SHOPIFY_SECRET = "test-shopify-secret"


class GraphStandin:
    def __init__(self) -> None:
        self.attempts: list[httpx.Request] = []
        self.sent: list[dict[str, Any]] = []
        self._fail: list[str] = []
        self._ids = itertools.count(1)
        self.transport = httpx.MockTransport(self.handle)

    def fail_next(self, *kinds: str) -> None:
        """Make the next requests fail: `500`, `503`, `400` or `timeout`, in order."""
        self._fail.extend(kinds)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.attempts.append(request)
        if self._fail:
            kind = self._fail.pop(0)
            if kind == "timeout":
                raise httpx.ReadTimeout("stand-in timeout", request=request)
            return httpx.Response(int(kind), json={"error": {"message": "stand-in failure", "code": 2}})
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return httpx.Response(401, json={"error": {"message": "no token", "code": 190}})
        body = json.loads(request.content)
        n = next(self._ids)
        self.sent.append({"path": request.url.path, "auth": request.headers["authorization"], "body": body})
        return httpx.Response(200, json=graph_answer(body, n))

    def bodies(self, to: str | None = None) -> list[dict[str, Any]]:
        out = [s["body"] for s in self.sent]
        if to is not None:
            out = [b for b in out if b.get("to") == to or (b.get("recipient") or {}).get("id") == to]
        return out


class DrainingClient(TestClient):
    """A test client whose requests are followed by the queue workers' turn, as in a server where
    the workers run beside the routes: a webhook's effects are visible when `post` returns."""

    workers: Any = None

    def request(self, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        response = super().request(*args, **kwargs)
        if self.workers is not None:
            self.workers.drain()
        return response


@dataclass
class ChannelRig:
    client: TestClient
    graph: GraphStandin
    agent: Any
    hub: Any
    engine: Any
    workers: Any = None

    def drain(self) -> int:
        """Run the queue workers until both queues are empty (what a server's workers do)."""
        return self.workers.drain()

    def post_signed(self, path: str, payload: dict[str, Any] | bytes, secret: str = APP_SECRET) -> httpx.Response:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign_meta(secret, body)}
        return self.client.post(path, content=body, headers=headers)


def channel_settings(**overrides: Any):
    from wismo.channels.graph_api import ChannelSettings

    values: dict[str, Any] = {
        "META_VERIFY_TOKEN": VERIFY_TOKEN,
        "META_APP_SECRET": APP_SECRET,
        "META_PAGE_ACCESS_TOKEN": "page-token",
        "META_GRAPH_URL": "https://graph.standin.test/v21.0",
        "WHATSAPP_TOKEN": "wa-token",
        "WHATSAPP_PHONE_NUMBER_ID": "109876543210",
        "AFTERSHIP_WEBHOOK_SECRET": CARRIER_SECRET,
        "EASYPOST_WEBHOOK_SECRET": CARRIER_SECRET,
        "SHOPIFY_WEBHOOK_SECRET": SHOPIFY_SECRET,
        "WISMO_GRAPH_BACKOFF": 0,
    }
    values.update(overrides)
    return ChannelSettings(_env_file=None, **values)  # type: ignore[call-arg]


def make_rig(data_dir: Path, orders: int = 300, **overrides: Any) -> ChannelRig:
    """A fresh demo store, an agent, and an app with the channel and connector routers on the stand-in."""
    from wismo.channels import meta, whatsapp
    from wismo.channels.graph_api import GraphClient, Outbox
    from wismo.connectors import routes
    from wismo.workers import QueueWorkers

    from .conftest import seeded_agent

    agent = seeded_agent(data_dir, orders=orders)
    graph = GraphStandin()
    cs = channel_settings(**overrides)
    outbox = Outbox(agent.engine, cs, GraphClient.from_settings(cs, transport=graph.transport))
    hub = meta.ChannelHub(agent, outbox, cs)
    app = FastAPI()
    app.state.get_agent = lambda: agent
    app.state.channel_hub = hub
    for r in (meta.router, whatsapp.router, routes.router):
        app.include_router(r)
    workers = QueueWorkers(hub, agent.settings)
    client = DrainingClient(app)
    client.workers = workers
    return ChannelRig(client, graph, agent, hub, agent.engine, workers)


#: The business phone number id of inbound WhatsApp payloads (replies are sent from it).
WA_PHONE_ID = "106540352242922"


def wa_message(
    wa_id: str, wamid: str, text: str | None = None, name: str = "Alex Doe", phone_id: str = WA_PHONE_ID, **message
) -> dict:
    """A WhatsApp Cloud API webhook carrying one inbound message (a text, or the `message` fields)."""
    msg = {"from": wa_id, "id": wamid, "timestamp": str(int(time.time()))}
    msg.update({"type": "text", "text": {"body": text}} if text is not None else message)
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "15550001111", "phone_number_id": phone_id},
                            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
                            "messages": [msg],
                        },
                    }
                ],
            }
        ],
    }
