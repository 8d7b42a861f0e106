"""Street addresses: US, UK and European layouts, PO boxes, military addresses, postal blocks.

A hit is grown over the rest of its postal block (unit, city, region, postcode), on one line or
several. Every repetition is bounded and words are matched once (a street-type suffix is checked on
a word already found, not searched for at every character), so the cost stays linear.
"""

from __future__ import annotations

import re

from .address_forms import LOCAL_ADDRESS_PATTERNS, LOCAL_FORMS, OTHER_ADDRESS_CUE
from .base import CAP, LOW, NUM, UP, WismoRecognizer

#: Street suffixes: the USPS's list (Publication 28, appendix C1) and common UK ones.
_US_SUFFIX = (
    r"Street|St|Streets|Avenue|Ave|Av|Road|Rd|Roads|Boulevard|Blvd|Lane|Ln|Drive|Dr|Drives|Court|Ct|Courts|"
    r"Terrace|Ter|Place|Pl|Way|Ways|Circle|Cir|Circles|Parkway|Pkwy|Highway|Hwy|Square|Sq|Squares|Close|"
    r"Crescent|Cres|Row|Trail|Trl|Alley|Aly|Plaza|Plz|Loop|Path|Pike|Mews|Crossing|Xing|Expressway|Expy|"
    r"Freeway|Fwy|Turnpike|Tpke|Broadway|Alley|Annex|Arcade|Bayou|Beach|Bend|Bluff|Bluffs|Bottom|Branch|"
    r"Bridge|Brook|Brooks|Burg|Burgs|Bypass|Camp|Canyon|Cape|Causeway|Center|Centers|Cliff|Cliffs|Club|"
    r"Common|Commons|Corner|Corners|Course|Cove|Coves|Creek|Crest|Curve|Dale|Dam|Divide|Estate|Estates|"
    r"Extension|Extensions|Fall|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Fords|Forest|Forge|Forges|Fork|"
    r"Forks|Fort|Garden|Gardens|Gateway|Glen|Glens|Green|Greens|Grove|Groves|Harbor|Harbors|Haven|Heights|"
    r"Hill|Hills|Hollow|Inlet|Island|Islands|Isle|Junction|Junctions|Key|Keys|Knoll|Knolls|Lake|Lakes|"
    r"Land|Landing|Light|Lights|Loaf|Lock|Locks|Lodge|Mall|Manor|Manors|Meadow|Meadows|Mill|Mills|Mission|"
    r"Motorway|Mount|Mountain|Mountains|Neck|Orchard|Oval|Overpass|Park|Parks|Parkways|Pass|Passage|Pine|"
    r"Pines|Plain|Plains|Point|Points|Port|Ports|Prairie|Radial|Ramp|Ranch|Rapid|Rapids|Rest|Ridge|Ridges|"
    r"River|Route|Shoal|Shoals|Shore|Shores|Skyway|Spring|Springs|Spur|Spurs|Station|Stravenue|Stream|"
    r"Summit|Throughway|Trace|Track|Trafficway|Trailer|Tunnel|Underpass|Union|Unions|Valley|Valleys|"
    r"Via|Viaduct|View|Views|Village|Villages|Ville|Vista|Walk|Walks|Wall|Well|Wells|Gate|Gardens|Grove|"
    r"Hill|Wharf|Yard|Yards"
)
_ROMANCE_PREFIX = (
    r"rue|avenue|av\.|avda\.?|boulevard|boul\.|bd\.?|bld\.?|place|chemin|all[ée]e|impasse|quai|route|cours|chauss[ée]e|"
    r"sentier|square|passage|voie|mont[ée]e|rond-point|r[ée]sidence|hameau|lieu-dit|cit[ée]|esplanade|"
    r"calle|c/|avenida|av(?=[ \t])|bv\.|blvd?\.|bulevar|"
    r"plaza|pza\.?|paseo|p[º°]|camino|carrera|carretera|ctra\.?|callej[óo]n|corredor|"
    r"urbanizaci[óo]n|urb\.?|glorieta|ronda|traves[íi]a|pasaje|circuito|cerrada|privada|andador|"
    r"prolongaci[óo]n|calzada|perif[ée]rico|diagonal|retorno|acceso|cuesta|vereda|ca[ñn]ada|senda|bajada|"
    r"subida|pol[íi]gono|rambla|barrio|colonia|"
    r"rua|r\.|travessa|tv\.|largo|lg\.|pra[çc]a|p[çc]a\.?|alameda|al\.|estrada|rodovia|beco|viela|passeio|"
    r"rotunda|ladeira|vila|quadra|praia|"
    r"via|viale|piazza|piazzetta|corso|vicolo|strada|ul\.|ulica|aleja|λεωφόρος|οδός|πλατεία|odos"
)
#: Street words that are also everyday words ("cuesta" costs, "largo" long, "place", "route", "via"): a
#: street only when capitalized ("Cuesta de Moyano 12"), never "cuesta el envío en 2 días".
_EVERYDAY_STREET_WORDS = (
    "cuesta retorno acceso largo via cours place passage route subida bajada privada cerrada diagonal ronda "
    "senda vereda corredor circuito rotunda quadra barrio colonia passeio voie square calzada praia"
).split()
_STREET_WORD = (
    r"(?:(?i:"
    + "|".join(w for w in _ROMANCE_PREFIX.split("|") if w not in _EVERYDAY_STREET_WORDS)
    + r")|"
    + "|".join(f"{w[0].upper()}(?i:{w[1:]})" for w in _EVERYDAY_STREET_WORDS)
    + ")"
)
_PARTICLE = r"(?:de|du|des|la|le|les|l'|d'|di|del|della|dei|da|do|dos|das|e|y|van|von|der|den|al|el|z|na)"
#: Street-type endings of Germanic, Nordic and some Slavic street names ("Hauptstraße", "Storgatan").
GERMANIC_SUFFIXES: tuple[str, ...] = tuple(
    """straße strasse str. straßе stra[ée]ti gasse weg allee platz ring damm ufer graben gracht straat laan
    plein kade singel dijk steeg wei vej vei veien vegen vegur vägen väg gatan gata gate gade stræde tie
    katu kuja polku utca ulice cesta ulica chaussee markt steig pfad""".replace("stra[ée]ti", "straeti").split()
)
_STREET_LEAD = re.compile(
    r"(?:Am|Im|An|Auf|In|Zum|Zur|Unter|Alte[rns]?|Neue[rns]?|Gro(?:ß|ss)e[rns]?|Kleine[rns]?|Obere[rns]?|"
    r"Untere[rns]?|Lange[rns]?|Hohe[rns]?|Sankt|St\.|Bad|Vor|Hinter)"
)
#: A word (maybe after a capitalized one) and a house number: a Germanic street when the word has
#: a street-type ending ("Am Hauptplatz 3", "Kaiser-Wilhelm-Straße 12a", "Hauptstr. 5").
GERMANIC_RE = re.compile(
    rf"(?<!\w)(?:(?P<lead>{CAP})[ \t]+)?(?P<word>{LOW}[\w-]{{0,40}}\.?)[ \t]+\d{{1,5}}(?:[-–/]\d{{1,5}})?[A-Za-z]?"
    rf"(?![\w-])"
)
_UNIT = (
    r"(?:(?:apt|apartment|suite|ste|unit|floor|fl|room|rm|bldg|building|flat)\.?\s*#?\s*[\w-]*\d[\w-]*"
    r"|#\s?\d{1,5}[A-Za-z]?"
    # "7° piso", "5º andar", "3e étage": a floor by its number; "of. 2", "dpto 4": an office, a flat
    r"|\d{1,2}[.]?[ \t]?[ºª°]?[ \t]*(?i:piso|andar|planta|[ée]tage|stock|og)\b"
    r"|of\.[ \t]*\d{1,4}|app\.[ \t]*\d{1,4}|(?i:oficina|dpto|depto|galp[ãa]o|nave|lot)\.?[ \t]*\d{1,4}"
    r"|(?:bloco|bl|ap|apto|apt|apartamento|andar|sala|casa|lote|loja|conjunto|cj|piso|puerta|pta|esc|escalera|"
    r"portal|bajo|planta|local|b[âa]t|b[âa]timent|appartement|appt|[ée]tage|porte|escalier|esc)\.?[ \t]*"
    r"[A-Za-z0-9]{1,4}\.?(?:[ \t]*[ºª°])?"
    r"|r/c|\d{1,2}[.]?[ \t]?[ºª°][ \t]?"
    r"(?:[A-Za-z](?![\w])|\d{1,2}[ \t]?[ºª°]|(?i:esq|dto|dt|drt|dir|izq|izda|dcha)\.?)?)"
)

#: Calendar words after "am"/"im": "Am Montag 3 Pakete", "Im Dezember 24 Stück" are no streets.
_GERMAN_TIME = (
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Wochenende|Januar|J[äa]nner|"
    r"Februar|M[äa]rz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Anfang|Ende|Abend|"
    r"Morgen|Mittag|Nachmittag|Vormittag|Moment|Jahr|Monat|Tag|Schnitt|Ganzen|Prinzip|Voraus|Paket|Karton)"
)

ADDRESS_PATTERNS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        "us_street",
        re.compile(
            rf"(?<![\w#$.,-]){NUM}\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
            rf"(?:(?:{CAP}|\d{{1,3}}(?:st|nd|rd|th))\s+){{0,3}}(?:{CAP}|\d{{1,3}}(?:st|nd|rd|th))\s+"
            rf"(?i:{_US_SUFFIX})\b\.?"
        ),
        0.85,
    ),
    (
        "us_street_lower",
        re.compile(
            rf"(?<![\w#$.,-]){NUM}\s+(?:(?:n|s|e|w|ne|nw|se|sw)\s+)?(?:(?:[a-z]+|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,2}}"
            r"(?:street|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|terrace|terr|ter|court|ct|place|pl|"
            r"parkway|pkwy|highway|hwy|circle|cir)\b\.?"
        ),
        0.6,
    ),
    ("broadway", re.compile(rf"(?<![\w#$.,-]){NUM}\s+Broadway\b"), 0.85),
    (
        # "Rod. BR-116, km 142", "Estrada Municipal SP-191, km 12", "Ctra. N-340, km 8": a road and a milestone
        "road_km",
        re.compile(
            r"(?<!\w)(?i:rod\.|rodovia|estrada|carretera|ctra\.|autopista|autovia|route|highway|hwy)[ \t]+"
            r"(?:[^\W\d_][\w'’.-]{0,30}[ \t]+){0,2}?[A-Z]{1,3}-?\d{1,4},?[ \t]+(?i:km)[ \t]*\d{1,4}(?![\w-])"
        ),
        0.8,
    ),
    (
        "romance_lead_number",
        re.compile(
            rf"(?<![\w#$.,-]){NUM}(?:[ \t]+(?i:bis|ter|quater))?,?\s+(?i:{_ROMANCE_PREFIX})\s+"
            rf"(?:(?i:{_PARTICLE})\s+|(?i:l'|d')){{0,4}}"
            rf"(?:{CAP}|{LOW}{{1,40}})(?:\s+(?:(?i:{_PARTICLE})|{CAP})){{0,5}}(?:\s+{NUM}(?!\w))?"
        ),
        0.85,
    ),
    (
        "romance_trail_number",
        re.compile(
            rf"(?<!\w){_STREET_WORD}[ \t]*"
            rf"(?:[^\W\d_][\w'’.-]{{0,40}}[ \t]+){{0,5}}?[^\W\d_][\w'’.-]{{0,40}},?"
            rf"[ \t]+(?:n[º°o]\.?[ \t]*)?{NUM}(?![\w-])"
        ),
        0.8,
    ),
    (
        # "Calle 5 de Mayo 318", "Calle 16 de Septiembre 1102", "Calle 7 n° 1140": a street named by a
        # number (and a date's month), then the house number.
        "romance_numbered_street",
        re.compile(
            rf"(?<!\w)(?i:calle|avenida|av\.|rua|carrera|diagonal|transversal)[ \t]+\d{{1,3}}"
            rf"(?:[ \t]+(?i:de|del)[ \t]+{CAP})?[ \t]+(?:n[º°o]\.?[ \t]*|#[ \t]?)?{NUM}(?![\w-])"
        ),
        0.8,
    ),
    (
        # "Am Sonnenhang 7", "Im Winkel 3", "An der Linde 12": a German preposition, a noun, a number.
        "germanic_lead_street",
        re.compile(
            rf"(?<![\w-])(?:Am|Im|Zum|Zur|Beim|(?:An|Auf|In|Unter|Hinter|Vor)[ \t]+(?:der|dem|den))[ \t]+"
            rf"(?!{_GERMAN_TIME}(?![\w-]))[{UP}][^\W\d_]{{2,40}}(?:-[{UP}]?[^\W\d_]{{2,40}})?"
            rf"[ \t]+\d{{1,4}}[a-z]?(?![\w-])"
        ),
        0.75,
    ),
    (
        "number_word_number",
        re.compile(rf"(?<![\w#$.,-])\d{{2,6}}\s+(?:{CAP}\s+){{1,3}}\d{{1,5}}[A-Za-z]?(?![\w:.,/-]|[.,]\d)"),
        0.6,
    ),
    (
        # "Am Krummen Feld 3a", "An der Alster 12", "Zur Alten Mühle 7": a German street led by its preposition
        "german_lead",
        re.compile(
            r"(?<!\w)(?:Am|Im|An der|An den|Auf dem|Auf der|Zum|Zur|In der|Unter den|Hinter dem|Vor dem)[ \t]+"
            r"(?!(?:\w+ )?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Januar|Jänner|Februar|März"
            r"|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Wochenende|Moment|Ende|Anfang)\b)"
            r"(?:[A-ZÄÖÜ][a-zäöüß]{2,}[ \t]+){0,2}[A-ZÄÖÜ][a-zäöüß-]{2,}[ \t]+\d{1,4}[a-z]?(?![\w-])"
            # (a street ends its line or its clause: "Am Montag 3 Pakete" goes on)
            r"(?=[ \t]*(?:,|;|\n|$|\(|\d{4,5}\b))"
        ),
        0.8,
    ),
    (
        # "Carrera 43A # 1 Sur-100": a Colombian street, its number and the cross street's
        "colombian",
        re.compile(
            r"(?<!\w)(?i:carrera|calle|avenida|diagonal|transversal|cra\.?|kr\.?|cl\.?|av\.?)[ \t]+\d{1,3}[A-Z]?"
            r"(?:[ \t]+(?:Sur|Bis|Este))?[ \t]*(?:#|No\.?|N[°º])[ \t]*\d{1,3}[A-Z]?(?:[ \t]+(?:Sur|Este))?"
            r"[ \t]*-[ \t]*\d{1,3}"
        ),
        0.85,
    ),
    (
        "po_box",
        re.compile(
            r"(?<!\w)(?:P\.?\s?O\.?\s*Box|Post\s*Office\s+Box|Postbox|Postfach|Apartado(?:\s+(?:de\s+correos|postal))?"
            r"|Apdo\.?(?:\s+Postal)?|Casilla(?:\s+postal)?|Caixa\s+Postal|Bo[iî]te\s+postale|Case\s+postale)"
            r"\s*(?:n[º°o]\.?\s*)?#?\s*\d+"
            # "BP 27" after "la", "à la" or a colon: a French PO box however short
            r"|(?<!\w)BP\s*\d{3,6}\b|(?<=la )BP\s*\d{1,6}\b|(?<=: )BP\s*\d{1,6}\b",
            re.IGNORECASE,
        ),
        0.9,
    ),
    ("military_box", re.compile(r"\b(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}"), 0.9),
    ("military_ship", re.compile(rf"\b(?:USNS|USS|USCGC)\s+{CAP}"), 0.8),
    ("military_post", re.compile(r"\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b"), 0.9),
    ("unit", re.compile(r"(?<!\w)(?i:apt|apartment|suite|ste)\.?\s*#?\s*\d+[A-Za-z]?\b"), 0.6),
)

#: Phrases after which a "Word 12" or "12 Word Word" shape is an address.
ADDRESS_CUE = re.compile(
    r"(?i:\baddress(?:\s+is)?|\blives?\s+(?:at|on|in)|\bliving\s+(?:at|on)|\bship(?:ped|ping)?\s+(?:it\s+|them\s+)?to|"
    r"\bdeliver(?:ed|y)?\s+(?:it\s+|them\s+)?to|\bsen[dt]\s+(?:it\s+|them\s+)?to|\bmoved\s+to|"
    r"\blocated\s+(?:at|on|in)|\bresid(?:e|es|ing)\s+(?:at|on)|\breturn\s+(?:it\s+)?to|\bstop\s+at|"
    r"\boff\s+at|\bis\s+on|\bis\s+at|\bmeet\s+(?:me|you)\s+at|\bcorner\s+of)"
    r"\s*:?\s*(?:the\s+)?"
)
_CUED_SHAPE = re.compile(
    rf"(?:{NUM}\s+)?(?:{CAP}\s+){{1,4}}\d{{1,5}}[A-Za-z]?(?![\w:/-]|[.,]\d)|{NUM}\s+(?:{CAP}\s+){{0,3}}{CAP}"
)

#: Words that never belong to an address (carriers, calendar words, shop words, sentence starters).
NOT_ADDRESS_WORDS = frozenset(
    """ups usps fedex dhl ontrac lasership amazon order orders package packages parcel item items day days
    week weeks hour hours minute minutes business working monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec size pack pcs qty x where when what how
    why who thanks thank please can could would will hi hello hey is do did my the i it and or but
    tracking number total price usd eur gbp version model""".split()
)

_SEP_ANY = r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t>?*]*|[ \t]+)"
_SEP_BREAK = r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t>?*]*)"
_POSTCODE = (
    r"(?:\d{3}[ \t]\d{2}(?!\d)|\d{4,5}(?:-\d{3,4})?"  # 111 23, 10115, 62704-1234
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})(?![\w-])"  # M5V 2T6, NW1 6XE
)
_PLACE = rf"{CAP}(?!\w)(?:[ \t]+(?:{CAP}(?!\w)|(?i:{_PARTICLE})(?!\w))){{0,3}}(?:[ \t]*\([^)\n]{{1,20}}\))?"
_CONTINUATION = (
    re.compile(rf"{_SEP_ANY}(?i:{_UNIT})"),
    re.compile(rf"{_SEP_ANY}(?:Box\s+\d+|(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{{5}})"),
    re.compile(rf"{_SEP_ANY}{_POSTCODE}"),
    re.compile(rf"{_SEP_ANY}[{UP}]{{2,}}(?:[ \t-]+[{UP}]{{2,}})*(?:[ \t]+\([^)\n]{{1,20}}\))?(?![\w'])"),
    re.compile(r"[ \t]+St\.?(?!\w)"),
    re.compile(rf"{_SEP_BREAK}\d{{1,3}}(?![\w-])"),
    re.compile(rf"{_SEP_BREAK}{_PLACE}"),
)
_LEAD = re.compile(r"(?:(?<!\S)\d{1,6}|(?i:apt|apartment|suite|ste|unit)\.?\s*\d+)[ \t]+$")


def _has_stop_word(value: str) -> bool:
    # Two capitals are a region code (OR, IN, ME), not the word.
    return any(w.lower().strip(".,") in NOT_ADDRESS_WORDS for w in value.split() if not (len(w) == 2 and w.isupper()))


def extend_address(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow an address hit over the rest of its postal block: leading numbers, unit, city, postcode."""
    for _ in range(2):
        m = _LEAD.search(text, max(0, start - 20), start)
        if not m or m.end() != start:
            break
        start = m.start()
    for _ in range(10):
        for rx in _CONTINUATION:
            m = rx.match(text, end)
            if m and not _has_stop_word(m.group()):
                end = m.end()
                break
        else:
            break
    return start, end


class StreetAddressRecognizer(WismoRecognizer):
    """Street addresses: US ("1234 Elm Street Apt 5", PO boxes) and European forms ("Hauptstraße 12")."""

    ENTITY = "STREET_ADDRESS"

    def find(self, text, nlp_artifacts):
        hits: list[tuple[int, int, float]] = []
        for name, rx, score in ADDRESS_PATTERNS + LOCAL_ADDRESS_PATTERNS:
            for m in rx.finditer(text):
                # (the stop words are English: "Quinta do Lago 8" keeps its "do")
                if name in LOCAL_FORMS or not _has_stop_word(m.group()):
                    hits.append((m.start(), m.end(), score))
        for m in GERMANIC_RE.finditer(text):
            word = m.group("word").lower()
            if word.endswith(GERMANIC_SUFFIXES) and len(word) > 4 and not _has_stop_word(m.group()):
                lead = m.group("lead") or ""
                two_words = word.rstrip(".") in GERMANIC_SUFFIXES or word in GERMANIC_SUFFIXES  # "Lange Straße"
                keep_lead = lead and (two_words or _STREET_LEAD.fullmatch(lead)) and not _has_stop_word(lead)
                start = m.start() if keep_lead else m.start("word")
                hits.append((start, m.end(), 0.8))
        for cue in [*ADDRESS_CUE.finditer(text), *OTHER_ADDRESS_CUE.finditer(text)]:
            m = _CUED_SHAPE.match(text, cue.end())
            if m and not _has_stop_word(m.group()):
                hits.append((m.start(), m.end(), 0.7))
        merged: list[list] = []
        for s, e, score in sorted(extend_address(text, s, e) + (score,) for s, e, score in hits):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
                merged[-1][2] = max(merged[-1][2], score)
            else:
                merged.append([s, e, score])
        return [tuple(m) for m in merged]
