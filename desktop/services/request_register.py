"""The register of customer requests for seniors: filters, sort orders, keyset pages (fast at any
depth of a 100,000-row register) and the export of the current view to XLSX."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import literal, select, tuple_

from desktop.core.request_kinds import CHANNEL_NAMES, RESULT_NAMES, STATE_NAMES, TYPE_NAMES
from desktop.core.table_report import Column, Kind
from desktop.db.models import Account, Branch, Customer, CustomerRequest, Operator
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError

PAGE = 200
_CR = CustomerRequest.__table__
_ASSIGNEE = Operator.__table__.alias("assignee")
# Sort orders by name; each is (column, id) with an index behind it (or a cheap sort of a filter).
SORTS = {
    "registered": _CR.c.registered_at,
    "due": _CR.c.due_on,
    "number": _CR.c.number,
    "type": _CR.c.type,
    "state": _CR.c.state,
}
STATE_FILTERS = ("open", "new", "in_work", "answered", "closed")


@dataclass(frozen=True)
class RegisterFilter:
    """What the register shows; None or False means «any»."""

    branch: str | None = None  # branch code
    type: str | None = None
    state: str | None = None  # one of STATE_FILTERS ("open": not closed)
    overdue: bool = False
    date_from: date | None = None  # registration date, the company's calendar
    date_to: date | None = None


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    branch: str
    registered_at: datetime  # in the company's zone
    type: str
    channel: str
    account: str
    customer: str
    due_on: date
    state: str
    assignee: str
    result: str | None
    overdue: bool
    key: tuple[Any, int]  # (sort value, id): where the next page starts


def _checked(flt: RegisterFilter, sort: str) -> None:
    if sort not in SORTS:
        raise InputError(f"Неизвестный порядок сортировки: «{sort[:30]}»")
    if flt.type is not None and flt.type not in TYPE_NAMES:
        raise InputError(f"Неизвестный вид обращения: «{flt.type[:30]}»", field="type")
    if flt.state is not None and flt.state not in STATE_FILTERS:
        raise InputError(f"Неизвестное состояние: «{flt.state[:30]}»", field="state")
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise InputError("Начало периода позже его конца", field="date_from")


def _query(flt: RegisterFilter, sort: str, descending: bool, after: tuple[Any, int] | None, today: date,
           limit: int | None) -> Any:
    column = SORTS[sort]
    query = (
        select(_CR.c.id, _CR.c.number, Branch.code, _CR.c.registered_at, _CR.c.type, _CR.c.channel,
               Account.number.label("account"), Customer.last_name, Customer.first_name, Customer.middle_name,
               _CR.c.due_on, _CR.c.state, _ASSIGNEE.c.full_name.label("assignee"), _CR.c.result,
               column.label("sort_value"))
        .join(Branch, Branch.id == _CR.c.branch_id)
        .join(Account, Account.id == _CR.c.account_id)
        .join(Customer, Customer.id == Account.customer_id)
        .outerjoin(_ASSIGNEE, _ASSIGNEE.c.id == _CR.c.assignee_id)
    )
    if flt.branch:
        query = query.where(Branch.code == flt.branch)
    if flt.type:
        query = query.where(_CR.c.type == flt.type)
    if flt.state == "open":
        query = query.where(_CR.c.state != "closed")
    elif flt.state:
        query = query.where(_CR.c.state == flt.state)
    if flt.overdue:
        query = query.where(_CR.c.state != "closed", _CR.c.due_on < today)
    if flt.date_from:
        query = query.where(_CR.c.registered_on >= flt.date_from)
    if flt.date_to:
        query = query.where(_CR.c.registered_on <= flt.date_to)
    if after is not None:
        # Keyset: the rows after the last one shown, by (sort value, id), on the index.
        boundary = tuple_(literal(after[0], column.type), literal(after[1], _CR.c.id.type))
        here = tuple_(column, _CR.c.id)
        query = query.where(here < boundary if descending else here > boundary)
    order = (column.desc(), _CR.c.id.desc()) if descending else (column.asc(), _CR.c.id.asc())
    query = query.order_by(*order)
    return query if limit is None else query.limit(limit)


def _row(r: Any, zone: Any, today: date) -> RegisterRow:
    return RegisterRow(
        id=r.id, number=r.number, branch=r.code, registered_at=r.registered_at.astimezone(zone), type=r.type,
        channel=r.channel, account=r.account,
        customer=" ".join(p for p in (r.last_name, r.first_name, r.middle_name) if p),
        due_on=r.due_on, state=r.state, assignee=r.assignee or "", result=r.result,
        overdue=r.state != "closed" and r.due_on < today, key=(r.sort_value, r.id),
    )


def register_page(ctx: ServiceContext, flt: RegisterFilter, sort: str = "registered", descending: bool = True,
                  after: tuple[Any, int] | None = None, limit: int = PAGE) -> list[RegisterRow]:
    """One page of the register (senior): ``after`` is the ``key`` of the last row already shown."""
    ctx.require("senior")
    _checked(flt, sort)
    zone, today = ctx.zone(), ctx.today()
    with ctx.read_core() as conn:
        rows = conn.execute(_query(flt, sort, descending, after, today, limit)).all()
    return [_row(r, zone, today) for r in rows]


def all_rows(ctx: ServiceContext, flt: RegisterFilter, sort: str, descending: bool,
             page: int = 2000) -> Iterator[RegisterRow]:
    """Every row of the view, page by page (each page its own short read)."""
    after = None
    while True:
        rows = register_page(ctx, flt, sort, descending, after, page)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1].key


EXPORT_COLUMNS = (
    Column("Номер", Kind.TEXT, 18), Column("Отделение", Kind.TEXT, 10), Column("Зарегистрировано", Kind.DATETIME),
    Column("Вид", Kind.TEXT, 28), Column("Способ ответа", Kind.TEXT, 18), Column("Лицевой счёт", Kind.TEXT, 14),
    Column("Заявитель", Kind.TEXT, 32), Column("Срок ответа", Kind.DATE), Column("Состояние", Kind.TEXT, 16),
    Column("Исполнитель", Kind.TEXT, 24), Column("Результат", Kind.TEXT, 12), Column("Просрочено", Kind.TEXT, 11),
)


def export_rows(rows: Iterator[RegisterRow]) -> Iterator[tuple[Any, ...]]:
    for r in rows:
        yield (r.number, r.branch, r.registered_at, TYPE_NAMES[r.type], CHANNEL_NAMES[r.channel], r.account,
               r.customer, r.due_on, STATE_NAMES[r.state], r.assignee, RESULT_NAMES.get(r.result or "", ""),
               "да" if r.overdue else "нет")


def export_register(ctx: ServiceContext, flt: RegisterFilter, sort: str, descending: bool, path: str | Path) -> int:
    """Write the current view (filters and order) to an XLSX file with typed columns; the rows written.

    One streamed query (a server-side cursor on PostgreSQL), not keyset pages: each page would
    plan and join again, and the whole view is wanted anyway.
    """
    from desktop.services.export import write_xlsx

    if Path(path).suffix.lower() != ".xlsx":
        raise InputError("Реестр сохраняется в файл .xlsx")
    ctx.require("senior")
    _checked(flt, sort)
    zone, today = ctx.zone(), ctx.today()
    with ctx.read_core() as conn:
        result = conn.execution_options(stream_results=True, yield_per=2000).execute(
            _query(flt, sort, descending, None, today, None))
        return write_xlsx(path, "Обращения", EXPORT_COLUMNS, export_rows(_row(r, zone, today) for r in result))
