"""`python -m wismo.evals.grounding`: does the citation check catch an invented fact in every language?

Real answers of the agent (an order's status, a return's plan) are taken in each language together
with the evidence they cite, as the check saw them. Then one claim is changed the way a misbehaving
model would change it (the day of a date, a weekday, the place, an amount) and the check must fail.
Reported per language and kind: how many changed answers it caught, and that the real ones passed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..guardrails import citations
from ..i18n import LANGUAGES, formats
from ..tools import returns as returns_tool
from ..tools.context import ToolContext

KINDS = ("date", "weekday", "place", "amount")
_STATUS = {
    "en": "hi, where is my order {n}? {e}",
    "es": "hola, ¿dónde está mi pedido {n}? {e}",
    "fr": "bonjour, où en est ma commande {n} ? {e}",
    "de": "Hallo, wo ist meine Bestellung {n}? {e}",
    "pt": "olá, onde está meu pedido {n}? {e}",
}
_RETURN = {
    "en": "I want to return the {item} from order {n}, {e}, refund please",
    "es": "quiero devolver el {item} del pedido {n}, {e}, reembolso por favor",
    "fr": "je voudrais retourner l'article {item} de la commande {n}, {e}, remboursement svp",
    "de": "Ich möchte {item} aus der Bestellung {n} zurückschicken, {e}, bitte Erstattung",
    "pt": "quero devolver o {item} do pedido {n}, {e}, reembolso por favor",
}
#: Cities no demo order is shipped to: an answer naming one invented the place.
_ELSEWHERE = ("Tucson", "Omaha", "Boise")


@contextmanager
def captured() -> Iterator[list[dict[str, Any]]]:
    """Every call of the citation check during the block, with what it was given."""
    calls: list[dict[str, Any]] = []
    original = citations.check

    def spy(answer, cited, evidence, timezones=None, now=None, lang=None):
        calls.append({"answer": answer, "cited": list(cited), "evidence": list(evidence), "tzs": timezones, "now": now})
        return original(answer, cited, evidence, timezones=timezones, now=now, lang=lang)

    citations.check = spy  # type: ignore[assignment]
    try:
        yield calls
    finally:
        citations.check = original  # type: ignore[assignment]


def _other_day(m: re.Match[str]) -> str:
    day = int(m.group("day"))
    return m.group(0).replace(m.group("day"), str((day + 8) % 28 + 1), 1)


def mutations(answer: str, lang: str, evidence: list[Any]) -> dict[str, str]:
    """The answer with one claim changed, per kind of claim it makes (kinds it lacks are absent)."""
    out: dict[str, str] = {}
    months = "|".join(sorted((re.escape(m) for m in formats.month_names(lang)), key=len, reverse=True))
    date = re.search(rf"(?i)\b(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?:{months})\b", answer) or re.search(
        rf"(?i)\b(?:{months})\.?\s+(?P<day>\d{{1,2}})\b", answer
    )
    if date:
        out["date"] = answer[: date.start()] + _other_day(date) + answer[date.end() :]
    days = formats.day_names(lang)
    weekday = re.search(rf"(?i)\b({'|'.join(days)})\b", answer)
    if weekday:
        i = days.index(weekday.group(1).lower())
        other = days[(i + 3) % 7]
        other = other.capitalize() if weekday.group(1)[0].isupper() else other
        out["weekday"] = answer[: weekday.start()] + other + answer[weekday.end() :]
    # A place claim is "City, ST" (a scan's or a delivery's place); a city inside a pickup point's
    # name ("CVS - Nashville #0193") is part of that name, not a claim of its own.
    places = {
        (str(f.values["city"]), str(f.values["region"]))
        for f in evidence
        if f.values.get("city") and f.values.get("region")
    }
    cities = {c for c, _ in places}
    place = next((f"{c}, {r}" for c, r in sorted(places, reverse=True) if f"{c}, {r}" in answer), None)
    if place:
        other = next(c for c in _ELSEWHERE if c not in cities)
        out["place"] = answer.replace(place, other + place[place.index(",") :], 1)
    amount = re.search(r"\d+[.,]\d{2}(?!\d)", answer)
    if amount:
        value = amount.group(0)
        changed = str(int(value[:-3]) + 7) + value[-3:]
        out["amount"] = answer[: amount.start()] + changed + answer[amount.end() :]
    return out


def _orders(agent: Any, per_language: int) -> tuple[list[dict], list[tuple[dict, str]]]:
    moving = [o for o in agent.store.list_orders(status="in_transit")][: per_language * len(LANGUAGES)]
    returns: list[tuple[dict, str]] = []
    for row in agent.store.list_orders(status="delivered"):
        order = agent.store.order(row["order_number"])
        ctx = ToolContext(agent.store, "grounding", order.number_key, agent.store.now())
        eligible = [e for e in returns_tool.eligibility(ctx, order.number_key) if e.eligible]
        if len(eligible) == 1:
            returns.append((row, eligible[0].name))
        if len(returns) >= per_language * len(LANGUAGES):
            break
    return moving, returns


def run(agent: Any, per_language: int = 4, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Mutate real answers in every language; the report's `caught` must equal `mutated`."""
    moving, returns = _orders(agent, per_language)
    report: dict[str, Any] = {}
    for li, lang in enumerate(LANGUAGES):
        row_stats = {k: {"mutated": 0, "caught": 0} for k in KINDS}
        real = {"answers": 0, "passed": 0}
        turns = [(_STATUS[lang].format(n=o["order_number"], e=o["email"]), None) for o in moving[li :: len(LANGUAGES)]]
        turns += [
            (_RETURN[lang].format(item=item, n=o["order_number"], e=o["email"]), None)
            for o, item in returns[li :: len(LANGUAGES)]
        ]
        for text, _ in turns:
            cid = agent.start("web")
            with captured() as calls:
                agent.send(cid, text, language_hint=lang)
            for call in calls:
                with formats.language(lang):
                    base = citations.check(call["answer"], call["cited"], call["evidence"], call["tzs"], call["now"])
                    real["answers"] += 1
                    real["passed"] += base.passed
                    if not base.passed:
                        continue
                    for kind, changed in mutations(call["answer"], lang, call["evidence"]).items():
                        result = citations.check(changed, call["cited"], call["evidence"], call["tzs"], call["now"])
                        row_stats[kind]["mutated"] += 1
                        row_stats[kind]["caught"] += not result.passed
        report[lang] = {"real_answers": real, **row_stats}
        if progress:
            progress(f"{lang}: {json.dumps(row_stats)}")
    return report


def main(argv: list[str] | None = None) -> int:
    from ..agent.runtime import Agent
    from ..config import get_settings

    parser = argparse.ArgumentParser(prog="python -m wismo.evals.grounding", description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=4, help="orders per language and answer kind")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    agent = Agent(get_settings())
    if not agent.store.list_orders(limit=1):
        print("The store has no orders; seed the demo store first: wismo demo seed", file=sys.stderr)
        return 2
    report = run(agent, args.per_language, progress=lambda s: print(s, file=sys.stderr))
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print("lang  real passed   " + "   ".join(f"{k:>12}" for k in KINDS))
        for lang, r in report.items():
            real = r["real_answers"]
            cells = "   ".join(f"{r[k]['caught']:>5}/{r[k]['mutated']:<6}" for k in KINDS)
            print(f"{lang:4}  {real['passed']:>4}/{real['answers']:<6}  {cells}")
    missed = sum(r[k]["mutated"] - r[k]["caught"] for r in report.values() for k in KINDS)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
