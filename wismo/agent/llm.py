"""The `openai` engine: any OpenAI-compatible chat-completions endpoint with tool calling.

The model and the tools run as two graph nodes in a cycle, between the same screen, authorize,
check and handoff nodes as the local engine. The model sees placeholders only. Whatever goes
wrong (endpoint down or slow, malformed tool arguments, an unknown tool, a loop, an answer that
fails the citation check) the turn falls back to the local engine's template answer.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from importlib import resources
from typing import Any

from langchain_core.utils.function_calling import convert_to_openai_tool
from langgraph.runtime import Runtime
from sqlmodel import col, select

from ..config import Settings
from ..domain.db import session
from ..domain.models import Message
from ..tools.evidence import Fact
from ..tools.registry import BY_NAME, TOOLS, ModelToolContext
from .deps import Turn
from .state import TurnState

log = logging.getLogger("wismo.llm")

HISTORY_MESSAGES = 12
TONE_LINES = {
    "friendly": "warm, plain and brief; no exclamation marks in bad news.",
    "formal": "courteous and precise; no slang.",
}


@lru_cache(maxsize=1)
def tool_schemas() -> list[dict[str, Any]]:
    return [convert_to_openai_tool(t) for t in TOOLS]


@lru_cache(maxsize=4)
def system_prompt(brand: str, bot: str, tone: str) -> str:
    text = resources.files("wismo.prompts").joinpath("system.md").read_text("utf-8")
    return text.format(brand=brand, bot=bot, tone_line=TONE_LINES.get(tone, TONE_LINES["friendly"]))


class ModelClient:
    """A thin wrapper over the `openai` SDK client (OpenAI or Azure OpenAI)."""

    def __init__(self, settings: Settings) -> None:
        import openai

        self.settings = settings
        common = {"timeout": settings.model_timeout, "max_retries": 0}
        if settings.azure_api_version:
            self.client = openai.AzureOpenAI(
                api_key=settings.openai_api_key or "unset",
                api_version=settings.azure_api_version,
                azure_endpoint=settings.openai_base_url or "",
                azure_deployment=settings.azure_deployment,
                **common,
            )
        else:
            self.client = openai.OpenAI(
                api_key=settings.openai_api_key or "unset", base_url=settings.openai_base_url, **common
            )

    def complete(self, messages: list[dict[str, Any]]):
        return self.client.chat.completions.create(
            model=self.settings.azure_deployment or self.settings.model,
            messages=messages,
            tools=tool_schemas(),
            tool_choice="auto",
            temperature=self.settings.temperature,
        )


def _history(turn: Turn, conversation_id: str) -> list[dict[str, str]]:
    with session(turn.services.store.engine) as s:
        stmt = (
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .order_by(col(Message.id).desc())
            .limit(HISTORY_MESSAGES)
        )
        rows = list(s.exec(stmt))[::-1]
    return [{"role": "user" if m.role == "customer" else "assistant", "content": m.text} for m in rows]


def _initial_messages(state: TurnState, turn: Turn) -> list[dict[str, Any]]:
    settings = turn.services.settings
    verified = state.get("verified_order")
    note = f"Verified order in this conversation: #{verified}." if verified else "No order is verified yet."
    return [
        {"role": "system", "content": system_prompt(settings.brand_name, settings.bot_name, settings.tone)},
        {"role": "system", "content": note},
        *_history(turn, state["conversation_id"]),
        {"role": "user", "content": state["text"]},
    ]


def _usage(state: TurnState, resp: Any) -> dict[str, int]:
    usage = dict(state.get("usage") or {"prompt_tokens": 0, "completion_tokens": 0, "rounds": 0})
    u = getattr(resp, "usage", None)
    if u is not None:
        usage["prompt_tokens"] += int(getattr(u, "prompt_tokens", 0) or 0)
        usage["completion_tokens"] += int(getattr(u, "completion_tokens", 0) or 0)
    usage["rounds"] += 1
    return usage


def model(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """One call to the model: either tool calls to run, or the final answer."""
    turn = runtime.context
    svc = turn.services
    messages = list(state.get("llm_messages") or _initial_messages(state, turn))
    usage = dict(state.get("usage") or {"prompt_tokens": 0, "completion_tokens": 0, "rounds": 0})
    if usage["rounds"] >= svc.settings.max_tool_rounds:
        return {"fallback": "too_many_tool_rounds"}
    try:
        resp = svc.llm.complete(messages)
    except Exception as exc:  # endpoint down, timeout, bad response: the local engine answers
        log.warning("model call failed (%s): falling back to the local engine", type(exc).__name__)
        return {"fallback": f"endpoint_error:{type(exc).__name__}", "usage": usage}
    usage = _usage(state, resp)
    try:
        msg = resp.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return {"fallback": "malformed_response", "usage": usage}
    calls = list(getattr(msg, "tool_calls", None) or [])
    if calls:
        messages.append(
            {
                "role": "assistant",
                "content": msg.content or "",
                "tool_calls": [
                    {
                        "id": c.id,
                        "type": "function",
                        "function": {"name": c.function.name, "arguments": c.function.arguments},
                    }
                    for c in calls
                ],
            }
        )
        return {"llm_messages": messages, "usage": usage, "tool_calls": [c.id for c in calls]}
    text = (msg.content or "").strip()
    if not text:
        return {"fallback": "empty_answer", "usage": usage}
    return {"reply": text, "usage": usage, "tool_calls": [], "model_answered": True}


def tools(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Run the model's tool calls with the turn's context; refuse unknown tools and bad arguments."""
    turn = runtime.context
    svc = turn.services
    from ..tools.context import ToolContext

    messages = list(state.get("llm_messages") or [])
    pending = messages[-1].get("tool_calls", []) if messages else []
    ctx = ModelToolContext(
        tools=ToolContext(svc.store, state["conversation_id"], state.get("verified_order"), turn.now),
        services=svc,
        conversation_id=state["conversation_id"],
        client_key=turn.client_key,
        wall_now=turn.wall_now,
        evidence=list(state.get("model_evidence") or []),
        failed_verifications=int(state.get("failed_verifications") or 0),
        max_failed_verifications=svc.settings.max_failed_verifications,
    )
    for call in pending:
        name = call["function"]["name"]
        tool = BY_NAME.get(name)
        if tool is None:
            log.warning("model called an unknown tool %r: falling back", name)
            return {"fallback": "unknown_tool"}
        try:
            args = json.loads(call["function"]["arguments"] or "{}")
            if not isinstance(args, dict):
                raise ValueError("arguments are not an object")
            result = tool.invoke({**args, "ctx": ctx})
        except (ValueError, TypeError) as exc:
            log.warning("model sent malformed arguments to %s (%s): falling back", name, exc)
            return {"fallback": "malformed_arguments"}
        except Exception as exc:  # a tool failure: the local engine answers, the case is logged
            log.warning("tool %s failed (%s): falling back", name, type(exc).__name__)
            return {"fallback": "tool_failure"}
        messages.append({"role": "tool", "tool_call_id": call["id"], "content": json.dumps(result, default=str)})
    out: dict[str, Any] = {"llm_messages": messages, "model_evidence": ctx.evidence, "tool_calls": []}
    if ctx.verified_now:
        out["verified_order"] = ctx.verified_now
    if ctx.failed_verifications != int(state.get("failed_verifications") or 0):
        out["failed_verifications"] = ctx.failed_verifications
    if ctx.locked:  # the same lock as the local engine's: stop the model, hand off
        out |= {
            "locked": True,
            "fallback": "verification_locked",
            "plan": {"template": "verify_locked", "handoff": "verification_failed"},
            "unresolved": "verification_failed",
        }
    return out


def answer(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """The model's final text, citing every fact its tools returned this turn."""
    facts: list[Fact] = list(state.get("model_evidence") or [])
    known = {f.source_id for f in facts}
    evidence = facts + [f for f in state.get("evidence") or [] if f.source_id not in known]
    quick = list((state.get("plan") or {}).get("quick_replies") or [])
    if "Talk to a person" not in quick:
        quick.append("Talk to a person")
    return {
        "evidence": evidence,
        "citations": [f.citation() for f in facts],
        "quick_replies": quick,
        "disclosed": True,
        "answer_by": "model",
    }


def after_model(state: TurnState) -> str:
    if state.get("fallback"):
        return "compose"
    if state.get("tool_calls"):
        return "tools"
    return "answer"


def after_tools(state: TurnState) -> str:
    return "compose" if state.get("fallback") else "model"
