"""Exchange stock and variants: which product a SKU is, and which other sizes or colours can be sent.

Stock is a deterministic demo rule (see `units_in_stock`), so an exchange offer is the same on every run.
"""

from __future__ import annotations

import hashlib

from ...domain.catalog import PRODUCTS, Product
from ..context import ToolContext
from ..evidence import Fact, ToolRefused
from .rules import policy


def product_of(sku: str) -> Product | None:
    base = sku.rsplit("-", 1)[0] if sku.count("-") >= 2 else sku
    return next((p for p in PRODUCTS if p.sku == base), None)


def units_in_stock(base_sku: str, variant: str) -> int:
    """Demo stock, deterministic: sha256("<BASE>|<variant>")[0] % 12 units (the same on every run)."""
    return hashlib.sha256(f"{base_sku}|{variant}".encode()).digest()[0] % 12


def in_stock(base_sku: str, variant: str) -> bool:
    return units_in_stock(base_sku, variant) >= policy().min_units


def variant_sku(product: Product, variant: str) -> str:
    return f"{product.sku}-{product.variants.index(variant):02d}"


def exchange_choices(ctx: ToolContext, order_key: str, line_id: int) -> list[Fact]:
    """The other variants of a line's product and whether each is in stock, as evidence."""
    order = ctx.require_order(order_key)
    assert order.id is not None
    line = next((ln for ln in ctx.store.lines(order.id) if ln.id == line_id), None)
    product = product_of(line.sku) if line else None
    if line is None or product is None:
        raise ToolRefused("no_such_line", "that item is not on this order")
    return [
        Fact(
            f"return:stock:{product.sku}:{v}",
            f"{product.name} ({v})",
            {"variant": v, "in_stock": in_stock(product.sku, v), "amount": product.price},
        )
        for v in product.variants
        if v != line.variant
    ]
