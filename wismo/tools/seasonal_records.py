"""Tables for the seasonal context ops edit: notices (cutoffs, weather, regional delays, playbook
activations) and store pickup-hours overrides (holiday hours).

Kept apart from `domain/models.py` so the lead imports this module before `create_all`; the rows
are data ops change at run time, not code, so every instance sees an edit at once.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel


class SeasonalNotice(SQLModel, table=True):
    """A time-boxed notice that changes answers: a cutoff, a weather alert, a regional delay, an outage.

    `regions` (two-letter states) and `carriers` empty mean "everywhere" / "every carrier".
    """

    __tablename__ = "seasonal_notices"
    id: int | None = Field(default=None, primary_key=True)
    #: cutoff | weather | delay | outage | strike | capacity | general
    kind: str = Field(index=True, max_length=32)
    title: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    regions: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    carriers: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    starts_at: datetime = Field(index=True)
    ends_at: datetime = Field(index=True)
    #: Days added to delivery windows of affected shipments.
    extra_days: int = 0
    #: The playbook this notice was activated from, if any.
    playbook_id: str | None = Field(default=None, index=True, max_length=64)
    created_by: str = "ops"
    created_at: datetime
    #: Set when ops end the notice before `ends_at`.
    ended_at: datetime | None = None


class StoreHoursOverride(SQLModel, table=True):
    """Special pickup hours for one point (`point_code`) or every shop store (None) over a date range."""

    __tablename__ = "store_hours_overrides"
    id: int | None = Field(default=None, primary_key=True)
    point_code: str | None = Field(default=None, index=True, max_length=32)
    first_day: date = Field(index=True)
    last_day: date = Field(index=True)
    #: "HH:MM" local; both None (or `closed`) means closed all day.
    opens: str | None = None
    closes: str | None = None
    closed: bool = False
    note: str = ""
    created_at: datetime
