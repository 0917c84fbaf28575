"""The monthly billing run (the bills list and the printed documents: ``services.bill_documents``).

A bill is computed by ``desktop.core.billing.draft_bill`` from what the database holds:

* the readings whose ``period`` is the billed month (the current reading) and the last
  real reading before it (the previous one); without a current reading the account is
  billed on the average (PP 354 п. 59 "б") or the norm (п. 60);
* the history of metered months (from consecutive real readings) for the average;
* the estimated bills right before this month (their charge lines), which a real reading
  supersedes with recalculation lines;
* the balance: ``opening = balance − payments since the previous bill``, so that
  ``closing = opening − accrued + payments = balance − accrued`` (+ overpayment, − debt).

Every batch of accounts is one transaction: an account is billed completely (bill, lines,
balance) or not at all; its document is frozen on first print. The unique (account, period) constraint and the
"no bill yet" selection make a second run of the same period charge nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import ARRAY, Integer, Table, and_, any_, bindparam, exists, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from desktop.core.billing import (
    AVERAGE_MONTHS,
    BillDraft,
    BillInput,
    EstimatedCharge,
    RateTable,
    draft_bill,
    norm_kwh,
    rates_for_period,
)
from desktop.core.consumption import ReadingError
from desktop.core.payment_qr import DEMO_PAYEE, PayeeDetails, build_payload
from desktop.core.periods import Period, PeriodError
from desktop.core.tariffs import ZONES_BY_SCHEME, TariffError, TariffRate
from desktop.db.models import Account, Bill, BillLine, Branch, Meter, Payment
from desktop.services import billing_runs
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound

ProgressFn = Callable[[int, int], bool]  # (done, total) -> keep going?

# Accounts carry no room count yet; the norm uses the two-room row (administrator-editable table).
DEFAULT_ROOMS = 2
# Readings entered as estimates are not meter readings (PP 354 п. 59 counts real ones only).
ESTIMATE_SOURCE = "estimate"
# How far back the average and the estimated streak look (6 + 6 months and a margin).
LOOKBACK_MONTHS = 14
# The readings first read for a meter: 10 months hold the 7 real readings the bill needs (the
# previous one and 6 metered months) with 3 months missed; a meter with fewer there gets its whole
# history (_needs_history), so the window changes what is read, never the bill (14 months cost
# 5 % more processor time for the same bills of the 10,000-customer demo).
READINGS_WINDOW_MONTHS = 10


def parse_period(text: str | Period) -> Period:
    """'2026-11' -> Period; InputError with a one-line Russian reason otherwise."""
    if isinstance(text, Period):
        return text
    try:
        return Period.parse(text)
    except PeriodError as error:
        raise InputError(str(error), field="period") from None


# --- tariffs and payee (one place each, so the source can change) -----------------------------

def load_tariffs(session: Session) -> list[TariffRate]:
    """The date-ranged tariff table (services.tariffs)."""
    from desktop.services.tariffs import load_rates

    return load_rates(session)


def load_payee(session: Session) -> PayeeDetails:
    """The payee's requisites from company settings (key "payee"), the demo payee by default."""
    from desktop.services.company_settings import get_value

    value = get_value(session, "payee")
    return PayeeDetails(**value) if value else DEMO_PAYEE


# --- pure helpers (also used by the demo generator) ------------------------------------------

def metered_history(real: Sequence[tuple[Period, Mapping[str, int]]], digits: int,
                    before: Period) -> list[tuple[Period, dict[str, int]]]:
    """Monthly kWh from consecutive real readings (oldest first), each span shared equally
    over its months (largest remainder, like draft_bill); only months before ``before``."""
    from desktop.core.tariffs import allocate_largest_remainder

    capacity = 10**digits
    out: list[tuple[Period, dict[str, int]]] = []
    for (p0, v0), (p1, v1) in itertools.pairwise(real):
        months = p0.months_until(p1)
        if months < 1 or set(v0) != set(v1):
            continue
        shares = {z: allocate_largest_remainder((v1[z] - v0[z]) % capacity, [1] * months) for z in v1}
        for i in range(months):
            p = p0.shift(i + 1)
            if p < before:
                out.append((p, {z: shares[z][i] for z in v1}))
    return out


def metered_spans(real: Mapping[Period, Mapping[str, int]], digits: int
                  ) -> list[tuple[Period, list[tuple[Period, dict[str, int]]]]]:
    """Per pair of consecutive real readings: (period of the later one, its months' kWh)."""
    # Sorted by month number: the same order as sorting the periods, without their comparisons
    # (a tenth of the run's per-account time went into Period.__lt__).
    ordered = sorted((p.index(), p) for p in real)
    capacity = 10**digits
    out = []
    for (i0, p0), (i1, p1) in itertools.pairwise(ordered):
        v0, v1 = real[p0], real[p1]
        if i0 + 1 == i1 and v0.keys() == v1.keys():  # the usual case: one month
            out.append((p1, [(p1, {z: (v1[z] - v0[z]) % capacity for z in v1})]))
        else:
            out.append((p1, metered_history([(p0, v0), (p1, v1)], digits, p1.next())))
    return out


_NO_RATES = RateTable()


class RunTariffs:
    """The tariff table of one run, read once and split by (group, scheme) for the per-bill scan.

    Built per run and passed down: nothing is cached between runs (a cache keyed by ``id()`` of
    the list served a freed list's prices to the next run after a tariff change, issue 10).
    """

    def __init__(self, rates: Iterable[TariffRate]) -> None:
        self.rates = tuple(rates)
        split: dict[tuple[str, int], list[TariffRate]] = defaultdict(list)
        for rate in self.rates:
            split[(rate.group, rate.zones)].append(rate)
        # RateTable remembers each month's rates for this run (every account asks the same months).
        self._split = {key: RateTable(rates) for key, rates in split.items()}

    def of(self, group: str, zones: int) -> Sequence[TariffRate]:
        """The rates of one group and scheme (empty when there are none)."""
        return self._split.get((group, zones), _NO_RATES)


def line_price(line: Any, tariffs: Sequence[TariffRate], group: str, zones: int) -> Decimal:
    """The printed price of a draft line; a recalculation spanning ranges shows that month's range I price."""
    if line.price is not None:
        price: Decimal = line.price
        return price
    return rates_for_period(tariffs, group, zones, line.period)[line.zone][0].price


def qr_for(payee: PayeeDetails, account: str, period: str, amount_due_kopecks: int) -> str:
    """The GOST payload; payer name and address stay out (they would make the code too big)."""
    year, month = period.split("-")
    return build_payload(payee, account=account, amount_kopecks=amount_due_kopecks, period=period,
                         purpose=f"Оплата электроэнергии за {month}.{year}")


# --- loading the facts of a batch ------------------------------------------------------------

@dataclass
class _Facts:
    # Plain rows (SQLAlchemy Core), not ORM objects: loading 500 accounts' history through the
    # ORM cost a third of the run (issue 10 profile).
    account: Any  # id, number, consumer_group, residents, range_threshold_kwh, balance_kopecks
    meter: Any | None = None  # id, account_id, zones, digits, installed_on
    # Real readings per period: the last value per zone, and whether it was a rollover.
    real: dict[Period, dict[str, int]] = field(default_factory=dict)
    rollover: dict[Period, set[str]] = field(default_factory=dict)
    bills: list[tuple[Any, list[Any]]] = field(default_factory=list)  # (period, created_at), lines
    payments: list[tuple[datetime, int]] = field(default_factory=list)


# Periods are immutable values: parsing each stored 'YYYY-MM' once per process is safe.
_period = lru_cache(maxsize=4096)(Period.parse)
# Declarative models' tables are Tables (typed as the wider FromClause, which has no insert/update).
_A, _M, _B, _L = (cast(Table, m.__table__) for m in (Account, Meter, Bill, BillLine))


def _among(session: Session, column: Any, values: Sequence[int]) -> Any:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``: with 2,000 separate parameters the
    planner misjudged the readings query of the 2-million database (a parallel scan, 20 s a batch
    instead of 0.5 s)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(Integer)))
    return column.in_(values)


def _load_batch(session: Session, ids: Sequence[int], period: Period) -> dict[int, _Facts]:
    facts: dict[int, _Facts] = {}
    if not ids:
        return facts
    # Core statements on the session's connection: the ORM's statement handling cost a tenth of
    # the run for queries that return plain rows anyway.
    conn = session.connection()
    # No names or addresses: the run stores no document (frozen on first print, bill_documents._freeze_stored).
    for row in conn.execute(
        select(_A.c.id, _A.c.number, _A.c.consumer_group, _A.c.residents, _A.c.range_threshold_kwh,
               _A.c.balance_kopecks).where(_among(session, _A.c.id, ids))
    ):
        facts[row.id] = _Facts(row)
    meters: dict[int, Any] = {}
    for meter in conn.execute(
        select(_M.c.id, _M.c.account_id, _M.c.zones, _M.c.digits, _M.c.installed_on)
        .where(_among(session, _M.c.account_id, ids), _M.c.installed_on <= period.last_day,
               (_M.c.removed_on.is_(None)) | (_M.c.removed_on >= period.first_day))
        .order_by(_M.c.installed_on, _M.c.id)
    ):
        facts[meter.account_id].meter = meter  # the latest installed wins
        meters[meter.id] = meter
    if meters:
        # The readings of this month and the last first: a meter read in both (most of them) is
        # billed on those two alone (the previous reading is last month's, no estimate between
        # them is superseded, the history is not needed). The others get the look-back window,
        # and a meter with too few real readings there (fewer than the average needs, or none
        # before the month) its whole history.
        rest = list(meters)
        if _TWO_MONTHS_FIRST.get(period, True):
            _add_readings(session, facts, meters, rest, period, period.prev().key)
            rest = [m for m, meter in meters.items() if not _read_both_months(facts[meter.account_id], m, period)]
            _forget_readings(facts, meters, rest)
            # A month few meters were read in yet (a run early in the month, or the demo's month
            # with no readings): the two-month query is only a second round trip, so this
            # process's next batches go straight to the window. Which query runs never changes a bill.
            _TWO_MONTHS_FIRST[period] = len(rest) < len(meters) // 2
        if rest:
            window = period.shift(-READINGS_WINDOW_MONTHS).key
            _add_readings(session, facts, meters, rest, period, window)
        short = [m for m in rest if _needs_history(facts[meters[m].account_id], m, period)]
        if short:
            _forget_readings(facts, meters, short)
            _add_readings(session, facts, meters, short, period, None)
    since = period.shift(-LOOKBACK_MONTHS).key
    bills = conn.execute(
        select(_B.c.id, _B.c.account_id, _B.c.period, _B.c.created_at)
        .where(_among(session, _B.c.account_id, ids), _B.c.period >= since).order_by(_B.c.period)
    ).all()
    lines: dict[int, list[Any]] = defaultdict(list)
    if bills:
        for ln in conn.execute(select(_L.c.bill_id, _L.c.kind, _L.c.zone, _L.c.kwh, _L.c.amount_kopecks,
                                         _L.c.basis)
                                  .where(_among(session, _L.c.bill_id, [b.id for b in bills]))
                                  .order_by(_L.c.bill_id, _L.c.line_no)):
            lines[ln.bill_id].append(ln)
    for bill in bills:
        facts[bill.account_id].bills.append((bill, lines[bill.id]))
    for aid, amount, posted in conn.execute(
        select(Payment.account_id, Payment.amount_kopecks, Payment.posted_at)
        .where(_among(session, Payment.account_id, ids))
        .where(Payment.posted_at >= datetime.combine(period.shift(-LOOKBACK_MONTHS).first_day,
                                                     datetime.min.time(), tzinfo=UTC))
    ):
        facts[aid].payments.append((posted, amount))
    return facts


def _reading_rows(session: Session, wanted: Sequence[int], period: Period, since: str | None) -> list[Any]:
    """The real readings of meters ``wanted`` up to ``period`` (from ``since``), straight from the
    driver's cursor in the session's transaction: the readings are the most rows a batch reads, and
    SQLAlchemy's result layer cost as much as the query, its compiling of the statement (a new
    IN list each batch) a twentieth of the run. Each meter's readings in the order they were taken
    (the last one of a month wins), meter by meter, so the caller looks its account up once per meter."""
    connection = session.connection()
    params: list[Any]
    if connection.dialect.name == "postgresql":
        mark, meters, params = "%s", "meter_id = ANY(%s::integer[])", [list(wanted)]
    else:  # SQLite's qmark style
        mark, meters, params = "?", f"meter_id IN ({', '.join('?' * len(wanted))})", list(wanted)
    statement = (f"SELECT meter_id, zone, value, period, rollover FROM readings WHERE {meters} "
                 f"AND source <> {mark} AND period <= {mark}")
    params += [ESTIMATE_SOURCE, period.key]
    if since is not None:
        statement += f" AND period >= {mark}"
        params.append(since)
    statement += " ORDER BY meter_id, taken_on, id"
    driver = connection.connection.driver_connection
    assert driver is not None  # a live connection inside the session's transaction
    cursor = driver.cursor()
    try:
        cursor.execute(statement, params)
        return list(cursor.fetchall())
    except connection.dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy would raise it: the batch's retry and the error translation know those.
        raise DBAPIError.instance(statement, params, error, connection.dialect.loaded_dbapi.Error,
                                  dialect=connection.dialect) from error
    finally:
        cursor.close()


def _add_readings(session: Session, facts: dict[int, _Facts], meters: dict[int, Any], wanted: list[int],
                  period: Period, since: str | None) -> None:
    current = None
    real: dict[Period, dict[str, int]] = {}
    rollover: dict[Period, set[str]] = {}
    for meter_id, zone, value, period_key, rolled in _reading_rows(session, wanted, period, since):
        if meter_id != current:
            current = meter_id
            f = facts[meters[meter_id].account_id]
            mine = f.meter is not None and f.meter.id == meter_id
            real, rollover = f.real, f.rollover
        if not mine:
            continue
        p = _period(period_key)
        values = real.get(p)
        if values is None:
            values = real[p] = {}
        values[zone] = value
        if rolled:
            rollover.setdefault(p, set()).add(zone)
        elif p in rollover:
            rollover[p].discard(zone)


# Per period, whether this process's batches read the two months first (see _load_batch).
_TWO_MONTHS_FIRST: dict[Period, bool] = {}


def _whole_reading(real: Mapping[Period, Mapping[str, int]], period: Period, zones: int) -> bool:
    """Whether ``real`` has a reading of every zone of the scheme for ``period`` (as draft_from_facts
    takes a current reading: an incomplete set of zones is none)."""
    this_month = real.get(period)
    return this_month is not None and this_month.keys() == set(ZONES_BY_SCHEME[zones])


def _forget_readings(facts: dict[int, _Facts], meters: dict[int, Any], wanted: Iterable[int]) -> None:
    """Drop what was read for meters ``wanted``, to read them again over a longer span."""
    for m in wanted:
        facts[meters[m].account_id].real.clear()
        facts[meters[m].account_id].rollover.clear()


def _read_both_months(f: _Facts, meter_id: int, period: Period) -> bool:
    """Whether the account's meter has a whole reading of the month and a real reading of the one
    before it (then nothing older can change the bill); True for a meter the account no longer
    bills by (its readings are not used)."""
    if f.meter is None or f.meter.id != meter_id:
        return True
    return _whole_reading(f.real, period, f.meter.zones) and period.prev() in f.real


def _needs_history(f: _Facts, meter_id: int, period: Period) -> bool:
    """Whether readings older than the window could change the bill: with 7 real readings before
    the month inside the window, the previous reading and the 6 latest metered months (all the
    average looks at) are all there."""
    if f.meter is None or f.meter.id != meter_id:
        return False
    return sum(1 for p in f.real if p < period) < AVERAGE_MONTHS + 1


def _bill_basis(lines: Iterable[Any]) -> str:
    charge = [ln.basis for ln in lines if ln.kind == "charge"]
    return charge[0] if charge else "meter"


class _Skip(Exception):
    """This account cannot be billed this month; the message says why."""


def draft_from_facts(period: Period, *, group: str, zones: int, digits: int, residents: int,
                     range_threshold_kwh: int, meter_installed: Period | None,
                     real: Mapping[Period, Mapping[str, int]], rollover: Mapping[Period, set[str]],
                     estimated: Mapping[Period, EstimatedCharge | None], balance_kopecks: int,
                     payments_kopecks: int, tariffs: Sequence[TariffRate],
                     spans: Sequence[tuple[Period, list[tuple[Period, dict[str, int]]]]] | None = None,
                     ) -> BillDraft:
    """The draft of one account from plain facts; the billing run and the demo builder share it.

    ``spans`` (optional, for speed) is ``metered_spans(real)`` computed once per account; it is
    only read when the month has no whole reading.
    ``real``: real readings per period (last value per zone); ``estimated``: the account's
    earlier bills by period, an EstimatedCharge for an estimated one and None for a metered
    one; ``balance_kopecks`` already includes ``payments_kopecks`` (received since the last bill).
    """
    scheme = set(ZONES_BY_SCHEME[zones])
    real_before = sorted(p for p in real if p < period)
    previous: dict[str, int] = dict(real[real_before[-1]]) if real_before else {}
    current = dict(real[period]) if period in real else None
    if current is not None and set(current) != scheme:
        current = None  # an incomplete set of zones is not a reading of the meter
    if current is not None and set(previous) != scheme:
        raise _Skip("нет предыдущих показаний (первое показание прибора)")
    # A stored reading below the previous one was confirmed as a rollover when it was entered.
    rolled = set(rollover.get(period, set())) | {
        z for z, value in (current or {}).items() if value < previous.get(z, 0)}
    # The metered months only feed the average, which a real reading of the month makes moot
    # (draft_bill reads inp.history in _estimate only): most accounts skip building them.
    history: list[tuple[Period, dict[str, int]]] = []
    if current is None:
        if spans is None:
            history = metered_history([(p, real[p]) for p in real_before], digits, period)
        else:
            history = [m for end, months in spans if end < period for m in months]
    streak: list[EstimatedCharge] = []
    p = period.prev()
    while (charge := estimated.get(p)) is not None:
        streak.append(charge)
        p = p.prev()
    superseded: list[EstimatedCharge] = []
    if current is not None and real_before:
        superseded = [e for e in streak if e.period > real_before[-1] and set(e.kwh) == scheme]
    inp = BillInput(
        period=period, group=group, zones=zones, digits=digits,
        previous=previous, current=current, history=history, estimated_in_a_row=len(streak),
        norm_kwh=norm_kwh(group, DEFAULT_ROOMS, max(1, residents)),
        opening_balance_kopecks=balance_kopecks - payments_kopecks, payments_kopecks=payments_kopecks,
        superseded=superseded, rollover_zones=frozenset(rolled), meter_installed=meter_installed,
        range_threshold_kwh=range_threshold_kwh,
    )
    try:
        return draft_bill(inp, tariffs)
    except (TariffError, ReadingError, ValueError) as error:
        raise _Skip(str(error)) from None


def _prepare(f: _Facts, period: Period, tariffs: RunTariffs,
             now: datetime) -> tuple[BillDraft, int]:
    """The draft of one account (from the loaded facts) and its zone scheme."""
    acc, meter = f.account, f.meter
    zones = meter.zones if meter is not None else 1
    estimated: dict[Period, EstimatedCharge | None] = {}
    for bill, lines in f.bills:
        basis = _bill_basis(lines)
        if basis == "meter":
            estimated[_period(bill.period)] = None
            continue
        kwh: dict[str, int] = defaultdict(int)
        amounts: dict[str, int] = defaultdict(int)
        for ln in lines:
            if ln.kind == "charge":
                kwh[ln.zone] += ln.kwh
                amounts[ln.zone] += ln.amount_kopecks
        estimated[_period(bill.period)] = EstimatedCharge(_period(bill.period), basis, dict(kwh),
                                                               dict(amounts))
    last_bill_at = f.bills[-1][0].created_at if f.bills else None
    start = last_bill_at or datetime.combine(period.first_day, datetime.min.time(), tzinfo=UTC)
    payments = sum(a for at, a in f.payments if start <= at <= now)
    digits = meter.digits if meter is not None else 6
    draft = draft_from_facts(
        period, group=acc.consumer_group, zones=zones, digits=digits,
        residents=acc.residents, range_threshold_kwh=acc.range_threshold_kwh,
        meter_installed=Period.of(meter.installed_on) if meter is not None else None,
        real=f.real, rollover=f.rollover, estimated=estimated, balance_kopecks=acc.balance_kopecks,
        payments_kopecks=payments, tariffs=tariffs.of(acc.consumer_group, zones),
        # Only an account without a whole reading of the month is billed on its history.
        spans=None if _whole_reading(f.real, period, zones) else metered_spans(f.real, digits))
    return draft, zones


@dataclass
class _Billed:
    """One account's bill as rows to insert, and what it changes on the balance."""

    account_id: int
    bill: dict[str, Any]
    lines: list[dict[str, Any]]
    accrued_kopecks: int


def _bill_one(f: _Facts, period: Period, tariffs: RunTariffs, now: datetime) -> _Billed:
    draft, zones = _prepare(f, period, tariffs, now)
    acc = f.account
    rates = tariffs.of(acc.consumer_group, zones)
    issue = now.date()
    # A late run (an old period) must not print a due date before the issue date.
    due = draft.due_date if draft.due_date > issue else issue + timedelta(days=10)
    try:
        prices = [line_price(ln, rates, acc.consumer_group, zones) for ln in draft.lines]
    except TariffError as error:
        raise _Skip(str(error)) from None
    # No document yet: it is frozen from this bill and its lines on first print (bill_documents._freeze_stored),
    # as for the demo's bills. Building and storing it here cost a tenth of the run's processor
    # time and was most of what it wrote (a JSON of about 1.5 KB a bill)
    # (test_run_bills_are_frozen_on_first_print).
    bill = dict(
        account_id=acc.id, period=period.key, issued_on=issue, due_on=due,
        opening_balance_kopecks=draft.opening_balance_kopecks, charges_kopecks=draft.charges_kopecks,
        recalculation_kopecks=draft.recalculation_kopecks, payments_kopecks=draft.payments_kopecks,
        amount_due_kopecks=draft.amount_due_kopecks, document="", created_at=now,
    )
    lines = [
        dict(line_no=i, kind=ln.kind, zone=ln.zone, basis=ln.basis, previous_reading=ln.previous_reading,
             current_reading=ln.current_reading, kwh=ln.kwh, price_kopecks=int(price * 100),
             amount_kopecks=ln.amount_kopecks, reason=ln.reason or "")
        for i, (ln, price) in enumerate(zip(draft.lines, prices), start=1)
    ]
    return _Billed(acc.id, bill, lines, draft.accrued_kopecks)


_BALANCE = (
    _A.update().where(_A.c.id == bindparam("b_id"))
    # An increment, not "balance = what the run read": a desk's payment committed meanwhile
    # stays counted, and the run never needs to have read the account's version.
    # The version moves too (as the registry posting does): a desk that read the account before
    # and writes it back unlocked gets a Conflict instead of overwriting the bill's charge.
    .values(balance_kopecks=_A.c.balance_kopecks - bindparam("b_accrued"), version=_A.c.version + 1)
)


def _write(s: Session, billed: Sequence[_Billed], run_id: int | None) -> None:
    """Insert a batch's bills and lines and move the balances, in account order (lock order)."""
    if not billed:
        return
    ordered = sorted(billed, key=lambda b: b.account_id)
    if s.get_bind().dialect.name == "postgresql":
        _write_pg(s, ordered, run_id)
    else:
        # One executemany, then the new ids by (account, period), which is unique: an INSERT ...
        # RETURNING in parameter order went to SQLite one row per statement.
        s.execute(_B.insert(), [dict(b.bill, run_id=run_id) for b in ordered])
        by_account = dict(s.execute(select(_B.c.account_id, _B.c.id).where(
            _among(s, _B.c.account_id, [b.account_id for b in ordered]),
            _B.c.period == ordered[0].bill["period"])).all())
        lines = [dict(ln, bill_id=by_account[b.account_id]) for b in ordered for ln in b.lines]
        if lines:
            s.execute(_L.insert(), lines)
        # Balances last, so a desk's payment on one of these accounts waits only for the commit.
        s.execute(_BALANCE, [{"b_id": b.account_id, "b_accrued": b.accrued_kopecks} for b in ordered])


_BILL_COLUMNS = ("id", "account_id", "period", "run_id", "issued_on", "due_on", "opening_balance_kopecks",
                 "charges_kopecks", "recalculation_kopecks", "payments_kopecks", "amount_due_kopecks", "document",
                 "created_at")
_LINE_COLUMNS = ("bill_id", "line_no", "kind", "zone", "basis", "previous_reading", "current_reading", "kwh",
                 "price_kopecks", "amount_kopecks", "reason")


def _write_pg(s: Session, ordered: Sequence[_Billed], run_id: int | None) -> None:
    """PostgreSQL: ids from the sequence in one query, bills and lines by COPY, balances in one
    UPDATE (a multi-row INSERT ... RETURNING of 500 bills with their JSON spent more time in the
    driver's query conversion than the server spent writing, issue 10 profile)."""
    ids = s.execute(text("SELECT nextval(pg_get_serial_sequence('bills', 'id')) FROM generate_series(1, :n)"),
                    {"n": len(ordered)}).scalars().all()
    driver = s.connection().connection.driver_connection
    assert driver is not None  # a live connection inside the session's transaction
    cursor = driver.cursor()
    with cursor.copy(f"COPY bills ({', '.join(_BILL_COLUMNS)}) FROM STDIN") as copy:
        for bill_id, b in zip(ids, ordered):
            row = dict(b.bill, id=bill_id, run_id=run_id)
            copy.write_row([row[c] for c in _BILL_COLUMNS])
    with cursor.copy(f"COPY bill_lines ({', '.join(_LINE_COLUMNS)}) FROM STDIN") as copy:
        for bill_id, b in zip(ids, ordered):
            for ln in b.lines:
                row = dict(ln, bill_id=bill_id)
                copy.write_row([row[c] for c in _LINE_COLUMNS])
    # "a.id = ANY" lets the planner find the rows by the primary key (as registry_posting does).
    s.execute(text(
        "UPDATE accounts AS a SET balance_kopecks = a.balance_kopecks - d.accrued, version = a.version + 1 "
        "FROM unnest(CAST(:ids AS integer[]), CAST(:accrued AS bigint[])) AS d(id, accrued) "
        "WHERE a.id = d.id AND a.id = ANY(CAST(:ids AS integer[]))"),
        {"ids": [b.account_id for b in ordered], "accrued": [b.accrued_kopecks for b in ordered]})


# --- the run ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunResult:
    """What a billing run did."""

    run_id: int
    period: str
    branch: str | None
    total: int  # accounts without a bill when the run started
    billed: int
    skipped: int
    accrued_kopecks: int
    cancelled: bool
    problems: tuple[str, ...] = ()  # "account: reason", the first few
    resumed: tuple[tuple[int, int], ...] = ()  # (run id, billed) of interrupted runs finished by this one
    emails_queued: int = 0  # bills put in the e-mail queue after the run

    def summary(self) -> str:
        state = "отменён" if self.cancelled else "завершён"
        text = (f"Расчёт за {self.period}{' (' + self.branch + ')' if self.branch else ''} {state}: "
                f"выставлено счетов {self.billed} из {self.total}, пропущено {self.skipped}")
        for run_id, billed in self.resumed:
            text += f"; продолжен прерванный расчёт №{run_id} (он выставил {billed})"
        if self.emails_queued:
            text += f"; писем со счетами в очереди: {self.emails_queued}"
        return text


def _window(period: Period, branch_id: int | None, after_id: int, limit: int) -> Any:
    """The next ``limit`` accounts open in ``period`` after ``after_id`` (keyset), billed or not."""
    query = (select(Account.id).where(
        Account.id > after_id,
        Account.opened_on <= period.last_day,
        (Account.closed_on.is_(None)) | (Account.closed_on >= period.first_day),
    ).order_by(Account.id).limit(limit))
    if branch_id is not None:
        query = query.where(Account.branch_id == branch_id)
    return query


def _pending(period: Period, branch_id: int | None, after_id: int, limit: int) -> Any:
    return _window(period, branch_id, after_id, limit).where(
        ~exists().where(and_(Bill.account_id == Account.id, Bill.period == period.key)))


# A batch meets desks posting payments: a deadlock, a lock wait or SQLite's busy lock rolls back
# that batch only, which is tried again after a short pause.
BATCH_ATTEMPTS = 5


def _transient(error: BaseException) -> bool:
    from sqlalchemy.exc import OperationalError

    from desktop.services.errors import EnvironmentProblem

    if isinstance(error, EnvironmentProblem):
        return error.kind == "locked"
    if isinstance(error, OperationalError):
        text = str(error.orig).lower()
        return any(w in text for w in ("deadlock", "could not serialize", "database is locked", "lock timeout"))
    return False


def _bill_batch(ctx: ServiceContext, ids: list[int], p: Period, tariffs: RunTariffs, now: datetime,
                run_id: int) -> tuple[int, int, int, list[str]]:
    """Bill the accounts ``ids`` in one transaction (retried alone); (billed, skipped, accrued, notes)."""
    import time

    for attempt in range(BATCH_ATTEMPTS):
        try:
            with ctx.transaction() as s:
                if s.get_bind().dialect.name == "postgresql":
                    # A batch reads a few thousand rows by key. On the 2-million database the
                    # planner (meter_id's n_distinct sampled 25x too low) chose parallel scans of
                    # the readings table, 20 s a batch, and JIT-compiled every query: off for
                    # this transaction only.
                    s.connection().exec_driver_sql("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
                # Accounts billed meanwhile (another run's leftovers) are not billed again.
                done = set(s.connection().execute(select(_B.c.account_id).where(
                    _among(s, _B.c.account_id, ids), _B.c.period == p.key)).scalars())
                facts = _load_batch(s, [i for i in ids if i not in done], p)
                billed: list[_Billed] = []
                notes: list[str] = []
                for aid in ids:
                    f = facts.get(aid)
                    if f is None:
                        continue
                    try:
                        billed.append(_bill_one(f, p, tariffs, now))
                    except _Skip as why:
                        notes.append(f"{f.account.number}: {why}")
                accrued = sum(b.bill["charges_kopecks"] + b.bill["recalculation_kopecks"] for b in billed)
                # The run's row first, the accounts' rows last: batches of parallel workers queue
                # on the run's row holding no account lock, so a desk's payment waits for none of
                # that queue, only for one batch's balance update and commit.
                billing_runs.count_batch(s, run_id, len(billed), len(notes), accrued)
                _write(s, billed, run_id)
            return len(billed), len(notes), accrued, notes
        except IntegrityError:
            if attempt == BATCH_ATTEMPTS - 1:
                raise
        except Exception as error:  # only the transient ones are retried (the rest re-raised)
            if not _transient(error) or attempt == BATCH_ATTEMPTS - 1:
                raise
        time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _batches(ctx: ServiceContext, p: Period, branch_id: int | None, batch_size: int) -> Iterator[list[int]]:
    """The ids of the accounts still to bill, a batch at a time in id order (keyset).

    A window of accounts first, then its bills of the period by an id range: ``_pending``'s NOT
    EXISTS as one query was planned on PostgreSQL as a merge anti join whose bills side scanned
    every bill from the first account on each batch, so the batches slowed as the run billed
    (1.1 s a batch at 575,000 of 2,000,000). A batch may be short, or skipped, on a resumed run.
    """
    last_id = 0
    while True:
        with ctx.read() as s:
            window = list(s.scalars(_window(p, branch_id, last_id, batch_size)))
            if not window:
                return
            billed = set(s.scalars(select(Bill.account_id).where(
                Bill.account_id.between(window[0], window[-1]), Bill.period == p.key)))
        last_id = window[-1]
        ids = [i for i in window if i not in billed]
        if ids:
            yield ids


def run_billing(ctx: ServiceContext, period: str | Period, branch_code: str | None = None,
                progress: ProgressFn | None = None, batch_size: int = 500,
                workers: int | None = None) -> RunResult:
    """Bill every open account (of one branch) that has no bill for ``period`` yet.

    Seniors and administrators only. One run per period and branch at a time (RunInProgress
    names the other one); a dead run of the same period is marked interrupted and finished by
    this one. Each batch is one transaction; ``progress(done, total)`` returning False stops
    after the current batch and marks the run cancelled. Tariffs are read once, here.
    ``workers``: processes billing batches side by side (billing_workers); None chooses by the
    run's size and the machine (one for a small run).
    """
    from desktop.services import billing_workers

    ctx.require("senior")
    p = parse_period(period)
    now = ctx.now()  # in the company's zone: a bill issued at 01:30 Samara time carries that date
    if p.first_day > now.date():
        raise InputError(f"Период {p.key} ещё не начался", field="period")
    with ctx.read() as s:
        tariffs = RunTariffs(load_tariffs(s))
        first_price = min((t.valid_from for t in tariffs.rates), default=None)
        if first_price is None or p.last_day < first_price:
            # 1999-01 would "bill" nothing and still record a run: refuse a month with no prices.
            raise InputError(f"Для периода {p.key} нет тарифов: цены в базе начинаются с "
                             f"{first_price:%m.%Y}" if first_price else "В базе нет тарифов", field="period")
        branch_id = None
        if branch_code:
            branch_id = s.scalar(select(Branch.id).where(Branch.code == branch_code.upper()))
            if branch_id is None:
                raise NotFound(f"Нет отделения с кодом {branch_code}")
        payee = load_payee(s)
    try:
        # Bills are frozen on first print, with the payee of that day; a payee whose requisites
        # cannot make the QR code refuses the run rather than every print of its bills.
        qr_for(payee, "0" * 12, p.key, 0)
    except ValueError as error:
        raise InputError(f"Реквизиты получателя в настройках компании не годятся для QR-кода счёта: {error}",
                         field="payee") from None
    claimed = billing_runs.claim(ctx, p, branch_id, branch_code.upper() if branch_code else None)
    _TWO_MONTHS_FIRST.pop(p, None)  # each run finds out afresh (the workers fork with this state)
    run_id = claimed.run_id
    billed = skipped = accrued = done = 0
    problems: list[str] = []
    cancelled = False
    total = 0

    def batch_done(count: int, result: tuple[int, int, int, list[str]]) -> bool:
        nonlocal billed, skipped, accrued, done
        b, k, a, notes = result
        billed, skipped, accrued = billed + b, skipped + k, accrued + a
        problems.extend(notes[: max(0, 20 - len(problems))])
        done += count
        return progress is None or progress(min(done, total), total)

    try:
        with ctx.read() as s:
            count = select(func.count()).select_from(_pending(p, branch_id, 0, 10**12).subquery())
            total = s.scalar(count) or 0
        batches = _batches(ctx, p, branch_id, batch_size)
        if workers is None:
            workers = billing_workers.auto_workers(ctx, total)
        if workers > 1 and billing_workers.can_fork(ctx):
            job = billing_workers.Job(ctx, p, tariffs, now, run_id, os.getpid())
            cancelled = billing_workers.run_batches(job, batches, workers, batch_done)
        else:
            for ids in batches:
                if not batch_done(len(ids), _bill_batch(ctx, ids, p, tariffs, now, run_id)):
                    cancelled = True
                    break
    except BaseException as error:
        # Whatever stopped it (the database gone, the disk full, Ctrl+C), the run says so when
        # the database still answers; when it does not, the next claim finds it dead.
        with contextlib.suppress(Exception):  # the original error is the one to report
            billing_runs.finish(ctx, run_id, "interrupted", reason=f"{type(error).__name__}: {error}"[:300])
        raise
    billing_runs.finish(ctx, run_id, "cancelled" if cancelled else "done", branch=branch_code,
                        resumed=[r for r, _ in claimed.resumed])
    from desktop.services.mail_queue import queue_bill_emails

    # The bills of "bills by e-mail" customers go to the outgoing queue (each bill once);
    # `energodesk mail send` delivers them.
    emails = queue_bill_emails(ctx, p)
    return RunResult(run_id, p.key, branch_code.upper() if branch_code else None, total, billed, skipped,
                     accrued, cancelled, tuple(problems), claimed.resumed, emails)
