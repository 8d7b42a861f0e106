"""The words of a claim in each language: weekdays, months, "today"/"tomorrow", times and amounts.

The citation check reads an answer in the language it was written in. English keeps its own
patterns (citations.RX); Spanish, French, German and Portuguese answers are read with the patterns
built here from Babel's month and weekday names, so "viernes, 12 de diciembre", "12. Dezember",
"à 14:30" or "24,90 US$" are claims like their English forms, and an invented one is caught.
Matching is on folded text (lower case, no accents): "sábado" and "sabado" read the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..i18n import formats


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: "today", "tomorrow", "tonight", "yesterday" and the day offset each stands for. "mañana" after
#: "la"/"esta" is the morning, and German "Morgen" after "am"/"guten"/"heute" too: not a day.
RELATIVE: dict[str, dict[str, int]] = {
    "es": {"hoy": 0, "esta noche": 0, "manana": 1, "ayer": -1},
    "fr": {"aujourd'hui": 0, "ce soir": 0, "demain": 1, "hier": -1},
    "de": {"heute": 0, "heute abend": 0, "morgen": 1, "gestern": -1},
    "pt": {"hoje": 0, "hoje a noite": 0, "amanha": 1, "ontem": -1},
}
_NOT_RELATIVE = {
    "es": r"(?<!la )(?<!esta )(?<!de la )",
    "de": r"(?<!am )(?<!guten )(?<!heute )",
}
#: Prepositions before a place name ("en Sacramento", "à Lyon", "in Köln", "em Recife").
PLACE_PREPOSITIONS = {
    "es": r"en|cerca de|desde|hacia",
    "fr": r"a|en|pres de|depuis|vers",
    "de": r"in|nach|bei|aus",
    "pt": r"em|perto de|desde|para",
}
#: Units of a duration ("3 días", "2 jours", "5 Werktage", "24 horas").
DURATION_UNITS = {
    "es": r"dias? (?:habiles?|laborables?)?|horas?|semanas?",
    "fr": r"jours?(?: ouvres| ouvrables)?|heures?|semaines?",
    "de": r"(?:werk|geschafts)?tagen?|stunden?|wochen?",
    "pt": r"dias? (?:uteis)?|horas?|semanas?",
}


@dataclass(frozen=True)
class Lexicon:
    lang: str
    #: Weekday (folded) -> index (Monday 0).
    weekdays: dict[str, int]
    #: Month name or abbreviation (folded) -> number.
    months: dict[str, int]
    rx: dict[str, re.Pattern[str]]


@cache
def lexicon(lang: str) -> Lexicon:
    """The claim patterns of one language other than English."""
    weekdays: dict[str, int] = {}
    for i, name in enumerate(formats.day_names(lang)):
        weekdays[fold(name)] = i
        if name.endswith("-feira"):
            weekdays[fold(name.removesuffix("-feira"))] = i
    months = {fold(name): n for name, n in formats.month_names(lang).items() if len(name) >= 3}
    day_rx = "|".join(sorted(map(re.escape, weekdays), key=len, reverse=True))
    month_rx = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    date = rf"\b\d{{1,2}}(?:\.|º|er)?\s*(?:de\s+)?(?:{month_rx})\b\.?"
    relative = "|".join(
        f"{_NOT_RELATIVE.get(lang, '')}\\b{re.escape(word)}\\b"
        for word in sorted(RELATIVE[lang], key=len, reverse=True)
    )
    rx = {
        "dated_weekday": re.compile(rf"\b(?:{day_rx}),?\s+(?:el\s+|le\s+|den\s+|dia\s+)?{date[2:]}"),
        "date": re.compile(rf"{date}|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b"),
        "weekday": re.compile(rf"\b(?:{day_rx})\b"),
        "relative_day": re.compile(relative),
        "time": re.compile(r"\b\d{1,2}[:h]\d{2}\b(?:\s?uhr)?|\b\d{1,2}\s?(?:uhr|h)\b"),
        "money": re.compile(
            r"(?:us\$|\$|€|£|r\$)\s?\d[\d.,\u00a0\u202f ]*\d|\d[\d.,\u00a0\u202f ]*\d\s?(?:us\$|\$us|\$|€|£|usd|eur)"
        ),
        "percent": re.compile(r"\b\d+(?:[.,]\d+)?\s?%"),
        "distance": re.compile(r"\b\d+(?:[.,]\d+)?\s?km\b"),
        "duration": re.compile(rf"\b\d+(?:\s?(?:a|-|bis|e|y|et|à)\s?\d+)?\s+(?:{DURATION_UNITS[lang]})\b"),
        "place_after": re.compile(
            rf"\b(?:{PLACE_PREPOSITIONS[lang]})\s+([A-Z][a-zA-ZÀ-ÿ]+(?:[ -][A-Z][a-zA-ZÀ-ÿ]+)*)\b"
        ),
    }
    return Lexicon(lang, weekdays, months, rx)


def parse_day_month(text: str, lex: Lexicon) -> tuple[int, int] | None:
    """(month, day) of "12 de diciembre", "12. Dezember", "12 décembre"; None when it is not one."""
    m = re.search(r"(\d{1,2})(?:\.|º|er)?\s*(?:de\s+)?([a-z]+)", fold(text))
    if not m or m.group(2) not in lex.months:
        return None
    return lex.months[m.group(2)], int(m.group(1))


def money_value(text: str) -> float | None:
    """24.9 from "24,90 US$", "1.234,50 $", "$1,234.50", "US$ 1.234,50"."""
    digits = re.sub(r"[^\d.,]", "", text)
    if not digits:
        return None
    if "," in digits and (digits.rfind(",") > digits.rfind(".")):
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None
