"""Offline with a real cut: a loopback proxy in front of PostgreSQL is cut and restored; a replaying
desk is SIGKILLed; two desks of one branch replay at once. Each operation lands exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cash_helpers import DESK, balance
from link_proxy import LinkProxy
from offline_helpers import CARD, branch_accounts
from sqlalchemy import func, select

from desktop.database import open_database
from desktop.db.models import Payment, Reading
from desktop.services import shifts
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import ServiceError
from desktop.services.offline_copy import refresh
from desktop.services.offline_desk import OfflineDesk
from desktop.services.offline_journal import DONE, PENDING, Journal
from desktop.services.offline_link import shared_answers
from desktop.services.offline_replay import replay
from desktop.services.operators import authenticate

HERE = Path(__file__).parent




def _desk(db, ctx, folder: Path, name: str) -> OfflineDesk:
    shifts.open_shift(ctx, 0)
    refresh(db.engine, folder / "copy.sqlite3", ctx.actor.branch_code)
    return OfflineDesk(folder / "copy.sqlite3", Journal(folder / f"{name}.journal"), ctx.actor, name, clock=ctx.clock)


def _take(desk: OfflineDesk, ctx, payments: int, reading_rounds: int) -> list:
    numbers = branch_accounts(ctx, 10)
    ops = []
    for i in range(payments):
        n = numbers[i % len(numbers)]
        if i % 3 == 0:
            ops.append(desk.take_payment(n, 1_000 + i, "card", **CARD))
        else:
            ops.append(desk.take_payment(n, 1_000 + i, "cash", tendered_kopecks=100_000))
    for _round in range(reading_rounds):
        for n in numbers[: 20 // reading_rounds]:
            last = desk.card(n).meters[-1].last_readings
            ops.append(desk.take_reading(n, {z: v + 120 for z, v in last.items()}, taken_on=ctx.today(),
                                         reason="с квитанции"))
    return ops


def _assert_once(ctx, ops) -> None:
    pay_keys = sorted(op.key for op in ops if op.kind == "payment")
    read_ops = [op for op in ops if op.kind == "reading"]
    with ctx.read() as s:
        assert sorted(s.scalars(select(Payment.idempotency_key).where(
            Payment.idempotency_key.in_(pay_keys)))) == pay_keys
        rows = s.execute(select(Reading.idempotency_key, func.count()).where(
            Reading.idempotency_key.in_([op.key for op in read_ops])).group_by(Reading.idempotency_key)).all()
    assert dict(rows) == {op.key: len(op.payload["values"]) for op in read_ops}


# A link to cut exists only to a server: the proxy tests run on PostgreSQL; the SIGKILL test on both.
ONLY_PG = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@ONLY_PG
def test_cut_link_then_back_each_operation_once(db, database_url, operator_ctx, tmp_path):
    proxy = LinkProxy()
    far = open_database(proxy.url(database_url))
    try:
        desk = _desk(db, operator_ctx, tmp_path, "desk-1")
        assert shared_answers(far.engine)
        proxy.cut()
        assert not shared_answers(far.engine)
        before = {n: balance(operator_ctx, n) for n in branch_accounts(operator_ctx, 10)}
        ops = _take(desk, operator_ctx, 50, 2)
        assert desk.pending_count() == 70
        with pytest.raises(ServiceError):  # what the desk would have hit online
            shifts.current_shift(operator_ctx.__class__(far.sessions, operator_ctx.actor))
        report = replay(far.sessions, desk.journal)
        assert report.link_lost and report.done == 0 and report.pending_left == 70

        # The link comes back, then drops again in the middle of the replay.
        proxy.restore()
        assert shared_answers(far.engine)
        second = replay(far.sessions, desk.journal, on_step=proxy.cut_after(25))
        assert second.link_lost and second.done == 25 and second.pending_left == 45
        proxy.restore()
        third = replay(far.sessions, desk.journal)
        assert (third.done + third.already, third.conflicts, third.pending_left) == (45, [], 0)
        _assert_once(operator_ctx, ops)
        for n, was in before.items():
            assert balance(operator_ctx, n) == was + sum(op.amount_kopecks for op in ops
                                                         if op.kind == "payment" and op.account == n)
    finally:
        far.close()
        proxy.close()


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_desk_killed_mid_replay_replays_the_rest_once(db, database_url, operator_ctx, tmp_path):
    desk = _desk(db, operator_ctx, tmp_path, "desk-1")
    ops = _take(desk, operator_ctx, 30, 1)
    env = dict(os.environ, PYTHONPATH=str(HERE.parents[1]))
    child = subprocess.Popen([sys.executable, str(HERE / "offline_replayer.py"), database_url,
                              str(desk.journal.path), "0.05"], env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(desk.journal.operations(DONE)) < 12:
        assert child.poll() is None and time.monotonic() < deadline, "the replay ended before it could be killed"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    left = desk.journal.operations(PENDING)
    assert 0 < len(left) < len(ops)
    report = replay(db.sessions, desk.journal)
    assert report.done + report.already == len(left) and report.conflicts == [] and report.pending_left == 0
    _assert_once(operator_ctx, ops)
    with operator_ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 30


@ONLY_PG
def test_two_desks_of_one_branch_each_replay_their_own(db, database_url, operator_ctx, tmp_path):
    second_ctx = operator_ctx.as_actor(authenticate(operator_ctx, "sam.op2", DEMO_PASSWORD))
    proxy = LinkProxy()
    far = open_database(proxy.url(database_url))
    try:
        one = _desk(db, operator_ctx, tmp_path / "one", "desk-1")
        two = _desk(db, second_ctx, tmp_path / "two", "desk-2")
        proxy.cut()
        before = {n: balance(operator_ctx, n) for n in branch_accounts(operator_ctx, 10)}
        ops_one = _take(one, operator_ctx, 20, 0)
        ops_two = _take(two, second_ctx, 20, 0)
        proxy.restore()
        reports = {}
        threads = [threading.Thread(target=lambda d=d: reports.__setitem__(d.desk, replay(far.sessions, d.journal)))
                   for d in (one, two)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert {k: (r.done, r.conflicts, r.pending_left) for k, r in reports.items()} == {
            "desk-1": (20, [], 0), "desk-2": (20, [], 0)}
        _assert_once(operator_ctx, ops_one + ops_two)
        with operator_ctx.read() as s:
            by_operator = dict(s.execute(select(Payment.operator_id, func.count()).where(DESK)
                                         .group_by(Payment.operator_id)).all())
        assert by_operator == {operator_ctx.actor.operator_id: 20, second_ctx.actor.operator_id: 20}
        for n, was in before.items():
            assert balance(operator_ctx, n) == was + sum(op.amount_kopecks for op in ops_one + ops_two
                                                         if op.account == n)
    finally:
        far.close()
        proxy.close()
