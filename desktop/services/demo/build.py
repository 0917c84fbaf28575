"""Filling an empty database with demo data, in chunks, with progress and a cancel flag.

All or nothing: branches, operators and every generated row go in one transaction, so a build
that is killed, runs out of disk or is cancelled leaves the database as it was (and on SQLite
keeps its search triggers: they are dropped inside that transaction). What an interrupted build
of an older version left behind (branches and operators without accounts, lost triggers) is
cleared and repaired by the next build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from desktop.core.passwords import hash_password
from desktop.db.locks import begin_writing
from desktop.db.models import Account, Branch, Operator
from desktop.services.demo import names
from desktop.services.demo.generator import CustomerRows, DemoPlan, chunks, generate_chunk
from desktop.services.demo.loader import (
    bulk_insert,
    repair_search_triggers,
    reset_sequences,
    resume_search_triggers,
    sqlite_value,
    suspend_search_triggers,
)
from desktop.services.errors import InputError

CHUNK = 20_000
DEMO_PASSWORD = "demo-desk-1"  # printed by `energodesk demo`; demo databases only
CREATED = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
# Three people per branch, in branch order: senior, operator 1, operator 2.
DEMO_STAFF = (
    "Кузнецова Е. А.", "Морозова О. В.", "Лебедев А. С.",
    "Фёдорова Н. И.", "Соколова Т. П.", "Ершов Д. В.",
    "Волкова М. Ю.", "Алексеева И. Н.", "Семёнов П. А.",
    "Никитина Л. Г.", "Орлова Ю. С.", "Захаров К. Е.",
    "Королёва А. Р.", "Григорьева Е. В.", "Жуков Р. М.",
    "Тарасова В. Д.", "Белова С. А.", "Антонов Г. Ф.",
)

CUSTOMER_COLUMNS = ("id", "last_name", "first_name", "middle_name", "name_key", "phone", "email",
                    "created_at", "version")
ACCOUNT_COLUMNS = ("id", "number", "customer_id", "branch_id", "town", "street", "house", "flat",
                   "town_key", "street_key", "consumer_group", "residents", "opened_on",
                   "range_threshold_kwh", "balance_kopecks", "bills_by_email_only", "sms_notifications",
                   "version")
METER_COLUMNS = ("id", "account_id", "serial", "zones", "digits", "installed_on",
                 "next_verification_on", "model")
BILL_COLUMNS = ("id", "account_id", "period", "issued_on", "due_on", "opening_balance_kopecks",
                "charges_kopecks", "recalculation_kopecks", "payments_kopecks", "amount_due_kopecks",
                "document", "created_at")
BILL_LINE_COLUMNS = ("id", "bill_id", "line_no", "kind", "zone", "basis", "previous_reading",
                     "current_reading", "kwh", "price_kopecks", "amount_kopecks", "reason")
PAYMENT_COLUMNS = ("id", "account_id", "kind", "method", "amount_kopecks", "idempotency_key", "posted_at",
                   "reason", "receipt_state")
ONLINE_COLUMNS = ("id", "account_id", "login", "must_change_password", "failed_attempts", "locked",
                  "registered_at", "password_hash")
# Every demo online account shares ONE Argon2 hash computed once: Argon2 is slow on purpose
# (tens of milliseconds and many MB per hash), so hashing per account would take hours at
# 2 million customers. Demo customers' passwords are not secrets anyway.
DEMO_ONLINE_PASSWORD = "demo-online-1"
READING_COLUMNS = ("id", "meter_id", "zone", "value", "taken_on", "period", "source", "entered_at",
                   "rollover")


@dataclass(frozen=True)
class DemoLogin:
    """A demo operator's login to print for the user."""

    login: str
    role: str
    branch: str


ProgressFn = Callable[[int, int], bool]  # (done, total) -> keep going?


def _seed_reference(session: Session, plan: DemoPlan, hashed: str) -> tuple[list[int], list[DemoLogin]]:
    branch_ids = []
    for code, name, town, address in names.BRANCHES:
        branch = Branch(code=code, name=name, town=town, address=address)
        session.add(branch)
        session.flush()
        branch_ids.append(branch.id)
    logins = [DemoLogin("admin", "admin", "SAM")]
    session.add(Operator(login="admin", full_name="Администратор", role="admin", branch_id=branch_ids[0],
                         password_hash=hashed))
    staff = iter(DEMO_STAFF)
    for (code, *_), branch_id in zip(names.BRANCHES, branch_ids, strict=True):
        for role, suffix in (("senior", "senior"), ("operator", "op1"), ("operator", "op2")):
            login = f"{code.lower()}.{suffix}"
            session.add(Operator(login=login, full_name=next(staff), role=role,
                                 branch_id=branch_id, password_hash=hashed))
            logins.append(DemoLogin(login, role, code))
    return branch_ids, logins


def chunk_ranges(customers: int) -> list[tuple[int, int]]:
    """The [start, stop) ranges inserted one after another, each reported as progress.

    CHUNK customers a range for large builds; a small one (the 2,000 customers of the GUI's
    --demo) in tenths, so that the sign-in dialog's progress bar moves while it is built (with
    one range it stood at 0 % for the whole build). The generated rows do not depend on this.
    """
    size = CHUNK if customers > CHUNK else max(100, -(-customers // 10))
    return list(chunks(customers, size))


def _generated(plan: DemoPlan, branch_ids: list[int]) -> Iterator[tuple[int, CustomerRows]]:
    """Chunks of rows; large runs generate in a second process while this one inserts."""
    ranges = chunk_ranges(plan.customers)
    if plan.customers <= 2 * CHUNK:  # a second process pays off from three full chunks on
        for start, stop in ranges:
            yield stop, generate_chunk(plan, start, stop, branch_ids)
        return
    with ProcessPoolExecutor(max_workers=1) as pool:
        pending: list[Future[CustomerRows] | None] = [
            pool.submit(generate_chunk, plan, start, stop, branch_ids) for start, stop in ranges[:2]]
        for i, (_, stop) in enumerate(ranges):
            taken = pending[i]
            assert taken is not None  # each chunk is taken once, in order
            rows = taken.result()
            if i + 2 < len(ranges):
                nxt_start, nxt_stop = ranges[i + 2]
                pending.append(pool.submit(generate_chunk, plan, nxt_start, nxt_stop, branch_ids))
            pending[i] = None  # free the chunk once taken
            yield stop, rows


def has_demo_data(engine: Engine) -> bool:
    """True once the database holds accounts (a demo built, or real data)."""
    with engine.connect() as conn:
        return bool(conn.scalar(select(func.count()).select_from(Account)))


def _leftover_or_refuse(session: Session, *, clear: bool = True) -> None:
    """Clear what an interrupted build of an older version left (its branches and operators and
    nothing else); refuse a database that holds anything more."""
    from desktop.db.models import Base

    if not session.scalar(select(func.count()).select_from(Branch)):
        return
    demo_branches = {code for code, *_ in names.BRANCHES}
    demo_logins = {"admin"} | {f"{code.lower()}.{who}" for code in demo_branches
                               for who in ("senior", "op1", "op2")}
    branches = set(session.scalars(select(Branch.code)))
    logins = set(session.scalars(select(Operator.login)))
    others = [t for t in Base.metadata.sorted_tables
              if t.name not in ("branches", "operators", "tariffs", "company_settings", "holidays")]
    filled = any(session.execute(select(1).select_from(t).limit(1)).first() for t in others)
    if filled or not branches <= demo_branches or not logins <= demo_logins:
        raise InputError("В базе уже есть данные; демо-данные заполняют только пустую базу")
    if clear:
        session.execute(delete(Operator))
        session.execute(delete(Branch))


def build_demo(engine: Engine, plan: DemoPlan, progress: ProgressFn | None = None) -> list[DemoLogin]:
    """Fill an empty database; returns the demo operators' logins. Raises InputError if not empty."""
    if plan.customers < 1 or plan.customers > 10_000_000:
        raise InputError("Число клиентов: от 1 до 10 000 000")
    plan = dataclasses.replace(plan, dialect=engine.dialect.name)
    with Session(engine) as session:  # a quick refusal before the slow hashes; decided again below
        _leftover_or_refuse(session, clear=False)
    # Argon2 is slow on purpose: both hashes are made before the transaction takes the write lock.
    staff_hash = hash_password(DEMO_PASSWORD)
    online_hash = hash_password(DEMO_ONLINE_PASSWORD)
    with engine.begin() as conn:
        begin_writing(conn)  # SQLite: everything below, DDL included, is this one transaction
        with Session(bind=conn) as session:
            _leftover_or_refuse(session)
            branch_ids, logins = _seed_reference(session, plan, staff_hash)
            session.flush()
        repair_search_triggers(conn)
        # A search-index trigger per row would make the load about 8x slower on SQLite: drop the
        # FTS triggers, load, rebuild the index once and put the same triggers back, all inside
        # this transaction (a failure, a kill or a cancel rolls the triggers back too).
        search_triggers = suspend_search_triggers(conn)
        # Constants pre-converted once, so SQLite rows go to executemany without a per-row copy.
        created = CREATED if conn.dialect.name == "postgresql" else sqlite_value(CREATED)
        for stop, rows in _generated(plan, branch_ids):
            bulk_insert(conn, "customers", CUSTOMER_COLUMNS, [(*r, created, 1) for r in rows.customers])
            bulk_insert(conn, "accounts", ACCOUNT_COLUMNS,
                        [(*r, 1200, rows.balances.get(r[0], 0), False, r[0] % 3 == 0, 1) for r in rows.accounts])
            bulk_insert(conn, "meters", METER_COLUMNS, [(*r, "СЕ 101") for r in rows.meters])
            bulk_insert(conn, "readings", READING_COLUMNS, [(*r, created, False) for r in rows.readings])
            bulk_insert(conn, "bills", BILL_COLUMNS, rows.bills)
            bulk_insert(conn, "bill_lines", BILL_LINE_COLUMNS, rows.bill_lines)
            bulk_insert(conn, "payments", PAYMENT_COLUMNS, rows.payments)
            bulk_insert(conn, "online_accounts", ONLINE_COLUMNS, [(*r, online_hash) for r in rows.online])
            if progress is not None and not progress(stop, plan.customers):
                raise InputError("Заполнение демо-данными отменено; база не изменена")
        reset_sequences(conn, ("customers", "accounts", "meters", "readings", "bills", "bill_lines", "payments",
                               "online_accounts"))
        resume_search_triggers(conn, search_triggers)
    if engine.dialect.name == "postgresql":
        # Fresh planner statistics: right after a bulk COPY PostgreSQL has none and picked plans
        # that took seconds for a phone search at 2 million customers (milliseconds after
        # ANALYZE). SQLite is left without sqlite_stat1 on purpose: with it, its planner chose
        # worse plans for the 4-digit account search (300 ms instead of 11 ms at 2 million).
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return logins
