"""Who is calling: the client's address behind the proxies we were told to trust, and the key limits use.

X-Forwarded-For is whatever the client wrote, plus what each proxy on the way appended. It is read
only when the socket peer is one of WISMO_TRUSTED_PROXIES (addresses or networks), and then from
the right: the first address that is not a trusted proxy is the client. With no trusted proxies
the header is ignored, so rotating it resets nothing.

Limits key an IPv6 client on its /64: one subscriber usually holds a whole /64, and counting each
of its 2^64 addresses apart would make every limit free to evade.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(raw: str | None) -> tuple[Network, ...]:
    """Networks from `10.0.0.0/8, 192.0.2.7, 2001:db8::/32`; a bad entry is a ValueError naming it."""
    out = []
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ValueError(f"WISMO_TRUSTED_PROXIES: {part!r} is not an address or network ({exc})") from exc
    return tuple(out)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def _trusted(ip, networks: Iterable[Network]) -> bool:
    return ip is not None and any(ip.version == n.version and ip in n for n in networks)


def resolve(peer: str | None, forwarded_for: list[str], trusted: tuple[Network, ...]) -> str | None:
    """The client's address: the socket peer, or, when the peer is a trusted proxy, the rightmost
    X-Forwarded-For entry that is not one (an unreadable entry stops the walk at the last trusted hop)."""
    if not peer or not trusted or not _trusted(_ip(peer), trusted):
        return peer
    client = peer
    hops = [h for header in forwarded_for for h in header.split(",") if h.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            break
        client = str(ip)
        if not _trusted(ip, trusted):
            break
    return client


@lru_cache(maxsize=65536)
def limit_key(address: str | None) -> str | None:
    """What per-client limits count on: an IPv4 address, an IPv6 address's /64, else the text as given."""
    if not address:
        return None
    ip = _ip(address)
    if ip is None:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class ClientAddress:
    """ASGI middleware: puts the resolved client address in `scope["client"]` for everything after it."""

    def __init__(self, app: ASGIApp, trusted: tuple[Network, ...]) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.trusted and scope["type"] in ("http", "websocket") and scope.get("client"):
            forwarded = [v.decode("latin-1") for k, v in scope.get("headers") or [] if k == b"x-forwarded-for"]
            if forwarded:
                host, port = scope["client"]
                scope = dict(scope, client=(resolve(host, forwarded, self.trusted), port))
        await self.app(scope, receive, send)


def install_client_address(app: Any, trusted_proxies: str | None) -> None:
    """Resolve client addresses behind `trusted_proxies` (WISMO_TRUSTED_PROXIES) before anything reads them."""
    app.add_middleware(ClientAddress, trusted=parse_networks(trusted_proxies))
