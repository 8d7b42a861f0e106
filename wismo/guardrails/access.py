"""Identity and authorization: who may see which order.

An order is disclosed only to a conversation that proved it (order number + email or postal code).
Failed tries are limited per conversation, per order and per client address, so nobody can
enumerate orders or guess emails; a wrong pair and an unknown order get the same reply.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from ..config import Settings
from ..domain.db import session
from ..domain.models import VerificationAttempt
from ..domain.store import Store, normalize_key

#: Failed tries from one client address per window before it is refused everywhere.
CLIENT_FAILURE_LIMIT = 20


def client_key(address: str | None, secret: str = "wismo") -> str | None:
    """A keyed hash of a client address, so limits work without storing the address."""
    if not address:
        return None
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


@dataclass
class Verdict:
    verified: bool
    #: verified | mismatch | order_limited | client_limited | conversation_locked
    reason: str


class Gatekeeper:
    """Checks an order number + email/postal pair under the attempt limits."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @property
    def engine(self) -> Engine:
        return self.store.engine

    def _failures(self, column, value: str, since: datetime) -> int:
        with session(self.engine) as s:
            stmt = select(func.count()).where(
                column == value,
                VerificationAttempt.success == False,  # noqa: E712
                VerificationAttempt.created_at >= since,
            )
            return int(s.exec(stmt).one())

    def verify(
        self,
        conversation_id: str,
        order_number: str,
        email: str | None,
        postal_code: str | None,
        client: str | None,
        now: datetime,
    ) -> Verdict:
        key = normalize_key(order_number)
        since = now - timedelta(seconds=self.settings.verification_window_seconds)
        limit = self.settings.max_failed_verifications
        if self._failures(VerificationAttempt.order_key, key, since) >= limit:
            verdict = Verdict(False, "order_limited")
        elif client and self._failures(VerificationAttempt.client_key, client, since) >= CLIENT_FAILURE_LIMIT:
            verdict = Verdict(False, "client_limited")
        else:
            order = self.store.verify(key, email=email, postal_code=postal_code)
            verdict = Verdict(True, "verified") if order else Verdict(False, "mismatch")
        with session(self.engine) as s:
            s.add(
                VerificationAttempt(
                    conversation_id=conversation_id,
                    order_key=key,
                    client_key=client,
                    success=verdict.verified,
                    created_at=now,
                )
            )
            s.commit()
        return verdict
