"""The PII guardrail's goals from the issue, measured on the real data (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wismo.evals.pii import GOALS, KEEP_SET, run, score_keep, score_pii
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


def test_run_without_pii_data_reports_the_keep_score(tmp_path):
    report = run(tmp_path)
    assert "skipped" in report["pii"]
    assert report["passed"] == {"keep_rate": True}
