"""The knowledge base in Chroma: the shop's articles, found by meaning, quoted with `policy:` citations.

Why Chroma: several server instances share one index (a Chroma server when CHROMA_URL is set) and
ops can grow the article set without code. Each article is stored as its own text plus one short
document per way customers ask for it (`asks`), so a five-word question lands near a phrasing of
the same length. A keyword score (the same idea as `knowledge.py`) is blended in: it rescues
questions that name a carrier status or a policy term the hashing vectors dilute.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..i18n.formats import current
from .embeddings import HashingEmbedding, embed, get_chroma_client
from .evidence import Fact

COLLECTION = "wismo-kb"
#: Below this blended score the best article is not trusted to answer (calibrated in evals/kb.py).
MIN_SCORE = 0.38
#: Weight of the keyword score in the blend; 0 gives pure vector search.
KEYWORD_WEIGHT = 0.6

_WORD = re.compile(r"[a-z0-9$]+")
_STOP = frozenset(
    "a an the is are was be to of and or for in on at my me i you your do does can could what when how "
    "it its this that with about will would should please hi hello there has have had so if".split()
)


@dataclass(frozen=True)
class Article:
    source_id: str
    title: str
    keywords: tuple[str, ...]
    text: str
    asks: tuple[str, ...] = ()

    def fact(self) -> Fact:
        return Fact(self.source_id, self.title, {"text": self.text})

    def documents(self) -> dict[str, str]:
        """Chroma document id -> text: the article itself and each ask."""
        docs = {self.source_id: f"{self.title}. {self.text}"}
        for i, ask in enumerate(self.asks):
            docs[f"{self.source_id}::ask:{i}"] = ask
        return docs


@lru_cache(maxsize=len(LANGUAGES))
def load_articles(lang: str = DEFAULT_LANGUAGE) -> tuple[Article, ...]:
    """The articles in one language: `knowledge.yaml` (English) or `knowledge.<lang>.yaml`, same ids.
    A language without its file has none (callers fall back to English)."""
    name = "knowledge.yaml" if lang == DEFAULT_LANGUAGE else f"knowledge.{lang}.yaml"
    path = resources.files("wismo.prompts").joinpath(name)
    if not path.is_file():
        return ()
    raw = yaml.safe_load(path.read_text("utf-8")) or []
    return tuple(
        Article(a["id"], a["title"], tuple(a.get("keywords", ())), a["text"], tuple(a.get("asks", ()))) for a in raw
    )


def article_in(source_id: str, lang: str | None = None) -> Article | None:
    """One article in `lang` (the turn's language by default), or in English when not translated."""
    for candidate in (lang or current(), DEFAULT_LANGUAGE):
        for a in load_articles(candidate):
            if a.source_id == source_id:
                return a
    return None


#: A small domain thesaurus: customers' words mapped onto the words the articles use.
_SYNONYMS = {
    "package": "parcel",
    "packages": "parcel",
    "box": "parcel",
    "boxes": "parcel",
    "shipment": "parcel",
    "courier": "carrier",
    "driver": "carrier",
    "mailman": "carrier",
    "postman": "carrier",
    "shop": "store",
    "shops": "store",
    "mall": "store",
    "xmas": "christmas",
    "dec": "december",
    "reimburse": "refund",
    "reimbursement": "refund",
    "fpo": "military",
    "apo": "military",
    "dpo": "military",
    "expedite": "faster",
    "rush": "faster",
    "sooner": "faster",
    "quicker": "faster",
    "collect": "pickup",
    "pick": "pickup",
    "stole": "stolen",
    "theft": "stolen",
    "swap": "exchange",
    "fit": "size",
    "broken": "damaged",
    "ripped": "damaged",
    "torn": "damaged",
    "sms": "text",
    "texts": "text",
    "phone": "call",
    "deadline": "cutoff",
    "deadlines": "cutoff",
    "internationally": "international",
    "abroad": "international",
    "overseas": "international",
}
_PHRASES = (
    ("send back", "return"),
    ("sent back", "return"),
    ("send it back", "return"),
    ("money back", "refund"),
    ("pick up", "pickup"),
    ("p.o. box", "pobox"),
    ("po box", "pobox"),
    ("post office box", "pobox"),
    ("gift card", "giftcard"),
    ("in person", "instore"),
    ("in store", "instore"),
)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def normalize(text: str) -> str:
    """Lower-case text without accents, with phrases folded, synonyms mapped and words lightly stemmed."""
    t = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    for phrase, repl in _PHRASES:
        t = t.replace(phrase, repl)
    return " ".join(_stem(_SYNONYMS.get(w, w)) for w in _WORD.findall(t))


def _words(text: str) -> set[str]:
    return {w for w in normalize(text).split() if w not in _STOP}


class LexicalIndex:
    """BM25 over each article's title, text, keywords and asks, on normalized words.

    Why BM25 and not raw overlap: its IDF lets rare, telling words ("signature", "locker") outweigh
    words every article shares ("parcel", "order"), which the hashing vectors cannot do.
    """

    def __init__(self, articles: tuple[Article, ...], k1: float = 1.2, b: float = 0.6) -> None:
        self.k1, self.b = k1, b
        self.docs: dict[str, Counter[str]] = {}
        for a in articles:
            text = " ".join([a.title, a.text, *a.keywords, *a.keywords, *a.asks])
            self.docs[a.source_id] = Counter(w for w in normalize(text).split() if w not in _STOP)
        n = len(self.docs)
        df: Counter[str] = Counter()
        for counts in self.docs.values():
            df.update(counts.keys())
        self.idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items()}
        self.lengths = {aid: sum(c.values()) for aid, c in self.docs.items()}
        self.avg = (sum(self.lengths.values()) / n) if n else 1.0

    def scores(self, question: str) -> dict[str, float]:
        """Per article, BM25 squashed into [0, 1) so one threshold holds across questions."""
        terms = set(_words(question))
        out: dict[str, float] = {}
        for aid, counts in self.docs.items():
            s = 0.0
            norm = self.k1 * (1 - self.b + self.b * self.lengths[aid] / self.avg)
            for t in terms:
                tf = counts.get(t, 0)
                if tf:
                    s += self.idf[t] * tf * (self.k1 + 1) / (tf + norm)
            out[aid] = s / (s + 6.0)
        return out


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class KnowledgeBase:
    """Articles from `knowledge.yaml` indexed in Chroma (embedded, or a server when CHROMA_URL is set)."""

    def __init__(
        self,
        settings: Any = None,
        client: Any = None,
        articles: tuple[Article, ...] | None = None,
        collection: str = COLLECTION,
        keyword_weight: float = KEYWORD_WEIGHT,
        min_score: float = MIN_SCORE,
    ) -> None:
        self.client = client if client is not None else get_chroma_client(settings)
        self.articles = articles if articles is not None else load_articles()
        self.by_id = {a.source_id: a for a in self.articles}
        #: The same articles in the other languages (indexed too, so a question finds its article in
        #: the words of its own language); an article left out in English is left out in every language.
        self.variants: dict[str, tuple[Article, ...]] = {}
        for lang in LANGUAGES[1:]:
            known = tuple(a for a in load_articles(lang) if a.source_id in self.by_id)
            if known:
                self.variants[lang] = known
        self.lexical = [LexicalIndex(self.articles)] + [LexicalIndex(v) for v in self.variants.values()]
        self.keyword_weight = keyword_weight
        self.min_score = min_score
        self.collection = self.client.get_or_create_collection(
            collection,
            embedding_function=HashingEmbedding(),
            configuration={"hnsw": {"space": "cosine"}},
        )
        self._synced = False
        self._lock = threading.Lock()

    # -- indexing
    def sync(self) -> dict[str, int]:
        """Upsert changed articles, delete removed ones; unchanged documents are left alone (idempotent)."""
        wanted: dict[str, tuple[str, dict[str, str]]] = {}
        for lang, articles in [(DEFAULT_LANGUAGE, self.articles), *self.variants.items()]:
            for a in articles:
                for doc_id, text in a.documents().items():
                    # English documents keep their ids; another language's are "<id>@<lang>...".
                    key = (
                        doc_id if lang == DEFAULT_LANGUAGE else doc_id.replace(a.source_id, f"{a.source_id}@{lang}", 1)
                    )
                    wanted[key] = (text, {"article_id": a.source_id, "lang": lang, "hash": _hash(text)})
        existing = self.collection.get(include=["metadatas"])
        have = {i: (m or {}).get("hash") for i, m in zip(existing["ids"], existing["metadatas"] or [], strict=False)}
        changed = [i for i, (_, meta) in wanted.items() if have.get(i) != meta["hash"]]
        removed = [i for i in have if i not in wanted]
        if changed:
            self.collection.upsert(
                ids=changed,
                documents=[wanted[i][0] for i in changed],
                embeddings=list(embed([normalize(wanted[i][0]) for i in changed])),
                metadatas=[wanted[i][1] for i in changed],  # type: ignore[arg-type]
            )
        if removed:
            self.collection.delete(ids=removed)
        self._synced = True
        return {
            "added": sum(1 for i in changed if i not in have),
            "updated": sum(1 for i in changed if i in have),
            "removed": len(removed),
            "unchanged": len(wanted) - len(changed),
        }

    def _ensure(self) -> None:
        if not self._synced:
            with self._lock:
                if not self._synced and self.collection.count() == 0:
                    self.sync()
                self._synced = True

    # -- retrieval
    def vector_scores(self, question: str) -> dict[str, float]:
        """Best cosine similarity per article id among its documents."""
        self._ensure()
        n = min(self.collection.count(), 60)
        if n == 0:
            return {}
        query = list(embed([normalize(question)]))
        res = self.collection.query(query_embeddings=query, n_results=n, include=["metadatas", "distances"])
        best: dict[str, float] = {}
        for meta, dist in zip(res["metadatas"][0], res["distances"][0], strict=False):  # type: ignore[index]
            aid = str((meta or {}).get("article_id", ""))
            if aid in self.by_id:
                best[aid] = max(best.get(aid, 0.0), 1.0 - float(dist))
        return best

    def search(self, question: str, k: int = 3, keyword_weight: float | None = None) -> list[tuple[Article, float]]:
        """The k best articles with their blended score in [0, 1], best first."""
        w = self.keyword_weight if keyword_weight is None else keyword_weight
        vec = self.vector_scores(question) if w < 1 else {}
        lex: dict[str, float] = {}
        if w > 0:
            for index in self.lexical:
                for aid, score in index.scores(question).items():
                    lex[aid] = max(lex.get(aid, 0.0), score)
        scored = []
        for aid, article in self.by_id.items():
            scored.append((article, (1 - w) * vec.get(aid, 0.0) + w * lex.get(aid, 0.0)))
        scored.sort(key=lambda x: -x[1])
        return scored[:k]

    def answer(self, question: str, min_score: float | None = None) -> Fact | None:
        """The best article as a citable fact, or None when no article matches well enough.

        Callers that already know the question is about policy (the intent says so) may accept a
        weaker match than the default, which also guards against unrelated questions."""
        found = self.search(question, k=1)
        if not found or found[0][1] < (self.min_score if min_score is None else min_score):
            return None
        # Found in any language, answered in the turn's.
        return (article_in(found[0][0].source_id) or found[0][0]).fact()


_shared: dict[str, KnowledgeBase] = {}
_shared_lock = threading.Lock()


def get_kb(settings: Any) -> KnowledgeBase:
    """One synced KnowledgeBase per data dir / Chroma URL, for the agent and the server."""
    url = os.environ.get("CHROMA_URL") or getattr(settings, "chroma_url", None)
    key = str(url or getattr(settings, "data_dir", ""))
    with _shared_lock:
        kb = _shared.get(key)
        if kb is None:
            kb = _shared[key] = KnowledgeBase(settings)
            _synced(kb, settings)
        return kb


def _synced(kb: KnowledgeBase, settings: Any) -> None:
    """Sync once per start; a file lock keeps several local worker processes from syncing at once."""
    import fcntl
    from pathlib import Path

    data_dir = Path(getattr(settings, "data_dir", "."))
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "kb-sync.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            kb.sync()
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
