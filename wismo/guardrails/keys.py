"""One key per purpose, derived from the vault key: never the vault key itself for anything but the vault.

A keyed hash of a client address, a conversation id in the logs or an email for erasure must not
be recomputable by whoever reads the database or the logs; a fixed or shared key would let them
hash every IPv4 address or a list of emails and match. Each purpose gets its own key
HMAC-SHA256(vault key, "wismo/<purpose>"), so no two uses of the vault key meet.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache


@lru_cache(maxsize=64)
def derive(master: bytes, purpose: str) -> bytes:
    """The key for `purpose`, from `master` (pure: same inputs, same key, on every instance)."""
    return hmac.new(master, b"wismo/" + purpose.encode(), hashlib.sha256).digest()


def purpose_key(purpose: str) -> bytes:
    """The key for `purpose` derived from this deployment's vault key."""
    from .vault import vault_key

    return derive(vault_key(), purpose)


def keyed_hash(purpose: str, value: str, length: int = 32) -> str:
    """Hex HMAC-SHA256 of `value` under the purpose's key, cut to `length` characters."""
    return hmac.new(purpose_key(purpose), value.encode(), hashlib.sha256).hexdigest()[:length]


def conversation_ref(conversation_id: str) -> str:
    """What logs name a conversation by: a keyed hash, since the id alone continues the chat."""
    return "c-" + keyed_hash("conversation-log", conversation_id, 16)
