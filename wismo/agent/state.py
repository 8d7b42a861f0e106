"""The state of one conversation as the graph sees it.

Fields marked "memory" persist across turns in the checkpoint; the rest are rebuilt every turn.
Every text here is already redacted: originals live only in the encrypted vault.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ..tools.evidence import Fact


class Handoff(TypedDict):
    handoff_id: int | None
    reason: str


class TurnState(TypedDict, total=False):
    # -- input of this turn
    conversation_id: str
    channel: str
    #: The customer's message after screening (redacted).
    text: str
    #: Opaque key of the client address, for per-address verification limits.
    client_key: str | None

    # -- memory (persists across turns)
    #: The focus order: the verified order the conversation is about now (the one discussed last).
    verified_order: str | None
    #: Every order this conversation verified and still discusses, oldest first (a correction drops one).
    verified_orders: list[str]
    #: The email/ZIP (vault placeholder or ZIP) the customer gave last: a corrected or second order is
    #: verified with it, so the customer never has to type it again.
    credential: str | None
    #: A tracking number the customer asked about without verifying an order (carrier-level answers).
    tracking_focus: str | None
    #: The conversation's language (ISO 639-1), from the customer's messages and the channel's hint.
    lang: str
    #: A delivery problem under way (see agent/problems.py) and how many turns it has taken.
    problem: str | None
    problem_turns: int
    #: The customer received the order as a gift (said once, it holds: a return is store credit).
    gift_received: bool
    #: The customer's previous message (redacted): the context of a short follow-up ("and the 25th?").
    last_text: str | None
    #: The written articles the last policy answer cited ("policy:shipping#holiday-cutoffs"): the
    #: context of "and overnight?" after "and 2-day?".
    topic_articles: list[str]
    #: The message that asked what `pending_intent` waits to answer ("the cardigan is too big"): its
    #: details (an item) still count once the order is verified.
    pending_text: str | None
    #: Every order number the customer mentioned, in order (for "the second one").
    mentioned_orders: list[str]
    #: The last reply sent, and whether the bot already offered a person instead of repeating it.
    last_reply: str | None
    repeat_offered: bool
    #: An order number the customer gave that still awaits its email/ZIP.
    pending_order: str | None
    #: An email/ZIP (as its vault placeholder or ZIP) given before the order number.
    pending_credential: str | None
    #: The request we are collecting details for (an intent), answered once verified.
    pending_intent: str | None
    #: What the bot asked for last: order | verification | None.
    awaiting: str | None
    #: Verification failures in this conversation, and whether verification is locked.
    failed_verifications: int
    locked: bool
    #: Consecutive turns not understood (two in a row hand off with repeated_failure).
    not_understood: int
    #: bot | human | closed
    mode: str
    #: Intent of the last turn that was understood.
    last_intent: str | None
    #: Whether the bot has introduced itself as a bot.
    disclosed: bool
    #: An action proposed and awaiting the customer's yes (see agent/actions.py).
    pending_action: dict[str, Any] | None
    #: Whether an offer was shown in this conversation (at most one).
    offer_shown: bool
    #: Another customer's order the customer asked about and was refused: pressed again ("just the city
    #: then"), the answer is the same no.
    refused_order: str | None
    #: Another shop's order was asked about: pressed to look anyway, the same no in other words.
    other_shop: bool
    #: Someone else's parcel asked into (its pickup code, what is in it): asked on, the same no.
    refused_parcel: bool
    #: The order whose return was booked in this conversation: "actually no, forget it" right after needs
    #: a person to cancel it (a booked return is not undone by the bot).
    booked_return: str | None
    #: The pickup point the focus order's parcel was redirected to in this conversation.
    redirected: str | None

    # -- this turn's work
    intent: str
    confidence: float
    entities: dict[str, list[str]]
    #: The classifier's own probability per intent (before any demotion to out_of_scope).
    scores: dict[str, float]
    #: What the screen found: oversize, injection suspicion, redacted entity types.
    screen: dict[str, Any]
    #: The authorize node's outcome: none | verified | mismatch | locked | limited.
    auth: str
    #: Evidence gathered by tools this turn.
    evidence: list[Fact]
    #: Template key and fields chosen by the dialogue policy (the local engine's plan).
    plan: dict[str, Any]
    reply: str
    citations: list[dict[str, str]]
    quick_replies: list[str]
    #: Links the reply offers as buttons: [{label, url}] (a return label, an offer), absolute URLs.
    links: list[dict[str, str]]
    handoff: Handoff | None
    #: Each guardrail's decision this turn: {rail, passed, reason}.
    rails: list[dict[str, Any]]
    #: Why this turn was unresolved (a handoff reason code), if it was.
    unresolved: str | None

    # -- the openai engine's work this turn
    #: local | openai (from configuration, set by the screen node).
    engine: str
    #: Tokens and rounds used this turn.
    usage: dict[str, int]
    #: Why the template answer went out instead of the model's (None when the model's was sent).
    fallback: str | None
    #: Who wrote the reply: template (local engine) or model.
    answer_by: str
