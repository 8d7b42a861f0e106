"""Where conversation state lives between turns: SQLite by default, PostgreSQL with `DATABASE_URL`.

Any instance can continue any conversation, since the state is in the shared database. Only each
conversation's latest checkpoint is kept: nothing reads older ones, and at ~6 KB a turn they would
grow the database without bound.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite import SqliteSaver

from ..config import Settings
from ..domain.db import exclusive, get_engine
from ..domain.write_gate import GatedConnection

#: Our own types that may appear in checkpointed state.
ALLOWED_TYPES = [("wismo.domain.status", "ShipmentStatus"), ("wismo.tools.evidence", "Fact")]


def serializer() -> JsonPlusSerializer:
    return JsonPlusSerializer(allowed_msgpack_modules=ALLOWED_TYPES)


log = logging.getLogger("wismo.checkpoints")


class KeepLatest:
    """Mixin for a saver: after every `prune_every` new checkpoints, delete the older checkpoints of
    the conversations written since (in one batch, so a turn pays for no extra transaction)."""

    prune_every = 50

    def _start_pruning(self) -> None:
        self._touched: dict[tuple[str, str], str] = {}
        self._touched_lock = threading.Lock()

    def put(self, config: Any, checkpoint: Any, metadata: Any, new_versions: Any) -> Any:
        saved = super().put(config, checkpoint, metadata, new_versions)  # type: ignore[misc]
        c = saved["configurable"]
        with self._touched_lock:
            self._touched[(str(c["thread_id"]), c.get("checkpoint_ns", ""))] = c["checkpoint_id"]
            if len(self._touched) < self.prune_every:
                return saved
            batch, self._touched = self._touched, {}
        try:
            self.prune_older(batch)
        except Exception:  # a failed clean-up loses nothing; those threads are pruned next time
            log.warning("pruning old checkpoints failed", exc_info=True)
        return saved

    def prune_older(self, latest: dict[tuple[str, str], str]) -> None:
        raise NotImplementedError


class PrunedSqliteSaver(KeepLatest, SqliteSaver):
    def __init__(self, conn: sqlite3.Connection, **kwargs: Any) -> None:
        super().__init__(conn, **kwargs)
        self._start_pruning()

    def prune_older(self, latest: dict[tuple[str, str], str]) -> None:
        rows = [(thread, ns, checkpoint_id) for (thread, ns), checkpoint_id in latest.items()]
        with self.cursor() as cur:
            # Checkpoint ids are time-ordered (uuid6): LangGraph itself loads the greatest.
            sql = "DELETE FROM {} WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?"
            cur.executemany(sql.format("checkpoints"), rows)
            cur.executemany(sql.format("writes"), rows)


def make_checkpointer(settings: Settings) -> BaseCheckpointSaver:
    if settings.uses_postgres:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        conninfo = settings.store_url.replace("postgresql+psycopg://", "postgresql://")
        pool = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=16,
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row, "connect_timeout": 5},
            open=True,
            # After a database restart: a dead connection is replaced, not handed out, and a turn
            # waits a second, not half a minute, before it fails with a 503 (the saver holds one lock
            # across its checkout, so waits add up).
            check=ConnectionPool.check_connection,
            timeout=1,
        )

        class PrunedPostgresSaver(KeepLatest, PostgresSaver):
            def prune_older(self, latest: dict[tuple[str, str], str]) -> None:
                self.prune(sorted({thread for thread, _ns in latest}), strategy="keep_latest")

        saver = PrunedPostgresSaver(pool, serde=serializer())
        # The saver's one lock guards a single shared connection. The pool hands each call its own,
        # so the lock only queued every checkpoint read and write of the instance behind one
        # another, and behind a store that is down each waiting turn added its own second before
        # its 503 (one waited over 5 s).
        saver.lock = contextlib.nullcontext()  # type: ignore[assignment]
        saver._start_pruning()
        with exclusive(get_engine(settings.store_url)):
            saver.setup()
        return saver
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(settings.checkpoint_path), check_same_thread=False, timeout=30, factory=GatedConnection)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA secure_delete=ON")  # pruned and erased checkpoints leave no bytes behind
    saver = PrunedSqliteSaver(conn, serde=serializer())
    saver.setup()
    return saver
