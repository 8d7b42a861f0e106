"""Every table of the store, registered in one place, and the way to write the next migration.

Tables live next to the code that owns them (domain models, channel, connector and handoff
records, tools' records...). Importing this module imports each of those modules, so `metadata`
knows them all. It sits at the top of the package so that no lower layer has to import a higher
one to see the whole schema; the migrations themselves (`domain/migrations`) import no model.
"""

from __future__ import annotations

import tempfile

from alembic import command
from sqlalchemy import MetaData
from sqlmodel import SQLModel

from .channels import records as channel_records  # noqa: F401
from .channels import track_records  # noqa: F401
from .connectors import shopify  # noqa: F401
from .domain import models, work_queue  # noqa: F401
from .domain.db import get_engine
from .domain.schema import config, head
from .handoff import records as handoff_records  # noqa: F401
from .tools import records as tool_records  # noqa: F401
from .tools import seasonal_records  # noqa: F401

#: The schema at head: what the migrations must add up to (a test checks that they do).
metadata: MetaData = SQLModel.metadata


def new_revision(message: str) -> str:
    """Write the next migration: what the registered tables add to a database built from the
    migrations so far. Returns the new file's path; read and adjust it before committing."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/rehearsal.db"
        engine = get_engine(url)
        try:
            with engine.begin() as conn:
                command.upgrade(config(conn), "head")
            with engine.begin() as conn:
                cfg = config(conn, target_metadata=metadata)
                # Revisions are numbered in order (0001, 0002, ...) so the chain reads at a glance.
                rev_id = f"{int(head()) + 1:04d}"
                script = command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()
    scripts = script if isinstance(script, list) else [script]
    return ", ".join(str(s.path) for s in scripts if s is not None)
