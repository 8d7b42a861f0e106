"""What every wismo recognizer shares: the Presidio base class, results, and text-shape helpers.

Patterns here and in the sibling modules are bounded: no quantifier repeats a group that can
itself match a variable amount of the same characters, so every match attempt is linear in the
text it looks at (a 4,000-character message is screened in milliseconds, whatever it holds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# Every uppercase letter of the Latin, Greek and Cyrillic blocks, for name and place patterns.
_UP = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
UP = re.escape(_UP).replace("\\-", "-")
LOW = r"[^\W\d_]"
#: A capitalized word, e.g. O'Neil, St., Jean-Luc (each apostrophe or hyphen is followed by a letter).
CAP = rf"[{UP}](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?"
#: A house number: 12, 12a, 12-14, 3/5.
NUM = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?"


def result(entity: str, start: int, end: int, score: float, name: str) -> RecognizerResult:
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            # Our scores already account for context; Presidio should not boost them again.
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        },
    )


class WismoRecognizer(LocalRecognizer):
    """Base of our recognizers: one entity, nothing to load; `find` yields (start, end, score).

    They are registered for the analyzer's one language ("en") but read every supported language:
    customers mix languages, and cue words of five languages do not collide."""

    ENTITY = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="en")

    def load(self) -> None:  # nothing to load: patterns compile at import
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        return [result(self.ENTITY, s, e, score, self.name) for s, e, score in self.find(text, nlp_artifacts)]

    def find(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float]]:
        raise NotImplementedError


def near(text: str, start: int, end: int, words: re.Pattern[str], before: int = 40, after: int = 25) -> bool:
    """A cue word within `before` characters before the span or `after` characters after it."""
    return bool(words.search(text[max(0, start - before) : start])) or bool(words.search(text[end : end + after]))


def digits_of(value: str) -> str:
    return re.sub(r"\D", "", value)
