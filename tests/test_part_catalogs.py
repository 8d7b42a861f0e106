"""The catalogs of single parts (the tracking page, the chat widget, the return label, the daily
review): every language has every message English has, with the same fields, and no other.

Read straight from wismo/prompts/locales/<part>.<lang>.yaml, so a translator's slip fails here before
any customer reads it. Each part's keys start with the part's name, so merging them into a language's
catalog never overwrites a message of the main catalog.
"""

from __future__ import annotations

import re
import sys
from importlib import resources

import pytest
import yaml

from wismo.i18n import DEFAULT_LANGUAGE, LANGUAGES
from wismo.i18n.catalog import SECTIONS, fields_of, load

#: Parts a customer reads, in every language; the review is for ops and in English only.
CUSTOMER_PARTS = ("page", "widget", "label")
ENGLISH_ONLY_PARTS = ("review",)
OTHER = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
_FIELD = re.compile(r"\{[^{}]*\}")


def part_catalog(part: str, lang: str) -> dict[str, dict[str, str]]:
    node = resources.files("wismo.prompts").joinpath("locales", f"{part}.{lang}.yaml")
    assert node.is_file(), f"wismo/prompts/locales/{part}.{lang}.yaml is missing"
    data = yaml.safe_load(node.read_text("utf-8")) or {}
    unknown = set(data) - set(SECTIONS)
    assert not unknown, f"{part}.{lang}.yaml: unknown sections {sorted(unknown)}"
    return {section: dict(data.get(section) or {}) for section in SECTIONS}


def problems(part: str, lang: str) -> list[str]:
    """What `<part>.<lang>.yaml` gets wrong against `<part>.en.yaml`: missing or extra keys, other
    fields, an empty message, a number English does not state."""
    english, catalog = part_catalog(part, DEFAULT_LANGUAGE), part_catalog(part, lang)
    out = []
    for section in SECTIONS:
        source, target = english[section], catalog[section]
        out += [f"[{section}] lacks {key}" for key in sorted(set(source) - set(target))]
        out += [f"[{section}] has {key}, which English does not" for key in sorted(set(target) - set(source))]
        for key in sorted(set(source) & set(target)):
            text = target[key]
            if not isinstance(text, str) or not text.strip():
                out.append(f"[{section}] {key}: empty or not text")
                continue
            if fields_of(text) != fields_of(source[key]):
                out.append(f"[{section}] {key}: fields {sorted(fields_of(text))} != {sorted(fields_of(source[key]))}")
            if numbers(text) != numbers(source[key]):
                out.append(f"[{section}] {key}: numbers {sorted(numbers(text))} != {sorted(numbers(source[key]))}")
    return out


def numbers(text: str) -> set[str]:
    """The numbers a message states outside its fields (dates and amounts always arrive in fields)."""
    return set(re.findall(r"\d+", _FIELD.sub(" ", text)))


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("part", CUSTOMER_PARTS)
def test_every_language_says_what_english_says(part: str, lang: str) -> None:
    wrong = problems(part, lang)
    assert not wrong, f"{part}.{lang}.yaml:\n" + "\n".join(wrong)


@pytest.mark.parametrize("part", CUSTOMER_PARTS + ENGLISH_ONLY_PARTS)
def test_a_part_owns_its_keys_and_leaves_the_main_catalog_alone(part: str) -> None:
    main = resources.files("wismo.prompts").joinpath("locales", f"{DEFAULT_LANGUAGE}.yaml").read_text("utf-8")
    main_keys = {key for section in (yaml.safe_load(main) or {}).values() for key in (section or {})}
    english = part_catalog(part, DEFAULT_LANGUAGE)
    keys = [key for section in english.values() for key in section]
    assert keys, f"{part}.en.yaml is empty"
    assert all(key.startswith(f"{part}.") for key in keys), [k for k in keys if not k.startswith(f"{part}.")]
    assert not set(keys) & main_keys
    # Merged into the language's catalog, where word() finds them.
    for lang in LANGUAGES if part in CUSTOMER_PARTS else (DEFAULT_LANGUAGE,):
        merged = load(lang)
        for section, messages in part_catalog(part, lang).items():
            assert all(merged[section][key] == text for key, text in messages.items())


def test_the_check_catches_a_missing_key_another_field_and_a_new_number(monkeypatch) -> None:
    english = {"words": {"page.a": "Order {number}", "page.b": "within 24 hours", "page.c": "Hi"}}
    broken = {"words": {"page.a": "Pedido {numero}", "page.b": "en 48 horas"}}
    tables = {"en": {s: english.get(s, {}) for s in SECTIONS}, "es": {s: broken.get(s, {}) for s in SECTIONS}}
    monkeypatch.setattr(sys.modules[__name__], "part_catalog", lambda part, lang: tables[lang])
    wrong = problems("page", "es")
    assert any("lacks page.c" in w for w in wrong)
    assert any("page.a: fields" in w for w in wrong)
    assert any("page.b: numbers" in w for w in wrong)
