"""The normalized shipment status vocabulary and the mappers from carrier/platform formats.

Every inbound format is mapped here, at the edge; the rest of wismo only sees `ShipmentStatus`.
"""

from __future__ import annotations

from enum import StrEnum


class ShipmentStatus(StrEnum):
    PENDING = "pending"
    INFO_RECEIVED = "info_received"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    ATTEMPT_FAILED = "attempt_failed"
    AVAILABLE_FOR_PICKUP = "available_for_pickup"
    DELIVERED = "delivered"
    EXCEPTION = "exception"
    DELAYED = "delayed"
    RETURNED_TO_SENDER = "returned_to_sender"
    EXPIRED = "expired"


S = ShipmentStatus

#: Plain-language phrase for each status, used by templates and the citation checker.
STATUS_PHRASES: dict[ShipmentStatus, str] = {
    S.PENDING: "waiting to ship",
    S.INFO_RECEIVED: "label created",
    S.IN_TRANSIT: "in transit",
    S.OUT_FOR_DELIVERY: "out for delivery",
    S.ATTEMPT_FAILED: "delivery attempted",
    S.AVAILABLE_FOR_PICKUP: "ready for pickup",
    S.DELIVERED: "delivered",
    S.EXCEPTION: "held up by a carrier exception",
    S.DELAYED: "delayed",
    S.RETURNED_TO_SENDER: "returned to sender",
    S.EXPIRED: "no longer tracked by the carrier",
}

#: Statuses after which a parcel is no longer moving toward the customer.
FINAL_STATUSES = frozenset({S.DELIVERED, S.RETURNED_TO_SENDER, S.EXPIRED})

AFTERSHIP_TAGS: dict[str, ShipmentStatus] = {
    "pending": S.PENDING,
    "inforeceived": S.INFO_RECEIVED,
    "intransit": S.IN_TRANSIT,
    "outfordelivery": S.OUT_FOR_DELIVERY,
    "attemptfail": S.ATTEMPT_FAILED,
    "delivered": S.DELIVERED,
    "availableforpickup": S.AVAILABLE_FOR_PICKUP,
    "exception": S.EXCEPTION,
    "expired": S.EXPIRED,
}

#: AfterShip subtags that refine a tag (e.g. a returned parcel is an Exception with subtag 011).
AFTERSHIP_SUBTAGS: dict[str, ShipmentStatus] = {
    "exception_011": S.RETURNED_TO_SENDER,
    "exception_012": S.RETURNED_TO_SENDER,
    "intransit_007": S.DELAYED,
    "exception_007": S.DELAYED,
}

EASYPOST_STATUSES: dict[str, ShipmentStatus] = {
    "unknown": S.PENDING,
    "pre_transit": S.INFO_RECEIVED,
    "in_transit": S.IN_TRANSIT,
    "out_for_delivery": S.OUT_FOR_DELIVERY,
    "delivered": S.DELIVERED,
    "available_for_pickup": S.AVAILABLE_FOR_PICKUP,
    "return_to_sender": S.RETURNED_TO_SENDER,
    "failure": S.EXCEPTION,
    "cancelled": S.EXPIRED,
    "error": S.EXCEPTION,
}

SHIPPO_STATUSES: dict[str, ShipmentStatus] = {
    "unknown": S.PENDING,
    "pre_transit": S.INFO_RECEIVED,
    "transit": S.IN_TRANSIT,
    "delivered": S.DELIVERED,
    "returned": S.RETURNED_TO_SENDER,
    "failure": S.EXCEPTION,
}

#: Shippo substatus codes that carry more than the top-level status.
SHIPPO_SUBSTATUSES: dict[str, ShipmentStatus] = {
    "out_for_delivery": S.OUT_FOR_DELIVERY,
    "delivery_attempted": S.ATTEMPT_FAILED,
    "delivery_rescheduled": S.DELAYED,
    "delivery_delayed": S.DELAYED,
    "pickup_available": S.AVAILABLE_FOR_PICKUP,
    "return_to_sender": S.RETURNED_TO_SENDER,
}

SHOPIFY_SHIPMENT_STATUSES: dict[str, ShipmentStatus] = {
    "label_printed": S.INFO_RECEIVED,
    "label_purchased": S.INFO_RECEIVED,
    "confirmed": S.INFO_RECEIVED,
    "in_transit": S.IN_TRANSIT,
    "out_for_delivery": S.OUT_FOR_DELIVERY,
    "attempted_delivery": S.ATTEMPT_FAILED,
    "ready_for_pickup": S.AVAILABLE_FOR_PICKUP,
    "delivered": S.DELIVERED,
    "failure": S.EXCEPTION,
}


def _key(value: str) -> str:
    return value.strip().lower()


def _lookup(table: dict[str, ShipmentStatus], value: str | None, source: str) -> ShipmentStatus:
    if value is None or not str(value).strip():
        raise ValueError(f"empty {source} status")
    try:
        return table[_key(str(value))]
    except KeyError:
        raise ValueError(f"unknown {source} status: {value!r}") from None


def from_aftership(tag: str, subtag: str | None = None) -> ShipmentStatus:
    """Map an AfterShip `tag` (e.g. `AttemptFail`) and optional `subtag` (e.g. `Exception_011`)."""
    if subtag and _key(subtag) in AFTERSHIP_SUBTAGS:
        return AFTERSHIP_SUBTAGS[_key(subtag)]
    return _lookup(AFTERSHIP_TAGS, tag, "AfterShip")


def from_easypost(status: str, status_detail: str | None = None) -> ShipmentStatus:
    """Map an EasyPost tracker `status`; `status_detail` refines failures and delays."""
    detail = _key(status_detail or "")
    if detail in {"arrived_at_destination_delayed", "delayed", "weather_delay", "rescheduled"}:
        return S.DELAYED
    if detail in {"delivery_attempted", "address_not_found", "recipient_unavailable"} and _key(status) in {
        "failure",
        "in_transit",
        "out_for_delivery",
    }:
        return S.ATTEMPT_FAILED
    return _lookup(EASYPOST_STATUSES, status, "EasyPost")


def from_shippo(status: str, substatus: str | None = None) -> ShipmentStatus:
    """Map a Shippo tracking `status` (e.g. `TRANSIT`) and optional `substatus.code`."""
    if substatus and _key(substatus) in SHIPPO_SUBSTATUSES:
        return SHIPPO_SUBSTATUSES[_key(substatus)]
    return _lookup(SHIPPO_STATUSES, status, "Shippo")


def from_shopify(shipment_status: str | None) -> ShipmentStatus:
    """Map a Shopify fulfillment `shipment_status`; a fulfillment without one has not moved yet."""
    if shipment_status is None or not str(shipment_status).strip():
        return S.INFO_RECEIVED
    return _lookup(SHOPIFY_SHIPMENT_STATUSES, shipment_status, "Shopify")
