"""The words the policy topics are written in (five languages, accents folded): money coming back,
how long, a price, shipping and its speeds, the new item of an exchange, sending a broken item back,
placing an order and sending one back. topics.py builds each topic's patterns from them."""

from __future__ import annotations

import re

#: Money coming back: the refund itself, or money arriving "on my card" / "auf dem Konto".
MONEY = (
    r"(?:refund\w*|money|(?:store )?credit|avoir|guthaben|credito|"
    r"geld|erstattung|ruckerstattung|rembours\w*|argent|reembols\w*|dinero|plata|dinheiro|estorno"
    r"|guita|lana|pasta|pognon|fric|thune|kohle|grana|bank|banco|banque|saldo"
    r"|(?:on|in|to|back on|onto) (?:my|the) (?:card|account|bank)|auf (?:der|die|dem|meine[rm]?) (?:karte|konto)"
    r"|sur (?:ma|mon|la|le) (?:carte|compte)|en (?:la|mi) (?:tarjeta|cuenta)|n[oa] (?:meu |minha )?(?:cartao|conta))"
)
HOW_LONG = (
    r"(?:how (?:long|many days|soon|fast|quickly)|when|wie lange?|wie schnell|wann|que tan rapido|a quelle vitesse"
    r"|combien de (?:temps|jours)|quand|cuant[oa]s? (?:tiempo|dias)"
    r"|cuanto tard\w*|cuanto (?:se )?demora\w*|quanto (?:tempo )?demora\w*|cuando|quanto tempo|quantos dias|quando"
    r"|prazo|plazo|delai)"
)

#: The money coming back: "me lo devuelven", "bekomme ... zurück", "je le récupère", "get it back".
GIVEN_BACK = (
    r"(?:devuelv|devolv|reembols|reintegr|zuruck|erstatt|rembours|recup|rend|get (?:it |them |my \w+ )?back"
    r"|aparec|apparai|erschein|show(?:s)? up|cai|entra"
    r"|see (?:it|the \w+)|receb|estorn|bekomm|krieg|recib|(?:come|comes) back)"
)

#: Only "how long", never a bare "when": read after the money ("the refund, how long does it take?").
HOW_LONG_AFTER = (
    r"(?:how long|how many days|how fast|how quickly|wie schnell|(?:dans|en|sous) combien de (?:temps|jours)"
    r"|combien de (?:temps|jours)"
    r"|(?:en )?cuanto tiempo|cuantos dias|(?:in )?wie vielen tagen|wie lange|(?:em )?quanto tempo|quantos dias)"
)

#: Asking a price, and the shipping it is asked of: both make a question about shipping costs.
COST = (
    r"(?:how much|cost|costs|price|fee|free|gratis|gratuit\w*|kostenlos|cuanto (?:cuesta|vale|sale|es)|precio|combien"
    r"|coute|prix|tarif|"
    r"was kostet|wie viel|kosten|kostet (?:mich |uns )?(?:das|es|die) (?:was|etwas)|preis|quanto (?:custa|custam|e"
    r"|fica)"
    r"|preco|valor|cuesta algo|me cuesta|custa (?:algo|alguma coisa)|tem custo|q(?:n)?to (?:custa|custam|e|fica))"
)
SHIPPING = (
    r"(?:shipping|delivery|2[- ]?day|two[- ]day|overnight|express|next[- ]day|envio|2 dias|urgente|livraison|"
    r"express|2 jours|versand|2-tage|expressversand|frete|entrega|2 dias|portes)"
)

#: A shipping speed by its name: "2-day", "overnight", "en 2 jours", "de un día para otro".
SPEED = (
    r"(?:2[- ]?day|two[- ]day|overnight|next[- ]day|express\w*|2[- ]dias|2 jours|2[- ]tage\w*|dia seguinte"
    r"|lendemain|(?:de )?un dia (?:para|pa) (?:otro|el otro)|(?:de )?um dia para o outro|zum nachsten tag)\b"
)

#: The item an exchange sends ("the new size", "la nouvelle taille", "die neue Größe"), never a new order.
NEW_ITEM = (
    r"(?:new (?:one|size|pair)|replacement|nuev[oa] talla|talla nueva|(?:el|la) nuev[oa](?! (?:pedido|compra))"
    r"|nouvelle taille|(?:le|la) nouve(?:au|lle)(?! commande)|neue\w* (?:grosse|paar)|ersatz"
    r"|(?:die|den|das) neue\w*(?! bestellung)|nov[oa] tamanho|tamanho novo"
    r"|(?:o|a) nov[oa](?! (?:pedido|encomenda|compra)))"
)
WHEN_WORD = r"(?:when|quand|cuando|wann|quando)"

#: Sending an item back, and the item broken: together, the written rule on damaged items.
SEND_BACK = (
    r"(?:(?:send|ship|mail|post|return)\w* (?:\w+ )?back|return (?:it|them|the)|renvoy\w*|renvoi\w*|retourn\w*"
    r"|devolver\w*|devuelv\w*|mandar\w* de vuelta|zuruck(?:schick|send|geb)\w*|einschick\w*|devolv\w*)"
)
BROKEN = (
    r"(?:broken|damaged|defective|ripped|torn|faulty|casse\w*|abime\w*|endommage\w*|defectueu\w*|dechire\w*"
    r"|rot[oa]s?|danad[oa]s?|defectuos[oa]s?|estropead[oa]s?|kaputt\w*|beschadigt\w*|defekt\w*"
    r"|quebrad[oa]s?|danificad[oa]s?|defeituos[oa]s?|rasgad[oa]s?)"
)


#: Placing an order (not one placed already): a holiday cut-off is about an order still to make.
ORDERING = re.compile(
    r"\b(?:(?:if|when|once) i (?:order|buy)|(?:to|can|could) order|(?:can|could) (?:i|we) (?:still )?order|ordering|"
    r"order (?:by|today|tomorrow|now)|"
    r"cut-?off|last day|si (?:pido|compro|encargo)|pedir|comprar|si je commande|commander|encomendar"
    r"|wenn ich\b.{0,30}\bbestell\w*|"
    r"bestellen|bestellschluss|se (?:eu )?(?:pedir|comprar)|fecha limite|date limite|prazo final|bis wann geht|"
    r"hasta cuando hay|hasta (?:que|q) (?:dia|fecha)|jusqu'a quand|jusqu'a quel jour|ate (?:que|q) dia)\b"
)


#: Sending something back: "can he return it until when?" is not about placing an order.
RETURNING = (
    r"\b(?:return\w*|send (?:it|them) back|exchang\w*|devol\w*|regresa\w*|cambia\w*|rendre|retourn\w*|renvoy\w*"
    r"|echang\w*|zuruck\w*|umtausch\w*|retour\w*|devolv\w*|troca\w*)\b"
)
