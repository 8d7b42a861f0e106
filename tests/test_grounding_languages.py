"""The citation check catches an invented date, weekday, place or amount in every language: real
answers of the agent, each changed in one claim (wismo/evals/grounding.py)."""

from __future__ import annotations

from wismo.evals.grounding import KINDS, mutations, run
from wismo.i18n import LANGUAGES


def test_every_invented_claim_is_caught_in_every_language(agent):
    report = run(agent, per_language=1)
    assert set(report) == set(LANGUAGES)
    for lang, r in report.items():
        assert r["real_answers"]["answers"] >= 2 and r["real_answers"]["passed"] == r["real_answers"]["answers"], lang
        for kind in KINDS:
            assert r[kind]["mutated"] >= 1, (lang, kind)  # every kind of claim was tried
            assert r[kind]["caught"] == r[kind]["mutated"], (lang, kind, r[kind])


def test_a_mutation_changes_exactly_the_claim_it_names():
    class F:
        values = {"city": "Columbus", "region": "OH"}

    answer = "Latest scan in Columbus, OH on Friday, Dec 12; we refund $62.06."
    out = mutations(answer, "en", [F()])
    assert out["place"] == answer.replace("Columbus", "Tucson")
    assert out["weekday"] == answer.replace("Friday", "Monday")
    assert out["date"] == answer.replace("Dec 12", "Dec 21")
    assert out["amount"] == answer.replace("62.06", "69.06")
