"""The agent: understanding (NLU), dialogue policy and the LangGraph turn graph."""
