"""The status vocabulary and the mappers from every carrier/platform format."""

import pytest

from wismo.domain import status as st
from wismo.domain.status import ShipmentStatus as S


@pytest.mark.parametrize(
    ("tag", "subtag", "expected"),
    [
        ("Pending", None, S.PENDING),
        ("InfoReceived", None, S.INFO_RECEIVED),
        ("InTransit", "InTransit_001", S.IN_TRANSIT),
        ("OutForDelivery", None, S.OUT_FOR_DELIVERY),
        ("AttemptFail", "AttemptFail_001", S.ATTEMPT_FAILED),
        ("Delivered", "Delivered_001", S.DELIVERED),
        ("AvailableForPickup", None, S.AVAILABLE_FOR_PICKUP),
        ("Exception", "Exception_004", S.EXCEPTION),
        ("Exception", "Exception_011", S.RETURNED_TO_SENDER),
        ("InTransit", "InTransit_007", S.DELAYED),
        ("Expired", None, S.EXPIRED),
    ],
)
def test_aftership(tag, subtag, expected):
    assert st.from_aftership(tag, subtag) is expected


@pytest.mark.parametrize(
    ("status", "detail", "expected"),
    [
        ("unknown", None, S.PENDING),
        ("pre_transit", None, S.INFO_RECEIVED),
        ("in_transit", "arrived_at_facility", S.IN_TRANSIT),
        ("in_transit", "weather_delay", S.DELAYED),
        ("out_for_delivery", None, S.OUT_FOR_DELIVERY),
        ("delivered", None, S.DELIVERED),
        ("available_for_pickup", None, S.AVAILABLE_FOR_PICKUP),
        ("return_to_sender", None, S.RETURNED_TO_SENDER),
        ("failure", None, S.EXCEPTION),
        ("failure", "delivery_attempted", S.ATTEMPT_FAILED),
        ("cancelled", None, S.EXPIRED),
        ("error", None, S.EXCEPTION),
    ],
)
def test_easypost(status, detail, expected):
    assert st.from_easypost(status, detail) is expected


@pytest.mark.parametrize(
    ("status", "sub", "expected"),
    [
        ("UNKNOWN", None, S.PENDING),
        ("PRE_TRANSIT", None, S.INFO_RECEIVED),
        ("TRANSIT", None, S.IN_TRANSIT),
        ("TRANSIT", "out_for_delivery", S.OUT_FOR_DELIVERY),
        ("TRANSIT", "delivery_attempted", S.ATTEMPT_FAILED),
        ("TRANSIT", "delivery_delayed", S.DELAYED),
        ("TRANSIT", "pickup_available", S.AVAILABLE_FOR_PICKUP),
        ("DELIVERED", None, S.DELIVERED),
        ("RETURNED", None, S.RETURNED_TO_SENDER),
        ("FAILURE", None, S.EXCEPTION),
    ],
)
def test_shippo(status, sub, expected):
    assert st.from_shippo(status, sub) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, S.INFO_RECEIVED),
        ("label_printed", S.INFO_RECEIVED),
        ("label_purchased", S.INFO_RECEIVED),
        ("confirmed", S.INFO_RECEIVED),
        ("in_transit", S.IN_TRANSIT),
        ("out_for_delivery", S.OUT_FOR_DELIVERY),
        ("attempted_delivery", S.ATTEMPT_FAILED),
        ("ready_for_pickup", S.AVAILABLE_FOR_PICKUP),
        ("delivered", S.DELIVERED),
        ("failure", S.EXCEPTION),
    ],
)
def test_shopify(value, expected):
    assert st.from_shopify(value) is expected


def test_every_platform_value_maps_and_unknowns_fail_loudly():
    for table in (st.AFTERSHIP_TAGS, st.EASYPOST_STATUSES, st.SHIPPO_STATUSES, st.SHOPIFY_SHIPMENT_STATUSES):
        assert all(isinstance(v, S) for v in table.values())
    with pytest.raises(ValueError, match="unknown AfterShip status"):
        st.from_aftership("Teleported")
    with pytest.raises(ValueError, match="unknown Shopify status"):
        st.from_shopify("lost_in_space")
    with pytest.raises(ValueError, match="empty"):
        st.from_easypost("  ")


def test_every_status_has_a_phrase():
    assert set(st.STATUS_PHRASES) == set(S)
