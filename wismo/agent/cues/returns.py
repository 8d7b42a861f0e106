"""Sending something back and the money for it: a return wanted, a refund's status or timing, a label asked
again, keeping an item."""

from __future__ import annotations

from .text import _rx

#: A reason to send something back, or a swap, in the customer's words ("too big", "not my style").
RETURN = _rx(
    r"\b(?:too (?:big|small|large|tight|loose|long|short|wide|narrow)|(?:doesn'?t|does not|didn'?t) fit|"
    r"runs (?:big|small)|not my style|(?:it'?s|its|it is) (?:really |just |so |totally )?not (?:me|for me)\b|"
    r"don'?t (?:like|love) (?:it|them|the)|(?:bigger|smaller|larger) "
    r"(?:one|size)|next size|size (?:up|down)|(?:up|down) a size|(?:huge|massive|enormous) on (?:me|him|her|my)|"
    r"different (?:size|colou?r)|another (?:size|colou?r)|send (?:it|them) "
    r"back|(?:send|sending) back|returning (?:it|them|the|my)|return (?:it|them|the)|exchange (?:it|them|the|for)"
    r"|swap (?:it|them|the|for)"
    r"|(?:start|begin|do|make|open|process|book) (?:the|a|my) (?:return|exchange)"
    # "changed my mind on it", "one thing has to go back"
    r"|chang(?:ed|e) (?:my|our) minds?|(?:has|have|needs?|got) to go back"
    # "not my colour, can it go back?", "could they be taken back?"
    r"|(?:can|could|may) (?:it|this|they|these|that) (?:go|be sent|be taken|be brought) back)\b",
    # Asked to start one: "pouvez-vous partir le retour", "iniciar la devolución", "Retoure anlegen".
    r"\b(?:(?:iniciar|hacer|empezar|tramitar) (?:la|una|mi) devolucion|(?:partir|commencer|lancer|faire|initier"
    r"|demarrer) (?:le|un|mon) retour|(?:rucksendung|retoure|umtausch) (?:starten|anlegen|machen|beginnen)"
    r"|(?:iniciar|fazer|abrir|comecar) (?:a|uma|minha) (?:devolucao|troca))\b",
    r"\b(?:(?:muy|demasiado) (?:grande|pequen[oa]|ajustad[oa])|no me (?:queda|gusta)|otra talla|talla (?:mas|menos)|"
    r"me (?:queda|quedo|quedaron|quedan) (?:chic[oa]s?|grandes?|cort[oa]s?|apretad[oa]s?|enorme)"
    r"|(?:el )?talle que sigue|"
    r"devolver(?:lo|la)?|cambiar(?:lo|la)? por|cambie de (?:opinion|idea))\b",
    r"\b(?:trop (?:grand|petit|serre)\w*|ne me va pas|autre taille|taille (?:au[- ]dessus|en[- ]dessous)|"
    r"(?:le|la|les) (?:renvoyer|retourner)|echanger|(?:retourner|renvoyer|rendre) (?:le|la|les|mon|ma|mes|un|une)"
    r"|change d'avis|(?:aimerais|voudrais|veux|souhaite|souhaiterais) (?:le |la |les |l')?"
    r"(?:retourner|renvoyer|rendre|echanger))\b",
    r"\b(?:zu (?:gross|klein|eng|weit)|passt (?:\w+ ){0,3}?nicht|gefallt mir nicht|andere grosse|eine nummer "
    r"(?:grosser|kleiner)|zuruckschicken|zuruckgeben|zurucksenden|retournieren|umtauschen|anders uberlegt)\b",
    r"\b(?:(?:muito|grande|pequen[oa]) demais|nao (?:me )?(?:serviu|serve|gostei)"
    r"|ficou(?:-me| me)? (?:grande|pequen[oa]|apertad[oa]|larg[oa])|outro tamanho|tamanho (?:maior|menor)|"
    r"devolver|trocar|mudei de (?:ideia|opiniao))\b",
)

#: Asking after a refund under way ("where is my refund?"), not demanding one.
REFUND_STATUS = _rx(
    r"\b(?:where(?:'?s| is)|status of|any news (?:on|about)|what happened to|did you (?:send|issue|process))\b.{0,20}"
    r"\b(?:refund|money)\b"
    r"|\b(?:still (?:have )?(?:no|not|haven'?t|didn'?t)|(?:haven'?t|have not|didn'?t|did not|never) "
    r"(?:got|gotten|received|seen))\b.{0,15}\b(?:refund|money)\b"
    # "the refund was issued but there's nothing on my card", "how long until the refund shows up on my card"
    r"|\brefund\w* (?:was |has been |got )?(?:issued|processed|sent|approved)\b"
    r"|\bnothing (?:on|in) my (?:card|account|statement|bank)\b"
    r"|\b(?:how long|when)\b.{0,25}\b(?:refund|money)\b.{0,15}\b(?:show|appear|hit|post|land)\w*",
    r"\b(?:donde esta|que paso con|como va)\b.{0,15}\b(?:reembolso|dinero)\b"
    r"|\b(?:(?:todavia|aun) no|no) (?:me (?:ha )?(?:llegado|devuelto|han devuelto)|(?:he )?recibido|tengo)\b.{0,10}"
    r"\b(?:reembolso|dinero|plata)\b",
    r"\b(?:ou en est|ou est)\b.{0,15}\b(?:rembours\w*|argent)\b"
    r"|\b(?:toujours pas|pas encore|jamais) (?:ete |recu (?:(?:le|mon) )?)?rembours\w*",
    r"\b(?:wo bleibt|was ist mit|wie ist der stand|wo ist)\b.{0,15}\b(?:erstattung|ruckerstattung|geld)\b"
    r"|\b(?:noch )?(?:kein|keine|nicht)\b.{0,10}\b(?:geld|erstattung|ruckerstattung|erstattet)\b.{0,20}"
    r"\b(?:bekommen|erhalten|gesehen|zuruck)\b",
    r"\b(?:cade|onde esta|como esta)\b.{0,15}\b(?:reembolso|dinheiro|estorno)\b"
    r"|\b(?:ainda )?nao (?:recebi|caiu|vi|chegou)\b.{0,10}\b(?:reembolso|dinheiro|estorno)\b",
)

#: When the refund of an order comes ("le remboursement de la commande #WS10110 c'est pour quand ?"):
#: with an order on hand, the return's own record answers (and says when refunds are paid).
REFUND_WHEN = _rx(
    r"\bwhen (?:will|do|can|would) i (?:get|see|receive) (?:my|the) (?:refund|money)\b|\brefund\b.{0,30}\bwhen\b",
    r"\breembolso\b.{0,30}\bpara cuando\b"
    r"|\bcuando (?:me )?(?:llega|hacen|devuelven|dan) (?:el )?(?:reembolso|dinero)\b",
    r"\brembours\w*\b.{0,40}\bpour quand\b|\bquand\b.{0,25}\brembours\w*",
    r"\bwann\b.{0,30}\b(?:erstattung|ruckerstattung|erstattet|geld zuruck)\b",
    r"\breembolso\b.{0,30}\b(?:pra|para) quando\b|\bquando\b.{0,25}\b(?:reembolso|dinheiro de volta|estorno)\b",
)

#: Asking to send something back (not asking about a return already made).
WANTS_RETURN = _rx(
    r"\b(?:want|wanna|would like|'d like|need|like) to (?:return|send (?:it|them|\w+) back|exchange)\b",
    r"\b(?:(?:lo|la|los|las) )?(?:quiero|quisiera|necesito) (?:devolver|cambiar|regresar)\b",
    r"\b(?:je (?:veux|voudrais|souhaite|dois|souhaiterais)|j'aimerais|j'aimerai) (?:le |la |les |l')?"
    r"(?:retourner|renvoyer|rendre|echanger)\b",
    r"\bich (?:will|mochte|muss|wurde gern|wurd'?s gern|wurde es gern|mocht'?s)\b.{0,25}"
    r"\b(?:zuruckgeben|zuruckschicken|umtauschen|retournieren)\b",
    r"\b(?:quero|queria|gostaria de|preciso) (?:devolver|trocar|devolve-l[oa]s?|troca-l[oa]s?)\b",
)

#: The return label lost or asked for again after booking: the return's own record has it.
LABEL_AGAIN = _rx(
    r"\b(?:(?:send|give|resend) (?:me )?(?:the |my )?(?:return )?label (?:again|one more time)|(?:lost|can'?t find)"
    r" (?:the |my )?(?:return )?label|resend (?:the |my )?label|where(?:'s| is) (?:the|my) (?:return )?label)\b",
    r"\b(?:(?:no encuentro|perdi) la etiqueta|(?:mandas|pasas|das|envias) (?:la etiqueta )?de nuevo la etiqueta"
    r"|me (?:la )?(?:mandas|pasas|das|envias) de nuevo|reenvia\w* la etiqueta)\b",
    r"\b(?:(?:re)?trouve (?:plus|pas) l'etiquette|perdu l'etiquette|me la redonner|renvoy\w* l'etiquette"
    r"|redonner l'etiquette)\b",
    r"\b(?:(?:finde|hab|habe) das (?:retouren)?etikett nicht mehr|etikett (?:nochmal|erneut|noch einmal)"
    r"|etikett verloren)\b",
    r"\b(?:perdi a etiqueta|(?:nao )?acho (?:mais )?a etiqueta|(?:manda|envia)\w* a etiqueta de novo)\b",
    # How the label comes and whether it must be printed: "y la guia como me llega? la tengo q imprimir?"
    r"\b(?:how (?:do|will|can) i (?:get|receive|find) (?:the|my) (?:return )?label|(?:do|will) i (?:have|need) to print"
    r"|print (?:the|my) (?:return )?label)\b",
    r"\b(?:(?:la )?(?:etiqueta|guia)\b.{0,25}\bcomo (?:me )?(?:llega|la recibo|la obtengo)|como me llega (?:la )?"
    r"(?:etiqueta|guia)|(?:la )?(?:tengo|hay) (?:que|q) imprimir)\b",
    r"\b(?:comment (?:je )?(?:recois|recevoir|obtenir|obtiens) l'etiquette|(?:dois-je|faut-il|je dois|il faut) "
    r"(?:l'|la |le )?imprimer)\b",
    r"\b(?:wie (?:bekomme|kriege|erhalte) ich (?:das|den) (?:etikett|retourenschein|label|rucksendeschein)"
    r"|muss ich (?:das|es|den|ihn)? ?(?:\w+ )?(?:aus)?drucken)\b",
    r"\b(?:como (?:eu )?(?:recebo|chega|pego) a etiqueta|(?:tenho|preciso) (?:que|q|de) imprimir)\b",
)

#: Pushing back on a no: "why not??", "seriously? it's brand new", "¿en serio?", "warum nicht?".
WHY_NOT = _rx(
    r"\b(?:why not|why can'?t|why cant|how come|seriously|really\?|but it'?s (?:new|unused|unopened))\b",
    r"\b(?:por ?que no|en serio|pero si)\b",
    r"\b(?:pourquoi (?:pas|non|je ne peux|on ne peut)|s[ée]rieux|vraiment\s*\?)",
    r"\b(?:warum (?:nicht|geht das nicht|denn nicht)|wieso (?:nicht|denn)|echt jetzt|im ernst)\b",
    r"\b(?:por ?que n[aã]o|s[eé]rio|mesmo sem)\b",
)

#: Taking back what was just asked: "actually wait. no. don't. forget it", "mejor no, olvídalo".
UNDO = _rx(
    r"\b(?:actually|wait|hold on)\b.{0,20}\b(?:no|don'?t|dont|cancel (?:it|that)|forget it|never ?mind)\b"
    r"|\b(?:cancel|undo|stop) (?:the|that|my) return\b|\bdon'?t (?:send|book|do) (?:it|that|the return)\b",
    r"\b(?:mejor no|olvidalo|cancela(?:la|lo)? la devolucion|no la hagas)\b",
    r"\b(?:finalement non|laisse tomber|annule(?:z)? le retour)\b",
    r"\b(?:doch nicht|vergiss es|storniere? die rucksendung)\b",
    r"\b(?:melhor nao|esquece|cancela a devolucao)\b",
)

#: "never mind, I'll keep it all": no return after all.
KEEP = _rx(
    r"\b(?:i'?ll|ill|i will|i'?m going to|gonna|i'?d rather|i can) (?:just )?(?:keep|hang on to|hold on to|hold onto"
    r"|hang onto) "
    r"(?:it|them|everything|all|the \w+)\b"
    r"|\bkeep(?:ing)? (?:it|them) all\b"
    # "never mind, we're keeping it", "we'll hang on to them"
    r"|\b(?:we'?re|we are|we'?ll|we will|we'?re gonna|we'?re going to) (?:just )?(?:keep(?:ing)?|hang(?:ing)? on"
    r" ?to|hold(?:ing)? on ?to) (?:it|them|everything|all|the \w+)\b",
    r"\b(?:me (?:lo|la|los|las) quedo|me quedo con (?:todo|el|ella|ellos)|nos (?:lo|la|los|las) quedamos"
    r"|nos quedamos con (?:todo|el|ella|ellos))\b",
    r"\b(?:je (?:le |la |les )?(?:garde|conserve)|je vais (?:le |la |les )?garder|on (?:le |la |les )?garde"
    r"|nous (?:le |la |les )?gardons)\b",
    r"\b(?:ich behalte|behalte ich|ich (?:will|werde) (?:es|sie|alles) behalten|wir behalten|behalten wir)\b",
    r"\b(?:vou ficar com|fico com (?:ele|ela|eles|tudo)|vamos ficar com|ficamos com (?:ele|ela|eles|tudo))\b",
)
