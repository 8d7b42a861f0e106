"""Group unresolved utterances into clusters of similar requests, so ops reads ten themes, not 1,000 lines.

Embeddings are the offline hashing vectors of `wismo.tools.embeddings`, kept in a Chroma collection
(so a Chroma server shares them across instances) without the utterances themselves: Chroma keeps
what it was sent in its own log after a delete, and the text is in the store already. Clustering
is agglomerative, average linkage on cosine distance with a distance threshold, so the number of
clusters follows the data. A cluster is
named by its lowest member id (`u<id>`), stable as long as that turn is in the filtered set.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

import numpy as np

log = logging.getLogger("wismo.ops.clusters")

COLLECTION = "wismo_unresolved"
#: Cosine distance under which utterances join the same cluster (average linkage).
DISTANCE_THRESHOLD = 0.75
MAX_EXAMPLES = 5


def _embeddings(rows: list[dict], settings: Any = None) -> np.ndarray:
    """Vectors for the rows, upserted to / read from Chroma when it is reachable."""
    from ..tools.embeddings import embed

    texts = [r["text"] for r in rows]
    vectors = embed(texts)
    if settings is None:
        return vectors
    try:
        from ..tools.embeddings import HashingEmbedding, get_chroma_client

        client = get_chroma_client(settings)
        coll = client.get_or_create_collection(
            COLLECTION, embedding_function=HashingEmbedding(), metadata={"hnsw:space": "cosine"}
        )
        ids = [str(r["id"]) for r in rows]
        for start in range(0, len(ids), 500):
            coll.upsert(
                ids=ids[start : start + 500],
                embeddings=vectors[start : start + 500].tolist(),
                metadatas=[
                    {"intent_guess": r["intent_guess"], "reason": r["reason"], "created_at": r["created_at"]}
                    for r in rows[start : start + 500]
                ],
            )
        got = coll.get(ids=ids, include=["embeddings"])
        by_id = {i: e for i, e in zip(got["ids"], got["embeddings"], strict=True)}
        return np.asarray([by_id[i] for i in ids], dtype=np.float32)
    except Exception:  # Chroma down or misconfigured: the vectors are the same, computed here
        log.warning("Chroma unavailable for unresolved clusters; using in-process vectors", exc_info=True)
        return vectors


def assign(vectors: np.ndarray, threshold: float = DISTANCE_THRESHOLD) -> list[int]:
    """Cluster labels (0..k-1) for l2-normalised rows; one row is one cluster."""
    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    # Zero vectors (empty text) have no direction; give them a tiny shared one so cosine is defined.
    safe = vectors.copy()
    empty = ~safe.any(axis=1)
    if empty.any():
        safe[empty, 0] = 1.0
    return [int(x) for x in model.fit_predict(safe)]


def cluster(rows: list[dict], settings: Any = None, threshold: float = DISTANCE_THRESHOLD) -> list[dict[str, Any]]:
    """Clusters of `rows` (dicts from `unresolved.recent`), biggest first, each with its count, trend
    per day, top intent guesses and reasons, and a few examples closest to its centre."""
    rows = sorted(rows, key=lambda r: r["id"])
    if not rows:
        return []
    vectors = _embeddings(rows, settings)
    labels = assign(vectors, threshold)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    out = []
    for members in groups.values():
        centre = vectors[members].mean(axis=0)
        norm = float(np.linalg.norm(centre)) or 1.0
        closeness = vectors[members] @ (centre / norm)
        order = [members[j] for j in np.argsort(-closeness, kind="stable")]
        by_day = Counter(rows[i]["created_at"][:10] for i in members)
        member_rows = [rows[i] for i in members]
        out.append(
            {
                "cluster_id": f"u{min(r['id'] for r in member_rows)}",
                "count": len(members),
                "label": rows[order[0]]["text"][:80],
                "intent_guesses": dict(Counter(r["intent_guess"] for r in member_rows).most_common()),
                "reasons": dict(Counter(r["reason"] for r in member_rows).most_common()),
                "trend": [{"day": d, "count": c} for d, c in sorted(by_day.items())],
                "examples": [
                    {"id": rows[i]["id"], "text": rows[i]["text"], "created_at": rows[i]["created_at"]}
                    for i in order[:MAX_EXAMPLES]
                ],
                "member_ids": [r["id"] for r in member_rows],
            }
        )
    out.sort(key=lambda c: (-c["count"], c["cluster_id"]))
    return out
