"""Identity and authorization: who may see which order.

An order is disclosed only to a conversation that proved it (order number + email or postal code).
Failed tries are limited so nobody can enumerate orders or guess emails, without handing an
attacker a way to lock real customers out:

- per client address: a client past its limit is refused everywhere, and what it tries then is
  not checked and does not count against any order;
- per order and client: five wrong pairs for one order lock that order for that client (or, with
  no address, that conversation) only; the owner elsewhere is not touched;
- per order, from everyone: past a ceiling, a postal code (guessable) no longer verifies the order
  within the window; the email on it still does, so the owner keeps a way in.

A wrong pair and an unknown order get the same reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from ..client_address import limit_key
from ..config import Settings
from ..domain.db import session
from ..domain.models import VerificationAttempt
from ..domain.store import Store, normalize_key
from .keys import keyed_hash

#: Failed tries from one client address per window before it is refused everywhere.
CLIENT_FAILURE_LIMIT = 20


def client_key(address: str | None) -> str | None:
    """A keyed hash of a client address (an IPv6 address's /64), so limits work without storing it."""
    key = limit_key(address)
    return keyed_hash("client-address", key) if key else None


@dataclass
class Verdict:
    verified: bool
    #: verified | mismatch | order_limited | client_limited (limited: refused unchecked)
    reason: str


class Gatekeeper:
    """Checks an order number + email/postal pair under the attempt limits."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @property
    def engine(self) -> Engine:
        return self.store.engine

    def _failures(self, since: datetime, *where) -> int:
        with session(self.engine) as s:
            stmt = select(func.count()).where(
                *where,
                VerificationAttempt.success == False,  # noqa: E712
                VerificationAttempt.created_at >= since,
            )
            return int(s.exec(stmt).one())

    def same_customer(self, order_number: str, verified: list[str]) -> bool:
        """Whether the order belongs to the customer of an order this conversation verified already: "and
        my other order, #WS14421?" is theirs, shipped to another address or not, and needs no second proof."""
        order = self.store.order(normalize_key(order_number))
        if order is None or not verified:
            return False
        for key in verified:
            mine = self.store.order(normalize_key(key))
            if mine is not None and mine.customer_id == order.customer_id:
                return True
        return False

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
        if client and self._failures(since, VerificationAttempt.client_key == client) >= CLIENT_FAILURE_LIMIT:
            return Verdict(False, "client_limited")  # not checked, not recorded: it weighs on no order
        same_client = (
            VerificationAttempt.client_key == client
            if client
            else VerificationAttempt.conversation_id == conversation_id
        )
        mine = self._failures(since, VerificationAttempt.order_key == key, same_client)
        if mine >= self.settings.max_failed_verifications:
            return Verdict(False, "order_limited")
        zip_closed = not email and (
            self._failures(since, VerificationAttempt.order_key == key) >= self.settings.order_failure_ceiling
        )
        order = None if zip_closed else self.store.verify(key, email=email, postal_code=postal_code)
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
