"""The queue workers inside `wismo serve`: threads that process the inbound queue and deliver the outbox.

Every server process runs `WISMO_QUEUE_WORKERS` threads per queue; processes and instances share
the queues through the store (domain/work_queue.py), so any of them may take any item. A worker
takes a few items at a time under a lease, handles each, and records the outcome; one that dies
leaves its items to be taken again once their lease expires. `stop` is the graceful shutdown:
the item in hand is finished, the ones taken but not started are given back at once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError

from .channels import delivery
from .channels.meta import ChannelHub, answer, message_of
from .channels.proactive import Notifier
from .config import Settings
from .connectors.intake import process_shopify, process_tracking
from .domain import telemetry
from .domain import work_queue as wq
from .handoff import inbox, sinks

log = logging.getLogger("wismo.workers")

#: Items a worker takes at once (a small batch: a crash strands at most this many until the lease ends).
BATCH = 4


class QueueWorkers:
    """The workers of one process over one hub (its agent, outbox and channel settings)."""

    def __init__(self, hub: ChannelHub, settings: Settings) -> None:
        self.hub = hub
        self.engine = hub.engine
        self.settings = settings
        self.notifier = Notifier(hub.engine, hub.outbox, hub.settings, brand=settings.brand_name)
        self.policies = {
            "inbound": wq.Policy(lease_s=settings.queue_lease_s, max_attempts=settings.queue_max_attempts),
            "outbox": wq.Policy(
                lease_s=settings.queue_lease_s,
                max_attempts=settings.outbox_max_attempts,
                backoff_s=settings.outbox_backoff_s,
            ),
        }
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._outbox_senders: dict[str, Callable[[dict[str, Any]], dict]] = {
            "reply": lambda item: delivery.send_dm(hub.outbox, item),
            "notice": lambda item: delivery.send_dm(hub.outbox, item),
            "agent_reply": inbox.send_item,
            "sink": lambda item: sinks.send_item(self.engine, item),
        }

    # -- one item
    def _handle_inbound(self, item: dict[str, Any], owner: str) -> str:
        kind = item["kind"]
        if kind == "message":

            def done(db: Any) -> None:
                wq.finish(db, "inbound", item["id"], owner)

            answer(self.hub, message_of(item["payload"]), done)
            return "answered"
        if kind == "tracking":
            return process_tracking(self.notifier, item, owner)
        if kind == "shopify":
            return process_shopify(self.notifier, item, owner)
        raise wq.GiveUp(f"unknown inbound kind {kind!r}")

    def _inbound(self, item: dict[str, Any], owner: str) -> None:
        policy = self.policies["inbound"]
        try:
            outcome = self._handle_inbound(item, owner)
        except wq.LeaseLost:
            log.warning("inbound item %s was taken over by another worker; its work is rolled back", item["id"])
            return
        except Exception as exc:
            status = wq.fail(
                self.engine,
                "inbound",
                item,
                owner,
                policy,
                f"{type(exc).__name__}: {exc}",
                not isinstance(exc, wq.GiveUp),
            )
            log.warning(
                "inbound item %s (%s %s) failed, now %s: %s", item["id"], item["source"], item["kind"], status, exc
            )
            if status == "dead":
                telemetry.INBOUND_DEAD.labels(item["source"]).inc()
            telemetry.INBOUND.labels(item["source"], "failed").inc()
            return
        telemetry.INBOUND.labels(item["source"], outcome).inc()

    def _outbox(self, item: dict[str, Any], owner: str) -> None:
        send = self._outbox_senders.get(item["kind"])
        if send is None:
            wq.fail(self.engine, "outbox", item, owner, self.policies["outbox"], f"unknown kind {item['kind']}", False)
            return
        wq.deliver(self.engine, item, owner, self.policies["outbox"], send)

    # -- the loop
    def step(self, queue: str, owner: str | None = None) -> int:
        """Take and handle one batch of `queue`; returns how many items were handled."""
        owner = owner or self.owner
        if not wq.has_ready(self.engine, queue):
            return 0
        items = wq.take(self.engine, queue, owner, self.policies[queue], limit=BATCH)
        handle = self._inbound if queue == "inbound" else self._outbox
        for n, item in enumerate(items):
            if self._stop.is_set():
                wq.release(self.engine, queue, owner, [i["id"] for i in items[n:]])
                return n
            handle(item, owner)
        return len(items)

    def drain(self, timeout_s: float = 30.0) -> int:
        """Handle everything ready in both queues, in this thread (tests, `wismo queue drain`)."""
        deadline = time.monotonic() + timeout_s
        done = 0
        while time.monotonic() < deadline:
            n = self.step("inbound") + self.step("outbox")
            done += n
            if not n:
                return done
        return done

    def _run(self, queue: str, index: int) -> None:
        owner = f"{self.owner}:{queue}{index}"
        wakeup = wq.wakeup_event()
        pause = 0.0
        while not self._stop.is_set():
            try:
                n = self.step(queue, owner)
                pause = 0.0
            except DBAPIError as exc:  # the database is away: wait, then try again (never exit)
                pause = min(5.0, max(0.5, pause * 2))
                log.warning(
                    "%s worker: the store is unreachable (%s); retrying in %.1f s", queue, type(exc).__name__, pause
                )
                n = 0
            except Exception:
                log.exception("%s worker: unexpected error", queue)
                pause, n = 1.0, 0
            if not n and not self._stop.is_set():
                wakeup.wait(pause or self.settings.queue_poll_s)
                wakeup.clear()

    def start(self) -> None:
        if self.settings.queue_workers < 1:
            return
        for queue in ("inbound", "outbox"):
            for i in range(self.settings.queue_workers):
                t = threading.Thread(target=self._run, args=(queue, i), name=f"wismo-{queue}-{i}", daemon=True)
                t.start()
                self._threads.append(t)
        log.info("queue workers started: %d per queue (%s)", self.settings.queue_workers, self.owner)

    def alive(self) -> bool:
        """True when this process runs its workers (or is configured to run none)."""
        if self.settings.queue_workers < 1:
            return True
        return bool(self._threads) and all(t.is_alive() for t in self._threads)

    def stop(self, timeout_s: float = 20.0) -> None:
        """Finish the items in hand, give back the ones not started, and end the threads."""
        self._stop.set()
        wq.nudge()
        deadline = time.monotonic() + timeout_s
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        for queue in ("inbound", "outbox"):
            owners = [self.owner] + [f"{self.owner}:{queue}{i}" for i in range(self.settings.queue_workers)]
            try:
                for owner in owners:
                    wq.release(self.engine, queue, owner)
            except DBAPIError:
                log.warning("could not give back the %s items of %s (their lease will expire)", queue, self.owner)
        log.info("queue workers stopped (%s)", self.owner)
