"""Working days: weekends, holidays and weekends made working days."""

from datetime import date

import pytest

from desktop.core.workdays import add_working_days


def test_a_weekend_is_skipped() -> None:
    # Friday 27.11.2026 + 1 working day: Monday 30.11.
    assert add_working_days(date(2026, 11, 27), 1, []) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 27), 5, []) == date(2026, 12, 4)


def test_a_holiday_moves_the_date_by_one_day() -> None:
    # Tuesday 3.11.2026, 4.11 is a public holiday: 10 working days end on 18.11, not 17.11.
    assert add_working_days(date(2026, 11, 3), 10, []) == date(2026, 11, 17)
    assert add_working_days(date(2026, 11, 3), 10, [date(2026, 11, 4)]) == date(2026, 11, 18)


def test_new_year_holidays() -> None:
    holidays = [date(2026, 1, d) for d in range(1, 10)]
    # 30.12.2025 + 2: 31.12.2025, then nothing until Monday 12.01.2026.
    assert add_working_days(date(2025, 12, 30), 2, holidays) == date(2026, 1, 12)


def test_a_working_saturday_counts() -> None:
    assert add_working_days(date(2026, 11, 27), 1, [], [date(2026, 11, 28)]) == date(2026, 11, 28)


def test_zero_days_is_the_same_day_and_nonsense_is_refused() -> None:
    assert add_working_days(date(2026, 11, 27), 0, []) == date(2026, 11, 27)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 27), -1, [])
