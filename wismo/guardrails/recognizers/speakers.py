"""Speaker labels in pasted dialogue ("Renata: did you call me?"): a name unless a role or a
form's label ("Agent:", "Nom :").
"""

from __future__ import annotations

from .name_checks import ALL_STOP, name_like
from .name_cues import LABEL_WORDS, SPEAKER_RE, SPEAKER_ROLES
from .name_words import FIRST_NAMES, NOT_NAME_WORDS, fold
from .vocabulary import Vocabulary


def speakers(text: str, vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """Speaker labels: a name unless a role ("Agent:", "Repartidor:", "Ich:"). In a pasted
    dialogue (two or more labelled lines) any label that is no role or English word is a name."""
    labels = list(SPEAKER_RE.finditer(text))
    dialogue = len(labels) >= 2
    hits = []
    for m in labels:
        name = m.group("name")
        words = name.split()
        first = words[0]
        key = fold(first)
        if key in SPEAKER_ROLES or key in NOT_NAME_WORDS or any(fold(w) in LABEL_WORDS for w in words):
            continue
        if key in FIRST_NAMES or name_like(first, vocab) or (dialogue and key not in ALL_STOP):
            hits.append((m.start("name"), m.end("name"), 0.7))
    return hits
