"""Answers from the shop's written policy (the knowledge base): a topic asked about mid-conversation,
a short follow-up read with the previous message, a general question before any order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..domain.store import normalize_key
from ..i18n import wording
from ..tools import knowledge
from ..tools import returns as returns_tool
from ..tools import tracking as tracking_tool
from ..tools.context import ToolContext
from ..tools.evidence import ToolRefused
from . import actions, cues, topics
from .followup import only_details
from .policy import EXPLAINED, NEEDS_ORDER, TALK_TO_PERSON, LocalPolicy, plan, then_written, written_facts
from .turn_base import DialogueBase

#: Knowledge-base match needed to answer a general returns/delivery question before any order is given.
GENERAL_MIN_SCORE = 0.45
#: Knowledge-base match needed to answer a short follow-up read together with the previous message.
FALLBACK_MIN_SCORE = 0.55


@dataclass(frozen=True)
class RequestRules:
    """The written rules a request is answered from before its order is given: `articles` to search,
    and `general`, the one that answers the request itself when the words match no article clearly
    ("I want to return something" is as close to the gift rules as to the return window)."""

    articles: tuple[str, ...]
    general: str


#: A return from the return rules (a damaged item is a delivery problem with a flow of its own);
#: a pickup from the redirect, locker and missed-delivery pages (someone else collecting is a topic
#: of its own). Other intents may use any article.
REQUEST_RULES: dict[str, RequestRules] = {
    intent: RequestRules(
        tuple(
            f"policy:returns#{a}"
            for a in ("how", "window", "final-sale", "refund-timing", "cost", "exchanges", "in-store", "gifts")
        ),
        "policy:returns#how",
    )
    for intent in ("start_return", "return_status")
} | {
    "pickup_alternative": RequestRules(
        (
            "policy:pickup#redirect",
            "policy:pickup#lockers",
            "policy:pickup#hours",
            "policy:delivery#attempts",
            "policy:carrier#available-for-pickup",
        ),
        "policy:pickup#redirect",
    )
}
#: How far the best article must lead the next for the words to have asked about it.
CLEAR_LEAD = 0.05
#: A match this strong with an article outside the request's rules says the request was misread.
CLEAR_MATCH = 0.6


def request_article(kb: Any, text: str, intent: str, not_ordered: bool = False) -> Any:
    """The written answer to a request made before its order is given, or None (ask for the order).
    `not_ordered`: the question is about an order not placed yet ("if I order tonight, when does it
    ship out?"), so the shipping rule that answers best is the answer, however plainly worded."""
    ranked = kb.search(text, k=len(kb.by_id))  # one ranking of every article serves each rule below
    if not ranked:
        return None
    best, score = ranked[0]
    shipping = not_ordered and best.source_id.startswith("policy:shipping#")
    rules = REQUEST_RULES.get(intent)
    if rules is None:
        return knowledge.article(best.source_id).fact() if score >= GENERAL_MIN_SCORE or shipping else None
    said_return = intent == "start_return" and cues.any_of(cues.RETURN, text)
    if score >= CLEAR_MATCH and best.source_id not in rules.articles and not said_return:
        # "kurze Frage bevor ich bestelle ... kommt das noch bis Heiligabend an?" read as a return: the
        # words match another rule so clearly that they asked about it. ("one thing has to go back" says
        # the return in so many words, whatever else "one thing" matches.)
        return knowledge.article(best.source_id).fact()
    found = [(a, s) for a, s in ranked if a.source_id in rules.articles][:2]
    if not found or found[0][1] < GENERAL_MIN_SCORE:
        if intent == "start_return" and "?" in text and _MAY_I_RETURN.search(cues.fold(text)):
            # "if i dont like whats inside can i return it?": whether it can go back, asked before any order
            # is named: how returns work, then the offer to look one up.
            return knowledge.article(rules.general).fact()
        return knowledge.article(best.source_id).fact() if shipping else None
    if len(found) > 1 and found[0][1] - found[1][1] < CLEAR_LEAD:
        return knowledge.article(rules.general).fact()
    if found[0][0].source_id == "policy:returns#gifts" and not _GIFT_WORD.search(cues.fold(text)):
        # "kann ich das zurückgeben wenn es nicht passt?" shares the gift rule's words but names no gift.
        return knowledge.article(rules.general).fact()
    return knowledge.article(found[0][0].source_id).fact()  # found in any language, said in the turn's


#: A gift named: "a gift", "un regalo", "un cadeau", "ein Geschenk", "um presente", "offert", "geschenkt".
_GIFT_WORD = re.compile(r"\b(?:gift\w*|present|regal\w*|cadeau\w*|offert\w*|geschenk\w*|presente\w*|presenteou)\b")


#: Whether something may go back, asked as a question: "can i return it?", "¿puedo devolverlo?".
_MAY_I_RETURN = re.compile(
    r"\b(?:(?:can|could|may) (?:i|we|you) (?:still |just )?(?:return|send (?:it|them|\w+) back|exchange|swap)"
    r"|(?:is|are) (?:it|they|this|that) returnable"
    r"|(?:puedo|puedes|se puede|podria) (?:devolver|cambiar)|(?:je peux|on peut|peut-on|puis-je) (?:le |la |les )?"
    r"(?:retourner|renvoyer|echanger)|(?:kann|darf) (?:ich|man) (?:\w+ )?(?:zuruckgeben|zuruckschicken|umtauschen)"
    r"|(?:posso|da pra|da para|pode) (?:devolver|trocar))\b"
)

#: Written answers to what follows a return's arrival: said after the return's own status.
AFTER_THE_RETURN = frozenset({"refund_timing", "exchange_timing"})

#: What the bot proposed that waits for the customer's yes while a side question is answered.
_PROPOSED = frozenset({"return", "choose_refund"})

#: Written answers about an order waiting at a pickup point: how long it is held, what to bring.
_AT_POINT = frozenset({"pickup_hold", "pickup_bring"})

#: Written answers about an order, asked in the message that proves it.
ABOUT_THIS_ORDER = frozenset({"return_deadline", "return_cost", "pickup_hold", "locker_code"})


#: "if I return something...": a return the customer means to make, asked about in general.
_MEANS_TO_RETURN = re.compile(
    r"\b(?:i|we|he|she|they) (?:return|send back|exchange)\b|\breturn (?:something|an item|stuff|a \w+)\b", re.I
)


#: Until when something could still go back, asked: "can i still return it after new years or is that too late".
_STILL_IN_TIME = re.compile(
    r"\b(?:still (?:return|send)|too late|until when|how long (?:do i have|can i)"
    r"|after (?:new years?|christmas|the holidays)"
    r"|todavia|aun (?:puedo|se puede)|demasiado tarde|hasta cuando|encore (?:le |la )?(?:retourner|renvoyer)|trop tard"
    r"|jusqu'a quand|noch (?:zuruck\w*|umtausch\w*)|zu spat|bis wann|ainda (?:posso|da)|tarde demais|ate quando)\b"
)

#: Whether an item is final sale, asked: "is the Thermal Base Layer Set final sale?", "¿es venta final?".
_ASKS_FINAL_SALE = re.compile(
    r"\b(?:is|are|was|es|son|est|sont|ist|sind|e|sao)\b.{0,60}\b(?:final[- ]sale|venta final|vente finale"
    r"|vom umtausch ausgeschlossen|reduziert|venda final)\b"
)


#: What final sale means, asked in general: "what counts as final sale?", "¿qué cuenta como venta final?".
_DEFINES_FINAL_SALE = re.compile(
    r"\b(?:what (?:counts|is considered|(?:items )?(?:are|is))|what'?s(?: a)?|which (?:items|things|products)"
    r"|que (?:cuenta|se considera|es|son|cosas)|qu'est-ce qui (?:compte|est)|qu'est-ce que|c'est quoi"
    r"|quels? (?:articles|produits)"
    r"|was (?:zahlt|gilt|ist|sind|fallt)|welche (?:artikel|sachen|produkte)|o que (?:conta|e|sao|se considera)"
    r"|quais (?:itens|produtos|coisas))\b.{0,40}\b(?:final[- ]sale|venta final|vente finale|venda final)\b"
)


class WrittenAnswers(DialogueBase):
    def written_topic(self) -> dict | None:
        """A question the written policy answers ("how long until the money is on my card?"), asked
        about the order in focus: the policy, not the order's status said again."""
        if self.asks_when_refunded:
            return None  # "the refund of #WS10110, when?": the return's own record (see effective_intent)
        folded = cues.fold(self.text)
        if self.focus and cues.any_of(cues.HYPOTHETICAL, self.text) and _STILL_IN_TIME.search(folded):
            # "if i end up not wanting the Pajama Set can i still return it after new years?": not a return
            # asked for now, but until when it could go back (that item's own date, or the order's): a yes to
            # "can I still", not a "not final sale"; not delivered yet, the written rule answers further down.
            own = self.items_going_back({"item_returnable_until": "item_return_by", "item_returnable_later": None})
            if own is not None:
                return own
        if _DEFINES_FINAL_SALE.search(folded) and not self.ents:
            # "what counts as final sale?": the written rule, not this order's items again.
            return self.policy_reply(*written_facts(["policy:returns#final-sale"])) | {"last_intent": "start_return"}
        if self.focus and _ASKS_FINAL_SALE.search(folded):
            # ("is any of the stuff in this order final sale?": no item named, so what the order can still send back.)
            own = self.items_going_back({"return_until": "none_final_sale"})
            if own is not None:
                return own
        found = topics.topics_of(self.text)
        back = not self.ents and cues.any_of(cues.CARRIER_SENDS_BACK, self.text)
        if back and self.focus and self.status_at_point() is not None:
            # "how long do i have before they send it back?" with the parcel at a point: how long it is held.
            found = [t for t in topics.TOPICS if t.name == "pickup_hold"]
        short = (
            cues.elliptical(self.text)
            or (len(self.text.split()) <= 8 and not self.ents)
            # "sie hat ihn am 28.11. bestellt ... bis wann genau?" in the thread of the return rules: read on.
            or (not self.ents.get("order_number") and topics.asks_within_returns(self.text, self.state))
            # "How long does it take to get to him? Would it make Christmas?" after the military-mail rule: a
            # longer question with no topic of its own reads on too, when no order is being discussed.
            or (not found and not self.ents and not self.focus and len(self.text.split()) <= 25)
        )
        if short and not found and self.state.get("last_intent") in ("start_return", "return_status"):
            found = topics.after_a_return(self.text)
        if short and self.state.get("topic_articles"):
            # "and 2-day?" after the holiday cut-offs: the cut-off again, for that speed.
            found = topics.read_on(self.text, found, topics.of_articles(self.state["topic_articles"]))
        if self.ents.get("order_number") or self.ents.get("tracking_number"):
            # "#WS11026, zip 77019: until when can I return it, and is it free?": a question about the
            # order just proved is answered; a new number otherwise brings that order's own answer.
            number = self.ents.get("order_number")
            if not (number and self.focus and normalize_key(str(number)) == self.focus):
                return None
            if cues.asks_to_act(self.text, cues.RETURN):
                return None  # "it's too big, I'd like one size smaller. is the exchange free?": the exchange first
            found = [t for t in found if t.name in ABOUT_THIS_ORDER]
            if not found or self.asks_status_too():
                # ("where's my order? #WS13674 <email>. also until when can I return gifts?": the status
                # leads and the written answer follows it as the next part.)
                return None
        if self.focus and any(t.name == "locker_code" for t in found):
            # "at the locker and it wants a code?? never got one": where the parcel waits, then where the code comes.
            # (the order's answer says the written rule after it, as for any topic the message asks)
            return self.order_turn("order_status")
        redirected = self.state.get("redirected")
        if self.focus and not found and not redirected and cues.any_of(cues.ARRIVES_WEEKEND, self.text):
            # "will it still come on saturday? I'm home at the weekend": its date, then who delivers on weekends.
            return self.with_written(self.order_turn("order_status"), written_facts(["policy:shipping#weekend"]))
        nearest = self.focus and not redirected and actions.asks_nearest(self.text)
        if nearest and all(t.name in _AT_POINT for t in found) and self.status_at_point() is None:
            # "the closest one pls. how long do they keep it there" once a point was offered: the nearest point
            # proposed (it says how long it is held); a yes books it.
            return self.order_turn("pickup_alternative")
        wants_point = found and all(t.name in _AT_POINT for t in found) and cues.asks_pickup(self.text)
        if wants_point and self.focus and not redirected and cues.any_of(cues.MAY_I, self.text):
            if self.status_at_point() is None:
                # "can I pick it up at a point instead? and how long do they keep it?": the points to choose
                # from (each proposal says how long it is held), not the rule for a parcel already there.
                return self.order_turn("pickup_alternative")
        # After the redirect, "when?" is about the point, not the old door-step estimate.
        asks_pickup_day = cues.any_of(cues.WHEN, self.text) and (cues.asks_pickup(self.text) or not self.ents)
        if redirected and self.focus and (any(t.name == "pickup_hold" for t in found) or asks_pickup_day):
            # "from when can I grab it and how long do they keep it?" after the redirect: its own dates.
            recap = actions.redirect_recap(self.ctx(), self.focus, redirected)
            if recap is not None:
                return self.answer(*recap, last_intent="pickup_alternative", intent="pickup_alternative")
        at_point = self.status_at_point() if self.focus and any(t.name in _AT_POINT for t in found) else None
        if at_point is not None and any(t.name == "pickup_hold" for t in found):
            # "how long will they keep it?" with the order waiting at a point: its own held-until date.
            evidence, p = at_point
            point = next(f for f in evidence if f.kind == "pickup")
            order = self.ctx().order(self.focus)
            if point.values.get("held_until") and order is not None:
                # Its own held-until date, then the written hold times: not the whole status again.
                fact = knowledge.article("policy:carrier#available-for-pickup").fact()
                facts = [f for f in evidence if f.kind in ("order", "pickup")] + [fact]
                p = plan(
                    "pickup_held_until",
                    facts,
                    [TALK_TO_PERSON],
                    pickup_name=point.values["name"],
                    order_number=order.number,
                    held_until=wording.moment(point.values["held_until"], order.timezone),
                )
                p = then_written(p, [fact])
                evidence = facts
            return self.answer(evidence, p, last_intent="order_status")
        if at_point is not None:
            # "what do I need to bring?" with the order waiting at a point: its point and tracking
            # number (what the counter asks for), then the written rule.
            evidence, p = at_point
            cited = {f.source_id for f in evidence}
            facts = [f for f in written_facts([t.article for t in found]) if f.source_id not in cited]
            return self.answer([*evidence, *facts], then_written(p, facts), last_intent="order_status")
        if self.focus and any(t.name == "return_deadline" for t in found):
            # "what's the last day I can return it?" about an order on hand: its own date, not the rule.
            own = self.return_until(deadline_asked=True)
            if own is not None:
                self.out["intent"] = "policy_question"
                evidence, p = own
                # "until when, and is it free?": the order's own date, then each other written answer.
                others = written_facts([t.article for t in found if t.name != "return_deadline"])
                p = then_written(p, others)
                evidence = [*evidence, *others]
                return self.answer(evidence, p, last_intent="start_return")
        if self.intent in ("start_return", "change_order", "human_agent") and self.confidence >= 0.9:
            # "can she return it in January?" with no order in play is a question about the rule.
            general = not self.focus and "?" in self.text and any(t.name == "return_deadline" for t in found)
            # "and when am I refunded?" reads like a return request, but asks when the money comes.
            money = self.intent == "start_return" and any(t.name == "refund_timing" for t in found)
            # "do I have to pay for the return label?" while a return waits for the yes: answered, and it waits.
            waiting = "?" in self.text and (self.state.get("pending_action") or {}).get("kind") in _PROPOSED
            # "can i ship to an apo address? my son is deployed" reads like a change; with no order in play and a
            # written topic named, it asks the rule.
            rule = self.intent == "change_order" and not self.focus and "?" in self.text and bool(found)
            if not (general or money or waiting or rule):
                return None
        meaning = cues.any_of(cues.STATUS_MEANING, self.text)
        # ("what are the options near me": the points near them, not what a missed delivery means.)
        near = cues.asks_pickup(self.text) or cues.any_of(cues.NEARBY, self.text)
        what_now = cues.any_of(cues.WHAT_NOW, self.text) and not near
        if not found and self.focus and (meaning or what_now):
            # "what does that mean, is it stuck?", "I missed the delivery, what now?": the order's status
            # with what it means for them, cited to both; the written meaning alone when there is none.
            explained = self.order_turn("delivery_issue")
            template = str((explained.get("plan") or {}).get("template", ""))
            if (what_now or meaning) and explained.get("evidence") and not template.startswith("explained_"):
                # "e agora, vocês mandam de novo?": the status, then what it means for them in writing.
                status = next((f.values.get("status") for f in explained["evidence"] if f.kind == "shipment"), None)
                article = EXPLAINED.get(status) if status is not None else None
                cited = {f.source_id for f in explained["evidence"]}
                if article and article not in cited:
                    return self.with_written(explained, written_facts([article]))
            if template.startswith("explained_") if meaning else explained.get("evidence"):
                return explained
            return self.status_meaning()
        if not found:
            return None
        after_return = [t.article for t in found if t.name in AFTER_THE_RETURN]
        # Only these readings depend on a return on record: look it up for them alone.
        if (
            self.focus
            and (after_return or self.intent == "return_status")
            and returns_tool.return_status(self.ctx(), self.focus)
        ):
            if not after_return:
                return None  # a return on record: its own status answers
            # "and when do I get the money / the new size?" with a return under way: where it is, then
            # what follows its arrival in writing (the status alone does not say).
            return self.with_written(self.order_turn("return_status"), written_facts(after_return))
        reply = self.topics_reply(found)
        if not self.focus and (cues.any_of(cues.WANTS_RETURN, self.text) or self.intent == "start_return"):
            # "meine Tante hat mir was geschenkt, ich würds gern zurückgeben. Kriegt sie das mit?": the
            # question answered, and the return still asked for once the order's details come, with the
            # item and size it named ("j'ai reçu la Down Jacket, trop petite, je peux échanger ?").
            reply = reply | {"pending_intent": "start_return", "pending_text": self.request_text}
        return reply

    def asks_status_too(self) -> bool:
        """Another part of the message asks where the order is ("where's my order? ... and until when
        can I return it?")."""
        return any(
            u.intent in ("order_status", "delivery_issue")
            and u.confidence >= self.threshold
            and not only_details(part, u.entities)
            for part, u in self.parts
        )

    def items_going_back(self, renamed: dict[str, str | None]) -> dict | None:
        """The focus order's own answer about its items going back (the item named, else the whole order),
        its template `renamed` for the question asked (None: no answer of its own for that question)."""
        own = self.item_final_sale() or self.return_until()
        if own is None:
            return None
        evidence, p = own
        template = renamed.get(p["template"], p["template"])
        if template is None:
            return None
        self.out["intent"] = "policy_question"
        return self.answer(evidence, p | {"template": template}, last_intent="start_return")

    def item_final_sale(self) -> tuple[list, dict] | None:
        """ "is the Thermal Base Layer Set in my order final sale?": that item's answer from its own record
        (yes, or until when it can go back), or None when the message names no item of the order."""
        ctx = self.ctx()
        lines = self.focus_lines(ctx)
        if lines is None:
            return None
        line = actions.pick_line(self.text, lines) if len(lines) > 1 else (lines[0] if lines else None)
        if line is None or not line.facts:
            return None
        facts = [tracking_tool.order_summary(ctx, self.focus or ""), *line.facts]
        order_number = line.facts[0].values["order_number"]
        fields = {"item": line.name, "order_number": order_number}
        if line.why_not in ("final_sale", "non_returnable"):
            return facts, plan("item_final_sale", facts, [TALK_TO_PERSON], **fields)
        if line.last_day is not None and (line.eligible or line.why_not == "outside_window"):
            key = "item_returnable_until" if line.eligible else "item_window_closed"
            p = plan(key, facts, ["Start a return", TALK_TO_PERSON] if line.eligible else [TALK_TO_PERSON], **fields)
            p["fields"]["date"] = wording.date_long(line.last_day)
            return facts, p
        if line.why_not == "not_delivered":
            return facts, plan("item_returnable_later", facts, [TALK_TO_PERSON], **fields)
        return None

    def focus_lines(self, ctx: ToolContext) -> list[returns_tool.LineEligibility] | None:
        """Each line of the focus order and whether it can go back, or None when the order can't be read."""
        try:
            return returns_tool.eligibility(ctx, self.focus or "")
        except ToolRefused:
            return None

    def return_until(self, deadline_asked: bool = False) -> tuple[list, dict] | None:
        """The last day to return the order's items (delivered, not final sale), or None to say the rule.
        With `deadline_asked` ("how long do I have for the rest?") and nothing of the order able to go
        back, the written window follows: the customer asked for a time, not only for what is excluded."""
        ctx = self.ctx()
        lines = self.focus_lines(ctx)
        if lines is None:
            return None
        open_lines = [e for e in lines if e.eligible and e.last_day is not None]
        final = [e for e in lines if e.why_not in ("final_sale", "non_returnable")]
        if not open_lines and lines and len(final) == len(lines):
            # Nothing on the order can go back: say so about this order, not only the general rule.
            facts = [tracking_tool.order_summary(ctx, self.focus or "")] + [f for e in final for f in e.facts]
            order_number = final[0].facts[0].values["order_number"]
            items = ", ".join(e.name for e in final[:4])
            p = plan("return_none_final", facts, [TALK_TO_PERSON], items=items, order_number=order_number)
            if deadline_asked:
                window = written_facts(["policy:returns#window"])
                return [*facts, *window], then_written(p, window)
            return facts, p
        if not open_lines:
            return None
        last = min(e.last_day for e in open_lines if e.last_day is not None)
        facts = [tracking_tool.order_summary(ctx, self.focus or "")] + [f for e in open_lines for f in e.facts]
        order_number = open_lines[0].facts[0].values["order_number"]
        items = ", ".join(e.name for e in open_lines[:4])
        p = plan(
            "return_until" if len(open_lines) == len(lines) else "return_until_some",
            facts,
            ["Start a return", TALK_TO_PERSON],
            items=items,
            order_number=order_number,
            date=wording.date_long(last),
        )
        return facts, p

    def topics_reply(self, found: list[topics.Topic]) -> dict:
        """ "what's the cut-off for 2-day shipping and how much is it?": each topic's article, in turn."""
        gifts = "policy:returns#gifts"
        articles = [gifts if t.name == "refund_method" and self.gift else t.article for t in found]
        return self.policy_reply(*written_facts(articles))

    def status_at_point(self) -> tuple[list, dict] | None:
        """The focus order's status when it waits at a pickup point (evidence, plan), else None. Looked up
        once a turn: a message may ask it from several readings."""
        if "at_point" not in self._looked_up:
            self._looked_up["at_point"] = self._status_at_point()
        found = self._looked_up["at_point"]
        if found is not None:
            self.out["intent"] = "order_status"
        return found

    def _status_at_point(self) -> tuple[list, dict] | None:
        try:
            evidence, p = self.policy.order_turn(self.ctx(), "order_status", self.focus or "", "", followup=True)
        except ToolRefused:
            return None
        if not any(f.kind == "pickup" for f in evidence):
            return None
        p.pop("pending_action", None)
        return evidence, p

    @staticmethod
    def with_written(result: dict, facts: list) -> dict:
        """A turn's answer, then the shop's written words on what it leaves open, cited with it."""
        p = then_written(dict(result.get("plan") or {}), facts)
        return result | {"plan": p, "evidence": [*result.get("evidence", []), *facts]}

    def policy_reply(self, fact: Any, *more: Any) -> dict:
        """The turn's answer is the shop's written words: one article, then any further ones."""
        self.out["intent"] = "policy_question"
        p = plan("policy_answer", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
        if more:
            p["then"] = [plan("policy_answer", [f], policy_text=f.values["text"]) for f in more]
        waits = {}
        about_returns = all(f.source_id.startswith("policy:returns#") for f in (fact, *more))
        if (
            not self.focus
            and about_returns
            and (cues.any_of(cues.RETURN, self.text) or _MEANS_TO_RETURN.search(self.text))
        ):
            # "if I return something, how long does the refund take?": once the order is given, the
            # return itself (its words wait with it), not the order's delivery status.
            waits = {"pending_intent": "start_return", "pending_text": self.request_text}
        return self.answer([fact, *more], p, last_intent="policy_question", **waits)

    def kb_answer(self, text: str, min_score: float = GENERAL_MIN_SCORE) -> Any:
        kb = self.svc.kb
        return kb.answer(text, min_score=min_score) if kb is not None else None

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
        return None if fact is None else self.policy_reply(fact)

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

    def status_meaning(self) -> dict | None:
        """ "is that normal?" about the order in focus: what its status means, in the written policy."""
        try:
            trackings = self.policy.trackings(self.ctx(), self.focus or "")
        except ToolRefused:
            return None
        article = EXPLAINED.get(trackings[-1].status) if trackings else None
        if article is None:
            return None
        return self.policy_reply(knowledge.article(article).fact())
