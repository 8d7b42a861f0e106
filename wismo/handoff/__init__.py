"""Escalation to people: the case package, the agent inbox and helpdesk sinks."""
