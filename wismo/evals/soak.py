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
import shutil
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
from .soak_phases import kill, restart, steady
from .soak_rig import Instance, PrivatePostgres, wait_for

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_MINUTES = 120
MAX_BURST = 5000


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
    s.add_argument("--short", action="store_true", help="a CI-sized run: 20 s steady, a 200-webhook burst, 6 s down")
    s.add_argument("--database-url", default=None, help="a loopback PostgreSQL to use instead of a private cluster")
    s.add_argument("--skip-kill", action="store_true", help="no kill -9 phase")
    s.add_argument("--skip-restart", action="store_true", help="no database restart phase")
    s.add_argument("--keep", action="store_true", help="keep the data dirs and logs (printed at the end)")
    return s


def _check_bounds(args: argparse.Namespace) -> None:
    if args.short:
        args.minutes, args.burst = min(args.minutes, 0.35), min(args.burst, 200)
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
            # Short leases: a killed instance's items are taken over within seconds.
            "WISMO_QUEUE_LEASE_S": "6" if self.args.short else "10",
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
