"""What a tool knows about the turn it serves: the store, the clock and what the conversation proved.

Tools check authorization themselves (the second layer after the graph's authorize node), so a
model-driven engine that asks for an unverified order is refused whatever it was told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain.models import Order
from ..domain.store import Store, normalize_key
from .evidence import ToolRefused


@dataclass
class ToolContext:
    store: Store
    conversation_id: str
    verified_order: str | None
    now: datetime
    #: Every order the conversation verified (the focus `verified_order` among them).
    verified: frozenset[str] = frozenset()
    _orders: dict[str, Order | None] = field(default_factory=dict, repr=False)

    def order(self, key: str) -> Order | None:
        """The order's row, read once per turn: several tools of a turn need it, none changes it."""
        key = normalize_key(key)
        if key not in self._orders:
            self._orders[key] = self.store.order(key)
        return self._orders[key]

    def require_order(self, order_key: str) -> Order:
        """The order's row, when this conversation verified it and it exists; refuses otherwise."""
        order = self.order(self.require_verified(order_key))
        if order is None or order.id is None:
            raise ToolRefused("not_found", "no such order")
        return order

    def require_verified(self, order_key: str) -> str:
        """The normalized key when this conversation verified that order; refuses otherwise."""
        key = normalize_key(order_key)
        proven = {normalize_key(k) for k in self.verified} | (
            {normalize_key(self.verified_order)} if self.verified_order else set()
        )
        if key not in proven:
            raise ToolRefused("not_verified", "this conversation has not verified that order")
        return key
