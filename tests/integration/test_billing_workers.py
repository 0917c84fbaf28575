"""Billing in worker processes makes the same bills as one process, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from desktop.database import open_database
from desktop.db.models import Account, Bill, BillingRun, BillLine
from desktop.services import billing, billing_workers
from desktop.services.context import Actor, ServiceContext

ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")
MORNING = datetime(2026, 12, 1, 6, tzinfo=UTC)


def _twin(db, url: str) -> str:  # type: ignore[no-untyped-def]
    """A copy of the test's database as it is now, under another name."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        target = Path(str(parsed.database)).with_name("twin.sqlite3")
        with sqlite3.connect(str(parsed.database)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return f"sqlite:///{target}"
    db.engine.dispose()  # a template must have no other connection
    name = f"{parsed.database}_twin"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def _drop(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        admin.dispose()


def _bills(db) -> tuple[list, list, dict]:  # type: ignore[no-untyped-def]
    """Every November bill and line without their ids, and every balance, by account number."""
    with db.sessions() as s:
        skip = {"id", "run_id"}
        bills = [tuple((c, getattr(b, c)) for c in [col.key for col in Bill.__table__.columns] if c not in skip)
                 for b in s.scalars(select(Bill).where(Bill.period == "2026-11").order_by(Bill.account_id))]
        lines = s.execute(select(Bill.account_id, *[c for c in BillLine.__table__.columns if c.key not in
                                                     ("id", "bill_id")])
                          .join(BillLine, BillLine.bill_id == Bill.id).where(Bill.period == "2026-11")
                          .order_by(Bill.account_id, BillLine.line_no)).all()
        balances = dict(s.execute(select(Account.id, Account.balance_kopecks)).all())
    return bills, [tuple(r) for r in lines], balances


def test_workers_make_the_same_bills_as_one_process(db, demo_logins, database_url, tmp_path, monkeypatch):
    twin_url = _twin(db, database_url)
    pids = tmp_path / "pids"
    original = billing._bill_batch

    def recorded(*args: object) -> billing_workers.BatchResult:
        with pids.open("a") as out:  # each batch says which process billed it
            out.write(f"{os.getpid()} {os.nice(0)}\n")
        return original(*args)  # type: ignore[arg-type]

    # Inherited by the forked workers, which look _bill_batch up when they bill.
    monkeypatch.setattr(billing, "_bill_batch", recorded)
    twin = open_database(twin_url)
    try:
        many = billing.run_billing(ServiceContext(db.sessions, ADMIN, clock=lambda: MORNING), "2026-11",
                                   batch_size=7, workers=2)
        monkeypatch.setattr(billing, "_bill_batch", original)
        one = billing.run_billing(ServiceContext(twin.sessions, ADMIN, clock=lambda: MORNING), "2026-11",
                                  batch_size=7, workers=1)
        seen = {tuple(line.split()) for line in pids.read_text().splitlines()}
        workers = {pid for pid, _nice in seen}
        assert len(workers) == 2 and str(os.getpid()) not in workers, workers
        # The workers yield the processor to the desks: niced by 5 below this process.
        assert {int(nice) for _pid, nice in seen} == {min(19, os.nice(0) + billing_workers.WORKER_NICE)}
        assert many.billed == one.billed > 50 and many.skipped == one.skipped
        assert many.accrued_kopecks == one.accrued_kopecks and not many.cancelled
        assert _bills(db) == _bills(twin)
        with db.sessions() as s:
            run = s.get(BillingRun, many.run_id)
            assert (run.state, run.billed, run.accrued_kopecks) == ("done", many.billed, many.accrued_kopecks)
    finally:
        twin.close()
        _drop(twin_url)


def test_a_cancel_stops_the_workers_after_their_batches(db, demo_logins):
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 10

    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: MORNING)
    result = billing.run_billing(ctx, "2026-11", progress=progress, batch_size=5, workers=2)
    assert result.cancelled and 10 <= result.billed + result.skipped < result.total
    with db.sessions() as s:
        run = s.get(BillingRun, result.run_id)
        made = len(s.scalars(select(Bill.id).where(Bill.period == "2026-11")).all())
    # The batches in flight at the Cancel finished and were counted; nothing else was billed.
    assert run.state == "cancelled" and run.billed == made == result.billed
    again = billing.run_billing(ctx, "2026-11", batch_size=5, workers=2)
    assert again.billed + again.skipped == again.total == result.total - result.billed - result.skipped
