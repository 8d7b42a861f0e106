"""Names after a cue word ("my name is", "Sra.", "my wife", "Regards,"), in five languages.

The cue (`name_cues`) says how sure the next word is a name: after the strongest even a lower-case
word counts ("my name is ottilie"); after the weakest only a word that looks like a name.
"""

from __future__ import annotations

import re

from .base import CAP
from .name_checks import PARTICLES, TOKEN, is_function_word, lower_name_tail, name_like, name_tail
from .name_cues import STRONG_NAME_CUE, TITLES
from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, WORD_NAMES, fold
from .places import place_or_product
from .vocabulary import Vocabulary

#: The greetings that open a message to someone ("hi", "bonjour", "olá"), unlike thanks ("merci vielmal").
_HELLO = re.compile(
    r"(?:hi|hello|hey|dear|hola|bonjour|all[oô]|hallo|ol[aá]|oi|cher|ch[eè]re|querid[oa]|estimad[oa]|liebe[rn]?"
    r"|prezad[oa]|car[oa])\W*$",
    re.IGNORECASE,
)
#: One word of a name in capitals, hyphens and apostrophes inside it ("WEI-LING", "O'NEILL").
_CAPS_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,40}")
#: A name that starts with its particles after a title ("Sr. del Valle", "Herr von Bülow").
_PARTICLE_LEAD = re.compile(rf"(?i:{PARTICLES})[ \t]+(?={CAP})")
#: What may follow a name that makes up its own clause: punctuation, a line end or the text's end.
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;!?)]|\n|$)")


#: An introduction that ends with an article, as Portuguese and southern German put one before a first
#: name ("sou a Sol", "aqui é o Tião", "ich bin die Resi"): what follows is the name, even an ordinary word.
_ARTICLE_END = re.compile(r"(?i:(?:^|\s)(?:[oa]|die|der))$")
#: The size before "M." ("tamanho M. Disseram", "talla M."): a size, not "Monsieur".
_SIZE_BEFORE = re.compile(r"(?i:(?:size|taille|talla|tamanho|tama[ñn]o|talle|gr(?:ö|oe)(?:ß|ss)e|in)[ \t]*:?[ \t]*)$")


def _article_intro(cue: re.Match[str]) -> bool:
    intro = cue.group("introducing")
    return bool(intro) and bool(_ARTICLE_END.search(intro))


def _is_title(cue: re.Match[str]) -> bool:
    """A title ("Frau", "Sr.", "Mme") before a lower-case name ("Frau döring")."""
    return bool(cue.group("announcing")) and bool(TITLES.fullmatch(cue.group("announcing")))


def after_cues(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """The name after each cue, if the cue's strength and the word's case and kind allow one."""
    hits = []
    for cue in STRONG_NAME_CUE.finditer(text):
        m = TOKEN.match(text, cue.end())
        if not m:
            continue
        word = m.group()
        key = fold(word.rstrip("."))
        # Particles lead a name after a title or "my name is" ("Sr. del Valle"), not after a role
        # ("der Fahrer das Paket": an article and its noun).
        lead = _PARTICLE_LEAD.match(text, cue.end()) if _is_title(cue) or cue.group("declaring") else None
        if lead:  # "Sr. del Valle Toledo"
            m = TOKEN.match(text, lead.end())
            word, key = m.group(), fold(m.group().rstrip("."))
            hits.append((lead.start(), name_tail(text, m.end()), 0.8))
            continue
        if is_function_word(word) or (len(word) == 1 and fold(word) in "aeiouy"):
            continue  # "Madame, Monsieur, Le suivi...", "Est-il", "J'ai", "Olá, É a terceira vez"
        if cue.group("announcing") == "M" and _SIZE_BEFORE.search(text, max(0, cue.start() - 12), cue.start()):
            continue  # "um tamanho M. Disseram que...": a size
        bare_cue = fold(cue.group("introducing") or "").strip()
        if bare_cue in ("hier", "ici") and not (key in FIRST_NAMES or word.isupper()):
            continue  # "hier Paketbox 3", "ici on attend": only a known name or one in capitals
        caps = _name_in_capitals(text, m.start(), cue, vocab) if word.isupper() and len(word) > 2 else None
        if caps is not None:
            hits.append((m.start(), caps, 0.8))  # "this is WEI-LING CHAN", "ici JEAN-SÉBASTIEN BOUCHARD"
            continue
        if word[:1].isupper():
            if _article_intro(cue) and not word.isupper():
                ok = key not in NOT_NAME_WORDS  # "oi sou a Sol", "hier ist die Vroni"
            elif cue.group("weak") or cue.group("introducing"):
                ok = name_like(word, vocab) and not place_or_product(text, m.start(), m.end(), cued=True)
            else:
                shouting = word.isupper() and len(word) > 2 and not cue.group("declaring")
                ok = key not in NOT_NAME_WORDS and not shouting
                if ok and vocab and cue.group("greeting"):
                    # "Best price", "Dear customer": after a greeting or sign-off an ordinary word
                    # is not a name unless it is a known first name or surname.
                    ok = key in FIRST_NAMES or key in SURNAMES or not vocab.is_word(word)
            if ok:
                hits.append((m.start(), name_tail(text, m.end()), 0.8))
        elif (
            key in FIRST_NAMES
            and key not in NOT_NAME_WORDS
            and not (key in WORD_NAMES and cue.group("introducing") and not _article_intro(cue))
        ):
            # ("c'est beau", "soy linda": after "c'est" or "soy" such a name is the word it also is;
            # "sou a graça": after an article it is the name.)
            hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.8))
        elif (
            vocab
            and cue.group("introducing")
            and (key in AMBIGUOUS_FIRST_NAMES or key in WORD_NAMES)
            and key not in NOT_NAME_WORDS
            and lower_name_tail(text, m.end(), vocab) > m.end()
        ):
            # "it's grace o'malley", "c'est rose lefèvre": a first name that is also a word, then a surname.
            hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
        elif (
            vocab
            and cue.group("greeting")
            and _HELLO.match(cue.group().strip())
            and not text[: cue.start()].strip()
            and text[m.end() : m.end() + 1] in (",", "!")
            and key not in NOT_NAME_WORDS
            and len(key) > 1
            and not vocab.is_word(word)
        ):
            # "hi siobhan, thanks for...", "grüezi reto, ist...": the greeting that opens the message,
            # then a lower-case word that is no ordinary word and a comma: the person greeted.
            hits.append((m.start(), m.end(), 0.7))
        elif _is_title(cue) and key not in NOT_NAME_WORDS:  # "Mr. newman", "Frau döring"
            hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
        elif (
            vocab
            and cue.group("announcing")
            and key not in NOT_NAME_WORDS
            and len(key) > 2
            and not vocab.is_lowercase_word(word)
        ):
            # "your agent kelsey said", "my flatmate chloe-ann": after a relation or a role, a
            # lower-case word that is no ordinary word is the person's name.
            hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
        elif (
            vocab
            and cue.group("introducing")
            and "," in cue.group("sep")
            and _CLAUSE_END.match(text, m.end() - word.endswith("."))
            and key not in NOT_NAME_WORDS
            and not vocab.is_frequent(word)
        ):
            # "ich bin's nochmal, vitus.", "it's me again, emmy!": alone in its clause after an
            # introduction, a word that is no frequent one is the name (any dictionary may list it).
            hits.append((m.start(), m.end(), 0.7))
        elif (
            vocab
            and key not in NOT_NAME_WORDS
            and (
                (cue.group("declaring") and not vocab.is_word(word))
                or (cue.group("introducing") and not vocab.is_lowercase_word(word))
            )
        ):
            hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
    return hits


def _name_in_capitals(text: str, start: int, cue: re.Match[str], vocab: Vocabulary) -> int | None:
    """A name written in capitals after an introduction ("this is WEI-LING CHAN", "my name is GRAHAM
    WITTERING"): where it ends, or None when the capitals are shouting ("this is RIDICULOUS")."""
    if not (cue.group("introducing") or cue.group("declaring")) or not vocab:
        return None
    words = []
    end = start
    for m in _CAPS_WORD.finditer(text, start):
        if m.start() != end and not text[end : m.start()].isspace():
            break
        word = m.group()
        if not word.isupper() or fold(word) in NOT_NAME_WORDS or len(words) == 3:
            break
        words.append(word)
        end = m.end()
    if not words:
        return None
    titled = [w.title() for w in words]
    known = [fold(w) in FIRST_NAMES or fold(w) in SURNAMES for w in titled]
    ordinary = [vocab.is_word(w) for w in titled]
    if known[0] or (len(words) >= 2 and not ordinary[0] and not all(ordinary[1:])):
        return end
    return None
