"""The `customer` field names a helpdesk conversation: digits only, bounded, set by a trusted bridge."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from wismo.domain.db import session
from wismo.domain.models import Conversation
from wismo.handoff import sinks
from wismo.server import create_app

from .test_sinks import ENV, case


@pytest.fixture(scope="module")
def client(settings, agent):
    return TestClient(create_app(settings, agent))


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", "agent:bridge-key,ops:ops-key")
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)


@pytest.mark.parametrize(
    "customer",
    ["chatwoot:1/../../../2/conversations/99?x=", "chatwoot:" + "9" * 60_000, "jane@example.com", "chatwoot:", "42"],
)
def test_anything_but_a_chatwoot_id_is_refused(client, keys, customer):
    r = client.post("/v1/conversations", json={"customer": customer}, headers={"Authorization": "Bearer bridge-key"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_only_a_bridge_with_an_agent_key_may_link_a_chat(client, keys, agent):
    assert client.post("/v1/conversations", json={"customer": "chatwoot:42"}).status_code == 401
    as_ops = client.post(
        "/v1/conversations", json={"customer": "chatwoot:42"}, headers={"Authorization": "Bearer ops-key"}
    )
    assert as_ops.status_code == 403
    r = client.post(
        "/v1/conversations", json={"customer": "chatwoot:42"}, headers={"Authorization": "Bearer bridge-key"}
    )
    assert r.status_code == 201
    with session(agent.engine) as s:
        assert s.get(Conversation, r.json()["conversation_id"]).channel_user == "chatwoot:42"
    assert client.post("/v1/conversations", json={"channel": "web"}).status_code == 201  # customers need no key


def test_the_chatwoot_sink_never_sends_to_a_path_it_was_given(monkeypatch):
    seen = []
    sinks.set_client_factory(
        lambda: httpx.Client(transport=httpx.MockTransport(lambda r: (seen.append(r), httpx.Response(200))[1]))
    )
    try:
        # A row written before validation existed, or a package that carries a path: nothing is sent.
        assert sinks.chatwoot_conversation_id(case(), "chatwoot:1/../../../2/conversations/99?x=") is None
        assert not sinks.deliver("chatwoot", case(chatwoot_conversation_id="1/../2"), ENV, retries=1)
        assert seen == []
        assert sinks.chatwoot_conversation_id(case(), "chatwoot:311") == "311"
    finally:
        sinks.set_client_factory(None)
