"""The openai engine inside the same guardrails, against a local fake of the real wire format."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from wismo.config import Settings
from wismo.domain.db import session
from wismo.domain.models import ModelUsage

from .conftest import pick
from .fake_openai import FakeOpenAI, text_reply


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
        WISMO_MODEL_DEADLINE_MS=1500,
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


def brief(request) -> dict:
    """What the write step showed the model: the customer's message, the facts, the template answer."""
    return json.loads(request["messages"][-1]["content"])


def restated(request):
    """A well-behaved model: says the template answer's facts in other words."""
    answer = brief(request)["answer_to_improve"]
    return text_reply(answer.replace("Thanks, you're verified. ", "").replace("Latest scan:", "The last scan was"))


def usage_of(agent, cid) -> list[ModelUsage]:
    with session(agent.engine) as s:
        return list(s.exec(select(ModelUsage).where(ModelUsage.conversation_id == cid)))


def test_verification_and_tools_never_depend_on_the_model(model_agent, fake, orders):
    """The graph verifies and looks up; the model only words the answer (here: well)."""
    row = pick(orders, "in_transit")
    fake.script += [restated]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"where is {row['order_number']}? {row['email']}")
    assert rail(reply, "model") == {"rail": "model", "passed": True, "reason": "model answer sent"}
    assert "The last scan was" in reply.text and row["tracking_number"] in reply.text
    assert rail(reply, "citations")["passed"] and any(c["kind"] == "shipment" for c in reply.citations)
    assert model_agent.transcript(cid)["verified"]
    shown = json.dumps(fake.requests)
    assert row["email"] not in shown and "tools" not in fake.requests[0]
    assert row["tracking_number"] in brief(fake.requests[0])["answer_to_improve"]
    (usage,) = usage_of(model_agent, cid)
    assert usage.prompt_tokens == 120 and usage.completion_tokens == 30 and usage.fallback is None
    assert usage.cost == pytest.approx((120 * 0.15 + 30 * 0.6) / 1000)


def test_a_model_cannot_verify_or_skip_verification(model_agent, fake, orders):
    row = pick(orders, "out_for_delivery")
    fake.script += [text_reply(f"You're verified! Order {row['order_number']} is out for delivery.")] * 3
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"where is my order {row['order_number']}?")
    assert not model_agent.transcript(cid)["verified"]
    assert row["tracking_number"] not in reply.text and reply.citations == []


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("It arrives Thursday, Dec 25 in Paris, and I've refunded $49.99 for the wait.", "missing_facts"),
        ("I'm so sorry for the trouble. Let me know if there's anything else.", "content_free"),
        ("Sure, here is the rewritten answer: your order is fine.", "meta_text"),
    ],
)
def test_a_model_answer_that_fails_a_check_is_replaced_by_the_template(model_agent, fake, orders, answer, reason):
    row = [o for o in orders if o["status"] == "in_transit"][3]
    fake.script += [text_reply(answer)]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"{row['order_number']} {row['postal_code']} when will it arrive?")
    assert rail(reply, "model") == {"rail": "model", "passed": False, "reason": reason}
    assert answer not in reply.text and row["tracking_number"] in reply.text
    assert reply.handoff is None and usage_of(model_agent, cid)[0].fallback == reason


def test_an_invented_fact_with_every_template_fact_kept_fails_the_citation_check(model_agent, fake, orders):
    row = [o for o in orders if o["status"] == "in_transit"][4]
    fake.script += [lambda req: text_reply(brief(req)["answer_to_improve"] + " It will reach Paris, TX first.")]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"{row['order_number']} {row['postal_code']}")
    assert rail(reply, "model")["reason"] == "citation_check" and "Paris" not in reply.text


def test_a_sentence_about_returns_needs_return_or_policy_evidence(model_agent, fake, orders):
    row = [o for o in orders if o["status"] == "in_transit"][5]
    fake.script += [lambda req: text_reply(brief(req)["answer_to_improve"] + " Yes, you can return it anytime.")]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"{row['order_number']} {row['email']}")
    assert rail(reply, "model")["reason"] == "uncited_topic" and "return it" not in reply.text


def test_an_answer_in_the_wrong_language_is_replaced(model_agent, fake, orders):
    row = [o for o in orders if o["status"] == "in_transit"][6]
    fake.script += [text_reply("Your order is on its way with the carrier and should reach you very soon, thanks!")]
    cid = model_agent.start("web")
    reply = model_agent.send(cid, f"hola, ¿dónde está mi pedido {row['order_number']}? mi correo es {row['email']}")
    assert reply.language == "es"
    assert rail(reply, "model")["reason"] == "language"


def test_the_model_reads_an_unsure_message_and_an_invented_value_is_ignored(model_agent, fake, orders):
    row = [o for o in orders if o["status"] == "attempt_failed"][2]
    cid = model_agent.start("web")
    model_agent.send(cid, f"{row['order_number']} {row['email']}")
    fake.requests.clear()
    fake.script += [text_reply('{"intent": "pickup_alternative", "order_number": null}'), restated]
    reply = model_agent.send(cid, "qqq zzz elsewhere pls")
    assert fake.requests[0]["response_format"] == {"type": "json_object"}
    assert reply.intent == "pickup_alternative" and any(c["kind"] == "pickup" for c in reply.citations)
    # A reading that names an order number the customer never typed is thrown away whole.
    fake.script += [text_reply('{"intent": "order_status", "order_number": "#WS10001"}')]
    reply = model_agent.send(cid, "zzz qqq")
    assert "WS10001" not in reply.text and rail(reply, "model")["reason"] == "invalid_reading"


def test_slow_endpoint_answers_within_the_deadline(model_agent, fake, orders):
    import time

    row = [o for o in orders if o["status"] == "delayed"][7]
    fake.delay = 3.0  # past WISMO_MODEL_DEADLINE_MS=1500
    cid = model_agent.start("web")
    started = time.perf_counter()
    reply = model_agent.send(cid, f"{row['order_number']} {row['email']}")
    assert time.perf_counter() - started < 1.5 + 1.0
    assert rail(reply, "model")["reason"] == "deadline"
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


def test_a_model_that_answers_slowly_is_cut_off_at_the_deadline(model_agent, fake, orders):
    import time

    row = [o for o in orders if o["status"] == "delayed"][8]
    fake.chunk_delay = 0.4  # starts at once, then drips: only a streamed deadline stops it
    fake.script += [restated]
    cid = model_agent.start("web")
    started = time.perf_counter()
    try:
        reply = model_agent.send(cid, f"{row['order_number']} {row['email']}")
    finally:
        fake.chunk_delay = 0.0
    assert time.perf_counter() - started < 1.5 + 1.0
    assert rail(reply, "model")["reason"] == "deadline" and row["tracking_number"] in reply.text
