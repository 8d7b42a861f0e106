"""The classifier on sentences kept apart from its examples, in each of the five languages.

tests/data/intents_heldout.tsv was written after, and apart from, examples/intents.yaml, so it shows
how the examples generalize rather than whether they were memorized. The bars come from the first
measurement on it (en 0.94, es 0.87, fr 0.89, de 0.89, pt 0.91), a little below, so that an edit
to the examples or the anchor that breaks a language fails here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from wismo.agent.nlu import INTENTS, IntentClassifier, get_classifier

HELDOUT = Path(__file__).parent / "data" / "intents_heldout.tsv"
LANGUAGES = ("en", "es", "fr", "de", "pt")
MIN_ACCURACY = 0.85  # per language
MIN_OVERALL = 0.88
# A follow-up without a purchase word is read with the order in focus when the model's own best
# reading is a WISMO intent at least this likely (the dialogue's context rule).
CONTEXT_MIN_SCORE = 0.5


def _rows() -> list[tuple[str, str, bool, str]]:
    rows = []
    for number, line in enumerate(HELDOUT.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        lang, intent, context, text = line.split("\t")
        assert lang in LANGUAGES and intent in INTENTS and context in ("0", "1"), f"line {number}: {line!r}"
        rows.append((lang, intent, context == "1", text))
    return rows


def _correct(clf: IntentClassifier, intent: str, context: bool, text: str) -> bool:
    result = clf.classify(text)
    best = max(result.scores, key=result.scores.get)
    if context:
        return best == intent and result.scores[best] >= CONTEXT_MIN_SCORE
    return result.intent == intent and best == intent


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[bool, str, str]]]:
    clf = get_classifier()
    by_language: dict[str, list[tuple[bool, str, str]]] = defaultdict(list)
    for lang, intent, context, text in _rows():
        by_language[lang].append((_correct(clf, intent, context, text), intent, text))
    return by_language


def test_every_language_and_intent_is_covered() -> None:
    rows = _rows()
    for lang in LANGUAGES:
        intents = {intent for row_lang, intent, _, _ in rows if row_lang == lang}
        assert intents == set(INTENTS), (lang, set(INTENTS) - intents)
    assert sum(1 for row in rows if row[2]) >= 10  # follow-ups read in context


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accuracy_per_language(results: dict[str, list[tuple[bool, str, str]]], lang: str) -> None:
    rows = results[lang]
    accuracy = sum(ok for ok, _, _ in rows) / len(rows)
    misses = [(intent, text) for ok, intent, text in rows if not ok]
    assert accuracy >= MIN_ACCURACY, (lang, round(accuracy, 3), misses)


def test_overall_accuracy(results: dict[str, list[tuple[bool, str, str]]]) -> None:
    rows = [row for lang_rows in results.values() for row in lang_rows]
    accuracy = sum(ok for ok, _, _ in rows) / len(rows)
    assert accuracy >= MIN_OVERALL, round(accuracy, 3)
