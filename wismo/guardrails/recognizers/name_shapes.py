"""Names by their shape where `names.py`'s cue and word rules do not reach, in five languages.

- Capitals: a name shouted with the rest of the message ("RETURN FOR DECLAN MCGUINNESS", "ROSÂNGELA
  MEDEIROS, CLIENTE HÁ 6 ANOS") or a list of names to print ("SERAINA, UELI, GIAN-ANDREA"). Words in
  capitals are no ordinary words, have vowels (acronyms seldom do) and come two or three together,
  or three or more in a list; acronyms and shouted sentences fail those tests.
- A name named after the fact: "Ti-Guy qu'il s'appelle", "Bruno, que se llama", "Kalle heißt er".
- Two first names joined by "&" ("from Lily & Max"): a pair, even of names that are also words.
- A signature of one capitalized word after thanks or a dash ("Thanks, Gemma", "- Shay") that is
  no frequent word, whatever rarer word a dictionary also lists.
"""

from __future__ import annotations

import re

from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, fold
from .vocabulary import Vocabulary

_CAPS_WORD = re.compile(r"(?<![\w'’-])[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){1,30}(?![\w'’-])")
_VOWELS = frozenset("aeiouyàáâãäåèéêëìíîïòóôõöùúûü")

#: A name, then the words that say it is one: "Ti-Guy qu'il s'appelle", "Bruno que se llama".
_NAMED_AFTER = re.compile(
    r"(?<![\w'’-])(?P<name>[^\W\d_][\w'’-]{1,30})[ \t,]+(?i:qu['’](?:il|elle)[ \t]+s['’]appel+e|que[ \t]+se[ \t]+llama"
    r"|que[ \t]+se[ \t]+chama|he(?:['’]s|[ \t]+is)[ \t]+called|she(?:['’]s|[ \t]+is)[ \t]+called"
    r"|hei(?:ß|ss)t[ \t]+(?:er|sie))(?!\w)"
)
_AMPERSAND_PAIR = re.compile(
    r"(?<![\w'’-])(?P<a>[^\W\d_][\w'’-]{1,30})[ \t]+&[ \t]+(?P<b>[^\W\d_][\w'’-]{1,30})(?![\w'’-])"
)
#: One capitalized word ending the message after thanks or a dash ("Thanks, Gemma", "- Shay").
_SIGNED_WORD = re.compile(
    r"(?:(?i:\b(?:thanks|thank you|thx|cheers|merci|gracias|obrigad[oa]|danke|saludos|bises|bjs))[ \t]*[,!.]?[ \t]+"
    r"|(?:^|\s)[-–—~][ \t]*)(?P<name>[^\W\d_a-z][^\W\d_]{1,20})[ \t!.]*$"
)


def _first_name(word: str) -> bool:
    key = fold(word)
    return key in FIRST_NAMES or key in AMBIGUOUS_FIRST_NAMES


def _caps_name_word(word: str, vocab: Vocabulary) -> bool:
    """A word in capitals that could be part of a name: a known name, or no word of any language."""
    key = fold(word)
    if key in NOT_NAME_WORDS or len(key.replace("-", "")) < 3 or not (_VOWELS & set(key)):
        return False
    parts = [p for p in re.split(r"['’-]", key) if p]
    if key in FIRST_NAMES or key in SURNAMES or all(p in FIRST_NAMES for p in parts):
        return True
    return not any(vocab.is_word(p) or vocab.is_frequent(p) for p in parts)


def names_in_capitals(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """Names written in capitals: two or three name words in a row, or three or more in a list."""
    if not vocab or sum(ch.isupper() for ch in text) < 6:
        return []
    hits: list[tuple[int, int, float]] = []
    run: list[re.Match[str]] = []  # name words in capitals, each after the last one's space or comma
    joins: set[str] = set()

    def close() -> None:
        if (len(run) in (2, 3) and joins == {" "}) or (len(run) >= 3 and joins == {","}):
            if joins == {" "}:
                hits.append((run[0].start(), run[-1].end(), 0.6))
            else:
                hits.extend((m.start(), m.end(), 0.6) for m in run)

    for m in _CAPS_WORD.finditer(text):
        word = m.group()
        if not (word.isupper() and _caps_name_word(word, vocab)):
            close()
            run, joins = [], set()
            continue
        gap = text[run[-1].end() : m.start()] if run else ""
        join = "," if gap.strip(" \t") == "," else " " if gap and not gap.strip(" \t") else None
        if run and join is None:
            close()
            run, joins = [], set()
        elif run:
            joins.add(join)
        run.append(m)
    close()
    return hits


def named_after(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """ "Ti-Guy qu'il s'appelle", "Kalle heißt er": the word before says what it is called."""
    return [
        (m.start("name"), m.end("name"), 0.7)
        for m in _NAMED_AFTER.finditer(text)
        if fold(m.group("name")) not in NOT_NAME_WORDS and not vocab.is_frequent(m.group("name"))
    ]


def ampersand_pairs(text: str) -> list[tuple[int, int, float]]:
    """ "Lily & Max": two capitalized first names joined by "&" are two people."""
    hits = []
    for m in _AMPERSAND_PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        if a[:1].isupper() and b[:1].isupper() and _first_name(a) and _first_name(b):
            hits += [(m.start("a"), m.end("a"), 0.6), (m.start("b"), m.end("b"), 0.6)]
    return hits


def signed_word(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """ "Thanks, Gemma", "- Shay": a capitalized word signing the message that is no frequent word."""
    m = _SIGNED_WORD.search(text[-80:])
    if not m or not vocab:
        return []
    word = m.group("name")
    key = fold(word)
    if key in NOT_NAME_WORDS or vocab.is_frequent(word) or word.isupper():
        return []
    offset = max(0, len(text) - 80)
    return [(offset + m.start("name"), offset + m.end("name"), 0.6)]
