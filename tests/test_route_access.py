"""Every route of the app either is a customer route listed here, or refuses a caller without a key.

A new staff route that forgets its role check fails here: the list below names what customers may
reach, and everything else must answer 401 to a request without a key (and to a wrong key).
"""

from __future__ import annotations

import re

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from wismo.server import create_app

from .conftest import make_settings

#: (method, path) a customer, a platform or a browser reaches without a staff key, and why.
CUSTOMER_ROUTES: dict[tuple[str, str], str] = {
    ("POST", "/v1/conversations"): "start a chat",
    ("GET", "/v1/conversations/{conversation_id}"): "the customer's own transcript (unguessable id)",
    ("POST", "/v1/conversations/{conversation_id}/messages"): "chat",
    ("POST", "/v1/conversations/{conversation_id}/csat"): "the customer's rating",
    ("GET", "/chat"): "web chat page",
    ("GET", "/widget.js"): "chat widget",
    ("GET", "/widget.css"): "chat widget",
    ("GET", "/track/{token}"): "tracking page, signed token",
    ("POST", "/track/{token}/redirect"): "tracking page, signed token",
    ("POST", "/track/{token}/chat"): "tracking page, signed token",
    ("GET", "/track.css"): "tracking page styles",
    ("GET", "/l/{token}"): "return label download, signed token",
    ("GET", "/o/{token}"): "tracked offer link, signed token",
    ("POST", "/webhooks/carriers/aftership"): "HMAC signature of its own",
    ("POST", "/webhooks/carriers/easypost"): "HMAC signature of its own",
    ("POST", "/webhooks/shopify"): "HMAC signature of its own",
    ("GET", "/webhooks/meta"): "verify-token handshake",
    ("POST", "/webhooks/meta"): "HMAC signature of its own",
    ("GET", "/webhooks/whatsapp"): "verify-token handshake",
    ("POST", "/webhooks/whatsapp"): "HMAC signature of its own",
    ("GET", "/healthz"): "load balancer probe",
    ("GET", "/readyz"): "load balancer readiness probe (says which check fails, nothing more)",
    ("GET", "/openapi.json"): "API description",
    ("GET", "/docs"): "API description",
    ("GET", "/docs/oauth2-redirect"): "API description",
    ("GET", "/redoc"): "API description",
    # The staff pages are empty shells: every call they make sends the key the person typed.
    ("GET", "/inbox"): "staff page shell, no data",
    ("GET", "/ops"): "staff page shell, no data",
    ("GET", "/console/{name}"): "staff page scripts and styles, no data",
}


class NoAgent:
    """Any use of the agent is a route that went past its role check."""

    def __getattr__(self, name):
        raise AssertionError(f"a route used the agent ({name}) before checking the caller's key")


def every_route(app) -> list[tuple[str, str]]:
    out = []
    for ctx in iter_route_contexts(app.routes):
        for method in sorted(getattr(ctx, "methods", None) or ()):
            if method != "HEAD":
                out.append((method, ctx.path))
    return sorted(set(out))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(make_settings(tmp_path_factory.mktemp("routes")), agent=NoAgent())


def test_the_customer_list_names_only_routes_that_exist(app):
    missing = set(CUSTOMER_ROUTES) - set(every_route(app))
    assert not missing, f"listed as customer routes but gone: {sorted(missing)}"


def test_every_other_route_answers_401_without_a_key(app, monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", "agent:ak,ops:ok,admin:dk")
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)
    client = TestClient(app, raise_server_exceptions=False)
    staff = [r for r in every_route(app) if r not in CUSTOMER_ROUTES]
    assert len(staff) >= 20  # the walk found the included routers, not only the app's own routes
    open_routes = []
    for method, path in staff:
        url = re.sub(r"\{[^}]+\}", "1", path)
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "ak"}):
            r = client.request(method, url, json={}, headers=headers)
            if r.status_code != 401:
                open_routes.append((method, path, headers.get("Authorization"), r.status_code))
    assert not open_routes, f"staff routes that answered without a valid key: {open_routes}"
