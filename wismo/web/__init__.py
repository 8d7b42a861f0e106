"""Static pages: the chat widget, the agent inbox and the ops dashboard."""
