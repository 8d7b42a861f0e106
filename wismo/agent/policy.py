"""The local engine's dialogue policy: from an understood, authorized turn to tool calls and a plan.

A plan names a template, the fields that fill it (each formatted from a fact) and the facts it
cites. The policy never writes free text: what the customer reads comes from templates, so every
claim traces back to evidence.
"""

from __future__ import annotations

import re
from typing import Any

from ..domain.status import FINAL_STATUSES, ShipmentStatus
from ..i18n import wording
from ..i18n.catalog import word
from ..tools import knowledge, pickup, seasonal
from ..tools.context import ToolContext
from ..tools.evidence import Fact
from ..tools.tracking import Tracking, carrier_name, track_number, track_order
from . import cues

S = ShipmentStatus

WISMO_INTENTS = ("order_status", "delivery_issue", "pickup_alternative", "start_return", "return_status")
NEEDS_ORDER = frozenset(WISMO_INTENTS)
TALK_TO_PERSON = "Talk to a person"
#: Knowledge-base match needed to quote an article once the intent is known to be a policy question.
POLICY_MIN_SCORE = 0.25

_ETA_QUESTION = re.compile(
    r"\b(when|arriv\w*|eta|get here|delivery date|what day|how long|by (christmas|friday|monday|tomorrow)|"
    r"expected|estimate\w*|cu[aá]ndo|quand|wann|quando)\b",
    re.I,
)
_MISSING = re.compile(
    r"\b(not here|never (got|received|arrived)|didn'?t (get|receive)|can'?t find|cannot find|missing|stolen|"
    r"not received|no package|isn'?t here|wasn'?t there|says delivered|marked (as )?delivered)\b",
    re.I,
)
_SMALLTALK = (
    (
        "thanks",
        re.compile(
            r"\b(thanks?|thank you|thx|tks|ty|cheers|gracias|merci|danke|obrigad[oa]|brigad[oa]|valeu|vlw|"
            r"appreciate)\b",
            re.I,
        ),
    ),
    (
        "goodbye",
        re.compile(
            r"\b(bye|goodbye|see you|that'?s all|nothing else|adios|ciao|tsch[uü]ss"
            r"|(?:i'?ll|ill|i will) (?:come back|check back|be back|try (?:again )?later))\b",
            re.I,
        ),
    ),
    (
        "how_are_you",
        re.compile(
            r"\b(how are (you|u|ya)|how r u|how'?s (your|ur|the) day|hows (your|ur) day|how'?s it going|"
            r"how is your day|que tal|c[oó]mo est[aá]s|c[oó]mo te va|[cç]a va\s*\?|comment (vas-tu|allez-vous)|"
            r"wie geht'?s|wie geht es (dir|ihnen)|tudo bem\s*\?|como vai|como voc[eê] est[aá])",
            re.I,
        ),
    ),
    ("disclosure", re.compile(r"\b(bot|robot|human|real person|ai|machine|are you real)\b", re.I)),
    ("capabilities", re.compile(r"\b(what can you|help me with|what do you do|how can you help|options)\b", re.I)),
    (
        "greeting",
        re.compile(
            r"^\W*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|hola|buenas|buenos dias|bonjour|bonsoir|salut|"
            r"hallo|guten (tag|morgen|abend)|moin|servus|ola|olá|oi|bom dia|boa (tarde|noite))\b[\W\w]{0,24}$",
            re.I,
        ),
    ),
)


#: Statuses a follow-up question gets explained, with the article that explains each.
EXPLAINED = {
    S.EXCEPTION: "policy:carrier#exception",
    S.DELAYED: "policy:carrier#delayed",
    S.RETURNED_TO_SENDER: "policy:carrier#returned-to-sender",
    S.EXPIRED: "policy:carrier#no-updates",
    S.ATTEMPT_FAILED: "policy:delivery#attempts",
    S.AVAILABLE_FOR_PICKUP: "policy:carrier#available-for-pickup",
    S.IN_TRANSIT: "policy:carrier#in-transit",
    S.OUT_FOR_DELIVERY: "policy:carrier#out-for-delivery",
    S.INFO_RECEIVED: "policy:carrier#label-created",
    S.PENDING: "policy:shipping#processing",
}


def plan(template: str, facts: list[Fact] | None = None, quick: list[str] | None = None, **fields: Any) -> dict:
    """A reply plan: template key, fields, cited source ids and quick replies."""
    return {
        "template": template,
        "fields": fields,
        "cite": [f.source_id for f in (facts or [])],
        "quick_replies": quick or [],
    }


def then_written(p: dict, facts: list[Fact]) -> dict:
    """The plan with the shop's written words said after it, one article per fact, in turn; an article
    already said after it is not said twice. (The plan's own citations may name an article its words only
    sum up, so they do not count.)"""
    before = p.get("then", [])
    already = {c for t in before if t.get("template") == "policy_answer" for c in t["cite"]}
    said = [plan("policy_answer", [f], policy_text=f.values["text"]) for f in facts if f.source_id not in already]
    return p | {"then": [*before, *said]}


def written_facts(articles: list[str]) -> list[Fact]:
    """The facts of these knowledge-base articles, each once, in order."""
    return list({a: knowledge.article(a).fact() for a in articles}.values())


def eta_phrase(tracking: Tracking, ctx: ToolContext, eta: Fact | None) -> tuple[str, str | None]:
    """('Expected delivery: ...', window text) from an ETA fact, or ('', None) when there is none."""
    if eta is None or tracking.status in FINAL_STATUSES:
        return "", None
    tz = tracking.timezone
    start, end = eta.values["window_start"], eta.values["window_end"]
    text = wording.window(start, end, tz)
    return word("eta_sentence", window=text, source=eta_source(eta, tracking)), text


def eta_source(eta: Fact, tracking: Tracking) -> str:
    """How an answer names where a delivery window comes from."""
    if eta.values.get("source") == "model":
        return word("eta_source_model")
    if eta.values.get("rules"):
        # The carrier's own date moved by our rules (no "today" without an out-for-delivery scan).
        return word("eta_source_carrier_scans", carrier=carrier_name(tracking.shipment.carrier))
    return word("eta_source_carrier", carrier=carrier_name(tracking.shipment.carrier))


def status_phrase(status: ShipmentStatus) -> str:
    """ "in transit", "en tránsito": a status as the turn's language says it."""
    return word(f"status.{status.value}")


def _fact(tracking: Tracking, prefix: str) -> Fact | None:
    for f in tracking.facts:
        if f.source_id.startswith(prefix):
            return f
    return None


def status_plan(
    tracking: Tracking, ctx: ToolContext, eta: Fact | None, eta_focus: bool = False, aspect: str | None = None
) -> dict:
    """The order-status answer for one shipment; `aspect` (where | who | recap) narrows a follow-up
    to what was asked, so a customer asking again never reads the same full answer twice."""
    tz = tracking.timezone
    ship = tracking.shipment
    tn = ship.tracking_number
    order_fact = _fact(tracking, "order:")
    ship_fact = _fact(tracking, f"shipment:{tn}")
    event = next((f for f in tracking.facts if ":event:" in f.source_id), None)
    point = _fact(tracking, "pickup:")
    status = tracking.status
    facts = [f for f in (order_fact, ship_fact) if f]
    fields: dict[str, Any] = {
        "order_number": tracking.order.number if tracking.order else "",
        "carrier": carrier_name(ship.carrier),
        "tracking_number": tn,
        "status_phrase": status_phrase(status),
    }
    if event is not None:
        facts.append(event)
        fields["last_event"] = wording.event(event.values["description"])
        fields["last_place"] = wording.place(event.values.get("city"), event.values.get("region"))
        fields["last_time"] = wording.moment(event.values["time"], tz)
    eta_sentence, window = eta_phrase(tracking, ctx, eta)
    if window and eta is not None:
        facts.append(eta)
    fields["eta_sentence"] = eta_sentence
    fields["eta_source"] = eta_source(eta, tracking) if (window and eta is not None) else ""

    if tracking.order is None:
        key = "tracking_only" if event is not None else "tracking_only_nowhere"
        return plan(key, facts, [TALK_TO_PERSON], **fields)

    if eta_focus:
        if status is S.DELIVERED and event is not None:
            return plan("eta_only_delivered", facts, [TALK_TO_PERSON], **fields)
        if window:
            same_day = (
                wording.local(eta.values["window_start"], tz).date()
                == wording.local(  # type: ignore[union-attr]
                    eta.values["window_end"],
                    tz,  # type: ignore[union-attr]
                ).date()
            )
            phrase = word("window_on", day=window) if same_day else window
            return plan("eta_only", facts, ["Track my order", TALK_TO_PERSON], window_phrase=phrase, **fields)
        return plan("eta_only_unknown", facts, [TALK_TO_PERSON], **fields)

    if aspect == "who":
        return plan("status_carrier", facts, [TALK_TO_PERSON], **fields)
    if aspect in ("where", "recap") and event is not None and status is not S.AVAILABLE_FOR_PICKUP:
        key = "status_where" if aspect == "where" else "status_recap"
        return plan(key, facts, [TALK_TO_PERSON], **fields)

    quick = [TALK_TO_PERSON]
    if status is S.AVAILABLE_FOR_PICKUP:
        if point is not None:
            facts.append(point)
            return plan(
                "status_available_for_pickup",
                facts,
                quick,
                pickup_name=point.values["name"],
                pickup_street=point.values["street"],
                pickup_place=wording.place(point.values["city"], point.values["region"]),
                held_until=wording.moment(point.values["held_until"], tz),
                **fields,
            )
        return plan("status_available_for_pickup_nopoint", facts, quick, **fields)
    if status is S.ATTEMPT_FAILED:
        quick = ["Pickup options", TALK_TO_PERSON]
    if event is None and status not in (S.PENDING,):
        status_key = "status_pending" if status is S.PENDING else "status_info_received"
        return plan(status_key, facts, quick, **fields)
    return plan(f"status_{status.value}", facts, quick, **fields)


class LocalPolicy:
    """Decides what to do for a verified or unverified WISMO turn and returns (evidence, plan)."""

    def __init__(self, eta_tool: Any = None) -> None:
        self.eta_tool = eta_tool

    # -- helpers
    def _eta(self, ctx: ToolContext, tracking: Tracking) -> Fact | None:
        if self.eta_tool is not None:
            fact = self.eta_tool(ctx, tracking)
            if fact is not None:
                return fact
        return _fact(tracking, "eta:")

    def _main_tracking(self, ctx: ToolContext, order_key: str) -> tuple[list[Tracking], Tracking | None]:
        trackings = track_order(ctx, order_key)
        return trackings, (trackings[-1] if trackings else None)

    # -- entry points
    def trackings(self, ctx: ToolContext, order_key: str) -> list[Tracking]:
        """Every shipment of a verified order, newest last."""
        return track_order(ctx, order_key)

    def tracking_number_turn(
        self, ctx: ToolContext, number: str, eta_focus: bool = False, explain: bool = False
    ) -> tuple[list[Fact], dict]:
        """What a carrier's own site shows for a tracking number; `eta_focus` for "when will it come?",
        `explain` for "so what does that mean?" (the status in the shop's written words)."""
        tracking = track_number(ctx, number)
        if tracking is None:
            return [], plan("tracking_unknown", [], [TALK_TO_PERSON], tracking_number=number)
        eta = self._eta(ctx, tracking)
        p = status_plan(tracking, ctx, eta)
        if explain and tracking.status in EXPLAINED:
            article = knowledge.article(EXPLAINED[tracking.status]).fact()
            q = plan(
                "tracking_explained",
                [f for f in _evidence(tracking, eta) if f.source_id in p["cite"]] + [article],
                [TALK_TO_PERSON],
                policy_text=article.values["text"],
                **p["fields"],
            )
            return _evidence(tracking, eta) + [article], q
        if eta_focus and p["template"] == "tracking_only" and p["fields"].get("eta_sentence"):
            p["template"] = "tracking_eta"
        return _evidence(tracking, eta), p

    def order_turn(
        self, ctx: ToolContext, intent: str, order_key: str, text: str, followup: bool = False
    ) -> tuple[list[Fact], dict]:
        """The answer about a verified order; `followup` when the conversation already gave its status."""
        trackings, main = self._main_tracking(ctx, order_key)
        if main is None:
            return [], plan("policy_unknown", [], [TALK_TO_PERSON])
        eta = self._eta(ctx, main)
        notices: list[Fact] = []
        if main.order is not None and main.status not in FINAL_STATUSES:
            # Disruptions (weather, outages, strikes, capacity) change a parcel's answer; cutoffs do not.
            notices = [
                n
                for n in seasonal.active_notices(ctx.store, ctx.now, main.order.region, main.shipment.carrier)
                if n.values.get("kind") != "cutoff"
            ]
        if notices and eta is not None:
            eta = _adjusted(eta, notices)
        evidence = _evidence(main, eta) + notices
        status = main.status
        asked = cues.aspect(text) if followup else None
        asks_date = bool(_ETA_QUESTION.search(cues.without_story(text))) or asked == "when"
        eta_focus = asks_date and intent == "order_status"
        aspect = asked if asked in ("who", "where") else ("recap" if followup and not eta_focus else None)
        has_scan = any(":event:" in f.source_id for f in main.facts)
        explainable = main.status in EXPLAINED and (has_scan or main.status in (S.INFO_RECEIVED, S.PENDING))
        if status is S.OUT_FOR_DELIVERY and main.order is not None and cues.any_of(cues.HOUR, text):
            # "what time tho?", "#WS12569, what time will the driver come?": carriers give no time slot;
            # the written words say by when it usually comes.
            return self._explained(ctx, main, eta, evidence, notices)
        meaning = cues.any_of(cues.STATUS_MEANING, text)  # "exception?? what does that even mean"
        asks_meaning = (followup and asked is None) or meaning
        if asks_meaning and explainable and main.order is not None and intent != "pickup_alternative":
            # "why is it late?", "is it lost?": what the status means, in the shop's written words.
            return self._explained(ctx, main, eta, evidence, notices)

        if intent == "pickup_alternative" or (intent == "delivery_issue" and cues.asks_pickup(text)):
            if followup and main.status is S.AVAILABLE_FOR_PICKUP:
                return self._explained(ctx, main, eta, evidence, notices)
            return self._pickup(ctx, main, evidence)
        if intent == "delivery_issue" and status is S.DELIVERED and cues.any_of(cues.NOT_HERE, text):
            return self._delivered_missing(main, evidence)
        if intent in ("start_return", "return_status"):
            return self._returns(intent, main, evidence)
        p = status_plan(main, ctx, eta, eta_focus=eta_focus, aspect=aspect if intent == "order_status" else None)
        on_the_way = status in (S.IN_TRANSIT, S.INFO_RECEIVED, S.DELAYED, S.PENDING)
        if on_the_way and main.order is not None and intent == "order_status" and cues.any_of(cues.HOUR, text):
            # "and what time do they usually drop stuff off? I work till 5": the day we know, then by when
            # carriers deliver in writing (no time slot until the driver has it).
            fact = knowledge.article("policy:delivery#time-of-day").fact()
            p = then_written(p, [fact]) | {"cite": [*p.get("cite", []), fact.source_id]}
            evidence = evidence + [fact]
        article = EXPLAINED.get(main.status)
        stuck = main.status in (S.EXCEPTION, S.DELAYED, S.EXPIRED) and eta is None and cues.any_of(cues.WHEN, text)
        if (p.get("template") == "eta_only_unknown" or stuck) and article and main.order is not None:
            # "when will it move again?" with no date from the carrier: what usually happens, in writing.
            fact = knowledge.article(article).fact()
            p = then_written(p, [fact]) | {"cite": [*p.get("cite", []), fact.source_id]}
            evidence = evidence + [fact]
        if notices:
            p["notices"] = [n.source_id for n in notices]
            p["cite"] = list(p["cite"]) + [n.source_id for n in notices]
        return evidence, p

    def _explained(
        self, ctx: ToolContext, tracking: Tracking, eta: Fact | None, evidence: list[Fact], notices: list[Fact]
    ) -> tuple[list[Fact], dict]:
        base = status_plan(tracking, ctx, eta)
        article = knowledge.article(EXPLAINED[tracking.status]).fact()
        fields = dict(base["fields"])
        p = plan(
            f"explained_{tracking.status.value}",
            [f for f in evidence if f.source_id in base["cite"]] + [article],
            base["quick_replies"],
            policy_text=article.values["text"],
            **fields,
        )
        if "pickup_name" in fields:
            p["template"] = "explained_pickup"
        if notices:
            p["notices"] = [n.source_id for n in notices]
            p["cite"] = list(p["cite"]) + [n.source_id for n in notices]
        return evidence + [article], p

    def _pickup(self, ctx: ToolContext, tracking: Tracking, evidence: list[Fact]) -> tuple[list[Fact], dict]:
        order = tracking.order
        assert order is not None
        ship = tracking.shipment
        if tracking.status is S.AVAILABLE_FOR_PICKUP:
            return evidence, status_plan(tracking, ctx, None)
        options = pickup.nearest(ctx, order, ship)
        if not options:
            return evidence, plan(
                "pickup_none",
                [f for f in evidence if f.kind == "shipment"][:1],
                [TALK_TO_PERSON],
                carrier=carrier_name(ship.carrier),
            )
        tz = order.timezone
        items = []
        for opt in options:
            v = opt.fact.values
            items.append(
                {
                    "name": v["name"],
                    "street": v["street"],
                    "place": wording.place(v["city"], v["region"]),
                    "distance": f"{v['distance_km']:.1f}",
                    "open_phrase": opt.open_phrase(tz),
                }
            )
        facts = [f for f in evidence if f.kind == "order"] + [o.fact for o in options]
        choices = [word("quick.option", n=n) for n in range(1, len(options) + 1)]
        p = plan("pickup_list_intro", facts, choices + [TALK_TO_PERSON], order_number=order.number)
        if tracking.status is S.ATTEMPT_FAILED:
            # The missed delivery first, as the carrier scanned it: why the parcel can go elsewhere.
            attempt = status_plan(tracking, ctx, None)
            if "last_time" in attempt["fields"]:
                fields = attempt["fields"] | {"order_number": order.number}
                cited = [f for f in evidence if f.source_id in attempt["cite"] and f.kind == "shipment"]
                p = plan("pickup_list_after_attempt", cited + facts, choices + [TALK_TO_PERSON], **fields)
        p["items"] = {"template": "pickup_item", "rows": items, "numbered": True}
        # The customer may pick one; the redirect is then proposed and done only after a yes.
        p["pending_action"] = {
            "kind": "choose_point",
            "codes": [o.point.code for o in options],
            "names": [f"{o.point.name} {o.point.street} {o.point.kind}" for o in options],
        }
        return evidence + [o.fact for o in options], p

    def _delivered_missing(self, tracking: Tracking, evidence: list[Fact]) -> tuple[list[Fact], dict]:
        tz = tracking.timezone
        event = next((f for f in tracking.facts if ":event:" in f.source_id), None)
        policy = knowledge.article("policy:delivery#not-received").fact()
        if event is None:
            return evidence, plan(
                "not_delivered_yet",
                evidence[:1],
                [TALK_TO_PERSON],
                order_number=tracking.order.number if tracking.order else "",
            )
        desc = event.values["description"]
        delivered_place = wording.delivered_place(desc.split(",", 1)[1].strip() if "," in desc else "front door")
        facts = [f for f in evidence if f.kind == "order"] + [event, policy]
        return evidence + [policy], plan(
            "delivered_missing",
            facts,
            [TALK_TO_PERSON],
            order_number=tracking.order.number if tracking.order else "",
            last_time=wording.moment(event.values["time"], tz),
            last_place=wording.place(event.values.get("city"), event.values.get("region")),
            last_event=wording.event(desc),
            delivered_place=delivered_place,
        )

    def _returns(self, intent: str, tracking: Tracking, evidence: list[Fact]) -> tuple[list[Fact], dict]:
        ids = ["policy:returns#window", "policy:returns#how"]
        if intent == "return_status":
            ids = ["policy:returns#how"]
        facts = [knowledge.article(i).fact() for i in ids]
        text = " ".join(f.values["text"] for f in facts)
        return evidence + facts, plan("return_intro", facts, [TALK_TO_PERSON], policy_text=text)

    def policy_turn(self, text: str, kb: Any = None) -> tuple[list[Fact], dict]:
        """Quote the shop's written answer: the knowledge base in Chroma, else the keyword matcher."""
        fact = kb.answer(text, min_score=POLICY_MIN_SCORE) if kb is not None else None
        if fact is None and kb is None:
            found = knowledge.search(text, limit=1)
            fact = found[0].fact() if found else None
        if fact is None:
            return [], plan("policy_unknown", [], [TALK_TO_PERSON])
        return [fact], plan("policy_answer", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])

    def change_order_turn(self) -> tuple[list[Fact], dict]:
        fact = knowledge.article("policy:orders#changes").fact()
        return [fact], plan("change_order", [fact], [TALK_TO_PERSON], policy_text=fact.values["text"])

    @staticmethod
    def smalltalk_kind(text: str) -> str | None:
        """thanks | goodbye | disclosure | capabilities | greeting, or None when it is none of them."""
        folded = cues.fold(text)
        for kind, rx in _SMALLTALK:
            if rx.search(folded):
                return kind
        return None


def _adjusted(eta: Fact, notices: list[Fact]) -> Fact:
    """The delivery window widened by active seasonal notices (weather, strikes, capacity)."""
    start, end = seasonal.adjust_window(eta.values["window_start"], eta.values["window_end"], notices)
    if (start, end) == (eta.values["window_start"], eta.values["window_end"]):
        return eta
    titles = ", ".join(n.label for n in notices)
    return Fact(
        eta.source_id + ":adjusted",
        f"{eta.label}, adjusted for: {titles}",
        {**eta.values, "window_start": start, "window_end": end, "notices": [n.source_id for n in notices]},
    )


def _evidence(tracking: Tracking, eta: Fact | None) -> list[Fact]:
    facts = list(tracking.facts)
    if eta is not None and all(f.source_id != eta.source_id for f in facts):
        facts.append(eta)
    return facts
