"""Billing periods: calendar months keyed 'YYYY-MM', Russian names, the readings window."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
# Genitive forms are for dates written in words ("30 ноября 2026").
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)

# PP 354 ст. 155 ЖК РФ: the bill is paid by the 10th of the month after the period.
DUE_DAY = 10
DEFAULT_WINDOW_LAST_DAY = 25

# ASCII digits only: \d would also take "٢٠٢٦-١١" and int() would read it.
_KEY = re.compile(r"([0-9]{4})-([0-9]{2})")


class PeriodError(ValueError):
    """Text or numbers that are not a billing period."""


@dataclass(frozen=True, order=True)
class Period:
    """One billing period: a calendar month (PP 354 п. 37)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int) or not 1900 <= self.year <= 9998:
            raise PeriodError(f"Неверный год расчётного периода: {self.year!r}")
        if isinstance(self.month, bool) or not isinstance(self.month, int) or not 1 <= self.month <= 12:
            raise PeriodError(f"Неверный месяц расчётного периода: {self.month!r}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read 'YYYY-MM' (e.g. '2026-11'); anything else raises PeriodError in Russian."""
        match = _KEY.fullmatch((text or "").strip()) if isinstance(text, str) else None
        if match is None:
            raise PeriodError(f"Расчётный период записывается как ГГГГ-ММ, например 2026-11, а не «{text}»")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.key

    def __hash__(self) -> int:
        # Periods key the billing run's dicts (dozens of lookups an account): an int, not a tuple's hash.
        return self.year * 12 + self.month

    def index(self) -> int:
        """Months since year 0; differences of indexes count months between periods."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        year, month0 = divmod(index, 12)
        if 1900 <= year <= 9998 and cls is Period:
            # A month from arithmetic is valid by construction: skip __init__'s checks (the
            # billing run shifts periods for every account).
            period = object.__new__(Period)
            object.__setattr__(period, "year", year)
            object.__setattr__(period, "month", month0 + 1)
            return period
        return cls(year, month0 + 1)

    def shift(self, months: int) -> Period:
        return Period.from_index(self.index() + months)

    def next(self) -> Period:
        return self.shift(1)

    def prev(self) -> Period:
        return self.shift(-1)

    def months_until(self, other: Period) -> int:
        """How many months from this period to ``other`` (negative if other is earlier)."""
        return other.index() - self.index()

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def due_date(self) -> date:
        """Payment due date: the 10th of the following month."""
        following = self.next()
        return date(following.year, following.month, DUE_DAY)

    @property
    def name(self) -> str:
        """'ноябрь 2026' — as on the bill header and in lists."""
        return f"{MONTHS_NOMINATIVE[self.month - 1]} {self.year}"

    @property
    def name_for(self) -> str:
        """'за ноябрь 2026' — as in "Счёт за ноябрь 2026"."""
        return f"за {self.name}"


def coerce_period(value: Period | str) -> Period:
    """Accept a Period or its 'YYYY-MM' key."""
    return value if isinstance(value, Period) else Period.parse(value)


def date_in_words(day: date) -> str:
    """'30 ноября 2026'."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"


def period_for_reading(reading_date: date, window_last_day: int = DEFAULT_WINDOW_LAST_DAY) -> Period:
    """The period a reading is billed in: readings after the window's last day go to the next month.

    PP 354: readings reported after the 25th (a per-company setting) are not used for
    the current month; they are stored and used next month.
    """
    if isinstance(window_last_day, bool) or not isinstance(window_last_day, int) or not 1 <= window_last_day <= 31:
        raise PeriodError(f"Последний день приёма показаний должен быть от 1 до 31, а не {window_last_day!r}")
    period = Period.of(reading_date)
    return period.next() if reading_date.day > window_last_day else period
