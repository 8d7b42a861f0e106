r"""The conversation graph, wired top to bottom.

    screen -> understand -> (read) -> authorize -> act -> compose -> (write) -> check -> reply
                                                    \                            |
                                                     +------> handoff <----------+

`act` is the dialogue (the local engine's plan) with either engine: verification, the focus order,
tools and confirmations never depend on a model. With the openai engine the model only `read`s an
unsure message and `write`s the planned answer; both fall back to the local engine (see llm.py).
With the local engine the two model steps are not on the path at all (each step costs LangGraph
bookkeeping even when it does nothing).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from ..i18n import formats
from . import llm, nodes
from .deps import Turn
from .state import TurnState


def timed(name: str, fn: Callable) -> Callable:
    """Record each node's time in the turn's context (for the guardrail overhead figures), and set
    the turn's language for the node."""

    def run(state: TurnState, runtime: Runtime[Turn]) -> dict:
        t = time.perf_counter()
        # Every node writes and checks in the conversation's language (see wismo.i18n.formats).
        formats.set_language(state.get("lang"))
        try:
            return fn(state, runtime)
        finally:
            timings = runtime.context.timings
            timings[name] = timings.get(name, 0.0) + (time.perf_counter() - t) * 1000

    run.__name__ = name
    return run


def build_graph(checkpointer: BaseCheckpointSaver | None = None) -> CompiledStateGraph:
    g = StateGraph(TurnState, context_schema=Turn)
    g.add_node("screen", timed("screen", nodes.screen))
    g.add_node("understand", timed("understand", nodes.understand))
    g.add_node("authorize", timed("authorize", nodes.authorize))
    g.add_node("read", timed("read", llm.read))
    g.add_node("act", timed("act", nodes.act))
    g.add_node("compose", timed("compose", nodes.compose))
    g.add_node("write", timed("write", llm.write))
    g.add_node("check", timed("check", nodes.check))
    g.add_node("handoff", timed("handoff", nodes.handoff))
    g.add_node("reply", timed("reply", nodes.reply))

    g.add_edge(START, "screen")
    g.add_edge("screen", "understand")
    g.add_conditional_edges("understand", nodes.with_model("read", "authorize"), ["read", "authorize"])
    g.add_edge("read", "authorize")
    g.add_edge("authorize", "act")
    g.add_conditional_edges("act", nodes.after_act, {"handoff": "handoff", "compose": "compose"})
    g.add_conditional_edges("compose", nodes.with_model("write", "check"), ["write", "check"])
    g.add_edge("write", "check")
    g.add_conditional_edges("check", nodes.after_check, {"handoff": "handoff", "reply": "reply"})
    g.add_edge("handoff", "reply")
    g.add_edge("reply", END)
    return g.compile(checkpointer=checkpointer)
