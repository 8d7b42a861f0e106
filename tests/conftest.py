"""Shared fixtures: a seeded demo store on SQLite (and on PostgreSQL when the server is there)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every test client calls from one address; the rate-limit test sets its own limit.
os.environ.setdefault("WISMO_CHAT_RATE_PER_MIN", "0")
# One process-wide classifier serves many test stores: no test picks up another store's labels
# behind its back (tests/test_ops_metrics.py drives the refresh itself).
os.environ.setdefault("WISMO_TEACH_REFRESH_S", "0")
os.environ.setdefault("WISMO_VAULT_KEY", "q1J6o0o2cY7Z2kqX9h3m8sJmF0WbV5rTnYw0x3ZrZ1Q=")

from wismo.config import Settings, get_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
PG_ADMIN_URL = os.environ.get("WISMO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def make_settings(data_dir: Path, database_url: str | None = None) -> Settings:
    env = {"WISMO_DATA_DIR": str(data_dir)}
    if database_url:
        env["DATABASE_URL"] = database_url
    return Settings(**{k: v for k, v in env.items()}, _env_file=None)  # type: ignore[arg-type]


def seeded_agent(data_dir: Path, orders: int = 300):
    """A fresh demo store of `orders` orders in `data_dir` (for a module that writes to it), and its agent."""
    from wismo.agent.runtime import Agent
    from wismo.domain import demo
    from wismo.domain.db import get_engine

    settings = make_settings(data_dir)
    demo.seed(get_engine(settings.store_url), orders=orders)
    return Agent(settings)


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    """A demo store (5,000 orders, seed 7) seeded once for the whole session."""
    from wismo.domain import demo
    from wismo.domain.db import get_engine

    d = tmp_path_factory.mktemp("store")
    settings = make_settings(d)
    demo.seed(get_engine(settings.store_url))
    return d


@pytest.fixture(scope="session")
def settings(store_dir) -> Settings:
    return make_settings(store_dir)


@pytest.fixture(scope="session")
def agent(settings):
    from wismo.agent.runtime import Agent

    return Agent(settings)


@pytest.fixture(scope="session")
def orders(settings) -> list[dict]:
    from wismo.domain.db import get_engine
    from wismo.domain.store import Store

    return Store(get_engine(settings.store_url)).list_orders()


def returns_of(agent, row: dict) -> list:
    """The returns booked on an order (what a conversation really did, not what it said)."""
    from sqlmodel import select

    from wismo.domain.db import session
    from wismo.tools.records import Return

    order = agent.store.order(row["order_number"])
    with session(agent.engine) as s:
        return list(s.exec(select(Return).where(Return.order_id == order.id)))


def new_returns(agent, row: dict, before: list) -> list:
    """The returns booked on the order since `before` (the session's store is shared between tests, and
    an earlier test may have booked one on the same order)."""
    seen = {r.rma for r in before}
    return [r for r in returns_of(agent, row) if r.rma not in seen]


def source_ids(reply) -> list[str]:
    """The source ids a reply cites."""
    return [c["source_id"] for c in reply.citations]


def order_lines(agent, row: dict) -> list:
    """Each line of the order in `row` (a `list_orders` row) and whether it can go back."""
    from wismo.domain.store import normalize_key
    from wismo.tools.returns import order_eligibility

    order = agent.store.order(normalize_key(row["order_number"]))
    return order_eligibility(agent.store, order, agent.store.now())


def pick(orders: list[dict], status: str) -> dict:
    for row in orders:
        if row["status"] == status:
            return row
    raise LookupError(status)


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_server() -> str:
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}; CI needs it for the store tests")
        pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")
    return PG_ADMIN_URL


@pytest.fixture
def pg_database(pg_server) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    name = f"wismo_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pg_server.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        from wismo.domain import db

        for key in [k for k in db._engines if name in k]:
            db._engines.pop(key).dispose()
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _fresh_settings_cache():
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def redact():
    """The shared redactor as a function of text: the redacted text."""
    from wismo.guardrails.pii import get_redactor

    r = get_redactor()
    return lambda text: r.redact(text).text
