"""`wismo serve` seeds the demo store (known emails) only when asked with --demo."""

from __future__ import annotations

import pytest
import uvicorn

from wismo import cli


@pytest.fixture
def serve(monkeypatch, tmp_path):
    monkeypatch.setenv("WISMO_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: None)
    seeded = []
    monkeypatch.setattr(cli, "ensure_store", lambda *a, **kw: seeded.append(True))

    def run(*argv: str) -> bool:
        seeded.clear()
        assert cli.main(["serve", *argv]) == 0
        return bool(seeded)

    return run


def test_an_empty_store_is_not_seeded_without_demo(serve, capsys):
    assert serve() is False
    assert "wismo serve --demo" in capsys.readouterr().err
    assert serve("--no-seed") is False  # older scripts still run


def test_demo_seeds(serve):
    assert serve("--demo") is True


def test_never_into_a_configured_database_unless_asked(serve, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'shop.db'}")
    assert serve() is False
    assert serve("--demo") is True
