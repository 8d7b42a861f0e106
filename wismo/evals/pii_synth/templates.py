"""Our templates (customer chat messages in five languages), their split, and filling one of them.

Templates live in `templates/<language>.yaml` (PII messages) and `templates/ordinary_<language>.yaml`
(sentences without PII). The split is by template id, fixed whatever the seed: within each language
and family, templates are ordered by a hash of their id and the first third goes to the holdout.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .locales import LANGUAGES, LOCALES
from .slots import PII, SLOT_RE, Draw, Label, TemplateError

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
SPLITS = ("dev", "holdout")
HOLDOUT_SHARE = 1 / 3


@dataclass(frozen=True)
class Template:
    id: str
    language: str
    family: str
    text: str
    locales: tuple[str, ...]
    split: str = "dev"


def _read(path: Path, language: str) -> list[Template]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["templates"]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise TemplateError(f"cannot read templates from {path.name}: {exc}") from exc
    out = []
    for entry in entries:
        locales = tuple(entry.get("locales") or LOCALES[language])
        wrong = [loc for loc in locales if loc not in LOCALES[language]]
        if wrong:
            raise TemplateError(f"{entry['id']}: locales {wrong} are not {language} locales")
        out.append(Template(entry["id"], language, entry["family"], entry["text"].strip("\n"), locales))
    return out


def assign_splits(templates: list[Template]) -> list[Template]:
    """Per (language, family), a third of the templates go to holdout, ranked by a hash of their id;
    then, for each locale the holdout picks miss, the next template that covers it joins them when dev
    keeps another. So both splits see every locale of every family that has two templates for it."""
    groups: dict[tuple[str, str], list[Template]] = defaultdict(list)
    for t in templates:
        groups[(t.language, t.family)].append(t)
    out = []
    for group in groups.values():
        ranked = sorted(group, key=lambda t: hashlib.sha256(t.id.encode()).hexdigest())
        n_hold = max(1, math.floor(len(ranked) * HOLDOUT_SHARE + 0.5)) if len(ranked) >= 2 else 0
        hold = ranked[:n_hold]
        for locale in sorted({loc for t in group for loc in t.locales}):
            if n_hold and not any(locale in t.locales for t in hold):
                left = [t for t in ranked if t not in hold and locale in t.locales]
                if len(left) >= 2:
                    hold.append(left[0])
        for t in ranked:
            split = "holdout" if t in hold else "dev"
            out.append(Template(t.id, t.language, t.family, t.text, t.locales, split))
    return sorted(out, key=lambda t: t.id)


@cache
def load_templates(kind: str = "pii") -> tuple[Template, ...]:
    """All templates of one kind ("pii" or "ordinary"), with their split; ids are unique."""
    templates: list[Template] = []
    for language in LANGUAGES:
        name = f"{language}.yaml" if kind == "pii" else f"ordinary_{language}.yaml"
        templates.extend(_read(TEMPLATE_DIR / name, language))
    ids = [t.id for t in templates]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise TemplateError(f"duplicate template ids: {sorted(dupes)}")
    return tuple(assign_splits(templates))


@dataclass
class Filled:
    text: str
    spans: list[dict]
    keep: list[dict]


def _span(label: Label, value: str, start: int) -> dict:
    span = {"entity_type": label.entity_type, "entity_value": value, "start_position": start}
    span["end_position"] = start + len(value)
    if label.subtype is not None:
        span["subtype"] = label.subtype
    return span


def _occurrences(text: str, value: str) -> list[int]:
    out, i = [], text.find(value)
    while i >= 0:
        out.append(i)
        i = text.find(value, i + 1)
    return out


def unambiguous(filled: Filled) -> bool:
    """Gold that a verbatim scorer reads right: spans do not overlap; every occurrence of a PII value
    lies inside a PII span ("Anna" inside "Anna Weber" is fine); every occurrence of a kept value is
    one of its kept spans (never inside PII, which would vanish with it)."""
    everything = sorted(filled.spans + filled.keep, key=lambda s: s["start_position"])
    for a, b in zip(everything, everything[1:], strict=False):
        if b["start_position"] < a["end_position"]:
            return False
    pii = [(s["start_position"], s["end_position"]) for s in filled.spans]
    for span in filled.spans:
        value = span["entity_value"]
        for at in _occurrences(filled.text, value):
            if not any(s <= at and at + len(value) <= e for s, e in pii):
                return False
    for span in filled.keep:
        value = span["entity_value"]
        starts = {k["start_position"] for k in filled.keep if k["entity_value"] == value}
        if any(at not in starts for at in _occurrences(filled.text, value)):
            return False
    return True


def _check_literal(literal: str) -> None:
    if "{{" in literal or "}}" in literal:
        raise TemplateError(f"malformed slot in: {literal[:60]!r}")


GENDER_RE = re.compile(r"\{\{g(\d*):([^|{}]*)\|([^|{}]*)\}\}")


def _agree(text: str, draw: Draw) -> str:
    """`{{g2:mon mari|ma femme}}`: the words that agree with person 2's gender (person 1 without a digit)."""

    def pick(m: re.Match) -> str:
        return m.group(3) if draw.person(int(m.group(1) or 1)).female else m.group(2)

    return GENDER_RE.sub(pick, text)


def fill(text: str, draw: Draw) -> Filled:
    """Replace each slot with its pieces, recording the offsets of labelled pieces."""
    text = _agree(text, draw)
    out: list[str] = []
    pos = 0
    spans: list[dict] = []
    keep: list[dict] = []
    last = 0
    for match in SLOT_RE.finditer(text):
        literal = text[last : match.start()]
        _check_literal(literal)
        out.append(literal)
        pos += len(literal)
        name, idx, modifier = match.group(1), int(match.group(2) or 1), match.group(3)
        for piece, label in draw.slot(name, idx, modifier):
            if label is not None:
                (spans if label.group == PII else keep).append(_span(label, piece, pos))
            out.append(piece)
            pos += len(piece)
        last = match.end()
    _check_literal(text[last:])
    out.append(text[last:])
    return Filled("".join(out), spans, keep)
