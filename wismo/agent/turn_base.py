"""The part every piece of a turn's dialogue shares: the message and its reading, the order in focus,
the tool context, and the two ways a turn ends (an answer with its evidence, or a person)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..tools.context import ToolContext
from . import cues, focus, nlu
from .deps import Turn
from .policy import EXPLAINED, TALK_TO_PERSON, LocalPolicy, plan
from .state import TurnState

#: How much of the customer's words a waiting request keeps (the latest ones).
_REQUEST_CHARS = 600
#: The written answer that presumes a delivered parcel.
_NOT_RECEIVED = "policy:delivery#not-received"


class DialogueBase:
    """What every part of a turn's dialogue reads and how it answers: the turn's message, its reading,
    the order in focus, and the state changes it returns."""

    def __init__(self, state: TurnState, turn: Turn) -> None:
        self.state = state
        self.turn = turn
        self.svc = turn.services
        self.settings = turn.services.settings
        self.text: str = state.get("text", "")
        self.intent: str = state.get("intent", "out_of_scope")
        self.confidence = float(state.get("confidence", 0.0))
        self.ents: dict[str, list[str]] = state.get("entities") or {}
        self.auth: str = state.get("auth", "none")
        self.out: dict[str, Any] = {"not_understood": 0}
        #: Lookups a turn may need from several of its readings, made once (see status_at_point).
        self._looked_up: dict[str, Any] = {}
        self.policy = LocalPolicy(turn.services.eta)
        self.threshold = self.settings.confidence_threshold
        #: The other requests of a multi-part message: (clause, reading).
        self.extras: list[tuple[str, Any]] = []
        #: The part of a multi-part message that leads (see OrderAnswers.split), with its reading.
        self.lead: tuple[str, Any] | None = None
        #: One of the orders discussed, pointed at without its number ("the first one"; see Dialogue.run).
        self.pointed_at: str | None = None

    # ------------------------------------------------------------------ helpers
    @property
    def focus(self) -> str | None:
        """The order this turn is about (the authorize step may have just moved it)."""
        return self.state.get("verified_order")

    @property
    def request_text(self) -> str:
        """The words of the request that waits for the order's details (its item, size, option), or this
        message when none waits: kept, not replaced, while the customer asks around it."""
        return self.state.get("pending_text") or self.text

    @property
    def request_so_far(self) -> str:
        """The words of every message since the order was first asked for ("the Chelsea Boots are HUGE"
        ... "can I get a size smaller"): the item of one and the size of the other make one request."""
        prior = self.state.get("pending_text") if self.state.get("awaiting") else None
        if not prior or cues.fold(prior) in cues.fold(self.text):
            return self.text
        return f"{prior} {self.text}"[-_REQUEST_CHARS:]

    @property
    def gift(self) -> bool:
        """The customer said they received the order as a gift, in this message or an earlier one."""
        return bool(self.state.get("gift_received")) or bool(cues.RECEIVED_GIFT.search(cues.fold(self.text)))

    @property
    def asks_when_refunded(self) -> bool:
        """ "when does the refund of #WS10110 come?" with an order on hand and no return asked for."""
        on_hand = self.focus or self.ents.get("order_number")
        return (
            bool(on_hand) and cues.any_of(cues.REFUND_WHEN, self.text) and not cues.any_of(cues.WANTS_RETURN, self.text)
        )

    @property
    def asks_after_refund(self) -> bool:
        """ "where's my refund?", "when does the refund of #WS10110 come?": the return's own record
        answers, never a new return."""
        return cues.any_of(cues.REFUND_STATUS, self.text) or self.asks_when_refunded

    @cached_property
    def parts(self) -> list[tuple[str, Any]]:
        """The separate requests of a multi-part message with their readings, read once a turn; empty
        when the message asks one thing (see cues.clauses)."""
        clauses = cues.clauses(self.text)
        return [(part, nlu.understand(part)) for part in clauses] if len(clauses) >= 2 else []

    def ctx(self) -> ToolContext:
        verified = frozenset(focus.verified_list(dict(self.state)))
        return ToolContext(self.svc.store, self.state["conversation_id"], self.focus, self.turn.now, verified)

    def shipment_status(self, order_key: str) -> str | None:
        """The status of a verified order's latest parcel ("the missed one" is the attempted delivery)."""
        order = self.svc.store.order(order_key)
        ships = self.svc.store.shipments(order.id or 0) if order else []
        return str(ships[-1].status) if ships else None

    def another_status(self, fact: Any, order_key: str | None) -> bool:
        """A written answer that explains a carrier status the order is not in ("out for delivery means it
        comes today" beside a parcel in transit): said there, it would state a false status."""
        source = str(getattr(fact, "source_id", ""))
        if not order_key or not (source.startswith("policy:carrier#") or source == _NOT_RECEIVED):
            return False
        status = self.shipment_status(order_key)
        if source == _NOT_RECEIVED:  # "tracking says delivered but...": only for a delivered parcel
            return status is not None and status != "delivered"
        return status is not None and EXPLAINED.get(status) != source

    def handoff(self, reason: str, preamble: dict | None = None, evidence: list | None = None) -> dict:
        """Bring in a person; `preamble` is a plan whose answer goes first (what we know)."""
        p = dict(preamble) if preamble else {}
        p["handoff"] = reason
        out = self.out | {"plan": p, "unresolved": reason, "problem": None}
        if evidence is not None:
            out["evidence"] = evidence
        return out

    def decline(self, template: str) -> dict:
        """Say no to a request we must not or cannot do, and what we can do instead. Asked again, the
        no comes in other words (see compose); a person is one tap away but never forced on a request
        nobody on the team would do either (a poem, the weather, the system prompt)."""
        self.out["intent"] = "out_of_scope"
        return self.out | {
            "last_intent": "out_of_scope",
            "plan": plan(template, quick=["Track my order", TALK_TO_PERSON]),
            "unresolved": "out_of_scope",
        }

    def answer(self, evidence: list, p: dict, **memory: Any) -> dict:
        if self.auth == "verified" and any(getattr(f, "kind", None) == "order" for f in evidence):
            p = p | {"verified_prefix": True}  # the turn that proved the order says so before its answer
        return self.out | {"evidence": evidence, "plan": p} | memory
