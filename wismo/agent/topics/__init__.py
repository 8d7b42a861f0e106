"""Questions the shop's written policy answers, even in the middle of an order's conversation.

With an order in focus, "how long until the money is on my card?", "do they deliver on
Saturdays?" or "will the person who bought it find out?" read like follow-ups about the order, and
the order's status would only be repeated. Each topic here is a small registered unit: the policy
article that answers it and the wordings (five languages, accents folded) that ask for it.

The topics are written in three tables by stage (shipping, delivery, returns), put in order and
found in a message by the registry; follow_ups reads a short follow-up on from the thread before.
"""

from __future__ import annotations

from .follow_ups import after_a_return, asks_within_returns, read_on
from .registry import TOPICS, of_articles, topic_of, topics_of
from .returns import DAMAGED_SEND_BACK
from .topic import Topic

__all__ = [
    "DAMAGED_SEND_BACK",
    "TOPICS",
    "Topic",
    "after_a_return",
    "asks_within_returns",
    "of_articles",
    "read_on",
    "topic_of",
    "topics_of",
]
