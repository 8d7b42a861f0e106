"""When a person comes in at once, whatever the message asks: a dispute or legal threat, or a customer losing
patience (angry words, sarcasm about our answer, shouting); for an upset customer, what we know goes first."""

from __future__ import annotations

import re

from ..handoff.sentiment import score as mood
from ..tools.evidence import ToolRefused
from . import cues
from .policy import NEEDS_ORDER
from .turn_base import DialogueBase

#: A message this negative (sentiment in [-1, 1]) is a customer losing patience.
UPSET_MOOD = -0.6
#: A message in capitals this negative is shouting at us, not just typing in capitals.
SHOUTED_MOOD = -0.4


#: Anger at someone else (another shop, its courier), not at us: "ugh they're useless", "ils sont nuls".
_AT_THEM = re.compile(
    r"\b(?:they'?re|they are|theyre|them|those (?:guys|people)|amazon|ebay|that shop|the other shop|ellos son"
    r"|son unos|ils sont|die sind|eles sao)\b.{0,15}\b(?:useless|hopeless|rubbish|terrible|awful|a joke|incompetent"
    r"|pathetic|inutiles|nuls|unfahig|nutzlos|inuteis)\b"
)


#: Praise for the service itself, or applause: sincere after good news, sarcasm after bad.
_PRAISE = re.compile(
    r"\b(?:wow|great|amazing|fantastic|brilliant|wonderful|incredible|stellar|top notch|superb)\b.{0,15}"
    r"\b(?:service|job|work|support|company)\b|👏|\bslow clap\b|\b(?:bravo|well done|love it)\W*$"
)
#: The parcel states a customer is not pleased to hear about.
_BAD_NEWS = frozenset({"delayed", "exception", "attempt_failed", "returned_to_sender", "expired"})


class Escalation(DialogueBase):
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

    def praise_for_bad_news(self) -> bool:
        """ "wow amazing service 👏👏 love it" right after we said the parcel is late, stuck or missed: praise
        that means the opposite."""
        if self.ents or not self.focus or self.state.get("last_intent") not in NEEDS_ORDER:
            return False
        if not _PRAISE.search(cues.fold(self.text)) or cues.any_of(cues.CLOSING, self.text):
            return False
        return self.shipment_status(self.focus) in _BAD_NEWS

    def escalation(self) -> str | None:
        """A reason to bring in a person now: a dispute or legal threat, or a customer losing patience."""
        text = self.text
        if cues.any_of(cues.DISPUTE, text):
            return "dispute"
        if self.state.get("last_intent") == "out_of_scope" and not self.focus and _AT_THEM.search(cues.fold(text)):
            # "ugh they're useless. can't you ring the courier?" about another shop we just said we can't reach:
            # their fault, not ours; the same no, said again, not a person.
            return None
        text = cues.SELF_BLAME.sub(" ", cues.fold(text)) if cues.any_of(cues.SELF_BLAME, text) else text
        upset = (
            cues.any_of(cues.FRUSTRATION, text)
            or (cues.any_of(cues.PROFANITY, text) and not cues.only_mild_swearing(text))
            # "oh great, a bot. #WS14549, where's my stuff": sarcasm in a first message that asks for an
            # order is answered; sarcasm about an answer we gave is a customer losing patience.
            or (cues.any_of(cues.SARCASM, text) and (self.state.get("last_intent") or not self.ents))
            or self.praise_for_bad_news()
            # Capitals alone are how some people type ("HELLO I AM TRYING TO FIND MY ORDER"): upset only
            # with angry words or "!!!".
            or (cues.shouting(text) and (mood(text) <= SHOUTED_MOOD or re.search(r"[!?]{2,}", text) is not None))
            or mood(text) <= UPSET_MOOD
        )
        # "Useless. Right, fine", "Bit rubbish but fine, forget it then": angry words as the customer gives
        # up; said with sympathy and a person offered, not pushed onto them.
        return "frustration" if upset and not self.resigned else None
