"""The branded tracking page over HTTP: signed links, what the page shows and hides, the same 404 for
forged, expired and revoked links, the pre-verified chat, the confirmed redirect and the page's figures.

Read-only checks use the session store (orders from the end of the list, which other tests leave alone);
everything that writes (redirect, offers, stats) runs on a fresh 300-order store."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from wismo.channels import track_tokens
from wismo.channels.track_cli import register
from wismo.channels.tracking_page import router, tracking_page_stats

from .conftest import make_settings, seeded_agent


def pick_last(orders: list[dict], status: str) -> dict:
    for row in reversed(orders):
        if row["status"] == status:
            return row
    raise LookupError(status)


def app_client(settings, agent) -> TestClient:
    from wismo.server import create_app

    app = create_app(settings, agent)
    app.include_router(router)
    return TestClient(app, follow_redirects=False)


def link(agent, number: str, days: int = 30) -> tuple[str, str]:
    token, tid, _ = track_tokens.issue_link(agent.engine, agent.settings, number, agent.store.now(), days=days)
    return token, tid


def form_fields(page: str) -> dict[str, str]:
    view = re.search(r'name="view" value="(\d+)"', page)
    nonce = re.search(r'name="nonce" value="([^"]+)"', page)
    assert view and nonce
    return {"view": view.group(1), "nonce": nonce.group(1)}


def page_config(page: str) -> dict:
    import json

    m = re.search(r'<script type="application/json" id="track-config">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def client(settings, agent) -> TestClient:
    return app_client(settings, agent)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A fresh store this module may write to (redirects, offers, figures)."""
    agent = seeded_agent(tmp_path_factory.mktemp("track-store"))
    return agent, app_client(agent.settings, agent)


# ----------------------------------------------------------------------------- tokens
def test_token_is_signed_expiring_and_bound_to_its_order():
    secret = b"k" * 32
    now = datetime(2025, 12, 12, 19, tzinfo=UTC)
    token, tid = track_tokens.make_token(secret, "#WS10042", now + timedelta(days=2))
    claim = track_tokens.read_token(secret, token, now)
    assert claim is not None and claim.order_key == "WS10042" and claim.token_id == tid
    assert track_tokens.read_token(secret, token, now + timedelta(days=2)) is None  # expired
    assert track_tokens.read_token(b"x" * 32, token, now) is None  # another key
    body, sig = token.split(".")
    # Another order under the same signature, a flipped signature, junk: all refused.
    other = track_tokens._b64(track_tokens._unb64(body).replace(b"WS10042", b"WS10043"))
    assert track_tokens.read_token(secret, f"{other}.{sig}", now) is None
    flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
    assert track_tokens.read_token(secret, f"{body}.{flipped}", now) is None
    for junk in ("", "abc", "a.b.c", "%%%.%%%", "x" * 400):
        assert track_tokens.read_token(secret, junk, now) is None


def test_secret_from_env_else_derived_from_vault_key(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("WISMO_TRACK_SECRET", "s3cret")
    assert track_tokens.track_secret(settings) == b"s3cret"
    monkeypatch.delenv("WISMO_TRACK_SECRET")
    derived = track_tokens.track_secret(settings)
    assert len(derived) == 32 and derived == track_tokens.track_secret(settings)
    monkeypatch.delenv("WISMO_VAULT_KEY")
    bare = make_settings(tmp_path)
    first = track_tokens.track_secret(bare)
    assert (tmp_path / "track.key").exists() and track_tokens.track_secret(bare) == first


# ----------------------------------------------------------------------------- the page
def test_in_transit_page_shows_status_timeline_and_window_never_email_or_street(client, agent, orders):
    row = pick_last(orders, "in_transit")
    order = agent.store.order(row["order_number"])
    token, _ = link(agent, row["order_number"])
    r = client.get(f"/track/{token}")
    assert r.status_code == 200
    page = r.text
    assert "On its way" in page and order.number in page and order.city in page
    assert row["email"] not in page and order.street not in page
    assert row["tracking_number"] in page
    events = agent.store.events(agent.store.shipments(order.id)[-1].id)
    assert page.count('class="ev ') == len(events)
    assert events[-1].description in page
    assert "Expected delivery" in page and "Source: " in page
    # One h1, landmarks, a skip link; the token is a credential: no cache, no referrer, strict CSP.
    assert page.count("<h1") == 1 and "<main" in page and 'role="banner"' in page and 'href="#main"' in page
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in csp and "https:" not in csp and "frame-ancestors 'none'" in csp
    assert re.search(r'<script nonce="[^"]+">', page)


def test_attempt_failed_page_explains_and_offers_pickup_without_an_offer(client, agent, orders):
    row = pick_last(orders, "attempt_failed")
    token, _ = link(agent, row["order_number"])
    page = client.get(f"/track/{token}").text
    assert "Delivery attempt failed" in page and "What this means" in page and "What you can do" in page
    assert page.count('class="point"') >= 1 and f'action="/track/{token}/redirect"' in page
    assert "You might also like" not in page  # quiet while the parcel has a problem


def test_delivered_page_has_return_entry_and_no_window(client, agent, orders):
    row = pick_last(orders, "delivered")
    token, _ = link(agent, row["order_number"])
    page = client.get(f"/track/{token}").text
    assert "Delivered" in page and "Return or exchange" in page and 'data-chat="return"' in page
    assert "I want to return an item" in page and "Expected delivery" not in page


def test_forged_expired_and_revoked_links_get_the_same_page_with_nothing_in_it(client, agent, orders):
    row = pick_last(orders, "out_for_delivery")
    order = agent.store.order(row["order_number"])
    good, tid = link(agent, row["order_number"])
    assert client.get(f"/track/{good}").status_code == 200
    body, sig = good.split(".")
    forged = f"{body}.{sig[::-1]}"
    now = agent.store.now()
    expired, _ = track_tokens.make_token(track_tokens.track_secret(agent.settings), order.number_key, now)
    assert track_tokens.revoke(agent.engine, tid) and not track_tokens.revoke(agent.engine, tid)
    pages = [client.get(f"/track/{t}") for t in (forged, expired, good, "nonsense")]
    assert {p.status_code for p in pages} == {404}
    assert len({p.text for p in pages}) == 1
    text = pages[0].text
    for secret in (order.number, order.city, row["email"], row["tracking_number"], order.street):
        assert secret not in text
    assert "isn't valid" in html.unescape(text)  # autoescaped: the apostrophe arrives as &#39;
    # Its forms are refused too.
    assert client.post(f"/track/{good}/chat", json={"view": 1, "nonce": "x"}).status_code == 404
    assert client.post(f"/track/{good}/redirect", data={"point": "P", "view": "1", "nonce": "x"}).status_code == 404


def test_chat_from_the_page_is_verified_and_answers_at_once(client, agent, orders):
    row = pick_last(orders, "in_transit")
    token, _ = link(agent, row["order_number"])
    cfg = page_config(client.get(f"/track/{token}").text)
    assert client.post(f"/track/{token}/chat", json={"view": cfg["view"], "nonce": "wrong"}).status_code == 403
    r = client.post(f"/track/{token}/chat", json={"view": cfg["view"], "nonce": cfg["nonce"]})
    assert r.status_code == 201
    cid = r.json()["conversation_id"]
    again = client.post(
        f"/track/{token}/chat", json={"view": cfg["view"], "nonce": cfg["nonce"], "conversation_id": cid}
    )
    assert again.json()["conversation_id"] == cid  # the page's conversation is reused
    reply = client.post(f"/v1/conversations/{cid}/messages", json={"text": "when will it arrive?"}).json()["reply"]
    assert reply["intent"] == "order_status" and reply["handoff"] is None
    kinds = {c["kind"] for c in reply["citations"]}
    assert "eta" in kinds or "shipment" in kinds
    assert "email" not in reply["text"].lower()  # no verification question: the link proved it


# ----------------------------------------------------------------------------- writes, on a fresh store
def test_redirect_needs_a_confirm_step_then_acts_once(fresh):
    agent, c = fresh
    since = datetime.now(UTC) - timedelta(seconds=1)
    row = next(r for r in agent.store.list_orders() if r["status"] == "attempt_failed")
    order = agent.store.order(row["order_number"])
    ship = agent.store.shipments(order.id)[-1]
    token, _ = link(agent, row["order_number"])
    page = c.get(f"/track/{token}").text
    fields = form_fields(page)
    point = re.search(r'name="point" value="([^"]+)"', page).group(1)

    bad = c.post(f"/track/{token}/redirect", data={**fields, "nonce": "forged", "point": point, "confirm": "yes"})
    assert bad.status_code == 403
    confirm = c.post(f"/track/{token}/redirect", data={**fields, "point": point})
    assert confirm.status_code == 200
    assert "What will happen" in confirm.text and "Nothing has changed yet" in confirm.text
    assert "ready for pickup from" in confirm.text and "held until" in confirm.text
    assert agent.store.shipments(order.id)[-1].pickup_point_id == ship.pickup_point_id  # nothing changed yet

    done = c.post(f"/track/{token}/redirect", data={**fields, "point": point, "confirm": "yes"})
    assert done.status_code == 303 and done.headers["location"].startswith(f"/track/{token}?redirected=1")
    after = agent.store.shipments(order.id)[-1]
    assert after.pickup_point_id is not None and after.held_until is not None
    page = c.get(done.headers["location"]).text
    assert "Redirect requested" in page and "by the customer" in page and 'name="point"' not in page
    stats = tracking_page_stats(agent.engine, since=since)
    assert stats["redirects_confirmed"] == 1 and stats["page_views"] == 2


def test_one_offer_per_link_and_the_page_figures(fresh):
    agent, c = fresh
    since = datetime.now(UTC) - timedelta(seconds=1)
    shown = None
    for row in agent.store.list_orders():
        if row["status"] not in ("in_transit", "delivered", "out_for_delivery"):
            continue
        token, _ = link(agent, row["order_number"])
        page = c.get(f"/track/{token}").text
        if "You might also like" in page:
            shown = (token, page)
            break
    assert shown is not None, "no order in the demo store got an offer"
    token, page = shown
    url = re.search(r'href="(/o/[^"]+)"', page).group(1)
    again = c.get(f"/track/{token}").text
    assert again.count("You might also like") == 1 and url in again  # the same offer, not a new one
    assert c.get(url).status_code == 302  # the click, through the offers' tracked link
    cfg = page_config(again)
    cid = c.post(f"/track/{token}/chat", json={"view": cfg["view"], "nonce": cfg["nonce"], "purpose": "return"})
    assert cid.status_code == 201
    stats = tracking_page_stats(agent.engine, since=since)
    assert stats["offer_impressions"] == 1 and stats["offer_clicks"] == 1
    assert stats["offer_click_through_rate"] == 1.0
    assert stats["chats_started"] == 1 and stats["returns_started"] == 1
    assert stats["page_views"] >= 2 and stats["orders_viewed"] >= 1
    assert stats["orders_contacting_support"] == 0
    # A visitor who later writes in on another channel about the same order counts as a support contact.
    key = track_tokens.read_token(track_tokens.track_secret(agent.settings), token, agent.store.now()).order_key
    agent.start_verified(key, channel="web")
    later = tracking_page_stats(agent.engine, since=since)
    assert later["orders_contacting_support"] == 1 and later["orders_contacting_support_elsewhere"] == 1


def test_cli_prints_a_link_and_revokes_it(fresh, monkeypatch, capsys):
    import argparse
    import json

    agent, c = fresh
    monkeypatch.setenv("WISMO_DATA_DIR", str(agent.settings.data_dir))
    monkeypatch.setenv("WISMO_PUBLIC_URL", "https://track.example.com/")
    from wismo.config import get_settings

    get_settings.cache_clear()
    try:
        parser = argparse.ArgumentParser()
        register(parser.add_subparsers())
        number = agent.store.list_orders()[0]["order_number"]
        args = parser.parse_args(["track-link", number])
        assert args.func(args) == 0
        printed = capsys.readouterr()
        assert printed.out.startswith("https://track.example.com/track/") and "token id" in printed.err
        args = parser.parse_args(["track-link", number, "--days", "3", "--json"])
        assert args.func(args) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["url"].startswith("https://track.example.com/track/") and out["order_number"] == number
        token = out["url"].rsplit("/", 1)[1]
        assert c.get(f"/track/{token}").status_code == 200
        args = parser.parse_args(["track-link", f"--revoke={out['token_id']}"])  # an id may start with "-"
        assert args.func(args) == 0
        assert json.loads(capsys.readouterr().out)["revoked"] is True
        assert c.get(f"/track/{token}").status_code == 404
        bad = parser.parse_args(["track-link", "#NOPE999"])
        assert bad.func(bad) == 1
    finally:
        get_settings.cache_clear()
