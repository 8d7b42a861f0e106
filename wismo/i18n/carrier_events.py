"""A carrier's scan said in the customer's language.

Carriers report a small set of events in English ("Delivery attempted - business closed"); each is a
key of the `event.*` catalog (locales/carrier_events.<lang>.yaml) so a Spanish reply says "intento de
entrega: el negocio estaba cerrado". English, and any event not listed, keep the carrier's own words.
"""

from __future__ import annotations

import re

from .catalog import word
from .formats import current

#: The carrier's words -> the catalog key; named groups fill the message's {fields}.
_EVENTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^{pattern}$", re.I), key)
    for pattern, key in (
        (r"Shipping label created, carrier awaiting item", "label_created"),
        (r"Picked up by carrier", "picked_up"),
        (r"Departed origin facility", "departed_origin"),
        (r"Arrived at local delivery facility", "arrived_local"),
        (r"Arrived at (?P<carrier>.+?) sort facility", "arrived_sort"),
        (r"Departed (?P<carrier>.+?) sort facility", "departed_sort"),
        (r"Out for delivery", "out_for_delivery"),
        (r"Delivered", "delivered"),
        (r"Delivered, (?P<place>.+)", "delivered_at"),
        (r"Delivery attempted - no secure location available for the package", "attempt_no_secure_location"),
        (r"Delivery attempted - no access to delivery location", "attempt_no_access"),
        (r"Delivery attempted - receiver not available, signature required", "attempt_signature"),
        (r"Delivery attempted - business closed", "attempt_business_closed"),
        (r"Delivery attempted - address not found", "attempt_address_not_found"),
        (r"Delay - road closure affecting delivery routes", "delay_road_closure"),
        (r"Delay - missed connection, rescheduled for next departure", "delay_missed_connection"),
        (r"Delay - high holiday volume(?: at the facility)?", "delay_holiday_volume"),
        (r"Delay - severe winter weather(?: in the area)?", "delay_winter_weather"),
        (r"Exception - held", "exception_held"),
        (r"Exception - held at facility pending address correction", "exception_held_address"),
        (r"Exception - package label damaged, rerouting", "exception_label_damaged"),
        (r"Exception - address information required, carrier will contact the sender", "exception_address_required"),
        (r"Exception - package damaged(?: in transit)?(?:, carrier is reviewing)?", "exception_damaged"),
        (r"Undeliverable as addressed, returning to sender", "returning_to_sender"),
        (r"Available for pickup", "available"),
        (r"Available for pickup at (?P<point>.+)", "available_at"),
    )
)

#: Where a parcel was left ("Delivered, front porch"): the places carriers name.
_PLACES = {
    "front door": "front_door",
    "handed to resident": "handed_to_resident",
    "front porch": "front_porch",
    "mailroom": "mailroom",
    "parcel locker": "parcel_locker",
    "side door": "side_door",
    "reception": "reception",
}


def delivered_place(place: str, lang: str | None = None) -> str | None:
    """ "front porch" in the turn's language, or None when carriers' place is not one we know."""
    key = _PLACES.get(place.strip().lower())
    return word(f"event.place.{key}", lang) if key else None


def say(description: str, lang: str | None = None) -> str:
    """The carrier's event in the turn's language; its own words when English or not listed."""
    lang = lang or current()
    text = (description or "").strip()
    if lang == "en":
        return text
    for pattern, key in _EVENTS:
        m = pattern.match(text)
        if m is None:
            continue
        fields = m.groupdict()
        if "place" in fields:
            place = delivered_place(fields["place"], lang)
            if place is None:
                return text
            fields["place"] = place
        return word(f"event.{key}", lang, **fields)
    return text
