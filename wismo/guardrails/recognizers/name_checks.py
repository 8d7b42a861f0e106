"""The word checks every name rule shares: whether a word is a function word, whether it looks
like a name, and where a name that starts at a word ends (initials, particles, further names).

They stand apart from the rules so that cues, signatures, lists and the redactor's span checks
(`pii_spans`) judge a word alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import CAP, UP
from .name_cues import SPEAKER_ROLES
from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, PLACE_WORDS, SURNAMES, fold
from .vocabulary import STOP_WORDS, Vocabulary

_INITIAL = rf"[{UP}]\.?"
NAME_PARTICLE = r"(?:van|von|der|den|de|du|da|di|del|della|dos|das|do|ten|ter|la|las|los|le|bin|ibn|al|el|y|e|zu|zum|i)"
#: One or two particles before a capitalized word ("de la Fuente", "van der Berg", "von Bülow").
PARTICLES = rf"{NAME_PARTICLE}(?:[ \t]+{NAME_PARTICLE})?"
#: One word, hyphens and apostrophes inside it, with a full stop that may end it ("Jean-Luc", "J.").
TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,40}\.?")
#: The stop words of the five languages together.
ALL_STOP = frozenset().union(*STOP_WORDS.values())


_ELISION = re.compile(r"(?i:(?:j|qu|n|m|t|s|c)['’][^\W\d_])")


def elided(word: str) -> bool:
    """A French pronoun or particle joined to its verb: "J'ai", "Qu'en", "N'oubliez", "C'était"."""
    return bool(_ELISION.match(word))


@lru_cache(maxsize=4096)
def is_function_word(word: str) -> bool:
    """A stop word of one of the five languages, or a word joined to one ("Est-il", "J'ai"). Cached: a
    long message asks it of the same few words again and again."""
    parts = [fold(p) for p in re.split(r"['’-]", word.rstrip(".")) if p]
    if elided(word):
        return True
    if parts and parts[0] == "i":  # "I", "I'm", "I've": the speaker, never a name after "Hi,"
        return True
    return bool(parts) and any(p in ALL_STOP for p in parts) and fold(parts[0]) not in FIRST_NAMES


#: What may continue a name: an initial, particles before a capitalized word, a capitalized word.
_NAME_NEXT = re.compile(rf"[ \t]+(?:{_INITIAL}(?!\w)|(?:{PARTICLES})(?=[ \t]+[{UP}])|{CAP})")


def name_tail(text: str, pos: int) -> int:
    """Extend a name from `pos` over initials, particles and further capitalized words."""
    end = pos
    for _ in range(4):
        if text[end - 3 : end].endswith(".") and text[end - 3 : end - 1].isalpha():
            break  # "Ausverkauft. Wisst ihr": a sentence ended; only an initial ("R. Pimentel") goes on
        m = _NAME_NEXT.match(text, end)
        if not m:
            break
        word = m.group().strip()
        if fold(word.rstrip(".")) in NOT_NAME_WORDS or (word.isupper() and len(word) > 2):
            break
        end = m.end()
    return end


#: What may continue a lower-case name: an initial ("k.") or a word.
_LOWER_NEXT = re.compile(
    r"[ \t]+(?:[^\W\d_]\.(?=[ \t])|[^\W\d_]{1,3}['’][^\W\d_]{2,30}(?![\w'’@])|[^\W\d_]{2,40}(?![\w'’@]))"
)


def lower_name_tail(text: str, pos: int, vocab: Vocabulary) -> int:
    """Extend a lowercase name over an initial ("k.") and surnames that are no ordinary words."""
    end = pos
    for _ in range(3):
        m = _LOWER_NEXT.match(text, end)
        if not m:
            break
        word = m.group().strip()
        if not word.endswith(".") and (
            fold(word) in NOT_NAME_WORDS or (vocab.is_word(word) and fold(word) not in SURNAMES)
        ):
            break
        end = m.end()
    return end


#: Nouns by their ending ("Abholung", "Reklamation", "Gelegenheit", "Qualität"): no name ends so.
NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "ionen", "tat", "nis", "tum")


def name_like(word: str, vocab: Vocabulary) -> bool:
    """A capitalized token that looks like a name: a known first name, or not an ordinary word."""
    bare = vocab.bare(word)
    key = fold(bare)
    if len(bare) < 2 or key in NOT_NAME_WORDS or key in PLACE_WORDS or key in SPEAKER_ROLES or not word[:1].isupper():
        return False
    if word.isupper() and len(bare) >= 2:  # ALLCAPS: acronyms ("CP", "PP", "XL"), cities in postal blocks
        return False
    if key in FIRST_NAMES:
        return True
    if not vocab:
        return False
    parts = [p for p in bare.split("-") if p]
    if len(parts) > 1 and all(p[:1].isupper() and fold(p) in FIRST_NAMES for p in parts):
        return True  # "Ernst-Dieter", "Marie-Claire": every part a first name
    if "-" in bare and all(vocab.is_word(part) for part in parts):
        return False  # "Hassle-free", "High-quality"
    if key in AMBIGUOUS_FIRST_NAMES:
        return False
    if key in SURNAMES:
        return not vocab.is_english(bare)
    if len(key) >= 7 and key.endswith(NOUN_ENDINGS):
        return False  # "Abholung", "Reklamation", "Gelegenheit": a noun by its ending
    return not vocab.is_word(bare)


#: An article or possessive right before a capitalized word makes it a noun ("die Winterjacke",
#: "la Gran Vía"), not a name. (English capitalizes no common noun: "the Ronner novel" is a name.)
DETERMINER_BEFORE = re.compile(
    r"(?i:(?<!\w)(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|mein|meine|"
    r"meinen|meinem|ihr|ihre|ihren|ihrem|unser|unsere|im|am|zum|zur|vom|beim|ins|aufs|ans|fürs|furs|ums|übers|"
    r"durchs|el|la|los|las|un|una|mi|su|"
    r"kein|keine|keinen|keinem|keiner|jede|jeder|jeden|diese|dieser|diesen|welche|manche|viele|"
    r"le|les|une|mon|ma|mes|votre|vos|au|aux|o|os|as|um|uma|meu|minha|seu|sua|no|na|nos|nas)"
    r"[ \t]+)$"
)


def not_in_a_name(word: str) -> bool:
    """A word no name holds: a shop word, a role or a function word other than a particle ("de", "van")."""
    key = fold(word)
    return (
        key in NOT_NAME_WORDS
        or key in SPEAKER_ROLES
        or (is_function_word(word) and not re.fullmatch(NAME_PARTICLE, key))
    )
