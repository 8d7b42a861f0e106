"""Small talk: a message that asks nothing ("thanks", "ok i'll wait", "found it!", "merry christmas", "are you a
bot?") gets its short answer before any lookup, never an order's status read into it."""

from __future__ import annotations

import re

from . import actions, cues
from .policy import NEEDS_ORDER, LocalPolicy
from .turn_base import DialogueBase

#: "but fine", "pero bueno": a "but" that gives in, not one that asks for more.
_GIVING_IN = re.compile(
    r"\b(?:but|pero|mais|aber|mas) (?=fine|ok|okay|whatever|oh well|forget|vale|bueno|bon|tant pis|na gut"
    r"|egal|ta bom|enfim)"
)
#: "unbelievable. fine", "Useless. Right, fine": a sentence, then a last word that gives up. A bare "fine"
#: or "ok fine" may be a yes to something proposed, so a sentence must come before it.
_FINE_AT_THE_END = re.compile(r"\w\W*[.!;]\s*(?:(?:ok(?:ay)?|right|alright|oh|well)\W+)?fine(?: then)?\W*$")


class SmallTalk(DialogueBase):
    @property
    def resigned(self) -> bool:
        """ "ugh fine", "whatever", "tant pis": a short sigh that asks nothing, with nothing waiting for it."""
        text = self.text
        return (
            (cues.any_of(cues.RESIGNED, text) or _FINE_AT_THE_END.search(cues.fold(text)) is not None)
            and not self.ents
            and not self.state.get("pending_action")
            and len(text.split()) <= 8
            and "?" not in text
            # ("bit rubbish but fine, forget it then": a "but" that gives in asks nothing)
            and not cues.asks_something(_GIVING_IN.sub(" ", cues.fold(text)))
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
        if cues.any_of(cues.ABOUT_ME, text) and effective not in NEEDS_ORDER:
            return "about_me"  # "haha ok. do you even like christmas? be honest"
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
