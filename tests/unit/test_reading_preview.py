"""The pure live preview of the readings page: consumption, checks, cost, billing period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.consumption import ReadingCheckSettings
from desktop.core.reading_preview import PreviousReading, ReadingForm, preview
from desktop.core.tariffs import SAMARA_TARIFFS, ZONES_BY_SCHEME, cost_of_consumption, rates_in_force

TODAY = date(2026, 11, 20)


def make_form(zones: int = 1, digits: int = 6, previous: dict[str, int] | None = None, *,
              usual: Decimal | None = Decimal("200"), same_month: int | None = 220, group: str = "urban",
              today: date = TODAY, prev_on: date = date(2026, 10, 20), threshold: int = 1200) -> ReadingForm:
    zone_list = ZONES_BY_SCHEME[zones]
    values = previous or {z: 1000 * (i + 1) for i, z in enumerate(zone_list)}
    period = f"{prev_on.year:04d}-{prev_on.month:02d}"
    return ReadingForm(
        account_number="010001234567", meter_id=1, serial="12345678", zones=zones, digits=digits,
        previous={z: PreviousReading(v, prev_on, period, i + 1) for i, (z, v) in enumerate(values.items())},
        consumer_group=group,
        rates=tuple(r for r in SAMARA_TARIFFS if r.group == group and r.zones == zones),
        today=today, usual_avg=usual, usual_same_month=same_month, range_threshold_kwh=threshold,
    )


def test_normal_reading_priced_at_todays_tariff():
    pv = preview(make_form(), {"T1": "1150"})
    assert pv.consumption == {"T1": 150} and pv.total_kwh == 150
    assert pv.cost_kopecks == 150 * 695 and pv.zone_cost_kopecks == {"T1": 150 * 695}
    assert pv.period.key == "2026-11" and not pv.late and pv.period_message is None
    assert pv.can_save and not pv.findings and pv.price_date == TODAY


def test_typing_in_progress_and_junk():
    form = make_form()
    for text in ("", "  ", "12a", "1,5", "-3"):
        pv = preview(form, {"T1": text})
        assert "T1" in pv.zone_errors and pv.cost_kopecks is None and not pv.can_save
    assert "разрядов" in preview(form, {"T1": "1234567"}).zone_errors["T1"]


def test_window_after_the_25th_counts_next_period_at_its_tariff():
    form = make_form(today=date(2026, 9, 27), prev_on=date(2026, 8, 20))
    pv = preview(form, {"T1": "1100"}, date(2026, 9, 27))
    assert pv.late and pv.period.key == "2026-10"
    assert pv.period_message.startswith("Показания после 25-го числа учитываются в следующем периоде")
    assert pv.price_date == date(2026, 10, 1) and pv.cost_kopecks == 100 * 695  # October's price
    on_25th = preview(form, {"T1": "1100"}, date(2026, 9, 25))
    assert not on_25th.late and on_25th.period.key == "2026-09" and on_25th.cost_kopecks == 100 * 625


def test_lower_reading_is_an_error_unless_rollover_is_plausible():
    form = make_form()
    lower = preview(form, {"T1": "995"}, confirm_rollover_zones={"T1"})
    assert [f.code for f in lower.errors] == ["lower"] and not lower.can_save
    five = make_form(digits=5, previous={"T1": 99870})
    pv = preview(five, {"T1": "00130"})
    assert pv.rollover_zones == {"T1"} and pv.unconfirmed_rollover_zones == {"T1"}
    assert pv.consumption == {"T1": 260} and pv.cost_kopecks == 260 * 695 and not pv.can_save
    confirmed = preview(five, {"T1": "00130"}, confirm_rollover_zones={"T1"})
    assert confirmed.can_save and not confirmed.unconfirmed_rollover_zones


def test_warnings_need_a_reason():
    form = make_form()
    high = preview(form, {"T1": str(1000 + 2000)})
    assert [f.code for f in high.warnings] == ["high"] and high.needs_reason and not high.can_save
    assert not preview(form, {"T1": "3000"}, reason=" ок ").can_save  # 2 characters
    assert preview(form, {"T1": "3000"}, reason="гостили родственники").can_save
    zero = preview(form, {"T1": "1000"})
    assert [f.code for f in zero.warnings] == ["zero"] and zero.cost_kopecks == 0
    low = preview(form, {"T1": "1010"})
    assert [f.code for f in low.warnings] == ["low"]
    assert preview(make_form(usual=None, same_month=None), {"T1": "3000"}).can_save  # nothing to compare


def test_above_the_absolute_maximum_is_refused():
    form = make_form()
    pv = preview(form, {"T1": str(1000 + 10_001)}, reason="много")
    assert [f.code for f in pv.errors] == ["above_max"] and not pv.can_save
    strict = ReadingForm(**{**form.__dict__, "check": ReadingCheckSettings(absolute_max_monthly_kwh=500)})
    assert preview(strict, {"T1": "1600"}).errors


def test_dates_before_the_previous_or_in_the_future_are_refused():
    form = make_form()
    early = preview(form, {"T1": "1100"}, date(2026, 10, 19))
    assert [f.code for f in early.errors] == ["date_before_previous"]
    assert [f.code for f in preview(form, {"T1": "1100"}, date(2026, 11, 21)).errors] == ["future_date"]


def test_two_months_since_the_last_reading_double_the_usual_level():
    form = make_form(prev_on=date(2026, 9, 20))
    assert not preview(form, {"T1": str(1000 + 1000)}).warnings  # 1000 < 3 × 2 × 220
    assert preview(make_form(), {"T1": str(1000 + 1000)}).warnings


def test_three_zones_over_range_one_use_range_two_prices():
    form = make_form(zones=3, usual=Decimal("1300"), same_month=1300)
    typed = {"T1": str(1000 + 700), "T2": str(2000 + 400), "T3": str(3000 + 300)}
    pv = preview(form, typed)
    rates = rates_in_force(SAMARA_TARIFFS, "urban", 3, TODAY)
    core = cost_of_consumption({"T1": 700, "T2": 400, "T3": 300}, rates)
    assert pv.cost_kopecks == core.total_kopecks
    assert {line.range_no for line in pv.cost.lines} == {1, 2}
    assert sum(pv.zone_cost_kopecks.values()) == pv.cost_kopecks


def test_missing_tariff_is_reported_not_raised():
    form = make_form(today=date(2024, 5, 20), prev_on=date(2024, 4, 20))
    pv = preview(form, {"T1": "1100"})
    assert pv.cost_kopecks is None and "Нет тарифа" in pv.cost_error and pv.can_save


@given(
    digits=st.integers(4, 8),
    data=st.data(),
)
def test_consumption_and_cost_are_exact(digits, data):
    cap = 10**digits
    prev = data.draw(st.integers(0, cap - 1))
    used = data.draw(st.integers(0, min(cap - 1, 10_000)))
    current = (prev + used) % cap
    form = make_form(digits=digits, previous={"T1": prev}, usual=None, same_month=None)
    pv = preview(form, {"T1": f"{current:0{digits}d}"}, confirm_rollover_zones={"T1"})
    assert pv.consumption == {"T1": used}
    assert (pv.rollover_zones == {"T1"}) == (current < prev)
    core = cost_of_consumption({"T1": used}, rates_in_force(SAMARA_TARIFFS, "urban", 1, TODAY))
    assert pv.cost_kopecks == core.total_kopecks and type(pv.cost_kopecks) is int
    assert pv.cost.total == Decimal(pv.cost_kopecks) / 100
