"""The shop's written policies as citable `policy:` evidence.

Articles are data (`wismo/prompts/policies.yaml`). This matcher scores keyword and word overlap;
it needs no model and answers in microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .evidence import Fact

_WORD = re.compile(r"[a-z0-9$]+")
_STOP = frozenset(
    "a an the is are was be to of and or for in on at my me i you your do does can could what when how "
    "it its this that with about will would should please hi hello".split()
)


@dataclass(frozen=True)
class Article:
    source_id: str
    title: str
    keywords: tuple[str, ...]
    text: str

    def fact(self) -> Fact:
        return Fact(self.source_id, self.title, {"text": self.text})


@lru_cache(maxsize=1)
def articles() -> tuple[Article, ...]:
    raw = yaml.safe_load(resources.files("wismo.prompts").joinpath("policies.yaml").read_text("utf-8"))
    return tuple(Article(a["id"], a["title"], tuple(a.get("keywords", ())), a["text"]) for a in raw)


def article(source_id: str) -> Article:
    for a in articles():
        if a.source_id == source_id:
            return a
    raise KeyError(source_id)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def search(question: str, limit: int = 1, min_score: float = 1.0) -> list[Article]:
    """Best-matching articles for a question, best first; empty when nothing matches well."""
    q = question.lower()
    words = _words(q)
    scored = []
    for a in articles():
        score = 0.0
        for kw in a.keywords:
            if " " in kw:
                score += 2.0 if kw in q else 0.0
            elif kw in words:
                score += 1.0
        score += 0.25 * len(words & _words(a.title + " " + a.text))
        if score >= min_score:
            scored.append((score, a))
    scored.sort(key=lambda x: -x[0])
    return [a for _, a in scored[:limit]]
