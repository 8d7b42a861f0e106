"""The data dir is private: the directory 0700, what it holds 0600, what is created later too."""

from __future__ import annotations

import os
import stat

from wismo.agent.checkpoints import make_checkpointer
from wismo.domain.db import create_schema, get_engine
from wismo.server import create_app
from wismo.tools.embeddings import get_chroma_client

from .conftest import make_settings


def modes(root) -> dict[str, int]:
    out = {".": stat.S_IMODE(os.stat(root).st_mode)}
    for path in root.rglob("*"):
        out[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return out


def test_the_data_dir_and_everything_in_it_is_private(tmp_path):
    data = tmp_path / "data"
    (data / "labels").mkdir(parents=True)
    (data / "labels" / "RMA1.pdf").write_bytes(b"%PDF old label")
    os.chmod(data, 0o755)
    os.chmod(data / "labels", 0o755)
    os.chmod(data / "labels" / "RMA1.pdf", 0o644)
    old_umask = os.umask(0o022)
    try:
        settings = make_settings(data)
        create_app(settings)
        # What the agent creates on first use: the store, its checkpoints and Chroma.
        engine = get_engine(settings.store_url)
        create_schema(engine)
        make_checkpointer(settings)
        get_chroma_client(settings).get_or_create_collection("modes-probe")
    finally:
        os.umask(old_umask)
    found = modes(data)
    assert {"wismo.db", "checkpoints.db", "labels/RMA1.pdf"} <= set(found)
    loose = {name: oct(mode) for name, mode in found.items() if mode & 0o077}
    assert not loose, loose
    assert found["."] == 0o700 and found["labels"] == 0o700 and found["wismo.db"] == 0o600
