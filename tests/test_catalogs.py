"""Every language says what English says: the same messages with the same fields, the same articles,
offers and playbooks, and no fact (number, weekday, month) that the English text does not state.

Read straight from the package's YAML files, so a translator's slip fails here before any customer
reads it.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest
import yaml
from babel import Locale

from wismo.i18n import DEFAULT_LANGUAGE, LANGUAGES
from wismo.i18n.catalog import SECTIONS, fields_of
from wismo.i18n.formats import locale_of

OTHER = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]

#: English's possessive "{brand_s}" ("Acme's") is English grammar: other languages write "{brand}"
#: with their own preposition ("de Acme", "von Acme").
FIELD_ALIASES = {"brand_s": "brand"}


def _yaml(*path: str) -> Any:
    node = resources.files("wismo.prompts").joinpath(*path)
    assert node.is_file(), f"wismo/prompts/{'/'.join(path)} is missing"
    return yaml.safe_load(node.read_text("utf-8"))


def _catalog(name: str) -> dict[str, dict[str, str]]:
    data = _yaml("locales", name) or {}
    assert isinstance(data, dict), f"{name}: expected sections {SECTIONS}"
    unknown = set(data) - set(SECTIONS)
    assert not unknown, f"{name}: unknown sections {sorted(unknown)}"
    return {section: dict(data.get(section) or {}) for section in SECTIONS}


#: Parts read by the shop's own staff, in the shop's language only (the daily review).
STAFF_PARTS = frozenset({"review"})


def _parts() -> list[str]:
    """The customer-facing parts with their own catalog (`locales/<part>.en.yaml`: a page, the widget)."""
    root = resources.files("wismo.prompts").joinpath("locales")
    suffix = f".{DEFAULT_LANGUAGE}.yaml"
    parts = (f.name.removesuffix(suffix) for f in root.iterdir() if f.name.endswith(suffix))
    return sorted(p for p in parts if p not in STAFF_PARTS)


#: (English file, translated file, language) for the main catalogs and every part's catalog.
CATALOGS = [pytest.param(f"{DEFAULT_LANGUAGE}.yaml", f"{lang}.yaml", lang, id=f"{lang}.yaml") for lang in OTHER] + [
    pytest.param(f"{part}.{DEFAULT_LANGUAGE}.yaml", f"{part}.{lang}.yaml", lang, id=f"{part}.{lang}.yaml")
    for part in _parts()
    for lang in OTHER
]


def _fields(text: str) -> set[str]:
    return {FIELD_ALIASES.get(name, name) for name in fields_of(text)}


_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?(AM|PM)\b", re.I)
#: "20:00", "20:00 Uhr", "20 Uhr", "20 h", "20h", "20h30": how the other languages write a time.
_TIMES = (
    re.compile(r"\b(\d{1,2}):(\d{2})\b(?:\s?Uhr\b)?"),
    re.compile(r"\b(\d{1,2})\s?(?:h|Uhr)(\d{2})?\b"),
)
_FIELD = re.compile(r"\{[^{}]*\}")


def numbers(text: str) -> set[str]:
    """The numbers a text states, with clock times in one form ("8 PM", "20:00", "20 h" -> "20:00")."""
    text = _FIELD.sub(" ", text)

    def en_time(m: re.Match) -> str:
        hour = int(m.group(1)) % 12 + (12 if m.group(3).upper() == "PM" else 0)
        return f" {hour}:{m.group(2) or '00'} "

    text = _EN_TIME.sub(en_time, text)
    times: set[str] = set()
    for rx in _TIMES:
        times |= {f"{int(h)}:{mm or '00'}" for h, mm in rx.findall(text)}
        text = rx.sub(" ", text)
    return times | set(re.findall(r"\d+", text))


def _names(lang: str, kind: str) -> dict[str, int]:
    """Wide weekday (0 = Monday) or month (1 = January) names, lower case -> index."""
    loc = Locale.parse(locale_of(lang))
    table = loc.days if kind == "days" else loc.months
    return {name.lower(): i for i, name in table["format"]["wide"].items()}


#: Month names that are also everyday words ("how may I help"): a month only next to a number.
_AMBIGUOUS = {"en": {"may", "march"}}


def calendar_words(text: str, lang: str) -> set[tuple[str, int]]:
    """The weekdays and months a text names, as language-independent indexes."""
    low = _FIELD.sub(" ", text).lower()
    words = set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", low))
    found: set[tuple[str, int]] = set()
    for kind in ("days", "months"):
        for name, index in _names(lang, kind).items():
            if name in _AMBIGUOUS.get(lang, ()) and not re.search(rf"\b{name}\s+\d|\d\s+{name}\b", low):
                continue
            # "los sábados", "samstags", "Saturdays": a weekday's plural or adverb names it too.
            if name in words or (kind == "days" and any(w.startswith(name) and len(w) <= len(name) + 2 for w in words)):
                found.add((kind, index))
    return found


def _facts_differ(english: str, translated: str, lang: str) -> list[str]:
    problems = []
    if numbers(translated) != numbers(english):
        problems.append(f"numbers {sorted(numbers(translated))} != English {sorted(numbers(english))}")
    if calendar_words(translated, lang) != calendar_words(english, "en"):
        problems.append(
            f"weekdays/months {sorted(calendar_words(translated, lang))} != "
            f"English {sorted(calendar_words(english, 'en'))}"
        )
    return problems


# ---------------------------------------------------------------------------------- message catalogs


@pytest.mark.parametrize(("source", "name", "lang"), CATALOGS)
def test_catalog_has_every_message_english_has_and_no_other(source: str, name: str, lang: str) -> None:
    english, catalog = _catalog(source), _catalog(name)
    for section in SECTIONS:
        missing = sorted(set(english[section]) - set(catalog[section]))
        extra = sorted(set(catalog[section]) - set(english[section]))
        assert not missing, f"{name} [{section}] lacks {missing}"
        assert not extra, f"{name} [{section}] has keys English does not: {extra}"


@pytest.mark.parametrize(("source", "name", "lang"), CATALOGS)
def test_catalog_messages_fill_the_same_fields(source: str, name: str, lang: str) -> None:
    english, catalog = _catalog(source), _catalog(name)
    wrong = []
    for section in SECTIONS:
        for key, text in catalog[section].items():
            source = english[section].get(key)
            if source is None:
                continue
            assert isinstance(text, str), f"{name} [{section}] {key}: not a string"
            if _fields(text) != _fields(source):
                wrong.append(f"[{section}] {key}: {sorted(_fields(text))} != English {sorted(_fields(source))}")
            if bool(text.strip()) != bool(source.strip()):
                wrong.append(f"[{section}] {key}: empty where English is not, or the reverse")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize(("source", "name", "lang"), CATALOGS)
def test_catalog_messages_state_no_fact_english_does_not(source: str, name: str, lang: str) -> None:
    """Dates, times and amounts arrive in fields; a fixed number ("24 hours") stays the same."""
    english, catalog = _catalog(source), _catalog(name)
    wrong = [
        f"[{section}] {key}: {problem}"
        for section in SECTIONS
        for key, text in catalog[section].items()
        if key in english[section]
        for problem in _facts_differ(english[section][key], text, lang)
    ]
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


def test_the_check_catches_a_missing_key_a_new_field_and_a_new_number() -> None:
    english = _catalog(f"{DEFAULT_LANGUAGE}.yaml")["friendly"]
    assert _fields("Pedido {order_number} el {when}") != _fields(english["eta_only_delivered"])
    assert _fields("Soy {bot}, de {brand}") == _fields("I'm {bot}, {brand_s} assistant")
    assert numbers("Si en 48 horas no aparece") != numbers("If it hasn't turned up within 24 hours")
    assert numbers("normalmente antes de las 20:00") == numbers("usually by 8 PM")
    assert numbers("de 10:00 a 18:00") == numbers("from 10 AM to 6 PM")
    assert numbers("de 10 h à 18 h") == numbers("das 10h às 18h") == numbers("von 10:00 bis 18:00 Uhr")
    assert numbers("ouvertes 24 heures sur 24") == numbers("open 24 hours")
    assert _facts_differ("Monday to Friday", "de lunes a sábado", "es")
    assert not _facts_differ("Monday to Friday, January 31", "von Montag bis Freitag, 31. Januar", "de")
    assert not _facts_differ("How may I help?", "¿En qué puedo ayudar?", "es")
    assert _facts_differ("until May 2", "hasta el 2 de junio", "es")
    assert not _facts_differ("deliver on Saturdays", "entregan los sábados", "es")


# ---------------------------------------------------------------------------------- knowledge, offers, playbooks


def _by_id(items: list[dict], name: str) -> dict[str, dict]:
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), f"{name}: an id appears twice"
    return {item["id"]: item for item in items}


def _pair(english: list[dict], translated: list[dict], name: str) -> list[tuple[dict, dict]]:
    source, target = _by_id(english, "English"), _by_id(translated, name)
    missing, unknown = sorted(set(source) - set(target)), sorted(set(target) - set(source))
    assert not missing, f"{name} lacks {missing}"
    assert not unknown, f"{name} has ids English does not: {unknown}"
    return [(source[i], target[i]) for i in source]


@pytest.mark.parametrize("lang", OTHER)
def test_knowledge_has_every_article_with_the_same_facts(lang: str) -> None:
    name = f"knowledge.{lang}.yaml"
    wrong = []
    for en, tr in _pair(_yaml("knowledge.yaml"), _yaml(f"knowledge.{lang}.yaml"), name):
        aid = en["id"]
        assert set(tr) == {"id", "title", "keywords", "asks", "text"}, f"{name} {aid}: fields {sorted(tr)}"
        assert tr["title"].strip() and tr["text"].strip(), f"{name} {aid}: empty title or text"
        for field in ("keywords", "asks"):
            values = tr[field]
            assert isinstance(values, list) and len(values) >= 3, f"{name} {aid}: {field} needs several phrasings"
            assert all(isinstance(v, str) and v.strip() for v in values), f"{name} {aid}: empty {field}"
        wrong += [f"{aid}: {problem}" for problem in _facts_differ(en["text"], tr["text"], lang)]
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("source", ["offers", "playbooks"])
def test_offers_and_playbooks_have_every_id_with_the_same_placeholders(lang: str, source: str) -> None:
    name = f"{source}.{lang}.yaml"
    english = _yaml(f"{source}.yaml")
    english = english["offers"] if source == "offers" else english
    translated = _yaml(name)
    if source == "offers":
        assert set(translated) == {"offers"}, f"{name}: expected only `offers:`"
        translated = translated["offers"]
    wrong = []
    for en, tr in _pair(english, translated, name):
        assert set(tr) == {"id", "title", "text"}, f"{name} {en['id']}: fields {sorted(tr)}"
        for field in ("title", "text"):
            assert tr[field].strip(), f"{name} {en['id']}: empty {field}"
            if fields_of(tr[field]) != fields_of(en[field]):
                wrong.append(f"{en['id']} {field}: {sorted(fields_of(tr[field]))} != {sorted(fields_of(en[field]))}")
            wrong += [f"{en['id']} {field}: {p}" for p in _facts_differ(en[field], tr[field], lang)]
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
