"""Context words in the five languages wismo serves (en, es, fr, de, pt), one pattern per kind.

A number alone rarely says what it is: "4155550142" is a phone, a DHL waybill or an order. The
words around it decide, so every recognizer that weighs evidence reads these. Accents are
optional where customers often drop them ("telefono", "numero"); all patterns ignore case.
"""

from __future__ import annotations

import re


def _words(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


#: Shipping, tracking and carrier words: a number near them is more likely a tracking number.
SHIP = _words(
    r"track(?:ing|ed)?|trace|fedex|fed ex|dhl|ups|usps|gls|dpd|hermes|correos|correios|colissimo|chronopost|"
    r"la poste|ctt|seur|mrw|nacex|shipment|shipping|shipped|ship|package|parcel|deliver(?:y|ed|ies)?|waybill|"
    r"awb|carrier|label|courier|consignment|"
    r"seguimiento|rastreo|rastrear|env[ií]o|paquete|gu[ií]a|entrega|transportista|mensajer[ií]a|"
    r"suivi|colis|envoi|livraison|exp[ée]dition|transporteur|"
    r"sendung(?:snummer|sverfolgung)?|paket(?:nummer)?|lieferung|versand|zustellung|trackingnummer|"
    r"frachtbrief|paketschein|"
    r"rastreio|rastreamento|seguimento|encomenda|pacote|transportadora|c[óo]digo de rastreio|objeto|"
    r"p[äa]ckli|sendig"
)
#: Words for the shop's order: the customer asks about this number.
ORDER = _words(
    r"order|orders|purchase|purchases|pedido|pedidos|compra|compras|commandes?|bestellung|bestellungen|"
    r"bestellnummer|auftrag|auftragsnummer|encomendas?|ordine"
)
#: Phone words: a number right after them is a phone number, whatever its shape.
PHONE = _words(
    r"phone|phones|call|calling|called|mobile|cell|cellphone|tel|tel\.|telephone|fax|desk|text|texting|"
    r"whatsapp|sms|reach|reached|dial|ring|rang|rung|rings|phoned|texted|contact|landline|hotline|ext|extension|answering|registered|"
    r"(?:my|his|her|our|your)\s+(?:number|no\.)|"
    r"tel[ée]fono|m[óo]vil|celular|ll[áa]m\w{0,6}|fijo|contacto|(?:mi|su)\s+n[úu]mero|tlf|tfno|tlfno|telf|"
    r"t[ée]l[ée]phone|t[ée]l|portable|appel\w{0,5}|rappel\w{0,5}|joindre|fixe|(?:mon|son|votre)\s+num[ée]ro|"
    r"telefon(?:nummer)?|handy(?:nummer)?|mobil(?:nummer|funk)?|natel|rufnummer|anruf(?:en)?|ruf(?:t|en)?|"
    r"erreichbar|festnetz|joignable|zentrale|durchwahl|centralita|standard|switchboard|"
    r"r(?:ü|ue)ckruf\w{0,6}|zur(?:ü|ue)ckrufen|angerufen|"
    r"(?:meine|seine|ihre)\s+nummer|"
    r"telefone|telem[óo]vel|lig(?:a|ar|ou|ue|uem|uei|aram)|fixo|contato|(?:meu|seu)\s+n[úu]mero|cel"
)
#: Payment words: a long number near them is a card or an account.
PAYMENT = _words(
    r"card|visa|master ?card|amex|american express|credit|debit|cc|payment|paid|pay|billing|charged?|"
    r"maestro|jcb|discover|diners|cvv|expir\w*|"
    r"tarjeta|cr[ée]dito|d[ée]bito|pago|pagu[ée]|cobr(?:o|ado|aron)|caducidad|"
    r"carte|paiement|pay[ée]|bancaire|cb|pr[ée]lev[ée]|"
    r"karte|kreditkarte|ec-karte|girokarte|zahlung|bezahlt|abgebucht|belastet|"
    r"cart[ãa]o|pagamento|cobran[çc]a|validade"
)
#: Identity-document words: a checksum-valid identifier near them is a national id.
ID = _words(
    r"id|ssn|social security|national insurance|nino|ni number|passport|tax id|taxpayer|"
    r"dni|nie|nif|cif|documento|identidad|rfc|curp|c[ée]dula|"
    r"s[ée]curit[ée] sociale|num[ée]ro de s[ée]cu|n[°º][ \t]?s\.?s\.?|nir|insee|carte vitale|"
    r"steuer-?id|steueridentifikationsnummer|steuernummer|idnr|ausweis(?:nummer)?|personalausweis|"
    r"cpf|rg|cart[ãa]o de cidad[ãa]o|contribuinte"
)
#: Words of a customer asking when something comes: the number they ask about is theirs to keep.
ARRIVAL = _words(
    r"arrive[sd]?|arriving|arrival|eta|status|where|"
    r"llega(?:r|r[áa]|do)?|lleg[óo]|d[óo]nde|estado|"
    r"arriv(?:e|er|era|[ée]e?)|où|statut|"
    r"an(?:kommen|kunft)|kommt|wann|wo|status|"
    r"chega(?:r|r[áa]|da)?|chegou|onde|situa[çc][ãa]o"
)
