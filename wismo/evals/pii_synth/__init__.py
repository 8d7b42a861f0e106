"""A synthetic, multilingual PII evaluation set that a redactor cannot be tuned on by accident.

Customer chat messages to an online shop in English, Spanish, French, German and Portuguese, made
from our own templates and Faker values across eight locales, in presidio-research's format: gold PII
spans, plus the order numbers, tracking numbers and postal codes that must survive redaction, and a
separate set of ordinary sentences for measuring over-redaction. Split by template and by seed into
dev (tune on it) and holdout (look at it once). `python -m wismo.evals.pii_synth --help` regenerates it.
"""

from __future__ import annotations

from pathlib import Path

from .generator import generate_all, generate_ordinary, generate_pii
from .stats import count, words_changed

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "pii_synth"
#: The seed of the committed files.
DEFAULT_SEED = 16
#: Seed, Faker version and counts of a generated set, written beside its files.
MANIFEST = "manifest.json"

__all__ = [
    "DATA_DIR",
    "DEFAULT_SEED",
    "MANIFEST",
    "count",
    "generate_all",
    "generate_ordinary",
    "generate_pii",
    "words_changed",
]
