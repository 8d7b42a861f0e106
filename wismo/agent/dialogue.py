"""The local engine's dialogue: from an understood, authorized turn to tool calls and a reply plan.

The order of the rules is the conversation's priorities, top to bottom:
1. a conversation with a person stays with the person; a locked verification goes to one;
2. a dispute, a legal threat or a customer losing patience goes to a person at once (escalation.py);
3. the customer asking for a person gets one;
4. an action awaiting the customer's choice or yes (a pickup point, an item, a confirmation);
5. a delivery problem (damaged, wrong or missing item, not received, redelivery, address change,
   cancellation, refund demand) gets its own flow (problems.py, problem_answers.py);
6. a question about the focus order, another order, or a tracking number only (focus.py);
7. policy questions, small talk, out of scope, and "not understood" last (intent_in_context.py, small_talk.py).

Every plan names a template and the facts it cites; nothing here writes free text.
"""

from __future__ import annotations

import re

from ..domain.store import normalize_key
from ..tools import returns as returns_tool
from . import actions, cues, focus, nlu, problems, topics
from .deps import Turn
from .escalation import Escalation
from .intent_in_context import IntentInContext
from .order_answers import OrderAnswers
from .pending import PendingReplies
from .policy import NEEDS_ORDER, TALK_TO_PERSON, LocalPolicy, plan, then_written, written_facts
from .problem_answers import ProblemAnswers
from .small_talk import SmallTalk
from .state import TurnState

#: Below this an out-of-scope reading is "not understood" (gibberish), not a clear other topic.
OUT_OF_SCOPE_MIN_CONFIDENCE = 0.85
#: Small-talk answers that say themselves that a bot is talking.
SELF_DISCLOSING = frozenset({"greeting", "disclosure_answer"})
#: A proposal waiting for its yes survives this many turns about something else.
PENDING_TURNS = 2
#: Pressing for a part of another customer's order after a no ("just the city then", "at least the state").
_PRESSES_FOR_DETAILS = re.compile(
    r"\b(?:(?:just|only|at least) (?:the|his|her|their) (?:city|town|state|zip|street|address|tracking(?: number)?)"
    r"|(?:just|only) the tracking(?: number)? (?:is fine|will do|please)|his address"
    r"|her address|solo la ciudad|al menos la ciudad|juste la ville|nur die stadt|so a cidade)\b"
)

#: Pressing us to look at another shop's order anyway: "can't you just look it up", "you're all linked".
_PRESSES_TO_LOOK = re.compile(
    r"\b(?:look (?:it )?up|check (?:it|again|anyway)|can'?t (?:you|u)|cant (?:you|u)|couldn'?t (?:you|u)|linked"
    r"|connected|same system|access to|just (?:check|look|find)|no (?:puedes|podes|pueden)|(?:mira|busca)(?:lo|la)"
    r"|tu (?:ne )?peux pas|vous (?:ne )?pouvez pas|regarde(?:z)? quand meme|kannst du (?:das )?nicht|konnen sie"
    r" (?:das )?nicht|schau (?:doch|mal)|nao (?:pode|podem|consegue)|da uma olhada"
    # "schau halt trotzdem mal nach", "look anyway", "míralo igual", "regarde quand même", "olha mesmo assim"
    r"|anyway|trotzdem|de todas formas|igual(?:mente)?|quand meme|mesmo assim)\b"
)


def _without_offer(answer: dict) -> dict:
    """An order's answer without the offer beside it: none while a person is on the way or after a no."""
    offer = (answer.get("plan") or {}).get("offer")
    if not offer:
        return answer
    p = {k: v for k, v in answer["plan"].items() if k != "offer"}
    p["cite"] = [c for c in p.get("cite", []) if c != offer]
    return answer | {"plan": p, "evidence": [f for f in answer.get("evidence", []) if f.source_id != offer]}


class Dialogue(PendingReplies, Escalation, ProblemAnswers, IntentInContext, SmallTalk, OrderAnswers):
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
            asks_status = self.focus and not self.ents and cues.asks_status(self.text)
            if not found and not meaning and self.focus and (self.auth == "verified" or asks_status):
                # "its about my order #WS13776, <email>. person please" after the handoff: the order is
                # verified for the person who takes the case, and its status said meanwhile; "wait did it ship
                # yet?" while the person is on the way: where it stands, from the carrier.
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
        self.pointed_at = self.order_pointed_at()
        if self.pointed_at is not None:
            # "then I just need to wait for the first one. can they bring it saturday?": every answer below is
            # about the order pointed at, not the one discussed last.
            self.state = {**state, "verified_order": self.pointed_at}  # type: ignore[assignment]
            self.out["verified_order"] = self.pointed_at
            state = self.state
        if self.gift and not state.get("gift_received"):
            self.out["gift_received"] = True  # "I got it as a gift": every later return is store credit
        if (
            cues.any_of(cues.OTHER_SHOP, self.text)
            and not self.ents.get("order_number")
            and not cues.any_of(cues.DISPUTE, self.text)
        ):
            # "where's my amazon package? their support is useless": another shop's parcel, and the
            # anger is at them; said no to plainly, not handed to our team.
            return self.other_shop_no()
        if self.presses_on_other_shop():
            # "cant u just look it up, ur all linked surely", "na toll. und die nummer vom amazon-kundenservice?"
            # right after another shop's order was declined: the same no, in other words, not a person.
            return self.other_shop_no()
        if cues.any_of(cues.CREATIVE, self.text) and not self.ents:
            # "write me a christmas poem about my package being late", "m'écrire une lettre de plainte pour USPS":
            # no one on the team writes one either (and a complaint for another company is no dispute with us).
            return self.decline("out_of_scope")
        escalation = self.escalation()
        if escalation:
            return self.escalate(escalation)
        if self.auth in ("mismatch", "limited"):
            # Before any other answer: a wrong pair reads the same whatever else the message says.
            # Two wordings in turn: a customer retrying never reads the same answer twice in a row.
            # A limited client's try is not counted, but must read like any other wrong pair.
            tries = int(state.get("failed_verifications") or 0) + (self.auth == "limited")
            if cues.any_of(cues.ASK_PERSON, self.text):
                # "old pin code maybe 08817. kindly connect me to some executive" with details that do not
                # match: a person who can verify another way, as the customer asks.
                return self.handoff("verification_failed")
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
            return self.other_shop_no()
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
        booked = state.get("booked_return")
        if booked and booked == self.focus and not self.ents and not pending:
            if cues.any_of(cues.UNDO, self.text) or cues.any_of(cues.KEEP, self.text) or cues.is_no(self.text):
                # "actually wait. no. don't. forget it" right after the return was booked: a person cancels it.
                return self.handoff("cancel_request") | {"booked_return": None}
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
            if pending.get("kind") == "offer_person":
                # Not taken at once: the message is about something else, read as if nothing were waiting (a
                # later "ok, thanks" is no yes to a person).
                self.state = {**self.state, "pending_action": None}  # type: ignore[assignment]
                return self.after_pending()
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
            own = self.return_until(deadline_asked=cues.any_of(cues.WHEN, self.text))
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
        if self.focus and cues.any_of(cues.WHICH_HOLDS, self.text):
            holder = self.which_order_holds()  # "which one has the Flannel Shirt in it?" with two orders proved
            if holder is not None:
                return holder
        if self.focus and cues.any_of(cues.IN_THE_BOX, self.text) and problem != "missing_item":
            # "is the Flannel Shirt in that box too?" (not "o Merino Beanie não veio na caixa": it is missing)
            return self.contents()
        written = self.written_topic()
        if written is not None:
            return written
        if problem is not None and (self.intent != "policy_question" or problem in problems.REASON):
            return self.problem(problem)
        return self.by_intent()

    def other_shop_no(self) -> dict:
        """No to another shop's order, remembered so that pressing on it gets the same no."""
        return self.decline("other_shop") | {"other_shop": True}

    def presses_on_other_shop(self) -> bool:
        """Right after another shop's order was declined, the customer presses to look anyway or names
        that shop again."""
        state = self.state
        if not state.get("other_shop") or state.get("last_intent") != "out_of_scope" or self.ents:
            return False
        return bool(_PRESSES_TO_LOOK.search(cues.fold(self.text))) or cues.any_of(cues.SHOP_NAMED, self.text)

    def order_pointed_at(self) -> str | None:
        """One of the orders discussed, named by its place ("the first one") or by what happened to it
        ("the missed one"), with no order number and nothing proposed waiting for an answer."""
        state = self.state
        if state.get("pending_action") or self.ents.get("order_number"):
            return None
        named = focus.named_by_position(dict(state), self.text)
        return named or focus.named_by_status(dict(state), self.text, self.shipment_status)

    # ------------------------------------------------------------------ intents
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
        if self.pointed_at is not None:
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
            and not self.resigned
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
            hint = plan("no_order_number", quick=[TALK_TO_PERSON])
            asked = topics.topics_of(self.text) if "?" in self.text or cues.asks_something(self.text) else []
            if asked:
                # "no order number, just the gift receipt. will whoever bought it find out?": the question
                # answered first, then where the number is found.
                reply = self.topics_reply(asked)
                answered = reply["plan"] | {"then": [*reply["plan"].get("then", []), hint]}
                return reply | {"plan": answered, "awaiting": "order"}
            return self.out | {"plan": hint, "awaiting": "order"}
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


def act(state: TurnState, turn: Turn) -> dict:
    return Dialogue(state, turn).run()
