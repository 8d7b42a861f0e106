"""The store's database: one engine per URL, the schema at its newest revision, a cross-instance lock.

SQLite (WAL mode) by default; PostgreSQL when `DATABASE_URL` is set. Instances share nothing
but the database, so anything that must happen once (migrations, demo seed) runs under `exclusive()`.
"""

from __future__ import annotations

import contextlib
import fcntl
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from .write_gate import GatedConnection

_engines: dict[str, Engine] = {}
_lock = threading.Lock()

#: Key of the PostgreSQL advisory lock that serializes schema creation and seeding.
_ADVISORY_KEY = 0x5749534D  # "WISM"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - driver callback
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA secure_delete=ON")  # a deleted row's bytes are zeroed, not left in free pages
    cur.close()


def get_engine(url: str) -> Engine:
    """The engine for `url`, created once per process."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                path = url.split("///", 1)[1]
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(
                    url, connect_args={"check_same_thread": False, "timeout": 30, "factory": GatedConnection}
                )
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                # A server that is down must fail a request in seconds (a 503), not hang it.
                engine = create_engine(
                    url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args={"connect_timeout": 5}
                )
            _engines[url] = engine
        return engine


@contextlib.contextmanager
def exclusive(engine: Engine) -> Iterator[None]:
    """Hold a database-wide lock so only one instance runs the block (schema, seeding)."""
    if engine.dialect.name == "postgresql":
        # A session-level lock on an autocommit connection: holding it opens no transaction, so
        # statements that wait for open transactions (CREATE INDEX CONCURRENTLY) do not deadlock.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
    elif engine.url.database in (None, "", ":memory:"):
        # An in-memory SQLite database belongs to this process alone: nothing to serialize with
        # (and no "None.lock" file left in the working directory).
        yield
    else:
        # SQLite: a file lock beside the database serializes the processes on this host.
        lock_path = Path(str(engine.url.database) + ".lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def create_schema(engine: Engine) -> None:
    """An empty database is migrated to the newest schema; one at an older revision raises
    `schema.SchemaBehind`, which says to run `wismo db upgrade` (see domain/schema.py)."""
    from .schema import prepare

    prepare(engine)


def session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)
