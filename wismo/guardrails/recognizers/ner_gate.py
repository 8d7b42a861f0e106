"""Whether a message needs spaCy's NER pass at all. Most support messages ("Where is my order?")
hold no word the model could make a kept name of, so the redactor can skip the model for them.
"""

from __future__ import annotations

import re

from .name_checks import TOKEN
from .name_cues import STRONG_NAME_CUE
from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, fold
from .vocabulary import Vocabulary

_EMAIL_OR_LINK = re.compile(r"[^\s@]{1,64}@\S{1,255}|\bhttps?://\S{1,2000}|\bwww\.\S{1,2000}")


def _in_code(text: str, start: int, end: int) -> bool:
    """Letters glued to digits (an order or tracking number), not a word."""
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    return before.isdigit() or (after[:1].isdigit() or (after[:1] == "-" and after[1:2].isdigit()))


def needs_ner(text: str, vocab: Vocabulary) -> bool:
    """Whether spaCy's NER could find a name here that redaction would keep.

    A PERSON span is kept only if it has a capital letter or evidence (a known first name, a cue
    such as "my name is"); so a message whose capitalized words are all ordinary words ("Where is
    my order?"), with no first name and no cue, needs no NER pass. Without a vocabulary the answer
    is always yes.
    """
    if not vocab:
        return True
    # The words first: one pass over them is cheaper than the cue pattern's, and usually decides.
    words = _EMAIL_OR_LINK.sub(" ", text) if "@" in text or "http" in text or "www." in text else text
    for m in TOKEN.finditer(words):  # ("jane.doe@example.com" holds no name for NER to find)
        word = m.group()
        key = fold(vocab.bare(word))
        if key in FIRST_NAMES or key in SURNAMES:
            return True
        if not any(ch.isupper() for ch in word) or key in NOT_NAME_WORDS or _in_code(words, m.start(), m.end()):
            continue  # lowercase without evidence, shop words, the letters of "WS-10023" or "1Z..."
        if key in AMBIGUOUS_FIRST_NAMES or not vocab.is_word(word):
            return True
    return any(not m.group("weak") for m in STRONG_NAME_CUE.finditer(text))
