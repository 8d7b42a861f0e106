"""What a tool knows about the turn it serves: the store, the clock and what the conversation proved.

Tools check authorization themselves (the second layer after the graph's authorize node), so a
model-driven engine that asks for an unverified order is refused whatever it was told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.store import Store, normalize_key
from .evidence import ToolRefused


@dataclass
class ToolContext:
    store: Store
    conversation_id: str
    verified_order: str | None
    now: datetime

    def require_verified(self, order_key: str) -> str:
        """The normalized key when this conversation verified that order; refuses otherwise."""
        key = normalize_key(order_key)
        if not self.verified_order or normalize_key(self.verified_order) != key:
            raise ToolRefused("not_verified", "this conversation has not verified that order")
        return key
