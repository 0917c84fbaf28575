"""Deterministic row generation for demo data: the same seed gives the same database."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.text import fold
from desktop.services.demo import names

# Winter peak: January is about 1.5x a summer month (electric heaters, short days).
SEASON = (1.45, 1.35, 1.15, 1.0, 0.85, 0.78, 0.78, 0.82, 0.9, 1.05, 1.25, 1.42)
ZONE_SHARES = {1: (1.0,), 2: (0.68, 0.32), 3: (0.42, 0.33, 0.25)}
ZONE_NAMES = ("T1", "T2", "T3")


_REMOTE = {"cash": "bank", "card": "online", "online": "online", "bank": "bank"}


@dataclass(frozen=True)
class DemoPlan:
    """What to generate: how many customers, the seed, and the months of history."""

    customers: int
    seed: int = 1
    months: int = 24
    # The last billed period is the month before ``today``.
    today: date = date(2026, 11, 30)
    # Months billed (the last ones); None: every month up to LARGE_DEMO customers, fewer above.
    bill_months: int | None = None
    dialect: str = "sqlite"  # how timestamps are written for the bulk loader

    @property
    def billed_months(self) -> int:
        wanted = self.bill_months if self.bill_months is not None else default_bill_months(self.customers)
        return max(0, min(wanted, self.months))


# Above this many customers the demo bills only the last months (see default_bill_months).
LARGE_DEMO = 50_000


def default_bill_months(customers: int) -> int:
    """24 months of bills up to 50,000 customers; only the last month above: a bill costs about
    0.2-0.3 ms of Python arithmetic in the generating process, and 2 million × 24 bills would
    not fit the 20-minute budget of `energodesk demo --customers 2000000` on SQLite."""
    return 24 if customers <= LARGE_DEMO else 1


def months_back(today: date, count: int) -> list[tuple[int, int]]:
    """The ``count`` whole months before ``today``'s month, oldest first."""
    year, month = today.year, today.month
    out = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append((year, month))
    return out[::-1]


def account_number(branch_no: int, index: int) -> str:
    """A 12-digit number: two digits of the branch, ten scrambled from the index (unique)."""
    # 7_919_317 is coprime with 10**10, so the map index -> suffix is a bijection.
    return f"{branch_no:02d}{(index * 7_919_317 + 1_234_567) % 10**10:010d}"


@dataclass
class CustomerRows:
    """The rows of one chunk of customers, as tuples in table column order."""

    customers: list[tuple[Any, ...]]
    accounts: list[tuple[Any, ...]]
    meters: list[tuple[Any, ...]]
    readings: list[tuple[Any, ...]]
    monthly: list[tuple[Any, ...]]  # (account_id, period, kwh per zone tuple, price basis) for bills
    bills: list[tuple[Any, ...]] = field(default_factory=list)
    bill_lines: list[tuple[Any, ...]] = field(default_factory=list)
    payments: list[tuple[Any, ...]] = field(default_factory=list)
    online: list[tuple[Any, ...]] = field(default_factory=list)
    balances: dict[int, int] = field(default_factory=dict)


def generate_chunk(plan: DemoPlan, start: int, stop: int, branch_ids: list[int]) -> CustomerRows:
    """Rows for customers ``start``..``stop``-1 (ids are index + 1); independent of chunking."""
    # One month more than the history: its reading is the baseline of the first month's consumption.
    periods = months_back(plan.today, plan.months + 1)
    customers: list[tuple[Any, ...]] = []
    accounts: list[tuple[Any, ...]] = []
    meters: list[tuple[Any, ...]] = []
    readings: list[tuple[Any, ...]] = []
    monthly: list[tuple[Any, ...]] = []
    weights = names.BRANCH_WEIGHTS
    reading_id = start * (plan.months + 1) * 3  # disjoint id ranges per customer (3 zones max)
    billing = _DemoBilling(plan, periods) if plan.billed_months else None
    first_reading = 0
    for index in range(start, stop):
        rnd = random.Random(plan.seed * 1_000_003 + index)
        cid = index + 1
        female = rnd.random() < 0.55
        surname = rnd.choice(names.MALE_SURNAMES)
        last = names.female_surname(surname) if female else surname
        first = rnd.choice(names.FEMALE_NAMES if female else names.MALE_NAMES)
        middle = names.patronymic(rnd.choice(names.PATRONYMIC_STEMS), female)
        phone = f"79{rnd.randrange(10**9):09d}" if rnd.random() < 0.85 else None
        email = f"user{cid}@example.ru" if rnd.random() < 0.4 else None
        customers.append((cid, last, first, middle, fold(f"{last} {first} {middle}"), phone, email))

        branch_index = rnd.choices(range(len(names.BRANCHES)), weights)[0]
        _code, _, town, _ = names.BRANCHES[branch_index]
        rural = branch_index == 5 or rnd.random() < 0.05
        group = "rural" if rural else ("electric_stove" if rnd.random() < 0.15 else "urban")
        street = rnd.choice(names.STREETS)
        house = str(rnd.randint(1, 120))
        flat = "" if rural else str(rnd.randint(1, 180))
        residents = rnd.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))
        aid = cid
        opened = date(rnd.randint(1995, 2023), rnd.randint(1, 12), 1).isoformat()
        # Balances are set after billing; debtors and overpayers come from the payment habits.
        accounts.append(
            (aid, account_number(branch_index + 1, index), cid, branch_ids[branch_index], town, street, house,
             flat, fold(town), fold(street), group, residents, opened)
        )

        zones = rnd.choices((1, 2, 3), (55, 35, 10))[0]
        digits = rnd.choice((5, 6, 6))
        installed = date(rnd.randint(2012, 2023), rnd.randint(1, 12), rnd.randint(1, 28))
        # Single-phase meters are verified every 16 years; a few are overdue.
        verify_year = installed.year + 16 if rnd.random() > 0.03 else plan.today.year - 1
        meters.append(
            (aid, aid, f"{rnd.randrange(10**8):08d}", zones, digits, installed.isoformat(),
             date(verify_year, installed.month, installed.day).isoformat())
        )
        capacity = 10**digits
        base = rnd.lognormvariate(5.3, 0.45)  # median about 200 kWh a month
        shares = ZONE_SHARES[zones]
        values = [rnd.randrange(capacity) for _ in range(zones)]
        skip_streak = 0
        periods_first = f"{periods[0][0]:04d}-{periods[0][1]:02d}"
        for year, month in periods:
            period = f"{year:04d}-{month:02d}"
            kwh_total = max(0, int(base * SEASON[month - 1] * rnd.uniform(0.85, 1.15)))
            per_zone = [int(kwh_total * share) for share in shares]
            for z in range(zones):
                values[z] = (values[z] + per_zone[z]) % capacity  # a register rolls over
            # About one reading in twelve is missing: those months are billed on the average.
            missing = skip_streak == 0 and period != periods_first and rnd.random() < 0.08
            skip_streak = 0 if not missing else 1
            day = rnd.randint(15, 25)
            taken = date(year, month, day).isoformat()
            if not missing:
                source = "online" if rnd.random() < 0.3 else "operator"
                for z in range(zones):
                    reading_id += 1
                    readings.append((reading_id, aid, ZONE_NAMES[z], values[z], taken, period, source))
            monthly.append((aid, period, tuple(per_zone), missing))
        reading_id = (index + 1) * (plan.months + 1) * 3
        if billing is not None:
            real: dict[str, dict[str, int]] = {}
            for r in readings[first_reading:]:
                real.setdefault(r[5], {})[r[2]] = r[3]
            billing.customer(index, aid, group, residents, zones, digits, installed, real)
            if rnd.random() < 0.25:  # a quarter registered in the online account
                billing.online.append((aid, aid, account_number(branch_index + 1, index), False, 0, False,
                                       billing.stamp(date(2024, 1 + index % 12, 1 + index % 28))))
        first_reading = len(readings)
    rows = CustomerRows(customers, accounts, meters, readings, monthly)
    if billing is not None:
        rows.bills, rows.bill_lines, rows.payments = billing.bills, billing.lines, billing.payments
        rows.online, rows.balances = billing.online, billing.balances
    return rows


def chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    """[start, stop) ranges covering ``total``."""
    for start in range(0, total, size):
        yield start, min(total, start + size)



class _DemoBilling:
    """Bills, payments and balances of the demo, computed with the billing run's own arithmetic
    (desktop.services.billing.draft_from_facts), so demo bills equal what `bill run` produces.

    Bill documents are not frozen here (2 KB of JSON per bill would dominate the build): they
    are frozen lazily on first print from the stored bill and lines (services.bill_documents.bill_document).
    """

    def __init__(self, plan: DemoPlan, periods: list[tuple[int, int]]) -> None:
        from desktop.core.periods import Period
        from desktop.core.tariffs import SAMARA_TARIFFS

        self.plan = plan
        from desktop.services.billing import RunTariffs

        self.tariffs = RunTariffs(SAMARA_TARIFFS)  # the table the migration seeds, split once
        all_periods = [Period(y, m) for y, m in periods]
        self.billed = all_periods[-plan.billed_months:]
        from desktop.services.billing import LOOKBACK_MONTHS

        self.cutoff = self.billed[0].shift(-LOOKBACK_MONTHS).key if self.billed else ""
        self.bills: list[tuple[Any, ...]] = []
        self.lines: list[tuple[Any, ...]] = []
        self.payments: list[tuple[Any, ...]] = []
        self.online: list[tuple[Any, ...]] = []
        self.balances: dict[int, int] = {}

    def stamp(self, day: date, hour: int = 6) -> str:
        """A UTC timestamp as the bulk loader of this database reads it."""
        text = f"{day.isoformat()} {hour:02d}:00:00"
        return text + ("+00" if self.plan.dialect == "postgresql" else ".000000")

    def customer(self, index: int, aid: int, group: str, residents: int, zones: int, digits: int,
                 installed: date, real_by_key: dict[str, dict[str, int]]) -> None:
        from desktop.core.periods import Period
        from desktop.services.billing import _Skip, draft_from_facts, line_price, metered_spans

        rnd = random.Random(self.plan.seed * 7_000_003 + index)
        habit = rnd.choices(("good", "debtor", "overpayer"), (76, 14, 10))[0]
        # Only the months the arithmetic can look at (6 metered + 6 estimated and a margin): the demo
        # never misses two readings in a row, so this equals loading the whole history.
        real = {Period(int(k[:4]), int(k[5:])): v for k, v in real_by_key.items() if k >= self.cutoff}
        spans = metered_spans(real, digits)
        tariffs = self.tariffs.of(group, zones)
        estimated: dict[Any, Any] = {}
        balance = paid_since = 0
        k = len(self.billed)
        for j, period in enumerate(self.billed):
            try:
                draft = draft_from_facts(
                    period, group=group, zones=zones, digits=digits, residents=residents,
                    range_threshold_kwh=1200, meter_installed=Period.of(installed), real=real, rollover={},
                    estimated=estimated, balance_kopecks=balance, payments_kopecks=paid_since,
                    tariffs=tariffs, spans=spans)
            except _Skip:
                continue
            estimated[period] = draft.as_estimated()
            bill_id = index * k + j + 1
            issued = period.next().first_day
            self.bills.append((bill_id, aid, period.key, issued.isoformat(), draft.due_date.isoformat(),
                               draft.opening_balance_kopecks, draft.charges_kopecks,
                               draft.recalculation_kopecks, draft.payments_kopecks, draft.amount_due_kopecks,
                               "", self.stamp(issued)))
            for n, ln in enumerate(draft.lines, start=1):
                self.lines.append((bill_id * 64 + n, bill_id, n, ln.kind, ln.zone, ln.basis, ln.previous_reading,
                                   ln.current_reading, ln.kwh, int(line_price(ln, tariffs, group, zones) * 100),
                                   ln.amount_kopecks, ln.reason or ""))
            balance -= draft.accrued_kopecks
            due = draft.amount_due_kopecks
            amount = 0
            if habit == "good" and due and rnd.random() < 0.95:
                amount = due
            elif habit == "debtor" and due and rnd.random() < 0.5:
                amount = int(due * rnd.uniform(0.3, 1.0))
            elif habit == "overpayer":
                amount = (due // 50_000 + 1 + rnd.randint(0, 2)) * 50_000
            paid_since = amount
            if amount:
                balance += amount
                day = period.next().first_day.replace(day=rnd.randint(3, 25))
                # Money taken at a desk belongs to a cash shift (ck_payments_desk_money_in_shift);
                # the demo has no shift history, so its past payments came by bank or online. The
                # four-way draw stays so that one seed still makes the same data.
                method = _REMOTE[rnd.choice(("cash", "card", "online", "bank"))]
                self.payments.append((bill_id, aid, "payment", method,
                                      amount, f"demo-{aid}-{period.key}", self.stamp(day, 10), "", "none"))
        self.balances[aid] = balance
