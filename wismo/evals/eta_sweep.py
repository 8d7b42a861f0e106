"""The carrier-rule sweep: every shipment of a store asked "when will it arrive?" through the chat's policy.

Counts, over every order's shipment, the delivery windows the customer would be told that
- end before a date the carrier announced (a delay or exception scan, or a revised estimate), and
- start "today" without an out-for-delivery scan today.
Issue 14's goal is 0 of both on the demo store. The windows come from the same code the chat runs
(LocalPolicy with the eta tool, seasonal notices included), so the sweep sees what customers read.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from wismo.agent.policy import LocalPolicy
from wismo.domain.status import FINAL_STATUSES
from wismo.domain.store import Store
from wismo.eta.history import parse_time as utc  # aware UTC from a stored (maybe naive) time
from wismo.tools.context import ToolContext
from wismo.tools.eta import EtaTool
from wismo.tools.tracking import track_order

QUESTION = "when will it arrive?"
#: Scans that announce a delay: the carrier's standing date after them is one it announced.
ANNOUNCING = ("delayed", "exception")


def _told_window(evidence: list, plan: dict) -> tuple[datetime, datetime, str] | None:
    cited = set(plan.get("cite", []))
    for fact in evidence:
        if fact.source_id.startswith("eta:") and fact.source_id in cited:
            return fact.values["window_start"], fact.values["window_end"], fact.source_id
    return None


def sweep(store: Store, eta_tool: EtaTool | None, progress: Callable[[str], None] | None = None) -> dict:
    """Ask about every order's latest shipment at the store's clock; count rule violations."""
    now = utc(store.now())
    policy = LocalPolicy(eta_tool)
    counts: Counter = Counter()
    by_status: dict[str, Counter] = {}
    examples: list[dict] = []
    orders = store.list_orders()
    started = time.perf_counter()
    for i, o in enumerate(orders):
        key = o["order_number"].lstrip("#")
        ctx = ToolContext(store, "eta-sweep", key, now)
        trackings = track_order(ctx, key)
        if not trackings:
            counts["no_shipment"] += 1
            continue
        main = trackings[-1]
        counts["shipments"] += 1
        evidence, plan = policy.order_turn(ctx, "order_status", key, QUESTION)
        told = _told_window(evidence, plan)
        if told is None or main.status in FINAL_STATUSES:
            continue
        start, end, source = utc(told[0]), utc(told[1]), told[2]
        tz = ZoneInfo(main.timezone)
        st = by_status.setdefault(main.status.value, Counter())
        counts["windows"] += 1
        st["windows"] += 1
        problems = []
        # Both checks read the shipment and its scans directly, not through the rules under test.
        ship = main.shipment
        scans = [e for e in main.events if utc(e.occurred_at) <= now]
        changed = ship.carrier_estimate_changed_at
        announcing = any(e.status.value in ANNOUNCING for e in scans) or (changed is not None and utc(changed) <= now)
        carrier_date = ship.carrier_estimate_end or ship.carrier_estimate
        if announcing and carrier_date is not None:
            counts["carrier_announced"] += 1
            st["carrier_announced"] += 1
            if end < utc(carrier_date):
                problems.append("ends_before_carrier_date")
        if start.astimezone(tz).date() <= now.astimezone(tz).date():
            counts["today"] += 1
            st["today"] += 1
            last = scans[-1] if scans else None
            ofd_today = (
                last is not None
                and last.status.value == "out_for_delivery"
                and utc(last.occurred_at).astimezone(tz).date() == now.astimezone(tz).date()
            )
            if not ofd_today:
                problems.append("today_without_out_for_delivery_scan")
        for p in problems:
            counts[p] += 1
            st[p] += 1
        if problems and len(examples) < 10:
            examples.append(
                {"order": o["order_number"], "status": main.status.value, "source": source, "problems": problems}
            )
        if progress and (i + 1) % 1000 == 0:
            progress(f"swept {i + 1}/{len(orders)} orders")
    return {
        "now": now.isoformat(),
        "orders": len(orders),
        "shipments": counts["shipments"],
        "windows_told": counts["windows"],
        "carrier_announced": counts["carrier_announced"],
        "ends_before_carrier_date": counts["ends_before_carrier_date"],
        "today_windows": counts["today"],
        "today_without_out_for_delivery_scan": counts["today_without_out_for_delivery_scan"],
        "by_status": {k: dict(v) for k, v in sorted(by_status.items())},
        "examples": examples,
        "seconds": round(time.perf_counter() - started, 1),
    }


def demo_sweep(data_dir: Path | None = None, orders: int = 5000, progress: Callable[[str], None] | None = None) -> dict:
    """Seed a demo store (as `make demo` does), train its ETA model, and sweep it."""
    from wismo.cli import seed_store
    from wismo.domain.db import get_engine
    from wismo.tools.eta import train_from_store

    say = progress or (lambda _m: None)
    with tempfile.TemporaryDirectory(prefix="wismo-eta-sweep-") as tmp:
        root = Path(data_dir or tmp)
        engine = get_engine(f"sqlite:///{root / 'wismo.db'}")
        seed_store(engine, orders=orders, progress=say)
        store = Store(engine)
        model_path = root / "eta-model.joblib"
        trained = train_from_store(store, model_path, progress=say)
        say(f"sweeping {orders} orders")
        out = sweep(store, EtaTool(model_path), progress=say)
        out["model"] = {k: trained[k] for k in ("rows", "version", "coverage")}
        engine.dispose()
        return out
