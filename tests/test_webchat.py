"""Web chat routes without a browser: the page and the widget are served with the right types, carry
the accessible names the issue asks for, disclose the bot, and talk only to wismo's own API."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from wismo.channels.web import CONFIG_MARK, WEB_DIR, allow_widget_origins, labels, router
from wismo.server import create_app


@pytest.fixture(scope="module")
def client(settings, agent):
    app = create_app(settings, agent)
    app.include_router(router)
    return TestClient(app)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_chat_page_is_html_with_brand_and_relative_widget(client, settings):
    r = client.get("/chat")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert f"<title>Chat with {settings.brand_name} support</title>" in r.text
    parser = Tags()
    parser.feed(r.text)
    tags = parser.tags
    assert ("html", {"lang": "en"}) in tags
    assert any(
        t == "meta" and a.get("name") == "viewport" and "width=device-width" in (a.get("content") or "")
        for t, a in tags
    )
    scripts = [a.get("src") for t, a in tags if t == "script"]
    assert scripts == ["widget.js"]  # relative, so the page works under a path prefix too
    assert any(t == "div" and a.get("id") == "wismo-chat" and "data-wismo-inline" in a for t, a in tags)
    assert "{{" not in r.text


def test_widget_js_is_javascript_with_server_config(client, settings):
    r = client.get("/widget.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert CONFIG_MARK not in r.text
    m = re.search(r"var SERVER = (\{.*?\});\n", r.text)
    assert m, "the server config literal is missing"
    config = json.loads(m.group(1))
    assert config["brand"] == settings.brand_name and config["bot"] == settings.bot_name
    assert "bot" in config["welcome"] and settings.bot_name in config["welcome"]  # the first message discloses it
    assert config["max_chars"] == settings.max_message_chars


def test_widget_css_is_css_with_brand_variables(client):
    r = client.get("/widget.css")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/css")
    for var in ("--wismo-brand", "--wismo-brand-contrast", "--wismo-font"):
        assert f"var({var}" in r.text
    assert ":focus-visible" in r.text and "outline" in r.text
    assert "@media (max-width: 480px)" in r.text


def test_widget_markup_has_accessible_names():
    js = (WEB_DIR / "widget.js").read_text(encoding="utf-8")
    assert (
        '<label class="wismo-sr" for="wismo-input"></label>' in js
        and '$("label.wismo-sr").textContent = t("message")' in js
    )
    assert 'id="wismo-input"' in js and "<textarea" in js
    assert '<span class="wismo-send-label"></span></button>' in js and 'type="submit"' in js
    assert 'role="log" aria-live="polite"' in js and 'log.setAttribute("aria-label", t("conversation"))' in js
    assert 'aria-expanded="false"' in js and 't(panel.hidden ? "open_chat" : "close_chat")' in js
    assert 'closeBtn.setAttribute("aria-label", t("close_chat"))' in js
    assert 'role="alert"' in js  # API errors are announced
    assert '"Escape"' in js and '"Enter"' in js
    # The names themselves come from the catalogs, in every language.
    english = labels("en")
    assert (
        english["message"] == "Message"
        and english["send"] == "Send"
        and english["subtitle"] == "Virtual assistant (bot)"
    )
    assert english["open_chat"] == "Open chat" and english["close_chat"] == "Close chat"
    assert english["talk_to_person"] == "Talk to a person"


def test_every_word_the_widget_uses_is_in_every_language():
    js = (WEB_DIR / "widget.js").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("([a-z_.]+)"', js))
    assert {"message", "send", "talk_to_person", "typing", "error.network"} <= used
    for lang in ("en", "es", "fr", "de", "pt"):
        table = labels(lang)
        assert used <= set(table), (lang, used - set(table))
        # Every label in the catalog is shown somewhere (no dead words a translator keeps for nothing).
        assert all(f'"{key}"' in js for key in table), (lang, [k for k in table if f'"{k}"' not in js])
    assert labels("es")["send"] == "Enviar" and labels("de")["talk_to_person"] == "Mit einem Menschen sprechen"


def test_widget_config_carries_every_language(client, settings):
    m = re.search(r"var SERVER = (\{.*?\});\n", client.get("/widget.js").text)
    config = json.loads(m.group(1))
    assert set(config["languages"]) == {"en", "es", "fr", "de", "pt"}
    for lang, pack in config["languages"].items():
        assert settings.bot_name in pack["welcome"] and len(pack["replies"]) == 2, lang
        assert set(pack["labels"]) == set(config["languages"]["en"]["labels"]), lang
    assert config["languages"]["fr"]["labels"]["placeholder"] == "Écrivez votre message…"
    assert config["languages"]["pt"]["replies"][0] == "Rastrear meu pedido"
    assert {"Talk to a person", "Hablar con una persona", "Parler à une personne"} <= set(config["human"])


def test_chat_page_speaks_the_browser_language(client, settings):
    r = client.get("/chat", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert r.headers["vary"] == "Accept-Language"
    parser = Tags()
    parser.feed(r.text)
    assert ("html", {"lang": "es"}) in parser.tags
    assert ("script", {"src": "widget.js", "data-lang": "es"}) in parser.tags
    assert (
        "<h1>Ayuda con tu pedido</h1>" in r.text and f"Chat de atención al cliente de {settings.brand_name}" in r.text
    )
    german = client.get("/chat?lang=de", headers={"Accept-Language": "es-MX"}).text
    assert '<html lang="de">' in german and "Hilfe zu deiner Bestellung" in german


def test_widget_fetches_nothing_but_wismo():
    for name in ("widget.js", "widget.css", "templates/chat.html"):
        text = (WEB_DIR / name).read_text(encoding="utf-8")
        urls = re.findall(r"https?://[^\s\"')]+", text)
        assert urls == [] or all("YOUR-WISMO" in u for u in urls), (name, urls)
        assert "@import" not in text
    js = (WEB_DIR / "widget.js").read_text(encoding="utf-8")
    assert "innerHTML = text" not in js and "textContent = text" in js  # message text never becomes markup
    # Only the three conversation routes of DESIGN.md: create, post a message, read the transcript.
    assert set(re.findall(r'api\("(?:GET|POST)", "([^"]+)"', js)) == {"/v1/conversations", "/v1/conversations/"}
    assert '"/v1/conversations/" + encodeURIComponent(cid) + "/messages"' in js


def test_brand_is_escaped_in_the_page(store_dir):
    from .conftest import make_settings

    s = make_settings(store_dir)
    s.brand_name = "Bits & <Bobs>"
    app = FastAPI()
    app.state.get_agent = lambda: type("A", (), {"settings": s})()
    app.include_router(router)
    c = TestClient(app)
    page = c.get("/chat").text
    assert "Bits &amp; &lt;Bobs&gt;" in page and "<Bobs>" not in page
    js = c.get("/widget.js").text
    assert '"brand": "Bits & <Bobs>"' in js


def test_cors_lets_a_shop_origin_call_the_api(settings, agent):
    app = create_app(settings, agent)
    app.include_router(router)
    allow_widget_origins(app, ["https://shop.example/"])
    c = TestClient(app)
    pre = c.options(
        "/v1/conversations",
        headers={
            "Origin": "https://shop.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == "https://shop.example"
    other = c.post("/v1/conversations", json={"channel": "web"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
