"""The citation check: every claim in an answer must be backed by the evidence the answer cites.

Claims are statuses, dates, weekdays, times, places, amounts, percentages, distances, durations and
order/tracking numbers. Each is matched against the cited facts, rendered with the same wording
functions that templates use, so a template answer passes and an invented one does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from ..domain.geo import CARRIER_HUBS, CITIES, WAREHOUSES
from ..domain.status import STATUS_PHRASES, ShipmentStatus
from ..i18n import carrier_events, formats, wording
from ..i18n.catalog import word
from ..tools.evidence import Fact
from . import claim_words

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH_NUM = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH_NUM["sept"] = 9
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

RX = {
    "order_number": re.compile(r"#?\bWS-?\d{5}\b", re.I),
    "tracking_number": re.compile(r"\b(1Z[0-9A-Z]{16}|9\d{19,21}|\d{15}|\d{12}|\d{10})\b"),
    "money": re.compile(r"(?:[$€£]\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:usd|dollars|eur|euros))", re.I),
    "percent": re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent)", re.I),
    "time": re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", re.I),
    "date": re.compile(
        rf"\b(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b", re.I
    ),
    "weekday": re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I),
    "relative_day": re.compile(r"\b(?:today|tomorrow|tonight|yesterday)\b", re.I),
    "distance": re.compile(r"\b\d+(?:\.\d+)?\s?(?:km|kilometers|miles|mi)\b", re.I),
    "duration": re.compile(r"\b\d+(?:\s?(?:to|-)\s?\d+)?\s+(?:business\s+)?(?:days?|hours?|weeks?)\b", re.I),
    "place": re.compile(r"\b([A-Z][a-zA-Z.']+(?:\s[A-Z][a-zA-Z.']+)*),\s([A-Z]{2})\b"),
    # "Monday, Dec 15": the weekday must be the weekday of that very date.
    "dated_weekday": re.compile(
        rf"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?"
        rf"(?:(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}/\d{{1,2}}\b)",
        re.I,
    ),
}

#: "in Springfield", "near Lyon": a proper name after a place preposition is a place claim.
_PLACE_AFTER = re.compile(r"\b(?i:in|at|near|from|to|via|through|around)\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)\b")
#: Capitalized words after those prepositions that are not places.
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow christmas thanksgiving "
    "i you we it order orders tracking talk the a an our your my this that ups usps dhl fedex".split()
)

#: Status words an answer may use, and the statuses that back each.
STATUS_CLAIMS: dict[str, set[ShipmentStatus]] = {
    "out for delivery": {ShipmentStatus.OUT_FOR_DELIVERY},
    "in transit": {ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELAYED},
    "was delivered": {ShipmentStatus.DELIVERED},
    "has been delivered": {ShipmentStatus.DELIVERED},
    "as delivered": {ShipmentStatus.DELIVERED},
    "already arrived": {ShipmentStatus.DELIVERED},
    "running late": {ShipmentStatus.DELAYED},
    "is delayed": {ShipmentStatus.DELAYED},
    "ready for pickup": {ShipmentStatus.AVAILABLE_FOR_PICKUP},
    "held up": {ShipmentStatus.EXCEPTION},
    "on its way back": {ShipmentStatus.RETURNED_TO_SENDER},
    "returned to sender": {ShipmentStatus.RETURNED_TO_SENDER},
    "waiting to ship": {ShipmentStatus.PENDING},
    "tried to deliver": {ShipmentStatus.ATTEMPT_FAILED},
    "delivery attempted": {ShipmentStatus.ATTEMPT_FAILED},
    "stopped updating": {ShipmentStatus.EXPIRED},
    "label created": {ShipmentStatus.INFO_RECEIVED},
    "has the shipping label": {ShipmentStatus.INFO_RECEIVED},
}
for _status, _phrase in STATUS_PHRASES.items():
    STATUS_CLAIMS.setdefault(_phrase, set()).add(_status)

_NEGATED = re.compile(r"(\bnot|n't|\bnever|\bno longer)\s+(be\s+|been\s+|yet\s+|marked\s+as\s+|as\s+)?$")

KNOWN_PLACES = frozenset(
    {c.name.lower() for c in CITIES + WAREHOUSES}
    | {name.lower() for hubs in CARRIER_HUBS.values() for name, _ in hubs.values()}
)


@dataclass
class Claim:
    kind: str
    text: str


@dataclass
class CheckResult:
    passed: bool
    claims: list[Claim] = field(default_factory=list)
    unsupported: list[Claim] = field(default_factory=list)
    #: Cited ids that are not in the evidence at all.
    unknown_citations: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        if self.unknown_citations:
            return f"cites unknown sources: {', '.join(self.unknown_citations)}"
        if self.unsupported:
            return "unsupported claims: " + "; ".join(f"{c.kind} '{c.text}'" for c in self.unsupported)
        return "all claims backed"


@cache
def status_claims(lang: str) -> dict[str, set[ShipmentStatus]]:
    """Status words an answer in `lang` may use (folded), and the statuses that back each."""
    if lang == "en":
        return STATUS_CLAIMS
    out: dict[str, set[ShipmentStatus]] = {}
    for status in ShipmentStatus:
        out.setdefault(claim_words.fold(word(f"status.{status.value}", lang)), set()).add(status)
    return out


def extract_claims(text: str, lang: str | None = None) -> list[Claim]:
    """Every claim of an answer, read in the language it is written in (the turn's by default)."""
    lang = lang or formats.current()
    if lang != "en":
        return _claims_in(text, lang)
    claims: list[Claim] = []
    for kind, rx in RX.items():
        for m in rx.finditer(text):
            claims.append(Claim(kind, m.group(0)))
    low = text.lower()
    for phrase in STATUS_CLAIMS:
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", low):
            # "couldn't be delivered" / "not delivered yet" state no status.
            if not _NEGATED.search(low[max(0, m.start() - 24) : m.start()]):
                claims.append(Claim("status", phrase))
                break
    for name in KNOWN_PLACES:
        if re.search(rf"\b{re.escape(name)}\b", low):
            claims.append(Claim("place", name))
    for m in _PLACE_AFTER.finditer(text):
        name = m.group(1)
        if name.split()[0].lower() not in _NOT_PLACES and name.lower() not in KNOWN_PLACES:
            claims.append(Claim("place", name))
    return claims


def _claims_in(text: str, lang: str) -> list[Claim]:
    lex = claim_words.lexicon(lang)
    folded = claim_words.fold(text)
    claims: list[Claim] = []
    for kind in ("order_number", "tracking_number"):
        claims += [Claim(kind, m.group(0)) for m in RX[kind].finditer(text)]
    for kind in (
        "dated_weekday",
        "date",
        "weekday",
        "relative_day",
        "time",
        "money",
        "percent",
        "distance",
        "duration",
    ):
        claims += [Claim(kind, m.group(0).strip()) for m in lex.rx[kind].finditer(folded)]
    for phrase in status_claims(lang):
        if re.search(rf"\b{re.escape(phrase)}\b", folded):
            claims.append(Claim("status", phrase))
    for name in KNOWN_PLACES:
        if re.search(rf"\b{re.escape(name)}\b", folded):
            claims.append(Claim("place", name))
    claims += [Claim("place", m.group(1)) for m in RX["place"].finditer(text)]
    for m in lex.rx["place_after"].finditer(text):
        name = m.group(1)
        if claim_words.fold(name.split()[0]) not in _not_places(lang) and name.lower() not in KNOWN_PLACES:
            claims.append(Claim("place", name))
    return claims


@cache
def _not_places(lang: str) -> frozenset[str]:
    """Capitalized words after a place preposition that are not places (months, weekdays, names of
    things, the shop's own name: "bei Northwind Outfitters" names the shop, not a town)."""
    lex = claim_words.lexicon(lang)
    return frozenset(_NOT_PLACES | set(lex.weekdays) | set(lex.months) | _brand_words())


@cache
def _brand_words() -> frozenset[str]:
    from ..config import get_settings

    return frozenset(claim_words.fold(w) for w in get_settings().brand_name.split()[:1])


class _Support:
    """Everything the cited facts allow an answer to say, in normalized forms."""

    def __init__(self, facts: list[Fact], timezones: list[str], now: datetime | None, lang: str = "en") -> None:
        self.lang = lang
        self.texts: list[str] = []
        self.statuses: set[ShipmentStatus] = set()
        self.dates: set[date] = set()
        self.clocks: set[str] = set()
        self.amounts: set[str] = set()
        self.places: set[str] = set()
        self.numbers: set[str] = set()
        self.distances: set[str] = set()
        self.now = now
        self.timezones = timezones
        #: Words of the carrier's own scans: quoting a scan ("... remains in transit") is not a new claim.
        self.status_texts: list[str] = []
        for f in facts:
            self.texts.append(f.label.lower())
            for key, value in f.values.items():
                self._add(key, value)
            if any(isinstance(v, ShipmentStatus) for v in f.values.values()):
                scan = str(f.values.get("description", ""))
                self.status_texts += [f.label.lower(), scan.lower()]
                if lang != "en":
                    # The scan as the answer says it in the customer's language ("in Zustellung"): still the
                    # carrier's own words, so nothing in it is a new claim.
                    said = carrier_events.say(scan, lang).lower()
                    self.texts.append(said)
                    self.status_texts.append(said)
        if lang != "en":
            # Cited texts are compared folded, like the claims of an answer in this language.
            self.texts = [claim_words.fold(t) for t in self.texts]
            self.status_texts = [claim_words.fold(t) for t in self.status_texts]

    def _add(self, key: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, ShipmentStatus):
            self.statuses.add(value)
        elif isinstance(value, datetime):
            for tz in self.timezones:
                loc = wording.local(value, tz)
                self.dates.add(loc.date())
                self.clocks.add(wording.clock(value, tz).lower())
        elif isinstance(value, date):
            self.dates.add(value)
        elif isinstance(value, bool):
            return
        elif isinstance(value, (int, float)):
            if key == "amount":
                self.amounts.add(f"{float(value):.2f}")
            elif key == "distance_km":
                self.distances.add(f"{float(value):.1f}")
            self.numbers.add(str(value))
        elif isinstance(value, dict):
            self.texts.append(str(value).lower())
        else:
            s = str(value)
            self.texts.append(s.lower())
            if key in ("city", "region"):
                self.places.add(s.lower())
            if key in ("order_number", "tracking_number"):
                self.numbers.add(_norm_number(s))

    def in_text(self, fragment: str) -> bool:
        frag = fragment.lower()
        return any(frag in t for t in self.texts)

    def supports(self, claim: Claim) -> bool:
        if self.lang != "en":
            return self._supports_in(claim)
        kind, text = claim.kind, claim.text
        low = text.lower()
        if kind == "status":
            # A cited status decides; words in a quoted policy only count when no status is cited.
            backing = STATUS_CLAIMS.get(low, set())
            if self.statuses:
                return bool(backing & self.statuses) or any(low in t for t in self.status_texts)
            return self.in_text(text)
        if kind == "dated_weekday":
            return self._dated_weekday_supported(low)
        if kind == "relative_day":
            return self._relative_supported(low)
        if self.in_text(text):
            return True
        if kind in ("order_number", "tracking_number"):
            return _norm_number(text) in self.numbers
        if kind == "money":
            digits = re.sub(r"[^\d.]", "", text)
            try:
                return f"{float(digits):.2f}" in self.amounts
            except ValueError:
                return False
        if kind == "time":
            norm = re.sub(r"\s+", " ", low.replace(".", "")).strip()
            if ":" not in norm:
                norm = re.sub(r"^(\d{1,2})\s?(am|pm)$", r"\1:00 \2", norm)
            norm = re.sub(r"(\d)(am|pm)$", r"\1 \2", norm)
            return norm in self.clocks
        if kind == "date":
            return self._date_supported(low)
        if kind == "weekday":
            idx = _WEEKDAYS.index(low)
            return any(d.weekday() == idx for d in self.dates)
        if kind == "place":
            parts = [p.strip().lower() for p in text.split(",")]
            return all(p in self.places or self.in_text(p) for p in parts)
        if kind == "distance":
            num = re.match(r"\d+(?:\.\d+)?", text)
            return bool(num) and f"{float(num.group(0)):.1f}" in self.distances
        return False

    def _supports_in(self, claim: Claim) -> bool:
        """A claim of an answer in Spanish, French, German or Portuguese (see claim_words)."""
        kind, text = claim.kind, claim.text
        lex = claim_words.lexicon(self.lang)
        folded = claim_words.fold(text)
        if kind == "status":
            backing = status_claims(self.lang).get(folded, set())
            if self.statuses:
                return bool(backing & self.statuses) or any(folded in t for t in self.status_texts)
            return self.in_text(folded)
        if kind in ("order_number", "tracking_number"):
            return _norm_number(text) in self.numbers or self.in_text(folded)
        if kind == "relative_day":
            if self.in_text(folded) or self.now is None:
                return self.in_text(folded)
            offset = claim_words.RELATIVE[self.lang][folded]
            return any(
                (wording.local(self.now, tz).date() + timedelta(days=offset)) in self.dates for tz in self.timezones
            )
        if self.in_text(folded):
            return True
        if kind in ("dated_weekday", "date"):
            parsed = claim_words.parse_day_month(folded, lex)
            if parsed is None:
                m = re.search(r"(\d{1,2})/(\d{1,2})", folded)
                if not m:
                    return False
                a, b = int(m.group(1)), int(m.group(2))
                return any((d.day, d.month) == (a, b) for d in self.dates)
            month, dom = parsed
            weekday = next((i for name, i in lex.weekdays.items() if folded.startswith(name)), None)
            return any(
                d.month == month and d.day == dom and (weekday is None or d.weekday() == weekday) for d in self.dates
            )
        if kind == "weekday":
            idx = lex.weekdays.get(folded)
            return idx is not None and any(d.weekday() == idx for d in self.dates)
        if kind == "time":
            return _clock_key(folded) in {_clock_key(c) for c in self.clocks}
        if kind == "money":
            value = claim_words.money_value(text)
            return value is not None and f"{value:.2f}" in self.amounts
        if kind == "distance":
            num = re.match(r"\d+(?:[.,]\d+)?", folded)
            return bool(num) and f"{float(num.group(0).replace(',', '.')):.1f}" in self.distances
        if kind == "place":
            parts = [p.strip().lower() for p in text.split(",")]
            return all(p in self.places or self.in_text(claim_words.fold(p)) for p in parts)
        return False

    def _relative_supported(self, low: str) -> bool:
        """'today'/'tomorrow': a cited text says so, or the day (from the store clock) is a cited date."""
        if self.in_text(low):  # quoting a cited policy or scan ("we'll try again tomorrow")
            return True
        if self.now is None:
            return False
        offset = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[low]
        return any((wording.local(self.now, tz).date() + timedelta(days=offset)) in self.dates for tz in self.timezones)

    def _dated_weekday_supported(self, low: str) -> bool:
        weekday = _WEEKDAYS.index(re.match(r"[a-z]+", low).group(0))  # type: ignore[union-attr]
        rest = re.sub(r"^[a-z]+,?\s+(the\s+)?", "", low)
        m = re.match(rf"({_MONTHS})[a-z]*\.?\s+(\d{{1,2}})", rest)
        if m:
            month, dom = _MONTH_NUM[m.group(1)], int(m.group(2))
            return any(d.month == month and d.day == dom and d.weekday() == weekday for d in self.dates)
        m = re.match(r"(\d{1,2})/(\d{1,2})", rest)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            return any((d.month, d.day) in ((a, b), (b, a)) and d.weekday() == weekday for d in self.dates)
        return False

    def _date_supported(self, low: str) -> bool:
        m = re.match(rf"({_MONTHS})[a-z]*\.?\s+(\d{{1,2}})", low)
        if m:
            month, dom = _MONTH_NUM[m.group(1)], int(m.group(2))
            return any(d.month == month and d.day == dom for d in self.dates)
        m = re.match(r"(\d{1,2})/(\d{1,2})", low)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            return any((d.month, d.day) in ((a, b), (b, a)) for d in self.dates)
        return False


def _clock_key(text: str) -> str:
    """ "14:30", "14h30", "14 Uhr", "2:30 pm" -> "14:30": one form for comparing times."""
    m = re.search(r"(\d{1,2})(?:[:h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", text)
    if not m:
        return text
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        hour = hour % 12 + (12 if m.group(3).startswith("p") else 0)
    return f"{hour}:{minute:02d}"


def _norm_number(s: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", s.upper())


def check(
    answer: str,
    cited: list[str],
    evidence: list[Fact],
    timezones: list[str] | None = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> CheckResult:
    """Verify every claim of `answer` against the facts it cites (by source id)."""
    by_id = {f.source_id: f for f in evidence}
    unknown = [c for c in cited if c not in by_id]
    facts = [by_id[c] for c in cited if c in by_id]
    tzs = list(timezones or [])
    for f in facts:
        tz = f.values.get("timezone")
        if isinstance(tz, str) and tz not in tzs:
            tzs.append(tz)
    if not tzs:
        tzs = ["America/New_York"]
    lang = lang or formats.current()
    support = _Support(facts, tzs, now, lang)
    claims = extract_claims(answer, lang)
    unsupported = [c for c in claims if not support.supports(c)]
    return CheckResult(not unsupported and not unknown, claims, unsupported, unknown)
