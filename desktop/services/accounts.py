"""The account card: everything the desk and `energodesk account show` print about one account."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Date, FromClause, ScalarSelect, and_, bindparam, func, select

from desktop.core.accounts import normalize_account
from desktop.db.models import (
    Account,
    Bill,
    Branch,
    Customer,
    CustomerRequest,
    Meter,
    OnlineAccount,
    Payment,
    Reading,
)
from desktop.services.context import ServiceContext
from desktop.services.errors import NotFound


@dataclass(frozen=True)
class MeterInfo:
    """A meter on the card with its last readings."""

    serial: str
    zones: int
    digits: int
    installed_on: date
    next_verification_on: date | None
    last_readings: dict[str, int]
    last_reading_date: date | None


@dataclass(frozen=True)
class AccountCard:
    """The account card as one value; ``to_json`` gives the CONTRACTS.md shape."""

    account_id: int
    account: str
    customer_id: int
    name: str
    address: str
    branch: str
    branch_name: str
    consumer_group: str
    residents: int
    balance_kopecks: int
    phone: str | None
    email: str | None
    bills_by_email_only: bool
    sms_notifications: bool
    closed: bool
    meters: list[MeterInfo]
    online_registered: bool
    online_must_change_password: bool
    online_locked: bool
    last_bill_period: str | None
    last_bill_amount_due_kopecks: int | None
    last_payment_kopecks: int | None
    last_payment_on: date | None
    other_accounts: list[str] = field(default_factory=list)
    old_debt: bool = False  # debt older than two months (see old_debt())
    open_requests: int = 0  # customer requests not yet closed
    overdue_requests: int = 0  # of them past their due date

    def to_json(self) -> dict[str, Any]:
        """The JSON object of `energodesk account show --json` (money in kopecks, ISO dates)."""
        return {
            "account": self.account,
            "name": self.name,
            "address": self.address,
            "branch": self.branch,
            "balance_kopecks": self.balance_kopecks,
            "phone": self.phone,
            "email": self.email,
            "bills_by_email_only": self.bills_by_email_only,
            "sms_notifications": self.sms_notifications,
            "consumer_group": self.consumer_group,
            "residents": self.residents,
            "meters": [
                {
                    "serial": m.serial,
                    "zones": m.zones,
                    "digits": m.digits,
                    "last_readings": m.last_readings,
                    "last_reading_date": m.last_reading_date.isoformat() if m.last_reading_date else None,
                    "next_verification_date": (
                        m.next_verification_on.isoformat() if m.next_verification_on else None
                    ),
                }
                for m in self.meters
            ],
            "online_account": {
                "registered": self.online_registered,
                "must_change_password": self.online_must_change_password,
                "locked": self.online_locked,
            },
            "last_bill": (
                {"period": self.last_bill_period, "amount_due_kopecks": self.last_bill_amount_due_kopecks}
                if self.last_bill_period
                else None
            ),
            "last_payment": (
                {"amount_kopecks": self.last_payment_kopecks, "date": self.last_payment_on.isoformat()}
                if self.last_payment_on
                else None
            ),
            "other_accounts": self.other_accounts,
            "old_debt": self.old_debt,
            "open_requests": self.open_requests,
        }


_A = Account.__table__
_C = Customer.__table__
_B = Branch.__table__
_O = OnlineAccount.__table__
_M = Meter.__table__
_R = Reading.__table__
_BILL = Bill.__table__
_P = Payment.__table__
_CR = CustomerRequest.__table__

OLD_DEBT_BILLS = 2  # a debt larger than the charges of the last two bills is older than two months


def _newest(table: FromClause, order: ColumnElement[Any], *where: ColumnElement[bool],
            offset: int = 0) -> ScalarSelect[Any]:
    """The id of the account's newest row of ``table`` (``offset`` 1: the one before it)."""
    stmt = select(table.c.id).where(table.c.account_id == _A.c.id, *where).order_by(order.desc(), table.c.id.desc())
    return stmt.limit(1).offset(offset).correlate(_A).scalar_subquery()


# The last reading date of a meter (ix_readings_meter_date).
_LATEST = select(func.max(_R.c.taken_on)).where(_R.c.meter_id == _M.c.id).correlate(_M).scalar_subquery()
_BILL1 = _BILL.alias("last_bill")
_BILL2 = _BILL.alias("previous_bill")
_OTHER = _A.alias("other")

# One round trip for the whole card: the account, its customer, branch, online account, the two
# newest bills, the last payment, the customer's other accounts (each one index probe), and one
# row per installed meter and zone of its last reading date.
_MAIN = (
    select(
        _A.c.id, _A.c.number, _A.c.customer_id, _A.c.town, _A.c.street, _A.c.house, _A.c.flat,
        _A.c.consumer_group, _A.c.residents, _A.c.balance_kopecks, _A.c.bills_by_email_only,
        _A.c.sms_notifications, _A.c.closed_on,
        _C.c.last_name, _C.c.first_name, _C.c.middle_name, _C.c.phone, _C.c.email,
        _B.c.code.label("branch_code"), _B.c.name.label("branch_name"),
        _O.c.id.label("online_id"), _O.c.must_change_password, _O.c.locked,
        _BILL1.c.period.label("bill_period"), _BILL1.c.amount_due_kopecks.label("bill_due"),
        (_BILL1.c.charges_kopecks + _BILL1.c.recalculation_kopecks).label("bill_charges"),
        (_BILL2.c.charges_kopecks + _BILL2.c.recalculation_kopecks).label("previous_charges"),
        _P.c.amount_kopecks.label("payment_kopecks"), _P.c.posted_at.label("payment_at"),
        select(func.aggregate_strings(_OTHER.c.number, ","))
        .where(_OTHER.c.customer_id == _A.c.customer_id, _OTHER.c.id != _A.c.id)
        .correlate(_A)
        .scalar_subquery()
        .label("others"),
        _M.c.id.label("meter_id"), _M.c.serial, _M.c.zones, _M.c.digits, _M.c.installed_on,
        _M.c.next_verification_on, _R.c.zone, _R.c.value, _R.c.taken_on,
        # The customer's requests not yet closed, and of them those past their due date.
        select(func.count()).where(_CR.c.account_id == _A.c.id, _CR.c.state != "closed")
        .correlate(_A).scalar_subquery().label("open_requests"),
        select(func.count()).where(_CR.c.account_id == _A.c.id, _CR.c.state != "closed",
                                   _CR.c.due_on < bindparam("today", type_=Date))
        .correlate(_A).scalar_subquery().label("overdue_requests"),
    )
    .select_from(
        _A.join(_C, _C.c.id == _A.c.customer_id)
        .join(_B, _B.c.id == _A.c.branch_id)
        .outerjoin(_O, _O.c.account_id == _A.c.id)
        .outerjoin(_BILL1, _BILL1.c.id == _newest(_BILL, _BILL.c.period))
        .outerjoin(_BILL2, _BILL2.c.id == _newest(_BILL, _BILL.c.period, offset=1))
        .outerjoin(_P, _P.c.id == _newest(_P, _P.c.posted_at, _P.c.kind == "payment"))
        .outerjoin(_M, and_(_M.c.account_id == _A.c.id, _M.c.removed_on.is_(None)))
        .outerjoin(_R, and_(_R.c.meter_id == _M.c.id, _R.c.taken_on == _LATEST))
    )
    .where(_A.c.number == bindparam("number"))
    .order_by(_M.c.id, _R.c.id)
)
# Its fields are the statement's columns: mypy only types namedtuples with literal fields.
_CardRow = namedtuple("_CardRow", [c.key for c in _MAIN.selected_columns])  # type: ignore[misc]
_DRIVER_SQL: dict[str, tuple[str, Any]] = {}


def _driver_statement(dialect: Any) -> tuple[str, Any]:
    """``_MAIN`` compiled once per dialect to the driver's own SQL text, and a function giving the
    driver's parameters for an account number. Running it on the DBAPI cursor skips
    SQLAlchemy's per-call work (parameter processing, result metadata, Row objects), which was
    about four fifths of the card's time: the statement itself is faster than the hand-written
    queries of benchmarks/bench_search.py."""
    found = _DRIVER_SQL.get(dialect.name)
    if found is None:
        state = _MAIN.compile(dialect=dialect).construct_expanded_state({"number": "", "today": None})
        fixed = dict(state.parameters)
        if state.positiontup is not None:
            order = list(state.positiontup)
            template = [fixed[name] for name in order]
            slots = [(i, name) for i, name in enumerate(order) if name in ("number", "today")]

            def params(number: str, today: Any) -> Any:
                values = list(template)
                for i, name in slots:
                    values[i] = number if name == "number" else today
                return values
        else:
            def params(number: str, today: Any) -> Any:
                return {**fixed, "number": number, "today": today}
        found = _DRIVER_SQL[dialect.name] = (state.statement, params)
    return found


def _date(value: Any) -> date | None:
    """SQLite hands dates back as ISO text (SQLAlchemy's Date type parsed them): parse it here."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _meters(rows: Iterable[Any]) -> list[MeterInfo]:
    meters: list[MeterInfo] = []
    last_id = None
    for r in rows:
        if r.meter_id is None:
            continue  # no meter installed
        if r.meter_id != last_id:
            installed_on = _date(r.installed_on)
            assert installed_on is not None  # meters.installed_on is NOT NULL
            meters.append(MeterInfo(r.serial, r.zones, r.digits, installed_on,
                                    _date(r.next_verification_on), {}, _date(r.taken_on)))
            last_id = r.meter_id
        if r.zone is not None:
            meters[-1].last_readings[r.zone] = r.value
    return meters


def old_debt(balance_kopecks: int, recent_charges: list[int], months: int = OLD_DEBT_BILLS) -> bool:
    """True when the debt is larger than what the last ``months`` bills charged (newest first):
    part of it is older than that many months. Accounts with fewer bills are not flagged
    (nothing is that old). The card asks about two months; the debtors list about any N."""
    return (balance_kopecks < 0 and len(recent_charges) >= months
            and -balance_kopecks > sum(recent_charges[:months]))


def account_card(ctx: ServiceContext, number: str) -> AccountCard:
    """Load the card of one account by its number (in any written form).

    One statement (``_MAIN``, written in SQLAlchemy Core, run as the driver's SQL on a DBAPI
    cursor): the account with its customer, branch, online account, two newest bills, last
    payment, other accounts, and its meters with their last readings (one row per meter and
    zone). On PostgreSQL it is a prepared statement of the connection: planned once, not per card.
    """
    normalized = normalize_account(number)
    if normalized is None:
        raise NotFound("Номер лицевого счёта — 12 цифр")
    engine = ctx.sessions.kw["bind"]
    sql, params = _driver_statement(engine.dialect)
    today = ctx.today()
    values = params(normalized, today.isoformat() if engine.dialect.name == "sqlite" else today)
    with ctx.read_driver() as cursor:
        if engine.dialect.name == "postgresql":
            cursor.execute(sql, values, prepare=True)
        else:
            cursor.execute(sql, values)
        rows = [_CardRow._make(r) for r in cursor.fetchall()]
    if not rows:
        raise NotFound(f"Лицевой счёт {normalized} не найден")
    return card_from_rows(ctx, rows)


def card_from_rows(ctx: ServiceContext, rows: list[Any]) -> AccountCard:
    """The card from the rows of ``_MAIN`` (one per meter and zone; the same account in each)."""
    row = rows[0]
    meters = _meters(rows)
    name = " ".join(p for p in (row.last_name, row.first_name, row.middle_name) if p)
    address = f"{row.town}, {row.street}, д. {row.house}" + (f", кв. {row.flat}" if row.flat else "")
    charges = [c for c in (row.bill_charges, row.previous_charges) if c is not None]
    return AccountCard(
        account_id=row.id,
        account=row.number,
        customer_id=row.customer_id,
        name=name,
        address=address,
        branch=row.branch_code,
        branch_name=row.branch_name,
        consumer_group=row.consumer_group,
        residents=row.residents,
        balance_kopecks=row.balance_kopecks,
        phone=row.phone,
        email=row.email,
        bills_by_email_only=bool(row.bills_by_email_only),
        sms_notifications=bool(row.sms_notifications),
        closed=row.closed_on is not None,
        meters=meters,
        online_registered=row.online_id is not None,
        online_must_change_password=bool(row.must_change_password),
        online_locked=bool(row.locked),
        last_bill_period=row.bill_period,
        last_bill_amount_due_kopecks=row.bill_due,
        last_payment_kopecks=row.payment_kopecks,
        # The business date of the payment: the company's zone, not the UTC date it is stored in.
        last_payment_on=(_as_datetime(row.payment_at).astimezone(ctx.zone()).date()
                         if row.payment_at is not None else None),
        other_accounts=sorted(row.others.split(",")) if row.others else [],
        old_debt=old_debt(row.balance_kopecks, charges),
        open_requests=row.open_requests,
        overdue_requests=row.overdue_requests,
    )


def _as_datetime(value: datetime | str) -> datetime:
    """An aware UTC datetime from what the driver hands back (SQLite: naive UTC text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def list_accounts(ctx: ServiceContext, limit: int | None = None) -> list[str]:
    """Account numbers in order (for scripts: `energodesk account list`)."""
    with ctx.read() as s:
        query = select(Account.number).order_by(Account.number)
        if limit is not None:
            query = query.limit(limit)
        return list(s.scalars(query))



