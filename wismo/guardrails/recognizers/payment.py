"""Payment cards and bank accounts in the shapes Presidio's recognizers miss.

Presidio's card recognizer knows fewer prefixes and lengths (Maestro, 19-digit Visa, UnionPay),
and its IBAN recognizer misses IBANs typed in lower case or with irregular spaces. A Luhn-valid
card number with an issuer prefix is a card wherever it stands; any other 12-19 digit number is
one only with payment words nearby ("card", "tarjeta", "carte", "Karte", "cartão").
"""

from __future__ import annotations

import re

from stdnum import iban

from . import cues
from .base import WismoRecognizer, digits_of, near
from .checksums import card_brand, carrier_check_ok, luhn_ok

CARD_RE = re.compile(r"(?<![\w+.,/-])\d{4}(?:[ -]?\d){8,15}(?![\w/-]|[.,]\d)")


#: A card named as a means of payment, not only the word "card" (a greeting card holds tracking numbers too).
_CARD_NAMED = re.compile(
    r"\b(?:card (?:number|no|num|#|details|ending)|credit|debit|visa|master ?card|amex|tarjeta|carte (?:bancaire|bleue"
    r"|de credit)|kreditkarte|ec-karte|girokarte|cart[aã]o)\b",
    re.I,
)


class PaymentCardRecognizer(WismoRecognizer):
    """Card numbers of 12-19 digits."""

    ENTITY = "CREDIT_CARD"

    def find(self, text, nlp_artifacts):
        for m in CARD_RE.finditer(text):
            digits = digits_of(m.group())
            if not 12 <= len(digits) <= 19:
                continue
            if card_brand(digits):
                yield m.start(), m.end(), 0.95
            elif near(text, m.start(), m.end(), cues.PAYMENT, before=60, after=30):
                tracked = carrier_check_ok(digits) and near(text, m.start(), m.end(), cues.SHIP, before=80, after=30)
                if tracked and not near(text, m.start(), m.end(), _CARD_NAMED, before=40, after=0):
                    # "the tracking number she wrote on the card: 4484...": a carrier's number (its check
                    # digit holds, a tracking word names it); the card is the greeting card.
                    continue
                yield m.start(), m.end(), 0.9
            elif luhn_ok(digits):
                yield m.start(), m.end(), 0.6


#: Two letters, two check digits, then 11-30 characters: run together, or in groups of four
#: (the printed form) with a shorter last group. Fixed group widths keep backtracking bounded.
IBAN_RE = re.compile(
    r"(?<![\w-])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?:[ ][A-Za-z0-9]{4}){2,7}(?:[ ][A-Za-z0-9]{1,3})?)(?![\w-])"
)


#: The same in any grouping of 1-6 characters ("ES17 1465 0100 98 1718 0093 52"), checked group by group.
_LOOSE_IBAN_RE = re.compile(r"(?<![\w-])[A-Za-z]{2}\d{2}(?:[ ][A-Za-z0-9]{1,6}){2,9}")


class GroupedIbanRecognizer(WismoRecognizer):
    """IBANs with or without spaces, any case, validated by their mod-97 check."""

    ENTITY = "IBAN_CODE"

    def find(self, text, nlp_artifacts):
        found: list[tuple[int, int]] = []
        for m in IBAN_RE.finditer(text):
            value = m.group()
            compact = re.sub(r"\s", "", value).upper()
            if 15 <= len(compact) <= 34 and iban.is_valid(compact):
                found.append((m.start(), m.end()))
                yield m.start(), m.end(), 1.0
        for m in _LOOSE_IBAN_RE.finditer(text):
            # "ES55 2100 0418 48 0200 0518 33": the bank's own grouping; the longest run of groups that
            # passes the check is the IBAN (a word after it is no part of it).
            if any(start < m.end() and m.start() < end for start, end in found):
                continue
            groups = m.group().split(" ")
            for n in range(len(groups), 2, -1):
                compact = "".join(groups[:n]).upper()
                if 15 <= len(compact) <= 34 and iban.is_valid(compact):
                    yield m.start(), m.start() + len(" ".join(groups[:n])), 1.0
                    break
