"""PII detection and redaction of every inbound message (Presidio analyzer + anonymizer).

The model, transcripts and logs only ever see placeholders such as <EMAIL_1> or <PERSON_2>;
the originals go to the encrypted per-conversation vault (`vault.py`) so tools can still use
them. Placeholders are numbered per conversation, and a value seen again in a later turn gets
the placeholder it had before (pass the conversation's `known` mapping).

Order numbers, tracking numbers and standalone ZIP codes are recognized too, but as data we
KEEP: they win over overlapping PII guesses (Presidio alone tags many of them as phones, dates,
licences or bank numbers) so the agent can still look the order up.

The pieces: Presidio's recognizer registry (its stock recognizers, the national-id ones it ships,
and ours in `recognizers/`), spaCy's NER within a time budget (`pii_nlp.py`), the precedence and
span arithmetic (`pii_spans.py`), and Presidio's anonymizer for the replacement. Everything runs
offline: the spaCy model comes from an installed package and is loaded once per process, lazily.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from ..config import get_settings
from .pii_nlp import NerModel, configured_spacy_model, ner_model, resolve_spacy_model
from .pii_registry import (
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    CONTEXT_BOOST,
    DEFAULT_ENTITIES,
    DEFAULT_MIN_SCORE,
    LABELS,
    MIN_SCORE,
    configured_countries,
    configured_entities,
    context_pattern,
    expand_entities,
    registry_for,
)
from .pii_spans import CHECKSUM_SCORE, Intervals, Span, coordinate, merge, propagate, trim
from .recognizers import (
    FIRST_NAMES,
    KEEP_ENTITIES,
    NOT_NAME_WORDS,
    PLACE_WORDS,
    STRONG_KEEP,
    STRONG_NAME_CUE,
    SURNAMES,
    WORD_NAMES,
    fold,
    wismo_recognizers,
)
from .recognizers.cues import ID as ID_CUE
from .recognizers.name_cues import LABEL_WORDS
from .recognizers.names import NAME_LINE_RE, is_name_line
from .recognizers.place_words import day_named
from .recognizers.places import coordinated_thing, place_or_product

__all__ = [
    "DEFAULT_ENTITIES",
    "PLACEHOLDER_RE",
    "PiiSpan",
    "Redaction",
    "Redactor",
    "configured_entities",
    "configured_spacy_model",
    "get_redactor",
    "redact_stream",
    "resolve_spacy_model",
    "scrub",
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


#: Above this many spans in one message the placeholders are spliced in directly (see `_replace`).
ANONYMIZER_MAX_SPANS = 64


def _lowercase_without_evidence(text: str, span: Span) -> bool:
    """An all-lowercase "name" with no known first name and no cue before it ("my name is ...").

    The English model takes ordinary words of other languages for names ("wann kommt", "quando
    chega"); lowercase names are kept only on evidence."""
    value = text[span.start : span.end]
    if any(ch.isupper() for ch in value):
        return False
    if any(fold(w) in FIRST_NAMES and fold(w) not in WORD_NAMES for w in re.findall(r"[^\W\d_]+", value)):
        return False  # ("ben oui", "c'est beau": a first name that is also an everyday word is no evidence)
    before = text[max(0, span.start - 30) : span.start]
    return not any(m.end() == len(before.rstrip()) or m.end() == len(before) for m in STRONG_NAME_CUE.finditer(before))


#: "pour Noël", "avant noël", "joyeux Noël": the holiday, not a person called Noël.
_HOLIDAY_BEFORE = re.compile(
    r"(?i)(?:\b(?:pour|avant|apres|après|a|à|de|du|le|joyeux|bon|bonne|jusqu'à|jusqu'a)|d')\s*$"
)


def _the_holiday(text: str, span: Span) -> bool:
    value = fold(text[span.start : span.end])
    if value == "joyeux noel" or re.search(r"['’]s day$", value) or day_named(text, span.start, span.end, FIRST_NAMES):
        return True  # (and "Valentine's Day", "St Patrick's Day": a day, whoever it is named after)
    return value == "noel" and bool(_HOLIDAY_BEFORE.search(text[max(0, span.start - 12) : span.start]))


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def _label(entity_type: str) -> str:
    return LABELS.get(entity_type, entity_type)


_DOTTED_RUN = re.compile(r"\d\.\d")


class Redactor:
    """Finds PII in a message and replaces it with numbered placeholders."""

    def __init__(
        self,
        entities: Iterable[str] | None = None,
        spacy_model: str | None = None,
        countries: Iterable[str] | None = None,
    ) -> None:
        self.entities: tuple[str, ...] = (
            tuple(e.strip().upper() for e in entities) if entities is not None else configured_entities()
        )
        self._wanted = expand_entities(self.entities)
        self.countries = frozenset(c.upper() for c in countries) if countries is not None else configured_countries()
        self.spacy_model = spacy_model or configured_spacy_model()
        self._anonymizer = AnonymizerEngine()
        settings = get_settings()
        #: Our own brand and bot names are never a customer's name.
        self._own_words = frozenset(
            fold(w) for w in re.findall(r"[^\W\d_]+", f"{settings.brand_name} {settings.bot_name}")
        )
        self._model: str | None = None
        self._recognizers: list[tuple[EntityRecognizer, re.Pattern[str] | None]] | None = None
        self._load_lock = threading.Lock()

    @property
    def ner(self) -> NerModel:
        if self._model is None:
            self._model = resolve_spacy_model(self.spacy_model)
        return ner_model(self._model)

    @property
    def recognizers(self) -> list[tuple[EntityRecognizer, re.Pattern[str] | None]]:
        """(recognizer, its context words as one pattern) for every entity this redactor looks for."""
        if self._recognizers is None:
            with self._load_lock:
                if self._recognizers is None:
                    vocab = self.ner.vocab
                    wanted = sorted(self._wanted | KEEP_ENTITIES)
                    stock = registry_for(self.countries).get_recognizers(language="en", entities=wanted)
                    ours = [r for r in wismo_recognizers(vocab, self.countries) if r.ENTITY in wanted]
                    self._recognizers = [(r, context_pattern(r)) for r in [*stock, *ours]]
        return self._recognizers

    # -- detection ------------------------------------------------------------------------------

    def analyze(self, text: str) -> list[PiiSpan]:
        """PII spans to redact, in text order, without placeholders."""
        return [PiiSpan(s.entity_type, s.start, s.end, text[s.start : s.end], "") for s in self._spans(text)]

    def _results(self, text: str) -> list[RecognizerResult]:
        wanted = sorted(self._wanted | KEEP_ENTITIES)
        results: list[RecognizerResult] = []
        for recognizer, context in self.recognizers:
            found = recognizer.analyze(text=text, entities=wanted, nlp_artifacts=None) or []
            if context is not None and isinstance(recognizer, PatternRecognizer):
                for r in found:
                    window = (
                        text[max(0, r.start - CONTEXT_BEFORE) : r.start] + " " + text[r.end : r.end + CONTEXT_AFTER]
                    )
                    if context.search(window):
                        r.score = min(1.0, max(r.score + CONTEXT_BOOST, 0.4))
            results += found
        return results

    def _spans(self, text: str) -> list[Span]:
        if not text.strip() or not self.entities:
            return []
        keep_strong: list[tuple[int, int]] = []
        keep_zip: list[tuple[int, int]] = []
        pii: list[Span] = []
        for r in self._results(text):
            if r.entity_type in STRONG_KEEP:
                keep_strong.append((r.start, r.end))
            elif r.entity_type in KEEP_ENTITIES:
                keep_zip.append((r.start, r.end))
            elif r.entity_type in self._wanted and r.score >= MIN_SCORE.get(r.entity_type, DEFAULT_MIN_SCORE):
                if r.entity_type == "IP_ADDRESS" and self._in_dotted_run(text, r.start, r.end):
                    continue
                pii.append(Span(r.entity_type, r.start, r.end, r.score))
        if "PERSON" in self._wanted:
            pii += self._ner_persons(text)
        pii = [part for s in pii for part in self._person_lines(text, s)]
        pii = [s for s in pii if not (s.entity_type == "PERSON" and self._not_a_name(text[s.start : s.end]))]
        # A checksum-valid card, IBAN or national id wins over a kept number found inside it, and
        # over a "name" the model read into it ("CURP BOXW310820HNERXN09" is no person).
        strong_pii = Intervals([(s.start, s.end) for s in pii if s.score >= CHECKSUM_SCORE])
        pii = [t for t in (self._clear_of(text, s, strong_pii) for s in pii) if t is not None]
        keep_strong = [(s, e) for s, e in keep_strong if not self._inside_strong(strong_pii, s, e)]
        protected = Intervals(keep_strong + [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)])
        pii = [s for s in (trim(text, s, protected) for s in pii) if s is not None]
        zips = Intervals(keep_zip)
        pii = [s for s in pii if not self._inside(zips, s.start, s.end)]
        pii = merge(text, pii + self._names_above_addresses(text, pii))
        pii = coordinate(text, pii, protected, self.ner.vocab)
        # Last, as merging and coordination may join words into a span: the holiday is no person.
        return [s for s in propagate(text, pii, protected) if not (s.entity_type == "PERSON" and _the_holiday(text, s))]

    def _ner_persons(self, text: str) -> list[Span]:
        """The model's PERSON spans, less those made only of other languages' ordinary words
        (the English model reads "Sehr geehrte Damen" as a name)."""
        vocab = self.ner.vocab
        out = []
        for start, end in self.ner.persons(text):
            words = re.findall(r"[^\W\d_]+", text[start:end])
            foreign = all(
                fold(w) in vocab.others and not vocab.is_english(w) and fold(w) not in FIRST_NAMES | SURNAMES
                for w in words
            )
            span = Span("PERSON", start, end, 0.85)
            if place_or_product(text, start, end) or coordinated_thing(text, start, end, vocab.is_word):
                continue  # "San Diego", "the 'Rose' colourway": a place or a product the model read as a name
            if words and not foreign and not _lowercase_without_evidence(text, span):
                out.append(span)
        return out

    def _names_above_addresses(self, text: str, spans: list[Span]) -> list[Span]:
        """In a postal block, the line right above the street ("théophile rolland\n12 rue …") is
        the addressee when its words could be a name."""
        found = []
        for s in spans:
            line_start = text.rfind("\n", 0, s.start) + 1
            if s.entity_type != "STREET_ADDRESS" or not line_start or text[line_start : s.start].strip():
                continue
            above_start = text.rfind("\n", 0, line_start - 1) + 1
            m = NAME_LINE_RE.fullmatch(text, above_start, line_start - 1)
            if m and is_name_line(m.group("name").split(), self.ner.vocab):
                found.append(Span("PERSON", m.start("name"), m.end("name"), 0.7))
        return found

    @staticmethod
    def _clear_of(text: str, span: Span, strong: Intervals) -> Span | None:
        """A PERSON span cut away from a checksum-valid identifier; what is left of it is dropped
        when it is the identifier's label or an acronym ("CURP", "RFC")."""
        if span.entity_type != "PERSON" or not strong.overlaps(span.start, span.end):
            return span
        left = trim(text, span, strong)
        if left is None:
            return None
        value = text[left.start : left.end]
        return None if value.isupper() or ID_CUE.fullmatch(value) else left

    @staticmethod
    def _inside(intervals: Intervals, start: int, end: int) -> bool:
        hit = intervals.covering(start, end)
        return hit is not None and hit[0] <= start and end <= hit[1]

    @staticmethod
    def _inside_strong(strong: Intervals, start: int, end: int) -> bool:
        hit = strong.covering(start, end)
        return hit is not None and hit[0] <= start and end <= hit[1] and (hit[1] - hit[0]) > (end - start)

    @staticmethod
    def _in_dotted_run(text: str, start: int, end: int) -> bool:
        """An "IP address" inside a longer run of dotted numbers ("1.1.1.1.1.1") is none."""
        return bool(_DOTTED_RUN.match(text, max(0, start - 2))) or bool(_DOTTED_RUN.match(text, end - 1))

    def _person_lines(self, text: str, span: Span) -> list[Span]:
        """A name does not run across lines: split a PERSON span there, dropping lines of plain words
        ("Zhang Wei\nPhone" -> "Zhang Wei")."""
        value = text[span.start : span.end]
        if span.entity_type != "PERSON" or "\n" not in value:
            return [span]
        vocab = self.ner.vocab
        parts = []
        for m in re.finditer(r"[^\n]+", value):
            words = re.findall(r"[^\W\d_]+", m.group())
            if words and not all(vocab.is_word(w) or fold(w) in NOT_NAME_WORDS for w in words):
                start = span.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                end = span.start + m.start() + len(m.group().rstrip())
                parts.append(Span("PERSON", start, end, span.score))
        return parts

    def _not_a_name(self, value: str) -> bool:
        """A "name" made only of shop, carrier, brand or place words (ours included) is no name."""
        words = [fold(w) for w in re.findall(r"[^\W\d_]+", value)]
        return bool(words) and all(
            w in NOT_NAME_WORDS or w in PLACE_WORDS or w in self._own_words or w in LABEL_WORDS for w in words
        )

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
        if len(spans) > ANONYMIZER_MAX_SPANS:
            # A flood of spans ("Ana, " * 800) would cost Presidio's conflict resolution tens of
            # milliseconds; the same splice, checked below for every ordinary message, does it in one.
            return _splice(text, spans)

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


_redactor: Redactor | None = None
_redactor_lock = threading.Lock()


def get_redactor() -> Redactor:
    """The process-wide redactor (configured from settings / env)."""
    global _redactor
    with _redactor_lock:
        if _redactor is None:
            redactor = Redactor()
            # The first email loads tldextract's bundled suffix list (~0.2 s, once): at start, not in a
            # customer's turn.
            redactor.redact("warm-up: someone@example.com")
            _redactor = redactor
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
