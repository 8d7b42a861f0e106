"""Which order a message is about, and what it says of it: a correction, the other order, a gift, its
contents, a lost order number, a change or an errand for someone else."""

from __future__ import annotations

import re

from .text import _rx

#: "oops, typo, the right one is ...", "no wait, it's ...", "sorry wrong number", "I meant ...".
CORRECTION = _rx(
    r"\b(?:oops|whoops|typo|my bad|my mistake|sorry,? (?:wrong|that was wrong|i meant)|wrong (?:one|number|order|"
    r"email|zip|code)|i meant|meant to (?:say|type|write)|correct (?:one|number|order) is|right (?:one|number|order) "
    r"is|actually it'?s|no wait|scratch that|not that one|that'?s not (?:it|right|my order)|misread|mistyped)\b",
    r"\b(?:perdon|me equivoque|error(?: mio)?|equivocad[oa]|el correcto es|el bueno es|quise decir|"
    r"numero equivocado|correo equivocado)\b",
    r"\b(?:pardon|oups|erreur|je me suis trompe|le bon (?:numero|c'est)|c'est plutot|je voulais dire|"
    r"mauvais numero|faute de frappe)\b",
    # "ups" (German "oops") only when it stands alone: "UPS tracking says..." is the carrier.
    r"\b(?:sorry|hoppla|ups(?=\s*[,!.;:]|\s*$)|tippfehler|vertippt|falsche (?:nummer|bestellnummer|mail|e-mail)|"
    r"die richtige (?:ist|nummer)|ich meinte|korrektur|verschrieben|nein,? (?:es ist|die)|stattdessen)\b",
    r"\b(?:desculp[ae]|errei|me enganei|engano|o certo e|o correto e|quis dizer|numero errado|email errado|"
    r"digitei errado)\b",
)

#: "the other order", "the earlier one", "my first order", "the one before".
OTHER_ORDER = _rx(
    r"\b(?:the |my )?(?:other|earlier|previous|older|former|original) (?:one|order|package|parcel)\b",
    r"\b(?:the |my )?(?:first|1st) (?:order|package|parcel)\b",
    r"\bthe one (?:before|from before|i asked about (?:first|before))\b",
    r"\b(?:el otro(?! (?:dia|lado|mes|ano))|(?<!hasta )(?<!a )la otra(?! (?:semana|vez|mitad|tarde|noche))|"
    r"el (?:pedido )?anterior|"
    r"el primer(?:o)? (?:pedido)?|mi otro pedido)\b",
    r"\b(?:l'autre(?! (?:jour|semaine|fois))|la (?:commande )?precedente|ma premiere commande|"
    r"mon autre (?:commande|colis))\b",
    r"\b(?:die andere|das andere|die (?:erste|vorherige|fruhere) bestellung|meine andere bestellung|"
    r"das (?:erste|vorherige) paket)\b",
    r"\b(?:o outro(?! dia)|a outra(?! (?:semana|vez))|o (?:pedido )?anterior|o primeiro pedido|meu outro pedido|"
    r"a outra encomenda)\b",
)

#: A further order brought in: "i have another order too", "y tengo otro pedido", "noch eine Bestellung".
ANOTHER_ORDER = _rx(
    r"\b(?:another|a second|my second|one more|a 2nd|my 2nd) (?:order|one|package|parcel)\b|\balso ordered\b",
    r"\b(?:otro pedido|un segundo pedido|mi segundo pedido|otra orden|otro paquete)\b",
    r"\b(?:une autre commande|une deuxieme commande|ma deuxieme commande|un autre colis)\b",
    r"\b(?:noch eine bestellung|eine zweite bestellung|meine zweite bestellung|noch ein paket)\b",
    r"\b(?:outro pedido|um segundo pedido|meu segundo pedido|outra encomenda)\b",
)

#: "I got it as a gift", "geschenkt bekommen": the customer is the recipient (store credit, no refund).
RECEIVED_GIFT = re.compile(
    r"\b(?:(?:got|received|was given) (?:[\w-]+ ){0,5}?as a (?:gift|present)|gift receipt|"
    r"(?:got|received|was given) (?:a|this|that) (?:gift|present) from|"
    r"(?:it|this) was a (?:gift|present) (?:from|to me)|me (?:lo|la|los|las) regal\w+|me regal(?:aron|o)|"
    r"recibi de regalo|"
    r"ticket regalo|on me l'a offert|recu en cadeau|ticket cadeau|geschenkt bekommen|geschenkbeleg|"
    r"ganhei de presente|recebi de presente|nota de presente|"
    # The receiver's own words: "gifted to me", "ganhei um presente", "ticket de regalo", "on m'a offert".
    r"(?:was )?gifted to me|(?:a|the) gift (?:i|that i) (?:got|received)|ganhei (?:um |uma )?presente|"
    r"recibo de presente|me deram de presente|(?:ticket|recibo) de regalo|me dieron de regalo|on m'a offert|"
    r"recu comme cadeau|ticket-cadeau|als geschenk (?:bekommen|erhalten)|geschenkt gekriegt|"
    # "i got a gift and want to return it", "me mandaron un regalo", "j'ai reçu un cadeau": not "a gift for".
    r"(?:i|we) (?:got|received) (?:a|this|that) (?:gift|present)(?! (?:for|card|wrap|receipt for))|"
    r"me (?:mand|envi|dej)(?:aron|o) (?:un|este|el) regalo|recibi (?:un|este) regalo|"
    r"(?:j'ai|on m'a) (?:recu|envoye|offert) (?:un|ce) cadeau|recebi (?:um|esse|este) presente|"
    r"me (?:mandaram|mandou|enviou|enviaram|deu) (?:um|esse|este) presente|"
    # pt-PT: "a minha tia ofereceu-me uma prenda", "deram-me uma prenda", "recebi uma prenda".
    r"(?:ofereceu-me|ofereceram-me|me ofereceu|me ofereceram|deu-me|deram-me|recebi) (?:uma|esta|essa) prenda|"
    r"ein geschenk (?:bekommen|erhalten|gekriegt)|(?:hat|haben) mir (?:\w+ ){0,6}geschenkt|"
    # An office gift exchange: "got a jumper in the secret santa", "beim Wichteln", "amigo invisible/secreto".
    r"(?:got|received|drew) (?:[\w-]+ ){0,4}(?:in|from|at) (?:the |our |a |my )?(?:\w+ )?(?:secret santa|kris kringle)|"
    r"beim wichteln|vom wichteln|(?:del|en el|por el) amigo (?:invisible|secreto)|(?:no|do) amigo secreto|"
    r"(?:au|du) pere noel secret)\b"
)

#: What is inside a parcel ("remind me what's even in it"): an order's contents, shown only once verified.
CONTENTS = _rx(
    r"\b(?:what'?s (?:even )?(?:in|inside) (?:it|there|the (?:box|package|parcel))|what (?:is|was) (?:in|inside) "
    r"(?:it|the (?:box|package|parcel))|what (?:did|do) (?:i|we|she|he|they) (?:even )?(?:order|buy)|what items?"
    r" (?:are|is|were) in)\b",
    r"\b(?:que (?:hay|tiene|viene|trae) (?:dentro|adentro|en (?:el|la) (?:paquete|caja))|que (?:fue lo que )?"
    r"(?:pedi|compre|pidio|compro))\b",
    r"\b(?:qu'est-ce qu'il y a dedans|ce qu'il y a dedans|qu'y a-t-il dedans|qu'est-ce que j'ai commande|"
    r"le contenu)\b",
    r"\b(?:was (?:ist )?(?:da )?drin|was ist im paket|was habe ich (?:eigentlich )?bestellt|der inhalt)\b",
    r"\b(?:o que (?:tem|vem|veio) (?:dentro|na caixa|no pacote)|o que (?:eu )?(?:pedi|comprei))\b",
)

#: Whether an item or the whole order is in the parcel ("is the Flannel Shirt in that box too?", "is that
#: everything I ordered or just part of it?"): asked about a verified order, its items and parcels.
#: Which of the orders holds an item: "which one has the Flannel Shirt in it?", "¿cuál trae la bufanda?".
WHICH_HOLDS = _rx(
    r"\bwhich(?: one| order| package| parcel| box)?(?: of (?:them|the two|those|these|my orders))?"
    r" (?:has|had|have|contains?|is|was)"
    r"\b(?! (?:shipped|delivered|arrived|late))",
    r"\b(?:cual|en cual|que pedido) (?:de (?:los|ellos) )?(?:tiene|trae|lleva|esta|venia)\b",
    r"\b(?:laquelle|quelle commande|lequel|quel colis) (?:contient|a|avait)\b|\bdans (?:laquelle|quelle commande)\b",
    r"\b(?:welche (?:bestellung|sendung|lieferung)|welches paket|in welcher (?:bestellung|sendung))"
    r" (?:hat|enthalt|ist)\b",
    r"\b(?:qual (?:pedido|encomenda|deles|delas)|em qual) (?:tem|contem|traz|vem|esta)\b",
)

IN_THE_BOX = _rx(
    r"\b(?:is|are) (?:the |my )?(?:[\w'-]+ ){0,5}?(?:also |too )?(?:in|inside) (?:that|the|this) (?:same )?"
    r"(?:box|package|parcel|shipment)\b"
    # "does the Chelsea Boots go out first or all together", "will it all come in one box?"
    r"|\b(?:go(?:es)? out|ship(?:s|ped)?|come|arrive)s? (?:\w+ ){0,2}?(?:first|separately|(?:all )?together"
    r"|at the same time|in (?:one|the same|separate|different) (?:box|package|parcel|shipment)s?)\b"
    r"|\b(?:is (?:that|this|it) (?:everything|all|(?:my |the )?(?:whole|entire|full|complete) order)"
    r"|everything i ordered|all i ordered|(?:just|only) (?:a )?part of"
    r" (?:it|my order|the order))\b",
    # (not "cancela o pedido inteiro": the whole order named without a box is no question about the parcel)
    r"\b(?:esta|viene|va) (?:en|dentro de) (?:esa|la|el|ese|este|esta) (?:caja|paquete|envio)\b"
    r"|\bsolo una parte (?:del pedido)?\W*$",
    r"\b(?:est|c'est|il est|elle est) dans (?:cette|la|le|ce) (?:boite|colis|paquet|envoi)\b"
    r"|\bjuste une partie (?:de ma commande)?\W*$",
    r"\bist (?:\w+ ){0,4}?(?:auch )?(?:im|in dem|in diesem) (?:paket|karton)\b|\bnur ein teil (?:davon)?\W*$"
    r"|\b(?:ist|sind) (?:da|dort) (?:\w+ ){0,5}?(?:auch )?(?:mit )?drin\b",
    r"\b(?:esta|vem|veio) (?:nessa|na|no|nesse|dentro da|dentro do) (?:caixa|pacote)\b"
    r"|\bso uma parte (?:do pedido)?\W*$",
)

#: "i dont have the number, its on my other phone": the order number is not at hand.
NO_NUMBER = _rx(
    r"\b(?:(?:don'?t|dont|do not) have|(?:can'?t|cant|cannot) find|lost|deleted|(?:don'?t|dont|do not) know) "
    r"(?:the|my|an?) (?:order )?(?:number|confirmation|order #)"
    r"|\b(?:it'?s|its) on my (?:other|old|work) (?:phone|laptop|computer|email)\b|\bno (?:order )?number\b",
    r"\bno (?:tengo|encuentro|se) (?:el|mi) (?:numero|n°|nro)\b",
    r"\b(?:je n'ai pas|je ne trouve pas|j'ai perdu) (?:le|mon) (?:numero|n°)\b",
    r"\b(?:habe|finde|weiss) (?:die|meine) (?:bestell)?nummer nicht\b|\bkeine (?:bestell)?nummer\b",
    r"\bnao (?:tenho|encontro|acho|sei) o (?:numero|n°)\b",
)

#: "and if it won't make it, can I just cancel?": a request asked as a possibility, not made yet.
HYPOTHETICAL = _rx(
    # (Portuguese "se" is "if" only before its clause: Spanish "se puede cambiar" is no condition.)
    r"^(?=.*\b(?:if|in case|si|en caso de que|au cas ou|wenn|falls|caso|se (?:eu|ele|ela|o|a|os|as|nao|voce|vc|der"
    r"|for|chegar|atrasar|precisar|quiser|mudar)\b))"
    r"(?=.*\b(?:can|could) i\b|.*\b(?:puedo|podria|se puede)\b|.*\b(?:je peux|je pourrais|puis-je|on peut)\b"
    r"|.*\b(?:kann ich|konnte ich|darf ich)\b|.*\b(?:posso|poderia|da pra)\b)",
    # "if an order gets cancelled, how long does the pending charge stay": what happens then, asked.
    r"\b(?:if|when) (?:an?|my|the|your) (?:order|purchase) (?:gets|is|was|were) (?:cancel+ed|changed)\b"
    r"|\bsi (?:se )?(?:cancela|anula)n? (?:un|el|mi) pedido\b|\bsi (?:une|la|ma) commande est annulee\b"
    r"|\b(?:wenn|falls) (?:eine|die|meine) bestellung storniert (?:wird|wurde)\b"
    r"|\bse (?:um|o|meu) pedido (?:for|e|foi) cancelado\b",
)

#: Words that ask to change something (an address, an order).
CHANGE = _rx(
    r"\b(?:change|update|correct|fix|new|moved|wrong|cambiar|cambio|corregir|nueva|mudanza|changer|modifier|nouvelle"
    r"|demenage|andern|aendern|korrigieren|neue|umgezogen|falsch|mudar|alterar|corrigir|nova|errad[oa])\w*\b",
)

#: The customer's own errands ("I need to pick up my kid at 3", "tengo que ir a buscar a mi hija"): a
#: person picked up is not a parcel to collect, so the model never reads them as a pickup request.
_FAMILY = (
    r"(?:kids?|son|daughter|child(?:ren)?|boy|girl|baby|husband|wife|mom|mum|dad|mother|father|grandma|grandpa"
    r"|hij[oa]s?|nin[oa]s?|peques|crios|esposo|esposa|madre|padre|mama|papa|abuel[oa]s?"
    r"|fils|fille|enfants?|gamins?|petits?|mari|femme|mere|pere"
    r"|sohn|tochter|kind(?:er)?|kleinen?|mann|frau"
    r"|filh[oa]s?|criancas?|marido|mae|pai)"
)

ERRAND = re.compile(
    rf"\b(?:pick(?:ing)? up (?:my|the|our) {_FAMILY}|pick(?:ing)? (?:my|the|our) {_FAMILY} up"
    rf"|(?:recoger|buscar) a (?:mi|mis|los|las|la|el) {_FAMILY}"
    rf"|(?:chercher|recuperer) (?:mon|ma|mes|les) {_FAMILY}"
    rf"|(?:mein(?:en|e)?|die|den|das) {_FAMILY}(?: (?!es\b|das\b|fur\b)\w+){{0,3}} (?:abholen|abzuholen|holen)"
    rf"|(?:buscar|pegar) (?:meu|minha|meus|minhas|o|a|os|as) {_FAMILY})\b"
)
