"""The PII guardrail's goals from the issue, measured on the real data (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wismo.evals.pii import (
    GOALS,
    KEEP_SET,
    pathological_inputs,
    run,
    score_keep,
    score_ordinary,
    score_pii,
    score_set,
)
from wismo.guardrails.pii import Redactor

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PII_DEV = DATA / "pii" / "dev.jsonl"


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_keep_set_is_ours_and_big_enough():
    rows = KEEP_SET.read_text(encoding="utf-8").splitlines()
    assert len(rows) >= 150


def test_order_and_tracking_numbers_are_kept(redactor):
    result = score_keep(KEEP_SET, redactor)
    assert result["keep_rate"] >= GOALS["keep_rate"], result["lost"][:5]


@pytest.fixture(scope="module")
def pii_scores(redactor) -> dict:
    if not PII_DEV.exists():
        pytest.skip(f"evaluation data not found at {PII_DEV} (shared data is not shipped with the package)")
    return score_pii(PII_DEV, redactor)


def test_strict_types_rarely_leak(pii_scores):
    assert pii_scores["strict_leak_rate"] <= GOALS["strict_leak_rate"], pii_scores["leak_examples"][:5]


def test_street_addresses_rarely_leak(pii_scores):
    assert pii_scores["address_leak_rate"] <= GOALS["address_leak_rate"], pii_scores["leak_examples"][:5]


def test_every_strict_type_is_covered(pii_scores):
    for etype in ("EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "PHONE_NUMBER"):
        assert pii_scores["per_type"][etype]["leak_rate"] <= 0.05, etype


def test_run_without_data_reports_the_keep_score_and_the_worst_case(tmp_path):
    report = run(tmp_path, synth_dir=tmp_path)
    assert "skipped" in report["sets"]["presidio-research dev"]
    assert "skipped" in report["sets"]["synthetic dev"]
    assert "synthetic holdout" not in report["sets"]  # read only when asked for
    assert report["passed"]["keep_rate"] is True
    assert report["worst_case"]["slowest"] in pathological_inputs()


def test_sets_are_scored_per_language(tmp_path, redactor):
    rows = [
        {
            "full_text": "Ich heiße Lieselotte Wagner, meine Nummer: 0351 4427719",
            "language": "de",
            "spans": [
                {"entity_type": "PERSON", "entity_value": "Lieselotte Wagner"},
                {"entity_type": "PHONE_NUMBER", "entity_value": "0351 4427719"},
            ],
            "keep": [],
        },
        {
            "full_text": "Where is #WS10042? Tracking 1Z999AA10123456784",
            "language": "en",
            "spans": [],
            "keep": [{"entity_type": "ORDER_NUMBER", "entity_value": "#WS10042"}, "1Z999AA10123456784"],
        },
    ]
    report = score_set(rows, redactor)
    assert report["de"]["strict_n"] == 2 and report["de"]["strict_leaked"] == 0
    assert report["en"]["keep_rate"] == 1.0 and report["all"]["messages"] == 2
    ordinary = score_ordinary([{"full_text": "Wann kommt mein Paket an?", "language": "de"}], redactor)
    assert ordinary["de"] == {"words": 5, "redacted": 0, "rate": 0.0}


def test_the_synthetic_dev_set_stays_where_it_was_tuned(redactor):
    """A regression guard on the set the redactor was tuned on (the holdout is scored by the eval
    command only, once): overall strict leaks, kept values and over-redaction."""
    from wismo.evals.pii import SYNTH_DIR, _rows

    dev = score_set(_rows(SYNTH_DIR / "dev.jsonl")[::3], redactor)["all"]  # a third of it: seconds, not a minute
    assert dev["strict_leak_rate"] <= GOALS["strict_leak_rate"], dev["per_type"]
    assert dev["address_leak_rate"] <= GOALS["address_leak_rate"]
    assert dev["keep_rate"] >= GOALS["keep_rate"]
    ordinary = score_ordinary(_rows(SYNTH_DIR / "ordinary_dev.jsonl")[::3], redactor)["all"]
    assert ordinary["rate"] < GOALS["ordinary_redacted_rate"]
