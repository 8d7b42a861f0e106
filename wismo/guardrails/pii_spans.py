"""From recognizer results to the spans a message loses: precedence, trimming, merging, spreading.

Every step is linear (or n log n) in the number of spans and the length of the text: overlap
questions go to a sorted index (`Intervals`), and a detected value is looked for again with one
C-level substring search per distinct value. A 4,000-character message full of names costs
milliseconds here, not the seconds a span-against-every-span loop cost.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .recognizers import FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, UP, Vocabulary, fold, name_tail

#: PII scores at or above this come from a checksum (card, IBAN, national id): they win over a
#: kept number found inside them (a tracking shape inside a grouped IBAN).
CHECKSUM_SCORE = 0.95


@dataclass
class Span:
    entity_type: str
    start: int
    end: int
    score: float


class Intervals:
    """Disjoint, sorted [start, end) intervals; answers "does this range touch any?" in log n."""

    def __init__(self, ranges: list[tuple[int, int]] | None = None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(ranges or []):
            self.add(s, e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)  # first interval ending after `start`
        return i < len(self.starts) and self.starts[i] < end

    def covering(self, start: int, end: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.ends, start + 1)
        if i < len(self.starts) and self.starts[i] < end:
            return self.starts[i], self.ends[i]
        return None

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        # merge with neighbours that overlap
        lo, hi = i, i
        if lo > 0 and self.ends[lo - 1] > start:
            lo -= 1
        while hi < len(self.starts) and self.starts[hi] < end:
            hi += 1
        if lo < hi:
            start = min(start, self.starts[lo])
            end = max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]


def trim(text: str, span: Span, protected: Intervals) -> Span | None:
    """Cut a PII span away from kept data it overlaps; drop it if little or nothing is left."""
    hit = protected.covering(span.start, span.end)
    while hit is not None:
        if span.entity_type not in {"STREET_ADDRESS", "PERSON"}:
            return None
        ps, pe = hit
        left, right = (span.start, ps), (pe, span.end)
        start, end = max(left, right, key=lambda r: len(text[r[0] : r[1]].strip()))
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
            end -= 1
        if end - start < 3:
            return None
        span = Span(span.entity_type, start, end, span.score)
        hit = protected.covering(span.start, span.end)
    return span


def merge(text: str, spans: list[Span]) -> list[Span]:
    """Union overlapping spans (the longest one names the type); join same-type spans split by spaces."""
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[Span] = []
    for s in spans:
        if merged:
            last = merged[-1]
            gap = text[last.end : s.start]
            if s.start < last.end or (s.entity_type == last.entity_type and gap.strip(" \t") == ""):
                longer = last if (last.end - last.start, last.score) >= (s.end - s.start, s.score) else s
                merged[-1] = Span(longer.entity_type, last.start, max(last.end, s.end), longer.score)
                continue
        merged.append(Span(s.entity_type, s.start, s.end, s.score))
    return merged


_AND = r"(?:and|or|&|y|et|und|e|ou|oder|o)"
_LIST_JOIN = rf"(?:[ \t]*,[ \t]*(?:{_AND}[ \t]+)?|[ \t]+{_AND}[ \t]+)"
_COORD_AFTER = re.compile(rf"{_LIST_JOIN}([{UP}][\w'’-]{{0,40}})")
_COORD_BEFORE = re.compile(rf"(?<!\w)([{UP}][\w'’-]{{0,40}})(?:[ \t]*,[ \t]*|[ \t]+{_AND}[ \t]+)$")
_COORD_AFTER_LOWER = re.compile(rf"{_LIST_JOIN}([^\W\d_]{{2,40}})(?![\w'’@-])")


def coordinate(text: str, spans: list[Span], protected: Intervals, vocab: Vocabulary) -> list[Span]:
    """A word listed with a name ("Morrison, Rogers and Torres", "marisol, dev and ines") is a name too.

    Capitalized words join a list of names unless they are shop words; lowercase ones only when the
    name they follow was lowercase and they are no ordinary word. Linear: each name looks at its
    two neighbours once, and every name found is looked at in turn."""
    taken = Intervals([(s.start, s.end) for s in spans])
    queue = [s for s in spans if s.entity_type == "PERSON"]
    added: list[Span] = []
    while queue:
        s = queue.pop()
        found: list[tuple[int, int]] = []
        m = _COORD_AFTER.match(text, s.end)
        if m:
            found.append((m.start(1), name_tail(text, m.end(1))))
        else:
            value = text[s.start : s.end]
            m = _COORD_AFTER_LOWER.match(text, s.end)
            if m and value == value.lower():
                word = m.group(1)
                if fold(word) in FIRST_NAMES or (vocab and not vocab.is_word(word)):
                    found.append((m.start(1), m.end(1)))
        m = _COORD_BEFORE.search(text, max(0, s.start - 40), s.start)
        if m:
            found.append((m.start(1), m.end(1)))
        for start, end in found:
            word = text[start:end]
            key = fold(word)
            if key in NOT_NAME_WORDS or word.isupper():
                continue
            if vocab and vocab.is_word(word) and key not in FIRST_NAMES and key not in SURNAMES and word[:1].islower():
                continue
            if taken.overlaps(start, end) or protected.overlaps(start, end):
                continue
            new = Span("PERSON", start, end, s.score)
            taken.add(start, end)
            added.append(new)
            queue.append(new)
    return merge(text, spans + added) if added else spans


_NOT_SPREAD = NOT_NAME_WORDS | frozenset("van von der den del della dos das ten ter bin ibn".split())
_NAME_PART = re.compile(r"[^\W\d_](?:[\w-]|['’](?![sS]\b)){2,}")
#: At most this many distinct values are spread per message (each costs one pass of str.find).
_MAX_SPREAD_VALUES = 400


def propagate(text: str, spans: list[Span], protected: Intervals) -> list[Span]:
    """Redact every other occurrence of a detected value, and of each part of a detected name."""
    values: dict[str, Span] = {}
    for s in spans:
        value = text[s.start : s.end]
        values.setdefault(value, s)
        if s.entity_type == "PERSON":
            for w in _NAME_PART.findall(value):
                if (w[0].isupper() or value == value.lower()) and fold(w) not in _NOT_SPREAD:
                    values.setdefault(w, s)
    taken = Intervals([(s.start, s.end) for s in spans])
    extra: list[Span] = []
    for value, s in list(values.items())[:_MAX_SPREAD_VALUES]:
        if not value.strip():
            continue
        pos = text.find(value)
        while pos != -1:
            end = pos + len(value)
            bounded = (pos == 0 or not _word_char(text[pos - 1])) and (end == len(text) or not _word_char(text[end]))
            if bounded and not taken.overlaps(pos, end) and not protected.overlaps(pos, end):
                extra.append(Span(s.entity_type, pos, end, s.score))
                taken.add(pos, end)
            pos = text.find(value, end)
    return merge(text, spans + extra) if extra else spans


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
