"""The local engine's dialogue: from an understood, authorized turn to tool calls and a reply plan.

The order of the rules is the conversation's priorities, top to bottom:
1. a conversation with a person stays with the person; a locked verification goes to one;
2. a dispute, a legal threat or a customer losing patience goes to a person at once;
3. the customer asking for a person gets one;
4. an action awaiting the customer's choice or yes (a pickup point, an item, a confirmation);
5. a delivery problem (damaged, wrong or missing item, not received, redelivery, address change,
   cancellation, refund demand) gets its own flow (problems.py);
6. a question about the focus order, another order, or a tracking number only (focus.py);
7. policy questions, small talk, out of scope, and "not understood" last.

Every plan names a template and the facts it cites; nothing here writes free text.
"""

from __future__ import annotations

import re
from typing import Any

from ..handoff.sentiment import score as mood
from ..tools import knowledge, offers
from ..tools import returns as returns_tool
from ..tools.context import ToolContext
from ..tools.evidence import ToolRefused
from . import actions, cues, focus, nlu, problems, topics
from .deps import Turn
from .policy import NEEDS_ORDER, TALK_TO_PERSON, LocalPolicy, plan
from .state import TurnState

#: A demoted WISMO reading counts mid-conversation when the model's own score reaches this.
CONTEXT_MIN_SCORE = 0.5
#: Knowledge-base match needed to answer a general returns/delivery question before any order is given.
GENERAL_MIN_SCORE = 0.45
#: Knowledge-base match at which a first question with no order is read as a policy question.
STRONG_POLICY_SCORE = 0.6
#: Knowledge-base match needed to answer a short follow-up read together with the previous message.
FALLBACK_MIN_SCORE = 0.55
#: Below this an out-of-scope reading is "not understood" (gibberish), not a clear other topic.
OUT_OF_SCOPE_MIN_CONFIDENCE = 0.85
#: A proposal waiting for its yes survives this many turns about something else.
PENDING_TURNS = 2
#: A WISMO reading this likely, in a message that carries an order number, is acted on.
WEAK_SCORE = 0.3
#: A message this negative (sentiment in [-1, 1]) is a customer losing patience.
UPSET_MOOD = -0.6
#: A question about an order not yet placed ("how long until it ships after I order?"): no order
#: number can answer it, the written policy can.
_NOT_YET_ORDERED = re.compile(
    r"\b(?:after|once|when|if|before)\s+(?:i|we|you)\s+(?:place|make|submit|buy|order|purchase|check\s*out)\b"
    r"|\bafter\s+(?:ordering|checkout|checking\s+out|purchase|purchasing|buying|placing)\b"
    r"|\bsi\s+(?:pido|compro|hago el pedido|encargo)\b|\bsi\s+je\s+commande\b|\bwenn\s+ich\b.{0,40}\bbestelle\b"
    r"|\bse\s+eu\s+(?:pedir|comprar|encomendar)\b",
    re.I,
)
#: Words that carry no request: a message of only these plus entities is a follow-up.
_FILLER = re.compile(
    r"\b(my|the|order|number|is|it'?s|email|e-mail|zip|code|postal|and|here|it|sure|ok|okay|yes|thanks|"
    r"tracking|mail|address|of|for|with|on|postcode|#|no|n[ºo°]|sorry|wrong|oops|typo|mistake|meant|actually|"
    r"correct|right|try|again|this|one|use|instead|other|second|another|also|what|about|how|pedido|commande|"
    r"bestellung|encomenda|mi|mon|ma|meine|meu|minha|el|la|le|die|der|o|a|y|et|und|e|es|est|ist|numero|nummer)\b",
    re.I,
)


def is_followup(text: str, entities: dict[str, list[str]]) -> bool:
    """A message that only carries details (an order number, an email, a ZIP) and no new request."""
    if not entities:
        return False
    rest = text
    for values in entities.values():
        for v in values:
            rest = re.sub(re.escape(v), " ", rest, flags=re.I)
    rest = re.sub(r"<[A-Z_]+_\d+>", " ", rest)
    rest = re.sub(r"#?\s?ws[\s-]?\d{5}", " ", rest, flags=re.I)
    rest = _FILLER.sub(" ", cues.fold(rest))
    return len(re.findall(r"[a-z]{3,}", rest)) <= 1


def display(key: str) -> str:
    return f"#{key}" if not key.startswith("#") else key


class Dialogue:
    """One turn of the local engine's dialogue; `run()` returns the state changes."""

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
        self.policy = LocalPolicy(turn.services.eta)
        self.threshold = self.settings.confidence_threshold
        #: The other requests of a multi-part message: (clause, reading).
        self.extras: list[tuple[str, Any]] = []

    # ------------------------------------------------------------------ helpers
    @property
    def focus(self) -> str | None:
        """The order this turn is about (the authorize step may have just moved it)."""
        return self.state.get("verified_order")

    def ctx(self) -> ToolContext:
        verified = frozenset(focus.verified_list(dict(self.state)))
        return ToolContext(self.svc.store, self.state["conversation_id"], self.focus, self.turn.now, verified)

    def handoff(self, reason: str, preamble: dict | None = None, evidence: list | None = None) -> dict:
        """Bring in a person; `preamble` is a plan whose answer goes first (what we know)."""
        p = dict(preamble) if preamble else {}
        p["handoff"] = reason
        out = self.out | {"plan": p, "unresolved": reason, "problem": None}
        if evidence is not None:
            out["evidence"] = evidence
        return out

    def answer(self, evidence: list, p: dict, **memory: Any) -> dict:
        return self.out | {"evidence": evidence, "plan": p} | memory

    # ------------------------------------------------------------------ the turn
    def run(self) -> dict:
        state = self.state
        if state.get("mode") == "human":
            return {"plan": plan("human_mode")}
        if self.auth == "locked":
            return self.handoff("verification_failed")
        escalation = self.escalation()
        if escalation:
            return self.escalate(escalation)
        if self.auth in ("mismatch", "limited"):
            # Before any other answer: a wrong pair reads the same whatever else the message says.
            # Two wordings in turn: a customer retrying never reads the same answer twice in a row.
            # A limited client's try is not counted, but must read like any other wrong pair.
            tries = int(state.get("failed_verifications") or 0) + (self.auth == "limited")
            again = tries % 2 == 0
            key = "verify_failed_again" if again else "verify_failed"
            wanted = self.intent if self.intent in NEEDS_ORDER else state.get("pending_intent")
            return self.out | {"plan": plan(key, quick=[TALK_TO_PERSON]), "awaiting": "order", "pending_intent": wanted}
        if cues.any_of(cues.UNSAFE, self.text):
            # Asked to skip a rule (verification, a fake claim, another customer's data): a plain no.
            return self.decline("decline_request")
        if cues.any_of(cues.OTHER_SHOP, self.text) and not self.ents.get("order_number"):
            return self.decline("other_shop")
        if (
            self.intent == "human_agent"
            and self.confidence >= self.threshold
            and (self.confidence >= 0.9 or cues.any_of(cues.PERSON, self.text))
        ):
            return self.handoff("customer_requested")
        if cues.any_of(cues.ELSEWHERE, self.text) and not self.ents and self.intent not in NEEDS_ORDER:
            return self.decline("out_of_scope")
        if self.auth == "need_credential":
            return self.ask_credential(state.get("pending_order") or "")
        pending = state.get("pending_action")
        if self.keeps_everything(pending):
            evidence, p = actions.keep_items(self.ctx(), self.focus or "")
            return self.answer(evidence, p, pending_action=None, last_intent="start_return", intent="start_return")
        if pending:
            done = self.pending_action(pending)
            if done is not None:
                return done
            result = self.after_pending()
            age = int(pending.get("age") or 0) + 1
            if result.get("pending_action") or result.get("plan", {}).get("handoff") or age > PENDING_TURNS:
                return result
            # A side question ("how fast would the new one come?") leaves the proposal standing.
            return result | {"pending_action": pending | {"age": age}}
        return self.after_pending()

    def after_pending(self) -> dict:
        """The turn when no proposal is waiting (or the message is about something else)."""
        state = self.state
        self.out.setdefault("pending_action", None)
        correction = cues.any_of(cues.CORRECTION, self.text) and bool(self.ents)
        problem = problems.detect(self.text, self.intent, state.get("problem"))
        if correction and problem == "wrong_item":
            problem = None  # "sorry, wrong number, it's #WS10057": a correction, not a wrong item
        if problem in ("not_received", "redelivery") and self.intent == "pickup_alternative":
            problem = None  # "couldn't deliver it, can I pick it up?": the pickup options answer it
        if problem == "refund_demand" and cues.any_of(cues.REFUND_STATUS, self.text):
            problem = None  # "where is my refund?": the status of the return under way answers it
        if problem == "refund_demand" and not (self.focus or self.ents) and "?" in self.text:
            problem = None  # "can I get a refund on a gift card?": a question the written policy answers
        written = self.written_topic()
        if written is not None:
            return written
        if problem is not None and (self.intent != "policy_question" or problem in problems.REASON):
            return self.problem(problem)
        return self.by_intent()

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

    def escalate(self, reason: str) -> dict:
        """A person, now; for an upset customer asking about a verified order, what we know first."""
        if reason == "frustration" and self.focus and (self.intent in NEEDS_ORDER or self.ents):
            try:
                evidence, p = self.policy.order_turn(self.ctx(), "order_status", self.focus, self.text)
            except ToolRefused:
                return self.handoff(reason)
            p.pop("pending_action", None)
            return self.handoff(reason, preamble=p, evidence=evidence)
        return self.handoff(reason)

    def escalation(self) -> str | None:
        """A reason to bring in a person now: a dispute or legal threat, or a customer losing patience."""
        text = self.text
        if cues.any_of(cues.DISPUTE, text):
            return "dispute"
        upset = (
            cues.any_of(cues.FRUSTRATION, text)
            or cues.any_of(cues.PROFANITY, text)
            or cues.any_of(cues.SARCASM, text)
            or cues.shouting(text)
            or mood(text) <= UPSET_MOOD
        )
        return "frustration" if upset else None

    # ------------------------------------------------------------------ pending actions
    def pending_action(self, pending: dict) -> dict | None:
        """The customer's answer to what the bot proposed; None when the message is about something else."""
        kind = pending.get("kind")
        text = self.text
        if kind == "offer_person":
            if cues.is_yes(text) or (self.intent == "human_agent"):
                # The customer took the offer of a person: their request, whatever led to the offer.
                return self.handoff("customer_requested")
            if cues.is_no(text):
                return self.answer([], plan("action_cancelled", quick=[TALK_TO_PERSON]), pending_action=None)
            return None
        if not self.focus:
            return None
        ctx = self.ctx()
        if kind in ("return", "redirect") and cues.is_yes(text):
            evidence, p = actions.confirm(ctx, pending, self.settings.data_dir)
            last = "pickup_alternative" if kind == "redirect" else "start_return"
            return self.out | {
                "evidence": evidence,
                "plan": p,
                "pending_action": None,
                "last_intent": last,
                "intent": last,
            }
        if cues.is_no(text):
            return self.answer([], plan("action_cancelled", quick=[TALK_TO_PERSON]), pending_action=None)
        if kind == "redirect" and pending.get("code") and cues.any_of(cues.OPENING_HOURS, text):
            # "is it open late?" before the yes: that point's hours on the day the parcel is ready.
            evidence, p = actions.point_hours(ctx, self.focus, pending["code"])
            return self.answer(evidence, p, pending_action=pending, intent="pickup_alternative")
        option = actions.option_of(text, default=None)
        if kind == "return" and option and option == pending.get("option"):
            # The option already proposed, said again: ask for the explicit yes, without re-listing it.
            p = plan(f"confirm_{option}", quick=actions.CONFIRM_REPLIES)
            return self.out | {"plan": p, "pending_action": pending, "intent": "start_return"}
        if kind == "return" and option and self.intent not in ("order_status", "pickup_alternative"):
            # "refund instead", "store credit please": the same items, another option.
            combined = f"{pending.get('text', '')} {text}"
            evidence, p, nxt = actions.start_return(ctx, self.focus, combined, [], force_option=option)
            return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        answers_which = self.intent in ("start_return", "smalltalk", "out_of_scope", "order_status") or (
            cues.any_of(cues.RETURN, text) and problems.detect(text, self.intent) is None
        )
        if kind == "choose_item" and answers_which:
            combined = f"{pending.get('text', '')} {text}"
            evidence, p, nxt = actions.start_return(ctx, self.focus, combined, [])
            if nxt is not None and nxt.get("kind") == "choose_item" and nxt.get("text") == combined:
                # The answer did not name an item we could match: ask once more with the list.
                pass
            return self.out | {
                "evidence": evidence,
                "plan": p,
                "pending_action": nxt,
                "last_intent": "start_return",
                "intent": "start_return",
            }
        if kind == "choose_point" or (kind == "redirect" and pending.get("codes")):
            # A choice among the listed points, or a change of mind before the yes ("actually the first one").
            # "the one on 368 Jefferson Ave": a pickup point's street is redacted as an address, but
            # it is a shop's public address; the choice is read on the words as typed (never stored).
            typed = re.sub(r"<[A-Z_]+_\d+>", lambda m: self.turn.pii.get(m.group(0), m.group(0)), text)
            code = actions.chosen_point(typed, pending["codes"], pending.get("names"))
            if kind == "redirect" and code == pending.get("code"):
                code = None
            if code is not None:
                evidence, p, nxt = actions.propose_redirect(ctx, self.focus, code)
                if nxt is not None:
                    nxt |= {"codes": pending["codes"], "names": pending.get("names")}
                return self.out | {
                    "evidence": evidence,
                    "plan": p,
                    "pending_action": nxt,
                    "last_intent": "pickup_alternative",
                    "intent": "pickup_alternative",
                }
        if kind == "choose_refund":
            # A plain yes to "a refund or store credit instead?": what the written policy does (a refund).
            option = actions.option_of(text, default=None) or ("refund" if cues.is_yes(text) else None)
            if option in ("refund", "store_credit"):
                evidence, p, nxt = actions.start_return(
                    ctx, self.focus, f"{pending.get('text', '')} {option.replace('_', ' ')}", [], force_option=option
                )
                return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        return None

    def keeps_everything(self, pending: dict | None) -> bool:
        """ "never mind, I'll keep it all" after a return was discussed or proposed."""
        if not self.focus or self.ents.get("order_number") or not cues.any_of(cues.KEEP, self.text):
            return False
        kind = (pending or {}).get("kind")
        return kind in ("return", "choose_item", "choose_refund") or self.state.get("last_intent") == "start_return"

    def written_topic(self) -> dict | None:
        """A question the written policy answers ("how long until the money is on my card?"), asked
        about the order in focus: the policy, not the order's status said again."""
        if self.ents.get("order_number") or self.ents.get("tracking_number"):
            return None
        if self.intent in ("start_return", "change_order", "human_agent") and self.confidence >= 0.9:
            return None
        topic = topics.topic_of(self.text)
        if topic is None:
            return None
        if self.intent == "return_status" and self.focus and returns_tool.return_status(self.ctx(), self.focus):
            return None  # a return on record: its own status says when the money comes
        fact = knowledge.article(topic.article).fact()
        self.out["intent"] = "policy_question"
        p = plan("policy_answer", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
        return self.answer([fact], p, last_intent="policy_question")

    # ------------------------------------------------------------------ delivery problems
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
        if problem == "refund_demand" and main.status in problems.RETURNABLE:
            self.out["intent"] = "start_return"
            return self.order_turn("start_return")  # a refund for what arrived is a return
        evidence = list(main.facts)
        evidence, p = problems.problem_plan(problem, main, evidence)
        if "handoff" in p:
            out = self.handoff(p.pop("handoff"), preamble=p, evidence=evidence)
            return out | {"last_intent": self.out["intent"]}
        return self.answer(evidence, p, problem=problem, last_intent=self.out["intent"], pending_intent=None)

    # ------------------------------------------------------------------ intents
    def effective_intent(self) -> tuple[str, float]:
        """The intent to act on, read in the conversation's context."""
        state = self.state
        intent, confidence = self.intent, self.confidence
        in_context = bool(
            self.focus
            or state.get("pending_intent")
            or state.get("tracking_focus")
            or state.get("last_intent") in NEEDS_ORDER
        )
        if intent in ("out_of_scope", "smalltalk", "policy_question") and in_context and confidence < 0.9:
            # "at what hour?", "and the date?", "will it be here today?" are about the order discussed.
            refund = actions.option_of(self.text, default=None) in ("refund", "store_credit")
            if cues.any_of(cues.WHEN, self.text) and len(self.text) <= 80 and not refund:
                return "order_status", max(confidence, self.threshold)
        if intent == "out_of_scope" and confidence < self.threshold and in_context:
            # "is it here yet?" has no purchase word, but mid-conversation it is about the order.
            scores = state.get("scores") or {}
            best = max(NEEDS_ORDER, key=lambda i: scores.get(i, 0.0))
            if scores.get(best, 0.0) >= CONTEXT_MIN_SCORE:
                intent, confidence = best, scores[best]
        scores = state.get("scores") or {}
        top = max(NEEDS_ORDER, key=lambda i: scores.get(i, 0.0))
        if cues.any_of(cues.RETURNED_TO_SENDER, self.text):
            # "tracking says it's returned to sender": the carrier's status, not a return of ours.
            top = "delivery_issue" if top in ("start_return", "return_status") else top
            if intent in ("start_return", "return_status"):
                intent = "delivery_issue" if self.ents or self.focus else "order_status"
        unsure = intent not in NEEDS_ORDER or confidence < self.threshold
        if unsure and not is_followup(self.text, self.ents) and self.ents and scores.get(top, 0.0) >= WEAK_SCORE:
            # "my other order #WS10057 couldn't be delivered, can I get it somewhere else?": the
            # model's own best reading, though unsure, says more than the last turn's intent.
            return top, max(scores[top], self.threshold)
        if (
            cues.any_of(cues.RETURN, self.text)
            and intent not in ("start_return", "return_status", "human_agent")
            and not cues.any_of(cues.NOT_HERE, self.text)
        ):
            # "it's too big on me", "not my style": a return, whatever else the wording resembles.
            return "start_return", max(confidence, self.threshold)
        pickup_context = intent in ("order_status", "delivery_issue") or (
            in_context and intent in ("smalltalk", "out_of_scope") and confidence < 0.9
        )
        if cues.any_of(cues.PICKUP, self.text) and pickup_context and not is_followup(self.text, self.ents):
            return "pickup_alternative", max(confidence, self.threshold)
        if is_followup(self.text, self.ents) or (confidence < self.threshold and self.ents):
            intent = state.get("pending_intent") or state.get("last_intent") or "order_status"
            if intent not in NEEDS_ORDER and (self.ents.get("order_number") or self.ents.get("tracking_number")):
                intent = "order_status"
            confidence = max(confidence, self.threshold)
        elif self.auth in ("verified", "switched") and intent not in NEEDS_ORDER:
            # The customer just proved an order ("ah wait, that's my old zip. 77002"): answer about it.
            unrelated = intent in ("policy_question", "change_order") and confidence >= 0.9
            if not unrelated:
                intent = state.get("pending_intent") or "order_status"
                confidence = max(confidence, self.threshold)
        return intent, confidence

    def split(self) -> list[tuple[str, Any]]:
        """The message's separate requests with their readings; the first actionable one leads."""
        parts = cues.clauses(self.text)
        if len(parts) < 2:
            return []
        read = [(part, nlu.understand(part)) for part in parts]
        lead = next(
            (
                (part, u)
                for part, u in read
                if u.confidence >= self.threshold
                and u.intent in (*NEEDS_ORDER, "policy_question", "change_order")
                and not is_followup(part, u.entities)
            ),
            None,
        )
        if lead is None:
            return []
        if lead[1].intent != self.intent and self.intent not in ("human_agent",):
            self.intent, self.confidence = lead[1].intent, lead[1].confidence
        return [(part, u) for part, u in read if part != lead[0]]

    def more_parts(self, ctx: ToolContext | None, main: str, evidence: list, p: dict) -> tuple[list, dict, dict | None]:
        """Answers to the other requests of a multi-part message, after the main one's (see split)."""
        pending = None
        cited = set(p.get("cite", []))
        for part, u in self.extras:
            if (u.intent == main and u.confidence >= self.threshold) or is_followup(part, u.entities):
                continue  # said by the main answer, or only the order's details ("order #WS10001, a@b.c")
            if u.confidence < self.threshold or u.intent in ("out_of_scope", "smalltalk"):
                # A side question no intent explains ("do I have to sign for it?"): the written answer.
                fact = self.kb_answer(part)
                if fact is None or fact.source_id in cited:
                    continue
                q = plan("policy_answer", [fact], policy_text=fact.values["text"])
                p = dict(p)
                p.setdefault("then", []).append(q)
                cited |= set(q["cite"])
                evidence = evidence + [fact]
                continue
            order = next(iter(u.entities.get("order_number") or []), None) or self.focus
            if u.intent == "start_return" and ctx is not None and order and order in ctx.verified:
                facts, q, nxt = actions.start_return(ctx, order, part, [])
                pending = pending or nxt
            elif u.intent == "order_status" and ctx is not None and self.focus and main != "delivery_issue":
                facts, q = self.policy.order_turn(ctx, "order_status", self.focus, part)
                q.pop("pending_action", None)
            elif u.intent in ("policy_question", "start_return", "return_status", "pickup_alternative"):
                fact = self.kb_answer(part)
                if fact is None or fact.source_id in cited:
                    continue
                facts, q = [fact], plan("policy_answer", [fact], policy_text=fact.values["text"])
            else:
                continue
            p = dict(p)
            p.setdefault("then", []).append(q)
            cited |= set(q.get("cite", []))
            evidence = evidence + [f for f in facts if f not in evidence]
        return evidence, p, pending

    def kb_answer(self, text: str, min_score: float = GENERAL_MIN_SCORE) -> Any:
        kb = self.svc.kb
        return kb.answer(text, min_score=min_score) if kb is not None else None

    def by_intent(self) -> dict:
        state = self.state
        self.extras = self.split()
        effective, confidence = self.effective_intent()
        if effective == "human_agent" and not cues.any_of(cues.PERSON, self.text):
            effective, confidence = "out_of_scope", min(confidence, self.threshold - 0.01)
        self.out.setdefault("intent", effective)
        if state.get("problem") and effective == "delivery_issue" and self.auth == "verified":
            return self.problem(state["problem"])
        if self.auth in ("verified",) and state.get("problem") and state.get("pending_intent") == "delivery_issue":
            return self.problem(state["problem"])
        positional = None if state.get("pending_action") else focus.named_by_position(dict(state), self.text)
        if positional is not None and not self.ents.get("order_number"):
            self.state = {**state, "verified_order": positional}  # type: ignore[assignment]
            self.out["verified_order"] = positional
            return self.order_turn(effective if effective in NEEDS_ORDER else "order_status")
        if focus.mentions_other_order(self.text) and not self.ents.get("order_number"):
            moved = self.move_to_other_order(effective)
            if moved is not None:
                return moved
        kind = self.small_talk(effective, confidence)
        if kind is not None:
            # Before any lookup: "oui c'est bon", "thanks!", "ok, I'll wait" ask nothing.
            self.out["intent"] = "smalltalk"
            return self.out | {"plan": plan(kind, quick=["Track my order", TALK_TO_PERSON]), "disclosed": True}
        if effective in NEEDS_ORDER and state.get("last_intent") == "policy_question" and not self.focus:
            # "even UPS?" after the weekend-delivery answer: read with that question, not an order lookup.
            followup = self.context_followup(effective, confidence) if confidence < 0.9 else None
            if followup is not None:
                return followup
        if effective in NEEDS_ORDER:
            return self.order_turn(effective)
        if effective == "policy_question" and confidence >= self.threshold:
            fact = self.written_answer()
            if fact is not None:
                p = plan("policy_answer", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
                evidence, p, _ = self.more_parts(None, effective, [fact], p)
                return self.answer(evidence, p, last_intent=effective)
            if not nlu.has_wismo_anchor(self.text):
                # "iphone or samsung?", "write me a poem": not a question about this shop at all.
                return self.decline("out_of_scope")
            return self.answer([], plan("policy_unknown", [], [TALK_TO_PERSON]), last_intent=effective)
        if effective == "change_order" and confidence >= self.threshold:
            evidence, p = self.policy.change_order_turn()
            return self.answer(
                evidence,
                p,
                last_intent=effective,
                pending_action={"kind": "offer_person", "reason": "customer_requested"},
            )
        followup = self.context_followup(effective, confidence)
        if followup is not None:
            return followup
        if state.get("tracking_focus") and not self.ents and effective in ("out_of_scope", "smalltalk"):
            # "so what do I do?" after a tracking number's status: what that status means.
            ctx = self.ctx()
            evidence, p = self.policy.tracking_number_turn(ctx, state["tracking_focus"], explain=True)
            if p.get("template") == "tracking_explained":
                return self.answer(evidence, p, last_intent="order_status")
        if (state.get("screen") or {}).get("injection") and effective not in NEEDS_ORDER:
            # An attempt to make the bot break its rules is declined plainly, not "not understood".
            return self.out | {
                "plan": plan("decline_request", quick=["Track my order", TALK_TO_PERSON]),
                "unresolved": "out_of_scope",
            }
        if effective == "out_of_scope" and confidence >= OUT_OF_SCOPE_MIN_CONFIDENCE:
            return self.decline("out_of_scope")
        # Not understood as an intent: a follow-up the shop's written answers cover ("do I need to
        # print anything?" after a pickup, "and the 25th?" after holiday hours) still gets one.
        if not self.ents:
            fact = self.written_answer(strict=True)
            if fact is not None:
                self.out["intent"] = "policy_question"
                p = plan("policy_answer", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
                return self.answer([fact], p, last_intent="policy_question")
        if state.get("pending_order") and cues.any_of(cues.WHY_VERIFY, self.text):
            return self.out | {"plan": plan("why_verify", quick=[TALK_TO_PERSON]), "awaiting": "verification"}
        if state.get("pending_order") and not state.get("credential"):
            # Pressed for an order's details without the email or ZIP on it: why we can't, plainly.
            return self.decline("privacy_decline")
        if state.get("last_intent") == "out_of_scope" or state.get("tracking_focus"):
            # A question after a "no" ("so you can't check it?"): say plainly what we can do.
            return self.out | {"plan": plan("capabilities", quick=["Track my order", TALK_TO_PERSON])}
        n = int(state.get("not_understood") or 0) + 1
        if n >= 2:
            return self.handoff("repeated_failure") | {"not_understood": 0}
        return self.out | {
            "plan": plan("not_understood", quick=["Track my order", TALK_TO_PERSON]),
            "not_understood": n,
            "unresolved": "low_confidence",
        }

    def context_followup(self, effective: str, confidence: float) -> dict | None:
        """A short follow-up to a written answer ("and the 25th?", "even UPS?", "what about Hawaii?"):
        the shop's written answer read with the previous message."""
        state = self.state
        if self.ents or state.get("last_intent") not in ("policy_question", *NEEDS_ORDER):
            return None
        after_policy = state.get("last_intent") == "policy_question" and len(self.text.split()) <= 8
        if len(self.text.split()) > 16 or (
            effective in NEEDS_ORDER and confidence >= self.threshold and not after_policy
        ):
            return None
        if effective == "human_agent" or cues.any_of(cues.ACK, self.text) or cues.is_yes(self.text):
            return None
        if LocalPolicy.smalltalk_kind(self.text) in ("thanks", "goodbye", "greeting"):
            return None  # "valeu!", "thanks": small talk, not a question to look up
        previous = state.get("last_text") or ""
        kb = self.svc.kb
        if kb is None or not previous:
            return None
        fact = kb.answer(f"{previous} {self.text}", min_score=GENERAL_MIN_SCORE)
        if fact is None:
            return None
        self.out["intent"] = "policy_question"
        p = plan("policy_answer", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
        return self.answer([fact], p, last_intent="policy_question")

    def small_talk(self, effective: str, confidence: float) -> str | None:
        """The template for small talk ("thanks", "merry christmas", "found it!", "are you a bot?")."""
        text = self.text
        if self.ents or len(text) > 160:
            return None
        if cues.any_of(cues.HOLIDAY_WISH, text) and effective not in NEEDS_ORDER:
            return "holiday_wish"
        casual = effective in ("smalltalk", "out_of_scope", "policy_question") or confidence < self.threshold
        if casual and cues.any_of(cues.GLAD, text) and "?" not in text:
            return "glad"
        if casual and (cues.any_of(cues.ACK, text) or cues.is_yes(text)):
            return "anything_else"
        if casual and cues.any_of(cues.ACK_LEAD, text) and "?" not in text and len(text.split()) <= 12:
            # "ok, I'll wait then", "vale, pues me lo quedo": a statement that asks nothing.
            return "anything_else"
        if effective != "smalltalk" or confidence < self.threshold:
            return None
        kind = LocalPolicy.smalltalk_kind(text)
        if kind is None:
            return None
        return {"thanks": "thanks", "goodbye": "goodbye", "disclosure": "disclosure_answer"}.get(kind, kind)

    def written_answer(self, strict: bool = False) -> Any:
        """The shop's written answer (knowledge base) to this message, read with the previous message
        as context when it is a short follow-up; None when nothing fits well enough."""
        kb = self.svc.kb
        if kb is None:
            return None
        fact = kb.answer(self.text, min_score=GENERAL_MIN_SCORE if strict else None)
        previous = self.state.get("last_text") or ""
        if fact is None and previous and len(self.text) <= 80:
            # Read with the previous message, a looser match would answer a question nobody asked.
            fact = kb.answer(f"{previous} {self.text}", min_score=FALLBACK_MIN_SCORE if strict else None)
        return fact

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
                    evidence, p, pending_action = actions.start_return(ctx, verified, self.text, [])
                    earlier = state.get("pending_text") or state.get("last_text")
                    if p.get("template") == "return_which_item" and earlier:
                        # "ok do the exchange", or the order given after "the cardigan is too big":
                        # the item was named a message earlier.
                        combined = f"{self.text} {earlier}"
                        again = actions.start_return(ctx, verified, combined, [])
                        if again[1].get("template") != "return_which_item":
                            evidence, p, pending_action = again
                elif effective == "return_status":
                    how = knowledge.article("policy:returns#how").fact()
                    evidence, p = actions.return_status(ctx, verified, [how])
                else:
                    followup = self.auth != "verified" and state.get("last_intent") in NEEDS_ORDER
                    evidence, p = self.policy.order_turn(ctx, effective, verified, self.text, followup=followup)
                    pending_action = p.pop("pending_action", None)
                    if not p.get("notices"):
                        evidence, p = self.with_offer(ctx, verified, evidence, p)
            except ToolRefused:
                return self.handoff("tool_failure")
            if effective == "order_status" and len(asked) > 1 and not self.extras:
                evidence, p = self.also_about(ctx, asked[1:], evidence, p)
            if self.extras:
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
        if tracking and not asked and effective in ("order_status", "delivery_issue", "pickup_alternative"):
            when = cues.any_of(cues.WHEN, self.text)
            evidence, p = self.policy.tracking_number_turn(ctx, tracking, eta_focus=when)
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
            fact = self.svc.kb.answer(self.text, min_score=GENERAL_MIN_SCORE) if self.svc.kb else None
            if fact is not None:
                if effective == "order_status":  # not ordered yet: a question about the policy
                    self.out["intent"] = effective = "policy_question"
                p = plan("policy_then_ask", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
                return self.answer([fact], p, pending_intent=effective, last_intent=effective)
        return self.ask_for_order(effective)

    def also_about(self, ctx: ToolContext, others: list[str], evidence: list, p: dict) -> tuple[list, dict]:
        """The status of the other verified orders named in the same message, after the first one's."""
        p = dict(p)
        for key in others:
            if key not in ctx.verified:
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
            "pending_text": self.text,
            "awaiting": "order",
            "problem": problem,
        }

    def ask_credential(self, number: str, effective: str | None = None) -> dict:
        effective = effective or self.state.get("pending_intent") or "order_status"
        return self.out | {
            "plan": plan("ask_verification", order_number=display(number)),
            "pending_intent": effective,
            "pending_text": self.state.get("pending_text") or self.text,
            "awaiting": "verification",
        }

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


def act(state: TurnState, turn: Turn) -> dict:
    return Dialogue(state, turn).run()
