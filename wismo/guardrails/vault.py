"""The PII vault: originals behind placeholders, encrypted, scoped to one conversation.

The model and transcripts see `<EMAIL_1>`; tools that need the real value (to verify an order
against the customer's email, say) resolve it here. Values are Fernet-encrypted at rest, and a
keyed hash of each normalized value (`subject_hash`, under a key derived from the vault key, never
the encryption key itself) lets `forget(email)` find a person's data without decrypting anything.
Instances share nothing but the database, so every instance must use the same key:
WISMO_VAULT_KEY. Only a single-host SQLite setup may generate its own.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..config import get_settings, local_key
from ..domain.models import VaultEntry
from .keys import conversation_ref, derive
from .pii import PLACEHOLDER_RE, Redaction

log = logging.getLogger(__name__)
_warned = False
#: Keys generated into a data dir (no WISMO_VAULT_KEY), by file, once read.
_file_keys: dict[Path, bytes] = {}


def _valid_key(key: str | bytes) -> bytes:
    raw = key.encode() if isinstance(key, str) else key
    raw = raw.strip()
    try:
        Fernet(raw)
    except (ValueError, TypeError) as exc:
        raise RuntimeError(
            "WISMO_VAULT_KEY is not a valid Fernet key (urlsafe base64 of 32 bytes); generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`"
        ) from exc
    return raw


def vault_key() -> bytes:
    """The vault's Fernet key: WISMO_VAULT_KEY, else (SQLite only) one generated into the data dir."""
    global _warned
    settings = get_settings()
    configured = getattr(settings, "vault_key", None) or os.environ.get("WISMO_VAULT_KEY")
    if configured:
        return _valid_key(configured)
    if settings.database_url:
        raise RuntimeError(
            "WISMO_VAULT_KEY is not set. With DATABASE_URL several instances share the PII vault, so they "
            "must all use the same key: set WISMO_VAULT_KEY to a Fernet key (generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)."
        )
    path = Path(settings.data_dir) / "vault.key"
    if path in _file_keys:  # read once: keyed hashes ask for it on every turn
        return _file_keys[path]
    raw, _created = local_key(path, Fernet.generate_key)
    if not _warned:
        log.warning(
            "WISMO_VAULT_KEY is not set: using the key in %s (fine for one host; set WISMO_VAULT_KEY "
            "for production and keep it safe, or the vault cannot be read)",
            path,
        )
        _warned = True
    _file_keys[path] = _valid_key(raw)
    return _file_keys[path]


def _normalize(value: str) -> str:
    return value.strip().lower()


class Vault:
    """Encrypted placeholder -> original store, per conversation."""

    def __init__(self, engine: Engine, key: str | bytes | None = None) -> None:
        self.engine = engine
        raw = _valid_key(key) if key is not None else vault_key()
        self._fernet = Fernet(raw)
        self._hash_key = derive(raw, "subject-hash")  # never the encryption key itself
        self._legacy_hash_key = raw

    def subject_hash(self, value: str) -> str:
        """HMAC-SHA256 of the normalized value, under a key derived from the vault key."""
        return hmac.new(self._hash_key, _normalize(value).encode(), hashlib.sha256).hexdigest()

    def _hashes(self, value: str) -> list[str]:
        """The subject hash, and the one entries written before the derived key carry (looked up,
        never written), so erasure finds both."""
        legacy = hmac.new(self._legacy_hash_key, _normalize(value).encode(), hashlib.sha256).hexdigest()
        return [self.subject_hash(value), legacy]

    def put(self, conversation_id: str, redaction: Redaction) -> None:
        """Store each placeholder of `redaction` not yet stored for this conversation."""
        if not redaction.spans:
            return
        with Session(self.engine) as session:
            have = set(
                session.exec(select(VaultEntry.placeholder).where(VaultEntry.conversation_id == conversation_id))
            )
        entries: dict[str, VaultEntry] = {}
        for span in redaction.spans:
            if span.placeholder in have or span.placeholder in entries or not span.placeholder:
                continue
            entries[span.placeholder] = VaultEntry(
                conversation_id=conversation_id,
                placeholder=span.placeholder,
                entity_type=span.entity_type,
                ciphertext=self._fernet.encrypt(span.original.encode()).decode(),
                subject_hash=self.subject_hash(span.original),
                created_at=datetime.now(UTC),
            )
        if not entries:
            return
        with Session(self.engine) as session:
            session.add_all(entries.values())
            try:
                session.commit()
                return
            except IntegrityError:  # one was stored meanwhile by another instance: add the rest one by one
                session.rollback()
        for entry in entries.values():
            with Session(self.engine) as session:
                session.add(VaultEntry.model_validate(entry.model_dump(exclude={"id"})))
                try:
                    session.commit()
                except IntegrityError:  # same placeholder, same value
                    session.rollback()

    def known(self, conversation_id: str) -> dict[str, str]:
        """placeholder -> original for the conversation (decrypted); feed it to `Redactor.redact`."""
        with Session(self.engine) as session:
            rows = session.exec(select(VaultEntry).where(VaultEntry.conversation_id == conversation_id)).all()
        out: dict[str, str] = {}
        for row in rows:
            try:
                out[row.placeholder] = self._fernet.decrypt(row.ciphertext.encode()).decode()
            except InvalidToken:
                log.error(
                    "vault entry %s of %s cannot be decrypted with this key",
                    row.placeholder,
                    conversation_ref(conversation_id),
                )
        return out

    def resolve(self, conversation_id: str, text_or_placeholder: str, known: dict[str, str] | None = None) -> str:
        """The text with this conversation's placeholders replaced by their originals (`known`: the
        conversation's entries when the caller has already read them)."""
        if not PLACEHOLDER_RE.search(text_or_placeholder):
            return text_or_placeholder
        known = self.known(conversation_id) if known is None else known
        return PLACEHOLDER_RE.sub(lambda m: known.get(m.group(0), m.group(0)), text_or_placeholder)

    def conversations_of(self, email: str) -> list[str]:
        """Conversations whose vault holds `email` (so the lead can delete their transcripts)."""
        with Session(self.engine) as session:
            rows = session.exec(
                select(VaultEntry.conversation_id).where(col(VaultEntry.subject_hash).in_(self._hashes(email)))
            ).all()
        return sorted(set(rows))

    def forget(self, email: str) -> int:
        """Erase every entry holding `email` and every entry of the conversations that held it."""
        conversations = self.conversations_of(email)
        if not conversations:
            return 0
        with Session(self.engine) as session:
            result = session.execute(
                delete(VaultEntry).where(
                    (VaultEntry.conversation_id.in_(conversations))  # type: ignore[attr-defined]
                    | (col(VaultEntry.subject_hash).in_(self._hashes(email)))
                )
            )
            session.commit()
            return int(result.rowcount or 0)
