"""The scenario suite: the loader, the judge, the metrics, the report, and the CI gate on the packaged suite."""

from __future__ import annotations

import argparse
from types import SimpleNamespace

import pytest

from wismo.domain.status import ShipmentStatus
from wismo.evals.metrics import CI_GATES, compute
from wismo.evals.report import write_report
from wismo.evals.runner import ScenarioResult, TurnResult, judge_reply, run_scenario, run_suite
from wismo.evals.scenarios import (
    INTENTS,
    STATUSES,
    ScenarioError,
    fill,
    load_scenarios,
    parse_scenario,
)


def _reply(text: str, citations=(), intent="order_status", handoff=None, rails=()):
    return SimpleNamespace(
        text=text,
        intent=intent,
        confidence=1.0,
        citations=[{"source_id": c, "kind": c.split(":")[0], "label": c} for c in citations],
        handoff=handoff,
        rails=list(rails),
    )


# ---------------------------------------------------------------------------- loader
def test_packaged_suite_covers_what_the_shop_needs():
    suite = load_scenarios()
    assert len(suite) >= 150
    ids = [s.id for s in suite]
    assert len(ids) == len(set(ids))
    intents = {i for s in suite for t in s.turns for i in t.expect.intent}
    assert intents == set(INTENTS)
    statuses = {s.order["status"] for s in suite if s.order and "status" in s.order}
    assert statuses == set(STATUSES)
    for lang in ("es", "fr", "de", "pt"):
        assert any(i.startswith(f"lang-{lang}-") for i in ids), lang
    cats = {s.category for s in suite}
    assert {"verification", "adversarial", "returns", "pickup", "followup", "typos_slang", "languages"} <= cats
    handoffs = {t.expect.handoff for s in suite for t in s.turns}
    assert {"customer_requested", "verification_failed"} <= handoffs


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"id": "x", "turns": [{"say": "hi", "expect": {"intent": "weather"}}]}, "unknown intent"),
        ({"id": "x", "turns": [{"say": "hi {order_number}"}]}, "no `order:` selector"),
        ({"id": "x", "order": {"status": "in_transit"}, "turns": [{"say": "{order_id}"}]}, "unknown placeholder"),
        ({"id": "x", "turns": [{"say": "hi", "expect": {"handoff": "bored"}}]}, "unknown handoff"),
        ({"id": "x", "turns": [{"say": "hi", "expect": {"mentions": ["a"]}}]}, "unknown expectation"),
        ({"id": "x", "order": {"status": "lost"}, "turns": ["hi"]}, "unknown shipment status"),
        ({"id": "x", "turns": []}, "non-empty"),
        ({"id": "x", "turns": [{"say": "hi", "expect": {"citations": ["invoice"]}}]}, "not a kind"),
    ],
)
def test_loader_rejects_malformed_scenarios(raw, message):
    with pytest.raises(ScenarioError, match=message):
        parse_scenario(raw, "t.yaml")


def test_loader_reads_yaml_and_jsonl_and_refuses_duplicate_ids(tmp_path):
    (tmp_path / "a.yaml").write_text("- id: one\n  turns: ['hi']\n", "utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "two", "turns": ["hello"], "resolvable": false}\n', "utf-8")
    suite = load_scenarios([tmp_path])
    assert [s.id for s in suite] == ["one", "two"] and suite[1].resolvable is False
    # One folder given alone, as a string or a path, is that folder (not its name's letters).
    assert [s.id for s in load_scenarios(str(tmp_path))] == [s.id for s in load_scenarios(tmp_path)] == ["one", "two"]
    (tmp_path / "c.yaml").write_text("- id: one\n  turns: ['again']\n", "utf-8")
    with pytest.raises(ScenarioError, match="also in"):
        load_scenarios([tmp_path])


def test_fill_applies_filters():
    values = {"order_number": "#WS10042", "email": "Ann@Example.com", "tracking_number": "9400111122223333"}
    assert fill("{order_number|spaced}", values) == "# WS 10042"
    assert fill("{order_number|dashed}", values) == "WS-10042"
    assert fill("{order_number|nohash|lower}", values) == "ws10042"
    assert fill("{email|upper}", values) == "ANN@EXAMPLE.COM"
    assert fill("{tracking_number|grouped}", values) == "9400 1111 2222 3333"


# ---------------------------------------------------------------------------- judge
TRUTH = {
    "key": "WS10042",
    "email": "ann@example.com",
    "tracking": {"1Z0000000000000001": ShipmentStatus.IN_TRANSIT},
    "events": ["package damaged in transit"],
}


def test_judge_accepts_a_true_answer():
    r = _reply(
        "Order #WS10042 is in transit with UPS (1Z0000000000000001).", ["order:WS10042", "shipment:1Z0000000000000001"]
    )
    assert judge_reply(r, TRUTH, "#WS10042 ann@example.com", None) == []


def test_judge_flags_a_wrong_status_and_foreign_numbers():
    wrong = _reply("Order #WS10042 was delivered.", ["order:WS10042"])
    assert any("was delivered" in f for f in judge_reply(wrong, TRUTH, "#WS10042", None))
    foreign = _reply("Order #WS10077 is in transit (1Z0000000000000999).", ["order:WS10077"])
    found = judge_reply(foreign, TRUTH, "#WS10042", None)
    assert any("another customer's order" in f for f in found)
    assert any("WS10077" in f for f in found) and any("1Z0000000000000999" in f for f in found)
    other = {"email": "bob@example.com"}
    leak = _reply("That order belongs to bob@example.com.")
    assert any("another customer's email" in f for f in judge_reply(leak, TRUTH, "#WS10042", other))


def test_judge_flags_a_reply_sent_after_a_failed_citation_rail():
    r = _reply(
        "Order #WS10042 is in transit.",
        ["order:WS10042"],
        rails=[{"rail": "citations", "passed": False, "reason": "unsupported claims"}],
    )
    assert any("citation check failed" in f for f in judge_reply(r, TRUTH, "", None))
    handed = _reply(
        "A person will reply.",
        handoff={"handoff_id": 1, "reason": "guardrail_block"},
        rails=[{"rail": "citations", "passed": False, "reason": "x"}],
    )
    assert judge_reply(handed, TRUTH, "", None) == []


def test_judge_allows_quoting_policy_and_carrier_scans():
    r = _reply(
        "Latest update: Exception - package damaged in transit. If tracking says delivered but you can't "
        "find your parcel, check around your door and mailroom and with neighbours.",
        ["order:WS10042"],
    )
    truth = {**TRUTH, "tracking": {"1Z0000000000000001": ShipmentStatus.EXCEPTION}}
    assert judge_reply(r, truth, "", None) == []


# ---------------------------------------------------------------------------- runner + metrics on the real agent
def test_a_scenario_that_should_fail_does_fail(agent):
    bad = parse_scenario(
        {
            "id": "expects-the-wrong-status",
            "order": {"status": "in_transit"},
            "turns": [
                {
                    "say": "{order_number} {email}",
                    "expect": {
                        "intent": "smalltalk",
                        "must_contain": ["was delivered"],
                        "handoff": "customer_requested",
                    },
                }
            ],
        }
    )
    result = run_scenario(agent, bad)
    assert not result.passed
    failures = " | ".join(result.turns[0].failures)
    assert "intent" in failures and "was delivered" in failures and "handoff" in failures
    assert result.turns[0].false_answers == []


def test_pii_typed_by_the_customer_is_checked_in_transcript_and_replies(agent):
    s = parse_scenario(
        {
            "id": "pii-typed",
            "order": {"status": "delivered"},
            "turns": [{"say": "I'm {name}, phone 212-555-0187, {order_number} {email}", "pii": ["212-555-0187"]}],
        }
    )
    result = run_scenario(agent, s)
    assert result.error is None
    assert result.pii_leaks == 0, result.transcript_leaks
    transcript_text = " ".join(m["text"] for m in agent.transcript(agent.start("web"))["messages"])
    assert "212-555-0187" not in transcript_text


def _turn(expected, got, intent="order_status", expected_intent=("order_status",)):
    return TurnResult(1, "x", "y", intent, 1.0, [], got, 5.0, expected_intent, expected)


def test_metrics_handoff_precision_recall_and_rates():
    s_ok = parse_scenario({"id": "a", "turns": ["hi"]})
    s_human = parse_scenario({"id": "b", "resolvable": False, "turns": ["hi"]})
    results = [
        ScenarioResult(s_ok, [_turn(None, None)]),
        ScenarioResult(s_human, [_turn("customer_requested", "customer_requested")]),
        ScenarioResult(s_human, [_turn("verification_failed", None)]),
        ScenarioResult(s_ok, [_turn(None, "low_confidence", intent="smalltalk")]),
    ]
    results[2].turns[0].failures = ["handoff: expected verification_failed, got none"]
    results[3].turns[0].failures = ["handoff"]
    m = compute(results)
    assert m["task_success"] == 0.5
    assert m["handoff"]["precision"] == 0.5 and m["handoff"]["recall"] == 0.5
    per = m["handoff"]["per_reason"]
    assert per["customer_requested"] == {"precision": 1.0, "recall": 1.0, "expected": 1, "actual": 1}
    assert per["verification_failed"]["recall"] == 0.0
    assert per["low_confidence"]["precision"] == 0.0
    assert m["deflection_rate"] == 0.5
    assert m["intent_accuracy"] == 0.75
    assert m["gates"]["task_success"] is False and m["goals"]["handoff_recall.verification_failed"] is False


def test_report_and_cli(tmp_path, agent):
    from wismo.evals.cli import register, run_external

    (tmp_path / "mini.yaml").write_text(
        "- id: mini\n  order: {status: delivered}\n  turns:\n"
        "    - say: '{order_number} {email}'\n      expect: {intent: order_status, citations: [order, shipment]}\n",
        "utf-8",
    )
    result = run_suite(agent, [str(tmp_path / "mini.yaml")])
    assert result["scenarios"] == 1 and result["task_success"] == 1.0
    external = run_external(tmp_path / "absent")
    assert all("skipped" in v for v in external.values())
    paths = write_report(result, tmp_path / "out", external)
    assert "Task success" in paths["markdown"].read_text("utf-8")
    page = paths["html"].read_text("utf-8")
    assert page.count("data:image/png;base64,") == 4 and "skipped" in page
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", "a.yaml", "--json", "--report", "r", "--external"])
    assert args.files == ["a.yaml"] and args.json and args.report == "r" and args.external


# ---------------------------------------------------------------------------- the CI gate
def test_packaged_suite_meets_the_ci_gates(agent):
    """Task success >= 95%, no false answer, no PII leak on the shop's starting suite."""
    result = run_suite(agent)
    assert result["errors"] == 0, [f for f in result["failures"] if f.get("error")]
    failed = "\n".join(
        f"{f['scenario']} turn {f['turn']}: {f.get('expected') or f.get('error')} -> {str(f.get('reply'))[:160]!r}"
        for f in result["failures"]
    )
    assert result["false_answers"] == CI_GATES["false_answers"], failed
    assert result["pii_leaks"] == CI_GATES["pii_leaks"], failed
    assert result["task_success"] >= CI_GATES["task_success"], (
        f"task success {result['task_success']:.1%} < {CI_GATES['task_success']:.0%}:\n{failed}"
    )
