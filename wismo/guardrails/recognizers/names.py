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
from .name_words import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, NOT_NAME_WORDS, SURNAMES, fold
from .vocabulary import STOP_WORDS, Vocabulary

_SEP = r"[ \t]*[:,]?[ \t]*"
#: Cues after which the next word is a name even in lower case ("my name is ottilie").
_DECLARING = (
    r"my\s+name\s+is|my\s+name's|(?:my|his|her|their)\s+(?:full\s+|maiden\s+|first\s+|last\s+)?name\s+(?:is|was)|"
    r"(?:people|they|friends|everyone)\s+call\s+me|call\s+me|i\s+go\s+by|goes\s+by|known\s+as|"
    r"(?:full\s+|first\s+|last\s+|maiden\s+|sur)?name\s*:|surname|(?:full|first|last|maiden|family)\s+name|"
    r"me\s+llamo|mi\s+nombre\s+(?:es|completo\s+es)|se\s+llama|nombre\s*(?:y\s+apellidos?)?\s*:|apellidos?\s*:?|"
    r"je\s+m['’]appelle|mon\s+nom\s+(?:est|de\s+famille\s+est)|il\s+s['’]appelle|elle\s+s['’]appelle|"
    r"nom\s*(?:de\s+famille)?\s*:|pr[ée]nom\s*:?|"
    r"ich\s+hei(?:ß|ss)e|mein\s+name\s+ist|er\s+hei(?:ß|ss)t|sie\s+hei(?:ß|ss)t|"
    r"(?:vor|nach|familien)?name\s*:|vorname|nachname|"
    r"meu\s+nome\s+(?:é|e|completo\s+é)|me\s+chamo|chamo-me|se\s+chama|nome\s*(?:completo)?\s*:|sobrenome\s*:?"
)
#: Greetings and sign-offs: the next capitalized word is a name unless it is an ordinary word.
_GREETING = (
    r"signed|sincerely|regards|best|cheers|thanks|thank\s+you|yours|dear|hi|hello|hey|"
    r"estimad[oa]|querid[oa]|atentamente|saludos|un\s+saludo|cordiales\s+saludos|firmado|hola|gracias|"
    r"cher|ch[èe]re|cordialement|bien\s+[àa]\s+vous|salutations|sign[ée]|bonjour|merci|"
    r"sehr\s+geehrte[rn]?|liebe[rn]?|hallo|mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|mfg|danke|"
    r"(?:viele|beste|liebe|herzliche|freundliche)\s+gr(?:ü|ue)(?:ß|ss)e|gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|lg|"
    r"prezad[oa]|car[oa]|atenciosamente|cumprimentos|abra[çc]os|obrigad[oa]|assinado|ol[áa]"
)
#: Cues after which a capitalized word is a name (titles, relations, labels).
_ANNOUNCING = (
    r"mrs|mr|ms|mx|dr|dra|prof|profa|miss|sir|madam|lic|lcda|lcdo|ing|arq|"
    r"called|named|calls\s+me|under|name|c/o|attn|recipient|addressee|account\s+holder|card\s*holder|"
    r"ask\s+for|speak\s+to|contact\s+person|user:|"
    r"correct\s+it\s+to|change\s+it\s+to|"
    r"my\s+(?:kid|son|daughter|child|wife|husband|partner|friend|mother|father|mom|mum|dad|brother|sister|"
    r"boyfriend|girlfriend|neighbou?r|colleague|boss|roommate|fianc[ée]e?|aunt|uncle|cousin|grandma|grandpa)|"
    r"sr|sra|srta|don|do[ñn]a|d\.ª|se[ñn]or|se[ñn]ora|se[ñn]orita|titular|destinatari[oa]|"
    r"mi\s+(?:hij[oa]|espos[oa]|marido|mujer|madre|padre|herman[oa]|amig[oa]|vecin[oa]|novi[oa]|pareja|jef[ea]|"
    r"compa[ñn]er[oa]|t[íi][oa]|prim[oa]|abuel[oa])|"
    r"m(?=\.)|mme|mlle|monsieur|madame|mademoiselle|titulaire|destinataire|"
    r"mon\s+(?:fils|mari|fr[èe]re|p[èe]re|ami|voisin|coll[èe]gue|copain|conjoint|oncle|cousin|compagnon)|"
    r"ma\s+(?:fille|femme|s(?:œ|oe)ur|m[èe]re|amie|voisine|coll[èe]gue|copine|tante|cousine|compagne)|"
    r"herr|herrn|frau|hr(?=\.)|fr(?=\.)|inhaber(?:in)?|empf(?:ä|ae)nger(?:in)?|"
    r"mein(?:e)?\s+(?:sohn|tochter|mann|frau|bruder|schwester|vater|mutter|freund(?:in)?|nachbar(?:in)?|"
    r"kollege|kollegin|partner(?:in)?|onkel|tante|cousin|cousine)|"
    r"sra|srª|dona|dom|senhor|senhora|titular|destinat[áa]rio|"
    r"(?:meu|minha)\s+(?:filh[oa]|marido|espos[oa]|mulher|irm[ãa]o?|pai|m[ãa]e|amig[oa]|vizinh[oa]|colega|"
    r"namorad[oa]|ti[oa]|prim[oa]|av[óô])"
)
#: Everyday words that introduce a name only when the next word looks like one.
_WEAK = (
    r"says|said|add|with|by|to|from|for|con|para|de\s+parte\s+de|avec|pour|mit|f(?:ü|ue)r|von|com|"
    r"da\s+parte\s+de"
)
#: Phrases that introduce a person: a following word that is no ordinary word is a name, even in
#: lower case ("hier ist karl-dieter roskoth", "firmó goyo aragonés", "chez marcel d'espinay").
_INTRODUCING = (
    r"this\s+is|i\s+am|i'm|it's(?:\s+me(?:\s+again)?)?|signed\s+for\s+by|signed\s+by|(?:the\s+)?name\s+on\s+the\s+account\s+is|"
    r"account\s+holder\s+is|leave\s+it\s+with|care\s+of|in\s+the\s+name\s+of|"
    r"a\s+nombre\s+de|au\s+nom\s+de|auf\s+den\s+namen|em\s+nome\s+de|"
    r"soy|soy\s+yo\s+otra\s+vez|aqu[íi]\s+es|les\s+escribe|le\s+escribe|firm[óo]|firmado\s+por|titular\s+(?:es|de\s+la\s+cuenta\s+es)|"
    r"en\s+casa\s+de|a\s+la\s+atenci[óo]n\s+de|d[ée]jel[oa]\s+con|es\s+usted|"
    r"je\s+suis|c['’]est(?:\s+encore)?(?:\s+moi)?|vous\s+[ée]crit|sign[ée]\s+par|titulaire\s+(?:est|du\s+compte\s+est)|chez|"
    r"[àa]\s+l['’]attention\s+de|laissez-le\s+[àa]|vous\s+[êe]tes|"
    r"ich\s+bin|ich\s+bin['’]?s(?:\s+nochmal)?|hier\s+ist|schreibt|unterschrieben\s+von|kontoinhaber(?:in)?\s+ist|bei|z\.\s?hd\.?|"
    r"zu\s+h(?:ä|ae)nden|sind\s+sie|"
    r"sou|sou\s+eu(?:\s+de\s+novo)?|aqui\s+(?:é|e)|fala|escreve|assinou|assinado\s+por|titular\s+(?:é|da\s+conta\s+é)|"
    r"na\s+casa\s+d[aeo]|deixe\s+com|voc[êe]\s+[ée]|recebimento\s+foi"
)
STRONG_NAME_CUE = re.compile(
    rf"(?i:(?<![\w.@/])(?:(?P<declaring>{_DECLARING})|(?P<announcing>{_ANNOUNCING})(?:\.|(?!\w))|(?P<greeting>{_GREETING})(?:\.|(?!\w))|(?P<introducing>{_INTRODUCING})(?!\w)|(?P<weak>{_WEAK})(?!\w)))"
    rf"(?P<sep>{_SEP}\??[ \t]*(?:\n[ \t]*(?=[{UP}]))?)"
)

_INITIAL = rf"[{UP}]\.?"
_NAME_PARTICLE = (
    r"(?:van|von|der|den|de|du|da|di|del|della|dos|das|do|ten|ter|la|las|los|le|bin|ibn|al|el|y|e|zu|zum|i)"
)
#: One or two particles before a capitalized word ("de la Fuente", "van der Berg", "von Bülow").
_PARTICLES = rf"{_NAME_PARTICLE}(?:[ \t]+{_NAME_PARTICLE})?"
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,40}\.?")
_LOWER_TOKEN = re.compile(r"[^\W\d_]{2,40}")
_NAME_NEXT = re.compile(rf"[ \t]+(?:{_INITIAL}(?![^\W\d_])|(?:{_PARTICLES})(?=[ \t]+[{UP}])|{CAP})")
#: A name that starts with its particles after a title ("Sr. del Valle", "Herr von Bülow").
_PARTICLE_LEAD = re.compile(rf"(?:{_PARTICLES})[ \t]+(?={CAP})")
_LOWER_NEXT = re.compile(r"[ \t]+(?:[^\W\d_]\.(?=[ \t])|[^\W\d_]{2,40}(?![\w'’@]))")
#: "Renata: ..." at the start of a line (any case: chat exports lower-case names too).
SPEAKER_RE = re.compile(
    rf"(?m)^[ \t>*-]*(?P<name>[^\W\d_][\w'’-]{{1,30}}(?:[ \t]+[{UP}][\w'’.-]{{0,30}}){{0,2}})[ \t]?:[ \t]"
)
_ALL_STOP = frozenset().union(*STOP_WORDS.values())
_TITLES = re.compile(
    r"(?i:mrs|mr|ms|mx|dr|dra|prof|miss|sr|sra|srta|don|do[ñn]a|m|mme|mlle|monsieur|madame|herr|herrn|frau|"
    r"hr|fr|senhor|senhora|dona|dom|se[ñn]or|se[ñn]ora)"
)


def _is_title(cue: re.Match[str]) -> bool:
    """A title ("Frau", "Sr.", "Mme") before a lower-case name ("Frau döring")."""
    return bool(cue.group("announcing")) and bool(_TITLES.fullmatch(cue.group("announcing")))


def is_function_word(word: str) -> bool:
    """A stop word of one of the five languages, or a word joined to one ("Est-il", "J'ai")."""
    parts = [fold(p) for p in re.split(r"['’-]", word.rstrip(".")) if p]
    return bool(parts) and any(p in _ALL_STOP for p in parts) and fold(parts[0]) not in FIRST_NAMES


#: A sign-off line, and a line that may hold a signature's name (up to four words).
SIGN_OFF_RE = re.compile(rf"(?i)[ \t>]*(?:(?:{_GREETING})[ \t]*[,!.]?|-{{2,}}|—|_{{2,}})[ \t]*")
NAME_LINE_RE = re.compile(r"[ \t>]*(?P<name>[^\W\d_][\w'’.-]{0,30}(?:[ \t]+[^\W\d_][\w'’.-]{0,30}){0,3})[ \t]*")
#: Who speaks in a pasted dialogue when it is not a person's name.
SPEAKER_ROLES = frozenset(
    """agent customer client me you i bot assistant support driver courier seller shop store staff operator
    admin moderator system user guest team yo tu usted repartidor mensajero cliente vendedor tienda soporte
    agente operador moi vous livreur vendeur boutique conseiller conseillere service ich du sie fahrer
    kunde kundin verkaufer haendler handler mitarbeiter bote zusteller eu voce entregador motorista loja
    vendedora atendente suporte estafeta""".split()
)
#: Words of form labels ("Order:", "Nom :", "E-mail:"), never a speaker's name.
LABEL_WORDS = frozenset(
    """order email e-mail mail phone tel mobile address name subject re fwd date time note ps total tracking
    pedido correo telefono movil direccion nombre asunto fecha nota commande courriel adresse nom prenom objet
    bestellung telefon handy adresse anschrift betreff datum encomenda telefone telemovel endereco assunto
    data morada cep cpf nif nie dni rfc curp iban ssn nir note update warning question answer edit info
    important reminder problem issue attention ps nb faq step tip example q a""".split()
)


def name_tail(text: str, pos: int) -> int:
    """Extend a name from `pos` over initials, particles and further capitalized words."""
    end = pos
    for _ in range(4):
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
    if "-" in bare and all(vocab.is_word(part) for part in bare.split("-") if part):
        return False  # "Hassle-free", "High-quality"
    if key in AMBIGUOUS_FIRST_NAMES:
        return False
    if key in SURNAMES:
        return not vocab.is_english(bare)
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
        hits += self._lists(text)
        hits += self._tokens(text)
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
            lead = _PARTICLE_LEAD.match(text, cue.end()) if cue.group("announcing") else None
            if lead:  # "Sr. del Valle Toledo"
                m = _TOKEN.match(text, lead.end())
                word, key = m.group(), fold(m.group().rstrip("."))
                hits.append((lead.start(), name_tail(text, m.end()), 0.8))
                continue
            if is_function_word(word):
                continue  # "Madame, Monsieur, Le suivi...", "Est-il", "J'ai"
            if word[:1].isupper():
                if cue.group("weak") or cue.group("introducing"):
                    ok = name_like(word, vocab)
                else:
                    shouting = word.isupper() and len(word) > 2 and not cue.group("declaring")
                    ok = key not in NOT_NAME_WORDS and not shouting
                    if ok and vocab and cue.group("greeting"):
                        # "Best price", "Dear customer": after a greeting or sign-off an ordinary word
                        # is not a name unless it is a known first name or surname.
                        ok = key in FIRST_NAMES or key in SURNAMES or not vocab.is_word(word)
                if ok:
                    hits.append((m.start(), name_tail(text, m.end()), 0.8))
            elif key in FIRST_NAMES and key not in NOT_NAME_WORDS:
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.8))
            elif _is_title(cue) and key not in NOT_NAME_WORDS:  # "Mr. newman", "Frau döring"
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
            elif (
                (cue.group("declaring") or cue.group("introducing"))
                and vocab
                and not vocab.is_word(word)
                and key not in NOT_NAME_WORDS
            ):
                hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.7))
        return hits

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
        lowercase_message = text == text.lower()
        for m in _TOKEN.finditer(text):
            word = m.group().rstrip(".")
            key = fold(word)
            if not word[:1].isupper():
                if lowercase_message and key in FIRST_NAMES and key not in NOT_NAME_WORDS:
                    # lowercase first names in a lowercase message ("they had 6: brian, donna")
                    hits.append((m.start(), lower_name_tail(text, m.end(), vocab), 0.6))
                continue
            prev = text[max(0, m.start() - 2) : m.start()]
            if prev and (prev[-1].isalnum() or prev[-1] in "@/_#." or (prev[-1] == "-" and prev[:1].isdigit())):
                continue  # part of an address, a path or a code ("68938-VZ")
            nxt = text[m.end() : m.end() + 1]
            if nxt and (nxt in "@/_" or nxt.isdigit()):
                continue
            tail = name_tail(text, m.end())
            if key in FIRST_NAMES or (key in AMBIGUOUS_FIRST_NAMES and tail > m.end()):
                hits.append((m.start(), tail, 0.7))
            elif name_like(word, vocab) and not _DETERMINER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                # Any word is capitalized at a sentence start ("Resend to..."): alone there, an
                # unknown word is a name only in subject position ("Verda lives", "Ari is").
                if tail > m.end() or not at_sentence_start(text, m.start()) or _SUBJECT_NEXT.match(text, m.end()):
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
