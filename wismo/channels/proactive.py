"""Proactive shipping notices: tell the customer before they have to ask.

Rules (kinds configurable with WISMO_NOTIFY_KINDS; out_for_delivery with WISMO_NOTIFY_OUT_FOR_DELIVERY):
- attempt_failed: at once, with the nearest pickup alternatives;
- delayed / eta_revised (a later carrier estimate): an apology and the new window;
- available_for_pickup: where, and until when when the carrier says;
- exception: an apology and what we know;
- out_for_delivery: optional.
A notice goes only to the order's own customer, on the channel they opted in to, at most once per
carrier event (the event key is unique), and never carries an offer. `proactive_stats` tells ops
how many went out and how many of those customers contacted support anyway.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..domain import work_queue as wq
from ..domain.catalog import CARRIER_NAMES
from ..domain.db import session
from ..domain.models import Conversation, Customer, Message, Order, Shipment
from ..domain.status import ShipmentStatus as S
from ..domain.store import Store
from ..i18n import DEFAULT_LANGUAGE, formats, wording
from ..i18n.catalog import word
from ..i18n.detect import detect
from ..tools.context import ToolContext
from ..tools.evidence import ToolRefused
from ..tools.pickup import nearest
from . import records
from .delivery import dm_payload, send_dm
from .graph_api import ChannelSettings, Outbox
from .window import CHANNELS

log = logging.getLogger("wismo.proactive")

#: Which kind a status change gives, most urgent first (one notice per event).
STATUS_KINDS: tuple[tuple[S, str], ...] = (
    (S.ATTEMPT_FAILED, "attempt_failed"),
    (S.AVAILABLE_FOR_PICKUP, "available_for_pickup"),
    (S.EXCEPTION, "exception"),
    (S.DELAYED, "delayed"),
    (S.OUT_FOR_DELIVERY, "out_for_delivery"),
)
FINAL = frozenset({S.DELIVERED, S.RETURNED_TO_SENDER, S.EXPIRED})


@dataclass
class Notice:
    kind: str
    text: str
    source_ids: list[str]
    template_parameters: list[str]
    #: The language it is written in (and the WhatsApp template's language).
    language: str = DEFAULT_LANGUAGE


def kind_for(result: Any, kinds: frozenset[str]) -> str | None:
    """The notice an applied update deserves (an `ApplyResult`), or None."""
    if result.status_changed:
        for status, kind in STATUS_KINDS:
            if result.status == status and kind in kinds:
                return kind
    if result.estimate_later and result.status not in FINAL:
        kind = "delayed" if result.status == S.DELAYED else "eta_revised"
        if kind in kinds:
            return kind
    return None


def _carrier(code: str) -> str:
    return CARRIER_NAMES.get(code, code.upper())


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Notifier:
    """Composes and sends notices, and records each (`channel_notifications`)."""

    def __init__(self, engine: Engine, outbox: Outbox, settings: ChannelSettings, brand: str | None = None) -> None:
        self.engine = engine
        self.store = Store(engine)
        self.outbox = outbox
        self.settings = settings
        if brand is None:
            from ..config import get_settings

            brand = get_settings().brand_name
        self.brand = brand

    def compose(self, kind: str, order: Order, ship: Shipment, lang: str = DEFAULT_LANGUAGE) -> Notice:
        """The notice's text in the customer's language (catalogs `notice.<lang>.yaml`), with the
        sources it states: the order, the shipment, its last scan, the carrier's estimate, points."""
        with formats.language(lang):
            return self._compose(kind, order, ship)

    def _compose(self, kind: str, order: Order, ship: Shipment) -> Notice:
        tz = order.timezone
        carrier = _carrier(ship.carrier)
        number = order.number
        events = self.store.events(ship.id or 0)
        last = events[-1] if events else None
        sources = [f"order:{order.number_key}", f"shipment:{ship.tracking_number}"]
        if last is not None:
            sources.append(f"shipment:{ship.tracking_number}:event:{last.seq}")
        desc = last.description if last else ""
        fields: dict[str, Any] = {"brand": self.brand, "carrier": carrier, "number": number}
        if kind == "attempt_failed":
            quoted = f" ({desc})" if desc else ""
            if last is not None:
                text = word("notice.attempt_failed", moment=wording.moment(last.occurred_at, tz), desc=quoted, **fields)
            else:
                text = word("notice.attempt_failed_undated", desc=quoted, **fields)
            ctx = ToolContext(self.store, f"notice:{order.number_key}", order.number_key, self.store.now())
            try:
                options = nearest(ctx, order, ship)
            except ToolRefused:
                options = []
            if options:
                text += " " + word("notice.pickup_intro")
                for o in options:
                    p = o.point
                    place = wording.place(p.city, p.region)
                    line = word(
                        "notice.pickup_line", name=p.name, street=p.street, place=place, km=f"{o.distance_km:.1f}"
                    )
                    text += "\n" + line
                    sources.append(o.fact.source_id)
                text += "\n" + word("notice.pickup_outro")
            else:
                text += " " + word("notice.redelivery")
        elif kind in ("delayed", "eta_revised"):
            if kind == "delayed":
                text = word("notice.delayed", desc=f": {desc}" if desc else "", **fields)
            else:
                text = word("notice.eta_revised", **fields)
            if ship.carrier_estimate and ship.carrier_estimate_end:
                window = wording.window(ship.carrier_estimate, ship.carrier_estimate_end, tz)
                sources.append(f"eta:carrier:{ship.tracking_number}")
                one_day = (
                    wording.local(ship.carrier_estimate, tz).date()
                    == wording.local(ship.carrier_estimate_end, tz).date()
                )
                text += " " + word("notice.new_day" if one_day else "notice.new_window", carrier=carrier, window=window)
            else:
                text += " " + word("notice.no_new_date")
        elif kind == "available_for_pickup":
            point = self.store.pickup_point(ship.pickup_point_id) if ship.pickup_point_id else None
            if point is not None:
                where = f"{point.name}, {point.street}, {wording.place(point.city, point.region)}"
                sources.append(f"pickup:{point.code}")
            elif last is not None and (last.city or last.region):
                where = word("notice.where_city", carrier=carrier, place=wording.place(last.city, last.region))
            else:
                where = word("notice.where_carrier", carrier=carrier)
            text = word("notice.ready", where=where, **fields)
            if ship.held_until:
                text += " " + word("notice.held_until", moment=wording.moment(ship.held_until, tz))
            else:
                text += " " + word("notice.held_limited")
            text += " " + word("notice.bring_id", tracking_number=ship.tracking_number)
        elif kind == "exception":
            text = word("notice.exception", desc=f": {desc}" if desc else "", **fields)
        elif kind == "out_for_delivery":
            text = word("notice.out_for_delivery", tracking_number=ship.tracking_number, **fields)
        else:
            raise ValueError(f"unknown notice kind {kind!r}")
        return Notice(kind, text, sources, [number, _one_line(text)], formats.current())

    def plan(self, s: Session, result: Any, event_key: str, now: datetime) -> records.NotificationSent | None:
        """Write the notice an applied update deserves (its row and its outbox item) inside the
        caller's transaction, so the update and its notice commit together; once per `event_key`."""
        kind = kind_for(result, self.settings.notice_kinds)
        if kind is None:
            return None
        order = s.get(Order, result.order_id)
        ship = s.get(Shipment, result.shipment_id)
        cust = s.get(Customer, order.customer_id) if order else None
        if order is None or ship is None or cust is None:
            return None
        channel, address = cust.notify_channel, cust.notify_address
        if channel not in CHANNELS or not address:
            log.info(
                "no notice for order=%s kind=%s: customer has not opted in to a social channel", order.number_key, kind
            )
            return None
        lang = customer_language(s, channel, address, order.number_key)
        with self.store.using(s):  # the notice quotes the scan this same transaction appended
            notice = self.compose(kind, order, ship, lang)
        row = records.NotificationSent(
            event_key=event_key[:255],
            order_key=order.number_key,
            shipment_id=ship.id,
            kind=kind,
            channel=channel,
            address=address,
            status="pending",
            text=notice.text,
            source_ids=notice.source_ids + [f"notice:{event_key}"[:255]],
            created_at=now,
        )
        sent = records.NotificationSent
        if s.exec(select(sent.id).where(sent.event_key == row.event_key)).first():
            return None  # this event was already notified (the unique key would refuse a second row)
        s.add(row)
        s.flush()
        ident = s.exec(
            select(records.ChannelIdentity).where(
                records.ChannelIdentity.channel == channel, records.ChannelIdentity.sender_id == address
            )
        ).first()
        payload = dm_payload(
            channel,
            address,
            notice.text,
            sender="notice",
            conversation_id=ident.conversation_id if ident else None,
            template_parameters=notice.template_parameters,
            notification_id=row.id,
            language=notice.language,
        )
        wq.enqueue_outbox(s, f"notice:{event_key}", "notice", payload, now)
        return row

    def notify(self, result: Any, event_key: str, now: datetime | None = None) -> records.NotificationSent | None:
        """Plan the notice in its own transaction, then deliver it at once (a failed send stays in
        the outbox for the workers to retry). Returns the notice's row as it stands after."""
        now = now or datetime.now(UTC)
        with session(self.engine) as s:
            row = self.plan(s, result, event_key, now)
            s.commit()
        if row is None:
            return None
        wq.deliver_now(self.engine, f"notice:{event_key}", lambda item: send_dm(self.outbox, item))
        with session(self.engine) as s:
            return s.get(records.NotificationSent, row.id)


#: How many of the customer's latest messages say which language they write in.
_LANGUAGE_MESSAGES = 5


def customer_language(s: Session, channel: str, address: str, order_key: str) -> str:
    """The language the customer last wrote to us in: their messages in the DM thread on this
    channel, else in a conversation about this order; the default language when they never wrote."""
    conversation = s.exec(
        select(records.ChannelIdentity.conversation_id).where(
            records.ChannelIdentity.channel == channel, records.ChannelIdentity.sender_id == address
        )
    ).first()
    ids = [conversation] if conversation else []
    ids += list(s.exec(select(Conversation.id).where(Conversation.verified_order == order_key)))
    if not ids:
        return DEFAULT_LANGUAGE
    texts = list(
        s.exec(
            select(Message.text)
            .where(col(Message.conversation_id).in_(ids), Message.role == "customer")
            .order_by(col(Message.created_at).desc())
            .limit(_LANGUAGE_MESSAGES)
        )
    )
    return detect(" ".join(reversed(texts))[-500:]) if texts else DEFAULT_LANGUAGE


def proactive_stats(engine: Engine, since: datetime | None = None, contact_hours: int = 72) -> dict[str, Any]:
    """Notices sent, by kind, and how many were followed by the customer writing to support anyway.

    Contacted = within `contact_hours` after the notice, a customer message in a conversation whose
    `channel_user` is the notified address or that verified the notified order.
    """
    span = timedelta(hours=contact_hours)
    with session(engine) as s:
        stmt = select(records.NotificationSent).where(records.NotificationSent.status == "sent")
        if since is not None:
            stmt = stmt.where(col(records.NotificationSent.created_at) >= since)
        notices = list(s.exec(stmt))
        by_kind: dict[str, int] = {}
        contacted = 0
        for n in notices:
            by_kind[n.kind] = by_kind.get(n.kind, 0) + 1
            hit = s.exec(
                select(Message.id)
                .join(Conversation, col(Conversation.id) == col(Message.conversation_id))
                .where(
                    Message.role == "customer",
                    col(Message.created_at) >= n.created_at,
                    col(Message.created_at) <= n.created_at + span,
                    (col(Conversation.channel_user) == n.address) | (col(Conversation.verified_order) == n.order_key),
                )
                .limit(1)
            ).first()
            if hit is None:
                hit = s.exec(
                    select(Conversation.id)
                    .where(
                        col(Conversation.created_at) >= n.created_at,
                        col(Conversation.created_at) <= n.created_at + span,
                        (col(Conversation.channel_user) == n.address)
                        | (col(Conversation.verified_order) == n.order_key),
                    )
                    .limit(1)
                ).first()
            contacted += hit is not None
        # What did not go out: refused (the channel's window closed and no template is set up) or
        # failed (the platform refused the request, or errs and the outbox is still retrying).
        missed = select(records.NotificationSent.status, func.count()).where(
            col(records.NotificationSent.status).in_(("refused", "failed"))
        )
        if since is not None:
            missed = missed.where(col(records.NotificationSent.created_at) >= since)
        not_sent = {status: int(n) for status, n in s.exec(missed.group_by(records.NotificationSent.status))}
    sent = len(notices)
    return {
        "notices_sent": sent,
        "by_kind": by_kind,
        "contacted_after": contacted,
        "contact_rate": round(contacted / sent, 4) if sent else 0.0,
        "not_sent": {"refused": not_sent.get("refused", 0), "failed": not_sent.get("failed", 0)},
    }
