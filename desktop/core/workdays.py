"""Working days: due dates counted over weekends and public holidays (the holiday list is data)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# The holiday list itself is data (table holidays, seeded by migration 0009, edited by seniors).
MAX_WORKING_DAYS = 365


def is_working_day(day: date, holidays: frozenset[date], working_weekends: frozenset[date] = frozenset()) -> bool:
    """Monday to Friday and not a holiday; a Saturday or Sunday the decree made a working day counts."""
    if day in working_weekends:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Iterable[date],
                     working_weekends: Iterable[date] = ()) -> date:
    """The date ``days`` working days after ``start`` (the day of registration itself not counted)."""
    if days < 0 or days > MAX_WORKING_DAYS:
        raise ValueError(f"working days out of range: {days}")
    off = frozenset(holidays)
    on = frozenset(working_weekends)
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, off, on):
            left -= 1
    return day
