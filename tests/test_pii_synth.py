"""The synthetic multilingual PII set: deterministic, gold offsets right, check digits valid, splits apart."""

from __future__ import annotations

import json
import random
import re
from functools import cache

import faker
import phonenumbers
import pytest
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.br import cpf as std_cpf
from stdnum.de import idnr as std_idnr
from stdnum.es import dni as std_dni
from stdnum.es import nie as std_nie
from stdnum.fr import nir as std_nir
from stdnum.mx import curp as std_curp
from stdnum.mx import rfc as std_rfc
from stdnum.pt import nif as std_nif

from wismo.evals.pii import ADDRESS_TYPE, STRICT_TYPES
from wismo.evals.pii_synth import DATA_DIR, DEFAULT_SEED, MANIFEST, generate_ordinary, generate_pii, words_changed
from wismo.evals.pii_synth import checksums as cs
from wismo.evals.pii_synth.__main__ import main
from wismo.evals.pii_synth.locales import ALL_LOCALES, LANGUAGES
from wismo.evals.pii_synth.phones import phone
from wismo.evals.pii_synth.slots import Draw, TemplateError
from wismo.evals.pii_synth.templates import Filled, fill, load_templates, unambiguous

FILES = ("dev.jsonl", "holdout.jsonl", "ordinary_dev.jsonl", "ordinary_holdout.jsonl")
PII_TYPES = {*STRICT_TYPES, ADDRESS_TYPE, "NATIONAL_ID", "DATE_OF_BIRTH"}
KEEP_TYPES = {"ORDER_NUMBER", "TRACKING_NUMBER", "POSTAL_CODE"}


@cache
def committed(name: str) -> tuple[dict, ...]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh)


def pii_rows() -> list[dict]:
    return [*committed("dev.jsonl"), *committed("holdout.jsonl")]


# ------------------------------------------------------------------------------------------ determinism
def test_generator_is_deterministic_for_a_seed_and_differs_across_seeds():
    first = generate_pii(7, "dev", per_language=30)
    assert first == generate_pii(7, "dev", per_language=30)
    assert first != generate_pii(8, "dev", per_language=30)
    assert generate_ordinary(7, "holdout", per_language=20) == generate_ordinary(7, "holdout", per_language=20)


def test_committed_files_are_what_the_command_writes(tmp_path, capsys):
    manifest = json.loads((DATA_DIR / MANIFEST).read_text(encoding="utf-8"))
    if manifest["faker_version"] != faker.VERSION:
        pytest.skip(f"files were made with Faker {manifest['faker_version']}, {faker.VERSION} is installed")
    assert main(["--out", str(tmp_path), "--seed", str(manifest["seed"])]) == 0
    assert manifest["seed"] == DEFAULT_SEED
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    counts = json.loads(capsys.readouterr().out)
    assert counts["dev.jsonl"]["messages"] == len(committed("dev.jsonl"))


def test_command_reports_an_unwritable_folder_in_one_line(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: cannot write to") and "--out" in err[-1]


def test_help_describes_the_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "--seed" in capsys.readouterr().out


# ------------------------------------------------------------------------------------------ gold spans
def test_every_span_and_kept_value_points_at_its_value():
    checked = 0
    for row in pii_rows():
        for span in row["spans"] + row["keep"]:
            value = row["full_text"][span["start_position"] : span["end_position"]]
            assert value == span["entity_value"], (row["template_id"], span)
            assert value.strip() == value and value
            checked += 1
    assert checked > 7_000


def test_gold_types_and_no_overlaps_or_stray_copies():
    for row in pii_rows():
        assert {s["entity_type"] for s in row["spans"]} <= PII_TYPES
        assert {k["entity_type"] for k in row["keep"]} <= KEEP_TYPES
        assert all("subtype" in s for s in row["spans"] if s["entity_type"] == "NATIONAL_ID")
        assert unambiguous(Filled(row["full_text"], row["spans"], row["keep"])), row["full_text"]


def test_unambiguous_rejects_a_kept_value_hidden_inside_pii():
    text = "call 0351 4427719, PLZ 44277"
    spans = [{"entity_type": "PHONE_NUMBER", "entity_value": "0351 4427719", "start_position": 5, "end_position": 17}]
    keep = [{"entity_type": "POSTAL_CODE", "entity_value": "4427", "start_position": 23, "end_position": 27}]
    assert not unambiguous(Filled(text, spans, keep))


def test_ordinary_sets_carry_no_gold_and_real_words():
    for name in ("ordinary_dev.jsonl", "ordinary_holdout.jsonl"):
        for row in committed(name):
            assert row["spans"] == [] and row["keep"] == []
            assert len(re.findall(r"\w+", row["full_text"])) >= 3
            assert "{{" not in row["full_text"]


def test_words_changed_counts_ordinary_words_lost_to_placeholders():
    original = "Sehr geehrte Damen und Herren, wo bleibt mein Paket?"
    assert words_changed(original, original) == (0, 9)
    assert words_changed(original, "Sehr geehrte <PERSON_1> und <PERSON_2>, wo bleibt mein Paket?") == (2, 9)
    assert words_changed("Madame, Monsieur", "<PERSON_1>, <PERSON_2>") == (2, 2)


# ------------------------------------------------------------------------------------------ check digits
NATIONAL_VALIDATORS = {
    "es_dni": (cs.is_es_dni, std_dni.is_valid),
    "es_nie": (cs.is_es_nie, std_nie.is_valid),
    "mx_rfc": (cs.is_mx_rfc, lambda v: _stdnum_ok(std_rfc.validate, v, validate_check_digits=True)),
    "mx_curp": (cs.is_mx_curp, std_curp.is_valid),
    "br_cpf": (cs.is_br_cpf, std_cpf.is_valid),
    "pt_nif": (cs.is_pt_nif, std_nif.is_valid),
    "de_steuer_id": (cs.is_de_idnr, std_idnr.is_valid),
    "fr_nir": (cs.is_fr_nir, std_nir.is_valid),
    "uk_nino": (cs.is_uk_nino, cs.is_uk_nino),
}
CARRIER_OF = {"ups": "ups", "usps20": "usps", "usps22": "usps", "fedex12": "fedex", "fedex15": "fedex", "dhl10": "dhl"}


def _stdnum_ok(validate, value: str, **kwargs) -> bool:
    try:
        validate(value, **kwargs)
    except Exception:
        return False
    return True


def test_cards_ibans_and_national_ids_have_valid_check_digits():
    seen: set[str] = set()
    for row in pii_rows():
        for span in row["spans"]:
            value, etype = span["entity_value"], span["entity_type"]
            if etype == "CREDIT_CARD":
                assert cs.is_luhn(value) and std_luhn.is_valid(cs.digits(value)), value
            elif etype == "IBAN_CODE":
                assert cs.is_iban(value) and std_iban.is_valid(value), value
            elif etype == "US_SSN":
                assert cs.is_us_ssn(value), value
            elif etype == "NATIONAL_ID":
                ours, theirs = NATIONAL_VALIDATORS[span["subtype"]]
                assert ours(value) and theirs(value), (span["subtype"], value)
                seen.add(span["subtype"])
    assert seen == set(NATIONAL_VALIDATORS)


def test_tracking_numbers_satisfy_their_carrier_and_kept_numbers_never_pass_as_cards():
    for row in pii_rows():
        for keep in row["keep"]:
            value = keep["entity_value"]
            if keep["entity_type"] == "TRACKING_NUMBER":
                assert cs.tracking_carrier(value) == CARRIER_OF[keep["subtype"]], (keep["subtype"], value)
            d = cs.digits(value)
            if keep["entity_type"] != "POSTAL_CODE" and d.isdigit() and 13 <= len(d) <= 19:
                assert not cs.is_luhn(d), value


@pytest.mark.parametrize(
    "number, carrier",
    [
        ("1Z5R89390357567127", "ups"),
        ("1Z999AA10123456784", "ups"),
        ("0307 1790 0005 2348 3741", "usps"),
        ("9400 1112 0108 0805 4830 16", "usps"),
        ("986578788855", "fedex"),
        ("0414 4176 0228 964", "fedex"),
        ("3318810025", "dhl"),
        ("8487135506", "dhl"),
        ("1Z5R89390357567128", None),
        ("0307 1790 0005 2348 3742", None),
        ("996578788855", None),
        ("5682 8361 0012 732", None),
        ("3318810034", None),
    ],
)
def test_carrier_check_digits_match_published_examples(number, carrier):
    assert cs.tracking_carrier(number) == carrier


def test_own_validators_reject_corrupted_values_and_are_never_stricter_than_stdnum():
    """Change one digit of valid values: our check digits catch most; whatever stdnum accepts, so do we."""
    rng = random.Random(3)
    total = rejected = 0
    for row in pii_rows():
        for span in row["spans"]:
            if span["entity_type"] != "NATIONAL_ID" or span["subtype"] == "uk_nino":
                continue
            value = span["entity_value"]
            i = rng.choice([i for i, c in enumerate(value) if c.isdigit()])
            bad = value[:i] + str((int(value[i]) + rng.randint(1, 9)) % 10) + value[i + 1 :]
            ours, theirs = NATIONAL_VALIDATORS[span["subtype"]]
            if theirs(bad):
                assert ours(bad), (span["subtype"], bad)
            total, rejected = total + 1, rejected + (not ours(bad))
    assert total > 300 and rejected / total >= 0.85


def test_phones_are_valid_numbers_of_their_country():
    ext = re.compile(r"\s*(x|ext\.?|extensión|poste|Durchwahl|App\.|ramal)\s*\d+$")
    count = 0
    for row in pii_rows():
        region = row["locale"].split("_")[1]
        for span in row["spans"]:
            if span["entity_type"] == "PHONE_NUMBER":
                base = ext.sub("", span["entity_value"])
                assert phonenumbers.is_valid_number(phonenumbers.parse(base, region)), (row["locale"], base)
                count += 1
    assert count > 500


def test_every_country_and_style_of_phone_generator_is_valid():
    rng = random.Random(11)
    for region, language in (("US", "en"), ("GB", "en"), ("ES", "es"), ("MX", "es"), ("FR", "fr"), ("DE", "de")):
        for style in ("national", "intl", "bare") * 60:
            value = phone(rng, region, language, style)
            assert phonenumbers.is_valid_number(phonenumbers.parse(value, region)), value
    for region in ("BR", "PT"):
        for style in ("national", "intl", "bare") * 60:
            value = phone(rng, region, "pt", style)
            assert phonenumbers.is_valid_number(phonenumbers.parse(value, region)), value


# ------------------------------------------------------------------------------------------ splits
def test_no_template_is_in_both_splits():
    dev = {r["template_id"] for r in committed("dev.jsonl")}
    holdout = {r["template_id"] for r in committed("holdout.jsonl")}
    assert dev and holdout and not dev & holdout
    parts = {
        split: {p for r in committed(f"ordinary_{split}.jsonl") for p in r["metadata"]["parts"]}
        for split in ("dev", "holdout")
    }
    assert parts["dev"] and parts["holdout"] and not parts["dev"] & parts["holdout"]
    for template in load_templates("pii"):
        assert template.id not in (holdout if template.split == "dev" else dev)


def test_both_splits_hold_every_language_locale_and_type_in_balance():
    for name, per_language in (("dev.jsonl", 600), ("holdout.jsonl", 300)):
        rows = committed(name)
        split = name.split(".")[0]
        assert all(r["metadata"]["split"] == split for r in rows)
        for language in LANGUAGES:
            assert sum(r["language"] == language for r in rows) == per_language
        assert {r["locale"] for r in rows} == set(ALL_LOCALES)
        assert {s["entity_type"] for r in rows for s in r["spans"]} == PII_TYPES
        assert {k["entity_type"] for r in rows for k in r["keep"]} == KEEP_TYPES
        for language in LANGUAGES:
            mine = [r for r in rows if r["language"] == language]
            types = {s["entity_type"] for r in mine for s in r["spans"]}
            assert {"PERSON", "PHONE_NUMBER", "CREDIT_CARD", "STREET_ADDRESS", "DATE_OF_BIRTH"} <= types, language
            assert KEEP_TYPES <= {k["entity_type"] for r in mine for k in r["keep"]}, language
    for name, per_language in (("ordinary_dev.jsonl", 300), ("ordinary_holdout.jsonl", 150)):
        rows = committed(name)
        assert all(sum(r["language"] == lang for r in rows) == per_language for lang in LANGUAGES)


# ------------------------------------------------------------------------------------------ templates
def _draw(locale: str = "de_DE") -> Draw:
    fake = faker.Faker(locale)
    fake.seed_instance(1)
    return Draw(random.Random(1), fake, locale)


def test_fill_records_offsets_through_modifiers_gender_and_repeats():
    filled = fill("{{g:Herr|Frau}} {{last_name|upper}}: {{first_name}} {{last_name}} / {{order}}", _draw())
    person = [s for s in filled.spans if s["entity_type"] == "PERSON"]
    assert len(person) == 3 and person[0]["entity_value"] == person[0]["entity_value"].upper()
    assert filled.text.startswith(("Herr ", "Frau "))
    assert filled.keep[0]["subtype"] == "shop" and re.fullmatch(r"#WS\d{5}", filled.keep[0]["entity_value"])


def test_templates_that_do_not_fit_fail_clearly():
    with pytest.raises(TemplateError, match="unknown slot"):
        fill("hi {{nonsense}}", _draw())
    with pytest.raises(TemplateError, match="restrict the template's locales"):
        fill("IBAN {{iban}}", _draw("en_US"))
    with pytest.raises(TemplateError, match="malformed slot"):
        fill("hi {{person", _draw())
