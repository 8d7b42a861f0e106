"""The name that ends a message: one word, or a first name and a surname, alone after a full stop,
a line break or a dash ("... cut off. kieran", "- bex x"); a name after closing words ("obrigado
ivo"); and a writer introducing themselves ("thandiwe here"). Chat writes these in any case.
"""

from __future__ import annotations

import re

from .name_checks import is_function_word
from .name_cues import SPEAKER_ROLES
from .name_words import FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, fold
from .vocabulary import Vocabulary

#: The last word of a message alone after a full stop, a line break or a dash ("... cut off. kieran",
#: "\n- bex x"), with an optional kiss.
_SIGNED_LAST = re.compile(
    r"(?:[.!]\s+|\n[ \t]*|(?:^|\s)[-–—~][ \t]*)(?P<name>[^\W\d_][\w'’-]{1,20})(?:[ \t]+x{1,3})?[ \t!.]*$"
)

#: First name and surname alone at the very end of a message, after a full stop, a line break or an
#: order number's comma ("... voltar a escrever. margarida lima", "commande ws35598, olivier descamps").
_SIGNED_PAIR = re.compile(
    r"(?:[.!?]\s+|\n[ \t]*|\d,[ \t]+)(?P<first>[^\W\d_][\w'’-]{1,20})[ \t]+(?P<last>[^\W\d_][\w'’-]{1,24})[ \t!.]*$"
)

#: A name ending the message right after a closing word: "cheers kwabena", "saludos cuauhtémoc",
#: "bonne journée tangi", "obrigado ivo", "bjs conceição", "merci seraina", "un saludo Unai Arrieta".
_CLOSING_WORDS = (
    r"cheers|thanks|thank you|thx|ty|bye|love|xx|saludos|un saludo|gracias|besos|abrazos?|merci|merci vielmal"
    r"|bonne (?:journ[ée]e|soir[ée]e)|bisous|bises|cordialement|obrigad[oa]|bjs|beijos?|abra[çc]os?|valeu|vlw"
    r"|danke|dankesch[öo]n|gr[üu](?:ß|ss)e|gru(?:ß|ss)|lg|tsch[üu]ss|ciao|merci vilmal|adieu"
)
_SIGNED_AFTER_CLOSING = re.compile(
    # (the greedy start reads from the last closing word: "gracias. saludos cuauhtémoc")
    rf"^(?s:.*)(?i:\b(?:{_CLOSING_WORDS}))[ \t]*[,!.]?[ \t]+(?P<first>[^\W\d_][\w'’-]{{1,20}})"
    r"(?:[ \t]+(?P<last>[^\W\d_][\w'’-]{1,24}))?[ \t!.]*$"
)
#: Words that follow a thanks and are no name ("cheers mate", "merci d'avance", "danke vielmals").
_AFTER_THANKS = frozenset(
    """again mate mates guys everyone all team lads folks heaps loads tons much bunch buddy pal dude bro
    equipo equipe chicos amigos mil millones tudo pessoal galera time vielmals nochmals sehr schon nochmal
    encore bien infiniment davance avance bcp beaucoup muito mto muchas muchisimas lots vielen tausend
    vilmal vielmal vilmol tuusig tusig viu fescht gell gall nomal nochmal mol totales demais pela atencao""".split()
)
#: Introducing oneself by name and "here": "thandiwe here", "abebe speaking", "salut ewen ici", "hoi seraina da".
_NAME_HERE = re.compile(
    r"(?:^|[,.!?;:][ \t]*|(?i:\b(?:hi|hey|hello|hola|buenas|salut|coucou|bonjour|hoi|hallo|servus|oi|ol[áa])[ \t,]+))"
    r"(?P<name>[^\W\d_][\w'’-]{1,20})[ \t]+(?i:here|speaking|ici|da|aqu[íi]|hier)\b",
    re.M,
)


def _no_signature(word: str) -> bool:
    """A word too short, too ordinary or a role to sign a message on its own ("ok", "team", "and")."""
    key = fold(word)
    return len(key) < 3 or key in NOT_NAME_WORDS or key in SPEAKER_ROLES or is_function_word(word)


def last_word_signed(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """ "new number ..., the old one got cut off. kieran", "- bex x": one word alone at the very
    end of a message, after a full stop, a line break or a dash, that is no ordinary word, signs it."""
    m = _SIGNED_LAST.search(text)
    if not m or not vocab:
        return []
    word = m.group("name")
    if _no_signature(word) or vocab.is_lowercase_word(word):
        return []
    if m.start() and text[m.start() - 1].isdigit():
        return []  # ("bis zum 3. Mai": a date's month, not a signature)
    return [(m.start("name"), m.end("name"), 0.6)]


def _is_name_word(word: str, vocab: Vocabulary) -> bool:
    key = fold(word)
    return not (
        _no_signature(word)
        or key in _AFTER_THANKS
        or re.match(r"[dlcjmnst]['’]", key) is not None  # "merci d'avance"
        or (vocab.is_lowercase_word(word) and key not in FIRST_NAMES)
    )


def signed_after_closing(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """A name after the closing words that end a message ("tudo certo, obrigado ivo"), and a name
    that introduces its writer ("thandiwe here", "salut ewen ici"): no ordinary word, in any case."""
    if not vocab:
        return []
    hits = []
    m = _SIGNED_AFTER_CLOSING.search(text)
    if m is not None and _is_name_word(m.group("first"), vocab):
        end = m.end("last") if m.group("last") and _is_name_word(m.group("last"), vocab) else m.end("first")
        hits.append((m.start("first"), end, 0.6))
    for m in _NAME_HERE.finditer(text):
        if _is_name_word(m.group("name"), vocab):
            hits.append((m.start("name"), m.end("name"), 0.6))
    return hits


def signed_pair(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """ "... me dijo que ya estaba. mitzy esquibel": a first name and a surname ending the message."""
    m = _SIGNED_PAIR.search(text)
    if not m or not vocab:
        return []
    first, last = m.group("first"), m.group("last")
    for word in (first, last):
        key = fold(word)
        if len(key) < 2 or key in NOT_NAME_WORDS or key in SPEAKER_ROLES or is_function_word(word):
            return []
    named = fold(first) in FIRST_NAMES or not vocab.is_lowercase_word(first)
    surnamed = fold(last) in SURNAMES or not vocab.is_lowercase_word(last)
    return [(m.start("first"), m.end("last"), 0.6)] if named and surnamed else []
