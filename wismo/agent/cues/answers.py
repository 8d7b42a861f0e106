"""Short answers to what the bot just asked or proposed: yes, no, ok, thanks, a closing, and whether a
message asks something more than that."""

from __future__ import annotations

import re

from .delivery import WAIT
from .text import _rx, fold

#: "ok so thursday yes or no lol": a question, however it starts.
YES_OR_NO = _rx(r"\b(?:yes or no|y/n|si o no|oui ou non|ja oder nein|sim ou nao)\b")

#: A leading "ok"/"vale"/"d'accord" of a short statement that asks nothing ("ok, I'll wait then").
ACK_LEAD = _rx(
    r"^\W*(?:ok(?:ay)?|k|alright|all right|fine|got it|i see|hmm+|ah|oh|cool|vale|bueno|ah vale|d'accord|bon|ah bon|"
    r"alles klar|na gut|gut|okay|passt|ta bom|beleza|certo|tudo bem|entendi)\b",
)

#: Thanks or a goodbye: a message that closes, not one that takes an offer ("d'accord merci, bonne soirée").
CLOSING = _rx(
    r"\b(?:thanks?|thx|ty|thank you|bye|good ?night|have a (?:good|nice) (?:day|night|evening))\b",
    # "ugh forget it ill come back later": leaving, not asking.
    r"\b(?:i'?ll|ill|i will) (?:come back|check back|be back|try (?:again )?later|look (?:for it )?later)\b",
    # "ok so i dont need to do anything. got it": understood, nothing asked.
    r"\b(?:got it|understood|makes sense|fair enough|noted)\b",
    r"\b(?:gracias|adios|hasta luego|buenas noches|chao|entendido|ya entendi|ya veo)\b",
    r"\b(?:merci|au revoir|bonne (?:soiree|journee|nuit)|compris|c'est note)\b",
    r"\b(?:danke|tschuss|schonen (?:abend|tag)|gute nacht|verstanden|alles klar)\b",
    r"\b(?:obrigad[oa]|brigad[oa]|obg|valeu|vlw|tchau|boa noite|ate logo|entendi|entendido)\b",
)

_PLAIN_YES = re.compile(r"\b(?:yes|yeah|yep|please|pls|si|por favor|oui|s'il (?:te|vous) plait|ja|bitte|sim)\b")


def closes(text: str) -> bool:
    """Thanks or a goodbye with no plain yes in it: "ok thanks", "d'accord merci, bonne soirée", but
    not "yes please, thanks"."""
    folded = fold(text)
    return bool(CLOSING.search(folded)) and not _PLAIN_YES.search(folded)


def asks_something(text: str) -> bool:
    """A question word or a "but" in it: "how long does that take to get sorted" is no "sorted!"."""
    return bool(_NOT_JUST_YES.search(fold(text)))


def just_closing(text: str) -> bool:
    """Thanks or goodbye that asks nothing and adds no "but": "affs, ta bom, vou ficar com ele então. vlw"."""
    folded = fold(text)
    return (
        closes(folded)
        and "?" not in folded
        and len(folded.split()) <= 14
        and not _NOT_JUST_YES.search(folded)
        and not _YES_NO_QUESTION.search(folded)
        and not re.search(r"\d{3,}|@", folded)
    )


#: A yes/no question typed without its "?": "ok thanks. so is mine still coming before the weekend or not".
_YES_NO_QUESTION = re.compile(
    r"(?:^|[.!,;]\s*)(?:so |and |but )?(?:is|are|will|does|did|has|have|was|can|could)\s+"
    r"(?:it|mine|my|the|this|that|they|he|she|i|we)\b|\bor not\b"
)

_APPROVING = re.compile("[\U0001f44d\U0001f44c\U0001f64f\U0001f642\U0001f60a\u2764\u2705\U0001f44f\U0001f64c\u263a]")


def thumbs_up(text: str) -> bool:
    """Only an approving emoji ("👍", "🙏", "👌"): an acknowledgement without words."""
    return bool(_APPROVING.search(text)) and not re.search(r"[^\W_]", text)


#: Words that acknowledge and ask for nothing, in five languages and chat slang.
_ACK_WORDS = (
    r"(?:ok(?:ay)?|k|kk|cool|great|got it|gotcha|alright|aight|ight|all right|sounds good|fine|noted|perfect"
    r"|understood|i see|ah ok|bet|say less|sweet as|ta|cheers"
    r"|roger(?: that)?|copy(?: that)?|word|sweet|awesome|nice|right on"
    r"|okie(?: dokie)?|okey dokey|"
    r"vale|entendido|perfecto|sale|va|listo|de una|genial|buenisimo|esta bien|ta bien|oki|"
    r"d'accord|d'acc|dac|compris|parfait|ok merci|ca marche|ca roule|nickel|super|top|entendu|"
    r"alles klar|verstanden|gut|passt|geht klar|okidoki|prima|wunderbar|alles gut|"
    r"entendi|beleza|blz|fechou|show|massa|combinado|certo|ta bom|tudo bem|"
    r"brb|be right back|one sec|one moment|hold on|give me a (?:sec|second|minute)"
    r"|un momento|un moment|moment mal|momentinho|ja volto)"
)

#: A message that only acknowledges: "ok", "aight bet", "ça marche", "geht klar", "blz fechou".
ACK = _rx(rf"^\W*{_ACK_WORDS}(?:[\s,.!]+{_ACK_WORDS}){{0,3}}\W*$")

YES = _rx(
    r"^\W*(?:yes|yep|yeah|yup|ya|yah|aye|yessir|y|sure|ok|okay|k|mhm|mm+|confirm(?:ed)?|do it|go ahead|please do"
    r"|sounds good|perfect|"
    r"correct|that one|that'?s (?:it|right|fine|good)|absolutely|of course|definitely|please)\b",
    r"^\W*(?:si|vale|claro|dale|de acuerdo|confirmo|adelante|perfecto|por favor|ok|sale|listo|hazlo)\b",
    r"^\W*(?:oui|ouais|d'?accord|ok|parfait|je confirme|allez-y|vas-y|c'est bon|volontiers|bien sur)\b",
    r"^\W*(?:ja|jawohl|jep|genau|ok|okay|passt|gerne|bitte|einverstanden|mach (?:das|es)|bestatige|klar)\b",
    # Swiss German: "jo das chunnt scho guet", "isch guet so", "passt scho".
    r"^\W*(?:jo|jä|ja)?\W*(?:das )?(?:chunnt (?:scho )?guet|isch (?:scho )?guet|passt scho|guet so)\b",
    r"^\W*(?:sim|pode|pode ser|ok|claro|confirmo|beleza|isso|certo|com certeza|fechado|por favor)\b",
)

NO = _rx(
    r"^\W*(?:no|nope|nah|n|cancel|stop|don'?t|do not|never ?mind|not now|no thanks|leave it|forget it)\b",
    r"^\W*(?:no|cancela\w*|mejor no|dejalo|olvidalo)\b",
    r"^\W*(?:non|annule\w*|laisse tomber|pas maintenant|non merci)\b",
    r"^\W*(?:nein|ne|nee|abbrechen|storniere?n?|lieber nicht|vergiss es)\b",
    r"^\W*(?:nao|cancela\w*|deixa|esquece|agora nao)\b",
)

#: A yes said inside a short sentence ("great, do it", "sounds good, go ahead").
YES_INSIDE = _rx(
    r"\b(?:do it|go ahead|book it|proceed|let'?s do (?:it|that)|let'?s (?:swap|exchange|return) (?:it|them)"
    r"|please do|(?<!ll )(?<!will )(?<!gonna )(?<!to )do that|go for it"
    # "first one works", "that works for me": the one proposed, taken.
    r"|(?:that|this|(?:the )?(?:first|1st) one|that one) works(?: for me)?|works for me"
    # "go on so", "go on then": the Irish and British go-ahead.
    r"|go on (?:so|then|ahead|and book it))\b",
    r"\b(?:hazlo|adelante|hagamoslo|hagale|hagalo|hacelo|proceda|procede)\b",
    r"\b(?:allez-y|vas-y|faites-le|on y va)\b",
    r"\b(?:mach (?:das|es)|leg los|bitte machen)\b",
    r"\b(?:faz isso|pode fazer|pode mandar|pode enviar|manda ver|vai em frente)\b",
)

#: Telling the bot to book what it proposed, in a longer message: "un avoir me va très bien, vous pouvez
#: lancer le retour", "gut, dann bitte so buchen", "yes please book the exchange".
BOOK_IT = _rx(
    r"\b(?:book (?:it|that|the (?:exchange|return|redirect|swap))|start the (?:return|exchange)|set it up)\b",
    r"\b(?:tramitalo|reservalo|procede con (?:el|la) (?:cambio|devolucion)|haz(?:me)? (?:el cambio|la devolucion))\b",
    r"\b(?:lancer (?:le retour|l'echange|la demande)|lancez (?:le|la|l')|validez|je valide|c'est parti)\b",
    r"\b(?:(?:so |bitte |dann )buchen|buch(?:e|en sie)? (?:es|das)|mach(?:t|en sie)? (?:es|das) so)\b",
    r"\b(?:pode (?:seguir|registrar|abrir|fazer a (?:troca|devolucao))|faz a (?:troca|devolucao)|bora"
    r"|podem (?:seguir|avancar|registar|registrar|fazer a (?:troca|devolucao))|avancem)\b",
)

#: A follow-up that builds on the last answer: "and if I pay for faster shipping?", "y si...", "et si...".
FOLLOWUP_LEAD = _rx(
    r"^\W*(?:and|what|so|but)? ?(?:if|about|what about|how about)\b",
    r"^\W*(?:y|pero)? ?(?:si|que tal|y con)\b",
    r"^\W*(?:et|mais)? ?(?:si|pour|avec)\b",
    r"^\W*(?:und|aber)? ?(?:wenn|falls|mit|bei)\b",
    r"^\W*(?:e|mas)? ?(?:se|com|e com)\b",
)

#: Words that may follow a yes or a no without making it a new request ("yes please, go ahead").
_POLITE = frozenset(
    "yes yeah yep sure ok okay please pls plz thanks thank you ty go ahead do it that one this one sounds good "
    "great perfect fine confirm confirmed right correct absolutely of course lets let's and so then now "
    "si vale claro dale gracias porfa por favor hazlo adelante perfecto listo "
    "oui ouais merci d'accord daccord parfait allez-y vas-y c'est bon bien sur svp stp "
    "ja jawohl genau danke bitte gerne passt einverstanden klar mach das es super "
    "sim pode claro obrigado obrigada isso certo beleza fechado por favor ser "
    "no nope nah cancel thanks nevermind never mind non nein nao ne nee".split()
)

#: Above this many words that are not polite filler, a leading "ok" or "no" starts a new request.
_MAX_NEW_WORDS = 2


def _short_answer(folded: str, pattern: re.Pattern[str]) -> bool:
    match = pattern.search(folded)
    if not match:
        return False
    rest = re.findall(r"[a-z']+", folded[match.end() :])
    return len([w for w in rest if w not in _POLITE]) <= _MAX_NEW_WORDS


#: "the rest I keep", "lo demás me lo quedo": what is kept is the rest, not everything.
KEEP_THE_REST = _rx(
    r"\b(?:the rest|the others?|everything else|lo demas|el resto|los demas|lo otro|le reste|les autres|den rest|"
    r"die anderen|das andere|o resto|os outros)\b"
)

#: A word that says yes anywhere in a short message ("ok cool, yes send it there", "fechou, pode mandar sim").
_YES_WORD = re.compile(
    r"\b(?:yes|yeah|yep|yup|sure|ok|okay|perfect|great|si|claro|vale|dale|va|perfecto|genial|oui|ouais|d'accord|"
    r"parfait|ja|genau|passt|gerne|perfekt|super|sim|fechou|beleza|bora|pode|perfeito|otimo)\b"
)

#: What makes a short message more than a yes: a question or a "but".
_NOT_JUST_YES = re.compile(
    r"\b(?:but|pero|mais|aber|mas|where|when|what|how|why|which|donde|cuando|que|como|ou|quand|quoi|comment|wo|"
    r"wann|was|wie|warum|onde|quando|qual|porque)\b"
)


def is_yes(text: str) -> bool:
    """A yes to what the bot just proposed: "yes", "ok do it", "sí, dale", not "ok, where is my order?"."""
    folded = fold(text)
    if re.search(r"\d{3,}|@|<[a-z_]+_\d+>", folded):
        return False
    if "?" in folded:
        # "isn't that what I just said? yes": a plain yes after the question still says yes.
        return bool(_YES_AFTER_QUESTION.search(folded))
    if NO.search(folded) or WAIT.search(folded) or re.search(_HOLD, folded) or _GIVE_UP.search(folded):
        return False  # ("ugh ok forget it then": an "ok" that drops it)
    if _short_answer(folded, YES) or (bool(YES_INSIDE.search(folded)) and len(folded.split()) <= 6):
        return True
    if BOOK_IT.search(folded) and len(folded.split()) <= 16 and not _CONDITION.search(folded):
        return True
    # "ok cool, yes send it there", "alles klar, ja bitte dahin schicken": a yes word in a short
    # message that asks nothing else.
    return len(folded.split()) <= 8 and bool(_YES_WORD.search(folded)) and not _NOT_JUST_YES.search(folded)


_YES_AFTER_QUESTION = re.compile(
    r"\?\W*(?:yes|yeah|yep|si|oui|ja|sim)(?:\W+(?:do it|go ahead|please|por favor|s'il vous plait|bitte))?\W*$"
)

#: "yes... actually wait", "sí, espera", "ok thanks, I'll think about it, don't do anything yet": no yes.
_HOLD = (
    r"\b(?:wait|hold on|espera|un momento|attends?|minute|warte|moment mal|espera ai|calma|not yet|hold off"
    r"|don'?t do anything|let me think|i'?ll think|think (?:about )?it over|i'?ll let you know|todavia no|aun no"
    r"|no hagas nada|lo pienso|lo voy a pensar|te (?:digo|aviso)|pas encore|ne (?:faites|fais) rien|je (?:vais )?"
    r"reflechi\w*|je vous (?:dis|redis)|noch nicht|mach noch nichts|ich (?:uberleg|denk)\w* (?:es mir|noch|nochmal)"
    r"|ich sag (?:dir|ihnen) bescheid|ainda nao|nao faca nada|vou pensar|te aviso|eu te (?:digo|aviso))\b"
)

#: A first clause that is only an acknowledgement ("ok, where is it?") is no yes to a proposal.
_ONLY_ACK = frozenset("ok okay k alright cool right hm hmm ah oh well".split())

#: A condition or a change after the yes ("yes, but only if ..."): the proposal is not accepted as is.
_CONDITION = re.compile(
    r"\b(?:but|only if|as long as|unless|pero|siempre y cuando|solo si|mientras|mais|seulement si|sauf si|aber|"
    r"nur wenn|solange|au(?:ss|ß)er|mas|so se|desde que|a menos que)\b|" + _HOLD
)

#: The words that say yes to a proposal outright (not "perfect" or "great", which also close a chat).
_STRONG_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|ya|yah|aye|yessir|sure|ok(?:ay)?|confirm\w*|si|claro|dale|vale|va|oui|ouais|d'accord|ja|jo"
    r"|jawohl|klar|passt|gerne|sim|isso|pode|beleza|fechado)\b"
)


def yes_first(text: str) -> bool:
    """ "yes send it there. can I grab it tomorrow?": a clear yes in the first sentence, then a
    question or a remark that sets no condition; the yes stands and the rest is answered after."""
    folded = fold(text)
    # The first clause, or else the whole first sentence ("isso, pode fazer. e a etiqueta, como eu recebo?").
    for split in (r"\s*([^.!?;,\n]+)[.!?,;\n]+\s*(\S.*)$", r"\s*([^.!?;\n]+)[.!?;\n]+\s*(\S.*)$"):
        m = re.match(split, folded, re.S)
        if not m:
            continue
        head, rest = m.groups()
        if not is_yes(head) or set(re.findall(r"[a-z']+", head)) <= _ONLY_ACK:
            continue
        if not (_STRONG_YES.search(head) or YES_INSIDE.search(head)):
            continue  # "perfect, I'll do that this weekend, what time are you open?": no yes to the proposal
        return not (_CONDITION.search(rest) or NO.search(rest) or WAIT.search(rest) or re.search(r"\d{3,}|@", rest))
    return False


def yes_lead(text: str) -> bool:
    """ "yeah I took photos of the box before I opened it": a yes word leads a remark with no no, no
    condition and no question in it."""
    folded = fold(text)
    if not re.match(r"\W*(?:yes|yeah|yep|yup|sure|please|si|claro|oui|ouais|ja|jep|sim|isso)\b", folded):
        return False
    return not (NO.search(folded) or _CONDITION.search(folded) or WAIT.search(folded) or "?" in folded)


def yes_last(text: str) -> bool:
    """ "no me gustó nomás. sí, confirmo": a remark that asks and refuses nothing (a reason, say),
    then a clear yes as the last sentence."""
    folded = fold(text)
    m = re.match(r"\s*(\S[^.!?;\n]*?)[.!;\n]+\s*([^.!?;\n]+?)[.!\s]*$", folded, re.S)
    if not m:
        return False
    head, tail = m.groups()
    if _short_answer(head, NO) and len(head.split()) <= 2:
        return False  # "no. yes": nothing to read
    if _CONDITION.search(head) or WAIT.search(head) or re.search(r"\d{3,}|@", head):
        return False
    if re.match(r"\W*(?:no|nope|nah|non|nein|nee|nao)\s*,", head) or re.search(_CANCEL_WORD, tail):
        return False  # "no, I changed my mind. ok cancel it"
    return is_yes(tail) and bool(_STRONG_YES.search(tail) or YES_INSIDE.search(tail))


_CANCEL_WORD = r"\b(?:cancel\w*|stop|annul\w*|storn\w*|abbrech\w*|anul\w*)"


def is_no(text: str) -> bool:
    """A no to what the bot just proposed: "no", "nope, cancel", "ugh ok forget it then", not "no, I want a
    refund instead"."""
    folded = fold(text)
    if _NO_AS_REASON.search(folded):
        return False  # "no me gustó", "não serviu": why it goes back, not a no to sending it
    return _short_answer(folded, NO) or (len(folded.split()) <= 8 and bool(_GIVE_UP.search(folded)))


#: A "no" that gives the reason for a return: "no me gustó", "no me queda", "não gostei", "não serviu",
#: "no longer need it", "no good", "doesn't fit" said as "no fit".
_NO_AS_REASON = re.compile(
    r"^\W*(?:no|nao)\W+(?:me |le |nos )?(?:gust\w*|gost\w*|qued\w*|serv\w*|cab\w*|fic\w*|sirv\w*|convenc\w*"
    r"|agrad\w*|longer (?:need|want|fit)\w*|good|fit\w*|encaix\w*|funcion\w*|anda\b)"
)


#: Dropping what was proposed, anywhere in a short message: "ugh ok forget it then", "bueno, olvídalo".
_GIVE_UP = re.compile(
    r"\b(?:forget (?:it|about it)|never ?mind|nvm|leave it|don'?t bother|olvidalo|dejalo|dejelo|no importa"
    r"|laisse(?:z)? tomber|oublie(?:z)?(?: ca)?|vergiss es|vergessen sie es|lass (?:es|mal)|esquece|deixa pra la"
    r"|deixa (?:isso|quieto))\b"
)
