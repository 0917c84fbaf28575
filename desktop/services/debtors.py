"""Debtors: accounts whose debt is older than N months, by branch (the card's «долг старше» rule)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from desktop.core.registry_fields import plural
from desktop.core.table_report import Column, Kind, TableReport
from desktop.db.models import Account, Bill, Branch, Customer, Payment
from desktop.services.accounts import old_debt
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound

MAX_MONTHS = 36
_A, _B, _BR, _C, _P = (Account.__table__, Bill.__table__, Branch.__table__, Customer.__table__,
                       Payment.__table__)


@dataclass(frozen=True)
class Debtor:
    """An account with a debt older than the months asked for."""

    branch: str  # code
    branch_name: str
    account: str
    name: str
    address: str
    debt_kopecks: int  # positive: what the customer owes
    recent_charges_kopecks: int  # what the last N bills charged (the debt is larger)
    last_payment_on: date | None


def debtors(ctx: ServiceContext, months: int = 2, branch_code: str | None = None) -> list[Debtor]:
    """Accounts whose debt is larger than what their last ``months`` bills charged, by branch and
    then the largest debt first. Seniors and administrators only."""
    ctx.require("senior")
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise InputError(f"Число месяцев — от 1 до {MAX_MONTHS}", field="months")
    zone = ctx.zone()
    with ctx.read() as s:
        where = [_A.c.balance_kopecks < 0]
        if branch_code:
            branch_id = s.scalar(select(_BR.c.id).where(_BR.c.code == branch_code.strip().upper()))
            if branch_id is None:
                raise NotFound(f"Нет отделения с кодом {branch_code[:16]}")
            where.append(_A.c.branch_id == branch_id)
        # The newest ``months`` bills of every account in debt, newest first (as the card reads them).
        rank = func.row_number().over(partition_by=_B.c.account_id, order_by=(_B.c.period.desc(), _B.c.id.desc()))
        ranked = (select(_B.c.account_id, (_B.c.charges_kopecks + _B.c.recalculation_kopecks).label("charges"),
                         rank.label("n"))
                  .select_from(_B.join(_A, _A.c.id == _B.c.account_id)).where(*where).subquery())
        charges: dict[int, list[int]] = defaultdict(list)
        for account_id, amount, _ in s.execute(
                select(ranked).where(ranked.c.n <= months).order_by(ranked.c.account_id, ranked.c.n)):
            charges[account_id].append(int(amount))
        rows = [r for r in s.execute(
            select(_A.c.id, _A.c.number, _A.c.balance_kopecks, _A.c.town, _A.c.street, _A.c.house, _A.c.flat,
                   _C.c.last_name, _C.c.first_name, _C.c.middle_name, _BR.c.code, _BR.c.name)
            .select_from(_A.join(_C, _C.c.id == _A.c.customer_id).join(_BR, _BR.c.id == _A.c.branch_id))
            .where(*where).order_by(_BR.c.code, _A.c.balance_kopecks, _A.c.number)
        ) if old_debt(r.balance_kopecks, charges.get(r.id, []), months)]
        last_paid: dict[int, datetime | None] = {}
        ids = [r.id for r in rows]
        for start in range(0, len(ids), 1000):
            last_paid.update((aid, _as_datetime(at)) for aid, at in s.execute(
                select(_P.c.account_id, func.max(_P.c.posted_at))
                .where(_P.c.account_id.in_(ids[start:start + 1000]), _P.c.kind == "payment")
                .group_by(_P.c.account_id)))
    out = []
    for r in rows:
        name = " ".join(p for p in (r.last_name, r.first_name, r.middle_name) if p)
        address = f"{r.town}, {r.street}, д. {r.house}" + (f", кв. {r.flat}" if r.flat else "")
        paid = last_paid.get(r.id)
        out.append(Debtor(r.code, r.name, r.number, name, address, -r.balance_kopecks,
                          sum(charges[r.id][:months]), paid.astimezone(zone).date() if paid is not None else None))
    return out


def _as_datetime(value: datetime | str | None) -> datetime | None:
    """A scalar subquery loses the column's type on SQLite: parse what comes back (stored as UTC)."""
    if isinstance(value, str):
        from datetime import UTC

        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return value


def debtors_report(rows: list[Debtor], months: int, branch_code: str | None, today: date) -> TableReport:
    """The debtors list as a table for the window, the export and paper."""
    columns = (Column("Отделение", width=11), Column("Лицевой счёт", width=14), Column("ФИО"),
               Column("Адрес", width=40), Column("Долг", Kind.MONEY),
               Column(f"Начислено за {months} мес.", Kind.MONEY), Column("Последняя оплата", Kind.DATE))
    table = tuple((d.branch, d.account, d.name, d.address, d.debt_kopecks, d.recent_charges_kopecks,
                   d.last_payment_on) for d in rows)
    totals = ("Итого", f"{len(rows)} {plural(len(rows), 'счёт', 'счёта', 'счетов')}", None, None,
              sum(d.debt_kopecks for d in rows), sum(d.recent_charges_kopecks for d in rows), None)
    where = f"отделение {branch_code.upper()}" if branch_code else "все отделения"
    return TableReport(f"Должники: долг старше {months} мес.", f"на {today:%d.%m.%Y}; {where}", columns, table,
                       totals, ((f"Долг старше {months} мес. — долг больше начисленного по последним {months} "
                                 "счетам (то же правило, что в карточке счёта)."),))
