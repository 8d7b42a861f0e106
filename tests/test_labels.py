"""Return labels: a real PDF whose Code 128 bars decode back to the RMA and the tracking number."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from barcode.charsets.code128 import CODES
from fastapi import FastAPI
from fastapi.testclient import TestClient

from wismo.domain import demo
from wismo.domain.db import get_engine
from wismo.domain.store import Store
from wismo.tools import labels
from wismo.tools import returns as R
from wismo.tools.context import ToolContext

from .conftest import make_settings

_PATTERN = {p: i for i, p in enumerate(CODES)}


def decode_code128(bars: list[tuple[float, float]]) -> str:
    """Decode Code 128 from bar rectangles (x, width): modules -> symbols -> text, checksum verified."""
    module = min(w for _, w in bars)
    x0 = bars[0][0]
    length = round((bars[-1][0] + bars[-1][1] - x0) / module)
    bits = ["0"] * length
    for x, w in bars:
        start = round((x - x0) / module)
        for k in range(start, start + round(w / module)):
            bits[k] = "1"
    text = "".join(bits)
    assert text.endswith("1100011101011"), "no stop pattern"
    symbols = [_PATTERN[text[i : i + 11]] for i in range(0, len(text) - 13, 11)]
    start, *data, check = symbols
    assert (start + sum((i + 1) * v for i, v in enumerate(data))) % 103 == check, "bad checksum"
    out, code = [], {103: "A", 104: "B", 105: "C"}[start]
    for v in data:
        if v in (99, 100, 101) and not (code == "C" and v == 99):
            code = {99: "C", 100: "B", 101: "A"}[v]
        elif code == "C":
            out.append(f"{v:02d}")
        else:
            out.append(chr(v + 32))
    return "".join(out)


def barcodes_in(pdf: bytes) -> list[str]:
    """Every barcode drawn in the (uncompressed) page content, decoded."""
    found = []
    for block in re.findall(rb"\nq\n1 0 0 1 [\d.]+ [\d.]+ cm\n(.*?)\nQ", pdf, re.S):
        rects = [(float(x), float(w)) for x, w in re.findall(rb"n ([\d.]+) 0 ([\d.]+) [\d.]+ re f", block)]
        if len(rects) > 10:
            found.append(decode_code128(sorted(rects)))
    return found


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    d = tmp_path_factory.mktemp("labels")
    settings = make_settings(d)
    engine = get_engine(settings.store_url)
    demo.seed(engine, orders=300)
    R.create_tables(engine)
    store = Store(engine)
    for row in store.list_orders("delivered"):
        ctx = ToolContext(store, "conv-label", row["order_number"], store.now())
        ok = [e for e in R.eligibility(ctx, row["order_number"]) if e.eligible]
        if ok:
            plan = R.plan_return(ctx, row["order_number"], [ok[0].line_id], "defective", "refund")
            return settings, engine, row, R.confirm_return(ctx, plan.plan_id, d)
    raise LookupError("no returnable order")


def test_label_pdf_carries_rma_tracking_and_addresses(returned):
    settings, _, row, result = returned
    path = labels.label_path(result.rma, settings.data_dir)
    assert path == result.label_path == settings.data_dir / "labels" / f"{result.rma}.pdf"
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    # The bars themselves decode back to the tracking number and the RMA.
    assert barcodes_in(pdf) == [result.tracking_number, result.rma]
    codes = labels.label_barcodes(result.rma, result.tracking_number)
    assert codes["rma"].value == result.rma and codes["tracking"].value == result.tracking_number
    assert f"(RMA {result.rma})".encode() in pdf
    assert f"(TRACKING # {result.tracking_number})".encode() in pdf
    assert f"{row['city']}, {row['region']} {row['postal_code']}".encode() in pdf
    wh = R.warehouse_for(*_warehouse(returned))
    assert f"({wh['city']}, {wh['region']} {wh['postal']})".encode() in pdf
    assert row["email"].encode() not in pdf and b"@" not in pdf


def _warehouse(returned):
    from sqlmodel import select

    from wismo.domain.db import session
    from wismo.tools.records import Return

    _, engine, _, result = returned
    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.rma == result.rma)).one()
    return ret.warehouse_city, ret.warehouse_region, ret.warehouse_postal


def test_label_route_serves_the_pdf_by_token_only(returned, tmp_path):
    settings, engine, _, result = returned
    app = FastAPI()
    app.include_router(labels.router)
    app.state.get_agent = lambda: SimpleNamespace(engine=engine, settings=settings)
    client = TestClient(app)
    resp = client.get(result.label_url)
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    assert client.get(f"/l/{result.rma}").status_code == 404


def test_seeded_returns_render_labels_on_demand(tmp_path):
    engine = get_engine(make_settings(tmp_path).store_url)
    demo.seed(engine, orders=300)
    R.seed_demo_returns(engine, Store(engine).now(), rng_seed=3, count=3)
    from sqlmodel import select

    from wismo.domain.db import session
    from wismo.tools.records import Return

    with session(engine) as s:
        ret = s.exec(select(Return)).first()
    path = labels.ensure_label(engine, ret.rma, tmp_path)
    assert path.exists() and barcodes_in(path.read_bytes()) == [ret.tracking_number, ret.rma]


def pdf_text(pdf: bytes) -> str:
    """The words drawn on the page: the (uncompressed) content's string literals, decoded."""

    def literal(raw: bytes) -> str:
        out, i = bytearray(), 0
        while i < len(raw):
            if raw[i : i + 1] == b"\\":
                octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
                if octal:
                    out.append(int(octal.group(), 8))
                    i += 1 + len(octal.group())
                    continue
                out += raw[i + 1 : i + 2]
                i += 2
                continue
            out += raw[i : i + 1]
            i += 1
        return out.decode("cp1252")

    return "\n".join(literal(m) for m in re.findall(rb"\((.*?)(?<!\\)\) Tj", pdf))


def test_label_instructions_are_in_the_language_of_the_conversation_that_booked_it(returned, tmp_path):
    from sqlmodel import select

    from wismo.domain.db import session
    from wismo.i18n import formats
    from wismo.tools.records import Return

    settings, engine, _, english = returned
    text = pdf_text(labels.label_path(english.rma, settings.data_dir).read_bytes())
    assert "Pack the items with this RMA, attach this label and drop the parcel off." in text
    store = Store(engine)
    booked = None
    with formats.language("es"):  # what the graph sets for each node of a Spanish conversation
        for row in store.list_orders("delivered"):
            ctx = ToolContext(store, "conv-label-es", row["order_number"], store.now())
            ok = [e for e in R.eligibility(ctx, row["order_number"]) if e.eligible]
            if ok and row["order_number"] != english.order_number:
                plan = R.plan_return(ctx, row["order_number"], [ok[0].line_id], "too_small", "refund")
                booked = R.confirm_return(ctx, plan.plan_id, tmp_path)
                break
    assert booked is not None
    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.rma == booked.rma)).one()
    assert ret.language == "es"
    path = labels.label_path(booked.rma, tmp_path)
    spanish = pdf_text(path.read_bytes())
    carrier = labels.CARRIER_NAMES.get(ret.carrier, ret.carrier)
    # The lines wrap to the label's width; read back as one text they are the catalog's sentences.
    flat = " ".join(spanish.split("\n"))
    assert "Mete los artículos en el paquete junto con este RMA" in flat and "pega esta etiqueta" in flat
    assert f"Vale cualquier punto de entrega de {carrier}. Guarda el comprobante." in flat
    assert "Pack the items" not in spanish
    assert f"RMA {booked.rma}" in spanish and f"TRACKING # {booked.tracking_number}" in spanish  # carrier's part
    assert barcodes_in(path.read_bytes()) == [booked.tracking_number, booked.rma]
    # Drawn again later (a lost file, another instance), in an English request: still Spanish.
    path.unlink()
    again = labels.ensure_label(engine, booked.rma, tmp_path)
    assert "Guarda el comprobante." in pdf_text(again.read_bytes())
    # In every language the instructions fill a few lines at the foot of the label, below the RMA bars.
    from reportlab.lib.utils import simpleSplit

    font, size = labels.INSTRUCTION_FONT
    width = labels.PAGE[0] - 0.4 * 72
    for lang in ("en", "es", "fr", "de", "pt"):
        texts = labels.instructions("FedEx", lang)
        assert len(texts) == 2 and all("{" not in t and "FedEx" in " ".join(texts) for t in texts), lang
        assert len([line for t in texts for line in simpleSplit(t, font, size, width)]) <= 4, lang
