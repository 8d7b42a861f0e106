"""Reading a follow-up on from the thread it belongs to.

"and overnight?" after the shipping prices asks that speed's price; "bis wann?" after the return rules
asks the return's deadline, not the shipping cut-off; "how much?" right after a return was booked asks
what returns cost. These need the previous answer's topics, which the plain registry does not see.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import topic_words as words
from ..cues import fold
from .registry import ASKS_DEADLINE, TOPICS, WEEKDAY
from .shipping import FAR_PLACES
from .topic import Topic

#: A topic a short "and ...?" goes on with: "and 2-day?" after the holiday cut-offs asks its cut-off,
#: not its price.
THREADS: dict[str, frozenset[str]] = {"holiday_cutoff": frozenset({"shipping_cost"})}


#: ("$$?" alone asks a price too.)
_ASKS_PRICE = re.compile(rf"\b{words.COST}\b|^[\s$€£?!]*[$€£][\s$€£?!]*$")
_NAMES_SPEED = re.compile(rf"\b{words.SPEED}")


#: A shipping speed or the act of ordering named: the cut-off to order by, not a return's deadline.
_ORDERS_AGAIN = re.compile(
    rf"\b{words.SPEED}|\b(?:standard\w*|regular shipping|normal shipping|estandar|to order|(?:can|could|should|must"
    r"|need to|have to) order|gets? here by|para (?:pedir|ordenar|comprar)|pour commander|bestellen"
    r"|encomendar)\b"
)

#: The shipping thread: after either answer, "what does it cost?" asks the price and "till when?" the
#: cut-off, whatever speed the message names.
_SHIPPING_THREAD = ("holiday_cutoff", "shipping_cost")


#: Asking how to begin: "how do I start", "¿cómo empiezo?", "comment je commence ?", "wie fange ich an?".
_START_IT = re.compile(
    r"\bhow (?:do|can|should) (?:i|we|she|he) (?:start|begin)\b|\bcomo (?:empiezo|inicio|comienzo|lo inicio"
    r"|comeco|inicio)\b|\bcomment (?:je )?(?:commence|demarre|fait-on|on commence)\b|\bwie (?:fange|starte)"
    r" (?:ich|man)\b|\bpor onde (?:comeco|inicio)\b"
)
#: Asking how to do what the last answer said: "how do i do that then", "¿y cómo lo hago?", "wie geht das?".
_HOW_TO_DO_IT = re.compile(
    r"\bhow (?:do|can|would|should) (?:i|we|you) (?:do|set up|sign up for|get) (?:that|it|this)\b"
    r"|\bhow (?:do|can|would|should) (?:i|we|you) set (?:that|it|this) up\b"
    r"|\bhow does that work\b"
    r"|\bcomo (?:lo|la|eso) (?:hago|puedo hacer|activo)\b|\bcomo se hace( eso)?\b"
    r"|\bcomment (?:je fais|faire|on fait|ca marche|je m'y prends)\b"
    r"|\bwie (?:mache ich das|geht das|funktioniert das|stelle ich das ein)\b"
    r"|\bcomo (?:eu )?(?:faco|faz) (?:isso|isto)\b|\bcomo funciona( isso)?\b"
)


class _NextAsked(NamedTuple):
    """What a short follow-up asks after a given article: its words, the topic it asks, and the topics it
    may also match and still mean that one (a place with "how long" reads as the shipping speeds)."""

    words: re.Pattern[str]
    topic: str
    also: frozenset[str] = frozenset()


#: A holiday's day named in a short follow-up: "and the day after christmas?", "und an Heiligabend?".
_HOLIDAY_DAY = re.compile(
    r"\b(?:christmas(?: eve| day)?|xmas(?: eve)?|day after christmas|boxing day|new years?(?: eve| day)?|nye"
    r"|nochebuena|navidad|nochevieja|ano nuevo|reveillon|noel|saint-sylvestre|jour de l'an|heiligabend"
    r"|weihnachten|silvester|neujahr|vespera de natal|natal|ano novo|(?:the )?(?:24|25|26|31)(?:th|st)?)\b"
)

#: What a short follow-up with no topic of its own asks after a given article.
_NEXT_ASKED: dict[str, _NextAsked] = {
    "policy:pickup#store-hours": _NextAsked(_HOLIDAY_DAY, "holiday_store_hours"),
    "policy:pickup#holiday-hours": _NextAsked(
        re.compile(
            r"\b(?:usually|normally|regular(?:ly)?|otherwise|d'habitude|normalement|sinon|normalmente|habitualmente"
            r"|de costumbre|normalerweise|sonst|gewohnlich|geralmente|costuma)\b|" + WEEKDAY.pattern
        ),
        "store_hours",
    ),
    "policy:returns#window": _NextAsked(
        # "what about something i bought in late november?" after the window: that purchase's window.
        re.compile(
            r"\b(?:what about|and|how about|y|et|und|e)\b.{0,40}\b(?:bought|purchased|ordered|got|compre|pedi"
            r"|achete|commande|gekauft|bestellt|comprei)\b"
        ),
        "return_deadline",
        frozenset({"gift_privacy"}),
    ),
    "policy:shipping#weekend": _NextAsked(
        # "wait so sunday yes or no" after who delivers on weekends: the same rule, asked again.
        re.compile(
            r"\b(?:saturdays?|sundays?|weekends?|sabados?|domingos?|samedis?|dimanches?|samstags?|sonntags?"
            r"|wochenende|fim de semana|fin de semana|week-?end)\b"
        ),
        "weekend_delivery",
    ),
    "policy:shipping#po-box": _NextAsked(
        # "how long does that take" after the military-mail rule: its 10 to 20 business days; "can it go
        # fedex? its faster right": USPS only, as it says.
        re.compile(
            r"\b(?:how long|cuanto tarda|cuanto demora|combien de temps|wie lange|quanto tempo|quanto demora"
            r"|fedex|ups|dhl|express|overnight|2-?day|faster|quicker)\b"
        ),
        "po_box",
    ),
    "policy:shipping#where": _NextAsked(
        re.compile(rf"\b(?:{FAR_PLACES}|territor\w*|apo|fpo)\b"),
        "ship_where",
        frozenset({"shipping_cost"}),
    ),
}


#: Whether something comes in time: "will i have it before christmas", "¿lo tendré antes de navidad?".
_IN_TIME = re.compile(
    r"\b(?:before|by|in time for|until) (?:christmas|xmas|the holidays|new year'?s?|the \d+(?:st|nd|rd|th)?)\b"
    r"|\b(?:antes de|para) (?:navidad|nochebuena|ano nuevo|fin de ano|el \d+)\b"
    r"|\b(?:avant|pour) (?:noel|le reveillon|le nouvel an|le \d+)\b|\b(?:vor|bis) (?:weihnachten|heiligabend"
    r"|silvester|neujahr|dem \d+)\b|\b(?:antes do|antes de|ate o) (?:natal|ano novo|dia \d+)\b"
)

#: How long it takes once the return reaches us: "once you get it how long", "une fois reçu, combien de temps".
_ONCE_RECEIVED = re.compile(
    rf"(?=.*\b{words.HOW_LONG}\b)(?=.*\b(?:once|after|when) (?:you|u|ya) (?:get|got|receive|have)\b"
    r"|.*\b(?:une fois (?:que vous l'avez |que vous l'aurez |que c'est )?recu|une fois que vous l'avez)\b"
    r"|.*\b(?:cuando (?:lo|la) (?:reciban|recibais|tengan)|una vez (?:que )?(?:lo|la) (?:reciban|tengan))\b"
    r"|.*\b(?:wenn ihr(?:'?s| es)? (?:habt|bekommt)|sobald (?:ihr|sie) (?:es )?(?:habt|haben|bekommen))\b"
    r"|.*\b(?:depois de (?:vos |lhes )?chegar|quando (?:voces )?(?:receberem|recebem)|assim que (?:chegar"
    r"|receberem))\b)"
)


def asks_within_returns(text: str, state: dict) -> bool:
    """A longer message that asks until when, or how long once it is back with us, right after a written
    answer on returns: it reads on from that thread, whatever else it tells."""
    articles = state.get("topic_articles") or []
    if not any(a.startswith("policy:returns#") for a in articles):
        return False
    folded = fold(text)
    return bool(ASKS_DEADLINE.search(folded) or _ONCE_RECEIVED.search(folded) or _IN_TIME.search(folded))


def after_a_return(text: str) -> list[Topic]:
    """ "kostet mich das was?" right after a return or exchange was booked: what returns cost."""
    folded = fold(text)
    if _ASKS_PRICE.search(folded) and not _NAMES_SPEED.search(folded):
        return [t for t in TOPICS if t.name == "return_cost"]
    return []


def read_on(text: str, found: list[Topic], before: list[Topic]) -> list[Topic]:
    """The topics of a short "and ...?" message, read on from the previous question's topics
    ("and how much is overnight?" still asks its price)."""
    folded = fold(text)
    if not found and _HOW_TO_DO_IT.search(folded):
        return before  # "how do i do that then" after the delivery instructions: the same article, again
    if not found and any(b.name == "holiday_store_hours" for b in before) and _HOLIDAY_DAY.search(folded):
        return before  # "and the day after christmas?" after the holiday hours: the same hours, that day
    if any(b.name == "store_hours" for b in before) and WEEKDAY.search(folded):
        # "and sunday? also are u open christmas eve" after the store hours: that day's usual hours, and the rest.
        holiday = [t for t in TOPICS if t.name == "holiday_store_hours"] if _HOLIDAY_DAY.search(folded) else []
        rest = found or holiday
        if rest and not any(t.name == "store_hours" for t in rest):
            return [*(t for t in TOPICS if t.name == "store_hours"), *rest]
    for b in before:
        nxt = _NEXT_ASKED.get(b.article)
        if nxt is not None and all(t.name in nxt.also for t in found) and nxt.words.search(folded):
            # "et le dimanche d'habitude ?" after the holiday hours: the usual hours; "y a Puerto Rico? cuánto
            # tarda?" after where we ship: where we ship, which says how much longer the territories take.
            return [t for t in TOPICS if t.name == nxt.topic]
    if not found and any(b.name in _SHIPPING_THREAD for b in before) and _NAMES_SPEED.search(folded):
        return before  # "overnight?", "k and 2 day" after the cut-offs or the prices: the same answer, that speed
    if any(b.name in _SHIPPING_THREAD for b in before) and any(t.name == "shipping_upgrade" for t in found):
        # "and if i pay for overnight? how much" after the cut-offs: that speed's cut-off and price, no upgrade.
        found = [t for t in found if t.name != "shipping_upgrade"]
        if not found:
            return before
    if any(b.name in _SHIPPING_THREAD for b in before) and all(t.name in _SHIPPING_THREAD for t in found):
        # "was kostet das?" after the cut-offs, "e no envio normal até quando?" after the prices.
        asks = (ASKS_DEADLINE, _ASKS_PRICE)
        asked = [name for name, rx in zip(_SHIPPING_THREAD, asks, strict=True) if rx.search(folded)]
        if asked == ["shipping_cost"] and _NAMES_SPEED.search(folded) and before[0].name == "holiday_cutoff":
            # "and with 2-day shipping? how much is that" after the cut-offs: that speed's cut-off, and its price.
            asked = list(_SHIPPING_THREAD)
        if asked:
            return [t for t in TOPICS if t.name in asked]
    in_returns = any(b.article.startswith("policy:returns#") for b in before)
    if in_returns and not found and _START_IT.search(folded):
        # "ok so how do I start" after the return rules: how a return is started.
        return [t for t in TOPICS if t.name == "return_dropoff"]
    # ("bis wann muss ich mit Standardversand bestellen?" after the return window: a shipping speed named
    # makes it the order's cut-off again.)
    orders_again = any(t.name == "holiday_cutoff" for t in found) and bool(_ORDERS_AGAIN.search(folded))
    if in_returns and not orders_again and not any(t.article.startswith("policy:returns#") for t in found):
        if _ONCE_RECEIVED.search(folded):
            # "et une fois que vous l'avez reçu ça prend combien de temps ?" after the return rules: the refund.
            return [t for t in TOPICS if t.name == "refund_timing"]
        if ASKS_DEADLINE.search(folded):
            # "bis wann geht das? noch im Jänner?" after the gift rule: the return's deadline, not the shipping one.
            return [t for t in TOPICS if t.name == "return_deadline"]
    if any(b.name == "return_in_store" for b in before) and [t.name for t in found] == ["pickup_bring"]:
        # "do I need to bring anything?" after returning in a store: what the store asks for, not the carrier.
        return [t for t in TOPICS if t.name == "return_in_store"]
    if not found and any(b.name == "refund_timing" for b in before) and _IN_TIME.search(folded):
        # "so will i have it before christmas or not" after when refunds arrive: the same rule, for that day.
        return [b for b in before if b.name == "refund_timing"]
    if _ASKS_PRICE.search(folded):
        # "and 2-day? until when, and what does it cost?": the cut-off too when a deadline is asked.
        return [*before, *found] if ASKS_DEADLINE.search(folded) else found
    if any(t.name in THREADS.get(b.name, ()) for b in before for t in found):
        return before
    return found
