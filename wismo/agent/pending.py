"""The customer's reply to what the bot proposed: a yes books it, a no drops it, a question about
it ("is it open late?") is answered while the proposal waits, another option or item revises it."""

from __future__ import annotations

import re

from . import actions, cues, focus, problems, topics
from .policy import TALK_TO_PERSON, plan, then_written, written_facts
from .turn_base import DialogueBase


class PendingReplies(DialogueBase):
    def pending_action(self, pending: dict) -> dict | None:
        """The customer's answer to what the bot proposed; None when the message is about something else."""
        kind = pending.get("kind")
        text = self.text
        if kind == "offer_person":
            taken = cues.is_yes(text) and not cues.closes(text) and not cues.any_of(cues.RESIGNED, text)
            # "so can someone send it or what": the offer taken in other words; "yeah I took photos of the box",
            # "so what happens now, do I get another one sent?": a yes, or the problem's next step asked.
            taken = taken or cues.any_of(cues.SOMEONE_ACT, text)
            for_problem = pending.get("reason") in problems.REASON.values()
            taken = taken or (for_problem and (cues.yes_lead(text) or cues.any_of(cues.WHAT_NOW, text)))
            problem = self.state.get("problem")
            if problem and problems.REASON.get(problem) == pending.get("reason"):
                # "there's only one tracking number, so it's just missing": the problem the person was
                # offered for, said again, is the offer taken.
                taken = taken or problems.detect(text, self.intent, problem) == problem
            if taken or self.intent == "human_agent":
                # The customer took the offer of a person: their request, or the problem it was offered for.
                reason = pending.get("reason")
                if reason in problems.REASON.values():
                    self.out["intent"] = "delivery_issue"  # the case is the problem it was offered for
                    return self.handoff(reason)
                return self.handoff("customer_requested")
            if cues.is_no(text):
                return self.answer([], plan("action_cancelled", quick=[TALK_TO_PERSON]), pending_action=None)
            return None
        if not self.focus:
            return None
        ctx = self.ctx()
        # The order the proposal is about (a return on the customer's other order keeps its own).
        order = pending.get("order") or self.focus
        named = actions.option_of(text, default=None) if kind == "return" else None
        other_option = named is not None and named != pending.get("option")
        yes = cues.is_yes(text) or cues.thumbs_up(text) or cues.yes_first(text) or cues.yes_last(text)
        # Another size in the yes ("yeah, but one size down"), or instead of it ("wait no, I mean BIGGER"):
        # the exchange planned again in that size; never the first proposal booked.
        again = actions.other_size_asked(ctx, order, pending, text) if kind == "return" else None
        if again is not None:
            evidence, p, nxt = actions.start_return(ctx, order, again, [], force_option="exchange", gift=self.gift)
            return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        if kind in ("return", "redirect") and yes and not other_option:
            evidence, p = actions.confirm(ctx, pending, self.settings.data_dir)
            asked = topics.topics_of(text) if p.get("template") == "return_done" else []
            if asked:
                # "yes refund to my card. when would I see the money?": booked, then the written answer.
                facts = written_facts([t.article for t in asked])
                p = then_written(p, facts)
                evidence = [*evidence, *facts]
            last = "pickup_alternative" if kind == "redirect" else "start_return"
            booked = kind == "redirect" and p.get("template", "").startswith("redirect_done")
            done = {"redirected": pending.get("code")} if booked else {}
            if kind == "return" and order and order in focus.verified_list(dict(self.state)):
                done["verified_order"] = order  # the order just acted on is the one "it" means next
            if kind == "return" and p.get("template") == "return_done":
                done["booked_return"] = order
            return (
                self.out
                | done
                | {
                    "evidence": evidence,
                    "plan": p,
                    "pending_action": None,
                    "last_intent": last,
                    "intent": last,
                }
            )
        if cues.is_no(text):
            return self.answer([], plan("action_cancelled", quick=[TALK_TO_PERSON]), pending_action=None)
        asks_when = cues.any_of(cues.WHEN, text) or any(t.name == "pickup_hold" for t in topics.topics_of(text))
        if kind == "redirect" and pending.get("code") and asks_when and not cues.any_of(cues.OPENING_HOURS, text):
            # "and from when can I pick it up?" before the yes: the proposal's own dates, still waiting.
            evidence, p, nxt = actions.propose_redirect(ctx, self.focus, pending["code"], "redirect_plan_when")
            kept = pending if nxt is None else pending | nxt
            return self.answer(evidence, p, pending_action=kept, intent="pickup_alternative")
        if kind == "redirect" and pending.get("code") and cues.any_of(cues.OPENING_HOURS, text):
            # "is it open late?" before the yes: that point's hours on the day the parcel is ready.
            evidence, p = actions.point_hours(ctx, self.focus, pending["code"])
            return self.answer(evidence, p, pending_action=pending, intent="pickup_alternative")
        option = actions.option_of(text, default=None)
        if kind == "return" and not option and "?" not in text and actions.states_reason(text):
            # "just changed my mind tbh" after the proposal: the reason for it, not a new request.
            combined = f"{pending.get('text', '')} {text}"
            if actions.reason_of(text) == actions.reason_of(pending.get("text", "")):
                return self.confirm_again(pending, pending.get("option") or "refund", order)
            evidence, p, nxt = actions.start_return(
                ctx, order, combined, [], force_option=pending.get("option"), gift=self.gift
            )
            return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        other_order = self.ents.get("order_number") is not None
        if kind == "return" and not option and "?" not in text and pending.get("lines") and not other_order:
            line = actions.named_line(ctx, order, text)
            if line is not None and line.line_id in pending["lines"]:
                # "it's the Power Bank 10k" after the proposal for it: the proposal stands; ask for the yes.
                return self.confirm_again(pending, pending.get("option") or "refund", order)
            if line is not None and line.eligible:
                # Another item of the order named: the same option, for that item.
                evidence, p, nxt = actions.start_return(
                    ctx, order, text, [], force_option=pending.get("option"), gift=self.gift
                )
                return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        asks = "?" in text or cues.asks_something(text)
        if kind in ("return", "choose_item") and asks and topics.topics_of(text):
            # "do I have to wait for the old one first?", "will the person who bought it find out?":
            # answered, the proposal (or the question which item) still waits.
            return None
        if kind == "return" and option and option == pending.get("option"):
            # The option already proposed, said again: ask for the explicit yes, without re-listing it.
            return self.confirm_again(pending, option, order)
        if kind == "return" and option and self.intent not in ("order_status", "pickup_alternative"):
            # "refund instead", "store credit please": the same items, another option.
            combined = f"{pending.get('text', '')} {text}"
            evidence, p, nxt = actions.start_return(ctx, order, combined, [], force_option=option, gift=self.gift)
            return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        answers_which = self.intent in ("start_return", "smalltalk", "out_of_scope", "order_status") or (
            cues.any_of(cues.RETURN, text) and problems.detect(text, self.intent) is None
        )
        if kind == "choose_item" and not answers_which and problems.detect(text, self.intent) is None:
            # "only the Chelsea Boots, I'm keeping the rest. didn't like them": the item asked for, by name.
            answers_which = actions.named_line(ctx, order, text) is not None
        if kind == "choose_item" and answers_which:
            combined = f"{pending.get('text', '')} {text}"
            evidence, p, nxt = actions.start_return(ctx, order, combined, [], gift=self.gift)
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
            code = actions.chosen_point(typed, pending["codes"], pending.get("names"), pending.get("prefer"))
            if kind == "redirect" and code == pending.get("code"):
                code = None
            template = "redirect_plan"
            if code is None and kind == "choose_point" and actions.kind_not_listed(typed, pending.get("names")):
                code, template = pending["codes"][0], "redirect_plan_nearest"
            if code is None and kind == "choose_point" and yes and not cues.is_no(text) and not self.ents:
                # "yes please" under the list: the nearest point (of the kind asked for) proposed, booked
                # only on the next yes.
                code = actions.first_of_kind(pending)
            if code is not None:
                evidence, p, nxt = actions.propose_redirect(ctx, self.focus, code, template)
                if nxt is not None:
                    nxt |= {"codes": pending["codes"], "names": pending.get("names"), "prefer": pending.get("prefer")}
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
                    ctx,
                    order,
                    f"{pending.get('text', '')} {option.replace('_', ' ')}",
                    [],
                    force_option=option,
                    gift=self.gift,
                )
                return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
            again = actions.resized(pending.get("text", ""), text) if "?" not in text else None
            if again is not None:
                # "wait no, I mean BIGGER": the swap planned again in the size now asked for.
                evidence, p, nxt = actions.start_return(ctx, order, again, [], force_option="exchange", gift=self.gift)
                return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
            if option == "exchange" or ("?" in text and self.intent == "start_return"):
                # "ok, do the exchange" / "do I send mine back first?": the swap is still out of stock;
                # say so again with how exchanges work, and keep the choice open. Never book a refund
                # the customer did not choose.
                evidence, p, nxt = actions.start_return(
                    ctx,
                    order,
                    pending.get("text", ""),
                    [],
                    force_option="exchange",
                    gift=self.gift,
                )
                return self.out | {"evidence": evidence, "plan": p, "pending_action": nxt, "intent": "start_return"}
        return None

    def confirm_again(self, pending: dict, option: str, order: str) -> dict:
        """ "refund to my card please" when a refund is what was proposed: the short ask for the yes,
        backed by the proposal itself (planned again, so the reply cites what it confirms)."""
        evidence, _p, nxt = actions.start_return(
            self.ctx(), order, pending.get("text", ""), [], force_option=option, gift=self.gift
        )
        if nxt is None or nxt.get("kind") != "return":
            evidence, nxt = [], pending
        facts = [f for f in evidence if f.kind in ("order", "return")]
        p = plan(f"confirm_{option}", facts, actions.CONFIRM_REPLIES)
        return self.out | {"evidence": facts, "plan": p, "pending_action": nxt, "intent": "start_return"}

    def keeps_everything(self, pending: dict | None) -> bool:
        """ "never mind, I'll keep it all" after a return was discussed or proposed."""
        if not self.focus or self.ents.get("order_number") or not cues.any_of(cues.KEEP, self.text):
            return False
        if cues.any_of(cues.KEEP_THE_REST, self.text):
            return False
        kind = (pending or {}).get("kind")
        return kind in ("return", "choose_item", "choose_refund") or self.state.get("last_intent") == "start_return"
