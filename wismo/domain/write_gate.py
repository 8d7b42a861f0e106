"""One SQLite writer at a time, across threads and processes, without sleeping in SQLite.

SQLite lets one connection write at a time; a second writer waits in SQLite's busy handler, which
sleeps 1, 2, 5, 10, 15, 20, 25 ... ms between tries. Under concurrent load (several threads per
worker, several workers) those sleeps, not the work, set the pace: the writer that holds the lock
may itself be waiting for the GIL while others sleep. The gate queues writers instead: a thread
lock per database inside a process, then a file lock beside the database between processes, taken
when a transaction's first write starts and released once it commits or rolls back.

Use it by opening SQLite connections with `factory=GatedConnection` (the store's engine and the
checkpointer do). Reads are never gated (WAL lets them run beside the writer), nor is DDL.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

#: How long a writer waits at the gate before going on without it (SQLite's own busy timeout
#: then applies, so a stuck writer slows the others down but cannot wedge them).
GATE_TIMEOUT_S = 30.0
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


class _Gate:
    """The per-database pair of locks: threads of this process, then processes on this host."""

    def __init__(self, db_path: str) -> None:
        self.thread_lock = threading.Lock()
        self.path = db_path + ".write-lock"
        self.fd: int | None = None
        self.fd_pid = 0
        self.owner: int | None = None

    def acquire(self) -> bool:
        if self.owner == threading.get_ident():
            # A second connection of the thread that holds the gate: waiting would be waiting for
            # ourselves. SQLite's own locking decides, as it would without the gate.
            return False
        if not self.thread_lock.acquire(timeout=GATE_TIMEOUT_S):
            return False
        try:
            if self.fd is None or self.fd_pid != os.getpid():
                # A forked child must not share the parent's open file: flock is per open file.
                self.fd, self.fd_pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
            deadline = time.monotonic() + GATE_TIMEOUT_S
            pause = 0.00005
            while True:
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    self.owner = threading.get_ident()
                    return True
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        self.thread_lock.release()
                        return False
                    time.sleep(pause)  # at most 1 ms: the holder's transaction is short
                    pause = min(pause * 2, 0.001)
        except BaseException:
            self.thread_lock.release()
            raise

    def release(self) -> None:
        self.owner = None
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        self.thread_lock.release()


_gates: dict[str, _Gate] = {}
_gates_lock = threading.Lock()


def gate_for(db_path: str) -> _Gate:
    key = os.path.realpath(db_path)
    with _gates_lock:
        gate = _gates.get(key)
        if gate is None:
            gate = _gates[key] = _Gate(key)
        return gate


def _is_write(sql: str) -> bool:
    return sql.lstrip()[:6].upper() in _WRITES


class GatedCursor(sqlite3.Cursor):
    def execute(self, sql: str, parameters: Any = (), /) -> GatedCursor:
        with self.connection._writing(sql):  # type: ignore[attr-defined]
            return super().execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> GatedCursor:
        with self.connection._writing(sql):  # type: ignore[attr-defined]
            return super().executemany(sql, seq_of_parameters)


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection whose write transactions pass the database's gate."""

    def __init__(self, database: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        path = str(database)
        in_memory = path in ("", ":memory:") or path.startswith("file::memory:")
        self._gate = None if in_memory else gate_for(path)
        self._holding = False

    @contextlib.contextmanager
    def _writing(self, sql: str) -> Iterator[None]:
        """Pass the gate if `sql` starts a write transaction; a write that leaves no transaction
        open (autocommit, or it failed) gives the gate back at once."""
        if self._gate is not None and not self._holding and not self.in_transaction and _is_write(sql):
            self._holding = self._gate.acquire()
        try:
            yield
        finally:
            if self._holding and not self.in_transaction:
                self._leave_gate()

    def _leave_gate(self) -> None:
        if self._holding:
            self._holding = False
            self._gate.release()  # type: ignore[union-attr]

    def cursor(self, factory: Any = GatedCursor) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, seq_of_parameters)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._leave_gate()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._leave_gate()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._leave_gate()
