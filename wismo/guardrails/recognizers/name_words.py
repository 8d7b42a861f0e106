"""Word lists behind the name heuristics, written by us: common first names and surnames of the
countries wismo serves (en, es, fr, de, pt), shop words that are never names, and the cue phrases
after which a word is a name. Lookups fold case and accents ("Inés" -> "ines", "Müller" -> "muller").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: the key of every list here."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


#: Common first names across many countries. Ambiguous ones that are also ordinary words (May,
#: Will, Mark, Grace...) are in `AMBIGUOUS_FIRST_NAMES` and need a surname or a cue.
FIRST_NAMES = frozenset(
    """
    aaron abby abdul abigail adam adele adrian adriana adrien afonso agathe agnes ahmed aisha alain alan alba
    albane albert alberto alejandra alejandro alessandra alex alexander alexandra alexandre alexis alfonso
    alfred ali alice alicia alina aline alison alma almudena alphonse alvaro amanda amandine amelia amelie
    amir amparo amy ana ana-clara anais anastasia anatole andre andrea andreas andrei andres andrew andy angel
    angela angeles angelica angelo anita anja anke ann anna annabelle anne anne-marie annette annie anthony
    antje antoine antoinette antonia antonio anya apolline araceli ari ariana ariane arjun armand arnaud arnav
    arthur arturo ashley astrid audrey augustin augusto aurelie aurelien aurora axel baptiste barbara bastian
    beatrice beatrix beatriz becky begona ben benedict benedita benito benjamin benoit bernadette bernard
    bernardo bernd beth betty bianca birgit bjorn blanca bob bobby bogdan boris borja brad bradley brandon
    brenda brian bridget brigitte brittany bruce bruna bruno bryan bryce burkhard caio caitlin camila camille
    candela capucine carl carla carlos carmen carolina caroline casey catalina catherine cayetana cecile
    cecilia celia celine chantal charles charlie charlotte chen chloe chris christa christelle christian
    christina christine christophe christopher cindy claire clara clarice claude claudia claudio clemence
    clementine colette colin concepcion connor consuelo corentin cornelia craig cristiano cristina cristobal
    cynthia dagmar damien daniel daniela danielle daria dariusz davi david debora deborah debra delphine denis
    denise dennis derek detlef diana didier diego dieter dimitri diogo dirk dmitri dmitry dolores dominic
    dominique donald donna doris dorothy douglas duncan dylan edeltraud edgar edith edson eduarda eduardo
    edward elaine eleanor elena elfriede eli eliane elias elif elijah elisa elizabeth elke ella ellen elodie
    eloise elsa elvira emanuel emil emile emilia emilio emily emma emmanuel encarnacion enrique enzo eric
    erica erik erika erin ernesto ernst erwin esperanza esteban esther ethan etienne eugene eugenia eusebio
    eva evan evelyn fabian fabiana fabien fabienne fabio fatima felipe felix fermin fernanda fernando fidel
    filip fiona flavia florence florian francesca francesco francis francisca francisco francoise frank franz
    freddie frederic frederick fredrik freja frieda friedrich gabriel gabriela gabriele gaelle gareth gary
    gaspard gavin genevieve george gerald gerard gerd gerhard gertrud gilbert gilles giovana giovanni gisela
    giulia giuseppe gloria goncalo gonzalo gordon gottfried gregorio gregory greta guadalupe gudrun guilherme
    guillaume guillermo gunter gunther gustav gustavo guy hannah hannelore hans hans-peter harold harriet
    harry hartmut heather hector heidi heike heiko heinrich heinz heitor helen helena helene helga helmut
    henri henrik henry herbert hermann herve hildegard hiroshi horst hortense hugo hugues ian ignacio igor
    ilse ines inge ingeborg ingrid inmaculada irene irmgard isaac isabel isabella isabelle isadora isidro ivan
    jack jacob jacqueline jacques jaime jake james jamie jan jana jane janet janice jasmine jason javier jean
    jeanne jeffrey jenna jennifer jens jeremie jeremy jerome jessica jesus jill joachim joan joana joanna joao
    joaquin jodi joe joel joelle johan johann johannes john jonas jonathan jorg jorge jose josefa joseph
    josephine josette joshua juan judith jules julia julian juliana julie julien juliette julio jurgen justin
    jutta kai karen karin karl karl-heinz karsten kate katherine kathleen kathryn katie katja katrin kayla
    keith kelly ken kenji kenneth kerstin kevin kim kimberly klaus klaus-dieter knut konrad kristina kurt kyle
    laetitia lara larissa larry lars laura lauren laurence laurent lea leah leandro lena leo leon leonard
    leonardo leonie leonor leticia liam lieselotte linda lionel lisa logan lorena lorenzo lothar louis louise
    lourdes luana lucas lucia luciana lucie lucy ludovic ludwig luis luisa luiz luiza luka lukas luke lutz
    lydie macarena madeleine magda magnus mai manfred manon manuel manuela marc marcel marcela marcelo marcia
    marco marcos marcus margaret margarete margarita margaux marguerite maria mariana marianne mariano marie
    marina marine mario marion marisol marlies marta martha marthe martin martina mary mateo mateus matheus
    mathias mathilde matias matteo matthew matthias matthieu maureen maxime maya megan mehmet meike melanie
    melissa mercedes mia michael michel michele michelle miguel mikael mikhail milagros milena miriam mirko
    mohamed mohammed monica monika monique montserrat morgan muhammad murilo mylene nadia nancy naomi natalia
    natalie nathalie nathan nathaniel nerea nicholas nicolas nicole niels nikita nikolai nikolaj nina noah
    noel noelle noemie nora norbert norberto nuno nuria octavio odette oleg olga oliver olivia olivier omar
    oscar oskar otavio otto pablo pamela pascal pascale patrice patricia patrick paul paula paulo pavel pedro
    peter petra philip philippe pierre pietro pilar piotr priscila purificacion rachel rafael rafaela rahul
    rainer raj ralph ramiro ramon randy raquel raul raymond rebecca regina regis reinhard remedios remi renata
    renate renato rene renee ricardo richard rita robert roberto robin rocio rodrigo roger rogerio roland rolf
    romain roman ronald rosa rosana rosario rosemarie ruben rudiger rudolf rui ruth ryan sabine sabrina sally
    salvador samantha samuel sandra santiago sara sarah sasha scott sean sebastian sebastiao sebastien serge
    sergei sergio shannon sharon siegfried sigrid silke silvia silvio simon simone sofia solange soledad sonia
    sonja sophia sophie stefan stefania stefanie stella stephan stephanie stephen steve steven susan susana
    susanne sven svetlana sybille sylvain sylvie tamara tanya tatiana teodoro terence teresa terrence theodore
    thiago thibault thierry thomas thorsten tiago tim timmie timothee timothy tobias todd tom tomas tony
    torsten tracy travis trinidad tyler udo ulla ulrich ulrike ursula ute uwe valentin valentina valeria
    valerie vanessa vera veronica vicente victor victoria viktor vincent vinicius virginie vitor vitoria
    vladimir volker walter waltraud wendy werner wilhelm william wojciech wolfgang xavier ximena yann yannick
    yasmin yolanda yuki yuri yusuf yves yvette yvonne zachary zaida zoe zofia
    """.split()
)
AMBIGUOUS_FIRST_NAMES = frozenset(
    """
    may june april august will mark grace joy hope faith bill rose amber chase max dawn summer autumn crystal
    ruby pearl lily iris holly ivy sky river art frank carol sunny star penny victoria georgia virginia
    florence paris austin jordan chelsea sydney dallas brook page drew rich guy sue pat ray dean jay lane
    madison milan
    """.split()
)
#: Common surnames of the five languages' countries: a name on their own after a title or a cue,
#: and evidence that a capitalized ordinary word next to a first name belongs to the name.
SURNAMES = frozenset(
    """
    adam adams aguiar aguilar albrecht allen almeida alonso alvarez alves anderson andrade andre antunes
    araujo arias arnaud arnold aubert aubry azevedo bailey baker barbier barbosa barnes baron barre barros
    batista bauer baumann beck becker bell benitez bennett benoit berger bergmann bernard bertrand blanc
    blanchard blanco bohm bonnet borges bourgeois boyer brandao brandt braun bravo breton brooks brown brun
    brunet busch butler caballero cabrera calvo campbell campos cano cardoso carmona caron carpentier carrasco
    carre carter carvalho castillo castro cavalcanti charles charpentier chevalier clark clement coelho cole
    coleman colin collet collins cook cooper correia cortes costa cousin cox crespo cruz cunha da david davis
    delgado denis deschamps dias diaz dietrich diez dominguez duarte dubois dufour dumas dumont dupont dupuis
    dupuy duran durand duval edwards ellis engel esteban evans fabre faria farias faure fernandes fernandez
    ferreira ferrer figueiredo fischer fisher fleury flores fonseca fontaine ford foster fournier francois
    frank franke freitas friedrich fuchs fuentes gaillard gall gallardo gallego garcia garnier garrido
    gauthier gautier gerard gibson gil gimenez girard giraud gomes gomez goncalves gonzalez graf graham gray
    green gross guerin guerrero guillaume guillot guimaraes gunther gutierrez guyot haas hahn hall hamilton
    harris harrison hartmann hayes heinrich henderson henriques henry hernandez herrera herrero herrmann
    hidalgo hill hoffmann hofmann horn howard huber hubert huet hughes hunt ibanez iglesias jackson jacquet
    jager james jean jenkins jesus johnson joly jones jordan julien jung kaiser keller kelly kennedy king
    klein knight koch kohler konig kramer kraus krause kruger kuhl kuhn lacroix laine lambert lang lange
    laurent le leclerc leclercq lecomte lee lefebvre legrand lehmann leite lemaire lemoine leon leroux leroy
    lewis lima long lopes lopez lorenz lorenzo louis lourenco lozano lucas ludwig machado magalhaes maier
    maillard marchal marchand marie marin marques marquez marshall martin martinez martins marty masson
    mathieu matos mayer mcdonald medeiros medina meier melo menard mendes mendez mercier meunier meyer michel
    miller miranda mitchell molina moller monteiro montero moore mora morais morales moreau moreira morel
    moreno morgan morin morris moulin moura moya mueller muller munoz murphy murray myers nascimento navarro
    nelson neumann neves nguyen nicolas nieto noel nunes nunez oliveira olivier ortega ortiz otto owens
    pacheco paris parker parra pascual pastor patterson paul pena pereira perez perrin perrot perry peters
    peterson pfeiffer philippe phillips picard pierre pinto pires pohl poirier pons powell prevost price
    prieto queiroz ramirez ramos raposo reed reis remy renard renaud renault rey reyes reynolds ribeiro
    richardson richter rivera riviere roberts robin robinson rocha roche rodrigues rodriguez roger rogers
    rojas rolland roman romero ross roth rousseau roussel roux roy royer rubio ruiz russell saez sampaio
    sanchez sanders santana santiago santos sanz sauer schafer schmid schmidt schmitt schmitz schneider scholz
    schreiber schroder schubert schulte schulz schulze schumacher schuster schwarz scott seidel serrano silva
    simoes simon siqueira smith soares soler sommer soto sousa stein stevens stewart stone suarez sullivan
    tavares taylor teixeira thomas thompson torres turner vargas vasseur vazquez vega velasco vicente vidal
    vieira vincent vogel vogt voigt wagner walker wallace walter ward watson weber weiss wells werner west
    white williams wilson winkler winter wolf wolff wood wright xavier young ziegler zimmermann
    """.split()
)
#: Capitalized words that are ordinary in support chats and never names on their own.
NOT_NAME_WORDS = frozenset(
    """
    moin servus gruezi ciao salut coucou oi ola hola buenas bonjour bonsoir hallo hi hello hey
    xxs xs xl xxl xxxl

    a abend account address adidas again agent airpods aliexpress already also am amazon america amex an and
    apple april aramex are arrived asos atenciosamente atentamente august australia be been best bestbuy
    bestellung boa bom bonjour bonsoir bot boutique bpost buenas buenos but can canada canceled cancelled cara
    card caro cheers cher chere christmas chronopost cliente code colis colissimo commande cordialement
    correios correos costco could covid ctt customer cvs damen danke dear december delivered delivery
    devolucao devolucion dhl dia dias did do does dongguan dpd dr easter ebay email encomenda english entrega
    envio erstattung estimada estimado etsy eu europe evri exchange facebook february fedex frau french
    freundlichen friday geehrte geehrter german gls gmail google gracias gruss grusse grussen guangzhou guten
    had hallo hangzhou has have hello help here hermes herr herren hey hi hola hotmail how i icloud id if ikea
    indianapolis inpost instagram ipad iphone is it italian january july june just kind kohls kunde la label
    lasership liebe lieber lieferung livraison locker loja louisville lululemon macbook macys madam madame
    mademoiselle mail march mastercard may me memphis merci messenger monday monsieur morgen mr mrs mrw ms my
    nacex name need nike no noches noite nordstrom not november nr number obrigada obrigado october ok okay
    ola ontrac or order ordered orders our outlook package pacote paket paquete parcel parcelforce paypal
    pedido pedidos pending phone pickup playstation please post postal postcode poste posti postnl postnord
    prezada prezado purolator querida querido rastreio really received reembolso ref refund refunded regards
    remboursement retour return returned rma royal rucksendung saludos salut samsung saturday seguimiento sehr
    sendung senhor senhora senor senora sephora september seur shall shein shenzhen shipment shipped shipping
    shop shopify should sincerely sir so sorry spanish status still store suivi sunday support sure tag tarde
    tardes target team temu thank thanks that the there this thursday tienda tiktok today tomorrow track
    tracked tracking tuesday uk ulta uniqlo ups us usa user usps versand very visa walgreens walmart want warm
    warmest was wayfair we wednesday were what whatsapp when where which who why will would ws xbox yahoo yes
    yesterday yiwu yodel you your zara zip zipcode
    """.split()
)
