"""Nothing fetches from the internet at run time, whichever of our modules a program imports first: the
public suffix list under Presidio's email recognizer stays the copy shipped with the package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("first", ["wismo.guardrails.recognizers.base", "wismo.agent.entities", "wismo.guardrails.pii"])
def test_the_suffix_list_is_never_fetched_whichever_module_comes_first(first):
    code = f"import {first}, tldextract.tldextract as t; print(list(t.TLD_EXTRACTOR.suffix_list_urls))"
    env = {k: v for k, v in os.environ.items() if k != "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]", done.stdout
