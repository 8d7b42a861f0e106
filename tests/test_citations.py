"""The citation check (grounding): a fake engine that changes one claim is caught every time, and the
local engine's template answers pass it (no false blocks) over a large sample of real conversations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from wismo.domain.geo import CITIES
from wismo.domain.status import STATUS_PHRASES, ShipmentStatus
from wismo.domain.store import normalize_key
from wismo.guardrails.citations import check
from wismo.i18n import wording
from wismo.tools.context import ToolContext
from wismo.tools.evidence import ToolRefused
from wismo.tools.tracking import Tracking, carrier_name, track_order

S = ShipmentStatus


# ---------------------------------------------------------------------------- a fake engine's answers
def _tracking(agent, row: dict) -> Tracking:
    key = normalize_key(row["order_number"])
    ctx = ToolContext(agent.store, "fake-engine", key, agent.store.now())
    return track_order(ctx, key)[-1]


def _fact(tracking: Tracking, prefix: str):
    return next(f for f in tracking.facts if f.source_id.startswith(prefix))


class Answer:
    """What a model-driven engine might say about one shipment, built from the tools' real evidence."""

    def __init__(self, agent, row: dict) -> None:
        self.agent = agent
        self.row = row
        self.tracking = _tracking(agent, row)
        t = self.tracking
        self.tz = t.timezone
        self.order = t.order
        self.ship = t.shipment
        self.event = _fact(t, f"shipment:{self.ship.tracking_number}:event:")
        self.eta = next((f for f in t.facts if f.source_id.startswith("eta:")), None)
        self.cited = [f.source_id for f in t.facts]
        self.evidence = list(t.facts)
        self.now = agent.store.now()

    @property
    def eta_day(self):
        return wording.local(self.eta.values["window_start"], self.tz)

    def parts(self) -> dict[str, str]:
        ev = self.event.values
        return {
            "order": self.order.number,
            "status": STATUS_PHRASES[self.tracking.status],
            "carrier": carrier_name(self.ship.carrier),
            "tn": self.ship.tracking_number,
            "scan": ev["description"],
            "place": wording.place(ev["city"], ev["region"]),
            "when": wording.moment(ev["time"], self.tz),
            "eta": wording.day(self.eta.values["window_start"], self.tz) if self.eta else "",
        }

    def text(self, **override: str) -> str:
        p = self.parts() | override
        out = (
            f"Your order {p['order']} is {p['status']} with {p['carrier']} (tracking {p['tn']}). "
            f"The latest scan was '{p['scan']}' in {p['place']} on {p['when']}."
        )
        if p["eta"]:
            out += f" It should arrive on {p['eta']}."
        return out + p.get("extra", "")

    def check(self, text: str, cited: list[str] | None = None):
        return check(text, cited if cited is not None else self.cited, self.evidence, timezones=[self.tz], now=self.now)


def _rows(orders, status: str, start: int = 100, n: int = 40) -> list[dict]:
    return [o for o in orders if o["status"] == status][start : start + n]


@pytest.fixture(scope="module")
def moving(agent, orders) -> Answer:
    """An in-transit parcel with a carrier window that starts after tomorrow and a scan city."""
    for row in _rows(orders, "in_transit"):
        a = Answer(agent, row)
        if a.eta is None or not a.event.values.get("city"):
            continue
        tomorrow = wording.local(a.now, a.tz).date() + timedelta(days=1)
        if a.eta_day.date() > tomorrow and tomorrow not in _dates(a):
            return a
    pytest.fail("no in-transit demo order with a window after tomorrow")


def _dates(a: Answer) -> set:
    out = set()
    for f in a.evidence:
        for v in f.values.values():
            if hasattr(v, "astimezone"):
                out.add(wording.local(v, a.tz).date())
    return out


def _unsupported(result) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in result.unsupported]


def test_the_correct_answer_passes(moving):
    result = moving.check(moving.text())
    assert result.passed, result.reason
    kinds = {c.kind for c in result.claims}
    # It really checked something of every kind it states.
    assert {"order_number", "tracking_number", "status", "place", "date", "weekday", "time"} <= kinds
    assert result.reason == "all claims backed"


def test_the_correct_amount_and_the_real_relative_day_pass(agent, orders, moving):
    total = wording.money(moving.order.total)
    assert moving.check(moving.text(extra=f" Your order total was {total}.")).passed
    # "today" is backed when a cited time is today: an out-for-delivery parcel's scan usually is.
    for row in _rows(orders, "out_for_delivery", 0, 40):
        a = Answer(agent, row)
        today = wording.local(a.now, a.tz).date()
        if wording.local(a.event.values["time"], a.tz).date() == today:
            result = a.check(f"Order {a.order.number} is out for delivery today.")
            assert result.passed, result.reason
            break
    else:
        pytest.fail("no out-for-delivery order scanned today")


def test_an_invented_date_is_caught(moving):
    wrong = moving.eta_day + timedelta(days=7)  # the same weekday, another date
    assert wrong.date() not in _dates(moving)
    text = moving.text(eta=wording.day(wrong, moving.tz))
    result = moving.check(text)
    assert not result.passed
    assert ("date", f"{wrong:%b} {wrong.day}") in _unsupported(result)
    assert f"{wrong:%b} {wrong.day}" in result.reason


def test_a_wrong_weekday_for_the_right_date_is_caught(moving):
    d = moving.eta_day
    other = (d + timedelta(days=1)).strftime("%A")
    text = moving.text(eta=f"{other}, {d:%b} {d.day}")
    result = moving.check(text)
    assert not result.passed
    assert any(kind == "dated_weekday" and other in claim for kind, claim in _unsupported(result)), result.reason


def test_an_invented_city_is_caught(moving):
    cited_cities = {str(f.values.get("city", "")).lower() for f in moving.evidence}
    city = next(c for c in CITIES if c.name.lower() not in cited_cities)
    result = moving.check(moving.text(place=f"{city.name}, {city.region}"))
    assert not result.passed
    assert ("place", f"{city.name}, {city.region}") in _unsupported(result)
    # A city the store has never heard of, named without a state, is caught too.
    result = moving.check(moving.text() + " It is currently sitting in Springfield.")
    assert not result.passed and ("place", "Springfield") in _unsupported(result)


def test_an_invented_amount_is_caught(moving):
    result = moving.check(moving.text(extra=" We refunded $12.34 for the delay."))
    assert not result.passed
    assert ("money", "$12.34") in _unsupported(result)
    assert "$12.34" in result.reason


@pytest.mark.parametrize(
    "claim, status",
    [
        ("has been delivered", "has been delivered"),
        ("was delivered yesterday", "was delivered"),
        ("is out for delivery", "out for delivery"),
        ("is ready for pickup", "ready for pickup"),
    ],
)
def test_a_wrong_status_is_caught(moving, claim, status):
    text = moving.text(status="in transit") + f" Good news: order {moving.order.number} {claim}."
    result = moving.check(text)
    assert not result.passed
    assert ("status", status) in _unsupported(result)


def test_a_status_word_in_a_cited_policy_does_not_back_a_status(agent, moving):
    """Quoting the 'not received' policy cannot make an in-transit parcel 'delivered'."""
    from wismo.tools.knowledge import article

    policy = article("policy:delivery#not-received").fact()
    text = f"Your order {moving.order.number} was delivered."
    result = check(text, moving.cited + [policy.source_id], moving.evidence + [policy], [moving.tz], moving.now)
    assert not result.passed and ("status", "was delivered") in _unsupported(result)


def test_another_tracking_or_order_number_is_caught(moving, orders):
    other = next(o for o in _rows(orders, "in_transit", 200, 5))
    assert other["tracking_number"] != moving.ship.tracking_number
    result = moving.check(moving.text(tn=other["tracking_number"]))
    assert not result.passed
    assert ("tracking_number", other["tracking_number"]) in _unsupported(result)
    result = moving.check(moving.text(order=other["order_number"]))
    assert not result.passed
    assert ("order_number", other["order_number"]) in _unsupported(result)


def test_a_made_up_percentage_is_caught(moving):
    result = moving.check(moving.text(extra=" As an apology, take 15% off your next order."))
    assert not result.passed
    assert ("percent", "15%") in _unsupported(result)


def test_tomorrow_when_the_window_is_later_is_caught(moving):
    result = moving.check(moving.text(eta="") + " It will arrive tomorrow.")
    assert not result.passed
    assert ("relative_day", "tomorrow") in _unsupported(result)


def test_a_wrong_time_is_caught(moving):
    t = wording.local(moving.event.values["time"], moving.tz) + timedelta(hours=3, minutes=7)
    when = f"{wording.day(moving.event.values['time'], moving.tz)} at {t.hour % 12 or 12}:{t:%M} {t:%p}"
    result = moving.check(moving.text(when=when))
    assert not result.passed
    assert any(kind == "time" for kind, _ in _unsupported(result)), result.reason


def test_claims_must_be_backed_by_the_facts_cited_not_just_found(moving):
    """The tracking number is in the evidence, but the answer cites only the order fact."""
    only_order = [f.source_id for f in moving.evidence if f.kind == "order"]
    result = moving.check(moving.text(), cited=only_order)
    assert not result.passed
    assert ("tracking_number", moving.ship.tracking_number) in _unsupported(result)


def test_an_unknown_citation_fails(moving):
    result = moving.check(moving.text(), cited=moving.cited + ["shipment:1Z0000000000000000:event:1"])
    assert not result.passed
    assert result.unknown_citations == ["shipment:1Z0000000000000000:event:1"]
    assert "unknown sources" in result.reason


def test_the_tool_refuses_another_order(agent, moving, orders):
    other = _rows(orders, "delivered", 300, 1)[0]
    ctx = ToolContext(agent.store, "fake-engine", normalize_key(moving.row["order_number"]), agent.store.now())
    with pytest.raises(ToolRefused):
        track_order(ctx, normalize_key(other["order_number"]))


# ---------------------------------------------------------------------------- no false blocks
QUESTIONS = (
    "where is my order {order_number}? {email}",
    "when will it arrive?",
    "pickup options",
    "what is your return policy?",
)
MORE = (
    "it says delivered but I can't find it",
    "I want to return an item",
    "what are your shipping options?",
    "is there a holiday shipping cutoff?",
    "thanks!",
)


def test_template_answers_pass_the_check_over_a_large_sample(agent, orders):
    """3 orders of every status x (status, ETA, pickup, return policy, and more): no false block."""
    turns = blocked = 0
    failures = []
    for status in ShipmentStatus:
        rows = _rows(orders, status.value, 60, 3)
        assert len(rows) == 3, status
        for row in rows:
            cid = agent.start("web")
            for q in QUESTIONS + MORE:
                reply = agent.send(cid, q.format(**row))
                turns += 1
                rails = {r["rail"]: r for r in reply.rails}
                assert set(rails) == {"pii", "injection", "citations"}, reply.rails
                assert all(isinstance(r["reason"], str) and r["reason"] for r in reply.rails)
                ok = rails["citations"]["passed"] and not (
                    reply.handoff and reply.handoff["reason"] == "guardrail_block"
                )
                if not ok:
                    blocked += 1
                    failures.append((status.value, q, reply.text, rails["citations"]["reason"]))
                if q.startswith("where is"):
                    assert row["order_number"] in reply.text, reply.text
                    assert reply.citations, reply.text
    assert turns == len(ShipmentStatus) * 3 * (len(QUESTIONS) + len(MORE))
    assert blocked == 0, failures[:5]


def test_tracking_number_and_policy_answers_pass(agent, orders):
    for status in ShipmentStatus:
        row = _rows(orders, status.value, 70, 1)[0]
        cid = agent.start("web")
        reply = agent.send(cid, f"track {row['tracking_number']}")
        rails = {r["rail"]: r for r in reply.rails}
        assert rails["citations"]["passed"], (status, reply.text, rails["citations"]["reason"])
        assert reply.handoff is None


def test_delivered_but_missing_answer_passes(agent, orders):
    row = _rows(orders, "delivered", 80, 1)[0]
    cid = agent.start("web")
    agent.send(cid, f"where is my order {row['order_number']}? {row['email']}")
    reply = agent.send(cid, "it says delivered but I can't find it")
    rails = {r["rail"]: r for r in reply.rails}
    assert rails["citations"]["passed"], rails["citations"]["reason"]
    assert reply.handoff is None
