"""The store's schema over time: Alembic migrations in `domain/migrations`, applied in order.

- A fresh database (the demo seed, tests, a first start) is built by running every migration.
- A database at an older revision, or built before migrations existed, is not changed behind the
  operator's back: `prepare` (and so the server) refuses it with one line that says to run
  `wismo db upgrade`, which applies the missing migrations under the cross-instance lock.
- The migrations hold plain DDL and import no model, so this module stays at the bottom; the
  registry of every table (`wismo.tables`) is only needed to write the next migration.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from .db import exclusive

MIGRATIONS = Path(__file__).with_name("migrations")
UPGRADE_COMMAND = "wismo db upgrade"
#: Tables that share the database but are not ours (LangGraph's checkpointer creates its own).
FOREIGN_TABLES = frozenset({"checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations"})


class SchemaBehind(RuntimeError):
    """The database's schema is not the one this wismo needs; the message says what to run."""


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Compare only our tables when writing a migration (LangGraph's share the database)."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write SQLModel's column types as the plain SQLAlchemy types they stand for, so a migration
    reads on its own and stays valid when SQLModel changes."""
    if type_ == "type":
        name = type(obj).__name__
        if name == "AutoString":
            length = getattr(obj.impl, "length", None)
            return f"sa.String(length={length})" if length else "sa.String()"
        if name == "UTCDateTime":
            return "sa.DateTime(timezone=True)"
    return False


def config(connection: Connection | None = None, **attributes: Any) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes.update(attributes)
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision this wismo knows."""
    rev = _script().get_current_head()
    assert rev is not None
    return rev


def current(engine: Engine) -> str | None:
    """The database's revision; None when it has never been migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def state(engine: Engine) -> str:
    """`empty` (no tables of ours), `legacy` (tables made before migrations), `behind`, `current`
    or `ahead` (migrated by a newer wismo)."""
    rev = current(engine)
    if rev is None:
        ours = set(inspect(engine).get_table_names()) - FOREIGN_TABLES
        return "legacy" if ours else "empty"
    if rev == head():
        return "current"
    return "behind" if rev in {s.revision for s in _script().walk_revisions()} else "ahead"


def describe(engine: Engine) -> str:
    """One line for an operator: where the schema is and what to do."""
    found = state(engine)
    if found == "current":
        return f"the schema is current (revision {head()})"
    if found == "empty":
        return "the database is empty; it is created at the newest schema on first use"
    if found == "legacy":
        return f"the database was created before schema migrations; run `{UPGRADE_COMMAND}`"
    if found == "behind":
        return f"the schema is at revision {current(engine)}, this wismo needs {head()}; run `{UPGRADE_COMMAND}`"
    return f"the schema is at revision {current(engine)}, newer than this wismo ({head()}); upgrade wismo"


def prepare(engine: Engine) -> None:
    """Make the database usable: an empty one is migrated to head, a current one is left alone,
    anything else raises SchemaBehind (migrating is the operator's call: `wismo db upgrade`)."""
    if state(engine) == "current":  # the common case, without taking the lock
        return
    with exclusive(engine):
        found = state(engine)
        if found == "empty":
            _upgrade(engine, "head")
        elif found != "current":
            raise SchemaBehind(f"wismo cannot use this database: {describe(engine)}.")


def _upgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.upgrade(config(conn), revision)


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Apply the migrations up to `revision` under the cross-instance lock; (before, after)."""
    with exclusive(engine):
        before = current(engine)
        _upgrade(engine, revision)
        return before, current(engine)


def downgrade(engine: Engine, revision: str) -> tuple[str | None, str | None]:
    """Undo migrations down to `revision` (rehearsals only: what the undone parts held is dropped)."""
    with exclusive(engine):
        before = current(engine)
        with engine.begin() as conn:
            command.downgrade(config(conn), revision)
        return before, current(engine)
