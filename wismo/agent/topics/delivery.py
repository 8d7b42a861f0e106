"""Topics from the parcel's last steps: signing for it, missing the driver, leaving it somewhere, when to
worry, and collecting it at a pickup point or a store (what to bring, who may come, the store's hours).

One of the three tables the registry puts in order (shipping, delivery, returns).
"""

from __future__ import annotations

import re

from .topic import Topic, rx

TOPICS: tuple[Topic, ...] = (
    Topic(
        # "ok so when does the carrier actually scan it": when a label-only parcel gets its first scan.
        "first_scan",
        "policy:carrier#label-created",
        rx(
            r"\bwhen (?:does|do|will|would) (?:the carrier|they|ups|usps|fedex|dhl|the driver|it|someone)"
            r" (?:actually |finally |even )?(?:scan|pick up|collect|get scanned)\b"
            r"|\bwhen (?:does|will|would) it (?:actually |finally )?(?:be|get) (?:scanned|picked up)\b",
            r"\bcuando (?:lo |la )?(?:escanea|escanean|recoge|recogen|van a escanear)\b",
            r"\bquand (?:est-ce qu')?(?:ils|le transporteur|il) (?:va |vont )?(?:le |la )?(?:scanne|scannent|scanner"
            r"|recupere|recuperent|recuperer)\b",
            r"\bwann (?:wird (?:es|das paket) (?:gescannt|abgeholt)|scannt (?:der|die) \w+ (?:es|das))\b",
            r"\bquando (?:eles |a transportadora )?(?:escaneia|escaneiam|coleta|coletam|vai (?:escanear|coletar))\b",
        ),
    ),
    Topic(
        # "standing at the locker and it wants a code?? never got one": where the locker's code comes from.
        "locker_code",
        "policy:pickup#lockers",
        rx(
            r"\b(?:(?:never|didn'?t|did not|haven'?t|have not|not) (?:got|get|gotten|received?|been sent) "
            r"(?:a |the |any |my |one |no )?(?:pickup |locker |access |pin )?code"
            r"|(?:no|missing|without (?:a|the)) (?:pickup |locker |access )?code"
            r"|where(?:'s| is| do i (?:get|find)| would i find) (?:the |my |a |that )?"
            r"(?:pickup |locker |access |pin )?code"
            r"|\b(?:it|locker|screen|machine|terminal|station) (?:\w+ )?"
            r"(?:wants|asks for|needs|requires|is asking(?: me)? for) (?:a|the|my) (?:\w+ )?code"
            r"|lost (?:the|my) (?:pickup |locker |access )?code"
            r"|\bcode\b.{0,40}\b(?:never|didn'?t|did not|haven'?t|have not) (?:got|get|gotten|received?|been sent)"
            r" (?:one|it|any))\b",
            r"\b(?:no (?:me )?(?:llego|ha llegado|recibi|tengo) (?:el|ningun|un) codigo|(?:donde|cual) (?:esta|es|veo)"
            r" el codigo|me pide (?:un|el) codigo|perdi el codigo)\b",
            r"\b(?:pas (?:recu|eu) (?:de|le) code|(?:ou|quel) est (?:le|mon) code|(?:il|le casier|la consigne"
            r"|la machine) (?:me )?demande un code|perdu (?:le|mon) code)\b",
            r"\b(?:(?:keinen|nie einen|nie den) (?:abhol)?code (?:bekommen|erhalten|gekriegt)"
            r"|wo (?:ist|finde ich|steht) (?:der|den|mein\w*) (?:abhol)?code"
            r"|(?:will|verlangt|fragt nach) (?:einen|einem|den|dem) code"
            r"|code verloren)\b",
            r"\b(?:nao (?:recebi|chegou|tenho|veio) (?:o|nenhum|um) codigo|(?:onde|qual) (?:esta|e|fica|vejo) o codigo"
            r"|(?:pede|pedindo|pediu) (?:um|o) codigo|perdi o codigo)\b",
        ),
    ),
    Topic(
        "signature",
        "policy:delivery#signature",
        rx(
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
        "pickup_hold",
        "policy:carrier#available-for-pickup",
        rx(
            r"\bhow long (?:will|do|does|can|would) (?:they|it|the \w+|you) (?:keep|hold|stay|hang on ?to|hold on ?to"
            r"|sit|be kept|be held)\b"
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
        "when_to_worry",
        "policy:carrier#no-updates",
        rx(
            r"\bwhen (?:should|do|must) i (?:start )?(?:worry|worrying|be worried|panic|get worried|contact you)\b"
            r"|\b(?:at what point|how long before) (?:should|do|is) (?:i|it)\b.{0,20}\b(?:worry|lost)\b"
            r"|\bwhen (?:will|would|do|can) you (?:guys )?(?:do something|act|take action|investigate|open a "
            r"(?:claim|trace)|trace it|start (?:looking|a trace))\b"
            # "After how many days you will take action if it is not moving?"
            r"|\b(?:after|in|within) how many (?:business |working )?days\b.{0,30}\b(?:take action|do something"
            r"|act|investigate|look into it|escalate|trace|open a (?:claim|trace)|(?:count|consider)\w* (?:it )?lost)\b"
            r"|\bhow (?:long|many days) (?:before|until|till|til) (?:you|u)\b.{0,20}\b(?:take action|do something"
            r"|act|investigate|look into it|escalate|trace)\b",
            r"\bcuando (?:me )?(?:debo|tengo que|deberia) (?:empezar a )?preocupar\w*\b"
            r"|\b(?:despues de|a los|en) cuantos dias\b.{0,30}\b(?:hacen|haran|van a hacer|hacen|toman|investigan"
            r"|lo dan por perdido)\b",
            r"\b(?:a partir de quand|quand) (?:est-ce que )?(?:je dois|dois-je|faut-il) m'inquieter\b"
            r"|\b(?:au bout de|apres) combien de jours\b.{0,30}\b(?:faites|ferez|agissez|lancez|enquetez"
            r"|considere perdu)\b",
            r"\bab wann (?:sollte|muss|soll) ich mir (?:sorgen|gedanken) machen\b|\bwann gilt es als verloren\b"
            r"|\bnach wie vielen tagen\b.{0,30}\b(?:unternehmen|tun|machen|reagieren|forschen|verloren)\b",
            r"\b(?:a partir de )?quando (?:eu )?(?:devo|preciso) (?:me )?preocupar\b"
            r"|\b(?:depois de|apos|em) quantos dias\b.{0,30}\b(?:fazem|vao fazer|agem|investigam"
            r"|considera\w* perdid[oa])\b",
        ),
    ),
    Topic(
        "missed_delivery",
        "policy:delivery#attempts",
        re.compile(
            # "will they just have another go on the next working day?": a second attempt, asked.
            r"\b(?:have|make|give it) another (?:go|try|attempt|shot)\b|\b(?:try|deliver) (?:it )?again (?:on )?"
            r"(?:tomorrow|the next|monday|next)\b|"
            # "what happens if I'm not home?": a question (what happens) about being out (not home).
            r"^(?=.*\b(?:what happens|what if|then what|what do they do|will they (?:try|come) again|que pasa"
            r"|que sucede"
            r"|que hacen|se passe quoi|qu'est-ce qui se passe|que se passe|ils font quoi|was passiert|was dann"
            r"|o que acontece|que acontece|e ai)\b"
            # "and if nobody's home on Monday?": a bare conditional asked as a question.
            r"|.*?(?:^|[.!?;]\s*)\W*(?:and |so |then |y |et |pis |puis |et pis |und |e |but |pero |mais |aber |mas )?"
            r"(?:if|si|s'il|wenn|falls|se)\b[^?]*\?)"
            r"(?=.*\b(?:not (?:home|there|in|around)|nobody(?:'s| is)? (?:home|there)"
            r"|no ?ones?(?:'s| is)? (?:home|there)"
            r"|miss (?:it|the (?:driver|delivery))|won'?t be (?:home|there)|no (?:estoy|estamos|hay nadie|voy a estar)"
            r"|(?:ne )?suis pas (?:la|chez moi|a la maison)|(?:n'y a|y a) personne|absent\w*"
            # Quebec and Bavarian speech: "si jsuis pas la", "chu pas là", "wenn i ned daheim bin"
            r"|(?:j'?suis|jsuis|chu|j'?serai|jserai|je serai) pas (?:la|chez (?:moi|nous)|a la maison)"
            r"|(?:nicht|ned|net) (?:da|do|zu ?hause|daheim|dahoam|z'?haus)|niemand (?:da|zu ?hause)"
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
            r"|close|closes|closing|shut|shuts|ferment|fermez|fermeture|cierra|cierran|schliesst|schliessen|fecham"
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
        rx(
            r"\b(?:what time|when) (?:are|do) (?:you|your stores?|the stores?) (?:guys )?(?:open|close)\b"
            # "what time does ur store close tonight", "when do your shops shut today?"
            r"|\b(?:what time|when) (?:does|do|is|are) (?:ur|your|the|you(?:r)? guys'?) (?:stores?|shops?)(?: \w+)? "
            r"(?:open|close|shut)\b"
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
        "someone_else_picks_up",
        "policy:pickup#someone-else",
        rx(
            r"\b(?:can|could) (?:my|a) (?:friend|neighbou?r|wife|husband|partner|mom|mum|dad|son|daughter|bf|gf"
            r"|boyfriend|girlfriend|roomie|flatmate|housemate|fiance|fiancee"
            r"|sister|brother|"
            r"roommate|colleague) (?:(?:go|come) (?:and )?)?(?:pick|grab|collect|get)\b"
            r"|\b(?:does|do|will) (?:she|he|they) need (?:my"
            r"|an?|her|his) "
            r"(?:id|photo id|code|note)\b|\bwhat (?:does|do|will|would) (?:she|he|they) need\b"
            # "my other half could swing by for it instead", "what does he have to bring?"
            r"|\b(?:my|our) (?:other half|\w+) (?:could|can|will|would|might) (?:\w+ )?(?:swing|pop|stop|drop|come|go"
            r"|run|nip) (?:by|round|over|in|down|out)\b.{0,20}"
            r"\b(?:for it|get it|grab it|pick it up|collect it|instead)\b"
            r"|\bwhat (?:does|do|will|would|should) (?:she|he|they|my \w+) (?:need to |have to |got to )?"
            r"(?:bring|show|take)\b",
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
        rx(
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
        rx(
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
            r"identidade)\b|\b(?:preciso|tenho que|devo) levar (?:alguma coisa|algo)\b"
            # "preciso levar documento?", "¿tengo que llevar el DNI?", "faut-il apporter une pièce d'identité ?"
            r"|\b(?:preciso|tenho que|precisa|devo) levar (?:o |meu |um |algum )?(?:documento|rg|identidade|cpf)\b"
            r"|\b(?:tengo que|hay que|necesito|debo) llevar (?:el |mi |un |algun )?(?:documento|dni|ine"
            r"|identificacion|cedula|pasaporte)\b",
        ),
    ),
)
