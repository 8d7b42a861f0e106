"""What the graph's nodes use but never store: services shared by all turns, and this turn's raw input.

Passed to LangGraph as run-time context, so nothing here (above all the customer's unredacted
words) ever reaches a checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..config import Settings
from ..domain.store import Store
from ..guardrails.access import Gatekeeper
from ..i18n.catalog import Catalog


class Templates(Catalog):
    """Response templates in the configured tone and brand, in every language (see wismo.i18n.catalog)."""

    def __init__(self, settings: Settings) -> None:
        brand = settings.brand_name
        super().__init__(
            settings.tone,
            {
                "brand": brand,
                "brand_s": f"{brand}'" if brand.endswith("s") else f"{brand}'s",
                "bot": settings.bot_name,
            },
        )


@dataclass
class Services:
    """Long-lived collaborators, built once per process."""

    settings: Settings
    store: Store
    gatekeeper: Gatekeeper
    templates: Templates
    redactor: Any
    vault: Any
    eta: Any = None
    #: The model client when WISMO_ENGINE=openai.
    llm: Any = None
    #: The knowledge base (Chroma) that answers policy questions.
    kb: Any = None


@dataclass
class Turn:
    """The run-time context of one turn."""

    services: Services
    #: The customer's words as typed. Only the screen node reads them.
    raw_text: str
    client_key: str | None
    #: The store's clock (a demo store has its own).
    now: datetime
    #: Real time, for rate limits.
    wall_now: datetime
    #: Milliseconds spent in each node this turn.
    timings: dict[str, float] = field(default_factory=dict)
    #: Placeholder -> original for the PII of this message (set by screen), so later nodes of the
    #: same turn need not read the vault back.
    pii: dict[str, str] = field(default_factory=dict)
    #: The channel's hint of the customer's language (Accept-Language, a profile locale), if any.
    language_hint: str | None = None
    #: When this turn's model calls must be done (time.monotonic()), set at the first call.
    model_deadline: float | None = None
