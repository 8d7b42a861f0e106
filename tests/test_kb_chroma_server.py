"""The knowledge base against a real Chroma server (`chroma run`), as with CHROMA_URL in production."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wismo.evals.child import free_port, stop, wait_until_up
from wismo.tools.embeddings import get_chroma_client
from wismo.tools.kb import KnowledgeBase

from .conftest import make_settings


def _chroma_binary() -> str | None:
    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    binary = _chroma_binary()
    if binary is None:
        pytest.skip("the chroma CLI (chromadb package) is not installed")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [binary, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_up(proc, f"{url}/api/v2/heartbeat", 30):
            pytest.fail("chroma server did not start")
        yield url
    finally:
        stop(proc)


def test_kb_on_a_chroma_server(chroma_url, tmp_path, monkeypatch):
    monkeypatch.delenv("CHROMA_URL", raising=False)
    settings = make_settings(tmp_path).model_copy(update={"chroma_url": chroma_url})
    client = get_chroma_client(settings)
    assert type(client).__name__ != "PersistentClient" and client.heartbeat()
    kb = KnowledgeBase(settings, client=client)
    added = kb.sync()["added"]
    assert added > 0 and kb.sync()["added"] == 0
    # A second instance (another server process in production) shares the same index.
    other = KnowledgeBase(make_settings(tmp_path / "b").model_copy(update={"chroma_url": chroma_url}))
    assert other.collection.count() == added
    fact = other.answer("What does 'exception' mean?")
    assert fact is not None and fact.source_id == "policy:carrier#exception"
    assert not (tmp_path / "chroma").exists()  # nothing embedded was created
