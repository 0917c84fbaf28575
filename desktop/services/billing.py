"""The monthly billing run, the list of an account's bills, and the frozen bill document.

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
frozen document, balance) or not at all. The unique (account, period) constraint and the
"no bill yet" selection make a second run of the same period charge nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.accounts import normalize_account
from desktop.core.billing import (
    BASIS_NAMES,
    BillDraft,
    BillInput,
    EstimatedCharge,
    draft_bill,
    norm_kwh,
    rates_for_period,
)
from desktop.core.consumption import ReadingError
from desktop.core.documents import (
    BASIS_AVERAGE,
    BASIS_METER,
    BASIS_NORM,
    BillDocument,
    BillLineDoc,
)
from desktop.core.payment_qr import DEMO_PAYEE, PayeeDetails, build_payload
from desktop.core.periods import Period, PeriodError
from desktop.core.tariffs import GROUP_NAMES, ZONE_NAMES, ZONES_BY_SCHEME, TariffError, TariffRate
from desktop.db.models import Account, Bill, BillingRun, BillLine, Branch, Customer, Meter, Payment, Reading
from desktop.services import audit
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound

ProgressFn = Callable[[int, int], bool]  # (done, total) -> keep going?

DOC_BASIS = {"meter": BASIS_METER, "average": BASIS_AVERAGE, "norm": BASIS_NORM}
BASIS_CODE = {v: k for k, v in DOC_BASIS.items()}
# Accounts carry no room count yet; the norm uses the two-room row (administrator-editable table).
DEFAULT_ROOMS = 2
# Readings entered as estimates are not meter readings (PP 354 п. 59 counts real ones only).
ESTIMATE_SOURCE = "estimate"
RANGE_ROMAN = {1: "", 2: ", диапазон II", 3: ", диапазон III"}
# How far back the average and the estimated streak look (6 + 6 months and a margin).
LOOKBACK_MONTHS = 14


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

def zone_label(zones: int, zone: str, range_no: int | None = None) -> str:
    """'День (T1)', 'Круглосуточно', 'Пик (T1), диапазон II'."""
    name = ZONE_NAMES[zones][zone].capitalize()
    label = name if zones == 1 else f"{name} ({zone})"
    return label + RANGE_ROMAN.get(range_no or 1, "")


def metered_history(real: Sequence[tuple[Period, Mapping[str, int]]], digits: int,
                    before: Period) -> list[tuple[Period, dict[str, int]]]:
    """Monthly kWh from consecutive real readings (oldest first), each span shared equally
    over its months (largest remainder, like draft_bill); only months before ``before``."""
    from desktop.core.tariffs import allocate_largest_remainder

    capacity = 10**digits
    out: list[tuple[Period, dict[str, int]]] = []
    for (p0, v0), (p1, v1) in zip(real, real[1:]):
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
    ordered = sorted(real)
    capacity = 10**digits
    out = []
    for p0, p1 in zip(ordered, ordered[1:]):
        v0, v1 = real[p0], real[p1]
        if p0.index() + 1 == p1.index() and v0.keys() == v1.keys():  # the usual case: one month
            out.append((p1, [(p1, {z: (v1[z] - v0[z]) % capacity for z in v1})]))
        else:
            out.append((p1, metered_history([(p0, v0), (p1, v1)], digits, p1.next())))
    return out


_TARIFF_CACHE: dict[tuple[int, str, int], list[TariffRate]] = {}


def tariffs_for(tariffs: Sequence[TariffRate], group: str, zones: int) -> list[TariffRate]:
    """The rates of one group and scheme (a much shorter list to scan per bill), cached."""
    key = (id(tariffs), group, zones)
    found = _TARIFF_CACHE.get(key)
    if found is None:
        if len(_TARIFF_CACHE) > 256:
            _TARIFF_CACHE.clear()
        found = _TARIFF_CACHE[key] = [r for r in tariffs if r.group == group and r.zones == zones]
    return found


def line_price(line: Any, tariffs: Sequence[TariffRate], group: str, zones: int) -> Decimal:
    """The printed price of a draft line; a recalculation spanning ranges shows that month's range I price."""
    if line.price is not None:
        return line.price
    return rates_for_period(tariffs, group, zones, line.period)[line.zone][0].price


def line_docs(draft: BillDraft, zones: int, tariffs: Sequence[TariffRate],
              group: str) -> tuple[BillLineDoc, ...]:
    """The printed lines of a draft (charges first, then recalculations with their reasons)."""
    docs = []
    for ln in draft.lines:
        price = line_price(ln, tariffs, group, zones)
        docs.append(BillLineDoc(
            zone_label(zones, ln.zone, ln.range_no if ln.kind == "charge" else None),
            DOC_BASIS[ln.basis], ln.previous_reading, ln.current_reading, ln.kwh, str(price),
            ln.amount_kopecks, ln.kind, ln.reason or "",
        ))
    return tuple(docs)


def qr_for(payee: PayeeDetails, account: str, period: str, amount_due_kopecks: int) -> str:
    """The GOST payload; payer name and address stay out (they would make the code too big)."""
    year, month = period.split("-")
    return build_payload(payee, account=account, amount_kopecks=amount_due_kopecks, period=period,
                         purpose=f"Оплата электроэнергии за {month}.{year}")


@dataclass(frozen=True)
class Payer:
    account: str
    name: str
    address: str
    branch_name: str
    residents: int
    group: str
    meter_serial: str


def make_document(payer: Payer, payee: PayeeDetails, period: str, issue: date, due: date,
                  lines: Sequence[BillLineDoc], opening: int, payments: int, charges: int,
                  recalcs: int, amount_due: int) -> BillDocument:
    return BillDocument(
        payee=payee, account=payer.account, payer_name=payer.name, address=payer.address,
        branch_name=payer.branch_name, residents=payer.residents,
        consumer_group=GROUP_NAMES.get(payer.group, payer.group).capitalize(),
        period=period, issue_date=issue, due_date=due, meter_serial=payer.meter_serial,
        lines=tuple(lines), opening_balance_kopecks=opening, payments_kopecks=payments,
        charges_kopecks=charges, recalculations_kopecks=recalcs, amount_due_kopecks=amount_due,
        qr_payload=qr_for(payee, payer.account, period, amount_due),
    )


# --- loading the facts of a batch ------------------------------------------------------------

@dataclass
class _Facts:
    account: Account
    customer: Customer
    branch: Branch
    meter: Meter | None = None
    # Real readings per period: the last value per zone, and whether it was a rollover.
    real: dict[Period, dict[str, int]] = field(default_factory=dict)
    rollover: dict[Period, set[str]] = field(default_factory=dict)
    bills: list[tuple[Bill, list[BillLine]]] = field(default_factory=list)
    payments: list[tuple[datetime, int]] = field(default_factory=list)


def _load_batch(session: Session, ids: Sequence[int], period: Period) -> dict[int, _Facts]:
    facts: dict[int, _Facts] = {}
    for acc, cust, branch in session.execute(
        select(Account, Customer, Branch).join(Customer, Account.customer_id == Customer.id)
        .join(Branch, Account.branch_id == Branch.id).where(Account.id.in_(ids))
    ):
        facts[acc.id] = _Facts(acc, cust, branch)
    meters: dict[int, Meter] = {}
    for meter in session.scalars(
        select(Meter).where(Meter.account_id.in_(ids), Meter.installed_on <= period.last_day,
                            (Meter.removed_on.is_(None)) | (Meter.removed_on >= period.first_day))
        .order_by(Meter.installed_on, Meter.id)
    ):
        facts[meter.account_id].meter = meter  # the latest installed wins
        meters[meter.id] = meter
    if meters:
        for meter_id, zone, value, period_key, rollover in session.execute(
            select(Reading.meter_id, Reading.zone, Reading.value, Reading.period, Reading.rollover)
            .where(Reading.meter_id.in_(list(meters)), Reading.source != ESTIMATE_SOURCE,
                   Reading.period <= period.key)
            .order_by(Reading.taken_on, Reading.id)
        ):
            f = facts[meters[meter_id].account_id]
            if f.meter is None or f.meter.id != meter_id:
                continue
            p = Period.parse(period_key)
            f.real.setdefault(p, {})[zone] = value
            if rollover:
                f.rollover.setdefault(p, set()).add(zone)
            else:
                f.rollover.get(p, set()).discard(zone)
    since = period.shift(-LOOKBACK_MONTHS).key
    bills = session.scalars(
        select(Bill).where(Bill.account_id.in_(ids), Bill.period >= since).order_by(Bill.period)
    ).all()
    lines: dict[int, list[BillLine]] = defaultdict(list)
    if bills:
        for ln in session.scalars(select(BillLine).where(BillLine.bill_id.in_([b.id for b in bills]))
                                  .order_by(BillLine.bill_id, BillLine.line_no)):
            lines[ln.bill_id].append(ln)
    for bill in bills:
        facts[bill.account_id].bills.append((bill, lines[bill.id]))
    for aid, amount, posted in session.execute(
        select(Payment.account_id, Payment.amount_kopecks, Payment.posted_at)
        .where(Payment.account_id.in_(ids))
        .where(Payment.posted_at >= datetime.combine(period.shift(-LOOKBACK_MONTHS).first_day,
                                                     datetime.min.time(), tzinfo=UTC))
    ):
        facts[aid].payments.append((posted, amount))
    return facts


def _bill_basis(lines: Iterable[BillLine]) -> str:
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

    ``spans`` (optional, for speed) is ``metered_spans(real)`` computed once per account.
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
    if spans is None:
        history = metered_history([(p, real[p]) for p in real_before], digits, period)
    else:
        history = [m for end, months in spans if end < period for m in months]
    streak: list[EstimatedCharge] = []
    p = period.prev()
    while p in estimated and estimated[p] is not None:
        streak.append(estimated[p])  # type: ignore[arg-type]
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


def _prepare(f: _Facts, period: Period, tariffs: Sequence[TariffRate],
             now: datetime) -> tuple[BillDraft, int]:
    """The draft of one account (from the loaded facts) and its zone scheme."""
    acc, meter = f.account, f.meter
    zones = meter.zones if meter is not None else 1
    estimated: dict[Period, EstimatedCharge | None] = {}
    for bill, lines in f.bills:
        basis = _bill_basis(lines)
        if basis == "meter":
            estimated[Period.parse(bill.period)] = None
            continue
        kwh: dict[str, int] = defaultdict(int)
        amounts: dict[str, int] = defaultdict(int)
        for ln in lines:
            if ln.kind == "charge":
                kwh[ln.zone] += ln.kwh
                amounts[ln.zone] += ln.amount_kopecks
        estimated[Period.parse(bill.period)] = EstimatedCharge(Period.parse(bill.period), basis, dict(kwh),
                                                               dict(amounts))
    last_bill_at = f.bills[-1][0].created_at if f.bills else None
    start = last_bill_at or datetime.combine(period.first_day, datetime.min.time(), tzinfo=UTC)
    payments = sum(a for at, a in f.payments if start <= at <= now)
    draft = draft_from_facts(
        period, group=acc.consumer_group, zones=zones, digits=meter.digits if meter is not None else 6,
        residents=acc.residents, range_threshold_kwh=acc.range_threshold_kwh,
        meter_installed=Period.of(meter.installed_on) if meter is not None else None,
        real=f.real, rollover=f.rollover, estimated=estimated, balance_kopecks=acc.balance_kopecks,
        payments_kopecks=payments, tariffs=tariffs_for(tariffs, acc.consumer_group, zones),
        spans=metered_spans(f.real, meter.digits if meter is not None else 6))
    return draft, zones


def _bill_one(session: Session, f: _Facts, period: Period, tariffs: Sequence[TariffRate],
              payee: PayeeDetails, now: datetime, run_id: int | None) -> Bill:
    draft, zones = _prepare(f, period, tariffs, now)
    acc = f.account
    payer = Payer(acc.number, f.customer.full_name, acc.address, f.branch.name, acc.residents,
                  acc.consumer_group, f.meter.serial if f.meter is not None else "—")
    issue = now.date()
    # A late run (an old period) must not print a due date before the issue date.
    due = draft.due_date if draft.due_date > issue else issue + timedelta(days=10)
    try:
        doc = make_document(payer, payee, period.key, issue, due,
                            line_docs(draft, zones, tariffs, acc.consumer_group),
                            draft.opening_balance_kopecks, draft.payments_kopecks, draft.charges_kopecks,
                            draft.recalculation_kopecks, draft.amount_due_kopecks)
    except ValueError as error:  # DocumentError, PaymentQrError: nothing was added yet
        raise _Skip(str(error)) from None
    bill = Bill(
        account_id=acc.id, period=period.key, run_id=run_id, issued_on=issue, due_on=due,
        opening_balance_kopecks=draft.opening_balance_kopecks, charges_kopecks=draft.charges_kopecks,
        recalculation_kopecks=draft.recalculation_kopecks, payments_kopecks=draft.payments_kopecks,
        amount_due_kopecks=draft.amount_due_kopecks, document=doc.to_json(), created_at=now,
    )
    bill.lines = [
        BillLine(line_no=i, kind=ln.kind, zone=ln.zone, basis=ln.basis, previous_reading=ln.previous_reading,
                 current_reading=ln.current_reading, kwh=ln.kwh,
                 price_kopecks=int(line_price(ln, tariffs, acc.consumer_group, zones) * 100),
                 amount_kopecks=ln.amount_kopecks, reason=ln.reason or "")
        for i, ln in enumerate(draft.lines, start=1)
    ]
    session.add(bill)
    acc.balance_kopecks = acc.balance_kopecks - draft.accrued_kopecks
    return bill


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

    def summary(self) -> str:
        state = "отменён" if self.cancelled else "завершён"
        return (f"Расчёт за {self.period}{' (' + self.branch + ')' if self.branch else ''} {state}: "
                f"выставлено счетов {self.billed} из {self.total}, пропущено {self.skipped}")


def _pending(period: Period, branch_id: int | None, after_id: int, limit: int) -> Any:
    query = (select(Account.id).where(
        Account.id > after_id,
        Account.opened_on <= period.last_day,
        (Account.closed_on.is_(None)) | (Account.closed_on >= period.first_day),
        ~exists().where(and_(Bill.account_id == Account.id, Bill.period == period.key)),
    ).order_by(Account.id).limit(limit))
    if branch_id is not None:
        query = query.where(Account.branch_id == branch_id)
    return query


def run_billing(ctx: ServiceContext, period: str | Period, branch_code: str | None = None,
                progress: ProgressFn | None = None, batch_size: int = 500) -> RunResult:
    """Bill every open account (of one branch) that has no bill for ``period`` yet.

    Seniors and administrators only. Each batch is one transaction; ``progress(done, total)``
    returning False stops after the current batch and marks the run cancelled.
    """
    ctx.require("senior")
    p = parse_period(period)
    now = ctx.now()  # in the company's zone: a bill issued at 01:30 Samara time carries that date
    if p.first_day > now.date():
        raise InputError(f"Период {p.key} ещё не начался", field="period")
    with ctx.transaction() as s:
        tariffs = load_tariffs(s)
        first_price = min((t.valid_from for t in tariffs), default=None)
        if first_price is None or p.last_day < first_price:
            # 1999-01 would "bill" nothing and still record a run: refuse a month with no prices.
            raise InputError(f"Для периода {p.key} нет тарифов: цены в базе начинаются с "
                             f"{first_price:%m.%Y}" if first_price else "В базе нет тарифов", field="period")
        branch_id = None
        if branch_code:
            branch_id = s.scalar(select(Branch.id).where(Branch.code == branch_code.upper()))
            if branch_id is None:
                raise NotFound(f"Нет отделения с кодом {branch_code}")
        count = select(func.count()).select_from(_pending(p, branch_id, 0, 10**12).subquery())
        total = s.scalar(count) or 0
        run = BillingRun(period=p.key, branch_id=branch_id, operator_id=ctx.actor.operator_id,
                         started_at=now, state="running")
        s.add(run)
        s.flush()
        run_id = run.id
        payee = load_payee(s)
    billed = skipped = accrued = done = 0
    problems: list[str] = []
    cancelled = False
    last_id = 0
    while True:
        with ctx.transaction() as s:
            ids = list(s.scalars(_pending(p, branch_id, last_id, batch_size)))
        if not ids:
            break
        for attempt in range(2):
            try:
                with ctx.transaction() as s:
                    facts = _load_batch(s, ids, p)
                    b = k = a = 0
                    notes = []
                    for aid in ids:
                        f = facts.get(aid)
                        if f is None:
                            continue
                        try:
                            bill = _bill_one(s, f, p, tariffs, payee, now, run_id)
                        except _Skip as why:
                            k += 1
                            notes.append(f"{f.account.number}: {why}")
                            continue
                        b += 1
                        a += bill.charges_kopecks + bill.recalculation_kopecks
                break
            except IntegrityError:  # another desk billed some of them first: reselect
                with ctx.transaction() as s:
                    ids = [i for i in ids if not s.scalar(
                        select(func.count()).where(Bill.account_id == i, Bill.period == p.key))]
                if attempt:
                    raise
        billed, skipped, accrued = billed + b, skipped + k, accrued + a
        problems.extend(notes[: max(0, 20 - len(problems))])
        done += len(ids)
        last_id = ids[-1]
        if progress is not None and not progress(min(done, total), total):
            cancelled = True
            break
    with ctx.transaction() as s:
        run = s.get(BillingRun, run_id)
        assert run is not None
        run.state = "cancelled" if cancelled else "done"
        run.finished_at = ctx.clock()
        run.billed, run.skipped = billed, skipped
        audit.record(s, ctx, "billing.run", entity="billing_run", entity_id=run_id, period=p.key,
                     branch=branch_code, billed=billed, skipped=skipped, accrued_kopecks=accrued,
                     state=run.state)
    return RunResult(run_id, p.key, branch_code.upper() if branch_code else None, total, billed, skipped,
                     accrued, cancelled, tuple(problems))


# --- reading bills back ----------------------------------------------------------------------

@dataclass(frozen=True)
class BillRow:
    """One line of the account's bills list."""

    period: str
    amount_due_kopecks: int
    paid: bool
    basis: str  # "meter" | "average" | "norm"
    issued_on: date
    accrued_kopecks: int

    @property
    def basis_name(self) -> str:
        return BASIS_NAMES[self.basis]


def _account_id(s: Session, number: str) -> int:
    normalized = normalize_account(number)
    if normalized is None:
        raise InputError("Номер лицевого счёта — 12 цифр", field="account")
    aid = s.scalar(select(Account.id).where(Account.number == normalized))
    if aid is None:
        raise NotFound(f"Лицевой счёт {normalized} не найден")
    return aid


def bills_for_account(ctx: ServiceContext, number: str) -> list[BillRow]:
    """The account's bills, newest first. A bill counts as paid when the payments posted after
    it (until the next bill) cover its amount due."""
    with ctx.read() as s:
        aid = _account_id(s, number)
        bills = s.execute(
            select(Bill.id, Bill.period, Bill.amount_due_kopecks, Bill.created_at, Bill.issued_on,
                   Bill.charges_kopecks + Bill.recalculation_kopecks)
            .where(Bill.account_id == aid).order_by(Bill.period)
        ).all()
        basis = dict(s.execute(
            select(BillLine.bill_id, BillLine.basis)
            .where(BillLine.bill_id.in_([b.id for b in bills]), BillLine.line_no == 1)
        ).all()) if bills else {}
        payments = s.execute(select(Payment.posted_at, Payment.amount_kopecks)
                             .where(Payment.account_id == aid)).all()
    rows = []
    for i, b in enumerate(bills):
        until = bills[i + 1].created_at if i + 1 < len(bills) else None
        paid_after = sum(a for at, a in payments if at >= b.created_at and (until is None or at < until))
        rows.append(BillRow(b.period, b.amount_due_kopecks, paid_after >= b.amount_due_kopecks,
                            basis.get(b.id, "meter"), b.issued_on, b[5]))
    return rows[::-1]


def _freeze_stored(s: Session, bill: Bill) -> BillDocument:
    """Lazy freeze of a bill stored without its document (bulk demo data): built once from the
    stored bill and lines, then saved, so every later print is this same document."""
    acc, cust, branch = s.execute(
        select(Account, Customer, Branch).join(Customer, Account.customer_id == Customer.id)
        .join(Branch, Account.branch_id == Branch.id).where(Account.id == bill.account_id)).one()
    period = Period.parse(bill.period)
    meter = s.scalars(select(Meter).where(Meter.account_id == acc.id, Meter.installed_on <= period.last_day)
                      .order_by(Meter.installed_on.desc(), Meter.id.desc()).limit(1)).first()
    zones = meter.zones if meter is not None else 1
    lines = s.scalars(select(BillLine).where(BillLine.bill_id == bill.id).order_by(BillLine.line_no)).all()
    docs, ranges = [], defaultdict(int)
    for ln in lines:
        # Charge lines of one zone come in range order (I, II, III), as draft_bill made them.
        range_no = None
        if ln.kind == "charge":
            ranges[ln.zone] += 1
            range_no = ranges[ln.zone]
        docs.append(BillLineDoc(zone_label(zones, ln.zone, range_no), DOC_BASIS[ln.basis], ln.previous_reading,
                                ln.current_reading, ln.kwh, str(Decimal(ln.price_kopecks) / 100),
                                ln.amount_kopecks, ln.kind, ln.reason))
    payer = Payer(acc.number, cust.full_name, acc.address, branch.name, acc.residents, acc.consumer_group,
                  meter.serial if meter is not None else "—")
    doc = make_document(payer, load_payee(s), bill.period, bill.issued_on, bill.due_on, docs,
                        bill.opening_balance_kopecks, bill.payments_kopecks, bill.charges_kopecks,
                        bill.recalculation_kopecks, bill.amount_due_kopecks)
    bill.document = doc.to_json()
    return doc


def bill_document(ctx: ServiceContext, number: str, period: str | Period) -> BillDocument:
    """The frozen document of one bill (NotFound when there is no bill for that month)."""
    p = parse_period(period)
    with ctx.transaction() as s:
        aid = _account_id(s, number)
        bill = s.scalar(select(Bill).where(Bill.account_id == aid, Bill.period == p.key))
        if bill is None:
            raise NotFound(f"Нет счёта за {p.name} по лицевому счёту {normalize_account(number)}")
        if not bill.document:
            return _freeze_stored(s, bill)
        return BillDocument.from_json(bill.document)


def bill_pdf(ctx: ServiceContext, number: str, period: str | Period) -> bytes:
    """The bill as PDF bytes: exactly what the desk prints and `energodesk bill pdf` writes."""
    from desktop.printing.bill_pdf import render_bill

    return render_bill(bill_document(ctx, number, period))


def bills_pdf(ctx: ServiceContext, number: str, periods: Sequence[str]) -> bytes:
    """Several months of one account as one PDF, oldest first (the desk's multi-month print)."""
    from desktop.printing.bill_pdf import render_bills
    import io

    docs = [bill_document(ctx, number, p) for p in sorted(periods)]
    buf = io.BytesIO()
    render_bills(docs, buf)
    return buf.getvalue()


def branch_bill_documents(ctx: ServiceContext, branch_code: str, period: str | Period,
                          batch_size: int = 500) -> Iterable[BillDocument]:
    """The documents of a branch's bills for a month, in account order, fetched in batches
    (for the batch print: memory stays flat)."""
    p = parse_period(period)
    with ctx.read() as s:
        branch_id = s.scalar(select(Branch.id).where(Branch.code == branch_code.upper()))
        if branch_id is None:
            raise NotFound(f"Нет отделения с кодом {branch_code}")
    last = ""
    while True:
        with ctx.transaction() as s:
            rows = s.execute(
                select(Account.number, Bill).join(Bill, Bill.account_id == Account.id)
                .where(Account.branch_id == branch_id, Bill.period == p.key, Account.number > last)
                .order_by(Account.number).limit(batch_size)).all()
            docs = [BillDocument.from_json(b.document) if b.document else _freeze_stored(s, b)
                    for _, b in rows]
        if not rows:
            return
        last = rows[-1][0]
        yield from docs


def count_branch_bills(ctx: ServiceContext, branch_code: str, period: str | Period) -> int:
    p = parse_period(period)
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(Bill).join(Account, Bill.account_id == Account.id)
                        .join(Branch, Account.branch_id == Branch.id)
                        .where(Branch.code == branch_code.upper(), Bill.period == p.key)) or 0
