"""Days and months written another way than in digits: a day spelled out ("vingt-deux juillet",
"ersten Februar", "the twenty-first of May", "primero de julio"), an ordinal's short suffix in five
languages ("1ro", "1er", "2.º", "3rd") and a month in roman numerals ("11/XI/1980").

The birth-date recognizer (`birth_dates`) takes these in the day's and month's place of its date shapes.
"""

from __future__ import annotations

#: A day's number with the suffix an ordinal takes in five languages: "1st", "1ro", "1ero", "1er",
#: "1re", "1º", "1.ª", "3.".
DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th|ero|era|ro|ra|er|re|e|[ºª°]|\.[ºª]?)?"

_EN_UNIT = r"one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_EN_TEENS = (
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
)
_ES_DAYS = (
    r"primero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|"
    r"diecis[ée]is|diecisiete|dieciocho|diecinueve|veinte|veinti(?:uno|d[óo]s|tr[ée]s|cuatro|cinco|s[ée]is|siete|"
    r"ocho|nueve)|treinta(?:[ \t]+y[ \t]+uno)?"
)
_FR_UNIT = r"un|deux|trois|quatre|cinq|six|sept|huit|neuf"
_FR_DAYS = (
    rf"premier|{_FR_UNIT}|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|"
    rf"vingt(?:[- ]et[- ]un|-(?:{_FR_UNIT}))?|trente(?:[- ]et[- ]un)?"
)
_DE_UNIT = r"ein|zwei|drei|vier|f(?:ü|ue)nf|sechs|sieben|acht|neun"
_DE_DAYS = (
    r"(?:ersten?|zweiten?|dritten?|vierten?|f(?:ü|ue)nften?|sechsten?|siebe?ten?|achten?|neunten?|zehnten?|"
    r"elften?|zw(?:ö|oe)lften?|(?:drei|vier|f(?:ü|ue)nf|sech|sieb|acht|neun)zehnten?|"
    rf"(?:(?:{_DE_UNIT})und)?zwanzigsten?|drei(?:ß|ss)igsten?|einunddrei(?:ß|ss)igsten?)"
)
_PT_DAYS = (
    r"primeiro|um|dois|tr[êe]s|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quatorze|quinze|"
    r"dezesseis|dezasseis|dezessete|dezassete|dezoito|dezenove|dezanove|"
    r"vinte(?:[ \t]+e[ \t]+(?:um|dois|tr[êe]s|quatro|cinco|seis|sete|oito|nove))?|trinta(?:[ \t]+e[ \t]+um)?"
)
#: A day of the month spelled out, in any of the five languages.
SPELLED_DAY = (
    rf"(?:(?:twenty|thirty)(?:[- ](?:{_EN_UNIT}))?|twentieth|thirtieth|{_EN_TEENS}|{_EN_UNIT}"
    rf"|{_ES_DAYS}|{_FR_DAYS}|{_DE_DAYS}|{_PT_DAYS})"
)
#: A month in roman numerals, as Spain, Latin America and Central Europe write it in dates ("11/XI/1980").
ROMAN_MONTH = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
