"""Household tariffs: date-ranged rates by group, zone scheme, zone and consumption range; exact cost."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.money import KOPECK, round_kopecks, to_kopecks

GROUPS = ("urban", "electric_stove", "rural")
GROUP_NAMES = {
    "urban": "городское население (газовые плиты)",
    "electric_stove": "электроплиты / электроотопление",
    "rural": "сельское население",
}
# T1 is day (scheme 2) or peak (scheme 3); T2 is night; T3 is semi-peak.
ZONES_BY_SCHEME: dict[int, tuple[str, ...]] = {1: ("T1",), 2: ("T1", "T2"), 3: ("T1", "T2", "T3")}
SCHEME_NAMES = {1: "одноставочный", 2: "двухзонный", 3: "трёхзонный"}
ZONE_NAMES = {
    1: {"T1": "круглосуточно"},
    2: {"T1": "день", "T2": "ночь"},
    3: {"T1": "пик", "T2": "ночь", "T3": "полупик"},
}
RANGE_I_KWH = 1200  # default monthly threshold; raised per account for electric heating
RANGE_II_KWH = 6000


class TariffError(ValueError):
    """The tariff table cannot price this consumption; message is for the operator."""


class TariffNotFound(TariffError):
    """No rate in force for this group, scheme, zone and date."""


@dataclass(frozen=True)
class TariffRate:
    """One price: roubles per kWh incl. VAT, in force valid_from..valid_to (both inclusive).

    A range covers the month's total kWh in (from_kwh, to_kwh]: range I is 0..1200,
    so kWh number 1200 is range I and kWh number 1201 is range II; to_kwh None = no top.
    """

    group: str
    zones: int
    zone: str
    range_no: int
    from_kwh: int
    to_kwh: int | None
    price: Decimal
    valid_from: date
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"unknown consumer group {self.group!r}")
        if self.zone not in ZONES_BY_SCHEME.get(self.zones, ()):
            raise ValueError(f"zone {self.zone!r} is not in scheme {self.zones!r}")
        if not isinstance(self.price, Decimal) or self.price < 0:
            raise TypeError("price must be a non-negative Decimal")
        if self.to_kwh is not None and self.to_kwh <= self.from_kwh:
            raise ValueError("to_kwh must be above from_kwh")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")

    def in_force(self, on_date: date) -> bool:
        return self.valid_from <= on_date and (self.valid_to is None or on_date <= self.valid_to)


def rates_in_force(
    rates: Iterable[TariffRate], group: str, zones: int, on_date: date
) -> dict[str, list[TariffRate]]:
    """Rates of every zone of the scheme on a date, each list sorted by range; TariffNotFound if a zone has none."""
    found: dict[str, list[TariffRate]] = {zone: [] for zone in ZONES_BY_SCHEME.get(zones, ())}
    if not found:
        raise TariffNotFound(f"Нет такой тарифной схемы: {zones}")
    for rate in rates:
        if rate.group == group and rate.zones == zones and rate.in_force(on_date):
            found[rate.zone].append(rate)
    for zone, lst in found.items():
        lst.sort(key=lambda r: r.range_no)
        if not lst or lst[0].range_no != 1:
            raise TariffNotFound(
                f"Нет тарифа на {on_date:%d.%m.%Y}: {GROUP_NAMES.get(group, group)}, "
                f"{SCHEME_NAMES[zones]}, зона {zone} ({ZONE_NAMES[zones][zone]})"
            )
        if len({r.range_no for r in lst}) != len(lst):
            raise TariffError(f"Два тарифа действуют одновременно на {on_date:%d.%m.%Y}, зона {zone}")
    return found


@dataclass(frozen=True)
class CostLine:
    zone: str
    kwh: int
    range_no: int
    price: Decimal
    amount: Decimal  # kwh × price rounded half up to the kopeck, once per line

    @property
    def amount_kopecks(self) -> int:
        return to_kopecks(self.amount)


@dataclass(frozen=True)
class CostBreakdown:
    lines: tuple[CostLine, ...]
    total: Decimal

    @property
    def total_kopecks(self) -> int:
        return to_kopecks(self.total)

    @property
    def total_kwh(self) -> int:
        return sum(line.kwh for line in self.lines)

    def zone_amount(self, zone: str) -> Decimal:
        return sum((line.amount for line in self.lines if line.zone == zone), Decimal("0.00"))


def allocate_largest_remainder(amount: int, weights: Sequence[int]) -> list[int]:
    """Split ``amount`` into integers proportional to ``weights`` that sum exactly to ``amount``.

    Each share is floor(amount × w / Σw); the leftover units go to the largest
    remainders, ties to the earlier position (zone order T1, T2, T3). Never exceeds a
    weight when amount ≤ Σw.
    """
    if len(weights) == 1 and weights[0] > 0 and amount >= 0:
        return [amount]  # one zone, or one month: the common case of a billing run
    if amount == 0 and min(weights, default=0) >= 0:
        return [0] * len(weights)  # nothing above a range's top: most months
    total = sum(weights)
    if amount < 0 or any(w < 0 for w in weights):
        raise ValueError("amount and weights must be non-negative")
    if total == 0:
        if amount:
            raise ValueError("cannot allocate to zero weights")
        return [0] * len(weights)
    shares = [amount * w // total for w in weights]
    remainders = [amount * w % total for w in weights]
    left = amount - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def split_by_range(consumption: Mapping[str, int], bounds: Sequence[int]) -> dict[str, list[int]]:
    """kWh of each zone per range, for cumulative range tops ``bounds`` (e.g. [1200, 6000]).

    Ranges apply to the month's TOTAL across zones. The kWh above the first bound are
    split across zones in proportion to each zone's kWh (largest remainder); the kWh
    above the next bound are split in proportion to each zone's share above the previous
    bound, and so on. Every zone's ranges add up to its consumption exactly.
    """
    zones = list(consumption)
    total = sum(consumption.values())
    remaining = [consumption[z] for z in zones]
    per_range: list[list[int]] = []
    for bound in bounds:
        above = max(total - bound, 0)
        upper = allocate_largest_remainder(above, remaining)
        per_range.append([r - u for r, u in zip(remaining, upper)])
        remaining = upper
    per_range.append(remaining)
    return {z: [band[i] for band in per_range] for i, z in enumerate(zones)}


def cost_of_consumption(
    consumption: Mapping[str, int],
    rates_by_zone: Mapping[str, Sequence[TariffRate]],
    range_threshold_kwh: int = RANGE_I_KWH,
) -> CostBreakdown:
    """Price a month's per-zone kWh: one line per zone and range used, amounts exact to the kopeck.

    ``range_threshold_kwh`` is the account's range I top (raised for electric heating);
    the range II top comes from the table and is kept at or above the threshold. Each
    zone gets a range I line even at 0 kWh so the bill shows every zone.
    """
    for zone, kwh in consumption.items():
        if isinstance(kwh, bool) or not isinstance(kwh, int) or kwh < 0:
            raise ValueError(f"consumption of {zone} must be a non-negative int, got {kwh!r}")
        if zone not in rates_by_zone or not rates_by_zone[zone]:
            raise TariffNotFound(f"Нет тарифа для зоны {zone}")
    bounds = [range_threshold_kwh]
    any_rates = next(iter(rates_by_zone.values()))
    range_two = [r.to_kwh for r in any_rates if r.range_no == 2 and r.to_kwh is not None]
    bounds.append(max(range_two[0], range_threshold_kwh) if range_two else range_threshold_kwh)
    split = split_by_range(consumption, bounds)
    lines: list[CostLine] = []
    for zone, bands in split.items():
        by_range = {r.range_no: r for r in rates_by_zone[zone]}
        for range_no, kwh in enumerate(bands, start=1):
            if kwh == 0 and range_no > 1:
                continue
            # Without a published higher-range price the table's highest one applies.
            rate = by_range.get(range_no) or by_range[max(n for n in by_range if n <= range_no)]
            lines.append(CostLine(zone, kwh, range_no, rate.price, round_kopecks(kwh * rate.price)))
    total = sum((line.amount for line in lines), Decimal("0.00"))
    return CostBreakdown(tuple(lines), total)


# ---------------------------------------------------------------------------
# Seed table, Samara region (domain.md 1.3). Administrator-editable: every
# figure marked [U]/derived is an assumption, not a published price.

_PERIODS = (
    (date(2024, 7, 1), date(2025, 6, 30)),
    (date(2025, 7, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 9, 30)),
    (date(2026, 10, 1), None),
)
# Urban (gas stove) range I prices per period: single; day, night; peak, night, semi-peak.
_URBAN = (
    # 2024-07: single [C]; zoned are the draft-order values [C-draft].
    {1: ("5.48",), 2: ("6.42", "3.21"), 3: ("6.79", "3.21", "5.33")},
    # 2025-07: night of scheme 2 is [U], derived 3.76 / 1.0167 (the Jan-2026 VAT step) = 3.70.
    {1: ("6.16",), 2: ("7.18", "3.70"), 3: ("8.37", "3.56", "6.16")},
    {1: ("6.25",), 2: ("7.29", "3.76"), 3: ("8.50", "3.61", "6.26")},
    {1: ("6.95",), 2: ("8.20", "4.17"), 3: ("9.57", "4.07", "6.95")},
)
# Electric-stove single-rate 2026 is published [C]; everything else for this group is
# derived as 0.70 × urban price (the 2026 published ratio is 0.701).
_REDUCED_FACTOR = Decimal("0.70")
_ELECTRIC_STOVE_SINGLE = {2: "4.38", 3: "4.87"}  # index into _PERIODS
# Range II/III prices are not published for Samara. ASSUMPTION, to be replaced by the
# administrator: range II = 1.18 × range I price, range III = 1.50 × range I price.
RANGE_II_FACTOR = Decimal("1.18")
RANGE_III_FACTOR = Decimal("1.50")


def _kop(value: Decimal) -> Decimal:
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def _seed() -> tuple[TariffRate, ...]:
    rates = []
    for index, ((start, end), table) in enumerate(zip(_PERIODS, _URBAN)):
        for scheme, prices in table.items():
            for zone, text in zip(ZONES_BY_SCHEME[scheme], prices):
                urban = Decimal(text)
                reduced = _kop(urban * _REDUCED_FACTOR)
                if scheme == 1 and index in _ELECTRIC_STOVE_SINGLE:
                    reduced = Decimal(_ELECTRIC_STOVE_SINGLE[index])
                # Rural carries the electric-stove prices, as in Samara 2021 [C] ([U] for 2025-26).
                for group, base in (("urban", urban), ("electric_stove", reduced), ("rural", reduced)):
                    bands = (
                        (1, 0, RANGE_I_KWH, base),
                        (2, RANGE_I_KWH, RANGE_II_KWH, _kop(base * RANGE_II_FACTOR)),
                        (3, RANGE_II_KWH, None, _kop(base * RANGE_III_FACTOR)),
                    )
                    for range_no, low, high, price in bands:
                        rates.append(TariffRate(group, scheme, zone, range_no, low, high, price, start, end))
    return tuple(rates)


SAMARA_TARIFFS: tuple[TariffRate, ...] = _seed()
