"""Names a delivery's record gives: who signed for or received a parcel, as the customer copies it
from the tracking page ("signed for by "K. OKAFOR"", "entregado a "M. RUIZ"", « remis à P. LEROY »,
an «T. HUBER» übergeben, "recebido por R. COSTA", lo recibió "chayito").

Two shapes, in five languages:
- an initial and a surname, in capitals or not: a name when quoted, or right after a handover word
  ("signed for by", "recibido por", "remis à", "übergeben an", "entregue a");
- a quoted word or two after a handover word: a name when no ordinary word ("the "front desk"",
  "la "recepción"" stay).
"""

from __future__ import annotations

import re

from .base import UP
from .name_checks import is_function_word, name_like
from .name_words import FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, fold
from .vocabulary import Vocabulary

#: Words of handing a parcel over, before the person who took it.
_HANDOVER = (
    r"signed\s+(?:for\s+)?by|received\s+by|accepted\s+by|collected\s+by|picked\s+up\s+by|handed\s+(?:over\s+)?to|"
    r"left\s+with|delivered\s+to|"
    r"entregad[oa]\s+a|recibid[oa]\s+por|(?:lo|la)\s+recibi[óo]|recibi[óo]|firmad[oa]\s+por|firm[óo]|"
    r"retirad[oa]\s+por|"
    r"remise?\s+[àa]|livr[ée]e?\s+[àa]|re[çc]ue?\s+par|sign[ée]e?\s+par|r[ée]ceptionn[ée]e?\s+par|retir[ée]e?\s+par|"
    r"(?:[üu]bergeben|zugestellt|ausgeh[äa]ndigt)\s+an|an|empfangen\s+von|unterschrieben\s+von|"
    r"entgegengenommen\s+von|"
    r"recebid[oa]\s+por|entregue\s+a|assinad[oa]\s+por|retirad[oa]\s+por|quem\s+recebeu\s+foi"
)
_OPEN = "\"“„«‘'‹"
_CLOSE = "\"”“»’'›"
_CUE = re.compile(rf"(?i:(?<![\w])(?:{_HANDOVER}))[ \t]*:?[ \t]*(?P<quote>[{_OPEN}][ \t]?)?")
#: An initial and one or two surnames: "J. OKAFOR", "M. Ruiz-Soto", "T. HUBER MAIER".
_INITIAL_NAME = re.compile(rf"[{UP}]\.[ \t]?(?P<sur>[{UP}][^\W\d_]*(?:['’-][^\W\d_]+)*)(?:[ \t]+[{UP}][^\W\d_]+)?")
#: A quoted word or two ("chayito", "Dona Celeste").
_QUOTED = re.compile(r"(?P<v>[^\W\d_][\w'’-]{1,30}(?:[ \t]+[^\W\d_][\w'’-]{1,30})?)[ \t]?(?=[" + _CLOSE + "])")
#: Anywhere, an initial and a surname as the whole of a quotation: «S. HUBER», "K. OKAFOR".
_QUOTED_INITIAL = re.compile(rf"(?<=[{_OPEN}])[ \t]?(?={_INITIAL_NAME.pattern}[ \t]?[{_CLOSE}])")


_PET_ENDINGS = ("ita", "ito", "itas", "itos", "inho", "inha", "cha", "cho", "ucha", "ucho", "ette", "chen", "erl", "le")


def _surname(word: str, vocab: Vocabulary) -> bool:
    word = re.sub(r"^(?:[OoDd]|Mc|Mac)['’]", "", word)  # "O'BRIEN", "D'SOUZA"
    key = fold(word)
    if key in NOT_NAME_WORDS or is_function_word(word) or len(key) < 2:
        return False
    return key in SURNAMES or key in FIRST_NAMES or not vocab.is_word(word.title())


def _quoted_name(value: str, vocab: Vocabulary) -> bool:
    words = value.split()
    for w in words:
        key = fold(w)
        if key in NOT_NAME_WORDS or is_function_word(w):
            return False
    first = words[0]
    if fold(first) in FIRST_NAMES or fold(words[-1]) in SURNAMES:
        return True
    if first[:1].isupper() and not first.isupper():
        return name_like(first, vocab)
    # In lower case a word no dictionary lists may still be a thing ("conserjería"): only a pet name's
    # ending ("chayito", "nachita", "zezinho") says it is a person.
    return not vocab.is_lowercase_word(first.lower()) and fold(first).endswith(_PET_ENDINGS)


def handed_names(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """Who a parcel was handed to, as a tracking record writes it."""
    if not vocab:
        return []
    hits = []
    for cue in _CUE.finditer(text):
        m = _INITIAL_NAME.match(text, cue.end())
        if m and _surname(m.group("sur"), vocab):
            hits.append((m.start(), m.end(), 0.8))
            continue
        if cue.group("quote"):
            q = _QUOTED.match(text, cue.end())
            if q and _quoted_name(q.group("v"), vocab):
                hits.append((q.start("v"), q.end("v"), 0.75))
    for pos in _QUOTED_INITIAL.finditer(text):
        m = _INITIAL_NAME.match(text, pos.end())
        if m and _surname(m.group("sur"), vocab):
            hits.append((m.start(), m.end(), 0.8))
    return hits
