"""Returns: the policy engine, plan-then-confirm, exchanges, return status and ops metrics."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from wismo.domain import demo
from wismo.domain.db import get_engine, session
from wismo.domain.store import Store
from wismo.tools import returns as R
from wismo.tools.context import ToolContext
from wismo.tools.evidence import ToolRefused
from wismo.tools.records import ExchangeOrder, Return, ReturnEvent, ReturnPlanRecord

from .conftest import make_settings


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp("returns")
    settings = make_settings(d)
    engine = get_engine(settings.store_url)
    demo.seed(engine, orders=300)
    R.create_tables(engine)
    return settings, engine, Store(engine)


def ctx_for(store: Store, order_number: str, cid: str = "conv-1", now: datetime | None = None) -> ToolContext:
    return ToolContext(store, cid, order_number, now or store.now())


def delivered_orders(store: Store) -> list[str]:
    return [r["order_number"] for r in store.list_orders("delivered")]


def find_line(store: Store, want) -> tuple[str, R.LineEligibility]:
    """The first delivered order line for which `want(line)` holds (not yet returned)."""
    for number in delivered_orders(store):
        for e in R.eligibility(ctx_for(store, number), number):
            if want(e):
                return number, e
    raise LookupError("no such line in the demo store")


def test_last_day_window_and_holiday_extension():
    pol = R.policy()
    # An October purchase: 30 days from delivery.
    assert pol.last_day(date(2025, 10, 10), date(2025, 10, 5)) == date(2025, 11, 9)
    # From November 1: until January 31, unless the 30 days run later.
    assert pol.last_day(date(2025, 11, 5), date(2025, 11, 1)) == date(2026, 1, 31)
    assert pol.last_day(date(2026, 1, 20), date(2025, 12, 30)) == date(2026, 2, 19)
    assert pol.last_day(date(2025, 11, 3), date(2025, 10, 31)) == date(2025, 12, 3)
    assert set(pol.reasons) >= {
        "too_small",
        "too_large",
        "defective",
        "damaged_in_transit",
        "wrong_item",
        "changed_mind",
        "arrived_late",
        "not_as_described",
    }
    assert pol.reasons["too_small"].kind == "fit" and pol.reasons["defective"].kind == "defect"


def test_eligibility_per_line_with_facts(env):
    _, _, store = env
    number, final = find_line(store, lambda e: e.why_not == "final_sale")
    assert final.last_day is None and not final.eligible
    ids = [f.source_id for f in final.facts]
    assert "policy:returns#final-sale" in ids
    key = number.lstrip("#")
    assert f"return:eligibility:{key}:{final.line_id}" in ids

    number, ok = find_line(store, lambda e: e.eligible)
    assert ok.last_day == date(2026, 1, 31)  # demo orders are holiday purchases
    fact = next(f for f in ok.facts if f.source_id.startswith("return:eligibility:"))
    assert fact.values["eligible"] is True and fact.values["date"] == date(2026, 1, 31)
    window = next(f for f in ok.facts if f.source_id == "policy:returns#window")
    assert window.values["days"] == 30 and "30 days" in window.values["text"]

    # The same line after the holiday date is outside the window.
    late = ctx_for(store, number, now=datetime(2026, 2, 10, 15, tzinfo=UTC))
    after = {e.line_id: e for e in R.eligibility(late, number)}
    assert after[ok.line_id].why_not == "outside_window" and not after[ok.line_id].eligible


def test_not_delivered_and_unverified(env):
    _, _, store = env
    number = store.list_orders("in_transit")[0]["order_number"]
    lines = R.eligibility(ctx_for(store, number), number)
    assert lines and all(e.why_not in ("not_delivered", "final_sale") for e in lines)
    other = delivered_orders(store)[0]
    with pytest.raises(ToolRefused) as err:
        R.eligibility(ctx_for(store, number), other)
    assert err.value.reason == "not_verified"
    with pytest.raises(ToolRefused):
        R.plan_return(ToolContext(store, "c", None, store.now()), other, [1], "too_small", "refund")


def test_plan_changes_nothing_and_confirm_creates_the_return(env, tmp_path):
    _, engine, store = env
    number, line = find_line(store, lambda e: e.eligible and e.category != "electronics")
    order = store.order(number)
    ctx = ctx_for(store, number, "conv-refund")
    plan = R.plan_return(ctx, number, [line.line_id], "too_small", "refund")
    tax_rate = order.tax / order.subtotal
    assert plan.refund_amount == round(line.price * line.quantity * (1 + tax_rate), 2)
    assert plan.store_credit_amount == 0 and plan.exchange_difference == 0
    assert plan.expires_at == ctx.now + timedelta(minutes=30)
    assert plan.drop_off and all(f.source_id.startswith("pickup:") for f in (o.fact for o in plan.drop_off))
    assert any(
        f.source_id == f"return:plan:{plan.plan_id}" and f.values["amount"] == plan.refund_amount for f in plan.facts
    )
    assert any("business days" in f.values["text"] for f in plan.next_steps)
    with session(engine) as s:
        assert s.exec(select(Return).where(Return.order_key == order.number_key)).first() is None

    # Another conversation cannot confirm it, even with the same order verified.
    with pytest.raises(ToolRefused) as err:
        R.confirm_return(ctx_for(store, number, "conv-other"), plan.plan_id, tmp_path)
    assert err.value.reason == "plan_not_found"

    result = R.confirm_return(ctx, plan.plan_id, tmp_path)
    assert result.rma.startswith("RMA-") and result.status == "created"
    assert result.refund_amount == plan.refund_amount
    assert result.label_path == tmp_path / "labels" / f"{result.rma}.pdf" and result.label_path.exists()
    assert result.label_url.startswith("/l/")
    status_fact = next(f for f in result.facts if f.source_id == f"return:{result.rma}")
    assert status_fact.values["return_status"] == "created"
    # A second confirmation (double click) is the same return, not a second one.
    again = R.confirm_return(ctx, plan.plan_id, tmp_path)
    assert again.rma == result.rma
    with session(engine) as s:
        rets = list(s.exec(select(Return).where(Return.order_key == order.number_key)))
        assert len(rets) == 1 and rets[0].reason == "too_small" and rets[0].reason_kind == "fit"
        events = list(s.exec(select(ReturnEvent).where(ReturnEvent.return_id == rets[0].id)))
        assert [e.kind for e in events] == ["created"]
    # The line is now returned: it cannot be planned again.
    after = {e.line_id: e for e in R.eligibility(ctx, number)}
    assert after[line.line_id].why_not == "already_returned"
    with pytest.raises(ToolRefused) as err:
        R.plan_return(ctx, number, [line.line_id], "too_small", "refund")
    assert err.value.reason == "not_eligible"

    # Refund journey: scan, warehouse, refund -> cycle time; steps out of order are refused.
    with pytest.raises(ValueError):
        R.advance_return(engine, result.rma, "refunded", ctx.now + timedelta(days=1))
    R.advance_return(engine, result.rma, "label_scanned", ctx.now + timedelta(days=1))
    R.advance_return(engine, result.rma, "received_at_warehouse", ctx.now + timedelta(days=4))
    waiting = R.return_status(ctx, number)
    assert waiting[0].values["return_status"] == "received_at_warehouse"
    assert waiting[0].values["date"] > (ctx.now + timedelta(days=4)).date()  # refund due date
    R.advance_return(engine, result.rma, "refunded", ctx.now + timedelta(days=6))
    facts = R.return_status(ctx, number)
    assert facts[0].values["return_status"] == "refunded" and "date" not in facts[0].values
    assert [f.values["event"] for f in facts[1:]] == ["created", "label_scanned", "received_at_warehouse", "refunded"]
    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.rma == result.rma)).one()
    assert ret.cycle_time_days == pytest.approx(6.0) and not ret.saved


def test_plan_expires(env, tmp_path):
    _, engine, store = env
    number, line = find_line(store, lambda e: e.eligible)
    ctx = ctx_for(store, number, "conv-expire")
    plan = R.plan_return(ctx, number, [line.line_id], "changed_mind", "store_credit")
    assert plan.store_credit_amount > 0 and plan.refund_amount == 0
    late = ctx_for(store, number, "conv-expire", now=ctx.now + timedelta(minutes=31))
    with pytest.raises(ToolRefused) as err:
        R.confirm_return(late, plan.plan_id, tmp_path)
    assert err.value.reason == "plan_expired"
    with session(engine) as s:
        assert s.get(ReturnPlanRecord, plan.plan_id).return_id is None


def test_invalid_requests_are_refused(env):
    _, _, store = env
    number, line = find_line(store, lambda e: e.eligible)
    ctx = ctx_for(store, number, "conv-bad")
    for args, reason in (
        (([line.line_id], "because", "refund"), "invalid_reason"),
        (([line.line_id], "too_small", "cash"), "invalid_option"),
        (([], "too_small", "refund"), "no_lines"),
        (([999999], "too_small", "refund"), "no_such_line"),
        (([line.line_id], "too_small", "exchange"), "variant_required"),
    ):
        with pytest.raises(ToolRefused) as err:
            R.plan_return(ctx, number, *args)
        assert err.value.reason == reason


def test_exchange_creates_a_linked_exchange_order(env, tmp_path):
    _, engine, store = env

    def swappable(e: R.LineEligibility) -> bool:
        p = R.product_of(e.sku)
        return (
            e.eligible
            and p is not None
            and any(v != e.variant and R.in_stock(p.sku, v) for v in p.variants)
            and any(v != e.variant and not R.in_stock(p.sku, v) for v in p.variants)
        )

    number, line = find_line(store, swappable)
    product = R.product_of(line.sku)
    ctx = ctx_for(store, number, "conv-exchange")
    choices = {f.values["variant"]: f.values["in_stock"] for f in R.exchange_choices(ctx, number, line.line_id)}
    assert line.variant not in choices and set(choices) == set(product.variants) - {line.variant}
    gone = next(v for v, ok in choices.items() if not ok)
    with pytest.raises(ToolRefused) as err:
        R.plan_return(ctx, number, [line.line_id], "too_large", "exchange", new_variant=gone)
    assert err.value.reason == "out_of_stock"
    want = next(v for v, ok in choices.items() if ok)
    plan = R.plan_return(ctx, number, [line.line_id], "too_large", "exchange", new_variant=want.lower())
    assert plan.items[0].new_variant == want and plan.exchange_difference == 0.0 and plan.refund_amount == 0
    result = R.confirm_return(ctx, plan.plan_id, tmp_path)
    order = store.order(number)
    assert result.exchange_order_number == f"{order.number}-EX1"
    with session(engine) as s:
        ex = s.exec(select(ExchangeOrder).where(ExchangeOrder.number == result.exchange_order_number)).one()
    assert ex.original_order_id == order.id and ex.items[0]["variant"] == want and ex.status == "reserved"
    assert ex.items[0]["sku"] == f"{product.sku}-{product.variants.index(want):02d}"
    R.advance_return(engine, result.rma, "label_scanned", ctx.now + timedelta(hours=20))
    R.advance_return(engine, result.rma, "exchange_shipped", ctx.now + timedelta(hours=30))
    summary = R.return_status(ctx, number)[0]
    assert summary.values["return_status"] == "exchange_shipped"
    assert summary.values["exchange_order_number"] == result.exchange_order_number
    assert summary.values["exchange_tracking_number"]
    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.rma == result.rma)).one()
    assert ret.saved and ret.cycle_time_days == pytest.approx(1.25)


def test_seeded_demo_returns_and_metrics(tmp_path):
    engine = get_engine(make_settings(tmp_path).store_url)
    demo.seed(engine, orders=300)
    store = Store(engine)
    assert R.seed_demo_returns(engine, store.now(), rng_seed=11) == 36
    assert R.seed_demo_returns(engine, store.now(), rng_seed=11) == 0  # once only
    with session(engine) as s:
        rets = list(s.exec(select(Return)))
    statuses = {r.status for r in rets}
    assert {"created", "label_scanned", "received_at_warehouse", "refunded"} <= statuses
    assert all(r.created_at.replace(tzinfo=UTC) < store.now() for r in rets)
    # "Where is my refund?" has an answer for a seeded order, from its own events.
    ret = next(r for r in rets if r.status == "refunded")
    facts = R.return_status(ctx_for(store, ret.order_key), ret.order_key)
    assert facts[0].source_id == f"return:{ret.rma}" and facts[0].values["amount"] == ret.refund_amount
    assert facts[-1].values["event"] == "refunded"
    m = R.return_metrics(engine)
    assert m["returns"] == 36 and 0 < m["completed"] < 36
    assert 0 < m["exchange_save_rate"] < 1 and m["cycle_time_days_mean"] > 0
    assert sum(r["returns"] for r in m["by_reason"].values()) == 36
