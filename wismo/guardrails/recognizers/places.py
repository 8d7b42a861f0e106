"""Capitalized words that are places, products or dates, not the names they share.

"San Diego", "in Davos", "the Charlotte store", "loja do Chiado", "the colour Rosa Palo", "la
bouilloire Rose", "der Kinderwagen Emil", "el 3 de julio": the word before or after says it is a
place, a shop's model or a day. The name recognizers (names.py) and the model's PERSON spans
(pii.py) both ask here before they call a capitalized word a name.
"""

from __future__ import annotations

import re

from .name_words import FIRST_NAMES, fold
from .place_words import day_named, place_by_name

#: The first word of a saint's place written as one token or before another capital ("Saint-Étienne").
_SAINTS = frozenset({"san", "santa", "santo", "saint", "sainte", "sankt", "st", "sao", "ste"})
#: "the colour Rosa Palo", "Farbe Altrosa", "sofá Sintra", "la lampe Aurore": a colour or a model.
_PRODUCT_WORDS = (
    r"colou?r(?:way)?|coloris|couleur|farbe|cor|tono|tom|model|modelo|modell|mod[eè]le|sofa|sof[aá]|canap[eé]|"
    r"lamp|lampe|l[aá]mpara|lumin[aá]ria|collection|kollektion|colecci[oó]n|cole[cç][aã]o|shade|finish"
)
#: Goods a shop names after people ("the Stella rain jacket", "the Max air fryer", "la chaqueta Lola",
#: "die Kaffeemaschine Helene", "o casaco Beatriz"): a first name right before or after one is a model.
_GOODS = (
    "jacket coat parka vest boots boot shoes sneakers sandals throw blanket duvet quilt pillow mattress sheets "
    "towels desk table chair armchair shelf lamp sofa set mug mugs cups bowl pan pans pot kettle fryer blender "
    "toaster candle candles bag backpack dress shirt sweater hoodie scarf hat beanie gloves mittens jeans "
    "chaqueta abrigo chamarra botas zapatos manta edredon colchon almohada toallas mesa silla estanteria "
    "lampara taza tazas sarten sartenes olla vela velas bolso mochila vestido camisa jersey sueter bufanda "
    "veste manteau doudoune bottes chaussures plaid couette matelas oreiller serviettes bureau chaise "
    "fauteuil etagere tasse tasses poele casserole bougie bougies sac robe chemise pull echarpe cafetiere "
    "parfum jacke mantel stiefel schuhe decke bettwasche kissen matratze handtucher handtuch tisch stuhl "
    "regal tasse tassen pfanne topf kerze kerzen tasche rucksack kleid hemd pullover schal kaffeemaschine "
    "casaco jaqueta botas sapatos tenis cobertor edredao colchao travesseiro toalhas cadeira estante "
    "xicara caneca panela frigideira vela bolsa mochila camisa suéter cachecol "
    # Home, kitchen and everyday goods in five languages: the categories a shop's catalogue names models in.
    "bookcase bookshelf wardrobe dresser cabinet bed bedding rug curtains curtain cushion fleece trousers "
    "pants shorts skirt coat watch clock perfume fragrance teapot toaster kettle grinder vase frame mirror "
    "stroller toy car bike helmet tent speaker headphones phone case suitcase luggage wallet belt tv "
    "reloj perfume tetera vajilla cojin alfombra cortina cortinas espejo jarron zapatillas tenis pantalon falda "
    "maleta cartera cinturon juguete cuna sabanas "
    "theiere housse grille-pain crepiere maillot montre parfum vase miroir tapis rideau rideaux coussin "
    "valise portefeuille ceinture jouet pantalon jupe baskets draps vaisselle "
    "wasserkocher couch sessel uhr spiegel teppich vorhang koffer gurtel spielzeug hose rock "
    "geschirr geschirrserie lederhose bettdecke "
    "relogio perfume bule almofada tapete cortina espelho mala carteira cinto brinquedo calca saia "
    "sandalias camisola guarda-roupa carrinho ar-condicionado jogo lencol "
    "tote pajamas pyjamas mixer maker slippers sectional nightstand ottoman stool bench loafers boots trainers "
    "hoodie cardigan blazer tights leggings socks earrings necklace bracelet ring sunglasses "
    "wellies wreath glasses cot crib raincoat stand poltrona chaleira batedeira cama panier "
    "apron blouse blusa bluse chemisier xaile xale cafetera cafeteira toalha sandalia tote"
).split()
_GOODS_SET = frozenset(fold(w) for w in _GOODS)
#: German compounds end in the goods word: "Wintermantel", "Gummistiefel", "Trachtenjacke".
_GOODS_SUFFIXES = tuple(
    w
    for w in (
        "mantel",
        "jacke",
        "stiefel",
        "schuhe",
        "decke",
        "wasche",
        "kissen",
        "tucher",
        "maschine",
        "tasche",
        "kleid",
        "pullover",
        "lampe",
        "regal",
        "tisch",
        "kerze",
    )
)
_PRODUCT_AFTER = re.compile(rf"(?i:['\"’”»]?[ \t]+(?:{_PRODUCT_WORDS})(?!\w))")
#: "the Stella rain jacket", "the Max air fryer": after an article, a name then goods is a model.
_GOODS_AFTER = re.compile(
    rf"(?i:[ \t]+(?:(?!(?:the|a|an|and|or|to|for|with|of|is|was)\b)[a-z]+[ \t]+)?"
    rf"(?:{'|'.join(w for w in _GOODS if w.isascii())})(?:s|es)?(?!\w))"
)
_ARTICLES = frozenset("the a an this that these those my your our".split())
SAINT_BEFORE = re.compile(r"(?i:(?<!\w)(?:san|santa|santo|los|las|saint|st\.?|s[ãa]o|sankt)[ \t]+)$")


#: Weekdays, months and holidays that are also first names ("no domingo", "el 3 de julio", "à Noël").
_CALENDAR_NAMES = frozenset("domingo julio mai april august marco noel".split())
#: A day's or date's word before them: "on", "el", "no", "am", "ce", "next", "until", "hasta"...
_DATE_BEFORE = re.compile(
    r"(?i:(?<!\w)(?:on|this|next|last|every|until|by|el|los|este|proximo|próximo|cada|hasta|para|de|del|en|le|ce|"
    r"chaque|jusqu'au|au|à|am|diesen|jeden|bis|zum|im|no|nos|ao|até|ate|em|os|dia|día|\d{1,2}\.?"
    r"|\d{1,2}(?:st|nd|rd|th)?)[ \t]+)$"
)
_DATE_AFTER = re.compile(r"[ \t]+(?:\d{1,2}\b|de[ \t]+\d{4}|\d{4})")


def calendar_word(text: str, start: int, end: int) -> bool:
    """ "abre no domingo?", "el 3 de julio", "à Noël": a weekday, month or holiday, not the name it shares."""
    if fold(text[start:end]) not in _CALENDAR_NAMES:
        return False
    return bool(_DATE_BEFORE.search(text, max(0, start - 12), start) or _DATE_AFTER.match(text, end))


_WORD_SPLIT = re.compile(r"[-'’ .]")
_SAINT_NEXT = re.compile(r"\.?[ \t]+[^\W\d_]")
_QUOTES = "'\"‘“«"
#: The word right before a capitalized word that makes it a place or a product: a saint ("San",
#: "St."), a place preposition ("in Davos", "en Mendoza", "em Cuiabá", "nach Sylt") or a colour or
#: model word (`_PRODUCT_WORDS`, folded). Sets, not searches: this runs once per name-like word and
#: must stay cheap on long messages.
_SAINT_WORDS = frozenset("san santa santo los las saint st sao sankt".split())
_PLACE_WORDS = frozenset("in en em na nas nach aus ins dans vers hacia region".split())
#: Streets, squares and stations named after a place or a person: "Rua Augusta", "Avenida da Boavista",
#: "Hauptbahnhof Zürich", "estación de Atocha": the name of a place, not of a customer.
_LANDMARK_WORDS = frozenset(
    """rua avenida av calle rue avenue praca plaza place platz strasse bahnhof hauptbahnhof station estacion
    gare estacao aeropuerto aeroporto flughafen aeroport airport barra bairro colonia quartier""".split()
)
#: The particles that join the words of a place's name ("Barra da Tijuca", "Campos do Jordão").
_PLACE_PARTICLES = frozenset("da do de del di du des dos das".split())
_PRODUCT_WORD_SET = frozenset(
    """colour color colourway colorway coloris couleur farbe cor tono tom model modelo modell modele sofa
    canape lamp lampe lampara luminaria collection kollektion coleccion colecao shade finish
    line range series serie gama linea linha ligne gamme rayon seccion seccao seção abteilung department
    edition edicion edição kollektion colecção""".split()
)
#: A shop, branch or mall named after its place: "the Charlotte store", "la tienda de Sevilla",
#: "loja do Chiado", "Filiale Zürich Oerlikon": a place, never the name it shares.
_STORE_WORDS = r"stores?|shops?|outlets?|branch|mall|tiendas?|sucursal|magasins?|boutiques?|filialen?|laden|lojas?"
_STORE_AFTER = re.compile(rf"(?:[ \t]+[A-ZÀ-Þ][\w'-]*){{0,2}}[ \t]+(?i:{_STORE_WORDS})\b")
_STORE_SET = frozenset(
    "store stores shop shops outlet outlets branch mall tienda tiendas sucursal magasin magasins boutique "
    "boutiques filiale filialen laden loja lojas shopping galeria galerie einkaufszentrum".split()
)
_STORE_LINKS = frozenset("de do da des du of in en em at von der am".split())


#: Articles of the languages that name a thing with a noun then its model name ("la cafetera Mercedes").
_THING_ARTICLES = frozenset("el la los las un una le les une o os as um uma der die das den dem ein eine einen".split())
#: People a name follows in the same way ("la vecina Rosa", "o porteiro Valdir", "der Fahrer Emil"): never goods.
_PERSON_NOUNS = frozenset(
    """senora senor sra sr don dona vecino vecina repartidor repartidora cartero amigo amiga hermano hermana hijo
    hija madre padre mama papa tio tia primo prima abuelo abuela esposo esposa marido mujer novio novia jefe jefa
    companero companera chico chica senorita conserje portero portera agente asesor asesora cliente clienta
    senhor senhora seu vizinho vizinha entregador entregadora carteiro irmao irma filho filha mae pai avo avó
    namorado namorada chefe colega porteiro motoboy atendente moco moca menino menina
    monsieur madame mademoiselle mme voisin voisine livreur livreuse facteur factrice ami frere soeur fils fille
    mere pere oncle tante cousin cousine mari femme copain copine collegue gardien gardienne concierge conseiller
    conseillere petit petite herr frau nachbar nachbarin fahrer fahrerin bote botin paketbote zusteller
    zustellerin freund freundin bruder schwester sohn tochter mutter vater onkel mann kollege kollegin chefin
    hausmeister mitarbeiter mitarbeiterin kunde kundin
    tal certain certaine gewisser gewisse gewissen joven jovem nombre nom nome namen name apellido sobrenom
    famille family familia familie familia""".split()
)


def _named_thing(text: str, before: str, prev: str) -> bool:
    """ "la bouilloire Rose", "o aparador Vitória", "der Kinderwagen Emil": an article, a noun that is
    no person (and no verb in the past: "la entregó Marta"), then the capitalized model name."""
    key = fold(prev)
    person = key in _PERSON_NOUNS or (key.endswith("s") and key[:-1] in _PERSON_NOUNS)  # ("las tías Lola")
    if len(key) < 3 or not prev.isalpha() or person or prev[-1:] in "óéíú" or key in _ARTICLES:
        return False
    if prev[:1].isupper() and not _GERMAN_ARTICLE_BEFORE.search(before):
        return False  # only German writes the noun capitalized after its article
    if prev[:1].isupper() and len(key) > 6 and key.endswith("in"):
        return False  # "die Präsidentin Corina", "die Kassiererin Ute": a woman's role, not a thing
    return fold(_last_word(before).lstrip("¿¡\"'«(")) in _THING_ARTICLES


#: Goods named by a noun and its complement ("chaussures de marche", "service à thé", "juego de té") and
#: the materials a ware is known by its place for ("barro de Talavera", "porcelaine de Limoges").
_SETS = frozenset("service juego jogo set vajilla servicio".split())
_MATERIAL_WORDS = frozenset(
    "barro ceramica ceramique porcelana porcelaine faience loza vidrio cristal verre glass azulejo azulejos "
    "madeira madera bois ceramic porcelain pottery clay".split()
)
_COMPLEMENT_LINKS = frozenset("de à a da do du für fur for of".split())
_MATERIAL_LINKS = frozenset("de da do du from".split())


def _goods_before(wide: str) -> bool:
    """A goods word and its complement right before the capitalized word ("chaussures de marche Cervin",
    "service à thé Joséphine"), or a ware's material and "de" ("barro de Talavera"): a model's name
    or a ware's place. (Words split, not searched for: this runs for every name-like word.)"""
    words = wide.split()[-4:]
    if len(words) >= 2 and words[-1].lower() in _MATERIAL_LINKS and fold(words[-2]) in _MATERIAL_WORDS:
        return True
    if len(words) >= 3 and words[-2].lower() == "de" and words[-1].lower() == "la":
        words = words[:-1]  # "vajilla de la Cartuja": "de la" links as "de" does
    if len(words) < 3 or words[-2].lower() not in _COMPLEMENT_LINKS:
        return False
    noun, what = fold(words[-3]), fold(words[-1])
    if not what.isalpha() or what in _SAINT_WORDS or what in _PLACE_PARTICLES:
        return False
    return _goods(noun) or noun in _SETS


def _goods(key: str) -> bool:
    """A goods word, singular or plural ("toalha" and "toalhas", "sandália" and "sandalias")."""
    return key in _GOODS_SET or key + "s" in _GOODS_SET or (key.endswith("s") and key[:-1] in _GOODS_SET)


def _last_word(text: str) -> str:
    """The last whitespace-separated word of `text`, or "" when there is none."""
    words = text.split()
    return words[-1] if words else ""


#: A capitalized word right after the name: a surname ("den Kassier Roger Fässler"); models go alone.
_SURNAME_NEXT = re.compile(r"[ \t]+[A-ZÀ-ÞŒ][^\W\d_]{1,30}(?![\w'’-])(?![ \t]+[A-ZÀ-Þ])")
_GERMAN_ARTICLE_BEFORE = re.compile(r"(?i:(?<!\w)(?:der|die|das|den|dem|ein|eine|einen)[ \t]*)$")


#: Where a parcel goes: "¿hacéis envíos a Pamplona?", "livrez-vous à Sherbrooke", "ship to Perth",
#: "hasta Bariloche": a place after a word of sending and its preposition.
_SENT_TO = re.compile(
    r"(?i:(?<!\w)(?:env[ií]os?|env[ií]an|llegan?|mandan|livr\w*|exp[ée]di\w*|ship(?:ping|s)?|deliveries"
    r"|entregam|entregas?|liefer\w*|versand|versendet)(?:-vous|-nous)?"
    r"[ \t]+(?:a|à|au|aux|to|en|em|na|no|nach|hasta|até)[ \t]+"
    r"(?:(?:la|el|les|os|as)[ \t]+)?)$"
)
#: "Valentine's Day", "Victoria Day", "Boxing Day": a day's name, not the person it shares a word with.
_DAY_AFTER = re.compile(r"(?:['’]s[ \t]+Day|[ \t]+Day)\b")
_DAY_NAMES = frozenset("victoria memorial labor labour boxing canada australia remembrance columbus".split())


def place_or_product(text: str, start: int, end: int, depth: int = 0, cued: bool = False) -> bool:
    """ "San Diego", "Saint-Étienne", "in Davos", "em Cuiabá", "the colour Rosa Palo", "Sofa
    Lugano": a capitalized word that begins a saint's place, follows "in", or is a colour or a model
    (and the capitalized word right after one of those goes with it: "Rosa Palo"). After a name's cue
    ("les escribe Teófilo") an article and a word before it prove no product."""
    first = _WORD_SPLIT.split(text[start:end], maxsplit=1)[0]
    if first[:1] in "Ss" and fold(first) in _SAINTS and ("-" in text[start:end] or _SAINT_NEXT.match(text, end)):
        return True
    if _PRODUCT_AFTER.match(text, end) or _STORE_AFTER.match(text, end):
        return True
    if place_by_name(text, start, end):
        return True  # "Victoria BC", "perto de Salvador"
    if "Day" in text[start : end + 5] and day_named(text, start, end, FIRST_NAMES):
        return True  # "Waitangi Day"
    day = _DAY_AFTER.match(text, end)
    if day and ("'" in day.group() or "’" in day.group() or fold(text[start:end]) in _DAY_NAMES):
        return True
    if re.search(r"['’]s Day$", text[start:end]) or (text[start:end].endswith(" Day") and fold(first) in _DAY_NAMES):
        return True  # the model's span took the day in: "Valentine's Day"
    before = text[max(0, start - 24) : start]
    if not before or before[-1] not in " \t" + _QUOTES:
        return False
    if _SENT_TO.search(before):
        return True
    head = before.rstrip(" \t" + _QUOTES)
    cut = max(head.rfind(" "), head.rfind("\t"), head.rfind("\n"))
    prev = head[cut + 1 :]
    if "'" in prev or "’" in prev:
        prev = prev.replace("’", "'").rsplit("'", 1)[1] or prev  # "jusqu'en Gaspésie", "d'Annecy"
    key = fold(prev.rstrip("."))
    quoted = before.rstrip(" \t")[-1:] in _QUOTES
    if key in _PRODUCT_WORD_SET or (not quoted and (key in _SAINT_WORDS or key in _PLACE_WORDS)):
        return True
    if not quoted and key in _LANDMARK_WORDS:
        return True
    if key in _STORE_SET or (key in _STORE_LINKS and fold(_last_word(head[: max(cut, 0)])) in _STORE_SET):
        return True  # "Filiale Zürich", "loja do Chiado", "la tienda de Sevilla"
    wide = text[max(0, start - 50) : start]
    if _goods_before(wide):
        return True  # "les chaussures de marche Cervin", "el juego de té Aurora", "barro de Talavera"
    if _goods(key) or (prev[:1].isupper() and len(key) > 6 and key.endswith(_GOODS_SUFFIXES)):
        return True  # "la chaqueta Lola", "die Kaffeemaschine Helene"
    if key in _ARTICLES and _GOODS_AFTER.match(text, end):
        return True  # "the Charlie chelsea boots"
    surname_next = prev[:1].isupper() and _SURNAME_NEXT.match(text, end)  # ("den Kassier Roger Fässler")
    if not cued and _named_thing(text, head[: cut + 1], prev) and not surname_next:
        return True  # "la bouilloire Rose", "o aparador Vitória", "der Kinderwagen Emil"
    if not depth and not quoted and key in _PLACE_PARTICLES and cut > 0:
        # "Barra da Tijuca", "Santiago de Querétaro": the capitalized word before the particle is a place.
        head = head[:cut].rstrip(" \t")
        words = head.rsplit(None, 1)
        if words and words[-1][:1].isupper() and words[-1].isalpha():
            if fold(words[-1]) in _LANDMARK_WORDS:
                return True  # "Avenida da Boavista"
            offset = start - len(before) + len(head) - len(words[-1])
            return place_or_product(text, offset, offset + len(words[-1]), 1)
        return False
    if depth or quoted or not prev[:1].isupper() or len(prev) < 2 or not prev.isalpha():
        return False
    # "Rosa Palo": the capitalized word before is itself a colour, place or saint's word.
    offset = start - len(before) + cut + 1
    return place_or_product(text, offset, offset + len(prev), 1)


_CONJ = r"(?:and|or|y|o|et|ou|und|oder|e)"
_ARTICLE = r"(?:the|la|el|le|les|o|a|die|der|das)"
_CONJ_BEFORE = re.compile(
    rf"(?<![\w'’-])(?P<w>[^\W\d_][\w'’-]{{1,30}})[ \t]+(?i:{_CONJ})[ \t]+(?:(?i:{_ARTICLE})[ \t]+)?$"
)
_CONJ_AFTER = re.compile(rf"[ \t]+(?i:{_CONJ})[ \t]+(?:(?i:{_ARTICLE})[ \t]+)?(?P<w>[^\W\d_][\w'’-]{{1,30}})")


def coordinated_thing(text: str, start: int, end: int, is_word) -> bool:
    """ "Satin oder Perkal", "la cafetera Aurora y la Lucía", "the Aurora and the Stella coffee makers":
    joined by "and" to a capitalized common noun (`is_word`), a product or a place, a word is one too."""
    m = _CONJ_BEFORE.search(text, max(0, start - 45), start)
    if m:
        w = m.group("w")
        key = fold(w)
        if (
            w[:1].isupper()
            and key not in _PERSON_NOUNS
            and key not in FIRST_NAMES
            and (is_word(w) or place_or_product(text, m.start("w"), m.end("w")))
        ):
            return True
    m = _CONJ_AFTER.match(text, end)
    return bool(m and m.group("w")[:1].isupper() and place_or_product(text, m.start("w"), m.end("w")))
