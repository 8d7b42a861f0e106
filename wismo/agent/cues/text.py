"""How a message is read: accents and dialect folded, letters held for effect counted once, patterns built per
language, a message cut into its clauses and told apart from the story around its question."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened, Swiss German written as German: the form
    every cue is matched on."""
    text = unicodedata.normalize("NFKD", (text or "").lower().replace("’", "'").replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if _DRAWN_OUT.search(text):
        text = _WORD.sub(lambda m: _DRAWN_OUT.sub(r"\1", m.group()), text)
    if _DIALECT_HINT.search(text):
        text = _DIALECT.sub(lambda m: m.lastgroup or m.group(), text)
    return _FRENCH_CHAT.sub(lambda m: _FRENCH_CHAT_WORDS[m.group()], text)


#: French typed in chat without its apostrophes ("elle a jusqua quand", "jsuis pas la", "cest quoi"),
#: written out as the cues know it.
_FRENCH_CHAT_WORDS = {
    "jusqua": "jusqu'a",
    "cest": "c'est",
    "jai": "j'ai",
    "quil": "qu'il",
    "jsuis": "je suis",
    "chui": "je suis",
    "jveux": "je veux",
    "jpeux": "je peux",
    "jsais": "je sais",
    "jvais": "je vais",
    "jme": "je me",
    "jpense": "je pense",
    "jattends": "j'attends",
    "jaimerais": "j'aimerais",
    "jaurais": "j'aurais",
    "jarrive": "j'arrive",
    "jcomprends": "je comprends",
}
_FRENCH_CHAT = re.compile(r"\b(?:" + "|".join(_FRENCH_CHAT_WORDS) + r")\b")


#: A letter held for effect ("hiii", "pleaseee", "sooo late"): one is what the word means. Only in words of
#: letters alone, so codes and tracking numbers keep theirs.
_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")

_WORD = re.compile(r"\b[a-z]+\b")

#: Swiss German words customers write in chat, each group named by the German that the cues know ("Bis
#: wänn chan er dä zruggäh?" is "bis wann kann er den zurückgeben?").
_DIALECT = re.compile(
    r"\b(?:(?P<zuruckgeben>zrugg(?:ah|a|eh|e|ge|ga|gah|gäh|gee)|zruggbringe)"
    r"|(?P<zuruckschicken>zrugg ?schick\w*|zrugg ?sende)"
    r"|(?P<umtauschen>(?:um)?tuusch\w*)"
    r"|(?P<bestellung>b(?:e)?stellig)"
    r"|(?P<kann>chan)(?= (?:ich|i|er|sie|mer|me|man|de|d)\b)"
    r"|(?P<ist>isch)"
    r"|(?P<paket>packli|paketli)"
    r"|(?P<nicht>nod|nid|ned)"
    r"|(?P<muss>muess)|(?P<selber>salber)"
    r"|(?P<abgeben>abgah|abgeh))\b"
)

#: (The dialect's words are rare outside it: most messages skip the substitution.)
_DIALECT_HINT = re.compile(
    r"zrugg|tuusch|stellig|\bchan |\bisch\b|packli|paketli|\bnod\b|\bnid\b|\bned\b|abga|abgeh|muess"
)


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


#: "and overnight?", "¿y el de 2 días?", "und Overnight?": a few words after "and", the last question's
#: topic asked again about another case.
_ELLIPSIS = re.compile(
    r"^\W*(?:and|or|y|o|et|ou|pis|puis|und|oder|e|what about|how about|y que hay de|que tal|et pour|et si"
    r"|und was ist mit|was ist mit|e quanto a|e sobre)\b"
)


def elliptical(text: str) -> bool:
    return len(text.split()) <= 12 and bool(_ELLIPSIS.match(fold(text)))


_QUESTION_WORDS = (
    r"can|could|do|does|did|is|are|was|will|would|how|what|whats|what's|when|where|why|if|should|has|have|may|"
    r"puedo|puede|como|cuando|donde|cuanto|si|tengo|hay|es|esta|"
    r"est-ce|puis-je|peut|comment|quand|ou|combien|si|dois|faut|"
    r"kann|konnen|wie|wann|wo|was|muss|ist|wird|gibt|"
    r"posso|pode|como|quando|onde|quanto|se|tenho|preciso"
)

_CLAUSE_SPLIT = re.compile(
    # "1) where is it 2) how long do I have to return 3) ...": a numbered list, each number a part.
    rf"(?:^|\s+)\d{{1,2}}\)\s+|"
    rf"\?+\s*|;\s*|\.\s+|\s+(?:and also|also|plus|and|y tambien|y|et aussi|et|und auch|und|e tambem|e)\s+"
    rf"(?=(?:i |me |my |she |he |we )?(?:{_QUESTION_WORDS})\b)",
    re.I,
)


def clauses(text: str) -> list[str]:
    """The separate requests of a multi-part message ("has it shipped, and can I send back the red
    one?"), each with at least three words; one item when the message asks one thing."""
    parts = [p.strip(" ,") for p in _CLAUSE_SPLIT.split(text or "") if p and p.strip(" ,")]
    parts = [p for p in parts if len(p.split()) >= 3]
    return parts or [text]


#: "I wasn't home when the driver came": a "when" that tells a story, not one that asks a date.
_ABSENT_WHEN = _rx(
    r"\b(?:(?:was|were|wasn'?t|weren'?t|am|i'?m|not) (?:not )?(?:at )?(?:home|there|in|out)|was out"
    r"|nobody (?:was )?home|missed (?:them|him|her|the driver|it))\W+(?:\w+\W+){0,2}?when\b",
    r"\b(?:no (?:estaba|estabamos|habia nadie)|nadie estaba|(?:estaba|habia) (?:fuera|salido))"
    r"\W+(?:\w+\W+){0,2}?cuando\b",
    r"\b(?:(?:j'?)?(?:etais|etait|etions) pas (?:la|chez moi|a la maison)|n'?(?:etais|etait|y avait) (?:pas|personne)"
    r"(?: la)?|absente?)\W+(?:\w+\W+){0,2}?quand\b",
    r"\b(?:nao|ninguem) (?:estava|estavamos)(?: em casa| ninguem)?\W+(?:\w+\W+){0,2}?quando\b",
)

#: "so I know where to look when I get home": a "when" about the customer's day, not the parcel's.
_WHEN_I = re.compile(
    r"\b(?:when|cuando|quand|wenn|quando)(?= (?:i|we|yo|je|j'|ich|eu) ?(?:get|come|am|'m|llegue|vuelva|rentre|"
    r"reviens|komme|heimkomme|chegar|voltar)\b)"
)


def without_story(text: str) -> str:
    """The message folded, with a "when" that tells what happened ("no estaba cuando pasó") or what the
    customer will do ("when I get home") taken out."""
    folded = _ABSENT_WHEN.sub(lambda m: m.group(0).rsplit(" ", 1)[0] + " ", fold(text))
    return _WHEN_I.sub(" ", folded)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def asks_to_act(text: str, pattern: re.Pattern[str]) -> bool:
    """A sentence that states the request rather than asks about it ("it's too big, I'd like a size
    smaller." beside "is the exchange free?"): the one not ending in a question mark."""
    return any(not s.rstrip().endswith("?") and pattern.search(fold(s)) for s in _SENTENCE.findall(text or ""))


def any_of(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(fold(text)))
