"""Client addresses: X-Forwarded-For only from trusted proxies, IPv6 clients limited per /64."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from wismo.client_address import limit_key, parse_networks, resolve
from wismo.guardrails.access import client_key
from wismo.server import create_app

from .conftest import make_settings
from .test_route_access import NoAgent

LB = parse_networks("10.0.0.0/8, 2001:db8:ffff::/48")


@pytest.mark.parametrize(
    ("peer", "xff", "client"),
    [
        ("198.51.100.9", ["203.0.113.1"], "198.51.100.9"),  # not a trusted proxy: the header is ignored
        ("10.0.0.2", ["203.0.113.1"], "203.0.113.1"),
        ("10.0.0.2", ["1.2.3.4, 203.0.113.1"], "203.0.113.1"),  # what the client wrote is left of the truth
        ("10.0.0.2", ["203.0.113.1, 10.9.9.9"], "203.0.113.1"),  # a chain of trusted proxies
        ("10.0.0.2", ["1.2.3.4", "203.0.113.1"], "203.0.113.1"),  # repeated headers read as one list
        ("10.0.0.2", ["not-an-ip, 10.9.9.9"], "10.9.9.9"),  # unreadable: stop at the last trusted hop
        ("10.0.0.2", [], "10.0.0.2"),
        ("2001:db8:ffff:1::5", ["2001:db8:42::1"], "2001:db8:42::1"),
        ("::ffff:10.0.0.2", ["203.0.113.1"], "203.0.113.1"),  # IPv4-mapped peer
    ],
)
def test_forwarded_for_is_read_from_the_right_and_only_behind_a_trusted_proxy(peer, xff, client):
    assert resolve(peer, xff, LB) == client
    assert resolve(peer, xff, ()) == peer  # nothing trusted: the socket peer, always


def test_bad_trusted_proxy_setting_names_the_entry():
    with pytest.raises(ValueError, match="'10.0.0.300'"):
        parse_networks("10.0.0.0/8,10.0.0.300")


def test_ipv6_clients_share_a_limit_per_64():
    assert limit_key("2001:db8:1:2::1") == limit_key("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64"
    assert limit_key("2001:db8:1:3::1") != limit_key("2001:db8:1:2::1")
    assert limit_key("203.0.113.1") == "203.0.113.1" and limit_key("::ffff:203.0.113.1") == "203.0.113.1"
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2::9")
    assert client_key("203.0.113.1") != client_key("203.0.113.2")


def _app(tmp_path, monkeypatch, trusted: str = ""):
    monkeypatch.setenv("WISMO_CHAT_RATE_PER_MIN", "2")
    settings = make_settings(tmp_path).model_copy(update={"trusted_proxies": trusted})
    return create_app(settings, agent=NoAgent())


def limited(client: TestClient, xff: str | None = None) -> bool:
    headers = {"X-Forwarded-For": xff} if xff else {}
    return client.post("/v1/conversations", json={}, headers=headers).status_code == 429


def test_customers_behind_a_trusted_balancer_each_get_their_own_limit(tmp_path, monkeypatch):
    lb = TestClient(_app(tmp_path, monkeypatch, "10.0.0.0/8"), client=("10.0.0.2", 4000), raise_server_exceptions=False)
    assert [limited(lb, "203.0.113.1") for _ in range(3)] == [False, False, True]
    assert not limited(lb, "203.0.113.2")  # another customer behind the same balancer
    assert limited(lb, "9.9.9.9, 203.0.113.1")  # a spoofed left part changes nothing


def test_rotating_forwarded_for_from_an_untrusted_peer_resets_nothing(tmp_path, monkeypatch):
    direct = TestClient(_app(tmp_path, monkeypatch), client=("198.51.100.9", 4000), raise_server_exceptions=False)
    assert [limited(direct, f"203.0.113.{i}") for i in range(3)] == [False, False, True]


def test_addresses_of_one_ipv6_64_share_the_chat_limit(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)
    seen = [
        limited(TestClient(app, client=(f"2001:db8:7:7::{i}", 4000), raise_server_exceptions=False)) for i in range(3)
    ]
    assert seen == [False, False, True]
    assert not limited(TestClient(app, client=("2001:db8:7:8::1", 4000), raise_server_exceptions=False))


def test_serve_leaves_forwarded_headers_to_the_app(monkeypatch, tmp_path):
    import uvicorn

    from wismo import cli

    monkeypatch.setenv("WISMO_DATA_DIR", str(tmp_path))
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.update(kw))
    assert cli.main(["serve", "--port", "8129"]) == 0
    assert seen["proxy_headers"] is False  # uvicorn would trust X-Forwarded-For from 127.0.0.1 by itself
