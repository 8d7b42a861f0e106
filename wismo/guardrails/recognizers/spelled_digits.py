"""Numbers typed one digit at a time ("0 7 8 4 5 1 1 2 6 7 7"), as customers do so that autocorrect
leaves them alone: phones, and US Social Security numbers after "SSN" or "social".

No layout of ours reads a run of single digits (a phone has at most six groups), and the national-id
recognizers find spelled-out ids next to their own word only. A run of 7 to 15 single digits is a
phone after a phone word (looked for further back than usual: "meu número, digitando um por um pra
não errar: 6 1 9 …"), or without one when its digits have a phone's national shape and no word
calls it an order, a shipment or a payment. Order and tracking numbers are never typed so.
"""

from __future__ import annotations

import re

from .base import WismoRecognizer
from .numbers import NANP_RE, NATIONAL_PLAIN_RE, nearest_cue

#: Single digits joined by single spaces, dots or dashes, not part of a longer run (bounded: the
#: group has a fixed width, and only the run's first digit may start a match).
SPELLED_RE = re.compile(r"(?<![\w.,/+-])(?<!\d[ .-])\d(?:[ .-]\d){6,14}(?![\w/-]|[.,]\d|[ .-]\d)")
#: The words that call a number a Social Security number ("my social", "SSN", "social security").
_SSN_WORDS = re.compile(r"(?i:(?<!\w)(?:ssn|social(?:\s+security)?|seguro\s+social)(?!\w))")
#: Further back than `nearest_cue`'s default: the customer often explains why they type it so.
_WINDOW = 60


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _ssn_ok(digits: str) -> bool:
    """The Social Security Administration's rules: no area 000, 666 or 9xx, no group 00, no serial 0000."""
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return len(digits) == 9 and area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def _ssn_cued(text: str, start: int) -> bool:
    return bool(_SSN_WORDS.search(text, max(0, start - _WINDOW), start))


class SpelledPhoneRecognizer(WismoRecognizer):
    """A phone number typed one digit at a time."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text, nlp_artifacts):
        for m in SPELLED_RE.finditer(text):
            digits = _digits(m.group())
            if _ssn_cued(text, m.start()) and _ssn_ok(digits):
                continue  # the SSN recognizer's
            cue = nearest_cue(text, m.start(), m.end(), before=_WINDOW)
            if cue == "phone":
                yield m.start(), m.end(), 0.85
            elif cue is None and (NANP_RE.match(digits) or NATIONAL_PLAIN_RE.match(digits)):
                yield m.start(), m.end(), 0.6


class SpelledSsnRecognizer(WismoRecognizer):
    """A US Social Security number typed one digit at a time after "SSN" or "my social"."""

    ENTITY = "US_SSN"

    def find(self, text, nlp_artifacts):
        for m in SPELLED_RE.finditer(text):
            if _ssn_cued(text, m.start()) and _ssn_ok(_digits(m.group())):
                yield m.start(), m.end(), 0.9
