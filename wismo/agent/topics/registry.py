"""Every topic in the registry's order, and finding them in a message.

The order is behaviour: a message's topics are answered in it, and where two topics cite one article
(pickup_hold and pickup_bring, refund_method and return_deadline) the first is the one the article
stands for when a thread is read on. So the tables are split by domain, and the order is kept here.
"""

from __future__ import annotations

import re

from ..cues import ERRAND, fold
from . import delivery, returns, shipping
from .topic import Topic

_BY_NAME = {t.name: t for t in (*shipping.TOPICS, *delivery.TOPICS, *returns.TOPICS)}

_ORDER = (
    "support_hours",
    "shipping_upgrade",
    "po_box",
    "signature",
    "notifications",
    "no_confirmation",
    "card_charged",
    "damaged_return",
    "ship_where",
    "holiday_cutoff",
    "shipping_cost",
    "refund_timing",
    "refund_method",
    "weekend_delivery",
    "carrier_holiday",
    "pickup_hold",
    "locker_code",
    "gift_privacy",
    "return_dropoff",
    "return_in_store",
    "return_deadline",
    "return_cost",
    "exchange_timing",
    "when_to_worry",
    "first_scan",
    "missed_delivery",
    "holiday_store_hours",
    "store_hours",
    "processing_time",
    "someone_else_picks_up",
    "delivery_instructions",
    "pickup_bring",
)

TOPICS: tuple[Topic, ...] = tuple(_BY_NAME[name] for name in _ORDER)
if len(TOPICS) != len(_BY_NAME):
    raise RuntimeError(f"topics missing from the registry's order: {sorted(set(_BY_NAME) - set(_ORDER))}")

#: Until when: "bis wann?", "last day". With a price asked it adds the cut-off; the follow-ups read it too.
ASKS_DEADLINE = re.compile(
    r"\b(?:until when|till when|by when|last day|cut-?off|fecha limite|date limite|bestellschluss|prazo final"
    r"|hasta cuando|para cuando|jusqu'?a quand|bis wann|ate quando"
    r"|hasta que dia|jusqu'?a quel jour|ate que dia|bis zu welchem tag"
    r"|ultimo dia|dernier (?:jour|delai)|letzte[nr]? tag|last date|fecha tope|date butoir|data limite)\b"
)


#: Chat spellings of English words the topics are written in: "do u guys ship to canada", "r ur stores open".
_CHAT_WORDS = {"u": "you", "ur": "your", "r": "are"}
_CHAT_WORD = re.compile(r"\b(?:u|ur|r)\b")


#: A day of the week, in five languages ("and sunday?", "et le dimanche ?").
WEEKDAY = re.compile(
    r"\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|lunes|martes"
    r"|miercoles|jueves|viernes|sabados?|domingos?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montags?|dienstags?|mittwochs?|donnerstags?|freitags?|samstags?|sonntags?|segundas?|tercas?|quartas?"
    r"|quintas?|sextas?)\b"
)


def topics_of(text: str) -> list[Topic]:
    """Every policy topic the message asks about, in the registry's order ("what's the cut-off for
    2-day shipping and how much is it?" asks two)."""
    folded = _CHAT_WORD.sub(lambda m: _CHAT_WORDS[m.group()], ERRAND.sub(" ", fold(text)))
    found = [t for t in TOPICS if t.pattern.search(folded)]
    names = {t.name for t in found}
    if "shipping_cost" in names and "holiday_cutoff" not in names and ASKS_DEADLINE.search(folded):
        # "and 2-day, what does it cost and until when can I order it?": the price and the cut-off.
        found = [t for t in TOPICS if t in found or t.name == "holiday_cutoff"]
        names.add("holiday_cutoff")
    if "holiday_store_hours" in names and not WEEKDAY.search(folded):
        # "what time do your shops shut on Christmas Eve?" asks that day's hours, not the usual ones ("open
        # sunday? and christmas eve?" asks both).
        found = [t for t in found if t.name != "store_hours"]
    return [t for t in found if not any(t.name in _OVERRULES.get(n, ()) for n in names)]


#: A topic that says what a look-alike one means: "how long does the pending charge stay?" asks about the
#: card, not how long a parcel is held.
_OVERRULES: dict[str, frozenset[str]] = {
    "card_charged": frozenset({"pickup_hold"}),
    # "vocês entregam no dia de natal?" asks about a day, not a place.
    "carrier_holiday": frozenset({"ship_where"}),
}


def of_articles(articles: list[str]) -> list[Topic]:
    """One topic per article cited ("policy:shipping#holiday-cutoffs" -> holiday_cutoff), in order."""
    out = []
    for article in articles:
        topic = next((t for t in TOPICS if t.article == article), None)
        if topic is not None and topic not in out:
            out.append(topic)
    return out


def topic_of(text: str) -> Topic | None:
    """The first policy topic the message asks about, or None."""
    found = topics_of(text)
    return found[0] if found else None
