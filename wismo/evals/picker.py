"""Picking orders for scenarios: by state, deterministically per scenario id, never one twice per run.

A scenario names states (`order: {status: attempt_failed}`), not orders, so one suite runs on any
seeded or real store. `second:` asks for another order of the same customer, `other:` for an order
of another customer.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.status import STATUS_PHRASES, ShipmentStatus
from ..domain.store import Store, normalize_key
from .scenarios import ORDER_FIELDS

#: Selectors answered from the order's lines: a returnable item, a final-sale item, two or more
#: different items, an item that comes in sizes.
LINE_SELECTORS = frozenset({"returnable", "final_sale", "multi_item", "sized", "swap"})
_SIZES = frozenset({"XXS", "XS", "S", "M", "L", "XL", "XXL", "S/M", "L/XL"})


def is_sized(variants: tuple[str, ...] | list[str]) -> bool:
    """Whether a product's variants are sizes (S-XL, shoe or waist numbers) rather than colours."""
    return len(variants) > 1 and all(v in _SIZES or v.isdigit() for v in variants)


def _sized_line(lines: list) -> Any:
    from ..tools.returns import product_of

    for line in lines:
        product = product_of(line.sku)
        if not line.final_sale and product is not None and is_sized(product.variants):
            return line
    return None


def _swappable_line(lines: list, direction: str) -> Any:
    """A sized line whose next size `up` or `down` exists and is in stock: what an exchange that the
    scenario expects to be booked needs (the shop refunds instead when it is not)."""
    from ..tools.returns import in_stock, product_of

    for line in lines:
        product = product_of(line.sku)
        if line.final_sale or product is None or not is_sized(product.variants) or line.variant not in product.variants:
            continue
        i = product.variants.index(line.variant) + (1 if direction == "up" else -1)
        if 0 <= i < len(product.variants) and in_stock(product.sku, product.variants[i]):
            return line
    return None


def _returnable_lines(store: Store, order: Any, lines: list) -> list:
    """The lines the shop's return rules accept today: delivered, in the window, not final sale.

    The format promises `returnable: true` means "a delivered order with an item that can go back";
    a line that is merely not final sale may sit on an order still in transit.
    """
    from ..tools.returns import order_eligibility

    # The shop's own rules, lines already on their way back included.
    ok = {e.line_id for e in order_eligibility(store, order, store.now()) if e.eligible}
    return [line for line in lines if line.id in ok]


class NoMatchingOrder(LookupError):
    """The store has no order in the state a scenario asks for."""


# ---------------------------------------------------------------------------- picking orders
class OrderPicker:
    """Chooses orders by state, deterministically per scenario id, so runs are repeatable.

    Each scenario gets orders no other scenario of the run used, and never an order with recent
    failed verifications (from an earlier run): such an order is locked, a state nobody asked for.
    """

    def __init__(self, store: Store, window_seconds: int = 3600) -> None:
        self.store = store
        self.window_seconds = window_seconds
        self._rows: list[dict] | None = None
        self.used: set[str] = set()

    @property
    def rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = self.store.list_orders()
            self.used |= self._recently_failed()
        return self._rows

    def _recently_failed(self) -> set[str]:
        from sqlmodel import select

        from ..domain.db import session
        from ..domain.models import VerificationAttempt

        since = datetime.now(UTC) - timedelta(seconds=self.window_seconds)
        with session(self.store.engine) as s:
            stmt = select(VerificationAttempt.order_key).where(
                VerificationAttempt.success == False,  # noqa: E712
                VerificationAttempt.created_at >= since,
            )
            return {str(k).upper() for k in s.exec(stmt)}

    def pick(
        self,
        selector: dict[str, Any],
        salt: str,
        exclude_emails: frozenset[str] = frozenset(),
        only_email: str | None = None,
    ) -> dict:
        """An unused order matching `selector` (of the customer with `only_email` when given)."""
        plain = {k: v for k, v in selector.items() if k not in LINE_SELECTORS}
        rows = [
            r
            for r in self.rows
            if all(str(r.get(k)) == str(v) for k, v in plain.items())
            and r["email"].lower() not in exclude_emails
            and (only_email is None or r["email"].lower() == only_email)
            and normalize_key(r["order_number"]) not in self.used
        ]
        start = zlib.crc32(salt.encode()) % len(rows) if rows else 0
        for i in range(len(rows)):
            row = rows[(start + i) % len(rows)]
            if self._lines_match(row, selector):
                self.used.add(normalize_key(row["order_number"]))
                return row
        raise NoMatchingOrder(f"no unused order with {selector}")

    def _lines_match(self, row: dict, selector: dict[str, Any]) -> bool:
        wanted = {k: bool(v) for k, v in selector.items() if k in LINE_SELECTORS and k != "swap"}
        if not wanted and not selector.get("swap"):
            return True
        order = self.store.order(row["order_number"])
        lines = self.store.lines(order.id or 0) if order else []
        returnable = _returnable_lines(self.store, order, lines) if order else []
        have = {
            "returnable": bool(returnable),
            "final_sale": any(line.final_sale for line in lines),
            "multi_item": len({line.sku.rsplit("-", 1)[0] for line in lines}) >= 2,
            # An exchange needs a returnable sized line, unless the scenario names another state.
            "sized": _sized_line(returnable if selector.get("status") in (None, "delivered") else lines) is not None,
        }
        swap = selector.get("swap")
        if swap and _swappable_line(returnable, swap) is None:
            return False
        return all(have[k] == v for k, v in wanted.items())

    def pick_pair(self, selector: dict[str, Any], second: dict[str, Any], salt: str) -> tuple[dict, dict]:
        """Two unused orders of one customer: the first matching `selector`, the other `second`."""
        by_email: dict[str, list[dict]] = {}
        for r in self.rows:
            by_email.setdefault(r["email"].lower(), []).append(r)
        emails = sorted(e for e, rows in by_email.items() if len(rows) > 1)
        start = zlib.crc32(salt.encode()) % len(emails) if emails else 0
        for i in range(len(emails)):
            email = emails[(start + i) % len(emails)]
            try:
                first = self.pick(selector, salt, only_email=email)
            except NoMatchingOrder:
                continue
            try:
                return first, self.pick(second, salt + "/second", only_email=email)
            except NoMatchingOrder:
                self.used.discard(normalize_key(first["order_number"]))
        raise NoMatchingOrder(f"no customer with an unused order {selector} and another {second}")

    def values(
        self, row: dict, prefix: str = "", selector: dict[str, Any] | None = None
    ) -> tuple[dict[str, str], dict[str, Any]]:
        """Placeholder values for one order and what the judge needs to know about it."""
        from ..tools.tracking import carrier_name

        order = self.store.order(row["order_number"])
        assert order is not None
        customer = self.store.customer(order.customer_id)
        ships = self.store.shipments(order.id or 0)
        name = customer.name if customer else ""
        lines = self.store.lines(order.id or 0)
        returnable = _returnable_lines(self.store, order, lines)
        selector = selector or {}
        swap = selector.get("swap")
        # {item} is the line the selector was about: the final-sale one, the one to swap, a returnable one.
        final = next((ln for ln in lines if ln.final_sale), None) if selector.get("final_sale") else None
        line = (
            final
            or (_swappable_line(returnable, swap) if swap else None)
            or _sized_line(returnable)
            or (returnable[0] if returnable else None)
            or _sized_line(lines)
            or next((ln for ln in lines if not ln.final_sale), lines[0] if lines else None)
        )
        item = line.name if line else ""
        status = ShipmentStatus(row["status"])
        v = {
            "order_number": order.number,
            "order_digits": re.sub(r"\D", "", order.number),
            "email": order.email,
            "postal_code": order.postal_code,
            "tracking_number": row["tracking_number"],
            "carrier": carrier_name(row["carrier"]),
            "status": status.value,
            "status_phrase": STATUS_PHRASES[status],
            "name": name,
            "first_name": name.split()[0] if name else "",
            "phone": (customer.phone if customer else None) or "",
            "street": order.street,
            "city": order.city,
            "item": item,
            "item_variant": (line.variant or "") if line else "",
        }
        truth = {
            "key": order.number_key,
            "email": order.email.lower(),
            "tracking": {s.tracking_number.upper(): ShipmentStatus(s.status) for s in ships},
            # The carrier's own scan texts: quoting them ("damaged in transit") claims no status.
            "events": sorted({e.description.lower() for s in ships for e in self.store.events(s.id or 0)}),
            "order_id": order.id,
            "shipment_ids": [s.id for s in ships],
            "line": {"sku": line.sku, "variant": line.variant} if line else None,
        }
        assert set(v) == set(ORDER_FIELDS)
        return {f"{prefix}{k}": val for k, val in v.items()}, truth

    def unknown_order_number(self) -> str:
        top = max((int(re.sub(r"\D", "", r["order_number"]) or 0) for r in self.rows), default=10000)
        n = top + 4242
        while self.store.order(f"WS{n}") is not None:
            n += 1
        return f"#WS{n}"
