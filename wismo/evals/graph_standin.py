"""A local stand-in of Meta's Graph API (Send API and WhatsApp Cloud API), on loopback HTTP.

It answers like the platform (a `message_id`, or WhatsApp's `messages[].id`), refuses a request
without a bearer token, records every message it accepted, and can fail on demand. The soak test
points wismo instances at it with META_GRAPH_URL; the unit tests use the same answers through an
in-process transport (tests/graph_standin.py).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def graph_answer(body: dict[str, Any], n: int) -> dict[str, Any]:
    """What the Graph API answers to an accepted message (the `n`th)."""
    if body.get("messaging_product") == "whatsapp":
        return {
            "messaging_product": "whatsapp",
            "contacts": [{"input": body.get("to"), "wa_id": body.get("to")}],
            "messages": [{"id": f"wamid.standin{n}"}],
        }
    return {"recipient_id": (body.get("recipient") or {}).get("id"), "message_id": f"m_standin{n}"}


def recipient_of(body: dict[str, Any]) -> str | None:
    return body.get("to") or (body.get("recipient") or {}).get("id")


class GraphServer:
    """The stand-in on 127.0.0.1:`port`, in a thread; `sent` holds every accepted message body."""

    def __init__(self, port: int = 0) -> None:
        self.sent: list[dict[str, Any]] = []
        self.fail_next: list[int] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                status, answer = stand_in.handle(self.headers.get("authorization") or "", raw)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="graph-standin", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v21.0"

    def handle(self, authorization: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        with self._lock:
            if self.fail_next:
                return self.fail_next.pop(0), {"error": {"message": "stand-in failure", "code": 2}}
        if not authorization.startswith("Bearer "):
            return 401, {"error": {"message": "no token", "code": 190}}
        try:
            body = json.loads(raw)
        except ValueError:
            return 400, {"error": {"message": "not JSON", "code": 100}}
        with self._lock:
            n = next(self._ids)
            self.sent.append(body)
        return 200, graph_answer(body, n)

    def per_recipient(self) -> Counter:
        with self._lock:
            return Counter(recipient_of(b) for b in self.sent)

    def start(self) -> GraphServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
