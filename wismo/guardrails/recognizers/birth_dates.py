"""Dates of birth: a date is redacted only when the words say it is a birth date.

Customers write dates all the time ("it was due Dec 3", "llegó el 12/03"), and those stay. After
"born", "DOB", "fecha de nacimiento", "né le", "geb.", "Geburtsdatum", "data de nascimento" and
the like, in any of the five languages, the date that follows is personal data.
"""

from __future__ import annotations

import re

from .base import WismoRecognizer
from .spelled_dates import DAY_NUMBER, ROMAN_MONTH, SPELLED_DAY

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|noviembre|diciembre|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|"
    r"januar|j[äa]nner|februar|m[äa]rz|april|juni|juli|august|oktober|dezember|"
    r"janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro)\.?"
)
#: A day in digits with its ordinal's suffix ("1st", "1ro", "1er", "1º"), or spelled ("vingt-deux", "ersten").
_DAY = rf"(?:{DAY_NUMBER}|(?:the[ \t]+)?(?<!\w)(?:{SPELLED_DAY}))"
DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}[/.-](?-i:{ROMAN_MONTH})[/.-]\d{{2,4}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}"
    rf"|{_DAY}[ \t]+(?:(?:of|de)[ \t]+)?{_MONTH},?[ \t]+(?:(?:de|del)[ \t]+)?(?:\d{{4}}|'?\d{{2}}(?![\d/.:,]\d)))"
)
_CUE = (
    r"born(?:[ \t]+on|[ \t]+in)?|d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|birthday|b\.(?=[ \t]*\d)|"
    r"age[ \t]+(?:check|verification)|"
    r"(?:verify|verificar|v[ée]rifier|confirmar)[ \t]+(?:my|la|l['’]|a)[ \t]*(?:age|edad|[âa]ge|idade)|"
    r"verifica[çc][ãa]o[ \t]+de[ \t]+idade|altersnachweis|altersverifikation|altersprüfung|"
    r"cumple|anniv|fecha[ \t]+nac\.?|d\.?n\.?(?=[ \t]*:?[ \t]*\d)|"
    r"data[ \t]+de[ \t]+nasc\.?|geb(?=[ \t]+\d)|geburtstag\w*|"
    r"fecha[ \t]+de[ \t]+nac(?:imiento|\.|(?!\w))|d\.[ \t]?n\.|f\.?[ \t]*nac\.?|nacid[oa](?:[ \t]+el)?|nac[íi][ \t]+el|"
    r"naci[óo](?:[ \t]+el)?|"
    r"cumplea[ñn]os|"
    r"date[ \t]+de[ \t]+naissance|date[ \t]+de[ \t]+naiss\.?|naiss\.|ddn|n[ée]e?(?:\(e\))?[ \t]+le|"
    r"naissance|anniversaire|"
    r"geburtsdatum|geb\.?-?[ \t]*datum|geb\.|geboren(?:[ \t]+am)?|geburtstag|"
    r"data[ \t]+de[ \t]+nascimento|dt\.?[ \t]*nasc\.?|nasc\.|nascid[oa](?:[ \t]+(?:em|a))?|nasci[ \t]+em|"
    r"nasc(?:eu|i)(?:[ \t]+(?:em|a|no dia))?|anivers[áa]rio|nascimento|nacimiento"
)
#: A few words may stand between the cue and the date ("asks for DOB and keeps rejecting 04/11/85",
#: "me pide fecha de nacimiento, puse 12/03/1985"), never a sentence's end or an order's words.
_GAP = (
    r"(?:[ \t,]+(?!(?:order|pedido|commande|bestell\w*|encomenda|delivered|entregad[oa]|livr[ée]e?|geliefert)\b)"
    r"[^\s\d.!?;]{1,20}){0,6}?"
)
DOB_RE = re.compile(
    rf"(?i:(?<!\w)(?:{_CUE})(?!\w)[ \t]*(?:is|was|es|era|est|ist|war|é|foi|:|-|=|\?)?[ \t]*:?{_GAP}[ \t,]*"
    rf"(?:(?:on|el|le|am|em|a)[ \t]+)?)(?P<v>(?i:{DATE}))"
    # "*14.05.1966": the German asterisk for born.
    rf"|(?<![\w*])\*[ \t]?(?P<star>(?i:{DATE}))"
)


#: The cue after the date: "Ich bin am 27.11.1967 geboren", "nací el 3 de mayo de 1990".
DOB_AFTER_RE = re.compile(
    rf"(?i:(?<!\w)(?:am|el|le|em|on)[ \t]+)(?P<v>(?i:{DATE}))"
    r"(?i:[ \t]+(?:geboren|nacid[oa]|n[ée]e?|nascid[oa]|born))(?!\w)"
)


#: A whole date in a year no order of ours was placed in ("Amina Rahmani, 14/06/1958, amina@…",
#: "my mother (9/30/1948)"): a birth date, with or without a cue.
_OLD_DATE_RE = re.compile(
    r"(?<![\w/.-])(?P<v>\d{1,2}[/.-](?:\d{1,2}|" + ROMAN_MONTH + r")[/.-](?P<y>19\d{2}|200\d)"
    r"|(?P<y2>19\d{2}|200\d)-\d{1,2}-\d{1,2})(?![\w/.-]*\d)"
)


#: The same with the month in words ("soy del 8 de marzo de 1972", "22. Dezember 2001").
_OLD_WRITTEN_RE = re.compile(
    rf"(?i:(?<!\w)(?P<v>(?:{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+"
    rf"|{_DAY}[ \t]+(?:(?:of|de)[ \t]+)?{_MONTH},?[ \t]+(?:(?:de|del)[ \t]+)?)(?:19\d{{2}}|200[0-7]))(?!\d))"
)


_OLD_YEAR = re.compile(r"(?<!\d)(?:19\d{2}|200\d)(?!\d)")


class DateOfBirthRecognizer(WismoRecognizer):
    """A date said to be a birth date ("born on 10/23/1951", "geb. 12.03.1985"); plain dates are kept."""

    ENTITY = "DATE_OF_BIRTH"

    def find(self, text, nlp_artifacts):
        for rx in (DOB_RE, DOB_AFTER_RE):
            for m in rx.finditer(text):
                group = "v" if m.group("v") else "star"
                yield m.start(group), m.end(group), 0.9
        if not _OLD_YEAR.search(text):
            return  # both need such a year (and the spelled days make the written form's search costly)
        for rx in (_OLD_DATE_RE, _OLD_WRITTEN_RE):
            for m in rx.finditer(text):
                yield m.start("v"), m.end("v"), 0.75
