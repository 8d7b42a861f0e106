"""The agent as a service: start a conversation, take a message, return the reply.

Holds no conversation state of its own: the transcript is in the store and the graph state in
the checkpointer, so any instance can serve any turn.
"""

from __future__ import annotations

import logging
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import col, delete, select

from ..config import Settings, get_settings
from ..domain import telemetry
from ..domain.db import create_schema, get_engine, session
from ..domain.models import Conversation, Handoff, Message, ModelUsage, RailDecision, UnresolvedTurn
from ..domain.store import Store
from ..guardrails.access import Gatekeeper, client_key
from ..guardrails.keys import conversation_ref
from ..guardrails.pii import get_redactor
from ..guardrails.recognizers.keep import register_products
from ..guardrails.vault import Vault
from ..handoff.escalation import order_verified_later
from ..ops.teach import refresh_if_taught, reload_taught_examples
from ..ops.unresolved import log_unresolved
from ..tools.eta import EtaTool
from .checkpoints import make_checkpointer
from .deps import Services, Templates, Turn
from .graph import build_graph

log = logging.getLogger("wismo.agent")

# The statements of every turn, built once (see domain/store.py for why).
_CONVERSATION = select(Conversation).where(col(Conversation.id) == bindparam("cid"))
_CONVERSATIONS = Conversation.__table__.c  # type: ignore[attr-defined]
#: What a turn reads of its conversation, as a plain row: loading an ORM object costs more than the query.
_TURN_CONVERSATION = sa_select(
    _CONVERSATIONS.id,
    _CONVERSATIONS.channel,
    _CONVERSATIONS.mode,
    _CONVERSATIONS.verified_order,
    _CONVERSATIONS.updated_at,
).where(_CONVERSATIONS.id == bindparam("cid"))
_INSERT_CONVERSATION = insert(Conversation)
#: Both messages of a turn in one statement; their ids come back in the order given.
_INSERT_MESSAGES = insert(Message).returning(col(Message.id), sort_by_parameter_order=True)
_INSERT_RAILS = insert(RailDecision)
_UPDATE_CONVERSATION = (
    update(Conversation)
    .where(col(Conversation.id) == bindparam("cid"))
    .values(
        mode=func.coalesce(bindparam("new_mode"), Conversation.mode),
        verified_order=bindparam("new_order"),
        updated_at=bindparam("now"),
    )
)

CHANNELS = ("web", "messenger", "instagram", "whatsapp", "cli", "api", "tracking_page")


#: What a caller writes in the transaction that stores a turn: `effects(db, reply)`.
Effects = Callable[[Any, "Reply"], None]


class ConversationNotFound(Exception):
    pass


class MessageRejected(Exception):
    """A message we will not process, with the HTTP status and code that say why."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Reply:
    message_id: int
    conversation_id: str
    text: str
    intent: str | None
    confidence: float
    citations: list[dict[str, str]] = field(default_factory=list)
    quick_replies: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    handoff: dict[str, Any] | None = None
    mode: str = "bot"
    rails: list[dict[str, Any]] = field(default_factory=list)
    #: Milliseconds per graph node this turn.
    timings: dict[str, float] = field(default_factory=dict)
    #: Why this turn went unresolved (a handoff reason code, `low_confidence` for "didn't catch that").
    unresolved: str | None = None
    #: The language the reply is written in (ISO 639-1).
    language: str = "en"

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "citations": self.citations,
            "quick_replies": self.quick_replies,
            "links": self.links,
            "handoff": self.handoff,
            "language": self.language,
        }


def validate_text(text: Any, max_chars: int) -> str:
    """The message as we will process it, or MessageRejected (empty, oversized, binary)."""
    if not isinstance(text, str):
        raise MessageRejected(422, "not_text", "The message must be text.")
    if "\x00" in text or any(unicodedata.category(ch) == "Cs" for ch in text):
        raise MessageRejected(422, "binary", "The message contains binary data; send plain text.")
    cleaned = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    if not cleaned.strip():
        raise MessageRejected(422, "empty", "The message is empty; type a question.")
    if len(cleaned) > max_chars:
        raise MessageRejected(
            413, "too_long", f"The message is {len(cleaned)} characters; the limit is {max_chars}. Please shorten it."
        )
    return cleaned.strip()


class Agent:
    """One per process; thread-safe."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.engine = get_engine(self.settings.store_url)
        create_schema(self.engine)
        self.store = Store(self.engine)
        self.services = Services(
            settings=self.settings,
            store=self.store,
            gatekeeper=Gatekeeper(self.store, self.settings),
            templates=Templates(self.settings),
            redactor=get_redactor(),
            vault=Vault(self.engine),
            eta=EtaTool(self.settings.eta_model_path),
        )
        from ..tools.kb import get_kb

        reload_taught_examples(self.engine, force=False)
        # The shop's product names are items, never people ("Chelsea Boots"): the redactor keeps them.
        register_products(self.store.product_names())

        self.services.kb = get_kb(self.settings)
        if self.settings.engine == "openai":
            from .llm import ModelClient

            self.services.llm = ModelClient(self.settings)
        elif self.settings.engine != "local":
            raise ValueError(f"WISMO_ENGINE must be 'local' or 'openai', not {self.settings.engine!r}")
        self.graph = build_graph(make_checkpointer(self.settings))

    def warm(self) -> None:
        """Load what the first message would otherwise wait for (spaCy, Presidio's recognizers, the
        intent classifier, the language detector's models)."""
        from ..i18n.detect import warm as warm_languages
        from .nlu import get_classifier

        self.services.redactor.redact("Hi, I am Jane Doe, jane@example.com, where is my order?")
        get_classifier()
        warm_languages()

    # -- conversations
    def start(self, channel: str = "web", channel_user: str | None = None) -> str:
        if channel not in CHANNELS:
            raise MessageRejected(422, "bad_channel", f"Unknown channel {channel!r}; use one of {', '.join(CHANNELS)}.")
        now = datetime.now(UTC)
        cid = str(uuid.uuid4())
        row = {"id": cid, "channel": channel, "mode": "bot", "channel_user": channel_user, "client_key": None}
        with self.engine.begin() as db:
            db.execute(_INSERT_CONVERSATION, row | {"verified_order": None, "created_at": now, "updated_at": now})
        return cid

    def start_verified(self, order_number: str, channel: str = "tracking_page") -> str:
        """A conversation already verified for one order, for a caller that proved it another way
        (a signed tracking-page link, a storefront-signed token). The proof is the caller's job."""
        from ..domain.store import normalize_key

        key = normalize_key(order_number)
        if self.store.order(key) is None:
            raise MessageRejected(404, "order_not_found", "No such order.")
        cid = self.start(channel)
        with session(self.engine) as s:
            conv = s.get(Conversation, cid)
            if conv is not None:
                conv.verified_order = key
                s.add(conv)
                s.commit()
        config = {"configurable": {"thread_id": cid}}
        self.graph.update_state(config, {"conversation_id": cid, "channel": channel, "verified_order": key})
        return cid

    def conversation(self, conversation_id: str) -> Conversation:
        with session(self.engine) as s:
            conv = s.exec(_CONVERSATION, params={"cid": conversation_id}).first()
        if conv is None:
            raise ConversationNotFound(conversation_id)
        return conv

    def _turn_conversation(self, conversation_id: str) -> Any:
        """What a turn needs of its conversation (id, channel, mode, verified_order, updated_at)."""
        with self.engine.connect() as db:
            conv = db.execute(_TURN_CONVERSATION, {"cid": conversation_id}).first()
        if conv is None:
            raise ConversationNotFound(conversation_id)
        return conv

    def send(
        self,
        conversation_id: str,
        text: Any,
        client: str | None = None,
        language_hint: str | None = None,
        effects: Effects | None = None,
    ) -> Reply:
        """Process one customer message and return the bot's reply.

        `language_hint` is what the channel knows of the customer's language (the browser's
        Accept-Language, a phone number's country); the message's own words decide first.
        `effects(db, reply)` runs inside the transaction that stores the turn, so what it writes
        (a channel's reply in the outbox, the end of a queue item) commits with the turn or not at all.
        """
        started = time.perf_counter()
        refresh_if_taught(self.engine, self.settings.teach_refresh_s)
        conv = self._turn_conversation(conversation_id)
        clean = validate_text(text, self.settings.max_message_chars)
        now = datetime.now(UTC)
        turn = Turn(
            services=self.services,
            raw_text=clean,
            client_key=client_key(client),
            now=self.store.now(),
            wall_now=now,
            language_hint=language_hint,
        )
        config = {"configurable": {"thread_id": conversation_id}}
        state = self.graph.invoke(
            {"conversation_id": conversation_id, "channel": conv.channel, "mode": conv.mode}
            | self._expired_verification(conv, now),
            config,
            context=turn,
            durability="exit",
        )
        reply = self._record(conv, state, now, effects)
        reply.timings = dict(turn.timings)
        if state.get("engine") == "openai":
            self._record_usage(conv.id, state, now)
        telemetry.TURNS.labels(reply.intent or "none").inc()
        telemetry.TURN_SECONDS.observe(time.perf_counter() - started)
        if reply.handoff:
            telemetry.HANDOFFS.labels(reply.handoff.get("reason") or "unknown").inc()
        if state.get("fallback"):
            telemetry.FALLBACKS.labels(str(state["fallback"]).split(":", 1)[0][:40]).inc()
        return reply

    def _expired_verification(self, conv: Any, now: datetime) -> dict[str, Any]:
        """State that forgets a verification idle for longer than WISMO_VERIFICATION_IDLE_MINUTES: a
        conversation id alone (a shared link, a copied log line) must not open an order for ever."""
        idle = self.settings.verification_idle_minutes
        if not conv.verified_order or idle <= 0:
            return {}
        last = conv.updated_at if conv.updated_at.tzinfo else conv.updated_at.replace(tzinfo=UTC)
        if now - last <= timedelta(minutes=idle):
            return {}
        return {
            "verified_order": None,
            "verified_orders": [],
            "credential": None,
            "pending_action": None,
            "pending_order": None,
            "pending_credential": None,
        }

    def _record_usage(self, conversation_id: str, state: dict[str, Any], now: datetime) -> None:
        usage = state.get("usage") or {}
        prompt, completion = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
        cost = (prompt * self.settings.price_input_per_1k + completion * self.settings.price_output_per_1k) / 1000
        with session(self.engine) as s:
            s.add(
                ModelUsage(
                    conversation_id=conversation_id,
                    model=self.settings.model,
                    prompt_tokens=prompt,
                    completion_tokens=completion,
                    cost=round(cost, 6),
                    rounds=int(usage.get("rounds", 0)),
                    fallback=state.get("fallback"),
                    created_at=now,
                )
            )
            s.commit()

    def _record(self, conv: Any, state: dict[str, Any], now: datetime, effects: Effects | None = None) -> Reply:
        redacted = state.get("text", "")
        message = {"conversation_id": conv.id, "intent": state.get("intent"), "confidence": state.get("confidence")}
        # Rows first, then one short transaction of prebuilt statements: the write lock (the gate on
        # SQLite) is held for as little as possible.
        messages = [
            message | {"role": "customer", "text": redacted, "citations": [], "created_at": now},
            message
            | {
                "role": "bot",
                "text": state.get("reply", ""),
                "citations": state.get("citations") or [],
                "created_at": now,
            },
        ]
        changes = {
            "cid": conv.id,
            "new_mode": state.get("mode") or None,
            "new_order": state.get("verified_order"),
            "now": now,
        }
        rail_rows = [
            {
                "conversation_id": conv.id,
                "rail": r["rail"],
                "passed": bool(r["passed"]),
                "reason": str(r.get("reason", ""))[:500],
                "created_at": now,
            }
            for r in state.get("rails") or []
        ]
        reply = Reply(
            message_id=0,
            conversation_id=conv.id,
            text=state.get("reply", ""),
            intent=state.get("intent"),
            confidence=float(state.get("confidence", 0.0)),
            citations=state.get("citations") or [],
            quick_replies=state.get("quick_replies") or [],
            links=state.get("links") or [],
            handoff=state.get("handoff"),
            mode=state.get("mode") or "bot",
            rails=state.get("rails") or [],
            unresolved=state.get("unresolved"),
            language=state.get("lang") or "en",
        )
        with self.engine.begin() as db:
            bot_id = db.execute(_INSERT_MESSAGES, messages).scalars().all()[-1]
            db.execute(_UPDATE_CONVERSATION, changes)
            if rail_rows:
                db.execute(_INSERT_RAILS, [r | {"message_id": bot_id} for r in rail_rows])
            reply.message_id = bot_id
            if effects is not None:
                effects(db, reply)
        if state.get("unresolved"):
            log_unresolved(
                self.engine,
                conv.id,
                redacted,
                state.get("intent", "out_of_scope"),
                float(state.get("confidence", 0.0)),
                state["unresolved"],
                now,
            )
        new_order = state.get("verified_order")
        if conv.mode == "human" and new_order and new_order != conv.verified_order:
            # An order proved while a person is on the way: the open case shows it verified.
            order_verified_later(self.engine, conv.id, new_order, now)
        rails = state.get("rails") or []
        log.info(
            "turn conversation=%s intent=%s confidence=%.2f handoff=%s rails=%s",
            conversation_ref(conv.id),
            state.get("intent"),
            float(state.get("confidence", 0.0)),
            (state.get("handoff") or {}).get("reason"),
            ",".join(f"{r['rail']}:{'pass' if r['passed'] else 'fail'}" for r in rails),
        )
        return reply

    def transcript(self, conversation_id: str) -> dict[str, Any]:
        conv = self.conversation(conversation_id)
        with session(self.engine) as s:
            msgs = s.exec(select(Message).where(Message.conversation_id == conversation_id).order_by(col(Message.id)))
            messages = [
                {
                    "id": m.id,
                    "role": m.role,
                    "text": m.text,
                    "intent": m.intent,
                    "citations": m.citations,
                    "created_at": m.created_at.isoformat(),
                }
                for m in msgs
            ]
        return {
            "conversation_id": conv.id,
            "channel": conv.channel,
            "mode": conv.mode,
            "verified": bool(conv.verified_order),
            "messages": messages,
        }

    def forget(self, email: str) -> dict[str, int]:
        """Erase a customer's vault entries and the transcripts of the conversations that held them."""
        conversations = self.services.vault.conversations_of(email)
        removed = self.services.vault.forget(email)
        with session(self.engine) as s:
            msgs = 0
            for cid in conversations:
                msgs += s.exec(delete(Message).where(Message.conversation_id == cid)).rowcount or 0
                s.exec(delete(UnresolvedTurn).where(UnresolvedTurn.conversation_id == cid))
                s.exec(delete(Handoff).where(Handoff.conversation_id == cid))
            s.commit()
        for cid in conversations:
            self.graph.checkpointer.delete_thread(cid)
        return {"vault_entries": removed, "conversations": len(conversations), "messages": msgs}
