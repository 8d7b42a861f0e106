"""Reading JSON we did not write (webhook payloads): any field may be missing or of any type.

A signed payload proves who sent it, not that it has the shape we expect. These helpers give
each read the type the code needs, or nothing, so a list where a dict was expected is skipped
rather than an exception (a 500, and the platform retrying the same payload for days).
"""

from __future__ import annotations

from typing import Any


def obj(value: Any) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of `value` when it is a list (other items skipped), else none."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def text(value: Any, limit: int = 2000) -> str | None:
    """A string (numbers written as text, ids often are numbers), cut to `limit`; None otherwise."""
    if isinstance(value, str):
        return value[:limit] if value else None
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return str(value)[:limit]
    return None


def texts(value: Any, limit: int = 255) -> list[str]:
    """The strings of a list (numbers as text), others skipped."""
    if not isinstance(value, list):
        return []
    return [t for t in (text(v, limit) for v in value) if t]
