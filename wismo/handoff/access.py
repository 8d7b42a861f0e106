"""Who may use the staff routes (role keys) and how fast anyone may use the customer routes.

Role keys: WISMO_API_KEYS="agent:KEY1,ops:KEY2,admin:KEY3", sent as `Authorization: Bearer KEY`.
Keys are compared in constant time against every configured key. Unset keys close the staff
routes (401 saying to set them) unless WISMO_DEMO_OPEN=1, which opens them for a local demo.

The customer chat API stays open but rate-limited per client address (an IPv6 client per /64) by
a token bucket.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse

from ..client_address import limit_key
from ..http_gate import RequestHead, install_gate

ROLES = ("agent", "ops", "admin")
RIGHTS: dict[str, frozenset[str]] = {
    "agent": frozenset({"inbox:read", "inbox:write"}),
    "ops": frozenset({"ops:read", "ops:write", "inbox:read"}),
    "admin": frozenset({"inbox:read", "inbox:write", "ops:read", "ops:write", "privacy"}),
}


@dataclass(frozen=True)
class Principal:
    role: str
    #: `role:` + the first 8 hex of the key's SHA-256: names the key in audit trails, reveals nothing.
    key_id: str


def parse_keys(raw: str | None) -> list[tuple[str, str]]:
    """[(role, key)] from `role:key,role:key`; unknown roles and empty keys are ignored."""
    out = []
    for part in (raw or "").split(","):
        role, sep, key = part.strip().partition(":")
        if sep and role.strip() in ROLES and key.strip():
            out.append((role.strip(), key.strip()))
    return out


def key_id(role: str, key: str) -> str:
    return f"{role}:{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def authenticate(authorization: str | None, env: dict[str, str] | None = None) -> Principal:
    """The principal behind an Authorization header, or HTTPException(401)."""
    env = os.environ if env is None else env  # type: ignore[assignment]
    keys = parse_keys(env.get("WISMO_API_KEYS"))
    if not keys:
        if env.get("WISMO_DEMO_OPEN") == "1":
            return Principal("admin", "demo-open")
        raise HTTPException(
            401,
            "Staff routes are closed: set WISMO_API_KEYS (e.g. 'agent:KEY,ops:KEY,admin:KEY') and send "
            "'Authorization: Bearer KEY'; or WISMO_DEMO_OPEN=1 for a local demo only.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(
            401,
            "Send 'Authorization: Bearer KEY' with a key from WISMO_API_KEYS.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    found: Principal | None = None
    for role, key in keys:  # no early exit: every key is compared, in constant time
        if hmac.compare_digest(token.encode(), key.encode()) and found is None:
            found = Principal(role, key_id(role, key))
    if found is None:
        raise HTTPException(401, "Unknown API key.", headers={"WWW-Authenticate": "Bearer"})
    return found


def require(right: str):
    """A FastAPI dependency: the caller's Principal if their role has `right`, else 401/403."""

    def dependency(request: Request) -> Principal:
        principal = authenticate(request.headers.get("authorization"))
        if right not in RIGHTS[principal.role]:
            raise HTTPException(403, f"The {principal.role} role may not do this (needs {right}).")
        return principal

    dependency.__name__ = f"require_{right.replace(':', '_')}"
    return dependency


# ---------------------------------------------------------------------------------- rate limiting
class TokenBucket:
    """Per-key token buckets: `capacity` tokens, refilled at `per_minute` a minute. Thread-safe."""

    def __init__(self, per_minute: float = 30, capacity: float | None = None, max_keys: int = 50_000) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(capacity if capacity is not None else per_minute)
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        """0.0 when a token was taken, else the seconds until one is available."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
            if len(self._buckets) > self.max_keys:  # forget the idlest half rather than grow forever
                for k, _ in sorted(self._buckets.items(), key=lambda kv: kv[1][1])[: self.max_keys // 2]:
                    self._buckets.pop(k, None)
            return wait


def _client_ip(request: Request) -> str:
    return limit_key(request.client.host if request.client else None) or "unknown"


def rate_limited(bucket: TokenBucket, key: str) -> JSONResponse | None:
    wait = bucket.take(key)
    if wait <= 0:
        return None
    return JSONResponse(
        {"error": {"code": "rate_limited", "message": f"Too many messages; try again in {int(wait) + 1} s."}},
        status_code=429,
        headers={"Retry-After": str(int(wait) + 1)},
    )


def install_rate_limit(app, per_minute: float | None = None, prefix: str = "/v1/conversations") -> TokenBucket:
    """Limit POSTs under `prefix` (messages, new conversations, CSAT) per client IP.

    Default WISMO_CHAT_RATE_PER_MIN or 30; 0 turns it off. Returns the bucket (tests reset it).
    """
    if per_minute is None:
        per_minute = float(os.environ.get("WISMO_CHAT_RATE_PER_MIN", "30"))
    bucket = TokenBucket(per_minute)

    def chat_rate_limit(head: RequestHead) -> JSONResponse | None:
        if per_minute > 0 and head.method == "POST" and head.path.startswith(prefix):
            return rate_limited(bucket, limit_key(head.client_host) or "unknown")
        return None

    install_gate(app, chat_rate_limit)

    return bucket


def rate_limit_dependency(bucket: TokenBucket):
    """The same limit as a route dependency (raises 429) for routers mounted elsewhere."""

    def dependency(request: Request) -> None:
        wait = bucket.take(_client_ip(request))
        if wait > 0:
            raise HTTPException(
                429, f"Too many messages; try again in {int(wait) + 1} s.", headers={"Retry-After": str(int(wait) + 1)}
            )

    return dependency
