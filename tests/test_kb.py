"""Knowledge base in embedded Chroma: offline embeddings, idempotent sync, retrieval and refusal."""

from __future__ import annotations

import numpy as np

from wismo.evals.kb import score_kb
from wismo.tools.embeddings import HashingEmbedding, embed, get_chroma_client
from wismo.tools.kb import KnowledgeBase, load_articles

from .conftest import make_settings


def test_embeddings_are_deterministic_normalized_and_serializable():
    a = embed(["Where is my parcel?", ""])
    b = embed(["Where is my parcel?"])
    assert a.shape == (2, 2048)
    assert np.allclose(a[0], b[0])
    assert abs(np.linalg.norm(a[0]) - 1) < 1e-5 and not a[1].any()
    ef = HashingEmbedding.build_from_config(HashingEmbedding(1024).get_config())
    assert ef.n_features == 1024 and len(ef(["hello"])[0]) == 1024
    assert HashingEmbedding.name() == "wismo-hashing"


def test_articles_keep_the_original_policy_ids():
    ids = {a.source_id for a in load_articles()}
    assert len(ids) >= 30
    assert {"policy:returns#window", "policy:carrier#exception", "policy:pickup#hours"} <= ids
    assert all(i.startswith("policy:") for i in ids)


def test_sync_is_idempotent_and_tracks_changes(tmp_path):
    settings = make_settings(tmp_path)
    kb = KnowledgeBase(settings)
    first = kb.sync()
    assert first["added"] > len(kb.articles) and first["updated"] == 0
    assert kb.sync() == {"added": 0, "updated": 0, "removed": 0, "unchanged": first["added"]}
    changed = list(kb.articles)
    a = changed[0]
    changed[0] = type(a)(a.source_id, a.title, a.keywords, a.text + " Changed.", a.asks)
    kb2 = KnowledgeBase(settings, articles=tuple(changed[:-1]))
    delta = kb2.sync()
    dropped = kb.articles[-1].source_id
    in_every_language = sum(
        1 + len(a.asks) for lang, articles in kb.variants.items() for a in articles if a.source_id == dropped
    )
    assert delta["updated"] == 1 and delta["removed"] == 1 + len(kb.articles[-1].asks) + in_every_language
    # The index persisted on disk: a new client over the same directory sees it.
    col = get_chroma_client(settings).get_collection("wismo-kb")
    assert col.count() == first["added"] - delta["removed"]


def test_search_and_answer(tmp_path):
    kb = KnowledgeBase(make_settings(tmp_path))
    kb.sync()
    (best, score), *_ = kb.search("What does 'exception' mean on my tracking page?")
    assert best.source_id == "policy:carrier#exception" and 0 < score <= 1
    fact = kb.answer("Are your stores open on Christmas Day?")
    assert fact is not None and fact.source_id == "policy:pickup#holiday-hours"
    assert "December 25" in fact.values["text"]
    assert kb.answer("who painted the Mona Lisa") is None


def test_retrieval_figures_on_the_question_set():
    r = score_kb()
    assert r["n"] >= 80
    assert r["top1"] >= 0.8 and r["top3"] >= 0.9
    assert r["oos_rejected"] >= 0.9
    assert score_kb(keyword_weight=0.0)["top1"] < r["top1"]  # the hybrid earns its place
