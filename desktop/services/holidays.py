"""The holiday list due dates skip (and weekends made working days); kept as data, edited by seniors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.workdays import add_working_days
from desktop.db.models import Holiday
from desktop.db.text_limits import text_problem
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound


@dataclass(frozen=True)
class HolidayRow:
    day: date
    name: str
    working: bool


def working_day_after(session: Session, start: date, days: int) -> date:
    """``days`` working days after ``start``, with the holidays and working weekends in the database."""
    rows = session.execute(select(Holiday.day, Holiday.working).where(Holiday.day > start)).all()
    return add_working_days(start, days, [d for d, w in rows if not w], [d for d, w in rows if w])


def list_holidays(ctx: ServiceContext, year: int | None = None) -> list[HolidayRow]:
    """The list in date order (of one year, when given); every operator may read it."""
    with ctx.read() as s:
        query = select(Holiday).order_by(Holiday.day)
        if year is not None:
            query = query.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
        return [HolidayRow(h.day, h.name, h.working) for h in s.scalars(query)]


def set_holiday(ctx: ServiceContext, day: date, name: str, *, working: bool = False) -> HolidayRow:
    """Add a non-working day (or, ``working``, a weekend made a working day), or rename it; senior."""
    ctx.require("senior")
    name = name.strip()
    problem = text_problem(name, 120)
    if problem:
        raise InputError(f"«Название»: {problem}", field="name")
    if working and day.weekday() < 5:
        raise InputError("Рабочим днём можно объявить только субботу или воскресенье", field="working")
    with ctx.transaction() as s:
        row = s.get(Holiday, day)
        before = None if row is None else {"name": row.name, "working": row.working}
        if row is None:
            row = Holiday(day=day, name=name, working=working)
            s.add(row)
        else:
            row.name, row.working = name, working
        audit.record(s, ctx, "holiday.set", entity="holiday", day=day.isoformat(), name=name,
                     working=working, before=before)
        return HolidayRow(row.day, row.name, row.working)


def remove_holiday(ctx: ServiceContext, day: date) -> None:
    """Take a day off the list (entered by mistake); senior; audited with what it was."""
    ctx.require("senior")
    with ctx.transaction() as s:
        row = s.get(Holiday, day)
        if row is None:
            raise NotFound(f"{day:%d.%m.%Y} нет в списке праздников")
        audit.record(s, ctx, "holiday.remove", entity="holiday", day=day.isoformat(), name=row.name,
                     working=row.working)
        s.delete(row)
