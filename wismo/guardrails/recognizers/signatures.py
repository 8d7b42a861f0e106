"""Names placed by a message's layout rather than a cue: the name line of a signature block (after
"Atentamente," or a blank line) and the caller's name before a phone label ("Esther, Tel. 0151 ...").
"""

from __future__ import annotations

import re

from .name_checks import NAME_PARTICLE, is_function_word, name_like
from .name_cues import NAME_LINE_RE, SIGN_OFF_RE, SPEAKER_ROLES
from .name_words import FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, fold
from .vocabulary import Vocabulary

_PHONE_LABEL = (
    r"(?:tel|tél|telf|telefon|telefone|teléfono|telefono|phone|ph|handy|mobil|móvil|movil|cel|celular|portable|fone)"
)
#: One to three words alone in their clause, then ", Tel." or " - phone:" and a number.
_BEFORE_PHONE = re.compile(
    rf"(?:^|(?<=[.!?:;\n])[ \t]*|(?<=^[ \t]))(?P<name>[^\W\d_][\w'’-]{{1,30}}(?:[ \t]+[^\W\d_][\w'’-]{{1,30}}){{0,2}})"
    rf"[ \t]*[,–-][ \t]*(?i:{_PHONE_LABEL})\b\.?[ \t]*:?[ \t]*[+(\d]",
    re.M,
)


def is_name_line(words: list[str], vocab: Vocabulary) -> bool:
    """Whether a short line's words could all be one person's name (particles and initials
    allowed), and at least one looks like a name: a known first name or surname, or no word."""

    def could_be(word: str) -> bool:
        key = fold(word.rstrip("."))
        if re.fullmatch(NAME_PARTICLE, key) or (len(key) == 1 and word.endswith(".")):
            return True  # "da", "van", an initial
        return key not in NOT_NAME_WORDS and key not in SPEAKER_ROLES and not is_function_word(word)

    def namish(word: str) -> bool:
        key = fold(word.rstrip("."))
        return key in FIRST_NAMES or key in SURNAMES or (len(key) > 2 and not vocab.is_word(word))

    return bool(words) and all(could_be(w) for w in words) and any(namish(w) for w in words)


def signature_names(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """The name line of a signature: after a sign-off line ("Atentamente,", "--", "Mit
    freundlichen Grüßen") or a blank line, a line of up to four words that could all be a name
    (any case), followed by more lines of the block after a blank line."""
    if "\n" not in text:
        return []
    hits = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    for i in range(1, len(lines)):
        m = NAME_LINE_RE.fullmatch(lines[i])
        if not m:
            continue
        previous = lines[i - 1]
        words = m.group("name").split()
        if SIGN_OFF_RE.fullmatch(previous):
            pass
        elif previous.strip() or len(words) < 2 or i + 1 >= len(lines) or not lines[i + 1].strip():
            continue  # after a blank line only the first line of a block, of two words or more
        if is_name_line(words, vocab):
            hits.append((offsets[i] + m.start("name"), offsets[i] + m.end("name"), 0.7))
    return hits


def before_phone(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """ "Esther, Tel. 0151 ...", "tomás lópez - phone: ...": one to three words of their own clause
    right before a phone label are the caller's name, unless an ordinary (frequent) word."""
    hits = []
    for m in _BEFORE_PHONE.finditer(text):
        words = m.group("name").split()
        if all(
            fold(w) not in NOT_NAME_WORDS
            and not is_function_word(w)
            and not vocab.is_frequent(w)
            and (fold(w) in FIRST_NAMES or fold(w) in SURNAMES or name_like(w, vocab))
            for w in words
        ):
            hits.append((m.start("name"), m.end("name"), 0.7))
    return hits
