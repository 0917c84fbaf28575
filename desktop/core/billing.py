"""Billing arithmetic for one account and one period: meter, average or norm, recalculation, balance."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.consumption import consumption
from desktop.core.money import to_kopecks
from desktop.core.periods import Period, coerce_period
from desktop.core.tariffs import (
    RANGE_I_KWH,
    ZONES_BY_SCHEME,
    TariffError,
    TariffRate,
    allocate_largest_remainder,
    cost_of_consumption,
    rates_in_force,
)

# PP 354 п. 59 "б": average of >= 6 metered months (>= 3 for a younger meter),
# for at most 6 consecutive periods; after that the norm (п. 60).
AVERAGE_MONTHS = 6
MIN_AVERAGE_MONTHS = 3
MAX_ESTIMATED_PERIODS = 6

# Norm, kWh per month per resident, by group and rooms (4 = four and more).
# SEED, NOT the regulator's figures: a simplified stand-in for the Samara norm order
# (which also depends on the number of residents); administrator-editable.
NORM_KWH_PER_RESIDENT: dict[str, dict[int, int]] = {
    "urban": {1: 100, 2: 115, 3: 125, 4: 135},
    "electric_stove": {1: 150, 2: 165, 3: 175, 4: 185},
    "rural": {1: 120, 2: 135, 3: 145, 4: 155},
}

BASIS_NAMES = {"meter": "по показаниям", "average": "по среднему", "norm": "по нормативу"}


def norm_kwh(group: str, rooms: int, residents: int,
             table: Mapping[str, Mapping[int, int]] = NORM_KWH_PER_RESIDENT) -> int:
    """Monthly norm of the account: per-resident norm for its rooms × residents."""
    if residents < 1:
        raise ValueError("Для начисления по нормативу укажите число проживающих")
    per_group = table[group]
    return per_group[max(1, min(rooms, max(per_group)))] * residents


@dataclass(frozen=True)
class EstimatedCharge:
    """A period billed without a reading, as stored; a later real reading supersedes it."""

    period: Period
    basis: str  # "average" | "norm"
    kwh: Mapping[str, int]
    amount_kopecks: Mapping[str, int]


@dataclass(frozen=True)
class BillLine:
    kind: str  # "charge" | "recalculation"
    period: Period  # the month the kWh belong to (a superseded month for a recalculation)
    zone: str
    basis: str  # "meter" | "average" | "norm"
    kwh: int  # signed for a recalculation
    amount_kopecks: int  # signed for a recalculation
    price: Decimal | None = None  # None when a recalculation spans several prices
    range_no: int | None = None
    previous_reading: int | None = None
    current_reading: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class BillInput:
    """Everything the arithmetic needs; balances are + overpayment / − debt, in kopecks."""

    period: Period
    group: str
    zones: int
    digits: int
    previous: Mapping[str, int]  # last real reading per zone
    current: Mapping[str, int] | None  # None: no reading for the period
    history: Sequence[tuple[Period | str, Mapping[str, int]]] = ()  # metered kWh per month
    estimated_in_a_row: int = 0  # consecutive estimated periods before this one
    norm_kwh: int = 0
    opening_balance_kopecks: int = 0
    payments_kopecks: int = 0
    superseded: Sequence[EstimatedCharge] = ()
    rollover_zones: Collection[str] = frozenset()
    meter_installed: Period | None = None
    range_threshold_kwh: int = RANGE_I_KWH


@dataclass(frozen=True)
class BillDraft:
    period: Period
    basis: str
    lines: tuple[BillLine, ...]
    kwh: Mapping[str, int]  # charged for this period per zone
    charges_kopecks: int  # charge lines
    recalculation_kopecks: int  # recalculation lines, signed
    opening_balance_kopecks: int
    payments_kopecks: int
    estimated_in_a_row: int  # after this bill
    due_date: date  # the 10th of the next month

    @property
    def accrued_kopecks(self) -> int:
        return self.charges_kopecks + self.recalculation_kopecks

    @property
    def closing_balance_kopecks(self) -> int:
        """opening − accrued + payments; positive is an overpayment, negative a debt."""
        return self.opening_balance_kopecks - self.accrued_kopecks + self.payments_kopecks

    @property
    def amount_due_kopecks(self) -> int:
        return max(0, -self.closing_balance_kopecks)

    def as_estimated(self) -> EstimatedCharge | None:
        """What to store so that a later reading can supersede this estimate."""
        if self.basis == "meter":
            return None
        amounts: dict[str, int] = {zone: 0 for zone in self.kwh}
        for line in self.lines:
            if line.kind == "charge":
                amounts[line.zone] += line.amount_kopecks
        return EstimatedCharge(self.period, self.basis, dict(self.kwh), amounts)


class RateTable(tuple[TariffRate, ...]):
    """The rates of one group and scheme for one billing run, remembering each month's rates.

    ``rates_for_period`` is asked the same month for every account of a run; the answer depends
    only on these rates, so the table keeps it. A table is built per run from the rates read
    then (nothing outlives the run, so a tariff change is seen by the next one).
    """

    _months: dict[tuple[str, int, Period], dict[str, list[TariffRate]] | TariffError]

    def __new__(cls, rates: Iterable[TariffRate] = ()) -> RateTable:
        table = super().__new__(cls, rates)
        table._months = {}
        return table


def rates_for_period(tariffs: Sequence[TariffRate], group: str, zones: int,
                     period: Period) -> dict[str, list[TariffRate]]:
    """Rates for a whole month; a change inside the month is refused rather than guessed.

    The lists returned are shared when ``tariffs`` is a RateTable: callers only read them.
    """
    if isinstance(tariffs, RateTable):
        key = (group, zones, period)
        known = tariffs._months.get(key)
        if known is None:
            try:
                known = _rates_for_period(tariffs, group, zones, period)
            except TariffError as error:  # TariffNotFound too: the same refusal for every account
                known = error
            tariffs._months[key] = known
        if isinstance(known, TariffError):
            raise type(known)(*known.args)
        return known
    return _rates_for_period(tariffs, group, zones, period)


def _rates_for_period(tariffs: Sequence[TariffRate], group: str, zones: int,
                      period: Period) -> dict[str, list[TariffRate]]:
    first = rates_in_force(tariffs, group, zones, period.first_day)
    last = rates_in_force(tariffs, group, zones, period.last_day)
    if first != last:
        raise TariffError(f"Тариф меняется в середине месяца ({period.name}): такой расчёт не поддерживается")
    return first


def _charge_lines(inp: BillInput, tariffs: Sequence[TariffRate], period: Period,
                  kwh: Mapping[str, int], basis: str, reason: str | None,
                  readings: bool) -> list[BillLine]:
    cost = cost_of_consumption(kwh, rates_for_period(tariffs, inp.group, inp.zones, period),
                               inp.range_threshold_kwh)
    current = inp.current or {}
    return [
        BillLine("charge", period, c.zone, basis, c.kwh, c.amount_kopecks, c.price, c.range_no,
                 inp.previous.get(c.zone) if readings else None,
                 current.get(c.zone) if readings else None, reason)
        for c in cost.lines
    ]


def _metered_months(inp: BillInput) -> list[dict[str, int]]:
    """Per-zone kWh of metered months before the period, most recent first (same month summed)."""
    months: dict[Period, dict[str, int]] = {}
    for key, kwh in inp.history:
        p = coerce_period(key)
        if p < inp.period:
            month = months.setdefault(p, {})
            for zone, value in kwh.items():
                month[zone] = month.get(zone, 0) + value
    return [months[p] for p in sorted(months, reverse=True)]


def _estimate(inp: BillInput, zones: tuple[str, ...]) -> tuple[str, dict[str, int], str]:
    months = _metered_months(inp)
    young = inp.meter_installed is not None and inp.meter_installed >= inp.period.shift(-AVERAGE_MONTHS)
    enough = len(months) >= AVERAGE_MONTHS or (young and len(months) >= MIN_AVERAGE_MONTHS)
    if inp.estimated_in_a_row < MAX_ESTIMATED_PERIODS and enough:
        used = months[:AVERAGE_MONTHS]
        kwh = {
            z: int((Decimal(sum(m.get(z, 0) for m in used)) / len(used)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP))
            for z in zones
        }
        reason = (f"Показания не переданы: начислено по среднемесячному расходу за {len(used)} мес. "
                  f"(п. 59 ПП № 354), {inp.estimated_in_a_row + 1}-й месяц подряд")
        return "average", kwh, reason
    # The norm is a monthly total; zoned meters get it in their usual zone shares.
    weights = [sum(m.get(z, 0) for m in months[:AVERAGE_MONTHS]) for z in zones]
    if sum(weights) == 0:
        weights = [1] * len(zones)
    kwh = dict(zip(zones, allocate_largest_remainder(inp.norm_kwh, weights)))
    why = ("более 6 месяцев подряд" if inp.estimated_in_a_row >= MAX_ESTIMATED_PERIODS
           else "и нет данных для расчёта по среднему")
    reason = f"Показания не переданы {why}: начислено по нормативу {inp.norm_kwh} кВт·ч (п. 60 ПП № 354)"
    return "norm", kwh, reason


def _recalculation(inp: BillInput, tariffs: Sequence[TariffRate], old: EstimatedCharge,
                   actual: Mapping[str, int]) -> list[BillLine]:
    rates = rates_for_period(tariffs, inp.group, inp.zones, old.period)
    cost = cost_of_consumption(actual, rates, inp.range_threshold_kwh)
    lines = []
    for zone, kwh in actual.items():
        delta_kwh = kwh - old.kwh.get(zone, 0)
        delta = to_kopecks(cost.zone_amount(zone)) - old.amount_kopecks.get(zone, 0)
        if delta_kwh == 0 and delta == 0:
            continue
        prices = {c.price for c in cost.lines if c.zone == zone}
        reason = (f"Перерасчёт {old.period.name_for}, зона {zone}: начислено {BASIS_NAMES[old.basis]} "
                  f"{old.kwh.get(zone, 0)} кВт·ч, по показаниям {kwh} кВт·ч ({delta_kwh:+d} кВт·ч)")
        lines.append(BillLine("recalculation", old.period, zone, "meter", delta_kwh, delta,
                              prices.pop() if len(prices) == 1 else None, None, None, None, reason))
    return lines


def draft_bill(inp: BillInput, tariffs: Sequence[TariffRate]) -> BillDraft:
    """The bill of one account for one period (PP 354 п. 59-61), without touching storage.

    With a reading after estimated months, the kWh since the last real reading are
    shared equally across the superseded months and this one (largest remainder,
    earlier months first); each superseded month is re-priced at its own tariff and
    the difference from what was billed becomes a recalculation line.
    """
    zones = ZONES_BY_SCHEME[inp.zones]
    superseded = sorted(inp.superseded, key=lambda e: e.period)
    if any(e.period >= inp.period for e in superseded) or len({e.period for e in superseded}) != len(superseded):
        raise ValueError("superseded periods must be distinct and before the billed period")
    lines: list[BillLine] = []
    if inp.current is None:
        if superseded:
            raise ValueError("a recalculation needs a real reading")
        basis, kwh, reason = _estimate(inp, zones)
        lines = _charge_lines(inp, tariffs, inp.period, kwh, basis, reason, readings=False)
        in_a_row = inp.estimated_in_a_row + 1
    else:
        if set(inp.current) != set(zones) or set(inp.previous) != set(zones):
            raise ValueError(f"readings must cover zones {zones}")
        total = {z: consumption(inp.previous[z], inp.current[z], inp.digits, z in inp.rollover_zones)
                 for z in zones}
        months = [e.period for e in superseded] + [inp.period]
        shares = {z: allocate_largest_remainder(total[z], [1] * len(months)) for z in zones}
        for i, old in enumerate(superseded):
            lines += _recalculation(inp, tariffs, old, {z: shares[z][i] for z in zones})
        basis = "meter"
        kwh = {z: shares[z][-1] for z in zones}
        reason = None
        if superseded:
            reason = (f"Показания за {len(months)} мес.: на {inp.period.name} приходится "
                      "равная доля расхода, остальное — в перерасчёте")
        lines = _charge_lines(inp, tariffs, inp.period, kwh, basis, reason, readings=True) + lines
        in_a_row = 0
    charges = sum(l.amount_kopecks for l in lines if l.kind == "charge")
    recalcs = sum(l.amount_kopecks for l in lines if l.kind == "recalculation")
    return BillDraft(inp.period, basis, tuple(lines), kwh, charges, recalcs,
                     inp.opening_balance_kopecks, inp.payments_kopecks, in_a_row, inp.period.due_date)
