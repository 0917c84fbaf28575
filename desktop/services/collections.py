"""Daily collections: the money taken by day, branch, desk, operator and channel over a date range.

Every payment, reversal and refund counts with its sign, so a channel's sum over a range of
closed shifts equals their Z-reports (payments minus refunds), and the bank channel equals the
registries posted in the range. Days are the company's days (its time zone), also on SQLite,
which knows no time zones: the range is cut where the zone's UTC offset changes, and each piece
is grouped with its own fixed offset.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Date, case, cast, func, literal, select

from desktop.core.table_report import Cell, Column, Kind, TableReport
from desktop.db.models import Account, Branch, CashShift, Operator, Payment
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError

CHANNELS = ("cash", "card", "bank", "online")
CHANNEL_TITLES = {"cash": "Наличные", "card": "Карта", "bank": "Банк", "online": "Онлайн"}
GROUPINGS = {"day": "по дням", "branch": "по отделениям", "desk": "по кассам", "operator": "по операторам",
             "channel": "по каналам"}
MAX_DAYS = 731
NO_DESK = "без кассы (банк, онлайн)"
NO_OPERATOR = "без оператора (банк, онлайн)"

_P, _A, _S = Payment.__table__, Account.__table__, CashShift.__table__


@dataclass(frozen=True)
class Collected:
    """The money of one day, branch, desk, operator and channel (net of reversals and refunds)."""

    day: date
    branch: str
    desk: str
    operator: str
    channel: str
    count: int  # payments (reversals and refunds are not counted, only subtracted)
    kopecks: int


@dataclass(frozen=True)
class Collections:
    """Everything collected in a range; ``report(grouping)`` turns it into a table."""

    date_from: date
    date_to: date
    facts: tuple[Collected, ...]

    def total(self, channel: str | None = None) -> int:
        return sum(f.kopecks for f in self.facts if channel is None or f.channel == channel)

    def days(self) -> list[date]:
        return [self.date_from + timedelta(days=i) for i in range((self.date_to - self.date_from).days + 1)]

    def daily(self) -> list[tuple[date, dict[str, int]]]:
        """Every day of the range (empty days too) with its sum per channel: the chart's data."""
        sums: dict[date, dict[str, int]] = {day: dict.fromkeys(CHANNELS, 0) for day in self.days()}
        for f in self.facts:
            sums[f.day][f.channel] += f.kopecks
        return sorted(sums.items())

    def report(self, grouping: str) -> TableReport:
        if grouping not in GROUPINGS:
            raise InputError(f"Нет такой группировки: {grouping}", field="grouping")
        title = f"Сборы {GROUPINGS[grouping]}"
        subtitle = f"с {self.date_from:%d.%m.%Y} по {self.date_to:%d.%m.%Y}"
        notes = ("Суммы — за вычетом возвратов. Банк и онлайн — платежи из реестров по дню зачисления.",)
        if grouping == "channel":
            return self._by_channel(title, subtitle, notes)
        groups: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        if grouping == "day":
            for day in self.days():
                groups[day]
        for f in self.facts:
            cell = groups[getattr(f, grouping)]
            cell[f.channel] += f.kopecks
            cell["count"] += f.count
        first = Column("День", Kind.DATE) if grouping == "day" else Column(
            {"branch": "Отделение", "desk": "Касса", "operator": "Оператор"}[grouping])
        columns = (first, *(Column(CHANNEL_TITLES[c], Kind.MONEY) for c in CHANNELS),
                   Column("Итого", Kind.MONEY), Column("Платежей", Kind.INTEGER))
        rows = tuple(_money_row(key, groups[key]) for key in sorted(groups, key=_order))
        totals: dict[str, int] = defaultdict(int)
        for cell in groups.values():
            for name, value in cell.items():
                totals[name] += value
        return TableReport(title, subtitle, columns, rows, _money_row("Итого", totals), notes)

    def _by_channel(self, title: str, subtitle: str, notes: tuple[str, ...]) -> TableReport:
        columns = (Column("Канал"), Column("Платежей", Kind.INTEGER), Column("Сумма", Kind.MONEY))
        rows = tuple((CHANNEL_TITLES[c], sum(f.count for f in self.facts if f.channel == c), self.total(c))
                     for c in CHANNELS)
        totals = ("Итого", sum(f.count for f in self.facts), self.total())
        return TableReport(title, subtitle, columns, rows, totals, notes)


def _order(key: Any) -> tuple[int, Any]:
    # Rows without a desk or an operator (bank, online) come last.
    return (1, key) if key in (NO_DESK, NO_OPERATOR) else (0, key)


def _money_row(key: Cell, cell: dict[str, int]) -> tuple[Cell, ...]:
    amounts = [cell.get(c, 0) for c in CHANNELS]
    return (key, *amounts, sum(amounts), cell.get("count", 0))


# --- the query ------------------------------------------------------------------------------


def _offset_minutes(zone: tzinfo, moment: datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def offset_pieces(start: datetime, end: datetime, zone: tzinfo) -> list[tuple[datetime, datetime, int]]:
    """[start, end) cut where the zone's UTC offset changes: (from, to, offset in minutes) pieces."""
    pieces = []
    piece_start, offset = start, _offset_minutes(zone, start)
    probe = start
    while probe < end:
        step = min(probe + timedelta(hours=1), end)
        if _offset_minutes(zone, step) != offset and step < end:
            low, high = probe, step  # the change is in (low, high]: find its minute
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                low, high = (low, middle) if _offset_minutes(zone, middle) != offset else (middle, high)
            pieces.append((piece_start, high, offset))
            piece_start, offset = high, _offset_minutes(zone, high)
        probe = step
    pieces.append((piece_start, end, offset))
    return pieces


def _local_day(dialect: str, offset: int) -> Any:
    if dialect == "sqlite":
        return func.date(_P.c.posted_at, f"{offset:+d} minutes")
    return cast(func.timezone("UTC", _P.c.posted_at) + literal(timedelta(minutes=offset)), Date)


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def collections(ctx: ServiceContext, date_from: date, date_to: date) -> Collections:
    """What was collected from ``date_from`` to ``date_to`` (company days, both included). Seniors."""
    ctx.require("senior")
    if date_from > date_to:
        raise InputError("Начало периода позже конца", field="reportFrom")
    if (date_to - date_from).days >= MAX_DAYS:
        raise InputError("Период отчёта — не больше двух лет", field="reportFrom")
    zone = ctx.zone()
    start = datetime.combine(date_from, time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(date_to + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    facts: list[Collected] = []
    with ctx.read() as s:
        dialect = s.get_bind().dialect.name
        branches = {b.id: (b.code, b.name) for b in s.scalars(select(Branch))}
        operators = {oid: name or login for oid, name, login in s.execute(
            select(Operator.id, Operator.full_name, Operator.login))}
        for piece_start, piece_end, offset in offset_pieces(start, end, zone):
            day = _local_day(dialect, offset).label("day")
            branch = func.coalesce(_P.c.branch_id, _A.c.branch_id).label("branch_id")
            rows = s.execute(
                select(day, branch, _S.c.desk, _S.c.branch_id.label("desk_branch"), _P.c.shift_id.is_(None),
                       _P.c.operator_id, _P.c.method, func.sum(case((_P.c.kind == "payment", 1), else_=0)),
                       func.sum(_P.c.amount_kopecks))
                .select_from(_P.join(_A, _A.c.id == _P.c.account_id).outerjoin(_S, _S.c.id == _P.c.shift_id))
                .where(_P.c.posted_at >= piece_start, _P.c.posted_at < piece_end)
                .group_by(day, branch, _S.c.desk, _S.c.branch_id, _P.c.shift_id.is_(None), _P.c.operator_id,
                          _P.c.method)
            ).all()
            facts.extend(_facts(rows, branches, operators))
    return Collections(date_from, date_to, tuple(_merged(facts)))


def _facts(rows: Iterable[Any], branches: dict[int, tuple[str, str]],
           operators: dict[int, str]) -> Iterable[Collected]:
    for day, branch_id, desk, desk_branch, no_shift, operator_id, method, count, kopecks in rows:
        code, name = branches.get(branch_id, ("?", "?"))
        desk_label = NO_DESK if no_shift else f"{branches.get(desk_branch, ('?',))[0]} · {desk or 'касса без имени'}"
        operator = operators.get(operator_id, NO_OPERATOR) if operator_id is not None else NO_OPERATOR
        yield Collected(_as_date(day), f"{code} — {name}", desk_label, operator, method,
                        int(count or 0), int(kopecks or 0))


def _merged(facts: list[Collected]) -> list[Collected]:
    # Two pieces of one day (a day on which the offset changed) become one fact again.
    sums: dict[tuple[date, str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for f in facts:
        cell = sums[(f.day, f.branch, f.desk, f.operator, f.channel)]
        cell[0] += f.count
        cell[1] += f.kopecks
    return [Collected(*key, count, kopecks) for key, (count, kopecks) in sorted(sums.items())]
