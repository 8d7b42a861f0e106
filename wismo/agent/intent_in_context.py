"""The intent a turn acts on: the classifier reads one message alone, but "at what hour?", "it's too big on
me" or a bare zip code mean what they mean after the conversation so far (the order in focus, the request
that waits for its details, the model's own runner-up scores)."""

from __future__ import annotations

import re

from . import actions, cues, problems, topics
from .followup import is_followup
from .policy import NEEDS_ORDER
from .turn_base import DialogueBase

#: A demoted WISMO reading counts mid-conversation when the model's own score reaches this.
CONTEXT_MIN_SCORE = 0.5
#: A WISMO reading this likely, in a message that carries an order number, is acted on.
WEAK_SCORE = 0.3
#: A word of a return or refund in any of the five languages (accents folded), and with an exchange's.
_REFUND_STEMS = r"return|refund|send \w+ back|devol|rembours|retour|zuruck|erstatt|reembols"
_REFUND_WORD = re.compile(rf"\b(?:{_REFUND_STEMS})")
#: "when is it supposed to come", "when will my parcel get here": the order's day, whatever story is around it.
_IT_COMES = re.compile(
    r"\b(?:is|will|does|would|should) (?:it|my (?:order|package|parcel|stuff)) (?:be )?"
    r"(?:supposed to |going to |gonna )?(?:come|arrive|get here|be here|show up|land)\b"
)
_RETURN_WORD = re.compile(rf"\b(?:{_REFUND_STEMS}|exchange|swap|cambi|renvo|echang|umtausch|tausch|retoure|troc)")


class IntentInContext(DialogueBase):
    def effective_intent(self) -> tuple[str, float]:
        """The intent to act on, read in the conversation's context."""
        state = self.state
        intent, confidence = self.intent, self.confidence
        # A pickup point asked for, and where the parcel was left: read once, used by several rules below.
        asks_point = cues.asks_pickup(self.text)
        left = cues.any_of(cues.WHERE_LEFT, self.text)
        in_context = bool(
            self.focus
            or state.get("pending_intent")
            or state.get("tracking_focus")
            or state.get("last_intent") in NEEDS_ORDER
        )
        pending = state.get("pending_intent")
        only_tracking = self.ents.get("tracking_number") and not self.ents.get("order_number")
        if only_tracking and intent == "policy_question" and not topics.topics_of(self.text):
            # "all I've got is the tracking number she wrote on the card: 4484...": the parcel looked up, not
            # a rule that shares some of the words.
            return "order_status", max(confidence, self.threshold)
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
        time_or_place = (
            any(cues.any_of(c, self.text) for c in (cues.HOUR, cues.WHERE, cues.IN_TIME, cues.WHO, cues.DAY_GUESS))
            or (cues.any_of(cues.WHEN, self.text) and _IT_COMES.search(cues.fold(self.text)) is not None)
            # "also is des noch gar ned verschickt?", "did it ship yet?": where it stands, asked.
            or (cues.any_of(cues.SHIPPED_YET, self.text) and not self.ents)
        )
        if (
            intent in ("out_of_scope", "smalltalk", "policy_question")
            and in_context
            and (confidence < 0.9 or time_or_place)
        ):
            # "at what hour?", "and the date?", "will it be here today?" are about the order discussed.
            refund = actions.option_of(self.text, default=None) in ("refund", "store_credit")
            if (cues.any_of(cues.WHEN, self.text) or time_or_place) and len(self.text) <= 120 and not refund:
                if asks_point and not left and self.focus:
                    # ("...when i was at work, cant i just grab it somewhere?": a pickup asked, not when or where.)
                    return "pickup_alternative", max(confidence, self.threshold)
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
        asks_meaning = intent == "change_order" and cues.any_of(cues.STATUS_MEANING, self.text)
        if asks_meaning and self.focus and not problems.detect(self.text, intent, None):
            # "do I need to do anything from my side? the address is correct": what the status means for
            # them, not a change to the order.
            return "order_status", max(confidence, self.threshold)
        if self.focus and intent in ("change_order", "out_of_scope") and cues.any_of(cues.WHERE_IT_IS, self.text):
            # "and the exact address where it is now?": where the parcel was last scanned, not an address change.
            return "order_status", max(confidence, self.threshold)
        going_back = intent in ("start_return", "return_status") and self.focus and "?" in self.text
        if going_back and not self.ents and self.shipment_status(self.focus) == "returned_to_sender":
            # "so do I get my money back or do you send it again?" with the parcel on its way back to us: what
            # happens to it (the carrier's return), not a return of the customer's.
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
            # ("the driver came while i was at work, cant i just grab it somewhere? #WS.. <email>": a point.)
            if top in ("order_status", "delivery_issue") and asks_point and not left:
                top = "pickup_alternative"
            return top, max(scores[top], self.threshold)
        pickup_context = (
            intent in ("order_status", "delivery_issue")
            or (in_context and intent in ("smalltalk", "out_of_scope") and confidence < 0.9)
            # "vous avez des points relais près de chez moi ?" with the order in focus: its points, not the policy.
            # "se puede mandar a un locker?" about it: a request to send it there, not the lockers page.
            or (
                self.focus is not None
                and intent == "policy_question"
                and (
                    cues.any_of(cues.NEARBY, self.text)
                    or cues.any_of(cues.SEND_THERE, self.text)
                    # "Dá para levantar noutro sítio?": collecting it elsewhere, asked about it.
                    or (asks_point and cues.any_of(cues.MAY_I, self.text))
                )
            )
        )
        if intent == "pickup_alternative" and self.focus and not asks_point:
            if cues.any_of(cues.STATUS_MEANING, self.text):
                return "order_status", max(confidence, self.threshold)  # "whats the hold up": what keeps it
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
        if asks_point and pickup_context and not is_followup(self.text, self.ents) and not left:
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
