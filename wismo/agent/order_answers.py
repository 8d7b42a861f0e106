"""Answers about an order: the focus order's status, problem or return, the other orders named in
the same message, a tracking number only, and asking for what is missing (the order, the email or
ZIP) before anything about an order is said."""

from __future__ import annotations

import re
from typing import Any

from ..tools import knowledge, offers
from ..tools.context import ToolContext
from ..tools.evidence import ToolRefused
from . import actions, cues, focus, problems, topic_words, topics
from .followup import is_followup, only_details
from .policy import NEEDS_ORDER, TALK_TO_PERSON, plan, then_written, written_facts
from .written import WrittenAnswers, request_article

#: Knowledge-base match at which a first question with no order is read as a policy question.
STRONG_POLICY_SCORE = 0.6
#: A question about an order not yet placed ("how long until it ships after I order?"): no order
#: number can answer it, the written policy can.
_NOT_YET_ORDERED = re.compile(
    r"\b(?:after|once|when|if|before)\s+(?:i|we|you)\s+(?:place|make|submit|buy|order|purchase|check\s*out)\b"
    r"|\bafter\s+(?:ordering|checkout|checking\s+out|purchase|purchasing|buying|placing)\b"
    r"|\bsi\s+(?:pido|compro|hago el pedido|encargo)\b|\bsi\s+je\s+commande\b|\bwenn\s+ich\b.{0,40}\bbestelle\b"
    r"|\bse\s+eu\s+(?:pedir|comprar|encomendar)\b"
    r"|\bif\s+(?:i|we)\s+(?:order|buy|place\s+(?:it|the\s+order))\s+(?:it\s+)?(?:tonight|today|now|tomorrow|this\s+\w+)\b",
    re.I,
)


def display(key: str) -> str:
    return f"#{key}" if not key.startswith("#") else key


#: Written answers a return proposal leaves open, said after it ("is it free?", "can I bring it to a store?").
WITH_A_PROPOSAL = frozenset({"return_cost", "exchange_timing", "refund_timing", "return_in_store"})


class OrderAnswers(WrittenAnswers):
    def split(self) -> list[tuple[str, Any]]:
        """The message's separate requests with their readings; the first actionable one leads."""
        read = self.parts
        if not read:
            return []
        actionable = [
            (part, u)
            for part, u in read
            if u.confidence >= self.threshold
            and u.intent in (*NEEDS_ORDER, "policy_question", "change_order")
            and not only_details(part, u.entities)
        ]
        if not actionable:
            return []
        lead = actionable[0]
        story = lead[1].intent == "policy_question" and "?" not in lead[0] and not cues.asks_something(lead[0])
        asked = [(part, u) for part, u in actionable[1:] if u.intent in NEEDS_ORDER and cues.asks_status(part)]
        if story and asked:
            # "...were driving up to see her the weekend before christmas lol. when is it supposed to come":
            # the question leads, not the story told before it.
            lead = asked[0]
        if lead[1].intent != self.intent and self.intent not in ("human_agent",):
            self.intent, self.confidence = lead[1].intent, lead[1].confidence
        self.lead = lead
        return [(part, u) for part, u in read if part != lead[0]]

    def more_parts(self, ctx: ToolContext | None, main: str, evidence: list, p: dict) -> tuple[list, dict, dict | None]:
        """Answers to the other requests of a multi-part message, after the main one's (see split)."""
        pending = None
        cited = set(p.get("cite", []))
        extras = self.extras or [(self.text, None)]
        if self.lead is not None and (
            # "cadê meu pedido #WS..? e até quando dá pra devolver?" read as a policy question first,
            # answered as the order's status; "posso devolver na loja em vez de enviar? encomenda #WS..":
            # the proposal. Either way the written part the lead itself asked is still answered.
            (main in NEEDS_ORDER and self.lead[1].intent == "policy_question")
            or (main == "start_return" and self.extras)
            # "where is #WS14130, do u guys deliver on saturdays, and whats the last day...": the
            # written question inside the status part is a part of its own.
            or (main == "order_status" and self.extras and topics.topics_of(self.lead[0]))
        ):
            extras = [self.lead, *extras]
        for part, u in extras:
            found = topics.topics_of(part)
            if main == "start_return":
                # A proposal says its own drop-off date; what it costs or when the new size ships it does not.
                found = [t for t in found if t.name in WITH_A_PROPOSAL]
            asked = [f for f in written_facts([t.article for t in found]) if f.source_id not in cited]
            if asked:
                # "...and can I send it back for free?": a question the written policy answers.
                p = then_written(p, asked)
                cited.update(f.source_id for f in asked)
                evidence = evidence + asked
                if u is None or u.intent != "start_return" or main in ("start_return", "return_status"):
                    continue
                if not (cues.any_of(cues.RETURN, part) or actions.states_reason(part) or actions.option_of(part, None)):
                    continue  # "and is the label free?": the written answer, no new return of another item
                # "I'd like one size smaller. is the exchange free?": the exchange is proposed too.
            if u is None:
                continue  # one request, the main answer's
            order = next(iter(u.entities.get("order_number") or []), None) or self.focus
            other = order != self.focus and ctx is not None and order in ctx.verified
            if order and order != self.focus and ctx is not None and order not in ctx.verified:
                # "my ex also ordered, its #WS14836. where is it being shipped?": nothing of it, and why.
                evidence, p = self.also_about(ctx, [order], evidence, p)
                continue
            said = u.intent == main and u.confidence >= self.threshold and not other
            if said or (is_followup(part, u.entities) and not other):
                continue  # said by the main answer, or only the order's details ("order #WS10001, a@b.c")
            if cues.any_of(cues.ERRAND, part) and not cues.asks_pickup(part):
                continue  # "I need to pick up my kid at 3", "muss um 3 die Kleine abholen": their day, no question
            if u.confidence < self.threshold or u.intent in ("out_of_scope", "smalltalk"):
                # A side question no intent explains ("do I have to sign for it?"): the written answer.
                fact = self.kb_answer(part)
                if fact is None or fact.source_id in cited or self.another_status(fact, order):
                    continue
                q = plan("policy_answer", [fact], policy_text=fact.values["text"])
                p = dict(p)
                p.setdefault("then", []).append(q)
                cited |= set(q["cite"])
                evidence = evidence + [fact]
                continue
            if u.intent == "start_return" and ctx is not None and order and order in ctx.verified:
                # The whole message: the item may be named in another part ("the belt is too small. can
                # I swap it?").
                facts, q, nxt = actions.start_return(ctx, order, self.text, [], gift=self.gift)
                pending = pending or nxt
            elif u.intent == "order_status" and ctx is not None and order and (main != "delivery_issue" or other):
                facts, q = self.policy.order_turn(ctx, "order_status", order, part)
                q.pop("pending_action", None)
            elif u.intent in ("policy_question", "start_return", "return_status", "pickup_alternative"):
                fact = self.kb_answer(part)
                if fact is None or fact.source_id in cited or self.another_status(fact, order):
                    continue
                facts, q = [fact], plan("policy_answer", [fact], policy_text=fact.values["text"])
            else:
                continue
            p = dict(p)
            p.setdefault("then", []).append(q)
            cited |= set(q.get("cite", []))
            evidence = evidence + [f for f in facts if f not in evidence]
            if other:
                # "...but I made another one, #WS14108, where is it?": the conversation follows it.
                self.out["verified_order"] = order
        return evidence, p, pending

    def move_to_other_order(self, effective: str) -> dict | None:
        """ "the other order", "the earlier one": switch the focus, or ask which order when unsure."""
        other = focus.other_order(dict(self.state))
        if other is None:
            if self.focus or self.state.get("pending_order"):
                return self.out | {
                    "plan": plan("ask_which_order"),
                    "pending_intent": effective if effective in NEEDS_ORDER else "order_status",
                    "awaiting": "order",
                }
            return None
        self.state = {**self.state, "verified_order": other}  # type: ignore[assignment]
        self.out["verified_order"] = other
        return self.order_turn(effective if effective in NEEDS_ORDER else "order_status")

    def order_turn(self, effective: str) -> dict:
        state = self.state
        ctx = self.ctx()
        verified = self.focus
        asked = self.ents.get("order_number") or []
        self.out["intent"] = effective
        if verified and (not asked or asked[0] == verified):
            pending_action = None
            try:
                if effective == "start_return":
                    # The request may have come before the details we asked for ("I got it as a gift and
                    # want to return it" ... "zip is 80202"): its words (item, reason, option) count too.
                    asked_for = state.get("pending_text")
                    said = f"{self.text} {asked_for}" if asked_for and asked_for != self.text else self.text
                    evidence, p, pending_action = actions.start_return(ctx, verified, said, [], gift=self.gift)
                    earlier = asked_for or state.get("last_text")
                    if p.get("template") == "return_which_item" and earlier:
                        # "ok do the exchange", or the order given after "the cardigan is too big":
                        # the item was named a message earlier.
                        combined = f"{self.text} {earlier}"
                        again = actions.start_return(ctx, verified, combined, [], gift=self.gift)
                        if again[1].get("template") != "return_which_item":
                            evidence, p, pending_action = again
                elif effective == "return_status":
                    # With no return on record, a question about the money gets when refunds are paid.
                    said = f"{self.text} {state.get('pending_text') or ''}"
                    money = re.search(topic_words.MONEY, cues.fold(said))
                    article = "policy:returns#refund-timing" if money else "policy:returns#how"
                    written = knowledge.article(article).fact()
                    evidence, p = actions.return_status(ctx, verified, [written])
                    if money and p.get("template", "").startswith("return_status_open"):
                        # "when do I get my money back?" about a return under way: where it is, then when
                        # refunds are paid.
                        p = then_written(p, [written])
                else:
                    followup = self.auth != "verified" and state.get("last_intent") in NEEDS_ORDER
                    evidence, p = self.policy.order_turn(ctx, effective, verified, self.text, followup=followup)
                    pending_action = p.pop("pending_action", None)
                    listing = pending_action is not None and pending_action.get("kind") == "choose_point"
                    if listing and (kind := actions.wanted_kind(self.text)):
                        pending_action["prefer"] = kind  # "can it go to a locker?": the kind asked for
                    if listing and actions.asks_nearest(self.text):
                        # "send it to whichever is closest": the nearest point proposed; a yes books it.
                        listed = {k: pending_action.get(k) for k in ("codes", "names", "prefer")}
                        code = actions.chosen_point(self.text, listed["codes"], listed["names"], listed["prefer"])
                        evidence, p, pending_action = actions.propose_redirect(
                            ctx, verified, code or listed["codes"][0]
                        )
                        if pending_action is not None:
                            pending_action |= listed  # (a change of mind among them before the yes)
                    if not p.get("notices"):
                        evidence, p = self.with_offer(ctx, verified, evidence, p)
            except ToolRefused:
                return self.handoff("tool_failure")
            if effective == "order_status" and len(asked) > 1 and not focus.names_a_position(self.text):
                # "where are #A and #B?": each order the message names, unless a part of it asks its own.
                own = {next(iter(u.entities.get("order_number") or []), None) for _part, u in self.extras if u}
                others = [o for o in asked[1:] if o not in own]
                if others:
                    evidence, p = self.also_about(ctx, others, evidence, p)
            evidence, p, more_pending = self.more_parts(ctx, effective, evidence, p)
            pending_action = pending_action or more_pending
            if self.auth == "verified":
                p["verified_prefix"] = True
            return self.answer(
                evidence,
                p,
                pending_intent=None,
                pending_text=None,
                awaiting=None,
                last_intent=effective,
                pending_action=pending_action,
                offer_shown=bool(state.get("offer_shown") or p.get("offer")),
            )
        tracking = (self.ents.get("tracking_number") or [None])[0]
        if tracking is None and not asked and not state.get("pending_order"):
            tracking = state.get("tracking_focus")
        if tracking and not asked and effective == "pickup_alternative" and not self.ents.get("tracking_number"):
            # "can it go to a pickup point?" after a tracking number alone: a redirect changes the
            # order, so it needs the order verified first; the pickup question waits for it.
            return self.ask_for_order(effective)
        asks_contents = cues.any_of(cues.CONTENTS, self.text) or cues.any_of(cues.IN_THE_BOX, self.text)
        if tracking and not asked and asks_contents:
            # "what's even in it?" with a tracking number alone: the contents are the order's, shown once
            # it is verified; the question waits for that.
            return self.out | {
                "plan": plan("contents_need_order", quick=[TALK_TO_PERSON]),
                "awaiting": "order",
                "pending_intent": "order_status",
            }
        if tracking and not asked and effective in ("order_status", "delivery_issue", "pickup_alternative"):
            when = cues.any_of(cues.WHEN, self.text)
            # ("so is it lost or what" after a tracking number's exception: what that status means.)
            meaning = cues.any_of(cues.STATUS_MEANING, self.text)
            evidence, p = self.policy.tracking_number_turn(ctx, tracking, eta_focus=when, explain=meaning)
            return self.answer(evidence, p, last_intent=effective, tracking_focus=tracking)
        pending = state.get("pending_order") if self.auth == "none" else None
        if asked or pending:
            return self.ask_credential(asked[0] if asked else pending, effective)
        if state.get("credential"):
            return self.out | {"plan": plan("ask_order_number"), "pending_intent": effective, "awaiting": "order"}
        general = effective == "order_status" and not self.ents and not state.get("last_intent")
        if general and self.kb_answer(self.text, STRONG_POLICY_SCORE) is not None:
            # "what are your delivery times?": the written answer, then the offer to look one up.
            self.out["intent"] = effective = "policy_question"
        if (effective != "order_status" or _NOT_YET_ORDERED.search(self.text)) and not self.ents:
            # A general question ("can I return socks?") gets the written answer, then the offer to look.
            not_ordered = bool(_NOT_YET_ORDERED.search(self.text))
            fact = request_article(self.svc.kb, self.text, effective, not_ordered) if self.svc.kb else None
            if effective == "start_return" and self.gift:
                # "got a jumper in the secret santa, way too small, can i return it?": a gift's own rule
                # (the gift receipt's order number, store credit, the buyer not told), whatever else matched.
                fact = knowledge.article("policy:returns#gifts").fact()
            if fact is not None:
                if effective == "order_status":  # not ordered yet: a question about the policy
                    self.out["intent"] = effective = "policy_question"
                p = plan("policy_then_ask", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
                # (the request's words wait with it: the item and size once the order is proved)
                waits = {"pending_intent": effective, "pending_text": self.request_text}
                return self.answer([fact], p, last_intent=effective, **waits)
        return self.ask_for_order(effective)

    def also_about(self, ctx: ToolContext, others: list[str], evidence: list, p: dict) -> tuple[list, dict]:
        """The status of the other verified orders named in the same message, after the first one's."""
        p = dict(p)
        for key in others:
            if key not in ctx.verified:
                # "my ex also ordered, its #WS13496, where is it going?": nothing of it, and why.
                if not any(t.get("template") == "privacy_decline" for t in p.get("then", [])):
                    p.setdefault("then", []).append(plan("privacy_decline"))
                    self.out["unresolved"] = "out_of_scope"
                    self.out["refused_order"] = key
                continue
            more, q = self.policy.order_turn(ctx, "order_status", key, self.text)
            q.pop("pending_action", None)
            p.setdefault("then", []).append(q)
            evidence = evidence + [f for f in more if f not in evidence]
        return evidence, p

    def ask_for_order(self, effective: str, problem: str | None = None) -> dict:
        key = "ask_order_number" if self.state.get("credential") else "ask_order"
        if self.state.get("pending_order"):
            return self.ask_credential(self.state["pending_order"], effective) | {"problem": problem}
        return self.out | {
            "plan": plan(key),
            "pending_intent": effective,
            "pending_text": self.request_so_far,
            "awaiting": "order",
            "problem": problem,
        }

    def ask_credential(self, number: str, effective: str | None = None) -> dict:
        effective = effective or self.state.get("pending_intent") or "order_status"
        if cues.any_of(cues.NOT_THEIR_DETAILS, self.text):
            # "my sister ordered #WS13514 ... I don't have her email": not ours to tell without it.
            return self.decline("privacy_decline") | {"refused_order": number, "pending_order": None, "awaiting": None}
        if effective == "delivery_issue" and cues.any_of(cues.RETURN, self.text) and not self.state.get("problem"):
            # "it doesn't fit, can I send it back? #WS13239": the return waits for the email or ZIP.
            if problems.detect(self.text, self.intent) is None:
                effective = "start_return"
        if effective == "start_return" and self.gift and not self.state.get("gift_received"):
            # "I got it as a gift, can I send it back?": the written answer now, the return once verified.
            # ("... gift receipt says #WS12584. Till what date can I return it?": the date's rule too.)
            written = written_facts(["policy:returns#gifts", *(t.article for t in topics.topics_of(self.text))])
        else:
            # "where's #WS13674? and how long do I have to return gifts?": the written answer now, the
            # order's own once it is proved.
            written = self.side_questions() if effective == "order_status" else []
        p = plan("ask_verification", written, order_number=display(number))
        out = self.out | {
            "plan": then_written(p, written) if written else p,
            "pending_intent": effective,
            "pending_text": self.request_text,
            "awaiting": "verification",
        }
        return out | {"evidence": written} if written else out

    def side_questions(self) -> list:
        """The written answers to the other parts of a message that asks about an order."""
        others = [part for part, u in self.parts if u.intent != "order_status"]
        return written_facts([t.article for part in others for t in topics.topics_of(part)])

    def with_offer(self, ctx: ToolContext, order_key: str, evidence: list, p: dict):
        """At most one relevant offer per conversation, after the question is answered (see tools/offers)."""
        state = self.state
        if state.get("offer_shown") or p.get("template", "").startswith(("eta_only", "pickup")):
            return evidence, p
        fact = offers.pick_offer(
            ctx,
            order_key,
            channel_window_open=True,
            conversation_state={
                "answered": True,
                "complaint": self.out.get("intent", state.get("intent")) == "delivery_issue",
                "handoff": False,
                "mode": state.get("mode") or "bot",
                "offer_shown": bool(state.get("offer_shown")),
                "channel": state.get("channel"),
            },
        )
        if fact is None:
            return evidence, p
        p = dict(p)
        p["offer"] = fact.source_id
        p["cite"] = list(p.get("cite", [])) + [fact.source_id]
        return evidence + [fact], p
