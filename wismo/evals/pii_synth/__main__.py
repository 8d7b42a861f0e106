"""python -m wismo.evals.pii_synth --out DIR --seed S: write the four files, a manifest, and print counts.

The manifest records the seed and the Faker version: Faker's word lists change between releases, so the
same seed reproduces the same files only with the same Faker.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import faker

from . import DATA_DIR, DEFAULT_SEED, MANIFEST, count, generate_all
from .slots import TemplateError


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wismo.evals.pii_synth",
        description="Generate the synthetic multilingual PII evaluation set (dev, holdout, ordinary_dev, "
        "ordinary_holdout as JSON Lines) and print counts per language and type as JSON on stdout.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DATA_DIR,
        help="output folder (default: wismo/evals/data/pii_synth, the committed set)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default: {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        files = generate_all(args.seed)
        for name, rows in files.items():
            write_jsonl(args.out / name, rows)
            print(f"wrote {args.out / name} ({len(rows)} messages)", file=sys.stderr)
        manifest = {"seed": args.seed, "faker_version": faker.VERSION, "counts": count(files)}
        (args.out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except TemplateError as exc:
        print(f"error: {exc}; fix the template and run again", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write to {args.out}: {exc.strerror}; choose another --out", file=sys.stderr)
        return 2
    print(json.dumps(manifest["counts"], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
