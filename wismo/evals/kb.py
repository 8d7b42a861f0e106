"""Scoring knowledge-base retrieval on our question set (`data/kb_questions.yaml`).

Why: the threshold that decides between quoting an article and saying "I don't know" must be
measured, not guessed. `top1` is the share of in-scope questions whose best article is the expected
one; `answer_accuracy` also requires the score to pass the threshold; `oos_rejected` is the share
of out-of-scope questions for which `answer()` returns None.

Run: `python -m wismo.evals.kb [--json]` (uses a throwaway embedded Chroma).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def load_questions(path: Path | None = None) -> list[dict[str, Any]]:
    if path is not None:
        raw = yaml.safe_load(Path(path).read_text("utf-8"))
    else:
        raw = yaml.safe_load(resources.files("wismo.evals").joinpath("data/kb_questions.yaml").read_text("utf-8"))
    return list(raw["questions"])


def _throwaway_kb(**kwargs: Any) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ..tools.kb import KnowledgeBase

    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    kb = KnowledgeBase(client=client, collection=f"wismo-kb-eval-{id(client)}", **kwargs)
    kb.sync()
    return kb


def score_kb(kb: Any = None, keyword_weight: float | None = None, path: Path | None = None) -> dict[str, Any]:
    """Retrieval figures on the question set: {"top1", "n", "top3", "answer_accuracy", "oos_rejected", ...}."""
    kb = kb or _throwaway_kb()
    questions = load_questions(path)
    w = kb.keyword_weight if keyword_weight is None else keyword_weight
    top1 = top3 = answered_right = oos = oos_rejected = 0
    misses: list[dict[str, Any]] = []
    in_scores: list[float] = []
    oos_scores: list[float] = []
    for item in questions:
        found = kb.search(item["q"], k=3, keyword_weight=w)
        best, score = found[0]
        if item["expected"] is None:
            oos += 1
            oos_scores.append(score)
            oos_rejected += score < kb.min_score
            continue
        in_scores.append(score)
        ids = [a.source_id for a, _ in found]
        top1 += ids[0] == item["expected"]
        top3 += item["expected"] in ids
        answered_right += ids[0] == item["expected"] and score >= kb.min_score
        if ids[0] != item["expected"]:
            misses.append({"q": item["q"], "expected": item["expected"], "got": ids[0], "score": round(score, 3)})
    n = len(questions) - oos
    return {
        "top1": round(top1 / n, 4) if n else 0.0,
        "n": n,
        "top3": round(top3 / n, 4) if n else 0.0,
        "answer_accuracy": round(answered_right / n, 4) if n else 0.0,
        "oos_n": oos,
        "oos_rejected": round(oos_rejected / oos, 4) if oos else 0.0,
        "keyword_weight": w,
        "min_score": kb.min_score,
        "min_in_scope_score": round(min(in_scores), 4) if in_scores else None,
        "max_oos_score": round(max(oos_scores), 4) if oos_scores else None,
        "misses": misses,
    }


#: Bitext intents that one of our articles answers, and that article.
BITEXT_ARTICLES = {
    "delivery_options": "policy:shipping#options",
    "check_refund_policy": "policy:returns#window",
    "track_refund": "policy:returns#refund-timing",
    "change_shipping_address": "policy:orders#changes",
    "cancel_order": "policy:orders#changes",
    "contact_human_agent": "policy:support#contact",
    "contact_customer_service": "policy:support#contact",
}


def score_external(data_dir: Path, kb: Any = None, limit: int = 1000) -> dict[str, Any]:
    """Figures on other people's wording (not tuned on): Bitext questions our articles answer (top-1),
    and CLINC150 out-of-scope utterances that `answer()` must reject."""
    import json

    kb = kb or _throwaway_kb()
    out: dict[str, Any] = {}
    bitext = Path(data_dir) / "bitext" / "dev.jsonl"
    if bitext.exists():
        rows = [json.loads(line) for line in bitext.open(encoding="utf-8") if line.strip()]
        rows = [r for r in rows if r["intent"] in BITEXT_ARTICLES][:limit]
        hits = sum(kb.search(r["text"], k=1)[0][0].source_id == BITEXT_ARTICLES[r["intent"]] for r in rows)
        out["bitext_top1"], out["bitext_n"] = round(hits / len(rows), 4), len(rows)
    clinc = Path(data_dir) / "clinc150" / "dev.jsonl"
    if clinc.exists():
        rows = [json.loads(line) for line in clinc.open(encoding="utf-8") if line.strip()]
        rows = [r for r in rows if r["intent"] == "oos"][:limit]
        rejected = sum(kb.answer(r["text"]) is None for r in rows)
        out["clinc_oos_rejected"], out["clinc_oos_n"] = round(rejected / len(rows), 4), len(rows)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="knowledge-base retrieval figures")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--data", type=Path, default=None, help="shared data dir for the external check")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory():
        kb = _throwaway_kb()
        hybrid = score_kb(kb)
        vector = score_kb(kb, keyword_weight=0.0)
        keyword = score_kb(kb, keyword_weight=1.0)
        external = score_external(args.data, kb) if args.data else {}
    out: dict[str, Any] = {"hybrid": hybrid, "vector_only": vector, "keyword_only": keyword}
    if args.json:
        print(json.dumps(out | {"external": external}, indent=2))
    else:
        for name, r in out.items():
            print(
                f"{name:12s} top1={r['top1']:.3f} top3={r['top3']:.3f} answer={r['answer_accuracy']:.3f} "
                f"oos_rejected={r['oos_rejected']:.3f} n={r['n']} oos_n={r['oos_n']}"
            )
        if external:
            print("external", json.dumps(external))
        for m in hybrid["misses"]:
            print(f"  miss: {m['q']!r} expected {m['expected']} got {m['got']} ({m['score']})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
