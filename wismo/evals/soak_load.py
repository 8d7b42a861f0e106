"""The soak test's traffic: chat turns, carrier webhooks and social DMs, as the platforms send them.

Webhooks are signed like the real ones and delivered the way platforms deliver: until a 2xx
comes back, trying the instances in turn and waiting a little after a refusal (a 503 while the
database restarts, a connection refused from a killed instance). Every answer is recorded with
its time, status and latency, so the soak can tell fast failures from slow ones.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..channels.signatures import sign_base64, sign_meta
from .bench import QUESTIONS

CARRIER_SECRET = "soak-carrier-secret"
APP_SECRET = "soak-app-secret"
PAGE_ID = "SOAKPAGE"


@dataclass
class Sample:
    at: float  # monotonic seconds
    kind: str  # turn | webhook | dm
    status: int  # HTTP status; 0 for a connection error
    ms: float


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int, ms: float) -> None:
        with self.lock:
            self.samples.append(Sample(time.monotonic(), kind, status, ms))

    def between(self, start: float, end: float, kind: str | None = None) -> list[Sample]:
        with self.lock:
            return [s for s in self.samples if start <= s.at < end and (kind is None or s.kind == kind)]


def post(base: str, path: str, body: bytes, headers: dict[str, str], timeout: float = 30) -> tuple[int, bytes]:
    """One POST on a fresh connection; (0, b"") when the instance cannot be reached."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("POST", path, body, {"Content-Type": "application/json", **headers})
        r = conn.getresponse()
        return r.status, r.read()
    except OSError:
        return 0, b""
    finally:
        conn.close()


def aftership_event(tracking: str, event_id: str, tag: str = "InTransit", note: str = "") -> tuple[str, bytes, dict]:
    """A signed AfterShip webhook: one new checkpoint, described uniquely by its event id."""
    now = datetime.now(UTC)
    checkpoint = {
        "checkpoint_time": now.isoformat(timespec="seconds"),
        "city": "Springfield",
        "state": "IL",
        "message": scan_description(note or tag, event_id),
        "tag": tag,
        "subtag": f"{tag}_001",
    }
    payload = {
        "ts": int(now.timestamp()),
        "event": "tracking_update",
        "event_id": event_id,
        "msg": {"tracking_number": tracking, "slug": "ups", "tag": tag, "checkpoints": [checkpoint]},
    }
    body = json.dumps(payload).encode()
    return "/webhooks/carriers/aftership", body, {"aftership-hmac-sha256": sign_base64(CARRIER_SECRET, body)}


def scan_description(note: str, event_id: str) -> str:
    """The scan text a soak event carries: unique, so the store shows whether it was applied once."""
    return f"{note} (soak {event_id})"


def meta_dm(sender: str, mid: str, text: str) -> tuple[str, bytes, dict]:
    """A signed Messenger webhook carrying one customer message."""
    ms = int(time.time() * 1000)
    event = {
        "sender": {"id": sender},
        "recipient": {"id": PAGE_ID},
        "timestamp": ms,
        "message": {"mid": mid, "text": text},
    }
    payload = {"object": "page", "entry": [{"id": PAGE_ID, "time": ms, "messaging": [event]}]}
    body = json.dumps(payload).encode()
    return "/webhooks/meta", body, {"X-Hub-Signature-256": sign_meta(APP_SECRET, body)}


def deliver(bases: list[str], webhook: tuple[str, bytes, dict], recorder: Recorder, kind: str, deadline: float) -> int:
    """Deliver a webhook like a platform: until a 2xx, instance after instance; returns the tries."""
    path, body, headers = webhook
    for tries in itertools.count(1):
        base = bases[tries % len(bases)]
        t = time.perf_counter()
        status, _ = post(base, path, body, headers)
        recorder.add(kind, status, (time.perf_counter() - t) * 1000)
        if 200 <= status < 300:
            return tries
        if time.monotonic() > deadline:
            raise RuntimeError(f"a {kind} webhook was not accepted before the deadline (last status {status})")
        time.sleep(0.2 if status == 0 else 0.5)
    raise AssertionError("unreachable")


def chat_loop(
    bases: list[str], orders: list[dict[str, Any]], recorder: Recorder, stop: threading.Event, think_s: float
) -> None:
    """Customers one after another: start, verify with order number and email, ask the questions."""
    for i in itertools.count():
        if stop.is_set():
            return
        base = bases[i % len(bases)]
        order = orders[i % len(orders)]
        t = time.perf_counter()
        status, raw = post(base, "/v1/conversations", b'{"channel": "api"}', {})
        if status != 201:
            recorder.add("turn", status, (time.perf_counter() - t) * 1000)
            time.sleep(0.5)
            continue
        cid = json.loads(raw)["conversation_id"]
        for text in (f"{order['order_number']} {order['email']}", *QUESTIONS):
            if stop.is_set():
                return
            t = time.perf_counter()
            status, _ = post(base, f"/v1/conversations/{cid}/messages", json.dumps({"text": text}).encode(), {})
            recorder.add("turn", status, (time.perf_counter() - t) * 1000)
            if status != 200:
                time.sleep(0.5)
                break
            time.sleep(think_s)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    xs = sorted(values)
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 1)
