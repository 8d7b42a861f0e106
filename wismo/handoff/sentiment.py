"""A small lexicon scorer for the customer's mood, over redacted turns only.

Why a lexicon: the queue needs a cheap, explainable signal ("this person is upset") that runs
offline in microseconds; a model would be overkill for ordering a queue. Negation flips the next
words, intensifiers and shouting strengthen them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NEGATIVE = {
    "angry": 2,
    "furious": 3,
    "upset": 2,
    "annoyed": 2,
    "frustrated": 2,
    "frustrating": 2,
    "ridiculous": 3,
    "unacceptable": 3,
    "terrible": 3,
    "awful": 3,
    "horrible": 3,
    "worst": 3,
    "useless": 3,
    "pathetic": 3,
    "disappointed": 2,
    "disappointing": 2,
    "bad": 1,
    "poor": 1,
    "late": 1,
    "lost": 1,
    "stolen": 2,
    "broken": 2,
    "damaged": 2,
    "missing": 1,
    "scam": 3,
    "fraud": 3,
    "liar": 3,
    "lied": 3,
    "lying": 3,
    "never": 1,
    "still": 1,
    "again": 1,
    "waste": 2,
    "hate": 3,
    "sick": 2,
    "tired": 1,
    "fed": 1,
    "joke": 2,
    "disgrace": 3,
    "incompetent": 3,
    "rude": 2,
    "refund": 1,
    "chargeback": 3,
    "lawyer": 3,
    "complaint": 2,
    "complain": 2,
    "wtf": 3,
    "hell": 2,
    "damn": 2,
    "crap": 2,
    "shit": 3,
    "sucks": 3,
    "nightmare": 3,
    "worried": 1,
    "stressed": 2,
    "unhappy": 2,
    "mad": 2,
    "outraged": 3,
    "ignored": 2,
}
_POSITIVE = {
    "thanks": 1,
    "thank": 1,
    "great": 2,
    "good": 1,
    "perfect": 2,
    "awesome": 2,
    "love": 2,
    "happy": 2,
    "appreciate": 2,
    "excellent": 2,
    "helpful": 2,
    "nice": 1,
    "wonderful": 2,
    "amazing": 2,
    "cool": 1,
    "glad": 1,
    "fine": 1,
    "ok": 0,
    "pleased": 2,
    "fantastic": 2,
}
_NEGATORS = {
    "not",
    "no",
    "dont",
    "don't",
    "isnt",
    "isn't",
    "wasnt",
    "wasn't",
    "cant",
    "can't",
    "didnt",
    "didn't",
    "doesnt",
    "doesn't",
    "won't",
    "wont",
    "nothing",
}
_INTENSIFIERS = {
    "very": 1.5,
    "so": 1.5,
    "really": 1.5,
    "extremely": 2.0,
    "totally": 1.5,
    "absolutely": 1.7,
    "completely": 1.5,
    "super": 1.5,
}
_WORD_RE = re.compile(r"[a-z']+")
_PLACEHOLDER_RE = re.compile(r"<[A-Z_]+_\d+>")

#: A case whose customer turns average at or below this is treated as negative sentiment.
NEGATIVE_THRESHOLD = -0.25


def score(text: str) -> float:
    """Sentiment of one text in [-1, 1]: below zero is negative. Placeholders are ignored."""
    raw = _PLACEHOLDER_RE.sub(" ", text)
    shouting = sum(1 for w in re.findall(r"[A-Za-z]{3,}", raw) if w.isupper()) >= 2
    exclaims = min(raw.count("!"), 3)
    words = _WORD_RE.findall(raw.lower())
    total = 0.0
    hits = 0
    negate = 0
    boost = 1.0
    for w in words:
        if w in _NEGATORS:
            negate = 3
            continue
        if w in _INTENSIFIERS:
            boost = _INTENSIFIERS[w]
            continue
        value = -_NEGATIVE.get(w, 0) or _POSITIVE.get(w, 0)
        if value:
            if negate:
                value = -value * (0.5 if value < 0 else 1.0)  # "not bad" is mildly good, "not good" is bad
            total += value * boost
            hits += 1
        boost = 1.0
        negate = max(0, negate - 1)
    if not hits:
        return 0.0
    if total < 0:
        total *= 1.0 + 0.15 * exclaims + (0.3 if shouting else 0.0)
    return max(-1.0, min(1.0, total / (3.0 + abs(total))))


def conversation_score(customer_turns: Iterable[str]) -> float:
    """Mood of a conversation: the mean of its customer turns, weighing the latest turns more."""
    scores = [score(t) for t in customer_turns]
    if not scores:
        return 0.0
    weights = [1.0 + i for i in range(len(scores))]
    return sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)


def is_negative(customer_turns: Iterable[str]) -> bool:
    return conversation_score(customer_turns) <= NEGATIVE_THRESHOLD
