"""Erasure: `forget EMAIL` removes every copy wismo made of a customer's conversations.

The vault's keyed hash of the email names the conversations that held it. Everything derived from
those conversations goes: vault entries, transcripts, checkpoints, the unresolved log and its
vectors in Chroma, intent labels learned from those turns, rail decisions, model usage,
verification attempts, return plans, offer impressions, inbox records (flags, ratings, case events,
sink deliveries), outbound DM payloads, queued webhooks and outbox items not yet handled or sent,
the sender's channel identity and the notices sent to it,
and the conversation rows themselves. On SQLite every connection deletes securely (freed pages
are zeroed, see domain/db.py) and the write-ahead logs are truncated afterwards, so the bytes are
gone from the data directory, not only the rows.

Not erased here: the shop's own records (orders, customers, returns and their labels), which
are synced from the shop's platform and erased there; and cases already delivered to a helpdesk,
which the result lists (`helpdesk_cases`) so an operator can erase them in that helpdesk.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import col, delete, select

from ..channels import records as channel_records
from ..domain import work_queue as wq
from ..domain.db import session
from ..domain.models import Conversation, Handoff, ModelUsage, RailDecision, UnresolvedTurn, VerificationAttempt
from ..handoff import records as inbox_records
from ..tools import records as tool_records

log = logging.getLogger("wismo.ops.erasure")


def forget_customer(agent: Any, email: str) -> dict[str, Any]:
    """Erase what wismo holds about `email`; returns what was removed, by kind."""
    engine: Engine = agent.engine
    conversations = agent.services.vault.conversations_of(email)
    linked = _linked(engine, conversations)
    result: dict[str, Any] = dict(agent.forget(email))  # vault, transcripts, unresolved, handoffs, checkpoints
    if conversations:
        result["inbox_records"] = inbox_records.forget_conversations(engine, conversations, linked["handoffs"])
        result["other_records"] = _delete_records(engine, conversations, linked)
        result["unresolved_vectors"] = _forget_vectors(agent.settings, linked["unresolved"])
        if linked["labelled"]:
            from .teach import reload_taught_examples

            reload_taught_examples(engine, force=True)  # the classifier forgets what it learned from them
    result["helpdesk_cases"] = linked["helpdesk_cases"]
    _flush_sqlite(engine, agent.graph.checkpointer)
    return result


def _linked(engine: Engine, conversations: list[str]) -> dict[str, Any]:
    """What the conversations' rows point at, read before those rows are deleted."""
    out: dict[str, Any] = {"handoffs": [], "unresolved": [], "senders": [], "labelled": False, "helpdesk_cases": []}
    if not conversations:
        return out
    inbox_records.ensure_tables(engine)
    with session(engine) as s:
        out["handoffs"] = [
            h for h in s.exec(select(Handoff.id).where(col(Handoff.conversation_id).in_(conversations))) if h
        ]
        out["unresolved"] = [
            u
            for u in s.exec(select(UnresolvedTurn.id).where(col(UnresolvedTurn.conversation_id).in_(conversations)))
            if u
        ]
        senders = s.exec(
            select(channel_records.ChannelIdentity.sender_id).where(
                col(channel_records.ChannelIdentity.conversation_id).in_(conversations)
            )
        )
        users = s.exec(select(Conversation.channel_user).where(col(Conversation.id).in_(conversations)))
        out["senders"] = sorted({x for x in [*senders, *users] if x})
        if out["unresolved"]:
            label = inbox_records.IntentLabel
            out["labelled"] = bool(
                s.exec(select(label.id).where(col(label.unresolved_id).in_(out["unresolved"]))).first()
            )
        if out["handoffs"]:
            sent = s.exec(
                select(inbox_records.SinkDelivery).where(
                    col(inbox_records.SinkDelivery.handoff_id).in_(out["handoffs"]),
                    inbox_records.SinkDelivery.status == "sent",
                )
            )
            out["helpdesk_cases"] = [{"sink": d.sink, **(d.response or {})} for d in sent]
    return out


def _delete_records(engine: Engine, conversations: list[str], linked: dict[str, Any]) -> int:
    """Rows keyed by the conversations (or their sender addresses) that no other module erases."""
    tool_records.SQLModel.metadata.create_all(
        engine,
        tables=[
            t.__table__  # type: ignore[attr-defined]
            for t in (
                tool_records.ReturnPlanRecord,
                tool_records.OfferImpression,
                tool_records.OfferClick,
                tool_records.OfferConversion,
            )
        ],
    )
    removed = 0
    outbound, identity, notice = (
        channel_records.OutboundMessage,
        channel_records.ChannelIdentity,
        channel_records.NotificationSent,
    )
    impression = tool_records.OfferImpression
    with session(engine) as s:
        impressions = [
            i for i in s.exec(select(impression.id).where(col(impression.conversation_id).in_(conversations))) if i
        ]
        if impressions:
            for child in (tool_records.OfferClick, tool_records.OfferConversion):
                removed += _rows(s, delete(child).where(col(child.impression_id).in_(impressions)))
        for table in (
            RailDecision,
            ModelUsage,
            VerificationAttempt,
            tool_records.ReturnPlanRecord,
            impression,
            outbound,
            identity,
        ):
            removed += _rows(s, delete(table).where(col(table.conversation_id).in_(conversations)))
        if linked["senders"]:
            removed += _rows(s, delete(outbound).where(col(outbound.recipient).in_(linked["senders"])))
            removed += _rows(s, delete(notice).where(col(notice.address).in_(linked["senders"])))
        if linked["unresolved"]:
            label = inbox_records.IntentLabel
            removed += _rows(s, delete(label).where(col(label.unresolved_id).in_(linked["unresolved"])))
        removed += wq.forget(s, conversations, linked["senders"])  # queued words not yet handled or sent
        removed += _rows(s, delete(Conversation).where(col(Conversation.id).in_(conversations)))
        s.commit()
    return removed


def _rows(s, statement) -> int:
    return int(s.exec(statement).rowcount or 0)  # type: ignore[call-overload]


def _forget_vectors(settings: Any, unresolved_ids: list[int]) -> int:
    """Delete the unresolved turns' entries from the clusters' Chroma collection."""
    if not unresolved_ids:
        return 0
    from ..tools.embeddings import get_chroma_client
    from .clusters import COLLECTION

    try:
        client = get_chroma_client(settings)
        if COLLECTION not in {getattr(c, "name", c) for c in client.list_collections()}:
            return 0
        coll = client.get_collection(COLLECTION)
        ids = [str(i) for i in unresolved_ids]
        present = coll.get(ids=ids, include=[])["ids"]
        if present:
            coll.delete(ids=present)
        return len(present)
    except Exception:  # say so loudly: the rows are gone, the vectors are not
        log.error("erasure: could not delete %d unresolved vectors from Chroma", len(unresolved_ids), exc_info=True)
        return 0


def _flush_sqlite(engine: Engine, checkpointer: Any) -> None:
    """Move every write out of SQLite's write-ahead logs and truncate them: deleted rows leave no copy."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    from langgraph.checkpoint.sqlite import SqliteSaver

    if isinstance(checkpointer, SqliteSaver):
        with checkpointer.cursor(transaction=False) as cur:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
