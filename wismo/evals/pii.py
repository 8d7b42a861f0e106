"""PII guardrail evaluation: how much PII leaks, how many order/tracking numbers survive, how fast.

Leak metric (the issue's): a gold span whose value still appears verbatim in the redacted text
leaked. Strict types are pooled; street addresses have their own goal. The keep set is ours
(`data/wismo_keep.jsonl`): WISMO messages whose order and tracking numbers must stay intact.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from pathlib import Path

STRICT_TYPES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
)
ADDRESS_TYPE = "STREET_ADDRESS"
#: Goals from the issue.
GOALS = {"strict_leak_rate": 0.02, "address_leak_rate": 0.05, "keep_rate": 0.99, "p50_ms": 10.0}
KEEP_SET = Path(__file__).resolve().parent / "data" / "wismo_keep.jsonl"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def score_pii(path: Path, redactor) -> dict:
    """Leak rates per gold type on a presidio-research style file ({full_text, spans})."""
    redactor.redact("warm up: Jane Doe, 12 Main Street")
    totals: Counter[str] = Counter()
    leaks: Counter[str] = Counter()
    times: list[float] = []
    examples: list[dict] = []
    for row in _rows(path):
        text = row["full_text"]
        t0 = time.perf_counter()
        redacted = redactor.redact(text).text
        times.append((time.perf_counter() - t0) * 1000)
        for span in row["spans"]:
            etype, value = span["entity_type"], span["entity_value"]
            totals[etype] += 1
            if value.strip() and value in redacted:
                leaks[etype] += 1
                if etype in STRICT_TYPES or etype == ADDRESS_TYPE:
                    examples.append({"type": etype, "value": value, "redacted": redacted[:160]})
    per_type = {
        t: {"n": totals[t], "leaked": leaks[t], "leak_rate": round(leaks[t] / totals[t], 4)} for t in sorted(totals)
    }
    strict_n = sum(totals[t] for t in STRICT_TYPES)
    strict_leaks = sum(leaks[t] for t in STRICT_TYPES)
    return {
        "messages": len(times),
        "per_type": per_type,
        "strict_n": strict_n,
        "strict_leaked": strict_leaks,
        "strict_leak_rate": round(strict_leaks / strict_n, 4) if strict_n else 0.0,
        "address_n": totals[ADDRESS_TYPE],
        "address_leaked": leaks[ADDRESS_TYPE],
        "address_leak_rate": round(leaks[ADDRESS_TYPE] / totals[ADDRESS_TYPE], 4) if totals[ADDRESS_TYPE] else 0.0,
        "p50_ms": round(statistics.median(times), 2) if times else 0.0,
        "p95_ms": round(_percentile(times, 0.95), 2),
        "leak_examples": examples,
    }


def score_keep(path: Path, redactor) -> dict:
    """Share of order/tracking numbers ({"text", "keep": [...]}) still verbatim after redaction."""
    total = kept = 0
    lost: list[dict] = []
    for row in _rows(path):
        redacted = redactor.redact(row["text"]).text
        for value in row["keep"]:
            total += 1
            if value in redacted:
                kept += 1
            else:
                lost.append({"value": value, "redacted": redacted})
    return {"n": total, "kept": kept, "keep_rate": round(kept / total, 4) if total else 1.0, "lost": lost}


def run(data_dir: Path) -> dict:
    """Both scores: the PII file under `data_dir` (pii/dev.jsonl) when present, and our keep set."""
    from ..guardrails.pii import get_redactor

    redactor = get_redactor()
    report: dict = {"goals": GOALS, "keep": score_keep(KEEP_SET, redactor)}
    pii_file = Path(data_dir) / "pii" / "dev.jsonl"
    if pii_file.exists():
        report["pii"] = score_pii(pii_file, redactor)
    else:
        report["pii"] = {"skipped": f"{pii_file} not found"}
    pii = report["pii"]
    report["passed"] = {
        "keep_rate": report["keep"]["keep_rate"] >= GOALS["keep_rate"],
        **(
            {
                "strict_leak_rate": pii["strict_leak_rate"] <= GOALS["strict_leak_rate"],
                "address_leak_rate": pii["address_leak_rate"] <= GOALS["address_leak_rate"],
                "p50_ms": pii["p50_ms"] <= GOALS["p50_ms"],
            }
            if "skipped" not in pii
            else {}
        ),
    }
    return report


if __name__ == "__main__":  # python -m wismo.evals.pii [DATA_DIR]
    import sys

    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2].parent / "shared" / "data"
    out = run(data)
    for key in ("pii", "keep"):
        section = dict(out[key])
        section.pop("leak_examples", None)
        section.pop("lost", None)
        out[key] = section
    print(json.dumps(out, indent=2))
