"""Person names the small spaCy model misses, in five languages.

- After a cue: "my name is", "me llamo", "je m'appelle", "ich heiße", "meu nome é", titles
  ("Mr.", "Sra.", "Mme", "Herr", "Dona"), sign-offs ("Regards,", "Saludos,", "Cordialement",
  "Viele Grüße", "Atenciosamente") and relations ("my wife", "mi hija", "ma sœur"). After the
  strongest cues a lowercase word counts too ("my name is ottilie").
- Speaker labels in pasted dialogue ("Renata: did you call me?").
- A known first name anywhere, with the capitalized words, initials and particles after it
  ("María José de la Fuente", "Jan van der Berg").
- A capitalized word that is no ordinary word of the five languages, where a name can stand.

Rules are generic (shapes, cue words, word lists written by us), never memorized values.
"""

from __future__ import annotations

import re

from .base import CAP, UP, WismoRecognizer
from .name_cues import (
    LABEL_WORDS,
    NAME_LINE_RE,
    SIGN_OFF_RE,
    SPEAKER_RE,
    SPEAKER_ROLES,
    STRONG_NAME_CUE,
    TITLES,
)
from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, WORD_NAMES, fold
from .places import SAINT_BEFORE, calendar_word, place_or_product
from .vocabulary import STOP_WORDS, Vocabulary

_INITIAL = rf"[{UP}]\.?"
_NAME_PARTICLE = (
    r"(?:van|von|der|den|de|du|da|di|del|della|dos|das|do|ten|ter|la|las|los|le|bin|ibn|al|el|y|e|zu|zum|i)"
)
#: One or two particles before a capitalized word ("de la Fuente", "van der Berg", "von Bülow").
_PARTICLES = rf"{_NAME_PARTICLE}(?:[ \t]+{_NAME_PARTICLE})?"
#: The greetings that open a message to someone ("hi", "bonjour", "olá"), unlike thanks ("merci vielmal").
_HELLO = re.compile(
    r"(?:hi|hello|hey|dear|hola|bonjour|all[oô]|hallo|ol[aá]|oi|cher|ch[eè]re|querid[oa]|estimad[oa]|liebe[rn]?"
    r"|prezad[oa]|car[oa])\W*$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,40}\.?")
#: One word of a name in capitals, hyphens and apostrophes inside it ("WEI-LING", "O'NEILL").
_CAPS_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,40}")
_NAME_NEXT = re.compile(rf"[ \t]+(?:{_INITIAL}(?![^\W\d_])|(?:{_PARTICLES})(?=[ \t]+[{UP}])|{CAP})")
#: A name that starts with its particles after a title ("Sr. del Valle", "Herr von Bülow").
_PARTICLE_LEAD = re.compile(rf"(?i:{_PARTICLES})[ \t]+(?={CAP})")
_LOWER_NEXT = re.compile(r"[ \t]+(?:[^\W\d_]\.(?=[ \t])|[^\W\d_]{2,40}(?![\w'’@]))")
_ALL_STOP = frozenset().union(*STOP_WORDS.values())
#: What may follow a name that makes up its own clause: punctuation, a line end or the text's end.
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;!?)]|\n|$)")
_PHONE_LABEL = (
    r"(?:tel|tél|telf|telefon|telefone|teléfono|telefono|phone|ph|handy|mobil|móvil|movil|cel|celular|portable|fone)"
)
#: One to three words alone in their clause, then ", Tel." or " - phone:" and a number.
_BEFORE_PHONE = re.compile(
    rf"(?:^|(?<=[.!?:;\n])[ \t]*|(?<=^[ \t]))(?P<name>[^\W\d_][\w'’-]{{1,30}}(?:[ \t]+[^\W\d_][\w'’-]{{1,30}}){{0,2}})"
    rf"[ \t]*[,–-][ \t]*(?i:{_PHONE_LABEL})\b\.?[ \t]*:?[ \t]*[+(\d]",
    re.M,
)
_GERMANIC_PARTICLE_NAME = re.compile(
    rf"(?<![\w'’-])(?P<first>[{UP}][^\W\d_]{{1,30}}(?:-[{UP}][^\W\d_]{{1,30}})?)[ \t]+"
    rf"(?:von|van|vom)(?:[ \t]+(?:der|den|dem|de))?[ \t]+[{UP}][^\W\d_]{{1,30}}(?![\w'’-])"
)


def _is_title(cue: re.Match[str]) -> bool:
    """A title ("Frau", "Sr.", "Mme") before a lower-case name ("Frau döring")."""
    return bool(cue.group("announcing")) and bool(TITLES.fullmatch(cue.group("announcing")))


def is_function_word(word: str) -> bool:
    """A stop word of one of the five languages, or a word joined to one ("Est-il", "J'ai")."""
    parts = [fold(p) for p in re.split(r"['’-]", word.rstrip(".")) if p]
    if parts and parts[0] == "i":  # "I", "I'm", "I've": the speaker, never a name after "Hi,"
        return True
    return bool(parts) and any(p in _ALL_STOP for p in parts) and fold(parts[0]) not in FIRST_NAMES


def name_tail(text: str, pos: int) -> int:
    """Extend a name from `pos` over initials, particles and further capitalized words."""
    end = pos
    for _ in range(4):
        if text[end - 3 : end].endswith(".") and text[end - 3 : end - 1].isalpha():
            break  # "Ausverkauft. Wisst ihr": a sentence ended; only an initial ("R. Pimentel") goes on
        m = _NAME_NEXT.match(text, end)
        if not m:
            break
        word = m.group().strip()
        if fold(word.rstrip(".")) in NOT_NAME_WORDS or (word.isupper() and len(word) > 2):
            break
        end = m.end()
    return end


def lower_name_tail(text: str, pos: int, vocab: Vocabulary) -> int:
    """Extend a lowercase name over an initial ("k.") and surnames that are no ordinary words."""
    end = pos
    for _ in range(3):
        m = _LOWER_NEXT.match(text, end)
        if not m:
            break
        word = m.group().strip()
        if not word.endswith(".") and (
            fold(word) in NOT_NAME_WORDS or (vocab.is_word(word) and fold(word) not in SURNAMES)
        ):
            break
        end = m.end()
    return end


#: Nouns by their ending ("Abholung", "Reklamation", "Gelegenheit", "Qualität"): no name ends so.
_NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "ionen", "tat", "nis", "tum")


def name_like(word: str, vocab: Vocabulary) -> bool:
    """A capitalized token that looks like a name: a known first name, or not an ordinary word."""
    bare = vocab.bare(word)
    key = fold(bare)
    if len(bare) < 2 or key in NOT_NAME_WORDS or key in SPEAKER_ROLES or not word[:1].isupper():
        return False
    if word.isupper() and len(word) > 2:  # ALLCAPS: acronyms, cities in postal blocks
        return False
    if key in FIRST_NAMES:
        return True
    if not vocab:
        return False
    parts = [p for p in bare.split("-") if p]
    if len(parts) > 1 and all(p[:1].isupper() and fold(p) in FIRST_NAMES for p in parts):
        return True  # "Ernst-Dieter", "Marie-Claire": every part a first name
    if "-" in bare and all(vocab.is_word(part) for part in parts):
        return False  # "Hassle-free", "High-quality"
    if key in AMBIGUOUS_FIRST_NAMES:
        return False
    if key in SURNAMES:
        return not vocab.is_english(bare)
    if len(key) >= 7 and key.endswith(_NOUN_ENDINGS):
        return False  # "Abholung", "Reklamation", "Gelegenheit": a noun by its ending
    return not vocab.is_word(bare)


#: An article or possessive right before a capitalized word makes it a noun ("die Winterjacke",
#: "la Gran Vía"), not a name. (English capitalizes no common noun: "the Ronner novel" is a name.)
_DETERMINER_BEFORE = re.compile(
    r"(?i:(?<!\w)(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|mein|meine|"
    r"meinen|meinem|ihr|ihre|ihren|ihrem|unser|unsere|im|am|zum|zur|vom|beim|ins|el|la|los|las|un|una|mi|su|"
    r"le|les|une|mon|ma|mes|votre|vos|au|aux|o|os|as|um|uma|meu|minha|seu|sua|no|na|nos|nas)"
    r"[ \t]+)$"
)
_SENT_BREAK = re.compile(r"(?:[.!?¡¿][\"')\]]?[ \t]+|\n[ \t>?*-]*)$")
_SUBJECT_NEXT = re.compile(
    r"(?:['’]s\b|[ \t]*[,:;]|[ \t]+(?:is|was|has|had|said|says|lives|lived|spent|will|would|and|or|wrote|"
    r"called|asked|told|went|works|worked|began|joined|did|does|can|could|should|must|may|"
    r"es|est|ist|é|era|était|war|tiene|tem|hat|a|vive|habite|wohnt|mora|dijo|dit|sagte|disse|y|et|und|e)\b)"
)


#: A verb right after a lower-case word that is no ordinary word makes it the subject, a name:
#: "viviane braucht sie", "deshawn already sent it", "mirella precisa dela", "margot en a besoin".
_LOWER_SUBJECT_NEXT = re.compile(
    r"[ \t]+(?:needs|wants|said|says|has|had|already|just|ordered|sent|got|picked|called|told|asked|will|is|was|"
    r"dijo|dice|tiene|quiere|necesita|pidio|pidió|mando|mandó|recibio|recibió|ya|va|"
    r"dit|veut|en a|a dit|m'a|l'a|est|a besoin|a commandé|a commande|"
    r"braucht|hat|will|sagt|sagte|wollte|kommt|holt|ist|wartet|"
    r"precisa|disse|quer|tem|vai|pediu|mandou|recebeu|já|ja)\b"
)
#: Where a clause starts: the message's start, a full stop, a question mark, a comma, "and".
_CLAUSE_START = re.compile(
    r"(?:^|[.!?,;:][ \t]+|\n[ \t]*|(?:^|[ \t])(?:and|so|but|y|pero|et|mais|und|aber|e|mas)[ \t]+)$"
)


#: The last word of a message alone after a full stop, a line break or a dash ("... cut off. kieran",
#: "\n- bex x"), with an optional kiss.
_SIGNED_LAST = re.compile(
    r"(?:[.!]\s+|\n[ \t]*|(?:^|\s)[-–—~][ \t]*)(?P<name>[^\W\d_][\w'’-]{1,20})(?:[ \t]+x{1,3})?[ \t!.]*$"
)

#: First name and surname alone at the very end of a message, after a full stop, a line break or an
#: order number's comma ("... voltar a escrever. margarida lima", "commande ws35598, olivier descamps").
_SIGNED_PAIR = re.compile(
    r"(?:[.!?]\s+|\n[ \t]*|\d,[ \t]+)(?P<first>[^\W\d_][\w'’-]{1,20})[ \t]+(?P<last>[^\W\d_][\w'’-]{1,24})[ \t!.]*$"
)

#: A name ending the message right after a closing word: "cheers kwabena", "saludos cuauhtémoc",
#: "bonne journée tangi", "obrigado ivo", "bjs conceição", "merci seraina", "un saludo Unai Arrieta".
_CLOSING_WORDS = (
    r"cheers|thanks|thank you|thx|ty|bye|love|xx|saludos|un saludo|gracias|besos|abrazos?|merci|merci vielmal"
    r"|bonne (?:journ[ée]e|soir[ée]e)|bisous|bises|cordialement|obrigad[oa]|bjs|beijos?|abra[çc]os?|valeu|vlw"
    r"|danke|dankesch[öo]n|gr[üu](?:ß|ss)e|gru(?:ß|ss)|lg|tsch[üu]ss|ciao|merci vilmal|adieu"
)
_SIGNED_AFTER_CLOSING = re.compile(
    # (the greedy start reads from the last closing word: "gracias. saludos cuauhtémoc")
    rf"^(?s:.*)(?i:\b(?:{_CLOSING_WORDS}))[ \t]*[,!.]?[ \t]+(?P<first>[^\W\d_][\w'’-]{{1,20}})"
    r"(?:[ \t]+(?P<last>[^\W\d_][\w'’-]{1,24}))?[ \t!.]*$"
)
#: Words that follow a thanks and are no name ("cheers mate", "merci d'avance", "danke vielmals").
_AFTER_THANKS = frozenset(
    """again mate mates guys everyone all team lads folks heaps loads tons much bunch buddy pal dude bro
    equipo equipe chicos amigos mil millones tudo pessoal galera time vielmals nochmals sehr schon nochmal
    encore bien infiniment davance avance bcp beaucoup muito mto muchas muchisimas lots vielen tausend
    vilmal vielmal vilmol tuusig tusig viu fescht gell gall nomal nochmal mol totales demais pela atencao""".split()
)
#: Introducing oneself by name and "here": "thandiwe here", "abebe speaking", "salut ewen ici", "hoi seraina da".
_NAME_HERE = re.compile(
    r"(?:^|[,.!?;:][ \t]*|(?i:\b(?:hi|hey|hello|hola|buenas|salut|coucou|bonjour|hoi|hallo|servus|oi|ol[áa])[ \t,]+))"
    r"(?P<name>[^\W\d_][\w'’-]{1,20})[ \t]+(?i:here|speaking|ici|da|aqu[íi]|hier)\b",
    re.M,
)

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
#: A word's last letter typed again and again ("holaaa" -> "hola").
_STRETCH = re.compile(r"(\w)\1+$")
_I = frozenset("I I'm I’m I'll I've I'd".split())


def casual(text: str) -> bool:
    """Written without capitals, as chat often is ("ok so bridget and tom both ordered. #WS40218"): no
    capitalized word past the first but "I", acronyms ("UPS", "XL") and codes ("WS40218")."""
    for i, m in enumerate(_WORDS.finditer(text)):
        word = m.group()
        if i == 0 or not word[:1].isupper() or word in _I or word.isupper() or any(ch.isdigit() for ch in word):
            continue
        return False
    return True


def at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 8) : pos]
    if pos <= 8 and not before.strip(" \t\"'>*-?¿¡"):
        return True
    if re.search(r"(?:^|[\s.])[A-Z]\.[ \t]+$", before):  # an initial ("Sari J. Paavolainen"), not a full stop
        return False
    return bool(_SENT_BREAK.search(before))


_LIST_WORD = r"[^\W\d_][\w'’-]{1,30}"
_LIST_ITEM = re.compile(rf"{_LIST_WORD}(?:[ \t]+{_LIST_WORD})?")
#: Three or more items of one or two words: "a, b, c y d", "a, b and c".
LIST_RE = re.compile(
    rf"(?<![\w'’-]){_LIST_WORD}(?:[ \t]*,[ \t]*{_LIST_ITEM.pattern}){{1,8}}"
    rf"(?:[ \t]*,)?[ \t]+(?:and|y|et|und|e|ou|or|oder|o)[ \t]+{_LIST_ITEM.pattern}(?![\w'’-])"
)


def _no_signature(word: str) -> bool:
    """A word too short, too ordinary or a role to sign a message on its own ("ok", "team", "and")."""
    key = fold(word)
    return len(key) < 3 or key in NOT_NAME_WORDS or key in SPEAKER_ROLES or is_function_word(word)


def _not_in_a_name(word: str) -> bool:
    key = fold(word)
    return (
        key in NOT_NAME_WORDS
        or key in SPEAKER_ROLES
        or (is_function_word(word) and not re.fullmatch(_NAME_PARTICLE, key))
    )


def _all_first_names(value: str) -> bool:
    return all(fold(w) in FIRST_NAMES for w in value.split())


def is_name_line(words: list[str], vocab: Vocabulary) -> bool:
    """Whether a short line's words could all be one person's name (particles and initials
    allowed), and at least one looks like a name: a known first name or surname, or no word."""

    def could_be(word: str) -> bool:
        key = fold(word.rstrip("."))
        if re.fullmatch(_NAME_PARTICLE, key) or (len(key) == 1 and word.endswith(".")):
            return True  # "da", "van", an initial
        return key not in NOT_NAME_WORDS and key not in SPEAKER_ROLES and not is_function_word(word)

    def namish(word: str) -> bool:
        key = fold(word.rstrip("."))
        return key in FIRST_NAMES or key in SURNAMES or (len(key) > 2 and not vocab.is_word(word))

    return bool(words) and all(could_be(w) for w in words) and any(namish(w) for w in words)


_LABEL_COLON = re.compile(r"\.?[ \t]?:")


class PersonHeuristicRecognizer(WismoRecognizer):
    """Names from cue words, the first-name lists, speaker labels and non-dictionary proper nouns."""

    ENTITY = "PERSON"

    def __init__(self, vocab: Vocabulary | None = None) -> None:
        super().__init__()
        #: Ordinary words; without them only cue words and the first-name list apply.
        self.vocab = vocab or Vocabulary()

    def find(self, text, nlp_artifacts):
        hits: list[tuple[int, int, float]] = []
        hits += self._after_cues(text)
        hits += self._speakers(text)
        hits += self._signatures(text)
        hits += self._last_word_signed(text)
        hits += self._signed_pair(text)
        hits += self._signed_after_closing(text)
        hits += self._lists(text)
        hits += self._tokens(text)
        hits += self._before_phone(text)
        hits += self._particle_names(text)
        # A name ends before a sentence's full stop ("I'm Maria Lopez."), not at an initial ("J.").
        return [
            (s, e - 1 if text[e - 1] == "." and e - s > 2 and text[e - 3 : e - 1].isalpha() else e, sc)
            for s, e, sc in hits
        ]

    def _after_cues(self, text: str) -> list[tuple[int, int, float]]:
        hits = []
        vocab = self.vocab
        for cue in STRONG_NAME_CUE.finditer(text):
            m = _TOKEN.match(text, cue.end())
            if not m:
                continue
            word = m.group()
            key = fold(word.rstrip("."))
            lead = _PARTICLE_LEAD.match(text, cue.end()) if cue.group("announcing") or cue.group("declaring") else None
            if lead:  # "Sr. del Valle Toledo"
                m = _TOKEN.match(text, lead.end())
                word, key = m.group(), fold(m.group().rstrip("."))
                hits.append((lead.start(), name_tail(text, m.end()), 0.8))
                continue
            if is_function_word(word):
                continue  # "Madame, Monsieur, Le suivi...", "Est-il", "J'ai"
            bare_cue = fold(cue.group("introducing") or "").strip()
            if bare_cue in ("hier", "ici") and not (key in FIRST_NAMES or word.isupper()):
                continue  # "hier Paketbox 3", "ici on attend": only a known name or one in capitals
            caps = self._name_in_capitals(text, m.start(), cue) if word.isupper() and len(word) > 2 else None
            if caps is not None:
                hits.append((m.start(), caps, 0.8))  # "this is WEI-LING CHAN", "ici JEAN-SÉBASTIEN BOUCHARD"
                continue
            if word[:1].isupper():
                if cue.group("weak") or cue.group("introducing"):
                    ok = name_like(word, vocab) and not place_or_product(text, m.start(), m.end(), cued=True)
                else:
                    shouting = word.isupper() and len(word) > 2 and not cue.group("declaring")
                    ok = key not in NOT_NAME_WORDS and not shouting
                    if ok and vocab and cue.group("greeting"):
                        # "Best price", "Dear customer": after a greeting or sign-off an ordinary word
                        # is not a name unless it is a known first name or surname.
                        ok = key in FIRST_NAMES or key in SURNAMES or not vocab.is_word(word)
                if ok:
                    hits.append((m.start(), name_tail(text, m.end()), 0.8))
            elif (
                key in FIRST_NAMES
                and key not in NOT_NAME_WORDS
                and not (key in WORD_NAMES and cue.group("introducing"))
            ):
                # ("c'est beau", "soy linda": after "c'est" or "soy" such a name is the word it also is.)
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.8))
            elif (
                vocab
                and cue.group("greeting")
                and _HELLO.match(cue.group().strip())
                and not text[: cue.start()].strip()
                and text[m.end() : m.end() + 1] in (",", "!")
                and key not in NOT_NAME_WORDS
                and len(key) > 1
                and not vocab.is_word(word)
            ):
                # "hi siobhan, thanks for...", "grüezi reto, ist...": the greeting that opens the message,
                # then a lower-case word that is no ordinary word and a comma: the person greeted.
                hits.append((m.start(), m.end(), 0.7))
            elif _is_title(cue) and key not in NOT_NAME_WORDS:  # "Mr. newman", "Frau döring"
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
            elif (
                vocab
                and cue.group("announcing")
                and key not in NOT_NAME_WORDS
                and len(key) > 2
                and not vocab.is_lowercase_word(word)
            ):
                # "your agent kelsey said", "my flatmate chloe-ann": after a relation or a role, a
                # lower-case word that is no ordinary word is the person's name.
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
            elif (
                vocab
                and cue.group("introducing")
                and "," in cue.group("sep")
                and _CLAUSE_END.match(text, m.end() - word.endswith("."))
                and key not in NOT_NAME_WORDS
                and not vocab.is_frequent(word)
            ):
                # "ich bin's nochmal, vitus.", "it's me again, emmy!": alone in its clause after an
                # introduction, a word that is no frequent one is the name (any dictionary may list it).
                hits.append((m.start(), m.end(), 0.7))
            elif (
                vocab
                and key not in NOT_NAME_WORDS
                and (
                    (cue.group("declaring") and not vocab.is_word(word))
                    or (cue.group("introducing") and not vocab.is_lowercase_word(word))
                )
            ):
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
        return hits

    def _name_in_capitals(self, text: str, start: int, cue: re.Match[str]) -> int | None:
        """A name written in capitals after an introduction ("this is WEI-LING CHAN", "my name is GRAHAM
        WITTERING"): where it ends, or None when the capitals are shouting ("this is RIDICULOUS")."""
        if not (cue.group("introducing") or cue.group("declaring")) or not self.vocab:
            return None
        words = []
        end = start
        for m in _CAPS_WORD.finditer(text, start):
            if m.start() != end and not text[end : m.start()].isspace():
                break
            word = m.group()
            if not word.isupper() or fold(word) in NOT_NAME_WORDS or len(words) == 3:
                break
            words.append(word)
            end = m.end()
        if not words:
            return None
        titled = [w.title() for w in words]
        known = [fold(w) in FIRST_NAMES or fold(w) in SURNAMES for w in titled]
        ordinary = [self.vocab.is_word(w) for w in titled]
        if known[0] or (len(words) >= 2 and not ordinary[0] and not all(ordinary[1:])):
            return end
        return None

    def _before_phone(self, text: str) -> list[tuple[int, int, float]]:
        """ "Esther, Tel. 0151 ...", "tomás lópez - phone: ...": one to three words of their own clause
        right before a phone label are the caller's name, unless an ordinary (frequent) word."""
        hits = []
        for m in _BEFORE_PHONE.finditer(text):
            words = m.group("name").split()
            if all(
                fold(w) not in NOT_NAME_WORDS
                and not is_function_word(w)
                and not self.vocab.is_frequent(w)
                and (fold(w) in FIRST_NAMES or fold(w) in SURNAMES or name_like(w, self.vocab))
                for w in words
            ):
                hits.append((m.start("name"), m.end("name"), 0.7))
        return hits

    def _particle_names(self, text: str) -> list[tuple[int, int, float]]:
        """ "Marten von Berg", "Anne van der Velde": two capitalized words joined by a Germanic
        particle are a name (the Romance "de" also joins places and shops, so it is left out)."""
        return [
            (m.start(), name_tail(text, m.end()), 0.7)
            for m in _GERMANIC_PARTICLE_NAME.finditer(text)
            if not _not_in_a_name(m.group("first"))
            and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start())
            and self._could_be_first_name(m.group("first"))
        ]

    def _could_be_first_name(self, word: str) -> bool:
        """A known or name-like first name, or a word only English lists ("Marten"): German
        nouns ("Paket von Amazon", "Nähe von Dresden") are no first names."""
        key = fold(word)
        if key in FIRST_NAMES or name_like(word, self.vocab):
            return True
        if len(key) >= 7 and key.endswith(_NOUN_ENDINGS):
            return False  # "Bestellungen vom Brückentag": a noun by its ending
        return key not in self.vocab.others and not self.vocab.is_frequent(word)

    def _signatures(self, text: str) -> list[tuple[int, int, float]]:
        """The name line of a signature: after a sign-off line ("Atentamente,", "--", "Mit
        freundlichen Grüßen") or a blank line, a line of up to four words that could all be a name
        (any case), followed by more lines of the block after a blank line."""
        if "\n" not in text:
            return []
        hits = []
        lines = text.split("\n")
        offsets = [0]
        for line in lines[:-1]:
            offsets.append(offsets[-1] + len(line) + 1)
        for i in range(1, len(lines)):
            m = NAME_LINE_RE.fullmatch(lines[i])
            if not m:
                continue
            previous = lines[i - 1]
            words = m.group("name").split()
            if SIGN_OFF_RE.fullmatch(previous):
                pass
            elif previous.strip() or len(words) < 2 or i + 1 >= len(lines) or not lines[i + 1].strip():
                continue  # after a blank line only the first line of a block, of two words or more
            if is_name_line(words, self.vocab):
                hits.append((offsets[i] + m.start("name"), offsets[i] + m.end("name"), 0.7))
        return hits

    def _last_word_signed(self, text: str) -> list[tuple[int, int, float]]:
        """ "new number ..., the old one got cut off. kieran", "- bex x": one word alone at the very
        end of a message, after a full stop, a line break or a dash, that is no ordinary word, signs it."""
        m = _SIGNED_LAST.search(text)
        if not m or not self.vocab:
            return []
        word = m.group("name")
        if _no_signature(word) or self.vocab.is_lowercase_word(word):
            return []
        if m.start() and text[m.start() - 1].isdigit():
            return []  # ("bis zum 3. Mai": a date's month, not a signature)
        return [(m.start("name"), m.end("name"), 0.6)]

    def _is_name_word(self, word: str) -> bool:
        key = fold(word)
        return not (
            _no_signature(word)
            or key in _AFTER_THANKS
            or re.match(r"[dlcjmnst]['’]", key) is not None  # "merci d'avance"
            or (self.vocab.is_lowercase_word(word) and key not in FIRST_NAMES)
        )

    def _signed_after_closing(self, text: str) -> list[tuple[int, int, float]]:
        """A name after the closing words that end a message ("tudo certo, obrigado ivo"), and a name
        that introduces its writer ("thandiwe here", "salut ewen ici"): no ordinary word, in any case."""
        if not self.vocab:
            return []
        hits = []
        m = _SIGNED_AFTER_CLOSING.search(text)
        if m is not None and self._is_name_word(m.group("first")):
            end = m.end("last") if m.group("last") and self._is_name_word(m.group("last")) else m.end("first")
            hits.append((m.start("first"), end, 0.6))
        for m in _NAME_HERE.finditer(text):
            if self._is_name_word(m.group("name")):
                hits.append((m.start("name"), m.end("name"), 0.6))
        return hits

    def _signed_pair(self, text: str) -> list[tuple[int, int, float]]:
        """ "... me dijo que ya estaba. mitzy esquibel": a first name and a surname ending the message."""
        m = _SIGNED_PAIR.search(text)
        if not m or not self.vocab:
            return []
        first, last = m.group("first"), m.group("last")
        for word in (first, last):
            key = fold(word)
            if len(key) < 2 or key in NOT_NAME_WORDS or key in SPEAKER_ROLES or is_function_word(word):
                return []
        named = fold(first) in FIRST_NAMES or not self.vocab.is_lowercase_word(first)
        surnamed = fold(last) in SURNAMES or not self.vocab.is_lowercase_word(last)
        return [(m.start("first"), m.end("last"), 0.6)] if named and surnamed else []

    def _lists(self, text: str) -> list[tuple[int, int, float]]:
        """A list of three or more one- or two-word items ("jeremías, evelia, bienvenida y zoraida")
        is a list of names when most items look like names and none is an ordinary phrase."""
        hits = []
        for m in LIST_RE.finditer(text):
            items = [(i.start(), i.end()) for i in _LIST_ITEM.finditer(m.group())]
            values = [m.group()[a:b] for a, b in items]
            if any(_not_in_a_name(w) for v in values for w in v.split()):
                continue
            # Capitalized items ("Schuhe, Socken und Mützen") need names from our lists; lower-case
            # ones (no language capitalizes them) are names when they are no ordinary words.
            namish = sum(
                1
                for v in values
                if _all_first_names(v)
                or fold(v.split()[-1]) in SURNAMES
                or (v.islower() and not self.vocab.is_word(v.split()[0]))
            )
            if namish * 2 > len(values):
                hits += [(m.start() + a, m.start() + b, 0.6) for a, b in items]
        return hits

    def _speakers(self, text: str) -> list[tuple[int, int, float]]:
        """Speaker labels: a name unless a role ("Agent:", "Repartidor:", "Ich:"). In a pasted
        dialogue (two or more labelled lines) any label that is no role or English word is a name."""
        labels = list(SPEAKER_RE.finditer(text))
        dialogue = len(labels) >= 2
        hits = []
        for m in labels:
            name = m.group("name")
            words = name.split()
            first = words[0]
            key = fold(first)
            if key in SPEAKER_ROLES or key in NOT_NAME_WORDS or any(fold(w) in LABEL_WORDS for w in words):
                continue
            if key in FIRST_NAMES or name_like(first, self.vocab) or (dialogue and key not in _ALL_STOP):
                hits.append((m.start("name"), m.end("name"), 0.7))
        return hits

    def _tokens(self, text: str) -> list[tuple[int, int, float]]:
        hits = []
        vocab = self.vocab
        lowercase_message = casual(text)
        for m in _TOKEN.finditer(text):
            word = m.group().rstrip(".")
            key = fold(word)
            if _STRETCH.sub(r"\1", key) in NOT_NAME_WORDS:
                continue  # "Holaa", "Oii", "Heyyy": a greeting typed long
            if not word[:1].isupper():
                place = SAINT_BEFORE.search(text, max(0, m.start() - 8), m.start())
                if (
                    lowercase_message
                    and key in FIRST_NAMES
                    and key not in NOT_NAME_WORDS
                    and key not in WORD_NAMES
                    and not place
                    and not calendar_word(text, m.start(), m.end())
                ):
                    # lowercase first names in a lowercase message ("they had 6: brian, donna"),
                    # not the saint of a place ("san diego", "los angeles", "são paulo")
                    hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.6))
                elif (
                    vocab
                    and len(key) > 3
                    and key not in NOT_NAME_WORDS
                    and _LOWER_SUBJECT_NEXT.match(text, m.end())
                    and _CLAUSE_START.search(text, max(0, m.start() - 8), m.start())
                    and not vocab.is_lowercase_word(word)
                    and not is_function_word(word)
                ):
                    hits.append((m.start(), m.end(), 0.6))
                continue
            prev = text[max(0, m.start() - 2) : m.start()]
            if prev and (prev[-1].isalnum() or prev[-1] in "@/_#." or (prev[-1] == "-" and prev[:1].isdigit())):
                continue  # part of an address, a path or a code ("68938-VZ")
            nxt = text[m.end() : m.end() + 1]
            if nxt and (nxt in "@/_" or nxt.isdigit()):
                continue
            if key in LABEL_WORDS and _LABEL_COLON.match(text, m.end()):
                continue  # "Nom :", "Nachname:", "Bestellnr.:": a form's label, not a name
            tail = name_tail(text, m.end())
            if key in FIRST_NAMES or (key in AMBIGUOUS_FIRST_NAMES and tail > m.end()):
                if not place_or_product(text, m.start(), m.end()) and not calendar_word(text, m.start(), m.end()):
                    hits.append((m.start(), tail, 0.7))
            elif name_like(word, vocab) and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                # Any word is capitalized at a sentence start ("Resend to..."): alone there, an
                # unknown word is a name only in subject position ("Verda lives", "Ari is").
                if tail > m.end() or not at_sentence_start(text, m.start()) or _SUBJECT_NEXT.match(text, m.end()):
                    if not place_or_product(text, m.start(), m.end()):
                        hits.append((m.start(), tail, 0.6))
        return hits


_EMAIL_OR_LINK = re.compile(r"[^\s@]{1,64}@\S{1,255}|\bhttps?://\S{1,2000}|\bwww\.\S{1,2000}")


def _in_code(text: str, start: int, end: int) -> bool:
    """Letters glued to digits (an order or tracking number), not a word."""
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    return before.isdigit() or (after[:1].isdigit() or (after[:1] == "-" and after[1:2].isdigit()))


def needs_ner(text: str, vocab: Vocabulary) -> bool:
    """Whether spaCy's NER could find a name here that redaction would keep.

    A PERSON span is kept only if it has a capital letter or evidence (a known first name, a cue
    such as "my name is"); so a message whose capitalized words are all ordinary words ("Where is
    my order?"), with no first name and no cue, needs no NER pass. Without a vocabulary the answer
    is always yes.
    """
    if not vocab or any(not m.group("weak") for m in STRONG_NAME_CUE.finditer(text)):
        return True
    if "@" in text or "http" in text or "www." in text:
        text = _EMAIL_OR_LINK.sub(" ", text)  # "jane.doe@example.com" holds no name for NER to find
    for m in _TOKEN.finditer(text):
        word = m.group()
        key = fold(vocab.bare(word))
        if key in FIRST_NAMES or key in SURNAMES:
            return True
        if not any(ch.isupper() for ch in word) or key in NOT_NAME_WORDS or _in_code(text, m.start(), m.end()):
            continue  # lowercase without evidence, shop words, the letters of "WS-10023" or "1Z..."
        if key in AMBIGUOUS_FIRST_NAMES or not vocab.is_word(word):
            return True
    return False
