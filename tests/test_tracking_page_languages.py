"""The tracking page in the customer's language: `?lang=` first, then the browser's Accept-Language,
then English; a language switch; dates, numbers and the confirm step in that language; the same
empty page for every bad link; carrier and brand text escaped by the templates."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from wismo.domain.db import session
from wismo.domain.models import TrackingEvent
from wismo.web.views import choose_language

from .conftest import seeded_agent
from .test_tracking_page import app_client, form_fields, link


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    agent = seeded_agent(tmp_path_factory.mktemp("track-lang"))
    return agent, app_client(agent.settings, agent)


def first(agent, status: str) -> dict:
    return next(r for r in agent.store.list_orders() if r["status"] == status)


def html_lang(page: str) -> str:
    m = re.search(r'<html lang="([a-z]+)"', page)
    assert m
    return m.group(1)


def test_language_comes_from_the_query_then_the_browser_then_english():
    assert choose_language("es", "de-DE,de;q=0.9") == "es"
    assert choose_language("xx", "de-DE,de;q=0.9") == "de"
    assert choose_language(None, "nl-NL,pt-BR;q=0.8,en;q=0.5") == "pt"
    assert choose_language(None, "nl-NL") == "en"
    assert choose_language("", None) == "en"


def test_in_transit_page_in_spanish_from_the_query(site):
    agent, c = site
    row = first(agent, "in_transit")
    token, _ = link(agent, row["order_number"])
    r = c.get(f"/track/{token}?lang=es", headers={"Accept-Language": "en-US"})
    page = r.text
    assert r.status_code == 200 and html_lang(page) == "es" and r.headers["vary"] == "Accept-Language"
    assert "Va de camino" in page and "Progreso de la entrega" in page and "Historial de seguimiento" in page
    assert "Entrega prevista" in page and "Número de seguimiento" in page
    assert "On its way" not in page and "Tracking history" not in page and "Expected delivery" not in page
    # Dates written by Babel in Spanish ("viernes, 12 de diciembre"), not "Friday, Dec 12".
    assert re.search(r"(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de [a-z]+", page)
    assert not re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]{2} \d", page)
    # The switch: every language, the current one marked, links back to this very page.
    switch = re.search(r'<nav class="langs" aria-label="Idioma">(.*?)</nav>', page, re.S)
    assert switch
    for code in ("en", "es", "fr", "de", "pt"):
        assert f'href="/track/{token}?lang={code}"' in switch.group(1)
    assert re.search(r'lang="es"[^>]*aria-current="true"', switch.group(1))
    assert page.count('aria-current="true"') == 1
    # The chat widget opens in the page's language.
    assert '"lang": "es"' in page


@pytest.mark.parametrize(
    ("accept", "lang", "headline", "step"),
    [
        ("de-DE,de;q=0.9,en;q=0.5", "de", "Unterwegs zu dir", "Lieferfortschritt"),
        ("fr-CA,fr;q=0.9", "fr", "En route", "Avancement de la livraison"),
        ("pt-BR", "pt", "A caminho", "Andamento da entrega"),
        ("nl-NL", "en", "On its way", "Delivery progress"),
    ],
)
def test_page_follows_the_browser_language(site, accept, lang, headline, step):
    agent, c = site
    row = first(agent, "in_transit")
    token, _ = link(agent, row["order_number"])
    page = c.get(f"/track/{token}", headers={"Accept-Language": accept}).text
    assert html_lang(page) == lang and headline in page and step in page
    # An unknown ?lang= does not overrule the browser.
    assert html_lang(c.get(f"/track/{token}?lang=zz", headers={"Accept-Language": accept}).text) == lang


def test_attempt_failed_page_in_german_writes_distances_and_hours_the_german_way(site):
    agent, c = site
    row = first(agent, "attempt_failed")
    token, _ = link(agent, row["order_number"])
    page = c.get(f"/track/{token}?lang=de").text
    assert "Zustellversuch fehlgeschlagen" in page and "Was das bedeutet" in page and "Was du tun kannst" in page
    assert "Hier abholen" in page and "Pick up here" not in page
    distances = re.findall(r"(\d+[.,]\d) km entfernt", page)
    assert distances and all("," in d for d in distances)  # "1,2 km", not "1.2 km"
    assert 'name="lang" value="de"' in page  # the redirect form keeps the language


def test_delivered_page_in_french_has_the_return_deadline_in_french(site):
    agent, c = site
    row = first(agent, "delivered")
    token, _ = link(agent, row["order_number"])
    page = c.get(f"/track/{token}", headers={"Accept-Language": "fr-FR"}).text
    assert "Retour ou échange" in page and 'data-chat-text="Je voudrais retourner un article"' in page
    m = re.search(r"jusqu&#39;au ([^.<]+)\.", page)
    assert m, "no return deadline"
    assert re.fullmatch(r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+", m.group(1))


def test_redirect_confirm_and_refusal_in_portuguese_and_back_in_it(site):
    agent, c = site
    row = first(agent, "attempt_failed")
    token, _ = link(agent, row["order_number"])
    page = c.get(f"/track/{token}?lang=pt").text
    fields = form_fields(page)
    point = re.search(r'name="point" value="([^"]+)"', page).group(1)
    confirm = c.post(f"/track/{token}/redirect", data={**fields, "point": point, "lang": "pt"})
    assert confirm.status_code == 200 and html_lang(confirm.text) == "pt"
    assert "O que vai acontecer" in confirm.text and "Nada mudou ainda." in confirm.text
    assert "Sim, redirecionar meu pacote" in confirm.text and f'href="/track/{token}?lang=pt"' in confirm.text
    unknown = c.post(f"/track/{token}/redirect", data={**fields, "point": "NOPE", "lang": "pt"})
    assert unknown.status_code == 409 and "Não encontramos esse ponto de retirada." in unknown.text
    expired = c.post(f"/track/{token}/redirect", data={**fields, "nonce": "forged", "point": point, "lang": "pt"})
    assert expired.status_code == 403 and "Este formulário expirou." in expired.text
    done = c.post(f"/track/{token}/redirect", data={**fields, "point": point, "confirm": "yes", "lang": "pt"})
    assert done.status_code == 303 and "lang=pt" in done.headers["location"]
    after = c.get(done.headers["location"]).text
    assert html_lang(after) == "pt" and "Redirecionamento solicitado." in after and "Pronto: seu pacote" in after


def test_bad_links_get_one_empty_page_in_the_browser_language(site):
    agent, c = site
    row = first(agent, "in_transit")
    good, _ = link(agent, row["order_number"])
    body, sig = good.split(".")
    pages = [c.get(f"/track/{t}", headers={"Accept-Language": "es-ES"}) for t in (f"{body}.{sig[::-1]}", "junk")]
    assert {p.status_code for p in pages} == {404} and len({p.text for p in pages}) == 1
    text = pages[0].text
    assert html_lang(text) == "es" and "Este enlace de seguimiento no es válido" in text
    assert row["order_number"] not in text and row["tracking_number"] not in text
    assert 'class="langs"' not in text  # no switch: the page would have to repeat the bad link


def test_carrier_text_and_brand_are_escaped_not_markup(site, monkeypatch):
    agent, c = site
    row = first(agent, "in_transit")
    order = agent.store.order(row["order_number"])
    ship = agent.store.shipments(order.id)[-1]
    with session(agent.engine) as s:
        ev = s.exec(
            select(TrackingEvent).where(TrackingEvent.shipment_id == ship.id).order_by(TrackingEvent.id.desc())
        ).first()
        ev.description = 'Held <img src=x onerror="alert(1)"> & sorted'
        s.add(ev)
        s.commit()
    monkeypatch.setattr(agent.settings, "brand_name", "Bits & <Bobs>")
    token, _ = link(agent, row["order_number"])
    page = c.get(f"/track/{token}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; sorted" in page
    assert "<Bobs>" not in page and "Bits &amp; &lt;Bobs&gt;" in page
