"""Evaluations: scoring wismo against external datasets and scenario suites."""
