"""Names found word by word where no cue stands: a known first name anywhere, with the initials,
particles and capitalized words after it ("María José de la Fuente"); a capitalized word that is no
ordinary word where a name can stand; and, in a message written without capitals, a lower-case
first name or the subject of a verb ("viviane braucht sie").
"""

from __future__ import annotations

import re

from .name_checks import DETERMINER_BEFORE, TOKEN, elided, is_function_word, lower_name_tail, name_like, name_tail
from .name_cues import LABEL_WORDS
from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, WORD_NAMES, fold
from .places import SAINT_BEFORE, calendar_word, coordinated_thing, place_or_product
from .vocabulary import Vocabulary

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_I = frozenset("I I'm I’m I'll I've I'd".split())


def casual(text: str) -> bool:
    """Written without capitals, as chat often is ("ok so bridget and tom both ordered. #WS40218"): no
    capitalized word past the first but "I", acronyms ("UPS", "XL") and codes ("WS40218")."""
    for i, m in enumerate(_WORDS.finditer(text)):
        word = m.group()
        if i == 0 or not word[:1].isupper() or word in _I or word.isupper() or any(ch.isdigit() for ch in word):
            continue
        return False
    return True


_SENT_BREAK = re.compile(r"(?:[.!?¡¿][\"')\]]?[ \t]+|\n[ \t>?*-]*)$")


def at_sentence_start(text: str, pos: int) -> bool:
    """Whether `pos` opens a sentence, where any word is capitalized."""
    before = text[max(0, pos - 8) : pos]
    if pos <= 8 and not before.strip(" \t\"'>*-?¿¡"):
        return True
    if re.search(r"(?:^|[\s.])[A-Z]\.[ \t]+$", before):  # an initial ("Sari J. Paavolainen"), not a full stop
        return False
    return bool(_SENT_BREAK.search(before))


#: What follows a name in subject position: "'s", a comma or a verb ("Verda lives", "Ari is").
_SUBJECT_NEXT = re.compile(
    r"(?:['’]s\b|[ \t]*[,:;]|[ \t]+(?:is|was|has|had|said|says|lives|lived|spent|will|would|and|or|wrote|"
    r"called|asked|told|went|works|worked|began|joined|did|does|can|could|should|must|may|"
    r"es|est|ist|é|era|était|war|tiene|tem|hat|a|vive|habite|wohnt|mora|dijo|dit|sagte|disse|y|et|und|e)\b)"
)
#: A verb right after a lower-case word that is no ordinary word makes it the subject, a name:
#: "viviane braucht sie", "deshawn already sent it", "mirella precisa dela", "margot en a besoin".
_LOWER_SUBJECT_NEXT = re.compile(
    r"[ \t]+(?:needs|wants|said|says|has|had|already|just|ordered|sent|got|picked|called|told|asked|will|is|was|"
    r"dijo|dice|tiene|quiere|necesita|pidio|pidió|mando|mandó|recibio|recibió|ya|va|"
    r"dit|veut|en a|a dit|m'a|l'a|est|a besoin|a commandé|a commande|"
    r"braucht|hat|will|sagt|sagte|wollte|kommt|holt|ist|wartet|"
    r"precisa|disse|quer|tem|vai|pediu|mandou|recebeu|já|ja)\b"
)
#: Where a clause starts: the message's start, a full stop, a question mark, a comma, "and".
_CLAUSE_START = re.compile(
    r"(?:^|[.!?,;:][ \t]+|\n[ \t]*|(?:^|[ \t])(?:and|so|but|y|pero|et|mais|und|aber|e|mas)[ \t]+)$"
)
#: A word's last letter typed again and again ("holaaa" -> "hola").
_STRETCH = re.compile(r"(\w)\1+$")
#: The colon after a form's label ("Nom :", "Bestellnr.:").
_LABEL_COLON = re.compile(r"\.?[ \t]?:")


def names_by_word(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """Each word that is a known first name or looks like a name where it stands, with its tail."""
    hits = []
    lowercase_message = casual(text)
    for m in TOKEN.finditer(text):
        word = m.group().rstrip(".")
        key = fold(word)
        if _STRETCH.sub(r"\1", key) in NOT_NAME_WORDS or elided(word):
            continue  # "Holaa", "Oii", "Heyyy": a greeting typed long
        if not word[:1].isupper():
            place = SAINT_BEFORE.search(text, max(0, m.start() - 8), m.start())
            if (
                lowercase_message
                and key in FIRST_NAMES
                and key not in NOT_NAME_WORDS
                and key not in WORD_NAMES
                and not place
                and not calendar_word(text, m.start(), m.end())
            ):
                # lowercase first names in a lowercase message ("they had 6: brian, donna"),
                # not the saint of a place ("san diego", "los angeles", "são paulo")
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.6))
            elif (
                vocab
                and len(key) > 3
                and key not in NOT_NAME_WORDS
                and _LOWER_SUBJECT_NEXT.match(text, m.end())
                and _CLAUSE_START.search(text, max(0, m.start() - 8), m.start())
                and not vocab.is_lowercase_word(word)
                and not is_function_word(word)
            ):
                hits.append((m.start(), m.end(), 0.6))
            continue
        prev = text[max(0, m.start() - 2) : m.start()]
        if prev and (prev[-1].isalnum() or prev[-1] in "@/_#." or (prev[-1] == "-" and prev[:1].isdigit())):
            continue  # part of an address, a path or a code ("68938-VZ")
        nxt = text[m.end() : m.end() + 1]
        if nxt and (nxt in "@/_" or nxt.isdigit()):
            continue
        if key in LABEL_WORDS and _LABEL_COLON.match(text, m.end()):
            continue  # "Nom :", "Nachname:", "Bestellnr.:": a form's label, not a name
        tail = name_tail(text, m.end())
        if key in FIRST_NAMES or (key in AMBIGUOUS_FIRST_NAMES and tail > m.end()):
            thing = tail == m.end() and coordinated_thing(text, m.start(), m.end(), vocab.is_word)
            if (
                not thing
                and not place_or_product(text, m.start(), m.end())
                and not calendar_word(text, m.start(), m.end())
            ):
                hits.append((m.start(), tail, 0.7))
        elif name_like(word, vocab) and not DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            # Any word is capitalized at a sentence start ("Resend to..."): alone there, an
            # unknown word is a name only in subject position ("Verda lives", "Ari is").
            if tail > m.end() or not at_sentence_start(text, m.start()) or _SUBJECT_NEXT.match(text, m.end()):
                if not place_or_product(text, m.start(), m.end()) and not (
                    tail == m.end() and coordinated_thing(text, m.start(), m.end(), vocab.is_word)
                ):
                    hits.append((m.start(), tail, 0.6))
    return hits
