"""Word lists behind the name heuristics, written by us: common first names and surnames of the
countries wismo serves (en, es, fr, de, pt), shop words that are never names, and the cue phrases
after which a word is a name. Lookups fold case and accents ("Inés" -> "ines", "Müller" -> "muller").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .catalog_words import CATALOG_WORDS
from .place_words import PLACES


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: the key of every list here."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


#: Common first names across many countries. Ambiguous ones that are also ordinary words (May,
#: Will, Mark, Grace...) are in `AMBIGUOUS_FIRST_NAMES` and need a surname or a cue.
FIRST_NAMES = frozenset(
    fold(w)
    for w in """
    aaron abby abdul abigail adam adela adele adolfo adrian adriana adrien afonso agatha agathe agnes agustin
    ahmed aime aisha aitana alain alan alba albane albert alberto alejandra alejandro alessandra alessandro
    alex alexander alexandra alexandre alexis alfonso alfred ali alice alicia alina aline alison alma almudena
    alphonse alvaro amalia amanda amandine amaury ambre amelia amelie amir amparo amy ana ana-clara anabel
    anais anastasia anatole anderson andre andrea andreas andree andrei andres andrew andy angel angela
    angeles angelica angelique angelo anita anja anke ann anna annabelle anne anne-marie annette annie anselmo
    anthony antje antoine antoinette anton antonela antonia antonin antonio anya apolline araceli ari ariadna
    ariana ariane arjun armand arnaud arnav arne arthur arturo ashley astrid asuncion audrey augustin augusto
    aurelie aurelien aurelio avelino axel baptiste barbara bartolome basilio bastian bastien beatrice beatrix
    beatriz becky begona ben benedict benedicte benedikt benedita benicio benito benjamin benoit bernadette
    bernard bernardino bernardo bernd bernhard beth betty bianca birgit bjorn blanca blanche bob bobby bogdan
    boris borja brad bradley brandon brenda breno brian brice bridget brigitte brittany bruce bruna bruno
    bryan bryce burkhard caetano caio caitlin camila camille camilo candela candido capucine carl carla carlos
    carmen carolina caroline casey casimiro catalina catarina catherine cauã cayetana cecile cecilia cecilio
    celestin celia celine cesar chantal charles charlie charlotte chen chloe chris christa christelle
    christian christina christine christoph christophe christopher cindy ciro claire clara clarice claude
    claudia claudio clemence clemens clement clemente clementine colette colin concepcion conchita connor
    constantin consuelo corentin cornelia craig cristiano cristina cristobal cynthia cyril dagmar damian
    damien daniel daniela danielle daria dario dariusz davi david debora deborah debra delfina delphine
    demetrio denis denise dennis derek detlef diana diane didier diego dieter dimitri diogo dirk dmitri dmitry
    dolores domingo domingos dominic dominik dominique donald donna doris dorotea dorothee dorothy douglas
    duncan dylan edeltraud edgar edite edith edouard edson eduarda eduardo edward efrain egon eladio elaine
    eleanor elena eleonore elfriede eli eliana eliane elias elif elijah elisa elise elizabeth elke ella ellen
    eloa elodie eloise eloy elsa elvira emanuel emanuelly emil emile emilia emiliano emilio emily emma
    emmanuel encarnacion enrique enzo eric erica erich erick erik erika erin ernesto ernst erwin esmeralda
    esperanza esteban estelle ester estevao esther ethan etienne eugen eugene eugenia eugenie eusebio eva evan
    evandro evaristo evelyn evelyne everton fabian fabiana fabien fabienne fabio fabiola fabrice falk fatima
    federico felipe felisa felix ferdinand fermin fernand fernanda fernando fidel filip filipe filomena fiona
    flavia flavie florencio florian fortunato francesca francesco francine francis francisca francisco
    francoise franz freddie frederic frederick frederik fredrik freja frieda friedhelm friedrich gabino
    gabriel gabriela gabriele gabrielle gael gaelle gareth gary gaspar gaspard gaston gavin genevieve genoveva
    georg george georges gerald geraldine gerard gerardo gerd gerhard gertrud gilbert gilberte gilberto gilles
    giovana giovanni gisela gisele giulia giuseppe gloria goncalo gonzalo gordon gottfried graciela graça
    gregoire gregor gregorio gregory greta guadalupe gudrun guido guilherme guillaume guillermo gunter gunther
    gustav gustave gustavo hagen hannah hannelore hannes hans hans-peter harald harold harriet harry hartmut
    heather hector hedwig heide heidi heike heiko heiner heinrich heinz heitor helen helena helene helga
    helmut heloisa hendrik henning henri henriette henrik henrique henry herbert hermann herve hilario
    hildegard hiroshi holger horacio horst hortense hubert hugo hugues humberto ian ida ignacio igor iker ilse
    imelda ines inge ingeborg ingo ingrid inmaculada irene irmgard isaac isabel isabela isabella isabelle
    isabelly isadora isaura isidora isidro ivan jacinto jack jacob jacqueline jacques jaime jake james jamie
    jan jana jane janet janice jannik jaqueline jasmine jason javier jean jean- jean-claude jean-louis jean-
    luc jean-marc jean-paul jean-pierre jeanne jeannine jeffrey jenna jennifer jens jeremie jeremy jerome
    jessica jesus jill jimena joachim joan joana joanna joao joaquin joaquina jochen jodi joe joel joelle
    johan johann johanna johannes john jonas jonathan jordi jorg jorge jose josefa josefine josep joseph
    josephine josette joshua josiane josue juan juana judith jules julia julian juliana juliane juliano julie
    julien juliette julio julius jurgen justin justine jutta kai kaique kamilly karen karin karl karl-heinz
    karoline karsten kaspar kate katharina katherine kathleen kathrin kathryn katie katja katrin kayla keith
    kelly ken kenji kenneth kerstin kevin kilian kim kimberly klara klaus klaus-dieter knut konrad konstantin
    konstanze kristina kurt kyle laetitia lara larissa larry lars laura laure lauren laurence laurent lea leah
    leander leandro lena leo leocadia leon leonard leonardo leonie leonor leopold leticia liam lidia
    lieselotte lilian linda linus lionel lisa lise logan lorena lorenz lorenzo lothar louis louis-philippe
    louise lourdes luan luana luc lucas lucca lucia luciana luciano lucie lucien lucio lucy ludger ludivine
    ludovic ludwig luis luisa luise luiz luiza luka lukas luke luna lutz lydie macarena macario madeleine
    magda magdalena magnus mai maik maike maite malte manfred manon manuel manuela marc marcel marcela
    marcelino marcelo marcia marcial marco marcos marcus marek margaret margarete margarita margaux marguerite
    maria maria-eduarda mariana mariane marianne mariano marie marie- marie-france marie-laure marie-therese
    marina marine mario marion marisol marius markus marlene marlies marta martha marthe martin martina
    martine mary maryse mateo mateus matheus mathias mathilde mathis matias matteo matthew matthias matthieu
    maureen maurice mauricio maxime maximilian maximo maya megan mehmet meike melanie melissa mercedes merlin
    mia micaela michael michel michele michelle miguel mikael mikhail milagros milena miriam mirko modesto
    mohamed mohammed monica monika monique montserrat morgan morgane moritz muhammad murilo mylene nadia
    nadine nahia nancy naomi natalia natalie nathalie nathan nathaniel nele nerea nestor nicholas nicolas
    nicole niels nikita niklas nikolai nikolaj nils nina noah noel noelia noelle noemie nora norbert norberto
    nuno nuria oceane octavio odette odile olaf oleg olga oliver olivia olivier omar oscar oskar otavio otto
    pablo pamela pascal pascale pascual patrice patricia patricio patrick paul paula paulette paulina paulo
    pavel pedro perrine peter petra philip philipp philippe pia pierre pierre-louis pietra pietro pilar piotr
    porfirio priscila priscille prudencio purificacion quentin quique quirin rachel rafael rafaela rahul
    rainer rainiero raj ralf ralph ramiro ramon randy raphael raquel raul raymond rayssa rebeca rebecca
    rebekka regina regis reinaldo reiner reinhard remedios remi renan renata renate renato rene renee ricarda
    ricardo richard rigoberto rita robert roberta roberto robin rocio rodolfo rodrigo roger rogerio roland
    rolf romain roman ronald ronaldo rosa rosalia rosalie rosana rosario rosemarie rosendo ruben rudiger
    rudolf rui ruth ryan sabina sabine sabrina sally salome salvador samantha samuel sandra sandrine santiago
    sara sarah sascha sasha saskia saturnino scott sean sebastian sebastiao sebastien selina serafin serge
    sergei sergio severino shannon sharon siegfried sigrid silke silvestre silvia silvio simon simone sofia
    solange soledad sonia sonja sophia sophie stefan stefania stefanie steffen stella stephan stephane
    stephanie stephen steve steven susan susana susanne suzanne sven svenja svetlana swantje sybille sylvain
    sylvie tabea tadeo tamara tanya tatiana teodoro terence teresa terrence thais theo theodore theresa
    therese thiago thibault thierry thilo thomas thorsten tiago tim timmie timothee timothy tobias todd tom
    tomas tony torsten tracy travis trinidad tristan tyler udo ulf ulises ulla ulrich ulrike ursula ute uwe
    valentim valentin valentina valentine valeria valerie vanesa vanessa vera verena veronica vicente victor
    viktor viktoria vincent vinicius virginie vitor vitoria vivian vivien vladimir volker wagner walter
    waltraud wendy werner wiebke wilfredo wilfried wilhelm willi william wojciech wolfgang xavier ximena yago
    yaiza yann yannick yasmin yolanda yuki yuri yusuf yves yvette yvonne zacarias zachary zaida zoe zofia
        ava harper levi mason aria scarlett layla owen penelope riley asher zoey aiden aaliyah ananya leila
    mei wei priya ngozi kofi tomasz gianna jayden brayden kayden caden liam noah oliver elijah lucas logan
    ethan jackson carter wyatt jaxon grayson hunter landon hudson easton colton parker ryder cooper
    nolan lincoln miles everett kai rowan ezra silas theo beau brooks bennett sawyer waylon kinsley
    avery addison aubrey brooklyn skylar savannah paisley bella nova hazel everly willow emery quinn
    piper kennedy reese peyton taylor morgan mackenzie makayla kaylee hailey haley kylie destiny jasmine
    aliyah amara zara nadia yasmin fatima omar tariq rashid kwame chidi amaka oluwaseun tunde aditya
    rohan arjun vikram deepa kavya sanjay raj rahul neha pooja hiroshi yuki haruto sakura kenji jin
    minh linh thanh duc hao xin ling yan jun hyun seo min soo
    marcio jhonatan jonatan jonathan yeison brayan kevin lupita chayo lalo
    lakshmi priya ravi anjali sunita ramesh suresh mahesh ganesh rajesh kiran deepak vijay ajay amit ankit
    rohit sachin anil sunil manoj pradeep meena rekha savita geeta usha shanti divya shreya aarav
    vivaan ishaan aanya saanvi ananya diya kavita nisha swati shweta sneha
    aroha hemi wiremu tane manaia ngaio rangi
    steffi resi vroni sepp toni hansi kathi evi burgi
    graça cauã
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
#: First names that are also everyday words of the five languages ("c'est beau", "ella no estaba",
#: "la camiseta rosa", "solange es dauert", "a nova"): in lower case, without a cue, they are the words.
WORD_NAMES = frozenset(
    """
    beau aime blanche claire marine min ella mia alma bella blanca clara linda luna rosa esperanza gloria
    marina angel solange nele nova vitoria maximo ben graca
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
NOT_NAME_WORDS = (
    frozenset(
        """
    moin servus gruezi ciao salut coucou oi ola hola buenas bonjour bonsoir hallo hi hello hey
    hiya heya howdy hallochen hallihallo holis holi oie opa epa buenass
    yep yup yeah yea yah yass yas yay nope nah naw ok okay okey kk hmm hm hmmm ugh oops whoops lol lmao omg
    pls plz thx ty tysm jep jup jo joa jawohl nö noe nee ne ouais ouep ouaip bah beh bof mouais okidoki
    vale dale sale orale andale uhum aham blz vlw valeu beleza pfff wow ah oh eh uh um erm yo sup
    xxs xs xl xxl xxxl
    gmbh ag kg co ohg ug ev sa sl srl sarl sas sasu ltda lda eireli ltd llc inc plc corp bv nv cia

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
    zalando otto fnac cdiscount darty decathlon mediamarkt saturn lidl aldi carrefour primark mango bershka
    americanas magalu mercadolivre mercadolibre shopee netshoes elcorteingles vinted farfetch
    prezados prezadas exmos exmo exma senhores senhoras
    packli paketli packchen pakerl packerl grueessli gruessli merci vielmal
    puerto alaska hawaii hawai guam samoa mexico brasil brazil portugal espana spain alemania deutschland
    """.split()
    )
    | CATALOG_WORDS
)
#: Places no dictionary lists ("Pune", "Dunedin", "Sylt"): no name on their own, unless a name too ("Regina").
#: After a first name they may be a surname ("Nelly Sevilla"), so they are no `NOT_NAME_WORDS`.
PLACE_WORDS = PLACES - FIRST_NAMES - SURNAMES - AMBIGUOUS_FIRST_NAMES
