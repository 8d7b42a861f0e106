"""Scoring the intent classifier against external, human-written datasets (Bitext, CLINC150).

Why: our training examples are our own; these sets are someone else's wording, so they show how
the classifier holds up on phrasing we did not write. Their labels are not ours, so
`intent_mapping.json` lists which wismo intents are acceptable for each source label (CLINC labels
not listed fall under "*"). A prediction is correct when it is in that list.

Goals (checked by tests/test_intent_eval.py and reported by `run`):
- Bitext: acceptable-intent accuracy >= 0.95.
- CLINC150: order_status recall >= 0.95, and at most 0.5% of the other utterances routed to a
  WISMO intent (a false order lookup is the costly mistake).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

GOALS = {"bitext_accuracy": 0.95, "clinc_order_status_recall": 0.95, "clinc_false_wismo_rate": 0.005}


class _Classifier(Protocol):
    def classify(self, text: str) -> Any: ...


def load_mapping(path: Path) -> dict[str, Any]:
    """The intent mapping file (`intent_mapping.json`)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _rows(path: Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _mapping_for(path: Path, mapping: dict[str, Any] | None) -> dict[str, Any]:
    # dataset files live in <data>/<source>/dev.jsonl, the mapping in <data>/intent_mapping.json
    return mapping if mapping is not None else load_mapping(Path(path).resolve().parent.parent / "intent_mapping.json")


def _predict(rows: Iterable[dict[str, Any]], classifier: _Classifier) -> tuple[list[str], float]:
    texts = [row["text"] for row in rows]
    start = time.perf_counter()
    predicted = [classifier.classify(text).intent for text in texts]
    elapsed = time.perf_counter() - start
    return predicted, 1000.0 * elapsed / max(1, len(texts))


def _confusions(labels: list[str], predicted: list[str], ok: list[bool]) -> dict[str, dict[str, int]]:
    """For each source label with mistakes: how its wrong predictions were spread."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for label, guess, correct in zip(labels, predicted, ok, strict=True):
        if not correct:
            table[label][guess] += 1
    return {label: dict(counts.most_common()) for label, counts in sorted(table.items())}


def _examples(rows: list[dict[str, Any]], predicted: list[str], ok: list[bool], limit: int) -> list[dict]:
    misses = [
        {"text": row["text"], "label": row["intent"], "predicted": guess}
        for row, guess, correct in zip(rows, predicted, ok, strict=True)
        if not correct
    ]
    return misses[:limit]


def score_bitext(
    path: Path, classifier: _Classifier, mapping: dict[str, Any] | None = None, *, misses: int = 0
) -> dict[str, Any]:
    """Acceptable-intent accuracy on Bitext customer-service utterances, with per-label confusions."""
    table = _mapping_for(path, mapping)["bitext"]
    rows = [row for row in _rows(path) if row["intent"] in table]
    predicted, ms = _predict(rows, classifier)
    labels = [row["intent"] for row in rows]
    ok = [guess in table[label] for label, guess in zip(labels, predicted, strict=True)]
    per_label: dict[str, dict[str, float]] = {}
    for label in sorted(set(labels)):
        hits = [correct for lab, correct in zip(labels, ok, strict=True) if lab == label]
        per_label[label] = {"count": len(hits), "accuracy": round(sum(hits) / len(hits), 4)}
    result: dict[str, Any] = {
        "count": len(rows),
        "correct": sum(ok),
        "accuracy": round(sum(ok) / max(1, len(rows)), 4),
        "per_label": per_label,
        "confusions": _confusions(labels, predicted, ok),
        "predicted_counts": dict(Counter(predicted).most_common()),
        "ms_per_utterance": round(ms, 4),
    }
    if misses:
        result["misses"] = _examples(rows, predicted, ok, misses)
    return result


def score_clinc(
    path: Path, classifier: _Classifier, mapping: dict[str, Any] | None = None, *, misses: int = 0
) -> dict[str, Any]:
    """order_status recall and false WISMO routing on CLINC150 (150 intents + out-of-scope)."""
    full = _mapping_for(path, mapping)
    table, wismo = full["clinc150"], set(full["wismo_intents"])
    rows = _rows(path)
    predicted, ms = _predict(rows, classifier)
    labels = [row["intent"] for row in rows]
    ok = [guess in table.get(label, table["*"]) for label, guess in zip(labels, predicted, strict=True)]
    order = [guess for label, guess in zip(labels, predicted, strict=True) if label == "order_status"]
    others = [(label, guess) for label, guess in zip(labels, predicted, strict=True) if label != "order_status"]
    false_wismo = [(label, guess) for label, guess in others if guess in wismo]
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    for label, guess in false_wismo:
        by_label[label][guess] += 1
    result: dict[str, Any] = {
        "count": len(rows),
        "accuracy": round(sum(ok) / max(1, len(rows)), 4),
        "order_status_count": len(order),
        "order_status_recall": round(order.count("order_status") / max(1, len(order)), 4),
        "order_status_predicted": dict(Counter(order).most_common()),
        "non_order_count": len(others),
        "false_wismo": len(false_wismo),
        "false_wismo_rate": round(len(false_wismo) / max(1, len(others)), 5),
        "false_wismo_by_label": {
            label: dict(counts) for label, counts in sorted(by_label.items(), key=lambda kv: -sum(kv[1].values()))
        },
        "confusions": _confusions(labels, predicted, ok),
        "ms_per_utterance": round(ms, 4),
    }
    if misses:
        wrong = [
            (row, guess)
            for row, guess in zip(rows, predicted, strict=True)
            if (row["intent"] == "order_status") != (guess == "order_status")
            or (row["intent"] != "order_status" and guess in wismo)
        ]
        result["misses"] = [{"text": r["text"], "label": r["intent"], "predicted": g} for r, g in wrong[:misses]]
    return result


def run(data_dir: Path, classifier: _Classifier | None = None, *, misses: int = 0) -> dict[str, Any]:
    """Score both datasets found under `data_dir`; sets that are absent are reported as skipped."""
    if classifier is None:
        from wismo.agent.nlu import get_classifier

        start = time.perf_counter()
        classifier = get_classifier()
        train_s = time.perf_counter() - start
    else:
        train_s = 0.0
    data_dir = Path(data_dir)
    mapping_path = data_dir / "intent_mapping.json"
    if not mapping_path.exists():
        return {"skipped": f"no intent mapping at {mapping_path}"}
    mapping = load_mapping(mapping_path)
    report: dict[str, Any] = {"train_seconds": round(train_s, 3), "goals": {}}
    bitext = data_dir / "bitext" / "dev.jsonl"
    clinc = data_dir / "clinc150" / "dev.jsonl"
    if bitext.exists():
        report["bitext"] = score_bitext(bitext, classifier, mapping, misses=misses)
        report["goals"]["bitext_accuracy"] = report["bitext"]["accuracy"] >= GOALS["bitext_accuracy"]
    else:
        report["bitext"] = {"skipped": f"missing {bitext}"}
    if clinc.exists():
        report["clinc150"] = score_clinc(clinc, classifier, mapping, misses=misses)
        c = report["clinc150"]
        report["goals"]["clinc_order_status_recall"] = c["order_status_recall"] >= GOALS["clinc_order_status_recall"]
        report["goals"]["clinc_false_wismo_rate"] = c["false_wismo_rate"] <= GOALS["clinc_false_wismo_rate"]
    else:
        report["clinc150"] = {"skipped": f"missing {clinc}"}
    return report


def main(argv: list[str] | None = None) -> int:
    """`python -m wismo.evals.intents [DATA_DIR] [--misses N]`: print the report as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(Path.cwd().parent / "shared" / "data"))
    parser.add_argument("--misses", type=int, default=0, help="include up to N misclassified examples")
    args = parser.parse_args(argv)
    report = run(Path(args.data_dir), misses=args.misses)
    json.dump(report, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0 if all(report.get("goals", {}).values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
