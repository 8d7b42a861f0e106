"""The graph's nodes: screen, understand, authorize, act, compose, check, handoff, reply.

Each node takes the state and the turn's run-time context and returns the fields it changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from langgraph.runtime import Runtime

from ..guardrails import citations
from ..guardrails.injection import screen_injection
from ..handoff.escalation import escalate
from ..i18n import detect as language
from ..i18n.catalog import quick_label, word
from ..tools.evidence import Fact
from . import cues, dialogue, focus, nlu
from .deps import Turn
from .policy import TALK_TO_PERSON
from .state import TurnState

_PLACEHOLDER = re.compile(r"^<[A-Z_]+_\d+>$")


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
        "links": [],
        "handoff": None,
        "unresolved": None,
        "auth": "none",
        "mode": state.get("mode") or "bot",
        "engine": svc.settings.engine,
        "usage": {},
        "fallback": None,
        "answer_by": "",
    }


# ---------------------------------------------------------------------------- understand
def understand(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Intent, entities and the language to answer in (the customer's words, before redaction)."""
    u = nlu.understand(state["text"])
    lang = language.detect(runtime.context.raw_text, state.get("lang"), runtime.context.language_hint)
    return {
        "intent": u.intent,
        "confidence": float(u.confidence),
        "entities": _asked_order_number(state, u.entities),
        "scores": u.scores,
        "lang": lang,
    }


def _asked_order_number(state: TurnState, found: dict[str, list[str]]) -> dict[str, list[str]]:
    """ "oh u need the number. 13908" right after we asked for the order number, the email already
    given: five digits are that order number, not a ZIP code."""
    zips = found.get("postal_code") or []
    held = str(state.get("credential") or "")
    text = state.get("text") or ""
    labelled = _BARE_THEN_ZIP.search(text)
    if labelled and not found.get("order_number") and len(zips) == 2 and labelled.group(1) in zips:
        # "14699 zip 94610": five digits, then the ZIP named as such; the first ones are the order.
        rest = [z for z in zips if z != labelled.group(1)] or [labelled.group(2)]
        return found | {"order_number": [f"WS{labelled.group(1)}"], "postal_code": rest}
    if (
        state.get("awaiting") == "order"
        and found.get("email")
        and not (found.get("order_number") or zips or state.get("pending_order"))
        and re.fullmatch(r"\d{5}", held)
    ):
        # "13459" when asked for the order number and email, then the email: those digits were the order.
        return found | {"order_number": [f"WS{held}"]}
    if state.get("awaiting") != "order" or found.get("order_number") or len(zips) != 1:
        return found
    if _ZIP_WORD.search(text):
        return found
    # "ay perdón me equivoqué de número, es el 13154": the order number corrected, not a ZIP.
    renumbered = bool(_NUMBER_WORD.search(cues.fold(text))) and cues.any_of(cues.CORRECTION, text)
    if (state.get("pending_order") and not renumbered) or not (state.get("credential") or found.get("email")):
        return found  # "ah wait, that's my old zip. 20016" after a mismatch: a ZIP for the order on hand
    rest = {k: v for k, v in found.items() if k != "postal_code"}
    return rest | {"order_number": [f"WS{zips[0][:5]}"]}


_NUMBER_WORD = re.compile(r"\b(?:number|numero|nummer|order|pedido|commande|bestellung|encomenda)\b", re.I)
_ZIP_WORD = re.compile(r"\b(?:zip|postal|postcode|plz|postleitzahl|cp|c[oó]digo postal|code postal|cep)\b", re.I)
#: Five bare digits, then a postal code named as such: "14699 zip 94610", "13154, cp 28013".
_BARE_THEN_ZIP = re.compile(
    r"(?<![\w#-])(\d{5})(?![\w-])[\s,;/.:-]*(?:and |y |et |und |e |my |mi |mon |ma |meine? |meu |o )?"
    r"(?:zip|postal code|postcode|plz|postleitzahl|cp|c[oó]digo postal|code postal|cep)(?: code)?\s*(?:is |es |:)?\s*"
    r"(\d{5})(?![\w-])",
    re.I,
)


def with_model(step: str, otherwise: str) -> Callable[[TurnState], str]:
    """The edge into a model step: taken with the openai engine, skipped with the local one."""

    def route(state: TurnState) -> str:
        return step if state.get("engine") == "openai" else otherwise

    route.__name__ = f"to_{step}"
    return route


# ---------------------------------------------------------------------------- authorize
def authorize(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Verify order number + email/ZIP when given (see focus.py for which order); count and limit failures."""
    turn = runtime.context
    svc = turn.services
    if state.get("locked"):
        return {"auth": "locked"}
    # With a person too: details the customer sends are checked, so the agent sees a verified case.
    aim = focus.target(dict(state), state.get("entities") or {}, state.get("text", ""))
    out: dict[str, Any] = dict(aim.changes)
    if aim.verify is None:
        return out | {"auth": aim.note or "none"}
    if aim.verify == state.get("refused_order"):
        return out | {"auth": "refused"}  # someone else's order the customer was told no about: not opened now
    known = focus.verified_list(dict(state))
    verified = [o for o in out.get("verified_orders", known) if o != aim.verify] + [aim.verify]
    # (`verified` is the list itself: orders also named in the message join it below)
    now_verified = {
        "verified_order": aim.verify,
        "verified_orders": verified,
        "pending_order": None,
        "auth": "verified",
    }
    if not aim.typed and svc.gatekeeper.same_customer(aim.verify, known):
        return out | now_verified  # the customer's other order, no new details typed: their proof covers it
    credential = aim.credential or ""
    value = credential
    if _PLACEHOLDER.match(credential):
        value = turn.pii.get(credential) or svc.vault.resolve(state["conversation_id"], credential)
    is_email = "@" in (value or "")
    verdict = svc.gatekeeper.verify(
        state["conversation_id"],
        aim.verify,
        email=value if is_email else None,
        postal_code=None if is_email else value,
        client=turn.client_key,
        now=turn.wall_now,
    )
    if verdict.verified:
        for extra in aim.also:
            # Other orders named in the same message, checked with the same details (each attempt counts).
            more = svc.gatekeeper.verify(
                state["conversation_id"],
                extra,
                email=value if is_email else None,
                postal_code=None if is_email else value,
                client=turn.client_key,
                now=turn.wall_now,
            )
            if more.verified and extra not in verified:
                verified.insert(len(verified) - 1, extra)
        return out | now_verified
    if not aim.typed and not verdict.reason.endswith("limited"):
        # The email/ZIP given for another order does not fit this one: ask for this order's own.
        return out | {"auth": "need_credential"}
    if verdict.reason.endswith("limited"):  # refused unchecked: no guess was spent, nothing to count
        return out | {"auth": "limited"}
    failed = int(state.get("failed_verifications") or 0) + 1
    locked = failed >= svc.settings.max_failed_verifications
    return out | {"failed_verifications": failed, "locked": locked, "auth": "locked" if locked else "mismatch"}


# ---------------------------------------------------------------------------- act
def act(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """The local engine's dialogue (dialogue.py): pick tools and a reply plan."""
    return dialogue.act(state, runtime.context)


# ---------------------------------------------------------------------------- compose
def compose(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """Fill the plan's template; cite the facts it names."""
    turn = runtime.context
    templates = turn.services.templates
    p = state.get("plan") or {}
    fields = dict(p.get("fields", {}))
    if fields.get("label_url"):
        # A link a customer can open from any channel, with words on the button.
        fields["label_url"] = absolute(fields["label_url"], turn.services.settings.public_url)
    text = templates.render(p["template"], **fields)
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
    links: list[dict[str, str]] = []
    if p.get("verified_prefix"):
        text = word("verified_prefix") + " " + text
    if not state.get("disclosed"):
        text = templates.render("disclosure") + " " + text
    for more in p.get("then") or []:
        # Further answers in the same reply (a second order named in the same message).
        text += "\n" + templates.render(more["template"], **more.get("fields", {}))
    if p.get("offer"):
        # The offer last: after every answer the customer asked for.
        offer = next((f for f in state.get("evidence") or [] if f.source_id == p["offer"]), None)
        if offer is not None:
            url = absolute(offer.values["url"], turn.services.settings.public_url)
            text = text + "\n" + templates.render("offer_line", text=offer.values["text"], url=url)
            links.append({"label": word("offer_link"), "url": url})
    by_id = {f.source_id: f for f in state.get("evidence") or []}
    cite_ids = list(p.get("cite", [])) + [c for more in p.get("then") or [] for c in more.get("cite", [])]
    cites = [by_id[s].citation() for s in dict.fromkeys(cite_ids) if s in by_id]
    quick = list(p.get("quick_replies") or [])
    if TALK_TO_PERSON not in quick:
        quick.append(TALK_TO_PERSON)
    quick = [quick_label(q) for q in quick]
    if fields.get("label_url"):
        links.insert(0, {"label": word("label_link"), "url": fields["label_url"]})
    out = {
        "reply": text,
        "citations": cites,
        "quick_replies": quick,
        "links": links,
        "disclosed": True,
        "answer_by": "template",
    }
    # (Once a person is on the way, "a person will reply here" may be said again: nothing to offer.)
    human = p.get("template") == "human_mode"
    if "handoff" not in p and not human and _same_answer(text, state.get("last_reply"), templates):
        again = f"{p['template']}_again"
        if templates.has(again):
            # A question asked again ("which order?", "and the email?") is asked in other words.
            text = text.replace(templates.render(p["template"], **p.get("fields", {})), "").strip()
            return out | {"reply": (text + " " + templates.render(again, **p.get("fields", {}))).strip()}
        return out | _instead_of_repeating(state, templates, text if cites else "")
    return out


def absolute(url: str, base: str) -> str:
    """`/l/abc` -> `https://shop.example.com/l/abc` (WISMO_PUBLIC_URL); absolute URLs stay."""
    return url if "://" in url else base.rstrip("/") + "/" + url.lstrip("/")


def _same_answer(text: str, last: str | None, templates: Any) -> bool:
    """The reply says what the last one said (the disclosure and the "verified" prefix aside)."""
    return bool(last) and _core(text, templates) == _core(last or "", templates)


def _core(text: str, templates: Any) -> str:
    """A reply without the bot's introduction and the "you're verified" prefix, which never repeat."""
    text = text.strip()
    for prefix in (templates.render("disclosure"), word("verified_prefix")):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return text


def _says_it_again(state: TurnState) -> bool:
    """The customer repeats their last message, or writes next to nothing ("??", "hello?")."""
    now = set(re.findall(r"\w+", cues.fold(state.get("text") or "")))
    before = set(re.findall(r"\w+", cues.fold(state.get("last_text") or "")))
    if len(now) <= 2:
        return True
    return len(now & before) >= 0.5 * len(now | before)


def _instead_of_repeating(state: TurnState, templates: Any, facts_text: str) -> dict:
    """Never the same answer twice in a row: the second time the facts are restated as such and a
    person is offered; the third time a person is brought in, unless the customer asked something new
    that the same facts answer ("why did it happen tho", then "is it still moving or stuck?"): those
    facts again, with the person still offered."""
    if state.get("repeat_offered") and (not facts_text or _says_it_again(state)):
        return {"plan": {"handoff": "repeated_failure"}, "unresolved": "repeated_failure"}
    out: dict[str, Any] = {
        "reply": templates.render("repeat_offer_person"),
        "quick_replies": [word("quick.yes_person"), quick_label(TALK_TO_PERSON)],
        "answer_by": "repeat_offer",
    }
    if (state.get("pending_action") or {}).get("kind") in (None, "offer_person"):
        # A proposal still waiting for its yes (a return, a redirect) is not replaced by the offer.
        out["pending_action"] = {"kind": "offer_person", "reason": "repeated_failure"}
    if facts_text:
        out["reply"] = templates.render("repeat_same_facts", answer=_core(facts_text, templates))
    else:
        out["citations"] = []
    return out


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
        rails.append(_rail("model", fallback is None, fallback or "model answer sent"))
    if result.passed:
        return {"rails": rails}
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
        language=state.get("lang"),
    )
    key = f"handoff_{reason}" if svc.templates.has(f"handoff_{reason}") else "handoff_default"
    text = svc.templates.render(key)
    plan = state.get("plan") or {}
    preamble = state.get("reply") if plan.get("template") and state.get("answer_by") == "template" else ""
    if preamble:
        # What we know went first (checked like any answer); the handoff says what happens next.
        text = f"{preamble} {text}"
    elif not state.get("disclosed"):
        text = svc.templates.render("disclosure") + " " + text
    return {
        "reply": text,
        "citations": state.get("citations") if preamble else [],
        "quick_replies": [],
        "handoff": {"handoff_id": case.id, "reason": reason},
        "mode": "human",
        "disclosed": True,
        "unresolved": state.get("unresolved") or reason,
        # What the case is about, for the written answers the bot still gives while a person comes.
        "topic_articles": _topic_articles({"citations": state.get("citations") if preamble else []}),
    }


# ---------------------------------------------------------------------------- routing
def after_act(state: TurnState) -> str:
    plan = state.get("plan") or {}
    if "handoff" in plan and "template" not in plan:
        return "handoff"
    return "compose"  # with a handoff too: what we know first, checked, then the handoff


def after_check(state: TurnState) -> str:
    return "handoff" if "handoff" in (state.get("plan") or {}) else "reply"


def _topic_articles(state: TurnState) -> list[str]:
    """The written articles the last policy answer cited: "and overnight?" two turns later reads on."""
    cited = [c["source_id"] for c in state.get("citations") or [] if c.get("kind") == "policy"]
    before = list(state.get("topic_articles") or [])
    if set(cited) <= set(before):
        # "and on the 31st?" after "stores open on christmas eve? I'd return in person": one part asked
        # again, and the thread (the return in a store) goes on for "do I need to bring anything?".
        return before
    return cited


def reply(state: TurnState, runtime: Runtime[Turn]) -> dict:
    """The turn's answer is final; clear what must not linger in the checkpoint."""
    offered = state.get("answer_by") == "repeat_offer"
    return {
        "plan": {},
        "entities": {},
        # The offer of a person stands in for a repeat: the answer it replaced stays the one to compare.
        "last_reply": state.get("last_reply") if offered else state.get("reply", ""),
        "last_text": state.get("text", ""),
        "topic_articles": _topic_articles(state),
        "repeat_offered": offered,
    }
