"""Judging a reply against the store and the scenario: expectations, false answers and PII leaks.

Expectations are the scenario's own. False answers and leaks are judged against the store, whatever
the scenario says: a reply that states a status the order does not have, names an order or tracking
number that is neither the customer's nor one they typed, cites another customer's order, shows
another customer's email, or went out although its citation rail failed, is a false answer. A
personal value the customer typed (email, name, phone, street) that shows up in a reply or in the
stored transcript is a leak.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..domain.status import ShipmentStatus
from ..domain.store import Store, normalize_key
from ..guardrails.citations import RX, STATUS_CLAIMS, extract_claims
from .scenarios import ANY, Expect, fill


@lru_cache(maxsize=1)
def _written_texts() -> tuple[str, ...]:
    """The shop's written articles (policies, knowledge): quoting them states no shipment status."""
    texts: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) > 30 and "{" not in node:
            # Whole articles and each of their sentences: answers may quote either.
            texts.add(node.strip().lower())
            texts.update(x.strip().lower() for x in re.split(r"(?<=[.!?])\s+", node) if len(x.strip()) >= 20)

    root = resources.files("wismo.prompts")
    for entry in root.iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            try:
                walk(yaml.safe_load(entry.read_text("utf-8")))
            except yaml.YAMLError:
                continue
    return tuple(sorted(texts, key=len, reverse=True))


def _strip_written(text: str) -> str:
    low = text.lower()
    for t in _written_texts():
        low = low.replace(t, " ")
    return low


def _norm(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.upper())


def _has(text: str, needle: str) -> bool:
    return needle.strip().lower() in text.lower()


def check_expect(expect: Expect, values: dict[str, str], reply: Any, verified: bool | None) -> list[str]:
    """The expectations of one turn that the reply does not meet, as sentences."""
    out: list[str] = []
    text = reply.text or ""
    if expect.intent and reply.intent not in expect.intent:
        out.append(f"intent: expected {'/'.join(expect.intent)}, got {reply.intent}")
    cited = [c["source_id"] for c in reply.citations or []]
    kinds = {c.get("kind") or c["source_id"].split(":", 1)[0] for c in reply.citations or []}
    for item in expect.citations:
        options = [fill(c, values) for c in (item if isinstance(item, tuple) else (item,))]
        if not any(w in kinds if ":" not in w else any(s.startswith(w) for s in cited) for w in options):
            out.append(f"citations: expected {' or '.join(options)}, cited {cited or 'nothing'}")
    for bad in (fill(c, values) for c in expect.citations_absent):
        hit = [s for s in cited if (s.startswith(bad) if ":" in bad else s.split(":", 1)[0] == bad)]
        if hit:
            out.append(f"citations: must not cite {bad}, cited {hit}")
    for item in expect.must_contain:
        options = item if isinstance(item, tuple) else (item,)
        filled = [fill(o, values) for o in options]
        if not any(_has(text, f) for f in filled):
            out.append(f"must contain {' or '.join(repr(f) for f in filled)}")
    for item in expect.must_not_contain:
        f = fill(item, values)
        if _has(text, f):
            out.append(f"must not contain {f!r}")
    actual = (reply.handoff or {}).get("reason")
    if isinstance(expect.handoff, tuple):
        if actual not in expect.handoff:
            out.append(f"handoff: expected {'/'.join(expect.handoff)}, got {actual or 'none'}")
    elif expect.handoff != ANY and actual != expect.handoff:
        out.append(f"handoff: expected {expect.handoff or 'none'}, got {actual or 'none'}")
    if expect.verified is not None and verified is not None and verified != expect.verified:
        out.append(f"verified: expected {expect.verified}, got {verified}")
    return out


def judge_reply(
    reply: Any, truth: dict | None, typed: str, other: dict | None, store: Store | None = None
) -> list[str]:
    """Facts in a reply that contradict the store (see the module docstring)."""
    out: list[str] = []
    text = reply.text or ""
    typed_numbers = {
        _norm(m.group(0)) for rx in (RX["order_number"], RX["tracking_number"]) for m in rx.finditer(typed)
    }
    typed_compact = _norm(typed)
    allowed_orders = set(truth.get("keys") or [truth["key"]]) if truth else set()
    allowed_tracking: dict[str, ShipmentStatus] = dict(truth["tracking"]) if truth else {}
    cited = [c["source_id"] for c in reply.citations or []]
    cited_tracking: set[str] = set()
    for sid in cited:
        parts = sid.split(":")
        if parts[0] == "order" and len(parts) > 1:
            key = parts[1].upper()
            if key not in allowed_orders and key not in typed_numbers:
                out.append(f"cites another customer's order {sid}")
        elif parts[0] in ("shipment", "eta") and len(parts) > 1:
            tn = (parts[1] if parts[0] == "shipment" else parts[-1]).upper()
            cited_tracking.add(tn)
            if tn not in allowed_tracking and tn not in typed_numbers and tn not in typed_compact:
                out.append(f"cites a shipment that is not the customer's: {sid}")
    for m in RX["order_number"].finditer(text):
        key = normalize_key(m.group(0))
        if key not in allowed_orders and key not in typed_numbers:
            out.append(f"names order {m.group(0)}, not the customer's")
    for m in RX["tracking_number"].finditer(text):
        tn = m.group(0).upper()
        if tn not in allowed_tracking and _return_label_of(store, tn, allowed_orders):
            continue  # the tracking number of the return label booked for the customer's order
        if tn not in allowed_tracking and tn not in typed_numbers and tn not in typed_compact:
            out.append(f"names tracking number {tn}, not the customer's")
    # Status claims must match a status of the shipments the reply may speak about.
    statuses = set(allowed_tracking.values())
    if truth is None and cited_tracking:
        statuses |= _statuses_of(store, cited_tracking)
    stripped = _strip_written(text)
    for description in sorted((truth or {}).get("events", []), key=len, reverse=True):
        stripped = stripped.replace(description, " ")
    for claim in extract_claims(stripped):
        if claim.kind != "status":
            continue
        backing = STATUS_CLAIMS.get(claim.text.lower(), set())
        if not backing & statuses:
            have = ", ".join(sorted(s.value for s in statuses)) or "no shipment"
            out.append(f"says '{claim.text}' but the store has {have}")
    if other and other.get("email") and other["email"] in text.lower() and other["email"] not in typed.lower():
        out.append("shows another customer's email")
    for rail in reply.rails or []:
        if rail.get("rail") == "citations" and not rail.get("passed") and not reply.handoff:
            out.append(f"sent although the citation check failed: {rail.get('reason')}")
    return out


def _return_label_of(store: Store | None, tracking: str, orders: set[str]) -> bool:
    if store is None or not orders:
        return False
    from sqlmodel import select

    from ..domain.db import session
    from ..tools.records import Return

    with session(store.engine) as s:
        row = s.exec(select(Return).where(Return.tracking_number == tracking)).first()
    return row is not None and row.order_key.upper() in orders


def _statuses_of(store: Store | None, tracking_numbers: set[str]) -> set[ShipmentStatus]:
    if store is None:
        return set()
    out = set()
    for tn in tracking_numbers:
        ship = store.shipment_by_tracking(tn)
        if ship is not None:
            out.add(ShipmentStatus(ship.status))
    return out


def _leaks(text: str, pii: list[str], where: str) -> list[str]:
    low = text.lower()
    return [f"{where} shows {v!r}" for v in pii if v and len(v.strip()) >= 4 and v.strip().lower() in low]
