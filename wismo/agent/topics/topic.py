"""The Topic type: a policy article and the pattern of the wordings that ask for it.

Kept apart so the tables (shipping, delivery, returns), the registry and the follow-ups all build on one
type without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    article: str
    pattern: re.Pattern[str]


def rx(*parts: str) -> re.Pattern[str]:
    """One pattern out of a topic's wordings (one part a language, as a rule)."""
    return re.compile("|".join(f"(?:{p})" for p in parts))
