"""The tracking page in a real browser (Debian's chromium driven by Playwright) against a real uvicorn
server on a fresh store: keyboard-only redirect with its confirm step, the pre-verified chat, the
return entry point, the invalid-link page, no script or CSP errors. Screenshots go to artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser import ARTIFACTS, chromium, serve
from .browser import new_page as browser_page
from .browser import require_browser as _require_browser
from .conftest import seeded_agent

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict]:
    """A fresh 300-order store (the redirect writes), its own Agent, and uvicorn in a thread."""
    _require_browser()

    from wismo.server import create_app

    agent = seeded_agent(tmp_path_factory.mktemp("track-browser"))
    agent.send(agent.start("api"), "hi")  # warm up the NLP models so the UI waits for turns, not loading
    app = create_app(agent.settings, agent)

    with serve(app) as url:
        yield {"url": url, "agent": agent}


@pytest.fixture(scope="module")
def browser(site):
    with chromium() as b:
        yield b


def new_page(browser, **context):
    # A 404 page load is expected in one test.
    return browser_page(browser, "404", **context)


def track_url(site, status: str, want_offer: bool = False) -> str:
    """A link to the first order with that status (with an offer on its page when asked)."""
    import httpx

    from wismo.channels import track_tokens

    agent = site["agent"]
    for row in agent.store.list_orders():
        if row["status"] != status:
            continue
        token, _, _ = track_tokens.issue_link(agent.engine, agent.settings, row["order_number"], agent.store.now())
        url = f"{site['url']}/track/{token}"
        if not want_offer or "You might also like" in httpx.get(url).text:
            return url
    raise LookupError(status)


def focused_text(page) -> str:
    return page.evaluate("() => (document.activeElement && document.activeElement.textContent || '').trim()")


def tab_until(page, predicate, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused_text(page)):
            return
    raise AssertionError("Tab never reached the control")


def test_failed_attempt_page_keyboard_redirect_with_confirm_step(browser, site):
    from playwright.sync_api import expect

    url = track_url(site, "attempt_failed")
    page = new_page(browser, viewport=PHONE, device_scale_factor=2)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delivery attempt failed")
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("banner")).to_be_visible()
    expect(page.get_by_role("heading", name="What this means")).to_be_visible()
    expect(page.get_by_role("button", name="Ask Wiz about this order")).to_be_visible()  # JS ran under the CSP
    points = page.get_by_role("button", name="Pick up here")
    assert points.count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "track-attempt-failed.png"), full_page=True)

    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to content"
    tab_until(page, lambda t: t == "Pick up here")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pick up at")
    expect(page.get_by_text("Nothing has changed yet.")).to_be_visible()
    expect(page.get_by_role("heading", name="What will happen")).to_be_visible()
    tab_until(page, lambda t: t == "Yes, redirect my parcel")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("redirected to")
    expect(page.locator(".ev-latest .ev-desc")).to_contain_text("Redirect requested to")
    assert page.get_by_role("button", name="Pick up here").count() == 0
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_chat_opens_verified_and_answers_when_it_arrives(browser, site):
    from playwright.sync_api import expect

    url = track_url(site, "in_transit")
    page = new_page(browser, viewport=PHONE)
    page.goto(url)
    page.get_by_role("button", name="Ask Wiz about this order").click()
    chat = page.locator("#wismo-chat-widget")
    box = chat.get_by_role("textbox", name="Message")
    expect(box).to_be_focused()
    box.fill("when will it arrive?")
    box.press("Enter")
    answer = chat.locator(".wismo-bot:not(.wismo-typing):not(.wismo-welcome) .wismo-bubble").last
    expect(answer).to_contain_text("expected")
    expect(chat.locator(".wismo-sources").last).to_be_visible()
    text = answer.inner_text().lower()
    assert "email" not in text and "zip" not in text  # verified by the link: no questions first
    # A reload keeps the same conversation (the page remembers it for this link).
    page.reload()
    expect(chat.locator(".wismo-customer .wismo-bubble").first).to_have_text("when will it arrive?")
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_delivered_page_return_button_starts_the_return_in_chat(browser, site):
    from playwright.sync_api import expect

    url = track_url(site, "delivered", want_offer=True)
    page = new_page(browser, viewport=PHONE, device_scale_factor=2)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delivered")
    expect(page.get_by_role("heading", name="Return or exchange")).to_be_visible()
    expect(page.get_by_role("complementary")).to_contain_text("You might also like")
    page.screenshot(path=str(ARTIFACTS / "track-delivered.png"), full_page=True)
    page.get_by_role("button", name="Start a return or exchange").click()
    chat = page.locator("#wismo-chat-widget")
    expect(chat.locator(".wismo-customer .wismo-bubble").last).to_have_text("I want to return an item")
    expect(chat.locator(".wismo-bot:not(.wismo-typing):not(.wismo-welcome) .wismo-bubble").last).to_contain_text(
        "return"
    )
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_invalid_link_page_is_clear_and_empty(browser, site):
    from playwright.sync_api import expect

    page = new_page(browser, viewport=PHONE)
    response = page.goto(f"{site['url']}/track/forged.token")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This tracking link isn't valid")
    expect(page.get_by_role("link", name="chat")).to_be_visible()
    assert "Order" not in page.locator("main").inner_text()
