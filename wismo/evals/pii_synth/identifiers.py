"""Numbers with a structure: cards, IBANs, national IDs, order and tracking numbers, postal codes.

Every value is complete and valid (its check digits computed in `checksums`), and written the ways
customers write it: grouped by spaces or dashes, or in one run.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from datetime import date

from . import checksums as cs

DIGITS = string.digits
UPPER = string.ascii_uppercase


def _num(rng: random.Random, n: int, first: str = DIGITS) -> str:
    return rng.choice(first) + "".join(rng.choice(DIGITS) for _ in range(n - 1))


def group(value: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    """Split `value` into groups of the given sizes (the last size repeats) joined by `sep`."""
    out, i, k = [], 0, 0
    while i < len(value):
        size = sizes[min(k, len(sizes) - 1)]
        out.append(value[i : i + size])
        i, k = i + size, k + 1
    return sep.join(out)


# ------------------------------------------------------------------------------------------ cards
CARD_PREFIXES = {"visa": ("4",), "mastercard": ("51", "52", "53", "54", "55", "2221", "2720"), "discover": ("6011",)}


def card_number(rng: random.Random, brand: str) -> str:
    if brand == "amex":
        prefix, length = rng.choice(("34", "37")), 15
    else:
        prefix, length = rng.choice(CARD_PREFIXES[brand]), 16
    body = prefix + "".join(rng.choice(DIGITS) for _ in range(length - len(prefix) - 1))
    return body + cs.luhn_digit(body)


def card(rng: random.Random, style: str) -> str:
    """style: grouped (4-4-4-4 by spaces or dashes), amex (4-6-5), plain (one run of digits)."""
    if style == "amex":
        return group(card_number(rng, "amex"), (4, 6, 5), rng.choice((" ", " ", "-")))
    number = card_number(rng, rng.choice(("visa", "visa", "mastercard", "discover")))
    if style == "plain":
        return number
    return group(number, (4,), rng.choice((" ", " ", " ", "-")))


# ------------------------------------------------------------------------------------------ IBAN
GB_BANKS = ("NWBK", "BARC", "LOYD", "HBUK", "MIDL", "HLFX", "NAIA", "MONZ")


def bban(rng: random.Random, country: str) -> str:
    if country == "DE":
        return _num(rng, 8, "12345678") + _num(rng, 10)
    if country == "ES":
        bank, branch, account = _num(rng, 4, "0123"), _num(rng, 4), _num(rng, 10)
        dc = cs.es_ccc_digit("00" + bank + branch) + cs.es_ccc_digit(account)
        return bank + branch + dc + account
    if country == "FR":
        bank, branch, account = _num(rng, 5, "1234"), _num(rng, 5), _num(rng, 11)
        return bank + branch + account + cs.fr_rib_key(bank, branch, account)
    if country == "GB":
        return rng.choice(GB_BANKS) + _num(rng, 6) + _num(rng, 8)
    if country == "PT":
        body = _num(rng, 4, "0") + _num(rng, 4) + _num(rng, 11)
        return body + cs.mod97_10(body)
    if country == "BR":
        return _num(rng, 8, "0") + _num(rng, 5) + _num(rng, 10) + rng.choice("CP") + rng.choice("12")
    raise ValueError(f"no IBAN for {country}")


def iban(rng: random.Random, country: str, grouped: bool) -> str:
    body = bban(rng, country)
    value = country + cs.iban_check_digits(country, body) + body
    return group(value, (4,)) if grouped else value


# ------------------------------------------------------------------------------------------ national IDs
def us_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    value = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    sep = rng.choice(("-", "-", "-", " ", ""))
    return f"{value[:3]}{sep}{value[3:5]}{sep}{value[5:]}"


def es_dni(rng: random.Random) -> str:
    n = rng.randint(1_000_000, 99_999_999)
    return rng.choice(("{n:08d}{c}", "{n:08d}{c}", "{n:08d}-{c}")).format(n=n, c=cs.es_dni_letter(n))


def es_nie(rng: random.Random) -> str:
    head, n = rng.choice("XYZ"), rng.randint(0, 9_999_999)
    c = cs.es_dni_letter(int(f"{'XYZ'.index(head)}{n:07d}"))
    return rng.choice(("{h}{n:07d}{c}", "{h}{n:07d}{c}", "{h}-{n:07d}-{c}")).format(h=head, n=n, c=c)


def _ascii_upper(text: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Z]", "", kept.upper())


VOWELS = "AEIOU"
#: The four-letter words RENAPO and the SAT replace (their second letter becomes X).
MX_RUDE = frozenset(
    """BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO GETA
    GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA
    LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO
    QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY""".split()
)
MX_STATES = tuple(sorted(cs.CURP_STATES))


def _mx_name_key(given: str, paternal: str, maternal: str) -> str:
    p, m, g = _ascii_upper(paternal) or "X", _ascii_upper(maternal) or "X", _ascii_upper(given) or "X"
    inner_vowel = next((c for c in p[1:] if c in VOWELS), "X")
    key = p[0] + inner_vowel + m[0] + g[0]
    return key[0] + "X" + key[2:] if key in MX_RUDE else key


def _inner_consonant(word: str) -> str:
    w = _ascii_upper(word)
    return next((c for c in w[1:] if c not in VOWELS), "X")


def mx_rfc(rng: random.Random, given: str, paternal: str, maternal: str, born: date) -> str:
    homoclave = rng.choice("123456789ABCDEFGHIJKLMNPQRSTUV") + rng.choice("123456789ABCDEFGHIJKLMNPQRSTUVWXYZ")
    first12 = _mx_name_key(given, paternal, maternal) + born.strftime("%y%m%d") + homoclave
    return first12 + cs.mx_rfc_digit(first12)


def mx_curp(rng: random.Random, given: str, paternal: str, maternal: str, born: date, female: bool) -> str:
    first16 = (
        _mx_name_key(given, paternal, maternal)
        + born.strftime("%y%m%d")
        + ("M" if female else "H")
        + rng.choice(MX_STATES)
        + _inner_consonant(paternal)
        + _inner_consonant(maternal)
        + _inner_consonant(given)
    )
    first17 = first16 + (rng.choice(DIGITS) if born.year < 2000 else rng.choice(UPPER))
    return first17 + cs.mx_curp_digit(first17)


def br_cpf(rng: random.Random) -> str:
    while True:
        nine = _num(rng, 9)
        if len(set(nine)) > 1:
            break
    value = nine + cs.br_cpf_digits(nine)
    if rng.random() < 0.7:
        return f"{value[:3]}.{value[3:6]}.{value[6:9]}-{value[9:]}"
    return value


def pt_nif(rng: random.Random) -> str:
    eight = _num(rng, 8, "123")
    value = eight + cs.pt_nif_digit(eight)
    return group(value, (3,)) if rng.random() < 0.3 else value


def de_steuer_id(rng: random.Random) -> str:
    """Ten digits in which exactly one digit appears twice, then the MOD 11,10 check digit."""
    while True:
        chosen = rng.sample(DIGITS, 9)
        ten = chosen + [rng.choice(chosen)]
        rng.shuffle(ten)
        if ten[0] != "0":
            break
    value = "".join(ten) + cs.de_idnr_digit("".join(ten))
    if rng.random() < 0.4:
        return f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}"
    return value


def fr_nir(rng: random.Random, female: bool, born: date) -> str:
    dept = f"{rng.choice([d for d in range(1, 96) if d != 20]):02d}"
    thirteen = f"{2 if female else 1}{born:%y%m}{dept}{rng.randint(1, 990):03d}{rng.randint(1, 999):03d}"
    value = thirteen + cs.fr_nir_key(thirteen)
    if rng.random() < 0.6:
        return f"{value[0]} {value[1:3]} {value[3:5]} {value[5:7]} {value[7:10]} {value[10:13]} {value[13:]}"
    return value


def uk_nino(rng: random.Random) -> str:
    first = [c for c in UPPER if c not in cs.NINO_BAD_FIRST]
    second = [c for c in UPPER if c not in cs.NINO_BAD_SECOND]
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in cs.NINO_BAD_PREFIX:
            break
    body, suffix = _num(rng, 6), rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{prefix} {body[:2]} {body[2:4]} {body[4:]} {suffix}"
    return prefix + body + suffix


# ------------------------------------------------------------------------------------------ keep: orders
def _not_card_like(value: str) -> bool:
    """Keep values are never Luhn-valid at a card's length, so trusting Luhn is never wrong on them."""
    d = cs.digits(value)
    return not (d.isdigit() and 13 <= len(d) <= 19 and cs.is_luhn(d))


def order_number(rng: random.Random, kind: str) -> str:
    """kind: shop (#WS + 5 digits, the demo shop), dash_letters, letter_prefix, ord_prefix, amazon, plain10."""
    while True:
        if kind == "shop":
            value = "#WS" + _num(rng, 5)
        elif kind == "dash_letters":
            value = f"{rng.randint(1000, 99999)}-{rng.choice(UPPER)}{rng.choice(UPPER)}"
        elif kind == "letter_prefix":
            value = rng.choice("KABCRT") + _num(rng, 9, "123456789")
        elif kind == "ord_prefix":
            value = f"{rng.choice(('ORD', 'ORD', 'PO', 'SO'))}-{_num(rng, 6, '123456789')}"
        elif kind == "amazon":
            value = f"{rng.choice(('111', '112', '113', '114', '202', '205', '206', '302', '305', '403'))}-"
            value += f"{_num(rng, 7)}-{_num(rng, 7)}"
        elif kind == "plain10":
            value = _num(rng, 10, "123456789")
        else:
            raise ValueError(f"unknown order number kind {kind}")
        if _not_card_like(value):
            return value


# ------------------------------------------------------------------------------------------ keep: tracking
UPS_SERVICES = ("01", "02", "03", "12", "13", "42", "66", "A8")


def tracking_number(rng: random.Random, kind: str) -> str:
    """kind: ups, usps20, usps22, fedex12, fedex15, dhl10; each with its carrier's check digit."""
    while True:
        if kind == "ups":
            shipper = "".join(rng.choice(UPPER + DIGITS) for _ in range(6))
            serial = shipper + rng.choice(UPS_SERVICES) + _num(rng, 7)
            value = "1Z" + serial + cs.ups_digit(serial)
        elif kind == "usps20":
            serial = rng.choice(("03", "23", "70", "71", "73", "77")) + _num(rng, 17)
            value = serial + cs.usps_digit(serial)
        elif kind == "usps22":
            serial = rng.choice(("9400", "9205", "9361", "9405", "9202", "9270")) + _num(rng, 17)
            value = serial + cs.usps_digit(serial)
        elif kind == "fedex12":
            serial = _num(rng, 11, "4567")
            value = serial + cs.fedex12_digit(serial)
        elif kind == "fedex15":
            serial = _num(rng, 14, "0456789")
            value = serial + cs.fedex15_digit(serial)
        elif kind == "dhl10":
            serial = _num(rng, 9, "123456789")
            value = serial + cs.dhl_digit(serial)
        else:
            raise ValueError(f"unknown tracking kind {kind}")
        if _not_card_like(value):
            return value


# ------------------------------------------------------------------------------------------ keep: postal codes
def postal_code(rng: random.Random, country: str) -> str:
    """The code a customer gives to verify an order, in the country's format."""
    if country == "US":
        return _num(rng, 5, "123456789")
    if country == "GB":
        area = rng.choice(("SW", "SE", "NW", "N", "E", "W", "EC", "M", "B", "LS", "G", "EH", "BS", "CF", "L", "OX"))
        unit = "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
        return f"{area}{rng.randint(1, 20)} {rng.randint(1, 9)}{unit}"
    if country == "ES":
        return f"{rng.randint(1, 52):02d}{rng.randint(0, 999):03d}"
    if country == "MX":
        return f"{rng.randint(1, 99):02d}{rng.randint(0, 999):03d}"
    if country == "FR":
        return f"{rng.choice([d for d in range(1, 96) if d != 20]):02d}{rng.randint(0, 990):03d}"
    if country == "DE":
        return f"{rng.randint(1067, 99998):05d}"
    if country == "BR":
        return f"{rng.randint(1000, 99999):05d}-{rng.randint(0, 999):03d}"
    if country == "PT":
        return f"{rng.randint(1000, 9999)}-{rng.randint(0, 999):03d}"
    raise ValueError(f"no postal code format for {country}")
