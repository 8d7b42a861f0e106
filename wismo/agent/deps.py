"""What the graph's nodes use but never store: services shared by all turns, and this turn's raw input.

Passed to LangGraph as run-time context, so nothing here (above all the customer's unredacted
words) ever reaches a checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..config import Settings
from ..domain.store import Store
from ..guardrails.access import Gatekeeper


@lru_cache(maxsize=1)
def _raw_templates() -> dict[str, dict[str, str]]:
    return yaml.safe_load(resources.files("wismo.prompts").joinpath("templates.yaml").read_text("utf-8"))


class Templates:
    """Response templates in the configured tone (formal falls back to friendly per key)."""

    def __init__(self, settings: Settings) -> None:
        raw = _raw_templates()
        self.text = dict(raw["friendly"])
        if settings.tone != "friendly":
            self.text.update(raw.get(settings.tone) or {})
        brand = settings.brand_name
        self.common = {
            "brand": brand,
            "brand_s": f"{brand}'" if brand.endswith("s") else f"{brand}'s",
            "bot": settings.bot_name,
        }

    def render(self, key: str, **fields: Any) -> str:
        return self.text[key].format(**self.common, **fields).strip()


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
