"""Full names joined by a Germanic particle ("Marten von Berg", "Anne van der Velde"), told apart
from nouns that "von" joins ("Paket von Amazon", "Nähe von Dresden").
"""

from __future__ import annotations

import re

from .base import UP
from .name_checks import DETERMINER_BEFORE, NOUN_ENDINGS, name_like, name_tail, not_in_a_name
from .name_words import FIRST_NAMES, fold
from .vocabulary import Vocabulary

_GERMANIC_PARTICLE_NAME = re.compile(
    rf"(?<![\w'’-])(?P<first>[{UP}][^\W\d_]{{1,30}}(?:-[{UP}][^\W\d_]{{1,30}})?)[ \t]+"
    rf"(?:von|van|vom)(?:[ \t]+(?:der|den|dem|de))?[ \t]+[{UP}][^\W\d_]{{1,30}}(?![\w'’-])"
)


def particle_names(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """ "Marten von Berg", "Anne van der Velde": two capitalized words joined by a Germanic
    particle are a name (the Romance "de" also joins places and shops, so it is left out)."""
    return [
        (m.start(), name_tail(text, m.end()), 0.7)
        for m in _GERMANIC_PARTICLE_NAME.finditer(text)
        if not not_in_a_name(m.group("first"))
        and not DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start())
        and _could_be_first_name(m.group("first"), vocab)
    ]


def _could_be_first_name(word: str, vocab: Vocabulary) -> bool:
    """A known or name-like first name, or a word only English lists ("Marten"): German
    nouns ("Paket von Amazon", "Nähe von Dresden") are no first names."""
    key = fold(word)
    if key in FIRST_NAMES or name_like(word, vocab):
        return True
    if len(key) >= 7 and key.endswith(NOUN_ENDINGS):
        return False  # "Bestellungen vom Brückentag": a noun by its ending
    if vocab.is_word(word) and not vocab.is_english(word):
        return False  # "Kundenservice von Hermes": a compound noun
    return key not in vocab.others and not vocab.is_frequent(word)
