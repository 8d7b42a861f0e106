"""Phone numbers in the national and international layouts of the countries wismo serves.

Presidio's libphonenumber recognizer costs about 1.5 ms a message and misses local layouts, so
this one reads shapes and words instead:

- international or area-code forms ("+44 (0)20 7946 0958", "(41) 552-907", "0049 30 1234567");
- national forms with a trunk 0 ("0351 4427719", "07911 123 456", "06 12 34 56 78");
- three or more groups with one kind of separator ("51 516 33 75", "415-555-0142");
- a US number typed without separators ("5403926876"), a French/UK/German one with its trunk 0,
  a Brazilian mobile ("11987654321"), an Iberian mobile ("612 345 678");
- any run of 7-15 digits right after a phone word in one of five languages ("móvil", "Handy",
  "portable", "celular", "fax", "registered number"), with an extension ("x22", "ext. 401").

A run that the tracking-number evidence claims (a DHL waybill after "Sendungsnummer") stays
kept: `numbers.nearest_cue` decides between them, so phone words win only where they are closest.
"""

from __future__ import annotations

import re

from .base import WismoRecognizer, digits_of
from .numbers import DIGIT_RUN, FR_PAIRS, NANP_RE, NATIONAL_PLAIN_RE, nearest_cue, phone_not_waybill

_EXT = r"(?:[ ]?(?:x|ext\.?|extension|poste|durchwahl|ramal)[ ]?\d{1,5})?"
#: A formatted number: optional +CC or 00CC, optional (area), then 2-5 groups.
PHONE_RE = re.compile(
    r"(?<![\w+.,/-])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:(?:[ .-]|[ ]?/[ ]?)\d{1,8}){1,5}"
    + _EXT
    + r"(?![\w/-]|[.,]\d)"
)
#: (617)555-0199, +33612345678: a sign or parentheses and no separators.
COMPACT_RE = re.compile(r"(?<![\w+.,/-])(?:\+\d{7,15}|\(\d{2,5}\)[ .-]?\d{6,9})" + _EXT + r"(?![\w/-]|[.,]\d)")
_EXT_TAIL = re.compile(r"[ ]?(?:x|ext\.?|extension|poste|durchwahl|ramal)[ ]?\d{1,5}$")
_SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")
_DATE_SHAPE = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}")


class LocalPhoneRecognizer(WismoRecognizer):
    """Phone numbers in local and international layouts, decided by shape and phone words."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text, nlp_artifacts):
        seen: set[tuple[int, int]] = set()
        for m in PHONE_RE.finditer(text):
            score = self._formatted(text, m.start(), m.end(), m.group())
            if score:
                seen.add((m.start(), m.end()))
                yield m.start(), m.end(), score
        for m in COMPACT_RE.finditer(text):
            if 7 <= len(digits_of(m.group())) <= 16:
                yield m.start(), m.end(), 0.8
        for m in DIGIT_RUN.finditer(text):
            if (m.start(), m.end()) in seen or not m.group().isdigit():
                continue
            score = self._plain(text, m.start(), m.end(), m.group())
            if score:
                yield m.start(), m.end(), score

    @staticmethod
    def _formatted(text: str, start: int, end: int, value: str) -> float:
        digits = digits_of(value)
        if not 7 <= len(digits) <= 16:
            return 0.0
        cue = nearest_cue(text, start, end)
        ext = _EXT_TAIL.search(value)
        if ext and cue != "phone":
            # "617-555-0142 ext. 12", "33 1234 5678 ext. 118": the number's own shape decides, not its extension
            value, digits = value[: ext.start()], digits_of(value[: ext.start()])
            if not 7 <= len(digits) <= 16:
                return 0.0
        if cue == "phone":
            return 0.85
        if FR_PAIRS.fullmatch(value) and cue != "id":
            return 0.6  # "06 12 48 73 90": France's layout, five pairs from a trunk 0; no carrier prints it
        if cue in ("ship", "order", "id", "payment") and not value.startswith(("+", "(", "00")):
            return 0.0
        if _SSN_SHAPE.fullmatch(value) or _DATE_SHAPE.fullmatch(value):
            return 0.0  # an SSN or a date, not a phone
        if value.startswith(("+", "(", "00")):
            return 0.8
        body = re.sub(r"^\(\d+\)", "", value)
        seps = set(re.findall(r"[ ./-]", body))
        groups = len(re.findall(r"\d+", value))
        if "/" in value and not value.startswith("0"):
            return 0.0  # 12/03/2024, 3/4: dates and fractions
        if value.startswith("0") and groups >= 2 and 9 <= len(digits) <= 13:
            return 0.6  # national format with its trunk 0
        extension = re.search(r"-\d{1,4}$", value)
        if value.startswith("0") and extension and " " in value and 9 <= len(digits) - len(extension.group()) + 1 <= 13:
            return 0.6  # "0351 9098437-214": a German number with its extension (Durchwahl)
        if groups >= 3 and len(seps) == 1 and len(digits) >= 9:
            return 0.5
        if groups == 3 and len(digits) == 10 and re.fullmatch(r"\d{2} \d{4} \d{4}", value):
            return 0.5  # Mexico's two-digit area code and two groups of four: "33 1234 5678"
        if groups == 3 and len(digits) == 9 and re.fullmatch(r"[679]\d{2}[ .]\d{3}[ .]\d{3}", value):
            return 0.5  # Iberian mobile 612 345 678
        return 0.0

    @staticmethod
    def _plain(text: str, start: int, end: int, digits: str) -> float:
        if not 7 <= len(digits) <= 15:
            return 0.0
        cue = nearest_cue(text, start, end)
        if cue == "phone":
            return 0.85
        if cue in ("ship", "order") and len(digits) in (10, 11) and phone_not_waybill(text, digits):
            return 0.6
        if cue in ("ship", "order", "id", "payment"):
            return 0.0
        if NANP_RE.match(digits) or NATIONAL_PLAIN_RE.match(digits):
            return 0.5
        return 0.0
