"""Answer a request before routing (too large, rate limited) as plain ASGI middleware.

Starlette's `@app.middleware("http")` wraps every request in extra tasks and streams, about as
much CPU as a whole chat turn's HTTP handling; a check that only reads the method, path and
headers needs none of that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

#: Returns the response that ends the request early, or None to let it through.
Check = Callable[["RequestHead"], Response | None]


class RequestHead:
    """What a gate may look at: method, path, headers and client address, not the body."""

    __slots__ = ("method", "path", "_headers", "client_host")

    def __init__(self, scope: Scope) -> None:
        self.method: str = scope.get("method", "")
        self.path: str = scope.get("path", "")
        self._headers: list[tuple[bytes, bytes]] = scope.get("headers") or []
        client = scope.get("client")
        self.client_host: str = client[0] if client else "unknown"

    def header(self, name: str) -> str | None:
        key = name.lower().encode("latin-1")
        for k, v in self._headers:
            if k == key:
                return v.decode("latin-1")
        return None


class HttpGate:
    def __init__(self, app: ASGIApp, check: Check) -> None:
        self.app = app
        self.check = check

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            early = self.check(RequestHead(scope))
            if early is not None:
                await early(scope, receive, send)
                return
        await self.app(scope, receive, send)


def install_gate(app: Any, check: Check) -> None:
    """Run `check` on every HTTP request before the app sees it."""
    app.add_middleware(HttpGate, check=check)
