"""Topics from before the parcel reaches the door: the order placed, charged and confirmed, the support
team's hours, and how, where, how fast and until when we ship.

One of the three tables the registry puts in order (shipping, delivery, returns), split by the stage
of the purchase each question is about.
"""

from __future__ import annotations

import re

from .. import topic_words as words
from .topic import Topic, rx

#: Places outside the mainland US a customer names when asking whether, or how long, we ship there: the
#: territories, Alaska and Hawaii, and abroad, with the cities people name instead of the place.
FAR_PLACES = (
    r"(?:puerto rico|porto[- ]rico|alaska|hawaii|hawai|havai|guam|virgin islands|islas virgenes|iles vierges"
    r"|ilhas virgens|jungferninseln|samoa|canada|mexico|europe|europa|uk"
    r"|germany|alemania|allemagne|deutschland|france|francia|frankreich|brasil|brazil|portugal|espana|spain"
    r"|espagne|spanien|england|ireland|australia|toronto|montreal|vancouver|calgary|ottawa|quebec|honolulu|maui"
    r"|oahu|anchorage|juneau|fairbanks|san juan|pr|london|paris|berlin|madrid|lisbon|lisboa|sao paulo"
    r"|down under|new zealand|nz|india|japan|singapore|dubai|overseas|abroad)"
)


def _when_ordering(*parts: str) -> re.Pattern[str]:
    """A pattern that counts only in a message about placing an order (not about sending one back)."""
    return re.compile(rf"^(?=.*{words.ORDERING.pattern})(?!.*{words.RETURNING})(?:.*?)(?:{rx(*parts).pattern})", re.S)


TOPICS: tuple[Topic, ...] = (
    Topic(
        # "Et votre service client répond jusqu'à quelle heure ?": when the support team answers.
        "support_hours",
        "policy:support#contact",
        rx(
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
        rx(
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
        "notifications",
        "policy:orders#notifications",
        rx(
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
        rx(
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
        rx(
            r"\b(?:have|did|has) (?:you|it|they) (?:already )?(?:charged?|billed?) (?:me|my card|my account)\b"
            # "my card already shows a charge from you", "i thought you only charge when it ships"
            r"|\b(?:card|account|statement|bank) (?:already )?(?:shows|says|has)\b.{0,20}\b(?:charge|payment|debit)\b"
            r"|\b(?:you|they) (?:only )?charge (?:when|once|after) (?:it|the order) ships\b"
            r"|\bwhen (?:do|will) (?:you|i) (?:charge|be charged|get charged)\b|\b(?:was|been) (?:i )?charged\b"
            r"|\bwhen (?:does|will|do) (?:my card|my account|it|the payment) (?:get |be )?(?:charged|billed|taken)\b"
            r"|\b(?:pending|pre-?authori[sz]ed?) (?:charge|authori[sz]ation|payment|hold)\b"
            r"|\b(?:just|only) a (?:hold|pending charge|pre-?auth\w*|authori[sz]ation)\b"
            # "amount is already debited from his card or only when it is dispatched?"
            r"|\b(?:amount|money|payment|price)\b.{0,25}\b(?:debited|deducted|taken out|charged)\b"
            r"|\b(?:debited|deducted)\b.{0,20}\b(?:card|account|bank)\b",
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
        "ship_where",
        "policy:shipping#where",
        rx(
            # "do you ship to Canada?", "est-ce que vous livrez au Québec?": where the shop delivers.
            r"\b(?:do|can|will) you (?:guys )?(?:ship|deliver|send)(?: orders?)? (?:to|outside)\b"
            r"(?! (?:my|the|a|your|po) )"
            r"|\binternational (?:shipping|delivery)\b"
            # "any chance you ship down under?", "do u guys post overseas"
            r"|\b(?:you|u|y'?all|ya) (?:guys )?(?:ship|deliver|send|post)\w*\b.{0,20}\b(?:overseas|abroad"
            r"|internationally|worldwide|down under|outside (?:the )?(?:us|usa|u\.s\.|states|country))\b"
            # "can i ship a gift straight to my friend in toronto": a place we may not ship to, named by its city.
            rf"|\b(?:ship|send|deliver|mail)\w* .{{0,40}}\b(?:in|to) (?:\w+ )?{FAR_PLACES}\b"
            rf"|\bhow (?:much )?long(?:er)? .{{0,40}}\b(?:to|in) {FAR_PLACES}\b"
            rf"|\b(?:to|in) {FAR_PLACES}\b.{{0,40}}\bhow (?:much )?long(?:er)?\b"
            # "What about Hawaii then? ... is it a lot slower?"
            rf"|\bwhat about {FAR_PLACES}\b|\b{FAR_PLACES}\b.{{0,60}}\b(?:slower|take longer|extra days?)\b",
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
            r"|para(?: el)?|pa(?:l)?) (?:24|nochebuena|navidad|24/12)\b|\bhasta que dia (?:se puede"
            r"|puedo) (?:pedir|comprar)\b"
            r"|\bfecha limite\b|\bhasta cuando (?:puedo|se puede|podemos) (?:pedir|comprar|encargar)\b"
            r"|\bultimo dia (?:para|pa|p/) (?:pedir|comprar|ordenar|encargar)\b"
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
        rx(
            rf"\b{words.COST}\b.{{0,60}}\b{words.SHIPPING}\b",
            rf"\b{words.SHIPPING}\b.{{0,60}}\b{words.COST}\b",
            # "do I pay for shipping? cart is like $120", "el envio lo pago yo?", "zahl ich Versand?", "pago portes?"
            r"\b(?:do|will|would|must) (?:i|we) (?:have to |need to )?pay (?:for )?(?:the )?shipping\b"
            r"|\benvio\b.{0,10}\b(?:lo |la )?pago yo\b|\bpago (?:yo )?(?:el )?envio\b"
            r"|\b(?:zahl|zahle|bezahl|bezahle) ich (?:den |fur den |fur )?versand\b"
            r"|\b(?:je paie|on paie|dois-je payer) (?:la |les )?(?:livraison|frais de port)\b"
            r"|\bpago (?:os )?portes\b|\bpago (?:o )?frete\b",
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
        "weekend_delivery",
        "policy:shipping#weekend",
        rx(
            r"\b(?:do|does|will|would)\s+(?:they|you|you guys|ups|fedex|usps|dhl|the carriers?|carriers)\s+(?:even\s+)?"
            r"deliver\b.{0,30}\b(?:saturdays?|sundays?|weekends?)\b"
            # "saturday delivery hoti hai?", "is there sunday delivery with ups?", "weekend deliveries?"
            r"|\b(?:saturday|sunday|weekend)(?: \w{1,3})? deliver(?:y|ies)\b[^.]{0,30}\?"
            # "if something ships ups ground will it come on a saturday": asked of a carrier, not of an order.
            r"|\bif (?:something|anything|it|stuff|a (?:package|parcel|order)|my order) (?:ships|is shipped"
            r"|goes|is sent)\b.{0,40}\b(?:saturdays?|sundays?|weekends?)\b",
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
        rx(
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
        "processing_time",
        "policy:shipping#processing",
        rx(
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
)
