"""Webhook signatures: every inbound webhook proves it came from the platform before we read it.

Each check hashes the raw request bytes (never re-serialized JSON, whose bytes would differ) and
compares in constant time. A missing secret fails closed: nothing is accepted unsigned.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import unicodedata


def _digest(secret: str, body: bytes) -> bytes:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()


def _equal(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), given.strip().encode("ascii", "replace"))


def sign_meta(secret: str, body: bytes) -> str:
    """`X-Hub-Signature-256` value for `body` (Meta: Messenger, Instagram, WhatsApp)."""
    return "sha256=" + _digest(secret, body).hex()


def verify_meta(secret: str | None, body: bytes, header: str | None) -> bool:
    """`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`."""
    if not secret or not header:
        return False
    return _equal(sign_meta(secret, body), header.lower())


def sign_base64(secret: str, body: bytes) -> str:
    """Base64 HMAC-SHA256 of the body (AfterShip `aftership-hmac-sha256`, Shopify `X-Shopify-Hmac-Sha256`)."""
    return base64.b64encode(_digest(secret, body)).decode("ascii")


def verify_base64(secret: str | None, body: bytes, header: str | None) -> bool:
    if not secret or not header:
        return False
    return _equal(sign_base64(secret, body), header)


def sign_easypost(secret: str, body: bytes) -> str:
    """`X-Hmac-Signature: hmac-sha256-hex=<hex>` (EasyPost; its SDKs NFKD-normalize the secret first)."""
    return "hmac-sha256-hex=" + _digest(unicodedata.normalize("NFKD", secret), body).hex()


def verify_easypost(secret: str | None, body: bytes, header: str | None) -> bool:
    if not secret or not header:
        return False
    return _equal(sign_easypost(secret, body), header.lower())
