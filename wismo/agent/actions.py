"""Actions that change something (returns, exchanges, pickup redirects): always proposed first,
listed plainly, and carried out only after the customer's explicit yes.

The proposal is kept in the conversation's memory as `pending_action`; a yes confirms it, a no
drops it, anything else leaves it and carries on with the new request.
"""

from __future__ import annotations

import re
from typing import Any

from ..tools import redirect as redirect_tool
from ..tools import returns as returns_tool
from ..tools.context import ToolContext
from ..tools.evidence import Fact, ToolRefused
from . import wording
from .policy import TALK_TO_PERSON, plan

YES = re.compile(
    r"^\s*(yes|yep|yeah|y|sure|ok|okay|confirm|confirmed|do it|go ahead|please do|s[ií]|oui|ja|sim|correct)\b", re.I
)
NO = re.compile(r"^\s*(no|nope|n|cancel|stop|don'?t|never ?mind|non|nein|n[aã]o)\b", re.I)
CONFIRM_REPLIES = ["Yes, confirm", "No, cancel"]
ALL_ITEMS = re.compile(r"\b(everything|all (of )?(it|them|the items|my items)|both|whole order|entire order)\b", re.I)

REASON_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rx, re.I))
    for code, rx in (
        (
            "too_small",
            r"too (small|tight|short|narrow)|runs small|(bigger|larger) (size|one)|need (a )?(bigger|larger)|size up",
        ),
        (
            "too_large",
            r"too (big|large|loose|long|wide)|runs (big|large)|smaller (size|one)|need (a )?smaller|size down",
        ),
        ("damaged_in_transit", r"arrived (damaged|broken|crushed)|damaged in (transit|shipping)|box was (crushed|wet)"),
        ("defective", r"defect|broken|faulty|doesn'?t work|stopped working|ripped|torn|hole|stain"),
        ("wrong_item", r"wrong (item|size|colou?r|product)|not what i ordered|sent me the wrong"),
        ("not_as_described", r"not as (described|pictured|shown)|looks different|different from the (photo|picture)"),
        ("arrived_late", r"(came|arrived) (too )?late|too late for"),
        ("changed_mind", r"changed my mind|don'?t (want|need|like) it|no longer (want|need)"),
    )
)


def wants_confirmation(state: dict[str, Any]) -> bool:
    return bool(state.get("pending_action"))


def reason_of(text: str) -> str:
    for code, rx in REASON_WORDS:
        if rx.search(text):
            return code
    return "changed_mind"


def option_of(text: str) -> str:
    low = text.lower()
    if "store credit" in low or "credit" in low:
        return "store_credit"
    if re.search(
        r"exchange|swap|different (size|colou?r)|another (size|colou?r)|bigger|smaller|larger|size (up|down)", low
    ):
        return "exchange"
    return "refund"


def _pick_line(text: str, eligible: list[returns_tool.LineEligibility]) -> returns_tool.LineEligibility | None:
    if len(eligible) == 1:
        return eligible[0]
    words = set(re.findall(r"[a-z]{3,}", text.lower()))
    best, best_score = None, 0
    for e in eligible:
        score = len(words & set(re.findall(r"[a-z]{3,}", f"{e.name} {e.category}".lower())))
        if score > best_score:
            best, best_score = e, score
    return best


def _exchange_variant(ctx: ToolContext, order_key: str, line: returns_tool.LineEligibility, reason: str) -> str | None:
    """The variant to swap to: one size up or down for fit reasons, else the first in stock."""
    product = returns_tool.product_of(line.sku)
    if product is None:
        return None
    variants = list(product.variants)
    if line.variant in variants:
        i = variants.index(line.variant)
        order = (
            variants[i + 1 :] + variants[:i][::-1] if reason != "too_large" else variants[:i][::-1] + variants[i + 1 :]
        )
    else:
        order = variants
    for v in order:
        if v != line.variant and returns_tool.in_stock(product.sku, v):
            return v
    return None


def start_return(
    ctx: ToolContext, order_key: str, text: str, evidence: list[Fact]
) -> tuple[list[Fact], dict, dict | None]:
    """Propose a return or exchange for the item the customer means; returns (evidence, plan, pending action)."""
    lines = returns_tool.eligibility(ctx, order_key)
    eligible = [e for e in lines if e.eligible]
    if not eligible:
        facts = [f for e in lines for f in e.facts][:6]
        why = sorted({e.why_not for e in lines if e.why_not})
        key = "return_not_delivered" if why == ["not_delivered"] else "return_not_eligible"
        reasons = {
            "final_sale": "final sale",
            "non_returnable": "not returnable",
            "not_delivered": "not delivered yet",
            "outside_window": "past the return window",
            "already_returned": "already being returned",
        }
        items = "; ".join(f"{e.name}: {reasons.get(e.why_not or '', 'not returnable')}" for e in lines)
        return evidence + facts, plan(key, facts, [TALK_TO_PERSON], items=items), None
    mentioned = _pick_line(text, lines) if len(lines) > 1 else None
    if mentioned is not None and not mentioned.eligible:
        # The customer named an item that cannot go back: say why, plainly.
        facts = list(mentioned.facts)
        reason = {"final_sale": "it is final sale", "outside_window": "its return window has ended"}.get(
            mentioned.why_not or "", "it can't be returned"
        )
        p = plan("return_line_not_eligible", facts, [TALK_TO_PERSON], item=mentioned.name, why=reason)
        return evidence + facts, p, None
    everything = ALL_ITEMS.search(text) is not None
    line = eligible[0] if everything else _pick_line(text, eligible)
    if line is None:
        facts = [f for e in eligible for f in e.facts if f.kind == "return"]
        names = [e.name for e in eligible][:4]
        p = plan("return_which_item", facts, names + [TALK_TO_PERSON], items=", ".join(names))
        return evidence + facts, p, {"kind": "choose_item", "text": text}
    reason = reason_of(text)
    option = option_of(text)
    new_variant = None
    note = ""
    line_ids = [e.line_id for e in eligible] if everything else [line.line_id]
    if everything and len(eligible) < len(lines):
        kept = [e for e in lines if not e.eligible]
        why = {"final_sale": "final sale", "outside_window": "past its return window"}
        note = (
            "Not everything can go back: "
            + "; ".join(f"{e.name} is {why.get(e.why_not or '', 'not returnable')}" for e in kept)
            + ". "
        )
        evidence = evidence + [f for e in kept for f in e.facts]
    if option == "exchange" and not everything:
        new_variant = _exchange_variant(ctx, order_key, line, reason)
        if new_variant is None:
            option = "refund"
            note = "We have no other size or colour of it in stock to swap, so I've set this up as a refund. "
    try:
        proposal = returns_tool.plan_return(ctx, order_key, line_ids, reason, option, new_variant)
    except ToolRefused:
        return evidence, plan("policy_unknown", [], [TALK_TO_PERSON]), None
    return _proposal_plan(proposal, evidence, note)


def _proposal_plan(
    proposal: returns_tool.ReturnPlan, evidence: list[Fact], note: str = ""
) -> tuple[list[Fact], dict, dict]:
    item = proposal.items[0]
    names = ", ".join(i.name + (f" ({i.variant})" if i.variant else "") for i in proposal.items)
    first = proposal.facts[0]
    tz_date = proposal.drop_off_by
    if proposal.option == "refund":
        money = f"we refund {wording.money(proposal.refund_amount, proposal.currency)} to your original payment"
    elif proposal.option == "store_credit":
        money = f"you get {wording.money(proposal.store_credit_amount, proposal.currency)} in store credit"
    else:
        money = f"we ship {item.name} in {item.new_variant} as soon as your return is scanned"
        if proposal.exchange_difference > 0:
            money += f" (difference {wording.money(proposal.exchange_difference, proposal.currency)})"
    point = proposal.drop_off[0].fact if proposal.drop_off else None
    drop = f" at {point.values['name']} or any other drop-off point" if point else " at any drop-off point"
    facts = list(proposal.facts) + ([point] if point else [])
    p = plan(
        "return_plan",
        facts,
        CONFIRM_REPLIES,
        order_number=proposal.order_number,
        item=names,
        reason=proposal.reason_label.lower(),
        money=money,
        carrier=first.values.get("carrier", ""),
        drop_by=f"{tz_date:%B} {tz_date.day}",
        drop=drop,
        note=note,
    )
    return evidence + facts, p, {"kind": "return", "plan_id": proposal.plan_id}


_ORDINALS = {"1": 0, "one": 0, "first": 0, "2": 1, "two": 1, "second": 1, "3": 2, "three": 2, "third": 2}


def chosen_point(text: str, codes: list[str]) -> str | None:
    """Which of the listed pickup points the customer picked ("option 2", "the second one")."""
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in _ORDINALS and _ORDINALS[word] < len(codes):
            return codes[_ORDINALS[word]]
    return None


def propose_redirect(ctx: ToolContext, order_key: str, code: str) -> tuple[list[Fact], dict, dict | None]:
    """Say what redirecting the parcel to that point will do; nothing changes until a yes."""
    proposal = redirect_tool.plan_redirect(ctx, order_key, code)
    if not proposal.eligible:
        return [], plan("redirect_not_possible", [], [TALK_TO_PERSON]), None
    tz = proposal.timezone
    fields = {
        "tracking_number": proposal.tracking_number,
        "point": proposal.point_name,
        "address": proposal.address,
        "ready": "now" if proposal.already_there else wording.moment(proposal.ready_at, tz),
        "held_until": wording.moment(proposal.held_until, tz),
    }
    facts = list(proposal.facts)
    return facts, plan("redirect_plan", facts, CONFIRM_REPLIES, **fields), {"kind": "redirect", "code": code}


def confirm(ctx: ToolContext, pending: dict, data_dir) -> tuple[list[Fact], dict]:
    """Carry out the pending action after the customer's yes."""
    if pending.get("kind") == "redirect" and ctx.verified_order:
        proposal = redirect_tool.plan_redirect(ctx, ctx.verified_order, pending["code"])
        try:
            facts = redirect_tool.confirm_redirect(ctx, proposal)
        except ToolRefused:
            return [], plan("redirect_not_possible", [], [TALK_TO_PERSON])
        tz = proposal.timezone
        p = plan(
            "redirect_done",
            facts,
            [TALK_TO_PERSON],
            tracking_number=proposal.tracking_number,
            point=proposal.point_name,
            ready="now" if proposal.already_there else wording.moment(proposal.ready_at, tz),
            held_until=wording.moment(proposal.held_until, tz),
        )
        return facts, p
    if pending.get("kind") == "return":
        try:
            result = returns_tool.confirm_return(ctx, pending["plan_id"], data_dir=data_dir)
        except ToolRefused as exc:
            key = "action_expired" if exc.reason in ("plan_expired", "plan_not_found") else "policy_unknown"
            return [], plan(key, [], [TALK_TO_PERSON])
        steps = " ".join(f.values["text"] for f in result.next_steps)
        facts = list(result.facts) + list(result.next_steps)
        what = "exchange" if result.option == "exchange" else "return"
        p = plan(
            "return_done",
            facts,
            [TALK_TO_PERSON],
            what=what,
            rma=result.rma,
            label_url=result.label_url,
            steps=steps,
        )
        return facts, p
    return [], plan("action_cancelled", [])


def return_status(ctx: ToolContext, order_key: str, evidence: list[Fact]) -> tuple[list[Fact], dict]:
    facts = returns_tool.return_status(ctx, order_key)
    summary = next((f for f in facts if f.source_id.count(":") == 1), None)
    if summary is None:
        how = [f for f in evidence if f.source_id == "policy:returns#how"]
        text = how[0].values["text"] if how else ""
        return evidence, plan("return_none", how, ["Start a return", TALK_TO_PERSON], policy_text=text)
    events = [f for f in facts if f.source_id.startswith(summary.source_id + ":event:")]
    v = summary.values
    last = events[-1] if events else None
    fields = {
        "rma": v["rma"],
        "last_event": last.label if last else "created",
        "last_time": wording.day(last.values["time"], "America/New_York") if last else "",
        "tracking_number": v.get("tracking_number") or "",
    }
    cite = [summary] + ([last] if last else [])
    if v.get("date"):
        fields["due"] = f"{v['date']:%B} {v['date'].day}"
        fields["amount"] = wording.money(v.get("amount") or 0.0)
        return evidence + facts, plan("return_status_due", cite, [TALK_TO_PERSON], **fields)
    if v.get("return_status") in ("refunded", "credited"):
        fields["amount"] = wording.money(v.get("amount") or 0.0)
        return evidence + facts, plan("return_status_done", cite, [TALK_TO_PERSON], **fields)
    return evidence + facts, plan("return_status_open", cite, [TALK_TO_PERSON], **fields)
