"""Everything wismo writes to disk holds redacted text only: a conversation full of PII that ends in a
handoff leaves no trace of the originals in any file of the data dir (store, WAL, checkpoints, logs),
while the encrypted vault still gives them back to whoever holds the key."""

from __future__ import annotations

import logging
import os
import re

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlmodel import Session, select

from wismo.domain.models import VaultEntry

from .conftest import make_settings

NAME = "Margaret Thornbury"
EMAIL = "margaret.thornbury@example.net"
PHONE = "415-555-0199"
STREET = "742 Evergreen Terrace"
CARD = "4111 1111 1111 1111"
PLANTED = {"name": NAME, "email": EMAIL, "phone": PHONE, "street": STREET, "card": CARD}


def _forms(value: str) -> set[bytes]:
    forms = {value, value.lower(), value.upper()}
    if re.fullmatch(r"[\d\s-]+", value):
        forms.add(re.sub(r"\D", "", value))  # 4111111111111111, 4155550199
    return {f.encode() for f in forms} | {f.encode("utf-16-le") for f in forms}


@pytest.fixture
def at_rest(tmp_path):
    """A fresh data dir with its own 200-order store, an Agent and INFO logs written into the dir."""
    from wismo.agent.runtime import Agent
    from wismo.domain import demo
    from wismo.domain.db import get_engine

    settings = make_settings(tmp_path)
    demo.seed(get_engine(settings.store_url), orders=200)
    log_file = tmp_path / "wismo.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield Agent(settings), tmp_path, log_file
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def test_nothing_at_rest_holds_planted_pii(at_rest):
    agent, data_dir, log_file = at_rest
    cid = agent.start("web")
    first = agent.send(
        cid,
        f"Hi, I'm {NAME}. My email is {EMAIL} and my phone is {PHONE}. I live at {STREET}. "
        f"I paid with my card {CARD} and my parcel never came.",
    )
    second = agent.send(cid, f"This is {NAME} again, please let me talk to a real person, call me on {PHONE}")
    assert second.handoff is not None, second.text
    assert agent.transcript(cid)["mode"] == "human"
    # The PII rail recorded what it redacted, every turn.
    pii = [next(r for r in reply.rails if r["rail"] == "pii") for reply in (first, second)]
    assert all(r["passed"] for r in pii)
    assert "EMAIL_ADDRESS" in pii[0]["reason"] and "CREDIT_CARD" in pii[0]["reason"]
    for reply in (first, second):
        for value in PLANTED.values():
            assert value not in reply.text
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert log_file.stat().st_size > 0, "the turn log must have been written"

    files = [p for p in data_dir.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "wismo.db" in names and "checkpoints.db" in names and "wismo.log" in names
    assert any(n.endswith("-wal") for n in names), names  # the WAL is scanned too, not only the main file
    # Control: the redacted message itself is on disk, so the scan reads where transcripts live.
    assert any(b"my parcel never came" in p.read_bytes() for p in files)
    found = []
    for path in files:
        data = path.read_bytes()
        for label, value in PLANTED.items():
            for form in _forms(value):
                if form in data:
                    found.append(f"{label} in {path.relative_to(data_dir)}")
    assert not found, sorted(set(found))

    # The vault still gives the originals back, to the key holder only.
    known = agent.services.vault.known(cid)
    assert {EMAIL, PHONE, CARD} <= set(known.values()), known
    assert any(NAME in v for v in known.values()), known
    assert any(STREET in v for v in known.values()), known
    fernet = Fernet(os.environ["WISMO_VAULT_KEY"].encode())
    with Session(agent.engine) as s:
        rows = s.exec(select(VaultEntry).where(VaultEntry.conversation_id == cid)).all()
    decrypted = {fernet.decrypt(r.ciphertext.encode()).decode() for r in rows}
    assert decrypted == set(known.values())
    other = Fernet(Fernet.generate_key())
    with pytest.raises(InvalidToken):
        other.decrypt(rows[0].ciphertext.encode())
