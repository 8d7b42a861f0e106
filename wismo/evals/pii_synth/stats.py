"""Counts of a generated set: messages, gold spans and kept values per language, type and split."""

from __future__ import annotations

import re
from collections import Counter

WORD_RE = re.compile(r"\w+", re.UNICODE)


def words_changed(original: str, redacted: str) -> tuple[int, int]:
    r"""(words of `original` missing from `redacted`, words of `original`): the over-redaction measure
    for the ordinary set. Words are `\w+` runs; a word counts as changed when the redacted text has
    fewer copies of it than the original, so placeholders the redactor adds never offset a loss."""
    before = Counter(WORD_RE.findall(original))
    after = Counter(WORD_RE.findall(redacted))
    return sum((before - after).values()), sum(before.values())


def _type(span: dict) -> str:
    return f"{span['entity_type']}:{span['subtype']}" if span["entity_type"] == "NATIONAL_ID" else span["entity_type"]


def count(files: dict[str, list[dict]]) -> dict:
    """Per file: messages and templates per language, spans per type, kept values per type and subtype."""
    out: dict = {}
    for name, rows in files.items():
        languages = Counter(r["language"] for r in rows)
        entry: dict = {
            "messages": len(rows),
            "templates": len({r["template_id"] for r in rows}),
            "messages_per_language": dict(sorted(languages.items())),
        }
        if name.startswith("ordinary"):
            words = Counter()
            for r in rows:
                words[r["language"]] += len(WORD_RE.findall(r["full_text"]))
            entry["words_per_language"] = dict(sorted(words.items()))
        else:
            by_type: Counter[str] = Counter()
            by_lang_type: dict[str, Counter[str]] = {}
            keep: Counter[str] = Counter()
            for r in rows:
                for s in r["spans"]:
                    by_type[_type(s)] += 1
                    by_lang_type.setdefault(r["language"], Counter())[s["entity_type"]] += 1
                for k in r["keep"]:
                    keep[f"{k['entity_type']}:{k['subtype']}"] += 1
            entry["spans_per_type"] = dict(sorted(by_type.items()))
            entry["spans_per_language_and_type"] = {
                lang: dict(sorted(c.items())) for lang, c in sorted(by_lang_type.items())
            }
            entry["keep_per_type"] = dict(sorted(keep.items()))
        out[name] = entry
    return out
