"""How a conversation ended, judged against what the scenario says a good outcome is.

Per turn, whatever the scenario says: the reply is in the customer's language, a clear message did
not get a non-answer, the bot did not send the same answer twice in a row, and a reply that must be
about one of the customer's orders is about that one. At the end: whether and why a person was
brought in, verification, which order the last answer was about, and what was booked in the store
(a redirect, a return, an exchange for the variant the customer asked for), each read from the
store rather than from the bot's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, func, select

from ..domain.db import session
from ..domain.models import TrackingEvent
from ..i18n.detect import detect, language_text
from ..tools.records import Return
from .scenarios import End, Scenario

#: Replies shorter than this (in letters, without numbers and names of things) are not language-checked:
#: "#WS10042 (UPS, 1Z...)" says nothing about a language.
LANGUAGE_MIN_LETTERS = 12
#: Handoff reasons that are a non-answer when a clear message led to them.
NON_ANSWER_HANDOFFS = frozenset({"repeated_failure", "low_confidence"})


@dataclass
class Booked:
    """What the store holds for one conversation's orders: redirect events and returns."""

    redirects: int = 0
    returns: list[dict[str, Any]] = field(default_factory=list)


def booked(engine: Any, conversation_id: str, shipment_ids: list[int]) -> Booked:
    """Redirects recorded on these shipments and returns created by this conversation."""
    out = Booked()
    with session(engine) as s:
        if shipment_ids:
            out.redirects = int(
                s.exec(
                    select(func.count())
                    .select_from(TrackingEvent)
                    .where(col(TrackingEvent.shipment_id).in_(shipment_ids), TrackingEvent.source == "wismo")
                ).one()
            )
        for r in s.exec(select(Return).where(Return.conversation_id == conversation_id)):
            out.returns.append({"option": r.option, "items": list(r.items or []), "order_key": r.order_key})
    return out


def reply_language(text: str) -> str | None:
    """The language a reply is written in, or None when it has too few words to tell."""
    words = language_text(text)
    if sum(ch.isalpha() for ch in words) < LANGUAGE_MIN_LETTERS:
        return None
    return detect(words)


#: A customer message needs this many words before its own language overrides the conversation's.
MESSAGE_MIN_WORDS = 4


def message_language(text: str, conversation: str | None) -> str | None:
    """The language a customer message is written in, when it has enough words to tell."""
    words = language_text(text)
    if len(words.split()) < MESSAGE_MIN_WORDS:
        return None
    return detect(words, conversation)


def about(citations: list[str], truths: dict[str, dict]) -> set[str]:
    """Which of the picked orders ('order', 'second', 'other') a reply cites."""
    hits: set[str] = set()
    for name, truth in truths.items():
        key = truth["key"].upper()
        tracking = {t.upper() for t in truth["tracking"]}
        for sid in citations:
            parts = sid.split(":")
            if len(parts) < 2:
                continue
            if parts[0] == "order" and parts[1].upper() == key:
                hits.add(name)
            elif parts[0] == "shipment" and parts[1].upper() in tracking:
                hits.add(name)
            elif parts[0] == "eta" and parts[-1].upper() in tracking:
                hits.add(name)
    return hits


def about_failure(wanted: str, citations: list[str], truths: dict[str, dict]) -> str | None:
    cited = about(citations, truths)
    if wanted not in cited:
        return f"about: expected the {wanted} order, the reply cites {sorted(cited) or 'no order'}"
    wrong = cited - {wanted}
    if wrong:
        return f"about: the reply also cites the {', '.join(sorted(wrong))} order"
    return None


def requested_variant(wanted: str, line: dict | None) -> str | None:
    """The variant an exchange must book: the next size up/down from the ordered one, or a literal."""
    if wanted not in ("up", "down"):
        return wanted
    if not line:
        return None
    from ..tools.returns import product_of

    product = product_of(line["sku"])
    if product is None or line.get("variant") not in product.variants:
        return None
    i = product.variants.index(line["variant"]) + (1 if wanted == "up" else -1)
    return product.variants[i] if 0 <= i < len(product.variants) else None


def _in_stock(line: dict | None, variant: str) -> bool:
    from ..tools.returns import in_stock, product_of

    product = product_of(line["sku"]) if line else None
    return product is not None and in_stock(product.sku, variant)


def check_end(
    end: End,
    scenario: Scenario,
    *,
    handoffs: list[str],
    verified: bool,
    last_citations: list[str],
    truths: dict[str, dict],
    before: Booked,
    after: Booked,
    declined_signals: bool,
    false_answers: int,
) -> list[str]:
    """The end checks of one conversation that failed, as sentences."""
    out: list[str] = []
    if end.handoff is not None:
        if not end.handoff and handoffs:
            out.append(f"end: no handoff expected, got {', '.join(handoffs)}")
        elif end.handoff and not handoffs:
            out.append(f"end: expected a handoff ({'/'.join(end.handoff)}), none happened")
        elif end.handoff and not set(handoffs) & set(end.handoff):
            out.append(f"end: handoff reason {', '.join(handoffs)}, expected {'/'.join(end.handoff)}")
    if end.verified is not None and verified != end.verified:
        out.append(f"end: verified should be {end.verified}, is {verified}")
    if end.about:
        failure = about_failure(end.about, last_citations, truths)
        if failure:
            out.append("end " + failure)
    redirects = after.redirects - before.redirects
    new_returns = after.returns[len(before.returns) :]
    exchanges = [r for r in new_returns if r["option"] == "exchange"]
    action = end.action
    if action == "redirect" and redirects <= 0:
        out.append("end: no redirect was booked")
    if action == "return" and not new_returns:
        out.append("end: no return was booked")
    if action in ("none", None) and end.declined and (redirects or new_returns):
        out.append("end: something was booked for a request that should have been declined")
    if action == "none" and (redirects > 0 or new_returns):
        out.append("end: something was booked although nothing should be")
    if action == "exchange" or end.variant:
        line = (truths.get("order") or {}).get("line")
        wanted = requested_variant(end.variant, line) if end.variant else None
        for r in exchanges:
            got = {i.get("new_variant") for i in r["items"]}
            if wanted and got != {wanted}:
                out.append(f"end: exchange booked for {sorted(v for v in got if v)}, the customer asked for {wanted}")
        if action == "exchange" and not exchanges:
            # No such size (the largest asked to go up), or out of stock: booking nothing is right.
            if wanted is not None and _in_stock(line, wanted):
                out.append("end: no exchange was booked")
    if end.declined:
        if false_answers:
            out.append("end: not declined cleanly (a false answer went out)")
        elif not declined_signals:
            out.append("end: the request was not declined")
    return out
