"""Working days: due dates counted over weekends and public holidays (the holiday list is data)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# The Russian non-working days of 2026 (Labour Code art. 112 and the Government's transfer
# decree) and the fixed holidays of 2027; the migration seeds them, a senior edits them later.
SEED_HOLIDAYS: tuple[tuple[str, str], ...] = (
    *((f"2026-01-{d:02d}", "Новогодние каникулы") for d in range(1, 9)),
    ("2026-01-09", "Перенос выходного дня"),
    ("2026-02-23", "День защитника Отечества"),
    ("2026-03-09", "Перенос праздника (8 марта)"),
    ("2026-05-01", "Праздник Весны и Труда"),
    ("2026-05-11", "Перенос праздника (9 мая)"),
    ("2026-06-12", "День России"),
    ("2026-11-04", "День народного единства"),
    ("2026-12-31", "Перенос выходного дня"),
    *((f"2027-01-{d:02d}", "Новогодние каникулы") for d in range(1, 9)),
    ("2027-02-23", "День защитника Отечества"),
    ("2027-03-08", "Международный женский день"),
    ("2027-05-01", "Праздник Весны и Труда"),
    ("2027-05-09", "День Победы"),
    ("2027-06-12", "День России"),
    ("2027-11-04", "День народного единства"),
)

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
