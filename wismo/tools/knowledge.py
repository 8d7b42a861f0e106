"""The shop's written policies as citable `policy:` evidence, without Chroma.

The articles are those of the knowledge base (`wismo/prompts/knowledge.yaml`); this module looks
one up by id and offers the knowledge base's keyword (BM25) ranking on its own, for callers that
have no Chroma client at hand (the model's `search_policy` tool, a store without a knowledge base).
"""

from __future__ import annotations

from functools import lru_cache

from .kb import Article, LexicalIndex, article_in, load_articles

#: Keyword score below which no article is a match.
MIN_SCORE = 0.3


def articles() -> tuple[Article, ...]:
    return load_articles()


def article(source_id: str) -> Article:
    """An article in the turn's language (English when it is not translated)."""
    found = article_in(source_id)
    if found is None:
        raise KeyError(source_id)
    return found


@lru_cache(maxsize=1)
def _index() -> LexicalIndex:
    return LexicalIndex(load_articles())


def search(question: str, limit: int = 1, min_score: float = MIN_SCORE) -> list[Article]:
    """Best-matching articles for a question, best first; empty when nothing matches well."""
    scores = _index().scores(question)
    by_id = {a.source_id: a for a in load_articles()}
    ranked = sorted((s, aid) for aid, s in scores.items() if s >= min_score)[::-1]
    return [by_id[aid] for _, aid in ranked[:limit]]
