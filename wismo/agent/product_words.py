"""What customers call a product in their own language, as the English words a catalog names it by.

A shop's catalog speaks one language ("Flannel Shirt", "Chelsea Boots"); a customer in Lyon writes "la
chemise en flanelle", one in Madrid "las botas". Each word here is a kind of thing, a material or a
colour, folded (lower case, no accents), with the English words it may stand for in a product's name.
"""

from __future__ import annotations

import re

#: Each row: the English words of a product's name, then the words customers use for them (comma-separated).
_ROWS: tuple[tuple[str, str], ...] = (
    # shirts, tops, knitwear
    ("shirt", "camisa, chemise, hemd"),
    ("tee shirt", "camiseta"),
    ("tee", "remera, polera, tshirt, t-shirt, playera"),
    ("crewneck sweater", "jersey, sueter, pullover, pulli, chompa, camisola"),
    ("crewneck cardigan", "malha"),
    ("cardigan", "rebeca, strickjacke"),
    ("cardigan vest", "gilet"),
    # outerwear
    ("jacket cardigan", "casaco"),
    ("jacket", "chaqueta, chamarra, veste, blouson, jacke, jaqueta"),
    ("jacket parka", "campera"),
    ("down jacket", "doudoune, daunenjacke"),
    ("parka jacket", "abrigo, manteau"),
    ("parka", "mantel, parca, anorak"),
    ("vest", "chaleco, weste, colete, sans-manches"),
    # bottoms
    ("trousers", "pantalon, pantalones, calca"),
    ("jeans", "vaqueros, vaquero, jean, jeans, calca jeans"),
    ("corduroy", "pana, velours, veludo"),
    ("corduroy trousers", "cordhose"),
    # footwear
    ("boots", "botas, bota, bottes, botte, bottines, stiefel, botinas, botines"),
    ("boots chelsea", "stiefeletten"),
    ("slippers", "pantuflas, chinelas, chaussons, pantoufles, hausschuhe, pantufas, chinelos"),
    ("snow", "neige, nieve, schnee, neve"),
    ("socks", "calcetines, medias, chaussettes, socken, meias"),
    # accessories
    ("beanie hat", "gorro, bonnet, muetze, mutze, touca"),
    ("hat", "sombrero, chapeau, hut, chapeu"),
    ("scarf", "bufanda, echarpe, schal, cachecol, foulard"),
    ("gloves", "guantes, gants, luvas"),
    ("gloves mittens", "handschuhe"),
    ("mittens", "manoplas, moufles, faustlinge, fausthandschuhe"),
    ("ear muffs", "orejeras, cache-oreilles, ohrenschutzer"),
    ("belt", "cinturon, ceinture, gurtel, cinto"),
    ("wallet tote", "cartera"),
    ("wallet", "billetera, portefeuille, geldborse, portemonnaie, carteira"),
    ("tote bag", "bolso, sac, tasche, bolsa"),
    ("bag", "mochila"),
    ("weekender", "sac de voyage, reisetasche"),
    ("pajama", "pijama, pyjama, schlafanzug"),
    # home and gear
    ("blanket throw", "manta"),
    ("blanket", "couverture, decke, cobertor"),
    ("mug", "taza, tazas, tasse, tasses, becher, caneca"),
    ("candle", "vela, bougie, kerze"),
    ("lamp", "lampara, lampe, luminaria"),
    ("bottle", "botella, bouteille, gourde, flasche, garrafa"),
    ("headphones", "auriculares, cascos, casque, kopfhorer, fones"),
    ("power bank", "bateria, batterie, powerbank"),
    ("ornament", "adornos, boules, christbaumkugeln, enfeites"),
    ("gift card", "tarjeta regalo, carte cadeau, gutschein, cartao presente"),
    # materials
    ("flannel", "franela, flanelle, flanell, flanela"),
    ("wool lambswool", "lana, laine, wolle"),
    ("cashmere", "cachemira, cachemire, kaschmir, caxemira"),
    ("leather", "cuero, cuir, leder, couro"),
    ("cotton", "algodon, coton, baumwolle, algodao"),
    ("down", "plumas, plumes, daunen, penas"),
    ("waterproof", "impermeable, wasserdicht, impermeavel"),
    # colours
    ("red berry burgundy rust", "rojo, rouge, rot, vermelho"),
    ("navy blue", "azul, bleu, blau"),
    ("navy", "marino"),
    ("grey charcoal slate", "gris, grau, cinza"),
    ("black", "negro, noir, schwarz, preto, negra"),
    ("white cream", "blanco, blanc, weiss, branco"),
    ("forest olive green", "verde, vert, grun"),
    ("brown tan camel", "marron, braun, castanho"),
    ("oat sand camel natural", "beige"),
    ("cream", "crema, creme"),
    ("pink", "rosa"),
    ("gold", "dorado, dore, dourado"),
    ("silver", "plateado, argente, silbern, prateado"),
)
_GLOSSARY: dict[str, tuple[str, ...]] = {
    word: tuple(english.split()) for english, words in _ROWS for word in words.split(", ")
}

#: The glossary's entries of several words ("carte cadeau"), looked for as phrases.
_PHRASES = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in _GLOSSARY if " " in k) + r")\b")
#: Endings of plurals and inflected forms ("chemises", "Stiefeln", "camisas"), tried when a word is not listed.
_ENDINGS = ("es", "s", "en", "n", "e")


def english_words(folded: str) -> set[str]:
    """The English catalog words a folded message's own words stand for ("las botas rojas" -> boots, red)."""
    out: set[str] = set()
    for phrase in _PHRASES.findall(folded):
        out.update(_GLOSSARY[phrase])
    for word in re.findall(r"[a-z][a-z-]+", folded):
        found = _GLOSSARY.get(word)
        if found is None:
            # ("rojas" is "rojo", "vermelhas" is "vermelho": a feminine or plural adjective)
            forms = [word[: -len(e)] for e in _ENDINGS if word.endswith(e)] + [re.sub(r"as?$", "o", word)]
            found = next((_GLOSSARY[f] for f in forms if f in _GLOSSARY), None)
        if found:
            out.update(found)
    return out
