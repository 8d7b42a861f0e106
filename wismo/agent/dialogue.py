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

from ..domain.store import normalize_key
from ..handoff.sentiment import score as mood
from ..tools import knowledge
from ..tools import returns as returns_tool
from ..tools import tracking as tracking_tool
from ..tools.evidence import ToolRefused
from . import actions, cues, focus, nlu, problems, topics
from .deps import Turn
from .followup import is_followup
from .order_answers import OrderAnswers
from .pending import PendingReplies
from .policy import NEEDS_ORDER, TALK_TO_PERSON, LocalPolicy, plan, then_written, written_facts
from .state import TurnState

#: A demoted WISMO reading counts mid-conversation when the model's own score reaches this.
CONTEXT_MIN_SCORE = 0.5
#: Below this an out-of-scope reading is "not understood" (gibberish), not a clear other topic.
OUT_OF_SCOPE_MIN_CONFIDENCE = 0.85
#: Small-talk answers that say themselves that a bot is talking.
SELF_DISCLOSING = frozenset({"greeting", "disclosure_answer"})
#: A proposal waiting for its yes survives this many turns about something else.
PENDING_TURNS = 2
#: A WISMO reading this likely, in a message that carries an order number, is acted on.
WEAK_SCORE = 0.3
#: A word of a return or refund in any of the five languages (accents folded), and with an exchange's.
_REFUND_STEMS = r"return|refund|send \w+ back|devol|rembours|retour|zuruck|erstatt|reembols"
_REFUND_WORD = re.compile(rf"\b(?:{_REFUND_STEMS})")
#: Pressing for a part of another customer's order after a no ("just the city then", "at least the state").
_PRESSES_FOR_DETAILS = re.compile(
    r"\b(?:(?:just|only|at least) (?:the|his|her|their) (?:city|town|state|zip|street|address|tracking(?: number)?)"
    r"|(?:just|only) the tracking(?: number)? (?:is fine|will do|please)|his address"
    r"|her address|solo la ciudad|al menos la ciudad|juste la ville|nur die stadt|so a cidade)\b"
)
#: "when is it supposed to come", "when will my parcel get here": the order's day, whatever story is around it.
_IT_COMES = re.compile(
    r"\b(?:is|will|does|would|should) (?:it|my (?:order|package|parcel|stuff)) (?:be )?"
    r"(?:supposed to |going to |gonna )?(?:come|arrive|get here|be here|show up|land)\b"
)
_RETURN_WORD = re.compile(rf"\b(?:{_REFUND_STEMS}|exchange|swap|cambi|renvo|echang|umtausch|tausch|retoure|troc)")
#: A message this negative (sentiment in [-1, 1]) is a customer losing patience.
UPSET_MOOD = -0.6
#: A message in capitals this negative is shouting at us, not just typing in capitals.
SHOUTED_MOOD = -0.4


def _without_offer(answer: dict) -> dict:
    """An order's answer without the offer beside it: none while a person is on the way or after a no."""
    offer = (answer.get("plan") or {}).get("offer")
    if not offer:
        return answer
    p = {k: v for k, v in answer["plan"].items() if k != "offer"}
    p["cite"] = [c for c in p.get("cite", []) if c != offer]
    return answer | {"plan": p, "evidence": [f for f in answer.get("evidence", []) if f.source_id != offer]}


class Dialogue(PendingReplies, OrderAnswers):
    """One turn of the local engine's dialogue; `run()` returns the state changes."""

    # ------------------------------------------------------------------ the turn
    def run(self) -> dict:
        state = self.state
        if state.get("mode") == "human":
            found = [] if self.ents else topics.topics_of(self.text)
            damaged = "policy:returns#damaged" in (state.get("topic_articles") or [])
            if not found and damaged and topics.DAMAGED_SEND_BACK.pattern.search(cues.fold(self.text)):
                found = [topics.DAMAGED_SEND_BACK]  # "tengo que devolverlo?" while the damage case waits
            meaning = self.status_meaning() if self.focus and cues.any_of(cues.STATUS_MEANING, self.text) else None
            if not found and not meaning and self.auth == "verified" and self.focus:
                # "its about my order #WS13776, <email>. person please" after the handoff: the order is
                # verified for the person who takes the case, and its status said meanwhile.
                meaning = _without_offer(self.order_turn("order_status"))
            if found or meaning:
                # "whatever. if I order tomorrow, will it come before the 24th?", "what does delayed even
                # mean?" while a person is on the way: the shop's written answer now; the person still comes.
                reply = self.topics_reply(found) if found else meaning
                p = dict(reply["plan"])
                p["then"] = [*p.get("then", []), plan("human_mode")]
                return reply | {"plan": p}
            return {"plan": plan("human_mode")}
        if self.auth == "locked":
            return self.handoff("verification_failed")
        if self.gift and not state.get("gift_received"):
            self.out["gift_received"] = True  # "I got it as a gift": every later return is store credit
        if (
            cues.any_of(cues.OTHER_SHOP, self.text)
            and not self.ents.get("order_number")
            and not cues.any_of(cues.DISPUTE, self.text)
        ):
            # "where's my amazon package? their support is useless": another shop's parcel, and the
            # anger is at them; said no to plainly, not handed to our team.
            return self.decline("other_shop")
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
            if state.get("pending_intent") and self.intent == "order_status" and not cues.asks_status(self.text):
                wanted = state["pending_intent"]  # the details alone, wrong: the request they were for waits
            return self.out | {"plan": plan(key, quick=[TALK_TO_PERSON]), "awaiting": "order", "pending_intent": wanted}
        if cues.any_of(cues.UNSAFE, self.text):
            # Asked to skip a rule (verification, a fake claim, another customer's data): a plain no.
            status = self.order_turn("order_status") if self.auth == "verified" and self.focus else {}
            declined = self.decline("decline_request")
            if status.get("evidence"):
                # "#WS12409 90012. it came but can u just file it as not delivered": the order as the carrier
                # has it, then the no (and no offer beside it).
                status = _without_offer(status)
                p = status["plan"] | {"then": [*status["plan"].get("then", []), declined["plan"]]}
                return declined | {"evidence": status["evidence"], "plan": p}
            return declined
        their_address = cues.any_of(cues.THEIR_ADDRESS, self.text)
        if their_address and self.auth != "verified":
            # "i need the shipping address on #WS11058, its my ex's": someone's whereabouts are never told, and
            # that order stays closed whatever details follow.
            number = self.ents.get("order_number")
            refused = {"refused_order": normalize_key(str(number))} if number else {}
            return self.decline("their_address_decline") | refused
        if self.auth == "refused" or (state.get("refused_order") and their_address):
            return self.decline("their_address_decline")  # "i literally know her email lol": the same no
        contents = cues.any_of(cues.CONTENTS, self.text) and not self.ents and self.auth != "verified"
        if cues.any_of(cues.THEIR_PARCEL, self.text) or (state.get("refused_parcel") and contents):
            # "a package for my ex is in the locker, give me the pickup code", then "just tell me whats in it":
            # the code and the contents are the addressee's alone.
            return self.decline("their_parcel_decline") | {"refused_parcel": True}
        other_shop = cues.any_of(cues.OTHER_SHOP, self.text) or cues.other_shop_named(self.turn.raw_text)
        if other_shop and not self.ents.get("order_number"):
            return self.decline("other_shop")
        credential = self.ents.get("email") or self.ents.get("postal_code")
        pushing = cues.any_of(cues.NO_CREDENTIAL, self.text) and not credential
        if pushing and state.get("pending_order") and self.auth in ("none", "need_credential"):
            if state.get("failed_verifications"):
                # "no idea which zip, can't you look it up by my name?" after details that didn't match:
                # a person can verify them another way.
                return self.handoff("verification_failed")
            # "I can't get into my email, just tell me where it is": no, plainly, with a person a tap away.
            return self.decline("privacy_decline")
        if state.get("problem") == "not_received" and self.focus and problems.asks_claim(self.text):
            # "ouvrez la réclamation svp" after the not-received checklist: the claim, for a person, with its reason
            # (read as a request for a person, it would lose why).
            return self.problem("dispatch_claim")
        asks_person = cues.any_of(cues.ASK_PERSON, self.text) and not cues.any_of(cues.WHAT_ARE_YOU, self.text)
        if asks_person or (
            self.intent == "human_agent"
            and self.confidence >= self.threshold
            and (self.confidence >= 0.9 or cues.any_of(cues.PERSON, self.text))
            and not cues.any_of(cues.PERSON_TALKED_ABOUT, self.text)
            and not (self.focus and self.confidence < 0.9 and cues.any_of(cues.WHAT_NOW, self.text))
        ):
            offered = state.get("pending_action") or {}
            if offered.get("kind") == "offer_person" and offered.get("reason") in problems.REASON.values():
                # "yes, get me someone" after a person was offered for a missing item: the case says why.
                self.out["intent"] = "delivery_issue"
                return self.handoff(offered["reason"])
            return self.handoff("customer_requested")
        elsewhere = cues.any_of(cues.ELSEWHERE, self.text) or (
            # The customer's own words: redaction may have hidden the topic ("Wiehnachtsgedicht").
            "<PERSON_" in self.text and cues.any_of(cues.ELSEWHERE, self.turn.raw_text)
        )
        if elsewhere and not self.ents and self.intent not in NEEDS_ORDER:
            return self.decline("out_of_scope")
        if self.auth == "need_credential":
            return self.ask_credential(state.get("pending_order") or "")
        pending = state.get("pending_action")
        if self.keeps_everything(pending):
            evidence, p = actions.keep_items(self.ctx(), self.focus or "")
            asked = topics.topics_of(self.text) if "?" in self.text else []
            if asked:
                # "wait actually how long do i have? maybe ill keep it for now": nothing booked, and the answer.
                facts = written_facts([t.article for t in asked])
                p, evidence = then_written(p, facts), [*evidence, *facts]
            return self.answer(evidence, p, pending_action=None, last_intent="start_return", intent="start_return")
        if pending:
            done = self.pending_action(pending)
            if done is not None:
                return done
            result = self.after_pending()
            age = int(pending.get("age") or 0) + 1
            if pending.get("kind") == "offer_person":
                return result  # not taken at once: a later "ok, thanks" is no yes to a person
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
        if correction and (
            problem in ("wrong_item", "missing_item")
            or (problem == "address_change" and (self.ents.get("order_number") or self.ents.get("email")))
        ):
            # "sorry, wrong number, it's #WS10057", "oh, a digit is missing: 37203", "falsche Adresse,
            # bestellt hab ich mit <email>": a correction of a detail, not a wrong or missing item or a new address.
            problem = None
        if (
            problem == "address_change"
            and cues.any_of(cues.WHERE, self.text)
            and not cues.any_of(cues.CHANGE, self.text)
        ):
            problem = None  # "where exactly is it now, the exact address?": where the parcel is, not a new address
        waiting_pickup = self.auth == "verified" and state.get("pending_intent") == "pickup_alternative"
        # "what are the options near me" under the list of points: those points, not the missed delivery again.
        near = self.focus is not None and (cues.asks_pickup(self.text) or cues.any_of(cues.NEARBY, self.text))
        wants_points = self.intent == "pickup_alternative" or waiting_pickup or near
        if problem in ("not_received", "redelivery") and wants_points:
            problem = None  # "couldn't deliver it, can I pick it up?": the pickup options answer it
        if problem in ("refund_demand", "not_received", "missing_item") and self.asks_after_refund:
            problem = None  # "where is my refund?", "the refund never arrived": the return under way answers it
        if problem == "refund_demand" and not (self.focus or self.ents) and "?" in self.text:
            problem = None  # "can I get a refund on a gift card?": a question the written policy answers
        if (
            problem is None
            and self.focus
            and not self.ents
            and state.get("last_intent") == "start_return"
            and not state.get("pending_action")
            and cues.any_of(cues.KEEP_THE_REST, self.text)
            and not cues.any_of(cues.KEEP, self.text)
            and not focus.mentions_other_order(self.text)
            and not re.search(r"\bother one\b", self.text, re.I)
            and len(self.text.split()) <= 8
        ):
            # "ok and the rest?" after an item that can't go back: what the order's other items can do.
            own = self.return_until()
            if own is not None:
                return self.answer(*own, last_intent="start_return", intent="start_return")
            return self.order_turn("return_status")
        if (
            problem is None
            and self.focus
            and not self.ents
            and state.get("last_intent") == "start_return"
            and cues.any_of(cues.WHY_NOT, self.text)
        ):
            # "why not?? it's still in the bag" after a return we can't take: the written rule that says
            # why (final sale, the return window), not the same refusal again.
            evidence, p, nxt = actions.start_return(
                self.ctx(), self.focus, state.get("last_text") or "", [], gift=self.gift
            )
            rules = [f for f in evidence if f.source_id.startswith("policy:returns#")]
            if nxt is None and rules:
                reply = self.policy_reply(*{f.source_id: f for f in rules}.values()) | {"last_intent": "start_return"}
                own = self.return_until()
                if own is not None:
                    # "what else can't be returned?": the rule, then what this order can still send back.
                    p = dict(reply["plan"])
                    p["then"] = [*p.get("then", []), own[1]]
                    reply = reply | {"plan": p, "evidence": [*reply.get("evidence", []), *own[0]]}
                return reply
            return self.answer(evidence, p, pending_action=nxt, last_intent="start_return", intent="start_return")
        if problem is None and cues.just_closing(self.text) and not self.ents:
            # "ok, I'll keep it then, thanks": a goodbye, never a follow-up question to look up.
            kind = "goodbye" if LocalPolicy.smalltalk_kind(self.text) == "goodbye" else "thanks"
            self.out["intent"] = "smalltalk"
            return self.out | {"plan": plan(kind, quick=["Track my order", TALK_TO_PERSON])}
        if self.focus and cues.any_of(cues.IN_THE_BOX, self.text):
            return self.contents()  # "is the Flannel Shirt in that box too?"
        written = self.written_topic()
        if written is not None:
            return written
        if problem is not None and (self.intent != "policy_question" or problem in problems.REASON):
            return self.problem(problem)
        return self.by_intent()

    def contents(self) -> dict:
        """What the order in focus holds, and whether it all ships in the one parcel."""
        ctx = self.ctx()
        try:
            items = tracking_tool.order_items(ctx, self.focus or "")
            parcels = items.values["parcels"]
            trackings = self.policy.trackings(ctx, self.focus or "") if parcels == 1 else []
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

    def escalate(self, reason: str) -> dict:
        """A person, now; for an upset customer asking about a verified order, what we know first."""
        about_it = self.intent in NEEDS_ORDER or self.ents or self.state.get("last_intent") in NEEDS_ORDER
        if reason in ("frustration", "dispute") and self.focus and about_it:
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
        text = cues.SELF_BLAME.sub(" ", cues.fold(text)) if cues.any_of(cues.SELF_BLAME, text) else text
        upset = (
            cues.any_of(cues.FRUSTRATION, text)
            or (cues.any_of(cues.PROFANITY, text) and not cues.only_mild_swearing(text))
            # "oh great, a bot. #WS14549, where's my stuff": sarcasm in a first message that asks for an
            # order is answered; sarcasm about an answer we gave is a customer losing patience.
            or (cues.any_of(cues.SARCASM, text) and (self.state.get("last_intent") or not self.ents))
            # Capitals alone are how some people type ("HELLO I AM TRYING TO FIND MY ORDER"): upset only
            # with angry words or "!!!".
            or (cues.shouting(text) and (mood(text) <= SHOUTED_MOOD or re.search(r"[!?]{2,}", text) is not None))
            or mood(text) <= UPSET_MOOD
        )
        return "frustration" if upset else None

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
        pending = state.get("pending_intent")
        if self.gift and intent in ("order_status", "policy_question") and cues.any_of(cues.RETURN, self.text):
            if self.ents.get("order_number") or self.focus:
                # "on m'a offert ... je peux le retourner ? le ticket cadeau indique #WS12269": a gift's return.
                return "start_return", max(confidence, self.threshold)
        proposed = (state.get("pending_action") or {}).get("kind") in ("return", "choose_refund")
        if self.asks_after_refund or (self.focus and not proposed and cues.any_of(cues.LABEL_AGAIN, self.text)):
            # "I sent it back last week, where's my money?", "I lost the label": the return's own record.
            return "return_status", max(confidence, self.threshold)
        if (
            cues.any_of(cues.CORRECTION, self.text)
            and self.ents.get("order_number")
            and (state.get("last_intent") in ("start_return", "return_status") or pending == "start_return")
        ):
            # "sorry wrong one, it's from the other order, #WS10255": the return goes on, on that order.
            return "start_return", max(confidence, self.threshold)
        if (
            intent == "start_return"
            and self.focus
            and not cues.any_of(cues.RETURN, self.text)
            and not _REFUND_WORD.search(cues.fold(self.text))
            and (cues.any_of(cues.IN_TIME, self.text) or cues.aspect(self.text) == "when")
        ):
            # "when's it gonna get here? it's a gift for my mama": no return asked, the date is.
            return "order_status", max(confidence, self.threshold)
        asks_anew = "?" in self.text or any(cues.any_of(c, self.text) for c in (cues.WHEN, cues.WHERE))
        generic = intent in ("order_status", "out_of_scope", "smalltalk") or (
            # "the gift receipt says #WS12170, it was shipped to my place, zip 10128": delivery words, no problem
            intent == "delivery_issue" and problems.detect(self.text, intent) is None
        )
        if self.auth == "verified" and generic and pending in NEEDS_ORDER and pending != intent and not asks_anew:
            # "it was shipped to my place, zip is 80202" after we asked for it to start a return: the
            # details we asked for, so the request they were asked for goes on.
            return pending, max(confidence, self.threshold)
        # "what time tho?", "which city is it in?": about the parcel even when read confidently as off topic.
        time_or_place = any(
            cues.any_of(c, self.text) for c in (cues.HOUR, cues.WHERE, cues.IN_TIME, cues.WHO, cues.DAY_GUESS)
        ) or (cues.any_of(cues.WHEN, self.text) and _IT_COMES.search(cues.fold(self.text)) is not None)
        if (
            intent in ("out_of_scope", "smalltalk", "policy_question")
            and in_context
            and (confidence < 0.9 or time_or_place)
        ):
            # "at what hour?", "and the date?", "will it be here today?" are about the order discussed.
            refund = actions.option_of(self.text, default=None) in ("refund", "store_credit")
            if (cues.any_of(cues.WHEN, self.text) or time_or_place) and len(self.text) <= 120 and not refund:
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
        if self.focus and intent in ("change_order", "out_of_scope") and cues.any_of(cues.WHERE_IT_IS, self.text):
            # "and the exact address where it is now?": where the parcel was last scanned, not an address change.
            return "order_status", max(confidence, self.threshold)
        carrier_back = cues.any_of(cues.CARRIER_SENDS_BACK, self.text)
        if carrier_back and intent in ("start_return", "return_status") and (self.focus or self.ents):
            # "it's at the post office but I'm away till the 18th, will they send it back?": its hold time.
            return "order_status", max(confidence, self.threshold)
        if (
            cues.any_of(cues.RETURN, self.text)
            and not carrier_back
            and intent not in ("start_return", "return_status", "human_agent")
            and not cues.any_of(cues.NOT_HERE, self.text)
            # ("where's #WS.. and can I send the gloves back?": the status first, the return as the next part.)
            and not (
                intent == "order_status"
                and any(cues.any_of(cues.RETURN, part) for part, _u in self.extras)
                # ("comprei X no pedido #WS.. e ficou grande. dá pra trocar?": the lead part is the return too.)
                and not (self.lead is not None and cues.any_of(cues.RETURN, self.lead[0]))
            )
        ):
            # "it's too big on me", "not my style": a return, whatever else the wording resembles.
            return "start_return", max(confidence, self.threshold)
        unsure = intent not in NEEDS_ORDER or confidence < self.threshold
        return_word = _RETURN_WORD.search(cues.fold(self.text))
        if intent in ("start_return", "return_status") and self.ents.get("order_number") and not return_word:
            if cues.any_of(cues.ANOTHER_ORDER, self.text) and not cues.any_of(cues.RETURN, self.text):
                # "i have another order too, WS14344": that order brought in, no return asked of it.
                return "order_status", max(confidence, self.threshold)
        if top in ("start_return", "return_status") and not return_word:
            # "ok and I placed another one after that #WS14564": an unsure guess at a return needs a
            # word of one; without it the next reading stands.
            top = max(
                (i for i in NEEDS_ORDER if i not in ("start_return", "return_status")), key=lambda i: scores.get(i, 0.0)
            )
        if unsure and not is_followup(self.text, self.ents) and self.ents and scores.get(top, 0.0) >= WEAK_SCORE:
            # "my other order #WS10057 couldn't be delivered, can I get it somewhere else?": the
            # model's own best reading, though unsure, says more than the last turn's intent.
            return top, max(scores[top], self.threshold)
        pickup_context = (
            intent in ("order_status", "delivery_issue")
            or (in_context and intent in ("smalltalk", "out_of_scope") and confidence < 0.9)
            # "vous avez des points relais près de chez moi ?" with the order in focus: its points, not the policy.
            # "se puede mandar a un locker?" about it: a request to send it there, not the lockers page.
            or (
                self.focus is not None
                and intent == "policy_question"
                and (cues.any_of(cues.NEARBY, self.text) or cues.any_of(cues.SEND_THERE, self.text))
            )
        )
        if intent == "pickup_alternative" and self.focus and not cues.asks_pickup(self.text):
            if cues.any_of(cues.STATUS_MEANING, self.text):
                return "order_status", max(confidence, self.threshold)  # "whats the hold up": what keeps it
        left = cues.any_of(cues.WHERE_LEFT, self.text)
        if left and intent == "pickup_alternative" and self.focus:
            return "order_status", max(confidence, self.threshold)  # where it was left: the delivery scan
        listed = (state.get("pending_action") or {}).get("kind") == "choose_point"
        if self.focus and listed and cues.any_of(cues.NEARBY, self.text) and not self.ents:
            # "whats near me" under the list of points near the delivery address: those points.
            return "pickup_alternative", max(confidence, self.threshold)
        after_status = state.get("last_intent") in ("order_status", "delivery_issue")
        unread = intent in ("smalltalk", "out_of_scope") and not self.ents
        if self.focus and after_status and unread and cues.any_of(cues.WHEN, self.text):
            # "ok so thursday yes or no lol" after the status: when it comes, asked again.
            return "order_status", max(confidence, self.threshold)
        if self.focus and after_status and actions.asks_nearest(self.text):
            # "whichever is closest" after "you can also pick it up at a nearby point": that point.
            return "pickup_alternative", max(confidence, self.threshold)
        if cues.asks_pickup(self.text) and pickup_context and not is_followup(self.text, self.ents) and not left:
            # ("where did they leave it, the porch, a locker?" asks where it was delivered, not for a point.)
            return "pickup_alternative", max(confidence, self.threshold)
        if is_followup(self.text, self.ents) or (confidence < self.threshold and self.ents):
            intent = state.get("pending_intent") or state.get("last_intent") or "order_status"
            if intent not in NEEDS_ORDER and (self.ents.get("order_number") or self.ents.get("tracking_number")):
                intent = "order_status"
            confidence = max(confidence, self.threshold)
        elif self.auth in ("verified", "switched") and intent not in NEEDS_ORDER:
            # The customer just proved an order ("ah wait, that's my old zip. 77002"): answer about it.
            unrelated = intent in ("policy_question", "change_order") and confidence >= 0.9
            if intent == "change_order" and state.get("pending_intent") in NEEDS_ORDER:
                # "No talão de oferta está #WS11808, o código postal é 30303": the details asked for, read
                # as a change by their postal words; only a word of change makes it one.
                unrelated = cues.any_of(cues.CHANGE, self.text) or problems.detect(self.text, intent) is not None
            if not unrelated:
                intent = state.get("pending_intent") or "order_status"
                confidence = max(confidence, self.threshold)
        return intent, confidence

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
        if positional is None and not state.get("pending_action"):
            positional = focus.named_by_status(dict(state), self.text, self.shipment_status)
        if positional is not None and not self.ents.get("order_number"):
            self.state = {**state, "verified_order": positional}  # type: ignore[assignment]
            self.out["verified_order"] = positional
            return self.order_turn(effective if effective in NEEDS_ORDER else "order_status")
        credential = self.ents.get("email") or self.ents.get("postal_code")
        # "just the slippers, keeping the other one" during a return: the other item, not another order.
        item_talk = bool(state.get("pending_action"))
        if (
            focus.mentions_other_order(self.text)
            and not self.ents.get("order_number")
            and not credential
            and not item_talk
        ):
            # ("I used my other one, <email>" is another email, not another order.)
            moved = self.move_to_other_order(effective)
            if moved is not None:
                return moved
        if (
            self.focus
            and not self.ents
            and state.get("last_intent") == "start_return"
            and cues.is_yes(self.text)
            and returns_tool.return_status(self.ctx(), self.focus)
        ):
            # "confirm" once the return is booked already: say it is, with where it stands.
            return self.order_turn("return_status")
        if state.get("refused_order") and not self.ents and _PRESSES_FOR_DETAILS.search(cues.fold(self.text)):
            # "come on, it's for the kids. just the city then": the same no, another customer's order.
            return self.decline("privacy_decline")
        lost = cues.any_of(cues.NO_NUMBER, self.text) and not state.get("tracking_focus")
        before = state.get("topic_articles")
        if not self.focus and not self.ents and lost and before and cues.any_of(cues.WHEN, self.text):
            # "dont have the order number on me rn, just roughly how long" after the refund rule: the rule's
            # own time, which needs no order.
            return self.topics_reply(topics.of_articles(before))
        if not self.focus and not self.ents and lost:
            # "i dont have the number, its on my other phone": where to find it, and a person if it stays lost.
            self.out["intent"] = state.get("pending_intent") or "order_status"
            return self.out | {"plan": plan("no_order_number", quick=[TALK_TO_PERSON]), "awaiting": "order"}
        if (cues.sad_face(self.text) or self.resigned) and state.get("last_intent"):
            # "😩😩", "ugh fine" after an answer: said with sympathy, and a person offered (a yes brings one in).
            self.out["intent"] = "smalltalk"
            offer = {"kind": "offer_person", "reason": "customer_requested"}
            return self.out | {"plan": plan("sympathy", quick=[TALK_TO_PERSON]), "pending_action": offer}
        if (
            cues.any_of(cues.WAIT_INSTEAD, self.text)
            and not self.ents
            and "?" not in self.text
            and not cues.asks_something(self.text)
            and effective not in ("human_agent",)
        ):
            # "ok nvm, don't move it, I'll wait for them to come back": nothing changes, and that is said.
            self.out["intent"] = "smalltalk"
            return self.answer([], plan("action_cancelled", quick=[TALK_TO_PERSON]), pending_action=None)
        kind = self.small_talk(effective, confidence)
        if kind is not None:
            # Before any lookup: "oui c'est bon", "thanks!", "ok, I'll wait" ask nothing.
            self.out["intent"] = "smalltalk"
            p = plan(kind, quick=["Track my order", TALK_TO_PERSON])
            if kind in SELF_DISCLOSING:
                return self.out | {"plan": p, "disclosed": True}
            return self.out | {"plan": p}  # a first "how's your day?" still learns it talks to a bot
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
                own = self.return_until() if self.focus and fact.source_id.startswith("policy:returns#") else None
                if own is not None:
                    # "what else can't be returned?" with an order on hand: the rule, then that order's items.
                    evidence, p = evidence + own[0], p | {"then": [*p.get("then", []), own[1]]}
                return self.answer(evidence, p, last_intent=effective)
            if not nlu.has_wismo_anchor(self.text):
                # "iphone or samsung?", "write me a poem": not a question about this shop at all.
                return self.decline("out_of_scope")
            return self.answer([], plan("policy_unknown", [], [TALK_TO_PERSON]), last_intent=effective)
        if (
            state.get("last_intent") == "policy_question"
            and not self.focus
            and not self.ents
            and len(self.text.split()) <= 10
            and (cues.any_of(cues.FOLLOWUP_LEAD, self.text) or cues.elliptical(self.text))
        ):
            # "and if I pay for faster shipping?" after the holiday cut-offs: the same topic, read on.
            found = (
                topics.topics_of(self.text)
                or topics.topics_of(f"{state.get('last_text') or ''} {self.text}")
                or topics.of_articles(state.get("topic_articles") or [])
            )
            if found:
                return self.topics_reply(found)
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
                "last_intent": "out_of_scope",
            }
        # "is it gonna snow in chicago this weekend?": no delivery read in it, a question for someone else.
        off_topic = effective in ("out_of_scope", "smalltalk") and cues.any_of(cues.OFF_TOPIC, self.text)
        if (effective == "out_of_scope" and confidence >= OUT_OF_SCOPE_MIN_CONFIDENCE) or (off_topic and not self.ents):
            return self.decline("out_of_scope")
        # Not understood as an intent: a follow-up the shop's written answers cover ("do I need to
        # print anything?" after a pickup, "and the 25th?" after holiday hours) still gets one.
        if not self.ents:
            fact = self.written_answer(strict=True)
            if fact is not None:
                return self.policy_reply(fact)
        if (
            not self.ents
            and len(self.text.split()) >= 5
            and cues.any_of(cues.ASKS_FOR_HELP, self.text)
            and not nlu.has_wismo_anchor(self.text)
        ):
            # "can u help me write a letter to my landlord": understood, and not ours to do.
            return self.decline("out_of_scope")
        if state.get("pending_order") and cues.any_of(cues.WHY_VERIFY, self.text):
            return self.out | {"plan": plan("why_verify", quick=[TALK_TO_PERSON]), "awaiting": "verification"}
        if state.get("pending_order") and not state.get("credential"):
            # Pressed for an order's details without the email or ZIP on it: why we can't, plainly.
            return self.decline("privacy_decline")
        if state.get("last_intent") == "out_of_scope" or state.get("tracking_focus"):
            # A question after a "no" ("so you can't check it?"): say plainly what we can do.
            return self.out | {"plan": plan("capabilities", quick=["Track my order", TALK_TO_PERSON])}
        if not self.focus and not self.ents and nlu.has_wismo_anchor(self.text) and not state.get("pending_order"):
            # "I have 2 orders with you and I'm confused which is which": about an order, said our own
            # way or not, and nothing to look up yet: the order asked for, not "didn't catch that".
            self.out["intent"] = state.get("pending_intent") or "order_status"
            return self.ask_for_order(self.out["intent"])
        n = int(state.get("not_understood") or 0) + 1
        if n >= 2:
            return self.handoff("repeated_failure") | {"not_understood": 0}
        return self.out | {
            "plan": plan("not_understood", quick=["Track my order", TALK_TO_PERSON]),
            "not_understood": n,
            "unresolved": "low_confidence",
        }

    @property
    def resigned(self) -> bool:
        """ "ugh fine", "whatever", "tant pis": a short sigh that asks nothing, with nothing waiting for it."""
        text = self.text
        return (
            cues.any_of(cues.RESIGNED, text)
            and not self.ents
            and not self.state.get("pending_action")
            and len(text.split()) <= 5
            and "?" not in text
            and not cues.asks_something(text)
        )

    def small_talk(self, effective: str, confidence: float) -> str | None:
        """The template for small talk ("thanks", "merry christmas", "found it!", "are you a bot?")."""
        text = self.text
        if self.ents or len(text) > 160:
            return None
        if cues.any_of(cues.HOLIDAY_WISH, text) and effective not in NEEDS_ORDER:
            return "holiday_wish"
        # "ok i'll wait then" has no purchase word: read as the order's question only by context.
        unanchored = (
            self.intent == "out_of_scope"
            and self.confidence < self.threshold
            and not cues.asks_something(text)
            and not any(cues.any_of(c, text) for c in (cues.WHEN, cues.HOUR, cues.WHERE))
        )
        casual = (
            effective in ("smalltalk", "out_of_scope", "policy_question") or confidence < self.threshold or unanchored
        )
        if casual and cues.any_of(cues.GLAD, text) and "?" not in text and not cues.asks_something(text):
            return "glad"
        if cues.any_of(cues.CHITCHAT, text) and effective not in NEEDS_ORDER and not self.ents:
            return "chitchat"  # "haha ok. bet you're swamped this time of year"
        if cues.any_of(cues.FOUND_IT, text) and "?" not in text:
            return "glad"  # "omg it was behind the big planter. sorry lol all good"
        if cues.any_of(cues.LOOKING_NOW, text) and "?" not in text and len(text.split()) <= 12:
            return "take_your_time"  # "ok hang on let me look around"
        said_yes = cues.any_of(cues.ACK, text) or cues.is_yes(text) or cues.thumbs_up(text)
        if casual and said_yes and not cues.any_of(cues.YES_OR_NO, text):
            return "anything_else"
        asks = cues.asks_something(text) or cues.any_of(cues.STATUS_MEANING, text)
        # ("ok so the vest i got is HUGE on me": a reason to send it back, not an "ok")
        asks = asks or cues.any_of(cues.RETURN, text) or actions.states_reason(text)
        asks = asks or cues.any_of(cues.YES_OR_NO, text)
        if casual and cues.any_of(cues.ACK_LEAD, text) and "?" not in text and len(text.split()) <= 12 and not asks:
            # "ok, I'll wait then", "vale, pues me lo quedo": a statement that asks nothing.
            return "anything_else"
        if effective != "smalltalk" or confidence < self.threshold:
            return None
        kind = LocalPolicy.smalltalk_kind(text)
        if kind is None:
            return None
        return {"thanks": "thanks", "goodbye": "goodbye", "disclosure": "disclosure_answer"}.get(kind, kind)


def act(state: TurnState, turn: Turn) -> dict:
    return Dialogue(state, turn).run()
