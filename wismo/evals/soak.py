"""`wismo soak`: two instances on PostgreSQL under mixed load, then the two faults that lose data
if anything does: `kill -9` of an instance in a burst of webhooks, and a PostgreSQL restart.

Bounded in time and count, and loopback only: the instances, the Graph API stand-in and the
database all listen on 127.0.0.1 (a private cluster by default, so the restart touches no one
else's server). Phases:

- steady: chat turns, carrier webhooks and DMs for N minutes; resident memory of each instance
  after warm-up, p95 turn time of the first and last window, and any 5xx.
- kill: a burst of webhooks (half carrier failed-delivery scans, half DMs); at half way one
  instance gets SIGKILL. Every carrier event must be applied once, every DM answered once, every
  notice sent once (or refused by the window rules, and counted).
- restart: PostgreSQL is stopped under load and started again: requests must fail fast with 503
  while it is down and succeed again without restarting wismo, and nothing sent meanwhile is lost.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from . import soak_load as load
from .graph_standin import GraphServer
from .soak_rig import Instance, PrivatePostgres, wait_for

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_MINUTES = 120
MAX_BURST = 5000
#: Thresholds of the issue: memory growth per instance, p95 drift, and 503s that come fast.
RSS_GROWTH_MB = 50
P95_DRIFT = 1.2
FAST_FAIL_MS = 5000


def register(sub: Any) -> argparse.ArgumentParser:
    s = sub.add_parser("soak", help="two instances on PostgreSQL under load, kill -9 and a database restart")
    s.add_argument(
        "--minutes", type=float, default=30.0, help=f"steady phase length (default 30, at most {MAX_MINUTES})"
    )
    s.add_argument(
        "--burst", type=int, default=1000, help=f"webhooks in the kill burst (default 1000, at most {MAX_BURST})"
    )
    s.add_argument("--orders", type=int, default=2000, help="demo store size (default 2000)")
    s.add_argument("--chat-clients", type=int, default=2, help="concurrent chat customers (default 2)")
    s.add_argument("--short", action="store_true", help="a CI-sized run: 30 s steady, a 200-webhook burst")
    s.add_argument("--database-url", default=None, help="a loopback PostgreSQL to use instead of a private cluster")
    s.add_argument("--skip-kill", action="store_true", help="no kill -9 phase")
    s.add_argument("--skip-restart", action="store_true", help="no database restart phase")
    s.add_argument("--keep", action="store_true", help="keep the data dirs and logs (printed at the end)")
    return s


def _check_bounds(args: argparse.Namespace) -> None:
    if args.short:
        args.minutes, args.burst = min(args.minutes, 0.5), min(args.burst, 200)
    if not 0 < args.minutes <= MAX_MINUTES:
        raise ValueError(f"--minutes must be between 0 and {MAX_MINUTES}")
    if not 2 <= args.burst <= MAX_BURST:
        raise ValueError(f"--burst must be between 2 and {MAX_BURST}")
    if args.database_url:
        host = urlsplit(args.database_url).hostname or ""
        if host not in LOOPBACK:
            raise ValueError("the soak runs on loopback only: --database-url must point at 127.0.0.1")
        if not args.skip_restart:
            raise ValueError("restarting a database the soak did not start is refused: add --skip-restart")


class Soak:
    """The running rig: database, stand-in, two instances, and the store for the checks."""

    def __init__(self, args: argparse.Namespace, progress: Callable[[str], None]) -> None:
        self.args = args
        self.say = progress
        self.work = Path(tempfile.mkdtemp(prefix="wismo-soak-"))
        self.pg: PrivatePostgres | None = None
        self.graph = GraphServer().start()
        self.instances: list[Instance] = []
        self.engine: Any = None

    # -- setting up
    def database(self) -> str:
        import psycopg

        admin = self.args.database_url
        if not admin:
            self.say("creating a private PostgreSQL cluster")
            self.pg = PrivatePostgres().create()
            admin = self.pg.url
        name = f"wismo_soak_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.admin, self.name = admin, name
        return admin.rsplit("/", 1)[0] + f"/{name}"

    def env(self, url: str) -> dict[str, str]:
        from cryptography.fernet import Fernet

        keep = {k: v for k, v in os.environ.items() if not k.startswith(("WISMO_", "META_", "WHATSAPP_", "DATABASE_"))}
        return keep | {
            "DATABASE_URL": url,
            "WISMO_VAULT_KEY": Fernet.generate_key().decode(),
            "WISMO_CHAT_RATE_PER_MIN": "0",
            "WISMO_LOG_LEVEL": "WARNING",
            "WISMO_QUEUE_LEASE_S": "10",
            "WISMO_OUTBOX_BACKOFF_S": "1",
            "META_APP_SECRET": load.APP_SECRET,
            "META_VERIFY_TOKEN": "soak-verify",
            "META_PAGE_ACCESS_TOKEN": "soak-page-token",
            "META_GRAPH_URL": self.graph.url,
            "WHATSAPP_TOKEN": "soak-wa-token",
            "WHATSAPP_PHONE_NUMBER_ID": "100200300",
            "AFTERSHIP_WEBHOOK_SECRET": load.CARRIER_SECRET,
            "WISMO_GRAPH_ATTEMPTS": "1",
        }

    def start(self) -> None:
        import subprocess
        import sys

        from ..domain.db import get_engine

        url = self.database()
        env = self.env(url)
        self.say(f"seeding a demo store of {self.args.orders} orders")
        seed_env = env | {"WISMO_DATA_DIR": str(self.work / "seed")}
        cmd = [sys.executable, "-m", "wismo", "demo", "seed", "--orders", str(self.args.orders)]
        subprocess.run(cmd, env=seed_env, check=True, capture_output=True, timeout=600)
        for name in ("a", "b"):
            self.instances.append(Instance(name, env, self.work / name))
            (self.work / name).mkdir(parents=True, exist_ok=True)
        self.say("starting two instances")
        starting = [threading.Thread(target=inst.start) for inst in self.instances]
        for t in starting:
            t.start()
        for t in starting:
            t.join()
        if not all(i.ready for i in self.instances):
            raise RuntimeError(f"an instance did not start; see the logs in {self.work}")
        self.engine = get_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))

    def close(self) -> None:
        for inst in self.instances:
            inst.stop()
        self.graph.stop()
        if self.engine is not None:
            self.engine.dispose()
        if self.pg is not None:
            self.pg.destroy()
        elif getattr(self, "name", None):
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    @property
    def bases(self) -> list[str]:
        return [i.base for i in self.instances if i.proc is not None and i.proc.poll() is None]

    # -- the store, for the checks
    def orders(self) -> list[dict[str, Any]]:
        from ..domain.store import Store

        return Store(self.engine).list_orders()

    def drained(self, timeout_s: float) -> bool:
        from ..domain import work_queue as wq

        def empty() -> bool:
            stats = wq.stats(self.engine)
            return all(stats[q]["pending"] + stats[q]["leased"] == 0 for q in ("inbound", "outbox"))

        return wait_for(empty, timeout_s, 1.0)

    def verify(self, events: dict[str, dict[str, Any]], dm_senders: list[str]) -> dict[str, Any]:
        """Exactly once: each carrier event one appended scan, each DM one reply, each notice one send."""
        from ..channels.records import NotificationSent
        from ..domain.models import TrackingEvent
        from ..domain.work_queue import InboundItem, OutboxItem

        per_recipient = self.graph.per_recipient()
        sent_text = [json.dumps(b) for b in self.graph.sent]
        out = {"events": len(events), "dms": len(dm_senders)}
        with self.engine.connect() as conn:
            scans = dict(
                conn.execute(
                    select(TrackingEvent.description, func.count())
                    .where(TrackingEvent.description.like("%(soak %"))  # type: ignore[attr-defined]
                    .group_by(TrackingEvent.description)
                ).all()
            )
            notices = {
                key: status
                for key, status in conn.execute(
                    select(NotificationSent.event_key, NotificationSent.status).where(
                        NotificationSent.event_key.in_([f"aftership:{e}" for e in events])  # type: ignore[attr-defined]
                    )
                )
            }
            dead = conn.execute(select(func.count()).where(InboundItem.status == "dead")).scalar()
            tries = dict(conn.execute(select(OutboxItem.key, OutboxItem.attempts)).all())
        applied = [scans.get(e["description"], 0) for e in events.values()]
        replies = [per_recipient.get(s, 0) for s in dm_senders]
        # A second send of a message whose first send the platform took while its instance died, or
        # the database went away, before that was recorded (its outbox item was tried again): the
        # Graph API takes no idempotency key, so at-least-once delivery can repeat exactly these;
        # any other repeat is a bug.
        resent = {s for s in dm_senders if tries.get(f"reply:messenger:m.{s}", 0) > 1}
        sent_notices, refused = 0, 0
        notice_counts, resent_notices = [], 0
        for eid, e in events.items():
            status = notices.get(f"aftership:{eid}")
            if status == "sent":
                sent_notices += 1
                n = sum(e["order_number"] in t for t in sent_text)
                notice_counts.append(n)
                resent_notices += n > 1 and tries.get(f"notice:aftership:{eid}", 0) > 1
            elif status == "refused":
                refused += 1
        out |= {
            "events_lost": sum(n == 0 for n in applied),
            "events_duplicated": sum(n > 1 for n in applied),
            "dms_unanswered": sum(n == 0 for n in replies),
            "dms_answered_twice": sum(n > 1 for n in replies),
            "dms_answered_twice_on_a_resend": sum(
                n > 1 and s in resent for s, n in zip(dm_senders, replies, strict=True)
            ),
            "notices_sent": sent_notices,
            "notices_refused_by_window": refused,
            "notices_expected_missing": sum(e["opted_in"] for e in events.values()) - sent_notices - refused,
            "notices_duplicated": sum(n > 1 for n in notice_counts),
            "notices_duplicated_on_a_resend": resent_notices,
            "notices_not_seen_by_platform": sum(n == 0 for n in notice_counts),
            "inbound_dead": dead,
        }
        lost_or_doubled = ("events_lost", "events_duplicated", "dms_unanswered", "notices_expected_missing")
        lost_or_doubled += ("notices_not_seen_by_platform", "inbound_dead")
        out["exactly_once"] = all(out[k] == 0 for k in (*lost_or_doubled, "dms_answered_twice", "notices_duplicated"))
        # What the store guarantees: nothing lost, nothing applied twice, and a message sent twice
        # only when its first send was cut off by the kill.
        out["no_loss_no_unexplained_repeat"] = all(out[k] == 0 for k in lost_or_doubled) and (
            out["dms_answered_twice"] == out["dms_answered_twice_on_a_resend"]
            and out["notices_duplicated"] == out["notices_duplicated_on_a_resend"]
        )
        return out


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
    time.sleep(5)
    sender.start()
    time.sleep(3)
    down_at = time.monotonic()
    soak.pg.stop()
    soak.say("restart: PostgreSQL is down")
    time.sleep(10)
    soak.pg.start()
    up_at = time.monotonic()
    soak.say("restart: PostgreSQL is up again")
    sender.join(timeout=300)
    ok_after = wait_for(lambda: any(s.status == 200 for s in rec.between(up_at, time.monotonic(), "turn")), 60, 0.5)
    recovered_at = min((s.at for s in rec.between(up_at, time.monotonic(), "turn") if s.status == 200), default=None)
    time.sleep(5)
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


def run_soak(args: argparse.Namespace, progress: Callable[[str], None]) -> dict[str, Any]:
    _check_bounds(args)
    soak = Soak(args, progress)
    result: dict[str, Any] = {"instances": 2, "orders": args.orders}
    used: set[str] = set()
    started = time.monotonic()
    try:
        soak.start()
        result["steady"] = steady(soak, args.minutes, used)
        if not args.skip_kill:
            result["kill"] = kill(soak, args.burst, used)
        if not args.skip_restart:
            result["restart"] = restart(soak, used)
    finally:
        if args.keep:
            result["work_dir"] = str(soak.work)
        soak.close()
    result["seconds"] = round(time.monotonic() - started)
    result["ok"] = all(result[p]["ok"] for p in ("steady", "kill", "restart") if p in result)
    return result
