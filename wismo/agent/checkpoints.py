"""Where conversation state lives between turns: SQLite by default, PostgreSQL with `DATABASE_URL`.

Any instance can continue any conversation, since the state is in the shared database.
"""

from __future__ import annotations

import sqlite3

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from ..config import Settings
from ..domain.db import exclusive, get_engine
from ..domain.write_gate import GatedConnection

#: Our own types that may appear in checkpointed state.
ALLOWED_TYPES = [("wismo.domain.status", "ShipmentStatus"), ("wismo.tools.evidence", "Fact")]


def serializer() -> JsonPlusSerializer:
    return JsonPlusSerializer(allowed_msgpack_modules=ALLOWED_TYPES)


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
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
            open=True,
        )
        saver = PostgresSaver(pool, serde=serializer())
        with exclusive(get_engine(settings.store_url)):
            saver.setup()
        return saver
    from langgraph.checkpoint.sqlite import SqliteSaver

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(settings.checkpoint_path), check_same_thread=False, timeout=30, factory=GatedConnection)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=30000")
    saver = SqliteSaver(conn, serde=serializer())
    saver.setup()
    return saver
