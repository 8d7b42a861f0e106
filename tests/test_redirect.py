"""Pickup redirect: plan, eligibility, holiday-aware ready time, and a confirmation only the asking
conversation can make, recorded as a "wismo" tracking event."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from wismo.domain import demo
from wismo.domain.db import get_engine, session
from wismo.domain.models import PickupPoint
from wismo.domain.store import Store
from wismo.i18n import wording
from wismo.tools import seasonal
from wismo.tools.context import ToolContext
from wismo.tools.evidence import ToolRefused
from wismo.tools.pickup import nearest
from wismo.tools.redirect import HOLD_DAYS, confirm_redirect, open_state_holidays, plan_redirect

from .conftest import make_settings


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    settings = make_settings(tmp_path_factory.mktemp("redirect"))
    engine = get_engine(settings.store_url)
    demo.seed(engine, orders=300)
    seasonal.ensure_tables(engine)
    return Store(engine)


def _ctx(store: Store, order_number: str | None, cid: str = "conv-1") -> ToolContext:
    return ToolContext(store=store, conversation_id=cid, verified_order=order_number, now=store.now())


def _failed(store: Store):
    row = store.list_orders(status="attempt_failed")[0]
    order = store.order(row["order_number"])
    return row, order, store.shipments(order.id)[-1]


def test_plan_and_confirm_after_a_failed_attempt(store):
    row, order, ship = _failed(store)
    ctx = _ctx(store, row["order_number"])
    option = nearest(ctx, order, ship, limit=1)[0]
    plan = plan_redirect(ctx, row["order_number"], option.point.code)
    assert plan.eligible and not plan.already_there
    ready = wording.local(plan.ready_at, order.timezone)
    # Demo clock: Friday Dec 12 evening -> next business day Monday Dec 15, 10:00 local (if open then).
    monday = option.point.opening_hours.get("mon")
    if monday and monday[0] <= "10:00" < monday[1]:
        assert (ready.date(), ready.hour, ready.minute) == (date(2025, 12, 15), 10, 0)
    else:
        assert ready.date() >= date(2025, 12, 15)
    assert plan.held_until - plan.ready_at == timedelta(days=HOLD_DAYS[ship.carrier])
    before = len(store.events(ship.id))
    assert len(store.events(ship.id)) == before  # planning changes nothing
    # Another conversation cannot confirm this plan, even with the same order verified.
    with pytest.raises(ToolRefused) as exc:
        confirm_redirect(_ctx(store, row["order_number"], cid="conv-2"), plan)
    assert exc.value.reason == "other_conversation"
    facts = confirm_redirect(ctx, plan)
    assert facts[0].source_id == f"pickup:{option.point.code}"
    assert facts[0].values["held_until"] == plan.held_until and facts[0].values["ready_at"] == plan.ready_at
    events = store.events(ship.id)
    assert len(events) == before + 1 and events[-1].source == "wismo"
    assert events[-1].description == f"Redirect requested to {option.point.name} by the customer"
    assert facts[1].source_id == f"shipment:{ship.tracking_number}:event:{events[-1].seq}"
    updated = store.shipments(order.id)[-1]
    assert updated.pickup_point_id == option.point.id


def test_refusals_and_eligibility(store):
    row, order, ship = _failed(store)
    with pytest.raises(ToolRefused):
        plan_redirect(_ctx(store, None), row["order_number"], "PP00001")
    with pytest.raises(ToolRefused):
        plan_redirect(_ctx(store, "#WS99999999"), row["order_number"], "PP00001")
    with session(store.engine) as s:
        other = s.exec(select(PickupPoint).where(PickupPoint.carrier != ship.carrier)).first()
    plan = plan_redirect(_ctx(store, row["order_number"]), row["order_number"], other.code)
    assert not plan.eligible and plan.reason == "other_carrier_network"
    with pytest.raises(ToolRefused):
        confirm_redirect(_ctx(store, row["order_number"]), plan)
    delivered = store.list_orders(status="delivered")[0]
    plan = plan_redirect(_ctx(store, delivered["order_number"]), delivered["order_number"], other.code)
    assert not plan.eligible and plan.reason == "already_delivered"


def test_holiday_closure_moves_the_ready_time(store):
    rows = store.list_orders(status="attempt_failed")
    row = rows[1] if len(rows) > 1 else rows[0]
    order = store.order(row["order_number"])
    ship = store.shipments(order.id)[-1]
    ctx = _ctx(store, row["order_number"])
    point = nearest(ctx, order, ship, limit=1)[0].point
    before = plan_redirect(ctx, row["order_number"], point.code).ready_at
    closed_day = wording.local(before, order.timezone).date()
    seasonal.add_store_hours(store, closed_day, point_code=point.code, note="closed for a holiday")
    after = plan_redirect(ctx, row["order_number"], point.code).ready_at
    assert wording.local(after, order.timezone).date() > closed_day
    at_ten = wording.local(before, order.timezone)
    assert open_state_holidays(store.engine, point, at_ten.astimezone(before.tzinfo), order.timezone)[0] is False


def test_point_hours_on_the_ready_day_are_a_citable_fact_and_lockers_are_open_all_day(store):
    from wismo.agent import actions
    from wismo.tools.redirect import point_hours

    seen = set()
    for row in store.list_orders(status="attempt_failed")[1:15]:
        order = store.order(row["order_number"])
        ctx = _ctx(store, row["order_number"], cid=f"hours-{row['order_number']}")
        for option in nearest(ctx, order, store.shipments(order.id)[-1]):
            proposal, fact = point_hours(ctx, row["order_number"], option.point.code)
            if fact is None:
                continue
            ready = wording.local(proposal.ready_at, order.timezone)
            assert fact.source_id == f"pickup:{option.point.code}" and fact.values["day"].date() == ready.date()
            _, p = actions.point_hours(ctx, row["order_number"], option.point.code)
            kind = "locker" if "locker" in option.point.kind else "point"
            seen.add(kind)
            if kind == "locker":
                assert p["template"] == "point_open_all_day"
            elif "opens" in fact.values:
                assert p["template"] == "point_hours" and fact.values["opens"] < fact.values["closes"]
                assert p["fields"]["opens"] == wording.clock(fact.values["opens"], order.timezone)
    assert seen == {"locker", "point"}
