"""The `wismo` command. Every subcommand has --help; errors say in one line what went wrong."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from .config import get_settings, protect_data_dir


def _progress(msg: str) -> None:
    print(f"[wismo] {msg}", file=sys.stderr, flush=True)


def _engine():
    """The store, created at the newest schema when empty; SchemaBehind (one line: run
    `wismo db upgrade`) when it is at an older one."""
    from .domain.db import create_schema, get_engine

    engine = get_engine(get_settings().store_url)
    create_schema(engine)
    return engine


def ensure_store(progress: Callable[[str], None] = _progress) -> None:
    """Seed the demo store when the database is empty (first run), and train its ETA model."""
    from .domain import demo

    engine = _engine()
    if not demo.is_seeded(engine):
        summary = seed_store(engine, progress=progress)
        if summary is not None:
            progress(f"demo store ready: {summary.orders} orders, {summary.shipments} shipments")
    _ensure_eta_model(engine, progress)


def seed_store(engine, orders: int = 5000, seed: int = 7, reset: bool = False, progress=_progress):
    """The demo store with its returns in progress and the season's default notices and store hours."""
    from .domain import demo
    from .tools import seasonal
    from .tools.returns import seed_demo_returns

    summary = demo.seed(engine, orders=orders, seed=seed, reset=reset, progress=progress)
    if summary is not None:
        n = seed_demo_returns(engine, demo.DEMO_NOW, rng_seed=11)
        seasonal.seed_defaults(engine, demo.DEMO_NOW.year, now=demo.DEMO_NOW)
        progress(f"seeded {n} returns in progress and the season's notices and store hours")
    return summary


def _ensure_eta_model(engine, progress: Callable[[str], None]) -> None:
    """A store without an ETA model gets one trained on its own deliveries."""
    from .domain.store import Store
    from .tools.eta import store_history, train_from_store

    path = get_settings().eta_model_path
    if path.exists():
        from .eta.model import EtaModel

        try:
            EtaModel.load(path)
            return
        except Exception as exc:  # an older format or a damaged file: train a fresh one
            progress(f"retraining the ETA model: {exc}")
    store = Store(engine)
    if len(store_history(store)) < 50:
        progress("too few delivered shipments to train an ETA model; using carrier estimates")
        return
    summary = train_from_store(store, path, progress=progress)
    progress(f"ETA model {summary['version']} trained on {summary['rows']} deliveries")


# ---------------------------------------------------------------------------- commands
def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import tempfile

    import uvicorn

    from . import logs

    settings = get_settings()
    if args.demo:
        ensure_store()
    else:
        from .domain import demo

        if not demo.is_seeded(_engine()):
            _progress("the store is empty: load your shop's orders, or run `wismo serve --demo` for a demo store")
    host = args.host or settings.host
    port = args.port or settings.port
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # /metrics adds up the counters of every worker process of this instance.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="wismo-metrics-")
    _progress(f"serving on http://{host}:{port} (chat at /chat, API docs at /docs)")
    uvicorn.run(
        "wismo.server:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_config=logs.config(settings.log_level, settings.log_format),
        access_log=False,
        # X-Forwarded-For is read by the app, from WISMO_TRUSTED_PROXIES only (docs/security.md).
        proxy_headers=False,
        # Graceful shutdown: requests in flight (turns) get this long to finish.
        timeout_graceful_shutdown=args.grace,
    )
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from .domain import schema
    from .domain.db import get_engine

    engine = get_engine(get_settings().store_url)
    _progress(f"before: {schema.describe(engine)}")
    before, after = schema.upgrade(engine, args.revision)
    _progress(f"upgraded {before or '(none)'} -> {after}" if before != after else f"already at {after}")
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    from .domain import schema
    from .domain.db import get_engine

    engine = get_engine(get_settings().store_url)
    print(json.dumps({"revision": schema.current(engine), "head": schema.head(), "state": schema.state(engine)}))
    _progress(schema.describe(engine))
    return 0 if schema.state(engine) in ("current", "empty") else 3


def cmd_db_downgrade(args: argparse.Namespace) -> int:
    from .domain import schema
    from .domain.db import get_engine

    before, after = schema.downgrade(get_engine(get_settings().store_url), args.revision)
    _progress(f"downgraded {before} -> {after or '(none)'}")
    return 0


def cmd_db_revision(args: argparse.Namespace) -> int:
    from .tables import new_revision

    _progress(f"wrote {new_revision(args.message)}; read it, adjust it, and commit it with the model change")
    return 0


def cmd_queue_list(args: argparse.Namespace) -> int:
    from .domain import work_queue as wq

    engine = _engine()
    if args.json:
        print(json.dumps({"stats": wq.stats(engine), "items": wq.listing(engine, args.queue, args.status, args.limit)}))
        return 0
    for name, row in wq.stats(engine).items():
        print(
            f"{name:8} pending {row['pending']:6} leased {row['leased']:6} dead {row['dead']:6} "
            f"oldest {row['oldest_age_s']:.1f} s"
        )
    for item in wq.listing(engine, args.queue, args.status, args.limit):
        what = item.get("key") or f"{item.get('source')}:{item.get('event_id')}"
        error = item.get("last_error") or ""
        print(f"{args.queue} #{item['id']} {item['kind']:12} tries {item['attempts']} {what} {error}")
    return 0


def cmd_queue_retry(args: argparse.Namespace) -> int:
    from .domain import work_queue as wq

    n = wq.retry_dead(_engine(), args.queue, args.ids or None)
    _progress(f"{n} dead {args.queue} item(s) back in line; the servers' workers take them now")
    print(json.dumps({"queue": args.queue, "retried": n}))
    return 0


def cmd_soak(args: argparse.Namespace) -> int:
    from .evals.soak import run_soak

    result = run_soak(args, progress=_progress)
    print(json.dumps(result, indent=2))
    return 0 if result.get("ok") else 1


def cmd_chat(args: argparse.Namespace) -> int:
    from .agent.runtime import Agent, MessageRejected

    ensure_store()
    agent = Agent()
    cid = agent.start("cli")
    interactive = sys.stdin.isatty()
    if interactive:
        print("wismo chat - type your message, Ctrl-D to quit. Try: where is my order #WS10001?")
    for line in sys.stdin:
        text = line.rstrip("\n")
        if not text.strip():
            continue
        try:
            reply = agent.send(cid, text)
        except MessageRejected as exc:
            print(f"! {exc.message}")
            continue
        print(f"bot> {reply.text}")
        if reply.citations:
            print("     sources: " + "; ".join(c["label"] for c in reply.citations))
        if reply.handoff:
            print(f"     handed off to a person ({reply.handoff['reason']})")
        if interactive:
            print("you> ", end="", flush=True)
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:

    engine = _engine()
    summary = seed_store(engine, orders=args.orders, seed=args.seed, reset=args.reset, progress=_progress)
    if summary is None:
        _progress("a store already exists; use --reset to replace it with a fresh demo store")
        _ensure_eta_model(engine, _progress)
        return 0
    if args.reset:
        get_settings().eta_model_path.unlink(missing_ok=True)
    _ensure_eta_model(engine, _progress)
    print(
        json.dumps(
            {
                "orders": summary.orders,
                "customers": summary.customers,
                "shipments": summary.shipments,
                "events": summary.events,
                "pickup_points": summary.pickup_points,
                "by_status": summary.by_status,
                "store_clock": summary.now.isoformat(),
            },
            indent=2,
        )
    )
    return 0


def cmd_orders(args: argparse.Namespace) -> int:
    from .domain.status import ShipmentStatus
    from .domain.store import Store

    if args.status and args.status not in {s.value for s in ShipmentStatus}:
        raise SystemExit(f"wismo orders: unknown status {args.status!r}; use one of the DESIGN.md statuses")
    rows = Store(_engine()).list_orders(status=args.status, limit=args.limit)
    for row in rows:
        if args.json:
            print(json.dumps(row))
        else:
            print(
                f"{row['order_number']:10} {row['status']:22} {row['carrier']:6} "
                f"{row['tracking_number']:24} {row['email']}"
            )
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from .agent.nlu import classify_stream

    for out in classify_stream(sys.stdin):
        print(json.dumps(out), flush=True)
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    from .guardrails.pii import redact_stream

    for out in redact_stream(sys.stdin):
        print(json.dumps(out), flush=True)
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from .agent.runtime import Agent
    from .ops.erasure import forget_customer

    result = forget_customer(Agent(), args.email)
    print(json.dumps(result))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .evals.bench import run_bench

    ensure_store()
    result = run_bench(
        turns=args.turns, clients=args.clients, http=not args.no_http, workers=args.workers, progress=_progress
    )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        from .evals.bench import format_bench

        print(format_bench(result))
    return 0


def cmd_eta_train(args: argparse.Namespace) -> int:
    from .eta.history import train_command

    summary = train_command(args.history, args.model, progress=_progress)
    print(json.dumps(summary))
    return 0


def cmd_eta_predict(args: argparse.Namespace) -> int:
    from .eta.history import predict_command

    predict_command(args.model, args.queries, sys.stdout)
    return 0


def cmd_eta_import_olist(args: argparse.Namespace) -> int:
    from .eta.history import olist_to_history, write_history

    rows = olist_to_history(args.olist_dir)
    with open(args.output, "w", newline="", encoding="utf-8") as out:
        n = write_history(rows, out)
    _progress(f"wrote {n} history rows to {args.output}")
    return 0


def cmd_eta_train_store(args: argparse.Namespace) -> int:
    from .domain.store import Store
    from .tools.eta import train_from_store

    summary = train_from_store(Store(_engine()), get_settings().eta_model_path, progress=_progress)
    print(json.dumps(summary))
    return 0


# ---------------------------------------------------------------------------- parser
def _count(text: str) -> int:
    """A whole number of at least 1 (turns, clients, workers)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n} is too small; use 1 or more")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wismo", description="Post-purchase support agent: 'Where is my order?' answered.")
    p.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("serve", help="run the server (web chat, API); --demo seeds a demo store if empty")
    s.add_argument("--host", default=None, help="bind address (default WISMO_HOST or 127.0.0.1)")
    s.add_argument("--port", type=int, default=None, help="port (default WISMO_PORT or 8000)")
    s.add_argument("--workers", type=_count, default=1, help="worker processes (default 1)")
    s.add_argument(
        "--demo",
        action="store_true",
        help="seed the demo store (5,000 orders with known emails) into an empty database; never without it",
    )
    s.add_argument("--no-seed", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
    s.add_argument("--grace", type=int, default=30, help="seconds requests in flight get to finish on shutdown")
    s.set_defaults(func=cmd_serve)

    db = sub.add_parser("db", help="the database schema: migrations")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    s = db_sub.add_parser("upgrade", help="apply the schema migrations this wismo needs (safe with instances running)")
    s.add_argument("--revision", default="head", help="migrate up to this revision (default: the newest)")
    s.set_defaults(func=cmd_db_upgrade)
    s = db_sub.add_parser("current", help="the database's schema revision and what to do about it")
    s.set_defaults(func=cmd_db_current)
    s = db_sub.add_parser("downgrade", help="undo migrations down to a revision (rehearsals; drops what they added)")
    s.add_argument("revision", help="the revision to go back to, e.g. 0001")
    s.set_defaults(func=cmd_db_downgrade)
    s = db_sub.add_parser("revision", help="write the next migration from the changed tables (developers)")
    s.add_argument("-m", "--message", required=True, help="what the migration does")
    s.set_defaults(func=cmd_db_revision)

    q = sub.add_parser("queue", help="the durable queues: webhooks in, messages and cases out")
    q_sub = q.add_subparsers(dest="queue_command", metavar="ACTION")
    s = q_sub.add_parser("list", help="queue depth, and the items of one queue in one status (dead by default)")
    s.add_argument("--queue", choices=("inbound", "outbox"), default="inbound")
    s.add_argument("--status", choices=("pending", "leased", "dead", "done", "sent", "refused"), default="dead")
    s.add_argument("--limit", type=_count, default=50, help="at most N items (default 50)")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=cmd_queue_list)
    s = q_sub.add_parser("retry", help="put dead-lettered items back in line (all, or the ids given)")
    s.add_argument("--queue", choices=("inbound", "outbox"), required=True)
    s.add_argument("ids", nargs="*", type=int, help="item ids (default: every dead item of the queue)")
    s.set_defaults(func=cmd_queue_retry)

    from .evals.soak import register as register_soak

    register_soak(sub).set_defaults(func=cmd_soak)

    s = sub.add_parser("chat", help="chat with the agent in the terminal")
    s.set_defaults(func=cmd_chat)

    demo = sub.add_parser("demo", help="the demo store")
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="ACTION")
    s = demo_sub.add_parser("seed", help="seed a deterministic demo store")
    s.add_argument("--orders", type=int, default=5000, help="number of orders (default 5000)")
    s.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    s.add_argument("--reset", action="store_true", help="replace an existing store")
    s.set_defaults(func=cmd_demo_seed)

    s = sub.add_parser("orders", help="list orders with their latest shipment")
    s.add_argument("--status", default=None, help="only shipments in this normalized status")
    s.add_argument("--limit", type=int, default=None, help="at most N rows")
    s.add_argument("--json", action="store_true", help="JSON Lines output")
    s.set_defaults(func=cmd_orders)

    s = sub.add_parser("classify", help='stdin {"text": ...} per line -> intent, confidence, entities')
    s.set_defaults(func=cmd_classify)

    s = sub.add_parser("redact", help='stdin {"text": ...} per line -> redacted text and entity spans')
    s.set_defaults(func=cmd_redact)

    s = sub.add_parser("forget", help="erase a customer's conversations and every copy made of them")
    s.add_argument("email", help="the customer's email address")
    s.set_defaults(func=cmd_forget)

    s = sub.add_parser("bench", help="turn latency and throughput (in-process and over HTTP)")
    s.add_argument("--turns", type=_count, default=400, help="turns per measurement (default 400)")
    s.add_argument("--clients", type=_count, default=8, help="concurrent HTTP clients (default 8)")
    s.add_argument(
        "--workers",
        type=_count,
        default=None,
        help="server worker processes for the HTTP part (default: CPUs + 1, which keeps every core busy)",
    )
    s.add_argument("--no-http", action="store_true", help="skip the HTTP measurements")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=cmd_bench)

    eta = sub.add_parser("eta", help="delivery windows learned from your shipment history")
    eta_sub = eta.add_subparsers(dest="eta_command", metavar="ACTION")
    s = eta_sub.add_parser("train", help="train a model from a history CSV (schema in docs/eta.md)")
    s.add_argument("history", type=Path, help="history CSV")
    s.add_argument("--model", type=Path, required=True, help="where to write the model file")
    s.set_defaults(func=cmd_eta_train)
    s = eta_sub.add_parser("predict", help="predict eta and an 80%% window for each query row (CSV to stdout)")
    s.add_argument("--model", type=Path, required=True, help="a model file from `wismo eta train`")
    s.add_argument("queries", type=Path, help="queries CSV: history columns without delivered_at, plus as_of")
    s.set_defaults(func=cmd_eta_predict)
    s = eta_sub.add_parser("import-olist", help="turn the Olist order export into a history CSV")
    s.add_argument("olist_dir", type=Path, help="folder with the olist_*.csv files")
    s.add_argument("-o", "--output", type=Path, required=True, help="history CSV to write")
    s.set_defaults(func=cmd_eta_import_olist)
    from .channels import track_cli
    from .evals.cli import register as register_eval
    from .ops import review, seasonal_cli

    seasonal_cli.register(sub)
    review.register(sub)
    track_cli.register(sub)
    register_eval(sub)

    s = eta_sub.add_parser(
        "train-store",
        help="train the model the eta tool uses from this store's deliveries (run it daily: docs/eta.md)",
    )
    s.set_defaults(func=cmd_eta_train_store)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    protect_data_dir(get_settings().data_dir, create=False)  # what any command writes there is private
    try:
        from . import logs

        settings = get_settings()
        logs.configure("DEBUG" if args.verbose else settings.log_level, settings.log_format)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"wismo {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
