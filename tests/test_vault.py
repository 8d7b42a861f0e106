"""The PII vault: values are encrypted at rest, resolved per conversation, and forgotten on request."""

from __future__ import annotations

import stat

import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session, select

from wismo.config import get_settings
from wismo.domain.db import create_schema, get_engine
from wismo.domain.models import VaultEntry
from wismo.guardrails.pii import PiiSpan, Redaction
from wismo.guardrails.vault import Vault, vault_key


def _redaction(*pairs: tuple[str, str, str]) -> Redaction:
    """Build a Redaction from (entity_type, placeholder, original) without running the analyzer."""
    spans, pos = [], 0
    for etype, placeholder, original in pairs:
        spans.append(PiiSpan(etype, pos, pos + len(original), original, placeholder))
        pos += len(original) + 1
    return Redaction(text=" ".join(p for _, p, _ in pairs), spans=spans)


@pytest.fixture
def engine(tmp_path):
    eng = get_engine(f"sqlite:///{tmp_path / 'vault.db'}")
    create_schema(eng)
    return eng


@pytest.fixture
def vault(engine):
    return Vault(engine, key=Fernet.generate_key())


def test_values_are_encrypted_at_rest_and_decrypted_on_read(engine, vault):
    vault.put("c1", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "ann@example.com"), ("PERSON", "<PERSON_1>", "Ann Lee")))
    with Session(engine) as s:
        rows = s.exec(select(VaultEntry)).all()
    assert {r.placeholder for r in rows} == {"<EMAIL_1>", "<PERSON_1>"}
    # The plaintext values are nowhere in the stored ciphertext (random base64 may hold "ann" by chance).
    assert all("ann@example.com" not in r.ciphertext and "Ann Lee" not in r.ciphertext for r in rows)
    assert vault.known("c1") == {"<EMAIL_1>": "ann@example.com", "<PERSON_1>": "Ann Lee"}
    assert vault.known("other") == {}


def test_put_is_idempotent_per_placeholder(vault):
    r = _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "ann@example.com"))
    vault.put("c1", r)
    vault.put("c1", r)
    assert vault.known("c1") == {"<EMAIL_1>": "ann@example.com"}


def test_resolve_replaces_only_this_conversations_placeholders(vault):
    vault.put("c1", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "ann@example.com")))
    vault.put("c2", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "bob@example.com")))
    assert vault.resolve("c1", "<EMAIL_1>") == "ann@example.com"
    assert vault.resolve("c2", "mail <EMAIL_1> and <PHONE_NUMBER_1>") == "mail bob@example.com and <PHONE_NUMBER_1>"
    assert vault.resolve("c1", "no placeholders") == "no placeholders"


def test_wrong_key_cannot_read(engine, vault):
    vault.put("c1", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "ann@example.com")))
    assert Vault(engine, key=Fernet.generate_key()).known("c1") == {}


def test_forget_erases_the_email_and_its_conversations(vault):
    vault.put("c1", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "Ann@Example.com "), ("PERSON", "<PERSON_1>", "Ann")))
    vault.put(
        "c2",
        _redaction(("PHONE_NUMBER", "<PHONE_NUMBER_1>", "555 0100"), ("EMAIL_ADDRESS", "<EMAIL_1>", "ann@example.com")),
    )
    vault.put("c3", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "bob@example.com")))
    assert vault.conversations_of("ANN@example.com") == ["c1", "c2"]
    assert vault.forget("ann@example.com") == 4
    assert vault.known("c1") == {} and vault.known("c2") == {}
    assert vault.known("c3") == {"<EMAIL_1>": "bob@example.com"}
    assert vault.forget("ann@example.com") == 0


def test_subject_hash_is_keyed_and_normalized(engine):
    a, b = Vault(engine, key=Fernet.generate_key()), Vault(engine, key=Fernet.generate_key())
    assert a.subject_hash(" Ann@Example.com") == a.subject_hash("ann@example.com")
    assert a.subject_hash("ann@example.com") != b.subject_hash("ann@example.com")


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    monkeypatch.delenv("WISMO_VAULT_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("WISMO_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_key_from_env(clean_env, monkeypatch):
    key = Fernet.generate_key()
    monkeypatch.setenv("WISMO_VAULT_KEY", key.decode())
    get_settings.cache_clear()
    assert vault_key() == key


def test_invalid_key_is_a_clear_error(clean_env, monkeypatch):
    monkeypatch.setenv("WISMO_VAULT_KEY", "not-a-key")
    get_settings.cache_clear()
    with pytest.raises(RuntimeError, match="Fernet"):
        vault_key()


def test_sqlite_generates_a_private_key_once(clean_env):
    first = vault_key()
    path = clean_env / "data" / "vault.key"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert vault_key() == first


def test_shared_database_without_key_refuses(clean_env, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://wismo@db/wismo")
    get_settings.cache_clear()
    with pytest.raises(RuntimeError, match="WISMO_VAULT_KEY"):
        vault_key()


MAKE_KEY = """
import os, sys
from pathlib import Path
from wismo.config import local_key
key, created = local_key(Path(sys.argv[1]), lambda: os.urandom(16).hex().encode())
print(key.decode(), int(created))
"""


def test_a_generated_key_file_is_made_once_whole_and_private(tmp_path):
    """Processes starting together on one host agree on one key; none reads a half-written file."""
    import stat
    import subprocess
    import sys

    path = tmp_path / "keys" / "test.key"
    procs = [
        subprocess.Popen([sys.executable, "-c", MAKE_KEY, str(path)], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    results = [p.communicate(timeout=60)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len({key for key, _ in results}) == 1 and len(results[0][0]) == 32
    assert sum(int(created) for _, created in results) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["test.key"]  # no temporary file left behind


def test_subject_hash_uses_a_derived_key_and_erasure_still_finds_older_entries(engine):
    import hashlib
    import hmac

    key = Fernet.generate_key()
    vault = Vault(engine, key=key)
    vault.put("new", _redaction(("EMAIL_ADDRESS", "<EMAIL_1>", "ann@example.com")))
    stored = Session(engine).exec(select(VaultEntry.subject_hash).where(VaultEntry.conversation_id == "new")).one()
    with_vault_key = hmac.new(key, b"ann@example.com", hashlib.sha256).hexdigest()
    assert stored != with_vault_key  # the encryption key is used for nothing else
    # An entry hashed the old way (before the derived key) is still found and erased.
    with Session(engine) as s:
        old = Session(engine).exec(select(VaultEntry).where(VaultEntry.conversation_id == "new")).one()
        s.add(
            VaultEntry.model_validate(
                old.model_dump(exclude={"id"}) | {"conversation_id": "old", "subject_hash": with_vault_key}
            )
        )
        s.commit()
    assert vault.conversations_of("ann@example.com") == ["new", "old"]
    assert vault.forget("ann@example.com") == 2
