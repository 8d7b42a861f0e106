"""The conversation graph, wired top to bottom.

screen -> understand -> authorize -> act -> compose -> check -> reply
                                      |                  |
                                      +---> handoff <----+
"""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from . import nodes
from .deps import Turn
from .state import TurnState


def build_graph(checkpointer: BaseCheckpointSaver | None = None) -> CompiledStateGraph:
    g = StateGraph(TurnState, context_schema=Turn)
    g.add_node("screen", nodes.screen)
    g.add_node("understand", nodes.understand)
    g.add_node("authorize", nodes.authorize)
    g.add_node("act", nodes.act)
    g.add_node("compose", nodes.compose)
    g.add_node("check", nodes.check)
    g.add_node("handoff", nodes.handoff)
    g.add_node("reply", nodes.reply)

    g.add_edge(START, "screen")
    g.add_edge("screen", "understand")
    g.add_edge("understand", "authorize")
    g.add_edge("authorize", "act")
    g.add_conditional_edges("act", nodes.after_act, {"handoff": "handoff", "compose": "compose"})
    g.add_edge("compose", "check")
    g.add_conditional_edges("check", nodes.after_check, {"handoff": "handoff", "reply": "reply"})
    g.add_edge("handoff", "reply")
    g.add_edge("reply", END)
    return g.compile(checkpointer=checkpointer)
