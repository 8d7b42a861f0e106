"""Cue phrases after which a word is a person's name, in five languages, and the words of chat
layouts that are never names (speaker roles, form labels). Written by us.

Kinds of cue, from strongest:
- declaring ("my name is", "me llamo", "je m'appelle", "ich heiße", "meu nome é", "Name:"): the
  next word is a name, even in lower case ("my name is ottilie");
- introducing ("this is", "hier ist", "firmó", "chez", "a nombre de"): a name if the word is no
  ordinary word;
- announcing (titles, relations, labels: "Mr.", "Sra.", "Frau", "my wife", "Titular"): a name if
  capitalized (and after a title even in lower case: "Frau döring");
- greeting (greetings and sign-offs): a name unless an ordinary word ("Dear customer");
- weak ("with", "from", "para"): only a word that looks like a name.
"""

from __future__ import annotations

import re

from .base import UP

_SEP = r"[ \t]*[:,]?[ \t]*"
#: Cues after which the next word is a name even in lower case ("my name is ottilie").
_DECLARING = (
    r"my\s+name\s+is|my\s+name's|(?:my|his|her|their)\s+(?:full\s+|maiden\s+|first\s+|last\s+)?name\s+(?:is|was)|"
    r"(?:people|they|friends|everyone)\s+call\s+me|call\s+me|i\s+go\s+by|goes\s+by|known\s+as|"
    r"(?:full\s+|first\s+|last\s+|maiden\s+|sur)?name\s*:|surname|(?:full|first|last|maiden|family)\s+name|"
    r"me\s+llamo|mi\s+nombre\s+(?:es|completo\s+es)|se\s+llama|nombre\s*(?:y\s+apellidos?)?\s*:|apellidos?\s*:?|"
    r"je\s+m['’]appelle|mon\s+nom\s+(?:est|de\s+famille\s+est)|il\s+s['’]appelle|elle\s+s['’]appelle|"
    r"nom\s*(?:de\s+famille)?\s*:|pr[ée]nom\s*:?|"
    r"ich\s+hei(?:ß|ss)e|mein\s+name\s+ist|er\s+hei(?:ß|ss)t|sie\s+hei(?:ß|ss)t|"
    r"(?:vor|nach|familien)?name\s*:|vorname|nachname|"
    r"meu\s+nome\s+(?:social\s+)?(?:é|e|completo\s+é)|me\s+chamo|chamo-me|se\s+chama|nome\s*(?:completo)?\s*:|sobrenome\s*:?"
)
#: Greetings and sign-offs: the next capitalized word is a name unless it is an ordinary word.
_GREETING = (
    # "Liebe Grüße von der Steffi", "Gruß vom Sepp": southern German puts an article before a first name.
    r"(?:(?:viele|beste|liebe|herzliche|freundliche)[ \t]+)?gr(?:ü|ue)(?:ß|ss)e?[ \t]+(?:von[ \t]+(?:der|dem)|vom)|"
    # Sign-offs by their abbreviation: "abs" (abraços), "att"/"atte" (atenciosamente, atentamente), "slds".
    r"abs|att|atte|slds|"
    r"signed|sincerely|regards|best|cheers|thanks|thx|ty|thank\s+you|yours|dear|hi|hello|hey|"
    r"all[oô]|"
    r"estimad[oa]|querid[oa]|atentamente|saludos|un\s+saludo|cordiales\s+saludos|firmado|hola|gracias|"
    r"cher|ch[èe]re|cordialement|bien\s+[àa]\s+vous|salutations|sign[ée]|bonjour|merci|"
    r"sehr\s+geehrte[rn]?|liebe[rn]?|hallo|mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|mfg|danke|"
    r"(?:viele|beste|liebe|herzliche|freundliche)\s+gr(?:ü|ue)(?:ß|ss)e|gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|lg|"
    r"prezad[oa]|car[oa]|atenciosamente|cumprimentos|abra[çc]os|obrigad[oa]|valeu|vlw|assinado|ol[áa]|"
    r"vielen\s+dank|muito\s+obrigad[oa]|bom\s+dia|boa\s+tarde|boa\s+noite|"
    # Sign-offs between friends: "bisous", "bjs", "besos", "abrazos", "xoxo", "lg".
    r"bisous|bises|bisou|bjs|bjos|beijos?|besos|besitos|abrazos?|xoxo|love|ciao|tsch(?:ü|ue)ss|tschau|adieu"
)
#: Cues after which a capitalized word is a name (titles, relations, labels).
_ANNOUNCING = (
    r"mrs|mr|ms|mx|dr|dra|prof|profa|miss|sir|madam|lic|lcda|lcdo|ing|arq|"
    r"called|named|calls\s+me|under|name|c/o|attn|recipient|addressee|account\s+holder|card\s*holder|"
    r"ask\s+for|speak\s+to|contact\s+person|user:|"
    r"correct\s+it\s+to|change\s+it\s+to|"
    r"my\s+(?:kid|son|daughter|child|wife|husband|partner|friend|mother|father|mom|mum|dad|brother|sister|"
    r"boyfriend|girlfriend|neighbou?r|colleague|boss|roommate|flatmate|housemate|fianc[ée]e?|aunt|uncle|cousin|"
    r"grandma|grandpa|stepmom|stepmum|stepdad|nephew|niece|bf|gf)|"
    r"sr|sra|srta|don|do[ñn]a|d\.ª|se[ñn]or|se[ñn]ora|se[ñn]orita|titular|destinatari[oa]|"
    # Family words standing before a first name ("Grandma June", "la abuela Chela", "meinem Neffen Finn").
    r"grandma|grandpa|granny|nana|nephew|niece|abuel[oa]|sobrin[oa]|mamie|papi|papy|m[ée]m[ée]|p[ée]p[ée]|"
    r"neveu|ni[èe]ce|oma|opa|neffen?|nichte|v[óô]|vov[óô]|av[óô]|sobrinh[oa]|"
    r"tante|onkel|aunt|auntie|uncle|t[íi]a|t[íi]o|tonton|tatie|titia|"
    r"mi\s+(?:hij[oa]|espos[oa]|marido|mujer|madre|padre|herman[oa]|amig[oa]|vecin[oa]|novi[oa]|pareja|jef[ea]|"
    r"compa[ñn]er[oa]|t[íi][oa]|prim[oa]|abuel[oa])|"
    r"m(?=\.)|mme|mlle|monsieur|madame|mademoiselle|titulaire|destinataire|"
    r"mon\s+(?:fils|mari|fr[èe]re|p[èe]re|ami|voisin|coll[èe]gue|copain|conjoint|oncle|cousin|compagnon)|"
    r"ma\s+(?:fille|femme|s(?:œ|oe)ur|m[èe]re|amie|voisine|coll[èe]gue|copine|tante|cousine|compagne)|"
    r"herr|herrn|frau|hr(?=\.)|fr(?=\.)|inhaber(?:in)?|empf(?:ä|ae)nger(?:in)?|"
    r"mein(?:e)?\s+(?:sohn|tochter|mann|frau|bruder|schwester|vater|mutter|freund(?:in)?|nachbar(?:in)?|"
    r"kollege|kollegin|partner(?:in)?|onkel|tante|cousin|cousine)|"
    r"sra|srª|dona|dom|senhor|senhora|titular|destinat[áa]rio|"
    # Roles before a name ("the driver Jefferson", "o estafeta Nelson", "der Bote Kemal", "my boy Marquise").
    r"(?:the|our|your)\s+(?:driver|courier|delivery\s+(?:guy|man|driver)|mail(?:man|\s+carrier)|postman|agent|rep|"
    r"neighbou?r|doorman|concierge)|my\s+(?:boy|girl|bro|buddy|pal|mate|hubby|bestie)|"
    r"(?:el|la|tu|su)\s+(?:repartidor[a]?|mensajer[oa]|conductor[a]?|vecin[oa]|porter[oa]|agente|asesor[a]?|"
    r"courier|motorizad[oa]|chofer|ch[óo]fer|cartero|transportista|compa[ñn]er[oa]|colega)|"
    r"(?:the|your|our)\s+(?:courier|carrier|colleague|coworker|co-worker)|"
    r"(?:ton|ta|son|sa|notre|votre)\s+(?:coll[èe]gue|livreur|livreuse|coursier|conseill(?:er|[èe]re)|voisin[e]?)|"
    r"(?:le|la)\s+(?:coursier|coursi[èe]re|transporteur)|(?:der|die|den|dem)\s+(?:kurier(?:in)?|paketfahrer(?:in)?)|"
    r"(?:o|a|seu|sua|teu|tua)\s+(?:motoboy|courier|mensageir[oa])|"
    r"(?:le|la|votre)\s+(?:livreur|livreuse|facteur|factrice|chauffeur|gardien(?:ne)?|voisin[e]?|"
    r"conseill(?:er|[èe]re))|"
    r"(?:der|die|dem|den|ihr(?:e[mnr]?)?)\s+(?:fahrer(?:in)?|bote|botin|zusteller(?:in)?|paketbote|"
    r"nachbar(?:in|n)?|hausmeister(?:in)?|kollege|kollegin|mitarbeiter(?:in)?)|"
    r"(?:mein|unser)(?:e[mnr]?)?\s+(?:sohn|tochter|mann|frau|bruder|schwester|vater|mutter|freund(?:in)?|"
    r"nachbar(?:in|n)?|kollegen?|kollegin|partner(?:in)?|onkel|tante|cousin|cousine|neffen?|nichte)|"
    r"(?:o|a|seu|sua)\s+(?:entregador[a]?|estafeta|motorista|carteir[oa]|atendente|porteir[oa]|vizinh[oa]|"
    r"colega)|"
    r"(?:meu|minha)\s+(?:filh[oa]|marido|espos[oa]|mulher|irm[ãa]o?|pai|m[ãa]e|amig[oa]|vizinh[oa]|colega|"
    r"namorad[oa]|ti[oa]|prim[oa]|av[óô])"
)
#: Everyday words that introduce a name only when the next word looks like one.
_WEAK = (
    # Portuguese puts an article before a first name ("falei com o Wesley", "liguem ao Joaquim").
    r"com\s+[oa]|ao|pro|pra|"
    r"says|said|add|with|by|to|from|for|con|para|de\s+parte\s+de|avec|pour|mit|f(?:ü|ue)r|von|com|"
    r"o\s+sea|es\s+decir|ou\s+seja|quer\s+dizer|c['’]est-[àa]-dire|i\s+mean|that\s+is|sprich|beziehungsweise|"
    r"da\s+parte\s+de"
)
#: Phrases that introduce a person: a following word that is no ordinary word is a name, even in
#: lower case ("hier ist karl-dieter roskoth", "firmó goyo aragonés", "chez marcel d'espinay").
_INTRODUCING = (
    r"this\s+is|i\s+am|i'm|it's(?:\s+me(?:\s+again)?)?|signed\s+for\s+by|signed\s+by|(?:the\s+)?name\s+on\s+the\s+account\s+is|"
    r"account\s+holder\s+is|(?:leave|left|leaving)\s+it\s+with|(?:gave|given|handed)\s+it\s+to|care\s+of|"
    r"in\s+the\s+name\s+of|"
    r"a\s+nombre\s+de|au\s+nom\s+de|auf\s+den\s+namen|em\s+nome\s+de|"
    r"soy|soy\s+yo\s+otra\s+vez|aqu[íi]\s+es|les\s+escribe|le\s+escribe|te\s+escribe|firm[óo]|firmado\s+por|titular\s+(?:es|de\s+la\s+cuenta\s+es)|"
    r"en\s+casa\s+de|a\s+la\s+atenci[óo]n\s+de|d[ée]jel[oa]\s+con|es\s+usted|"
    r"je\s+suis|c['’]est(?:\s+encore)?(?:\s+moi)?|c|its|ici|vous\s+[ée]crit|sign[ée]\s+par|titulaire\s+(?:est|du\s+compte\s+est)|chez|"
    r"[àa]\s+l['’]attention\s+de|laissez-le\s+[àa]|vous\s+[êe]tes|"
    r"ich\s+bin(?:\s+(?:die|der))?|ich\s+bin['’]?s(?:\s+nochmal)?|hier\s+ist(?:\s+(?:die|der))?|(?:hier|bin)\s+(?:die|der)|hier|schreibt|unterschrieben\s+von|kontoinhaber(?:in)?\s+ist|bei|z\.\s?hd\.?|"
    r"zu\s+h(?:ä|ae)nden|sind\s+sie|"
    r"(?:(?<=^)|(?<=[!?.,] ))[ée]\s+[oa]|"
    r"sou(?:\s+[oa])?|sou\s+eu(?:\s+de\s+novo)?|aqui\s+(?:é|e)(?:\s+[oa])?|fala|habla|aqu[íi]\s+habla|escreve|assinou|assinado\s+por|titular\s+(?:é|da\s+conta\s+é)|"
    r"na\s+casa\s+d[aeo]|deixe\s+com|voc[êe]\s+[ée]|recebimento\s+foi"
)
STRONG_NAME_CUE = re.compile(
    rf"(?i:(?<![\w.@/])(?:(?P<declaring>{_DECLARING})|(?P<announcing>{_ANNOUNCING})(?:\.|(?!\w))|(?P<greeting>{_GREETING})(?:\.|(?!\w))|(?P<introducing>{_INTRODUCING})(?!\w)|(?P<weak>{_WEAK})(?!\w)))"
    rf"(?P<sep>{_SEP}\??[ \t]*(?:\n[ \t]*(?=[{UP}]))?)"
)


TITLES = re.compile(
    r"(?i:mrs|mr|ms|mx|dr|dra|prof|miss|sr|sra|srta|don|do[ñn]a|m|mme|mlle|monsieur|madame|herr|herrn|frau|"
    r"hr|fr|senhor|senhora|dona|dom|se[ñn]or|se[ñn]ora)"
)


#: "Renata: ..." at the start of a line (any case: chat exports lower-case names too).
SPEAKER_RE = re.compile(
    rf"(?m)^[ \t>*-]*(?P<name>[^\W\d_][\w'’-]{{1,30}}(?:[ \t]+[{UP}][\w'’.-]{{0,30}}){{0,2}})[ \t]?:[ \t]"
)

#: A sign-off line, and a line that may hold a signature's name (up to four words).
SIGN_OFF_RE = re.compile(rf"(?i)[ \t>]*(?:(?:{_GREETING})[ \t]*[,!.]?|-{{2,}}|—|_{{2,}})[ \t]*")
NAME_LINE_RE = re.compile(r"[ \t>]*(?P<name>[^\W\d_][\w'’.-]{0,30}(?:[ \t]+[^\W\d_][\w'’.-]{0,30}){0,3})[ \t]*")
#: Who speaks in a pasted dialogue when it is not a person's name.
SPEAKER_ROLES = frozenset(
    """agent customer client me you i bot assistant support driver courier seller shop store staff operator
    admin moderator system user guest team yo tu usted repartidor mensajero cliente vendedor tienda soporte
    agente operador moi vous livreur vendeur boutique conseiller conseillere service ich du sie fahrer
    kunde kundin verkaufer haendler handler mitarbeiter bote zusteller eu voce entregador motorista loja
    vendedora atendente suporte estafeta""".split()
)
#: Words of form labels ("Order:", "Nom :", "E-mail:"), never a speaker's name.
LABEL_WORDS = frozenset(
    """order email e-mail mail phone tel mobile address name subject re fwd date time note ps total tracking
    pedido correo telefono movil direccion nombre asunto fecha nota commande courriel adresse nom prenom objet
    bestellung telefon handy adresse anschrift betreff datum encomenda telefone telemovel endereco assunto
    data morada cep cpf nif nie dni rfc curp iban ssn nir note update warning question answer edit info
    important reminder problem issue attention ps nb faq step tip example q a
    nachname vorname familienname apellido apellidos sobrenome bestellnr bestellnummer geb geburtsdatum
    nascimento naissance nacimiento ddn plz ort stadt ciudad cidade ville land pays pais titular kundennummer
    referenz ref steuernummer telefonnummer handynummer""".split()
)
