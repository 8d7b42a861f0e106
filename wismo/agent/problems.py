"""Delivery problems are not status questions: each gets its own flow.

A damaged, wrong or missing item, a parcel marked delivered that never came, a request to
redeliver, to change the address or cancel, a refund demanded for a stuck parcel: these are the
contacts that cost a shop money, and answering them with the tracking status is no answer. Each
flow says what we know (the carrier's facts and the shop's written policy), what the customer can
do now, and what we do; where only a person can decide, the case goes to one with a reason that
says why (see REASON).

Detection is a set of stems per problem in five languages, matched on folded text (see cues.py);
the intent classifier decides that a message is about a delivery at all, these decide which problem.
"""

from __future__ import annotations

import re

from ..domain.status import FINAL_STATUSES, ShipmentStatus
from ..i18n import wording
from ..tools import knowledge
from ..tools.evidence import Fact
from ..tools.tracking import Tracking, carrier_name
from . import cues, topics
from .policy import TALK_TO_PERSON, plan, status_phrase

S = ShipmentStatus

#: The problems, most specific first (a "wrong item, and it's damaged" message is about the wrong item).
PROBLEMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, cues._rx(*patterns))
    for name, patterns in (
        (
            "cancel",
            (
                r"\b(?:cancel(?!ed (?:by|due))\w*|call off|stop (?:the |my )?order|"
                r"don'?t (?:want|need) (?:it|the order|this order) any ?more)\b",
                r"\b(?:cancelar|anular|ya no (?:lo|la) quiero)\b",
                r"\b(?:annuler|annulation|annulez|je n'en veux plus|(?:que j'|je veux qu'on |il faut que j')annule)\b",
                r"\b(?:stornier\w*|storno|abbestellen|bestellung zuruckziehen|will (?:es|sie) nicht mehr)\b",
                r"\b(?:cancelar|cancelamento|nao quero mais)\b",
            ),
        ),
        (
            "address_change",
            (
                r"\b(?:(?:change|update|correct|fix|edit|add) (?:the |my )?(?:shipping |delivery )?address|"
                r"(?:wrong|old|incomplete) (?:shipping |delivery )?address|address (?:problem|issue|is wrong)|"
                r"(?:forgot|missing|left (?:off|out)|add) (?:my |the )?(?:apt|apartment|unit|suite|flat|building) "
                r"(?:number|no|#)?|(?:send|ship|deliver|redirect|forward) (?:it |the (?:order|package|parcel) )?"
                r"(?:there instead|instead to|to (?:my |her |his |their |a )?(?:mom|mum|mother|dad|father|parents|"
                r"friend|sister|brother|grandma|work|office|new|other|different|another)\w*)|i (?:have )?moved|"
                r"change where (?:it|(?:the |my )?(?:order|package|parcel)|#?ws ?\d+) (?:is|'s) (?:going|headed|"
                r"being (?:sent|shipped|delivered))|(?:we |just |recently )?moved (?:last|this) (?:week|month)|"
                r"forgot to (?:update|change) (?:my |the )?address|"
                r"new address|(?:apt|apartment|unit|suite|flat)\s*#?\s*\d+\w*)\b",
                # "the apartment number is wrong", "I messed up the address", "typo in my address".
                r"\b(?:(?:apt|apartment|unit|suite|flat|house|street|door|building|zip|postal) ?(?:number|no|#|code)? "
                r"(?:is|was|'s) (?:wrong|incorrect|missing|off|a typo)"
                r"|(?:messed|mixed|screwed) up (?:the |my )?(?:shipping |delivery )?address"
                r"|(?:got|typed|put) (?:the |my )?address wrong|typo in (?:the |my )?address)\b",
                # "I put the wrong apartment number", "send it again to the right address".
                r"\b(?:wrong (?:apt|apartment|house|street|unit|door|building|zip|postal) ?(?:number|no|#|code)?|"
                r"(?:put|typed|entered|gave|wrote|used) (?:in )?(?:the |a |my )?wrong (?:address|apt|apartment|"
                r"house|street|zip|unit)|(?:send|ship|deliver) it (?:again )?to the (?:right|correct) "
                r"(?:address|one|place))\b",
                r"\b(?:cambiar (?:la |mi )?direccion|"
                r"direccion (?:equivocada|incorrecta|vieja|incompleta|antigua|anterior)|"
                r"mi (?:antigua|vieja) direccion|otra "
                r"direccion|me mude|nueva direccion|numero de (?:piso|departamento|apartamento))\b",
                r"\b(?:changer (?:l'|mon )?adresse|modifier (?:l'|mon )?adresse|mauvaise adresse|autre adresse|"
                r"adresse (?:incomplete|erronee)|j'ai demenage|nouvelle adresse|numero d'appartement|"
                r"(?:mon |l')ancienne adresse|j'ai mis (?:la |une )?mauvaise adresse)\b",
                r"\b(?:adresse (?:andern|aendern|korrigieren|ist falsch|unvollstandig)|andere adresse|falsche adresse|"
                r"neue adresse|umgezogen|lieferadresse (?:andern|ist falsch)|wohnungsnummer|(?:meine )?alte adresse)\b",
                r"\b(?:falsche (?:hausnummer|postleitzahl|plz|strasse|wohnungsnummer|anschrift)|(?:hausnummer|"
                r"postleitzahl|strasse|anschrift)\b.{0,25}\b(?:falsch|vertauscht|verdreht))\b",
                r"\b(?:(?:numero|codigo postal|calle|piso|depto|departamento) (?:equivocad[oa]|mal puest[oa])|puse mal "
                r"(?:la |el )?(?:direccion|numero de (?:la )?calle|calle|codigo postal|piso))\b",
                r"\b(?:(?:mauvais|faux) (?:numero|code postal)|(?:numero de rue|code postal|adresse) (?:errone|faux)|"
                r"(?:je me suis )?trompee? (?:d'adresse|dans l'adresse|de rue|de code postal))\b",
                r"\b(?:(?:numero|cep|rua|endereco) errad[oa]|"
                r"coloquei (?:o |a )?(?:endereco|numero|cep|rua) errad[oa])\b",
                r"\b(?:mudar (?:o |meu )?endereco|alterar (?:o |meu )?endereco|endereco (?:errado|incompleto)|outro "
                r"endereco|me mudei|novo endereco|numero do apartamento|(?:meu )?endereco antigo|antigo endereco)\b",
            ),
        ),
        (
            "wrong_item",
            (
                r"\b(?:wrong (?:item|product|thing|order|shoes?|jacket|boots?)|(?:sent|got|received|gave|came in|"
                r"arrived in|is) (?:me )?(?:the |a )?(?:wrong|different) (?:item|size|colou?r|product|one|thing)|"
                r"(?:sent|got|received|gave) (?:me )?(?:the |a )?wrong|not (?:what|the (?:one|item|thing)) i "
                r"(?:ordered|bought|paid for)|someone else'?s (?:order|items?|package|stuff|things)|"
                r"not the \w+ (?:one )?i (?:ordered|picked)|"
                r"(?:got|received|sent me|came with|it'?s) (?:something|sth) (?:completely |totally |entirely )?"
                r"(?:different|else)|different name on (?:the )?(?:packing slip|label|box)|(?:one|item) you sent is "
                r"(?:a )?(?:different|wrong)|different (?:size|colou?r|item|product) (?:than|from) (?:what )?i "
                r"ordered)\b",
                # "what came is NOT that", "what arrived isn't what I ordered": what came, said not to be it.
                r"\b(?:what|the thing|the item|the one|the box|the package|what i got) (?:that )?"
                r"(?:came|arrived|showed up|i got|you sent)\b.{0,15}"
                r"\b(?:is not|isn'?t|was not|wasn'?t|is nothing like|not even close)\b"
                r"|\bsend (?:me )?the right (?:one|item|thing|size|colou?r)\b"
                # "what's turned up is something else entirely", "what showed up was a different thing"
                r"|\b(?:turned up|showed up|came|arrived|got delivered|was delivered|was in the (?:box|parcel|bag))\b"
                r"[^.?!]{0,12}\b(?:is|was|it'?s)\b[^.?!]{0,8}\b(?:something|sth|a \w+ thing) (?:completely |totally "
                r"|entirely )?(?:different|else)\b",
                # "ordered the crewneck in L and got like a kids hoodie??": what was ordered, then what came.
                r"\bordered\b[^.?!]{1,60}\b(?:and|but) (?:i |we )?(?:got|received|recieved)\b"
                r"(?! (?:it|them|nothing)\b)"
                # "I ordered the parka in S and what's turned up is a child's fleece"
                r"|\bordered\b[^.?!]{1,60}\b(?:and|but) (?:what(?:'s| has| have| was)?"
                r"|what you sent) (?:turned up|showed up|arrived|came|is here)\b(?! late| today| yesterday)",
                r"\b(?:(?:articulo|producto|talla|color|pedido) equivocad[oa]|me (?:enviaron|mandaron|llego) "
                r"(?:otr[oa]|algo distinto|la talla equivocada)|no es (?:lo|el) que (?:pedi|compre)"
                r"|(?:venia|vino|llego) (?:otra cosa|algo (?:totalmente |completamente )?diferente)"
                # "me llegó un producto que no es el Cable Knit Pom Hat que pedí": what came is not what was ordered.
                r"|no (?:es|era|son|eran) (?:el|la|lo|los|las) [\w -]{1,40}? que (?:yo )?(?:pedi|compre|encargue))\b",
                r"\b(?:isn'?t|is not|wasn'?t|was not|not) the [\w -]{1,40}? (?:that )?i (?:ordered|bought|paid for)\b"
                r"|\bce n'est pas (?:le|la|les|l') ?[\w -]{1,40}? que j'ai (?:commande|achete)\b"
                r"|\bnicht (?:der|die|das|den) [\w -]{1,40}?,? (?:den|die|das) ich bestellt\b"
                r"|\bnao (?:e|era) (?:o|a|os|as) [\w -]{1,40}? que (?:eu )?(?:pedi|comprei|encomendei)\b",
                r"\b(?:(?:mauvais|mauvaise) (?:article|produit|taille|couleur)|ce n'est pas ce que j'ai "
                r"commande|pas le bon (?:article|produit|modele)|(?:article|produit|colis) qui n'est pas le bon"
                r"|(?:c'est|c'etait|ce n'est) pas du tout ce que j'ai commande"
                r"|(?:truc|article|chose) qui n'a rien a voir"
                r"|(?:il y a|j'ai recu|recu) (?:tout |toute )?autre chose|autre chose que ce que j'ai commande)\b",
                r"\b(?:falsche[nsr]? (?:artikel|grosse|farbe|ware|produkt)|nicht (?:das|was) ich bestellt|"
                r"etwas anderes (?:bekommen|geliefert)|nicht das drin,? (?:was|das) ich bestellt"
                r"|(?:gekommen|geliefert|drin) ist (?:etwas|was) (?:ganz |vollig |komplett )?anderes"
                r"|(?:etwas|was) (?:ganz |vollig |komplett )?anderes (?:gekommen|drin|im paket))\b",
                r"\b(?:(?:produto|item|tamanho|cor) errad[oa]|veio (?:outr[oa]|errado|o tamanho errado)|nao e o "
                r"que (?:eu )?(?:pedi|comprei)|veio (?:outra coisa|algo (?:totalmente |completamente )?diferente))\b",
            ),
        ),
        (
            "missing_item",
            (
                r"\b(?:(?:item|piece|part|one|thing)s? (?:is |was |are )?missing|something'?s missing|smth'?s missing"
                r"|missing (?:from|in) (?:the |my )?"
                r"(?:box|package|parcel|order)|is missing|was missing|(?:box|package|parcel) (?:was|came|arrived) "
                r"empty|empty (?:box|package|parcel)|only (?:got|received|came with) (?:one|two|\d|part|half)|not "
                r"(?:everything|all (?:of )?(?:the )?items?) (?:was|were|came|arrived)|"
                r"(?:wasn'?t|was not|isn'?t|is not|weren'?t|"
                r"were not) (?:\w+ )?in (?:it|there|the (?:box|package|parcel|bag))|half (?:of )?my order|and no \w+|"
                r"(?:the )?rest (?:of (?:it|the order) )?(?:was|were) (?:there|in (?:it|the box))|"
                r"(?:it'?s|its) (?:just |simply )?not in (?:the )?(?:box|package|parcel)"
                # "the Packable Down Jacket is just not in there"
                r"|(?:is|was|are|were) (?:just |simply )not in (?:it|there|the (?:box|package|parcel)))\b",
                # "box came but only the boots was in it?? wheres the rest", "did u forget the rest"
                r"\bonly (?:the |my |one |a )?[\w -]{1,40}? (?:was|were) in (?:it|there|the (?:box|package|parcel))\b"
                r"|\bwhere'?s the rest\b|\bwhere is the rest\b",
                r"\b(?:llego|vino|recibi|lleg[oó] la caja)\b.{0,40}\b(?:pero|y)\b.{0,20}\bfalta(?:ba|ban|n)?\b"
                r"(?! (?:poco|mucho|nada|tiempo|\d))|"
                r"\b(?:falta(?:ba|n)? (?:un|una|el|la|algo|articulo)|caja vacia|paquete vacio|solo (?:llego|"
                r"vino|recibi) (?:un|una|parte)|no venia (?:el|la)"
                # "el Packable Down Jacket no venía dentro", "no estaba en la caja"
                r"|no (?:venia|vino|estaba|llego) (?:dentro|adentro|en (?:la caja|el paquete)))\b",
                r"\b(?:il manqu(?:e|ait)|manquant|colis vide|carton vide|boite vide|seulement (?:recu|un article)|"
                r"n'etait pas (?:dans le colis|dedans|dans le carton)|pas dans le (?:colis|carton))\b",
                r"\b(?:fehlt|fehlen|fehlte|leere[rs]? (?:paket|karton)|nur (?:ein|einen|teil)\w* (?:bekommen|"
                r"geliefert|erhalten)|war nicht im paket|(?:war|ist) nicht (?:drin|dabei|im karton|im paket))\b",
                r"\b(?:falt(?:a|ou|ando) (?:um|uma|o|a|item|peca)|caixa vazia|pacote vazio|so (?:veio|chegou|"
                r"recebi) (?:um|uma|parte)|nao veio (?:o|a)|nao veio na caixa|nao estava na caixa|"
                r"(?:chegou|veio|recebi)\b.{0,40}\bmas\b.{0,40}\bnao (?:veio|estava|chegou)"
                r"|(?:chegou|veio|recebi)\b.{0,40}\b(?:mas|e)\b.{0,20}\bfalt(?:a|ava|avam|ou|aram)\b"
                r"(?! (?:pouco|muito|nada|tempo|\d)))\b",
            ),
        ),
        (
            "damaged",
            (
                r"\b(?:(?:a|big|huge|with) cracks?|"
                # ("go hole", "cho hole", "abhole": Swiss German for fetching it, no hole in it)
                r"damaged|broken|broke|smashed|crushed|cracked|shattered|dented|ripped|torn|tear|tears|"
                r"(?<!\bgo )(?<!\bcho )(?<!\bga )hole(?! (?:cho|go|gah|gaa|cha|chan))|"
                r"(?:a |huge |big |massive )?rips? (?:in|on|down)|"
                r"holes|stain\w*|scratch\w*|scuff\w*|wet|soaked|destroyed|defective|faulty|doesn'?t work|does not "
                r"work|stopped working|not working|won'?t (?:turn on|charge|work)|arrived (?:in pieces|broken)|"
                # "the boots died after 2 days", "it gave out within a week", "packed in after one wear"
                r"(?:died|dead|gave out|gave up|quit working|quit on me|conked out|packed (?:in|up)|gone kaput)"
                r" (?:after|within|in) (?:\w+ )?(?:\d+|a|one|two|three|a few|few|just) \w*|"
                r"(?:is|are|was|were|already|totally|completely) dead(?=\s*(?:[.,!?;)]|$|already|now|again|after"
                r"|within))|"
                r"(?:in|to) (?:pieces|bits|shreds)|snapped|busted|"
                r"fell apart|falling apart|came apart|coming apart|(?:came|come|coming) (?:undone|unstitched)|"
                r"(?:seam|sole|zip|zipper|strap|handle) (?:split|broke|came off|fell off|ripped)|box "
                r"(?:was )?(?:open|ripped|torn|crushed)|leak(?:ed|ing))\b",
                r"\b(?:danad[oa]|roto|rota|rotos|rotas|estropead[oa]|aplastad[oa]|mojad[oa]|rasgad[oa]|agujero|"
                r"mancha\w*|no funciona|defectuos[oa]|llego (?:roto|rota|mal)|rajad[oa]|abollad[oa]|rayad[oa]|"
                r"descosid[oa]|(?:hecho|hecha) (?:polvo|pedazos|trizas)"
                r"|se (?:rompio|rompieron|descosio|despego|estropeo|desarmo)|dejo de funcionar)\b",
                r"\b(?:endommage\w*|abime\w*|casse\w*|brise\w*|ecrase\w*|ecrapout\w*|amoche\w*|"
                r"dechire\w*|mouille\w*|troue\w*|tache\w*|ne "
                r"(?:marche|fonctionne) (?:pas|plus)|defectueu\w*|fissure\w*|decousu\w*|en morceaux|s'est (?:casse\w*"
                r"|dechire\w*|decousu\w*)|a lache)\b",
                # (inflected too: "mit einer kaputten Tasse", "ein beschädigtes Paket", "der Henkel ist abgebrochen")
                r"\b(?:beschadigt\w*|kaputt\w*|zerbrochen\w*|zerdruckt\w*|eingedruckt\w*|nass|gerissen|riss|loch"
                r"|fleck\w*|defekt\w*|abgebrochen|abgerissen|"
                r"funktioniert nicht|zerkratzt|gesprungen|eingerissen|zerrissen|verbeult|zerquetscht"
                r"|in (?:stucken|einzelteilen)|zerfetzt)\b",
                r"\b(?:danificad[oa]|quebrad[oa]|quebrou|amassad[oa]|rasgad[oa]|rasgou|molhad[oa]|estragad[oa]|furo|"
                r"mancha\w*|defeito|nao funciona|amachucad[oa]|estalad[oa]|riscad[oa]|descosid[oa]|"
                r"(?:chegou|veio|vinha|esta|ta) (?:todo |toda )?partid[oa]s?|em pedacos)\b",
            ),
        ),
        (
            "replacement",
            (
                r"\b(?:send (?:me )?(?:a )?(?:new one|replacement|another one)|(?:a |want a |need a )?replacement|"
                r"reship\w*|re-?send|ship (?:it |me one )?again|send (?:it )?again|new one not a refund)\b",
                r"\b(?:(?:envien|mandenme|manden|enviar) (?:otr[oa]|uno nuevo|de nuevo)|reenvi\w*|reemplazo)\b",
                r"\b(?:renvoye[rz]? un (?:autre|nouveau)|reexpedi\w*|remplacement|en renvoyer un|"
                r"(?:m'en |en )?(?:envoyer|renvoyer|expedier) un (?:autre|nouveau))\b",
                r"\b(?:ersatz(?:lieferung)?|neu (?:schicken|senden)|nochmal (?:schicken|senden))\b",
                r"\b(?:reenvi\w*|mandar (?:outr[oa]|de novo)|substitui\w*)\b",
            ),
        ),
        (
            "dispatch_claim",
            (
                r"\b(?:(?:already|just) (?:checked|looked|asked|searched|walked|been)|(?:checked|looked|searched|"
                r"walked|asked)\b.{0,40}\balready|(?:checked|looked|searched) (?:everywhere|all over|with (?:the |my )?"
                r"neighbou?rs?|around|the (?:porch|mailroom|door|lobby|building))|neighbou?rs? (?:don'?t|didn'?t|do "
                r"not|did not|haven'?t) (?:have|see)|still (?:nothing|not there|no sign|can'?t find)|nowhere to be "
                r"found|been (?:over )?24 hours|(?:a|one|two|\d) days? (?:later|ago|now) and (?:still|nothing))\b",
                r"\b(?:ya (?:mire|busque|pregunte|revise)|(?:mire|busque|revise|pregunte) (?:por todas partes|"
                r"a los vecinos|con los vecinos|en todos lados)|los vecinos no (?:lo )?tienen|sigue sin aparecer|"
                r"no aparece)\b",
                r"\b(?:j'ai (?:deja )?(?:tout )?(?:cherche|verifie|demande)|(?:cherche|regarde) partout|"
                r"les voisins n'ont "
                r"rien|toujours (?:rien|pas))\b",
                r"\b(?:(?:schon|bereits)\b.{0,25}\b(?:nachgesehen|gesucht|gefragt|nachgefragt|geschaut|nachgschaut)|"
                # "hab schon vor der Tür, im Postkastl und bei den Nachbarn nachgschaut. is jetzt 2 Tag her"
                r"(?:vor der tur|im (?:postkastl|briefkasten|postkasten|hausflur)|bei (?:den|die) nachbarn)\b.{0,40}"
                r"\b(?:nachgesehen|nachgeschaut|nachgschaut|geschaut|gschaut|gesucht|gefragt|gfragt)|"
                r"(?:\d|zwei|drei|vier) tage? her\b|"
                r"(?:uberall|bei den "
                r"nachbarn) (?:gesucht|nachgefragt|gefragt)|nachbarn (?:haben|hat) (?:es |ihn |nichts)|"
                r"nachbarn gefragt|"
                r"immer noch nicht (?:da|aufgetaucht))\b",
                r"\b(?:ja (?:procurei|olhei|perguntei|verifiquei)|(?:procurei|olhei|perguntei) (?:em todo lugar|por "
                r"toda parte|aos vizinhos|com os vizinhos)|os vizinhos nao (?:tem|viram)|continua sem aparecer|nada "
                r"ainda)\b",
            ),
        ),
        (
            "not_received",
            (
                r"\b(?:not (?:here|received|delivered|arrived)|never (?:got|received|arrived|came|showed up)|"
                r"didn'?t (?:get|receive|arrive|come)|haven'?t (?:got(?:ten)?|received)|can'?t find|cannot find|"
                r"don'?t see it|(?:isn'?t|wasn'?t) (?:here|there)|no (?:package|parcel|box)|says (?:it was |it'?s )?"
                r"delivered|(?:marked|shows|showing|listed) (?:\w+ ){0,3}(?:as )?delivered|stolen|stole|porch pirate|"
                r"someone (?:took|stole)|took (?:my|the) (?:package|parcel|box))\b",
                r"\b(?:no (?:me )?(?:ha )?llegado|no (?:lo|la) (?:he )?recibido|no (?:lo|la) encuentro|dice "
                r"(?:que )?entregado|marcado como entregado|aparece (?:como )?entregado|me lo robaron|robado"
                r"|entregad[oa]\b.{0,30}\b(?:pero|y) (?:aqui |aca )?no (?:hay|esta|llego) (?:nada|nadie|el paquete))\b",
                r"\b(?:pas (?:recu|arrive|livre)|jamais (?:recu|arrive)|(?:j'ai |je n'ai )?rien recu|"
                r"(?:dit|marque|note) (?:comme )?livre|je ne (?:le |la )?trouve pas|indique "
                r"(?:comme )?livre|marque (?:comme )?livre|vole"
                r"|livre\b.{0,30}\b(?:mais )?(?:y'?a|il y a|j'ai) rien)\b",
                r"\b(?:nicht (?:angekommen|erhalten|bekommen)|nie angekommen|kann (?:es|ihn|das paket) "
                r"nicht finden|als zugestellt|steht (?:auf|als) zugestellt|angeblich zugestellt|gestohlen|"
                r"nichts (?:angekommen|gekommen|bekommen|erhalten)|"
                r"zugestellt,? (?:aber|doch) (?:hier |da )?(?:ist |is )?(?:nichts|nix|nuscht|nischt|"
                r"kein paket)|(?:ist|war) nicht da|zugestellt\b.{0,30}\b(?:hier|da) (?:ist|is) (?:nichts|nix|nuscht"
                r"|nischt)|zugestellt\b.{0,40}\b(?:ist|is) (?:nichts|nix|nuscht|nischt) da)\b",
                r"\b(?:nao (?:recebi|chegou)|nunca (?:chegou|recebi)|nao (?:o |a )?encontro|diz "
                r"(?:que foi )?entregue|consta como entregue|marcado como entregue|roubad[oa])\b",
            ),
        ),
        (
            "redelivery",
            (
                r"\b(?:(?:bring|take|send) it (?:back )?(?:out )?(?:again )?(?:tomorrow|monday|another day|later)"
                r"|come (?:back|by) (?:again )?(?:tomorrow|on monday)|"
                r"redeliver\w*|deliver (?:it )?again|try (?:again|delivering)|(?:another|second|next) "
                r"(?:attempt|delivery)|come back (?:tomorrow|later|another)|deliver (?:it )?(?:tomorrow|on "
                r"(?:monday|saturday|another day))|reschedul\w*|re-?attempt)\b",
                r"\b(?:volver a (?:entregar|intentar)|entregar(?:lo)? (?:otra vez|de nuevo|manana)|"
                r"nuevo intento|reprogramar|(?:mandar|mandas|mandes|traer|traes|enviar)(?:lo|la|melo|mela)? "
                r"(?:de nuevo|otra vez|nuevamente)|(?:lo|la) (?:pueden|podes|puedes|podés) (?:traer|mandar|enviar) "
                r"(?:de nuevo|otra vez|manana))\b",
                r"\b(?:relivr\w*|livrer (?:a nouveau|de nouveau|demain)|nouvelle (?:tentative|livraison)|repasser|"
                r"(?:revenir|repasser|rapporter|relivrer) demain|"
                r"reprogrammer)\b",
                r"\b(?:erneut zustellen|nochmal (?:zustellen|liefern|vorbeikommen)|neue[rn]? zustellversuch|"
                r"morgen (?:zustellen|liefern)|zweite[rn]? zustellung|(?:nochmals|nochmal|erneut) (?:\w+ ){0,2}?"
                r"(?:liefern|zustellen|bringen|vorbeibringen))\b",
                r"\b(?:entregar\w* (?:de novo|novamente|amanha)|nova (?:tentativa|entrega)|reentrega|reagendar)\b",
            ),
        ),
        (
            "refund_demand",
            (
                r"\b(?:refund|money back|reimburse\w*|compensat\w*)\b",
                r"\b(?:reembolso|devolucion del dinero|devuelvan (?:el|mi) dinero|mi dinero"
                # Rioplatense and Mexican: "devolveme la plata", "regrésenme mi lana"
                r"|(?:devolveme|devolvime|devuelvanme|devolvenme|regresenme|reintegrenme) (?:la|el|mi) (?:plata"
                r"|dinero|lana|guita))\b",
                r"\b(?:rembours\w*|mon argent)\b",
                r"\b(?:erstatt\w*|geld zuruck|ruckerstattung)\b",
                r"\b(?:reembols\w*|estorno|meu dinheiro|dinheiro de volta|(?:me )?devolv\w* o dinheiro)\b",
            ),
        ),
    )
)

#: The handoff reason of each problem that needs a person.
REASON = {
    "replacement": "policy_exception",
    "damaged": "damaged_item",
    "wrong_item": "wrong_item",
    "missing_item": "missing_item",
    "dispatch_claim": "not_received_claim",
    "address_change": "address_change",
    "cancel": "cancel_request",
    "refund_demand": "refund_request",
}
#: Problems that need an order before anything can be said.
NEEDS_ORDER = frozenset(REASON) | {"not_received", "redelivery"}
#: Statuses where what arrived can go back: a refund demand then is a return.
RETURNABLE = frozenset({S.DELIVERED})
#: Statuses where a parcel is stuck or late: a refund demand then goes to a person.
STUCK = frozenset({S.EXCEPTION, S.DELAYED, S.EXPIRED, S.RETURNED_TO_SENDER, S.ATTEMPT_FAILED, S.IN_TRANSIT})


#: Saying one does not cancel: "not cancelling, just asking", "no quiero cancelar", "ich will nicht stornieren".
_NOT_CANCELLING = re.compile(
    r"\b(?:not|no|never|don'?t want to|do not want to|won'?t|not going to|no need to) (?:cancel+(?:ing)?|cancel it)\b"
    r"|\bno (?:quiero|voy a|lo voy a|necesito) (?:cancelar|anular)\b|\bsin cancelar\b"
    r"|\b(?:je ne veux pas|je ne vais pas|pas besoin d')\s?annuler\b|\bsans annuler\b"
    r"|\b(?:will|mochte|muss) (?:es |sie )?nicht (?:stornieren|abbestellen)\b|\bnicht stornieren\b"
    r"|\bnao (?:quero|vou|preciso) cancelar\b|\bsem cancelar\b"
)


def detect(text: str, intent: str | None = None, previous: str | None = None) -> str | None:
    """Which delivery problem a message raises, if any.

    `previous` is the problem under way: after the checklist for a parcel marked delivered, "still
    nothing" or "I looked everywhere" is the claim, and a refund demand on a delivered order is a
    return (left to the returns flow) unless something went wrong with it.
    """
    folded = cues.fold(text)
    found = None
    for name, rx in PROBLEMS:
        if rx.search(folded):
            found = name
            break
    if found == "cancel" and _NOT_CANCELLING.search(folded):
        return None  # "ok good to know, not cancelling, just asking"
    if found == "cancel" and cues.any_of(cues.HYPOTHETICAL, text) and not cues.any_of(cues.CHANGE, text):
        if topics.topics_of(text):
            return None  # "if an order gets cancelled, how long does the pending charge stay?": the question
    if found == "cancel" and _REFUND_WORDS.search(folded):
        found = "refund_demand"  # "I don't want it anymore, just refund me": the money is the request
    if found == "cancel" and (
        re.search(r"\b(?:return|exchange|subscription|newsletter|notifications?)\b", folded)
        or cues.any_of(cues.RETURN, text)
    ):
        return None  # "it came too late, I don't need it anymore, want to send it back": a return
    if found == "refund_demand" and "?" in folded and any(t.name == "gift_privacy" for t in topics.topics_of(text)):
        return None  # "the refund goes to her or to me?" about a gift: who is refunded, asked; not a demand
    if found in ("replacement", "refund_demand") and "?" in folded and _WHICH_OF_THE_TWO.search(folded):
        return None  # "so do I get my money back or do you send it again?": what happens, asked; not a demand
    if found == "wrong_item" and _MY_OWN_MISTAKE.search(folded):
        return None  # "I ordered the wrong thing": the customer's own choice, a cancel or a return
    if found == "redelivery" and re.search(r"\b(?:i'?ll|ill|i will|we'?ll|we will) (?:come|check|be) back\b", folded):
        return None  # "forget it, I'll come back later": the customer leaving, not the driver returning
    if (
        found == "redelivery"
        and any(t.name == "weekend_delivery" for t in topics.topics_of(text))
        and not re.search(r"\b(?:again|another|missed|attempt\w*|came by|tried)\b", folded)
    ):
        return None  # "do you guys deliver on Saturday? I work weekdays": who delivers when, not a second try
    if found == "redelivery" and cues.any_of(cues.PICKUP, text):
        return None  # "send it to a pickup point rather than having them try again": the pickup is the ask
    if found == "address_change" and _SOMEONE_ELSES_ADDRESS.search(folded):
        return None  # "my ex ordered too, I need his new address": someone else's data, not a change of ours
    if found == "damaged" and _NOT_DAMAGED.search(folded):
        found = None  # "nothing's broken, I just don't want it": a return, not a damage claim
    if found == "damaged" and re.search(r"\b(?:link|links|website|site|page|app|url|button|promo code)\b", folded):
        return None  # "the tracking link doesn't work": not a damaged item
    if found == "not_received" and _THEFT.search(folded):
        return "dispatch_claim"  # seen taken ("on my ring camera"): a claim for a person, no checklist
    if previous == "missing_item" and found in (None, "not_received", "dispatch_claim"):
        if _still(folded) or _ONE_PARCEL.search(folded):
            return "missing_item"  # "there's only one tracking number", "still not there": a person now
    if "not_received" in (previous, found) and found in (None, "not_received") and _OPEN_CLAIM.search(folded):
        return "dispatch_claim"  # "ok please open the claim", "bitte machen S' die Reklamation auf"
    if previous == "not_received" and (found in (None, "not_received") and _still(folded)):
        if _LATER.search(folded):
            return None  # "the mailroom is closed, I'll check there tomorrow": no claim yet
        return "dispatch_claim"
    return found


def asks_claim(text: str) -> bool:
    """ "ok please open the claim", "ouvrez la réclamation svp": the claim the not-received answer offered."""
    return _OPEN_CLAIM.search(cues.fold(text)) is not None


#: Asking for the claim the not-received answer offers: "ok please open the claim", "abran la reclamación".
_OPEN_CLAIM = re.compile(
    r"\b(?:open|file|start|make|raise|submit|lodge) (?:a|the|that|my) (?:claim|investigation|trace|case)\b"
    r"|\bgo ahead (?:and|with) (?:the )?claim\b"
    r"|\b(?:abr(?:ir|an|e|anme)|pon(?:er|gan)|hac(?:er|ed|edme)|inici(?:ar|en)) (?:la|una|el) (?:reclamacion|reclamo"
    r"|investigacion|caso)\b"
    r"|\b(?:ouvr(?:ir|ez|e)|lanc(?:er|ez)|fai(?:re|tes)) (?:une|la) (?:reclamation|enquete|demande)\b"
    r"|\b(?:reklamation|nachforschung\w*|fall)\b.{0,20}\b(?:auf|aufmachen|eroffnen|starten|anlegen)\b"
    r"|\b(?:mach\w*|eroffne\w*|starte\w*|leg\w*)\b.{0,20}\b(?:reklamation|nachforschung\w*)\b"
    r"|\b(?:abr(?:ir|am|e)|fa(?:zer|cam)|inici(?:ar|em)) (?:a|uma|o) (?:reclamacao|investigacao|chamado)\b"
)
#: "I ordered the wrong thing", "me equivoqué de talla": the customer's own mistake, not a wrong item sent.
_MY_OWN_MISTAKE = re.compile(
    r"\b(?:(?:i|we) )?(?:ordered|picked|bought|chose|selected|clicked) (?:the |a )?wrong\b|\bmy (?:mistake|bad)\b"
    r"|\bme equivoque de\b|\bpedi (?:el|la) (?:talla|color|modelo) equivocad[oa]\b|\bje me suis trompe\w* de\b"
    r"|\b(?:ich habe|hab) (?:das |den |die )?falsche\w* bestellt\b"
    r"|\b(?:pedi|comprei) (?:o|a) (?:errad[oa]|tamanho errado)\b"
)
#: "I need his new address", "where is she living now": another person's address asked for.
_SOMEONE_ELSES_ADDRESS = re.compile(
    r"\b(?:his|her|their|my ex'?s?|the other person'?s) (?:new |current |home )?address\b"
    r"|\b(?:su|la) (?:nueva )?direccion (?:de (?:el|ella|mi ex))\b|\b(?:sa|son) (?:nouvelle )?adresse\b"
    r"|\b(?:seine|ihre) (?:neue )?adresse\b|\bo (?:novo )?endereco (?:dele|dela)\b"
)

_STILL = re.compile(
    r"\b(?:still|nothing|no(?:pe)?|not there|nowhere|sigue|nada|toujours|rien|immer noch|nichts|nix|ainda|nada|"
    r"(?:ist|is) weg|alles (?:schon )?(?:gemacht|abgesucht|gecheckt|versucht)|looked everywhere|"
    r"pas la|nulle part|partout|toute? (?:checke|verifie|regarde|fouille)|por todos lados|em todo lugar|"
    r"what now|now what|y ahora|et maintenant|und jetzt|e agora"
    # "yes i checked. mailroom, neighbours both sides", "its been two days": the checklist done
    r"|(?:already|i|we|yes i|yeah i) (?:checked|looked|asked|searched)|checked (?:everywhere|the mailroom|with)"
    r"|(?:it'?s|its|it has) been (?:\w+ )?(?:days|two days|2 days|three days|3 days|a week)"
    r"|ya (?:busque|revise|mire|pregunte)|j'ai (?:deja )?(?:verifie|cherche|regarde|demande)"
    r"|hab(?:e)? (?:schon )?(?:nachgeschaut|geschaut|gesucht|gefragt)|ja (?:procurei|olhei|perguntei))\b"
)


#: After the advice to look for a second parcel: there is none, or they looked.
_ONE_PARCEL = re.compile(
    r"\b(?:only (?:has |have |had |got |shows |lists )?(?:one|1) (?:tracking|parcel|package|box|number)"
    r"|(?:it'?s|its) (?:just |simply )?missing|just (?:one|1) (?:tracking|parcel|package|box)|"
    r"(?:already )?checked|no (?:other|second) (?:tracking|parcel|package)|"
    r"(?:solo|un solo) (?:un )?(?:numero|paquete|seguimiento)|ya (?:lo )?revise|un seul (?:colis|numero|suivi)|"
    r"j'ai (?:deja )?verifie|nur (?:die |den |das )?(?:eine|ein|einen) (?:sendungsnummer|paket|trackingnummer|versand"
    r"(?:mail|bestatigung)|mail)|(?:keine|kein) (?:zweite|zweites|weitere|anderes|andere) (?:sendungsnummer|paket"
    r"|trackingnummer)|(?:schon )?nachgesehen|"
    r"no (?:tengo|hay) (?:otro|un segundo) (?:numero|paquete|seguimiento)|pas d'autre (?:colis|numero)"
    r"|nao (?:tenho|tem|ha) (?:outro|segundo) (?:codigo|pacote|rastreio)"
    r"|only (?:the )?one (?:shipping )?(?:email|mail)|"
    r"so (?:um|uma) (?:codigo|pacote|rastreio)|ja (?:verifiquei|conferi))\b"
)
#: Asking which of the two happens: "do I get my money back or do you send it again?", "¿reembolso o reenvío?".
_MONEY_BACK = r"\b(?:refund\w*|money back|reembols\w*|rembours\w*|erstatt\w*|geld zuruck|dinheiro de volta)\b"
_SENT_AGAIN = (
    r"\b(?:send\w* (?:it |them |one )?(?:again|out again)|resend\w*|reship\w*|new one|reenvi\w*|renvo\w*"
    r"|neu (?:schicken|senden)|nochmal (?:schicken|senden)|reenvio|mandar de novo|enviar de novo)\b"
)
_WHICH_OF_THE_TWO = re.compile(
    rf"{_MONEY_BACK}.{{0,50}}\b(?:or|o|ou|oder)\b.{{0,50}}{_SENT_AGAIN}"
    r"|\b(?:send\w* (?:it |them )?again|resend\w*|reship\w*|reenvi\w*|renvo\w*)\b.{0,50}\b(?:or|o|ou|oder)\b.{0,50}"
    + _MONEY_BACK
)
_REFUND_WORDS = re.compile(
    r"\b(?:refund\w*|money back|reembols\w*|devuelv\w* (?:el|mi) dinero|devolvedme el dinero|rembours\w*|"
    r"erstatt\w*|geld zuruck|dinheiro de volta|meu dinheiro)\b"
)


def demands_money(text: str) -> bool:
    """The money back (or the parcel sent again) asked for, not only mentioned."""
    return bool(_REFUND_WORDS.search(cues.fold(text)))


_NOT_DAMAGED = re.compile(
    r"\b(?:(?:is|was|it'?s|its)?\s*(?:not|nothing|isn'?t|wasn'?t)\s+(?:\w+\s+)?"
    r"(?:damaged|broken|wrong with it|defective)|"
    r"nothing(?:'s| is)? wrong|(?:ist |war )?(?:nix|nichts|nicht) (?:kaputt\w*|beschadigt\w*|defekt\w*)"
    r"|no (?:esta|vino) "
    r"(?:roto|danado|defectuoso)|no tiene nada|(?:il )?(?:n'a|a) rien|n'est pas (?:abime|casse|endommage)|"
    r"rien (?:de |n'est )?(?:casse|abime|endommage)|nada (?:roto|danado)|nada quebrado|"
    r"nao (?:esta|veio) (?:quebrad|danificad|com defeito)\w*|nao tem nada"
    # "no defects", "sin ningún defecto", "aucun défaut", "kein Mangel", "não tem defeito nenhum"
    r"|no (?:defects?|damage)|(?:sin|no tiene) (?:ningun |nada de )?(?:defecto|dano)|(?:aucun|pas de|sans) "
    r"(?:defaut|dommage)|kein(?:en|e)? (?:mangel|defekt|fehler|schaden)|(?:nao tem|sem) (?:nenhum )?defeito)\b"
)
#: A parcel seen stolen: the customer already knows it is not just misplaced.
_THEFT = re.compile(
    r"\b(?:stole|stolen|porch pirate|someone took|took (?:my|the) (?:package|parcel|box)|"
    r"on (?:my|the) (?:ring|doorbell|"
    r"security) (?:camera|cam|video)|me lo robaron|robad[oa]|vole|gestohlen|geklaut|roubad[oa])\b"
)
#: The customer will look again later: the checklist is under way, no claim yet.
_LATER = re.compile(
    r"\b(?:(?:i'?ll|i will|i'?m going to|gonna|let me) (?:check|look|ask|go)|check (?:again )?(?:there )?tomorrow|"
    r"come back (?:if|later|tomorrow)|revisar[e]? manana|vuelvo a escribir|je (?:vais )?regarder(?:ai)? demain|"
    r"ich (?:schau|frag)e? (?:morgen|nochmal)|vou (?:ver|olhar) amanha)\b"
)


def _still(folded: str) -> bool:
    return bool(_STILL.search(folded))


def _event(tracking: Tracking) -> Fact | None:
    return next((f for f in tracking.facts if ":event:" in f.source_id), None)


def _order_fact(tracking: Tracking) -> Fact | None:
    return next((f for f in tracking.facts if f.source_id.startswith("order:")), None)


def _order_and_parcel(tracking: Tracking) -> tuple[list[Fact], dict]:
    """The order's and the parcel's facts, and the fields every problem reply names them by."""
    order = tracking.order
    shipment_id = f"shipment:{tracking.shipment.tracking_number}"
    parcel = next((f for f in tracking.facts if f.source_id == shipment_id), None)
    fields = {
        "order_number": order.number if order else "",
        "carrier": carrier_name(tracking.shipment.carrier),
        "tracking_number": tracking.shipment.tracking_number,
    }
    return [f for f in (_order_fact(tracking), parcel) if f], fields


def problem_plan(problem: str, tracking: Tracking, evidence: list[Fact]) -> tuple[list[Fact], dict]:
    """What we know and what happens next, for a verified order; a handoff where a person decides."""
    tz = tracking.timezone
    status = tracking.status
    event = _event(tracking)
    facts, fields = _order_and_parcel(tracking)
    facts = facts + ([event] if event else [])
    if event is not None:
        fields |= {
            "last_event": wording.event(event.values["description"]),
            "last_time": wording.moment(event.values["time"], tz),
            "last_place": wording.place(event.values.get("city"), event.values.get("region")),
        }

    def with_policy(article: str, template: str, reason: str | None, **extra) -> tuple[list[Fact], dict]:
        policy = knowledge.article(article).fact()
        p = plan(template, facts + [policy], [TALK_TO_PERSON], policy_text=policy.values["text"], **fields, **extra)
        if reason:
            p["handoff"] = reason
        return evidence + [policy], p

    if problem in ("damaged", "wrong_item", "missing_item"):
        return with_policy("policy:returns#damaged", f"problem_{problem}", REASON[problem])
    if problem == "replacement":
        return with_policy("policy:returns#damaged", "problem_replacement", REASON[problem])
    if status is S.ATTEMPT_FAILED and problem in ("not_received", "dispatch_claim", "redelivery"):
        problem = "redelivery"
    if problem == "dispatch_claim":
        if status is not S.DELIVERED:
            return _not_delivered(tracking, evidence, facts, fields)
        return with_policy("policy:delivery#not-received", "problem_claim", REASON[problem])
    if problem == "not_received":
        if status is not S.DELIVERED or event is None:
            return _not_delivered(tracking, evidence, facts, fields)
        return with_policy("policy:delivery#not-received", "problem_not_received", None)
    if problem == "redelivery":
        if status is S.ATTEMPT_FAILED:
            policy = knowledge.article("policy:delivery#attempts").fact()
            p = plan(
                "problem_redelivery",
                facts + [policy],
                ["Pickup options", TALK_TO_PERSON],
                policy_text=policy.values["text"],
                **fields,
            )
            return evidence + [policy], p
        return _not_delivered(tracking, evidence, facts, fields)
    if problem in ("address_change", "cancel"):
        shipped = status is not S.PENDING
        key = f"problem_{problem}_{'shipped' if shipped else 'unshipped'}"
        return with_policy("policy:orders#changes", key, REASON[problem])
    if problem == "refund_demand":
        if status is S.RETURNED_TO_SENDER:
            # The written policy answers it: refunded (or reshipped) when it is back with us.
            return with_policy("policy:carrier#returned-to-sender", "problem_refund_returning", None)
        if status in FINAL_STATUSES - {S.RETURNED_TO_SENDER, S.EXPIRED}:
            return with_policy("policy:returns#damaged", "problem_refund_delivered", REASON[problem])
        # The written explanation of the parcel's own status (an exception is not a delay).
        from .policy import EXPLAINED

        article = EXPLAINED.get(status, "policy:carrier#delayed")
        return with_policy(article, "problem_refund_stuck", REASON[problem])
    raise ValueError(f"unknown problem {problem!r}")


def missing_first(tracking: Tracking, evidence: list[Fact], parcels: int) -> tuple[list[Fact], dict]:
    """An item missing, said the first time: one parcel means nothing else is coming (we know it, the
    customer may not); several mean the written advice to look for the other tracking number. Either
    way a person is offered, and brought in on a yes or when the customer says it is still missing."""
    facts, fields = _order_and_parcel(tracking)
    quick = ["Yes, a person please", TALK_TO_PERSON]
    if parcels <= 1:
        return evidence, plan("problem_missing_one_parcel", facts, quick, **fields)
    policy = knowledge.article("policy:shipping#split").fact()
    p = plan("problem_missing_split", facts + [policy], quick, policy_text=policy.values["text"], **fields)
    return evidence + [policy], p


def _not_delivered(
    tracking: Tracking, evidence: list[Fact], facts: list[Fact], fields: dict
) -> tuple[list[Fact], dict]:
    """'Never got it' for a parcel the carrier has not delivered: where it is, not a claim."""
    return evidence, plan(
        "problem_not_delivered_yet",
        facts,
        [TALK_TO_PERSON],
        status_phrase=status_phrase(tracking.status),
        **fields,
    )
