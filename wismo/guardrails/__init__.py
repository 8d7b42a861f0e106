"""Guardrails around every turn: PII redaction and its vault, access control, grounding checks."""
