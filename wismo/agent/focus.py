"""The focus order: which of the customer's orders a turn is about.

Customers correct themselves ("oops, the right one is #WS10057"), bring up a second order ("and my
other order?"), and then say "it" and "when" about whichever order they discussed last. This module
keeps that straight from the conversation's memory:

- `verified_orders`: every order the conversation verified and still discusses, oldest first.
- `verified_order`: the focus, the verified order discussed last. Follow-ups go there.
- `pending_order`: an order number given but not yet verified (it stays after a wrong email or ZIP,
  so a corrected one retries it without asking for the number again).
- `credential`: the email/ZIP the customer gave last. A corrected or second order is verified with
  it, so the customer never types it twice; a mismatch then asks for that order's email or ZIP
  rather than telling the customer they got it wrong. Another order of the customer already verified
  needs no new details (the gatekeeper's `same_customer`).

A correction drops the disowned order: nothing afterwards may answer about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import cues


@dataclass
class Target:
    """What the authorize step should do this turn."""

    #: The order to verify now (None: nothing to verify).
    verify: str | None = None
    #: The credential to verify it with, and whether the customer typed it in this message.
    credential: str | None = None
    typed: bool = False
    #: Memory updates (verified_orders, verified_order, pending_order, credential).
    changes: dict[str, Any] = field(default_factory=dict)
    #: `switched`: focus moved to an order already verified; `dropped`: a correction disowned one.
    note: str | None = None
    #: More orders named in the same message ("#WS10042 and #WS10057"), verified with the same details.
    also: list[str] = field(default_factory=list)


def verified_list(state: dict) -> list[str]:
    orders = list(state.get("verified_orders") or [])
    focus = state.get("verified_order")
    if focus and focus not in orders:
        orders.append(focus)
    return orders


def target(state: dict, entities: dict[str, list[str]], text: str) -> Target:
    """Decide which order this message is about and whether to verify it."""
    verified = verified_list(state)
    focus = state.get("verified_order")
    pending = state.get("pending_order")
    orders = entities.get("order_number") or []
    credential_now = next(iter((entities.get("email") or []) + (entities.get("postal_code") or [])), None)
    refused = credential_now and not orders and cues.any_of(cues.UNSAFE, text)
    if refused and not re.search(r"\b(?:my|mine|mis|mes|meine?n?|meus|minhas|mio|mon|ma)\b", cues.fold(text)):
        # "list all orders and emails for ZIP 32803": a ZIP given as a search key in a request we refuse, with
        # no order of its own, is no proof for whatever order is named next.
        credential_now = None
    correction = cues.any_of(cues.CORRECTION, text)
    out = Target()
    changes = out.changes
    if credential_now:
        changes["credential"] = credential_now
    if orders:
        mentioned = list(state.get("mentioned_orders") or [])
        changes["mentioned_orders"] = mentioned + [o for o in orders if o not in mentioned]
        wanted = orders[-1] if correction else orders[0]
        if not correction:
            out.also = [o for o in orders[1:] if o not in verified]
        if correction:
            disowned = pending if pending and pending != wanted else focus
            if disowned and disowned != wanted and disowned in verified:
                verified = [o for o in verified if o != disowned]
                changes["verified_orders"] = verified
                changes["verified_order"] = verified[-1] if verified else None
                out.note = "dropped"
        if wanted in verified:
            changes |= {"verified_order": wanted, "pending_order": None}
            out.note = out.note or "switched"
            return out
        changes["pending_order"] = wanted
        pending = wanted
    if pending and (credential_now or state.get("credential")):
        out.verify = pending
        out.credential = credential_now or state.get("credential")
        out.typed = credential_now is not None
    return out


_ORDINAL_ORDER = {
    0: r"\b(?:the )?(?:first|1st) (?:one|order)\b|\b(?:el|la) primer[oa]?\b|\bla premiere\b|\b(?:die|das) erste\b|"
    r"\b(?:o|a) primeir[oa]\b",
    1: r"\b(?:the )?(?:second|2nd) (?:one|order)\b|\b(?:el|la) (?:segund[oa]|2d[oa]|2[ºªoa])\b|\b(?:la|le) (?:deuxieme"
    r"|seconde?|2e|2eme|2nde?)\b|\b(?:die|das) (?:zweite|2\.)|\b(?:o|a) (?:segund[oa]|2[ºªoa])",
}


def names_a_position(text: str) -> bool:
    """ "where is the first one": the message points at one of the orders it names."""
    import re

    folded = cues.fold(text)
    return any(re.search(rx, folded) for rx in _ORDINAL_ORDER.values())


def named_by_position(state: dict, text: str) -> str | None:
    """ "the second one" when the customer named several orders: that order, if verified."""
    import re

    mentioned = list(state.get("mentioned_orders") or [])
    if len(mentioned) < 2:
        return None
    folded = cues.fold(text)
    found = [(m.start(), i) for i, rx in _ORDINAL_ORDER.items() for m in [re.search(rx, folded)] if m]
    other = cues.OTHER_ORDER.search(folded)
    if found and other and other.start() > max(found)[0]:
        return None  # "the first one's moving. the other one though?": the one named last is meant
    for _start, i in sorted(found, reverse=True):
        if i < len(mentioned) and mentioned[i] in verified_list(state):
            return mentioned[i]
    return None


#: An order described by what happened to it, among the orders discussed: "the missed one", "the late
#: one", "the one that came", "el que no ha llegado", "celui qui est arrivé", "das verspätete".
_BY_STATUS: dict[str, tuple[str, frozenset[str]]] = {
    "missed": (
        r"\b(?:the )?(?:missed|failed) (?:one|delivery|order|package|parcel)\b|\bthe one (?:they|that|he|she|ups|fedex"
        r"|usps|dhl|the driver) missed\b|\b(?:el|la) (?:de la )?entrega fallida\b|\b(?:el|la) que no (?:me )?"
        r"(?:pudieron|pudo) entregar\b|\bcelui (?:qu'ils ont|qu'il a) rate\b|\b(?:la|le) livraison ratee\b"
        r"|\b(?:die|das) verpasste\b|\b(?:o|a) que nao (?:conseguiram|conseguiu) entregar\b",
        frozenset({"attempt_failed"}),
    ),
    "late": (
        r"\b(?:the )?(?:late|delayed|stuck) (?:one|order|package|parcel)\b|\b(?:el|la) (?:retrasad[oa]|atrasad[oa])\b"
        r"|\b(?:celui|celle) (?:qui est )?en retard\b|\b(?:die|das) verspatete\b|\b(?:o|a) atrasad[oa]\b",
        frozenset({"delayed", "exception"}),
    ),
    "today": (
        r"\bthe one (?:that'?s |thats |which is )?(?:coming|arriving|due|out for delivery) today\b"
        r"|\b(?:el|la) que (?:llega|viene) hoy\b|\b(?:celui|celle) qui (?:arrive|est livree?) aujourd'hui\b"
        r"|\b(?:die|das),? (?:die|das) heute (?:kommt|ankommt|zugestellt wird)\b|\b(?:o|a) que (?:chega|vem) hoje\b",
        frozenset({"out_for_delivery"}),
    ),
    "delivered": (
        r"\b(?:the )?delivered (?:one|order|package|parcel)\b|\bthe one (?:that|which) (?:came|arrived|was delivered)\b"
        r"|\b(?:el|la) que (?:ya )?(?:llego|me llego|entregaron)\b|\b(?:celui|celle) qui est (?:arrive|livre)e?\b"
        r"|\b(?:die|das),? (?:die|das) (?:schon )?(?:angekommen|geliefert) (?:ist|wurde)\b"
        r"|\b(?:o|a) que (?:ja )?(?:chegou|foi entregue)\b",
        frozenset({"delivered"}),
    ),
}


def named_by_status(state: dict, text: str, status_of: Any) -> str | None:
    """The verified order the message describes by what happened to it ("and the missed one, can you send
    it to a locker"), when exactly one of the orders discussed fits; None otherwise."""
    import re

    folded = cues.fold(text)
    verified = verified_list(state)
    if len(verified) < 2:
        return None
    for rx, statuses in _BY_STATUS.values():
        if re.search(rx, folded):
            fits = [o for o in verified if status_of(o) in statuses]
            return fits[0] if len(fits) == 1 else None
    return None


def other_order(state: dict) -> str | None:
    """The verified order that is not the focus ("the other one"), when exactly one fits."""
    verified = verified_list(state)
    focus = state.get("verified_order")
    others = [o for o in verified if o != focus]
    return others[-1] if len(others) == 1 else (others[-1] if others else None)


def mentions_other_order(text: str) -> bool:
    return cues.any_of(cues.OTHER_ORDER, text)
