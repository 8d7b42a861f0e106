"""Fuzzing the text pipeline: entity extraction, the NLU and (as a black box) the redactor.

Invariants: no exception on any text; outputs keep their contracts; a planted email never survives
redaction.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wismo.agent.entities import extract_entities
from wismo.agent.nlu import INTENTS, understand
from wismo.guardrails.pii import get_redactor

from .fuzzing import examples, text

KEYS = {"order_number", "tracking_number", "email", "postal_code"}


@examples(300)
@given(text)
def test_entity_extraction_takes_any_text(s):
    found = extract_entities(s)
    assert set(found) <= KEYS
    for values in found.values():
        assert values and len(values) == len(set(values)) and all(isinstance(v, str) and v for v in values)


@examples(200)
@given(text)
def test_the_nlu_takes_any_text(s):
    u = understand(s)
    assert u.intent in INTENTS and 0.0 <= u.confidence <= 1.0
    assert set(u.entities) <= KEYS


local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=2, max_size=12)
emails = st.builds(lambda a, b: f"{a}.{b}@example.org", local, local)
around = st.sampled_from([(" ", " "), ("\n", "\n"), (", ", ", "), (" (", ") "), (": ", ". "), ("\t", "\t")])


@examples(60)
@given(text, emails, text, around)
def test_the_redactor_never_lets_a_planted_email_through(before, email, after, sep):
    message = f"{before}{sep[0]}{email}{sep[1]}{after}"
    redacted = get_redactor().redact(message)
    assert email not in redacted.text and email.upper() not in redacted.text.upper()
