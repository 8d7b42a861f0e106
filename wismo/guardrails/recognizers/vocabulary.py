"""Ordinary words of the languages wismo serves, to tell a name from a capitalized word.

English comes from the spaCy pipeline's own lemma tables (WordNet's lemma index, which holds
few proper nouns). Spanish, French, German and Portuguese come from wordfreq's frequency lists,
which ship inside the package (nothing is downloaded): the most frequent words of each.
German capitalizes every noun ("Sendung", "Lieferung"), and a sentence in any language starts
with a capital: without these words every one of them would look like a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .name_words import FIRST_NAMES, SURNAMES, fold

OTHER_LANGUAGES: tuple[str, ...] = ("es", "fr", "de", "pt")
_WORDS_PER_LANGUAGE = 8_000
_ENGLISH_FREQUENT = 30_000
#: The top of each list: ordinary in lower case even when English text uses the word too.
_MOST_FREQUENT = 1_500
#: Endings of plural and inflected forms in German, Spanish, French and Portuguese.
_INFLECTIONS = ("e", "en", "n", "er", "es", "s", "ern", "nen")

_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("ness", ""),
    ("ful", ""),
)
_CONTRACTION = re.compile(r"['’](?:s|m|re|ve|ll|d|t)$")


def english_words_of(nlp) -> frozenset[str]:
    """Ordinary English words from a spaCy pipeline's lemmatizer tables (WordNet's lemma index)."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except (KeyError, AttributeError):
        return frozenset()
    words: set[str] = set()
    for table_name in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table_name):
            table = lookups.get_table(table_name)
            for key in table:
                words.update(table[key])
    return frozenset(w.lower() for w in words)


def other_language_words(languages: tuple[str, ...] = OTHER_LANGUAGES) -> frozenset[str]:
    """The most frequent words of `languages`, folded (no case, no accents), names left out.

    Frequency lists hold the names their sources talk about ("charlene", "garcia", "jakob"). Two
    filters keep them out: only the 8,000 most frequent words of each language (ordinary words
    dominate the top), and none that is also frequent in English text (a name travels across
    languages; English words themselves come from WordNet)."""
    import wordfreq

    english = {fold(w) for w in wordfreq.top_n_list("en", _ENGLISH_FREQUENT, wordlist="small")}
    words: set[str] = set()
    for lang in languages:
        words.update(fold(w) for w in wordfreq.top_n_list(lang, _WORDS_PER_LANGUAGE, wordlist="small"))
    return frozenset(w for w in words - english if w.isalpha() and w not in FIRST_NAMES)


def loanwords(languages: tuple[str, ...] = OTHER_LANGUAGES) -> frozenset[str]:
    """English words the other languages use too ("service", "status", "team"): frequent in both,
    so `other_language_words` leaves them out; they may end a compound ("Kundenservice")."""
    import wordfreq

    english = {fold(w) for w in wordfreq.top_n_list("en", _ENGLISH_FREQUENT, wordlist="small")}
    words: set[str] = set()
    for lang in languages:
        words.update(fold(w) for w in wordfreq.top_n_list(lang, _WORDS_PER_LANGUAGE, wordlist="small"))
    return frozenset(w for w in words & english if w.isalpha() and w not in FIRST_NAMES and w not in SURNAMES)


def frequent_lowercase_words(languages: tuple[str, ...] = ("en", *OTHER_LANGUAGES)) -> frozenset[str]:
    """The 1,500 most frequent words of each language (English too), known names left out.

    English text uses some of them ("bon voyage", "casa", "mundo"), so `other_language_words`
    drops them; written in lower case after "c'est" or "soy" they are still words ("c'est bon"),
    not names. A capitalized one is left to the name checks."""
    import wordfreq

    words: set[str] = set()
    for lang in languages:
        words.update(fold(w) for w in wordfreq.top_n_list(lang, _MOST_FREQUENT, wordlist="small"))
    return frozenset(w for w in words if w.isalpha() and w not in FIRST_NAMES and w not in SURNAMES)


def is_english(word: str, english: frozenset[str]) -> bool:
    """`word` or its stem (frustrated -> frustrate, shipping -> ship) is an English word."""
    if word in english:
        return True
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            doubled = suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]  # shipped -> ship
            if stem in english or (doubled and stem[:-1] in english):
                return True
    return False


def _stop_words() -> dict[str, frozenset[str]]:
    """spaCy's stop-word lists (they ship with spaCy itself), folded, per language."""
    import importlib

    out = {}
    for lang in ("en", *OTHER_LANGUAGES):
        words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        out[lang] = frozenset(fold(w) for w in words if w.isalpha() and len(w) > 1)
    return out


STOP_WORDS: dict[str, frozenset[str]] = _stop_words()
#: English contractions as chat types them, without the apostrophe ("my dad doesnt like it"): words a
#: sentence needs, never a name after "my dad".
_CHAT_CONTRACTIONS = frozenset(
    "dont doesnt didnt cant wont isnt arent wasnt werent hasnt havent hadnt shouldnt couldnt wouldnt mustnt "
    "neednt aint youre theyre thats whats wheres theres heres hows shes hes ive youve weve theyve youll theyll "
    "itll wouldve couldve shouldve gonna wanna gotta lemme gimme kinda sorta dunno".split()
)
_ALL_STOP_WORDS: frozenset[str] = frozenset().union(*STOP_WORDS.values()) | _CHAT_CONTRACTIONS
_WORD = re.compile(r"[^\W\d_]{2,}")


def mostly_english(text: str) -> bool:
    """Whether English function words outnumber those of each other language (or none is there).

    English NER reads Spanish or German capitals as names ("las tiendas de Sevilla", "Damen");
    it is asked only about text in English."""
    counts = dict.fromkeys(STOP_WORDS, 0)
    for m in _WORD.finditer(text):
        key = fold(m.group())
        for lang, words in STOP_WORDS.items():
            if key in words:
                counts[lang] += 1
    english = counts.pop("en")
    return english >= max(counts.values())


#: Past-participle and finite verb endings (accents folded) and the infinitive endings they come from.
_PARTICIPLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ees", ("er",)),
    ("ee", ("er",)),
    ("es", ("er",)),
    ("e", ("er",)),
    ("ados", ("ar",)),
    ("adas", ("ar",)),
    ("ado", ("ar",)),
    ("ada", ("ar",)),
    ("idos", ("er", "ir")),
    ("idas", ("er", "ir")),
    ("ido", ("er", "ir")),
    ("ida", ("er", "ir")),
    # Finite forms a sentence may open with: "Aceitam Multibanco?", "Livrez-vous", "adorou", "llegaron".
    ("ou", ("ar",)),
    ("aram", ("ar",)),
    ("am", ("ar",)),
    ("em", ("er", "ir")),
    ("eram", ("er",)),
    ("iram", ("ir",)),
    ("aron", ("ar",)),
    ("ieron", ("er", "ir")),
    ("an", ("ar",)),
    ("ez", ("er",)),
)


@dataclass(frozen=True)
class Vocabulary:
    """English words and the other languages' words; empty means "no vocabulary: trust cues only"."""

    english: frozenset[str] = frozenset()
    others: frozenset[str] = field(default_factory=frozenset)
    lowercase: frozenset[str] = field(default_factory=frozenset)
    #: English words the other languages use too (`loanwords`).
    loans: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.english)

    def bare(self, word: str) -> str:
        return _CONTRACTION.sub("", word.rstrip(".").lower())

    def is_english(self, word: str) -> bool:
        return is_english(self.bare(word), self.english)

    def is_word(self, word: str) -> bool:
        """An ordinary word of any of the five languages, or a compound of two ("Winterjacke")."""
        bare = self.bare(word)
        key = fold(bare)
        if is_english(bare, self.english) or key in self.others or key in _ALL_STOP_WORDS:
            return True
        if any(key.endswith(e) and key[: -len(e)] in self.others for e in _INFLECTIONS if len(key) - len(e) >= 4):
            return True  # "schuhe", "camisetas", "pacotes": a plural or inflected form of a frequent word
        if any(
            key.endswith(end) and len(key) - len(end) >= 4 and key[: -len(end)] + verb in self.others
            for end, verbs in _PARTICIPLES
            for verb in verbs
        ):
            return True  # "remboursee", "devolvido", "aceitam": a participle or finite form of a known verb
        return len(key) >= 8 and self._compound(key)

    def is_frequent(self, word: str) -> bool:
        """One of the most frequent words of the five languages, or a stop word: a word a sentence
        needs, unlike the rare words a large dictionary also lists ("emmy", "vitus")."""
        key = fold(self.bare(word))
        return key in self.lowercase or key in _ALL_STOP_WORDS

    def is_lowercase_word(self, word: str) -> bool:
        """An ordinary word, or one of each language's most frequent words written in lower case
        ("c'est bon", "soy nueva"): after "c'est" or "soy" such a word is no name."""
        return self.is_word(word) or (word[:1].islower() and fold(self.bare(word)) in self.lowercase)

    def _compound(self, key: str) -> bool:
        """German-style compounds: a known word, maybe a linking "s"/"n"/"es", then another known word
        of at least four letters ("sendungs|verfolgung", "kaffee|muhle", "handy|hulle")."""
        words = self.others
        for i in range(3, len(key) - 3):
            head, tail = key[:i], key[i:]
            # The last part may be plural or inflected ("winter|jacken", "rabatt|codes").
            tail_known = tail in words or any(
                tail.endswith(e) and len(tail) - len(e) >= 4 and tail[: -len(e)] in words for e in _INFLECTIONS
            )
            if tail_known and len(tail) >= 4 and len(head) >= 5 and head in self.english:
                return True  # "laptop|fach", "online|shop": an English word first
            # An English loanword last after a German word: "kunden|service", "sendungs|status".
            tail_known = tail_known or (len(tail) >= 6 and tail in self.loans and len(head) >= 4)
            if tail_known and len(tail) >= 4:
                if (
                    head in words
                    or (head[-1] in "sn" and head[:-1] in words)
                    or (head.endswith("es") and head[:-2] in words)
                    # a verb's stem: "abhol|punkt" (abholen), "liefer|adresse" (liefern), "zustell|versuch"
                    or head + "en" in words
                    or head + "n" in words
                ):
                    return True
        return False
