"""Static pages and their templates: the chat widget, the tracking page, the agent inbox and the ops
dashboard."""
