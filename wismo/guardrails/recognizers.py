"""wismo's own Presidio recognizers: small, registered units with patterns and context words.

Presidio's stock recognizers miss street addresses, a good share of names, and mistake order and
tracking numbers for dates, phones, licences or bank numbers. The units here fill those gaps:

- `OrderNumberRecognizer`, `TrackingNumberRecognizer`, `UsZipCodeRecognizer` find data we KEEP
  (entity types in `KEEP_ENTITIES`); the redactor lets them win over overlapping PII.
- `StreetAddressRecognizer` finds US and European street addresses, PO boxes and military
  addresses, and extends a hit over the rest of a postal block (unit, city, region, postcode).
- `DateOfBirthRecognizer` finds a date only when it is said to be a birth date.
- `PersonHeuristicRecognizer` adds names the small spaCy model misses: after cue words ("my name
  is", "Mr.", "signed"), common first names, and capitalized words that are not English words.

Rules are generic (shapes, cue words, word lists written by us), never memorized values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

#: Entity types we recognize in order to keep them (never redacted, and they win over PII overlaps).
KEEP_ENTITIES: frozenset[str] = frozenset({"ORDER_NUMBER", "TRACKING_NUMBER", "ZIP_CODE"})
#: Keep types that win over any overlapping PII span (a ZIP only shields PII spans inside it).
STRONG_KEEP: frozenset[str] = frozenset({"ORDER_NUMBER", "TRACKING_NUMBER"})

# Every uppercase letter of the Latin, Greek and Cyrillic blocks, for name and place patterns.
_UP = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
UP = re.escape(_UP).replace("\\-", "-")
LOW = r"[^\W\d_]"
CAP = rf"[{UP}](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?"  # a capitalized word, e.g. O'Neil, St., Jean-Luc
NUM = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?"


def _result(entity: str, start: int, end: int, score: float, name: str) -> RecognizerResult:
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            # Our scores already account for context; Presidio should not boost them again.
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        },
    )


class WismoRecognizer(LocalRecognizer):
    """Base of our recognizers: one entity, English, nothing to load."""

    ENTITY = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="en")

    def load(self) -> None:  # nothing to load: patterns compile at import
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        return [_result(self.ENTITY, s, e, score, self.name) for s, e, score in self.find(text, nlp_artifacts)]

    def find(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float]]:
        raise NotImplementedError


def _near(text: str, start: int, end: int, words: re.Pattern[str], before: int = 40, after: int = 25) -> bool:
    return bool(words.search(text[max(0, start - before) : start])) or bool(words.search(text[end : end + after]))


# ---------------------------------------------------------------------------------------------
# Kept data: order numbers, tracking numbers, ZIP codes
# ---------------------------------------------------------------------------------------------

#: The store's order number format: "#WS" + 5 digits (the "#" and a dash are optional when typed).
ORDER_NUMBER_RE = re.compile(r"(?<![\w#])#?\s?WS-?\d{5}(?!\d)", re.IGNORECASE)


class OrderNumberRecognizer(WismoRecognizer):
    """Store order numbers like #WS10042: data the customer gives us on purpose."""

    ENTITY = "ORDER_NUMBER"

    def find(self, text, nlp_artifacts):
        for m in ORDER_NUMBER_RE.finditer(text):
            yield m.start(), m.end(), 1.0


SHIP_CONTEXT = re.compile(
    r"\b(?:track(?:ing|ed)?|fedex|fed ex|dhl|ups|usps|shipment|shipping|shipped|ship|package|parcel|"
    r"deliver(?:y|ed)?|waybill|awb|carrier|label|courier|order|consignment)\b",
    re.IGNORECASE,
)
PHONE_CONTEXT = re.compile(
    r"\b(?:phone|call|calling|mobile|cell|tel|telephone|fax|text|texting|whatsapp|sms|reach|dial|ring|"
    r"contact)\b",
    re.IGNORECASE,
)
PAYMENT_CONTEXT = re.compile(
    r"\b(?:card|visa|master ?card|amex|american express|credit|debit|cc|payment|billing|charged?|"
    r"maestro|jcb|discover|diners|cvv|expir\w*)\b",
    re.IGNORECASE,
)

_DIGITS = r"(?<![\d+.,/-])(?:{})(?![\d/-]|[.,]\d)"
TRACKING_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ups", re.compile(r"\b1Z(?:\s?[0-9A-Z]){16}\b", re.IGNORECASE)),
    ("usps", re.compile(_DIGITS.format(r"9[1-5]\d{2}(?:\s?\d{4}){4}(?:\s?\d{2})?|9[1-5]\d{18,20}"))),
    ("usps_intl", re.compile(r"\b[A-Z]{2}\d{9}US\b")),
    ("amazon", re.compile(r"\bTBA\d{12}\b", re.IGNORECASE)),
    ("dhl_ecommerce", re.compile(r"\bJJ?D\d{16,18}\b", re.IGNORECASE)),
    ("fedex", re.compile(_DIGITS.format(r"\d{12}|\d{15}|\d{4} \d{4} \d{4}"))),
    ("dhl", re.compile(_DIGITS.format(r"\d{10}"))),
)


def luhn_ok(digits: str) -> bool:
    """True when a digit string passes the Luhn check (payment cards do)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_tracking(kind: str, text: str, start: int, end: int) -> bool:
    """Decide the ambiguous digit-only shapes by their context."""
    if kind == "fedex":
        if _near(text, start, end, PAYMENT_CONTEXT, before=60, after=30) or _near(text, start, end, PHONE_CONTEXT):
            return False
        return bool(SHIP_CONTEXT.search(text)) or not luhn_ok(re.sub(r"\D", "", text[start:end]))
    if kind == "dhl":  # 10 digits is also a US phone number: only with shipping words, none of phone
        return bool(SHIP_CONTEXT.search(text)) and not _near(text, start, end, PHONE_CONTEXT)
    return True


class TrackingNumberRecognizer(WismoRecognizer):
    """Carrier tracking numbers (UPS 1Z..., USPS 9x.., FedEx 12/15 digits, DHL 10 digits)."""

    ENTITY = "TRACKING_NUMBER"

    def find(self, text, nlp_artifacts):
        taken: list[tuple[int, int]] = []
        for kind, rx in TRACKING_PATTERNS:
            for m in rx.finditer(text):
                s, e = m.start(), m.end()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if _is_tracking(kind, text, s, e):
                    taken.append((s, e))
                    yield s, e, 1.0


ZIP_RE = re.compile(r"(?<![\w#$.,/-])\d{5}(?:-\d{4})?(?![\w/-]|[.,]\d)")


class UsZipCodeRecognizer(WismoRecognizer):
    """5-digit US ZIP codes, which customers give to verify an order: kept unless part of an address."""

    ENTITY = "ZIP_CODE"

    def find(self, text, nlp_artifacts):
        for m in ZIP_RE.finditer(text):
            yield m.start(), m.end(), 0.5


# ---------------------------------------------------------------------------------------------
# Payment cards and phone numbers in the shapes Presidio's recognizers do not cover
# ---------------------------------------------------------------------------------------------

CARD_RE = re.compile(r"(?<![\w+.,/-])\d{4}(?:[ -]?\d){8,15}(?![\w/-]|[.,]\d)")


class PaymentCardRecognizer(WismoRecognizer):
    """Card numbers of 12-19 digits (Maestro, UnionPay, 19-digit Visa, 2-series Mastercard...).

    Presidio's card recognizer knows fewer prefixes and lengths. A Luhn-valid number is a card;
    any other one only with payment words nearby ("card", "cc", "visa"...).
    """

    ENTITY = "CREDIT_CARD"

    def find(self, text, nlp_artifacts):
        for m in CARD_RE.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if not 12 <= len(digits) <= 19:
                continue
            if _near(text, m.start(), m.end(), PAYMENT_CONTEXT, before=60, after=30):
                yield m.start(), m.end(), 0.9
            elif luhn_ok(digits):
                yield m.start(), m.end(), 0.6


PHONE_CUE = re.compile(
    r"\b(?:phone|call|calling|mobile|cell|tel|telephone|fax|desk|text|texting|whatsapp|sms|reach|dial|"
    r"contact|answering|registered|landline|number)\b",
    re.IGNORECASE,
)
PHONE_RE = re.compile(
    r"(?<![\w+.,/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,6}){1,4}(?![\w/-]|[.,]\d)"
)
#: A US number typed without separators ("5403926876").
PHONE_US_PLAIN_RE = re.compile(r"(?<![\w+.,/-])1?[2-9]\d{2}[2-9]\d{6}(?![\w/-]|[.,]\d)")


class LocalPhoneRecognizer(WismoRecognizer):
    """Phone numbers in local and international layouts ("(64) 3591-3246", "51 516 33 75", "450 0840").

    A grouped digit string is a phone when it starts with + or (area), when it has three or more
    groups with one separator kind, or when a phone word ("call", "mobile", "fax") is just before it.
    """

    ENTITY = "PHONE_NUMBER"

    def find(self, text, nlp_artifacts):
        for m in PHONE_RE.finditer(text):
            value = m.group()
            digits = re.sub(r"\D", "", value)
            if not 7 <= len(digits) <= 15:
                continue
            seps = set(re.findall(r"[ .-]", re.sub(r"^\+\d{1,3}|\(\d+\)", "", value)))
            groups = len(re.findall(r"\d+", value))
            cue = bool(PHONE_CUE.search(text[max(0, m.start() - 40) : m.start()]))
            if re.fullmatch(r"\d{3}-\d{2}-\d{4}", value) and not cue:
                continue  # the SSN shape
            if value.startswith(("+", "(")) or cue:
                yield m.start(), m.end(), 0.8
            elif groups >= 3 and len(seps) == 1 and len(digits) >= 9:
                yield m.start(), m.end(), 0.5
        for m in PHONE_US_PLAIN_RE.finditer(text):
            cue = bool(PHONE_CUE.search(text[max(0, m.start() - 40) : m.start()]))
            yield m.start(), m.end(), 0.8 if cue else 0.5


# ---------------------------------------------------------------------------------------------
# Street addresses
# ---------------------------------------------------------------------------------------------

_US_SUFFIX = (
    r"Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Terrace|Ter|Place|Pl|"
    r"Way|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Close|Crescent|Cres|Row|Trail|Trl|Alley|"
    r"Plaza|Loop|Path|Pike|Mews|Crossing|Expressway|Freeway|Turnpike|Broadway"
)
_ROMANCE_PREFIX = (
    r"rue|avenue|av\.|avda\.?|boulevard|bd\.?|place|chemin|all[ée]e|impasse|quai|route|calle|c/|"
    r"avenida|plaza|paseo|camino|carrera|carretera|rua|travessa|largo|via|viale|piazza|piazzetta|"
    r"corso|vicolo|strada|ul\.|ulica|aleja|al\.|λεωφόρος|οδός|πλατεία|odos"
)
_PARTICLE = r"(?:de|du|des|la|le|les|l'|d'|di|del|della|dei|da|do|dos|das|e|y|van|von|der|den|al|el|z|na)"
_GERMANIC_SUFFIX = (
    r"straße|strasse|str\.|stra[ée]ti|gasse|weg|allee|platz|ring|damm|ufer|graben|gracht|straat|laan|"
    r"plein|kade|singel|dijk|steeg|wei|vej|vei|veien|vegen|vegur|vägen|väg|gatan|gata|gate|gade|stræde|"
    r"tie|katu|kuja|polku|utca|ulice|cesta|ulica"
)
_UNIT = r"(?:apt|apartment|suite|ste|unit|floor|fl|room|rm|bldg|building|flat)\.?\s*#?\s*[\w-]*\d[\w-]*"

ADDRESS_PATTERNS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        "us_street",
        re.compile(
            rf"(?<![\w#$.,-]){NUM}\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
            rf"(?:(?:{CAP}|\d{{1,3}}(?:st|nd|rd|th))\s+){{0,3}}(?:{CAP}|\d{{1,3}}(?:st|nd|rd|th))\s+"
            rf"(?i:{_US_SUFFIX})\b\.?"
        ),
        0.85,
    ),
    (
        "us_street_lower",
        re.compile(
            rf"(?<![\w#$.,-]){NUM}\s+(?:[a-z]+\s+){{1,2}}"
            r"(?:street|avenue|ave|road|rd|lane|drive|boulevard|blvd|terrace)\b"
        ),
        0.6,
    ),
    ("broadway", re.compile(rf"(?<![\w#$.,-]){NUM}\s+Broadway\b"), 0.85),
    (
        "romance_lead_number",
        re.compile(
            rf"(?<![\w#$.,-]){NUM},?\s+(?i:{_ROMANCE_PREFIX})\s+(?:(?i:{_PARTICLE})\s+|(?i:l'|d'))*"
            rf"(?:{CAP}|{LOW}+)(?:\s+(?:(?i:{_PARTICLE})|{CAP}))*(?:\s+{NUM}(?!\w))?"
        ),
        0.85,
    ),
    (
        "romance_trail_number",
        re.compile(rf"(?<!\w)(?i:{_ROMANCE_PREFIX})\s+(?:[^\W\d_][\w'’.-]*\s+){{1,6}}?{NUM}(?![\w-])"),
        0.8,
    ),
    (
        "germanic",
        re.compile(rf"(?<!\w)(?:{CAP}\s+)?{LOW}[\w-]*?(?i:{_GERMANIC_SUFFIX})\s+\d{{1,5}}[A-Za-z]?(?![\w-])"),
        0.8,
    ),
    (
        "number_word_number",
        re.compile(rf"(?<![\w#$.,-])\d{{2,6}}\s+(?:{CAP}\s+){{1,3}}\d{{1,5}}[A-Za-z]?(?![\w:.,/-]|[.,]\d)"),
        0.6,
    ),
    (
        "po_box",
        re.compile(
            r"(?<!\w)(?:P\.?\s?O\.?\s*Box|Post\s*Office\s+Box|Postbox|Postfach|Apartado|Casilla)\s*#?\s*\d+",
            re.IGNORECASE,
        ),
        0.9,
    ),
    ("military_box", re.compile(r"\b(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}"), 0.9),
    ("military_ship", re.compile(rf"\b(?:USNS|USS|USCGC)\s+{CAP}"), 0.8),
    ("military_post", re.compile(r"\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b"), 0.9),
    ("unit", re.compile(r"(?<!\w)(?i:apt|apartment|suite|ste)\.?\s*#?\s*\d+[A-Za-z]?\b"), 0.6),
)

#: Phrases after which a "Word 12" or "12 Word Word" shape is an address.
ADDRESS_CUE = re.compile(
    r"(?i:\baddress(?:\s+is)?|\blives?\s+(?:at|on|in)|\bliving\s+(?:at|on)|\bship(?:ped|ping)?\s+(?:it\s+|them\s+)?to|"
    r"\bdeliver(?:ed|y)?\s+(?:it\s+|them\s+)?to|\bsen[dt]\s+(?:it\s+|them\s+)?to|\bmoved\s+to|"
    r"\blocated\s+(?:at|on|in)|\bresid(?:e|es|ing)\s+(?:at|on)|\breturn\s+(?:it\s+)?to|\bstop\s+at|"
    r"\boff\s+at|\bis\s+on|\bis\s+at|\bmeet\s+(?:me|you)\s+at|\bcorner\s+of)"
    r"\s*:?\s*(?:the\s+)?"
)
_CUED_SHAPE = re.compile(
    rf"(?:{NUM}\s+)?(?:{CAP}\s+){{1,4}}\d{{1,5}}[A-Za-z]?(?![\w:/-]|[.,]\d)|{NUM}\s+(?:{CAP}\s+){{0,3}}{CAP}"
)

#: Words that never belong to an address (carriers, calendar words, shop words, sentence starters).
NOT_ADDRESS_WORDS = frozenset(
    """ups usps fedex dhl ontrac lasership amazon order orders package packages parcel item items day days
    week weeks hour hours minute minutes business working monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec size pack pcs qty x where when what how
    why who thanks thank please can could would will hi hello hey is do did my the i it and or but
    tracking number total price usd eur gbp version model""".split()
)

_SEP_ANY = r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t>?*]*|[ \t]+)"
_SEP_BREAK = r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t>?*]*)"
_POSTCODE = (
    r"(?:\d{3}[ \t]\d{2}(?!\d)|\d{4,5}(?:-\d{3,4})?"  # 111 23, 10115, 62704-1234
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})(?![\w-])"  # M5V 2T6, NW1 6XE
)
_PLACE = rf"{CAP}(?!\w)(?:[ \t]+(?:{CAP}(?!\w)|(?i:{_PARTICLE})(?!\w))){{0,3}}(?:[ \t]*\([^)\n]{{1,20}}\))?"
_CONTINUATION = (
    re.compile(rf"{_SEP_ANY}(?i:{_UNIT})"),
    re.compile(rf"{_SEP_ANY}(?:Box\s+\d+|(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{{5}})"),
    re.compile(rf"{_SEP_ANY}{_POSTCODE}"),
    re.compile(rf"{_SEP_ANY}[{UP}]{{2,}}(?:[ \t-]+[{UP}]{{2,}})*(?:[ \t]+\([^)\n]{{1,20}}\))?(?![\w'])"),
    re.compile(r"[ \t]+St\.?(?!\w)"),
    re.compile(rf"{_SEP_BREAK}\d{{1,3}}(?![\w-])"),
    re.compile(rf"{_SEP_BREAK}{_PLACE}"),
)
_LEAD = re.compile(r"(?:(?<!\S)\d{1,6}|(?i:apt|apartment|suite|ste|unit)\.?\s*\d+)[ \t]+$")


def _has_stop_word(value: str) -> bool:
    # Two capitals are a region code (OR, IN, ME), not the word.
    return any(w.lower().strip(".,") in NOT_ADDRESS_WORDS for w in value.split() if not (len(w) == 2 and w.isupper()))


def extend_address(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow an address hit over the rest of its postal block: leading numbers, unit, city, postcode."""
    for _ in range(2):
        m = _LEAD.search(text, max(0, start - 20), start)
        if not m or m.end() != start:
            break
        start = m.start()
    for _ in range(10):
        for rx in _CONTINUATION:
            m = rx.match(text, end)
            if m and not _has_stop_word(m.group()):
                end = m.end()
                break
        else:
            break
    return start, end


class StreetAddressRecognizer(WismoRecognizer):
    """Street addresses: US ("1234 Elm Street Apt 5", PO boxes) and European forms ("Hauptstraße 12")."""

    ENTITY = "STREET_ADDRESS"

    def find(self, text, nlp_artifacts):
        hits: list[tuple[int, int, float]] = []
        for _name, rx, score in ADDRESS_PATTERNS:
            for m in rx.finditer(text):
                if not _has_stop_word(m.group()):
                    hits.append((m.start(), m.end(), score))
        for cue in ADDRESS_CUE.finditer(text):
            m = _CUED_SHAPE.match(text, cue.end())
            if m and not _has_stop_word(m.group()):
                hits.append((m.start(), m.end(), 0.7))
        merged: list[list] = []
        for s, e, score in sorted(extend_address(text, s, e) + (score,) for s, e, score in hits):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
                merged[-1][2] = max(merged[-1][2], score)
            else:
                merged.append([s, e, score])
        return [tuple(m) for m in merged]


# ---------------------------------------------------------------------------------------------
# Date of birth
# ---------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}})"
)
DOB_RE = re.compile(
    rf"(?i:\b(?:born(?:\s+on|\s+in)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday)\b\s*(?:is|was|:|-|=)?\s*"
    rf"(?:on\s+)?)(?P<v>(?i:{_DATE}))"
)


class DateOfBirthRecognizer(WismoRecognizer):
    """A date said to be a birth date ("born on 10/23/1951", "DOB: 1990-02-01"); plain dates are kept."""

    ENTITY = "DATE_OF_BIRTH"

    def find(self, text, nlp_artifacts):
        for m in DOB_RE.finditer(text):
            yield m.start("v"), m.end("v"), 0.9


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------

#: Common first names across many countries (written by us). Ambiguous ones that are also ordinary
#: English words (May, Will, Mark, Grace...) are in `AMBIGUOUS_FIRST_NAMES` and need a surname.
FIRST_NAMES = frozenset(
    """
    aaron abby abdul abigail adam adrian agnes ahmed aisha alan albert alejandro alex alexander alexandra
    alexis alfred ali alice alicia alina alison alma amanda amelia amir amy ana anastasia andre andrea
    andreas andrei andrew andy angela angelica angelo anita ann anna anne annie anthony antoine antonio
    anya ari ariana arjun arnav arthur ashley astrid aurelie barbara beatrice beatrix becky ben benedict
    benjamin bernard beth betty bianca bjorn bob bobby bogdan boris brad bradley brandon brenda brian
    bridget brittany bruce bruno bryan bryce caitlin camila carl carla carlos carmen caroline carolina
    casey catherine cecilia celine charles charlie charlotte chen chloe chris christian christina
    christine christopher cindy claire clara claudia colin connor craig cristina cynthia daniel daniela
    danielle daria dariusz david deborah debra denis dennis derek diana diego dimitri dmitri dmitry
    dominic donald donna doris dorothy douglas duncan dylan edgar eduardo edward elena eleanor eli elias
    elif elijah elisa elizabeth ella ellen elsa emil emilia emily emma enrique eric erica erik erin
    ernesto esther ethan eugene eva evan evelyn fabian fatima felipe felix fernando filip fiona francesca
    francesco francisco franz freddie frederick fredrik freja gabriel gabriela gareth gary gavin george
    gerald gerhard giovanni giulia giuseppe gloria gordon gregory greta guillaume gustav hannah hans
    harold harriet harry heather hector heidi helen helena henrik henry hiroshi hugo ian igor ilse
    ingrid irene isaac isabel isabella isabelle ivan jack jacob jacqueline jake james jamie jan jana
    jane janet janice jasmine jason javier jean jeffrey jenna jennifer jens jeremy jerome jessica jesus
    jill joan joanna jodi joe joel johan johann johannes john jonas jonathan jorge jose joseph joshua
    juan judith julia julian julie julien justin kai karen karin karl kate katherine kathleen kathryn
    katie katrin kayla keith kelly ken kenji kenneth kevin kim kimberly klaus kristina kurt kyle lara
    larry laura lauren lars leah lena leo leon leonard leonardo liam linda lisa logan lorenzo louis
    louise lucas lucia lucy luis luisa luka lukas luke magda magnus mai manuel marc marcel
    marco marcus margaret maria marie marina mario marion marta martha martin mary mateo matheus
    mathias matias matteo matthew matthias maureen maya megan mehmet melanie melissa mia michael
    michel michele michelle miguel mikael mikhail milena miriam mohamed mohammed monica monika
    morgan muhammad nadia nancy naomi natalia natalie nathan nathaniel nicholas nicolas nicole niels
    nikita nikolai nikolaj nina noah noelle nora oleg olga oliver olivia omar oscar oskar pablo pamela
    patricia patrick paul paula pavel pedro peter petra philip philippe pierre pietro piotr rachel rafael
    rahul raj ralph ramon randy raquel raul rebecca regina renata rene ricardo richard rita robert
    roberto robin rodrigo roger roman ronald rosa ruth ryan sabine sabrina sally samantha samuel sandra
    sara sarah sasha scott sean sebastian sergei sergio shannon sharon simon simone sofia sonia sophia
    sophie stefan stefania stella stephan stephanie stephen steve steven susan susanne svetlana sven
    tamara tanya tatiana teresa terence terrence theodore thomas tim timmie timothy tobias todd tom
    tomas tony tracy travis tyler ursula valentina valeria vanessa vera veronica victor vincent viktor
    vladimir walter wendy werner william wojciech xavier yasmin yuki yuri yusuf zachary zoe zofia
    """.split()
)
AMBIGUOUS_FIRST_NAMES = frozenset(
    """may june april august will mark grace joy hope faith bill rose amber chase max dawn summer
    autumn crystal ruby pearl lily iris holly ivy sky river art frank carol sunny star penny victoria
    georgia virginia florence paris austin jordan chelsea sydney dallas brook page drew rich guy
    sue pat ray dean jay lane madison milan""".split()
)
#: Cue words after which a capitalized word (or a known first name in any case) is a name.
STRONG_NAME_CUE = re.compile(
    r"(?i:\bmy\s+name\s+is|\bmy\s+name's|\bname\s*(?:is|:)|\bsigned|\bsincerely,?|\bregards,?|"
    r"\b(?:mr|mrs|ms|mx|dr|prof)\.?|\bmiss|\bdear|\bcalled|\bnamed|\bcall\s+me|\bcalls\s+me|"
    r"\bsurname\s*(?:is|:)?|\blast\s+name\s*(?:is|:)?|\bfirst\s+name\s*(?:is|:)?|\bunder|\bUser:|"
    r"\bcorrect\s+it\s+to|\bchange\s+it\s+to|\brecipient\s*:?|\bc/o|\battn:?|\bask\s+for|\bspeak\s+to|"
    r"\bmy\s+(?:kid|son|daughter|child|wife|husband|partner|friend|mother|father|mom|mum|dad|brother|sister|"
    r"boyfriend|girlfriend|neighbou?r|colleague|boss|roommate|fianc[ée]e?)|"
    r"\bsays|\bsaid|\badd|\bwith|\bby|\bto|\bfrom|\bthis\s+is|\bi\s+am|\bi'm|\bit's|\bthanks,?|\bcheers,?)"
    r"[ \t]*[:,?]?[ \t]*\??[ \t]*"
)
_CUES_NEEDING_EVIDENCE = re.compile(r"(?i)^(?:says|said|add|with|by|to|from|this is|i am|i'm|it's|under|thanks|cheers)")
#: Capitalized words that are ordinary in support chats and never names on their own.
NOT_NAME_WORDS = frozenset(
    """order orders package parcel tracking track status delivery shipping shipment return refund
    ups usps fedex dhl amazon ontrac shopify paypal visa mastercard amex apple google samsung nike
    adidas iphone ipad airpods macbook playstation xbox monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december today tomorrow yesterday hi hello hey thanks thank please sorry yes no ok okay sure
    the a an i my me we our you your it this that there here what where when why how who which
    can could would should will shall is are was were be been am do does did have has had
    not and or but if so just also still already very really again bot user customer support agent
    team store shop email phone address name account card help need want dear sir madam mr mrs ms dr
    usa us uk eu america europe english french german spanish italian covid christmas easter
    shipped delivered ordered returned refunded cancelled canceled arrived received tracked pending
    ontrac lasership purolator evri hermes dpd gls postnl colissimo correos aramex yodel parcelforce
    ws zip zipcode code postal postcode number no nr id ref rma label pickup locker exchange
    royal mail canada post australia post chronopost bpost posti postnord inpost
    zara shein asos walmart target costco walgreens cvs ebay etsy temu aliexpress wayfair ikea
    bestbuy sephora ulta nordstrom macys kohls uniqlo lululemon etsy instagram facebook whatsapp
    messenger tiktok gmail outlook yahoo icloud hotmail best kind warm warmest regards cheers sincerely
    shenzhen guangzhou dongguan yiwu hangzhou louisville memphis indianapolis""".split()
)
_INITIAL = rf"[{UP}]\.?"
_NAME_PARTICLE = r"(?:van|von|der|den|de|du|da|di|del|della|dos|das|ten|ter|la|le|bin|ibn|al|el)"


def english_words_of(nlp) -> frozenset[str]:
    """Ordinary English words from a spaCy pipeline's lemmatizer tables (WordNet's lemma index)."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except (KeyError, AttributeError):
        return frozenset()
    words: set[str] = set()
    for table_name in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table_name):
            table = lookups.get_table(table_name)
            for key in table:
                words.update(table[key])
    return frozenset(w.lower() for w in words)


def _name_like(word: str, english: frozenset[str]) -> bool:
    """A capitalized token that looks like a name: a known first name, or not an English word."""
    bare = _CONTRACTION.sub("", word.rstrip(".").lower())
    if len(bare) < 2 or bare in NOT_NAME_WORDS or not word[:1].isupper():
        return False
    if word.isupper() and len(word) > 2:  # ALLCAPS: acronyms, cities in postal blocks
        return False
    if bare in FIRST_NAMES:
        return True
    if "-" in bare and english and all(part in english for part in bare.split("-") if part):
        return False  # "Hassle-free", "High-quality"
    return bool(english) and not is_english(bare, english) and bare not in AMBIGUOUS_FIRST_NAMES


_CONTRACTION = re.compile(r"['’](?:s|m|re|ve|ll|d|t)$")
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("ness", ""),
    ("ful", ""),
)


def is_english(word: str, english: frozenset[str]) -> bool:
    """`word` or its stem (frustrated -> frustrate, shipping -> ship) is an English word."""
    if word in english:
        return True
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            doubled = suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]  # shipped -> ship
            if stem in english or (doubled and stem[:-1] in english):
                return True
    return False


_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?")


_NAME_NEXT = re.compile(rf"[ \t]+(?:{_INITIAL}(?![^\W\d_])|(?:{_NAME_PARTICLE})(?=[ \t]+[{UP}])|{CAP})")


def name_tail(text: str, pos: int) -> int:
    """Extend a name from `pos` over initials, particles and further capitalized words."""
    rx = _NAME_NEXT
    end = pos
    for _ in range(4):
        m = rx.match(text, end)
        if not m:
            break
        word = m.group().strip()
        if word.rstrip(".").lower() in NOT_NAME_WORDS or (word.isupper() and len(word) > 2):
            break
        end = m.end()
    return end


_SENT_BREAK = re.compile(r"(?:[.!?][\"')\]]?[ \t]+|\n[ \t>?*-]*)$")
_SUBJECT_NEXT = re.compile(
    r"(?:['’]s\b|[ \t]*[,:;]|[ \t]+(?:is|was|has|had|said|says|lives|lived|spent|will|would|and|or|wrote|"
    r"called|asked|told|went|works|worked|began|joined|did|does|can|could|should|must|may)\b)"
)


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 8) : pos]
    if pos <= 8 and not before.strip(" \t\"'>*-?"):
        return True
    if re.search(r"(?:^|[\s.])[A-Z]\.[ \t]+$", before):  # an initial ("Sari J. Paavolainen"), not a full stop
        return False
    return bool(_SENT_BREAK.search(before))


class PersonHeuristicRecognizer(WismoRecognizer):
    """Names the small spaCy model misses: cue words, first-name list, non-dictionary proper nouns."""

    ENTITY = "PERSON"

    def __init__(self, english: frozenset[str] = frozenset()) -> None:
        super().__init__()
        #: Ordinary English words; without them only cue words and the first-name list apply.
        self.english = english

    def find(self, text, nlp_artifacts):
        hits: list[tuple[int, int, float]] = []
        # 1. After a cue word: "my name is Sarah", "Mr. Manning", "says Iwase", "signed, bob".
        for cue in STRONG_NAME_CUE.finditer(text):
            m = _TOKEN.match(text, cue.end())
            if not m:
                continue
            word = m.group()
            needs_evidence = bool(_CUES_NEEDING_EVIDENCE.match(cue.group().strip()))
            if word[:1].isupper():
                ok = (
                    _name_like(word, self.english)
                    if needs_evidence
                    else (word.rstrip(".").lower() not in NOT_NAME_WORDS and not word.isupper())
                )
            else:  # lowercase typing: only a known first name
                ok = word.lower() in FIRST_NAMES
            if ok:
                end = name_tail(text, m.end()) if word[:1].isupper() else m.end()
                hits.append((m.start(), end, 0.8))
        # 2. Tokens anywhere: a known first name, or a proper noun that is no English word.
        doc = getattr(nlp_artifacts, "tokens", None) if nlp_artifacts is not None else None
        ents = set()
        if doc is not None:
            for ent in getattr(doc, "ents", ()):
                # (the small model calls many unknown names GPE, so places are judged by vocabulary)
                if ent.label_ in {"DATE", "TIME", "MONEY", "CARDINAL", "QUANTITY", "PERCENT"}:
                    ents.update(range(ent.start_char, ent.end_char))
        for m in _TOKEN.finditer(text):
            word = m.group().rstrip(".")
            if not word[:1].isupper() and word.lower() in FIRST_NAMES and word.lower() not in NOT_NAME_WORDS:
                # lowercase first names in a lowercase message ("they had 6: brian, donna")
                if text == text.lower():
                    hits.append((m.start(), m.end(), 0.6))
                continue
            if not word[:1].isupper() or m.start() in ents:
                continue
            prev = text[max(0, m.start() - 1) : m.start()]
            if prev and (prev.isalnum() or prev in "@/_#."):
                continue
            nxt = text[m.end() : m.end() + 1]
            if nxt and (nxt in "@/_" or nxt.isdigit()):
                continue
            bare = word.rstrip(".").lower()
            tail = name_tail(text, m.end())
            if bare in FIRST_NAMES or (bare in AMBIGUOUS_FIRST_NAMES and tail > m.end()):
                hits.append((m.start(), tail, 0.7))
            elif _name_like(word, self.english) and self._proper_noun(doc, m.start()):
                # Any word is capitalized at a sentence start ("Resend to..."): alone there, an
                # unknown word is a name only in subject position ("Verda lives", "Ari is").
                if tail > m.end() or not _at_sentence_start(text, m.start()) or _SUBJECT_NEXT.match(text, m.end()):
                    hits.append((m.start(), tail, 0.6))
        # A name ends before a sentence's full stop ("I'm Maria Lopez."), not at an initial ("J.").
        return [
            (s, e - 1 if text[e - 1] == "." and e - s > 2 and text[e - 3 : e - 1].isalpha() else e, sc)
            for s, e, sc in hits
        ]

    @staticmethod
    def _proper_noun(doc, start: int) -> bool:
        if doc is None:
            return True
        for tok in doc:
            if tok.idx == start:
                if not tok.pos_ and not tok.tag_:  # a pipeline without a tagger: no evidence either way
                    return True
                return tok.pos_ in {"PROPN", "NOUN", "X", "ADJ"} or tok.tag_ in {"NNP", "NNPS"}
        return True


Factory = Callable[[], WismoRecognizer]

#: Our recognizers, registered into Presidio's registry by the redactor.
RECOGNIZERS: tuple[Factory, ...] = (
    OrderNumberRecognizer,
    TrackingNumberRecognizer,
    UsZipCodeRecognizer,
    PaymentCardRecognizer,
    LocalPhoneRecognizer,
    StreetAddressRecognizer,
    DateOfBirthRecognizer,
    PersonHeuristicRecognizer,
)


def needs_ner(text: str, english: frozenset[str]) -> bool:
    """Whether spaCy's NER could find a name here that redaction would keep.

    A PERSON span is kept only if it has a capital letter or evidence (a known first name, a cue
    such as "my name is"); so a message whose capitalized words are all ordinary English words
    ("Where is my order?"), with no first name and no cue, needs no NER pass (~40% of a message's
    redaction time). Without a vocabulary the answer is always yes.
    """
    if not english or STRONG_NAME_CUE.search(text):
        return True
    text = _EMAIL_OR_LINK.sub(" ", text)  # "jane.doe@example.com" holds no name for NER to find
    for m in _TOKEN.finditer(text):
        word = m.group()
        bare = _CONTRACTION.sub("", word.rstrip(".").lower())
        if bare in FIRST_NAMES:
            return True
        if not any(ch.isupper() for ch in word) or bare in NOT_NAME_WORDS or _in_code(text, m.start(), m.end()):
            continue  # lowercase without evidence, shop words, the letters of "WS-10023" or "1Z..."
        if bare in AMBIGUOUS_FIRST_NAMES or not is_english(bare, english):
            return True
    return False


_EMAIL_OR_LINK = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")


def _in_code(text: str, start: int, end: int) -> bool:
    """Letters glued to digits (an order or tracking number), not a word."""
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    return before.isdigit() or (after[:1].isdigit() or (after[:1] == "-" and after[1:2].isdigit()))


def wismo_recognizers(english: frozenset[str] = frozenset()) -> list[WismoRecognizer]:
    """Fresh instances of every wismo recognizer (`english`: vocabulary for the name heuristics)."""
    return [
        PersonHeuristicRecognizer(english) if factory is PersonHeuristicRecognizer else factory()
        for factory in RECOGNIZERS
    ]
