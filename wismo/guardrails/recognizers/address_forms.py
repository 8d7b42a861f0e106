"""Street lines of local forms the general patterns (`addresses`) do not know, and the address labels
of the four other languages.

- Peru's "Jr." (jirón) and "Psje." streets and its block-and-lot lines ("Mz. B Lt. 7");
- France's postal box "BP 17" before a postcode or "cedex"; Québec's country roads ("1250 rang Sainte-Anne");
- Portugal's rural places ("Lugar do Outeiro 4", "Quinta da Ponte 12") and Germany's village
  addresses with no street ("Ausbau 3", "Siedlung 12");
- labels ("Dirección de entrega:", "Adresse :", "Anschrift:", "Endereço:", "Morada:"), after which a
  "Word 12" shape is a street as it is after "address:".
"""

from __future__ import annotations

import re

from .base import CAP, NUM

LOCAL_ADDRESS_PATTERNS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        "peru_street",
        re.compile(
            rf"(?<!\w)(?:Jr\.|Jir[óo]n|Psje\.|Pje\.)[ \t]*(?:{CAP}[ \t]+){{0,3}}?{CAP},?[ \t]+"
            rf"(?:(?i:n[º°o])\.?[ \t]*)?{NUM}(?![\w-])"
        ),
        0.8,
    ),
    ("peru_block_lot", re.compile(r"(?<!\w)Mz\.?[ \t]*[A-Z0-9]{1,3},?[ \t]+(?i:lt|lote)\.?[ \t]*\d{1,3}(?!\w)"), 0.8),
    (
        "french_postal_box",
        re.compile(r"(?<!\w)B\.?P\.?[ \t]*\d{1,6}(?!\w)(?=[ \t]*,?[ \t]*\d{5}(?!\d)|[^\n]{0,40}(?i:cedex))"),
        0.85,
    ),
    (
        "quebec_rang",
        re.compile(
            rf"(?<![\w#$.,-]){NUM},?[ \t]+(?i:rang|mont[ée]e|c[ôo]te|concession)[ \t]+"
            rf"(?:(?:(?i:du|de|des|la|le)[ \t]+){{0,2}}{CAP}(?:[ \t]+{CAP}){{0,2}}|\d{{1,2}}(?![\w-]))"
        ),
        0.8,
    ),
    (
        "portuguese_rural",
        re.compile(
            rf"(?<!\w)(?:Lugar|S[íi]tio|Quinta|Casal|Aldeia|Loteamento)[ \t]+(?:d[aeo]s?[ \t]+)?{CAP}"
            rf"(?:[ \t]+(?:d[aeo]s?|{CAP})){{0,3}},?[ \t]+(?:(?i:n)\.?[º°]\.?[ \t]*)?{NUM}(?![\w-])"
            # (a street line ends there: "a Quinta da Ponte 15 anos depois" is no address)
            r"(?=[ \t]*(?:[,;\n]|$|\d{4}-\d{3}))"
        ),
        0.75,
    ),
    (
        "german_village",
        re.compile(
            r"(?<![\w-])(?:Ausbau|Abbau|Siedlung|Vorwerk|Kolonie|Gutshof)[ \t]+\d{1,4}[a-z]?(?![\w-])"
            r"(?=[ \t]*(?:[,;\n]|$|\d{4,5}(?!\d)))"
        ),
        0.75,
    ),
)

LOCAL_FORMS = frozenset(name for name, _, _ in LOCAL_ADDRESS_PATTERNS)

#: Address labels of Spanish, French, German and Portuguese ("address:" is in `addresses.ADDRESS_CUE`).
OTHER_ADDRESS_CUE = re.compile(
    r"(?i:(?<!\w)(?:direcci[óo]n|domicilio|adresse|anschrift|endere[çc]o|morada)"
    r"(?:[ \t]+(?:de|d['’]|der|da|do)?[ \t]*(?:entrega|env[íi]o|facturaci[óo]n|livraison|facturation|"
    r"lieferung|rechnung|fatura[çc][ãa]o|cobran[çc]a))?[ \t]*:[ \t]*)"
)
