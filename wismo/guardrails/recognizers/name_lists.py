"""Lists of names ("jeremías, evelia, bienvenida y zoraida"): three or more short items most of
which look like names, told apart from lists of things ("Schuhe, Socken und Mützen").
"""

from __future__ import annotations

import re

from .name_checks import not_in_a_name
from .name_words import FIRST_NAMES, SURNAMES, fold
from .vocabulary import Vocabulary

_LIST_WORD = r"[^\W\d_][\w'’-]{1,30}"
_LIST_ITEM = re.compile(rf"{_LIST_WORD}(?:[ \t]+{_LIST_WORD})?")
#: Three or more items of one or two words: "a, b, c y d", "a, b and c".
LIST_RE = re.compile(
    rf"(?<![\w'’-]){_LIST_WORD}(?:[ \t]*,[ \t]*{_LIST_ITEM.pattern}){{1,8}}"
    rf"(?:[ \t]*,)?[ \t]+(?:and|y|et|und|e|ou|or|oder|o)[ \t]+{_LIST_ITEM.pattern}(?![\w'’-])"
)


def _all_first_names(value: str) -> bool:
    return all(fold(w) in FIRST_NAMES for w in value.split())


def listed_names(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """A list of three or more one- or two-word items ("jeremías, evelia, bienvenida y zoraida")
    is a list of names when most items look like names and none is an ordinary phrase."""
    hits = []
    for m in LIST_RE.finditer(text):
        items = [(i.start(), i.end()) for i in _LIST_ITEM.finditer(m.group())]
        values = [m.group()[a:b] for a, b in items]
        if any(not_in_a_name(w) for v in values for w in v.split()):
            continue
        # Capitalized items ("Schuhe, Socken und Mützen") need names from our lists; lower-case
        # ones (no language capitalizes them) are names when they are no ordinary words.
        namish = sum(
            1
            for v in values
            if _all_first_names(v)
            or fold(v.split()[-1]) in SURNAMES
            or (v.islower() and not vocab.is_word(v.split()[0]))
        )
        if namish * 2 > len(values):
            hits += [(m.start() + a, m.start() + b, 0.6) for a, b in items]
    return hits
