"""People as customers write them: names in each locale, particles, honorifics, emails, dates of birth.

A message draws its people once, so "Anna Weber" in the greeting, "Anna" in the sign-off and
"anna.weber@..." in the email belong to the same person (as presidio-research's record generator does).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

#: Particles that join a given name to a surname, per language.
PARTICLES = {
    "en": ("van", "van der", "de", "von"),
    "es": ("de", "del", "de la", "de los"),
    "fr": ("de", "du", "de la", "d'"),
    "de": ("von", "van", "von der", "zu", "van den"),
    "pt": ("da", "dos", "de", "das", "do"),
}
#: Surnames that carry their particle in real life; half of the particle names use one of these.
PARTICLE_SURNAMES = {
    "en": ("van der Berg", "van Dijk", "de Vries", "van Houten", "von Trapp", "de Souza", "van Buren", "de Jong",
           "van der Meer", "de Wit", "van Leeuwen", "de Graaf"),
    "es": ("de la Cruz", "del Río", "de la Fuente", "de los Santos", "del Castillo", "de la Torre", "del Valle",
           "de León", "de la Vega", "del Pino", "de la Rosa", "del Moral", "de las Heras", "del Olmo"),
    "fr": ("de La Fontaine", "du Bois", "de la Croix", "d'Artois", "de Villeneuve", "du Pré", "de Montfort",
           "de la Roche", "d'Aubigné", "du Val", "de Beaumont", "du Chêne", "de Lattre", "d'Espinay"),
    "de": ("von Berg", "von der Heide", "von Stein", "van Dyck", "van den Berg", "zu Eltz", "von Arnim", "von Bülow",
           "von der Linde", "van Beek", "von Hagen", "von der Au", "zu Salm", "von Rohr"),
    "pt": ("da Silva", "dos Santos", "da Costa", "de Souza", "das Neves", "do Carmo", "da Rocha", "dos Reis",
           "de Oliveira", "da Cunha", "do Nascimento", "da Conceição", "dos Anjos", "de Jesus"),
}  # fmt: skip
#: Honorifics (male, female, neutral/academic) per language.
HONORIFICS = {
    "en": (("Mr.", "Mr"), ("Mrs.", "Ms.", "Ms", "Miss"), ("Dr.",)),
    "es": (("Sr.", "Don"), ("Sra.", "Srta.", "Doña"), ("Dr.", "Dra.")),
    "fr": (("M.", "Monsieur"), ("Mme", "Mme.", "Madame", "Mlle"), ("Dr", "Docteur")),
    "de": (("Herr", "Herrn"), ("Frau",), ("Dr.", "Prof. Dr.")),
    "pt": (("Sr.", "Senhor"), ("Sra.", "Dona", "D."), ("Dr.", "Dra.")),
}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(),
}
MIDDLE_INITIAL_LOCALES = {"en_US", "en_GB"}
TWO_SURNAME_LOCALES = {"es_ES": 0.6, "es_MX": 0.7, "pt_BR": 0.4, "pt_PT": 0.6}


@dataclass
class Person:
    """One person of a message; `lower` marks a name the customer typed in lower case."""

    given: str
    surname: str
    female: bool
    second_surname: str = ""
    middle_initial: str = ""
    lower: bool = False
    born: date = field(default_factory=lambda: date(1980, 1, 1))

    def _case(self, text: str) -> str:
        return lower_same_length(text) if self.lower else text

    @property
    def first(self) -> str:
        return self._case(self.given)

    @property
    def last(self) -> str:
        return self._case(" ".join(p for p in (self.surname, self.second_surname) if p))

    @property
    def full(self) -> str:
        parts = [self.given, self.middle_initial, self.surname, self.second_surname]
        return self._case(" ".join(p for p in parts if p))


def lower_same_length(text: str) -> str:
    """Lower case, character by character, where lowering keeps the length (so offsets hold)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _clean(name: str) -> str:
    """Faker sometimes returns titles or double spaces inside names; customers type plain names."""
    return re.sub(r"\s+", " ", name).strip()


def new_person(rng: random.Random, fake: Faker, locale: str, lower_ratio: float) -> Person:
    female = rng.random() < 0.5
    given = _clean(fake.first_name_female() if female else fake.first_name_male())
    surname = _clean(fake.last_name())
    second = ""
    if rng.random() < TWO_SURNAME_LOCALES.get(locale, 0.0):
        second = _clean(fake.last_name())
        if second == surname:
            second = ""
    initial = ""
    if locale in MIDDLE_INITIAL_LOCALES and rng.random() < 0.12:
        initial = rng.choice("ABCDEFGHJKLMNPRSTW") + "."
    born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 66))
    return Person(given, surname, female, second, initial, rng.random() < lower_ratio, born)


def with_particle(rng: random.Random, person: Person, language: str) -> str:
    """A full name whose surname carries a particle: "Ana dos Santos", "Jean de La Fontaine"."""
    if rng.random() < 0.5:
        return person._case(f"{person.given} {rng.choice(PARTICLE_SURNAMES[language])}")
    particle = rng.choice(PARTICLES[language])
    surname = person.surname
    joiner = "" if particle.endswith("'") else " "
    if particle == "d'" and surname[:1].upper() not in "AEIOUH":
        particle, joiner = "de", " "
    return person._case(f"{person.given} {particle}{joiner}{surname}")


def honorific(rng: random.Random, person: Person, language: str) -> str:
    male, female, academic = HONORIFICS[language]
    if rng.random() < 0.15:
        return rng.choice(academic)
    return rng.choice(female if person.female else male)


def ascii_fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("œ", "oe")
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def email_for(rng: random.Random, fake: Faker, person: Person) -> str:
    first = re.sub(r"[^a-z]", "", ascii_fold(person.given).lower()) or "cliente"
    last = re.sub(r"[^a-z]", "", ascii_fold(person.surname).lower()) or "mail"
    pattern = rng.choice(
        (
            "{first}.{last}",
            "{first}{last}",
            "{f}{last}",
            "{first}_{last}",
            "{last}.{first}",
            "{first}{nn}",
            "{f}.{last}{nn}",
        )
    )
    local = pattern.format(first=first, last=last, f=first[0], nn=rng.randint(1, 99))
    domain = fake.free_email_domain() if rng.random() < 0.8 else fake.domain_name()
    return f"{local}@{domain}"


def date_of_birth(rng: random.Random, born: date, locale: str) -> str:
    """A birth date the way a customer of `locale` writes it."""
    language = locale.split("_")[0]
    d, m, y = born.day, born.month, born.year
    month = MONTHS[language][m - 1]
    if locale == "en_US":
        forms = (f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{month} {d}, {y}", f"{y}-{m:02d}-{d:02d}")
    elif locale == "en_GB":
        forms = (f"{d:02d}/{m:02d}/{y}", f"{d} {month} {y}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{y}")
    elif language == "es":
        forms = (f"{d:02d}/{m:02d}/{y}", f"{d} de {month} de {y}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{y}")
    elif language == "fr":
        day = "1er" if d == 1 else str(d)
        forms = (f"{d:02d}/{m:02d}/{y}", f"{day} {month} {y}", f"{d:02d}.{m:02d}.{y}", f"{d}/{m}/{y}")
    elif language == "de":
        forms = (f"{d:02d}.{m:02d}.{y}", f"{d}. {month} {y}", f"{d}.{m}.{y}", f"{y}-{m:02d}-{d:02d}")
    else:
        forms = (f"{d:02d}/{m:02d}/{y}", f"{d} de {month} de {y}", f"{d:02d}-{m:02d}-{y}", f"{d}/{m}/{y}")
    return rng.choice(forms)
