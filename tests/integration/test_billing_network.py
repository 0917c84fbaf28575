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
from test_billing_run import make_account

from desktop.db.models import Account, AuditEvent, Bill, BillingRun, BillLine
from desktop.services import billing, billing_runs
from desktop.services.context import Actor, ServiceContext
from desktop.services.tariffs import add_tariff

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
    _out1, err1 = first.communicate(timeout=300)
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


# --- a run beside desks posting payments ------------------------------------------------------------

def _desk(url: str, login: str, index: int, accounts: list[str], go, stop, results) -> None:  # type: ignore[no-untyped-def]
    """One desk in its own process: open a cash shift, post payments until told to stop."""
    import random
    import traceback

    from desktop.db.engine import make_engine, make_session_factory
    from desktop.services import payments, shifts
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.errors import ServiceError
    from desktop.services.operators import authenticate

    engine = make_engine(url)  # the desk's own settings (SQLite: its busy timeout)
    try:
        base = ServiceContext(make_session_factory(engine), desk=f"desk-{index}")
        ctx = base.as_actor(authenticate(base, login, DEMO_PASSWORD))
        shifts.open_shift(ctx, 0)
        rnd = random.Random(index)
        posted: list[tuple[str, int]] = []
        failed: list[str] = []
        slowest = 0.0
        go.wait(60)
        n = 0
        while not stop.is_set() or n < 5:
            number, amount = rnd.choice(accounts), rnd.randint(1, 500) * 100
            started = time.monotonic()
            try:
                payments.post_payment(ctx, number, amount, "cash", idempotency_key=f"network-{index}-{n}")
                posted.append((number, amount))
            except ServiceError as error:
                failed.append(f"{type(error).__name__}: {error.message}")
            slowest = max(slowest, time.monotonic() - started)
            n += 1
        results.put((index, "ok", posted, failed, slowest))
    except BaseException:  # noqa: BLE001 - reported to the test, which fails
        results.put((index, "crash", traceback.format_exc(), [], 0.0))
    finally:
        engine.dispose()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_beside_ten_desks_posting_payments(db, demo_logins, database_url, workers):
    """Ten desk processes post cash payments before, during and after the run (in one process, or
    in two worker processes): the run finishes, no payment fails, and every account's balance is
    its old balance − its bill + its payments."""
    import multiprocessing

    with db.sessions() as s:
        numbers = list(s.scalars(select(Account.number).order_by(Account.id)))
        before = dict(s.execute(select(Account.number, Account.balance_kopecks)).all())
    operators = [f"{code}.{who}" for code in ("sam", "syz", "tlt", "nvk", "zhg", "nft") for who in ("op1", "op2")]
    with db.sessions() as s:
        from desktop.db.models import Operator
        known = set(s.scalars(select(Operator.login)))
    logins = [login for login in operators if login in known][:10]
    assert len(logins) == 10, known
    mp = multiprocessing.get_context("fork")
    go, stop, results = mp.Event(), mp.Event(), mp.Queue()
    desks = [mp.Process(target=_desk, args=(database_url, login, i, numbers, go, stop, results))
             for i, login in enumerate(logins)]
    for desk in desks:
        desk.start()
    try:
        go.set()
        time.sleep(0.5)  # the desks are posting
        # Small batches, so that the run's transactions and the desks' really interleave.
        result = billing.run_billing(ServiceContext(db.sessions, ADMIN), "2026-11", batch_size=3, workers=workers)
        time.sleep(0.3)
    finally:
        stop.set()
        collected = [results.get(timeout=300) for _ in desks]
        for desk in desks:
            desk.join(timeout=60)
    crashes = [c[2] for c in collected if c[1] == "crash"]
    assert not crashes, crashes[0]
    failures = [f for c in collected for f in c[3]]
    assert not failures, failures[:3]
    assert result.billed + result.skipped == result.total == len(numbers) and not result.cancelled
    paid: dict[str, int] = {}
    for c in collected:
        for number, amount in c[2]:
            paid[number] = paid.get(number, 0) + amount
    assert sum(len(c[2]) for c in collected) >= 50
    with db.sessions() as s:
        after = dict(s.execute(select(Account.number, Account.balance_kopecks)).all())
        accrued = dict(s.execute(
            select(Account.number, Bill.charges_kopecks + Bill.recalculation_kopecks)
            .join(Bill, Bill.account_id == Account.id).where(Bill.period == "2026-11")).all())
        run = s.get(BillingRun, result.run_id)
        assert (run.state, run.billed, run.skipped) == ("done", result.billed, result.skipped)
        assert run.accrued_kopecks == result.accrued_kopecks == sum(accrued.values())
    for number in numbers:
        assert after[number] == before[number] - accrued.get(number, 0) + paid.get(number, 0), number
    print(f"slowest payment during the run: {max(c[4] for c in collected) * 1000:.0f} ms")


# --- a run killed with SIGKILL ------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_killed_run_is_shown_interrupted_and_finished_by_the_next(db, demo_logins, database_url, workers):
    """SIGKILL of a run (of its parent process when it bills in workers, which die with it)."""
    with db.sessions() as s:
        before = dict(s.execute(select(Account.id, Account.balance_kopecks)).all())
    victim = _cli(database_url, "run", "--period", "2026-11", "--batch-size", "2", "--workers", workers)
    try:
        _wait_for(database_url, "SELECT COUNT(*) FROM billing_runs WHERE billed + skipped >= 4")
        children = _children(victim.pid)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL
    if workers == "2":
        assert len(children) == 2, children
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in children), "a worker outlived its killed run"
    with db.sessions() as s:
        killed = s.scalars(select(BillingRun)).one()
        made = s.scalar(select(func.count()).select_from(Bill).where(Bill.period == "2026-11"))
        # The counters were written with each batch: they say exactly what it billed.
        assert killed.state == "running" and killed.billed == made and 0 < made < len(before)
    ctx = ServiceContext(db.sessions, ADMIN)
    (shown,) = billing_runs.list_runs(ctx, "2026-11")
    assert (shown.state, shown.billed) == ("interrupted", made)
    listed = _cli(database_url, "runs", "--period", "2026-11")
    out, err = listed.communicate(timeout=120)
    assert listed.returncode == 0, err
    assert out.split("\t")[:4] == [str(killed.id), "2026-11", "*", "interrupted"] and out.split("\t")[5] == str(made)

    again = _cli(database_url, "run", "--period", "2026-11", "--workers", workers)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"продолжен прерванный расчёт №{killed.id} (он выставил {made})" in out
    with db.sessions() as s:
        states = dict(s.execute(select(BillingRun.id, BillingRun.state)).all())
        assert states == {killed.id: "interrupted", killed.id + 1: "done"}
        runs = {r.id: r for r in s.scalars(select(BillingRun))}
        bills = s.execute(select(Bill.account_id, Bill.run_id, Bill.charges_kopecks + Bill.recalculation_kopecks)
                          .where(Bill.period == "2026-11")).all()
        assert len({aid for aid, _, _ in bills}) == len(bills)  # one bill per account
        assert runs[killed.id].billed + runs[killed.id + 1].billed == len(bills)
        after = dict(s.execute(select(Account.id, Account.balance_kopecks)).all())
        for aid, _run, accrued in bills:
            assert after[aid] == before[aid] - accrued  # charged once
        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(AuditEvent.action.like("billing.%"))
                                           .order_by(AuditEvent.id))]
        assert actions == ["billing.start", "billing.interrupted", "billing.start", "billing.run"]
