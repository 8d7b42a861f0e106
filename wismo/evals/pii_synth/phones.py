"""Phone numbers in each country's national and international formats, with and without separators.

Numbers come from real numbering plans (area codes, mobile ranges), so a phone library finds them
valid; the tests check that. A number can be drawn in a given style: any, national, intl, bare, ext.
"""

from __future__ import annotations

import random

STYLES = ("any", "national", "intl", "bare", "ext")


def _d(rng: random.Random, n: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


US_AREAS = ("212", "312", "415", "512", "617", "702", "404", "206", "303", "713", "305", "215", "503", "612", "919")
EXT_WORDS = {
    "en": ("x{e}", "x{e}", " ext. {e}", " ext {e}"),
    "es": (" ext. {e}", " extensión {e}"),
    "fr": (" poste {e}",),
    "de": (" Durchwahl {e}", " App. {e}"),
    "pt": (" ramal {e}",),
}


def _us(rng: random.Random) -> dict[str, list[str]]:
    a, e, n = rng.choice(US_AREAS), _d(rng, 3, "2346789"), _d(rng, 4)
    while e.endswith("11") or e == "555":
        e = _d(rng, 3, "2346789")
    return {
        "national": [
            f"({a}) {e}-{n}",
            f"{a}-{e}-{n}",
            f"{a}.{e}.{n}",
            f"{a} {e} {n}",
            f"({a}){e}-{n}",
            f"1-{a}-{e}-{n}",
        ],
        "intl": [f"+1 {a} {e} {n}", f"+1 ({a}) {e}-{n}", f"+1-{a}-{e}-{n}", f"+1{a}{e}{n}"],
        "bare": [f"{a}{e}{n}"],
        "ext_base": [f"{a}-{e}-{n}", f"({a}) {e}-{n}", f"({a}){e}-{n}"],
    }


def _gb(rng: random.Random) -> dict[str, list[str]]:
    kind = rng.choice(("mobile", "mobile", "london", "geo"))
    if kind == "mobile":
        p = "7700"  # 07700 is kept for drama, 07911 only partly issued, 076xx pagers: draw again
        while p in ("7700", "7911"):
            p = "7" + _d(rng, 3, "45789")
        r = _d(rng, 6, "123456789")
        return {
            "national": [f"0{p} {r}", f"0{p} {r[:3]} {r[3:]}", f"0{p}-{r}"],
            "intl": [f"+44 {p} {r}", f"+44 (0){p} {r}", f"+44{p}{r}", f"0044 {p} {r[:3]} {r[3:]}"],
            "bare": [f"0{p}{r}"],
            "ext_base": [f"0{p} {r}"],
        }
    if kind == "london":
        r = rng.choice("378") + _d(rng, 7)
        return {
            "national": [f"020 {r[:4]} {r[4:]}", f"(020) {r[:4]} {r[4:]}"],
            "intl": [f"+44 (0)20 {r[:4]} {r[4:]}", f"+44 20 {r[:4]} {r[4:]}", f"+4420{r}"],
            "bare": [f"020{r}"],
            "ext_base": [f"020 {r[:4]} {r[4:]}"],
        }
    a = rng.choice(("113", "114", "116", "117", "121", "131", "141", "151", "161", "191"))
    r = _d(rng, 7, "2")
    return {
        "national": [f"0{a} {r[:3]} {r[3:]}", f"(0{a}) {r[:3]} {r[3:]}", f"0{a} {r}"],
        "intl": [f"+44 {a} {r[:3]} {r[3:]}", f"+44 (0){a} {r[:3]} {r[3:]}"],
        "bare": [f"0{a}{r}"],
        "ext_base": [f"0{a} {r[:3]} {r[3:]}"],
    }


def _es(rng: random.Random) -> dict[str, list[str]]:
    if rng.random() < 0.65:
        n = rng.choice("67") + _d(rng, 8)
        if n[0] == "7":
            n = "7" + rng.choice("1234") + n[2:]
    else:
        n = rng.choice(("91", "93", "95", "96", "94", "98")) + _d(rng, 7, "2345678")
    g3, g2 = f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"
    return {
        "national": [g3, g2, f"{n[:2]} {n[2:5]} {n[5:7]} {n[7:]}"],
        "intl": [f"+34 {g3}", f"+34 {g2}", f"+34{n}", f"0034 {g3}", f"(+34) {g3}"],
        "bare": [n],
        "ext_base": [g3],
    }


def _mx(rng: random.Random) -> dict[str, list[str]]:
    if rng.random() < 0.6:
        a, n = rng.choice(("55", "33", "81")), _d(rng, 8, "123456789")
        nat = [f"{a} {n[:4]} {n[4:]}", f"{a}-{n[:4]}-{n[4:]}", f"({a}) {n[:4]} {n[4:]}", f"({a}) {n[:4]}-{n[4:]}"]
        intl = [f"+52 {a} {n[:4]} {n[4:]}", f"+52 ({a}) {n[:4]} {n[4:]}", f"+52{a}{n}"]
    else:
        a, n = rng.choice(("222", "442", "477", "664", "998", "999", "614", "686")), _d(rng, 7, "23456789")
        nat = [f"{a} {n[:3]} {n[3:]}", f"({a}) {n[:3]}-{n[3:]}", f"{a}-{n[:3]}-{n[3:]}"]
        intl = [f"+52 {a} {n[:3]} {n[3:]}", f"+52 ({a}) {n[:3]} {n[3:]}", f"+52{a}{n}"]
    return {"national": nat, "intl": intl, "bare": [a + n], "ext_base": nat[:1]}


def _fr(rng: random.Random) -> dict[str, list[str]]:
    n = "639"  # overseas ranges (Mayotte 0639, Réunion 0262/0263) belong to other regions: draw again
    while n[:3] in ("639", "262", "263", "269"):
        head = rng.choice(("6", "7", "6", "1", "2", "3", "4", "5", "9"))
        n = head + rng.choice("345678" if head == "7" else "12345678") + _d(rng, 7)
    pairs = " ".join(n[i : i + 2] for i in range(1, 9, 2))
    return {
        "national": [f"0{n[0]} {pairs}", f"0{n[0]}." + pairs.replace(" ", "."), f"0{n[0]}-" + pairs.replace(" ", "-")],
        "intl": [f"+33 {n[0]} {pairs}", f"+33 (0){n[0]} {pairs}", f"+33{n}", f"0033 {n[0]} {pairs}"],
        "bare": [f"0{n}"],
        "ext_base": [f"0{n[0]} {pairs}"],
    }


DE_AREAS = ("30", "40", "89", "69", "221", "351", "711", "341", "211", "511", "911", "421", "231", "201", "621")


def _de(rng: random.Random) -> dict[str, list[str]]:
    if rng.random() < 0.5:
        a = rng.choice(("151", "152", "157", "160", "170", "171", "172", "173", "175", "176", "177", "178", "179"))
        r = _d(rng, 8 if a in ("151", "152", "157", "176", "177", "178", "179") else 7, "123456789")
    else:
        a = rng.choice(DE_AREAS)
        r = _d(rng, 8 if len(a) == 2 else 7, "2345678")
    return {
        "national": [f"0{a} {r}", f"0{a}/{r}", f"0{a}-{r}", f"(0{a}) {r}", f"0{a} {r[:3]} {r[3:]}", f"0{a} / {r}"],
        "intl": [f"+49 {a} {r}", f"+49 (0){a} {r}", f"+49{a}{r}", f"0049 {a} {r}", f"+49 {a} {r[:3]} {r[3:]}"],
        "bare": [f"0{a}{r}"],
        "ext_base": [f"0{a} {r}"],
    }


BR_DDD = ("11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "27", "48", "62", "92")


def _br(rng: random.Random) -> dict[str, list[str]]:
    a = rng.choice(BR_DDD)
    if rng.random() < 0.7:
        n = "9" + _d(rng, 8, "6789")
        nat = [f"({a}) {n[:5]}-{n[5:]}", f"{a} {n[:5]}-{n[5:]}", f"({a}) {n[:5]} {n[5:]}", f"{a} {n}", f"({a}){n}"]
    else:
        n = _d(rng, 8, "2345")
        nat = [f"({a}) {n[:4]}-{n[4:]}", f"{a} {n[:4]}-{n[4:]}", f"({a}) {n[:4]} {n[4:]}"]
    intl = [f"+55 {a} {n[:-4]}-{n[-4:]}", f"+55 ({a}) {n[:-4]}-{n[-4:]}", f"+55{a}{n}", f"+55 {a} {n}"]
    return {"national": nat, "intl": intl, "bare": [a + n], "ext_base": nat[:1]}


def _pt(rng: random.Random) -> dict[str, list[str]]:
    if rng.random() < 0.65:
        n = "9" + rng.choice("1236") + _d(rng, 7)
        nat = [f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}"]
    else:
        n = rng.choice(("21", "22", "239", "253", "289", "234")) + ""
        n = n + _d(rng, 9 - len(n), "2345678")
        nat = [f"{n[:2]} {n[2:5]} {n[5:]}" if n[:2] in ("21", "22") else f"{n[:3]} {n[3:6]} {n[6:]}"]
    intl = [f"+351 {nat[0]}", f"+351{n}", f"00351 {nat[0]}", f"(+351) {nat[0]}"]
    return {"national": nat, "intl": intl, "bare": [n], "ext_base": nat[:1]}


COUNTRY_PLANS = {"US": _us, "GB": _gb, "ES": _es, "MX": _mx, "FR": _fr, "DE": _de, "BR": _br, "PT": _pt}


def phone(rng: random.Random, country: str, language: str, style: str = "any") -> str:
    """A phone number of `country` written in `style` (any, national, intl, bare, ext)."""
    forms = COUNTRY_PLANS[country](rng)
    if style == "any":
        style = rng.choices(("national", "intl", "bare"), weights=(5, 4, 1))[0]
    if style == "ext":
        ext = str(rng.randint(2, 999))
        return rng.choice(forms["ext_base"]) + rng.choice(EXT_WORDS[language]).format(e=ext)
    return rng.choice(forms[style])
