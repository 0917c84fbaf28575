"""Tariff table lookup and exact cost of consumption with ranges."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.tariffs import (
    GROUPS,
    RANGE_I_KWH,
    SAMARA_TARIFFS,
    ZONES_BY_SCHEME,
    TariffNotFound,
    TariffRate,
    allocate_largest_remainder,
    cost_of_consumption,
    rates_in_force,
    split_by_range,
)


def price(group, scheme, zone, on, range_no=1):
    return next(r.price for r in rates_in_force(SAMARA_TARIFFS, group, scheme, on)[zone] if r.range_no == range_no)


def test_250_kwh_single_rate_urban_november_2026():
    rates = rates_in_force(SAMARA_TARIFFS, "urban", 1, date(2026, 11, 15))
    cost = cost_of_consumption({"T1": 250}, rates)
    assert cost.total == Decimal("1737.50") and cost.total_kopecks == 173750
    assert [(l.zone, l.kwh, l.range_no, l.price) for l in cost.lines] == [("T1", 250, 1, Decimal("6.95"))]


@pytest.mark.parametrize(
    "on, scheme, zone, expected",
    [
        (date(2025, 6, 30), 1, "T1", "5.48"),
        (date(2025, 7, 1), 1, "T1", "6.16"),
        (date(2025, 12, 31), 3, "T1", "8.37"),
        (date(2026, 1, 1), 2, "T2", "3.76"),
        (date(2026, 9, 30), 3, "T3", "6.26"),
        (date(2026, 10, 1), 2, "T1", "8.20"),
        (date(2030, 1, 1), 3, "T2", "4.07"),
    ],
)
def test_urban_table_and_change_dates(on, scheme, zone, expected):
    assert price("urban", scheme, zone, on) == Decimal(expected)


def test_reduced_groups():
    assert price("electric_stove", 1, "T1", date(2026, 3, 1)) == Decimal("4.38")
    assert price("rural", 1, "T1", date(2026, 10, 1)) == Decimal("4.87")
    # Zoned values for these groups are derived: 0.70 × urban, half up to the kopeck.
    urban_day = price("urban", 2, "T1", date(2026, 11, 1))
    assert price("electric_stove", 2, "T1", date(2026, 11, 1)) == (urban_day * Decimal("0.7")).quantize(
        Decimal("0.01"))


def test_every_group_scheme_and_date_has_rates_for_all_zones_and_ranges():
    for group in GROUPS:
        for scheme, zones in ZONES_BY_SCHEME.items():
            for on in (date(2024, 7, 1), date(2025, 6, 30), date(2025, 7, 1), date(2026, 1, 1), date(2026, 10, 1)):
                rates = rates_in_force(SAMARA_TARIFFS, group, scheme, on)
                assert set(rates) == set(zones)
                assert all([r.range_no for r in lst] == [1, 2, 3] for lst in rates.values())
                assert all(lst[0].price < lst[1].price < lst[2].price for lst in rates.values())


def test_not_found_has_russian_message():
    with pytest.raises(TariffNotFound, match=r"Нет тарифа на 30\.06\.2024.*зона T1"):
        rates_in_force(SAMARA_TARIFFS, "urban", 1, date(2024, 6, 30))
    only_day = [r for r in SAMARA_TARIFFS if r.zone != "T2"]
    with pytest.raises(TariffNotFound, match="T2 \\(ночь\\)"):
        rates_in_force(only_day, "urban", 2, date(2026, 1, 1))


def test_range_boundaries_and_account_threshold():
    rates = rates_in_force(SAMARA_TARIFFS, "urban", 1, date(2026, 11, 1))
    p1, p2, p3 = (r.price for r in rates["T1"])
    at = cost_of_consumption({"T1": 1200}, rates)
    assert [l.range_no for l in at.lines] == [1] and at.total == 1200 * p1
    above = cost_of_consumption({"T1": 6001}, rates)
    assert [(l.range_no, l.kwh) for l in above.lines] == [(1, 1200), (2, 4800), (3, 1)]
    assert above.total == 1200 * p1 + 4800 * p2 + p3
    raised = cost_of_consumption({"T1": 3000}, rates, range_threshold_kwh=3000)
    assert raised.total == 3000 * p1


@given(st.integers(0, 10**6), st.lists(st.integers(0, 10**5), min_size=1, max_size=3))
def test_largest_remainder_sums_and_stays_close(amount, weights):
    total = sum(weights)
    if total == 0:
        return
    amount = amount % (total + 1)
    shares = allocate_largest_remainder(amount, weights)
    assert sum(shares) == amount
    for share, w in zip(shares, weights):
        assert 0 <= share <= w
        # |share - exact quota| < 1, in integers: |share × total − amount × w| < total
        assert abs(share * total - amount * w) < total


zone_kwh = st.integers(1, 3).flatmap(
    lambda n: st.lists(st.integers(0, 20000), min_size=n, max_size=n).map(
        lambda ks: dict(zip(ZONES_BY_SCHEME[n], ks))))


@given(zone_kwh, st.integers(100, 8000), st.integers(0, 8000))
def test_range_split_sums_to_zones_and_total(consumption, threshold, extra):
    bounds = [threshold, threshold + extra]
    split = split_by_range(consumption, bounds)
    total = sum(consumption.values())
    for zone, bands in split.items():
        assert sum(bands) == consumption[zone] and min(bands) >= 0
    per_range = [sum(bands[i] for bands in split.values()) for i in range(3)]
    assert per_range == [min(total, bounds[0]), min(max(total - bounds[0], 0), extra), max(total - bounds[1], 0)]


@given(zone_kwh, st.sampled_from(GROUPS), st.dates(date(2024, 7, 1), date(2027, 12, 31)),
       st.integers(600, 4000))
def test_cost_exact_in_kopecks(consumption, group, on, threshold):
    rates = rates_in_force(SAMARA_TARIFFS, group, len(consumption), on)
    cost = cost_of_consumption(consumption, rates, range_threshold_kwh=threshold)
    assert sum(l.amount for l in cost.lines) == cost.total
    assert sum(l.kwh for l in cost.lines) == sum(consumption.values())
    # Independent integer computation: prices have two decimals, so kWh × price-in-kopecks
    # is exact and no rounding is involved at all.
    expected = 0
    for line in cost.lines:
        rate = next(r for r in rates[line.zone] if r.range_no == line.range_no)
        expected += line.kwh * int(rate.price * 100)
        assert isinstance(line.amount, Decimal) and line.amount.as_tuple().exponent == -2
    assert cost.total_kopecks == expected


def test_rounding_half_up_once_per_line():
    odd = [TariffRate("urban", 1, "T1", 1, 0, None, Decimal("1.005"), date(2026, 1, 1))]
    cost = cost_of_consumption({"T1": 1}, {"T1": odd})
    assert cost.total == Decimal("1.01")
    cost3 = cost_of_consumption({"T1": 3}, {"T1": odd})
    assert cost3.total == Decimal("3.02")  # 3.015 rounded once, not 3 × 1.01


def test_zero_zone_still_listed_and_bad_input_refused():
    rates = rates_in_force(SAMARA_TARIFFS, "urban", 2, date(2026, 11, 1))
    cost = cost_of_consumption({"T1": 0, "T2": 10}, rates)
    assert [(l.zone, l.kwh) for l in cost.lines] == [("T1", 0), ("T2", 10)]
    with pytest.raises(ValueError):
        cost_of_consumption({"T1": -1, "T2": 0}, rates)
    with pytest.raises(ValueError):
        cost_of_consumption({"T1": 1.5, "T2": 0}, rates)
    assert RANGE_I_KWH == 1200
