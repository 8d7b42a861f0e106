"""`wismo notices ...` and `wismo playbook ...`: ops edit seasonal context from the terminal.

JSON Lines out, like the rest of the CLI. The clock is the store's (a demo store's frozen "now").
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timedelta

from ..tools import seasonal


def _env():
    from ..config import get_settings
    from ..domain.db import create_schema, get_engine
    from ..domain.store import Store

    engine = get_engine(get_settings().store_url)
    create_schema(engine)
    seasonal.ensure_tables(engine)
    return engine, Store(engine).now()


def _when(text: str | None, default: datetime) -> datetime:
    if not text:
        return default
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=default.tzinfo)


def _csv(text: str | None) -> list[str]:
    return [t for t in (text or "").split(",") if t.strip()]


def cmd_notices_list(args: argparse.Namespace) -> int:
    engine, now = _env()
    for n in seasonal.list_notices(engine, now, active_only=args.active):
        print(json.dumps(seasonal.notice_row(n, now)))
    return 0


def cmd_notices_add(args: argparse.Namespace) -> int:
    engine, now = _env()
    start = _when(args.start, now)
    end = _when(args.end, start + timedelta(days=args.days))
    n = seasonal.add_notice(
        engine,
        args.kind,
        args.text,
        start,
        end,
        _csv(args.regions),
        _csv(args.carriers),
        args.extra_days,
        args.title,
        now=now,
    )
    print(json.dumps(seasonal.notice_row(n, now)))
    return 0


def cmd_notices_end(args: argparse.Namespace) -> int:
    engine, now = _env()
    n = seasonal.end_notice(engine, args.id, now)
    if n is None:
        raise SystemExit(f"wismo notices end: no notice {args.id}")
    print(json.dumps(seasonal.notice_row(n, now)))
    return 0


def cmd_notices_hours(args: argparse.Namespace) -> int:
    engine, now = _env()
    first = date.fromisoformat(args.first_day)
    last = date.fromisoformat(args.last_day) if args.last_day else first
    row = seasonal.add_store_hours(engine, first, last, args.opens, args.closes, args.point, args.note, now)
    print(json.dumps({"id": row.id, "closed": row.closed}))
    return 0


def cmd_playbook_list(args: argparse.Namespace) -> int:
    engine, now = _env()
    running = [n for n in seasonal.list_notices(engine, now, active_only=True) if n.playbook_id]
    for p in seasonal.playbooks().values():
        active = [n.id for n in running if n.playbook_id == p.id]
        print(json.dumps({"id": p.id, "title": p.title, "extra_days": p.extra_days, "active_notices": active}))
    return 0


def cmd_playbook_activate(args: argparse.Namespace) -> int:
    engine, now = _env()
    start = _when(args.start, now)
    end = _when(args.end, start + timedelta(days=args.days))
    try:
        n = seasonal.activate(
            engine, args.playbook, _csv(args.regions), _csv(args.carriers), start, end, args.extra_days, now=now
        )
    except KeyError as exc:
        raise SystemExit(f"wismo playbook activate: {exc}") from exc
    print(json.dumps(seasonal.notice_row(n, now)))
    return 0


def cmd_playbook_deactivate(args: argparse.Namespace) -> int:
    engine, now = _env()
    for n in seasonal.deactivate(engine, args.playbook, now, _csv(args.regions)):
        print(json.dumps(seasonal.notice_row(n, now)))
    return 0


def register(subparsers) -> None:
    """Add `notices` and `playbook` to the `wismo` command's subparsers."""
    notices = subparsers.add_parser("notices", help="seasonal notices: cutoffs, weather, regional delays")
    nsub = notices.add_subparsers(dest="notices_command", required=True)
    s = nsub.add_parser("list", help="list notices (JSON Lines)")
    s.add_argument("--active", action="store_true", help="only notices in force now")
    s.set_defaults(func=cmd_notices_list)
    s = nsub.add_parser("add", help="add a notice")
    s.add_argument("--kind", required=True, choices=seasonal.NOTICE_KINDS)
    s.add_argument("--text", required=True)
    s.add_argument("--title")
    s.add_argument("--regions", help="comma-separated two-letter states; empty = all")
    s.add_argument("--carriers", help="comma-separated carriers (ups,usps,fedex,dhl); empty = all")
    s.add_argument("--start", help="ISO 8601; default now")
    s.add_argument("--end", help="ISO 8601; default start + --days")
    s.add_argument("--days", type=int, default=3)
    s.add_argument("--extra-days", type=int, default=0)
    s.set_defaults(func=cmd_notices_add)
    s = nsub.add_parser("end", help="end a notice now")
    s.add_argument("id", type=int)
    s.set_defaults(func=cmd_notices_end)
    s = nsub.add_parser("hours", help="special pickup hours (holidays) for all stores or one point")
    s.add_argument("first_day")
    s.add_argument("--last-day")
    s.add_argument("--opens")
    s.add_argument("--closes")
    s.add_argument("--point", help="pickup point code; default every shop store")
    s.add_argument("--note", default="")
    s.set_defaults(func=cmd_notices_hours)

    playbook = subparsers.add_parser("playbook", help="disruption playbooks (outage, weather, strike, capacity)")
    psub = playbook.add_subparsers(dest="playbook_command", required=True)
    s = psub.add_parser("list", help="list playbooks and their running activations")
    s.set_defaults(func=cmd_playbook_list)
    s = psub.add_parser("activate", help="activate a playbook for regions and carriers")
    s.add_argument("playbook")
    s.add_argument("--regions", required=True)
    s.add_argument("--carriers", default="")
    s.add_argument("--start")
    s.add_argument("--end")
    s.add_argument("--days", type=int, default=3)
    s.add_argument("--extra-days", type=int)
    s.set_defaults(func=cmd_playbook_activate)
    s = psub.add_parser("deactivate", help="end a playbook's running notices")
    s.add_argument("playbook")
    s.add_argument("--regions", help="only these regions")
    s.set_defaults(func=cmd_playbook_deactivate)
