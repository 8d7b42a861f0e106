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

from .recognizers import FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, Vocabulary, fold
from .recognizers.names import is_function_word

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
_WORD_IN_LIST = r"[^\W\d_][\w'’.-]{0,40}"
#: The next item of a list after a name: up to four words ("…, iwan gehringer und Gottlob Christoph").
_ITEM_AFTER = re.compile(rf"{_LIST_JOIN}({_WORD_IN_LIST}(?:[ \t]+{_WORD_IN_LIST}){{0,3}})")
#: The item before a name, ending with its separator ("para armando, aurelio, <name>").
_ITEM_BEFORE = re.compile(rf"(?<![\w'’-])({_WORD_IN_LIST}(?:[ \t]+{_WORD_IN_LIST}){{0,3}}){_LIST_JOIN}$")
_JOIN_BEFORE = re.compile(rf"{_LIST_JOIN}$")


_PARTICLE = r"van|von|der|den|de|du|da|di|del|della|dos|das|do|la|las|los|le|y|e|zu|d'|l'"
_AFTER_AND = re.compile(rf"[ \t]{_AND}[ \t]+$")


def _name_words(words: list[str], vocab: Vocabulary) -> int:
    """How many of `words`, from the first, can be part of a listed name: not a function word, not
    a shop word, and no ordinary word (see below) unless a known first name or surname, or a particle."""
    n = 0
    for w in words:
        key = fold(w.rstrip("."))
        if key in NOT_NAME_WORDS or is_function_word(w) or (w.isupper() and len(w) > 2):
            break
        if key in FIRST_NAMES or key in SURNAMES or re.fullmatch(_PARTICLE, key):
            n += 1
            continue
        # Lower case: no ordinary word of any language. Capitalized: no common noun of another
        # language ("Schuhe, Socken"); English capitalizes names only ("Mason", "Wolfram").
        if vocab.is_word(w) if w[:1].islower() else (vocab.is_word(w) and not vocab.is_english(w)):
            break
        n += 1
    return n


def coordinate(text: str, spans: list[Span], protected: Intervals, vocab: Vocabulary) -> list[Span]:
    """Items listed with a name are names too: "Morrison, Rogers and Torres", "para armando, aurelio,
    maricruz y <name>", "für <name>, iwan gehringer und Gottlob Christoph".

    An item is up to four words up to the next comma or "and" (in five languages), cut at the first
    word that cannot be part of a name. Linear: each name looks at its two neighbours once, and every
    name found is looked at in turn."""
    taken = Intervals([(s.start, s.end) for s in spans])
    queue = [s for s in spans if s.entity_type == "PERSON"]
    added: list[Span] = []
    while queue:
        s = queue.pop()
        found: list[tuple[int, int]] = []
        # A list ends with its "and": nothing after "…, C and D" belongs to it ("D, angekommen ist").
        m = None if _AFTER_AND.search(text, max(0, s.start - 12), s.start) else _ITEM_AFTER.match(text, s.end)
        if m and not taken.overlaps(m.start(1), m.start(1) + 1):
            words = list(re.finditer(r"\S+", m.group(1)))
            n = _name_words([w.group() for w in words], vocab)
            if n:
                found.append((m.start(1), m.start(1) + words[n - 1].end()))
        # The item before ends right before the separator: when that is a span already ("Ana, Ana,
        # Ana"), there is nothing to look for (and the search back is the costly part).
        join = _JOIN_BEFORE.search(text, max(0, s.start - 12), s.start)
        done = join is not None and join.start() > 0 and taken.overlaps(join.start() - 1, join.start())
        m = None if done else _ITEM_BEFORE.search(text, max(0, s.start - 80), s.start)
        if m:
            words = list(re.finditer(r"\S+", m.group(1)))
            n = _name_words([w.group() for w in reversed(words)], vocab)
            if n:
                found.append((m.start(1) + words[len(words) - n].start(), m.end(1)))
        for start, end in found:
            value = text[start:end].rstrip(".")
            end = start + len(value)
            if len(value) < 2 or taken.overlaps(start, end) or protected.overlaps(start, end):
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
