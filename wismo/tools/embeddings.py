"""Offline, deterministic text embeddings and the Chroma client factory.

Why hashing: Chroma's default embedding function downloads an ONNX model on first use, and wismo
must run without network access. A HashingVectorizer over word 1-2grams plus char_wb 3-5grams
gives dense, l2-normalised vectors that need no fitting, no vocabulary and no files, so the same
text always maps to the same vector in every process (embedded Chroma, a Chroma server, tests).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function
from sklearn.feature_extraction.text import HashingVectorizer

DEFAULT_FEATURES = 2048
_WORD_WEIGHT = 0.6  # word n-grams carry meaning; char n-grams absorb typos and inflections
_CHAR_WEIGHT = 0.4


@lru_cache(maxsize=8)
def _vectorizers(n_features: int) -> tuple[HashingVectorizer, HashingVectorizer]:
    words = HashingVectorizer(
        n_features=n_features,
        analyzer="word",
        ngram_range=(1, 2),
        lowercase=True,
        alternate_sign=False,
        norm="l2",
        stop_words="english",
        token_pattern=r"(?u)\b\w+\b",
    )
    chars = HashingVectorizer(
        n_features=n_features,
        analyzer="char_wb",
        ngram_range=(3, 5),
        lowercase=True,
        alternate_sign=False,
        norm="l2",
    )
    return words, chars


def embed(texts: list[str] | tuple[str, ...], n_features: int = DEFAULT_FEATURES) -> np.ndarray:
    """Embed texts as an (n, n_features) float32 array of l2-normalised rows (zero rows for empty text)."""
    texts = [t or "" for t in texts]
    if not texts:
        return np.zeros((0, n_features), dtype=np.float32)
    words, chars = _vectorizers(n_features)
    dense = _WORD_WEIGHT * words.transform(texts).toarray() + _CHAR_WEIGHT * chars.transform(texts).toarray()
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (dense / norms).astype(np.float32)


@register_embedding_function
class HashingEmbedding(EmbeddingFunction[Documents]):
    """Chroma embedding function backed by `embed`; persisted collections rebuild it from its config."""

    def __init__(self, n_features: int = DEFAULT_FEATURES) -> None:
        self.n_features = int(n_features)

    def __call__(self, input: Documents) -> Embeddings:
        return list(embed(list(input), self.n_features))

    @staticmethod
    def name() -> str:
        return "wismo-hashing"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "l2", "ip"]

    def get_config(self) -> dict[str, Any]:
        return {"n_features": self.n_features}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> HashingEmbedding:
        return HashingEmbedding(n_features=int(config.get("n_features", DEFAULT_FEATURES)))

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        if int(old_config.get("n_features", DEFAULT_FEATURES)) != int(new_config.get("n_features", DEFAULT_FEATURES)):
            raise ValueError("n_features cannot change on an existing collection")


def get_chroma_client(settings: Any = None) -> Any:
    """A Chroma client: HttpClient when CHROMA_URL (env or settings.chroma_url) is set, else embedded
    PersistentClient under <data_dir>/chroma. Telemetry is always off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    url = os.environ.get("CHROMA_URL") or getattr(settings, "chroma_url", None)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url if "://" in url else f"http://{url}")
        ssl = parsed.scheme == "https"
        port = parsed.port or (443 if ssl else 8000)
        return chromadb.HttpClient(host=parsed.hostname or "localhost", port=port, ssl=ssl, settings=chroma_settings)
    data_dir = Path(getattr(settings, "data_dir", None) or "wismo-data")
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
