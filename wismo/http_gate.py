"""Answer a request before routing (too large, rate limited) as plain ASGI middleware.

Starlette's `@app.middleware("http")` wraps every request in extra tasks and streams, about as
much CPU as a whole chat turn's HTTP handling; a check that only reads the method, path and
headers needs none of that.

The body limit counts the bytes as they arrive, not the Content-Length a client announces: a
chunked body has none, and is cut off at the limit instead of being read whole into memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Returns the response that ends the request early, or None to let it through.
Check = Callable[["RequestHead"], Response | None]
#: The most body bytes a request may send.
Limit = Callable[["RequestHead"], int]


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


class BodyTooLarge(HTTPException):
    """Raised by the counting `receive` once a body passes its limit; the app answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is over {limit} bytes.")
        self.limit = limit


def too_large(limit: int) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": "too_large", "message": f"The request body is over {limit} bytes; send less."}},
        status_code=413,
        headers={"Connection": "close"},
    )


class BodyLimit:
    """Refuse a body over `limit(head)` bytes: at once when Content-Length says so, else as soon as
    the bytes received pass it (whatever reads the body gets `BodyTooLarge`, the client a 413)."""

    def __init__(self, app: ASGIApp, limit: Limit) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = RequestHead(scope)
        limit = self.limit(head)
        length = head.header("content-length")
        if length and length.strip().isdigit() and int(length) > limit:
            await too_large(limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:
                raise
            await too_large(limit)(scope, receive, send)


def install_body_limit(app: Any, limit: Limit) -> None:
    """Count every HTTP request's body against `limit(head)` bytes."""
    app.add_middleware(BodyLimit, limit=limit)
