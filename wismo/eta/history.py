"""The shipment-history contract: schema, CSV reading and writing, and the olist importer.

Everything that trains or queries the ETA model passes through here, so a shop's export only has to
match one small schema (DESIGN.md): the rest of the package never sees a raw export.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

HISTORY_COLUMNS: tuple[str, ...] = (
    "shipment_id",
    "carrier",
    "service",
    "origin_postal",
    "origin_region",
    "destination_postal",
    "destination_region",
    "ordered_at",
    "shipped_at",
    "promised_at",
    "delivered_at",
)
QUERY_COLUMNS: tuple[str, ...] = tuple(c for c in HISTORY_COLUMNS if c != "delivered_at") + ("as_of",)
# Optional columns: what the carrier said and scanned (docs/eta.md). Each counts only from the moment
# it was known (the as_of rule in `wismo.eta.carrier`); exports without them lose nothing else.
CARRIER_COLUMNS: tuple[str, ...] = (
    "carrier_estimate_at",  # the carrier's original estimated delivery time
    "carrier_estimate_revised_at",  # its latest revised estimate, after a delay or an exception
    "carrier_estimate_changed_at",  # when that revision was announced
    "out_for_delivery_at",  # the latest scan of each kind
    "delayed_at",
    "exception_at",
)
TIME_COLUMNS: tuple[str, ...] = ("ordered_at", "shipped_at", "promised_at", "delivered_at", "as_of", *CARRIER_COLUMNS)
# Optional extra columns the model uses when present (the olist importer fills them).
COORD_COLUMNS: tuple[str, ...] = ("origin_lat", "origin_lon", "destination_lat", "destination_lon")

# Without these a row says nothing about delivery time; every other column may be absent or empty.
REQUIRED_HISTORY: tuple[str, ...] = ("shipment_id", "ordered_at", "delivered_at")
REQUIRED_QUERY: tuple[str, ...] = ("shipment_id", "ordered_at", "as_of")


def parse_time(value: str | datetime | None) -> datetime | None:
    """ISO 8601 string or datetime -> aware UTC datetime; empty -> None. Naive values are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        text = value.strip()
        if not text:
            return None
        dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def format_time(dt: datetime) -> str:
    """ISO 8601 with an explicit UTC offset, to the second."""
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


def _read_rows(path: Path, required: tuple[str, ...], must_have: tuple[str, ...]) -> list[dict]:
    rows: list[dict] = []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        if missing:
            raise ValueError(f"{path}: missing required column(s): {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            out: dict = {c: (row.get(c) or "").strip() for c in header if c is not None}
            for col in TIME_COLUMNS:
                if col in out:
                    try:
                        out[col] = parse_time(out[col])
                    except ValueError:
                        raise ValueError(
                            f"{path}:{line}: column {col!r} is not an ISO 8601 date: {row[col]!r}"
                        ) from None
            for col in must_have:
                if out.get(col) in (None, ""):
                    raise ValueError(f"{path}:{line}: column {col!r} is empty")
            rows.append(out)
    return rows


def read_history(path: Path) -> list[dict]:
    """Parse and validate a history CSV. Times become aware UTC datetimes (None when empty).

    Rows without `delivered_at` (still under way) are kept; training skips them.
    """
    return _read_rows(Path(path), REQUIRED_HISTORY, ("shipment_id", "ordered_at"))


def read_queries(path: Path) -> list[dict]:
    """Parse and validate a query CSV (history columns without `delivered_at`, plus `as_of`)."""
    return _read_rows(Path(path), REQUIRED_QUERY, ("shipment_id", "ordered_at", "as_of"))


def write_history(rows: Iterable[dict], out: TextIO) -> int:
    """Write rows as a history CSV (schema columns first, then any extras). Returns rows written."""
    rows = list(rows)
    extras: list[str] = []
    for row in rows:
        extras.extend(k for k in row if k not in HISTORY_COLUMNS and k not in extras)
    writer = csv.DictWriter(out, fieldnames=[*HISTORY_COLUMNS, *extras], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return len(rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_time(value)
    return str(value)


def train_command(history: Path, model: Path, progress: Callable[[str], None] | None = print) -> dict:
    """`wismo eta train HISTORY.csv --model PATH`: read, train, save; returns a summary."""
    from wismo.eta.model import EtaModel

    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    say(f"reading {history}")
    rows = read_history(Path(history))
    eta = EtaModel.train(rows, progress=say)
    eta.save(Path(model))
    say(f"saved {eta.version} to {model}")
    meta = eta.metadata
    return {
        "rows": meta["n_rows"],
        "version": eta.version,
        "coverage": meta["calibration_coverage"],
        "seconds": round(time.perf_counter() - started, 2),
    }


def predict_command(model: Path, queries: Path, out: TextIO) -> int:
    """`wismo eta predict --model PATH QUERIES.csv`: the query columns + eta, window_start, window_end."""
    from wismo.eta.model import EtaModel

    eta = EtaModel.load(Path(model))
    path = Path(queries)
    with open(path, newline="", encoding="utf-8-sig") as fh:
        raw = list(csv.DictReader(fh))
        header = [c for c in (raw[0].keys() if raw else []) if c is not None]
    rows = read_queries(path)
    preds = eta.predict_many(rows)
    writer = csv.DictWriter(out, fieldnames=[*header, "eta", "window_start", "window_end"], lineterminator="\n")
    writer.writeheader()
    for original, pred in zip(raw, preds, strict=True):
        cells = {k: v for k, v in original.items() if k is not None}
        cells.update(
            eta=format_time(pred.eta),
            window_start=format_time(pred.window_start),
            window_end=format_time(pred.window_end),
        )
        writer.writerow(cells)
    return len(preds)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for `wismo eta ...` (train | predict) so cli.py can delegate to it."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="wismo eta", description="Delivery-time prediction")
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train a model from a history CSV")
    t.add_argument("history", type=Path)
    t.add_argument("--model", type=Path, required=True)
    p = sub.add_parser("predict", help="predict for a queries CSV, CSV to stdout")
    p.add_argument("--model", type=Path, required=True)
    p.add_argument("queries", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "train":
        summary = train_command(args.history, args.model, progress=lambda m: print(m, file=sys.stderr))
        print(json.dumps(summary))
    else:
        predict_command(args.model, args.queries, sys.stdout)
    return 0


# --- olist importer -----------------------------------------------------------------------------


def olist_to_history(olist_dir: Path, delivered_only: bool = True) -> list[dict]:
    """Turn the Olist order export into history rows (a recipe for any marketplace export).

    Mapping: shipment_id = order_id; origin = the first item's seller (zip prefix, state);
    destination = the customer (zip prefix, state); ordered_at = purchase time, shipped_at = handed
    to the carrier, promised_at = estimated delivery date, delivered_at = delivered to the customer.
    Carrier and service are unknown (left empty). Coordinates per zip prefix (mean of the geolocation
    table) go into the optional origin_/destination_ lat/lon columns. Olist times are naive and are
    read as UTC, like every naive time in the schema.
    """
    d = Path(olist_dir)

    def table(name: str) -> list[dict]:
        with open(d / name, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    customers = {r["customer_id"]: r for r in table("olist_customers_dataset.csv")}
    sellers = {r["seller_id"]: r for r in table("olist_sellers_dataset.csv")}
    first_seller: dict[str, tuple[int, str]] = {}
    for r in table("olist_order_items_dataset.csv"):
        n = int(r["order_item_id"] or 0)
        if r["order_id"] not in first_seller or n < first_seller[r["order_id"]][0]:
            first_seller[r["order_id"]] = (n, r["seller_id"])
    coords = _zip_coordinates(d / "olist_geolocation_dataset.csv")

    rows: list[dict] = []
    for o in table("olist_orders_dataset.csv"):
        if delivered_only and not o["order_delivered_customer_date"]:
            continue
        cust = customers.get(o["customer_id"], {})
        seller = sellers.get(first_seller.get(o["order_id"], (0, ""))[1], {})
        o_zip = seller.get("seller_zip_code_prefix", "")
        d_zip = cust.get("customer_zip_code_prefix", "")
        o_ll = coords.get(o_zip, ("", ""))
        d_ll = coords.get(d_zip, ("", ""))
        rows.append(
            {
                "shipment_id": o["order_id"],
                "carrier": "",
                "service": "",
                "origin_postal": o_zip,
                "origin_region": seller.get("seller_state", ""),
                "destination_postal": d_zip,
                "destination_region": cust.get("customer_state", ""),
                "ordered_at": parse_time(o["order_purchase_timestamp"]),
                "shipped_at": parse_time(o["order_delivered_carrier_date"]),
                "promised_at": parse_time(o["order_estimated_delivery_date"]),
                "delivered_at": parse_time(o["order_delivered_customer_date"]),
                "origin_lat": o_ll[0],
                "origin_lon": o_ll[1],
                "destination_lat": d_ll[0],
                "destination_lon": d_ll[1],
            }
        )
    rows.sort(key=lambda r: r["ordered_at"])
    return rows


def _zip_coordinates(path: Path) -> dict[str, tuple[str, str]]:
    if not path.exists():
        return {}
    sums: dict[str, list[float]] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            try:
                lat, lon = float(r["geolocation_lat"]), float(r["geolocation_lng"])
            except (KeyError, ValueError):
                continue
            s = sums.setdefault(r["geolocation_zip_code_prefix"], [0.0, 0.0, 0.0])
            s[0] += lat
            s[1] += lon
            s[2] += 1
    return {z: (f"{s[0] / s[2]:.5f}", f"{s[1] / s[2]:.5f}") for z, s in sums.items()}
