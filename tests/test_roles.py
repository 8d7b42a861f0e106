"""Role keys on the staff routes and the rate limit on the customer routes."""

from __future__ import annotations

import pytest
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient

from wismo.handoff.access import Principal, TokenBucket, authenticate, install_rate_limit, key_id, parse_keys, require

KEYS = "agent:ak,ops:ok,admin:dk"


@pytest.fixture(scope="module")
def app():
    """The real routers on a tiny app whose agent is a stand-in (auth fails before it is used)."""
    from wismo.handoff.api import router as handoff_router
    from wismo.ops.api import router as ops_router
    from wismo.ops.seasonal_api import router as seasonal_router

    app = FastAPI()

    from types import SimpleNamespace

    from sqlalchemy import create_engine

    class Forgetful:
        """Knows no one: erasure finds no conversation of any email."""

        engine = create_engine("sqlite://")
        services = SimpleNamespace(vault=SimpleNamespace(conversations_of=lambda email: []))
        graph = SimpleNamespace(checkpointer=None)

        def forget(self, email):
            return {"vault_entries": 0, "conversations": 0, "messages": 0}

    app.state.get_agent = lambda: Forgetful()
    app.include_router(handoff_router)
    app.include_router(ops_router)
    app.include_router(seasonal_router)

    return app


def call(client, method, path, key=None, **kw):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.request(method, path, headers=headers, **kw).status_code


MATRIX = [
    ("GET", "/v1/handoffs", {"agent", "ops", "admin"}),
    ("POST", "/v1/handoffs/1/claim", {"agent", "admin"}),
    ("POST", "/v1/messages/1/flag", {"agent", "admin"}),
    ("GET", "/v1/ops/metrics", {"ops", "admin"}),
    ("POST", "/v1/ops/unresolved/1/label", {"ops", "admin"}),
    ("POST", "/v1/privacy/forget", {"admin"}),
    ("GET", "/v1/ops/notices", {"ops", "admin"}),
    ("POST", "/v1/ops/notices", {"ops", "admin"}),
    ("POST", "/v1/ops/notices/1/end", {"ops", "admin"}),
    ("POST", "/v1/ops/playbooks/weather/activate", {"ops", "admin"}),
    ("POST", "/v1/ops/store-hours", {"ops", "admin"}),
]


@pytest.mark.parametrize(("method", "path", "allowed"), MATRIX)
def test_each_role_gets_exactly_its_rights(app, monkeypatch, method, path, allowed):
    monkeypatch.setenv("WISMO_API_KEYS", KEYS)
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)
    client = TestClient(app, raise_server_exceptions=False)
    body = {"intent": "order_status", "email": "a@b.co", "note": "x"}
    assert call(client, method, path, json=body) == 401
    assert call(client, method, path, "nope", json=body) == 401
    for role, key in (("agent", "ak"), ("ops", "ok"), ("admin", "dk")):
        status = call(client, method, path, key, json=body)
        if role in allowed:
            assert status not in (401, 403), (role, path, status)
        else:
            assert status == 403, (role, path, status)


def test_unset_keys_close_the_routes_with_a_hint_unless_demo_open(app, monkeypatch):
    monkeypatch.delenv("WISMO_API_KEYS", raising=False)
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)
    client = TestClient(app)
    r = client.post("/v1/privacy/forget", json={"email": "a@b.co"})
    assert r.status_code == 401 and "WISMO_API_KEYS" in r.json()["detail"]
    monkeypatch.setenv("WISMO_DEMO_OPEN", "1")
    r = client.post("/v1/privacy/forget", json={"email": "a@b.co"})
    assert r.status_code == 200 and r.json()["email_forgotten"] is True
    # Demo-open never applies once keys are configured.
    monkeypatch.setenv("WISMO_API_KEYS", KEYS)
    assert client.post("/v1/privacy/forget", json={"email": "a@b.co"}).status_code == 401


def test_key_parsing_and_ids():
    assert parse_keys(" agent:a1 , ops:o1,bogus:x,admin:,admin:d1:with-colon") == [
        ("agent", "a1"),
        ("ops", "o1"),
        ("admin", "d1:with-colon"),
    ]
    env = {"WISMO_API_KEYS": "agent:a1,admin:d1"}
    assert authenticate("Bearer d1", env) == Principal("admin", key_id("admin", "d1"))
    assert authenticate("bearer a1", env).role == "agent"
    assert "a1" not in key_id("agent", "a1") and key_id("agent", "a1").startswith("agent:")
    with pytest.raises(HTTPException) as err:
        authenticate("Basic a1", env)
    assert err.value.status_code == 401


def test_require_dependency_returns_the_principal(monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", KEYS)
    app = FastAPI()

    @app.get("/who")
    def who(p: Principal = Depends(require("ops:read"))):
        return {"role": p.role, "key": p.key_id}

    client = TestClient(app)
    assert client.get("/who", headers={"Authorization": "Bearer ok"}).json() == {
        "role": "ops",
        "key": key_id("ops", "ok"),
    }


def test_token_bucket_refills_over_time():
    b = TokenBucket(per_minute=30)
    assert all(b.take("ip", now=100.0) == 0 for _ in range(30))
    wait = b.take("ip", now=100.0)
    assert 1.9 < wait <= 2.0  # one token every 2 s
    assert b.take("other", now=100.0) == 0  # per client
    assert b.take("ip", now=102.1) == 0


def test_chat_routes_are_rate_limited_with_json_429():
    app = FastAPI()
    install_rate_limit(app, per_minute=3)

    @app.post("/v1/conversations")
    def start():
        return {"conversation_id": "x"}

    @app.get("/v1/conversations")
    def read():
        return {}

    client = TestClient(app)
    assert [client.post("/v1/conversations").status_code for _ in range(3)] == [200, 200, 200]
    r = client.post("/v1/conversations")
    assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited" and int(r.headers["Retry-After"]) >= 1
    assert client.get("/v1/conversations").status_code == 200  # reads are not limited
