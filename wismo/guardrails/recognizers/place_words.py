"""Places customers ship to whose names no dictionary lists: cities, regions and islands of the
countries wismo serves and of the English-speaking ones its customers write from ("Pune", "Dunedin",
"Gaspésie", "Sylt"), and the context that makes a first name a place ("perto de Salvador", "Victoria
BC", "Waitangi Day"). Written by us, folded (lower case, no accents).

A place that is also a common first name or surname is left to the context rules: "Victoria" is a
person unless a region code, a holiday's "Day" or a place's preposition says otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents (as `name_words.fold`, which imports this module)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


PLACES = frozenset(
    fold(w)
    for w in """
    mumbai delhi bengaluru bangalore chennai kolkata hyderabad pune ahmedabad jaipur lucknow kanpur nagpur
    nashik indore bhopal patna surat vadodara ludhiana agra coimbatore kochi cochin thiruvananthapuram mysuru
    mysore visakhapatnam vijayawada madurai noida gurugram gurgaon chandigarh dehradun guwahati bhubaneswar
    ranchi raipur amritsar varanasi kerala karnataka maharashtra gujarat rajasthan punjab telangana goa
    auckland christchurch dunedin tauranga rotorua whangarei invercargill
    queenstown waikato canterbury otago southland taranaki manawatu
    toronto montreal montréal vancouver calgary edmonton ottawa winnipeg saskatoon regina halifax gatineau
    longueuil sherbrooke saguenay trois-rivieres rimouski gaspesie gaspe charlevoix abitibi outaouais
    mauricie estrie saskatchewan manitoba alberta ontario nunavut yukon labrador newfoundland
    sydney melbourne brisbane perth canberra hobart geelong wollongong cairns townsville
    queensland tasmania
    manchester birmingham leeds glasgow edinburgh liverpool bristol sheffield cardiff belfast nottingham
    leicester coventry swansea aberdeen dundee brighton southampton portsmouth plymouth norwich cornwall
    yorkshire surrey essex
    chicago philadelphia seattle boston atlanta miami detroit minneapolis portland
    sacramento pittsburgh cincinnati cleveland tucson albuquerque milwaukee nashville baltimore omaha
    guadalajara monterrey puebla tijuana queretaro cancun oaxaca chihuahua hermosillo saltillo
    culiacan toluca morelia aguascalientes veracruz acapulco zapopan tlaquepaque coyoacan iztapalapa
    valparaiso vina concepcion antofagasta temuco rancagua iquique arica talca chillan
    arequipa chiclayo piura cusco cuzco huancayo iquitos tacna ica cajamarca puno ayacucho
    bogota cali barranquilla cartagena bucaramanga rosario tucuman
    sevilla malaga murcia bilbao alicante valladolid vigo gijon vitoria elche oviedo
    badajoz cadiz huelva jaen almeria cartagena tarragona lleida girona castellon pamplona
    logrono santander albacete caceres teruel huesca
    mallorca menorca ibiza tenerife lanzarote fuerteventura canarias galicia asturias andalucia cataluna
    lyon marseille toulouse nice nantes strasbourg montpellier bordeaux lille rennes reims grenoble dijon
    angers nimes besancon perpignan limoges poitiers rouen caen brest quimper lorient avignon annecy
    bretagne normandie provence alsace corse savoie auvergne gironde vendee
    bruxelles brussel anvers antwerpen liege gand gent namur charleroi mons bruges brugge louvain leuven
    lausanne geneve genf fribourg neuchatel bern berne basel bale zurich luzern lucerne lugano
    winterthur thurgau aargau valais wallis ticino tessin graubunden
    munchen muenchen koln koeln frankfurt stuttgart dusseldorf dortmund essen leipzig dresden hannover
    nurnberg duisburg bochum wuppertal bielefeld mannheim karlsruhe wiesbaden augsburg freiburg rostock
    kiel lubeck erfurt magdeburg potsdam saarbrucken regensburg ingolstadt wurzburg
    sylt rugen usedom fohr amrum norderney borkum juist langeoog helgoland fehmarn
    wien graz linz salzburg innsbruck klagenfurt villach bregenz tirol karnten steiermark vorarlberg
    lisboa porto braga coimbra aveiro faro setubal funchal viseu leiria evora guimaraes algarve acores
    madeira sintra cascais almada amadora matosinhos
    recife fortaleza manaus belem goiania campinas guarulhos niteroi florianopolis curitiba teresina
    maceio joinville londrina uberlandia sorocaba ribeirao cuiaba aracaju porto-alegre
    iguatemi morumbi ibirapuera copacabana ipanema leblon pinheiros tijuca barueri osasco
 """.split()
)
#: Places that are also first names: places only where the words around say so.
NAMED_PLACES = frozenset(
    "victoria salvador santiago florence lourdes valencia regina alexandria adelaide georgia carolina "
    "virginia savannah austin charlotte madison vitoria wellington houston denver phoenix".split()
)
#: A two-letter region code after a place ("Victoria BC", "Portland OR"): US states, Canadian provinces,
#: Australian states.
_REGION_AFTER = re.compile(
    r",?[ \t]+(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
    r"NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|NSW|"
    r"VIC|QLD|TAS|ACT)(?![\w'’-])(?![ \t]+[A-Z][a-z])"
)
#: Where a place, not a person, stands: "perto de", "cerca de", "près de", "near", "em", "nach", or a
#: place's noun then "de" ("centro de distribuição de", "ciudad de", "région de").
_PLACE_CONTEXT = re.compile(
    r"(?i:(?<!\w)(?:perto|cerca|pr[èe]s|alrededores|arredores|around|near|nearby|in|em|nach|hasta|at[ée]|bis|"
    r"(?:centro|distribui[çc][ãa]o|distribuci[óo]n|cidade|ciudad|regi[ãa]o|regi[óo]n|[áa]rea|zona|estado|"
    r"provincia|prov[íi]ncia|ville|r[ée]gion|city|area|region|state|province)[ \t]+(?:de|da|do|of|du))"
    r"[ \t]+(?:(?:de|of)[ \t]+|d['’])?)$"
)
#: "Waitangi Day", "Canada Day", "Anzac Day": a day named after a place or an event.
_DAY = re.compile(r"[ \t]+Day(?!\w)")


def place_by_name(text: str, start: int, end: int) -> bool:
    """A capitalized word that is a place by the words around it, not a person: a region code after it
    ("Victoria BC", "Springfield IL"), or a place's preposition before a place that is also a first name
    ("perto de Salvador", "centro de distribuição de Salvador")."""
    if (text[end + 1 : end + 3].isupper() or text[end + 2 : end + 4].isupper()) and _REGION_AFTER.match(text, end):
        return True
    words = text[start:end].split()
    if not words or fold(words[0].rstrip(".,")) not in NAMED_PLACES:
        return False
    return bool(_PLACE_CONTEXT.search(text, max(0, start - 40), start))


def day_named(text: str, start: int, end: int, first_names: frozenset[str]) -> bool:
    """ "Waitangi Day", "Bastille Day": a holiday, unless its first word is a first name ("Doris Day")."""
    words = text[start:end].split()
    if not words or fold(words[0]) in first_names:
        return False
    if len(words) >= 2 and words[-1] == "Day":
        return True
    return len(words) == 1 and bool(_DAY.match(text, end))
