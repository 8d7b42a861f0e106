"""The returns policy as data: the window, final-sale rules, reasons and warehouses from returns.yaml.

Kept apart so every other part of returns reads one policy, and a policy change is a YAML edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .. import knowledge
from ..evidence import Fact

OPTIONS = ("refund", "store_credit", "exchange")


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    kind: str  # fit | defect | logistics | preference
    shop_fault: bool


@dataclass(frozen=True)
class ReturnPolicy:
    window_days: int
    holiday_from: tuple[int, int]
    holiday_until: tuple[int, int]
    final_sale_categories: frozenset[str]
    non_returnable_categories: frozenset[str]
    plan_ttl: timedelta
    refund_business_days: int
    options: dict[str, str]
    reasons: dict[str, Reason]
    min_units: int
    warehouses: dict[str, dict]

    def last_day(self, delivered: date, placed: date) -> date:
        """The last day to return: the window from delivery, or the holiday date when later."""
        last = delivered + timedelta(days=self.window_days)
        start = date(placed.year, *self.holiday_from)
        until_year = placed.year + (1 if self.holiday_until < self.holiday_from else 0)
        if placed >= start and placed <= date(placed.year, 12, 31):
            last = max(last, date(until_year, *self.holiday_until))
        return last


def _md(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@lru_cache(maxsize=1)
def policy() -> ReturnPolicy:
    raw = yaml.safe_load(resources.files("wismo.prompts").joinpath("returns.yaml").read_text("utf-8"))
    return ReturnPolicy(
        window_days=int(raw["window_days"]),
        holiday_from=_md(raw["holiday"]["from"]),
        holiday_until=_md(raw["holiday"]["until"]),
        final_sale_categories=frozenset(raw.get("final_sale_categories") or ()),
        non_returnable_categories=frozenset(raw.get("non_returnable_categories") or ()),
        plan_ttl=timedelta(minutes=int(raw.get("plan_ttl_minutes", 30))),
        refund_business_days=int(raw.get("refund_business_days", 5)),
        options=dict(raw["options"]),
        reasons={
            code: Reason(code, r["label"], r["kind"], bool(r.get("shop_fault"))) for code, r in raw["reasons"].items()
        },
        min_units=int(raw.get("exchange_stock", {}).get("min_units", 3)),
        warehouses=dict(raw.get("warehouses") or {}),
    )


def warehouse_for(city: str, region: str, postal: str) -> dict:
    """The returns address of the warehouse in `city` (the shipment's origin)."""
    known = policy().warehouses.get(city)
    if known:
        return dict(known)
    return {
        "name": "Northwind Outfitters Returns",
        "street": "Returns Dock",
        "city": city,
        "region": region,
        "postal": postal,
    }


def _policy_fact(source_id: str, **values: Any) -> Fact:
    base = knowledge.article(source_id).fact()
    return Fact(base.source_id, base.label, {**base.values, **values})
