"""Unlabelled words that fill templates: products, carriers, weekdays, cities and shops per language."""

from __future__ import annotations

#: Singular nouns that take the same article in every template: feminine in es/fr/de/pt, consonant-initial in en.
PRODUCTS = {
    "en": ("rain jacket", "wool scarf", "coffee grinder", "phone case", "desk lamp", "yoga mat", "backpack",
           "blender", "duvet cover", "kettle", "winter coat", "suitcase", "watch", "hoodie"),
    "es": ("chaqueta impermeable", "bufanda de lana", "funda del móvil", "lámpara de escritorio", "esterilla de yoga",
           "mochila", "batidora", "funda nórdica", "cafetera", "camiseta", "sudadera", "maleta", "freidora de aire"),
    "fr": ("veste imperméable", "coque de téléphone", "lampe de bureau", "housse de couette", "bouilloire",
           "cafetière", "valise", "montre", "chemise", "robe", "doudoune", "couverture", "poêle"),
    "de": ("Regenjacke", "Kaffeemühle", "Handyhülle", "Schreibtischlampe", "Yogamatte", "Sonnenbrille",
           "Winterjacke", "Bettdecke", "Tasche", "Kaffeemaschine", "Jeans", "Mütze", "Heißluftfritteuse"),
    "pt": ("mochila", "cafeteira", "chaleira elétrica", "mala de viagem", "capa de edredom", "toalha de praia",
           "garrafa térmica", "camisa", "saia", "luminária de mesa", "panela", "fritadeira"),
}  # fmt: skip
CARRIERS = {
    "en_US": ("UPS", "USPS", "FedEx"),
    "en_GB": ("Royal Mail", "DPD", "Evri", "DHL"),
    "es_ES": ("Correos", "SEUR", "MRW", "GLS"),
    "es_MX": ("Estafeta", "DHL", "FedEx", "Correos de México"),
    "fr_FR": ("Colissimo", "Chronopost", "La Poste", "Mondial Relay"),
    "de_DE": ("DHL", "Hermes", "DPD", "GLS"),
    "pt_BR": ("Correios", "Jadlog", "Loggi", "Total Express"),
    "pt_PT": ("CTT", "DPD", "GLS", "Chronopost"),
}
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"),
}
#: Real place names for the ordinary set: cities where shops and pickup points are.
CITIES = {
    "en": ("Boston", "Chicago", "Denver", "Manchester", "Leeds", "Bristol", "Seattle", "Glasgow", "Austin", "York"),
    "es": ("Madrid", "Sevilla", "Valencia", "Bilbao", "Zaragoza", "Guadalajara", "Monterrey", "Puebla", "Málaga"),
    "fr": ("Lyon", "Marseille", "Toulouse", "Lille", "Nantes", "Bordeaux", "Strasbourg", "Rennes", "Montpellier"),
    "de": ("Berlin", "Hamburg", "München", "Köln", "Dresden", "Leipzig", "Stuttgart", "Frankfurt", "Bremen"),
    "pt": ("Lisboa", "Porto", "Braga", "Coimbra", "São Paulo", "Curitiba", "Recife", "Salvador", "Belo Horizonte"),
}
SHOPS = {
    "en": ("Northwind Outfitters", "the Riverside store", "the outlet on Market Square", "Harbour Books"),
    "es": ("Northwind Outfitters", "la tienda del centro", "El Corte Inglés", "la tienda de la Gran Vía"),
    "fr": ("Northwind Outfitters", "la boutique du centre-ville", "les Galeries Lafayette", "la Fnac"),
    "de": ("Northwind Outfitters", "die Filiale am Marktplatz", "Galeria Kaufhof", "den Laden in der Altstadt"),
    "pt": ("Northwind Outfitters", "a loja do centro", "o Shopping Iguatemi", "a loja da Baixa"),
}
COLORS = {
    "en": ("black", "navy", "red", "grey", "green", "white"),
    "es": ("negro", "azul marino", "rojo", "gris", "verde", "blanco"),
    "fr": ("noir", "bleu marine", "rouge", "gris", "vert", "blanc"),
    "de": ("schwarz", "dunkelblau", "rot", "grau", "grün", "weiß"),
    "pt": ("preto", "azul-marinho", "vermelho", "cinzento", "verde", "branco"),
}
SIZES = ("XS", "S", "M", "L", "XL", "38", "40", "42", "44")
