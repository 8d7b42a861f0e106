"""What makes a turn cheaper changes nothing a caller sees: the chat routes send the same bytes as
FastAPI's own serialization, and a turn read through the plain-row conversation query answers as before."""

from __future__ import annotations

import pytest

from .conftest import seeded_agent


@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    return seeded_agent(tmp_path_factory.mktemp("turn-cost"))


def test_chat_routes_send_what_fastapi_would(agent):
    from wismo.server import chat_json, create_app

    app = create_app(agent.settings, agent=agent)
    routes = {(r.path, tuple(sorted(r.methods))): r for r in app.routes if hasattr(r, "response_field")}
    message = routes[("/v1/conversations/{conversation_id}/messages", ("POST",))]
    started = routes[("/v1/conversations", ("POST",))]
    reply = {
        "text": "Ça arrive lundi \u2014 «bientôt» 🙂",
        "confidence": 0.1,
        "citations": [{"kind": "order"}],
        "handoff": None,
    }
    payload = {"message_id": 7, "reply": reply | {"language": "fr", "quick_replies": [], "links": [], "intent": None}}
    assert chat_json(payload).body == message.response_field.serialize_json(payload)
    assert chat_json({"conversation_id": "c-1"}, 201, str).body == started.response_field.serialize_json(
        {"conversation_id": "c-1"}
    )


def test_a_turn_reads_its_conversation_as_a_plain_row(agent):
    from wismo.agent.runtime import ConversationNotFound

    cid = agent.start("web", channel_user="someone")
    assert agent.conversation(cid).channel_user == "someone"
    assert agent.send(cid, "hi").text
    with pytest.raises(ConversationNotFound):
        agent.send("no-such-conversation", "hi")
