"""Message catalogs: every word a customer reads, one YAML file per language.

`wismo/prompts/locales/<lang>.yaml` holds `friendly` (the default tone), `formal` (overrides per key
when WISMO_TONE=formal) and `words` (the small pieces: status phrases, quick replies, labels);
`<part>.<lang>.yaml` files add the words of one part (a page, the widget) in the same sections. A
translator edits one file without touching code; tests/test_catalogs.py fails when a language lacks
a message English has, or uses a field English does not.
"""

from __future__ import annotations

import re
import string
from functools import cache
from importlib import resources
from typing import Any

import yaml

from . import DEFAULT_LANGUAGE, LANGUAGES
from .formats import current

SECTIONS = ("friendly", "formal", "words")


@cache
def load(lang: str) -> dict[str, dict[str, str]]:
    """One language's catalog (sections -> key -> text): `locales/<lang>.yaml` plus the catalogs of
    single parts, `locales/<part>.<lang>.yaml` (the tracking page, the chat widget, ...), merged in."""
    root = resources.files("wismo.prompts").joinpath("locales")
    out: dict[str, dict[str, str]] = {section: {} for section in SECTIONS}
    files = [root.joinpath(f"{lang}.yaml")] + sorted(
        (f for f in root.iterdir() if f.name.endswith(f".{lang}.yaml")), key=lambda f: f.name
    )
    for path in files:
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for section in SECTIONS:
            out[section].update(data.get(section) or {})
    return out


def fields_of(text: str) -> set[str]:
    """The {fields} a message fills."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Catalog:
    """Messages in every language and tone; `render` picks the turn's language unless told."""

    def __init__(self, tone: str = "friendly", common: dict[str, str] | None = None) -> None:
        self.tone = tone
        self.common = dict(common or {})
        self.text: dict[str, dict[str, str]] = {}
        for lang in LANGUAGES:
            data = load(lang)
            merged = dict(data["friendly"])
            if tone != "friendly":
                merged.update(data.get(tone) or {})
            self.text[lang] = merged

    def has(self, key: str) -> bool:
        return key in self.text[DEFAULT_LANGUAGE]

    def raw(self, key: str, lang: str | None = None) -> str:
        lang = lang or current()
        return self.text.get(lang, {}).get(key) or self.text[DEFAULT_LANGUAGE][key]

    def render(self, key: str, lang: str | None = None, **fields: Any) -> str:
        return self.raw(key, lang).format(**self.common, **fields).strip()


def word(key: str, lang: str | None = None, **fields: Any) -> str:
    """A small piece of text ("waiting to ship", "Talk to a person") in the turn's language."""
    lang = lang or current()
    table = load(lang)["words"]
    text = table.get(key) or load(DEFAULT_LANGUAGE)["words"][key]
    return text.format(**fields) if fields else text


def say(key: str, lang: str | None = None, **fields: Any) -> str:
    """A friendly-tone message without brand fields, in the turn's language (for plan fragments)."""
    lang = lang or current()
    text = load(lang)["friendly"].get(key) or load(DEFAULT_LANGUAGE)["friendly"][key]
    return text.format(**fields).strip()


_OPTION = re.compile(r"^Option (\d+)$")


def quick_label(label: str, lang: str | None = None) -> str:
    """A quick reply in the turn's language: the English labels of `words` (quick.*) and "Option N"
    are translated, anything else (an item's or a point's name) passes as it is."""
    lang = lang or current()
    if lang == DEFAULT_LANGUAGE:
        return label
    m = _OPTION.match(label)
    if m:
        return word("quick.option", lang, n=m.group(1))
    key = _quick_keys().get(label)
    return word(key, lang) if key else label


@cache
def _quick_keys() -> dict[str, str]:
    return {text: key for key, text in load(DEFAULT_LANGUAGE)["words"].items() if key.startswith("quick.")}
