"""Billing arithmetic: meter, average and norm bases, recalculation, balance."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.billing import (
    MAX_ESTIMATED_PERIODS,
    NORM_KWH_PER_RESIDENT,
    BillInput,
    draft_bill,
    norm_kwh,
)
from desktop.core.periods import Period
from desktop.core.tariffs import SAMARA_TARIFFS, ZONES_BY_SCHEME, TariffError, TariffRate

NOV = Period(2026, 11)


def history(months, start=Period(2026, 1), **zone_kwh):
    return [(start.shift(i), dict(zone_kwh)) for i in range(months)]


def test_two_zone_meter_bill_with_known_numbers():
    inp = BillInput(NOV, "urban", 2, 6, previous={"T1": 10000, "T2": 5000}, current={"T1": 10180, "T2": 5070},
                    opening_balance_kopecks=-50000, payments_kopecks=100000)
    bill = draft_bill(inp, SAMARA_TARIFFS)
    assert bill.basis == "meter" and bill.estimated_in_a_row == 0
    assert [(l.zone, l.kwh, l.price, l.amount_kopecks, l.previous_reading, l.current_reading) for l in bill.lines] == [
        ("T1", 180, Decimal("8.20"), 147600, 10000, 10180),
        ("T2", 70, Decimal("4.17"), 29190, 5000, 5070),
    ]
    assert bill.charges_kopecks == 176790 and bill.recalculation_kopecks == 0
    # Balance: + overpayment / − debt. −500.00 − 1767.90 + 1000.00 = −1267.90.
    assert bill.closing_balance_kopecks == -126790 and bill.amount_due_kopecks == 126790
    assert bill.due_date == date(2026, 12, 10)


def test_overpayment_leaves_nothing_due():
    inp = BillInput(NOV, "urban", 1, 5, {"T1": 0}, {"T1": 250}, opening_balance_kopecks=200000)
    bill = draft_bill(inp, SAMARA_TARIFFS)
    assert bill.charges_kopecks == 173750
    assert bill.closing_balance_kopecks == 200000 - 173750 and bill.amount_due_kopecks == 0


def test_rollover_reading():
    inp = BillInput(NOV, "urban", 1, 5, {"T1": 99900}, {"T1": 150}, rollover_zones={"T1"})
    assert draft_bill(inp, SAMARA_TARIFFS).kwh == {"T1": 250}
    with pytest.raises(ValueError):
        draft_bill(BillInput(NOV, "urban", 1, 5, {"T1": 99900}, {"T1": 150}), SAMARA_TARIFFS)


def test_average_then_norm_after_six_periods():
    hist = [*history(6, start=Period(2026, 4), T1=100, T2=50), (Period(2026, 3), {"T1": 9999, "T2": 9999})]
    base = dict(period=NOV, group="urban", zones=2, digits=6, previous={"T1": 0, "T2": 0}, current=None,
                history=hist, norm_kwh=300)
    bill = draft_bill(BillInput(**base, estimated_in_a_row=2), SAMARA_TARIFFS)
    assert bill.basis == "average" and bill.kwh == {"T1": 100, "T2": 50} and bill.estimated_in_a_row == 3
    assert all(l.basis == "average" and "среднемесячному" in l.reason for l in bill.lines)
    norm = draft_bill(BillInput(**base, estimated_in_a_row=MAX_ESTIMATED_PERIODS), SAMARA_TARIFFS)
    # The norm goes to zones in their usual shares (2:1).
    assert norm.basis == "norm" and norm.kwh == {"T1": 200, "T2": 100}
    assert "нормативу 300" in norm.lines[0].reason


def test_average_needs_six_months_or_three_for_a_young_meter():
    hist = history(4, start=Period(2026, 7), T1=120)
    base = dict(period=NOV, group="urban", zones=1, digits=5, previous={"T1": 0}, current=None,
                history=hist, norm_kwh=230)
    assert draft_bill(BillInput(**base), SAMARA_TARIFFS).kwh == {"T1": 230}
    young = draft_bill(BillInput(**base, meter_installed=Period(2026, 7)), SAMARA_TARIFFS)
    assert young.basis == "average" and young.kwh == {"T1": 120}
    too_few = dict(base, history=hist[:2])
    assert draft_bill(BillInput(**too_few, meter_installed=Period(2026, 9)), SAMARA_TARIFFS).basis == "norm"


def test_average_rounds_half_up_per_zone():
    hist = [(Period(2026, m), {"T1": 100 + (m % 2)}) for m in range(5, 11)]  # 3 × 101 + 3 × 100 → 100.5
    bill = draft_bill(BillInput(NOV, "urban", 1, 5, {"T1": 0}, None, history=hist), SAMARA_TARIFFS)
    assert bill.kwh == {"T1": 101}


def test_norm_table():
    assert norm_kwh("urban", 2, 3) == NORM_KWH_PER_RESIDENT["urban"][2] * 3
    assert norm_kwh("rural", 7, 1) == NORM_KWH_PER_RESIDENT["rural"][4]
    with pytest.raises(ValueError, match="проживающих"):
        norm_kwh("urban", 1, 0)


def test_recalculation_across_a_price_change_uses_each_months_tariff():
    hist = history(6, start=Period(2026, 3), T1=200)
    est = []
    for i, p in enumerate([Period(2026, 9), Period(2026, 10)]):
        bill = draft_bill(BillInput(p, "urban", 1, 5, {"T1": 1000}, None, history=hist, estimated_in_a_row=i),
                          SAMARA_TARIFFS)
        est.append(bill.as_estimated())
    assert [e.amount_kopecks["T1"] for e in est] == [200 * 625, 200 * 695]
    final = draft_bill(BillInput(NOV, "urban", 1, 5, {"T1": 1000}, {"T1": 1901}, superseded=est), SAMARA_TARIFFS)
    # 901 kWh over three months: 301 (Sep), 300 (Oct), 300 (Nov).
    recalc = [l for l in final.lines if l.kind == "recalculation"]
    assert [(l.period, l.kwh, l.amount_kopecks) for l in recalc] == [
        (Period(2026, 9), 101, 101 * 625), (Period(2026, 10), 100, 100 * 695)]
    assert "Перерасчёт за сентябрь 2026" in recalc[0].reason and "+101" in recalc[0].reason
    assert final.kwh == {"T1": 300} and final.charges_kopecks == 300 * 695
    assert final.as_estimated() is None


def test_lower_actual_gives_negative_recalculation():
    hist = history(6, start=Period(2026, 4), T1=300)
    est = draft_bill(BillInput(Period(2026, 10), "urban", 1, 5, {"T1": 0}, None, history=hist),
                     SAMARA_TARIFFS).as_estimated()
    final = draft_bill(BillInput(NOV, "urban", 1, 5, {"T1": 0}, {"T1": 100}, superseded=[est]), SAMARA_TARIFFS)
    (recalc,) = [l for l in final.lines if l.kind == "recalculation"]
    assert recalc.kwh == 50 - 300 and recalc.amount_kopecks == -250 * 695
    assert final.recalculation_kopecks < 0


def test_refusals():
    with pytest.raises(ValueError):
        draft_bill(BillInput(NOV, "urban", 2, 5, {"T1": 0, "T2": 0}, {"T1": 5}), SAMARA_TARIFFS)
    split_month = [
        TariffRate("urban", 1, "T1", 1, 0, None, Decimal("5.00"), date(2026, 1, 1), date(2026, 11, 14)),
        TariffRate("urban", 1, "T1", 1, 0, None, Decimal("6.00"), date(2026, 11, 15)),
    ]
    with pytest.raises(TariffError, match="в середине месяца"):
        draft_bill(BillInput(NOV, "urban", 1, 5, {"T1": 0}, {"T1": 5}), split_month)


@settings(max_examples=60, deadline=None)
@given(
    scheme=st.sampled_from([1, 2, 3]),
    kopecks=st.lists(st.integers(1, 2000), min_size=3, max_size=3),
    hist_kwh=st.lists(st.integers(0, 900), min_size=3, max_size=3),
    estimated=st.integers(1, 8),
    actual=st.lists(st.integers(0, 20000), min_size=3, max_size=3),
    opening=st.integers(-10**7, 10**7),
)
def test_estimates_then_reading_charge_exactly_the_actual_consumption(scheme, kopecks, hist_kwh, estimated,
                                                                      actual, opening):
    zones = ZONES_BY_SCHEME[scheme]
    # One constant price per zone, no range rates: the whole interval costs Σ kWh × price.
    tariffs = [TariffRate("urban", scheme, z, 1, 0, None, Decimal(k) / 100, date(2020, 1, 1))
               for z, k in zip(zones, kopecks)]
    start = Period(2026, 1)
    hist = history(6, start=start.shift(-6), **dict(zip(zones, hist_kwh)))
    previous = {z: 1000 * (i + 1) for i, z in enumerate(zones)}
    balance, paid_total, estimates = opening, 0, []
    for i in range(estimated):
        bill = draft_bill(BillInput(start.shift(i), "urban", scheme, 6, previous, None, history=hist,
                                    estimated_in_a_row=i, norm_kwh=250, opening_balance_kopecks=balance),
                          tariffs)
        assert bill.basis == ("average" if i < MAX_ESTIMATED_PERIODS else "norm")
        estimates.append(bill.as_estimated())
        balance = bill.closing_balance_kopecks
        paid_total += bill.accrued_kopecks
    current = {z: previous[z] + a for z, a in zip(zones, actual)}
    final = draft_bill(BillInput(start.shift(estimated), "urban", scheme, 6, previous, current,
                                 superseded=estimates, opening_balance_kopecks=balance), tariffs)
    paid_total += final.accrued_kopecks
    actual = actual[: len(zones)]
    expected = sum(a * k for a, k in zip(actual, kopecks))
    assert paid_total == expected
    assert final.closing_balance_kopecks == opening - expected
    assert sum(l.kwh for l in final.lines) == sum(actual) - sum(sum(e.kwh.values()) for e in estimates)


@settings(max_examples=40, deadline=None)
@given(
    scheme=st.sampled_from([1, 2, 3]),
    first=st.sampled_from([Period(2025, 5), Period(2025, 11), Period(2026, 8)]),
    estimated=st.integers(1, 6),
    actual=st.lists(st.integers(0, 12000), min_size=3, max_size=3),
    threshold=st.sampled_from([1200, 3000]),
)
def test_recalculated_interval_costs_each_months_equal_share_at_its_tariff(scheme, first, estimated, actual,
                                                                           threshold):
    from desktop.core.tariffs import cost_of_consumption, rates_in_force

    zones = ZONES_BY_SCHEME[scheme]
    actual = actual[: len(zones)]
    hist = history(6, start=first.shift(-6), **{z: 400 for z in zones})
    previous = {z: 0 for z in zones}
    common = dict(group="rural", zones=scheme, digits=7, previous=previous, range_threshold_kwh=threshold)
    estimates, accrued = [], 0
    for i in range(estimated):
        bill = draft_bill(BillInput(first.shift(i), current=None, history=hist, estimated_in_a_row=i, **common),
                          SAMARA_TARIFFS)
        estimates.append(bill.as_estimated())
        accrued += bill.accrued_kopecks
    last = first.shift(estimated)
    final = draft_bill(BillInput(last, current=dict(zip(zones, actual)), superseded=estimates, **common),
                       SAMARA_TARIFFS)
    accrued += final.accrued_kopecks
    months = estimated + 1
    expected = 0
    for i in range(months):
        share = {}
        for z, a in zip(zones, actual):
            q, r = divmod(a, months)
            share[z] = q + (1 if i < r else 0)
        rates = rates_in_force(SAMARA_TARIFFS, "rural", scheme, first.shift(i).first_day)
        expected += cost_of_consumption(share, rates, threshold).total_kopecks
    assert accrued == expected
