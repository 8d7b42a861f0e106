"""How the customer feels: anger, a threat of a dispute, sarcasm, swearing, a sigh, shouting, joy, a
parcel found after all, a holiday wish."""

from __future__ import annotations

import re

from .text import _rx, fold

_SAD = re.compile(
    "[\U0001f629\U0001f62b\U0001f622\U0001f62d\U0001f61e\U0001f614\U0001f61f\U0001f615\U0001f641\u2639"
    "\U0001f620\U0001f621\U0001f624\U0001f92c\U0001f644\U0001f612\U0001f494\U0001f625\U0001f613]"
)


def sad_face(text: str) -> bool:
    """Only faces, and a sad or cross one among them ("😩😩", "🙄"): a feeling about the answer, no words."""
    return bool(_SAD.search(text)) and not re.search(r"[^\W_]", text)


#: Holiday wishes and praise: answered in kind, never with a policy.
HOLIDAY_WISH = _rx(
    r"\b(?:merry (?:christmas|xmas)|happy (?:holidays|new year|hanukkah|thanksgiving)|season'?s greetings)\b",
    r"\b(?:feliz (?:navidad|ano nuevo|natal|ano novo)|felices fiestas|boas festas)\b",
    r"\b(?:joyeux noel|bonnes fetes|bonne annee)\b",
    r"\b(?:frohe (?:weihnachten|festtage)|frohes (?:fest|neues)|guten rutsch)\b",
)

GLAD = _rx(
    r"\b(?:found it|it'?s here|got it|arrived|came|love (?:it|them)|awesome|amazing|perfect fit|fits (?:great|"
    r"perfectly)|all good|never ?mind|no worries|problem solved|sorted)\b",
    r"\b(?:lo encontre|ya llego|ya lo tengo|me encanta|todo bien|ya esta)\b",
    r"\b(?:je l'ai trouve|c'est arrive|je l'ai recu|j'adore|tout est bon|c'est bon)\b",
    r"\b(?:gefunden|ist (?:doch )?angekommen|ist da|hab(?:e)? es|alles gut|passt (?:perfekt|super))\b",
    r"\b(?:achei|encontrei|chegou|ja recebi|adorei|tudo certo)\b",
)

#: Chat about the bot's day: "bet you're swamped this time of year", "must be crazy for you guys".
CHITCHAT = _rx(
    r"\b(?:bet (?:you'?re|ur|you are|u r) (?:\w+ )?(?:busy|swamped|slammed|exhausted|tired)|must be (?:so |really )?"
    r"(?:busy|crazy|hectic|nuts) (?:for|at|over)"
    r"|(?:busy|crazy|hectic) (?:time|season) (?:of (?:the )?year )?for (?:you|u)"
    r"|do you (?:ever )?(?:sleep|get tired|take breaks)|long day for you)\b",
    r"\b(?:(?:estaran|estais|estas) (?:a tope|hasta arriba|super ocupad[oa]s?|llenos de trabajo)"
    r"|mucho trabajo estos dias)\b",
    r"\b(?:vous devez (?:etre|avoir) (?:debordes?|beaucoup de travail)|grosse periode pour vous)\b",
    r"\b(?:ihr (?:habt|seid) (?:sicher|bestimmt) (?:viel zu tun|im stress|voll im stress))\b",
    r"\b(?:voces devem estar (?:lotados|cheios de trabalho|na correria)|muita correria)\b",
)

#: A question about the bot itself, as one asks a person: "do you even like christmas?", "¿te gusta la Navidad?".
ABOUT_ME = _rx(
    r"\b(?:do|d'|did) (?:you|u|ya) (?:even |actually |really )?(?:like|love|enjoy|celebrate|hate|have|get)"
    r" (?:christmas|xmas|the holidays|holidays|snow|winter|your job|a family|days off|presents|gifts)\b"
    r"|\b(?:what'?s|whats) your fav(?:ou?rite)?\b|\bare (?:you|u) (?:happy|lonely|having fun|bored)\b",
    r"\b(?:te gusta|te gustan|celebras|festejas) (?:la navidad|las fiestas|tu trabajo|la nieve)\b",
    r"\b(?:tu aimes|vous aimez|tu fetes|vous fetez) (?:noel|les fetes|ton travail|votre travail|la neige)\b",
    r"\b(?:magst du|feierst du|mogen sie|feiern sie) (?:weihnachten|die feiertage|deinen job|schnee)\b",
    r"\b(?:voce gosta|vc gosta|tu gostas|voce comemora) (?:do natal|das festas|do seu trabalho|de neve)\b",
)

#: The parcel turned up after all: "omg it was behind the big planter", "mi vecino lo tenía", "war beim Nachbarn".
FOUND_IT = _rx(
    r"\b(?:found (?:it|them|the (?:box|package|parcel))"
    r"|it (?:was|were) (?:behind|under|beside|next to|in the|at the|at my|with (?:my|the))"
    r"|(?:it|the (?:box|package|parcel)) (?:just )?(?:turned|showed) up|(?:my |the )?(?:neighbou?rs?"
    r"|husband|wife|roommate|mom|dad|son|daughter|landlord|concierge|doorman) (?:had|took|grabbed|has) it)\b",
    r"\b(?:lo (?:encontre|halle)|ya aparecio|estaba (?:detras|debajo|en|con|al lado)|(?:mi )?(?:vecin[oa]|marido"
    r"|esposa|portero) lo (?:tenia|agarro|recogio))\b",
    r"\b(?:je l'ai (?:trouve|retrouve)|il etait (?:derriere|sous|chez|dans|a cote)|(?:mon |ma )?(?:voisin|voisine"
    r"|gardien|concierge|mari|femme) l'a(?:vait)? (?:pris|recupere))\b",
    r"\b(?:(?:hab|habe) (?:es|ihn|das paket) gefunden|war (?:hinter|unter|beim|bei|im|neben)|ist (?:doch )?"
    r"aufgetaucht|(?:der |die )?(?:nachbar\w*|hausmeister|mann|frau) hat(?:te)? (?:es|ihn))\b",
    r"\b(?:achei|encontrei|estava (?:atras|debaixo|com|no|na|ao lado)|(?:o |a )?(?:vizinh[oa]|porteiro|marido"
    r"|mulher) (?:pegou|tinha|estava com))\b",
)

#: Going to look before anything else: "ok hang on let me look around", "déjame revisar".
LOOKING_NOW = _rx(
    r"\b(?:let me|lemme|i'?ll|ill|gonna|going to) (?:go )?(?:look|check|have a look|search|ask)"
    r"(?: around| outside| again| with| the)?\b",
    r"\b(?:dejame|deja que|voy a) (?:revisar|buscar|mirar|ver|preguntar)\b",
    r"\b(?:je vais|laissez-moi|attendez je) (?:regarder|verifier|chercher|demander)\b",
    r"\b(?:ich (?:schau|schaue|guck|gucke|frag|frage) (?:mal|nochmal|nach)|moment,? ich (?:schau|guck))\b",
    r"\b(?:vou (?:ver|olhar|procurar|perguntar)|deixa eu (?:ver|olhar|procurar))\b",
)

#: Chargebacks, bank disputes, lawyers, courts, consumer agencies.
DISPUTE = _rx(
    # The bank as the one who will claw the money back, not the bank that is slow to show a refund.
    r"\b(?:charge ?back|disput(?:e|es|ed|ing)|(?<!you )(?:call|contact|go to|tell|ask|report (?:it|this|you) to|through"
    r"|with) (?:my|the) bank"
    r"|my bank (?:will|is going to|to) (?:reverse|dispute|refuse|block|take it back)|credit card company"
    r"|paypal claim|lawyer|attorney|sue|suing|"
    r"legal action|court|small claims|bbb|better business bureau|consumer protection|attorney general|report you|"
    r"fraud report|scam report)\b",
    r"\b(?:reclamar? (?:el cargo )?(?:al|en el) banco|desconocer el cargo|"
    r"contracargo|disputa|(?:llamar|llamo|hablar|ir) (?:a|con) mi banco|abogad[oa]|demanda\w*|denuncia\w*|tribunal"
    r"|juzgado|consumo|profeco|estafa)\b",
    r"\b(?:contester (?:le paiement|l'achat|le prelevement)|faire opposition|"
    r"rejet de paiement|litige|ma banque|avocat|porter plainte|plainte|tribunal|justice|"
    r"repression des fraudes|arnaque)\b",
    r"\b(?:zahlung (?:zuruckholen|zuruckbuchen|widerrufen)|lastschrift zuruck\w*|"
    r"ruckbuchung|chargeback|(?:rufe|ruf|gehe|geh) (?:\w+ )?(?:zu |bei )?meine[rn]? bank|anwalt|klage|verklagen"
    r"|gericht|verbraucherzentrale|anzeige|betrug)\b",
    r"\b(?:contestar (?:a |o )?(?:compra|cobranca|pagamento)|abrir (?:uma )?(?:disputa|contestacao)|"
    r"pedir (?:o )?estorno (?:ao|no|pro) banco|contestacao|(?:ligar|ligo|falar|ir) (?:pro|para o|no|ao) (?:meu )?banco"
    r"|advogad[oa]|processo|processar|procon|justica"
    r"|reclame aqui|golpe)\b",
)

#: A customer losing patience: repeating themselves, "what will you do now?", "useless".
FRUSTRATION = _rx(
    r"\b(?:(?:asked|told|said|written|wrote|contacted|messaged) (?:you |this )?(?:\w+ )?(?:three|3|four|4|five|5|"
    r"several|many|multiple|so many|a (?:few|dozen)) times|(?:for|asking) the (?:third|3rd|fourth|fifth|"
    r"\d+th) time|(?:third|3rd|fourth|4th|fifth|5th|\d+th) time (?:i'?m |i am |i'?ve |i have |that i )?(?:contacting|"
    r"contacted|asked|written|messaged|called|asking|writing|messaging|calling|chatting|reaching out)|copy ?paste|"
    r"(?:i )?already (?:told|asked|said|explained|gave) "
    r"(?:you|this|that|it)|how many (?:more )?times|ridiculous|unbelievable|"
    r"again and again|same (?:answer|thing|reply|message) (?:again|over)|you keep (?:saying|telling|repeating)|"
    r"so what (?:will|are|do) you (?:do|going to do)|what (?:are|will) you (?:going to )?do about it|"
    r"this is (?:useless|ridiculous|a joke|unacceptable|insane|absurd)|useless|waste of (?:my )?time|"
    r"worst (?:\w+ ){0,3}?(?:service|company|shop|store|experience)|fed up|sick (?:and tired )?of|had enough|"
    r"i'?m done|not acceptable|"
    r"unacceptable|pathetic|incompetent|talking to a wall|you'?re not (?:helping|listening)|"
    r"^\W*(?:(?:please|pls|just) )?do something(?: about it)?(?: please| pls)?\W*$|"
    r"not helpful|no help at all|stop (?:repeating|sending)|(?:that|this)(?:'?s| is) not what i asked"
    r"|(?:that|this|it) (?:doesn'?t|does not|didn'?t) answer"
    r"(?: my question)?|(?:second|2nd|third|3rd) time i(?:'?m| am| have|'?ve)? ask)\b",
    r"\b(?:ya (?:te|les|os) (?:dije|pregunte|explique)|otra vez lo mismo|por (?:tercera|cuarta|quinta) vez|"
    r"cuantas veces|no sirve(?:s)? para nada|inutil|es una verguenza|estoy harto|estoy harta|que vais a hacer|"
    r"ya me lo (?:dijeron|dijisteis|habian dicho)|pesimo|horrible|vergonzoso|"
    r"que van a hacer|inaceptable|pesimo servicio|una tomadura de pelo|no (?:me )?responde(?:s|n)? (?:a )?(?:mi|la) "
    r"pregunta|es la (?:segunda|tercera|cuarta) vez que (?:te |se |lo |te lo |se lo )?(?:pregunto|escribo|pido)"
    r"|eso no es lo que (?:te |le )?(?:he )?pregunt\w*)\b",
    r"\b(?:je (?:vous )?l'ai deja dit|deja demande|pour la (?:troisieme|quatrieme|cinquieme) fois|combien de fois|"
    r"ca ne sert a rien|inutile|inadmissible|inacceptable|j'en ai (?:vraiment |trop |grave )?marre|ras le bol"
    r"|vous allez faire quoi|faites quelque chose|"
    r"on me l'a deja dit|service (?:nul|lamentable)|c'est nul|"
    r"que comptez-vous faire|honteux|lamentable|n'importe quoi|(?:ca|cela) ne repond pas|ne repond pas a ma "
    r"question|c'est la (?:deuxieme|troisieme|quatrieme|\d+e) fois que je (?:le )?(?:demande|pose|vous ecris|ecris)"
    r"|ce n'est pas ce que (?:je vous ai|j'ai) demande)\b",
    r"\b(?:schon (?:dreimal|mehrmals|zigmal|x-mal|oft) (?:gefragt|geschrieben|gesagt)|zum (?:dritten|vierten|"
    r"funften) mal|wie oft noch|(?:immer )?wieder dasselbe|nutzlos|sinnlos|unverschamt|unmoglich|frechheit|"
    r"es reicht|(?:mir |langsam )reicht'?s|ich habe genug|was (?:wollen|werden) sie (?:jetzt )?(?:tun|machen)|"
    r"inakzeptabel|"
    r"(?:auch )?schon (?:gesagt|gehort)|schlechteste\w* (?:service|kundenservice|laden)|unmoglich|"
    r"katastrophe|lacherlich|hilft (?:mir )?nicht|beantwortet (?:meine|die) frage nicht|das ist keine antwort"
    r"|(?:jetzt )?zum (?:zweiten|2\.) mal|das (?:hab|habe) ich nicht gefragt|tun sie (?:doch |endlich )*(?:et)?was)\b",
    r"\b(?:ja (?:te|lhe|lhes) (?:disse|perguntei|expliquei)|pela (?:terceira|quarta|quinta) vez|quantas vezes|"
    r"de novo a mesma|nao serve pra nada|inutil|absurdo|inaceitavel|estou farto|estou farta|cansad[oa] de|"
    r"ja me disseram|pessimo|ridiculo|"
    r"o que (?:voces )?vao fazer|vergonha|pessimo atendimento|palhacada|(?:isso )?nao responde (?:a )?minha "
    r"pergunta|e a (?:segunda|terceira|quarta) vez que (?:pergunto|escrevo|peco)|nao foi isso que (?:eu )?perguntei)\b",
)

#: Sarcasm: praise that means the opposite ("great, really helpful, thanks a lot").
SARCASM = _rx(
    r"\b(?:thanks? for nothing|(?:great|wow|oh|gee|yeah),? (?:really |so |very )?(?:helpful|useful|great)|"
    r"(?:really|so|very|super) helpful(?:,| not)|thanks a lot(?:\.{2,}|!{2,}| for nothing|,? really)|"
    r"great,? (?:just )?great|wonderful,? just|oh (?:great|perfect|wonderful)\b(?!.*\b(?:thanks?|thank you|ty|thx)\b)"
    r"|what a (?:great|wonderful) help|"
    r"big help|real(?:ly)? helpful,? thanks|/s)\b",
    r"\b(?:gracias por nada|muy util,? (?:si|eh)|que (?:gran )?ayuda,? eh|pues muchas gracias(?: por nada)?)\b",
    r"\b(?:merci pour rien|tres utile,? vraiment|quelle aide,? vraiment)\b",
    r"\b(?:danke fur nichts|sehr hilfreich,? wirklich|na toll|ganz toll,? wirklich)\b",
    r"\b(?:obrigad[oa] por nada|muito util,? mesmo|que ajuda,? hein)\b",
)

#: Swearing, in a conversation with a shop. Mild words ("damn") alone do not count.
PROFANITY = _rx(
    r"\b(?:fuck\w*|f\*+\w*|wtf|shit\w*|bullshit|crap|bastard\w*|asshole\w*|bitch\w*|dick\w*|screw you|"
    r"piss(?:ed)? off|idiot\w*|morons?|stupid bot|dumb bot)\b",
    r"\b(?:mierda|joder|puta\w*|cabron\w*|idiota\w*|gilipollas|carajo|pendej\w*|chinga\w*)\b",
    r"\b(?:merde|putain|connard\w*|bordel|foutu\w*|abruti\w*|idiot\w*)\b",
    r"\b(?:scheisse|scheiss\w*|verdammt\w*|arschloch|idiot\w*|mist(?:laden)?|kacke)\b",
    r"\b(?:merda|porra|caralho|idiota\w*|droga de)\b",
)

#: The customer calling themselves names ("ordered the wrong colour like an idiot", "soy una idiota"):
#: no anger at us.
SELF_BLAME = _rx(
    r"\b(?:like an?|i'?m an?|i am an?|i'?m such an?|what an?|me,? the|silly me|dumb me)\s+(?:total\s+|complete\s+)?"
    r"(?:idiot|moron|dummy|muppet)s?\b",
    r"\b(?:soy (?:un|una)|como (?:un|una)|que) (?:idiota|tont[oa]|bobo|boba)\b",
    r"\b(?:je suis (?:un |une )?|comme (?:un|une) |quelle )(?:idiote?|andouille|nulle?)\b",
    r"\b(?:ich bin (?:ein |eine )?|wie (?:ein|eine) |ich )(?:idiot(?:in)?|depp|trottel|dussel)\b",
    r"\b(?:sou (?:um|uma) |como (?:um|uma) |que )(?:idiota|burr[oa]|tont[oa])\b",
)

#: Swearing as emphasis in a question we can answer ("wtf does that even mean?", "¿qué mierda
#: significa eso?"): worth an answer first, not a person at once, unless more than that is said.
MILD_SWEARING = _rx(
    r"\b(?:wtf|the (?:fuck|hell|heck)|(?:fuck|fucking|freaking|frigging)(?: \w+)?|shit|crap|damn)\b",
    r"\b(?:mierda|joder|carajo)\b",
    r"\b(?:merde|putain|bordel)\b",
    r"\b(?:scheisse|scheiss|verdammt|mist)\b",
    r"\b(?:merda|porra)\b",
)


def only_mild_swearing(text: str) -> bool:
    """Every swear word in the message is emphasis ("it still hasn't shipped wtf", "where the hell is
    it?"), said about a real question or fact, not a verdict on us ("this is shit") or swearing alone."""
    folded = fold(text)
    stripped = MILD_SWEARING.sub(" ", folded)
    content = len(re.findall(r"[a-z]{2,}", stripped)) >= 3
    return stripped != folded and content and not PROFANITY.search(stripped) and not _VERDICT.search(folded)


#: Swearing as a verdict: "this is shit", "your service is crap", "such bullshit".
_VERDICT = re.compile(
    r"\b(?:is|are|'s|'re|so|such|total|absolute|pure)\s+(?:a\s+|(?:total|complete)\s+)?(?:shit\w*|crap\w*|bullshit|"
    r"fucking \w+|mierda|merde|scheisse|mist|merda)\b"
)

#: Giving up, not agreeing: "ugh fine. ok", "bueno pues nada", "tant pis", "na gut", "fazer o quê".
RESIGNED = _rx(
    r"\b(?:ugh|whatever|meh|fine then|forget it|oh well)\b",
    r"\b(?:pues nada|bueno pues|que le vamos a hacer|ni modo|olvidalo)\b",
    r"\b(?:tant pis|bon bah|laisse tomber|tampis)\b",
    r"\b(?:na gut|egal|schade|vergiss es)\b",
    r"\b(?:fazer o que|affs?|deixa pra la|paciencia)\b",
)

#: Wanting it now, not on the policy's terms ("today", "not whenever it gets back").
INSIST = _rx(
    r"\b(?:today|right now|immediately|asap|right away|not (?:when|whenever|after|once) it)\b",
    r"\b(?:hoy mismo|ahora mismo|inmediatamente|ya mismo|no cuando)\b",
    r"\b(?:aujourd'hui|tout de suite|immediatement|maintenant|pas quand)\b",
    r"\b(?:heute noch|sofort|jetzt sofort|umgehend|nicht erst wenn)\b",
    r"\b(?:hoje mesmo|agora mesmo|imediatamente|nao quando)\b",
)

_NOT_SHOUTED = re.compile(r"<[A-Z_]+_\d+>|\S*\d\S*|\S+@\S+|\b(?:UPS|USPS|DHL|ZIP|ETA|RMA|USA|OK|FEDEX|CEP|PLZ|NIF)\b")


def shouting(text: str) -> bool:
    """Most of a message in capitals, with at least three words of three letters or more (placeholders,
    numbers, emails and carrier names aside)."""
    words = re.findall(r"[^\W\d_]{3,}", _NOT_SHOUTED.sub(" ", text))
    upper = [w for w in words if w.isupper()]
    return len(upper) >= 3 and len(upper) >= 0.6 * len(words)
