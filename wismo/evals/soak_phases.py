"""The soak test's three phases: steady load, kill -9 in a webhook burst, a database restart.

Each phase drives the rig of `soak.Soak` and returns its figures with an `ok` verdict; see
`wismo/evals/soak.py` for what is measured and why.
"""

from __future__ import annotations

import queue
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import soak_load as load
from .soak_rig import wait_for

if TYPE_CHECKING:
    from .soak import Soak

#: Thresholds of the issue: memory growth per instance, p95 drift, and 503s that come fast.
RSS_GROWTH_MB = 50
P95_DRIFT = 1.2
FAST_FAIL_MS = 5000


def _send_all(
    bases: Callable[[], list[str]], webhooks: list[tuple[str, tuple]], recorder: load.Recorder, threads: int = 8
) -> list[int]:
    """Deliver every webhook (platform-style retries) from `threads` senders; returns tries per webhook."""
    todo: queue.Queue = queue.Queue()
    for w in webhooks:
        todo.put(w)
    tries: list[int] = []
    deadline = time.monotonic() + 600

    def sender() -> None:
        while True:
            try:
                kind, hook = todo.get_nowait()
            except queue.Empty:
                return
            tries.append(load.deliver(bases(), hook, recorder, kind, deadline))

    workers = [threading.Thread(target=sender, daemon=True) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return tries


def _targets(orders: list[dict[str, Any]], n: int, used: set[str], status: str | None = None) -> list[dict[str, Any]]:
    """`n` shipments not used yet, customers who opted in to a channel first: in `status`, or else
    in any status a failed-delivery scan changes (so it deserves a notice)."""
    pool = [
        o
        for o in orders
        if o["tracking_number"] not in used
        and (o["status"] == status if status else o["status"] not in ("attempt_failed", "pending"))
    ]
    pool.sort(key=lambda o: (o["notify_channel"] not in ("whatsapp", "messenger", "instagram"), o["order_number"]))
    picked = pool[:n]
    used.update(o["tracking_number"] for o in picked)
    return picked


def _attempts(targets: list[dict[str, Any]], prefix: str) -> tuple[dict[str, dict[str, Any]], list[tuple[str, tuple]]]:
    """One failed-delivery scan per target shipment: what to check, and the webhooks that carry them."""
    events, hooks = {}, []
    for i, o in enumerate(targets):
        eid = f"{prefix}-{i}-{uuid.uuid4().hex[:6]}"
        hook = load.aftership_event(o["tracking_number"], eid, "AttemptFail", "Delivery attempted")
        events[eid] = {
            "order_number": o["order_number"],
            "description": load.scan_description("Delivery attempted", eid),
            "opted_in": o["notify_channel"] in ("whatsapp", "messenger", "instagram"),
        }
        hooks.append(("webhook", hook))
    return events, hooks


def steady(soak: Soak, minutes: float, used: set[str]) -> dict[str, Any]:
    soak.say(f"steady: {minutes:g} min of chat turns, carrier webhooks and DMs")
    rec = load.Recorder()
    stop = threading.Event()
    orders = [o for o in soak.orders() if o["status"] == "in_transit"]
    chat_orders = orders[:200]
    hooks = _targets(soak.orders(), 40, used, "in_transit")
    rss: dict[str, list[tuple[float, float]]] = {i.name: [] for i in soak.instances}

    def carrier() -> None:
        n = 0
        while not stop.is_set():
            o = hooks[n % len(hooks)]
            load.deliver(
                soak.bases,
                load.aftership_event(o["tracking_number"], f"steady-{n}-{uuid.uuid4().hex[:6]}"),
                rec,
                "webhook",
                time.monotonic() + 120,
            )
            n += 1
            stop.wait(0.5)

    def dms() -> None:
        n = 0
        while not stop.is_set():
            sender = f"soak-steady-{n % 50}"
            text = load.QUESTIONS[n % len(load.QUESTIONS)]
            load.deliver(
                soak.bases,
                load.meta_dm(sender, f"m.steady.{n}.{uuid.uuid4().hex[:6]}", text),
                rec,
                "dm",
                time.monotonic() + 120,
            )
            n += 1
            stop.wait(1.0)

    def memory() -> None:
        while not stop.is_set():
            for inst in soak.instances:
                mb = inst.rss_mb()
                if mb is not None:
                    rss[inst.name].append((time.monotonic(), mb))
            stop.wait(5.0)

    start = time.monotonic()
    threads = [
        threading.Thread(target=load.chat_loop, args=(soak.bases, chat_orders, rec, stop, 0.1), daemon=True)
        for _ in range(soak.args.chat_clients)
    ]
    threads += [threading.Thread(target=f, daemon=True) for f in (carrier, dms, memory)]
    for t in threads:
        t.start()
    end = start + minutes * 60
    while time.monotonic() < end:
        time.sleep(min(30.0, max(0.0, end - time.monotonic())))
        done = (time.monotonic() - start) / 60
        soak.say(f"steady: {done:.1f}/{minutes:g} min, {len(rec.between(start, time.monotonic(), 'turn'))} turns")
    stop.set()
    for t in threads:
        t.join(timeout=60)
    end = time.monotonic()
    window = min(300.0, (end - start) / 3)
    first = [s.ms for s in rec.between(start, start + window, "turn") if s.status == 200]
    last = [s.ms for s in rec.between(end - window, end, "turn") if s.status == 200]
    errors = [s for s in rec.between(start, end) if s.status >= 500 or s.status == 0]
    growth = {}
    for name, samples in rss.items():
        warm = [mb for t, mb in samples if t <= start + window]
        tail = [mb for _t, mb in samples[-3:]]
        growth[name] = {
            "after_warmup_mb": warm[-1] if warm else None,
            "end_mb": statistics.median(tail) if tail else None,
            "growth_mb": round(statistics.median(tail) - warm[-1], 1) if warm and tail else None,
        }
    p95_first, p95_last = load.percentile(first, 95), load.percentile(last, 95)
    out = {
        "minutes": round((end - start) / 60, 2),
        "window_s": round(window),
        "turns": len(rec.between(start, end, "turn")),
        "webhooks": len(rec.between(start, end, "webhook")),
        "dms": len(rec.between(start, end, "dm")),
        "http_5xx_or_refused": len(errors),
        "errors_by_kind_and_status": {
            f"{k}:{c}": sum(1 for e in errors if (e.kind, e.status) == (k, c))
            for k, c in {(e.kind, e.status) for e in errors}
        },
        "p95_turn_ms_first": p95_first,
        "p95_turn_ms_last": p95_last,
        "p95_ratio": round(p95_last / p95_first, 3) if p95_first else None,
        "rss": growth,
    }
    # A p95 over less than a minute of turns is noise on a shared machine: compared only from
    # 3-minute runs on (the full soak compares the first and last five minutes).
    out["p95_checked"] = window >= 60
    out["ok"] = (
        not errors
        and all((g["growth_mb"] or 0) <= RSS_GROWTH_MB for g in growth.values())
        and (not out["p95_checked"] or (out["p95_ratio"] or 0) <= P95_DRIFT)
    )
    return out


def kill(soak: Soak, burst: int, used: set[str]) -> dict[str, Any]:
    soak.say(f"kill: a burst of {burst} webhooks; one instance gets SIGKILL half way")
    rec = load.Recorder()
    n_events = burst // 2
    events, carriers = _attempts(_targets(soak.orders(), n_events, used), "kill")
    senders = [f"soak-kill-{i}-{uuid.uuid4().hex[:4]}" for i in range(burst - len(events))]
    dms = [("dm", load.meta_dm(sender, f"m.{sender}", "hi, where is my order?")) for sender in senders]
    # Interleaved, as a busy afternoon sends them: a scan, a message, a scan...
    hooks = [h for pair in zip(carriers, dms, strict=False) for h in pair] + carriers[len(dms) :] + dms[len(carriers) :]
    victim = soak.instances[1]
    half = len(hooks) // 2
    first = _send_all(lambda: soak.bases, hooks[:half], rec)
    soak.say(f"kill: {half} webhooks accepted; SIGKILL to instance {victim.name}")
    victim.kill9()
    killed_at = time.monotonic()
    second = _send_all(lambda: soak.bases, hooks[half:], rec)
    soak.say("kill: burst delivered; restarting the killed instance")
    victim.start()
    drained = soak.drained(300)
    recovered_s = round(time.monotonic() - killed_at, 1)
    out = {
        "webhooks": len(hooks),
        "deliveries_retried": sum(t > 1 for t in first + second),
        "drained": drained,
        "drained_s_after_kill": recovered_s,
    }
    out |= soak.verify(events, senders)
    out["ok"] = drained and out["no_loss_no_unexplained_repeat"]
    return out


def restart(soak: Soak, used: set[str]) -> dict[str, Any]:
    assert soak.pg is not None
    soak.say("restart: PostgreSQL stopped and started under load")
    rec = load.Recorder()
    stop = threading.Event()
    events, hooks = _attempts(_targets(soak.orders(), 60, used), "restart")
    senders = [f"soak-restart-{i}-{uuid.uuid4().hex[:4]}" for i in range(60)]
    hooks += [("dm", load.meta_dm(s, f"m.{s}", "where is my order?")) for s in senders]
    chat_orders = [o for o in soak.orders() if o["status"] == "delivered"][:100]
    chats = [
        threading.Thread(target=load.chat_loop, args=(soak.bases, chat_orders, rec, stop, 0.05), daemon=True)
        for _ in range(2)
    ]
    for t in chats:
        t.start()
    sender = threading.Thread(target=_send_all, args=(lambda: soak.bases, hooks, rec, 2), daemon=True)
    time.sleep(3 if soak.args.short else 5)
    sender.start()
    time.sleep(3)
    down_at = time.monotonic()
    soak.pg.stop()
    soak.say("restart: PostgreSQL is down")
    time.sleep(6 if soak.args.short else 10)
    soak.pg.start()
    up_at = time.monotonic()
    soak.say("restart: PostgreSQL is up again")
    sender.join(timeout=300)
    ok_after = wait_for(lambda: any(s.status == 200 for s in rec.between(up_at, time.monotonic(), "turn")), 60, 0.5)
    recovered_at = min((s.at for s in rec.between(up_at, time.monotonic(), "turn") if s.status == 200), default=None)
    time.sleep(3 if soak.args.short else 5)
    stop.set()
    for t in chats:
        t.join(timeout=60)
    down = rec.between(down_at + 1, up_at)  # from a second in: the stop itself takes a moment
    failures = [s for s in down if s.status != 200 and not 200 <= s.status < 300]
    not_503 = [s.status for s in failures if s.status != 503]
    drained = soak.drained(300)
    ready = all(wait_for(lambda base=i.base: _ready(base), 60) for i in soak.instances)
    out = {
        "down_s": round(up_at - down_at, 1),
        "requests_while_down": len(down),
        "answered_503": sum(s.status == 503 for s in failures),
        "other_failures": {str(k): not_503.count(k) for k in sorted(set(not_503))},
        "p95_failure_ms": load.percentile([s.ms for s in failures], 95),
        "max_failure_ms": round(max((s.ms for s in failures), default=0.0), 1),
        "slowest_failures": [
            {"kind": s.kind, "status": s.status, "ms": round(s.ms), "at_s": round(s.at - down_at, 1)}
            for s in sorted(failures, key=lambda s: -s.ms)[:3]
        ],
        "recovered_s_after_start": round(recovered_at - up_at, 1) if recovered_at else None,
        "turns_ok_after": ok_after,
        "ready_again": ready,
        "drained": drained,
    }
    out |= soak.verify(events, senders)
    out["ok"] = (
        not not_503
        and out["max_failure_ms"] <= FAST_FAIL_MS
        and ok_after
        and ready
        and drained
        and out["no_loss_no_unexplained_repeat"]
    )
    return out


def _ready(base: str) -> bool:
    import httpx

    return httpx.get(f"{base}/readyz", timeout=5).status_code == 200
