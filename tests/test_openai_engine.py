"""The openai engine inside the same guardrails, against a local fake of the real wire format."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from wismo.config import Settings
from wismo.domain.db import session
from wismo.domain.models import ModelUsage

from .conftest import pick
from .fake_openai import FakeOpenAI, last_tool_result, text_reply, tool_call


@pytest.fixture(scope="module")
def fake():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def model_agent(store_dir, fake):
    from wismo.agent.runtime import Agent

    settings = Settings(
        _env_file=None,
        WISMO_DATA_DIR=str(store_dir),
        WISMO_ENGINE="openai",
        OPENAI_BASE_URL=fake.base_url,
        OPENAI_API_KEY="test-key",
        WISMO_MODEL="fake-model",
        WISMO_MODEL_TIMEOUT=2.0,
        WISMO_MAX_TOOL_ROUNDS=3,
        WISMO_PRICE_INPUT_PER_1K=0.15,
        WISMO_PRICE_OUTPUT_PER_1K=0.6,
    )
    return Agent(settings)


@pytest.fixture(autouse=True)
def _reset(fake):
    fake.script.clear()
    fake.requests.clear()
    fake.delay = 0.0


def rail(reply, name):
    return next(r for r in reply.rails if r["rail"] == name)


def grounded_answer(request):
    """A well-behaved model: restates only what the tool returned."""
    result = last_tool_result(request)
    facts = {r["source_id"].split(":")[0]: r for r in result["results"]}
    ship = next(
        r for r in result["results"] if r["source_id"].count(":") == 1 and r["source_id"].startswith("shipment")
    )
    return text_reply(
        f"Your parcel {ship['facts']['tracking_number']} with {ship['facts']['carrier']} is {ship['facts']['status']}."
        + (f" It's for order {facts['order']['facts']['order_number']}." if "order" in facts else "")
    )


def test_model_answer_with_tools_is_sent_and_cited(model_agent, fake, orders):
    row = pick(orders, "in_transit")
    fake.script += [tool_call("track_order", {"order_number": row["order_number"]}), grounded_answer]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"where is {row['order_number']}? {row['email']}")
    assert reply.text.startswith("Your parcel")
    assert row["tracking_number"] in reply.text and "in transit" in reply.text
    assert rail(reply, "model")["passed"] and rail(reply, "citations")["passed"]
    assert any(c["kind"] == "shipment" for c in reply.citations)
    # The model saw placeholders, never the email.
    shown = json.dumps(fake.requests)
    assert row["email"] not in shown and "<EMAIL_1>" in shown
    # Tool schemas come from the tool definitions.
    names = {t["function"]["name"] for t in fake.requests[0]["tools"]}
    assert {"track_order", "verify_customer", "pickup_options", "search_policy"} <= names
    with session(model_agent.engine) as s:
        usage = s.exec(select(ModelUsage).where(ModelUsage.conversation_id == cid)).one()
    assert usage.prompt_tokens == 240 and usage.completion_tokens == 60 and usage.fallback is None
    assert usage.cost == pytest.approx((240 * 0.15 + 60 * 0.6) / 1000)


def test_invented_eta_place_and_refund_are_replaced_by_the_template(model_agent, fake, orders):
    row = pick(orders, "in_transit")
    fake.script += [
        tool_call("track_order", {"order_number": row["order_number"]}),
        text_reply("It arrives Thursday, Dec 25 in Paris, and I've refunded $49.99 for the wait."),
    ]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"{row['order_number']} {row['postal_code']} when will it arrive?")
    assert "Paris" not in reply.text and "$49.99" not in reply.text and "Dec 25" not in reply.text, reply.rails
    assert row["tracking_number"] in reply.text, reply.rails  # the local template answer for the same evidence
    assert rail(reply, "model") == {"rail": "model", "passed": False, "reason": "citation_check"}
    assert reply.handoff is None


def test_tool_call_for_an_unverified_order_is_refused(model_agent, fake, orders):
    mine = pick(orders, "delivered")
    victim = pick(orders, "out_for_delivery")
    fake.script += [
        tool_call("track_order", {"order_number": victim["order_number"]}),
        lambda req: text_reply(f"Order {victim['order_number']} is out for delivery ({victim['tracking_number']})."),
    ]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"{mine['order_number']} {mine['email']} and what about {victim['order_number']}?")
    tool_msgs = [m for m in fake.requests[-1]["messages"] if m["role"] == "tool"]
    assert json.loads(tool_msgs[0]["content"])["error"] == "not_verified"
    assert victim["tracking_number"] not in reply.text


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        ([tool_call("track_order", "{not json")], "malformed_arguments"),
        ([tool_call("delete_all_orders", {})], "unknown_tool"),
        ([tool_call("search_policy", {"question": "returns"}, f"c{i}") for i in range(5)], "too_many_tool_rounds"),
    ],
)
def test_misbehaving_models_fall_back_to_the_local_engine(model_agent, fake, orders, script, reason):
    row = pick(orders, "attempt_failed")
    fake.script += script
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"where is {row['order_number']}? {row['email']}")
    assert rail(reply, "model") == {"rail": "model", "passed": False, "reason": reason}
    assert row["order_number"] in reply.text and rail(reply, "citations")["passed"]


def test_slow_endpoint_falls_back(model_agent, fake, orders):
    row = [o for o in orders if o["status"] == "delayed"][7]  # one no other test locks out
    fake.delay = 3.0  # past WISMO_MODEL_TIMEOUT=2
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"{row['order_number']} {row['email']}")
    assert rail(reply, "model")["reason"].startswith("endpoint_error")
    assert row["tracking_number"] in reply.text


def test_endpoint_down_falls_back(store_dir, orders):
    from wismo.agent.runtime import Agent
    from wismo.evals.child import free_port

    port = free_port()
    settings = Settings(
        _env_file=None,
        WISMO_DATA_DIR=str(store_dir),
        WISMO_ENGINE="openai",
        OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1",
        WISMO_MODEL_TIMEOUT=1.0,
    )
    agent = Agent(settings)
    row = pick(orders, "in_transit")
    cid = agent.start("web")
    reply = agent.send(cid, f"{row['order_number']} {row['postal_code']}")
    assert rail(reply, "model")["reason"] == "endpoint_error:APIConnectionError"
    assert row["tracking_number"] in reply.text


def test_handoffs_do_not_reach_the_model(model_agent, fake):
    cid = model_agent.start("web")
    reply = model_agent.send(cid, "let me talk to a human")
    assert reply.handoff and reply.handoff["reason"] == "customer_requested"
    assert fake.requests == []
