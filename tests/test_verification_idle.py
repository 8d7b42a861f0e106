"""A verification expires after WISMO_VERIFICATION_IDLE_MINUTES without a message (default 30)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from wismo.domain.models import Conversation

from .conftest import pick


def idle_for(agent, cid: str, minutes: float) -> None:
    """Pretend the conversation's last message was `minutes` ago."""
    with agent.engine.begin() as db:
        db.execute(
            update(Conversation)
            .where(Conversation.id == cid)
            .values(updated_at=datetime.now(UTC) - timedelta(minutes=minutes))
        )


def test_an_idle_verification_must_be_proved_again(agent, orders):
    row = pick(orders, "out_for_delivery")
    cid = agent.start("web")
    first = agent.send(cid, f"where is {row['order_number']}? {row['email']}")
    assert row["tracking_number"] in first.text
    idle_for(agent, cid, 29)
    assert row["tracking_number"] in agent.send(cid, "where is my order?").text  # still within the idle time
    idle_for(agent, cid, 31)
    later = agent.send(cid, "where is my order?")
    assert row["tracking_number"] not in later.text and not any(c["kind"] == "order" for c in later.citations)
    assert agent.conversation(cid).verified_order is None
    again = agent.send(cid, f"{row['order_number']} {row['email']}")
    assert row["tracking_number"] in again.text
    assert agent.settings.verification_idle_minutes == 30
