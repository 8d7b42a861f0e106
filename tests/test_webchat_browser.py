"""The web chat in a real browser (Debian's chromium driven by Playwright) against a real uvicorn server:
keyboard-only use, a verified answer with citations, quick replies, reload survival, errors, handoff,
the phone layout and the one-tag embed on another origin. Screenshots go to artifacts/."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .browser import ARTIFACTS, chromium, serve
from .browser import new_page as browser_page
from .browser import require_browser as _require_browser
from .conftest import pick


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock


SHOP_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Outfitters</title>
<style>body{{font-family:Georgia,serif;margin:0;background:#faf7f2;color:#222}}
header{{padding:28px 40px;background:#2d2a26;color:#f5efe6;font-size:22px}}
main{{padding:40px;max-width:720px}} a{{color:#8a4b14}}</style></head>
<body><header>Northwind Outfitters</header>
<main><h1>Winter field jacket</h1><p>Windproof, water-resistant, built for long walks.</p>
<p><a href="#">Size guide</a></p></main>
<script src="{wismo}/widget.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def servers(settings, agent) -> Iterator[dict[str, str]]:
    """A real uvicorn server in a background thread with create_app + the web chat router."""
    _require_browser()

    from wismo.channels.web import allow_widget_origins, router
    from wismo.server import create_app

    agent.send(agent.start("api"), "hi")  # warm up (loads the NLP models) so the UI waits for turns, not loading
    shop_sock = _listening_socket()
    shop_origin = f"http://127.0.0.1:{shop_sock.getsockname()[1]}"
    app = create_app(settings, agent)
    app.include_router(router)
    allow_widget_origins(app, [shop_origin])

    with serve(app) as url:
        yield from _with_shop(url, shop_sock, shop_origin)


def _with_shop(url: str, shop_sock: socket.socket, shop_origin: str) -> Iterator[dict]:
    """A plain shop page on another origin that embeds the widget with its one script tag."""
    page = SHOP_PAGE.format(wismo=url).encode()

    class Shop(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            status = 200 if self.path == "/shop.html" else 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            if status == 200:
                self.wfile.write(page)

        def log_message(self, *args):
            pass

    shop = ThreadingHTTPServer(("127.0.0.1", 0), Shop, bind_and_activate=False)
    shop.socket.close()
    shop.socket = shop_sock
    shop_thread = threading.Thread(target=shop.serve_forever, daemon=True)
    shop_thread.start()

    try:
        yield {"wismo": url, "shop": f"{shop_origin}/shop.html"}
    finally:
        shop.shutdown()
        shop.server_close()


@pytest.fixture(scope="module")
def wismo_url(servers) -> str:
    return servers["wismo"]


@pytest.fixture(scope="module")
def browser(servers):
    with chromium() as b:
        yield b


def new_page(browser, **context):
    # Failed requests (the 413 we provoke) are checked where they happen.
    return browser_page(browser, "Failed to load", **context)


def is_focused(locator) -> bool:
    return locator.evaluate("el => el.getRootNode().activeElement === el")


def tab_to(page, locator, limit: int = 15) -> int:
    """Press Tab until the locator has focus; returns how many presses it took."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return n
    raise AssertionError(f"Tab never reached {locator}")


def settle(page) -> None:
    """Wait until the transcript has finished its smooth scroll to the newest message."""
    page.wait_for_function(
        """() => { const h = document.querySelector('#wismo-chat, #wismo-chat-widget');
        const log = h.shadowRoot.querySelector('[role=log]');
        return log.scrollTop + log.clientHeight >= log.scrollHeight - 2; }"""
    )


def bot_bubbles(page):
    return page.locator(".wismo-bot:not(.wismo-typing) .wismo-bubble")


WATCH_TYPING = """() => {
  const host = document.querySelector('#wismo-chat, #wismo-chat-widget');
  const log = host.shadowRoot.querySelector('[role=log]');
  window.__typingSeen = false;
  new MutationObserver(ms => { for (const m of ms) for (const n of m.addedNodes)
    if (n.classList && n.classList.contains('wismo-typing')) window.__typingSeen = true; })
    .observe(log, {childList: true});
}"""


def test_chat_page_keyboard_citations_quick_reply_reload_errors_handoff(browser, wismo_url, orders):
    from playwright.sync_api import expect

    row = pick(orders, "in_transit")
    page = new_page(browser, viewport={"width": 1280, "height": 860})
    page.goto(f"{wismo_url}/chat")

    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_text("Virtual assistant (bot)")).to_be_visible()
    expect(bot_bubbles(page).first).to_contain_text("a bot")  # the first message discloses the bot
    talk = page.get_by_role("button", name="Talk to a person")
    expect(talk).to_be_visible()

    # Keyboard only: Tab to the Message box (focus ring visible), type, Enter.
    box = page.get_by_role("textbox", name="Message")
    tab_to(page, box)
    assert box.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.evaluate(WATCH_TYPING)
    page.keyboard.type(f"where is my order {row['order_number']}? {row['email']}")
    page.keyboard.press("Enter")
    answer_row = page.locator(".wismo-bot:not(.wismo-typing)").nth(1)
    answer = answer_row.locator(".wismo-bubble")
    expect(answer).to_contain_text(row["tracking_number"])
    expect(answer).to_contain_text(row["order_number"])
    assert page.evaluate("window.__typingSeen") is True
    expect(box).to_have_value("")
    assert is_focused(box)

    # Citations: small source labels under the answer, the source id in the title.
    sources = answer_row.get_by_role("list", name="Sources").get_by_role("listitem")
    order_src = sources.filter(has_text=row["order_number"])
    expect(order_src).to_have_attribute("title", f"order:{row['order_number'].lstrip('#')}")
    expect(sources.filter(has_text=row["tracking_number"]).first).to_have_attribute(
        "title", f"shipment:{row['tracking_number']}"
    )
    labels_before = sources.all_inner_texts()
    assert len(labels_before) >= 2

    # CSAT: a thumbs up under the answered question is recorded.
    answer_row.get_by_role("button", name="Helpful", exact=True).click()
    expect(answer_row.locator(".wismo-rate")).to_have_text("Thanks for the feedback.")

    # A follow-up, then a quick reply button (clicked).
    box.fill("when will it arrive?")
    page.get_by_role("button", name="Send").click()
    expect(bot_bubbles(page)).to_have_count(3)
    expect(bot_bubbles(page).nth(2)).to_contain_text("expected")
    chip = page.get_by_role("group", name="Suggested replies").get_by_role("button", name="Track my order")
    chip.click()
    expect(page.locator(".wismo-customer .wismo-bubble").last).to_have_text("Track my order")
    expect(bot_bubbles(page)).to_have_count(4)
    expect(bot_bubbles(page).nth(3)).to_contain_text(row["tracking_number"])
    ARTIFACTS.mkdir(exist_ok=True)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "webchat.png"))

    # Reload: the transcript comes back from GET /v1/conversations/{id}, citations included.
    texts_before = page.locator(".wismo-msg .wismo-bubble").all_inner_texts()
    page.reload()
    expect(bot_bubbles(page)).to_have_count(4)  # greeting + 3 answers
    expect(bot_bubbles(page).nth(1)).to_contain_text(row["tracking_number"])
    texts_after = page.locator(".wismo-msg .wismo-bubble").all_inner_texts()
    assert texts_after[0] == texts_before[0]
    assert len(texts_after) == len(texts_before)
    assert texts_after[2:] == texts_before[2:]  # [1] holds the email, which the server stores redacted
    after_sources = page.locator(".wismo-bot").nth(1).locator(".wismo-source")
    assert after_sources.all_inner_texts() == labels_before

    # An API error (413: too long) shows inline with its message and keeps the typed text.
    long_text = "where is it " * 400
    box.fill(long_text)
    box.press("Enter")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("the limit is 4000")
    expect(box).to_have_value(long_text)
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(bot_bubbles(page)).to_have_count(4)

    # Talk to a person: a handoff notice, which also survives a reload.
    box.fill("")
    talk.click()
    expect(page.locator(".wismo-customer .wismo-bubble").last).to_have_text("Talk to a person")
    notice = page.locator(".wismo-notice")
    expect(notice).to_contain_text("A person from our team will reply here")
    page.reload()
    expect(page.locator(".wismo-notice")).to_contain_text("A person from our team will reply here")
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()


def test_phone_layout_has_no_horizontal_scroll(browser, servers, orders):
    from playwright.sync_api import expect

    row = pick(orders, "attempt_failed")
    page = new_page(
        browser, viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page.goto(f"{servers['wismo']}/chat")
    box = page.get_by_role("textbox", name="Message")
    box.fill(f"where is my order {row['order_number']}? zip {row['postal_code']}")
    box.press("Enter")
    expect(bot_bubbles(page).nth(1)).to_contain_text(row["order_number"])
    expect(page.locator(".wismo-source").first).to_be_visible()
    settle(page)
    page.screenshot(path=str(ARTIFACTS.joinpath("webchat-mobile.png")))
    sizes = page.evaluate("""() => {
      const log = document.querySelector('#wismo-chat').shadowRoot.querySelector('[role=log]');
      const panel = log.closest('.wismo-panel').getBoundingClientRect();
      return {doc: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
              logScroll: log.scrollWidth, logClient: log.clientWidth, left: panel.left, right: panel.right,
              bottom: panel.bottom};
    }""")
    assert sizes["doc"] <= sizes["view"] == 375, sizes
    assert sizes["logScroll"] <= sizes["logClient"], sizes
    assert sizes["left"] >= 0 and sizes["right"] <= 375 and sizes["bottom"] <= 740, sizes
    for name in ("Send", "Talk to a person"):
        b = page.get_by_role("button", name=name).bounding_box()
        assert b and b["x"] >= 0 and b["x"] + b["width"] <= 375 and b["y"] + b["height"] <= 740, (name, b)

    # The embedded widget on a phone: the panel takes the whole screen, nothing scrolls sideways.
    page.goto(servers["shop"])
    page.get_by_role("button", name="Open chat").click()
    page.wait_for_function("!document.querySelector('#wismo-chat-widget').shadowRoot.getAnimations().length")
    box = page.get_by_role("dialog").bounding_box() or {}
    assert {k: round(v) for k, v in box.items()} == {"x": 0, "y": 0, "width": 375, "height": 740}, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.get_by_role("button", name="Talk to a person")).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.context.close()


def test_one_script_tag_embeds_a_working_widget_on_another_origin(browser, servers, orders):
    from playwright.sync_api import expect

    row = pick(orders, "out_for_delivery")
    page = new_page(browser, viewport={"width": 1280, "height": 860})
    page.goto(servers["shop"])
    assert page.evaluate("window.WismoChat.apiBase") == servers["wismo"]  # derived from the script's src

    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("dialog")).to_have_count(0)
    tab_to(page, launcher, limit=10)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Northwind Outfitters")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("Virtual assistant (bot)")).to_be_visible()
    box = dialog.get_by_role("textbox", name="Message")
    assert is_focused(box)
    page.keyboard.type(f"{row['order_number']} {row['email']}")
    page.keyboard.press("Enter")
    expect(bot_bubbles(page).nth(1)).to_contain_text(row["tracking_number"])
    expect(dialog.locator(".wismo-source").first).to_be_visible()
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "webchat-widget.png"))

    # Escape closes the panel and gives focus back to the launcher.
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    launcher = page.get_by_role("button", name="Open chat")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    assert is_focused(launcher)

    # Reopen after a reload: the conversation is still there (localStorage on the shop's origin).
    page.reload()
    page.get_by_role("button", name="Open chat").click()
    expect(bot_bubbles(page).nth(1)).to_contain_text(row["tracking_number"])
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()


def test_a_spanish_browser_gets_spanish_labels_that_follow_the_reply_language(browser, servers, orders):
    from playwright.sync_api import expect

    row = pick(orders, "in_transit")
    page = new_page(browser, viewport={"width": 1280, "height": 860}, locale="es-ES")
    page.goto(f"{servers['wismo']}/chat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayuda con tu pedido")
    expect(page.get_by_text("Asistente virtual (bot)")).to_be_visible()
    expect(page.get_by_role("log", name="Conversación")).to_be_visible()
    box = page.get_by_role("textbox", name="Mensaje")
    expect(box).to_have_attribute("placeholder", "Escribe tu mensaje…")
    expect(page.get_by_role("button", name="Enviar")).to_be_visible()
    expect(page.get_by_role("button", name="Hablar con una persona")).to_be_visible()
    expect(page.get_by_text("Mayús+Intro para una línea nueva")).to_be_visible()
    chips = page.get_by_role("group", name="Respuestas sugeridas")
    expect(chips.get_by_role("button", name="Rastrear mi pedido")).to_be_visible()
    assert page.get_by_role("button", name="Send").count() == 0 and page.get_by_text("Talk to a person").count() == 0

    # Keyboard only, in Spanish: the answer's sources, rating and errors speak Spanish too.
    tab_to(page, box)
    page.keyboard.type(f"¿dónde está mi pedido {row['order_number']}? mi email es {row['email']}")
    page.keyboard.press("Enter")
    answer_row = page.locator(".wismo-bot:not(.wismo-typing)").nth(1)
    expect(answer_row.locator(".wismo-bubble")).to_contain_text(row["tracking_number"])
    expect(answer_row.get_by_role("list", name="Fuentes")).to_be_visible()
    expect(answer_row.locator(".wismo-sr")).to_have_text("Wiz (bot) ha respondido:")
    answer_row.get_by_role("button", name="Útil", exact=True).click()
    expect(answer_row.locator(".wismo-rate")).to_have_text("¡Gracias por tu opinión!")
    box.fill("dónde está " * 400)
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("el máximo son 4000 caracteres")

    # The customer switches to English: the next reply is English, and so are the labels from then on.
    box.fill("thanks! and when will it arrive?")
    box.press("Enter")
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_attribute("placeholder", "Type your message…")
    assert page.evaluate("document.querySelector('#wismo-chat').shadowRoot.querySelector('.wismo').lang") == "en"
    page.reload()  # the conversation's language outlives a reload, whatever the browser says
    expect(page.get_by_role("button", name="Talk to a person")).to_be_visible()
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()

    # The widget embedded in a shop page: launcher and dialog in Spanish, keyboard behaviour unchanged.
    page = new_page(browser, viewport={"width": 1280, "height": 860}, locale="es-ES")
    page.goto(servers["shop"])
    launcher = page.get_by_role("button", name="Abrir el chat")
    tab_to(page, launcher, limit=10)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Northwind Outfitters")
    expect(dialog.get_by_role("button", name="Cerrar el chat")).to_be_visible()
    assert is_focused(dialog.get_by_role("textbox", name="Mensaje"))
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert is_focused(page.get_by_role("button", name="Abrir el chat"))
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()
