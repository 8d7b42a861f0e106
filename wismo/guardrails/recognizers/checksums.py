"""Check digits: the evidence that decides what a number is.

A payment card passes Luhn and starts with an issuer prefix; a carrier's tracking number passes
that carrier's check digit (UPS mod 10 over 1Z numbers, USPS IMpb mod 10, FedEx mod 11 for
Express and mod 10 for Ground, DHL Express mod 7, UPU S10 for postal items). A random number
passes a given check about one time in ten, so a check is evidence, not proof: the recognizers
combine it with the words around the number (`cues`).
"""

from __future__ import annotations

import re


def luhn_ok(digits: str) -> bool:
    """True when a digit string passes the Luhn check (payment cards do)."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_CARD_PREFIXES: tuple[tuple[str, tuple[int, int], tuple[int, ...]], ...] = (
    # (prefix range start..end inclusive as strings of equal length, lengths)
    ("visa", (4, 4), (13, 16, 18, 19)),
    ("mastercard", (51, 55), (16,)),
    ("mastercard", (2221, 2720), (16,)),
    ("amex", (34, 34), (15,)),
    ("amex", (37, 37), (15,)),
    ("discover", (6011, 6011), (16, 17, 18, 19)),
    ("discover", (644, 649), (16, 17, 18, 19)),
    ("discover", (65, 65), (16, 17, 18, 19)),
    ("jcb", (3528, 3589), (16, 17, 18, 19)),
    ("diners", (300, 305), (14, 15, 16, 17, 18, 19)),
    ("diners", (36, 36), (14, 15, 16, 17, 18, 19)),
    ("diners", (38, 39), (14, 15, 16, 17, 18, 19)),
    ("unionpay", (62, 62), (16, 17, 18, 19)),
    ("mir", (2200, 2204), (16, 17, 18, 19)),
    ("maestro", (50, 50), (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", (56, 69), (12, 13, 14, 15, 16, 17, 18, 19)),
)


def card_brand(digits: str) -> str | None:
    """The card scheme whose issuer prefix and length `digits` has, when it also passes Luhn."""
    if not (12 <= len(digits) <= 19) or not luhn_ok(digits):
        return None
    for brand, (low, high), lengths in _CARD_PREFIXES:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width]) <= high:
            return brand
    return None


def _mod10_weighted(serial: str, check: str, first_weight: int) -> bool:
    """USPS/FedEx Ground style mod 10: weights 3 and 1 alternate from the digit next to the check."""
    total = 0
    for i, ch in enumerate(reversed(serial)):
        total += int(ch) * (first_weight if i % 2 == 0 else 4 - first_weight)
    return (10 - total % 10) % 10 == int(check)


def ups_ok(value: str) -> bool:
    """1Z + 6 shipper characters + 2 service digits + 7 package digits + check digit."""
    value = value.upper()
    if not re.fullmatch(r"1Z[0-9A-Z]{16}", value):
        return False
    total = 0
    for i, ch in enumerate(value[2:17]):
        v = int(ch) if ch.isdigit() else (ord(ch) - 3) % 10
        total += v * (2 if i % 2 else 1)
    return (10 - total % 10) % 10 == int(value[17]) if value[17].isdigit() else False


def usps_ok(digits: str) -> bool:
    """USPS IMpb (20 or 22 digits): mod 10, weight 3 next to the check digit.

    20-digit labels of the older format are checked as printed and with the implied "91" prefix."""
    if not digits.isdigit() or len(digits) not in (20, 22):
        return False
    serial, check = digits[:-1], digits[-1]
    if _mod10_weighted(serial, check, 3):
        return True
    return len(digits) == 20 and _mod10_weighted("91" + serial, check, 3)


def fedex_ok(digits: str) -> bool:
    """FedEx Express (12 digits, mod 11 with weights 1,3,7 from the right), Ground (15 digits, mod 10)
    and Ground 96 (22 digits, mod 10 over its 14-digit serial)."""
    if not digits.isdigit():
        return False
    if len(digits) == 12:
        weights = (1, 3, 7)
        total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(digits[:11])))
        return total % 11 % 10 == int(digits[11])
    if len(digits) == 15:
        return _mod10_weighted(digits[:14], digits[14], 3)
    if len(digits) == 22 and digits.startswith("96"):
        return _mod10_weighted(digits[7:21], digits[21], 3)
    if len(digits) == 20:  # SmartPost, an IMpb number without its "92" prefix
        return _mod10_weighted("92" + digits[:19], digits[19], 3)
    return False


def dhl_ok(digits: str) -> bool:
    """DHL Express waybill: 10 or 11 digits, the last one the rest mod 7."""
    return digits.isdigit() and len(digits) in (10, 11) and int(digits[:-1]) % 7 == int(digits[-1])


def s10_ok(value: str) -> bool:
    """UPU S10 postal item ids (RB123456785GB): weights 8,6,4,2,3,5,9,7 mod 11."""
    value = value.upper()
    if not re.fullmatch(r"[A-Z]{2}\d{9}[A-Z]{2}", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[2:10], (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    remainder = total % 11
    check = 0 if remainder == 1 else 5 if remainder == 0 else 11 - remainder
    return check == int(value[10])


def carrier_check_ok(value: str) -> str | None:
    """The carrier whose check digit a compact tracking number passes, or None."""
    value = value.upper()
    if value.startswith("1Z"):
        return "ups" if ups_ok(value) else None
    if value[:2].isalpha():
        return "s10" if s10_ok(value) else None
    if not value.isdigit():
        return None
    if usps_ok(value):
        return "usps"
    if fedex_ok(value):
        return "fedex"
    if dhl_ok(value):
        return "dhl"
    return None
