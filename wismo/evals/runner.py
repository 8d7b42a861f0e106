"""Run scenarios against an Agent and judge every turn: expectations, false answers and PII leaks.

Expectations are the scenario's own. False answers and leaks are judged against the store, whatever
the scenario says: a reply that states a status the order does not have, names an order or tracking
number that is neither the customer's nor one they typed, cites another customer's order, shows
another customer's email, or went out although its citation rail failed, is a false answer. A
personal value the customer typed (email, name, phone, street) that shows up in a reply or in the
stored transcript is a leak.
"""

from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..domain.status import STATUS_PHRASES, ShipmentStatus
from ..domain.store import Store, normalize_key
from ..guardrails.citations import RX, STATUS_CLAIMS, extract_claims
from .scenarios import ANY, ORDER_FIELDS, PII_FIELDS, Expect, Scenario, fill

#: Selectors answered from the order's lines: has a returnable item / has a final-sale item.
LINE_SELECTORS = frozenset({"returnable", "final_sale"})


class NoMatchingOrder(LookupError):
    """The store has no order in the state a scenario asks for."""


# ---------------------------------------------------------------------------- picking orders
class OrderPicker:
    """Chooses orders by state, deterministically per scenario id, so runs are repeatable.

    Each scenario gets orders no other scenario of the run used, and never an order with recent
    failed verifications (from an earlier run): such an order is locked, a state nobody asked for.
    """

    def __init__(self, store: Store, window_seconds: int = 3600) -> None:
        self.store = store
        self.window_seconds = window_seconds
        self._rows: list[dict] | None = None
        self.used: set[str] = set()

    @property
    def rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = self.store.list_orders()
            self.used |= self._recently_failed()
        return self._rows

    def _recently_failed(self) -> set[str]:
        from sqlmodel import select

        from ..domain.db import session
        from ..domain.models import VerificationAttempt

        since = datetime.now(UTC) - timedelta(seconds=self.window_seconds)
        with session(self.store.engine) as s:
            stmt = select(VerificationAttempt.order_key).where(
                VerificationAttempt.success == False,  # noqa: E712
                VerificationAttempt.created_at >= since,
            )
            return {str(k).upper() for k in s.exec(stmt)}

    def pick(self, selector: dict[str, Any], salt: str, exclude_emails: frozenset[str] = frozenset()) -> dict:
        plain = {k: v for k, v in selector.items() if k not in LINE_SELECTORS}
        rows = [
            r
            for r in self.rows
            if all(str(r.get(k)) == str(v) for k, v in plain.items())
            and r["email"].lower() not in exclude_emails
            and normalize_key(r["order_number"]) not in self.used
        ]
        start = zlib.crc32(salt.encode()) % len(rows) if rows else 0
        for i in range(len(rows)):
            row = rows[(start + i) % len(rows)]
            if self._lines_match(row, selector):
                self.used.add(normalize_key(row["order_number"]))
                return row
        raise NoMatchingOrder(f"no unused order with {selector}")

    def _lines_match(self, row: dict, selector: dict[str, Any]) -> bool:
        wanted = {k: bool(v) for k, v in selector.items() if k in LINE_SELECTORS}
        if not wanted:
            return True
        order = self.store.order(row["order_number"])
        lines = self.store.lines(order.id or 0) if order else []
        have = {
            "returnable": any(not line.final_sale for line in lines),
            "final_sale": any(line.final_sale for line in lines),
        }
        return all(have[k] == v for k, v in wanted.items())

    def values(self, row: dict, prefix: str = "") -> tuple[dict[str, str], dict[str, Any]]:
        """Placeholder values for one order and what the judge needs to know about it."""
        from ..tools.tracking import carrier_name

        order = self.store.order(row["order_number"])
        assert order is not None
        customer = self.store.customer(order.customer_id)
        ships = self.store.shipments(order.id or 0)
        name = customer.name if customer else ""
        lines = self.store.lines(order.id or 0)
        item = next((ln.name for ln in lines if not ln.final_sale), lines[0].name if lines else "")
        status = ShipmentStatus(row["status"])
        v = {
            "order_number": order.number,
            "order_digits": re.sub(r"\D", "", order.number),
            "email": order.email,
            "postal_code": order.postal_code,
            "tracking_number": row["tracking_number"],
            "carrier": carrier_name(row["carrier"]),
            "status": status.value,
            "status_phrase": STATUS_PHRASES[status],
            "name": name,
            "first_name": name.split()[0] if name else "",
            "phone": (customer.phone if customer else None) or "",
            "street": order.street,
            "city": order.city,
            "item": item,
        }
        truth = {
            "key": order.number_key,
            "email": order.email.lower(),
            "tracking": {s.tracking_number.upper(): ShipmentStatus(s.status) for s in ships},
            # The carrier's own scan texts: quoting them ("damaged in transit") claims no status.
            "events": sorted({e.description.lower() for s in ships for e in self.store.events(s.id or 0)}),
        }
        assert set(v) == set(ORDER_FIELDS)
        return {f"{prefix}{k}": val for k, val in v.items()}, truth

    def unknown_order_number(self) -> str:
        top = max((int(re.sub(r"\D", "", r["order_number"]) or 0) for r in self.rows), default=10000)
        n = top + 4242
        while self.store.order(f"WS{n}") is not None:
            n += 1
        return f"#WS{n}"


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
    expected_handoff: str | None = None
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

    @property
    def passed(self) -> bool:
        return self.error is None and not any(t.failures for t in self.turns)

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
        }


# ---------------------------------------------------------------------------- judging
@lru_cache(maxsize=1)
def _written_texts() -> tuple[str, ...]:
    """The shop's written articles (policies, knowledge): quoting them states no shipment status."""
    texts: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) > 30 and "{" not in node:
            # Whole articles and each of their sentences: answers may quote either.
            texts.add(node.strip().lower())
            texts.update(x.strip().lower() for x in re.split(r"(?<=[.!?])\s+", node) if len(x.strip()) >= 20)

    root = resources.files("wismo.prompts")
    for entry in root.iterdir():
        if entry.name.endswith((".yaml", ".yml")) and entry.name != "templates.yaml":
            try:
                walk(yaml.safe_load(entry.read_text("utf-8")))
            except yaml.YAMLError:
                continue
    return tuple(sorted(texts, key=len, reverse=True))


def _strip_written(text: str) -> str:
    low = text.lower()
    for t in _written_texts():
        low = low.replace(t, " ")
    return low


def _norm(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.upper())


def _has(text: str, needle: str) -> bool:
    return needle.strip().lower() in text.lower()


def check_expect(expect: Expect, values: dict[str, str], reply: Any, verified: bool | None) -> list[str]:
    """The expectations of one turn that the reply does not meet, as sentences."""
    out: list[str] = []
    text = reply.text or ""
    if expect.intent and reply.intent not in expect.intent:
        out.append(f"intent: expected {'/'.join(expect.intent)}, got {reply.intent}")
    cited = [c["source_id"] for c in reply.citations or []]
    kinds = {c.get("kind") or c["source_id"].split(":", 1)[0] for c in reply.citations or []}
    for item in expect.citations:
        options = [fill(c, values) for c in (item if isinstance(item, tuple) else (item,))]
        if not any(w in kinds if ":" not in w else any(s.startswith(w) for s in cited) for w in options):
            out.append(f"citations: expected {' or '.join(options)}, cited {cited or 'nothing'}")
    for bad in (fill(c, values) for c in expect.citations_absent):
        hit = [s for s in cited if (s.startswith(bad) if ":" in bad else s.split(":", 1)[0] == bad)]
        if hit:
            out.append(f"citations: must not cite {bad}, cited {hit}")
    for item in expect.must_contain:
        options = item if isinstance(item, tuple) else (item,)
        filled = [fill(o, values) for o in options]
        if not any(_has(text, f) for f in filled):
            out.append(f"must contain {' or '.join(repr(f) for f in filled)}")
    for item in expect.must_not_contain:
        f = fill(item, values)
        if _has(text, f):
            out.append(f"must not contain {f!r}")
    actual = (reply.handoff or {}).get("reason")
    if expect.handoff != ANY and actual != expect.handoff:
        out.append(f"handoff: expected {expect.handoff or 'none'}, got {actual or 'none'}")
    if expect.verified is not None and verified is not None and verified != expect.verified:
        out.append(f"verified: expected {expect.verified}, got {verified}")
    return out


def judge_reply(
    reply: Any, truth: dict | None, typed: str, other: dict | None, store: Store | None = None
) -> list[str]:
    """Facts in a reply that contradict the store (see the module docstring)."""
    out: list[str] = []
    text = reply.text or ""
    typed_numbers = {
        _norm(m.group(0)) for rx in (RX["order_number"], RX["tracking_number"]) for m in rx.finditer(typed)
    }
    typed_compact = _norm(typed)
    allowed_orders = {truth["key"]} if truth else set()
    allowed_tracking: dict[str, ShipmentStatus] = dict(truth["tracking"]) if truth else {}
    cited = [c["source_id"] for c in reply.citations or []]
    cited_tracking: set[str] = set()
    for sid in cited:
        parts = sid.split(":")
        if parts[0] == "order" and len(parts) > 1:
            key = parts[1].upper()
            if key not in allowed_orders and key not in typed_numbers:
                out.append(f"cites another customer's order {sid}")
        elif parts[0] in ("shipment", "eta") and len(parts) > 1:
            tn = (parts[1] if parts[0] == "shipment" else parts[-1]).upper()
            cited_tracking.add(tn)
            if tn not in allowed_tracking and tn not in typed_numbers and tn not in typed_compact:
                out.append(f"cites a shipment that is not the customer's: {sid}")
    for m in RX["order_number"].finditer(text):
        key = normalize_key(m.group(0))
        if key not in allowed_orders and key not in typed_numbers:
            out.append(f"names order {m.group(0)}, not the customer's")
    for m in RX["tracking_number"].finditer(text):
        tn = m.group(0).upper()
        if tn not in allowed_tracking and tn not in typed_numbers and tn not in typed_compact:
            out.append(f"names tracking number {tn}, not the customer's")
    # Status claims must match a status of the shipments the reply may speak about.
    statuses = set(allowed_tracking.values())
    if truth is None and cited_tracking:
        statuses |= _statuses_of(store, cited_tracking)
    stripped = _strip_written(text)
    for description in sorted((truth or {}).get("events", []), key=len, reverse=True):
        stripped = stripped.replace(description, " ")
    for claim in extract_claims(stripped):
        if claim.kind != "status":
            continue
        backing = STATUS_CLAIMS.get(claim.text.lower(), set())
        if not backing & statuses:
            have = ", ".join(sorted(s.value for s in statuses)) or "no shipment"
            out.append(f"says '{claim.text}' but the store has {have}")
    if other and other.get("email") and other["email"] in text.lower() and other["email"] not in typed.lower():
        out.append("shows another customer's email")
    for rail in reply.rails or []:
        if rail.get("rail") == "citations" and not rail.get("passed") and not reply.handoff:
            out.append(f"sent although the citation check failed: {rail.get('reason')}")
    return out


def _statuses_of(store: Store | None, tracking_numbers: set[str]) -> set[ShipmentStatus]:
    if store is None:
        return set()
    out = set()
    for tn in tracking_numbers:
        ship = store.shipment_by_tracking(tn)
        if ship is not None:
            out.add(ShipmentStatus(ship.status))
    return out


def _leaks(text: str, pii: list[str], where: str) -> list[str]:
    low = text.lower()
    return [f"{where} shows {v!r}" for v in pii if v and len(v.strip()) >= 4 and v.strip().lower() in low]


# ---------------------------------------------------------------------------- running
def run_scenario(agent: Any, scenario: Scenario, picker: OrderPicker | None = None) -> ScenarioResult:
    """Play one scenario in a fresh conversation and judge each turn."""
    picker = picker or OrderPicker(agent.store, agent.settings.verification_window_seconds)
    result = ScenarioResult(scenario)
    values: dict[str, str] = {}
    truth: dict | None = None
    other_truth: dict | None = None
    try:
        if scenario.order is not None:
            row = picker.pick(scenario.order, scenario.id)
            v, truth = picker.values(row)
            values.update(v)
        if scenario.other is not None:
            exclude = frozenset({values["email"].lower()}) if "email" in values else frozenset()
            row = picker.pick(scenario.other, scenario.id + "/other", exclude)
            v, other_truth = picker.values(row, "other_")
            values.update(v)
        if "unknown_order_number" in scenario.placeholders():
            values["unknown_order_number"] = picker.unknown_order_number()
    except NoMatchingOrder as exc:
        result.error = str(exc)
        return result

    cid = agent.start(scenario.channel)
    typed_so_far = ""
    pii_typed: list[str] = []
    for i, turn in enumerate(scenario.turns, 1):
        said = fill(turn.say, values)
        for name in {m for m in re.findall(r"\{([a-z_]+)", turn.say)}:
            base = name.removeprefix("other_")
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
        if tr.false_answers:
            tr.failures.append("false answer: " + "; ".join(tr.false_answers))
        if tr.pii_leaks:
            tr.failures.append("PII leak: " + "; ".join(tr.pii_leaks))
        result.turns.append(tr)
    transcript = agent.transcript(cid)
    for msg in transcript.get("messages", []):
        result.transcript_leaks.extend(_leaks(msg.get("text") or "", pii_typed, f"transcript ({msg.get('role')})"))
    result.transcript_leaks = sorted(set(result.transcript_leaks))
    if result.transcript_leaks and result.turns:
        result.turns[-1].failures.append("PII leak: " + "; ".join(result.transcript_leaks))
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
