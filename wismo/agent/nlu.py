"""The local engine's understanding: which of the ten intents a message has, and its entities.

Why this shape: the local engine must be deterministic, offline and answer in about a millisecond,
and ops must be able to teach it new phrasings without code. So the classifier is a linear model
(TF-IDF over word 1-2grams and character 2-5grams, multinomial logistic regression) trained at
first use from our own examples in `examples/intents.yaml` plus any ops-taught (text, intent) pairs.
Character n-grams carry typos and other languages; word n-grams carry phrasing.

Three deterministic rules sit around the model, each where a rule is plainly better:
- Text is normalized first: PII placeholders (`<EMAIL_1>`, `<PERSON_1>`, ...) and found entities
  (order numbers, tracking numbers, emails, ZIPs) become fixed tokens, so a redacted or
  number-heavy message reads like the examples.
- A message that is only entities ("ws10042", "<EMAIL_1> 30301") is a follow-up to the
  verification question: it gets `order_status` at a modest fixed confidence; the dialogue layer
  decides what the entities answer.
- False WISMO routing is costly (the bot would start an order lookup for a banking or travel
  question), so a WISMO intent (order_status, delivery_issue, pickup_alternative, start_return,
  return_status) is only returned when (a) the message has a purchase "anchor" (order, package,
  deliver, ship, track, arrive, return, refund, pickup, locker, item, ... in five languages, an
  order/tracking number, or the exact text of an ops-taught example) and (b) its probability
  reaches the confidence threshold (settings `WISMO_CONFIDENCE_THRESHOLD`, default 0.45).
  Otherwise `classify` returns `out_of_scope` with confidence = 1 - that probability, capped just
  below the threshold so it still reads as "unsure". `scores` always holds the model's own
  probabilities, so callers can see what was demoted. Non-WISMO intents (smalltalk,
  policy_question, change_order, human_agent, out_of_scope) are returned as the model ranks them,
  with their probability; the dialogue applies the threshold to them.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from wismo.agent.cues import ERRAND
from wismo.agent.entities import (
    EMAIL_RE,
    ORDER_NUMBER_RE,
    extract_entities,
    tracking_spans,
)

__all__ = [
    "INTENTS",
    "WISMO_INTENTS",
    "Understanding",
    "IntentClassifier",
    "normalize_text",
    "load_examples",
    "get_classifier",
    "understand",
    "classify_stream",
]

INTENTS: tuple[str, ...] = (
    "order_status",
    "delivery_issue",
    "pickup_alternative",
    "start_return",
    "return_status",
    "policy_question",
    "change_order",
    "human_agent",
    "smalltalk",
    "out_of_scope",
)
# Intents that lead to an order/shipment lookup: the ones a wrong guess is expensive for.
WISMO_INTENTS: frozenset[str] = frozenset(
    {"order_status", "delivery_issue", "pickup_alternative", "start_return", "return_status"}
)

EXAMPLES_PATH = Path(__file__).with_name("examples") / "intents.yaml"
FOLLOW_UP_CONFIDENCE = 0.6
_PATTERN_CAP = 60  # expansions kept per template line (deterministic sample), so no template dominates
_SEED = 7
# An ops-taught example counts as this many of ours: one correction should change the answer.
_TAUGHT_WEIGHT = 5.0
_MAX_MODEL_CHARS = 1000  # the intent is stated early; a pasted essay must not cost 10 ms
_C = 20.0  # weak regularization: the examples are clean, and probabilities stay well spread

_PLACEHOLDER_RE = re.compile(r"<([A-Z][A-Z_]*?)(?:_\d+)?>")
_PLACEHOLDER_TOKENS = {
    "EMAIL": "xemail",
    "EMAIL_ADDRESS": "xemail",
    "PERSON": "xperson",
    "PHONE": "xphone",
    "PHONE_NUMBER": "xphone",
    "ZIP": "xzip",
    "US_ZIP": "xzip",
    "ZIP_CODE": "xzip",
    "POSTAL_CODE": "xzip",
    "LOCATION": "xplace",
    "ADDRESS": "xplace",
    "STREET_ADDRESS": "xplace",
    "ORDER_NUMBER": "xorder",
    "TRACKING_NUMBER": "xtracking",
}
_ZIP_TOKEN_RE = re.compile(r"(?<![\w$#])\d{5}(?:-\d{4})?(?!\w)")
_NON_WORD_RE = re.compile(r"[^\w\s]+")
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")
#: "mon adresse mail c'est x@y", "my email address is x@y": a credential, not an address to change.
_EMAIL_LEAD_RE = re.compile(
    r"\b(?:(?:mon|ma|my|mi|meine?|meu|minha|o|el) )?(?:adresse (?:e )?mail|adresse courriel|adresse electronique"
    r"|e ?mail address|e ?mail adresse|direccion de (?:e ?mail|correo)|endereco de e ?mail)"
    r"(?: (?:c ?est|est|is|es|ist|e|lautet))? xemail\b"
)
_ENTITY_TOKENS = {"xemail", "xzip", "xorder", "xtracking", "xphone", "xperson"}
# Words that may surround entities in a pure follow-up ("my order number is ws10042, zip 30301").
_FOLLOW_UP_FILLER = set(
    "my the is its it it's and or also here this that order number no num nr id email e mail "
    "address zip code postal postcode tracking ok okay sure yes yeah yep sorry oops i meant "
    "mine name phone".split()
)


def _placeholder_token(match: re.Match[str]) -> str:
    return f" {_PLACEHOLDER_TOKENS.get(match.group(1), 'xpii')} "


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_text(text: str) -> str:
    """The text the model sees: lower case, no accents or punctuation, entities as fixed tokens."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _PLACEHOLDER_RE.sub(_placeholder_token, text)
    text = EMAIL_RE.sub(" xemail ", text)
    for start, end, _ in sorted(tracking_spans(text), reverse=True):
        text = f"{text[:start]} xtracking {text[end:]}"
    text = ORDER_NUMBER_RE.sub(" order xorder ", text)
    text = _ZIP_TOKEN_RE.sub(" xzip ", text)
    text = text.lower().replace("’", "'").replace("'", "")
    text = _strip_accents(text)
    text = _NON_WORD_RE.sub(" ", text)
    text = _DIGITS_RE.sub(" xnum ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    text = ERRAND.sub(" xerrand ", text).strip()
    return _EMAIL_LEAD_RE.sub("xemail", text)


def _expand(pattern: str, rng: random.Random, cap: int) -> list[str]:
    """Up to `cap` distinct phrasings a "{a|b|}" template stands for (all of them when fewer).

    Large templates are sampled by index (mixed-radix decoding) rather than enumerated, so the
    sample is deterministic for a seed and costs the same however big the template is.
    """
    parts = re.split(r"(\{[^{}]*\})", pattern)
    choices = [part[1:-1].split("|") if part.startswith("{") else [part] for part in parts]
    total = math.prod(len(options) for options in choices)
    indices = range(total) if total <= cap else sorted(rng.sample(range(total), cap))
    variants: list[str] = []
    for index in indices:
        words = []
        for options in reversed(choices):
            index, pick = divmod(index, len(options))
            words.append(options[pick])
        variants.append(_SPACE_RE.sub(" ", "".join(reversed(words))).strip())
    return list(dict.fromkeys(variants))


@cache
def load_examples(path: Path = EXAMPLES_PATH) -> tuple[tuple[str, str], ...]:
    """(text, intent) pairs from the examples file, templates expanded and sampled deterministically."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    frames: dict[str, str] = data.pop("_frames", None) or {}
    pairs: list[tuple[str, str]] = []
    for intent, block in data.items():
        if intent not in INTENTS:
            raise ValueError(f"unknown intent {intent!r} in {path}")
        for line in (block.get("examples") or "").splitlines():
            if line.strip():
                pairs.append((line.strip(), intent))
        for line in (block.get("patterns") or "").splitlines():
            if not line.strip():
                continue
            line = re.sub(r"<(\w+)>", lambda m: frames.get(m.group(1), m.group(0)), line.strip())
            # One generator per template line: editing a line never reshuffles the others' samples.
            variants = _expand(line, random.Random(f"{_SEED}:{line}"), _PATTERN_CAP)
            pairs.extend((variant, intent) for variant in variants)
    return tuple(pairs)


@dataclass(frozen=True)
class Understanding:
    """What `understand` makes of one message."""

    intent: str  # one of INTENTS
    confidence: float  # 0..1; low when unsure (see module docstring for the WISMO demotion rule)
    entities: dict[str, list[str]] = field(default_factory=dict)  # see entities.extract_entities
    scores: dict[str, float] = field(default_factory=dict)  # the model's probability per intent


def _default_threshold() -> float:
    try:
        from wismo.config import get_settings

        return float(get_settings().confidence_threshold)
    except Exception:  # settings unreadable (e.g. a bad .env): keep understanding working
        return 0.45


def _word_grams(text: str) -> list[str]:
    """Word unigrams and bigrams of normalized text."""
    words = text.split()
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _char_grams(text: str) -> list[str]:
    """Character 2-5grams inside space-padded words (scikit-learn's char_wb, as one function)."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(2, 6):
            if n > size:
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


class _Features:
    """Sparse TF-IDF features of one text, computed without scikit-learn's per-call overhead.

    scikit-learn fits the vocabularies and idf weights; at run time one message is turned into
    (column, weight) pairs with two dict lookups per n-gram, which is what keeps `classify` far
    under a millisecond. Same analyzers, sublinear tf and l2 norm per block as the fitted vectorizers.
    """

    def __init__(self, blocks: list[tuple[object, TfidfVectorizer]], offsets: list[int]) -> None:
        self.blocks = [
            (analyzer, vec.vocabulary_, vec.idf_, offset)
            for (analyzer, vec), offset in zip(blocks, offsets, strict=True)
        ]

    def __call__(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        columns: list[int] = []
        weights: list[float] = []
        for analyzer, vocabulary, idf, offset in self.blocks:
            counts: dict[int, int] = {}
            for gram in analyzer(text):  # type: ignore[operator]
                column = vocabulary.get(gram)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values = (1.0 + np.log(tf)) * idf[cols]
            values /= np.linalg.norm(values)
            columns.extend((cols + offset).tolist())
            weights.extend(values.tolist())
        return np.asarray(columns, dtype=np.int64), np.asarray(weights, dtype=np.float64)


class IntentClassifier:
    """TF-IDF + logistic regression over our examples, with the rules described in the module."""

    def __init__(
        self,
        pairs: Iterable[tuple[str, str]],
        *,
        threshold: float | None = None,
        taught: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Train on `pairs` plus `taught` pairs (ops labels: weighted up, and trusted verbatim)."""
        texts, labels, weights = [], [], []
        self._taught: dict[str, str] = {}
        for batch, weight in ((pairs, 1.0), (taught, _TAUGHT_WEIGHT)):
            for text, intent in batch:
                if intent not in INTENTS:
                    raise ValueError(f"unknown intent {intent!r}")
                normalized = normalize_text(text)
                texts.append(normalized)
                labels.append(intent)
                weights.append(weight)
                if weight != 1.0 and normalized:
                    self._taught[normalized] = intent
        self.threshold = _default_threshold() if threshold is None else threshold
        words = TfidfVectorizer(analyzer=_word_grams, sublinear_tf=True)
        chars = TfidfVectorizer(analyzer=_char_grams, sublinear_tf=True, min_df=2)
        word_matrix = words.fit_transform(texts)
        char_matrix = chars.fit_transform(texts)
        matrix = sparse.hstack([word_matrix, char_matrix]).tocsr()
        model = LogisticRegression(C=_C, max_iter=200, tol=1e-3, class_weight="balanced")
        # One BLAS thread: on a busy machine many threads fight over a tiny problem (5x slower).
        with threadpool_limits(1):
            model.fit(matrix, labels, sample_weight=np.asarray(weights))
        self.labels: tuple[str, ...] = tuple(model.classes_)
        self._weights = np.ascontiguousarray(model.coef_.T)  # (features, classes)
        self._bias = model.intercept_.copy()
        self._features = _Features([(_word_grams, words), (_char_grams, chars)], [0, word_matrix.shape[1]])
        self.size = len(texts)

    @classmethod
    def from_examples(
        cls, extra: list[tuple[str, str]] | None = None, *, threshold: float | None = None
    ) -> IntentClassifier:
        """Train on examples/intents.yaml plus `extra` (text, intent) pairs, e.g. ops-taught labels.

        Each extra pair weighs as much as five of ours, and its exact text skips the anchor rule.
        """
        return cls(load_examples(), threshold=threshold, taught=extra or ())

    def scores(self, text: str) -> dict[str, float]:
        """The model's probability for every intent (INTENTS order)."""
        return self._scores(normalize_text(text))

    def _scores(self, normalized: str) -> dict[str, float]:
        columns, weights = self._features(normalized)
        logits = self._bias + (weights @ self._weights[columns] if len(columns) else 0.0)
        logits = logits - logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        by_label = dict(zip(self.labels, probs.tolist(), strict=True))
        return {intent: round(float(by_label.get(intent, 0.0)), 4) for intent in INTENTS}

    def classify(self, text: str) -> Understanding:
        """The intent of one (already redacted) message, its confidence, entities and scores."""
        entities = extract_entities(text or "")
        normalized = normalize_text(text or "")
        if not normalized:
            return Understanding("out_of_scope", 0.0, entities, dict.fromkeys(INTENTS, 0.0))
        scores = self._scores(normalized[:_MAX_MODEL_CHARS])
        if entities and _is_follow_up(normalized):
            scores = {**scores, "order_status": max(scores["order_status"], FOLLOW_UP_CONFIDENCE)}
            return Understanding("order_status", FOLLOW_UP_CONFIDENCE, entities, scores)
        intent = max(INTENTS, key=lambda name: scores[name])
        confidence = scores[intent]
        anchored = _has_wismo_anchor(normalized) or self._taught.get(normalized) == intent
        if intent in WISMO_INTENTS and (confidence < self.threshold or not anchored):
            confidence = round(min(1.0 - confidence, self.threshold - 0.01), 4)
            intent = "out_of_scope"
        return Understanding(intent, float(confidence), entities, scores)


def _is_follow_up(normalized: str) -> bool:
    tokens = normalized.split()
    return any(tok in _ENTITY_TOKENS for tok in tokens) and all(
        tok in _ENTITY_TOKENS or tok in _FOLLOW_UP_FILLER or tok == "xnum" for tok in tokens
    )


# A WISMO intent needs something in the message that is about a purchase or its journey. Messages
# without any of these stems ("where are you from", "no", "how old are you") are never routed to an
# order lookup, whatever the model says. Matched on normalized text (lower case, no accents).
_WISMO_ANCHOR_RE = re.compile(
    r"\b(?:xorder|xtracking|wismo|eta|order|ordered|orden|pedido|commande|command|bestell|encomenda|"
    r"packag|package|pakage|pkg|parcel|paquet|paquete|pacote|paket|colis|box|boxes|delivery|deliver|"
    r"livr|entreg|liefer|zustell|ship|shipped|shipping|shipment|dispatch|envi|envoi|versand|verschick|"
    r"expedi|track|trak|trac|rastre|rastreio|suivi|sendung|arriv|arrive|lleg|cheg|chega|kommt|came|come|"
    r"coming|receiv|recib|receb|recu|erhalt|purchas|bought|buy|compra|item|items|product|stuff|thing|"
    r"things|return|retour|devol|devuel|zuruck|rucksend|refund|reembols|rembours|ruckerstatt|erstatt|"
    r"reimburs|money back|exchang|troc|cambi|umtausch|pick|pickup|collect|retir|recog|"
    r"abhol|locker|access point|hold at|relais|packstation|store|depot|post office|courier|carrier|"
    r"driver|mail|label|ups|usps|fedex|dhl|transit|porch|door|doorstep|neighbou?r|wrong address|size|"
    r"fit|fits|shoe|shirt|jacket|dress|pants|jean|hoodie|sweater|coat|boot|sneaker|gift|colou?r|"
    r"trouser|skirt|sandal|blouse|scarf|legging|cardigan|bottes|botas|stiefel|"
    r"damag|broken|crushed|stolen|missing|send\w* (?:\w+ ){0,2}back|sent (?:\w+ ){0,2}back|renvoy|renvoi|"
    # typos customers make in the words above
    r"packge|pacakge|parcl|parcle|ordr|my oder|deliv|redeliver|reroute|retrun|retun|ritern|refnd|refnud|refun|"
    # es: tracking, courier, post, store, size, gift, article, box, damaged, wrong, locker, clothes
    r"seguimiento|repartidor|mensajer|transportista|correos|tienda|sucursal|talla|tamano|regalo|articulo|"
    r"caja|danad|estropead|equivocad|casillero|taquilla|buzon|zapat|camis|chaquet|vestid|pantalon|"
    # fr: exchange, collection, shop, locker, size, colour, gift, product, damaged, purchase, receive, clothes
    r"echang|retrait|magasin|casier|consigne|taille|couleur|cadeau|produit|article|abime|endommag|casse|"
    r"achat|achet|recev|recoi|facteur|relivr|chaussur|chemise|manteau|"
    # de: delivered, arrived, article, gift, colour, branch, voucher, courier, bought, broken, size, clothes
    r"geliefert|zugestellt|ankomm|angekommen|artikel|produkt|geschenk|farbe|filiale|postfiliale|paketshop|"
    r"gutschein|kurier|versend|gekauft|kaputt|beschadig|zerbroch|tausch|gro(?:ss|\u00df)e|schuh|jacke|kleid|"
    r"pullover|"
    # pt: product, size, broken, damaged, store, post office, carrier, box, refund, locker, postman, clothes
    r"produt|tamanho|encomed|quebrad|danificad|avariad|amassad|loja|correio|transportadora|caixa|estorno|armario|"
    r"carteiro|blusa|sapat|jaquet|calca)\w*"
    r"|\b(?:shop|boutique|outlet|branch|warehouse|haul|coli|kam|vino|vinieron|venu|veio|vieram|roto|rota|ware|bote|robe|veste|vestes|presente|tenis)\b",
)


def _has_wismo_anchor(normalized: str) -> bool:
    return bool(_WISMO_ANCHOR_RE.search(normalized))


def has_wismo_anchor(text: str) -> bool:
    """Whether a message mentions anything about a purchase, a delivery, a return or a store."""
    return _has_wismo_anchor(normalize_text(text))


_lock = threading.Lock()
_classifier: IntentClassifier | None = None


def get_classifier() -> IntentClassifier:
    """The process-wide classifier, trained once on first use (about a second)."""
    global _classifier
    if _classifier is None:
        with _lock:
            if _classifier is None:
                _classifier = IntentClassifier.from_examples()
    return _classifier


def understand(text: str) -> Understanding:
    """Shortcut for `get_classifier().classify(text)`."""
    return get_classifier().classify(text)


def classify_stream(lines: Iterable[str]) -> Iterator[dict]:
    """`wismo classify`: JSON lines `{"text": ...}` in, `{"text","intent","confidence","entities"}` out.

    A line that is not a JSON object with a string "text" yields `{"error": ...}` and the stream
    goes on; blank lines are skipped.
    """
    classifier: IntentClassifier | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"error": f"line {number}: not JSON ({exc.msg})"}
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield {"error": f'line {number}: expected an object with a string "text"'}
            continue
        classifier = classifier or get_classifier()
        result = classifier.classify(item["text"])
        yield {
            "text": item["text"],
            "intent": result.intent,
            "confidence": round(result.confidence, 4),
            "entities": result.entities,
        }
