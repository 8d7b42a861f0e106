"""The 24-hour messaging window: what we may send on a social channel, and how, at a given moment.

Meta lets a business answer freely for 24 hours after the customer's last message. Past that:
- Messenger / Instagram: a person may still answer with the `HUMAN_AGENT` tag for up to 7 days;
  a shipping update may go out with a message tag (`POST_PURCHASE_UPDATE` by default on Messenger;
  Meta has been retiring tags in favour of utility templates, so the tag is configurable: verify the
  current rules). Tagged messages never carry offers or promotions.
- WhatsApp: only approved templates.
The rules are pure functions so the sender, the inbox and the tests share one reading of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(hours=24)
HUMAN_AGENT_WINDOW = timedelta(days=7)
META_CHANNELS = ("messenger", "instagram")
CHANNELS = (*META_CHANNELS, "whatsapp")
SENDERS = ("bot", "agent", "notice")


class WindowClosed(Exception):
    """The platform does not allow this message now; `message` says what would be allowed."""

    def __init__(self, message: str, needs: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: What would make it sendable: `template`, `customer_message`, or None.
        self.needs = needs


@dataclass(frozen=True)
class SendRule:
    """How a message goes out: Messenger `messaging_type` + `tag`, or WhatsApp `text` / `template`."""

    messaging_type: str
    within_window: bool
    tag: str | None = None

    @property
    def is_template(self) -> bool:
        return self.messaging_type == "template"

    @property
    def tagged(self) -> bool:
        return self.messaging_type == "MESSAGE_TAG"


def in_window(last_inbound_at: datetime | None, now: datetime, span: timedelta = WINDOW) -> bool:
    """True while less than `span` has passed since the customer's last message."""
    return last_inbound_at is not None and now - last_inbound_at < span


def decide(
    channel: str,
    sender: str,
    last_inbound_at: datetime | None,
    now: datetime,
    *,
    promotional: bool = False,
    update_tag: str | None = "POST_PURCHASE_UPDATE",
) -> SendRule:
    """The rule for one message, or WindowClosed when nothing the platform allows fits.

    `sender` is `bot` (an answer to the customer), `agent` (a person's reply from the inbox) or
    `notice` (a proactive shipping update). `promotional` marks content with an offer.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if sender not in SENDERS:
        raise ValueError(f"unknown sender {sender!r}")
    open_ = in_window(last_inbound_at, now)
    if channel == "whatsapp":
        if open_:
            return SendRule("text", True)
        if sender == "notice":
            return SendRule("template", False)
        raise WindowClosed(
            "The customer's last WhatsApp message is more than 24 hours old: WhatsApp only allows an approved "
            "template now. Send a template, or wait for the customer to write again.",
            needs="template",
        )
    # Messenger and Instagram
    if open_:
        return SendRule("RESPONSE" if sender != "notice" else "UPDATE", True)
    if promotional:
        raise WindowClosed(
            "Outside the 24-hour window only tagged messages are allowed, and tagged messages may not carry offers.",
            needs="customer_message",
        )
    if sender == "agent":
        if in_window(last_inbound_at, now, HUMAN_AGENT_WINDOW):
            return SendRule("MESSAGE_TAG", False, "HUMAN_AGENT")
        raise WindowClosed(
            "The customer's last message is more than 7 days old: even a person's reply (HUMAN_AGENT tag) is no "
            "longer allowed. Wait for the customer to write again.",
            needs="customer_message",
        )
    if sender == "notice" and update_tag and channel == "messenger":
        return SendRule("MESSAGE_TAG", False, update_tag)
    raise WindowClosed(
        f"The customer's last {channel} message is more than 24 hours old and no allowed message type fits.",
        needs="customer_message",
    )
