"""Return labels: a 4x6 inch PDF with Code 128 barcodes a carrier and the warehouse can scan.

The label carries the return tracking number (what the carrier scans), the RMA number (what the
warehouse scans to match the parcel to its return), the warehouse address it travels to and the
customer's city and postal code; never an email or the customer's street. Drawn with reportlab's
own Code 128 (vector bars, so the code is exact at any print resolution).

What the carrier and the warehouse read stays as it is; the instructions for the customer are in the
language of the conversation that booked the return (label.<lang>.yaml), kept on the return so a
label drawn again later (another instance, a lost file) says the same.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas
from sqlalchemy.engine import Engine
from sqlmodel import select

from ..config import get_settings
from ..domain.catalog import CARRIER_NAMES
from ..domain.db import session
from ..domain.models import Order
from ..i18n import formats
from ..i18n.catalog import word
from .records import Return

PAGE = (4 * inch, 6 * inch)
INSTRUCTION_FONT = ("Helvetica", 7)


def label_path(rma: str, data_dir: Path | None = None) -> Path:
    """Where the label of `rma` is kept: `<data_dir>/labels/<rma>.pdf`."""
    base = Path(data_dir) if data_dir is not None else get_settings().data_dir
    return base / "labels" / f"{rma}.pdf"


def label_barcodes(rma: str, tracking_number: str) -> dict[str, Code128]:
    """The two barcodes on a label: the carrier's tracking number and the warehouse's RMA."""
    return {
        "tracking": Code128(tracking_number, barHeight=0.9 * inch, barWidth=0.011 * inch, humanReadable=True),
        "rma": Code128(rma, barHeight=0.55 * inch, barWidth=0.013 * inch, humanReadable=True),
    }


def instructions(carrier_name: str, lang: str | None = None) -> list[str]:
    """What the customer does with the label, in `lang` (the turn's language when not given)."""
    with formats.language(lang or formats.current()):
        return [word("label.pack"), word("label.drop", carrier=carrier_name)]


def render_label(
    path: Path,
    *,
    rma: str,
    tracking_number: str,
    carrier: str,
    warehouse: dict,
    customer_city: str,
    customer_region: str,
    customer_postal: str,
    created_at: datetime,
    item_count: int,
    language: str | None = None,
) -> Path:
    """Write the label PDF (uncompressed content, so its text and bars can be audited) and return its path.
    The customer's instructions are in `language` (the turn's language when not given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    w, h = PAGE
    c = canvas.Canvas(str(path), pagesize=PAGE, pageCompression=0, invariant=1)
    with formats.language(language or formats.current()):
        c.setTitle(word("label.title", rma=rma))
    c.setAuthor("wismo")
    m = 0.2 * inch
    carrier_name = CARRIER_NAMES.get(carrier, carrier.upper())

    c.setFont("Helvetica-Bold", 14)
    c.drawString(m, h - m - 12, f"{carrier_name} RETURN")
    c.setFont("Helvetica", 8)
    c.drawRightString(w - m, h - m - 10, f"Prepaid - {created_at:%Y-%m-%d}")
    c.line(m, h - m - 20, w - m, h - m - 20)

    y = h - m - 34
    c.setFont("Helvetica-Bold", 7)
    c.drawString(m, y, "FROM")
    c.setFont("Helvetica", 9)
    c.drawString(m + 36, y, f"{customer_city}, {customer_region} {customer_postal}")

    y -= 18
    c.setFont("Helvetica-Bold", 7)
    c.drawString(m, y, "SHIP TO")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(m + 36, y, warehouse["name"])
    c.setFont("Helvetica", 11)
    c.drawString(m + 36, y - 13, warehouse["street"])
    c.drawString(m + 36, y - 26, f"{warehouse['city']}, {warehouse['region']} {warehouse['postal']}")
    c.line(m, y - 36, w - m, y - 36)

    codes = label_barcodes(rma, tracking_number)
    y -= 46
    c.setFont("Helvetica-Bold", 8)
    c.drawString(m, y, f"TRACKING # {tracking_number}")
    bar = codes["tracking"]
    bar.drawOn(c, (w - bar.width) / 2, y - bar.height - 8)
    y -= bar.height + 24
    c.line(m, y, w - m, y)

    y -= 14
    c.setFont("Helvetica-Bold", 8)
    c.drawString(m, y, f"RMA {rma}")
    c.setFont("Helvetica", 8)
    c.drawRightString(w - m, y, f"{item_count} item(s)")
    bar = codes["rma"]
    bar.drawOn(c, (w - bar.width) / 2, y - bar.height - 8)

    font, size = INSTRUCTION_FONT
    c.setFont(font, size)
    lines = [line for text in instructions(carrier_name, language) for line in simpleSplit(text, font, size, w - 2 * m)]
    for i, line in enumerate(reversed(lines)):
        c.drawString(m, m + i * (size + 1.5), line)
    c.showPage()
    c.save()
    return path


def ensure_label(engine: Engine, rma: str, data_dir: Path | None = None) -> Path:
    """The label of a return, rendered now if it is not on disk yet (seeded returns, a new instance)."""
    path = label_path(rma, data_dir)
    if path.exists():
        return path
    from .returns import warehouse_for  # a late import: returns imports this module

    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.rma == rma)).first()
        if ret is None:
            raise LookupError(rma)
        order = s.get(Order, ret.order_id)
    assert order is not None
    return render_label(
        path,
        rma=ret.rma,
        tracking_number=ret.tracking_number,
        carrier=ret.carrier,
        warehouse=warehouse_for(ret.warehouse_city, ret.warehouse_region, ret.warehouse_postal),
        customer_city=order.city,
        customer_region=order.region,
        customer_postal=order.postal_code,
        created_at=ret.created_at,
        item_count=sum(int(i.get("quantity", 1)) for i in ret.items),
        language=ret.language,
    )


def _engine_of(request: Request) -> Engine:
    getter = getattr(request.app.state, "get_agent", None)
    if getter is not None:
        return getter().engine
    from ..domain.db import get_engine

    return get_engine(get_settings().store_url)


def _data_dir_of(request: Request) -> Path | None:
    getter = getattr(request.app.state, "get_agent", None)
    agent_settings = getattr(getter(), "settings", None) if getter is not None else None
    return getattr(agent_settings, "data_dir", None)


router = APIRouter(tags=["returns"])


@router.get("/l/{token}", response_class=FileResponse, summary="Download a return label (PDF)")
def download_label(token: str, request: Request) -> FileResponse:
    """The label behind an unguessable link token; the RMA alone does not open it."""
    engine = _engine_of(request)
    with session(engine) as s:
        ret = s.exec(select(Return).where(Return.label_token == token)).first()
    if ret is None:
        raise HTTPException(404, "No return label for that link.")
    path = ensure_label(engine, ret.rma, _data_dir_of(request))
    return FileResponse(path, media_type="application/pdf", filename=f"{ret.rma}.pdf")
