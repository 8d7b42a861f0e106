"""Prompt-injection screening: flags instruction overrides, role-play, fake system/tool messages,
requests for the system prompt or raw tool output, impersonation, enumeration and SQL-looking input,
in English, Spanish, French, German, Portuguese and Italian.

Screening only flags and records; it never grants anything. Authorization does not depend on it,
so a pattern it misses costs a log line, not an order. Text is folded first (NFKC, no zero-width
characters, Cyrillic/Greek look-alikes mapped to Latin, accents dropped) so that unicode tricks do
not hide a known phrase; words that mix scripts are flagged on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Cyrillic and Greek letters that look like Latin ones (the usual homoglyph tricks).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s",
        "ԁ": "d", "ո": "n", "м": "m", "т": "t", "к": "k", "в": "b", "н": "h", "ӏ": "l",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
        "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u",
        "Α": "A", "Β": "B", "Ε": "E", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T",
        "Χ": "X", "Υ": "Y", "Ζ": "Z",
    }
)  # fmt: skip
_ZERO_WIDTH = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
_WORD = re.compile(r"\w+")

# Vocabulary shared by several patterns, per language (accents already folded away).
_INSTRUCTIONS = (
    r"(instructions?|rules?|prompts?|guidelines|guardrails|directives?|"  # en / fr
    r"instrucciones|reglas|indicaciones|normas|directrices|"  # es
    r"consignes|regles|"  # fr
    r"anweisungen|regeln|vorgaben|richtlinien|befehle|"  # de
    r"instrucoes|regras|diretrizes|"  # pt
    r"istruzioni|regole|direttive)"  # it
)
_PREVIOUS = (
    r"(previous|prior|above|earlier|original|system|"
    r"anteriores|previas|precedentes|del sistema|"
    r"precedentes?|anterieures|ci-dessus|du systeme|"
    r"vorherigen|bisherigen|obigen|alten|"
    r"anteriores|acima|do sistema|"
    r"precedenti|sopra|di sistema)"
)
_IGNORE = (
    r"(ignore|ignoring|disregard|forget|override|bypass|"
    r"ignora|ignorar|ignores|olvida|olvide|olvidar|omite|omitir|salta(te)?|desobedece|"
    r"ignorez|oublie|oubliez|oublier|contourne[zr]?|"
    r"ignoriere|ignorieren|ignorier|vergiss|vergessen|missachte|umgehe|"
    r"esqueca|esquece|esquecer|desconsidere|desconsidera|"
    r"ignorare|dimentica|dimenticare|dimenticate|trascura|salta)"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I | re.M))
    for name, rx in (
        # -- instruction overrides
        ("override", rf"\b{_IGNORE}\b.{{0,50}}\b{_INSTRUCTIONS}"),
        ("override", rf"\b{_INSTRUCTIONS}\s+{_PREVIOUS}\b"),
        # The redactor may have replaced the noun ("vorherigen <PERSON_1>"): the verb and "previous" remain.
        ("override", rf"\b{_IGNORE}\b.{{0,30}}\b{_PREVIOUS}\s+<[A-Z_]+_\d+>"),
        ("override", rf"\b{_PREVIOUS}\s+{_INSTRUCTIONS}\b"),
        (
            "override",
            r"\b(new|updated|nuevas|nouvelles|neue|novas|nuove) (instructions|instrucciones|instructions|"
            r"anweisungen|instrucoes|istruzioni)\s*:|\bno (rules|restrictions|limits)\b|"
            r"\b(sin|sans|ohne|sem|senza) (restricciones|reglas|restrictions|regles|einschrankungen|regeln|"
            r"restricoes|regras|restrizioni|regole)\b",
        ),
        # -- role-play
        (
            "roleplay",
            r"\b(you are now|you're now|pretend (to be|you are|you're)|act as|acting as|roleplay|role-play|"
            r"from now on,? you\b|developer mode|god mode|dan mode|do anything now|(?-i:\bDAN\b)|jailbreak|"
            r"imagine (that )?you are|simulate (a|an|being)|play the role|your new role)"
            r"|\b(ahora eres|ahora seras|finge (ser|que)|actua como|haz de|modo desarrollador|juega el papel|"
            r"a partir de ahora eres)"
            r"|\b(tu es maintenant|vous etes maintenant|fais semblant|faites semblant|agis comme|agissez comme|"
            r"joue le role|jouez le role|mode developpeur|a partir de maintenant tu)"
            r"|\b(du bist (jetzt|nun|ab sofort)|tu so,? als|tue so,? als|spiele die rolle|verhalte dich wie|"
            r"entwicklermodus|ab jetzt bist du)"
            r"|\b(agora voce e|voce agora e|finja (ser|que)|aja como|faca de conta|modo desenvolvedor|"
            r"a partir de agora voce)"
            r"|\b(ora sei|adesso sei|d'ora in poi sei|fingi di essere|fai finta|comportati come|"
            r"modalita sviluppatore|interpreta il ruolo)",
        ),
        # -- fake system / tool messages
        (
            "fake_system",
            r"^\s*[\[\(<#*]*\s*(system|assistant|tool|developer|function|admin|sistema|systeme|"
            r"werkzeug|ferramenta|strumento)\s*(message|prompt|note|nachricht|mensaje|messaggio|mensagem)?"
            r"\s*[\]\)>*]*\s*:"
            r"|(?-i:\b(SYSTEM|ASSISTANT|TOOL|DEVELOPER)\s*:)|[.!?]\s+(system|developer)\s*:"
            r"|<\s*/?\s*(system|tool|tool_result|function|im_start|im_end|assistant|instructions?)\s*>"
            r"|\[(system|inst|/inst|tool|admin)\]|<<\s*sys\s*>>|<\|[a-z_]+\|>"
            r"|\"role\"\s*:\s*\"(system|tool|assistant|developer)\"|\btool_(call|result|output)\b"
            r"|\b(begin|end) (system|tool) (message|output)\b|###\s*(system|instruction)",
        ),
        # -- system prompt / raw tool output
        (
            "prompt_leak",
            r"\b(system prompt|system message|your (instructions|prompt|rules|configuration|guidelines)|"
            r"initial prompt|hidden prompt|original prompt|(reveal|repeat|print|show|tell|give)( me)? (your|the system|"
            r"the hidden|the original|the secret) (prompt|instructions|rules)|(repeat|reveal|print) (the )?prompt|"
            r"what (were you|are you) (told|instructed)|"
            r"(repeat|print|show|output|copy|echo) (back )?(all |everything |the )?(text|words|messages?|lines)? ?"
            r"(above|before this|so far|preceding)|starting with .{0,3}you are|"
            r"raw (tool )?(output|json|data|response)|tool output|function output|print (the )?(json|database|tool)|"
            r"dump (the )?(database|table|db|orders|data))"
            r"|\b(prompt del sistema|mensaje del sistema|tus instrucciones|sus instrucciones|"
            r"(muestrame|muestra|revela|repite|dime) (el |tu |tus |las )?(prompt|instrucciones|reglas)|"
            r"salida (cruda|bruta|sin procesar)|datos (crudos|brutos))"
            r"|\b(prompt systeme|invite systeme|message systeme|tes instructions|vos instructions|"
            r"(montre|montrez|revele|revelez|repete|repetez|affiche|affichez)(-moi)? (le |ton |votre |tes |vos |les )?"
            r"(prompt|instructions|consignes|regles)|sortie brute|donnees brutes)"
            r"|\b(system-?prompt|systemnachricht|deine anweisungen|ihre anweisungen|"
            r"(zeig|zeige|verrate|wiederhole|gib) (mir )?(den |deinen |deine |die )?(prompt|anweisungen|regeln)|"
            r"rohdaten|rohe ausgabe|tool-ausgabe)"
            r"|\b(prompt do sistema|mensagem do sistema|suas instrucoes|tuas instrucoes|"
            r"(mostre|mostra|revele|repita|diga)(-me)? (o |seu |suas |as )?(prompt|instrucoes|regras)|"
            r"saida bruta|dados brutos)"
            r"|\b(prompt di sistema|messaggio di sistema|tue istruzioni|sue istruzioni|"
            r"(mostrami|mostra|rivela|ripeti|dimmi) (il |il tuo |le tue |le )?(prompt|istruzioni|regole)|"
            r"output grezzo|dati grezzi)",
        ),
        # -- impersonation of staff
        (
            "impersonation",
            r"\b(i am|i'm|im|this is|speaking as) (the |an? |your )?(store |shop |site |system |head |chief )?"
            r"(admin|administrator|developer|(store|shop|site|business) owner|manager|support agent|supervisor|ceo|"
            r"staff|employee|moderator|security team|it department|police|law enforcement)\b"
            r"|\bi work (for|at) (the store|the shop|northwind|your company|support)"
            r"|\b(soy|somos) (el |la |un |una )?(administrador|administradora|admin|gerente|dueno|duena|"
            r"desarrollador|desarrolladora|empleado|empleada|policia|supervisor)"
            r"|\b(je suis|nous sommes) (l'|le |la |un |une )?(administrateur|administratrice|admin|gerant|"
            r"gerante|developpeur|proprietaire|employe|policier|responsable)"
            r"|\bich bin (der |die |ein |eine )?(admin|administrator|administratorin|entwickler|inhaber|"
            r"geschaftsfuhrer|mitarbeiter|polizist|filialleiter|chef)"
            r"|\b(sou|somos) (o |a |um |uma )?(administrador|administradora|admin|gerente|dono|dona|"
            r"desenvolvedor|funcionario|policial|supervisor)"
            r"|\b(sono|siamo) (l'|il |la |un |una )?(amministratore|amministratrice|admin|gestore|sviluppatore|"
            r"proprietario|titolare|dipendente|poliziotto|responsabile)",
        ),
        # -- enumeration of other customers' data
        (
            "enumeration",
            r"\b(list|show|give|send|export|dump|display|print|find)( me)? (all|every|each|other|the other|"
            r"all the|all of the) (customer |user )?(orders?|customers?|e-?mails?|addresses|users?|shipments|"
            r"tracking numbers|accounts)"
            r"|\b(all|every|other (people|customers)'?s?) (orders|emails|addresses|customers) (in|from|for|with|at|"
            r"near|to)\b|\bother customers?'?s? (orders?|emails?|data|details|addresses)"
            r"|\b(next|previous|following) (\d+ )?order numbers\b|\border numbers? (from|between) "
            r"|\b(todos los|todas las) (pedidos|ordenes|clientes|correos|direcciones)|\botros clientes"
            r"|\b(toutes les|tous les) (commandes|clients|e-?mails|adresses)|\bautres clients"
            r"|\balle (bestellungen|kunden|e-?mails|adressen)|\banderer kunden"
            r"|\b(todos os|todas as) (pedidos|clientes|e-?mails|enderecos|encomendas)|\boutros clientes"
            r"|\b(tutti gli|tutte le|tutti i) (ordini|clienti|e-?mail|indirizzi)|\baltri clienti",
        ),
        # -- SQL-looking input
        (
            "sql",
            r"\bunion\s+(all\s+)?select\b|\bdrop\s+table\b|;\s*--|'\s*or\s*'?\d+'?\s*=\s*'?\d+|"
            r"\bor\s+1\s*=\s*1\b|\bselect\s+(\*|\w+(\s*,\s*\w+)*)\s+from\s+(orders|customers|users|shipments|\w+_\w+|"
            r"\w+\s*(where|;))|\binformation_schema\b|\bsleep\s*\(\s*\d|"
            r"\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b|'\s*;\s*(drop|select|delete|update)|"
            r"\bxp_cmdshell\b|/\*.*?\*/",
        ),
    )
)

_ORDER_NUMBER = re.compile(r"\bWS-?\d{5}\b", re.I)
#: Three or more different order numbers in one message is somebody walking the number space.
ENUMERATION_MIN_ORDERS = 3


@dataclass(frozen=True)
class InjectionVerdict:
    suspicious: bool
    kinds: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "flagged: " + ", ".join(self.kinds) if self.kinds else "no injection pattern"


def fold(text: str) -> str:
    """The text as the patterns see it: NFKC, no invisible characters, look-alikes and accents folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text).translate(_CONFUSABLES)
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return text.replace("\u2019", "'").replace("\u00b4", "'").replace("ß", "ss")


def _mixed_script(text: str) -> bool:
    """A word spelled with Latin and Cyrillic/Greek letters together: a homoglyph trick."""
    for word in _WORD.findall(text):
        scripts = set()
        for ch in word:
            if ch.isalpha():
                name = unicodedata.name(ch, "")
                scripts.add(name.split(" ", 1)[0])
        if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"}:
            return True
    return False


def screen_injection(text: str) -> InjectionVerdict:
    """Flag the kinds of injection the text looks like; never a decision, only a record."""
    folded = fold(text)
    kinds = {name for name, rx in _PATTERNS if rx.search(folded)}
    if len({n.upper().replace("-", "") for n in _ORDER_NUMBER.findall(folded)}) >= ENUMERATION_MIN_ORDERS:
        kinds.add("enumeration")
    if _ZERO_WIDTH.search(text) or _mixed_script(text):
        kinds.add("obfuscation")
    return InjectionVerdict(bool(kinds), tuple(sorted(kinds)))
