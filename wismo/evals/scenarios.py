"""Scenario files: multi-turn conversations against the store, with what a shop expects of each turn.

A scenario never names an order: it asks the store for one by state (`order: {status: attempt_failed}`)
and its turns use placeholders (`{order_number}`, `{email}`, `{other_email}`, ...) filled from the
order picked at run time, so the same suite runs on any seeded or real store. The packaged suite lives
in `wismo/evals/scenarios/*.yaml`; a shop adds its own files in the same format.

    - id: status-in-transit
      category: status
      resolvable: true
      order: {status: in_transit}
      turns:
        - say: "where is {order_number}? email {email}"
          expect:
            intent: order_status
            citations: [order, shipment]
            must_contain: ["{order_number}", "in transit"]
            must_not_contain: ["delivered"]
            handoff: null            # the default: no handoff on this turn; `any` to not check
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..agent.nlu import INTENTS as _INTENTS
from ..domain.status import ShipmentStatus
from ..handoff.escalation import REASONS
from ..tools.evidence import SOURCE_KINDS

INTENTS = frozenset(_INTENTS)
HANDOFF_REASONS = frozenset(REASONS)
CITATION_KINDS = frozenset(SOURCE_KINDS)
STATUSES = frozenset(s.value for s in ShipmentStatus)
#: Fields of a picked order that turns may use; `other_<field>` is the same for another customer's order.
ORDER_FIELDS = (
    "order_number",
    "order_digits",
    "email",
    "postal_code",
    "tracking_number",
    "carrier",
    "status",
    "status_phrase",
    "name",
    "first_name",
    "phone",
    "street",
    "city",
    "item",
    "item_variant",
)
#: Fields that are personal data: a value typed from these must never reach a transcript or a reply.
PII_FIELDS = frozenset({"email", "name", "phone", "street"})
EXTRA_PLACEHOLDERS = ("unknown_order_number",)
#: Prefixes of the orders a scenario may pick besides its own: `second_` (another order of the same
#: customer) and `other_` (an order of another customer).
PREFIXES = ("second_", "other_")
PLACEHOLDERS = frozenset(ORDER_FIELDS) | {f"{p}{f}" for p in PREFIXES for f in ORDER_FIELDS} | set(EXTRA_PLACEHOLDERS)
FILTERS = {
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "nohash": lambda s: s.lstrip("#"),
    # "#WS10042" -> "# WS 10042": how people type it on a phone.
    "spaced": lambda s: re.sub(r"^(#?)\s*([A-Za-z]+)\s*(\d+)$", r"\1 \2 \3", s).strip(),
    "dashed": lambda s: re.sub(r"^#?\s*([A-Za-z]+)\s*(\d+)$", r"\1-\2", s),
    # "1Z999AA1..." -> groups of four, as printed on labels.
    "grouped": lambda s: " ".join(s[i : i + 4] for i in range(0, len(s), 4)),
    "padded": lambda s: f"  {s}  ",
}
PLACEHOLDER_RX = re.compile(r"\{([a-z_]+)((?:\|[a-z_]+)*)\}")
ORDER_SELECTOR_KEYS = frozenset(
    {
        "status",
        "carrier",
        "service",
        "notify_channel",
        "region",
        "city",
        "returnable",
        "final_sale",
        "multi_item",
        "sized",
    }
)

SCENARIO_KEYS = frozenset(
    {
        "id",
        "category",
        "description",
        "situation",
        "resolvable",
        "kind",
        "language",
        "order",
        "second",
        "other",
        "channel",
        "tags",
        "turns",
        "end",
    }
)
TURN_KEYS = frozenset({"say", "expect", "pii"})
EXPECT_KEYS = frozenset(
    {
        "intent",
        "citations",
        "tools",
        "citations_absent",
        "must_contain",
        "must_not_contain",
        "handoff",
        "verified",
        "about",
        "unclear",
    }
)
END_KEYS = frozenset({"handoff", "verified", "about", "action", "variant", "declined"})
#: What a good bot does with a conversation: resolve it, bring in a person, or decline it.
KINDS = ("resolvable", "person", "decline")
LANGUAGES = ("en", "es", "fr", "de", "pt")
ACTIONS = ("redirect", "return", "exchange", "none")
ABOUT = ("order", "second")
ANY = "any"


class ScenarioError(ValueError):
    """A scenario file that does not follow the format; the message names the file and scenario."""


@dataclass(frozen=True)
class Expect:
    """What one turn must show. Empty fields check nothing, except `handoff` (None = no handoff)."""

    intent: tuple[str, ...] = ()
    #: Citation kinds (`order`) or source id prefixes (`policy:returns#window`) that must be cited;
    #: an item that is a tuple is satisfied by any of its members.
    citations: tuple[str | tuple[str, ...], ...] = ()
    citations_absent: tuple[str, ...] = ()
    #: Each item must appear (case-insensitive); an item that is a tuple is satisfied by any of its members.
    must_contain: tuple[str | tuple[str, ...], ...] = ()
    must_not_contain: tuple[str, ...] = ()
    #: A reason code, None (no handoff) or "any" (not checked).
    handoff: str | tuple[str, ...] | None = None
    verified: bool | None = None
    #: The reply must be about this order (`order` or `second`), not another one.
    about: str | None = None
    #: The message is genuinely unclear: a "didn't catch that" is acceptable on this turn.
    unclear: bool = False


@dataclass(frozen=True)
class End:
    """What must hold once the conversation is over (checked against the conversation and the store)."""

    #: Acceptable handoff reasons; () = no handoff may happen; None = not checked.
    handoff: tuple[str, ...] | None = None
    verified: bool | None = None
    about: str | None = None
    #: What must be booked by the end: redirect | return | exchange | none.
    action: str | None = None
    #: For an exchange: `up`, `down` or a literal variant the customer asked for.
    variant: str | None = None
    #: The bot declined the request (out of scope or unsafe) and did nothing it asked.
    declined: bool = False


@dataclass(frozen=True)
class Turn:
    say: str
    expect: Expect = field(default_factory=Expect)
    #: Literal personal data typed in this turn (besides placeholders), e.g. a phone number.
    pii: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    id: str
    category: str
    turns: tuple[Turn, ...]
    #: Whether the bot can and should resolve it without a person (for the deflection rate).
    resolvable: bool = True
    order: dict[str, Any] | None = None
    other: dict[str, Any] | None = None
    #: Another order of the same customer (placeholders `second_*`).
    second: dict[str, Any] | None = None
    channel: str = "web"
    description: str = ""
    tags: tuple[str, ...] = ()
    source: str = ""
    #: resolvable | person | decline (see KINDS); derived from `resolvable` when not given.
    kind: str = "resolvable"
    #: The language the customer writes in: every reply must be in it (None: not checked).
    language: str | None = None
    end: End | None = None

    def placeholders(self) -> set[str]:
        names: set[str] = set()
        for turn in self.turns:
            for text in [turn.say, *turn.pii, *_expect_strings(turn.expect)]:
                names.update(m.group(1) for m in PLACEHOLDER_RX.finditer(text))
        return names


def _expect_strings(e: Expect) -> list[str]:
    out: list[str] = []
    for item in e.must_contain:
        out.extend(item if isinstance(item, tuple) else (item,))
    for item in e.citations:
        out.extend(item if isinstance(item, tuple) else (item,))
    return out + list(e.must_not_contain) + list(e.citations_absent)


def _strs(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ScenarioError(f"{where}: `{key}` must be a string or a list of strings")


def _alternatives(value: Any, where: str, key: str) -> list[str | tuple[str, ...]]:
    """A string, or a list whose items are strings or non-empty lists of alternative strings
    (each list becomes a tuple: any one of them will do)."""
    out: list[str | tuple[str, ...]] = []
    for item in [value] if isinstance(value, str | int | float) else value or []:
        if isinstance(item, int | float) and not isinstance(item, bool):
            item = str(item)  # YAML reads `31` as a number; the check is on text
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, list) and item and all(isinstance(v, str) for v in item):
            out.append(tuple(item))
        else:
            raise ScenarioError(f"{where}: `{key}` items are strings or non-empty lists of alternatives")
    return out


def _parse_expect(raw: Any, where: str) -> Expect:
    if raw is None:
        return Expect()
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: `expect` must be a mapping")
    unknown = set(raw) - EXPECT_KEYS
    if unknown:
        raise ScenarioError(f"{where}: unknown expectation(s) {sorted(unknown)}; use {sorted(EXPECT_KEYS)}")
    intents = _strs(raw.get("intent"), where, "intent")
    bad = [i for i in intents if i not in INTENTS]
    if bad:
        raise ScenarioError(f"{where}: unknown intent(s) {bad}")
    cites = _alternatives(raw.get("citations"), where, "citations") + _alternatives(raw.get("tools"), where, "tools")
    absent = _strs(raw.get("citations_absent"), where, "citations_absent")
    flat = [c for item in cites for c in (item if isinstance(item, tuple) else (item,))]
    for c in flat + list(absent):
        if c.split(":", 1)[0] not in CITATION_KINDS:
            kinds = sorted(CITATION_KINDS)
            raise ScenarioError(f"{where}: citation {c!r} is not a kind or a source id of one of {kinds}")
    must = _alternatives(raw.get("must_contain"), where, "must_contain")
    handoff = raw.get("handoff")
    if isinstance(handoff, list):
        handoff = _reasons(handoff, where)
    elif handoff is not None and handoff != ANY and handoff not in HANDOFF_REASONS:
        raise ScenarioError(f"{where}: unknown handoff reason {handoff!r}")
    verified = raw.get("verified")
    if verified is not None and not isinstance(verified, bool):
        raise ScenarioError(f"{where}: `verified` must be true or false")
    about = raw.get("about")
    if about is not None and about not in ABOUT:
        raise ScenarioError(f"{where}: `about` is one of {list(ABOUT)}")
    return Expect(
        intent=intents,
        citations=tuple(cites),
        citations_absent=absent,
        must_contain=tuple(must),
        must_not_contain=_strs(raw.get("must_not_contain"), where, "must_not_contain"),
        handoff=handoff,
        verified=verified,
        about=about,
        unclear=bool(raw.get("unclear", False)),
    )


def _reasons(value: Any, where: str) -> tuple[str, ...]:
    reasons = tuple(value) if isinstance(value, list) else (value,)
    bad = [r for r in reasons if r not in HANDOFF_REASONS]
    if bad:
        raise ScenarioError(f"{where}: unknown handoff reason(s) {bad}")
    return reasons


def _parse_end(raw: Any, where: str) -> End | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: `end` must be a mapping")
    unknown = set(raw) - END_KEYS
    if unknown:
        raise ScenarioError(f"{where}: unknown end check(s) {sorted(unknown)}; use {sorted(END_KEYS)}")
    handoff: tuple[str, ...] | None = None
    if "handoff" in raw:
        value = raw["handoff"]
        handoff = None if value == ANY else () if value in (None, "none") else _reasons(value, where)
    for key, allowed in (("about", ABOUT), ("action", ACTIONS)):
        if raw.get(key) is not None and raw[key] not in allowed:
            raise ScenarioError(f"{where}: end `{key}` is one of {list(allowed)}")
    verified = raw.get("verified")
    if verified is not None and not isinstance(verified, bool):
        raise ScenarioError(f"{where}: end `verified` must be true or false")
    variant = raw.get("variant")
    return End(
        handoff=handoff,
        verified=verified,
        about=raw.get("about"),
        action=raw.get("action"),
        variant=None if variant is None else str(variant),
        declined=bool(raw.get("declined", False)),
    )


def _parse_selector(raw: Any, where: str, key: str) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: `{key}` must be a mapping such as {{status: in_transit}}")
    unknown = set(raw) - ORDER_SELECTOR_KEYS
    if unknown:
        raise ScenarioError(f"{where}: `{key}` selects by {sorted(ORDER_SELECTOR_KEYS)}, not {sorted(unknown)}")
    if "status" in raw and raw["status"] not in STATUSES:
        raise ScenarioError(f"{where}: unknown shipment status {raw['status']!r}")
    return dict(raw)


def parse_scenario(raw: Any, source: str = "") -> Scenario:
    """One scenario from its YAML/JSON mapping; ScenarioError when anything is off."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ScenarioError(f"{source}: every scenario is a mapping with a string `id`")
    where = f"{source}: {raw['id']}"
    unknown = set(raw) - SCENARIO_KEYS
    if unknown:
        raise ScenarioError(f"{where}: unknown key(s) {sorted(unknown)}")
    turns_raw = raw.get("turns")
    if not isinstance(turns_raw, list) or not turns_raw:
        raise ScenarioError(f"{where}: `turns` must be a non-empty list")
    turns = []
    for i, t in enumerate(turns_raw, 1):
        tw = f"{where} turn {i}"
        if isinstance(t, str):
            t = {"say": t}
        if not isinstance(t, dict) or not isinstance(t.get("say"), str) or not t["say"].strip():
            raise ScenarioError(f"{tw}: a turn needs `say` (the customer's message)")
        bad = set(t) - TURN_KEYS
        if bad:
            raise ScenarioError(f"{tw}: unknown key(s) {sorted(bad)}")
        turns.append(Turn(say=t["say"], expect=_parse_expect(t.get("expect"), tw), pii=_strs(t.get("pii"), tw, "pii")))
    resolvable = raw.get("resolvable", True)
    if not isinstance(resolvable, bool):
        raise ScenarioError(f"{where}: `resolvable` must be true or false")
    kind = raw.get("kind") or ("resolvable" if resolvable else "person")
    if kind not in KINDS:
        raise ScenarioError(f"{where}: `kind` is one of {list(KINDS)}")
    language = raw.get("language")
    if language is not None and language not in LANGUAGES:
        raise ScenarioError(f"{where}: `language` is one of {list(LANGUAGES)}")
    scenario = Scenario(
        id=raw["id"],
        category=str(raw.get("category") or "general"),
        turns=tuple(turns),
        resolvable=kind == "resolvable",
        kind=kind,
        language=language,
        order=_parse_selector(raw.get("order"), where, "order"),
        other=_parse_selector(raw.get("other"), where, "other"),
        second=_parse_selector(raw.get("second"), where, "second"),
        channel=str(raw.get("channel") or "web"),
        description=str(raw.get("situation") or raw.get("description") or ""),
        end=_parse_end(raw.get("end"), where),
        tags=_strs(raw.get("tags"), where, "tags"),
        source=source,
    )
    names = scenario.placeholders()
    unknown_names = names - PLACEHOLDERS
    if unknown_names:
        raise ScenarioError(f"{where}: unknown placeholder(s) {sorted(unknown_names)}")
    if scenario.order is None and any(n in ORDER_FIELDS for n in names):
        raise ScenarioError(f"{where}: uses order placeholders but has no `order:` selector")
    for prefix in PREFIXES:
        key = prefix.rstrip("_")
        if getattr(scenario, key) is None and any(n.startswith(prefix) for n in names):
            raise ScenarioError(f"{where}: uses {prefix}* placeholders but has no `{key}:` selector")
    if scenario.second is not None and scenario.order is None:
        raise ScenarioError(f"{where}: `second:` needs an `order:` selector (same customer)")
    for turn in scenario.turns:
        for text in [turn.say, *_expect_strings(turn.expect)]:
            for m in PLACEHOLDER_RX.finditer(text):
                for f in filter(None, m.group(2).split("|")):
                    if f not in FILTERS:
                        raise ScenarioError(f"{where}: unknown filter |{f}; use {sorted(FILTERS)}")
    return scenario


def _documents(path: Path) -> list[Any]:
    text = path.read_text("utf-8")
    if path.suffix == ".jsonl":
        import json

        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = yaml.safe_load(text)
    if data is None:
        return []
    if isinstance(data, dict) and "scenarios" in data:
        data = data["scenarios"]
    if not isinstance(data, list):
        raise ScenarioError(f"{path}: expected a list of scenarios")
    return data


def packaged_files() -> list[Path]:
    """The shop's starting suite shipped with wismo."""
    root = resources.files("wismo.evals").joinpath("scenarios")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".yaml", ".yml", ".jsonl")))


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml", ".jsonl")))
        elif p.exists():
            files.append(p)
        else:
            raise ScenarioError(f"{p}: no such file")
    return files


def load_scenarios(paths: Iterable[str | Path] | None = None) -> list[Scenario]:
    """Scenarios from files or folders (YAML or JSON Lines); the packaged suite when `paths` is None.
    One path may be given alone ("evals/conversations/dev"), not only in a list."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = packaged_files() if paths is None else _expand(paths)
    out: list[Scenario] = []
    seen: dict[str, str] = {}
    for f in files:
        for raw in _documents(f):
            s = parse_scenario(raw, source=f.name)
            if s.id in seen:
                raise ScenarioError(f"{f.name}: scenario id {s.id!r} is also in {seen[s.id]}")
            seen[s.id] = f.name
            out.append(s)
    return out


def fill(text: str, values: dict[str, str]) -> str:
    """Replace `{name|filter}` placeholders with the picked orders' values."""

    def sub(m: re.Match[str]) -> str:
        value = values[m.group(1)]
        for f in filter(None, m.group(2).split("|")):
            value = FILTERS[f](value)
        return value

    return PLACEHOLDER_RX.sub(sub, text)
