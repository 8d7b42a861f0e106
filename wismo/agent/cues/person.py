"""Asking for a person, talking about one, or wanting someone on the team to act."""

from __future__ import annotations

from .text import _rx

#: Asking for someone to act: "so can someone send it or what", "can someone actually do something".
SOMEONE_ACT = _rx(
    r"\b(?:can|could|will|would) (?:someone|somebody|anyone|a person|a human|you guys|you people|your team)"
    r" (?:actually |please |just |finally )?(?:do|send|fix|help|sort|look|handle|replace|refund)\b",
    r"\b(?:alguien|una persona) (?:me )?(?:lo )?(?:puede|podria) (?:mandar|enviar|solucionar|ayudar|hacer algo)\b",
    r"\b(?:quelqu'un|une personne) (?:peut|pourrait) (?:l'envoyer|envoyer|faire quelque chose|m'aider|regler)\b",
    r"\b(?:kann|konnte) (?:jemand|mal jemand) (?:das )?(?:schicken|senden|was machen|etwas tun|helfen|klaren)\b",
    r"\b(?:alguem|uma pessoa) (?:pode|poderia) (?:mandar|enviar|resolver|ajudar|fazer algo)\b",
    # "can you sort it out please?", "Können Sie das bitte klären?": the offer taken, asked of us.
    r"\b(?:can|could|will|would) (?:you|u|ya) (?:please |pls |just )?(?:sort (?:it|this|that)|fix (?:it|this|that)"
    r"|handle (?:it|this|that)|look into (?:it|this)|deal with (?:it|this)|take care of (?:it|this))\b",
    r"\b(?:me lo (?:pueden|puedes|podrian) (?:solucionar|arreglar|resolver)|(?:pueden|puedes|podrian) "
    r"(?:solucionarlo|arreglarlo|resolverlo|encargarse))\b",
    r"\b(?:(?:vous pouvez|pouvez-vous|tu peux|peux-tu) (?:(?:le|la|l')\s?)?(?:regler|arranger|vous en occuper"
    r"|t'en occuper|gerer))\b",
    r"\b(?:(?:konnen|konnten) sie|kannst du|konntest du) (?:das |es |sich )?(?:bitte |mal )?(?:klaren|regeln|erledigen"
    r"|darum kummern|kummern)\b",
    r"\b(?:(?:voce|voces|vc|vcs) (?:pode|podem|poderia|poderiam) (?:resolver|arrumar|ver isso)|podem resolver)\b",
)

#: Somebody, a person: what a request for a person must mention.
PERSON = _rx(
    r"\b(?:person|people|human|agent|someone|somebody|representative|rep|staff|team|manager|operator|real|live)\b",
    r"\b(?:persona|humano|agente|alguien|representante|encargad[oa]|operador)\b",
    r"\b(?:personne|humain|agent|quelqu'un|conseill\w*|responsable|operateur|vrai monde|du monde)\b",
    r"\b(?:mensch|mitarbeiter\w*|jemand\w*|berater\w*|person|kundenservice|agent\w*)\b",
    r"\b(?:pessoa|humano|atendente|alguem|agente|operador)\b",
)

#: A plain request for a person, whatever the classifier reads around it ("ok thanks, but I'd rather
#: talk to a person", "just get me someone who can look it up", "is there anyone who can do something").
ASK_PERSON = _rx(
    r"\b(?:talk|speak|chat|speaking|talking) (?:to|with) (?:a |an |some |your |the |a real |an actual )?"
    r"(?:person|human|agent|someone|somebody|representative|rep|manager|supervisor|staff|real person|live agent)\b",
    r"\b(?:get|give|put|connect|transfer) me (?:to |through to |with )?(?:a |an |some )?(?:real |actual |live )?"
    r"(?:someone|somebody|person|human|agent|representative|manager|supervisor|executive)\b",
    # "whoever has a pulse, put them on", "is there a living breathing human being anywhere"
    r"\b(?:put|get) (?:them|him|her|someone|somebody|a person|a human) on\b"
    r"|\b(?:a |any )?(?:living(?:,? breathing)?|real live|actual living) (?:human|person|soul)(?: being)?\b",
    r"\b(?:is there|isn'?t there|anyone|anybody) (?:(?:there|around|real|human) )?(?:who|that) (?:can|could)\b",
    # "Can someone actually look into this?": a person to look at the case, not a written answer.
    r"\b(?:can|could|will) (?:someone|somebody|a person|a human|one of you) (?:actually |please |just )?"
    r"(?:look into|look at|check on|investigate|sort out)\b",
    # "is there a grown-up around I could talk to?", "pass me to one of the elves with an actual heartbeat"
    r"\bis there (?:a|an|any) (?:grown-?up|adult|human|real person|person|manager)\b.{0,25}\b(?:talk|speak|chat)\b"
    r"|\b(?:pass|put|transfer|hand|send|connect) me (?:over |through )?to (?:one of|someone|somebody|a real|a live"
    r"|a human|an actual|a person)\b|\b(?:with an? (?:actual |real )?(?:heartbeat|pulse)|flesh and blood)\b",
    r"\bcan (?:someone|somebody|a person|anyone|a human) (?:just |please )?(?:look|check|find|help|sort)\b"
    r"|\b(?:i want|i need|i'?d like|please have|get) (?:someone|somebody|a person|a human|a real person) (?:to )?"
    r"(?:check|look|look into|look at|call|contact|review|investigate|sort)\b",
    r"\b(?:quiero|necesito) que alguien (?:lo |la |me )?(?:revise|mire|compruebe|llame|verifique)\b"
    r"|\bje (?:veux|voudrais) que quelqu'un (?:verifie|regarde|m'appelle|controle)\b"
    r"|\bjemand (?:soll|muss|sollte) (?:das |sich das )?(?:prufen|anschauen|nachsehen|mich anrufen)\b"
    r"|\b(?:kann|konnt|konnte) (?:bitte )?(?:wer|jemand|einer) (?:von euch |bitte )?(?:\w+ ){0,4}?"
    r"(?:aufmachen|anlegen|eroffnen|prufen|anschauen|nachsehen)\b"
    r"|\bquero que alguem (?:verifique|olhe|veja|me ligue|confira)\b",
    r"\b(?:hablar|habla|comunicarme|chatear) con (?:una |un |alguna )?(?:persona|alguien|humano|agente|asesor|"
    r"operador|encargado|representante)\b|\bpasa(?:me|rme) con\b|\bprefiero (?:una persona|un humano)\b",
    r"\b(?:parler|discuter) (?:a|avec) (?:une |un |un vrai |une vraie )?(?:personne|quelqu'un|humain|conseill\w*|"
    r"agent|responsable|operateur)\b|\bpassez-moi (?:un|une|quelqu'un)\b|"
    r"\b(?:me passer|passe-moi|passez-moi) (?:qqn|quelqu'un|un (?:vrai )?conseiller|une (?:vraie )?conseillere"
    r"|un (?:vrai )?humain|une (?:vraie )?personne)\b",
    r"\bmit (?:einem |einer |einem echten |einer echten )?(?:menschen|person|jemandem|mitarbeiter\w*|berater\w*|"
    r"kundenservice) (?:sprechen|reden|verbinden|schreiben)\b|\bverbinden sie mich\b|\becht\w* menschen\b",
    r"\b(?:falar|conversar) com (?:uma |um |algum )?(?:pessoa|alguem|atendente|humano|agente|operador)\b|"
    r"\b(?:me passa|me transfere) (?:pra|para) (?:uma|um|alguem)\b",
    # "is there someone of flesh and blood who could look at it?": a real person named is one asked for.
    r"\b(?:real|actual|live) (?:person|human|people|humans)\b|\bsomeone real\b"
    r"|\bde carne y hueso\b|\b(?:persona|humano|alguien) (?:de verdad|real)\b"
    r"|\b(?:vrai|vraie|vrais) (?:humain|personne|conseiller|quelqu'un)|\ben chair et en os\b"
    r"|\bjemand\w* (?:echtes|reales|aus fleisch und blut)\b|\becht\w* (?:mensch|person)\w*\b|\bfleisch und blut\b"
    r"|\bde carne e osso\b|\b(?:pessoa|humano|alguem) (?:de verdade|real)\b",
    # The short answer to "shall I bring in a person?": "sí por favor, con una persona", "oui, une personne".
    r"^\W*(?:(?:yes|yeah|si|oui|ja|sim|ok)\W+)?(?:(?:please|por favor|porfa|svp|s'il vous plait|bitte)\W+)?"
    r"(?:(?:with|con|avec|mit|com|to|a)\s+)?(?:a |an |una |un |une |einem |einen |einer |uma |um )?(?:real |actual "
    r"|vraie |echten )?(?:person|human|persona|humano|personne|humain|menschen|mensch|pessoa)\W*$",
)

#: "r u a real person or a bot lol": what the bot is, asked; not a request for a person.
WHAT_ARE_YOU = _rx(
    r"\b(?:are|r) (?:you|u) (?:a |an )?(?:real|actual|human|person|bot|robot|ai)\b"
    r"|\bis this (?:a |an )?(?:bot|real|human|person|robot|ai)\b"
    r"|\bam i (?:talking|chatting|speaking) (?:to|with) (?:a |an )?(?:bot|real|human|person|robot)\b",
    r"\b(?:eres|es usted) (?:un |una )?(?:bot|robot|persona|humano|humana)\b",
    r"\b(?:es-tu|etes-vous|t'es|tu es|vous etes) (?:un |une )?(?:bot|robot|vrai|vraie|humain|humaine|personne)\b",
    r"\b(?:bist du|sind sie) (?:ein |eine )?(?:bot|roboter|mensch|echter|echte)\b",
    r"\b(?:voce|vc|tu) (?:e|es) (?:um |uma )?(?:bot|robo|pessoa|humano|humana)\b",
    # Either-or, in any words: "tum bot ho ya real person?", "bot oder mensch?", "bot ou humano?".
    r"\b(?:bot|robot|robo|ai|ia|ki)\b[^.!?]{0,12}\b(?:or|ya|o|ou|oder|of)\b[^.!?]{0,8}\b(?:a |an |un |une |ein |um )?"
    r"(?:real|actual|human|humano|humana|humain|humaine|person|persona|pessoa|personne|mensch)\b[^.!]{0,15}\?",
)

#: "the person who gave it to me", "la persona que me lo regaló": somebody talked about, not asked for.
PERSON_TALKED_ABOUT = _rx(
    r"\b(?:the|la|a|o|le|die|der) (?:person|persona|pessoa|personne) (?:who|that|que|qui|die|der)\b",
    # "kriegt das die Person mit?", "will the person find out?": the giver, not a person asked for.
    r"\b(?:kriegt|bekommt|merkt|erfahrt) (?:das|es) (?:die|der) person\b|\b(?:die|der) person (?:mit|das mit)\b"
    r"|\b(?:the|la|a|le) (?:person|persona|pessoa|personne) (?:find out|know|will know|se entera|fica sabendo"
    r"|va le savoir)\b",
)

#: Asking the bot to do something for them ("can u help me write...", "tu peux m'aider pour..."): with
#: nothing of the shop in it, a request to decline, not a message we failed to read.
ASKS_FOR_HELP = _rx(
    r"\b(?:can|could|would|will) (?:you|u) (?:please |pls |just )?(?:help|write|do|make|tell|give|explain|find|"
    r"recommend|solve|calculate|translate)\b|\bhelp me (?:write|with|do|figure|find|pick|choose)\b",
    r"\b(?:puedes|podrias|puede|podria) (?:ayudar\w*|escribir\w*|hacer\w*|decir\w*|recomendar\w*)\b|\bayudame\b",
    r"\b(?:tu peux|peux-tu|pouvez-vous|vous pouvez|tu pourrais|pourriez-vous) (?:m'aider|m'ecrire|ecrire|faire|"
    r"me dire|me conseiller|traduire)\b|\baide-moi\b",
    r"\b(?:kannst du|konnen sie|konntest du|konnten sie) (?:mir )?(?:helfen|schreiben|sagen|erklaren|empfehlen)\b|"
    r"\b(?:hilf mir|helfen sie mir)\b",
    r"\b(?:pode|podes|voce pode|vc pode|consegue) (?:me )?(?:ajudar|escrever|fazer|dizer|recomendar)\b|\bme ajuda\b",
)
