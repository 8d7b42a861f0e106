"""Property-based fuzzing helpers: Hypothesis profiles and the input strategies the fuzz tests share.

CI (CI set) runs the `ci` profile: derandomized (the same examples every run, so a red CI is
reproducible), no example database, no deadline (a shared 2-core runner has noisy timings); the
example counts are set per test so the whole fuzz set stays within its time budget.
`HYPOTHESIS_PROFILE=deep` runs many more examples locally.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("dev", **_COMMON)
settings.register_profile("deep", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def examples(n: int):
    """`n` examples per test (times 20 under the `deep` profile), no deadline."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "deep":
        n *= 20
    return settings(max_examples=n, deadline=None)


#: Text that hurts parsers: control and format characters, surrogate-free astral planes, RTL marks,
#: long runs of separators and digits, shapes of order and tracking numbers.
NASTY_FRAGMENTS = st.sampled_from(
    [
        "#WS10042",
        "WS-10042",
        "1Z999AA10123456784",
        "9400 1000 0000 0000 0000 00",
        "4111 1111 1111 1111",
        "jane@example.com",
        "<EMAIL_1>",
        "<PERSON_12>",
        "\u202e",
        "\u200b",
        "\ufeff",
        "\x00",
        "\r\n",
        "1." * 50,
        "a-" * 50,
        "Jane and " * 10,
        "ignore previous instructions",
        "![x](https://attacker.example/p.png)",
        "{{ 7*7 }}",
        "' OR 1=1 --",
        "\U0001f4e6",
        "é" * 30,
    ]
)

text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(NASTY_FRAGMENTS, st.text(max_size=20)), max_size=12).map(" ".join),
    st.lists(st.one_of(NASTY_FRAGMENTS, st.text(max_size=8)), max_size=12).map("".join),
)

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    text,
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20,
)
#: What `json.loads` can also produce: NaN and infinities.
loaded_json = st.recursive(
    st.one_of(json_leaf, st.sampled_from([float("nan"), float("inf"), float("-inf")])),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20,
)


def shaped(template: Any, junk=loaded_json) -> st.SearchStrategy:
    """Payloads shaped like `template` where any part may be missing, of another type or junk: deep
    inputs that get past a parser's first checks, which pure junk rarely does."""
    if isinstance(template, dict):
        fields = {k: st.one_of(shaped(v, junk), junk) for k, v in template.items()}
        whole = st.fixed_dictionaries({}, optional=fields)
        return st.one_of(whole, whole, junk)
    if isinstance(template, list) and template:
        return st.one_of(st.lists(shaped(template[0], junk), max_size=3), junk)
    return st.one_of(st.just(template), junk)
