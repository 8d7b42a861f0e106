"""Suite metrics: does the bot deflect contacts without ever answering falsely or leaking PII?

- task success: scenarios whose every expectation of every turn was met.
- deflection rate: resolvable scenarios solved (all expectations met) with no handoff.
- false-answer rate: turns whose reply contradicts the store (see runner.judge_reply).
- handoff precision / recall: over turns, for any handoff and per reason code.
- PII leak rate: scenarios where a typed personal value reached a reply or the stored transcript.
- intent accuracy (overall and per expected intent) and latency per turn (p50 / p95).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .runner import ScenarioResult
from .scenarios import ANY

#: What CI enforces (tests/test_evals.py) and what the suite aims for.
CI_GATES = {"task_success": 0.95, "false_answers": 0, "pii_leaks": 0}
GOALS = {
    "task_success": 0.97,
    "false_answers": 0,
    "pii_leaks": 0,
    "handoff_recall.customer_requested": 1.0,
    "handoff_recall.verification_failed": 1.0,
}


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return 0.0
    xs = sorted(samples)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return round(xs[k], 2)


def _handoffs(results: list[ScenarioResult]) -> dict[str, Any]:
    tp = fp = fn = 0
    per: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for t in r.turns:
            if t.expected_handoff == ANY:
                continue
            exp, got = t.expected_handoff, t.handoff
            if isinstance(exp, tuple):
                exp = got if got in exp else exp[0]
            if got and exp:
                tp += 1
            elif got and not exp:
                fp += 1
            elif exp and not got:
                fn += 1
            for reason in {exp, got} - {None}:
                c = per[reason]
                if exp == reason and got == reason:
                    c["tp"] += 1
                elif got == reason:
                    c["fp"] += 1
                else:
                    c["fn"] += 1
    return {
        "precision": _rate(tp, tp + fp),
        "recall": _rate(tp, tp + fn),
        "per_reason": {
            reason: {
                "precision": _rate(c["tp"], c["tp"] + c["fp"]),
                "recall": _rate(c["tp"], c["tp"] + c["fn"]),
                "expected": c["tp"] + c["fn"],
                "actual": c["tp"] + c["fp"],
            }
            for reason, c in sorted(per.items())
        },
    }


def compute(results: list[ScenarioResult]) -> dict[str, Any]:
    """All suite metrics from scenario results, plus the failures a person should read."""
    turns = [t for r in results for t in r.turns]
    ran = [r for r in results if r.error is None]
    passed = [r for r in results if r.passed]
    resolvable = [r for r in results if r.scenario.resolvable]
    deflected = [r for r in resolvable if r.passed and not r.handed_off]
    false_turns = [t for t in turns if t.false_answers]
    leaky = [r for r in results if r.pii_leaks]
    with_intent = [t for t in turns if t.intent_ok is not None]
    by_intent: dict[str, list[bool]] = defaultdict(list)
    for t in with_intent:
        by_intent[t.expected_intent[0]].append(bool(t.intent_ok))
    by_category: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        by_category[r.scenario.category].append(r.passed)
    latencies = [t.latency_ms for t in turns]
    handoffs = _handoffs(results)
    metrics: dict[str, Any] = {
        "scenarios": len(results),
        "turns": len(turns),
        "errors": len(results) - len(ran),
        "task_success": _rate(len(passed), len(results)) or 0.0,
        "passed": len(passed),
        "deflection_rate": _rate(len(deflected), len(resolvable)),
        "resolvable": len(resolvable),
        "false_answers": sum(len(t.false_answers) for t in turns),
        "false_answer_rate": _rate(len(false_turns), len(turns)) or 0.0,
        "pii_leaks": sum(r.pii_leaks for r in results),
        "pii_leak_rate": _rate(len(leaky), len(results)) or 0.0,
        "intent_accuracy": _rate(sum(bool(t.intent_ok) for t in with_intent), len(with_intent)),
        "intent_accuracy_by_intent": {
            k: {"accuracy": _rate(sum(v), len(v)), "n": len(v)} for k, v in sorted(by_intent.items())
        },
        "handoff": handoffs,
        "handoff_reasons": dict(Counter(t.handoff for t in turns if t.handoff).most_common()),
        "latency_ms": {
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "max": round(max(latencies), 2) if latencies else 0.0,
        },
        "latencies_ms": [round(x, 2) for x in latencies],
        "success_by_category": {
            k: {"success": _rate(sum(v), len(v)), "n": len(v)} for k, v in sorted(by_category.items())
        },
    }
    metrics["outcomes"] = outcomes(results)
    metrics["gates"] = gates(metrics)
    metrics["goals"] = goals(metrics)
    metrics["failures"] = failures(results)
    return metrics


def _kind_rates(results: list[ScenarioResult]) -> dict[str, Any]:
    resolvable = [r for r in results if r.scenario.kind == "resolvable" and r.error is None]
    person = [r for r in results if r.scenario.kind == "person" and r.error is None]
    decline = [r for r in results if r.scenario.kind == "decline" and r.error is None]
    reached = [r for r in person if r.handoffs]
    right = [r for r in reached if not any("end: handoff" in f for f in r.end_failures)]
    return {
        "resolvable": len(resolvable),
        "resolved_correct": _rate(sum(r.passed for r in resolvable), len(resolvable)),
        "person": len(person),
        "person_reached": _rate(len(reached), len(person)),
        "person_right_reason": _rate(len(right), len(person)),
        "decline": len(decline),
        "declined": _rate(sum(not any("declined" in f for f in r.end_failures) for r in decline), len(decline)),
        "wrong_answers": sum(r.false_answers for r in results),
    }


def outcomes(results: list[ScenarioResult]) -> dict[str, Any]:
    """Conversation outcomes by kind (resolved and correct, reached a person, declined), overall and
    per customer language, plus how often replies were in the customer's language."""
    checked = [t for r in results if r.scenario.language for t in r.turns if t.language is not None]
    in_language = [
        t for r in results if r.scenario.language for t in r.turns if t.language in (None, r.scenario.language)
    ]
    by_language: dict[str, list[ScenarioResult]] = defaultdict(list)
    for r in results:
        by_language[r.scenario.language or "unset"].append(r)
    non_answers = sum(1 for r in results for t in r.turns if "non-answer to a clear message" in t.failures)
    return {
        **_kind_rates(results),
        "non_answers": non_answers,
        "reply_language_accuracy": _rate(len([t for t in in_language if t.language is not None]), len(checked)),
        "by_language": {lang: _kind_rates(rs) for lang, rs in sorted(by_language.items())},
    }


def gates(m: dict[str, Any]) -> dict[str, bool]:
    """CI's pass/fail conditions."""
    return {
        "task_success": m["task_success"] >= CI_GATES["task_success"],
        "false_answers": m["false_answers"] == 0,
        "pii_leaks": m["pii_leaks"] == 0,
    }


def goals(m: dict[str, Any]) -> dict[str, bool]:
    per = m["handoff"]["per_reason"]
    out = {
        "task_success": m["task_success"] >= GOALS["task_success"],
        "false_answers": m["false_answers"] == 0,
        "pii_leaks": m["pii_leaks"] == 0,
    }
    for reason in ("customer_requested", "verification_failed"):
        recall = (per.get(reason) or {}).get("recall")
        out[f"handoff_recall.{reason}"] = recall is None or recall >= 1.0
    return out


def failures(results: list[ScenarioResult]) -> list[dict[str, Any]]:
    """Each failed turn: scenario, turn, what was said, what was expected and what the bot answered."""
    out: list[dict[str, Any]] = []
    for r in results:
        if r.error:
            out.append({"scenario": r.scenario.id, "category": r.scenario.category, "turn": None, "error": r.error})
            continue
        if r.end_failures:
            out.append(
                {
                    "scenario": r.scenario.id,
                    "category": r.scenario.category,
                    "turn": "end",
                    "said": "",
                    "expected": r.end_failures,
                    "intent": None,
                    "handoff": ", ".join(r.handoffs) or None,
                    "reply": r.turns[-1].reply if r.turns else "",
                }
            )
        for t in r.turns:
            if t.failures:
                out.append(
                    {
                        "scenario": r.scenario.id,
                        "category": r.scenario.category,
                        "turn": t.index,
                        "said": t.said,
                        "expected": t.failures,
                        "intent": t.intent,
                        "handoff": t.handoff,
                        "reply": t.reply,
                    }
                )
    return out


def summary_lines(m: dict[str, Any]) -> list[str]:
    """The headline figures as short lines for a terminal."""

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{100 * x:.1f}%"

    per = m["handoff"]["per_reason"]
    lines = [
        f"scenarios {m['scenarios']} ({m['turns']} turns, {m['errors']} could not run)",
        f"task success      {pct(m['task_success'])} ({m['passed']}/{m['scenarios']})",
        f"deflection rate   {pct(m['deflection_rate'])} of {m['resolvable']} resolvable",
        f"false answers     {m['false_answers']} ({pct(m['false_answer_rate'])} of turns)",
        f"PII leaks         {m['pii_leaks']} ({pct(m['pii_leak_rate'])} of scenarios)",
        f"intent accuracy   {pct(m['intent_accuracy'])}",
        f"handoff           precision {pct(m['handoff']['precision'])}  recall {pct(m['handoff']['recall'])}",
    ]
    for reason, v in per.items():
        lines.append(
            f"  {reason:<22} precision {pct(v['precision'])}  recall {pct(v['recall'])}  "
            f"(expected {v['expected']}, actual {v['actual']})"
        )
    o = m.get("outcomes") or {}
    if o:
        lines.append(
            f"outcomes          resolved+correct {pct(o['resolved_correct'])} of {o['resolvable']} resolvable, "
            f"person reached {pct(o['person_reached'])} (right reason {pct(o['person_right_reason'])}) of "
            f"{o['person']}, declined {pct(o['declined'])} of {o['decline']}, wrong answers {o['wrong_answers']}, "
            f"non-answers {o['non_answers']}"
        )
        if o.get("reply_language_accuracy") is not None:
            lines.append(f"reply language    {pct(o['reply_language_accuracy'])} of checked turns")
        for lang, v in o["by_language"].items():
            if lang != "unset":
                lines.append(
                    f"  {lang:<4} resolved+correct {pct(v['resolved_correct'])} ({v['resolvable']}), "
                    f"person {pct(v['person_reached'])} ({v['person']}), declined {pct(v['declined'])} ({v['decline']})"
                )
    lat = m["latency_ms"]
    lines.append(f"latency per turn  p50 {lat['p50']} ms  p95 {lat['p95']} ms")
    lines.append("gates (CI)        " + ", ".join(f"{k} {'ok' if v else 'FAIL'}" for k, v in m["gates"].items()))
    lines.append("goals             " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in m["goals"].items()))
    return lines
