"""Alembic's entry point: runs the migrations on the connection wismo hands it (domain/schema.py).

There is no alembic.ini: `wismo db upgrade` and `wismo db revision` build the configuration and
pass an open connection in `config.attributes["connection"]` (and, to write a new migration, the
registered tables in `config.attributes["target_metadata"]`).
"""

from __future__ import annotations

from alembic import context

from wismo.domain.schema import include_object, render_item

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=context.config.attributes.get("target_metadata"),
    include_object=include_object,
    render_item=render_item,
    # SQLite cannot ALTER most things in place: batch mode copies the table there (and is plain
    # ALTER TABLE on PostgreSQL), so generated migrations run on both.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
