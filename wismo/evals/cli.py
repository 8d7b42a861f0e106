"""`wismo eval [FILES] [--json] [--report DIR] [--external]`: the scenario suite and its metrics.

Runs the packaged suite (or the shop's own scenario files) against the agent on the configured store,
prints the metrics, and exits non-zero when a CI gate fails (task success below 95%, any false answer
or PII leak). `--external` also scores the public datasets under ../shared/data when present.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

EXTERNAL = ("intents", "pii", "eta")


def default_data_dir() -> Path:
    return Path.cwd().parent / "shared" / "data"


def run_external(data_dir: Path, which: tuple[str, ...] = EXTERNAL) -> dict[str, Any]:
    """Score the external datasets with the existing evaluators; an absent set says why it was skipped."""
    out: dict[str, Any] = {}
    if not Path(data_dir).is_dir():
        return {name: {"skipped": f"no data directory at {data_dir}"} for name in which}
    for name in which:
        started = time.perf_counter()
        try:
            if name == "intents":
                from . import intents

                out[name] = intents.run(Path(data_dir))
            elif name == "pii":
                from . import pii

                out[name] = pii.run(Path(data_dir))
            elif name == "eta":
                from . import eta

                out[name] = eta.run(Path(data_dir))
        except Exception as exc:  # noqa: BLE001 - one broken set must not hide the others
            out[name] = {"skipped": f"failed: {type(exc).__name__}: {exc}"}
        if isinstance(out.get(name), dict):
            out[name].setdefault("seconds", round(time.perf_counter() - started, 2))
    return out


def cmd_eval(args: argparse.Namespace) -> int:
    from ..agent.runtime import Agent
    from ..config import get_settings
    from .metrics import summary_lines
    from .report import write_report
    from .runner import run_suite
    from .scenarios import ScenarioError

    agent = Agent(get_settings())
    if not agent.store.list_orders(limit=1):
        print("The store has no orders; seed the demo store first: wismo demo seed", file=sys.stderr)
        return 2
    try:
        result = run_suite(agent, args.files or None)
    except ScenarioError as exc:
        print(f"scenario error: {exc}", file=sys.stderr)
        return 2
    external = run_external(Path(args.data_dir)) if args.external else None
    if args.report:
        paths = write_report(result, args.report, external)
        print(f"report: {paths['markdown']} and {paths['html']}", file=sys.stderr)
    if args.json:
        out = {k: v for k, v in result.items() if k not in ("results", "latencies_ms")}
        if args.verbose:
            out["results"] = result["results"]
        if external is not None:
            out["external"] = external
        json.dump(out, sys.stdout, indent=1, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        print("\n".join(summary_lines(result)))
        print(f"({result['seconds']} s)")
        if result["failures"]:
            print(f"\nfailures ({len(result['failures'])} turns):")
            for f in result["failures"]:
                if f.get("error"):
                    print(f"- {f['scenario']}: could not run: {f['error']}")
                    continue
                print(f"- {f['scenario']} turn {f['turn']}: {f['said']!r}")
                for e in f["expected"]:
                    print(f"    {e}")
                print(f"    bot: {f['reply'][:240]!r}")
        if external is not None:
            print("\nexternal datasets:")
            for name, r in external.items():
                print(f"- {name}: {'skipped: ' + r['skipped'] if 'skipped' in r else 'see --json / --report'}")
    return 0 if all(result["gates"].values()) else 1


def register(subparsers: Any) -> None:
    """Add `wismo eval` to the CLI's subparsers."""
    s = subparsers.add_parser("eval", help="run the scenario suite (and external datasets) and print the metrics")
    s.add_argument("files", nargs="*", help="scenario files or folders (YAML or JSON Lines); default: packaged suite")
    s.add_argument("--json", action="store_true", help="print the metrics as JSON")
    s.add_argument("--verbose", action="store_true", help="with --json: include every turn of every scenario")
    s.add_argument("--report", metavar="DIR", help="write report.md, report.html and charts into DIR")
    s.add_argument("--external", action="store_true", help="also score the external datasets (intents, PII, ETA)")
    s.add_argument("--data-dir", default=str(default_data_dir()), help="where the external datasets are")
    s.set_defaults(func=cmd_eval)


def main(argv: list[str] | None = None) -> int:
    """`python -m wismo.evals.cli ...` until `wismo eval` is wired."""
    parser = argparse.ArgumentParser(prog="wismo")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
