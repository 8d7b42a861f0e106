"""National identifiers of the countries a shop serves, each validated by its check digits.

Presidio ships recognizers for some (Spanish DNI/NIF and NIE, UK National Insurance number,
German Steuer-ID, US SSN); they are registered for our analyzer's language with context words
in five languages (`presidio_id_recognizers`). The others are ours, validated with python-stdnum:
Brazilian CPF, Portuguese NIF, French NIR (social security number), Mexican RFC and CURP, and the
grouped form of the Steuer-ID. An SSN right after "SSN" / "social security" is redacted even when
Presidio's sample list rejects it: the customer said what it is.

WISMO_PII_COUNTRIES picks which countries' identifiers are looked for (all eight by default).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import exceptions as stdnum_errors
from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.mx import curp, rfc
from stdnum.pt import nif as pt_nif

from . import cues
from .base import WismoRecognizer, digits_of, near

#: Entity types of national identifiers; their placeholders all read <NATIONAL_ID_n>.
NATIONAL_ID_TYPES: frozenset[str] = frozenset(
    {"US_SSN", "ES_NIF", "ES_NIE", "UK_NINO", "DE_TAX_ID", "BR_CPF", "PT_NIF", "FR_NIR", "MX_RFC", "MX_CURP"}
)
#: Which countries' identifier recognizers each entity type belongs to.
COUNTRY_OF: dict[str, str] = {
    "US_SSN": "US",
    "ES_NIF": "ES",
    "ES_NIE": "ES",
    "UK_NINO": "GB",
    "DE_TAX_ID": "DE",
    "BR_CPF": "BR",
    "PT_NIF": "PT",
    "FR_NIR": "FR",
    "MX_RFC": "MX",
    "MX_CURP": "MX",
}


def _rfc_ok(value: str) -> bool:
    try:
        rfc.validate(value, validate_check_digits=True)
    except stdnum_errors.ValidationError:
        return False
    return True


class _CheckedIdRecognizer(WismoRecognizer):
    """One identifier: a bounded pattern, a checksum, and how sure a valid match is with and
    without an identity word nearby ("DNI", "CPF", "Steuer-ID", "numéro de sécu")."""

    PATTERN: re.Pattern[str]
    VALID: Callable[[str], bool]
    SCORE_WITH_CUE = 0.95
    SCORE_ALONE = 0.7

    #: The identifier's shape right after its own word ("Mi RFC es PEIK880412ZDA"): the words say
    #: what it is even when its check digit does not hold (a typo is still the customer's id).
    SCORE_SHAPE_AFTER_CUE = 0.6

    #: How many digits the identifier has when it is all digits: then it is also found spelled out one
    #: digit at a time ("6 9 3 1 8 4 0 2 5 9 4") or grouped its own way ("cpf: 06271835 490"), next to its
    #: own word only (phones look like that too).
    DIGITS: int | None = None

    def find(self, text, nlp_artifacts):
        cued_before = False
        for m in self.PATTERN.finditer(text):
            value = m.group()
            if not type(self).VALID(value):
                if self.SCORE_SHAPE_AFTER_CUE and near(text, m.start(), m.end(), cues.ID, before=16, after=0):
                    yield m.start(), m.end(), self.SCORE_SHAPE_AFTER_CUE
                continue
            cue = near(text, m.start(), m.end(), cues.ID)
            if cue or cued_before:
                # ("O NIF da minha mulher é … e o meu é …": a second one of a list said after one word.)
                cued_before = True
                yield m.start(), m.end(), self.SCORE_WITH_CUE
            elif self.SCORE_ALONE and not near(text, m.start(), m.end(), cues.ORDER, before=30, after=0):
                yield m.start(), m.end(), self.SCORE_ALONE
        if self.DIGITS:
            yield from self._spelled_out(text)

    def _spelled_out(self, text: str):
        spaced = re.compile(rf"(?<![\w.,/-])\d(?:[ .-]?\d){{{self.DIGITS - 1}}}(?![\w/-]|[.,]\d)")
        for m in spaced.finditer(text):
            value = m.group()
            if not re.search(r"[ .-]", value) or self.PATTERN.fullmatch(value):
                continue
            # (the words first: "1 1 1 1 …" holds hundreds of candidates, and a checksum costs more)
            if near(text, m.start(), m.end(), cues.ID, before=30, after=10) and type(self).VALID(value):
                yield m.start(), m.end(), self.SCORE_WITH_CUE


class BrCpfRecognizer(_CheckedIdRecognizer):
    """Brazilian CPF: 123.456.789-09 (two check digits, so a random number rarely passes)."""

    ENTITY = "BR_CPF"
    DIGITS = 11
    PATTERN = re.compile(r"(?<![\w.,/-])\d{3}[. ]?\d{3}[. ]?\d{3}[- ]?\d{2}(?![\w/-]|[.,]\d)")
    VALID = staticmethod(lambda v: cpf.is_valid(digits_of(v)))


class PtNifRecognizer(_CheckedIdRecognizer):
    """Portuguese NIF (número de contribuinte): 9 digits, mod 11; alone it is too common a shape."""

    ENTITY = "PT_NIF"
    DIGITS = 9
    PATTERN = re.compile(r"(?<![\w.,/+-])(?:PT[ ]?)?[1-9]\d{2}[ ]?\d{3}[ ]?\d{3}(?![\w/-]|[.,]\d)")
    VALID = staticmethod(lambda v: pt_nif.is_valid(digits_of(v)))
    SCORE_ALONE = 0.0


class FrNirRecognizer(_CheckedIdRecognizer):
    """French social security number (NIR): 13 digits + a 2-digit key (97 minus the number mod 97)."""

    ENTITY = "FR_NIR"
    DIGITS = 15
    PATTERN = re.compile(
        r"(?<![\w.,/-])[12][ ]?\d{2}[ ]?\d{2}[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}[ ]?\d{2}(?![\w/-]|[.,]\d)",
        re.IGNORECASE,
    )
    VALID = staticmethod(lambda v: nir.is_valid(re.sub(r"[\s.-]", "", v)))


class DeTaxIdGroupedRecognizer(_CheckedIdRecognizer):
    """German Steuer-ID written in groups ("12 345 678 901"); Presidio's covers the 11 digits run."""

    ENTITY = "DE_TAX_ID"
    DIGITS = 11
    PATTERN = re.compile(r"(?<![\w.,/-])[1-9]\d[ /]\d{3}[ /]\d{3}[ /]\d{3}(?![\w/-]|[.,]\d)")
    VALID = staticmethod(lambda v: idnr.is_valid(digits_of(v)))


class EsDniNieRecognizer(_CheckedIdRecognizer):
    """Spanish DNI and NIE with separators ("12.345.678-Z", "X-1234567-L", "12345678 Z");
    Presidio's covers the forms without them."""

    ENTITY = "ES_NIF"
    PATTERN = re.compile(r"(?<![\w-])(?:[XYZxyz][ .-]?\d{7}|\d{2}\.?\d{3}\.?\d{3})[ .-]?[A-Za-z](?![\w-])")
    VALID = staticmethod(lambda v: _es_id_ok(re.sub(r"[ .-]", "", v).upper()))


def _es_id_ok(value: str) -> bool:
    return nie.is_valid(value) if value[0] in "XYZ" else dni.is_valid(value)


class MxRfcRecognizer(_CheckedIdRecognizer):
    """Mexican RFC: 3-4 letters, a yymmdd date, a 3-character homoclave with a check digit."""

    ENTITY = "MX_RFC"
    PATTERN = re.compile(r"(?<![\w-])[A-ZÑ&]{3,4}[ -]?\d{6}[ -]?[A-Z\d]{3}(?![\w-])", re.IGNORECASE)
    VALID = staticmethod(lambda v: _rfc_ok(re.sub(r"[ -]", "", v).upper()))


class MxCurpRecognizer(_CheckedIdRecognizer):
    """Mexican CURP: 18 characters with the holder's birth date, sex, state and a check digit."""

    ENTITY = "MX_CURP"
    PATTERN = re.compile(r"(?<![\w-])[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d(?![\w-])", re.IGNORECASE)
    VALID = staticmethod(lambda v: curp.is_valid(v.upper()))


#: "my SSN is 078-05-1120": the words say what it is, whatever Presidio's sample list says.
SSN_CUED_RE = re.compile(
    r"(?i:\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?)(?:\s+(?:is|was|:|#))?\s*:?\s*)"
    r"(?P<v>\d{3}([- ]?)\d{2}\2\d{4})(?![\w/-]|[.,]\d)"
)


class CuedSsnRecognizer(WismoRecognizer):
    """A US SSN introduced as one."""

    ENTITY = "US_SSN"

    def find(self, text, nlp_artifacts):
        for m in SSN_CUED_RE.finditer(text):
            yield m.start("v"), m.end("v"), 0.95


OWN_ID_RECOGNIZERS: tuple[type[WismoRecognizer], ...] = (
    BrCpfRecognizer,
    PtNifRecognizer,
    FrNirRecognizer,
    DeTaxIdGroupedRecognizer,
    EsDniNieRecognizer,
    MxRfcRecognizer,
    MxCurpRecognizer,
    CuedSsnRecognizer,
)

#: Context words for Presidio's identifier recognizers, in the languages customers use for them.
_PRESIDIO_CONTEXT: dict[str, list[str]] = {
    "ES_NIF": ["dni", "nif", "documento", "identidad", "identificación", "identificacion", "id"],
    "ES_NIE": ["nie", "extranjero", "documento", "identidad", "id"],
    "UK_NINO": ["national insurance", "ni number", "nino", "insurance"],
    "DE_TAX_ID": ["steuer-id", "steuerid", "steueridentifikationsnummer", "idnr", "steuernummer", "tax id"],
}


def presidio_id_recognizers(countries: frozenset[str]) -> list:
    """Presidio's own recognizers for the identifiers it ships, registered for language "en"."""
    from presidio_analyzer.predefined_recognizers import (
        DeTaxIdRecognizer,
        EsNieRecognizer,
        EsNifRecognizer,
        UkNinoRecognizer,
    )

    out = []
    for cls, entity in (
        (EsNifRecognizer, "ES_NIF"),
        (EsNieRecognizer, "ES_NIE"),
        (UkNinoRecognizer, "UK_NINO"),
        (DeTaxIdRecognizer, "DE_TAX_ID"),
    ):
        if COUNTRY_OF[entity] in countries:
            out.append(cls(supported_language="en", context=_PRESIDIO_CONTEXT[entity]))
    return out


def own_id_recognizers(countries: frozenset[str]) -> list[WismoRecognizer]:
    return [cls() for cls in OWN_ID_RECOGNIZERS if COUNTRY_OF[cls.ENTITY] in countries]
