"""The graph's nodes: screen, understand, authorize, act, compose, check, handoff, reply.

Each node takes the state and the turn's run-time context and returns the fields it changes.
"""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from ..guardrails import citations
from ..guardrails.injection import screen_injection
from ..handoff.escalation import escalate
from ..tools import knowledge, offers
from ..tools.context import ToolContext
from ..tools.evidence import Fact, ToolRefused
from . import actions, nlu
from .deps import Turn
from .policy import NEEDS_ORDER, TALK_TO_PERSON, LocalPolicy, plan
from .state import TurnState

_PLACEHOLDER = re.compile(r"^<[A-Z_]+_\d+>$")
#: A demoted WISMO reading counts mid-conversation when the model's own score reaches this.
CONTEXT_MIN_SCORE = 0.5
#: Knowledge-base match needed to answer a general returns/delivery question before any order is given.
GENERAL_MIN_SCORE = 0.45
#: Below this an out-of-scope reading is "not understood" (gibberish), not a clear other topic.
OUT_OF_SCOPE_MIN_CONFIDENCE = 0.85
#: A question about an order not yet placed ("how long until it ships after I order?"): no order
#: number can answer it, the written policy can.
_NOT_YET_ORDERED = re.compile(
    r"\b(?:after|once|when|if|before)\s+(?:i|we|you)\s+(?:place|make|submit|buy|order|purchase|check\s*out)\b"
    r"|\bafter\s+(?:ordering|checkout|checking\s+out|purchase|purchasing|buying|placing)\b",
    re.I,
)
#: Words that carry no request: a message of only these plus entities is a follow-up.
_FILLER = re.compile(
    r"\b(my|the|order|number|is|it'?s|email|e-mail|zip|code|postal|and|here|it|sure|ok|okay|yes|thanks|"
    r"tracking|mail|address|of|for|with|on|postcode|#|no|n[ºo°]|sorry|wrong|oops|typo|mistake|meant|actually|"
    r"correct|right|try|again|this|one|use|instead)\b",
    re.I,
)


def _tool_context(state: TurnState, turn: Turn) -> ToolContext:
    return ToolContext(turn.services.store, state["conversation_id"], state.get("verified_order"), turn.now)


def _rail(rail: str, passed: bool, reason: str) -> dict[str, Any]:
    return {"rail": rail, "passed": passed, "reason": reason}


# ---------------------------------------------------------------------------- screen
def screen(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Redact PII (originals go to the vault), screen for injection; reset this turn's fields."""
    turn = runtime.context
    svc = turn.services
    cid = state["conversation_id"]
    redaction = svc.redactor.redact(turn.raw_text, known=lambda: svc.vault.known(cid))
    svc.vault.put(cid, redaction)
    turn.pii = redaction.mapping
    types = sorted({s.entity_type for s in redaction.spans})
    # Screen what the customer typed: redaction can hide attack words (a foreign word taken for a name).
    injection = screen_injection(turn.raw_text)
    rails = [
        _rail("pii", True, f"redacted {', '.join(types)}" if types else "no PII found"),
        _rail("injection", not injection.suspicious, injection.reason),
    ]
    return {
        "text": redaction.text,
        "screen": {"pii_types": types, "injection": injection.suspicious},
        "rails": rails,
        "evidence": [],
        "plan": {},
        "reply": "",
        "citations": [],
        "quick_replies": [],
        "handoff": None,
        "unresolved": None,
        "auth": "none",
        "mode": state.get("mode") or "bot",
        "engine": svc.settings.engine,
        "llm_messages": [],
        "tool_calls": [],
        "model_evidence": [],
        "usage": {},
        "fallback": None,
        "answer_by": "",
    }


# ---------------------------------------------------------------------------- understand
def understand(state: TurnState, runtime: Runtime[Turn]) -> dict:
    u = nlu.understand(state["text"])
    return {"intent": u.intent, "confidence": float(u.confidence), "entities": u.entities, "scores": u.scores}


def _is_followup(text: str, entities: dict[str, list[str]]) -> bool:
    """A message that only carries details (an order number, an email, a ZIP) and no new request."""
    if not entities:
        return False
    rest = text
    for values in entities.values():
        for v in values:
            rest = re.sub(re.escape(v), " ", rest, flags=re.I)
    rest = re.sub(r"<[A-Z_]+_\d+>", " ", rest)
    rest = re.sub(r"#?\s?ws[\s-]?\d{5}", " ", rest, flags=re.I)
    rest = _FILLER.sub(" ", rest)
    return len(re.findall(r"[a-zA-Z]{3,}", rest)) <= 1


# ---------------------------------------------------------------------------- authorize
def authorize(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Verify order number + email/ZIP when given; count and limit failures."""
    turn = runtime.context
    svc = turn.services
    ents = state.get("entities") or {}
    out: dict[str, Any] = {}
    if state.get("mode") == "human":
        return {"auth": "none"}
    if state.get("locked"):
        return {"auth": "locked"}
    orders = ents.get("order_number") or []
    pending_order = state.get("pending_order")
    if orders:
        first = orders[0]
        if first != state.get("verified_order"):
            pending_order = first
        out["pending_order"] = pending_order if first != state.get("verified_order") else None
    credential = None
    emails = ents.get("email") or []
    postals = ents.get("postal_code") or []
    if emails:
        credential = emails[0]
    elif postals:
        credential = postals[0]
    elif state.get("pending_credential") and orders:
        credential = state.get("pending_credential")
    if credential and not pending_order:
        out["pending_credential"] = credential
        return out | {"auth": "none"}
    if not (pending_order and credential):
        return out | {"auth": "none"}

    value = credential
    if _PLACEHOLDER.match(credential):
        value = turn.pii.get(credential) or svc.vault.resolve(state["conversation_id"], credential)
    is_email = "@" in value
    verdict = svc.gatekeeper.verify(
        state["conversation_id"],
        pending_order,
        email=value if is_email else None,
        postal_code=None if is_email else value,
        client=turn.client_key,
        now=turn.wall_now,
    )
    out["pending_credential"] = None
    if verdict.verified:
        return out | {"verified_order": pending_order, "pending_order": None, "auth": "verified"}
    if verdict.reason.endswith("limited"):  # refused unchecked: no guess was spent, nothing to count
        return out | {"pending_order": None, "auth": "limited"}
    failed = int(state.get("failed_verifications") or 0) + 1
    locked = failed >= svc.settings.max_failed_verifications
    return out | {
        "failed_verifications": failed,
        "locked": locked,
        "pending_order": None,
        "auth": "locked" if locked else "mismatch",
    }


# ---------------------------------------------------------------------------- act
def act(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """The local engine's dialogue policy: pick tools and a reply plan."""
    turn = runtime.context
    settings = turn.services.settings
    text = state["text"]
    intent = state.get("intent", "out_of_scope")
    confidence = float(state.get("confidence", 0.0))
    ents = state.get("entities") or {}
    auth = state.get("auth", "none")
    out: dict[str, Any] = {"not_understood": 0, "out_of_scope_turns": 0}
    policy = LocalPolicy(turn.services.eta)

    def handoff(reason: str) -> dict:
        return out | {"plan": {"handoff": reason}, "unresolved": reason}

    if state.get("mode") == "human":
        return {"plan": plan("human_mode")}
    if auth == "locked":
        return handoff("verification_failed")
    if intent == "human_agent" and confidence >= settings.confidence_threshold:
        return handoff("customer_requested")
    if auth in ("mismatch", "limited"):
        return out | {"plan": plan("verify_failed", quick=[TALK_TO_PERSON]), "awaiting": "order"}
    pending_action = state.get("pending_action")
    if pending_action and state.get("verified_order"):
        ctx = _tool_context(state, turn)
        if pending_action.get("kind") != "choose_item" and actions.YES.search(text):
            evidence, p = actions.confirm(ctx, pending_action, settings.data_dir)
            return out | {"evidence": evidence, "plan": p, "pending_action": None, "last_intent": "start_return"}
        if actions.NO.search(text):
            return out | {"plan": plan("action_cancelled", quick=[TALK_TO_PERSON]), "pending_action": None}
        if pending_action.get("kind") == "choose_item" and intent in ("start_return", "smalltalk", "out_of_scope"):
            combined = f"{pending_action.get('text', '')} {text}"
            evidence, p, nxt = actions.start_return(ctx, state["verified_order"], combined, [])
            return out | {"evidence": evidence, "plan": p, "pending_action": nxt, "last_intent": "start_return"}
        if pending_action.get("kind") == "choose_point":
            code = actions.chosen_point(text, pending_action["codes"])
            if code is not None:
                evidence, p, nxt = actions.propose_redirect(ctx, state["verified_order"], code)
                return out | {
                    "evidence": evidence,
                    "plan": p,
                    "pending_action": nxt,
                    "last_intent": "pickup_alternative",
                }
        out["pending_action"] = None

    followup = _is_followup(text, ents)
    effective = intent
    in_context = bool(
        state.get("verified_order") or state.get("pending_intent") or state.get("last_intent") in NEEDS_ORDER
    )
    if intent == "out_of_scope" and confidence < settings.confidence_threshold and in_context:
        # "is it here yet?" has no purchase word, but mid-conversation it is about the order.
        scores = state.get("scores") or {}
        best = max(NEEDS_ORDER, key=lambda i: scores.get(i, 0.0))
        if scores.get(best, 0.0) >= CONTEXT_MIN_SCORE:
            effective, confidence = best, scores[best]
    if followup or (confidence < settings.confidence_threshold and ents):
        effective = state.get("pending_intent") or state.get("last_intent") or "order_status"
        if effective not in NEEDS_ORDER and (ents.get("order_number") or ents.get("tracking_number")):
            effective = "order_status"
        confidence = max(confidence, settings.confidence_threshold)
    out["intent"] = effective

    if effective in NEEDS_ORDER:
        ctx = _tool_context(state, turn)
        verified = state.get("verified_order")
        asked = ents.get("order_number") or []
        if verified and (not asked or asked[0] == verified):
            pending_action = None
            try:
                if effective == "start_return":
                    evidence, p, pending_action = actions.start_return(ctx, verified, text, [])
                elif effective == "return_status":
                    how = knowledge.article("policy:returns#how").fact()
                    evidence, p = actions.return_status(ctx, verified, [how])
                else:
                    evidence, p = policy.order_turn(ctx, effective, verified, text)
                    pending_action = p.pop("pending_action", None)
                    if not p.get("notices"):
                        evidence, p = _with_offer(state, turn, ctx, verified, evidence, p)
            except ToolRefused:
                return handoff("tool_failure")
            if auth == "verified":
                p["verified_prefix"] = True
            return out | {
                "evidence": evidence,
                "plan": p,
                "pending_intent": None,
                "awaiting": None,
                "last_intent": effective,
                "pending_action": pending_action,
                "offer_shown": bool(state.get("offer_shown") or p.get("offer")),
            }
        if ents.get("tracking_number") and not asked:
            evidence, p = policy.tracking_number_turn(ctx, ents["tracking_number"][0])
            return out | {"evidence": evidence, "plan": p, "last_intent": effective}
        pending = state.get("pending_order") if auth == "none" else None
        if asked or pending:
            number = asked[0] if asked else pending
            return out | {
                "plan": plan("ask_verification", order_number=_display(number)),
                "pending_intent": effective,
                "awaiting": "verification",
            }
        if state.get("pending_credential"):
            return out | {"plan": plan("ask_order_number"), "pending_intent": effective, "awaiting": "order"}
        if (effective != "order_status" or _NOT_YET_ORDERED.search(text)) and not ents:
            # A general question ("can I return socks?") gets the written answer, then the offer to look.
            fact = turn.services.kb.answer(text, min_score=GENERAL_MIN_SCORE) if turn.services.kb else None
            if fact is not None:
                if effective == "order_status":  # not ordered yet: a question about the policy
                    out["intent"] = effective = "policy_question"
                p = plan("policy_then_ask", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])
                return out | {"evidence": [fact], "plan": p, "pending_intent": effective, "last_intent": effective}
        return out | {"plan": plan("ask_order"), "pending_intent": effective, "awaiting": "order"}

    if effective == "policy_question" and confidence >= settings.confidence_threshold:
        evidence, p = policy.policy_turn(text, turn.services.kb)
        return out | {"evidence": evidence, "plan": p, "last_intent": effective}
    if effective == "change_order" and confidence >= settings.confidence_threshold:
        evidence, p = policy.change_order_turn()
        return out | {"evidence": evidence, "plan": p, "last_intent": effective}
    if effective == "smalltalk" and confidence >= settings.confidence_threshold:
        kind = LocalPolicy.smalltalk_kind(text)
        key = {"thanks": "thanks", "goodbye": "goodbye", "disclosure": "greeting", "capabilities": "capabilities"}
        return out | {
            "plan": plan(key.get(kind, "greeting"), quick=["Track my order", TALK_TO_PERSON]),
            "disclosed": True,
        }
    if effective == "out_of_scope" and confidence >= OUT_OF_SCOPE_MIN_CONFIDENCE:
        n = int(state.get("out_of_scope_turns") or 0) + 1
        if n >= 2:
            return handoff("out_of_scope") | {"out_of_scope_turns": 0}
        return out | {
            "plan": plan("out_of_scope", quick=["Track my order", TALK_TO_PERSON]),
            "out_of_scope_turns": n,
            "unresolved": "out_of_scope",
        }
    # Not understood well enough to act on.
    n = int(state.get("not_understood") or 0) + 1
    if n >= 2:
        return handoff("repeated_failure") | {"not_understood": 0}
    return out | {
        "plan": plan("not_understood", quick=["Track my order", TALK_TO_PERSON]),
        "not_understood": n,
        "unresolved": "low_confidence",
    }


def _with_offer(state: TurnState, turn: Turn, ctx: ToolContext, order_key: str, evidence: list, p: dict):
    """At most one relevant offer per conversation, after the question is answered (see tools/offers)."""
    if state.get("offer_shown") or p.get("template", "").startswith(("eta_only", "pickup")):
        return evidence, p
    fact = offers.pick_offer(
        ctx,
        order_key,
        channel_window_open=True,
        conversation_state={
            "answered": True,
            "complaint": state.get("intent") == "delivery_issue",
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


def _display(key: str) -> str:
    return f"#{key}" if not key.startswith("#") else key


# ---------------------------------------------------------------------------- compose
def compose(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Fill the plan's template; cite the facts it names."""
    turn = runtime.context
    templates = turn.services.templates
    p = state.get("plan") or {}
    text = templates.render(p["template"], **p.get("fields", {}))
    items = p.get("items")
    if items:
        marks = [f"{n}." if items.get("numbered") else "-" for n in range(1, len(items["rows"]) + 1)]
        rows = [
            f"{m} {templates.render(items['template'], **row)}" for m, row in zip(marks, items["rows"], strict=True)
        ]
        text = text + "\n" + "\n".join(rows)
        if items.get("numbered"):
            text += "\n" + templates.render("pickup_choose")
    by_notice = {f.source_id: f for f in state.get("evidence") or [] if f.kind == "notice"}
    for source_id in p.get("notices", []):
        if source_id in by_notice:
            text += " " + templates.render("notice_line", text=by_notice[source_id].values["text"])
    if p.get("offer"):
        offer = next((f for f in state.get("evidence") or [] if f.source_id == p["offer"]), None)
        if offer is not None:
            text = text + "\n" + templates.render("offer_line", text=offer.values["text"], url=offer.values["url"])
    if p.get("verified_prefix"):
        text = "Thanks, you're verified. " + text
    if not state.get("disclosed"):
        text = templates.render("disclosure") + " " + text
    by_id = {f.source_id: f for f in state.get("evidence") or []}
    cites = [by_id[s].citation() for s in p.get("cite", []) if s in by_id]
    quick = list(p.get("quick_replies") or [])
    if TALK_TO_PERSON not in quick:
        quick.append(TALK_TO_PERSON)
    return {"reply": text, "citations": cites, "quick_replies": quick, "disclosed": True, "answer_by": "template"}


# ---------------------------------------------------------------------------- check
def check(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Every claim in the reply must be backed by the evidence it cites."""
    turn = runtime.context
    evidence: list[Fact] = state.get("evidence") or []
    cited = [c["source_id"] for c in state.get("citations") or []]
    tzs = [f.values["timezone"] for f in evidence if isinstance(f.values.get("timezone"), str)]
    result = citations.check(state.get("reply", ""), cited, evidence, timezones=tzs, now=turn.now)
    rails = list(state.get("rails") or []) + [_rail("citations", result.passed, result.reason)]
    if state.get("engine") == "openai":
        fallback = state.get("fallback")
        if result.passed or state.get("answer_by") == "model":
            fallback = fallback if result.passed else "citation_check"
        rails.append(_rail("model", fallback is None, fallback or "model answer sent"))
    if result.passed:
        return {"rails": rails}
    if state.get("answer_by") == "model":
        # The model stated something its evidence does not back: the template answer goes instead.
        return {"rails": rails, "fallback": "citation_check"}
    return {"rails": rails, "plan": {"handoff": "guardrail_block"}, "unresolved": "guardrail_block"}


# ---------------------------------------------------------------------------- handoff
def handoff(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Queue the case for a person and tell the customer what happens next."""
    turn = runtime.context
    svc = turn.services
    reason = (state.get("plan") or {}).get("handoff", "customer_requested")
    evidence = [{"source_id": f.source_id, "label": f.label} for f in state.get("evidence") or [] if f.kind != "policy"]
    total = None
    if state.get("verified_order"):
        order = svc.store.order(state["verified_order"])
        total = order.total if order else None
    case = escalate(
        svc.store.engine,
        state["conversation_id"],
        reason,
        turn.wall_now,
        state.get("intent"),
        state.get("verified_order"),
        evidence,
        total,
        customer_text=state.get("text"),
    )
    key = f"handoff_{reason}" if f"handoff_{reason}" in svc.templates.text else "handoff_default"
    text = svc.templates.render(key)
    if not state.get("disclosed"):
        text = svc.templates.render("disclosure") + " " + text
    return {
        "reply": text,
        "citations": [],
        "quick_replies": [],
        "handoff": {"handoff_id": case.id, "reason": reason},
        "mode": "human",
        "disclosed": True,
        "unresolved": state.get("unresolved") or reason,
    }


# ---------------------------------------------------------------------------- routing
def after_act(state: TurnState) -> str:
    plan = state.get("plan") or {}
    if "handoff" in plan:
        return "handoff"
    if state.get("engine") == "openai" and plan.get("template") != "human_mode":
        return "model"
    return "compose"


def after_check(state: TurnState) -> str:
    if "handoff" in (state.get("plan") or {}):
        return "handoff"
    if state.get("answer_by") == "model" and state.get("fallback") == "citation_check":
        return "compose"
    return "reply"


def reply(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """The turn's answer is final; clear what must not linger in the checkpoint."""
    return {"plan": {}, "entities": {}, "llm_messages": [], "tool_calls": []}
