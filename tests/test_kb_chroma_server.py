"""The knowledge base against a real Chroma server (`chroma run`), as with CHROMA_URL in production."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from wismo.tools.embeddings import get_chroma_client
from wismo.tools.kb import KnowledgeBase

from .conftest import make_settings


def _chroma_binary() -> str | None:
    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    binary = _chroma_binary()
    if binary is None:
        pytest.skip("the chroma CLI (chromadb package) is not installed")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [binary, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("chroma server did not start")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


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
