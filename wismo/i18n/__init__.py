"""The customer's language: which one a message is in, the words we say in it, and how dates,
times and amounts are written there. Everything a customer reads passes through here."""

#: The languages wismo speaks, as ISO 639-1 codes; the first is the fallback.
LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "pt")
DEFAULT_LANGUAGE = "en"


def supported(code: str | None) -> str | None:
    """`code` reduced to a supported language ("pt-BR" -> "pt", "es_MX" -> "es"), or None."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return base if base in LANGUAGES else None


def first_language(accept_language: str | None) -> str | None:
    """The first supported language of an Accept-Language header ("pt-BR,pt;q=0.9,en;q=0.8" -> "pt")."""
    if not accept_language:
        return None
    ranked = []
    for i, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, i, tag))
    for _, _, tag in sorted(ranked):
        lang = supported(tag)
        if lang:
            return lang
    return None


#: Calling codes of the countries whose customers write in each language (a WhatsApp number's hint).
_CALLING_CODES = {
    "34": "es",
    "52": "es",
    "54": "es",
    "56": "es",
    "57": "es",
    "51": "es",
    "58": "es",
    "33": "fr",
    "32": "fr",
    "41": "de",
    "49": "de",
    "43": "de",
    "55": "pt",
    "351": "pt",
    "1": "en",
    "44": "en",
    "61": "en",
    "353": "en",
}


def language_of_number(number: str | None) -> str | None:
    """The language a phone number's country suggests (+34 -> es), for WhatsApp; None when unknown."""
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    for size in (3, 2, 1):
        lang = _CALLING_CODES.get(digits[:size])
        if lang:
            return lang
    return None
