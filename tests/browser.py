"""What every browser test shares: Debian's chromium, its flags for this closed network, and the
rule that a missing browser skips locally but fails in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, and nothing that reaches for the network on its own.
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"
TIMEOUT_MS = 15_000


def require_browser() -> None:
    """Skip (locally) or fail (in CI) when chromium or the playwright package is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install playwright; never `playwright install`)")
    if missing:
        reason = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must provide them")
        pytest.skip(reason)
