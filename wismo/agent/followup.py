"""A message that only carries details (an order number, an email, a ZIP) and asks nothing new: it
continues the request under way instead of starting one."""

from __future__ import annotations

import re

from . import cues

#: Words that carry no request: a message of only these plus entities is a follow-up.
_FILLER = re.compile(
    r"\b(my|the|order|number|is|it'?s|email|e-mail|zip|code|postal|and|here|it|sure|ok|okay|yes|thanks|"
    r"tracking|mail|address|of|for|with|on|postcode|#|no|n[ºo°]|sorry|wrong|oops|typo|mistake|meant|actually|"
    r"correct|right|try|again|this|one|use|instead|other|second|another|also|what|about|how|pedido|commande|"
    r"bestellung|encomenda|mi|mon|ma|meine|meu|minha|el|la|le|die|der|o|a|y|et|und|e|es|est|ist|numero|nummer|"
    # The details' own labels in the other languages: "Bestellnummer #WS12701, PLZ 95814".
    r"bestellnummer|bestellnr|plz|postleitzahl|cp|codigo|cep|correo|courriel|adresse|direccion|endereco|"
    r"pedido|n[uú]mero|code postal|c[oó]digo postal|mail|e-mail|"
    # "oui c'est #WS13222 pis <email>", "sí, aquí está", "ja, hier": a yes and a "here it is".
    r"oui|si|sim|ja|yeah|yep|c'est|voici|voila|aqui|esta|aqui esta|hier|bitte|pis|puis|aca|tiens|"
    # "the gift receipt says #WS11251", "en el ticket regalo sale el pedido ...": where the number was read.
    r"says|said|shows|sale|dice|dit|indique|steht|diz|gift|receipt|ticket|regalo|recibo|presente|cadeau|"
    r"geschenkbeleg|nota|kassenbon|beleg|auf dem|on the|en el|sur le|no|na|in the|im)\b",
    re.I,
)


def is_followup(text: str, entities: dict[str, list[str]]) -> bool:
    """A message that only carries details (an order number, an email, a ZIP) and no new request."""
    if not entities:
        return False
    rest = text
    for values in entities.values():
        for v in values:
            rest = re.sub(re.escape(v), " ", rest, flags=re.I)
    rest = re.sub(r"<[A-Z_]+_\d+>", " ", rest)
    rest = re.sub(r"#?\s?ws[\s-]?\d{5}", " ", rest, flags=re.I)
    rest = _FILLER.sub(" ", cues.fold(rest))
    return len(re.findall(r"[a-z]{3,}", rest)) <= 1


def only_details(part: str, entities: dict[str, list[str]]) -> bool:
    """A part that gives an order's details and asks nothing ("my order is #WS12345", "pedido #WS11357,
    <email>"), unlike one that asks where it is ("hallo, wo ist #WS12345")."""
    return is_followup(part, entities) and not cues.asks_status(part)
