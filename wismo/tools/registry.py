"""The tools a model may call, as langchain-core tool definitions.

Their schemas are what the model sees; the run-time context (who is asking, what they verified) is
injected, never chosen by the model. Each tool re-checks authorization and returns facts as JSON;
the facts also go to the turn's evidence so the citation check can verify the model's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from langchain_core.tools import BaseTool, InjectedToolArg, tool

from ..agent import wording
from ..domain.status import STATUS_PHRASES, ShipmentStatus
from . import knowledge, pickup
from .context import ToolContext
from .evidence import Fact, ToolRefused
from .tracking import track_number as _track_number
from .tracking import track_order as _track_order

_PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")


@dataclass
class ModelToolContext:
    """What a model's tool call runs with: the turn's tool context, services and collected evidence."""

    tools: ToolContext
    services: Any
    conversation_id: str
    client_key: str | None
    wall_now: datetime
    timezone: str = "America/New_York"
    evidence: list[Fact] = field(default_factory=list)
    verified_now: str | None = None
    #: The conversation's failed verifications so far (this turn's included) and its lock threshold.
    failed_verifications: int = 0
    max_failed_verifications: int = 5

    @property
    def locked(self) -> bool:
        return self.failed_verifications >= self.max_failed_verifications


def fact_json(fact: Fact, tz: str) -> dict[str, Any]:
    """A fact as the model sees it: times in the customer's words, statuses as phrases."""
    values: dict[str, Any] = {}
    for key, value in fact.values.items():
        if key in ("timezone", "opening_hours"):
            continue
        if isinstance(value, ShipmentStatus):
            values[key] = STATUS_PHRASES[value]
        elif isinstance(value, datetime):
            values[key] = wording.moment(value, tz)
        else:
            values[key] = value
    return {"source_id": fact.source_id, "label": fact.label, "facts": values}


def _collect(ctx: ModelToolContext, facts: list[Fact]) -> list[dict[str, Any]]:
    known = {f.source_id for f in ctx.evidence}
    ctx.evidence.extend(f for f in facts if f.source_id not in known)
    return [fact_json(f, ctx.timezone) for f in facts]


def _refused(exc: ToolRefused) -> dict[str, str]:
    return {"error": exc.reason, "hint": "ask the customer for the order number and the email or ZIP code on it"}


@tool(parse_docstring=True)
def verify_customer(
    order_number: str, email_or_zip: str, ctx: Annotated[ModelToolContext, InjectedToolArg]
) -> dict[str, Any]:
    """Verify the customer for an order before looking it up.

    Args:
        order_number: the order number the customer gave, e.g. #WS10042.
        email_or_zip: the email address (or its placeholder such as <EMAIL_1>) or ZIP code on the order.
    """
    if ctx.locked:
        return {"verified": False, "message": "too many failed tries; offer to pass the customer to a person"}
    value = email_or_zip.strip()
    if _PLACEHOLDER.fullmatch(value):
        value = ctx.services.vault.resolve(ctx.conversation_id, value)
    is_email = "@" in value
    verdict = ctx.services.gatekeeper.verify(
        ctx.conversation_id,
        order_number,
        email=value if is_email else None,
        postal_code=None if is_email else value,
        client=ctx.client_key,
        now=ctx.wall_now,
    )
    if verdict.verified:
        from ..domain.store import normalize_key

        ctx.verified_now = normalize_key(order_number)
        ctx.tools.verified_order = ctx.verified_now
        return {"verified": True}
    if not verdict.reason.endswith("limited"):  # a checked wrong pair counts toward the conversation's lock
        ctx.failed_verifications += 1
    return {"verified": False, "message": "the details do not match an order; ask the customer to check them"}


@tool(parse_docstring=True)
def track_order(order_number: str, ctx: Annotated[ModelToolContext, InjectedToolArg]) -> dict[str, Any]:
    """Look up a verified order: its shipments, latest scan and delivery estimate.

    Args:
        order_number: the verified order number, e.g. #WS10042.
    """
    try:
        trackings = _track_order(ctx.tools, order_number)
    except ToolRefused as exc:
        return _refused(exc)
    facts: list[Fact] = []
    for t in trackings:
        ctx.timezone = t.timezone
        facts.extend(t.facts)
        eta_tool = getattr(ctx.services, "eta", None)
        if eta_tool is not None:
            eta = eta_tool(ctx.tools, t)
            if eta is not None:
                facts.append(eta)
    return {"results": _collect(ctx, facts)}


@tool(parse_docstring=True)
def track_tracking_number(tracking_number: str, ctx: Annotated[ModelToolContext, InjectedToolArg]) -> dict[str, Any]:
    """Carrier status for a tracking number (no order details), as a carrier's site shows it.

    Args:
        tracking_number: the carrier tracking number.
    """
    t = _track_number(ctx.tools, tracking_number)
    if t is None:
        return {"error": "unknown_tracking_number"}
    ctx.timezone = t.timezone
    return {"results": _collect(ctx, t.facts)}


@tool(parse_docstring=True)
def pickup_options(order_number: str, ctx: Annotated[ModelToolContext, InjectedToolArg]) -> dict[str, Any]:
    """The nearest pickup points that can take this order's parcel, with opening state.

    Args:
        order_number: the verified order number.
    """
    try:
        trackings = _track_order(ctx.tools, order_number)
    except ToolRefused as exc:
        return _refused(exc)
    if not trackings or trackings[-1].order is None:
        return {"error": "no_shipment"}
    t = trackings[-1]
    options = pickup.nearest(ctx.tools, t.order, t.shipment)
    ctx.timezone = t.timezone
    return {"results": _collect(ctx, [o.fact for o in options])}


@tool(parse_docstring=True)
def search_policy(question: str, ctx: Annotated[ModelToolContext, InjectedToolArg]) -> dict[str, Any]:
    """The shop's written policy that answers a question (returns, shipping, cutoffs, pickup hours).

    Args:
        question: the customer's question in their words.
    """
    found = knowledge.search(question, limit=2)
    return {"results": _collect(ctx, [a.fact() for a in found])}


TOOLS: tuple[BaseTool, ...] = (verify_customer, track_order, track_tracking_number, pickup_options, search_policy)
BY_NAME: dict[str, BaseTool] = {t.name: t for t in TOOLS}
