"""Tracking-page links: signed, expiring, revocable credentials for exactly one order.

Opening /track/{token} counts as verification for that order, so the token is the proof: an
HMAC-SHA256 over order key, expiry and token id, checked in constant time. Revocation is a row keyed
by the token id (tokens are never stored). Expiry uses the store's clock, like every other answer.

Token layout: base64url("<order_key>|<expires epoch seconds>|<token id>") "." base64url(hmac).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from ..config import Settings, local_key
from ..domain.db import session
from ..domain.store import normalize_key
from .track_records import TrackLink, TrackRevocation, ensure_tables

log = logging.getLogger("wismo.track")

DEFAULT_DAYS = 30
MAX_TOKEN_CHARS = 256
_DERIVE_LABEL = b"wismo tracking-page links v1"


@dataclass(frozen=True)
class TrackClaim:
    """What a valid token proves: this order, until then, under this id."""

    order_key: str
    expires_at: datetime
    token_id: str


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def track_secret(settings: Settings) -> bytes:
    """The signing key: WISMO_TRACK_SECRET; else derived from the vault key; else (SQLite only) a key
    generated once into <data_dir>/track.key."""
    configured = os.environ.get("WISMO_TRACK_SECRET")
    if configured:
        return configured.encode()
    vault = settings.vault_key or os.environ.get("WISMO_VAULT_KEY")
    if not vault:
        vault_file = Path(settings.data_dir) / "vault.key"
        if vault_file.exists():
            vault = vault_file.read_text().strip()
    if vault:
        return hmac.new(vault.encode(), _DERIVE_LABEL, hashlib.sha256).digest()
    if settings.database_url:
        raise RuntimeError(
            "WISMO_TRACK_SECRET is not set. With DATABASE_URL several instances must sign tracking links "
            "with the same key: set WISMO_TRACK_SECRET (or WISMO_VAULT_KEY) in every instance."
        )
    path = Path(settings.data_dir) / "track.key"
    raw, created = local_key(path, lambda: secrets.token_urlsafe(32).encode())
    if created:
        log.warning("WISMO_TRACK_SECRET is not set: signing tracking links with %s (fine for one host)", path)
    return raw.strip()


def _sign(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()


def make_token(secret: bytes, order_key: str, expires_at: datetime, token_id: str | None = None) -> tuple[str, str]:
    """(token, token id) for one order until `expires_at`. Pure: records nothing."""
    tid = token_id or secrets.token_urlsafe(9)
    payload = f"{normalize_key(order_key)}|{int(expires_at.timestamp())}|{tid}".encode()
    return f"{_b64(payload)}.{_b64(_sign(secret, payload))}", tid


def read_token(secret: bytes, token: str, now: datetime) -> TrackClaim | None:
    """The claim of a well-signed, unexpired token; None for anything else. Does not check revocation."""
    if not token or len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
        return None
    body, sig = token.split(".")
    try:
        payload = _unb64(body)
        given = _unb64(sig)
    except (binascii.Error, ValueError):
        return None
    if not hmac.compare_digest(_sign(secret, payload), given):
        return None
    try:
        key, exp, tid = payload.decode("ascii").split("|")
        expires = datetime.fromtimestamp(int(exp), UTC)
    except (UnicodeDecodeError, ValueError, OverflowError, OSError):
        return None
    if not key or not tid or now >= expires:
        return None
    return TrackClaim(key, expires, tid)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def issue_link(
    engine: Engine, settings: Settings, order_key: str, now: datetime, days: int = DEFAULT_DAYS, issued_by: str = "cli"
) -> tuple[str, str, datetime]:
    """Issue and record a link for an order: (token, token id, expires at)."""
    ensure_tables(engine)
    key = normalize_key(order_key)
    expires = _aware(now) + timedelta(days=days)
    token, tid = make_token(track_secret(settings), key, expires)
    with session(engine) as s:
        s.add(
            TrackLink(token_id=tid, order_key=key, issued_at=datetime.now(UTC), expires_at=expires, issued_by=issued_by)
        )
        s.commit()
    return token, tid, expires


def public_url(token: str) -> str:
    """The absolute link a customer receives (WISMO_PUBLIC_URL, default http://127.0.0.1:8000)."""
    base = os.environ.get("WISMO_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/track/{token}"


def revoke(engine: Engine, token_id: str) -> bool:
    """Revoke a link by its id. True when newly revoked, False when it already was."""
    ensure_tables(engine)
    with session(engine) as s:
        if s.get(TrackRevocation, token_id) is not None:
            return False
        s.add(TrackRevocation(token_id=token_id, revoked_at=datetime.now(UTC)))
        s.commit()
    return True


def is_revoked(engine: Engine, token_id: str) -> bool:
    with session(engine) as s:
        return s.get(TrackRevocation, token_id) is not None


def verify_token(engine: Engine, settings: Settings, token: str, now: datetime) -> TrackClaim | None:
    """The claim of a token that is well signed, unexpired and not revoked; None otherwise."""
    claim = read_token(track_secret(settings), token, now)
    if claim is None or is_revoked(engine, claim.token_id):
        return None
    return claim
