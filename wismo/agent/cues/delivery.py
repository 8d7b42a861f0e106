"""Questions about a delivery: when, at what hour, where it is or was left, what a status means, waiting,
weekends, pickup points and store hours."""

from __future__ import annotations

import re

from .orders import ERRAND
from .text import _rx, any_of, fold, without_story

#: A question about when: the date, the hour, today or tomorrow, "how long".
WHEN = _rx(
    r"\b(?:when(?:'?s)?|what time|which time|what hour|at what hour|what day|which day|the date|how long|"
    r"how many days|eta|arriv\w*|get(?:ting)? here|be here|come today|today|tonight|tomorrow|"
    r"by (?:christmas|friday|monday|the weekend|tomorrow|saturday|sunday|the \d+\w*)|"
    r"before (?:christmas|xmas|friday|the weekend|the holidays|(?:the )?\d+\w*)|"
    r"make it (?:by|before|for|in time)|in time for|delivery date|expected|estimate\w*"
    # "so its gonna make it or should i buy a backup": whether it arrives before the day they told of
    r"|(?:gonna|going to|will it|it'?ll|is it gonna|does it) make it\b(?! (?:right|work|fit|bigger|smaller))"
    # "ok so thursday yes or no": that day, asked about
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\W+(?:\w+\W+)?(?:yes or no|or not|y/n))\b",
    r"\b(?:cuando|(?:a|desde) (?:que|q) hora|a partir de (?:que|q) hora|(?:que|q) dia|para cuando|hoy|manana"
    r"|cuanto tarda|fecha|llega\w*|a tiempo"
    r"|antes de(?:l)? (?:\d+|navidad|nochebuena|reyes))\b",
    r"\b(?:quand|a quelle heure|quelle heure|quel jour|aujourd'?hui|demain|combien de temps|date|arrive\w*|a temps"
    r"|avant (?:le )?(?:\d+|noel|le reveillon))\b",
    r"\b(?:wann|(?:um|ab) wie ?viel uhr|ab wann|(?:um )?welche (?:uhr)?zeit|welchen tag|heute|morgen|wie lange"
    r"|datum|kommt|ankommen"
    r"|rechtzeitig|vor (?:dem )?(?:\d+\.?|weihnachten|heiligabend))\b",
    r"\b(?:quando|(?:a partir de |desde )?(?:que|q) horas|a que horas|que dia|hoje|amanha|quanto tempo|data|chega\w*"
    r"|a tempo"
    r"|antes d[oe] (?:dia )?(?:\d+|natal))\b",
)

#: Keeping things as they are and waiting for the carrier: "ok nvm, don't move it, I'll wait".
WAIT_INSTEAD = _rx(
    r"\b(?:i'?ll|ill|i will|we'?ll|gonna|going to) (?:just )?wait\b|\b(?:don'?t|dont|do not) (?:move|redirect|"
    r"reroute|send) (?:it|them)\b|\bleave it (?:as is|where it is|be)\b",
    # (not "espero que llegue pronto": "I hope", no decision to wait)
    r"\b(?:me espero|(?:mejor )?espero (?:entonces|a que (?:vuelva|lo intente)|al (?:proximo|siguiente))|esperare"
    r"|voy a esperar|no lo (?:muevas|mueva|cambies|cambie))\b",
    # (not "j'attends depuis 3 semaines", "ich warte seit Tagen": waiting too long is a complaint)
    r"\b(?:j'attends (?:alors|donc|le prochain|la prochaine)|je vais attendre|j'attendrai"
    r"|ne le (?:bougez|deplacez|changez) pas|laissez(?:-le)? comme ca)\b",
    r"\b(?:ich warte (?:lieber|einfach|dann|ab)|warte (?:lieber|einfach) ab|nicht umleiten|lass(?:t)? es so)\b",
    r"\b(?:(?:eu )?espero entao|vou esperar|nao (?:mexe|muda|mude|mexa) (?:nele|nisso|em nada))\b",
)

#: Where the parcel is right now, asked as an address: "and the exact address where it is now?".
WHERE_IT_IS = _rx(
    r"\b(?:address|location|place)\w* (?:where|of) (?:it|the (?:package|parcel|box|order)|my (?:package|parcel|order))"
    r"(?: is| currently| sits|'s)?\b|\bwhere (?:exactly )?is it (?:right )?now\b",
    r"\b(?:direccion|ubicacion) (?:exacta )?(?:donde|de) (?:esta|se encuentra) (?:el paquete|mi paquete|ahora)\b",
    r"\b(?:adresse|endroit) (?:exacte? )?ou (?:il|le colis) (?:est|se trouve)\b",
    r"\b(?:adresse|ort) (?:genau )?wo (?:es|das paket) (?:gerade|jetzt)? ?(?:ist|liegt)\b"
    r"|\bwo genau (?:ist (?:es|sie|er|das paket)|isses|isch es|liegt (?:es|das paket))\b|\bdie genaue adresse\b",
    # "exactly where is it", "where is it exactly right now", "the exact address"
    r"\bwhere is it exactly\b|\bexactly where (?:is it|it is)\b|\bthe exact (?:address|location)\b"
    r"|\b(?:donde|onde) (?:esta|fica) exactamente\b|\bou (?:est-il|il est) exactement\b",
    r"\b(?:endereco|local) (?:exato )?onde (?:ele|o pacote|a encomenda) (?:esta|se encontra)\b",
)

#: "will they send it back??" about a parcel waiting at the post office: the carrier returning it, not
#: a return of the customer's.
CARRIER_SENDS_BACK = _rx(
    r"\b(?:will|would|do|does|did|are|is) (?:they|the (?:post office|carrier|driver|courier)|usps|ups|fedex|dhl|it)"
    r" (?:\w+ )?(?:send|ship|return|mail|going to send|gonna send)(?:ing)? (?:it |them )?back\b"
    r"|\b(?:get|be|gets|being) (?:sent|shipped|returned) back\b"
    # "how many days till they send it back": the time left before the carrier does.
    r"|\b(?:till|til|until|before|b4) (?:they|the (?:post office|carrier|locker|store)|usps|ups|fedex|dhl|it)"
    r" (?:\w+ )?(?:send|ship|return|mail)s? (?:it |them )?back\b",
    r"\b(?:lo|la) (?:van a )?(?:devuelven|devolveran|regresan|mandan de vuelta|devolver al remitente)\b"
    r"|\bantes de que (?:lo|la) (?:devuelvan|regresen|manden de vuelta)\b",
    r"\b(?:ils|ils vont) (?:le|la) (?:renvoyer|renvoient|renverront|retourner)\b|\b(?:etre|sera) renvoye\b"
    r"|\bavant qu'(?:ils|elle|il) (?:ne )?(?:le|la) (?:renvoient|retournent|renvoie|retourne)\b",
    r"\b(?:schicken|senden) (?:sie|die) (?:es|das paket|ihn) zuruck\b|\bgeht (?:es|das paket) zuruck\b"
    r"|\bbevor (?:sie|die|es) (?:es |das paket |ihn )?zuruck(?:schicken|senden|geht)\b",
    r"\b(?:vao|eles vao) (?:devolver|mandar de volta)\b|\b(?:volta|vai voltar) para o remetente\b"
    r"|\bantes de (?:devolverem|mandarem de volta|voltar)\b",
)

#: Of the WHEN questions, the ones about arriving in time for a day ("will it make it before the 24th?").
IN_TIME = _rx(
    r"\b(?:make it (?:by|before|for|in time)|in time for|before (?:christmas|xmas|the holidays|(?:the )?\d+\w*)"
    # "next friday i mean, the 19th": the day they need it by, said again.
    r"|(?:by |on )?(?:next|this) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:by |on )?the \d{1,2}(?:st|nd|rd|th))\b",
    r"\b(?:a tiempo|antes de(?:l)? (?:\d+|navidad|nochebuena|reyes))\b",
    r"\b(?:a temps|avant (?:le )?(?:\d+|noel|le reveillon))\b",
    r"\b(?:rechtzeitig|vor (?:dem )?(?:\d+\.?|weihnachten|heiligabend))\b",
    r"\b(?:a tempo|antes d[oe] (?:dia )?(?:\d+|natal)|(?:vai )?chega\w* (?:ate|antes d[oe]) (?:o )?(?:dia )?\d+)\b",
    # "by 12/20", "para el 20/12", "d'ici le 20", "bis zum 20.12.": a date they need it by.
    r"\b(?:by|before|para el|antes del|d'ici le|avant le|bis zum|bis|ate o|ate) \d{1,2}(?:[/.]\d{1,2})?\b",
)

#: Of the WHEN questions, the ones about the hour of the day.
HOUR = _rx(
    r"\b(?:what time|which time|what hour|at what hour|how late|morning|afternoon|evening|tonight|time window)\b",
    r"\b(?:a (?:que|q) hora|(?:que|q) hora|por la (?:manana|tarde|noche))\b",
    r"\b(?:a quelle heure|quelle heure|le matin|l'apres-midi|ce soir)\b",
    r"\b(?:um wie ?viel uhr|(?:um )?welche (?:uhr)?zeit|uhrzeit|vormittags|nachmittags|abends)\b",
    r"\b(?:que horas|a que horas|de manha|a tarde|a noite)\b",
)

#: A question about where the parcel is now.
WHERE = _rx(
    r"\b(?:where (?:is|'?s) (?:it|my (?:order|package|parcel|stuff|box))(?: (?:right )?now| at)?|where (?:is it|now)|"
    r"where (?:is|'?s|are) (?:order |my order )?#?ws ?\d{3,}|"
    r"location|current(?:ly)? (?:location|status)|last scan|latest scan|(?:which|what) (?:city|state|town|place) is it|"
    r"where exactly|where (?:exactly )?(?:did|was|were|has) (?:they|he|she|it|the (?:driver|courier|carrier))"
    r" (?:leave|left|put|drop|dropped|delivered))\b",
    r"\b(?:donde (?:esta|anda|se encuentra)|ubicacion)\b",
    r"\b(?:ou (?:est|en est)|ou se trouve|localisation)\b",
    r"\b(?:wo (?:ist|isses|befindet)|wo genau|genaue adresse|standort|aktuell(?:er)? (?:stand|status))\b",
    r"\b(?:onde (?:esta|fica|anda)|localizacao)\b",
    # "wo bleibt meine Bestellung?", "cadê meu pedido?", "¿cómo va mi pedido?"
    r"\bwo (?:bleibt|steckt)\b|\bcade\b|\bcomo va (?:mi|el) pedido\b",
)

#: "where exactly did they leave it?": where a delivered parcel was put, never a request for a pickup point.
WHERE_LEFT = _rx(
    r"\bwhere (?:exactly )?(?:did|was|were|has) \w+(?: \w+)? (?:leave|left|put|drop)",
    r"\b(?:donde|a donde) (?:exactamente )?(?:lo|la) (?:dejaron|dejo|pusieron|puso)\b",
    r"\b(?:l'ont|l'a) (?:laisse|depose|mis)e?s? ou\b|\bou (?:est-ce qu')?(?:ils|il) l'ont (?:laisse|depose|mis)",
    r"\bwo (?:genau )?(?:haben|hat) (?:die|sie|er|der bote|der fahrer) (?:es|das paket|ihn) (?:abgestellt|hingelegt"
    r"|gelassen|abgelegt|hingestellt)",
    r"\bonde (?:exatamente )?(?:eles |ele |o entregador )?(?:deixaram|deixou|colocaram|colocou)\b",
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

#: Wanting the parcel somewhere else than the door: a pickup point, a locker, a store.
PICKUP = _rx(
    r"\b(?:pick (?:it |them |my \w+ )?up|pickup|collect (?:it|them)|get (?:it )?(?:sent )?(?:somewhere|elsewhere)|"
    r"send (?:it )?(?:somewhere|elsewhere|to a (?:locker|store|shop|point|post office))|locker|access point|"
    r"pick(?:ing)? (?:it )?up|post office|hold (?:it )?(?:at|for me)|where else (?:can|could) i (?:get|grab|collect)|"
    r"(?:get|grab|collect) it (?:from )?(?:somewhere|elsewhere|some ?place) else|(?:grab|collect) (?:it|them) from|"
    # "cant i just grab it somewhere?", "can i get it myself"
    r"(?:grab|collect) (?:it|them) (?:myself|somewhere)|(?:get|fetch) (?:it|them) myself|"
    # "can it go somewhere else so he doesnt see it"
    r"(?:go|be sent|be delivered|be redirected) (?:to )?(?:somewhere|someplace|some place|elsewhere)(?: else)?|"
    r"(?:one of )?(?:those|these|the) (?:parcel |package )?box(?:es)? ?things?|parcel box(?:es)?|package box(?:es)?)\b",
    r"\b(?:recoger(?:lo|la)?|retirar(?:lo|la)?|punto de recogida|casillero|taquilla|oficina de correos)\b",
    r"\b(?:retirer|recuperer|point relais|relais|point de (?:cueillette|collecte|retrait)|consigne|bureau de poste|"
    r"aller le chercher)\b",
    r"\b(?:abholen|abholung|abholstelle|abholstation|abholpunkt|abholort|packstation|paketshop|filiale|postfiliale"
    r"|selbst holen"
    r"|umleiten)\b",
    r"\b(?:retirar|buscar (?:na|no|em)|ponto de retirada|ponto de recolha|ponto pickup|cacifo|armario"
    r"|levanta(?:r|-lo|-la) (?:\w+ )?(?:noutro|noutra|em outro|num|numa|no|na)|noutro sitio"
    r"|agencia dos correios|loja ctt|balcao ctt)\b",
)

#: "It's not here": the parcel did not reach the customer.
NOT_HERE = _rx(
    r"\b(?:not here|never (?:got|received|arrived|came)|didn'?t (?:get|receive)|can'?t find|cannot find|missing|"
    r"stolen|not (?:received|delivered)|where is it|isn'?t here|wasn'?t there|no package|don'?t see it)\b",
    r"\b(?:no (?:me )?(?:ha )?llegado|no lo encuentro|no esta|robado)\b",
    r"\b(?:pas recu|pas arrive|je ne le trouve pas|vole)\b",
    r"\b(?:nicht angekommen|nicht erhalten|finde es nicht|gestohlen|nicht da)\b",
    r"\b(?:nao recebi|nao chegou|nao encontro|roubado)\b",
)

#: Topics that are no shop's business here: the weather, writing, jokes, homework, advice.
ELSEWHERE = _rx(
    r"\b(?:weather|forecast|temperature|poem|story|cover letter|complaint letter|write (?:me )?a review"
    r"|write (?:the|a|my) complaint|landlord|essay"
    r"|homework|maths?|"
    r"algebra|fractions|recipe|joke|horoscope|lottery|"
    r"stock market|bitcoin|football|soccer|write me|translate|iphone|samsung|android|which (?:phone|laptop|tv|car) "
    r"should i|what would (?:you|u) (?:get|buy|choose|pick))\b",
    r"\b(?:redact\w* (?:una |la )?carta|carta de (?:queja|reclamo|reclamacion)|resena|"
    r"tiempo (?:va a hacer|hace)|el clima|va a llover|pronostico|poema|cuento|felicitacion|tarea|receta|chiste|"
    r"escribe(?:me)?|escribir una)\b",
    r"\b(?:lettre de (?:plainte|reclamation)|redig\w*|ecri\w* (?:moi )?un avis|"
    r"meteo|quel temps|va pleuvoir|poeme|histoire|carte de voeux|devoirs?|maths|recette|blague|ecris(?:-moi)?"
    r"|ecrire une)\b",
    r"\b(?:beschwerdebrief|beschwerdeschreiben|schreib\w*\b.{0,25}\bbeschwerde"
    r"|beschwerde (?:an|gegen) [\w -]{2,20}? (?:aufsetzen|schreiben)"
    r"|(?:eine )?bewertung (?:schreiben|verfassen)|schreib\w*\b.{0,30}\bbewertung|"
    r"wetter|wird es regnen|\w*gedicht\w*|geschichte|weihnachtskarte|\w*hausaufgab\w*|mathe\w*|rezept|witz|"
    r"\w*ufzgi\w*|chemie\w*|physik\w*|"
    r"schreib(?:e|en)? (?:mir )?eine)\b",
    r"\b(?:carta de reclamacao|escrev\w* (?:uma )?(?:avaliacao|carta|resenha)|"
    r"previsao do tempo|o tempo|clima|vai chover|chuva|poema|historia|cartao de natal|dever de casa|receita"
    r"|piada|anedota|"
    r"escreve(?:r)? um)\b",
)

#: The carrier's "returned to sender" quoted by the customer: a delivery status, not a return request.
RETURNED_TO_SENDER = _rx(
    r"\b(?:return(?:ed|ing)? to (?:the )?sender|going back to (?:you|the sender|sender)|sent back to you)\b",
    r"\b(?:(?:devuelto|regresado|vuelve|regresa|regresaron|devolvieron) al remitente)\b",
    r"\b(?:retour(?:ne)? (?:a|chez) l'expediteur|renvoye a l'expediteur)\b",
    r"\b(?:zuruck (?:an|zum) (?:den )?absender|geht (?:an euch )?zuruck|ruckversand)\b",
    r"\b(?:devolvid[oa] ao remetente|voltou (?:ao|para o) remetente|volta(?:ndo)? para (?:o )?remetente)\b",
)

#: "is that normal?", "what does that mean?": the current status in the shop's written words.
STATUS_MEANING = _rx(
    r"\b(?:is (?:that|this|it) normal|(?:does|do) (?:that|this|it) (?:even )?mean|is (?:that|this) (?:bad|a problem"
    r"|usual)|what does [\w' -]{2,30}? (?:even |actually |exactly )?mean"
    # "whats the hold up", "why the holdup?": what is keeping it, not a parcel held for pickup.
    r"|\b(?:what'?s|whats|what is|why) the (?:hold ?-?up|delay)\b|\bwhat'?s taking (?:so|this) long\b"
    # "so is it lost or what": whether the status means it is gone.
    r"|\b(?:is|was) (?:it|my (?:parcel|package|order)) (?:\w+ )?lost\b|\blost or what\b|\bdid (?:you|they) lose it\b"
    # "what is the meaning?", "do I need to do anything from my side?": what the status means for them.
    r"|\bwhat(?: is|'s|s) the meaning\b|\bmeaning of (?:this|that|it)\b|\bwhat happens (?:now|next|then)\b"
    r"|\bknow what happens\b"
    r"|\b(?:do|should|must) i (?:need to |have to )?do anything\b|\banything (?:i need to|i have to|i should|for me to)"
    r" do\b|\b(?:action|anything) (?:needed )?from my (?:side|end)\b"
    # "why does my tracking say returned to sender??": what the status means, not the status again.
    r"|why (?:does|is) (?:my |the )?(?:tracking|it|status|app|page) (?:say|saying|show|showing)\w*"
    # "why hasnt it shipped yet", "why is it taking so long": the status's written meaning, why it is so.
    r"|why (?:has|have|is|isn'?t|hasn'?t|haven'?t|did|didn'?t|does|doesn'?t|is it|has it)?\s?(?:it|my \w+|the \w+|"
    r"this|that)?\s?(?:not |still not )?(?:shipped|ship|left|moved|moving|taking|delayed|stuck|so slow|been sent))\b",
    r"\b(?:es normal|que (?:significa|quiere decir) (?:eso|esto)|eso es malo"
    r"|por que (?:el seguimiento |el tracking )?(?:dice|pone|aparece)"
    r"|por que (?:todavia |aun )?no (?:ha salido|se ha enviado|lo han enviado|han enviado|sale|se mueve)"
    r"|por que (?:tarda|esta tardando|se retrasa|esta retrasado|esta parado)|se (?:perdio|extravio)|esta perdido)\b",
    r"\b(?:c'est normal|ca veut dire quoi|qu'est-ce que (?:ca|cela) veut dire|ca signifie quoi"
    r"|pourquoi (?:(?:elle|il|ma commande|mon colis) )?(?:n'est|n'a|c'est|ca) (?:toujours )?(?:pas )?"
    r"(?:(?:encore )?(?:parti|partie|expedie|expediee|bouge)|si long|en retard|bloque)"
    r"|pourquoi (?:ca|c'est) (?:prend|met) (?:autant de|tant de)? ?temps)\b",
    r"\b(?:ist das normal|was (?:heisst|bedeutet) das|was (?:heisst|bedeutet)(?:'n|n)? (?:eigentlich |denn )?\w+"
    r"|warum (?:ist|wurde|kommt|dauert|hangt|steckt)\b.{0,30}?\b(?:noch nicht|nicht|so lange|fest|verspatet))\b",
    r"\b(?:e normal|o que (?:isso )?significa|(?:isso )?quer dizer (?:o que|oq)"
    r"|por ?que (?:ainda )?nao (?:foi enviad[oa]|saiu|foi despachad[oa]|se mexe)"
    r"|por ?que (?:esta )?(?:demorando|atrasad[oa]|parad[oa]|demora tanto))\b",
    # "tracking says delayed. why??", "... verspätet. Warum?", "i dont really get why": a bare why at the end.
    r"(?:^|[.!?,;:]\s*|\b(?:and|so|but|y|et|und|e|mais|pero|aber|mas) )(?:but |mais |aber |pero |mas )?"
    r"(?:why|how come|warum|wieso|weshalb|pourquoi|por ?que|porque)\s*[?!.]*\s*$"
    r"|\b(?:don'?t|dont|do not) (?:really |quite )?(?:get|understand|know|see) why\b"
    r"|\bno (?:entiendo|se) por ?que\b|\bje (?:ne )?comprends pas pourquoi\b|\bverstehe nicht,? warum\b"
    r"|\bnao (?:entendo|sei) por ?que\b",
    # "why not?? i already paid for it" after "waiting to ship": why it is so (a "why not" with no "?" agrees).
    r"^\W*(?:why not|how come|por ?que no|pourquoi pas|warum (?:denn )?nicht|por ?que nao)\s*\?",
)

#: "what are my options?", "so what happens now?": what the order's status means for the customer.
WHAT_NOW = _rx(
    r"\b(?:what (?:are|r) (?:my|the) options|what (?:can|should|do) i do|what now|now what|what happens now|"
    r"do i (?:have|need) to do (?:something|anything)|(?:i )?(?:don'?t|dont|do not) (?:have|need) to do anything"
    r"|(?:is there )?anything (?:i (?:need|have) to|for me to) do|how long (?:does|will|would) (?:that|it"
    r"|this) (?:usually )?"
    r"take to (?:get )?(?:sorted|resolved|fixed|cleared)|(?:so )?(?:do|should|shall) i (?:just )?wait\b.{0,20}\?"
    r"|so i just wait|(?:can|could) i do anything|anything i can do|(?:just )?sit (?:and|&|n) wait)\b",
    r"\b(?:y ahora que|que (?:puedo|hago|debo|tengo que) hacer|no (?:tengo|necesito) (?:que )?hacer nada"
    r"|que opciones tengo|(?:entonces )?(?:solo )?(?:tengo que"
    r" )?esperar?\?)",
    r"\b(?:qu'est-ce que je (?:peux|dois) faire|je n'ai rien a faire|(?:je )?(?:dois|dois-je) faire quelque chose"
    r"|que (?:dois-je|puis-je) faire|et maintenant|"
    r"quelles sont mes options|(?:donc )?(?:je dois|il faut) (?:juste )?attendre ?\?|j'attends (?:juste|donc) ?\?"
    r"|(?:je|on) fait quoi|(?:je|on) fais quoi)",
    r"\b(?:was (?:kann|soll|muss) ich (?:jetzt |nun )?(?:tun|machen)|(?:ich )?muss (?:ich )?(?:also )?nichts (?:tun"
    r"|machen)|was nun|wie geht es (?:jetzt )?weiter"
    r"|(?:soll|muss) ich (?:also |einfach |jetzt )*warten)\b",
    r"\b(?:o que (?:eu )?(?:posso|devo|tenho que) fazer|e agora|quais (?:sao )?(?:as )?minhas opcoes"
    r"|(?:entao )?(?:so )?(?:tenho que )?esper(?:o|ar) ?\?|nao (?:preciso|tenho que|tenho de) fazer nada)",
)

#: "ok, I'll wait then": a customer content to wait, which is no yes to a person or a proposal.
WAIT = _rx(
    r"\b(?:i'?ll|i will|i can|i'?m going to|gonna|let'?s) (?:just )?wait\b|\bwait and see\b",
    r"\b(?:espero|esperare|me espero|a esperar|aguardo)\b",
    r"\b(?:j'?attends|je vais attendre|on attend|attendons)\b",
    r"\b(?:ich warte|warte ich|ich (?:werde|kann) (?:noch )?warten|abwarten)\b",
    r"\b(?:vou esperar|espero|aguardo|vou aguardar)\b",
)

#: A question about when a place is open ("is it open late?", "¿abre hasta tarde?").
OPENING_HOURS = _rx(
    r"\b(?:open (?:late|early|until|till|til|on|at)|opening hours|business hours|what time (?:does|do|is)\b.{0,25}"
    r"\b(?:open|close)|when (?:does|do) (?:it|they|that \w+|the \w+) (?:open|close)|closing time|"
    r"(?:is|are) (?:it|they) open|(?:its|their|the|your) hours)\b",
    r"\b(?:abre|abren|cierra|cierran|horario|esta abierto|hasta que hora)\b",
    r"\b(?:ouvert|ouvre|ferme|horaires?|heures d'ouverture)\b",
    r"\b(?:geoffnet|offnet|schliesst|offnungszeiten|offen|auf hat|zu macht)\b",
    r"\b(?:aberto|abre|fecha|horario|funciona ate)\b",
)


def aspect(text: str) -> str | None:
    """What a follow-up about an order asks: `when`, `where` or `who` (None: the whole status)."""
    folded = without_story(text)
    for name, rx in (("who", WHO), ("when", WHEN), ("where", WHERE)):
        if rx.search(folded):
            return name
    return None


#: "so like monday?", "¿el lunes entonces?", "also Montag?": a short guess at the day, about the order.
DAY_GUESS = re.compile(
    r"^\W*(?:(?:and|so|like|then|by|on|y|el|entonces|o sea|et|alors|donc|genre|le|und|also|dann|am|bis|e|entao"
    r"|tipo|na|no|ate)\W+){0,3}"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|tmrw|tomorrow"
    r"|lunes|martes|miercoles|jueves|viernes|sabado|domingo|manana|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|demain|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|segunda|terca|quarta|quinta|sexta"
    r"|amanha)(?:-feira)?(?:\W+(?:then|entonces|alors|donc|dann|entao|maybe|or|quizas|peut-etre|vielleicht|talvez"
    r"|\w+)){0,2}\W*$"
)

#: Somewhere near the customer: "near me", "cerca de mi casa", "près de chez moi", "in meiner Nähe".
#: Having the parcel sent somewhere ("se puede mandar a un locker?"): with a pickup place, a request.
SEND_THERE = _rx(
    r"\b(?:send|ship|redirect|reroute|forward|deliver|drop) (?:it |them |my \w+ |the \w+ )?(?:to|at|off at)\b",
    r"\b(?:mandar|enviar|redirigir|desviar|dejar)(?:lo|la|los|las|melo|mela)? (?:a|al|en)\b",
    r"\b(?:envoyer|rediriger|faire livrer|livrer|deposer)(?: le| la| les)? (?:a|au|en|dans)\b",
    r"\b(?:schicken|senden|umleiten|liefern|zustellen|bringen)\b",
    r"\b(?:mandar|enviar|redirecionar|entregar|deixar)(?:-lo|-la)? (?:para|pra|no|na|num|numa|em)\b",
)

NEARBY = _rx(
    r"\b(?:near (?:me|my (?:place|house|home|address))|nearby|close to (?:me|my \w+)|around here|in my area)\b",
    r"\b(?:cerca de (?:mi|aqui|aca|casa)|por aqui cerca|aqui cerca|cercan[oa]s?)\b",
    r"\b(?:pres de chez moi|pres de (?:moi|la maison|mon domicile)|a proximite|dans le coin|proche de chez moi)\b",
    r"\b(?:in (?:meiner|der) nahe|in der umgebung|bei mir in der nahe|nahe bei mir)\b",
    r"\b(?:perto de (?:mim|casa|minha casa|aqui)|aqui perto|proxim[oa] de (?:mim|casa)|(?:um|uma|o|a) \w+ perto)\b",
)

#: The order's own arrival on a weekend day: "will it come on saturday?", "y llega el sábado?",
#: "Kommt das Paket am Samstag noch an?", "ça arrive samedi ?", "chega no sábado?".
ARRIVES_WEEKEND = _rx(
    r"\b(?:arriv\w*|come|coming|get here|be here|deliver\w*|show up|llega\w*|viene|entrega\w*|arrive\w*|livr\w*"
    r"|kommt|kommen|ankommen|an|geliefert|zugestellt|chega\w*)\b.{0,30}\b(?:saturday|sunday|(?:the |this )?weekend"
    r"|sabado|domingo|finde|fin de semana|samedi|dimanche|week-?end|samstag|sonntag|wochenende|am we"
    r"|fim de semana)\b",
    r"\b(?:saturday|sunday|sabado|domingo|samedi|dimanche|samstag|sonntag)\b.{0,25}\b(?:arriv\w*|come|llega\w*"
    r"|arrive\w*|kommt|an|chega\w*)\b",
)

#: Asking to do it oneself: "can I pick it up at a point instead?", "est-ce que je peux le récupérer ...".
MAY_I = _rx(
    r"\b(?:can i|could i|may i|instead)\b",
    r"\b(?:puedo|podria|en vez|en lugar)\b",
    r"\b(?:je peux|puis-je|pourrais-je|est-ce que je (?:peux|pourrais)|plutot|a la place)\b",
    r"\b(?:kann ich|konnte ich|darf ich|stattdessen|lieber)\b",
    r"\b(?:posso|poderia|em vez|ao inves|da (?:para|pra))\b",
)


def asks_pickup(text: str) -> bool:
    """A pickup point, locker or collecting the parcel is asked about (not "I have to pick up my kid", not
    "when does usps actually pick it up", which is the carrier collecting it from us)."""
    folded = fold(text)
    return bool(PICKUP.search(ERRAND.sub(" ", folded))) and not _CARRIER_COLLECTS.search(folded)


#: The carrier collecting the parcel from the shop: "when does usps actually pick it up", "has fedex picked it up".
_CARRIER_COLLECTS = re.compile(
    r"\b(?:usps|ups|fedex|dhl|the carrier|carrier|courier|the post|they)\b (?:\w+ ){0,2}?"
    r"(?:pick|picks|picked|picking|collect|collects|collected) (?:it|the (?:parcel|package|box)|them)? ?up\b"
    r"|\b(?:usps|ups|fedex|dhl|the carrier|carrier|courier)\b (?:\w+ ){0,2}?(?:collect|collects|collected)\b"
)


#: "status of #WS12345", "estado del pedido", "wo ist meine Bestellung": a part that asks where an order is.
_STATUS_WORD = _rx(
    r"\b(?:status|update|tracking|rastreo|estado|seguimiento|statut|suivi|sendungsstatus|stand|"
    r"sendungsverfolgung|situacao|rastreio|rastreamento)\b",
)

#: Whether it has shipped, asked: "did it ship yet?", "so it hasn't even shipped?", "ist es schon raus?".
SHIPPED_YET = _rx(
    # "did it ship yet?", "¿ya salió?", "il est parti ?", "ist es schon raus?", "já foi enviado?"
    r"\b(?:(?:did|has|have) (?:it|they|my order|the order|my package) (?:already |even )?"
    r"(?:ship|shipped|been shipped|gone out|left)"
    r"|ya (?:se )?(?:envio|salio|lo enviaron|lo mandaron)"
    r"|(?:il|elle|le colis|ma commande) est (?:deja )?(?:parti|partie|expedie|expediee)"
    r"|ist (?:es|sie|das paket|die bestellung) (?:schon )?(?:raus|verschickt|versendet|unterwegs)"
    r"|ja (?:foi enviad[oa]|saiu|despacharam|enviaram))\b",
    # "so it hasn't even shipped?", "is des noch gar ned verschickt?", "il n'est pas encore parti ?"
    r"\b(?:not (?:even |yet )?(?:shipped|sent|dispatched)"
    r"|(?:noch )?(?:gar )?nicht (?:mal )?(?:verschickt|versendet|raus|unterwegs)"
    r"|no (?:ha salido|lo han (?:enviado|mandado))|pas (?:encore )?(?:parti|partie|expedie|expediee)"
    r"|nao (?:foi enviad[oa]|saiu))\b",
)


def asks_status(text: str) -> bool:
    """The message (or one part of it) asks where an order is or when it comes."""
    return any_of(WHERE, text) or any_of(WHEN, text) or any_of(_STATUS_WORD, text) or any_of(SHIPPED_YET, text)
