"""The SQLite write gate: writers queue instead of sleeping in SQLite, nothing is lost, and the
gate is always given back (commit, rollback, autocommit, a failed statement, close)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from wismo.domain import write_gate
from wismo.domain.db import get_engine
from wismo.domain.write_gate import GatedConnection, gate_for

WRITER = """
import sys
from sqlalchemy import text
from wismo.domain.db import get_engine
engine = get_engine(sys.argv[1])
for i in range(int(sys.argv[2])):
    with engine.begin() as db:
        db.execute(text("INSERT INTO t (who, n) VALUES ('child', :n)"), {"n": i})
        db.execute(text("UPDATE c SET n = n + 1"))
"""


def _connect(path: Path) -> GatedConnection:
    conn = sqlite3.connect(str(path), factory=GatedConnection, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn  # type: ignore[return-value]


def _gate_is_free(path: Path) -> bool:
    gate = gate_for(str(path))
    if not gate.thread_lock.acquire(blocking=False):
        return False
    gate.thread_lock.release()
    return True


def test_threads_and_processes_write_together_and_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = get_engine(url)
    with engine.begin() as db:
        db.execute(text("PRAGMA journal_mode=WAL"))
        db.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT, n INTEGER)"))
        db.execute(text("CREATE TABLE c (n INTEGER)"))
        db.execute(text("INSERT INTO c VALUES (0)"))
    per_writer = 150
    child = subprocess.Popen([sys.executable, "-c", WRITER, url, str(per_writer)])
    errors: list[BaseException] = []

    def write(who: str) -> None:
        try:
            for i in range(per_writer):
                with engine.begin() as db:
                    db.execute(text("INSERT INTO t (who, n) VALUES (:who, :n)"), {"who": who, "n": i})
                    db.execute(text("UPDATE c SET n = n + 1"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(f"t{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert child.wait(timeout=120) == 0
    assert not errors, errors
    with engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM t")).scalar_one() == 5 * per_writer
        # Read-modify-write under the gate: no increment lost.
        assert db.execute(text("SELECT n FROM c")).scalar_one() == 5 * per_writer
    assert _gate_is_free(tmp_path / "w.db")


def test_the_gate_is_given_back_however_a_write_ends(tmp_path):
    path = tmp_path / "g.db"
    conn = _connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)")
    conn.commit()

    conn.execute("INSERT INTO t (v) VALUES ('a')")
    assert not _gate_is_free(path) and conn.in_transaction
    conn.commit()
    assert _gate_is_free(path)

    conn.execute("INSERT INTO t (v) VALUES ('b')")
    conn.rollback()
    assert _gate_is_free(path)

    conn.execute("INSERT INTO t (v) VALUES ('c')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO t (v) VALUES ('c')")  # fails inside the open transaction
    assert not _gate_is_free(path)  # the transaction is still open: still ours
    conn.rollback()
    assert _gate_is_free(path)

    conn.isolation_level = None  # autocommit: the statement is its own transaction
    conn.execute("INSERT INTO t (v) VALUES ('d')")
    assert _gate_is_free(path)
    conn.isolation_level = ""

    conn.executemany("INSERT INTO t (v) VALUES (?)", [("e",), ("f",)])
    conn.close()
    assert _gate_is_free(path)

    check = sqlite3.connect(str(path))
    assert [r[0] for r in check.execute("SELECT v FROM t ORDER BY v")] == ["a", "d"]


def test_reads_pass_while_a_writer_holds_the_gate(tmp_path):
    path = tmp_path / "r.db"
    writer = _connect(path)
    writer.execute("CREATE TABLE t (v INTEGER)")
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    writer.execute("INSERT INTO t VALUES (2)")  # holds the gate, uncommitted
    seen: list[int] = []
    reader = threading.Thread(
        target=lambda: seen.append(_connect(path).execute("SELECT count(*) FROM t").fetchone()[0])
    )
    reader.start()
    reader.join(timeout=10)
    assert seen == [1]  # WAL: the reader sees the last commit and is not held up by the gate
    writer.commit()


def test_a_writer_that_cannot_get_the_gate_goes_on_to_sqlite(tmp_path, monkeypatch):
    """A stuck holder cannot wedge the others: after the gate's timeout SQLite's own locking decides."""
    monkeypatch.setattr(write_gate, "GATE_TIMEOUT_S", 0.2)
    path = tmp_path / "s.db"
    holder = _connect(path)
    holder.execute("CREATE TABLE t (v INTEGER)")
    holder.commit()
    holder.execute("INSERT INTO t VALUES (1)")  # never committed in time
    other = sqlite3.connect(str(path), factory=GatedConnection, timeout=0.2)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("INSERT INTO t VALUES (2)")
    holder.commit()
    other.rollback()
    other.execute("INSERT INTO t VALUES (3)")
    other.commit()
    assert _gate_is_free(path)


def test_in_memory_databases_are_not_gated():
    conn = sqlite3.connect(":memory:", factory=GatedConnection)
    conn.execute("CREATE TABLE t (v INTEGER)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    assert conn.execute("SELECT v FROM t").fetchall() == [(1,)]


def test_a_second_connection_of_the_holding_thread_does_not_wait_for_itself(tmp_path):
    path = tmp_path / "n.db"
    first = _connect(path)
    first.execute("CREATE TABLE t (v INTEGER)")
    first.commit()
    first.execute("INSERT INTO t VALUES (1)")  # holds the gate
    second = sqlite3.connect(str(path), factory=GatedConnection, timeout=0.1)
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # SQLite's answer, at once
        second.execute("INSERT INTO t VALUES (2)")
    first.commit()
    assert _gate_is_free(path)
