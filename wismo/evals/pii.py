"""PII guardrail evaluation: how much PII leaks, what survives that must, what ordinary text is lost,
and how long it takes, per language and overall, on each evaluation set.

Sets:
- the synthetic multilingual set (`data/pii_synth/`): dev.jsonl to tune on; holdout.jsonl, read
  only with `--holdout` (look at it once, when tuning is over); ordinary_{dev,holdout}.jsonl,
  sentences without PII, for over-redaction;
- presidio-research's sentences under DATA_DIR/pii/dev.jsonl (`../shared/data` by default), a
  second report, with our keep set (`data/wismo_keep.jsonl`) for the order and tracking numbers.

Leak metric: a gold span whose value still appears verbatim in the redacted text leaked. Strict
types are pooled (issue 16's six plus national ids and dates of birth, issue 21); street addresses
have their own goal. Kept: a value to keep (order number, tracking number, verification postal
code) still verbatim. Ordinary words redacted: words of the ordinary sentences that a redacted
span covers. Times are per message: wall clock, and CPU time of this process (what a message costs
on a core of its own; the wall clock also counts other work on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

STRICT_TYPES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "NATIONAL_ID",
    "DATE_OF_BIRTH",
)
ADDRESS_TYPE = "STREET_ADDRESS"
#: Goals from issues 15, 16 and 21 (times in ms; the worst case is for messages up to 4,000 chars).
GOALS = {
    "strict_leak_rate": 0.02,
    "address_leak_rate": 0.05,
    "keep_rate": 0.99,
    "ordinary_redacted_rate": 0.01,
    "p50_ms": 5.0,
    "worst_ms": 50.0,
}
HERE = Path(__file__).resolve().parent
KEEP_SET = HERE / "data" / "wismo_keep.jsonl"
SYNTH_DIR = HERE / "data" / "pii_synth"
DEFAULT_DATA = HERE.parents[1].parent / "shared" / "data"
_WORD = re.compile(r"[^\W_]+")
#: Loads everything a first message would (spaCy, the email recognizer's suffix list) before timing.
WARM_UP = "Hi, I am Jane Doe, jane@example.com, 12 Main Street, call 415-555-0142 about #WS10042"


def pathological_inputs() -> dict[str, str]:
    """Inputs of 4,000 characters built to make patterns backtrack or span logic go quadratic."""
    cases = {
        '"1."*2000': "1." * 2000,
        '"a-"*2000': "a-" * 2000,
        '"Jane and "*444': "Jane and " * 444,
        '"Ana, "*800': "Ana, " * 800,
        '"Mr. "*1000': "Mr. " * 1000,
        '"my name is bob "*266': "my name is bob " * 266,
        '"1 "*2000': "1 " * 2000,
        '"1-"*2000': "1-" * 2000,
        '"a@b.co "*571': "a@b.co " * 571,
        '"4111 1111 1111 1111 "*200': "4111 1111 1111 1111 " * 200,
        '"+1 (555) 555-0100 "*222': "+1 (555) 555-0100 " * 222,
        '"12 Main Street, "*250': "12 Main Street, " * 250,
        '"Hauptstraße 1 "*285': "Hauptstraße 1 " * 285,
        '"1 rue De "*444': "1 rue De " * 444,
        '"DE89 3704 0044 0532 0130 00 "*142': "DE89 3704 0044 0532 0130 00 " * 142,
        '"Aa "*1333': "Aa " * 1333,
        '"x"*4000': "x" * 4000,
        '"#WS"*1333': "#WS" * 1333,
        "4,000 chars of a Spanish chat": (
            "Hola, me llamo Inés García, mi móvil es 612 345 678 y vivo en Calle Mayor 5, 28013 Madrid. " * 45
        ),
        "4,000 chars of distinct names": " ".join(f"Xq{i:04d}vn Bra{i:03d}kol" for i in range(250)),
    }
    return {name: text[:4000] for name, text in cases.items()}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _timed(redactor, text: str):
    w0, c0 = time.perf_counter(), time.process_time()
    out = redactor.redact(text)
    return out, (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000


def _rate(bad: int, n: int) -> float:
    return round(bad / n, 4) if n else 0.0


class _Tally:
    """Counts for one language (or all of them) of one set."""

    def __init__(self) -> None:
        self.totals: Counter[str] = Counter()
        self.leaks: Counter[str] = Counter()
        self.keep_n = self.kept = 0
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def summary(self) -> dict:
        strict_n = sum(self.totals[t] for t in STRICT_TYPES)
        strict_leaked = sum(self.leaks[t] for t in STRICT_TYPES)
        return {
            "messages": len(self.wall),
            "strict_n": strict_n,
            "strict_leaked": strict_leaked,
            "strict_leak_rate": _rate(strict_leaked, strict_n),
            "address_n": self.totals[ADDRESS_TYPE],
            "address_leaked": self.leaks[ADDRESS_TYPE],
            "address_leak_rate": _rate(self.leaks[ADDRESS_TYPE], self.totals[ADDRESS_TYPE]),
            "keep_n": self.keep_n,
            "kept": self.kept,
            "keep_rate": round(self.kept / self.keep_n, 4) if self.keep_n else 1.0,
            "p50_ms": round(statistics.median(self.wall), 2) if self.wall else 0.0,
            "p95_ms": round(_percentile(self.wall, 0.95), 2),
            "worst_ms": round(max(self.wall), 2) if self.wall else 0.0,
            "cpu_p50_ms": round(statistics.median(self.cpu), 2) if self.cpu else 0.0,
            "cpu_worst_ms": round(max(self.cpu), 2) if self.cpu else 0.0,
            "per_type": {
                t: {"n": self.totals[t], "leaked": self.leaks[t], "leak_rate": _rate(self.leaks[t], self.totals[t])}
                for t in sorted(self.totals)
            },
        }


def score_set(rows: list[dict], redactor, examples: int = 0) -> dict:
    """Leaks, keeps and times of a file of messages ({full_text, spans, keep?, language?}),
    per language ("language" field, "en" when absent) and overall."""
    redactor.redact(WARM_UP)
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    leak_examples: list[dict] = []
    lost: list[dict] = []
    for row in rows:
        text = row["full_text"]
        lang = row.get("language") or "en"
        out, wall, cpu = _timed(redactor, text)
        redacted = out.text
        for tally in (tallies[lang], tallies["all"]):
            tally.wall.append(wall)
            tally.cpu.append(cpu)
        for span in row.get("spans", []):
            etype, value = span["entity_type"], span["entity_value"]
            leaked = bool(value.strip()) and value in redacted
            for tally in (tallies[lang], tallies["all"]):
                tally.totals[etype] += 1
                tally.leaks[etype] += leaked
            if leaked and (etype in STRICT_TYPES or etype == ADDRESS_TYPE) and len(leak_examples) < examples:
                leak_examples.append({"lang": lang, "type": etype, "value": value, "redacted": redacted[:200]})
        for keep in row.get("keep", []):
            value = keep["entity_value"] if isinstance(keep, dict) else keep
            ok = value in redacted
            for tally in (tallies[lang], tallies["all"]):
                tally.keep_n += 1
                tally.kept += ok
            if not ok and len(lost) < examples:
                lost.append({"lang": lang, "value": value, "redacted": redacted[:200]})
    report = {lang: tallies[lang].summary() for lang in sorted(tallies, key=lambda k: (k == "all", k))}
    if examples:
        report["leak_examples"] = leak_examples
        report["lost"] = lost
    return report


def score_ordinary(rows: list[dict], redactor, examples: int = 0) -> dict:
    """Share of the words of PII-free sentences that redaction removes, per language and overall."""
    words: Counter[str] = Counter()
    redacted_words: Counter[str] = Counter()
    found: list[dict] = []
    for row in rows:
        text = row["full_text"]
        lang = row.get("language") or "en"
        spans = redactor.analyze(text)
        covered = 0
        for m in _WORD.finditer(text):
            if any(s.start < m.end() and m.start() < s.end for s in spans):
                covered += 1
        n = len(_WORD.findall(text))
        for key in (lang, "all"):
            words[key] += n
            redacted_words[key] += covered
        if covered and len(found) < examples:
            found.append({"lang": lang, "text": text[:200], "redacted": [s.original for s in spans]})
    report: dict = {
        lang: {"words": words[lang], "redacted": redacted_words[lang], "rate": _rate(redacted_words[lang], words[lang])}
        for lang in sorted(words, key=lambda k: (k == "all", k))
    }
    if examples:
        report["examples"] = found
    return report


def worst_case(redactor, repeats: int = 3) -> dict:
    """The slowest of the pathological 4,000-character inputs (best of `repeats` runs each)."""
    redactor.redact(WARM_UP)
    cases = {}
    for name, text in pathological_inputs().items():
        runs = [_timed(redactor, text) for _ in range(repeats)]
        cases[name] = {"ms": round(min(w for _, w, _ in runs), 1), "cpu_ms": round(min(c for _, _, c in runs), 1)}
    slowest = max(cases, key=lambda k: cases[k]["cpu_ms"])
    return {"slowest": slowest, **cases[slowest], "cases": cases}


def score_pii(path: Path, redactor) -> dict:
    """Leak rates per gold type on a presidio-research style file ({full_text, spans}), pooled."""
    report = score_set(_rows(path), redactor, examples=50)
    overall = dict(report["all"])
    overall["leak_examples"] = report["leak_examples"]
    return overall


def score_keep(path: Path, redactor) -> dict:
    """Share of order/tracking numbers ({"text", "keep": [...]}) still verbatim after redaction."""
    total = kept = 0
    lost: list[dict] = []
    for row in _rows(path):
        redacted = redactor.redact(row["text"]).text
        for value in row["keep"]:
            total += 1
            if value in redacted:
                kept += 1
            else:
                lost.append({"value": value, "redacted": redacted})
    return {"n": total, "kept": kept, "keep_rate": round(kept / total, 4) if total else 1.0, "lost": lost}


def _passed(summary: dict, ordinary: dict | None = None) -> dict:
    out = {
        "strict_leak_rate": summary["strict_leak_rate"] <= GOALS["strict_leak_rate"],
        "address_leak_rate": summary["address_leak_rate"] <= GOALS["address_leak_rate"],
        "keep_rate": summary["keep_rate"] >= GOALS["keep_rate"],
        "p50_ms": summary["cpu_p50_ms"] <= GOALS["p50_ms"],
    }
    if ordinary is not None:
        out["ordinary_redacted_rate"] = ordinary["rate"] < GOALS["ordinary_redacted_rate"]
    return out


def _score_files(pii_file: Path, ordinary_file: Path, redactor, examples: int) -> dict:
    """One set: its PII messages, and its ordinary sentences for over-redaction when present."""
    if not pii_file.exists():
        return {"skipped": f"{pii_file} not found"}
    _progress(f"scoring {pii_file}")
    scored = score_set(_rows(pii_file), redactor, examples)
    if ordinary_file.exists():
        _progress(f"scoring {ordinary_file}")
        ordinary = score_ordinary(_rows(ordinary_file), redactor, examples)
        for lang, summary in scored.items():
            if lang in ordinary:
                summary["ordinary_redacted_rate"] = ordinary[lang]["rate"]
                summary["passed"] = _passed(summary, ordinary[lang])
        if examples:
            scored["over_redaction_examples"] = ordinary.get("examples", [])
    return scored


def run(
    data_dir: Path,
    synth_dir: Path = SYNTH_DIR,
    holdout: bool = False,
    examples: int = 0,
    blind: tuple[Path, ...] = (),
) -> dict:
    """Every set that is present: synthetic dev (+ holdout when asked), presidio-research's sentences
    under `data_dir` (pii/dev.jsonl) with our keep set, and the 4,000-character worst case."""
    from ..guardrails.pii import get_redactor

    redactor = get_redactor()
    report: dict = {"goals": GOALS, "sets": {}}
    splits = ["dev", "holdout"] if holdout else ["dev"]
    for split in splits:
        pii_file, ordinary_file = synth_dir / f"{split}.jsonl", synth_dir / f"ordinary_{split}.jsonl"
        report["sets"][f"synthetic {split}"] = _score_files(pii_file, ordinary_file, redactor, examples)
    for folder in blind:
        # A set written by hand by someone who never saw the redactor (evals/pii/blind1): read once.
        name = f"blind {Path(folder).name}"
        files = Path(folder) / "pii.jsonl", Path(folder) / "ordinary.jsonl"
        report["sets"][name] = _score_files(*files, redactor, examples)
    pii_file = Path(data_dir) / "pii" / "dev.jsonl"
    keep = score_keep(KEEP_SET, redactor)
    if pii_file.exists():
        _progress(f"scoring {pii_file}")
        scored = score_set(_rows(pii_file), redactor, examples)
        for summary in scored.values():
            if isinstance(summary, dict) and "keep_n" in summary:
                summary["keep_n"], summary["kept"], summary["keep_rate"] = keep["n"], keep["kept"], keep["keep_rate"]
                summary["passed"] = _passed(summary)
        report["sets"]["presidio-research dev"] = scored
    else:
        report["sets"]["presidio-research dev"] = {"skipped": f"{pii_file} not found"}
    report["keep"] = {k: v for k, v in keep.items() if k != "lost" or examples}
    _progress("timing the 4,000-character worst case")
    report["worst_case"] = worst_case(redactor)
    report["passed"] = {
        "keep_rate": keep["keep_rate"] >= GOALS["keep_rate"],
        "worst_ms": report["worst_case"]["cpu_ms"] <= GOALS["worst_ms"],
    }
    return report


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_report(report: dict) -> str:
    """A table per set: one row per language, then all languages."""
    lines = []
    for name, scored in report["sets"].items():
        lines.append(f"== {name}")
        if "skipped" in scored:
            lines.append(f"   skipped: {scored['skipped']}")
            continue
        lines.append(
            "   lang   msgs  strict leaks      addresses       kept            ordinary  p50/worst ms  cpu p50/worst"
        )
        for lang, s in scored.items():
            if not isinstance(s, dict) or "strict_n" not in s:
                continue
            ordinary = _pct(s["ordinary_redacted_rate"]) if "ordinary_redacted_rate" in s else "    -"
            lines.append(
                f"   {lang:5s} {s['messages']:5d}  {_pct(s['strict_leak_rate'])}"
                f" {s['strict_leaked']:4d}/{s['strict_n']:<5d}"
                f" {_pct(s['address_leak_rate'])} {s['address_leaked']:3d}/{s['address_n']:<4d}"
                f" {_pct(s['keep_rate'])} {s['kept']:4d}/{s['keep_n']:<5d} {ordinary}"
                f"   {s['p50_ms']:5.2f}/{s['worst_ms']:6.1f}  {s['cpu_p50_ms']:5.2f}/{s['cpu_worst_ms']:6.1f}"
            )
    w = report["worst_case"]
    lines.append(f"== worst case at 4,000 characters: {w['cpu_ms']} ms CPU ({w['ms']} ms wall), {w['slowest']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wismo.evals.pii",
        description="Score the PII redactor: leaks, kept values, over-redaction and time, per language.",
    )
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA, help="holds pii/dev.jsonl")
    parser.add_argument("--synth", type=Path, default=SYNTH_DIR, help="the synthetic set's folder")
    parser.add_argument("--holdout", action="store_true", help="also score the holdout files (once, after tuning)")
    parser.add_argument(
        "--blind",
        type=Path,
        action="append",
        default=[],
        help="also score a hand-written set (a folder with pii.jsonl and ordinary.jsonl); read it once",
    )
    parser.add_argument("--examples", type=int, default=0, help="show up to N leaks, losses and over-redactions")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args(argv)
    report = run(args.data_dir, args.synth, holdout=args.holdout, examples=args.examples, blind=tuple(args.blind))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
        if args.examples:
            for name, scored in report["sets"].items():
                for key in ("leak_examples", "lost", "over_redaction_examples"):
                    for ex in scored.get(key, []):
                        print(f"[{name}] {key}: {json.dumps(ex, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
