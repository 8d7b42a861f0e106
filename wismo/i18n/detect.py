"""Which language a customer message is in, offline, per message.

Why lingua: it is accurate on short chat messages (a few words) and ships its models inside the
package, so nothing is downloaded at run time. Restricted to our five languages it answers in
about 0.1 ms once its models are loaded (the server warms them before taking traffic).

Around the detector, three rules that a detector cannot know:
- A message with no language in it ("ok", "#WS10042", an email, "1", "?") keeps the
  conversation's language.
- One-word replies that carry a language ("oui", "sim", "danke", "vale") are read from a small
  lexicon: detectors are unreliable on a single word. Words shared by languages ("no", "si", "ok")
  keep the conversation's language when it has one.
- A channel's hint (the browser's Accept-Language, a Messenger or WhatsApp profile locale) decides
  when the text itself does not, and a code-switched message ("hola, where is mi pedido") stays in
  the conversation's language when that language is a close second.
"""

from __future__ import annotations

import re
import threading
import unicodedata

from . import DEFAULT_LANGUAGE, LANGUAGES, supported

#: Below this confidence the detector's first choice does not overrule the conversation's language
#: when that language is its second choice.
SWITCH_CONFIDENCE = 0.6
#: Letters needed before the detector is asked at all.
MIN_LETTERS = 4

_NOISE = re.compile(
    r"<[A-Z_]+_\d+>"  # redaction placeholders
    r"|\S+@\S+"  # emails
    r"|https?://\S+"
    r"|#?\s?\b[A-Z]{1,4}[\s-]?\d{3,}\b"  # order numbers like #WS10042
    r"|\b1Z[0-9A-Z]{16}\b"
    r"|\b(?=[A-Z]*\d)(?=\d*[A-Z])[0-9A-Z]{3,}\b"  # codes of digits and letters ("1ZBV 7B8P 0262", "4th")
    r"|[\d#:/.,;!?¿¡()\[\]{}+*=_\"'-]+",
    re.I,
)
# Words that on their own say which language a customer writes in. Shared words are left out.
_ONE_WORD: dict[str, str] = {}
for _lang, _words in {
    "en": "yes yeah yep yup nope thanks thank ty thx hello hi hey please sure okay cheers bye",
    "es": "sí vale gracias hola claro dale bueno porfa porfavor adiós adios vamos listo perfecto",
    "fr": "oui ouais merci bonjour salut bonsoir d'accord daccord parfait super voilà nan commande colis",
    "de": "ja jawohl nein danke hallo genau passt bitte tschüss tschuss okay servus moin klar bestellung sendung",
    "pt": "sim não nao obrigado obrigada olá ola beleza pode valeu tchau certo combinado encomenda obg obgd obgda "
    "brigado brigada vlw",
}.items():
    for _w in _words.split():
        _ONE_WORD.setdefault(_w, _lang)
# "okay" and "super" are said in several languages: they carry none.
for _w in ("okay", "super"):
    _ONE_WORD.pop(_w, None)

# Short function words each language's customers use in almost every message, and no other of
# the five shares: on a short message an unsure detector is outvoted by two or more of them.
_MARKERS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "where is when my the it hi thanks please still yet order package what",
        "es": "dónde donde cuándo mi hola gracias todavía aún llega llegó paquete qué quiero quisiera tengo "
        "cuánto cuanto cuesta días envío si sí vale dale pero hay aquí dice oigan orden el sale",
        "fr": "où quand mon ma mes commande colis bonjour merci toujours pas est-ce qu'il c'est je veux voudrais "
        "est trop petit petite allo allô svp avec",
        "de": "wo ist wann mein meine meinen nicht und ich bitte danke hallo noch schon paket bestellung kommt "
        "möchte habe moin servus grüezi gruezi tschüss",
        "pt": "onde meu minha encomenda olá obrigado obrigada ainda chegou não cadê oi quero queria você voce tá pra "
        "vc vcs pode consegue",
    }.items()
}
#: Marker words needed to outvote an unsure detector on a conversation's first message.
_MARKER_VOTES = 2


def _speaks(tokens: list[str], lang: str) -> bool:
    """A word of its own language in the message ("sí", "hallo", "merci")."""
    return any(t in _MARKERS[lang] or _ONE_WORD.get(t) == lang for t in tokens)


def _marker_language(tokens: list[str]) -> str | None:
    votes = {lang: sum(t in words for t in tokens) for lang, words in _MARKERS.items()}
    best = max(votes, key=lambda k: votes[k])
    others = max(v for k, v in votes.items() if k != best)
    return best if votes[best] >= _MARKER_VOTES and votes[best] > others else None


_lock = threading.Lock()
_detector = None


def _get_detector():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import Language, LanguageDetectorBuilder

                languages = [Language.from_iso_code_639_1(getattr(_iso(), code.upper())) for code in LANGUAGES]
                _detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    return _detector


def _iso():
    from lingua import IsoCode639_1

    return IsoCode639_1


def warm() -> None:
    """Load the detector's models now rather than on the first customer message (~2 s)."""
    _get_detector()


#: A run of two or more capitalised words inside a sentence: a product or a person ("le Leather Belt est
#: trop petit", "Você pode devolver: Leather Belt, Lambswool Crewneck"). It names, and says nothing of
#: the language around it.
_NAME_RUN = re.compile(r"(?<=[a-zß-ÿ0-9,;:]\s)[A-ZÀ-Þ][\w'’-]*(?:,?\s+[A-ZÀ-Þ][\w'’-]*)+")


def language_text(text: str) -> str:
    """The words of a message that can carry a language (no numbers, placeholders, emails, links,
    product or person names inside a sentence)."""
    named = _NOISE.sub(" ", _NAME_RUN.sub(" ", text or ""))
    text = _NOISE.sub(" ", text or "")
    if sum(ch.isalpha() for ch in named) >= MIN_LETTERS * 3:
        text = named  # (a message that is little else than names keeps them)
    return " ".join(text.split())


def scores(text: str) -> list[tuple[str, float]]:
    """(language, confidence) for our languages, best first, from the detector alone."""
    values = _get_detector().compute_language_confidence_values(text)
    return [(v.language.iso_code_639_1.name.lower(), float(v.value)) for v in values]


#: Words that close a chat in any language: they never switch the conversation's language alone.
_CLOSING = frozenset("ok okay k thanks thank you thx ty cool great perfect".split())


#: "and ...?" in each language: a short follow-up that opens with the conversation's own "and"
#: ("et en overnight ?", "y el express?") goes on in that language, whatever English word follows.
_AND: dict[str, str] = {"and": "en", "y": "es", "et": "fr", "und": "de", "e": "pt"}


def detect(text: str, previous: str | None = None, hint: str | None = None) -> str:
    """The language to answer `text` in, given the conversation's language so far and a channel hint."""
    previous = supported(previous)
    hint = supported(hint)
    fallback = previous or hint or DEFAULT_LANGUAGE
    words = language_text(text)
    letters = sum(ch.isalpha() for ch in words)
    # Emojis and other signs carry no language: "👍 ok confirm" is two words.
    tokens = [unicodedata.normalize("NFC", w.lower()) for w in words.split() if any(ch.isalpha() for ch in w)]
    if previous and 0 < len(tokens) <= 3 and all(t in _CLOSING for t in tokens):
        return previous  # "ok thanks!!" to close a Spanish chat: the chat's language, not a switch
    if previous and 2 <= len(tokens) <= 4 and _AND.get(tokens[0]) == previous:
        return previous
    if previous and _NAME_RUN.search(text or ""):
        rest = [w for w in _NOISE.sub(" ", _NAME_RUN.sub(" ", text)).split() if any(ch.isalpha() for ch in w)]
        if len(rest) <= 3:
            return previous  # "c'est Insulated Snow Boots", "é o artigo Corduroy Trousers": a name, no switch
    if 0 < len(tokens) <= 3 and all(t in _ONE_WORD or t in _CLOSING for t in tokens):
        # "obg", "ok obg", "ok merci": the one word of its own language in a short thanks says it.
        said = {_ONE_WORD[t] for t in tokens if t in _ONE_WORD and t not in _CLOSING}
        if len(said) == 1:
            return said.pop()
    if letters < MIN_LETTERS or len(tokens) < 2:
        # One word ("order", "status", "okay") says too little to switch from the conversation's
        # language, the hint or the default; the words above that do say it were handled first.
        return fallback
    ranked = scores(words)
    if not ranked:
        return fallback
    best, confidence = ranked[0]
    if len(tokens) <= 2 and all(t in _ONE_WORD for t in tokens):
        lexicon = {_ONE_WORD[t] for t in tokens}
        if len(lexicon) == 1:
            return lexicon.pop()
    if previous is None:
        # "Hallo, wo ist #WS10635?": too short for the detector, plain from its words; "Hey, wo ist
        # #WS13745?" reads English to it, but no word of it is English's own and two are German's.
        marked = _marker_language(tokens)
        unmarked = not any(t in _MARKERS[best] for t in tokens)
        if marked is not None and (confidence < SWITCH_CONFIDENCE or (marked != best and unmarked)):
            return marked
    # Without a conversation or a hint, the shop's default language is the prior an unsure reading
    # must beat ("order whats the status" reads a little German).
    sticky = previous or hint or (DEFAULT_LANGUAGE if confidence < SWITCH_CONFIDENCE else None)
    if sticky == DEFAULT_LANGUAGE and not (previous or hint) and best != sticky:
        second = dict(ranked).get(sticky, 0.0)
        return sticky if confidence - second < 0.15 else best
    if previous and best != previous and _speaks(tokens, previous) and not _speaks(tokens, best):
        # "sí, el reembolso completo" reads Portuguese to the detector, but "sí" is Spanish only.
        return previous
    if previous and best != previous and confidence < SWITCH_CONFIDENCE / 2:
        # "jo das chunnt scho guet so, merci vilmal" reads Portuguese at 0.29: a guess this weak never
        # moves a conversation out of its language.
        return previous
    if sticky and best != sticky and confidence < SWITCH_CONFIDENCE:
        second = ranked[1][0] if len(ranked) > 1 else None
        if sticky == second or len(tokens) <= 3:
            return sticky  # "ok vas-y" (three words once split) reads English at 0.35: no switch
    return best
