"""The staff pages: /inbox for agents and /ops for ops leads, plain HTML + JS from wismo/web.

The pages themselves are public (they hold no data); every call they make sends the role key the
person typed in (kept in the tab's sessionStorage only) to the protected API.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
ASSETS = {
    "console.js": "text/javascript",
    "inbox.js": "text/javascript",
    "ops.js": "text/javascript",
    "console.css": "text/css",
}

router = APIRouter(tags=["staff pages"])


@lru_cache(maxsize=8)
def _read(name: str) -> str:
    return (WEB_DIR / name).read_text(encoding="utf-8")


def _page(name: str) -> HTMLResponse:
    return HTMLResponse(
        _read(name),
        headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"},
    )


@router.get("/inbox", response_class=HTMLResponse, summary="Agent inbox (live queue, claim, reply, release)")
def inbox_page() -> HTMLResponse:
    return _page("inbox.html")


@router.get("/ops", response_class=HTMLResponse, summary="Ops dashboard (metrics, unresolved clusters, teaching)")
def ops_page() -> HTMLResponse:
    return _page("ops.html")


@router.get("/console/{name}", summary="Scripts and styles of the staff pages")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, "No such asset.")
    return Response(
        _read(name),
        media_type=ASSETS[name],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )
