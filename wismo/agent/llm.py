"""The `openai` engine: the graph keeps control, the model reads and writes.

Verification, the focus order, which tools run and every action's confirmation stay with the same
deterministic path as the local engine, whatever model is plugged in. The model does two things:
- it *reads* (`read` node) when the local understanding is unsure: it turns the message into the
  same structured reading the local engine produces (intent, order number, email/ZIP placeholder,
  yes/no), as JSON; a reading outside our vocabulary, or naming a value the customer did not type,
  is ignored;
- it *writes* (`write` node) the answer from the evidence the plan's tools returned, in the
  customer's language, with the template answer as the reference. Before it is sent it must pass
  answer_checks.review and the citation check; otherwise the template answer goes out and the
  reason is recorded (model_usage.fallback).
Both share one deadline per turn (WISMO_MODEL_DEADLINE_MS): after it, the template answer is sent in
the same turn. The model sees placeholders, never personal data.
"""

from __future__ import annotations

import json
import logging
import re
import time
from functools import lru_cache
from importlib import resources
from typing import Any

from langgraph.runtime import Runtime

from ..config import Settings
from ..guardrails import citations
from . import answer_checks
from .deps import Turn
from .entities import EMAIL_RE, extract_entities
from .nlu import INTENTS
from .state import TurnState

log = logging.getLogger("wismo.llm")

TONE_LINES = {
    "friendly": "warm, plain and brief; no exclamation marks in bad news.",
    "formal": "courteous and precise; no slang.",
}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese"}
#: Below this much time left before the deadline, the model is not called at all.
MIN_CALL_SECONDS = 0.15
#: The model's reading counts only for a message the local engine read with less confidence than this.
READ_BELOW_CONFIDENCE = 0.6
#: Confidence given to an intent the model read (as unsure as the local engine's weakest reading).
MODEL_READ_CONFIDENCE = 0.6
_YES_NO = ("yes", "no")


@lru_cache(maxsize=8)
def system_prompt(brand: str, bot: str, tone: str, task: str) -> str:
    text = resources.files("wismo.prompts").joinpath(f"{task}.md").read_text("utf-8")
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

    def complete(self, messages: list[dict[str, Any]], deadline: float, **options: Any) -> tuple[str, dict[str, int]]:
        """The model's text and token usage, streamed and cut off at `deadline` (time.monotonic()).

        Streaming makes the deadline hold whatever the server does: a slow model is stopped mid-answer
        (ModelDeadline), not waited for."""
        stream = self.client.chat.completions.create(
            model=self.settings.azure_deployment or self.settings.model,
            messages=messages,
            temperature=self.settings.temperature,
            timeout=max(0.05, deadline - time.monotonic()),
            stream=True,
            stream_options={"include_usage": True},
            **options,
        )
        parts: list[str] = []
        usage = {"prompt_tokens": 0, "completion_tokens": 0}
        try:
            for chunk in stream:
                if time.monotonic() > deadline:
                    raise ModelDeadline()
                for choice in chunk.choices or []:
                    parts.append(getattr(choice.delta, "content", None) or "")
                u = getattr(chunk, "usage", None)
                if u is not None:
                    usage = {
                        "prompt_tokens": int(u.prompt_tokens or 0),
                        "completion_tokens": int(u.completion_tokens or 0),
                    }
        finally:
            stream.close()
        return "".join(parts), usage


class ModelDeadline(Exception):
    """The turn's model deadline passed before the answer was complete."""


# ---------------------------------------------------------------------------- the turn's budget
def _budget(turn: Turn) -> float:
    """Seconds left for model calls this turn (the deadline starts at the turn's first call)."""
    settings = turn.services.settings
    if turn.model_deadline is None:
        turn.model_deadline = time.monotonic() + settings.model_deadline_ms / 1000
    return min(turn.model_deadline - time.monotonic(), settings.model_timeout)


def _call(state: TurnState, turn: Turn, messages: list[dict[str, Any]], **options: Any) -> tuple[str | None, dict]:
    """(content, usage) of one call, or (None, usage with the fallback reason) when it cannot be used."""
    usage = dict(state.get("usage") or {"prompt_tokens": 0, "completion_tokens": 0, "rounds": 0})
    left = _budget(turn)
    if left < MIN_CALL_SECONDS:
        return None, usage | {"reason": "deadline"}
    try:
        content, used = turn.services.llm.complete(messages, deadline=time.monotonic() + left, **options)
    except Exception as exc:  # endpoint down, timeout, bad response: the template answers
        name = type(exc).__name__
        reason = "deadline" if name in ("ModelDeadline", "APITimeoutError") else f"endpoint_error:{name}"
        log.warning("model call failed (%s): the template answer goes out", name)
        return None, usage | {"reason": reason}
    usage["prompt_tokens"] += used["prompt_tokens"]
    usage["completion_tokens"] += used["completion_tokens"]
    usage["rounds"] += 1
    return content.strip(), usage


# ---------------------------------------------------------------------------- the model reads
def read(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """When the local understanding is unsure, the model's structured reading of the message."""
    turn = runtime.context
    svc = turn.services
    if state.get("engine") != "openai" or state.get("mode") == "human":
        return {}
    if float(state.get("confidence", 0.0)) >= READ_BELOW_CONFIDENCE and state.get("intent") != "out_of_scope":
        return {}
    settings = svc.settings
    messages = [
        {"role": "system", "content": system_prompt(settings.brand_name, settings.bot_name, settings.tone, "read")},
        {"role": "user", "content": state["text"]},
    ]
    content, usage = _call(state, turn, messages, response_format={"type": "json_object"}, max_tokens=120)
    out: dict[str, Any] = {"usage": {k: v for k, v in usage.items() if k != "reason"}}
    if content is None:
        return out | {"fallback": usage.get("reason")}
    reading = parse_reading(content, state["text"])
    if reading is None:
        return out | {"fallback": "invalid_reading"}
    changes: dict[str, Any] = {}
    if reading.get("intent") and reading["intent"] != state.get("intent"):
        changes |= {"intent": reading["intent"], "confidence": MODEL_READ_CONFIDENCE}
    entities = {k: list(v) for k, v in (state.get("entities") or {}).items()}
    for key in ("order_number", "email", "postal_code"):
        value = reading.get(key)
        if value and value not in entities.get(key, []):
            entities.setdefault(key, []).append(value)
            changes["entities"] = entities
    return out | changes


def parse_reading(content: str, text: str) -> dict[str, Any] | None:
    """The model's reading, checked against our vocabulary and the customer's own words.

    An intent outside INTENTS, or an order number, email or ZIP that is not in the message
    (an invented value) makes the whole reading invalid."""
    try:
        data = json.loads(content[content.find("{") : content.rfind("}") + 1] or content)
    except (ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    out: dict[str, Any] = {}
    intent = data.get("intent")
    if intent is not None:
        if intent not in INTENTS:
            return None
        out["intent"] = intent
    found = extract_entities(text)
    for key in ("order_number", "email", "postal_code"):
        value = data.get(key)
        if value in (None, "", "null"):
            continue
        if not isinstance(value, str):
            return None
        typed = found.get(key) or []
        normal = value.strip()
        if key == "order_number":
            match = extract_entities(normal).get("order_number") or []
            normal = match[0] if match else normal
        if key == "email" and EMAIL_RE.fullmatch(normal):
            return None  # the model only ever sees placeholders: a real address is invented
        if normal not in typed:
            return None
        out[key] = normal
    answer = data.get("yes_no")
    if answer not in (None, "", "null"):
        if answer not in _YES_NO:
            return None
        out["yes_no"] = answer
    return out


# ---------------------------------------------------------------------------- the model writes
def write(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """The model's wording of the planned answer, if it passes every check; else the template's."""
    turn = runtime.context
    svc = turn.services
    plan = state.get("plan") or {}
    cited = state.get("citations") or []
    if state.get("engine") != "openai" or "handoff" in plan or not cited or state.get("answer_by") != "template":
        return {}
    lang = state.get("lang") or "en"
    template = state.get("reply", "")
    evidence = state.get("evidence") or []
    settings = svc.settings
    # The template answer already says every cited fact in the customer's words: it is the model's
    # only source (a short prompt also keeps a small model within the deadline).
    brief = {
        "customer_language": LANGUAGE_NAMES.get(lang, "English"),
        "customer_message": state.get("text", ""),
        "answer_to_improve": template,
    }
    messages = [
        {"role": "system", "content": system_prompt(settings.brand_name, settings.bot_name, settings.tone, "write")},
        {"role": "user", "content": json.dumps(brief, ensure_ascii=False, default=str)},
    ]
    content, usage = _call(state, turn, messages, max_tokens=160)
    out: dict[str, Any] = {"usage": {k: v for k, v in usage.items() if k != "reason"}}
    if content is None:
        return out | {"fallback": usage.get("reason")}
    answer = _strip_preamble(content)
    reason = answer_checks.review(answer, template, {c["kind"] for c in cited}, lang)
    if reason is None:
        tzs = [f.values["timezone"] for f in evidence if isinstance(f.values.get("timezone"), str)]
        result = citations.check(answer, [c["source_id"] for c in cited], evidence, timezones=tzs, now=turn.now)
        reason = None if result.passed else "citation_check"
    if reason is not None:
        log.info("model answer not sent (%s): the template answer goes out", reason)
        return out | {"fallback": reason}
    return out | {"reply": answer, "answer_by": "model", "fallback": None}


_PREAMBLE = re.compile(r"^\s*(?:[^\n.:]{0,60}:\s*\n|(?:sure|ok|okay|here(?:'s| is)[^:]{0,40})[:,.]\s*)", re.I)


def _strip_preamble(text: str) -> str:
    """An answer without a leading "Sure, here is the answer:" line."""
    return _PREAMBLE.sub("", text, count=1).strip().strip('"').strip()
