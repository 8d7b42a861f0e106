"""Evidence: the facts a tool found, each with a stable source id that an answer cites.

The citation check verifies every claim in an answer against the `values` of the facts the
answer cites, so a tool puts into `values` exactly what an answer may state from that source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Kinds of source, named by the prefix of a `source_id`.
SOURCE_KINDS = ("order", "shipment", "eta", "pickup", "return", "policy", "notice", "offer")


@dataclass(frozen=True)
class Fact:
    """One cited source.

    `values` holds typed claims: well-known keys are `status` (ShipmentStatus), `city`, `region`,
    `time`, `window_start`, `window_end` (aware datetimes), `date` (date), `amount` (float),
    `order_number`, `tracking_number`, `carrier`, `count` (int); tools may add others.
    """

    source_id: str
    label: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.source_id.split(":", 1)[0]

    def citation(self) -> dict[str, str]:
        return {"source_id": self.source_id, "kind": self.kind, "label": self.label}

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValueError(f"source id {self.source_id!r} must start with one of {SOURCE_KINDS}")


class ToolRefused(Exception):
    """A tool declined to act (for example: the conversation has not verified that order)."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.reason = reason
