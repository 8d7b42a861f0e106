"""`wismo track-link ORDER_NUMBER [--days N]` prints a customer's tracking-page link;
`wismo track-link --revoke=TOKEN_ID` makes a link stop working at once (a leaked or forwarded link; the
`=` keeps an id that starts with "-" from reading as an option).

Links are absolute (WISMO_PUBLIC_URL) and expire on the store's clock, like every answer wismo gives.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import track_tokens


def _env():
    from ..config import get_settings
    from ..domain.db import create_schema, get_engine
    from ..domain.store import Store
    from .track_records import ensure_tables

    settings = get_settings()
    engine = get_engine(settings.store_url)
    create_schema(engine)
    ensure_tables(engine)
    return settings, engine, Store(engine)


def cmd_track_link(args: argparse.Namespace) -> int:
    settings, engine, store = _env()
    if args.revoke:
        newly = track_tokens.revoke(engine, args.revoke)
        print(json.dumps({"token_id": args.revoke, "revoked": True, "already": not newly}))
        return 0
    if not args.order_number:
        print("give an ORDER_NUMBER, or --revoke=TOKEN_ID", file=sys.stderr)
        return 2
    order = store.order(args.order_number)
    if order is None:
        print(f"no order {args.order_number!r}", file=sys.stderr)
        return 1
    token, tid, expires = track_tokens.issue_link(engine, settings, order.number_key, store.now(), days=args.days)
    url = track_tokens.public_url(token)
    if args.json:
        print(
            json.dumps({"order_number": order.number, "url": url, "token_id": tid, "expires_at": expires.isoformat()})
        )
    else:
        print(url)
        print(
            f"token id {tid} (revoke with: wismo track-link --revoke={tid}); expires {expires.isoformat()}",
            file=sys.stderr,
        )
    return 0


def register(subparsers) -> None:
    """Add `track-link` to the `wismo` command."""
    p = subparsers.add_parser("track-link", help="print a tracking-page link for an order, or revoke one")
    p.add_argument("order_number", nargs="?", help="e.g. '#WS10042'")
    p.add_argument("--days", type=int, default=track_tokens.DEFAULT_DAYS, help="days until the link expires")
    p.add_argument("--revoke", metavar="TOKEN_ID", help="revoke the link with this token id instead")
    p.add_argument("--json", action="store_true", help="print a JSON line (url, token_id, expires_at)")
    p.set_defaults(func=cmd_track_link)
