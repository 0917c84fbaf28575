"""The date-ranged tariff table in the database: seeding, the price in force by date, new prices.

History is never edited. A price change is a new row with its own valid_from (and
optionally valid_to); the rows already there stay as they were. The price in force on
a date, for one (group, scheme, zone, range), is the row with the latest valid_from on
or before the date among the rows not expired on it (valid_to empty or on/after the
date); on equal valid_from the later-entered row wins. :func:`load_rates` turns the rows
into non-overlapping :class:`~desktop.core.tariffs.TariffRate` values for the core.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.tariffs import (
    GROUP_NAMES,
    GROUPS,
    RANGE_I_KWH,
    RANGE_II_KWH,
    SAMARA_TARIFFS,
    SCHEME_NAMES,
    ZONE_NAMES,
    ZONES_BY_SCHEME,
    TariffRate,
)
from desktop.db.models import Operator, Tariff
from desktop.services import audit
from desktop.services.company_settings import load_settings
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError

_ONE_DAY = timedelta(days=1)
DEFAULT_RANGE_BOUNDS: dict[int, tuple[int, int | None]] = {
    1: (0, RANGE_I_KWH),
    2: (RANGE_I_KWH, RANGE_II_KWH),
    3: (RANGE_II_KWH, None),
}
RANGE_NAMES = {1: "I", 2: "II", 3: "III"}


def exact_kopecks(price: Decimal) -> int:
    """Roubles per kWh -> kopecks per kWh; ValueError unless the price is a whole number of kopecks."""
    kopecks = price * 100
    if kopecks != kopecks.to_integral_value():
        raise ValueError(f"price {price} is not a whole number of kopecks")
    return int(kopecks)


def seed_tariffs(session: Session, rates: Iterable[TariffRate] = SAMARA_TARIFFS) -> int:
    """Fill an empty tariff table from the seed (domain.md 1.3); returns rows added (0 if not empty)."""
    if session.scalar(select(func.count()).select_from(Tariff)):
        return 0
    rows = [
        Tariff(consumer_group=r.group, zones=r.zones, zone=r.zone, range_no=r.range_no, from_kwh=r.from_kwh,
               to_kwh=r.to_kwh, price_kopecks=exact_kopecks(r.price), valid_from=r.valid_from,
               valid_to=r.valid_to, note="начальная таблица (domain.md 1.3)")
        for r in rates
    ]
    session.add_all(rows)
    session.flush()
    return len(rows)


def _effective(rows: Sequence[Tariff]) -> list[tuple[Tariff, date, date | None]]:
    """Split the rows of ONE (group, scheme, zone, range) into non-overlapping (row, from, to) spans."""
    if not rows:
        return []
    bounds: set[date] = set()
    for row in rows:
        bounds.add(row.valid_from)
        if row.valid_to is not None:
            bounds.add(row.valid_to + _ONE_DAY)
    points = sorted(bounds)
    spans: list[tuple[Tariff, date, date | None]] = []
    for i, start in enumerate(points):
        end = points[i + 1] - _ONE_DAY if i + 1 < len(points) else None
        winner = max(
            (r for r in rows if r.valid_from <= start and (r.valid_to is None or r.valid_to >= start)),
            key=lambda r: (r.valid_from, r.id),
            default=None,
        )
        if winner is None:
            continue
        if spans and spans[-1][0] is winner and spans[-1][2] is not None and spans[-1][2] + _ONE_DAY == start:
            spans[-1] = (winner, spans[-1][1], end)
        else:
            spans.append((winner, start, end))
    return spans


def _grouped(rows: Iterable[Tariff]) -> dict[tuple[str, int, str, int], list[Tariff]]:
    groups: dict[tuple[str, int, str, int], list[Tariff]] = defaultdict(list)
    for row in rows:
        groups[(row.consumer_group, row.zones, row.zone, row.range_no)].append(row)
    return groups


def rates_from_rows(rows: Iterable[Tariff]) -> list[TariffRate]:
    """Core rates for the rows, one per span in which a row is the price in force."""
    rates = []
    for group_rows in _grouped(rows).values():
        for row, start, end in _effective(group_rows):
            rates.append(TariffRate(row.consumer_group, row.zones, row.zone, row.range_no, row.from_kwh,
                                    row.to_kwh, Decimal(row.price_kopecks) / 100, start, end))
    rates.sort(key=lambda r: (r.group, r.zones, r.valid_from, r.zone, r.range_no))
    return rates


def _select_rows(session: Session, group: str | None, zones: int | None) -> list[Tariff]:
    query = select(Tariff).order_by(Tariff.id)
    if group is not None:
        query = query.where(Tariff.consumer_group == group)
    if zones is not None:
        query = query.where(Tariff.zones == zones)
    return list(session.scalars(query))


def load_rates(source: ServiceContext | Session, group: str | None = None,
               zones: int | None = None) -> list[TariffRate]:
    """The tariff table as core rates (Decimal roubles), optionally for one group and scheme."""
    if isinstance(source, Session):
        return rates_from_rows(_select_rows(source, group, zones))
    with source.read() as s:
        return rates_from_rows(_select_rows(s, group, zones))


@dataclass(frozen=True)
class TariffRow:
    """One stored row of the table, for display; ``effective_*`` is when it is actually the price."""

    id: int
    group: str
    group_name: str
    zones: int
    scheme_name: str
    zone: str
    zone_name: str
    range_no: int
    range_name: str
    from_kwh: int
    to_kwh: int | None
    price_kopecks: int
    valid_from: date
    valid_to: date | None
    # Spans in which this row is the price in force (empty: fully superseded before it began).
    effective: tuple[tuple[date, date | None], ...]
    in_force: bool  # on the date asked for (today when none)
    note: str
    created_by: str | None  # operator login; None for the seed

    @property
    def price(self) -> Decimal:
        return Decimal(self.price_kopecks) / 100


def _row(row: Tariff, spans: list[tuple[date, date | None]], on: date, logins: dict[int, str]) -> TariffRow:
    in_force = any(a <= on and (b is None or on <= b) for a, b in spans)
    return TariffRow(
        row.id, row.consumer_group, GROUP_NAMES.get(row.consumer_group, row.consumer_group), row.zones,
        SCHEME_NAMES.get(row.zones, str(row.zones)), row.zone,
        ZONE_NAMES.get(row.zones, {}).get(row.zone, row.zone),
        row.range_no, RANGE_NAMES.get(row.range_no, str(row.range_no)), row.from_kwh, row.to_kwh,
        row.price_kopecks, row.valid_from, row.valid_to, tuple(spans), in_force, row.note,
        logins.get(row.created_by_id) if row.created_by_id is not None else None,
    )


def tariff_table(ctx: ServiceContext, on_date: date | None = None, *,
                 group: str | None = None, zones: int | None = None) -> list[TariffRow]:
    """The table for display (every operator).

    Without ``on_date``: every stored row (the full history), ``in_force`` marking today's
    prices. With ``on_date``: only the rows in force on that date.
    """
    with ctx.read() as s:
        rows = _select_rows(s, group, zones)
        today = load_settings(s).today(ctx.clock())
        logins = {i: login for i, login in s.execute(select(Operator.id, Operator.login))}
    on = on_date or today
    out = []
    for group_rows in _grouped(rows).values():
        spans: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for row, start, end in _effective(group_rows):
            spans[row.id].append((start, end))
        for row in group_rows:
            item = _row(row, spans.get(row.id, []), on, logins)
            if on_date is None or item.in_force:
                out.append(item)
    out.sort(key=lambda r: (GROUPS.index(r.group) if r.group in GROUPS else 9, r.zones, r.valid_from,
                            r.zone, r.range_no, r.id))
    return out


def price_in_force(ctx: ServiceContext, group: str, zones: int, zone: str, on_date: date,
                   range_no: int = 1) -> int | None:
    """Kopecks per kWh in force on a date, or None when the table has no price."""
    for rate in load_rates(ctx, group, zones):
        if rate.zone == zone and rate.range_no == range_no and rate.in_force(on_date):
            return exact_kopecks(rate.price)
    return None


def parse_price(value: Decimal | str | int) -> int:
    """An operator's price in roubles per kWh ("6,95", Decimal("6.95")) -> kopecks; InputError otherwise."""
    if isinstance(value, (bool, float)):
        raise InputError("Цена — точное число рублей, например 6,95", field="price")
    try:
        price = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", ".")
                                                                 .replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        raise InputError("Цена — число рублей за кВт·ч, например 6,95", field="price") from None
    if not price.is_finite() or price <= 0:
        raise InputError("Цена должна быть больше нуля", field="price")
    if price > 1000:
        raise InputError("Цена больше 1000 руб./кВт·ч — проверьте цифры", field="price")
    try:
        return exact_kopecks(price)
    except ValueError:
        raise InputError("Цена — с точностью до копейки (не больше двух знаков после запятой)",
                         field="price") from None


def add_tariff(
    ctx: ServiceContext,
    *,
    group: str,
    zones: int,
    zone: str,
    price: Decimal | str | int,
    valid_from: date,
    valid_to: date | None = None,
    range_no: int = 1,
    from_kwh: int | None = None,
    to_kwh: int | None = None,
    note: str = "",
) -> TariffRow:
    """A new price from ``valid_from`` (senior operator); earlier rows are never changed. Audited.

    A date in the past is refused: bills already made on the old price stay as they were.
    """
    ctx.require("senior")
    if group not in GROUPS:
        raise InputError("Неизвестная группа потребителей", field="group")
    if zones not in ZONES_BY_SCHEME:
        raise InputError("Тарифная схема: 1, 2 или 3 зоны", field="zones")
    if zone not in ZONES_BY_SCHEME[zones]:
        raise InputError(f"В схеме «{SCHEME_NAMES[zones]}» нет зоны {zone}", field="zone")
    if range_no not in DEFAULT_RANGE_BOUNDS:
        raise InputError("Диапазон потребления: 1, 2 или 3", field="range_no")
    low, high = DEFAULT_RANGE_BOUNDS[range_no]
    low = low if from_kwh is None else from_kwh
    high = high if to_kwh is None and from_kwh is None else to_kwh
    if low < 0 or (high is not None and high <= low):
        raise InputError("Границы диапазона: «до» должно быть больше «от»", field="to_kwh")
    kopecks = parse_price(price)
    if valid_to is not None and valid_to < valid_from:
        raise InputError("Дата окончания раньше даты начала", field="valid_to")
    note = (note or "").strip()
    if len(note) > 200:
        raise InputError("Примечание — не длиннее 200 символов", field="note")
    with ctx.transaction() as s:
        today = load_settings(s).today(ctx.clock())
        if valid_from < today:
            raise InputError(
                f"Тариф нельзя ввести задним числом: начало действия не раньше {today:%d.%m.%Y}",
                field="valid_from")
        row = Tariff(consumer_group=group, zones=zones, zone=zone, range_no=range_no, from_kwh=low,
                     to_kwh=high,
                     price_kopecks=kopecks, valid_from=valid_from, valid_to=valid_to,
                     created_by_id=ctx.actor.operator_id, created_at=ctx.clock(), note=note)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "tariffs.add", entity="tariff", entity_id=row.id, group=group, zones=zones,
                     zone=zone, range_no=range_no, price_kopecks=kopecks, valid_from=valid_from.isoformat(),
                     valid_to=valid_to.isoformat() if valid_to else None, note=note)
        rows = _select_rows(s, group, zones)
        same = [r for r in rows if r.zone == zone and r.range_no == range_no]
        spans = [(a, b) for r, a, b in _effective(same) if r.id == row.id]
        logins = {ctx.actor.operator_id: ctx.actor.login} if ctx.actor.operator_id else {}
        return _row(row, spans, today, logins)
