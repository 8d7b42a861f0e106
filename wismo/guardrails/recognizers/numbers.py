"""Number precedence by evidence: is this run of digits a card, a phone or a tracking number?

The order of evidence (issue: "precedence by evidence"):

1. A checksum-valid card (Luhn and an issuer prefix) beats a tracking shape, unless the number
   also passes a carrier's check digit and is introduced as a shipment.
2. A phone word nearest before the number ("call me at", "móvil", "Handy") beats a bare number.
3. The shop's own order pattern is always kept (`keep.OrderNumberRecognizer`).
4. A number the customer calls their order or shipment is kept if it has a carrier's shape and
   check digit, or is introduced as a shipment; otherwise the PII recognizers judge it.

Digit runs are whole: a card typed in 4-4-4-4 groups never yields a 4-4-4 "FedEx" inside it.
"""

from __future__ import annotations

import re

from . import cues
from .checksums import card_brand, carrier_check_ok


def id_checksum_ok(digits: str) -> bool:
    """An 11-digit run that passes a national id's check digits (Brazilian CPF, German Steuer-ID)."""
    from stdnum.br import cpf
    from stdnum.de import idnr

    return cpf.is_valid(digits) or idnr.is_valid(digits)


#: A run of digits in up to eight groups joined by single spaces or dashes, not glued to letters,
#: signs or further digit groups (bounded: at most 8 groups, so every start is O(1) work).
DIGIT_RUN = re.compile(r"(?<![\w+.,/-])\d{1,22}(?:[ -]\d{1,8}){0,7}(?![\w/-]|[.,]\d|[ -]\d)")

#: A US number typed without separators ("5403926876", "15403926876").
NANP_RE = re.compile(r"^1?[2-9]\d{2}[2-9]\d{6}$")
_AFTER_COUNTRY_CODE = re.compile(r"(?:\+|00)\d{1,3}[ .-]?$")
#: Unformatted national forms: trunk 0 (FR/UK/DE/ES-landline), a Brazilian mobile, an Iberian mobile.
NATIONAL_PLAIN_RE = re.compile(r"^(?:0[1-9]\d{8,11}|[1-9]{2}9\d{8}|[679]\d{8})$")


def phone_not_waybill(text: str, digits: str) -> bool:
    """ "send my phone number for the courier: 3123128897": a number in a phone's shape that fails the
    DHL check digit, in a message that speaks of a phone, is the phone, whatever shipping word is nearer."""
    shaped = NANP_RE.match(digits) or NATIONAL_PLAIN_RE.match(digits)
    return bool(shaped) and carrier_check_ok(digits) is None and bool(cues.PHONE.search(text))


#: Lengths of digit-only tracking numbers: DHL Express 10/11, FedEx 12/15/20/22, USPS 20/22.
CARRIER_LENGTHS = frozenset({10, 11, 12, 15, 20, 22})

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ship", cues.SHIP),
    ("order", cues.ORDER),
    ("order", cues.ARRIVAL),
    ("phone", cues.PHONE),
    ("payment", cues.PAYMENT),
    ("id", cues.ID),
)


#: Cue kinds that name one value of their own: "Bestellung #WS89653", "Suivi 1ZL98OMR42314".
_NAMING = frozenset({"order", "ship"})
#: An identifier, then a sentence's end, between a cue and the span: the cue had its value ("Bestellung
#: WS64921 PLZ 10115. ruft mich an 030 4472 9183"); "two orders, #WS04513 and 3712693371" still count.
_HAS_OWN_VALUE = re.compile(r"[^\n]*?(?<![\w])(?:#\s?[A-Za-z0-9]|[A-Za-z]{0,3}\d{4,})[^\n]*?[.!?;](?:\s|$)")
#: Right after a cue, its own identifier ("06 47 18 92 30. Commande #WS76229").
_OWN_VALUE_NEXT = re.compile(
    r"\W{0,3}(?:(?:n[°ºo]|nr|no|num[ée]ro|number|nummer)\.?\s*)?[#:]?\s?[A-Za-z0-9]{0,4}\d{2,}"
)
#: France's phone layout: five pairs from a trunk 0 ("06 12 48 73 90"); no carrier prints a number so.
FR_PAIRS = re.compile(r"0[1-9]([ .])\d{2}(?:\1\d{2}){3}")
#: A trunk-0 number in groups ("0157 3391 2840"): a national phone layout, no carrier prints it so.
_PHONE_LAYOUT = re.compile(r"0\d{1,4}(?:[ ./-]\d{2,5}){1,4}")
_INTERNATIONAL_LAYOUT = re.compile(r"00[1-9]\d{0,2}[ .-]\d{1,4}(?:[ .-]\d{2,5}){1,3}")


#: A tracking number named as such: "tracking #", "tracking number", "Sendungsnummer", "n° de suivi".
_TRACKING_LABEL = re.compile(
    r"(?:\btrack(?:ing)?\s*(?:#|no\b|num|number|code|id)|\bsendungsnummer|\btrackingnummer|\bnumero de (?:seguimiento"
    r"|suivi|rastreio)|\bn[°º] de suivi|\bcodigo de rastreio|\bguia\b)",
    re.I,
)


def nearest_cue(text: str, start: int, end: int, before: int = 40, after: int = 25) -> str | None:
    """The kind of the cue word closest to the span on its own line: before it first, else just after.

    A cue on another line belongs to another value ("SSN: ..." above a signature's phone line)."""
    line_start = text.rfind("\n", 0, start) + 1
    window = text[max(line_start, start - before) : start]
    if not window.strip() and line_start:
        # "Phone:\n358 0594": a label alone on the line before speaks for this line.
        previous = text[max(0, line_start - before) : line_start].rstrip()
        if previous.endswith(":"):
            window = previous[previous.rfind("\n") + 1 :]
    best, best_pos = None, -1
    for kind, rx in _KINDS:
        for m in rx.finditer(window):
            if m.end() > best_pos and not (kind in _NAMING and _HAS_OWN_VALUE.search(window, m.end())):
                best, best_pos = kind, m.end()
    if best is not None:
        return best
    window = text[end : end + after].split("\n", 1)[0]
    best_pos = len(window) + 1
    for kind, rx in _KINDS:
        for m in rx.finditer(window):
            if m.start() < best_pos and not (kind in _NAMING and _OWN_VALUE_NEXT.match(window, m.end())):
                best, best_pos = kind, m.start()
                break
    return best


def shipping_talk(text: str) -> bool:
    """The message talks about an order or a shipment somewhere."""
    return bool(cues.SHIP.search(text) or cues.ORDER.search(text) or cues.ARRIVAL.search(text))


def tracking_reading(text: str, start: int, end: int, digits: str) -> str | None:
    """The carrier if the digit run text[start:end] should be kept as a tracking number, else None."""
    if len(digits) not in CARRIER_LENGTHS or _AFTER_COUNTRY_CODE.search(text[max(0, start - 6) : start]):
        return None  # "+55 19 48876333": the rest of a phone number after its country code
    cue = nearest_cue(text, start, end)
    if cue == "phone" and len(digits) > 11 and _TRACKING_LABEL.search(text[max(0, start - 45) : start]):
        # "the tracking # she texted me: 844480354306": named a tracking number, with a carrier's check
        # digit; the phone word says how it came, not what it is.
        carrier = carrier_check_ok(digits)
        if carrier and not card_brand(digits):
            return carrier
    if cue in ("phone", "payment", "id"):
        return None
    if cue != "ship" and _INTERNATIONAL_LAYOUT.fullmatch(text[start:end]):
        return None  # "0055 11 93882-4743": a country code dialled from abroad, then a phone's groups
    carrier = carrier_check_ok(digits)
    if card_brand(digits) and not (carrier and cue == "ship"):
        return None  # a checksum-valid card beats a tracking shape
    if len(digits) == 11 and carrier is None and id_checksum_ok(digits) and cues.ID.search(text):
        return None  # "CPF pra rastrear: 639 936 500 77": an identifier the message names, no waybill
    if FR_PAIRS.fullmatch(text, start, end):
        return None
    if len(digits) in (10, 11):  # also the length of a phone number: needs words about a shipment
        if carrier == "dhl" and text.strip(" .!?\n") == text[start:end]:
            return carrier  # the whole message is one waybill with DHL's check digit, sent when asked
        if cue in ("ship", "order"):
            return None if phone_not_waybill(text, digits) else carrier or "dhl"
        phone_like = NANP_RE.match(digits) or not text[start:end].isdigit()
        if carrier == "dhl" and not phone_like and shipping_talk(text):
            return carrier
        return None
    if carrier:
        return carrier
    if cue != "ship" and _PHONE_LAYOUT.fullmatch(text[start:end]):
        return None  # an unverified number in a phone's layout is no tracking number
    if cue in ("ship", "order") or shipping_talk(text):
        return "unverified"
    return None


def pii_reading(text: str, start: int, end: int, digits: str) -> str | None:
    """ "card" or "phone" when the evidence says a digit run is PII, whatever else it is called."""
    if card_brand(digits):
        return "card"
    if nearest_cue(text, start, end) in ("phone", "payment", "id"):
        return "phone"
    return None
