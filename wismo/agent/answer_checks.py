"""What a model's answer must be before it is sent instead of the template answer.

The template answer is the reference: it says exactly what the plan's evidence allows. A model may
say it better, in the customer's words, but it must
- carry the same facts: every status, date, time, amount, order and tracking number of the
  template answer appears in the model's answer too (`missing_facts`);
- claim nothing its evidence does not back (the citation check, run by the caller);
- not talk about delivery, returns, refunds, exchanges, pickup or labels without citing a source of
  a kind that supports it: "you can return it" needs `policy:` or `return:` evidence (`uncited_topic`);
- not be an apology or a "how can I help" where the plan had an answer (`content_free`);
- be in the customer's language (`language`) and be an answer, not talk about rewriting (`meta_text`).
Each check returns the fallback reason, or None when the answer passes.
"""

from __future__ import annotations

import re

from ..guardrails import claim_words
from ..guardrails.citations import extract_claims
from ..i18n.detect import detect, language_text
from . import cues

#: Topics of a sentence, and the evidence kinds that may back a sentence about each.
TOPICS: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = tuple(
    (name, re.compile(rx), frozenset(kinds))
    for name, rx, kinds in (
        (
            "returns",
            r"\b(?:return\w*|refund\w*|exchang\w*|store credit|label|devol\w*|reembols\w*|cambi\w*|etiqueta|"
            r"retour\w*|rembours\w*|echang\w*|rucksend\w*|ruckgabe|erstatt\w*|umtausch\w*|etikett|troca\w*|"
            r"devolu\w*|estorn\w*)",
            ("policy", "return"),
        ),
        (
            "pickup",
            r"\b(?:pick ?up|locker|access point|recog\w*|retir\w*|point relais|consigne|abhol\w*|packstation|"
            r"ponto de retirada|ponto de recolha|cacifo)",
            ("pickup", "policy", "shipment"),
        ),
        (
            "delivery",
            r"\b(?:deliver\w*|arriv\w*|transit|shipped|entreg\w*|llega\w*|envi\w*|livr\w*|expedi\w*|zustell\w*|"
            r"geliefert|ankomm\w*|versand\w*|chega\w*|envia\w*)",
            ("shipment", "eta", "order", "policy", "pickup", "notice"),
        ),
    )
)
_CONTENT_FREE = re.compile(
    r"^(?:[^.!?]*\b(?:sorry|apolog\w*|happy to help|how (?:can|may) i help|let me know|glad to|lo siento|"
    r"disculp\w*|desole|excuse\w*|entschuldig\w*|leider|desculp\w*|lamento)\b[^.!?]*[.!?]?\s*)+$"
)
_META = re.compile(
    r"\b(?:rewrite|rewritten|rephrase|here is|here's the|answer to rewrite|the answer:|as an ai|language model|"
    r"assistant:|customer wrote|reescrib\w*|reformul\w*|umformul\w*|reescrev\w*)\b"
)
#: Claim kinds that are facts an answer must carry over from the template.
FACT_KINDS = frozenset(
    {"status", "date", "dated_weekday", "weekday", "time", "money", "order_number", "tracking_number", "relative_day"}
)
#: Answers shorter than this are not language-checked.
LANGUAGE_MIN_LETTERS = 20


def _facts(text: str, lang: str) -> set[tuple[str, str]]:
    out = set()
    for claim in extract_claims(text, lang):
        if claim.kind in FACT_KINDS:
            value = claim.text
            if claim.kind in ("order_number", "tracking_number"):
                value = re.sub(r"[^0-9A-Z]", "", value.upper())
            out.add((claim.kind, claim_words.fold(value)))
    return out


def missing_facts(answer: str, template: str, lang: str) -> str | None:
    want = _facts(template, lang)
    have = _facts(answer, lang)
    lost = want - have
    return "missing_facts" if lost else None


def uncited_topic(answer: str, cited_kinds: set[str]) -> str | None:
    folded = cues.fold(answer)
    for sentence in re.split(r"(?<=[.!?])\s+", folded):
        for _, rx, kinds in TOPICS:
            if rx.search(sentence) and not kinds & cited_kinds:
                return "uncited_topic"
    return None


def content_free(answer: str, template_has_facts: bool) -> str | None:
    if template_has_facts and _CONTENT_FREE.match(cues.fold(answer).strip()):
        return "content_free"
    return None


def meta_text(answer: str) -> str | None:
    return "meta_text" if _META.search(cues.fold(answer)) else None


def wrong_language(answer: str, lang: str) -> str | None:
    words = language_text(answer)
    if sum(ch.isalpha() for ch in words) < LANGUAGE_MIN_LETTERS:
        return None
    return None if detect(words) == lang else "language"


def review(answer: str, template: str, cited_kinds: set[str], lang: str) -> str | None:
    """The first reason the model's answer may not go out, or None."""
    if not answer.strip():
        return "empty_answer"
    template_has_facts = bool(_facts(template, lang))
    for reason in (
        meta_text(answer),
        wrong_language(answer, lang),
        content_free(answer, template_has_facts),
        missing_facts(answer, template, lang),
        uncited_topic(answer, cited_kinds),
    ):
        if reason:
            return reason
    return None
