"""Consumption, rollover, reading parsing and the plausibility check."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.core.consumption import (
    NegativeConsumption,
    ReadingCheckSettings,
    ReadingError,
    ReadingOutOfRange,
    check_reading,
    consumption,
    parse_reading_text,
    rollover_plausible,
    usual_consumption,
)


@st.composite
def meter_pair(draw):
    digits = draw(st.integers(1, 9))
    cap = 10**digits
    return digits, draw(st.integers(0, cap - 1)), draw(st.integers(0, cap - 1))


def test_examples():
    assert consumption(12345, 12600, 5) == 255
    assert consumption(99950, 40, 5, rollover=True) == 90
    with pytest.raises(NegativeConsumption, match="меньше предыдущего"):
        consumption(99950, 40, 5)
    with pytest.raises(ReadingOutOfRange):
        consumption(0, 100000, 5)
    with pytest.raises(ReadingOutOfRange):
        consumption(-1, 10, 5)


@given(meter_pair())
def test_rollover_consumption_in_range_and_inverse(pair):
    digits, prev, cur = pair
    cap = 10**digits
    if cur >= prev:
        used = consumption(prev, cur, digits)
        assert used == cur - prev
    else:
        used = consumption(prev, cur, digits, rollover=True)
        assert 1 <= used < cap
    # Inverse: advancing the register by the consumption lands on the current reading.
    assert (prev + used) % cap == cur


@given(meter_pair(), st.integers(0, 10**6))
def test_rollover_plausible_matches_consumption(pair, limit):
    digits, prev, cur = pair
    plausible = rollover_plausible(prev, cur, digits, limit)
    if cur >= prev:
        assert not plausible
    else:
        assert plausible == (consumption(prev, cur, digits, rollover=True) <= limit)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Введите"),
        ("   ", "Введите"),
        ("12a45", "без букв"),
        ("12345,6", "без цифр после запятой"),
        ("-5", "отрицательным"),
        ("123456", "не больше 5 цифр"),
        ("9" * 39, "не больше 5 цифр"),
        ("1" * 100, "Слишком длинный"),
        ("12;34", "только цифры"),
        ("١٢٣", "только цифры"),  # Arabic-Indic digits pasted from somewhere
        ("ST00012|Name=ПАО", "Слишком длинный|только цифры|без букв"),
    ],
)
def test_parse_refusals(text, message):
    with pytest.raises(ReadingError, match=message):
        parse_reading_text(text, 5)


def test_parse_accepts_spaces_and_leading_zeros():
    assert parse_reading_text(" 01 234 ", 5) == 1234
    assert parse_reading_text("000001234", 5) == 1234
    assert parse_reading_text("0", 5) == 0


@given(st.integers(1, 9).flatmap(lambda d: st.tuples(st.just(d), st.integers(0, 10**d - 1))))
def test_parse_round_trip(pair):
    digits, value = pair
    assert parse_reading_text(str(value).zfill(digits), digits) == value


def test_check_plain_reading_ok():
    result = check_reading({"T1": 1000, "T2": 500}, {"T1": "1150", "T2": "560"}, 5, Decimal(200), 190)
    assert result.ok and result.consumption == {"T1": 150, "T2": 60} and result.total == 210


def test_check_errors_are_per_zone():
    result = check_reading({"T1": 1000, "T2": 500}, {"T1": "abc", "T2": "400"}, 5)
    assert result.has_errors
    assert result.consumption == {"T1": None, "T2": None}
    assert {(f.zone, f.code) for f in result.findings} == {("T1", "not_number"), ("T2", "lower")}
    assert all(f.message.startswith(f.zone) for f in result.findings)


def test_check_plausible_rollover_needs_confirmation():
    result = check_reading({"T1": 99900}, {"T1": "50"}, 5, Decimal(150), None)
    (finding,) = result.findings
    assert finding.kind == "rollover" and finding.rollover_kwh == 150
    assert result.needs_confirmation and result.consumption == {"T1": 150}


def test_check_above_absolute_max_is_refused():
    settings = ReadingCheckSettings(absolute_max_monthly_kwh=5000)
    result = check_reading({"T1": 0}, {"T1": 5001}, 6, settings=settings)
    assert result.has_errors and result.errors[0].code == "above_max"
    two_months = check_reading({"T1": 0}, {"T1": 5001}, 6, settings=settings, months=2)
    assert not two_months.has_errors


def test_check_far_above_and_below_usual_and_zero():
    high = check_reading({"T1": 0}, {"T1": 700}, 5, Decimal(200), 150)
    assert [f.code for f in high.findings] == ["high"] and high.needs_confirmation
    # Same month last year was high (winter): 700 is within 3 × 300.
    winter = check_reading({"T1": 0}, {"T1": 700}, 5, Decimal(200), 300)
    assert winter.ok
    low = check_reading({"T1": 0}, {"T1": 30}, 5, Decimal(200), 180)
    assert [f.code for f in low.findings] == ["low"]
    zero = check_reading({"T1": 10, "T2": 5}, {"T1": 10, "T2": 5}, 5, Decimal(200), None)
    assert [(f.code, f.zone) for f in zero.findings] == [("zero", None)]


@given(st.integers(0, 30000), st.integers(1, 3000))
def test_check_warnings_follow_factors(used, usual):
    settings = ReadingCheckSettings()
    result = check_reading({"T1": 0}, {"T1": used}, 6, Decimal(usual), None, settings)
    codes = {f.code for f in result.findings}
    if used > settings.absolute_max_monthly_kwh:
        assert codes == {"above_max"}
    elif used == 0:
        assert codes == {"zero"}
    elif used > 3 * usual:
        assert codes == {"high"}
    elif used * 5 < usual:
        assert codes == {"low"}
    else:
        assert codes == set()


def test_usual_consumption():
    history = [(f"2025-{m:02d}", 100 + m) for m in range(1, 13)] + [("2026-01", 300), ("2024-12", 999)]
    avg, same = usual_consumption(history, "2026-01")
    assert same == 101
    assert avg == Decimal(sum(100 + m for m in range(1, 13))) / 12
    assert usual_consumption([("2025-12", 100)], "2026-01") == (None, None)
    assert usual_consumption([], "2026-01") == (None, None)


@given(st.lists(st.tuples(st.integers(0, 23), st.integers(0, 5000)), max_size=30))
def test_usual_average_between_min_and_max(entries):
    history = [(f"{2025 + i // 12}-{i % 12 + 1:02d}", kwh) for i, kwh in entries]
    assume(len({i for i, _ in entries if 12 <= i < 24}) >= 3)
    avg, _ = usual_consumption(history, "2027-01")
    window = {}
    for i, kwh in entries:
        if 12 <= i < 24:
            window[i] = window.get(i, 0) + kwh
    assert min(window.values()) <= avg <= max(window.values())


def test_big_figures_have_the_thousands_space():
    """«9 430 кВт·ч», with a no-break space, never «9430 кВт·ч» (issue 13)."""
    high = check_reading({"T1": 100_000}, {"T1": 109_430}, 6, Decimal(300), None)
    (finding,) = high.findings
    assert "расход 9\u00a0430 кВт·ч намного больше обычного" in finding.message
    assert "9430" not in finding.message
    over = check_reading({"T1": 0}, {"T1": 12_345}, 6, settings=ReadingCheckSettings(absolute_max_monthly_kwh=10_000))
    assert "12\u00a0345 кВт·ч больше допустимого (10\u00a0000 кВт·ч)" in over.errors[0].message
