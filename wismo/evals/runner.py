"""Run scenarios against an Agent: one fresh conversation each, every turn and the end judged.

Orders are picked by state (picker.py); replies are judged against the store (judge.py) and the
conversation's end against what the scenario says a good outcome is (outcome.py).
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field
from typing import Any

from . import outcome
from .judge import _leaks, check_expect, judge_reply
from .picker import NoMatchingOrder, OrderPicker
from .scenarios import PII_FIELDS, Scenario, fill


# ---------------------------------------------------------------------------- results
@dataclass
class TurnResult:
    index: int
    said: str
    reply: str
    intent: str | None
    confidence: float
    citations: list[str]
    handoff: str | None
    latency_ms: float
    expected_intent: tuple[str, ...] = ()
    expected_handoff: str | tuple[str, ...] | None = None
    #: The language the reply was written in (when the scenario checks it).
    language: str | None = None
    #: Unmet expectations, each a short sentence.
    failures: list[str] = field(default_factory=list)
    false_answers: list[str] = field(default_factory=list)
    pii_leaks: list[str] = field(default_factory=list)

    @property
    def intent_ok(self) -> bool | None:
        return None if not self.expected_intent else self.intent in self.expected_intent

    def as_dict(self) -> dict[str, Any]:
        return {
            "turn": self.index,
            "said": self.said,
            "reply": self.reply,
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "citations": self.citations,
            "handoff": self.handoff,
            "latency_ms": round(self.latency_ms, 2),
            "failures": self.failures,
            "false_answers": self.false_answers,
            "pii_leaks": self.pii_leaks,
        }


@dataclass
class ScenarioResult:
    scenario: Scenario
    turns: list[TurnResult] = field(default_factory=list)
    #: Set when the scenario could not run at all (e.g. no order in the requested state).
    error: str | None = None
    transcript_leaks: list[str] = field(default_factory=list)
    #: Reasons of every handoff in the conversation.
    handoffs: list[str] = field(default_factory=list)
    #: End checks that failed (see outcome.check_end).
    end_failures: list[str] = field(default_factory=list)
    #: The conversation the scenario was played in.
    conversation_id: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not any(t.failures for t in self.turns) and not self.end_failures

    @property
    def handed_off(self) -> bool:
        return any(t.handoff for t in self.turns)

    @property
    def false_answers(self) -> int:
        return sum(len(t.false_answers) for t in self.turns)

    @property
    def pii_leaks(self) -> int:
        return sum(len(t.pii_leaks) for t in self.turns) + len(self.transcript_leaks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.scenario.id,
            "category": self.scenario.category,
            "source": self.scenario.source,
            "passed": self.passed,
            "error": self.error,
            "turns": [t.as_dict() for t in self.turns],
            "transcript_leaks": self.transcript_leaks,
            "end_failures": self.end_failures,
        }


# ---------------------------------------------------------------------------- running
def _pick(picker: OrderPicker, scenario: Scenario) -> tuple[dict[str, str], dict[str, dict]]:
    """Placeholder values and the judge's truth for every order the scenario asks for."""
    values: dict[str, str] = {}
    truths: dict[str, dict] = {}
    end = scenario.end
    swap = end.variant if end and end.action == "exchange" and end.variant in ("up", "down") else None
    if swap and scenario.order is not None:
        # An exchange the scenario expects booked needs the next size in stock (else the shop refunds).
        scenario = dataclasses.replace(scenario, order={**scenario.order, "swap": swap})
    if scenario.order is not None and scenario.second is not None:
        row, second = picker.pick_pair(scenario.order, scenario.second, scenario.id)
        v, truths["order"] = picker.values(row, selector=scenario.order)
        values.update(v)
        v, truths["second"] = picker.values(second, "second_", scenario.second)
        values.update(v)
    elif scenario.order is not None:
        row = picker.pick(scenario.order, scenario.id)
        v, truths["order"] = picker.values(row, selector=scenario.order)
        values.update(v)
    if scenario.other is not None:
        exclude = frozenset({values["email"].lower()}) if "email" in values else frozenset()
        row = picker.pick(scenario.other, scenario.id + "/other", exclude)
        v, truths["other"] = picker.values(row, "other_", scenario.other)
        values.update(v)
    if "unknown_order_number" in scenario.placeholders():
        values["unknown_order_number"] = picker.unknown_order_number()
    return values, truths


def _customer_truth(truths: dict[str, dict]) -> dict | None:
    """What the customer may be told about: their order and their second order, merged."""
    mine = [truths[k] for k in ("order", "second") if k in truths]
    if not mine:
        return None
    merged = dict(mine[0])
    merged["keys"] = [t["key"] for t in mine]
    merged["tracking"] = {tn: st for t in mine for tn, st in t["tracking"].items()}
    merged["events"] = sorted({e for t in mine for e in t["events"]})
    return merged


def _declined(reply: Any) -> bool:
    """The bot said no to this turn's request: out of scope, an injection caught, or a person brought in."""
    if reply.intent == "out_of_scope" or reply.handoff:
        return True
    return any(r.get("rail") == "injection" and not r.get("passed") for r in reply.rails or [])


def run_scenario(agent: Any, scenario: Scenario, picker: OrderPicker | None = None) -> ScenarioResult:
    """Play one scenario in a fresh conversation and judge each turn, then how it ended."""
    picker = picker or OrderPicker(agent.store, agent.settings.verification_window_seconds)
    result = ScenarioResult(scenario)
    try:
        values, truths = _pick(picker, scenario)
    except NoMatchingOrder as exc:
        result.error = str(exc)
        return result
    truth = _customer_truth(truths)
    other_truth = truths.get("other")
    shipment_ids = [i for t in truths.values() for i in t.get("shipment_ids", [])]

    cid = agent.start(scenario.channel)
    result.conversation_id = cid
    before = outcome.booked(agent.store.engine, cid, shipment_ids)
    typed_so_far = ""
    pii_typed: list[str] = []
    previous_reply = ""
    handoffs: list[str] = []
    declined = False
    expected_language = scenario.language
    for i, turn in enumerate(scenario.turns, 1):
        said = fill(turn.say, values)
        for name in {m for m in re.findall(r"\{([a-z_]+)", turn.say)}:
            base = name.removeprefix("other_").removeprefix("second_")
            if base in PII_FIELDS and values.get(name):
                pii_typed.append(values[name])
        pii_typed.extend(fill(p, values) for p in turn.pii)
        typed_so_far += " " + said
        started = time.perf_counter()
        reply = agent.send(cid, said)
        latency = (time.perf_counter() - started) * 1000
        verified = None
        if turn.expect.verified is not None:
            verified = bool(agent.transcript(cid).get("verified"))
        tr = TurnResult(
            index=i,
            said=said,
            reply=reply.text or "",
            intent=reply.intent,
            confidence=float(reply.confidence or 0.0),
            citations=[c["source_id"] for c in reply.citations or []],
            handoff=(reply.handoff or {}).get("reason"),
            latency_ms=latency,
            expected_intent=turn.expect.intent,
            expected_handoff=turn.expect.handoff,
        )
        tr.failures = check_expect(turn.expect, values, reply, verified)
        tr.false_answers = judge_reply(reply, truth, typed_so_far, other_truth, agent.store)
        tr.pii_leaks = _leaks(reply.text or "", pii_typed, "reply")
        if turn.expect.about:
            failure = outcome.about_failure(turn.expect.about, tr.citations, truths)
            if failure:
                tr.failures.append(failure)
        unresolved = getattr(reply, "unresolved", None)
        if not turn.expect.unclear and (unresolved == "low_confidence" or (tr.handoff in outcome.NON_ANSWER_HANDOFFS)):
            tr.failures.append("non-answer to a clear message")
        if tr.reply and tr.reply == previous_reply and not tr.handoff and getattr(reply, "mode", "bot") == "bot":
            tr.failures.append("the same answer twice in a row")
        if scenario.language:
            # The language of this very message when it has enough words to tell (a customer may
            # switch), else the conversation's.
            wanted = outcome.message_language(said, expected_language) or expected_language
            expected_language = wanted
            got = outcome.reply_language(tr.reply)
            tr.language = got
            if got is not None and got != wanted:
                tr.failures.append(f"language: replied in {got}, the customer writes {wanted}")
        if tr.false_answers:
            tr.failures.append("false answer: " + "; ".join(tr.false_answers))
        if tr.pii_leaks:
            tr.failures.append("PII leak: " + "; ".join(tr.pii_leaks))
        if tr.handoff:
            handoffs.append(tr.handoff)
        declined = declined or _declined(reply)
        previous_reply = tr.reply
        result.turns.append(tr)
    transcript = agent.transcript(cid)
    for msg in transcript.get("messages", []):
        result.transcript_leaks.extend(_leaks(msg.get("text") or "", pii_typed, f"transcript ({msg.get('role')})"))
    result.transcript_leaks = sorted(set(result.transcript_leaks))
    if result.transcript_leaks and result.turns:
        result.turns[-1].failures.append("PII leak: " + "; ".join(result.transcript_leaks))
    result.handoffs = handoffs
    if scenario.end is not None and result.turns:
        after = outcome.booked(agent.store.engine, cid, shipment_ids)
        if not declined and other_truth is not None:
            # A request about another customer's order that never got that order verified was refused.
            declined = agent.conversation(cid).verified_order != other_truth["key"]
        result.end_failures = outcome.check_end(
            scenario.end,
            scenario,
            handoffs=handoffs,
            verified=bool(transcript.get("verified")),
            last_citations=next(
                (t.citations for t in reversed(result.turns) if outcome.about(t.citations, truths)), []
            ),
            truths=truths,
            before=before,
            after=after,
            declined_signals=declined,
            false_answers=result.false_answers,
        )
    return result


def run_scenarios(agent: Any, scenarios: list[Scenario]) -> list[ScenarioResult]:
    picker = OrderPicker(agent.store, agent.settings.verification_window_seconds)
    return [run_scenario(agent, s, picker) for s in scenarios]


def run_suite(agent: Any, paths: list[str] | None = None) -> dict[str, Any]:
    """Load the scenarios (the packaged suite when `paths` is None), run them and return the metrics,
    with every failed scenario's turns under `failures` and all results under `results`."""
    from .metrics import compute
    from .scenarios import load_scenarios

    scenarios = load_scenarios(paths)
    started = time.perf_counter()
    results = run_scenarios(agent, scenarios)
    report = compute(results)
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["results"] = [r.as_dict() for r in results]
    return report
