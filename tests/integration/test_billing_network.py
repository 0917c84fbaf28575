"""The billing run beside a working network, on SQLite and PostgreSQL, with real processes:
a tariff changed between two runs, two runs at once, payments posted by desks during a run,
a run killed with SIGKILL and finished by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from desktop.db.models import Account, AuditEvent, Bill, BillingRun, BillLine
from desktop.services import billing, billing_runs
from desktop.services.context import Actor, ServiceContext
from desktop.services.tariffs import add_tariff
from test_billing_run import add_reading, make_account

ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")
ROOT = Path(__file__).resolve().parents[2]


def ctx_on(db, day: date) -> ServiceContext:
    return ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(day.year, day.month, day.day, 6, tzinfo=UTC))


def _line_prices(db, period: str) -> dict[int, list[int]]:
    with db.sessions() as s:
        rows = s.execute(select(Bill.account_id, BillLine.price_kopecks).join(BillLine, BillLine.bill_id == Bill.id)
                         .where(Bill.period == period)).all()
    out: dict[int, list[int]] = {}
    for aid, price in rows:
        out.setdefault(aid, []).append(price)
    return out


def test_a_tariff_changed_between_two_runs_in_one_process_is_used(db):
    """The old cache keyed by id() of the tariff list gave the previous run's prices when Python
    reused the freed list's id: each round here changes the price and bills a new account."""
    ctx = ctx_on(db, date(2026, 12, 1))
    first = make_account(db, "630000000001", readings={"2026-11": {"T1": 100}, "2026-12": {"T1": 300}})
    billing.run_billing(ctx, "2026-12")
    assert _line_prices(db, "2026-12")[first] == [695]  # urban single rate from 01.10.2026
    for i, price in enumerate(("7.11", "7.23", "6.99", "7.40", "7.05", "8.00")):
        add_tariff(ctx, group="urban", zones=1, zone="T1", price=price, valid_from=date(2026, 12, 1))
        aid = make_account(db, f"63000000010{i}", readings={"2026-11": {"T1": 100}, "2026-12": {"T1": 300}})
        result = billing.run_billing(ctx, "2026-12")
        assert result.billed == 1
        assert _line_prices(db, "2026-12")[aid] == [int(price.replace(".", ""))], price
    assert _line_prices(db, "2026-12")[first] == [695]  # a bill already made keeps its price


# --- two runs at once -----------------------------------------------------------------------------

def _cli(database_url: str, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "desktop", "bill", *argv, "--database", database_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _wait_for(database_url: str, sql: str, timeout: float = 120) -> None:
    watcher = create_engine(database_url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with watcher.connect() as conn:
                if conn.scalar(text(sql)):
                    return
            time.sleep(0.01)
        pytest.fail(f"never true: {sql}")
    finally:
        watcher.dispose()


def test_a_second_run_is_refused_while_the_first_goes_on(db, demo_logins, database_url):
    """Two `bill run` processes for the same period: the second is refused in one line naming the
    first, which then finishes; no row is left 'running'. The first is paused (SIGSTOP) once it
    has claimed the period, so the two surely meet."""
    first = _cli(database_url, "run", "--period", "2026-11")
    try:
        _wait_for(database_url, "SELECT COUNT(*) FROM billing_runs WHERE state = 'running'")
        first.send_signal(signal.SIGSTOP)
        assert first.poll() is None, "the first run ended before the second started"
        second = _cli(database_url, "run", "--period", "2026-11")
        out2, err2 = second.communicate(timeout=120)
    finally:
        first.send_signal(signal.SIGCONT)
    out1, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 2, (out2, err2)
    (line,) = err2.strip().splitlines()
    assert "уже идёт" in line and "командная строка" in line and "Traceback" not in err2
    assert "2026-11" in line and " с " in line and f":{first.pid}" in line
    with db.sessions() as s:
        assert s.scalars(select(BillingRun.state)).all() == ["done"]
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.period == "2026-11")) > 0


def test_runs_started_together_one_wins(db, demo_logins, database_url):
    """Many processes claim the same period at the same moment: exactly one gets it."""
    from race_helpers import run_together
    from desktop.core.periods import Period

    def claim(ctx: ServiceContext, _i: int):  # type: ignore[no-untyped-def]
        return billing_runs.claim(ctx, Period(2026, 11), None, None).run_id

    outcomes = run_together(database_url, ADMIN, claim, 4)
    assert sorted(o for o, _ in outcomes) == ["RunInProgress"] * 3 + ["ok"]
    assert all("уже идёт" in d for o, d in outcomes if o != "ok")


def test_a_branch_run_meets_a_network_run(db, demo_logins):
    """A whole-network run covers every branch; runs of two different branches may go together."""
    from desktop.core.periods import Period

    ctx = ctx_on(db, date(2026, 12, 1))
    with db.sessions() as s:
        from desktop.db.models import Branch
        branches = dict(s.execute(select(Branch.code, Branch.id)).all())
    a, b = list(branches)[:2]
    billing_runs.claim(ctx, Period(2026, 11), branches[a], a)
    billing_runs.claim(ctx, Period(2026, 11), branches[b], b)
    with pytest.raises(billing_runs.RunInProgress, match=f"отделение {a}"):
        billing_runs.claim(ctx, Period(2026, 11), None, None)
    with pytest.raises(billing_runs.RunInProgress):
        billing_runs.claim(ctx, Period(2026, 11), branches[a], a)
    billing_runs.claim(ctx, Period(2026, 10), branches[a], a)  # another month is free
