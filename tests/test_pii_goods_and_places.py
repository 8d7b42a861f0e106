"""Words a shop's customers write that only look like names (read off the development set
evals/pii/dev4): a model named after a person right after the thing it is ("la bouilloire Rose",
"o aparador Vitória", "der Kinderwagen Emil"), a store named after its place ("the Charlotte store",
"loja do Chiado"), and German nouns by their ending. A name after a cue, a relation or "un tal"
stays redacted."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("La bouilloire Rose Poudré est-elle en inox ?", "Rose"),
        ("¿La cafetera Mercedes es compatible con cápsulas?", "Mercedes"),
        ("O aparador Vitória chega montado ou desmontado?", "Vitória"),
        ("Hat der Kinderwagen Emil eine Regenhaube dabei?", "Emil"),
        ("Can I pick up at the Charlotte store instead of having it shipped?", "Charlotte"),
        ("Posso trocar na loja do Chiado um artigo comprado online?", "Chiado"),
        ("Guten Tag, ist eine Abholung in der Filiale möglich?", "Abholung"),
        ("Hallo, gibt es eine Reklamation bei der Qualität?", "Reklamation"),
        ("Is the Lincoln bookcase the same depth as the other one?", "Lincoln"),
    ],
)
def test_a_product_store_or_noun_stays(redact, text, word):
    assert word in redact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Buenas, les escribe Teófilo Garrido. El mensajero dice que no había nadie.", "Teófilo"),
        ("el paquete lo firmó un tal Ramiro Quiroga?? aquí no vive nadie así", "Ramiro"),
        ("le colis a été signé par un certain Aurèle Vasseur, je ne le connais pas", "Vasseur"),
        ("Das Paket hat ein gewisser Detlev Kranzler unterschrieben", "Kranzler"),
        ("déjelo con la vecina Rosalía, del segundo", "Rosalía"),
        ("Bestellt wurde unter dem Namen Cemal Hoyer, ist das mein Paket?", "Hoyer"),
    ],
)
def test_a_name_after_a_cue_or_a_person_is_still_redacted(redact, text, name):
    assert name not in redact(text)


def test_a_link_word_with_nothing_before_it_is_read_without_error(redact):
    # "  de Sevilla Marta": a store's link word ("de") with no word before it once crashed the place check.
    assert "Marta" not in redact("  de Sevilla Marta")
