"""Cue words in five languages for what an intent alone does not say about a message.

The classifier says what a message is about (a status question, a return); these cues say how it
relates to the conversation: a correction of an order number, a pointer to "the other order", a
question about the time or date of a delivery, an answer yes or no, a threat of a chargeback, a
customer losing patience. Each is a short pattern list per language, matched on lower-case text
with accents folded, so "¿y para cuándo?" and "y para cuando" read the same.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened: the form every cue is matched on."""
    text = unicodedata.normalize("NFKD", (text or "").lower().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


#: "oops, typo, the right one is ...", "no wait, it's ...", "sorry wrong number", "I meant ...".
CORRECTION = _rx(
    r"\b(?:oops|whoops|typo|my bad|my mistake|sorry,? (?:wrong|that was wrong|i meant)|wrong (?:one|number|order|"
    r"email|zip|code)|i meant|meant to (?:say|type|write)|correct (?:one|number|order) is|right (?:one|number|order) "
    r"is|actually it'?s|no wait|scratch that|not that one|that'?s not (?:it|right|my order)|misread|mistyped)\b",
    r"\b(?:perdon|me equivoque|error(?: mio)?|equivocad[oa]|el correcto es|el bueno es|quise decir|"
    r"numero equivocado|correo equivocado)\b",
    r"\b(?:pardon|oups|erreur|je me suis trompe|le bon (?:numero|c'est)|c'est plutot|je voulais dire|"
    r"mauvais numero|faute de frappe)\b",
    r"\b(?:sorry|hoppla|ups|tippfehler|vertippt|falsche (?:nummer|bestellnummer|mail|e-mail)|"
    r"die richtige (?:ist|nummer)|ich meinte|korrektur|verschrieben|nein,? (?:es ist|die)|stattdessen)\b",
    r"\b(?:desculp[ae]|errei|me enganei|engano|o certo e|o correto e|quis dizer|numero errado|email errado|"
    r"digitei errado)\b",
)

#: "the other order", "the earlier one", "my first order", "the one before".
OTHER_ORDER = _rx(
    r"\b(?:the |my )?(?:other|earlier|previous|older|first|1st|former|original) (?:one|order|package|parcel)\b",
    r"\bthe one (?:before|from before|i asked about (?:first|before))\b",
    r"\b(?:el otro|la otra|el (?:pedido )?anterior|el primer(?:o)? (?:pedido)?|mi otro pedido)\b",
    r"\b(?:l'autre|la (?:commande )?precedente|ma premiere commande|mon autre (?:commande|colis))\b",
    r"\b(?:die andere|das andere|die (?:erste|vorherige|fruhere) bestellung|meine andere bestellung|"
    r"das (?:erste|vorherige) paket)\b",
    r"\b(?:o outro|a outra|o (?:pedido )?anterior|o primeiro pedido|meu outro pedido|a outra encomenda)\b",
)

#: A question about when: the date, the hour, today or tomorrow, "how long".
WHEN = _rx(
    r"\b(?:when|what time|which time|what hour|at what hour|what day|which day|the date|how long|how many days|"
    r"eta|arriv\w*|get here|be here|come today|today|tonight|tomorrow|by (?:christmas|friday|monday|the weekend|"
    r"tomorrow|saturday|sunday|the \d+\w*)|before (?:christmas|friday|the weekend)|delivery date|expected|"
    r"estimate\w*)\b",
    r"\b(?:cuando|a que hora|que dia|para cuando|hoy|manana|cuanto tarda|fecha|llega\w*)\b",
    r"\b(?:quand|a quelle heure|quel jour|aujourd'?hui|demain|combien de temps|date|arrive\w*)\b",
    r"\b(?:wann|um wie ?viel uhr|welche uhrzeit|welchen tag|heute|morgen|wie lange|datum|kommt|ankommen)\b",
    r"\b(?:quando|que horas|a que horas|que dia|hoje|amanha|quanto tempo|data|chega\w*)\b",
)
#: Of the WHEN questions, the ones about the hour of the day.
HOUR = _rx(
    r"\b(?:what time|which time|what hour|at what hour|how late|morning|afternoon|evening|tonight|time window)\b",
    r"\b(?:a que hora|que hora|por la (?:manana|tarde|noche))\b",
    r"\b(?:a quelle heure|quelle heure|le matin|l'apres-midi|ce soir)\b",
    r"\b(?:um wie ?viel uhr|welche uhrzeit|uhrzeit|vormittags|nachmittags|abends)\b",
    r"\b(?:que horas|a que horas|de manha|a tarde|a noite)\b",
)

#: A question about where the parcel is now.
WHERE = _rx(
    r"\b(?:where (?:is|'?s) (?:it|my (?:order|package|parcel|stuff|box))(?: (?:right )?now| at)?|where (?:is it|now)|"
    r"location|current(?:ly)? (?:location|status)|last scan|latest scan)\b",
    r"\b(?:donde (?:esta|anda|se encuentra)|ubicacion)\b",
    r"\b(?:ou (?:est|en est)|ou se trouve|localisation)\b",
    r"\b(?:wo (?:ist|befindet)|standort|aktuell(?:er)? (?:stand|status))\b",
    r"\b(?:onde (?:esta|fica|anda)|localizacao)\b",
)
#: A question about who is bringing it.
WHO = _rx(
    r"\b(?:who(?:'?s| is) (?:delivering|bringing|shipping|carrying)|which (?:carrier|courier|company)|what carrier|"
    r"(?:the )?courier|shipping company)\b",
    r"\b(?:quien (?:lo |la )?(?:trae|entrega|lleva)|que (?:empresa|transportista|paqueteria))\b",
    r"\b(?:qui (?:livre|apporte)|quel (?:transporteur|livreur))\b",
    r"\b(?:wer (?:liefert|bringt)|welche[rs]? (?:paketdienst|zusteller|versanddienst))\b",
    r"\b(?:quem (?:entrega|traz)|qual (?:transportadora|empresa))\b",
)

YES = _rx(
    r"^\W*(?:yes|yep|yeah|yup|ya|y|sure|ok|okay|k|confirm(?:ed)?|do it|go ahead|please do|sounds good|perfect|"
    r"correct|that one|that'?s (?:it|right|fine|good)|absolutely|of course|definitely|please)\b",
    r"^\W*(?:si|vale|claro|dale|de acuerdo|confirmo|adelante|perfecto|por favor|ok|sale|listo|hazlo)\b",
    r"^\W*(?:oui|ouais|d'?accord|ok|parfait|je confirme|allez-y|vas-y|c'est bon|volontiers|bien sur)\b",
    r"^\W*(?:ja|jawohl|jep|genau|ok|okay|passt|gerne|bitte|einverstanden|mach (?:das|es)|bestatige|klar)\b",
    r"^\W*(?:sim|pode|pode ser|ok|claro|confirmo|beleza|isso|certo|com certeza|fechado|por favor)\b",
)
NO = _rx(
    r"^\W*(?:no|nope|nah|n|cancel|stop|don'?t|do not|never ?mind|not now|no thanks|leave it|forget it)\b",
    r"^\W*(?:no|cancela\w*|mejor no|dejalo|olvidalo)\b",
    r"^\W*(?:non|annule\w*|laisse tomber|pas maintenant|non merci)\b",
    r"^\W*(?:nein|ne|nee|abbrechen|storniere?n?|lieber nicht|vergiss es)\b",
    r"^\W*(?:nao|cancela\w*|deixa|esquece|agora nao)\b",
)

#: Chargebacks, bank disputes, lawyers, courts, consumer agencies.
DISPUTE = _rx(
    r"\b(?:charge ?back|dispute|my bank|the bank|credit card company|paypal claim|lawyer|attorney|sue|suing|"
    r"legal action|court|small claims|bbb|better business bureau|consumer protection|attorney general|report you|"
    r"fraud report|scam report)\b",
    r"\b(?:contracargo|disputa|mi banco|abogad[oa]|demanda\w*|denuncia\w*|tribunal|juzgado|consumo|profeco|estafa)\b",
    r"\b(?:rejet de paiement|litige|ma banque|avocat|porter plainte|plainte|tribunal|justice|"
    r"repression des fraudes|arnaque)\b",
    r"\b(?:ruckbuchung|chargeback|meine bank|anwalt|klage|verklagen|gericht|verbraucherzentrale|anzeige|betrug)\b",
    r"\b(?:estorno|contestacao|meu banco|advogad[oa]|processo|processar|procon|justica|reclame aqui|golpe)\b",
)

#: A customer losing patience: repeating themselves, "what will you do now?", "useless".
FRUSTRATION = _rx(
    r"\b(?:(?:asked|told|said|written|wrote|contacted|messaged) (?:you |this )?(?:\w+ )?(?:three|3|four|4|five|5|"
    r"several|many|multiple|so many|a (?:few|dozen)) times|(?:for|asking) the (?:third|3rd|fourth|fifth|"
    r"\d+th) time|(?:i )?already (?:told|asked|said|explained|gave you)|how many (?:more )?times|"
    r"again and again|same (?:answer|thing|reply|message) (?:again|over)|you keep (?:saying|telling|repeating)|"
    r"so what (?:will|are|do) you (?:do|going to do)|what (?:are|will) you (?:going to )?do about it|"
    r"what now\?*$|this is (?:useless|ridiculous|a joke|unacceptable|insane|absurd)|useless|waste of (?:my )?time|"
    r"worst (?:service|company|shop)|fed up|sick (?:and tired )?of|had enough|i'?m done|not acceptable|"
    r"unacceptable|pathetic|incompetent|talking to a wall|you'?re not (?:helping|listening)|"
    r"not helpful|no help at all|stop (?:repeating|sending))\b",
    r"\b(?:ya (?:te |les )?(?:dije|pregunte|explique)|otra vez lo mismo|por (?:tercera|cuarta|quinta) vez|"
    r"cuantas veces|no sirve(?:s)? para nada|inutil|es una verguenza|estoy harto|estoy harta|que vais a hacer|"
    r"que van a hacer|inaceptable|pesimo servicio|una tomadura de pelo)\b",
    r"\b(?:je (?:vous )?l'ai deja dit|deja demande|pour la (?:troisieme|quatrieme|cinquieme) fois|combien de fois|"
    r"ca ne sert a rien|inutile|inadmissible|inacceptable|j'en ai marre|ras le bol|vous allez faire quoi|"
    r"que comptez-vous faire|honteux|lamentable|n'importe quoi)\b",
    r"\b(?:schon (?:dreimal|mehrmals|zigmal|x-mal|oft) (?:gefragt|geschrieben|gesagt)|zum (?:dritten|vierten|"
    r"funften) mal|wie oft noch|(?:immer )?wieder dasselbe|nutzlos|sinnlos|unverschamt|unmoglich|frechheit|"
    r"es reicht|ich habe genug|was (?:wollen|werden) sie (?:jetzt )?(?:tun|machen)|inakzeptabel|"
    r"katastrophe|lacherlich|hilft (?:mir )?nicht)\b",
    r"\b(?:ja (?:te |lhe )?(?:disse|perguntei|expliquei)|pela (?:terceira|quarta|quinta) vez|quantas vezes|"
    r"de novo a mesma|nao serve pra nada|inutil|absurdo|inaceitavel|estou farto|estou farta|cansad[oa] de|"
    r"o que (?:voces )?vao fazer|vergonha|pessimo atendimento|palhacada)\b",
)

#: Sarcasm: praise that means the opposite ("great, really helpful, thanks a lot").
SARCASM = _rx(
    r"\b(?:thanks? for nothing|(?:great|wow|oh|gee|yeah),? (?:really |so |very )?(?:helpful|useful|great)|"
    r"(?:really|so|very|super) helpful(?:,| not)|thanks a lot(?:\.{2,}|!{2,}| for nothing|,? really)|"
    r"great,? (?:just )?great|wonderful,? just|oh (?:great|perfect|wonderful)|what a (?:great|wonderful) help|"
    r"big help|real(?:ly)? helpful,? thanks|/s)\b",
    r"\b(?:gracias por nada|muy util,? (?:si|eh)|que (?:gran )?ayuda,? (?:eh|gracias)|genial,? (?:de verdad|gracias)|"
    r"pues muchas gracias)\b",
    r"\b(?:merci pour rien|tres utile,? (?:merci|vraiment)|super,? merci|genial,? vraiment|quelle aide)\b",
    r"\b(?:danke fur nichts|sehr hilfreich,? (?:danke|wirklich)|toll,? (?:danke|wirklich)|super hilfreich|"
    r"na toll|ganz toll)\b",
    r"\b(?:obrigad[oa] por nada|muito util,? (?:obrigad[oa]|mesmo)|otimo,? (?:obrigad[oa]|mesmo)|que ajuda)\b",
)

#: Swearing, in a conversation with a shop. Mild words ("damn") alone do not count.
PROFANITY = _rx(
    r"\b(?:fuck\w*|f\*+k\w*|wtf|shit\w*|bullshit|crap|bastard\w*|asshole\w*|bitch\w*|dick\w*|screw you|"
    r"piss(?:ed)? off|idiot\w*|morons?|stupid bot|dumb bot)\b",
    r"\b(?:mierda|joder|puta\w*|cabron\w*|idiota\w*|gilipollas|carajo|pendej\w*|chinga\w*)\b",
    r"\b(?:merde|putain|connard\w*|bordel|foutu\w*|abruti\w*|idiot\w*)\b",
    r"\b(?:scheisse|scheiss\w*|verdammt\w*|arschloch|idiot\w*|mist(?:laden)?|kacke)\b",
    r"\b(?:merda|porra|caralho|idiota\w*|droga de)\b",
)


def aspect(text: str) -> str | None:
    """What a follow-up about an order asks: `when`, `where` or `who` (None: the whole status)."""
    folded = fold(text)
    for name, rx in (("who", WHO), ("when", WHEN), ("where", WHERE)):
        if rx.search(folded):
            return name
    return None


def any_of(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(fold(text)))


def is_yes(text: str) -> bool:
    return bool(YES.search(fold(text))) and not is_no(text)


def is_no(text: str) -> bool:
    return bool(NO.search(fold(text)))


_NOT_SHOUTED = re.compile(r"<[A-Z_]+_\d+>|\S*\d\S*|\S+@\S+|\b(?:UPS|USPS|DHL|ZIP|ETA|RMA|USA|OK|FEDEX|CEP|PLZ|NIF)\b")


def shouting(text: str) -> bool:
    """Most of a message in capitals, with at least three words of three letters or more (placeholders,
    numbers, emails and carrier names aside)."""
    words = re.findall(r"[^\W\d_]{3,}", _NOT_SHOUTED.sub(" ", text))
    upper = [w for w in words if w.isupper()]
    return len(upper) >= 3 and len(upper) >= 0.6 * len(words)
