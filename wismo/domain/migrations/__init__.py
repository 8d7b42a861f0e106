"""Alembic migrations of the store (run them with `wismo db upgrade`; see wismo/schema.py)."""
