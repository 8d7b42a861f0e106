"""wismo: an open conversational agent for post-purchase support ("Where is my order?")."""

__version__ = "0.1.0"
