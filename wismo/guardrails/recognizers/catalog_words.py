"""Words of a shop's catalogue and calendar that are never a person's name.

Customers capitalize colours ("Oxblood", "Senfgelb"), materials ("Leinen", "Terciopelo"), payment
methods ("Klarna", "Bancontact"), brands ("Nespresso") and holidays ("Cyber Monday", "Pascua"). The
name heuristics take a capitalized word that is no frequent word for a name, so without this list
these become `<PERSON_n>` and the sentence loses its meaning. Words that are also common first
names or surnames (Rose, Olive, Sage, Lila, Marine, Lana, Lino, Braun, Carvalho, Nogueira, Dyson) are left out:
for them the context rules in places.py decide. Folded: lower case, no accents.
"""

from __future__ import annotations

#: Colours and patterns, in the five languages.
COLOURS = """
oxblood terracotta terracota terrakotta burgundy maroon navy charcoal taupe beige ecru khaki mustard teal
turquoise lilac lavender mauve fuchsia magenta chartreuse cognac camel chestnut mocha oatmeal blush
mint cobalt indigo denim stonewash herringbone houndstooth tartan ochre rust graphite gunmetal anthracite
mostaza burdeos granate beis caqui ocre turquesa malva fucsia botella cobre dorado plateado
moutarde bordeaux sapin kaki anthracite grege lilas rouille cuivre argente
senfgelb dunkelblau marineblau hellblau tannengrun anthrazit ocker rostrot altrosa salbei petrol
mostarda bordo marinho areia turquesa lilas prateado grafite chumbo
ivory marfil marfim ivoire elfenbein creme
""".split()

#: Scents and flavours of candles and food ("La de Azahar huele genial", "Apfel & Zimt").
SCENTS = """
azahar zimt figue cassis laranjeira vanille vainilla baunilha canela cannelle lavanda lavande
""".split()

#: Materials and finishes.
MATERIALS = """
velvet linen suede merino cashmere corduroy satin tweed polyester ceramic porcelain stoneware rattan wicker
leinen baumwolle baumwollsatin seide wolle wildleder samt keramik porzellan steingut eiche nussbaum blech
edelstahl gusseisen
terciopelo cuero algodon raso pana ceramica porcelana roble nogal bambu mimbre
velours cuir daim coton soie ceramique porcelaine chene noyer osier
veludo linho couro camurca algodao cetim vime
""".split()

#: Ways to pay and vouchers.
PAYMENTS = """
klarna twint bancontact oney sodexo afterpay affirm ideal sofort giropay pix boleto mbway multibanco bizum
alipay venmo zelle cashapp paysafecard payconiq sumup alelo
""".split()

#: Brands a customer names next to an order, that no one is called.
BRANDS = """
levis airwrap supersonic nespresso kitchenaid lindt victorinox sprungli boticario havaianas converse
crocs ugg uggs birkenstock timberland patagonia keurig delonghi krups tefal smeg miele
sonos garmin fitbit kindle lego playmobil quencher tramontina natura
senseo tchibo dolce gusto lufthansa ryanair easyjet iberia
""".split()

#: Carriers of the countries customers write from ("¿Trabajan con Olva o con Serpost?", "pela Loggi").
CARRIERS = """
olva serpost andreani oca loggi sedex jadlog totalexpress estafeta paquetexpress redpack canpar
chronopost colissimo mondial relay dpd gls hermes inpost packeta correosexpress
""".split()

#: Holidays and calendar words.
HOLIDAYS = """
valentines cyber pascua pascoa paques ostern pfingsten thanksgiving halloween hanukkah diwali
carnaval karneval fasching brueckentag bruckentag feriado ferie
silvester rosenmontag nikolaustag fasnacht fastnacht auffahrt fronleichnam finados junina raymi
mardi gras
""".split()

#: Greetings and exclamations that start a message with a capital ("Allô", "G'day", "Buenísimo").
EXCLAMATIONS = """
allo g'day oigan oiga oye buenisimo buenisima genial whichever whatever whoever wherever whenever however
pucha puchas chuta chucha caramba caray caracoles ostras jolin jope vaya orale hijole chale guau
disculpe disculpa disculpen perdone perdona perdonen fijese mire miren desculpe desculpa desculpem
leiwand oida heast boah krass tja nanu hoppla juhu jessas servas pfiat
zut mince oups ouf bref hein puree putain
eita caraca poxa vixe uai oxe opa nossa affs aff
blimey crikey gosh jeez yikes welp phew strewth cheerio
""".split()

CATALOG_WORDS: frozenset[str] = frozenset(
    COLOURS + SCENTS + MATERIALS + PAYMENTS + BRANDS + CARRIERS + HOLIDAYS + EXCLAMATIONS + ["d'accord"]
)
