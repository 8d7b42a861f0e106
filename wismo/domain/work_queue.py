"""Durable work queues in the store: what came in (webhooks) and what goes out (the outbox).

Both tables share one life cycle. An item is written once under its key (a platform's event or
message id, or our own idempotency key; a second write of the same key is a no-op), then taken by
a worker under a lease:

    pending --take--> leased --done--> done | sent
                        |  \\--fail--> pending (again after a backoff) ... dead (after the limit)
                        \\-- lease expired (the worker died) --> taken again by anyone

On PostgreSQL several instances take items with `FOR UPDATE SKIP LOCKED`, so no two take the same
one; on SQLite the taking UPDATE is a write, so it passes the write gate like every write. A
worker finishing an item checks it still holds the lease, in the same transaction as its work, so
a worker whose lease was taken over rolls its work back instead of doing it twice.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from . import telemetry

log = logging.getLogger("wismo.queue")

#: Items in these states are finished; the others are counted as the queue's depth.
FINISHED = ("done", "sent", "refused")


class Leased(SQLModel):
    """The life-cycle columns both queues share (a mixin: no table of its own)."""

    #: pending | leased | done (inbound) or sent | refused (outbox) | dead
    status: str = Field(default="pending", max_length=16)
    #: Tries so far, this one included while leased.
    attempts: int = 0
    #: Not taken before this time (the backoff after a failed try).
    available_at: datetime
    leased_until: datetime | None = None
    lease_owner: str | None = Field(default=None, max_length=64)
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(index=True)
    finished_at: datetime | None = None


class InboundItem(Leased, table=True):
    """A verified webhook event or message, stored before the platform is answered 200."""

    __tablename__ = "inbound_queue"
    __table_args__ = (
        UniqueConstraint("source", "event_id"),
        Index("ix_inbound_queue_ready", "status", "available_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    #: meta | whatsapp | aftership | easypost | shopify
    source: str = Field(max_length=32)
    #: The platform's id of the event or message (unique per source): redeliveries are no-ops.
    event_id: str = Field(max_length=255)
    #: What the worker does with it: message | tracking | shopify
    kind: str = Field(max_length=32)
    #: What the worker needs; cleared when the item is done (it may hold a customer's words).
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class OutboxItem(Leased, table=True):
    """Something we must send (a DM, a notice, a helpdesk case), written with the change that caused it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_ready", "status", "available_at"),)
    id: int | None = Field(default=None, primary_key=True)
    #: Our idempotency key (`reply:<channel>:<message id>`, `notice:<event key>`, `sink:<case>:<sink>`,
    #: `agent_reply:<message id>`); sent along where the platform accepts one.
    key: str = Field(max_length=255, unique=True)
    #: reply | notice | agent_reply | sink
    kind: str = Field(max_length=32)
    #: What the sender needs; cleared once sent.
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    #: What the platform answered (message ids, ticket id), for ops and the audit trail.
    result: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


QUEUES: dict[str, type[SQLModel]] = {"inbound": InboundItem, "outbox": OutboxItem}


@dataclass(frozen=True)
class Policy:
    """How a queue retries: the lease a worker holds, the attempts before dead, the backoff."""

    lease_s: float = 60.0
    max_attempts: int = 6
    backoff_s: float = 2.0
    backoff_cap_s: float = 600.0

    def delay(self, attempts: int) -> float:
        """Exponential backoff with a little jitter: 2, 4, 8 ... seconds, capped."""
        base = min(self.backoff_cap_s, self.backoff_s * (2 ** max(0, attempts - 1)))
        return base * (1 + random.random() / 5)


def _now() -> datetime:
    return datetime.now(UTC)


def _insert(db: Connection | Session, table: Any, values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on `keys`; True when a row was written."""
    dialect = db.get_bind().dialect.name if isinstance(db, Session) else db.dialect.name
    ins = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    result = db.execute(ins.values(**values).on_conflict_do_nothing(index_elements=keys))
    return bool(result.rowcount)


def enqueue_inbound(
    db: Connection | Session,
    source: str,
    event_id: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime | None = None,
) -> bool:
    """Store a webhook item once per (source, event id); True when it is new. The caller commits."""
    now = now or _now()
    values = {
        "source": source,
        "event_id": event_id[:255],
        "kind": kind,
        "payload": payload,
        "status": "pending",
        "attempts": 0,
        "available_at": now,
        "created_at": now,
    }
    return _insert(db, InboundItem.__table__, values, ["source", "event_id"])


def enqueue_outbox(
    db: Connection | Session,
    key: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime | None = None,
    delay_s: float = 0.0,
) -> bool:
    """Store something to send once per key; True when it is new. Written in the caller's transaction."""
    now = now or _now()
    values = {
        "key": key[:255],
        "kind": kind,
        "payload": payload,
        "status": "pending",
        "attempts": 0,
        "available_at": now + timedelta(seconds=delay_s),
        "result": {},
        "created_at": now,
    }
    return _insert(db, OutboxItem.__table__, values, ["key"])


def _ready(table: Any, now: datetime):
    return or_(
        and_(table.c.status == "pending", table.c.available_at <= now),
        and_(table.c.status == "leased", table.c.leased_until < now),
    )


def has_ready(engine: Engine, queue: str, now: datetime | None = None) -> bool:
    """A cheap read (no lock, no write gate) before trying to take anything."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return conn.execute(select(table.c.id).where(_ready(table, now or _now())).limit(1)).first() is not None


def take(
    engine: Engine, queue: str, owner: str, policy: Policy, limit: int = 10, ids: Iterable[int] | None = None
) -> list[dict[str, Any]]:
    """Lease up to `limit` ready items (oldest first) to `owner`; each comes back as a dict of its
    columns with `attempts` already counting this try. `ids` limits the choice to those items."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    now = _now()
    pick = select(table.c.id).where(_ready(table, now)).order_by(table.c.id).limit(limit)
    if ids is not None:
        pick = pick.where(table.c.id.in_(list(ids)))
    if engine.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    stmt = (
        update(table)
        .where(table.c.id.in_(pick.scalar_subquery()))
        .values(
            status="leased",
            lease_owner=owner,
            leased_until=now + timedelta(seconds=policy.lease_s),
            attempts=table.c.attempts + 1,
        )
        .returning(*table.c)
    )
    with engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    rows.sort(key=lambda r: r["id"])
    return rows


def _mine(table: Any, item_id: int, owner: str):
    return and_(table.c.id == item_id, table.c.status == "leased", table.c.lease_owner == owner)


class LeaseLost(Exception):
    """Another worker took the item over (our lease expired): the caller must roll back its work."""


def finish(
    db: Connection | Session,
    queue: str,
    item_id: int,
    owner: str,
    status: str = "done",
    result: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    """Mark a leased item finished inside the caller's transaction; LeaseLost if it is no longer ours.
    A finished item forgets its payload (it may hold a customer's words): its work is done."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    values: dict[str, Any] = {"status": status, "finished_at": now or _now(), "leased_until": None, "payload": {}}
    if result is not None and "result" in table.c:
        values["result"] = result
    if not db.execute(update(table).where(_mine(table, item_id, owner)).values(**values)).rowcount:
        raise LeaseLost(f"{queue} item {item_id} is no longer leased to {owner}")


def fail(
    engine: Engine,
    queue: str,
    item: dict[str, Any],
    owner: str,
    policy: Policy,
    error: str,
    retry: bool = True,
) -> str:
    """Record a failed try: back to pending after a backoff, or dead once the attempts are used up
    (or at once when `retry` is False). Returns the new status."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    now = _now()
    dead = not retry or item["attempts"] >= policy.max_attempts
    values: dict[str, Any] = {"last_error": error[:2000], "leased_until": None}
    if dead:
        values |= {"status": "dead", "finished_at": now}
    else:
        values |= {"status": "pending", "available_at": now + timedelta(seconds=policy.delay(item["attempts"]))}
    with engine.begin() as conn:
        conn.execute(update(table).where(_mine(table, item["id"], owner)).values(**values))
    return "dead" if dead else "pending"


def release(engine: Engine, queue: str, owner: str, ids: Iterable[int] | None = None) -> int:
    """Give leased items back untried (a graceful shutdown): pending at once, the try not counted."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    cond = and_(table.c.status == "leased", table.c.lease_owner == owner)
    if ids is not None:
        cond = and_(cond, table.c.id.in_(list(ids)))
    floor = func.greatest if engine.dialect.name == "postgresql" else func.max
    stmt = (
        update(table)
        .where(cond)
        .values(status="pending", lease_owner=None, leased_until=None, attempts=floor(table.c.attempts - 1, 0))
    )
    with engine.begin() as conn:
        return conn.execute(stmt).rowcount or 0


def retry_dead(engine: Engine, queue: str, ids: Iterable[int] | None = None) -> int:
    """Put dead items back in line (ops replay), with their attempts reset; returns how many."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    cond = table.c.status == "dead"
    if ids is not None:
        cond = and_(cond, table.c.id.in_(list(ids)))
    stmt = update(table).where(cond).values(status="pending", attempts=0, available_at=_now(), finished_at=None)
    with engine.begin() as conn:
        return conn.execute(stmt).rowcount or 0


def stats(engine: Engine, now: datetime | None = None) -> dict[str, dict[str, Any]]:
    """Per queue: items by unfinished status, and the age in seconds of the oldest waiting one."""
    now = now or _now()
    out: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for name, model in QUEUES.items():
            table = model.__table__  # type: ignore[attr-defined]
            counts = {s: 0 for s in ("pending", "leased", "dead")}
            for status, n in conn.execute(
                select(table.c.status, func.count()).where(table.c.status.in_(counts)).group_by(table.c.status)
            ):
                counts[status] = int(n)
            oldest = conn.execute(
                select(func.min(table.c.created_at)).where(table.c.status.in_(("pending", "leased")))
            ).scalar()
            if oldest is not None and oldest.tzinfo is None:
                oldest = oldest.replace(tzinfo=UTC)
            out[name] = counts | {"oldest_age_s": round((now - oldest).total_seconds(), 3) if oldest else 0.0}
    return out


def listing(engine: Engine, queue: str, status: str = "dead", limit: int = 100) -> list[dict[str, Any]]:
    """Items of one queue in one status, newest first, without their payloads (they may hold a
    customer's words): what ops sees to decide on a replay."""
    table = QUEUES[queue].__table__  # type: ignore[attr-defined]
    cols = [c for c in table.c if c.name not in ("payload", "result")]
    stmt = select(*cols).where(table.c.status == status).order_by(table.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    for row in rows:
        for k, v in row.items():
            if isinstance(v, datetime):
                row[k] = (v if v.tzinfo else v.replace(tzinfo=UTC)).isoformat()
    return rows


class Refused(Exception):
    """The platform's rules do not allow this message now (and no fallback fits): recorded as
    `refused`, counted, not retried."""


class GiveUp(Exception):
    """Retrying cannot help (the platform says our request is wrong): dead at once, for ops to see."""


def deliver(
    engine: Engine, item: dict[str, Any], owner: str, policy: Policy, send: Callable[[dict[str, Any]], dict]
) -> str:
    """Run `send(item)` for a leased outbox item and record the outcome: `sent`, `refused`,
    `pending` (to be retried after a backoff) or `dead`. Never raises for a failed send."""
    kind = item["kind"]
    try:
        result = send(item)
    except Refused as exc:
        with engine.begin() as db:
            finish(db, "outbox", item["id"], owner, "refused", {"refused": str(exc)[:500]})
        telemetry.OUTBOX_REFUSED.labels(kind).inc()
        return "refused"
    except Exception as exc:  # the outbox is the one place that decides what a failure means
        status = fail(
            engine, "outbox", item, owner, policy, f"{type(exc).__name__}: {exc}", not isinstance(exc, GiveUp)
        )
        (telemetry.OUTBOX_DEAD if status == "dead" else telemetry.OUTBOX_RETRIES).labels(kind).inc()
        return status
    telemetry.OUTBOX_SENT.labels(kind).inc()
    try:
        _record_sent(engine, item, owner, policy, result or {})
    except LeaseLost:  # sent, but another worker took the item meanwhile: it will send it again
        log.warning("outbox item %s was sent, but its lease was taken over before that was recorded", item["id"])
        return "taken_over"
    return "sent"


def _record_sent(engine: Engine, item: dict[str, Any], owner: str, policy: Policy, result: dict) -> None:
    """The platform has the message: record it, retrying while the database is away (until the
    lease would run out), so a database restart at this moment does not make us send it again."""
    deadline = time.monotonic() + policy.lease_s
    pause = 0.2
    while True:
        try:
            with engine.begin() as db:
                finish(db, "outbox", item["id"], owner, "sent", result)
            return
        except DBAPIError:
            if time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(2.0, pause * 2)


def deliver_now(
    engine: Engine, key: str, send: Callable[[dict[str, Any]], dict], policy: Policy | None = None
) -> str | None:
    """Take the outbox item `key` (unless a worker has it) and deliver it in this thread: the
    caller learns at once whether it went out, and a failed send stays queued for the workers."""
    with engine.connect() as conn:
        item_id = conn.execute(select(OutboxItem.id).where(OutboxItem.key == key[:255])).scalar()  # type: ignore[arg-type]
    if item_id is None:
        return None
    owner = f"now-{uuid.uuid4().hex[:12]}"
    policy = policy or Policy()
    taken = take(engine, "outbox", owner, policy, limit=1, ids=[item_id])
    return deliver(engine, taken[0], owner, policy, send) if taken else None


#: One event per worker thread of this process; `nudge` wakes them all when an item is written
#: here, so they look at once instead of at their next poll.
_wakeups: list[threading.Event] = []


def wakeup_event() -> threading.Event:
    event = threading.Event()
    _wakeups.append(event)
    return event


def nudge() -> None:
    for event in list(_wakeups):
        event.set()


def forget(db: Connection | Session, conversation_ids: list[str], senders: list[str]) -> int:
    """Delete the unfinished and dead items that hold these conversations' or senders' words
    (erasure; finished items hold none). Returns how many went."""
    convs, people = set(conversation_ids), set(senders)
    removed = 0
    for model in QUEUES.values():
        table = model.__table__  # type: ignore[attr-defined]
        rows = db.execute(select(table.c.id, table.c.payload).where(table.c.status.notin_(FINISHED)))
        doomed = [
            row.id
            for row in rows
            if (row.payload or {}).get("conversation_id") in convs
            or (row.payload or {}).get("sender_id") in people
            or (row.payload or {}).get("recipient") in people
        ]
        if doomed:
            removed += db.execute(table.delete().where(table.c.id.in_(doomed))).rowcount or 0
    return removed
