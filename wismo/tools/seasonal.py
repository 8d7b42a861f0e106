"""Seasonal context: notices that change answers (cutoffs, weather, regional delays), playbooks ops
activate in one step, and holiday pickup hours.

Why in the database: ops edit them while the bot runs (CLI and API), and every server instance must
see an activation at once. Answers that a notice affects cite it as `notice:<id>`, and delivery
windows of affected shipments widen by its `extra_days` through `adjust_window`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, col, select

from ..domain.db import session
from .evidence import Fact
from .seasonal_records import SeasonalNotice, StoreHoursOverride

NOTICE_KINDS = ("cutoff", "weather", "delay", "outage", "strike", "capacity", "general")
CARRIER_LABELS = {"ups": "UPS", "usps": "USPS", "fedex": "FedEx", "dhl": "DHL"}


def ensure_tables(engine: Engine) -> None:
    """Create this module's tables when missing (the lead's create_all does it too once wired)."""
    SQLModel.metadata.create_all(
        engine,
        tables=[SeasonalNotice.__table__, StoreHoursOverride.__table__],  # type: ignore[attr-defined]
    )


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _engine(where: Any) -> Engine:
    """Accept an Engine or anything with `.engine` (Store, Agent)."""
    return where if isinstance(where, Engine) else where.engine


def _norm_list(values: Any, upper: bool) -> list[str]:
    if not values:
        return []
    if isinstance(values, str):
        values = values.split(",")
    out = [v.strip() for v in values if v and v.strip()]
    return sorted({v.upper() if upper else v.lower() for v in out})


# ----------------------------------------------------------------------------- notices
def notice_fact(n: SeasonalNotice) -> Fact:
    return Fact(
        f"notice:{n.id}",
        n.title,
        {
            "text": n.text,
            "extra_days": n.extra_days,
            "start": _utc(n.starts_at),
            "end": _utc(n.ends_at),
            "regions": list(n.regions),
            "carriers": list(n.carriers),
            "kind": n.kind,
        },
    )


def notice_row(n: SeasonalNotice, now: datetime | None = None) -> dict[str, Any]:
    """A notice as JSON for ops (CLI and API)."""
    return {
        "id": n.id,
        "kind": n.kind,
        "title": n.title,
        "text": n.text,
        "regions": list(n.regions),
        "carriers": list(n.carriers),
        "start": _utc(n.starts_at).isoformat(),
        "end": _utc(n.ends_at).isoformat(),
        "extra_days": n.extra_days,
        "playbook_id": n.playbook_id,
        "ended_at": _utc(n.ended_at).isoformat() if n.ended_at else None,
        "active": is_active(n, now) if now else None,
    }


def is_active(n: SeasonalNotice, now: datetime) -> bool:
    now = _utc(now)
    return n.ended_at is None and _utc(n.starts_at) <= now < _utc(n.ends_at)


def applies(n: SeasonalNotice, region: str | None, carrier: str | None) -> bool:
    """Empty regions/carriers mean all; a shipment with an unknown region/carrier is not excluded."""
    if n.regions and region and region.upper() not in n.regions:
        return False
    if n.carriers and carrier and carrier.lower() not in n.carriers:
        return False
    return True


def add_notice(
    where: Any,
    kind: str,
    text: str,
    start: datetime,
    end: datetime,
    regions: Any = None,
    carriers: Any = None,
    extra_days: int = 0,
    title: str | None = None,
    playbook_id: str | None = None,
    created_by: str = "ops",
    now: datetime | None = None,
) -> SeasonalNotice:
    if kind not in NOTICE_KINDS:
        raise ValueError(f"kind must be one of {NOTICE_KINDS}")
    if _utc(end) <= _utc(start):
        raise ValueError("end must be after start")
    if extra_days < 0 or extra_days > 30:
        raise ValueError("extra_days must be between 0 and 30")
    notice = SeasonalNotice(
        kind=kind,
        title=title or kind.capitalize(),
        text=text.strip(),
        regions=_norm_list(regions, upper=True),
        carriers=_norm_list(carriers, upper=False),
        starts_at=_utc(start),
        ends_at=_utc(end),
        extra_days=int(extra_days),
        playbook_id=playbook_id,
        created_by=created_by,
        created_at=_utc(now or datetime.now(UTC)),
    )
    with session(_engine(where)) as s:
        s.add(notice)
        s.commit()
        s.refresh(notice)
    return notice


def end_notice(where: Any, notice_id: int, now: datetime) -> SeasonalNotice | None:
    with session(_engine(where)) as s:
        notice = s.get(SeasonalNotice, notice_id)
        if notice is None:
            return None
        if notice.ended_at is None:
            notice.ended_at = _utc(now)
            s.add(notice)
            s.commit()
            s.refresh(notice)
        return notice


def list_notices(where: Any, now: datetime | None = None, active_only: bool = False) -> list[SeasonalNotice]:
    with session(_engine(where)) as s:
        rows = list(s.exec(select(SeasonalNotice).order_by(col(SeasonalNotice.id))))
    if active_only and now is not None:
        rows = [n for n in rows if is_active(n, now)]
    return rows


def active_notices(where: Any, now: datetime, region: str | None = None, carrier: str | None = None) -> list[Fact]:
    """Facts (`notice:<id>`) for notices in force at `now` that apply to this region and carrier."""
    return [notice_fact(n) for n in list_notices(where, now, active_only=True) if applies(n, region, carrier)]


def adjust_window(start: datetime, end: datetime, notices: list[Fact]) -> tuple[datetime, datetime]:
    """Widen a delivery window by the largest `extra_days` among the notices (they describe one
    disruption seen from several sides, so their delays do not add up). The start moves by half."""
    extra = max((int(f.values.get("extra_days") or 0) for f in notices), default=0)
    if extra <= 0:
        return start, end
    return start + timedelta(days=extra // 2), end + timedelta(days=extra)


# ----------------------------------------------------------------------------- playbooks
@dataclass(frozen=True)
class Playbook:
    id: str
    kind: str
    title: str
    text: str
    extra_days: int


@lru_cache(maxsize=1)
def playbooks() -> dict[str, Playbook]:
    raw = yaml.safe_load(resources.files("wismo.prompts").joinpath("playbooks.yaml").read_text("utf-8"))
    return {p["id"]: Playbook(p["id"], p["kind"], p["title"], p["text"], int(p.get("extra_days", 0))) for p in raw}


def _join(items: list[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def activate(
    where: Any,
    playbook_id: str,
    regions: Any,
    carriers: Any,
    start: datetime,
    end: datetime,
    extra_days: int | None = None,
    now: datetime | None = None,
    created_by: str = "ops",
) -> SeasonalNotice:
    """Create a notice from a playbook's template for these regions and carriers."""
    book = playbooks().get(playbook_id)
    if book is None:
        raise KeyError(f"unknown playbook {playbook_id!r}; one of {sorted(playbooks())}")
    regs = _norm_list(regions, upper=True)
    cars = _norm_list(carriers, upper=False)
    days = book.extra_days if extra_days is None else int(extra_days)
    text = book.text.format(
        regions=_join(regs) or "all regions",
        carriers=_join([CARRIER_LABELS.get(c, c.upper()) for c in cars]) or "carrier",
        extra_days=days,
        end=f"{_utc(end):%B} {_utc(end).day}",
    )
    return add_notice(where, book.kind, text, start, end, regs, cars, days, book.title, playbook_id, created_by, now)


def deactivate(where: Any, playbook_id: str, now: datetime, regions: Any = None) -> list[SeasonalNotice]:
    """End every running notice activated from this playbook (only those for `regions` when given)."""
    regs = set(_norm_list(regions, upper=True))
    ended = []
    for n in list_notices(where):
        if n.playbook_id != playbook_id or n.ended_at is not None or _utc(n.ends_at) <= _utc(now):
            continue
        if regs and not regs & set(n.regions):
            continue
        done = end_notice(where, int(n.id or 0), now)
        if done is not None:
            ended.append(done)
    return ended


# ----------------------------------------------------------------------------- store hours
def add_store_hours(
    where: Any,
    first_day: date,
    last_day: date | None = None,
    opens: str | None = None,
    closes: str | None = None,
    point_code: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> StoreHoursOverride:
    """Special hours for a date range; no opens/closes means closed."""
    last_day = last_day or first_day
    if last_day < first_day:
        raise ValueError("last_day is before first_day")
    for t in (opens, closes):
        if t is not None:
            h, m = map(int, t.split(":"))
            if not (0 <= h <= 24 and 0 <= m < 60):
                raise ValueError(f"bad time {t!r}")
    closed = opens is None or closes is None
    row = StoreHoursOverride(
        point_code=point_code,
        first_day=first_day,
        last_day=last_day,
        opens=None if closed else opens,
        closes=None if closed else closes,
        closed=closed,
        note=note,
        created_at=_utc(now or datetime.now(UTC)),
    )
    with session(_engine(where)) as s:
        s.add(row)
        s.commit()
        s.refresh(row)
    return row


def hours_override(where: Any, point_code: str, kind: str, day: date) -> tuple[str, str] | None | bool:
    """The special hours of a point on a local day: (opens, closes), None when closed, or False when
    there is no override. A point's own override wins over an all-stores one, which applies to
    shop stores (`kind == "store"`) only; the newest row wins."""
    with session(_engine(where)) as s:
        stmt = (
            select(StoreHoursOverride)
            .where(col(StoreHoursOverride.first_day) <= day, col(StoreHoursOverride.last_day) >= day)
            .order_by(col(StoreHoursOverride.id).desc())
        )
        rows = list(s.exec(stmt))
    own = [r for r in rows if r.point_code == point_code]
    general = [r for r in rows if r.point_code is None and kind == "store"]
    for r in own or general:
        return None if r.closed else (str(r.opens), str(r.closes))
    return False


def list_store_hours(where: Any) -> list[dict[str, Any]]:
    with session(_engine(where)) as s:
        rows = list(s.exec(select(StoreHoursOverride).order_by(col(StoreHoursOverride.first_day))))
    return [
        {
            "id": r.id,
            "point_code": r.point_code,
            "first_day": r.first_day.isoformat(),
            "last_day": r.last_day.isoformat(),
            "opens": r.opens,
            "closes": r.closes,
            "closed": r.closed,
            "note": r.note,
        }
        for r in rows
    ]


def seed_defaults(where: Any, year: int, now: datetime | None = None) -> bool:
    """The shop's usual holiday context for `year` when no store hours exist yet: stores close at
    15:00 on Dec 24 and 17:00 on Dec 31, stay closed Dec 25 and Jan 1; a holiday-cutoff notice
    runs Dec 1-22. Returns False when something was already there."""
    if list_store_hours(where):
        return False
    add_store_hours(where, date(year, 12, 24), opens="10:00", closes="15:00", note="Christmas Eve", now=now)
    add_store_hours(where, date(year, 12, 25), note="Christmas Day", now=now)
    add_store_hours(where, date(year, 12, 31), opens="10:00", closes="17:00", note="New Year's Eve", now=now)
    add_store_hours(where, date(year + 1, 1, 1), note="New Year's Day", now=now)
    add_notice(
        where,
        "cutoff",
        "To arrive by December 24, order by December 16 with standard shipping, by December 19 with "
        "2-day shipping, or by December 22 with overnight shipping.",
        datetime(year, 12, 1, 5, tzinfo=UTC),
        datetime(year, 12, 23, 5, tzinfo=UTC),
        title="Holiday shipping cutoffs",
        now=now,
    )
    return True
