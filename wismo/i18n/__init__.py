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
