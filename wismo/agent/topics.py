"""Questions the shop's written policy answers, even in the middle of an order's conversation.

With an order in focus, "how long until the money is on my card?", "do they deliver on
Saturdays?" or "will the person who bought it find out?" read like follow-ups about the order, and
the order's status would only be repeated. Each topic here is a small registered unit: the policy
article that answers it and the wordings (five languages, accents folded) that ask for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from . import topic_words as words
from .cues import ERRAND, fold


@dataclass(frozen=True)
class Topic:
    name: str
    article: str
    pattern: re.Pattern[str]


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


#: A topic a short "and ...?" goes on with: "and 2-day?" after the holiday cut-offs asks its cut-off,
#: not its price.
THREADS: dict[str, frozenset[str]] = {"holiday_cutoff": frozenset({"shipping_cost"})}


#: ("$$?" alone asks a price too.)
_ASKS_PRICE = re.compile(rf"\b{words.COST}\b|^[\s$€£?!]*[$€£][\s$€£?!]*$")
_NAMES_SPEED = re.compile(rf"\b{words.SPEED}")
_ASKS_DEADLINE = re.compile(
    r"\b(?:until when|till when|by when|last day|cut-?off|fecha limite|date limite|bestellschluss|prazo final"
    r"|hasta cuando|para cuando|jusqu'a quand|bis wann|ate quando"
    r"|hasta que dia|jusqu'a quel jour|ate que dia|bis zu welchem tag"
    r"|ultimo dia|dernier (?:jour|delai)|letzte[nr]? tag|last date|fecha tope|date butoir|data limite)\b"
)


#: A shipping speed or the act of ordering named: the cut-off to order by, not a return's deadline.
_ORDERS_AGAIN = re.compile(
    rf"\b{words.SPEED}|\b(?:standard\w*|estandar|to order|para (?:pedir|ordenar|comprar)|pour commander|bestellen"
    r"|encomendar)\b"
)

#: The shipping thread: after either answer, "what does it cost?" asks the price and "till when?" the
#: cut-off, whatever speed the message names.
_SHIPPING_THREAD = ("holiday_cutoff", "shipping_cost")


#: Asking how to begin: "how do I start", "¿cómo empiezo?", "comment je commence ?", "wie fange ich an?".
_START_IT = re.compile(
    r"\bhow (?:do|can|should) (?:i|we|she|he) (?:start|begin)\b|\bcomo (?:empiezo|inicio|comienzo|lo inicio"
    r"|comeco|inicio)\b|\bcomment (?:je )?(?:commence|demarre|fait-on|on commence)\b|\bwie (?:fange|starte)"
    r" (?:ich|man)\b|\bpor onde (?:comeco|inicio)\b"
)
#: Asking how to do what the last answer said: "how do i do that then", "¿y cómo lo hago?", "wie geht das?".
_HOW_TO_DO_IT = re.compile(
    r"\bhow (?:do|can|would|should) (?:i|we|you) (?:do|set up|sign up for|get) (?:that|it|this)\b"
    r"|\bhow (?:do|can|would|should) (?:i|we|you) set (?:that|it|this) up\b"
    r"|\bhow does that work\b"
    r"|\bcomo (?:lo|la|eso) (?:hago|puedo hacer|activo)\b|\bcomo se hace( eso)?\b"
    r"|\bcomment (?:je fais|faire|on fait|ca marche|je m'y prends)\b"
    r"|\bwie (?:mache ich das|geht das|funktioniert das|stelle ich das ein)\b"
    r"|\bcomo (?:eu )?(?:faco|faz) (?:isso|isto)\b|\bcomo funciona( isso)?\b"
)


#: Places outside the mainland US a customer names when asking whether, or how long, we ship there: the
#: territories, Alaska and Hawaii, and abroad, with the cities people name instead of the place.
_FAR_PLACES = (
    r"(?:puerto rico|alaska|hawaii|hawai|guam|virgin islands|islas virgenes|samoa|canada|mexico|europe|europa|uk"
    r"|germany|alemania|allemagne|deutschland|france|francia|frankreich|brasil|brazil|portugal|espana|spain"
    r"|espagne|spanien|england|ireland|australia|toronto|montreal|vancouver|calgary|ottawa|quebec|honolulu|maui"
    r"|oahu|anchorage|juneau|fairbanks|san juan|pr|london|paris|berlin|madrid|lisbon|lisboa|sao paulo)"
)


class _NextAsked(NamedTuple):
    """What a short follow-up asks after a given article: its words, the topic it asks, and the topics it
    may also match and still mean that one (a place with "how long" reads as the shipping speeds)."""

    words: re.Pattern[str]
    topic: str
    also: frozenset[str] = frozenset()


#: A holiday's day named in a short follow-up: "and the day after christmas?", "und an Heiligabend?".
_HOLIDAY_DAY = re.compile(
    r"\b(?:christmas(?: eve| day)?|xmas(?: eve)?|day after christmas|boxing day|new years?(?: eve| day)?|nye"
    r"|nochebuena|navidad|nochevieja|ano nuevo|reveillon|noel|saint-sylvestre|jour de l'an|heiligabend"
    r"|weihnachten|silvester|neujahr|vespera de natal|natal|ano novo|(?:the )?(?:24|25|26|31)(?:th|st)?)\b"
)

#: What a short follow-up with no topic of its own asks after a given article.
_NEXT_ASKED: dict[str, _NextAsked] = {
    "policy:pickup#store-hours": _NextAsked(_HOLIDAY_DAY, "holiday_store_hours"),
    "policy:pickup#holiday-hours": _NextAsked(
        re.compile(
            r"\b(?:usually|normally|regular(?:ly)?|otherwise|d'habitude|normalement|sinon|normalmente|habitualmente"
            r"|de costumbre|normalerweise|sonst|gewohnlich|geralmente|costuma)\b"
            r"|\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|lunes|martes"
            r"|miercoles|jueves|viernes|sabados?|domingos?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
            r"|montags?|dienstags?|mittwochs?|donnerstags?|freitags?|samstags?|sonntags?|segundas?|tercas?|quartas?"
            r"|quintas?|sextas?)\b"
        ),
        "store_hours",
    ),
    "policy:returns#window": _NextAsked(
        # "what about something i bought in late november?" after the window: that purchase's window.
        re.compile(
            r"\b(?:what about|and|how about|y|et|und|e)\b.{0,40}\b(?:bought|purchased|ordered|got|compre|pedi"
            r"|achete|commande|gekauft|bestellt|comprei)\b"
        ),
        "return_deadline",
        frozenset({"gift_privacy"}),
    ),
    "policy:shipping#weekend": _NextAsked(
        # "wait so sunday yes or no" after who delivers on weekends: the same rule, asked again.
        re.compile(
            r"\b(?:saturdays?|sundays?|weekends?|sabados?|domingos?|samedis?|dimanches?|samstags?|sonntags?"
            r"|wochenende|fim de semana|fin de semana|week-?end)\b"
        ),
        "weekend_delivery",
    ),
    "policy:shipping#po-box": _NextAsked(
        # "how long does that take" after the military-mail rule: its 10 to 20 business days; "can it go
        # fedex? its faster right": USPS only, as it says.
        re.compile(
            r"\b(?:how long|cuanto tarda|cuanto demora|combien de temps|wie lange|quanto tempo|quanto demora"
            r"|fedex|ups|dhl|express|overnight|2-?day|faster|quicker)\b"
        ),
        "po_box",
    ),
    "policy:shipping#where": _NextAsked(
        re.compile(rf"\b(?:{_FAR_PLACES}|territor\w*|apo|fpo)\b"),
        "ship_where",
        frozenset({"shipping_cost"}),
    ),
}


#: How long it takes once the return reaches us: "once you get it how long", "une fois reçu, combien de temps".
_ONCE_RECEIVED = re.compile(
    rf"(?=.*\b{words.HOW_LONG}\b)(?=.*\b(?:once|after|when) (?:you|u|ya) (?:get|got|receive|have)\b"
    r"|.*\b(?:une fois (?:que vous l'avez |que vous l'aurez |que c'est )?recu|une fois que vous l'avez)\b"
    r"|.*\b(?:cuando (?:lo|la) (?:reciban|recibais|tengan)|una vez (?:que )?(?:lo|la) (?:reciban|tengan))\b"
    r"|.*\b(?:wenn ihr(?:'?s| es)? (?:habt|bekommt)|sobald (?:ihr|sie) (?:es )?(?:habt|haben|bekommen))\b"
    r"|.*\b(?:depois de (?:vos |lhes )?chegar|quando (?:voces )?(?:receberem|recebem)|assim que (?:chegar"
    r"|receberem))\b)"
)


def asks_within_returns(text: str, state: dict) -> bool:
    """A longer message that asks until when, or how long once it is back with us, right after a written
    answer on returns: it reads on from that thread, whatever else it tells."""
    articles = state.get("topic_articles") or []
    if not any(a.startswith("policy:returns#") for a in articles):
        return False
    folded = fold(text)
    return bool(_ASKS_DEADLINE.search(folded) or _ONCE_RECEIVED.search(folded))


def after_a_return(text: str) -> list[Topic]:
    """ "kostet mich das was?" right after a return or exchange was booked: what returns cost."""
    folded = fold(text)
    if _ASKS_PRICE.search(folded) and not _NAMES_SPEED.search(folded):
        return [t for t in TOPICS if t.name == "return_cost"]
    return []


def read_on(text: str, found: list[Topic], before: list[Topic]) -> list[Topic]:
    """The topics of a short "and ...?" message, read on from the previous question's topics
    ("and how much is overnight?" still asks its price)."""
    folded = fold(text)
    if not found and _HOW_TO_DO_IT.search(folded):
        return before  # "how do i do that then" after the delivery instructions: the same article, again
    if not found and any(b.name == "holiday_store_hours" for b in before) and _HOLIDAY_DAY.search(folded):
        return before  # "and the day after christmas?" after the holiday hours: the same hours, that day
    for b in before:
        nxt = _NEXT_ASKED.get(b.article)
        if nxt is not None and all(t.name in nxt.also for t in found) and nxt.words.search(folded):
            # "et le dimanche d'habitude ?" after the holiday hours: the usual hours; "y a Puerto Rico? cuánto
            # tarda?" after where we ship: where we ship, which says how much longer the territories take.
            return [t for t in TOPICS if t.name == nxt.topic]
    if not found and any(b.name in _SHIPPING_THREAD for b in before) and _NAMES_SPEED.search(folded):
        return before  # "overnight?", "k and 2 day" after the cut-offs or the prices: the same answer, that speed
    if any(b.name in _SHIPPING_THREAD for b in before) and any(t.name == "shipping_upgrade" for t in found):
        # "and if i pay for overnight? how much" after the cut-offs: that speed's cut-off and price, no upgrade.
        found = [t for t in found if t.name != "shipping_upgrade"]
        if not found:
            return before
    if any(b.name in _SHIPPING_THREAD for b in before) and all(t.name in _SHIPPING_THREAD for t in found):
        # "was kostet das?" after the cut-offs, "e no envio normal até quando?" after the prices.
        asks = (_ASKS_DEADLINE, _ASKS_PRICE)
        asked = [name for name, rx in zip(_SHIPPING_THREAD, asks, strict=True) if rx.search(folded)]
        if asked == ["shipping_cost"] and _NAMES_SPEED.search(folded) and before[0].name == "holiday_cutoff":
            # "and with 2-day shipping? how much is that" after the cut-offs: that speed's cut-off, and its price.
            asked = list(_SHIPPING_THREAD)
        if asked:
            return [t for t in TOPICS if t.name in asked]
    in_returns = any(b.article.startswith("policy:returns#") for b in before)
    if in_returns and not found and _START_IT.search(folded):
        # "ok so how do I start" after the return rules: how a return is started.
        return [t for t in TOPICS if t.name == "return_dropoff"]
    # ("bis wann muss ich mit Standardversand bestellen?" after the return window: a shipping speed named
    # makes it the order's cut-off again.)
    orders_again = any(t.name == "holiday_cutoff" for t in found) and bool(_ORDERS_AGAIN.search(folded))
    if in_returns and not orders_again and not any(t.article.startswith("policy:returns#") for t in found):
        if _ONCE_RECEIVED.search(folded):
            # "et une fois que vous l'avez reçu ça prend combien de temps ?" after the return rules: the refund.
            return [t for t in TOPICS if t.name == "refund_timing"]
        if _ASKS_DEADLINE.search(folded):
            # "bis wann geht das? noch im Jänner?" after the gift rule: the return's deadline, not the shipping one.
            return [t for t in TOPICS if t.name == "return_deadline"]
    if any(b.name == "return_in_store" for b in before) and [t.name for t in found] == ["pickup_bring"]:
        # "do I need to bring anything?" after returning in a store: what the store asks for, not the carrier.
        return [t for t in TOPICS if t.name == "return_in_store"]
    if _ASKS_PRICE.search(folded):
        # "and 2-day? until when, and what does it cost?": the cut-off too when a deadline is asked.
        return [*before, *found] if _ASKS_DEADLINE.search(folded) else found
    if any(t.name in THREADS.get(b.name, ()) for b in before for t in found):
        return before
    return found


def _when_ordering(*parts: str) -> re.Pattern[str]:
    """A pattern that counts only in a message about placing an order (not about sending one back)."""
    return re.compile(rf"^(?=.*{words.ORDERING.pattern})(?!.*{words.RETURNING})(?:.*?)(?:{_rx(*parts).pattern})", re.S)


TOPICS: tuple[Topic, ...] = (
    Topic(
        # "Et votre service client répond jusqu'à quelle heure ?": when the support team answers.
        "support_hours",
        "policy:support#contact",
        _rx(
            r"^(?=.*\b(?:customer (?:service|support|care)|support (?:team|staff)?|your (?:team|agents?|staff)"
            r"|(?:real |human )?(?:agents?|humans?))\b)(?=.*\b(?:hours|what time|till when|until when|open until"
            r"|available until|answer until|(?:are|is) (?:they|it|you) (?:open|available|online)"
            r"|when (?:can|do|does|are|is)\b.{0,30}\b(?:answer|reply|respond|available|online|open|work)))",
            r"^(?=.*\b(?:servicio al cliente|atencion al cliente|soporte|agentes?|asesor\w*|alguien del equipo)\b)"
            r"(?=.*\b(?:hasta que hora|a que hora|horario|cuando (?:atienden|contestan|responden)))",
            r"^(?=.*\b(?:service client|service clientele|support|conseill\w+|equipe)\b)(?=.*\b(?:jusqu'a quelle heure"
            r"|a quelle heure|horaires?|quand (?:repond|repondez|est-ce)))",
            r"^(?=.*\b(?:kundenservice|kundendienst|support|service-?team|mitarbeiter\w*)\b)(?=.*\b(?:bis wann|wann"
            r" (?:seid|sind|ist)|um wie ?viel uhr|erreichbar|(?:service|support)?zeiten|offnungszeiten))",
            r"^(?=.*\b(?:atendimento|suporte|sac|atendente\w*|equipe)\b)(?=.*\b(?:ate que horas|que horas|horario"
            r"|quando (?:atendem|respondem)))",
        ),
    ),
    Topic(
        # "can I pay extra to speed it up?": upgrading the speed after ordering, in writing.
        "shipping_upgrade",
        "policy:shipping#upgrade",
        _rx(
            r"\b(?:speed (?:it|this|things|my (?:order|package|parcel)) up|pay (?:extra|more) (?:to|for)"
            r"|upgrade (?:the |my )?(?:shipping|delivery)|expedite|rush (?:it|my (?:order|package))"
            r"|(?:switch|change) (?:it )?to (?:express|overnight|2-day|two-day)|ship (?:it )?faster"
            r"|pay (?:for|the) (?:express|overnight|2-day|two-day|faster)\w*)\b",
            r"\b(?:acelerar(?:lo)? (?:el envio|el pedido)?|pagar (?:mas|extra) para|envio (?:urgente|express) "
            r"(?:ahora|despues)|pag(?:ar|o) (?:el )?(?:envio )?(?:express|expres|urgente))\b",
            r"\b(?:accelerer (?:la livraison|l'envoi|ma commande)|payer (?:plus|un supplement) pour"
            r"|pa(?:yer|ie) (?:l'|pour l')?express)\b",
            r"\b(?:beschleunigen|aufpreis (?:fur|zahlen)|auf express (?:umstellen|wechseln)"
            r"|(?:fur )?express (?:zahlen|bezahlen))\b",
            r"\b(?:acelerar (?:a entrega|o envio|o pedido)|pagar (?:a mais|extra) (?:para|pra)"
            r"|pag(?:ar|o) (?:o )?(?:frete |envio )?(?:expresso|express))\b",
        ),
    ),
    Topic(
        "po_box",
        "policy:shipping#po-box",
        re.compile(
            # "can you post to a PO box?": which carriers deliver to one (asked, not an address given).
            r"^(?=.*\?)(?=.*\b(?:p\.? ?o\.? ?box(?:es)?|post office box|apartado (?:de correos|postal)|apdo"
            r"|boite postale|postfach|caixa postal)\b(?!\W*\d))"
            # "my nephew is deployed, it's an APO address": military mail, asked with or without a "?".
            r"|\b(?:apo|fpo|dpo)\b|\bmilitary (?:address|base|mail)\b|\b(?:direccion|base) militar\b"
            r"|\badresse militaire\b|\bmilitar(?:adresse|post)\b|\bendereco militar\b",
            re.S,
        ),
    ),
    Topic(
        "signature",
        "policy:delivery#signature",
        _rx(
            # "do I have to sign for it?", "¿hay que firmar?", "faut-il signer ?", "muss ich unterschreiben?"
            r"\b(?:have to|need to|must|gotta|do i|does someone|will i|has to) (?:\w+ ){0,3}sign (?:for )?(?:it|them"
            r"|the)\b"
            r"|\bsignature (?:required|needed)\b|\bneeds? a signature\b",
            r"\b(?:hay que|tengo que|tiene que|necesito|hace falta) firmar\b|\bfirma (?:obligatoria|requerida)\b",
            r"\b(?:faut-il|il faut|dois-je|je dois|faudra) (?:le |la )?signer\b|\bsignature (?:obligatoire|requise)\b",
            r"\b(?:muss|mussen|soll) (?:ich|man|jemand) (?:\w+ ){0,3}unterschreiben\b"
            r"|\bunterschrift (?:notig|erforderlich)\b",
            r"\b(?:tenho que|tem que|precisa|preciso) assinar\b|\bassinatura (?:obrigatoria|necessaria)\b",
        ),
    ),
    Topic(
        "notifications",
        "policy:orders#notifications",
        _rx(
            # "can I get texts when it moves?", "¿me avisan por whatsapp?", "benachrichtigung per SMS"
            r"\b(?:get|receive|send me|sign up for|opt in to) (?:\w+ )?(?:texts?|sms|text (?:updates|alerts)"
            r"|notifications|whatsapp (?:updates|alerts|messages))\b|\bnotify me\b"
            # "can u let me know if it changes": updates on the order, which the opt-in gives.
            r"|\b(?:let me know|keep me (?:posted|updated|in the loop)|update me|tell me|message me|text me)"
            r" (?:if|when|once) (?:it|that|anything|something|the date|the estimate) (?:changes?|moves?|updates?)\b",
            r"\b(?:me avisan|avisos|notificaciones|alertas) (?:por|de|en) (?:sms|whatsapp|mensaje|texto)\b"
            r"|\b(?:me )?(?:avisas|avisan|avisa|avisame|avisenme|me podes avisar|me puedes avisar) (?:si|cuando) "
            r"(?:cambia|hay (?:cambios|novedades)|se mueve)\b",
            r"\b(?:notifications?|alertes?|sms) (?:par|de|pour) (?:sms|whatsapp|le suivi|texto)\b|\bprevenir par sms\b"
            r"|\b(?:prevenez|previens|tenez|tiens)[- ]?(?:moi|-moi)(?: au courant)? (?:si|quand) (?:ca|il|elle"
            r"|la date) "
            r"(?:change|bouge)\b",
            r"\b(?:benachrichtigung\w*|sms|updates?) (?:per|uber|bei|via) (?:sms|whatsapp)\b"
            r"|\b(?:sag|sagt|sagen sie) mir bescheid,? (?:wenn|falls|ob) sich (?:was|etwas|das|der termin) (?:andert"
            r"|tut)\b",
            r"\b(?:notificacoes|avisos|alertas) (?:por|pelo|no|via) (?:sms|whatsapp|mensagem)\b"
            r"|\b(?:me avisa|me avisem|me avise|avisa-me) (?:se|quando) (?:mudar|mudar algo|houver novidades|mexer)\b",
        ),
    ),
    Topic(
        # "never got a confirmation email, did it even go thru??": the confirmation, in writing.
        "no_confirmation",
        "policy:orders#confirmation",
        _rx(
            r"\b(?:never|didn'?t|did not|haven'?t|have not|no) (?:got|get|gotten|received?|recieved?)? ?"
            r"(?:a |the |my |any )?(?:order )?confirmation\b"
            r"|\bdid (?:it|my order|the order|my payment) (?:even )?go (?:through|thru)\b",
            r"\bno (?:me )?(?:llego|ha llegado|recibi|he recibido) (?:el |la |ningun |ninguna )?"
            r"(?:correo|email|mail)? ?(?:de )?confirmacion\b",
            r"\b(?:pas|jamais) (?:recu|eu) (?:de |l'|d')?(?:e-?mail|mail|courriel)? ?(?:de )?confirmation\b",
            r"\bkeine (?:bestell)?bestatigung\b|\bbestatigung(?:smail)? (?:nicht|nie) bekommen\b",
            r"\bnao (?:recebi|chegou) (?:o |a |nenhum |nenhuma )?(?:e-?mail )?(?:de )?confirmacao\b",
        ),
    ),
    Topic(
        # "have you already charged my card?", "¿ya me cobraron?", "est-ce que vous avez déjà chargé ma carte ?"
        "card_charged",
        "policy:payment#charges",
        _rx(
            r"\b(?:have|did|has) (?:you|it|they) (?:already )?(?:charged?|billed?) (?:me|my card|my account)\b"
            # "my card already shows a charge from you", "i thought you only charge when it ships"
            r"|\b(?:card|account|statement|bank) (?:already )?(?:shows|says|has)\b.{0,20}\b(?:charge|payment|debit)\b"
            r"|\b(?:you|they) (?:only )?charge (?:when|once|after) (?:it|the order) ships\b"
            r"|\bwhen (?:do|will) (?:you|i) (?:charge|be charged|get charged)\b|\b(?:was|been) (?:i )?charged\b"
            r"|\bwhen (?:does|will|do) (?:my card|my account|it|the payment) (?:get |be )?(?:charged|billed|taken)\b"
            r"|\b(?:pending|pre-?authori[sz]ed?) (?:charge|authori[sz]ation|payment|hold)\b"
            r"|\b(?:just|only) a (?:hold|pending charge|pre-?auth\w*|authori[sz]ation)\b",
            r"\b(?:ya )?(?:me )?(?:cobraron|han cobrado|habeis cobrado|cargaron|han cargado)\b"
            r"|\bcuando (?:me )?cobran\b|\b(?:cargo|cobro|pago) pendiente\b",
            r"\b(?:avez|a|ont)(?:-vous)? (?:deja )?(?:debite|preleve|charge) (?:ma carte|mon compte|le paiement)\b"
            r"|\b(?:deja ete|suis-je) (?:debite|preleve)e?\b|\bquand (?:suis-je|serai-je|vais-je etre) debite"
            r"|\b(?:pre-?autorisation|debit en attente|prelevement en attente)\b",
            r"\b(?:schon|bereits) (?:abgebucht|belastet)\b|\bwann wird\b.{0,25}\b(?:abgebucht|belastet)\b"
            r"|\b(?:vormerkung|reservierung auf der karte|autorisierung)\b",
            r"\b(?:ja )?(?:cobraram|foi cobrado|debitaram|descontaram|cobrou)\b|\bquando (?:vao|voces vao) cobrar\b"
            r"|\b(?:cobranca|pre-?autorizacao) pendente\b",
        ),
    ),
    Topic(
        "damaged_return",
        "policy:returns#damaged",
        _rx(
            # "do I have to send the broken one back?", "je dois renvoyer le truc cassé ?": the written
            # rule on damaged items (no return unless asked), also while a person is on the way.
            rf"\b{words.SEND_BACK}\b.{{0,40}}\b{words.BROKEN}|\b{words.BROKEN}\b.{{0,40}}\b(?:back"
            rf"|{words.SEND_BACK})\b",
        ),
    ),
    Topic(
        "ship_where",
        "policy:shipping#where",
        _rx(
            # "do you ship to Canada?", "est-ce que vous livrez au Québec?": where the shop delivers.
            r"\b(?:do|can|will) you (?:guys )?(?:ship|deliver|send)(?: orders?)? (?:to|outside)\b"
            r"(?! (?:my|the|a|your|po) )"
            r"|\binternational (?:shipping|delivery)\b"
            # "can i ship a gift straight to my friend in toronto": a place we may not ship to, named by its city.
            rf"|\b(?:ship|send|deliver|mail)\w* .{{0,40}}\b(?:in|to) (?:\w+ )?{_FAR_PLACES}\b"
            rf"|\bhow (?:much )?long(?:er)? .{{0,40}}\b(?:to|in) {_FAR_PLACES}\b"
            rf"|\b(?:to|in) {_FAR_PLACES}\b.{{0,40}}\bhow (?:much )?long(?:er)?\b",
            r"\b(?:hacen|haceis) envios? a\b"
            r"|\b(?:envian|enviais|entregan|llegan|mandan) (?:a|hasta) (?!(?:mi|la|el|tu|su) )",
            r"\b(?:livrez|livrez-vous|expediez|envoyez)(?:-vous)? (?:au|en|a|aux|hors)\b"
            r"(?! (?:mon|ma|la|le|domicile) )",
            r"\b(?:liefert|versendet|verschickt) ihr (?:auch )?(?:nach|ins ausland|in die)\b",
            r"\b(?:voces )?(?:entregam|enviam|mandam) (?:para|pra) (?:o |a )?(?:exterior|portugal|canada|brasil|europa)"
            r"\b|\bentregam (?:em|no|na) (?!(?:minha|meu|casa) )",
        ),
    ),
    Topic(
        "holiday_cutoff",
        "policy:shipping#holiday-cutoffs",
        _when_ordering(
            r"\b(?:by|before|for|in time for) (?:the )?(?:24(?:th)?|christmas(?: eve)?|xmas"
            r"|dec(?:ember)?\.? 24(?:th)?|12/24)\b"
            r"|\blast day (?:to|i can|we can) order\b|\bcut-?off\b|\border by when\b"
            r"|\b(?:absolute |very )?last day\b.{0,30}\b(?:overnight|2-?day|two-day|express|standard|next-?day)\b"
            r"|\b(?:till|until|up to|by) when (?:can|could|should|do|must) (?:i|we) (?:still )?order\b",
            r"\bhasta (?:cuando|que dia|q dia|que fecha) (?:hay envio|se puede|puedo|hay que|tengo que|alcanzo a)"
            r"(?: pedir| comprar| ordenar)?\b|\b(?:antes de(?:l)?"
            r"|para(?: el)?) (?:24|nochebuena|navidad|24/12)\b|\bhasta que dia (?:se puede"
            r"|puedo) (?:pedir|comprar)\b"
            r"|\bfecha limite\b|\bhasta cuando (?:puedo|se puede|podemos) (?:pedir|comprar|encargar)\b"
            r"|\bhasta (?:que|q) (?:dia|fecha)\b|\b(?:envio|urgente|express)\b.{0,40}\bhasta cuando\b",
            r"\b(?:avant|pour) (?:le )?(?:24|noel|reveillon|24/12)\b|\bjusqu'a quand (?:commander"
            r"|pour commander|pour la livraison)\b"
            r"|\bdate limite\b|\bjusqu'a quand (?:je peux|on peut|puis-je|peut-on) (?:encore )?commander\b"
            r"|\bjusqu'a quand\s*\?|\b(?:livraison|envoi|express)\b.{0,40}\bjusqu'a quand\b",
            r"\b(?:bis (?:zum )?(?:24\.?|heiligabend|weihnachten)|vor (?:heiligabend|weihnachten))\b"
            r"|\bbis wann (?:muss ich|kann ich|geht)\b"
            r"|\bbestellschluss\b|\b(?:versand|expressversand|lieferung)\b.{0,40}\bbis wann\b",
            r"\b(?:ate|antes d[oe]|para o) (?:dia )?(?:24|natal|24/12)\b|\b(?:qual o )?ultimo dia (?:pra"
            r"|para) (?:pedir|comprar)\b"
            r"|\bate (?:que|q|qual|quando)(?: dia)? (?:da|posso|pode|consigo|tenho que|devo)(?: pra| para)? "
            r"(?:pedir|comprar|encomendar)\b|\bprazo final\b|\b(?:entrega|envio|frete|expresso)\b.{0,40}\bate quando\b",
        ),
    ),
    Topic(
        "shipping_cost",
        "policy:shipping#options",
        _rx(
            rf"\b{words.COST}\b.{{0,60}}\b{words.SHIPPING}\b",
            rf"\b{words.SHIPPING}\b.{{0,60}}\b{words.COST}\b",
            # "and 2-day shipping?", "e o envio em 2 dias?", "und Overnight?": a speed named after "and".
            rf"^\W*(?:and|y|et|und|e)\W+(?:\w+\W+){{0,3}}?{words.SPEED}(?:\W+\w+){{0,2}}\W*$",
            # "once it's out how many days does standard take": how long each speed takes, in the same article.
            rf"\b(?:how long|how many (?:business )?days|how fast|how quick(?:ly)?)\b.{{0,30}}\b(?:standard|ground"
            rf"|regular|normal shipping|{words.SPEED})",
            r"\b(?:cuanto (?:tarda|demora)|cuantos dias)\b.{0,20}\b(?:envio|el) (?:estandar|normal)\b"
            r"|\bcombien de (?:temps|jours)\b.{0,25}\blivraison standard\b"
            r"|\bwie lange (?:dauert|braucht)\b.{0,20}\bstandard(?:versand|lieferung)\b"
            r"|\b(?:quanto tempo|quantos dias)\b.{0,20}\b(?:entrega|envio|frete) (?:padrao|normal)\b",
        ),
    ),
    Topic(
        "refund_timing",
        "policy:returns#refund-timing",
        _rx(
            rf"\b{words.HOW_LONG}\b.{{0,40}}\b{words.MONEY}\b",
            rf"\b{words.MONEY}\b.{{0,50}}\b{words.HOW_LONG_AFTER}\b",
            # "et je suis remboursée quand ?": the money, then a bare "when" that ends the question.
            rf"\b{words.MONEY}\w*\W+(?:\w+\W+){{0,3}}(?:when|quand|cuando|wann|quando)\W*$",
            # "¿y el dinero cuándo me lo devuelven?", "wann bekomme ich mein Geld zurück": when it comes back.
            rf"\b{words.MONEY}\b.{{0,30}}\b(?:when|quand|cuando|wann|quando)\b.{{0,30}}\b{words.GIVEN_BACK}",
            rf"\b(?:when|quand|cuando|wann|quando)\b.{{0,30}}\b{words.GIVEN_BACK}\w*\b.{{0,25}}\b{words.MONEY}",
            # "y el reembolso me llega a la tarjeta o cómo es?": how the money comes back, and where.
            rf"\b{words.MONEY}\b.{{0,30}}\b(?:llegan?|va|vuelve|goes|go|comes?|arrives?|chega|cai|volta|revient|arrive"
            r"|kommt|geht)\b.{0,30}\b(?:tarjeta|card|carte|karte|cartao|cuenta|account|compte|konto|conta)\b",
            # "how long after it gets to you?": the time from the return's arrival to the money.
            r"\bhow long after (?:it|they|the return|my return|the parcel|the package) "
            r"(?:gets|arrives|reaches|is received)\b",
            r"\b(?:cuanto tarda|cuanto tiempo|cuantos dias) (?:despues|luego) de que (?:les |os )?(?:llegue|reciban)\b",
            r"\bcombien de (?:temps|jours) apres (?:reception|qu'(?:il|elle) (?:arrive|soit recu))\b",
            r"\bwie lange nach(?:dem)? (?:eingang|(?:es|sie|das paket) (?:ankommt|eingeht|angekommen ist))\b",
            r"\bquanto tempo depois (?:que|de) (?:chegar|voces receberem|receberem)\b",
            # "¿y cuánto tarda en aparecer una vez os llega?": from the return's arrival to the money.
            r"\bhow long\b.{0,25}\bonce (?:it|you|they)\b.{0,12}\b(?:arrives?|gets? (?:there|to you)|receives?"
            r"|have it|get it)\b",
            r"\b(?:cuanto tarda|cuanto tiempo|cuantos dias)\b.{0,25}\b(?:una vez|en cuanto) (?:que )?"
            r"(?:os |les |te |le )?(?:llega|llegue|reciban|recibis|reciben)\b",
            r"\bcombien de (?:temps|jours)\b.{0,25}\b(?:une fois|des) (?:qu'(?:il|elle) est |que vous l'avez )?"
            r"(?:arrive|recu|recue)\b",
            r"\bwie lange\b.{0,25}\bsobald (?:es|sie|das paket|ihr es) (?:ankommt|angekommen ist|da ist|habt)\b",
            r"\bquanto tempo\b.{0,25}\b(?:depois que|assim que|quando) (?:chega|chegar|voces recebem|receberem)\b",
        ),
    ),
    Topic(
        # "how do I get my money back?": to the original payment or store credit (a gift: store credit).
        "refund_method",
        "policy:returns#window",
        _rx(
            r"\bhow (?:do|will|would|can) (?:i|we) (?:get (?:my |the )?(?:money|refund)|be refunded)\b"
            r"|\bhow (?:is|will) (?:the |my )?refund (?:be )?(?:paid|made|issued|given)\b",
            r"\bcomo (?:me )?(?:devuelven|reembolsan|regresan) (?:el dinero|la plata)\b"
            r"|\b(?:el dinero|la plata) (?:me )?(?:lo |la )?(?:devuelven|regresan|vuelve) como\b",
            r"\bcomment (?:je suis|serai-je|suis-je|vais-je etre|je serai) rembours\w*"
            r"|\bcomment (?:je )?(?:recupere|recuperer) (?:l'argent|mon argent)\b",
            r"\bwie (?:bekomme|kriege|erhalte) ich (?:mein|das) geld zuruck\b"
            r"|\bwie (?:wird|werde ich) (?:das geld |mir das geld )?(?:erstattet|zuruckerstattet)\b",
            r"\b(?:o )?dinheiro volta (?:pra mim |para mim )?como\b"
            r"|\bcomo (?:o dinheiro volta|(?:eu )?recebo (?:o dinheiro|o reembolso)|sou reembolsad[oa])\b",
        ),
    ),
    Topic(
        "weekend_delivery",
        "policy:shipping#weekend",
        _rx(
            r"\b(?:do|does|will|would)\s+(?:they|you|you guys|ups|fedex|usps|dhl|the carriers?|carriers)\s+(?:even\s+)?"
            r"deliver\b.{0,30}\b(?:saturdays?|sundays?|weekends?)\b",
            r"\b(?:entregan|reparten)\b.{0,20}\b(?:sabados?|domingos?|fin(?:es)? de semana)\b",
            r"\blivr(?:ent|ez)\b.{0,20}\b(?:samedis?|dimanches?|week-?end|fin de semaine)\b",
            r"\bliefer(?:n|t)\b.{0,30}\b(?:samstags?|sonntags?|am wochenende)\b",
            r"\bentrega(?:m)?\b.{0,20}\b(?:sabados?|domingos?|fim de semana)\b",
        ),
    ),
    Topic(
        # "do they even deliver on the 25th": the days carriers don't deliver at all ("by Christmas" is
        # the order's date, not this).
        "carrier_holiday",
        "policy:shipping#carrier-holidays",
        _rx(
            r"\b(?:deliver\w*|delivery|deliveries|come|arrive|drop)\b.{0,25}\b(?:on|over)\s+(?:the\s+)?(?:christmas"
            r"(?:\s+day)?|xmas(?:\s+day)?|25th|dec(?:ember)?\.?\s*25(?:th)?|new\s+year'?s(?:\s+day)?|jan(?:uary)?\.?\s*"
            r"1(?:st)?\b|thanksgiving|(?:federal|public)\s+holidays?)",
            r"\b(?:entregan|reparten|hay (?:entregas?|reparto))\b.{0,20}\b(?:el (?:dia )?25|(?:en|el dia de) navidad"
            r"|(?:en )?ano nuevo|(?:el )?1 de enero|festivos?)\b",
            r"\b(?:livrent|livre|livraisons?)\b.{0,20}\b(?:le 25|(?:a|le jour de) noel|le jour de l'an|le 1er janvier"
            r"|jours? feries?)\b",
            r"\b(?:liefern|liefert|zustellung|zugestellt)\b.{0,25}\b(?:am 25\.?|an weihnachten|am (?:1\.|ersten )"
            r"?weihnachtsfeiertag|an neujahr|am 1\. januar|an feiertagen)\b",
            r"\b(?:entregam|entrega|entregas)\b.{0,20}\b(?:(?:no )?dia 25|(?:no )?dia de natal|no ano novo"
            r"|(?:no )?dia 1 de janeiro"
            r"|feriados?)\b",
        ),
    ),
    Topic(
        "pickup_hold",
        "policy:carrier#available-for-pickup",
        _rx(
            r"\bhow long (?:will|do|does|can|would) (?:they|it|the \w+|you) (?:keep|hold|stay)\b"
            r"|\bhow long\b.{0,25}\b(?:keep|hold)s? (?:it|them|the|my|on to)\b"
            r"|\b(?:until|till|til) when (?:will|do|does|can|would) (?:they|it|the \w+|you) (?:keep|hold|stay)\b",
            r"\b(?:cuanto tiempo|cuantos dias|hasta cuando) (?:me |te )?(?:lo |la )?(?:guardan|tienen|se queda)\b",
            r"\b(?:combien de temps|jusqu'a quand) (?:ils le |le colis |il )?(?:gardent|garde|reste)\b"
            r"|\b(?:gardent|garde|conservent|reste)\b.{0,12}\b(?:combien de (?:temps|jours)|jusqu'a quand)\b",
            r"\bwie lang[e]?\b.{0,30}\b(?:aufbewahrt|aufbewahren|aufheben|heben|liegen|bleibt|gelagert|abholen"
            r"|halten)\b",
            # "y vont le garder combien de jours?", "how many days do they hold it?"
            r"\b(?:garder|gardent|garde)\b.{0,15}\bcombien de (?:temps|jours)\b"
            r"|\bhow many days (?:will|do|does|can|would) (?:they|it|the \w+|you) (?:keep|hold|stay)\b",
            r"\b(?:quanto tempo|quantos dias|ate quando)\b.{0,20}\b(?:guardam|fica|ficam)\b",
        ),
    ),
    Topic(
        "gift_privacy",
        "policy:returns#gifts",
        _rx(
            r"\b(?:the person|whoever|the one|my \w+) who (?:bought|gave|sent|got) (?:it|me)\b.{0,40}"
            r"\b(?:find out|know|be told|notified|see|get an email)\b",
            r"\b(?:will|does|do) (?:they|he|she)\b.{0,20}\b(?:find out|be told|be notified|get told|get notified)\b"
            r"|(?:\bwithout|\bw/o) (?:her|him|them|me|my \w+|the \w+)"
            r" (?:finding out|knowing|being told|noticing|seeing)\b",
            r"\bsin que (?:(?:el|ella|mi \w+) )?(?:se entere|lo sepa|se de cuenta)\b",
            r"\bsans qu'(?:il|elle|on) (?:le sache|s'en rende compte|soit (?:prevenu|averti)e?)\b",
            r"\bohne dass (?:er|sie|es) (?:es )?(?:merkt|erfahrt|mitbekommt)\b",
            r"\bsem (?:que )?(?:ela|ele) (?:saber|saiba|perceber|descobrir)\b",
            r"\b(?:se (?:va a )?entera|le avisan|lo sabra)\b",
            r"\b(?:sera (?:prevenu|averti|informe)e?|va (?:le )?savoir|saura)\b",
            r"\b(?:erfahrt|(?:bekomm|krieg)\w* (?:er|sie|ich) (?:das |es )?mit|benachrichtigt)\b",
            r"\b(?:vai (?:ficar sabendo|saber|descobrir)|fica sabendo|e avisad[oa])\b",
            # "and who gets the money, her or me?" about a gift.
            r"\bwho gets (?:the )?(?:money|refund)\b|\b(?:a )?quien (?:le )?(?:devuelven|llega|recibe|va) (?:el dinero"
            r"|la plata)\b|\bqui (?:est rembourse|recoit l'argent|touche l'argent)\b"
            r"|\bwer (?:kriegt|bekommt) (?:dann )?das geld\b|\b(?:dinheiro )?volta (?:pra|para) quem\b"
            r"|\bquem recebe (?:o dinheiro|o reembolso)\b",
        ),
    ),
    Topic(
        "return_dropoff",
        "policy:returns#how",
        _rx(
            r"\bwhere(?:'s| is| do i get| can i get) (?:the|my) (?:return )?label\b"
            r"|\bwhere (?:do|can|should|would|does|could) (?:i|we|he|she|they) drop"
            r"|\b(?:do|can|should|shall) (?:i|we) drop (?:it|them|the \w+) off\b",
            r"\b(?:donde (?:lo |la )?(?:(?:tengo que|tiene que|debo|debe|puedo|puede|hay que) )?(?:dejo|entrego|llevo"
            r"|dejar|entregar|llevar)"
            r"|donde esta la etiqueta)\b",
            r"\b(?:ou (?:est )?(?:l'|mon )?etiquette|ou (?:le |la )?deposer"
            r"|ou (?:est-ce que )?je (?:le |la )?depose|ou (?:est-ce que )?je (?:dois|peux) (?:le |la )?deposer"
            r"|(?:il|elle|je) (?:le |la )?depose ou|ou (?:est-ce qu')?(?:il|elle) (?:le |la )?depose)\b",
            r"\b(?:wo (?:ist das|finde ich das) (?:retouren)?etikett|wo (?:kann ich|gebe ich|muss ich|soll ich)\b"
            r".{0,20}\b(?:abgeben|hinbringen|einwerfen))\b",
            r"\b(?:onde (?:esta|fica) a etiqueta|onde (?:e que )?(?:eu )?(?:(?:tenho que|devo|posso) )?(?:[oa] )?"
            r"(?:deixo|entrego|levo"
            r"|deixar|entregar|levar))\b",
        ),
    ),
    Topic(
        "return_in_store",
        "policy:returns#in-store",
        _rx(
            # "can I just drop it at one of your stores instead?", "et si je le ramène en magasin ?"
            r"\b(?:return|drop|bring|take)\w*\b(?: (?:it|them|this|that|the \w+))?(?: off| back)? (?:at|to|in|into)"
            r" (?:one of )?(?:your|you|a|the|any) (?:guys )?(?:stores?|shops?)\b"
            r"|\b(?:in-? ?store returns?|return in store)\b|\breturn\w*\b.{0,30}\bin person\b",
            r"\b(?:devolver|devuelvo|devolverlo|devolverla|llevar|llevarlo|llevarla|llevo|dejar|dejarlo|dejo)\b"
            r"(?: \w+){0,2} (?:en|a) (?:la|una|alguna|su|vuestra|tu|sus|las) tiendas?\b",
            r"\b(?:rendre|retourner|ramener|rapporter|ramene|rapporte|deposer|depose)\b(?: \w+){0,3} "
            r"(?:en|au|dans un|dans une|dans votre|dans vos) (?:magasins?|boutiques?)\b",
            r"\b(?:im|in einem|in einer|in der|in eurem|in ihrem|in euren) (?:laden|geschaft|filiale|store)\w*"
            r"(?: \w+){0,3} (?:zuruckgeben|zuruckbringen|abgeben|umtauschen)\b",
            r"\b(?:devolver|devolvo|levar|levo|trocar|deixar)\b(?: \w+){0,2} (?:na|numa|em uma|em alguma|nas) lojas?\b",
        ),
    ),
    Topic(
        "return_deadline",
        "policy:returns#window",
        _rx(
            r"\b(?:i have|is it|do i have) until (?:january|jan|the end of)\b|\bhow long do (?:i|we|you) (?:have|get)\b"
            r"|\bhow long (?:have|'?ve) (?:i|we) got\W*$"
            r"|\b(?:return|send (?:it|them) back|exchange)\w*\b.{0,25}\buntil when\b",
            r"\b(?:rendre|retourner|renvoyer|echanger)\b.{0,25}\bjusqu'a quand\b"
            r"|\bcombien de (?:temps|jours) (?:j'ai |ai-je |on a )?pour (?:le |la |les )?"
            r"(?:retourner|renvoyer|rendre|echanger)\b",
            r"\bhow (?:long|many days|much time) (?:do|does|have|has|'?ve) (?:i|we|she|he|they|you|u|my \w+)"
            r"(?: (?:got|have|get))? (?:to|for) (?:return|send|exchang)\w*\b"
            r"|\bhow (?:long|many days) (?:i have|have i got) (?:to|for) (?:return|send|exchang)\w*\b"
            r"|\bcuanto tiempo (?:tengo|hay) para (?:devolver|cambiar)\w*\b"
            r"|\bwie lange (?:habe ich|hat man) (?:zeit )?(?:zum|fur die|um) (?:zuruck\w*|ruckgabe|umtausch\w*)\b"
            r"|\bquanto tempo (?:eu )?(?:tenho|tem) (?:para|pra) (?:devolver|trocar)\b",
            r"\b(?:devolver|cambiar|regresar)\w*\b.{0,25}\bhasta cuando\b",
            r"\b(?:zuruckgeben|zuruckschicken|umtauschen|retournieren)\b.{0,25}\bbis wann\b",
            # "until when could it still be returned?": the time asked first, the return after.
            r"\b(?:until when|till when|hasta cuando|jusqu'a quand|bis wann|ate quando)\b.{0,30}"
            r"\b(?:return\w*|exchang\w*|send (?:it|them) back|devol\w*|cambi\w*|retourn\w*|renvo\w*|echang\w*"
            r"|zuruck\w*|umtausch\w*|retour\w*|troca\w*)",
            # "it came sept 20. can i still return it?": whether the window is still open.
            r"\b(?:can|could) (?:i|we|he|she|they|my \w+) still (?:return|send (?:it|them) back|exchange)\b"
            r"|\bwhen can (?:i|we) (?:still )?(?:return|send back|exchange) (?:it|mine|them|this|my \w+)\b"
            r"|\bis it too late to return\b"
            r"|\b(?:can|could) (?:it|they|this|that) still (?:go|be sent|be taken) back\b|\bstill be returned\b"
            r"|\b(?:todavia|aun) (?:puedo|se puede) (?:devolver|cambiar)\b|\b(?:puis-je|je peux|peut-on"
            r"|on peut) encore "
            r"(?:le |la |les )?(?:retourner|renvoyer|rendre|echanger)\b"
            r"|\bkann (?:ich|man) (?:das|es|die|den|sie)? ?(?:noch|immer noch) (?:zuruckgeben|zuruckschicken"
            r"|umtauschen)\b"
            r"|\bainda (?:posso|da pra|da para|consigo) (?:devolver|trocar)\b",
            r"\b(?:devolver|trocar)\w*\b.{0,25}\bate quando\b"
            r"|\buntil (?:what|which) (?:date|day)\b|\bhasta (?:cuando exactamente|que fecha)\b"
            r"|\bjusqu'(?:a|au) quelle date\b|\bbis (?:zu )?welche[nm]? (?:datum|tag)\b|\bate que data\b"
            r"|\b(?:what'?s|what is|whats) the (?:deadline|last day) (?:to|for|i can|we can) (?:return|send)",
            r"\b(?:hasta cuando (?:tengo|puedo)\b.{0,25}\b(?:devol|cambi)|tengo hasta (?:enero|el))",
            r"\b(?:jusqu'a quand (?:j'ai|je peux)\b.{0,25}\b(?:retourn|renvoy|echang)|j'ai jusqu'(?:a|au"
            r"|en) (?:janvier|fin))",
            r"\b(?:bis wann (?:kann|darf|habe|muss) (?:ichs?|man|sie|er)\b.{0,30}\b(?:zuruck|umtausch|retour)"
            r"|ich habe bis (?:januar|ende))",
            r"\b(?:ate quando (?:eu )?(?:tenho|posso)\b.{0,25}\b(?:devolv|troc)|tenho ate (?:janeiro|o fim))",
            # "cuántos días tengo?", "j'ai combien de jours": the time left to send it back (not to wait).
            r"\bhow (?:many days|much time|long) (?:do i have|have i got|i have)\b(?! (?:left )?(?:to )?wait)",
            r"\b(?:cuantos dias|cuanto tiempo) (?:tengo|me dan|hay)\b(?! (?:que|para) esperar)",
            r"\b(?:(?:j'ai|ai-je|on a) combien de (?:jours|temps)|combien de (?:jours|temps) (?:j'ai|ai-je|on a))\b"
            r"(?! (?:a|pour) attendre)",
            r"\bwie (?:viele tage|viel zeit|lange) (?:habe ich|hab ich|hat man)\b(?! (?:zu )?warten)",
            r"\b(?:quantos dias|quanto tempo) (?:eu )?(?:tenho|tem)\b(?! (?:que|de|pra|para) esperar)",
            # "e tenho quantos dias?", "¿y tengo cuántos días?": the same question, the verb first.
            r"\b(?:tenho|tengo) (?:quantos dias|quanto tempo|cuantos dias|cuanto tiempo)\b"
            r"(?! (?:que|de|pra|para) esperar)",
            # "can she still return it in January?", "kann sie es im Januar noch zurückgeben?"
            r"\b(?:return|send (?:it |them )?back|exchange)\w*\b.{0,30}\b(?:in|by|until|after) (?:january|jan|the new "
            r"year|christmas|xmas)\b",
            r"\b(?:devolver|cambiar)\w*\b.{0,30}\b(?:en|hasta|despues de) (?:enero|navidad|reyes)\b",
            r"\b(?:rendre|retourner|renvoyer|echanger)\b.{0,30}\b(?:en|jusqu'en|apres) (?:janvier|noel)\b",
            r"\b(?:im|bis|nach) (?:januar|weihnachten)\b.{0,30}\b(?:zuruck\w*|umtausch\w*|umtauschen|retour\w*)|"
            r"\b(?:zuruckgeben|umtauschen|zuruckschicken)\b.{0,30}\b(?:im|bis|nach) (?:januar|weihnachten)\b",
            r"\b(?:devolver|trocar)\b.{0,30}\b(?:em|ate|depois d[oe]) (?:janeiro|natal)\b",
        ),
    ),
    Topic(
        "return_cost",
        "policy:returns#cost",
        _rx(
            r"\b(?:do|will|would|must|have to|need to) (?:i|we) (?:have to |need to |gotta |got to )?pay\b.{0,40}"
            r"\b(?:return|send|ship|label)\w*"
            r"|\b(?:return\w*|send(?:ing)? (?:it|them|this|that) back|return shipping|return label)\b.{0,30}"
            r"\b(?:for free|free|cost (?:anything|money|me)|costs? anything|charge\w*|fee)\b"
            r"|\bfree returns?\b|\b(?:are|is) (?:the )?returns? free\b|\bwho pays\b.{0,30}\breturn",
            r"\b(?:envio de (?:regreso|vuelta|retorno)|devolucion(?:es)?|devolverlo|devolverla|regresarlo|regresarla"
            r"|el regreso)\b.{0,30}\b(?:lo pago|pago yo|pagar\w*|cuesta|gratis|gratuit[oa]|cobran|costo|tiene costo"
            r"|me toca)\b"
            r"|\b(?:lo pago|pago yo|pagar|cuesta|gratis|cobran|costo)\b.{0,30}\b(?:devol\w*|envio de (?:regreso|vuelta)"
            r"|regres\w*)\b",
            r"\b(?:retours?|renvoi|renvoyer|retourner)\b.{0,30}\b(?:payant|gratuit\w*|payer|coute|frais)\b"
            r"|\b(?:payant|gratuit\w*|payer|paye|paie|coute|frais)\b.{0,30}\b(?:retour\w*|renvoi\w*)\b",
            r"\b(?:ruck(?:sendung|sende|versand|porto)\w*|retoure\w*|zuruck(?:schicken|senden)|umtausch\w*)\b.{0,30}"
            r"\b(?:zahlen|bezahlen|kostenlos|gratis|kostet|kosten|gebuhr\w*)\b"
            r"|\b(?:zahlen|bezahlen|kostenlos|gratis|kostet|kosten|gebuhr\w*)\b.{0,30}"
            r"\b(?:ruck(?:sendung|sende|versand|porto)\w*|retoure\w*|zuruck(?:schicken|senden)|umtausch\w*)\b",
            # "does the exchange cost anything?", "el cambio cuesta algo?", "l'échange est payant ?", "a troca custa?"
            r"\b(?:the )?exchanges?\b.{0,20}\b(?:cost (?:anything|money|me)|costs? anything|free|fee|charge\w*)\b"
            r"|\bel cambio\b.{0,20}\b(?:cuesta|gratis|cobran|tiene costo)\b|\bl'echange\b.{0,20}\b(?:payant|gratuit"
            r"|coute)\b|\ba troca\b.{0,20}\b(?:custa|gratis|gratuita|cobram|paga)\b",
            r"\b(?:devolucao|devolver|frete de (?:volta|retorno)|envio de volta)\b.{0,30}"
            r"\b(?:pago|pagar|gratis|gratuit[oa]|custa|taxa|cobram|cobra)\b"
            r"|\b(?:pago|pagar|gratis|custa|taxa|cobram)\b.{0,30}\b(?:devolucao|devolver|frete de volta)\b",
            # "faut-tu que je paye l'étiquette?", "do I pay for the label?": paying for the return label.
            r"\b(?:pay|pay for|payer|paye|paie|pagar|pago|pagas|zahlen|bezahlen|zahle)\b.{0,12}"
            r"\b(?:the (?:return )?label|l'etiquette|la etiqueta|a etiqueta|das etikett|den rucksendeschein)\b",
            # "the label is free right?", "l'étiquette c'est gratuit ?", "die Etikette ist gratis, oder?"
            r"\b(?:(?:return )?label|etiqueta|etiquette|etikett\w*|rucksendeschein|retourenschein)\b.{0,25}"
            r"\b(?:free|cost\w*|pay|gratis|gratuit\w*|cuesta|coute|kostenlos|kostet|zahlen|bezahlen|custa|pag(?:o|a|an"
            r"|as|amos|ar))\b",
            # "e o frete da devolução?", "¿y el envío de la devolución?", "et les frais de retour ?"
            r"\b(?:frete|postagem|portes?|envio|costo|gastos) (?:da|de|do|de la) (?:devolucao|troca|retorno)\b"
            r"|\bfrais de (?:retour|renvoi)\b|\bruck(?:sende|versand)kosten\b|\breturn (?:shipping|postage) cost",
        ),
    ),
    Topic(
        "exchange_timing",
        "policy:returns#exchanges",
        _rx(
            # "do I have to wait until you get the old one back before you ship the new one?"
            r"\b(?:wait|waiting)\b.{0,60}\b(?:old one|the old|mine|it back|the return)\b.{0,60}\b(?:new one|the new"
            r"|replacement|other one|bigger one|smaller one|new size|other size)\b"
            r"|\bwhen (?:do|will) you (?:ship|send) (?:the|my) (?:new one|replacement)\b"
            r"|\bwait (?:until|till|for) (?:you|u)(?: guys)? (?:to )?(?:get|have|receive)\b.{0,20}"
            r"\b(?:the old|it back|mine|my return)\b",
            r"\besperar\b.{0,60}\b(?:llegue|reciban|tengan|les llegue)\b.{0,60}\b(?:nuev[oa]|otr[oa])\b"
            r"|\bcuando (?:me )?(?:mandan|envian) (?:el|la) nuev[oa]\b",
            r"\battend\w*\b.{0,60}\b(?:receviez|ayez recu|recoive|l'ancien|l'autre|le mien)\b.{0,60}"
            r"\b(?:nouveau|nouvelle|autre)\b"
            r"|\bquand (?:est-ce que )?vous (?:m'envoyez|envoyez|expediez) (?:le|la) (?:nouveau|nouvelle)\b",
            r"\bwarten\b.{0,60}\b(?:alte|alten|zuruck|bekommen|habt|habts)\b.{0,80}\b(?:neue|neuen|neues|ersatz)\b"
            r"|\bwann (?:schickt|sendet|schickts) ihr (?:den|die|das) neue\w*\b"
            r"|\bwarten\b.{0,20}\bbis (?:ihr|sie|du)\b.{0,40}\b(?:alte\w*|zuruck\w*|bekommen|habt|erhalten)\b",
            r"\besperar\b.{0,60}\b(?:receberem|recebam|cheg\w*|voltar)\b.{0,60}\b(?:nov[oa]|outr[oa])\b"
            r"|\bquando (?:voces )?(?:mandam|enviam) (?:o|a) nov[oa]\b",
            # "when do I get the new size?", "je reçois la nouvelle taille quand ?": the exchanged item's day.
            rf"\b{words.WHEN_WORD}\b.{{0,40}}\b{words.NEW_ITEM}\b|\b{words.NEW_ITEM}\b.{{0,40}}\b{words.WHEN_WORD}\b",
            # The new one first: "and the new one? do I wait till you get the other?" in five languages.
            r"\b(?:new one|nuev[oa]|nouveau|nouvelle|neue\w*|nov[oa])\b.{0,40}\b(?:wait|esperar|esperamos|attend\w*"
            r"|warten|espero)\b.{0,60}\b(?:get|receive|have|reciban|llegue|tengan|receviez|recoive|ayez|bekommt|habt"
            r"|erhaltet|recebam|receberem|recebem|chegue|old one|the other|otr[oa]|l'autre|l'ancien|alte\w*"
            r"|outr[oa])\b",
        ),
    ),
    Topic(
        "when_to_worry",
        "policy:carrier#no-updates",
        _rx(
            r"\bwhen (?:should|do|must) i (?:start )?(?:worry|worrying|be worried|panic|get worried|contact you)\b"
            r"|\b(?:at what point|how long before) (?:should|do|is) (?:i|it)\b.{0,20}\b(?:worry|lost)\b"
            r"|\bwhen (?:will|would|do|can) you (?:guys )?(?:do something|act|open a (?:claim|trace)|trace it"
            r"|start (?:looking|a trace))\b",
            r"\bcuando (?:me )?(?:debo|tengo que|deberia) (?:empezar a )?preocupar\w*\b",
            r"\b(?:a partir de quand|quand) (?:est-ce que )?(?:je dois|dois-je|faut-il) m'inquieter\b",
            r"\bab wann (?:sollte|muss|soll) ich mir (?:sorgen|gedanken) machen\b|\bwann gilt es als verloren\b",
            r"\b(?:a partir de )?quando (?:eu )?(?:devo|preciso) (?:me )?preocupar\b",
        ),
    ),
    Topic(
        "missed_delivery",
        "policy:delivery#attempts",
        re.compile(
            # "what happens if I'm not home?": a question (what happens) about being out (not home).
            r"^(?=.*\b(?:what happens|what if|then what|what do they do|will they (?:try|come) again|que pasa"
            r"|que sucede"
            r"|que hacen|se passe quoi|qu'est-ce qui se passe|que se passe|ils font quoi|was passiert|was dann"
            r"|o que acontece|que acontece|e ai)\b"
            # "and if nobody's home on Monday?": a bare conditional asked as a question.
            r"|.*?(?:^|[.!?;]\s*)\W*(?:and |y |et |und |e |but |pero |mais |aber |mas )?"
            r"(?:if|si|s'il|wenn|falls|se)\b[^?]*\?)"
            r"(?=.*\b(?:not (?:home|there|in|around)|nobody(?:'s| is)? (?:home|there)"
            r"|no ?ones?(?:'s| is)? (?:home|there)"
            r"|miss (?:it|the (?:driver|delivery))|won'?t be (?:home|there)|no (?:estoy|estamos|hay nadie|voy a estar)"
            r"|(?:ne )?suis pas (?:la|chez moi|a la maison)|(?:n'y a|y a) personne|absent\w*"
            r"|nicht (?:da|zu ?hause|daheim)|niemand (?:da|zu ?hause)"
            r"|nao (?:estiver|estou|tiver ninguem|houver ninguem|vou estar|tiver em casa)|ninguem em casa|nadie en casa"
            r"|personne (?:a la maison|chez moi)|keiner (?:da|zu ?hause))\b)",
            re.S,
        ),
    ),
    Topic(
        "holiday_store_hours",
        "policy:pickup#holiday-hours",
        re.compile(
            # "what are your hours on Christmas Eve?", "¿abrís el día de Navidad?": the holiday hours.
            r"^(?=.*\b(?:(?:store|opening) hours|hours|(?:are|is) (?:you|the stores?|your stores?) open|open on"
            r"|(?:stores?|you|u|y'?all)(?: \w+)? open"
            r"|horario|abren|abris|cierran|horaires|ouvert\w*|ouvrez|offnungszeit\w*|geoffnet|offen"
            r"|habt ihr (?:offen|auf)"
            r"|abre a loja|as lojas abrem|abrem|a loja fecha"
            # closing time asked: "ils ferment à quelle heure le 24?", "when do you close on the 24th?"
            r"|close|closes|closing|ferment|fermez|fermeture|cierra|cierran|schliesst|schliessen|fecham"
            r"|(?:habt ihr|haben sie|ist (?:der|euer|ihr) laden)(?: am \d+\.?)? zu)\b)"
            r"(?=.*\b(?:christmas|xmas|new year'?s?|holidays?|nochebuena|navidad|ano nuevo|fin de ano|noel|reveillon"
            r"|jour de l'an|saint-sylvestre|heiligabend|weihnachten|silvester|neujahr|feiertage?n?|vespera de natal"
            # ("open 24 hours", "abren 24 horas", "24/7": round the clock, not the 24th)
            r"|natal|ano novo|24(?:th)?(?! ?(?:hours?|hrs?|horas|heures|stunden|std|h)\b|/7)|25(?:th)?|31(?:st)?)\b)",
            re.S,
        ),
    ),
    Topic(
        "store_hours",
        "policy:pickup#store-hours",
        _rx(
            r"\b(?:what time|when) (?:are|do) (?:you|your stores?|the stores?) (?:guys )?(?:open|close)\b"
            r"|\b(?:store|shop) hours\b|\bare (?:you|your stores?) open (?:on )?(?:sundays?|saturdays?|today"
            r"|tomorrow)\b",
            r"\b(?:a que hora|cuando) (?:abren|cierran) (?:las tiendas|la tienda|ustedes)?\b"
            r"|\bhorario de (?:la )?tienda\b|\b(?:que|q) horario (?:tienen|teneis|tiene|hay)\b"
            r"|\b(?:abren|abris|abrís) (?:el dia de )?(?:navidad|nochebuena|ano nuevo)\b",
            r"\b(?:a quelle heure|quand) (?:ouvrez|fermez|ouvre|ferme)[- ](?:vous|le magasin|la boutique)\b"
            r"|\bhoraires du magasin\b",
            r"\b(?:wann|um wie viel uhr) (?:habt ihr|haben sie|hat (?:der|die) (?:laden|filiale)) (?:offen"
            r"|geoffnet|auf)\b"
            r"|\boffnungszeiten (?:der|eurer|ihrer) (?:laden|filialen?|geschafte)\b",
            r"\b(?:que horas|quando) (?:a loja|as lojas|voces) (?:abre|abrem|fecha|fecham)\b|\bhorario da loja\b",
            # "and ur stores on sunday?", "¿y las tiendas el domingo?", "und die Läden sonntags?".
            r"\b(?:stores?|shops?|tiendas?|magasins?|boutiques?|laden|filialen?|geschafte|lojas?)\b\W+(?:\w+\W+){0,3}?"
            r"(?:on |el |le |am |no |os |los |les )?(?:sundays?|saturdays?|weekends?|domingos?|sabados?|"
            r"dimanches?|samedis?|week-ends?|sonntags?|samstags?|wochenende|fin de semana|fim de semana)\b",
        ),
    ),
    Topic(
        "processing_time",
        "policy:shipping#processing",
        _rx(
            r"\bhow long (?:does it|do they|will it|until it|before it) (?:take to |usually take to )?(?:ship"
            r"|leave|go out|"
            r"get shipped|be shipped)\b|\bwhen (?:do|will) (?:you|orders) (?:usually )?ship\b",
            r"\b(?:cuanto tarda(?:n)? en (?:salir|enviar|despachar)|cuando (?:sale|salen|envian)(?: normalmente)?)\b",
            r"\b(?:combien de temps (?:pour|avant) (?:l'|qu'il soit )?(?:expedi|envoy)\w*"
            r"|quand (?:est-ce que )?vous expediez)\b",
            r"\b(?:wie lange dauert (?:es|der versand),? bis (?:sie|es|die bestellung) (?:verschickt|versandt"
            r"|raus)\w*)\b",
            r"\b(?:quanto tempo (?:demora|leva) para (?:sair|ser enviad[oa]|despachar)|quando voces enviam)\b",
            # "how long does it usually take to leave the warehouse?", "quanto tempo costuma demorar a sair?"
            r"\b(?:leave|leaves) (?:the|your) warehouse\b|\bsalir del (?:almacen|deposito|bodega)\b"
            r"|\bcuanto (?:tarda\w*|demora\w*|tiempo tarda\w*) en (?:salir|enviar\w*|despachar\w*)\b",
            r"\b(?:combien de temps|en combien de temps)\b.{0,30}\b(?:expedi\w*|partir|quitter l'entrepot)\b",
            r"\bwie lange\b.{0,40}\b(?:verschickt|versendet|das lager verlasst|rausgeht)\b",
            r"\bquanto tempo\b.{0,30}\b(?:sair do armazem|sair|ser enviad[oa]|despach\w*)\b",
        ),
    ),
    Topic(
        "someone_else_picks_up",
        "policy:pickup#someone-else",
        _rx(
            r"\b(?:can|could) (?:my|a) (?:friend|neighbou?r|wife|husband|partner|mom|mum|dad|son|daughter|bf|gf"
            r"|boyfriend|girlfriend|roomie|flatmate|housemate|fiance|fiancee"
            r"|sister|brother|"
            r"roommate|colleague) (?:pick|grab|collect|get)\b|\b(?:does|do|will) (?:she|he|they) need (?:my"
            r"|an?|her|his) "
            r"(?:id|photo id|code|note)\b",
            r"\b(?:puede|podria) (?:recogerlo|ir a buscarlo) (?:mi|un|una) \w+\b"
            r"|\b(?:lo|la) (?:puede|podria) (?:ir a )?(?:buscar|recoger|retirar) (?:mi|un|una) \w+\b"
            r"|\b(?:mi|un|una) \w+ (?:puede|podria) (?:ir a )?(?:buscarlo|recogerlo|retirarlo|buscarla|recogerla)\b"
            r"|\bnecesita (?:mi|su) (?:dni"
            r"|identificacion)\b|\b(?:puede|podria) ir (?:mi|un|una) \w+ a (?:recogerlo|buscarlo)\b",
            r"\b(?:est-ce qu'?(?:un|une|mon|ma) \w+ peut (?:le )?(?:retirer|recuperer))\b"
            r"|\b(?:mon|ma|un|une) \w+ (?:peut|pourrait) (?:aller )?(?:le |la )?(?:chercher|retirer|recuperer)\b"
            r"|\bbesoin de ma piece d'identite\b",
            r"\b(?:kann (?:mein|meine|ein|eine) \w+ (?:es |das |das paket )?(?:fur mich )?abholen)\b|\bbraucht (?:er"
            r"|sie) meinen ausweis\b",
            r"\b(?:(?:meu|minha|um|uma) \w+ pode (?:ir )?(?:retirar|buscar|levantar))\b"
            r"|\bprecisa (?:do )?meu (?:documento|rg)\b",
        ),
    ),
    Topic(
        "delivery_instructions",
        "policy:delivery#instructions",
        _rx(
            r"\b(?:can|could|will) (?:he|she|they|the driver|the courier|you) (?:just )?leave it (?:by|at|in"
            r"|with|behind|"
            r"next to|on)\b|\bleave it (?:by|at|behind) the (?:garage|back door|side door|porch|gate)\b"
            # "can my neighbor take it for me if im not home?": a neighbour taking it in is an instruction.
            r"|\b(?:can|could|will) (?:my|the|a) (?:neighbou?rs?|doorman|concierge|roommate) (?:\w+ )?(?:take|sign for"
            r"|accept|receive|hold|get|grab) (?:it|them|the (?:package|parcel|box))\b|\bleave it with (?:my|the|a)"
            r" (?:neighbou?r|doorman|concierge)\b",
            # (not "me lo pueden dejar en un punto de recogida": a redirect to a pickup point)
            r"\b(?:lo pueden|puede|pueden) dejar (?:en|con|junto)\b(?!.{0,25}\b(?:punto|locker|casillero|oficina"
            r"|sucursal|tienda|taquilla)\b)"
            r"|\b(?:mi|el|la) vecin[oa] (?:\w+ )?(?:puede|podria) (?:recibir|recoger|agarrar)",
            r"\b(?:(?:il|ils|le livreur) (?:peut|peuvent) le (?:laisser|deposer))\b"
            r"(?!.{0,25}\b(?:point|relais|consigne|casier|bureau de poste|locker)\b)"
            r"|\b(?:mon|ma|le|la) voisin(?:e)? (?:peut|pourrait) (?:le |la )?(?:prendre|recevoir|receptionner)\b",
            r"\b(?:(?:kann|konnen) (?:er|sie|der bote) es (?:einfach )?(?:vor|bei|an|in) (?:der|die|den|dem) \w+ "
            r"(?:abstellen|lassen|ablegen))\b"
            r"|\b(?:kann|darf|konnte) (?:mein|meine|der|die) nachbar(?:in)? (?:es |das paket )?"
            r"(?:annehmen|entgegennehmen)\b",
            r"\b(?:(?:ele|eles|o entregador) (?:pode|podem) deixar)\b(?!.{0,25}\b(?:ponto|armario|agencia|locker)\b)"
            r"|\b(?:meu|minha|o|a) vizinh[oa] (?:pode|poderia) (?:receber|pegar)\b",
        ),
    ),
    Topic(
        "pickup_bring",
        "policy:carrier#available-for-pickup",
        _rx(
            # "what do I need to bring?" to collect a parcel at a point.
            r"\bwhat (?:do|should|must) i (?:need to |have to )?(?:bring|take)\b"
            r"|\bdo i need (?:an? |my )?(?:id|photo id|ident\w*)\b"
            r"|\b(?:do|should|must) i (?:need to |have to )?bring (?:anything|something|any\w*)\b",
            r"\b(?:que|q) (?:tengo que|debo|hay que|necesito) (?:llevar|presentar)\b|\bnecesito (?:el |mi )?(?:dni|ine"
            r"|identificacion|cedula)\b",
            r"\b(?:qu'est-ce que|que) (?:je dois|dois-je|il faut) (?:apporter|amener|prendre|presenter)\b|\bil faut "
            r"(?:une |ma )?piece d'identite\b|\b(?:je dois|il faut|faut) (?:apporter|amener|presenter) quoi\b"
            r"|\b(?:faut-il|dois-je|je dois|il faut) (?:apporter|amener|presenter) quelque chose\b",
            r"\bwas (?:muss|soll) ich (?:denn )?(?:mitnehmen|mitbringen|vorzeigen)\b|\bbrauche? ich (?:einen |meinen )?"
            r"(?:ausweis|pass)\b|\b(?:muss|soll) ich (?:\w+ )?(?:was|etwas) (?:mitnehmen|mitbringen)\b",
            r"\bo que (?:eu )?(?:preciso|tenho que|devo) (?:levar|apresentar)\b|\bpreciso (?:de )?(?:documento|rg|"
            r"identidade)\b|\b(?:preciso|tenho que|devo) levar (?:alguma coisa|algo)\b",
        ),
    ),
)


#: Chat spellings of English words the topics are written in: "do u guys ship to canada", "r ur stores open".
_CHAT_WORDS = {"u": "you", "ur": "your", "r": "are"}
_CHAT_WORD = re.compile(r"\b(?:u|ur|r)\b")


def topics_of(text: str) -> list[Topic]:
    """Every policy topic the message asks about, in the registry's order ("what's the cut-off for
    2-day shipping and how much is it?" asks two)."""
    folded = _CHAT_WORD.sub(lambda m: _CHAT_WORDS[m.group()], ERRAND.sub(" ", fold(text)))
    found = [t for t in TOPICS if t.pattern.search(folded)]
    names = {t.name for t in found}
    if "shipping_cost" in names and "holiday_cutoff" not in names and _ASKS_DEADLINE.search(folded):
        # "and 2-day, what does it cost and until when can I order it?": the price and the cut-off.
        found = [t for t in TOPICS if t in found or t.name == "holiday_cutoff"]
        names.add("holiday_cutoff")
    return [t for t in found if not any(t.name in _OVERRULES.get(n, ()) for n in names)]


#: A topic that says what a look-alike one means: "how long does the pending charge stay?" asks about the
#: card, not how long a parcel is held.
_OVERRULES: dict[str, frozenset[str]] = {
    "card_charged": frozenset({"pickup_hold"}),
    # "vocês entregam no dia de natal?" asks about a day, not a place.
    "carrier_holiday": frozenset({"ship_where"}),
}


#: "do I have to send it back, or just get my money?" about a damaged or wrong item: the written rule
#: for those (no return needed unless asked). Not in TOPICS: about an ordinary return it means the label.
DAMAGED_SEND_BACK = Topic(
    "damaged_send_back",
    "policy:returns#damaged",
    _rx(
        r"\b(?:send|ship|mail|post) (?:it|them|this|the \w+) back\b|\breturn (?:it|them)\b",
        r"\b(?:devolver(?:lo|la|los|las)?|mandar(?:lo|la)? de vuelta|enviar(?:lo|la)? de vuelta)\b",
        r"\b(?:renvoyer|retourner|le renvoyer|la renvoyer|les renvoyer)\b",
        r"\b(?:zuruckschicken|zurucksenden|zuruck ?schicken|retournieren)\b",
        r"\b(?:devolver|mandar de volta|enviar de volta|devolve-lo|devolve-la)\b",
    ),
)


def of_articles(articles: list[str]) -> list[Topic]:
    """One topic per article cited ("policy:shipping#holiday-cutoffs" -> holiday_cutoff), in order."""
    out = []
    for article in articles:
        topic = next((t for t in TOPICS if t.article == article), None)
        if topic is not None and topic not in out:
            out.append(topic)
    return out


def topic_of(text: str) -> Topic | None:
    """The first policy topic the message asks about, or None."""
    found = topics_of(text)
    return found[0] if found else None
