"""E-mail addresses as customers type them, typos included.

Presidio's e-mail recognizer checks the domain against the list of real top-level domains, so an
address with a typo ("timo@gmx.dee", "ana@gmail.comm") stays in the text, though it is still
somebody's address. Any local part, an "@" and a dotted domain is redacted here.
"""

from __future__ import annotations

import re

from .base import WismoRecognizer

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+(?<![.-])(?![\w@])", re.UNICODE)


class TypedEmailRecognizer(WismoRecognizer):
    """An address of e-mail shape, whether or not its domain exists."""

    ENTITY = "EMAIL_ADDRESS"

    def find(self, text, nlp_artifacts):
        for m in EMAIL_RE.finditer(text):
            yield m.start(), m.end(), 0.9
