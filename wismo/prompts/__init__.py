"""Prompts, response templates, policies and seasonal phrasing: data, not code."""
