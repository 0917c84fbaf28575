"""Offline work on both shared backends: the branch copy, the journal, replay exactly once, conflicts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cash_helpers import DESK, balance
from offline_helpers import CARD, branch_accounts
from sqlalchemy import func, select, update

from desktop.db.models import Account, AuditEvent, Branch, Payment, Reading
from desktop.services import readings, shifts
from desktop.services.offline_copy import freshness, refresh
from desktop.services.offline_desk import OfflineDesk
from desktop.services.offline_journal import CONFLICT, DONE, PENDING, Journal
from desktop.services.offline_replay import replay



@pytest.fixture
def offline(db, operator_ctx, tmp_path: Path) -> OfflineDesk:
    """The Samara desk with its shift open and a fresh copy of its branch, now cut off."""
    shifts.open_shift(operator_ctx, 100_000)
    refresh(db.engine, tmp_path / "copy.sqlite3", operator_ctx.actor.branch_code)
    return OfflineDesk(tmp_path / "copy.sqlite3", Journal(tmp_path / "journal.sqlite3"), operator_ctx.actor,
                       "desk-1", clock=operator_ctx.clock)




def test_copy_holds_the_branch_and_only_it(db, operator_ctx, tmp_path):
    path = tmp_path / "copy.sqlite3"
    result = refresh(db.engine, path, operator_ctx.actor.branch_code, batch=3)  # several keyset batches
    with operator_ctx.read() as s:
        expected = dict(s.execute(select(Account.number, Account.balance_kopecks).join(Branch).where(
            Branch.code == operator_ctx.actor.branch_code)).all())
    with sqlite3.connect(path) as conn:
        got = dict(conn.execute("SELECT number, balance_kopecks FROM accounts").fetchall())
        last = conn.execute("SELECT count(*) FROM last_readings").fetchone()[0]
    assert got == expected and result.accounts == len(expected) > 3
    assert last == result.readings > 0 and result.file_bytes == path.stat().st_size
    assert freshness(path) == result.refreshed_at
    # The last reading per zone is the one the entry form calls "previous".
    number = next(iter(expected))
    form = readings.reading_form(operator_ctx, number)
    with sqlite3.connect(path) as conn:
        local = dict(conn.execute("SELECT zone, value FROM last_readings WHERE meter_id = ?",
                                  (form.meter_id,)).fetchall())
    assert local == {z: p.value for z, p in form.previous.items()}


def test_refresh_swaps_whole_or_keeps_the_old_copy(db, operator_ctx, tmp_path, monkeypatch):
    path = tmp_path / "copy.sqlite3"
    first = refresh(db.engine, path, operator_ctx.actor.branch_code)
    import desktop.services.offline_copy as oc

    def broken(*args, **kwargs):
        raise ConnectionError("link dropped mid-refresh")

    monkeypatch.setattr(oc, "_details", broken)
    with pytest.raises(ConnectionError):
        refresh(db.engine, path, operator_ctx.actor.branch_code)
    assert freshness(path) == first.refreshed_at
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM accounts").fetchone()[0] == first.accounts


def _today(ctx):
    return ctx.today()


def test_offline_payments_and_readings_replay_once(db, operator_ctx, offline):
    numbers = branch_accounts(operator_ctx, 4)
    before = {n: balance(operator_ctx, n) for n in numbers}
    taken = []
    for i in range(10):
        n = numbers[i % 4]
        if i % 2:
            taken.append(offline.take_payment(n, 10_000 + i, "card", **CARD))
        else:
            taken.append(offline.take_payment(n, 10_000 + i, "cash", tendered_kopecks=20_000))
    reading_ops = []
    for n in numbers[:2]:
        card = offline.card(n)
        values = {z: v + 150 for z, v in card.meters[-1].last_readings.items()}
        reading_ops.append(offline.take_reading(n, values, taken_on=_today(operator_ctx), reason="с квитанции"))
    card = offline.card(numbers[0])
    assert card.pending_payments_kopecks == sum(op.amount_kopecks for op in taken if op.account == numbers[0])
    assert card.balance_kopecks == before[numbers[0]] + card.pending_payments_kopecks
    assert offline.pending_count() == 12

    report = replay(db.sessions, offline.journal)
    assert (report.done, report.already, report.conflicts, report.pending_left) == (12, 0, [], 0)
    for n in numbers:
        assert balance(operator_ctx, n) == before[n] + sum(op.amount_kopecks for op in taken if op.account == n)
    with operator_ctx.read() as s:
        keys = list(s.scalars(select(Payment.idempotency_key).where(DESK)))
        assert sorted(keys) == sorted(op.key for op in taken)
        assert s.scalar(select(func.count(func.distinct(Reading.idempotency_key))).where(
            Reading.idempotency_key.is_not(None))) == 2
    # The SIGKILL window: the shared commit happened, the local "done" did not. Replay again.
    with sqlite3.connect(offline.journal.path) as conn:
        conn.execute("UPDATE operations SET state = 'pending', settled_at = NULL")
    again = replay(db.sessions, offline.journal)
    assert (again.done, again.already, again.conflicts) == (0, 12, [])
    with operator_ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 10
        assert s.scalar(select(func.count()).select_from(Reading).where(Reading.idempotency_key.is_not(None))) == sum(
            len(op.payload["values"]) for op in reading_ops)
    # The shift reconciles: the replayed money is in the shift the operator had open.
    report_x = shifts.x_report(operator_ctx)
    assert report_x.expected_cash_kopecks - 100_000 == sum(op.amount_kopecks for op in taken
                                                           if op.payload["method"] == "cash")


def test_conflicts_are_kept_for_a_senior(db, operator_ctx, offline):
    n1, n2 = branch_accounts(operator_ctx, 2)
    card = offline.card(n1)
    values = {z: v + 100 for z, v in card.meters[-1].last_readings.items()}
    reading = offline.take_reading(n1, values, taken_on=_today(operator_ctx), reason="с квитанции")
    paid = offline.take_payment(n2, 50_000, "cash")
    # Meanwhile, online elsewhere: another desk enters a reading on the same meter; n2 is closed.
    readings.save_readings(operator_ctx, n1, {z: v + 90 for z, v in card.meters[-1].last_readings.items()},
                           confirmation_reason="другой оператор")
    with operator_ctx.transaction() as s:
        s.execute(update(Account).where(Account.number == n2).values(closed_on=operator_ctx.today()))
    before = balance(operator_ctx, n2)

    report = replay(db.sessions, offline.journal)
    assert sorted(report.conflicts) == sorted([reading.seq, paid.seq]) and report.done == 0
    conflicts = {op.seq: op for op in offline.conflicts()}
    assert "другой оператор" in conflicts[reading.seq].message
    assert "закрыт" in conflicts[paid.seq].message
    assert balance(operator_ctx, n2) == before  # not posted, not dropped: still in the journal
    assert offline.card(n2).pending_payments_kopecks == 50_000
    with operator_ctx.read() as s:
        assert s.scalar(select(func.count()).where(AuditEvent.action == "offline.conflict")) == 2
    # A second replay does not touch conflicts; a senior's "apply on top" sends the reading again.
    assert replay(db.sessions, offline.journal).conflicts == []
    assert offline.journal.reopen(reading.seq, "проверено старшим")
    third = replay(db.sessions, offline.journal)
    assert third.done == 1 and [op.state for op in offline.journal.operations() if op.seq == reading.seq] == [DONE]
    assert [op.state for op in offline.journal.operations() if op.seq == paid.seq] == [CONFLICT]
    assert offline.journal.operations(PENDING) == []


def test_bad_input_offline_is_refused_with_the_field(db, operator_ctx, offline):
    from desktop.services.errors import InputError

    (n,) = branch_accounts(operator_ctx, 1)
    with pytest.raises(InputError) as e:
        offline.take_payment(n, 1000, "card", card_last4="4276380012345678", card_rrn="1", card_auth_code="1")
    assert e.value.field == "card_last4" and "4276" not in str(e.value)
    with pytest.raises(InputError) as e:
        offline.take_payment(n, 0, "cash")
    assert e.value.field == "amount"
    card = offline.card(n)
    lower = {z: max(v - 5, 0) for z, v in card.meters[-1].last_readings.items()}
    if any(v > 5 for v in card.meters[-1].last_readings.values()):
        with pytest.raises(InputError):
            offline.take_reading(n, lower, taken_on=_today(operator_ctx))
    assert offline.journal.operations() == []


def test_two_replays_of_one_journal_at_once_post_each_once(db, operator_ctx, offline):
    """A double trigger (timer and a senior's "send again") runs two replays of the same journal:
    the shared database's unique keys let exactly one of them apply each operation."""
    import threading

    numbers = branch_accounts(operator_ctx, 3)
    ops = [offline.take_payment(numbers[i % 3], 5_000 + i, "cash") for i in range(12)]
    for n in numbers:
        last = offline.card(n).meters[-1].last_readings
        ops.append(offline.take_reading(n, {z: v + 80 for z, v in last.items()}, taken_on=_today(operator_ctx),
                                        reason="с квитанции"))
    reports = []
    threads = [threading.Thread(target=lambda: reports.append(replay(db.sessions, offline.journal)))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(reports) == 2 and all(r.conflicts == [] for r in reports)
    assert sum(r.done for r in reports) == len(ops)  # each applied by exactly one of the two
    assert [op.state for op in offline.journal.operations()] == [DONE] * len(ops)
    with operator_ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(DESK)) == 12
        assert s.scalar(select(func.count()).select_from(Reading).where(
            Reading.idempotency_key.in_([op.key for op in ops]))) == sum(
            len(op.payload["values"]) for op in ops if op.kind == "reading")
