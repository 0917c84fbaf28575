"""Billing periods: parsing, arithmetic, Russian names, the readings window."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.periods import Period, PeriodError, date_in_words, period_for_reading

periods = st.builds(Period, st.integers(2000, 2100), st.integers(1, 12))


def test_parse_and_key_round_trip():
    p = Period.parse("2026-11")
    assert (p.year, p.month) == (2026, 11)
    assert str(p) == "2026-11"


@pytest.mark.parametrize("text", ["", "2026-13", "2026-00", "26-11", "2026/11", "ноябрь", "2026-1", None])
def test_parse_refuses_with_russian_message(text):
    with pytest.raises(PeriodError, match=r"ГГГГ-ММ|месяц"):
        Period.parse(text)


def test_names():
    p = Period(2026, 11)
    assert p.name == "ноябрь 2026"
    assert p.name_for == "за ноябрь 2026"
    assert date_in_words(date(2026, 11, 30)) == "30 ноября 2026"


def test_days_and_due_date():
    assert Period(2024, 2).last_day == date(2024, 2, 29)
    assert Period(2026, 12).first_day == date(2026, 12, 1)
    assert Period(2026, 12).due_date == date(2027, 1, 10)
    assert Period(2026, 12).next() == Period(2027, 1)
    assert Period(2027, 1).prev() == Period(2026, 12)


@given(periods, st.integers(-300, 300))
def test_shift_is_invertible_and_counts_months(p, n):
    q = p.shift(n)
    assert q.shift(-n) == p
    assert p.months_until(q) == n
    assert (q > p) == (n > 0)


@given(periods)
def test_next_starts_the_day_after_last_day(p):
    assert p.next().first_day == p.last_day + timedelta(days=1)
    assert Period.parse(p.key) == p


def test_reading_window():
    assert period_for_reading(date(2026, 11, 25)) == Period(2026, 11)
    assert period_for_reading(date(2026, 11, 26)) == Period(2026, 12)
    assert period_for_reading(date(2026, 12, 26)) == Period(2027, 1)
    assert period_for_reading(date(2026, 11, 24), window_last_day=23) == Period(2026, 12)
    with pytest.raises(PeriodError):
        period_for_reading(date(2026, 11, 1), window_last_day=0)


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(1, 31))
def test_reading_goes_to_its_month_or_the_next(day, window):
    p = period_for_reading(day, window)
    assert p == (Period.of(day) if day.day <= window else Period.of(day).next())
