"""The answer to a delivery problem once problems.py has said which one (damaged, wrong or missing item, not
received, redelivery, address change, cancellation, refund demand): its flow on the order in focus, and what
the box holds ("is the shirt in that box too?") before an item is called missing.

A problem that needs no order goes back to `Dialogue.by_intent`, the rules read by intent."""

from __future__ import annotations

import re

from ..tools import knowledge
from ..tools import tracking as tracking_tool
from ..tools.evidence import ToolRefused
from . import cues, focus, problems
from .order_answers import OrderAnswers
from .policy import TALK_TO_PERSON, plan


class ProblemAnswers(OrderAnswers):
    def problem(self, problem: str) -> dict:
        self.out["intent"] = "change_order" if problem in ("cancel", "address_change") else "delivery_issue"
        if problem not in problems.NEEDS_ORDER:
            return self.by_intent()
        if not self.focus:
            if problem in ("cancel", "address_change") and not self.ents and not self.state.get("pending_order"):
                # What the shop allows, then the order to act on.
                fact = knowledge.article("policy:orders#changes").fact()
                p = plan("policy_then_ask", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
                return self.answer([fact], p, pending_intent="delivery_issue", problem=problem, awaiting="order")
            return self.ask_for_order("delivery_issue", problem=problem)
        ctx = self.ctx()
        try:
            trackings = self.policy.trackings(ctx, self.focus)
        except ToolRefused:
            return self.handoff("tool_failure")
        if not trackings:
            reason = problems.REASON.get(problem)
            return self.handoff(reason) if reason else self.answer([], plan("policy_unknown", quick=[TALK_TO_PERSON]))
        main = trackings[-1]
        if problem == "not_received" and main.status in problems.STUCK and problems.demands_money(self.text):
            # "i never got it. i want it sent again or my money back" on a parcel that stopped: the demand.
            problem = "refund_demand"
        if problem == "refund_demand" and main.status in problems.RETURNABLE:
            self.out["intent"] = "start_return"
            return self.order_turn("start_return")  # a refund for what arrived is a return
        evidence = list(main.facts)
        if problem == "missing_item" and self.state.get("problem") != "missing_item":
            # The first word of a missing item: whether anything else is on its way, and a person offered.
            evidence, p = problems.missing_first(main, evidence, parcels=len(trackings))
            offer = {"kind": "offer_person", "reason": "missing_item"}
            return self.answer(
                evidence, p, problem=problem, pending_action=offer, last_intent=self.out["intent"], pending_intent=None
            )
        evidence, p = problems.problem_plan(problem, main, evidence)
        if problem in ("cancel", "address_change") and "handoff" in p and cues.any_of(cues.HYPOTHETICAL, self.text):
            # "and if it won't make it, could I just cancel it?": the written answer, and a person on a yes.
            offer = {"kind": "offer_person", "reason": p.pop("handoff")}
            return self.answer(evidence, p, problem=None, pending_action=offer, last_intent=self.out["intent"])
        insists = self.state.get("problem") == "refund_demand" or cues.any_of(cues.INSIST, self.text)
        if problem == "refund_demand" and "handoff" not in p and insists:
            # The written answer ("refunded once it is back with us") was given or is refused
            # ("I want it today, not whenever it gets back"): a person decides.
            p["handoff"] = "refund_request"
        if "handoff" in p:
            out = self.handoff(p.pop("handoff"), preamble=p, evidence=evidence)
            return out | {"last_intent": self.out["intent"]}
        return self.answer(evidence, p, problem=problem, last_intent=self.out["intent"], pending_intent=None)

    def which_order_holds(self) -> dict | None:
        """ "which one has the Flannel Shirt in it?" with several orders proved: the one whose items the
        message names (it becomes the order in focus), with what it holds; None when no single one does."""
        verified = focus.verified_list(dict(self.state))
        if len(verified) < 2:
            return None
        words = set(re.findall(r"[a-z]{4,}", cues.fold(self.text)))
        ctx = self.ctx()
        scores: dict[str, int] = {}
        for key in verified:
            try:
                items = tracking_tool.order_items(ctx, key)
            except ToolRefused:
                continue
            scores[key] = len(words & set(re.findall(r"[a-z]{4,}", cues.fold(items.values["items"]))))
        best = max(scores.values(), default=0)
        holders = [key for key, score in scores.items() if score == best]
        if best == 0 or len(holders) != 1:
            return None
        return self.contents(holders[0]) | {"verified_order": holders[0]}

    def contents(self, order_key: str | None = None) -> dict:
        """What the order in focus (or `order_key`) holds, and whether it all ships in the one parcel."""
        ctx = self.ctx()
        key = order_key or self.focus or ""
        try:
            items = tracking_tool.order_items(ctx, key)
            parcels = items.values["parcels"]
            trackings = self.policy.trackings(ctx, key) if parcels == 1 else []
        except ToolRefused:
            return self.handoff("tool_failure")
        self.out["intent"] = "order_status"
        fields = {k: items.values[k] for k in ("order_number", "items")}
        if trackings:
            main = f"shipment:{trackings[0].shipment.tracking_number}"
            ship = next(f for f in trackings[0].facts if f.source_id == main)
            fields |= {"carrier": ship.values["carrier"], "tracking_number": ship.values["tracking_number"]}
            return self.answer([items, ship], plan("order_contents_one", [items, ship], [TALK_TO_PERSON], **fields))
        p = plan("order_contents_split", [items], [TALK_TO_PERSON], parcels=str(parcels), **fields)
        return self.answer([items], p)
