"""The openai engine against a live OpenAI-compatible server: the invariants, measured.

    python -m wismo.evals.live_model --base-url http://127.0.0.1:18900/v1 [SCENARIO FILES...]

Runs conversations (scenario files; the packaged status and delivery suites by default) with
WISMO_ENGINE=openai on a fresh copy of the configured store and reports, per the issue:
- verified_and_cited: of the conversations whose customer gave an order number and the email or
  ZIP on it, the share that were verified and got an answer citing the order or its shipment;
- false_or_uncited_answers: facts in replies that contradict the store or went out unbacked (the
  scenario judge, evals/judge.py);
- content_free: replies that were an apology or "how can I help" while the plan had facts;
- turn time p50/p95 against WISMO_MODEL_DEADLINE_MS, and model_usage fallback reasons by count.
A live model's words vary from run to run: these are invariants, not texts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sqlmodel import select

from ..agent.answer_checks import content_free
from ..domain.db import session
from ..domain.models import ModelUsage
from .metrics import percentile
from .picker import OrderPicker
from .runner import run_scenario
from .scenarios import load_scenarios, packaged_files

_CREDENTIAL = re.compile(r"\{(?:email|postal_code)\b")
_ORDER = re.compile(r"\{order_number\b|\{order_digits\b")


def gave_details(scenario: Any) -> bool:
    """The customer typed an order number and its email or ZIP in one of the turns."""
    text = " ".join(t.say for t in scenario.turns)
    return bool(_ORDER.search(text) and _CREDENTIAL.search(text))


def run(agent: Any, scenarios: list[Any], progress: bool = False) -> dict[str, Any]:
    """Play the scenarios with the openai engine and measure the invariants (see the module)."""
    picker = OrderPicker(agent.store, agent.settings.verification_window_seconds)
    times: list[float] = []
    fallbacks: Counter[str] = Counter()
    false_answers = content_empty = details = verified_cited = 0
    conversations: set[str] = set()
    for n, scenario in enumerate(scenarios, 1):
        result = run_scenario(agent, scenario, picker)
        if result.error or result.conversation_id is None:
            continue
        conversations.add(result.conversation_id)
        times += [t.latency_ms for t in result.turns]
        false_answers += sum(len(t.false_answers) for t in result.turns)
        content_empty += sum(1 for t in result.turns if t.citations and content_free(t.reply, True))
        if gave_details(scenario):
            details += 1
            cited_status = any(any(c.startswith(("shipment:", "order:")) for c in t.citations) for t in result.turns)
            if agent.transcript(result.conversation_id)["verified"] and cited_status:
                verified_cited += 1
        if progress:
            print(f"\r{n}/{len(scenarios)} conversations", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    with session(agent.engine) as s:
        for usage in s.exec(select(ModelUsage)):
            if usage.conversation_id in conversations:
                fallbacks[usage.fallback or "model answer sent"] += 1
    return {
        "conversations": len(conversations),
        "turns": len(times),
        "verified_and_cited": round(verified_cited / details, 4) if details else None,
        "with_details": details,
        "false_or_uncited_answers": false_answers,
        "content_free": content_empty,
        "turn_ms": {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": round(max(times or [0]), 1)},
        "deadline_ms": agent.settings.model_deadline_ms,
        "fallbacks": dict(fallbacks.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wismo.evals.live_model", description="the openai engine's invariants against a live model"
    )
    parser.add_argument("files", nargs="*", help="scenario files or folders (default: packaged status + delivery)")
    parser.add_argument("--base-url", required=True, help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:18900/v1")
    parser.add_argument("--model", default="smollm2")
    parser.add_argument("--limit", type=int, default=0, help="at most this many conversations")
    args = parser.parse_args(argv)
    from ..agent.runtime import Agent
    from ..config import Settings, get_settings

    base = get_settings()
    settings = Settings(
        **{
            "WISMO_DATA_DIR": str(base.data_dir),
            "WISMO_ENGINE": "openai",
            "OPENAI_BASE_URL": args.base_url,
            "OPENAI_API_KEY": "none",
            "WISMO_MODEL": args.model,
            "WISMO_MODEL_DEADLINE_MS": base.model_deadline_ms,
        }
    )
    files = args.files or [p for p in packaged_files() if p.stem in ("status", "delivery")]
    scenarios = load_scenarios([Path(f) for f in files])
    if args.limit:
        scenarios = scenarios[: args.limit]
    agent = Agent(settings)
    agent.warm()
    print(json.dumps(run(agent, scenarios, progress=True), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
