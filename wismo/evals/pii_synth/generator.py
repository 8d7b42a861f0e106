"""Messages from templates: the PII set (gold spans and values to keep) and the ordinary set.

Deterministic for a seed: every random choice comes from one `random.Random` per split, seeded from
the seed and the split's name, and Faker instances seeded from it. Dev and holdout therefore differ
by template (see `templates.assign_splits`) and by the random stream.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

from faker import Faker

from .locales import ALL_LOCALES, LANGUAGES
from .slots import Draw, TemplateError
from .templates import Filled, Template, fill, load_templates, unambiguous

#: Messages per language: 5 x 600 = 3,000 dev and 5 x 300 = 1,500 holdout; ordinary 300 / 150.
PII_PER_LANGUAGE = {"dev": 600, "holdout": 300}
ORDINARY_PER_LANGUAGE = {"dev": 300, "holdout": 150}
MAX_TRIES = 40

Progress = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class _Stream:
    """The random state of one split: one rng and one seeded Faker per locale."""

    def __init__(self, seed: int, split: str, kind: str):
        self.rng = random.Random(f"wismo-pii-synth:{kind}:{split}:{seed}")
        self.fakers: dict[str, Faker] = {}
        for locale in ALL_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(self.rng.getrandbits(64))
            self.fakers[locale] = fake

    def draw(self, locale: str) -> Draw:
        return Draw(self.rng, self.fakers[locale], locale)


def _fill_until_clear(stream: _Stream, template: Template, locale: str) -> Filled:
    for _ in range(MAX_TRIES):
        filled = fill(template.text, stream.draw(locale))
        if unambiguous(filled):
            return filled
    raise TemplateError(f"{template.id}: no unambiguous fill in {MAX_TRIES} tries (a value repeats the template)")


def _rounds(rng: random.Random, templates: list[Template], n: int) -> list[Template]:
    """n templates, each used as evenly as possible, in a shuffled order."""
    out: list[Template] = []
    while len(out) < n:
        batch = list(templates)
        rng.shuffle(batch)
        out.extend(batch)
    return out[:n]


def _record(template: Template, locale: str, filled: Filled, split: str, parts: list[str] | None = None) -> dict:
    metadata = {"family": template.family, "split": split}
    if parts is not None:
        metadata["parts"] = parts
    return {
        "full_text": filled.text,
        "language": template.language,
        "locale": locale,
        "template_id": template.id,
        "spans": filled.spans,
        "keep": filled.keep,
        "metadata": metadata,
    }


def _by_language(kind: str, split: str) -> dict[str, list[Template]]:
    """The split's templates of one kind, per language; every language must have some."""
    templates = [t for t in load_templates(kind) if t.split == split]
    out = {language: [t for t in templates if t.language == language] for language in LANGUAGES}
    missing = [language for language, mine in out.items() if not mine]
    if missing:
        raise TemplateError(f"no {split} {kind} templates for {', '.join(missing)}")
    return out


def generate_pii(
    seed: int, split: str, per_language: int | None = None, progress: Progress | None = None
) -> list[dict]:
    """The PII messages of one split: `per_language` messages in each of the five languages."""
    n = per_language or PII_PER_LANGUAGE[split]
    stream = _Stream(seed, split, "pii")
    rows: list[dict] = []
    for language, mine in _by_language("pii", split).items():
        for template in _rounds(stream.rng, mine, n):
            locale = stream.rng.choice(template.locales)
            rows.append(_record(template, locale, _fill_until_clear(stream, template, locale), split))
        if progress:
            progress(f"pii {split} {language}: {n} messages from {len(mine)} templates")
    return rows


def generate_ordinary(
    seed: int, split: str, per_language: int | None = None, progress: Progress | None = None
) -> list[dict]:
    """Ordinary messages (no PII): an optional greeting, one or two sentences, an optional closing."""
    n = per_language or ORDINARY_PER_LANGUAGE[split]
    stream = _Stream(seed, split, "ordinary")
    rows: list[dict] = []
    for language, mine in _by_language("ordinary", split).items():
        by_family = {f: [t for t in mine if t.family == f] for f in ("opening", "body", "closing")}
        if not by_family["body"]:
            raise TemplateError(f"no {split} ordinary sentences for {language}")
        for body in _rounds(stream.rng, by_family["body"], n):
            locale = stream.rng.choice(body.locales)
            chosen = [body]
            if stream.rng.random() < 0.35:
                chosen.append(stream.rng.choice([t for t in by_family["body"] if t.id != body.id] or [body]))
            if by_family["opening"] and stream.rng.random() < 0.5:
                chosen.insert(0, stream.rng.choice(by_family["opening"]))
            if by_family["closing"] and stream.rng.random() < 0.4:
                chosen.append(stream.rng.choice(by_family["closing"]))
            draw = stream.draw(locale)
            texts = []
            for part in chosen:
                filled = fill(part.text, draw)
                if filled.spans or filled.keep:
                    raise TemplateError(f"{part.id}: ordinary sentences carry no PII and no kept values")
                texts.append(filled.text)
            joiner = "\n" if any("\n" in t for t in texts) or stream.rng.random() < 0.3 else " "
            text = joiner.join(texts)
            rows.append(_record(body, locale, Filled(text, [], []), split, parts=[t.id for t in chosen]))
        if progress:
            progress(f"ordinary {split} {language}: {n} messages from {len(by_family['body'])} sentences")
    return rows


def generate_all(seed: int, progress: Progress | None = _stderr) -> dict[str, list[dict]]:
    """The four files of the set, by file name."""
    return {
        "dev.jsonl": generate_pii(seed, "dev", progress=progress),
        "holdout.jsonl": generate_pii(seed, "holdout", progress=progress),
        "ordinary_dev.jsonl": generate_ordinary(seed, "dev", progress=progress),
        "ordinary_holdout.jsonl": generate_ordinary(seed, "holdout", progress=progress),
    }
