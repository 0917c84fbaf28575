"""Shifts opened and closed at a desk without the shared database reconcile with the same totals;
a senior's password resolves what the replay refused."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from link_proxy import LinkProxy
from offline_helpers import CARD, branch_accounts
from pypdf import PdfReader
from sqlalchemy import select, update

from desktop.database import open_database
from desktop.db.models import Account, AuditEvent, CashShift, Payment
from desktop.printing.shift_report_pdf import render_shift_report
from desktop.services import offline_shifts as off
from desktop.services import shifts
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import AuthError, InputError
from desktop.services.offline_conflicts import RESEND, SETTLE, resolve
from desktop.services.offline_copy import refresh
from desktop.services.offline_desk import OfflineDesk
from desktop.services.offline_journal import CONFLICT, DONE, PENDING, RESOLVED, Journal
from desktop.services.offline_link import shared_answers
from desktop.services.offline_replay import replay

TOTALS = (*shifts.RECONCILED_TOTALS, "counted_cash_kopecks", "receipts_issued")


def _desk(db, ctx, folder: Path) -> OfflineDesk:
    """A desk whose operator has no shift open, with a fresh copy of the branch, now cut off."""
    assert shifts.current_shift(ctx) is None
    refresh(db.engine, folder / "copy.sqlite3", ctx.actor.branch_code)
    return OfflineDesk(folder / "copy.sqlite3", Journal(folder / "journal.sqlite3"), ctx.actor, "desk-off",
                       clock=ctx.clock, online_shift=None, shift_known=True, zone=ctx.zone)


def _shared_shift(ctx, open_key: str) -> CashShift:
    with ctx.read() as s:
        shift = s.scalar(select(CashShift).where(CashShift.open_key == open_key))
        assert shift is not None
        s.expunge(shift)
        return shift


def _shift_payments(ctx, shift_id: int) -> list[str]:
    with ctx.read() as s:
        return sorted(s.scalars(select(Payment.idempotency_key).where(Payment.shift_id == shift_id)))


def _paper(report) -> str:
    """The report as printed, its text read back from the PDF, whitespace collapsed."""
    pages = PdfReader(io.BytesIO(render_shift_report(report))).pages
    return " ".join("\n".join(p.extract_text() for p in pages).replace("\u00a0", " ").split())


def _figures(text: str) -> list[str]:
    return re.findall(r"\d+ шт\. / [\d ]+,\d\d ₽", text)


def _snapshot(journal: Journal, path: Path) -> Journal:
    """The journal file as a desk killed at this moment would find it on restart."""
    with sqlite3.connect(journal.path) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return Journal(path)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_shift_opened_and_closed_offline_reconciles_with_its_z_report(db, database_url, operator_ctx, tmp_path):
    proxy = LinkProxy()
    far = open_database(proxy.url(database_url))
    try:
        desk = _desk(db, operator_ctx, tmp_path)
        proxy.cut()
        assert not shared_answers(far.engine)
        numbers = branch_accounts(operator_ctx, 4)
        with pytest.raises(InputError) as refused:  # no shift yet: no money
            desk.take_payment(numbers[0], 1_000, "cash")
        assert refused.value.field == "shift"
        opened = off.open_shift(desk, 50_000)
        with pytest.raises(InputError):
            off.open_shift(desk, 0)  # one open shift at a time, offline too
        taken = []
        for i in range(6):
            if i % 3 == 2:
                taken.append(desk.take_payment(numbers[i % 4], 20_000 + i, "card", **CARD))
            else:
                taken.append(desk.take_payment(numbers[i % 4], 10_000 + i, "cash", tendered_kopecks=50_000))
        x = off.x_report(desk)
        assert x.taken_offline and (x.cash_payments_count, x.card_payments_count) == (4, 2)
        assert x.expected_cash_kopecks == 50_000 + sum(op.amount_kopecks for op in taken
                                                       if op.payload["method"] == "cash")
        with pytest.raises(InputError) as short:  # a difference needs its reason, as online
            off.close_shift(desk, x.expected_cash_kopecks - 100)
        assert short.value.field == "comment"
        closing, z = off.close_shift(desk, x.expected_cash_kopecks - 100, "недостача 1 ₽")
        assert z.report_type == "Z" and z.difference_kopecks == -100
        with pytest.raises(InputError):
            desk.take_payment(numbers[0], 1_000, "cash")  # the shift is closed
        # A second shift opened offline; a payment in it; left open.
        second = off.open_shift(desk, 0)
        later = desk.take_payment(numbers[1], 7_700, "cash")
        assert later.payload["shift"] == second.key and taken[0].payload["shift"] == opened.key

        # The link comes back and drops again in the middle of the replay.
        proxy.restore()
        first = replay(far.sessions, desk.journal, on_step=proxy.cut_after(4))
        assert first.link_lost and first.done == 4 and first.pending_left == 6
        killed = _snapshot(desk.journal, tmp_path / "killed.sqlite3")
        with sqlite3.connect(killed.path) as conn:  # ... and the desk died before marking the 4th done
            conn.execute("UPDATE operations SET state = 'pending', settled_at = NULL WHERE seq = 4")
        proxy.restore()
        rest = replay(far.sessions, desk.journal)
        assert (rest.done, rest.already, rest.conflicts, rest.pending_left) == (6, 0, [], 0)

        shared = _shared_shift(operator_ctx, opened.key)
        assert shared.state == "closed" and shared.close_key == closing.key and shared.desk == "desk-off"
        stored = shifts.z_report(operator_ctx, shared.id)
        assert {t: getattr(stored, t) for t in TOTALS} == {t: getattr(z, t) for t in TOTALS}
        assert stored.difference_kopecks == -100 and stored.comment == "недостача 1 ₽"
        # On paper: the offline Z says where it came from, and prints the shared Z's figures.
        offline_paper, shared_paper = _paper(z), _paper(stored)
        assert "БЕЗ СВЯЗИ С БАЗОЙ" in offline_paper and "БЕЗ СВЯЗИ С БАЗОЙ" not in shared_paper
        assert _figures(offline_paper) == _figures(shared_paper) and len(_figures(shared_paper)) == 4
        assert _shift_payments(operator_ctx, shared.id) == sorted(op.key for op in taken)
        now_open = shifts.current_shift(operator_ctx)
        assert now_open is not None and now_open.id == _shared_shift(operator_ctx, second.key).id
        assert _shift_payments(operator_ctx, now_open.id) == [later.key]

        # The restarted desk replays its stale journal: every operation already there, nothing twice.
        again = replay(far.sessions, killed)
        assert (again.done, again.conflicts, again.pending_left) == (0, [], 0) and again.already == 7
        with operator_ctx.read() as s:
            assert s.scalar(select(CashShift.id).where(
                CashShift.open_key.in_([opened.key, second.key])).order_by(CashShift.id.desc())) == now_open.id
            assert len(s.scalars(select(CashShift.id).where(
                CashShift.open_key.in_([opened.key, second.key]))).all()) == 2
        assert shifts.z_report(operator_ctx, shared.id) == stored
        assert _shift_payments(operator_ctx, shared.id) == sorted(op.key for op in taken)
    finally:
        far.close()
        proxy.close()


def test_shift_whose_totals_differ_waits_for_a_senior(db, operator_ctx, tmp_path):
    desk = _desk(db, operator_ctx, tmp_path)
    n1, n2 = branch_accounts(operator_ctx, 2)
    opened = off.open_shift(desk, 10_000)
    kept = desk.take_payment(n1, 30_000, "cash")
    refused = desk.take_payment(n2, 40_000, "cash")
    closing, z = off.close_shift(desk, 80_000)
    off.open_shift(desk, 0)
    after = desk.take_payment(n1, 5_000, "cash")
    with operator_ctx.transaction() as s:  # meanwhile, online: n2 is closed
        s.execute(update(Account).where(Account.number == n2).values(closed_on=operator_ctx.today()))

    report = replay(db.sessions, desk.journal)
    assert report.conflicts == [refused.seq, closing.seq] and report.waiting == 2 and report.pending_left == 2
    conflicts = {op.seq: op for op in desk.journal.operations(CONFLICT)}
    assert "не совпадают с Z-отчётом" in conflicts[closing.seq].message
    shared = _shared_shift(operator_ctx, opened.key)
    assert shared.state == "open"  # never closed on figures other than the printed ones
    assert _shift_payments(operator_ctx, shared.id) == [kept.key]
    assert replay(db.sessions, desk.journal).waiting == 2  # still waiting, nothing posted into the old shift

    # An ordinary operator cannot resolve; the refusal is audited; the conflict stays.
    with pytest.raises(AuthError):
        resolve(operator_ctx, desk.journal, closing.seq, RESEND, "sam.op1", DEMO_PASSWORD)
    with pytest.raises(AuthError):
        resolve(operator_ctx, desk.journal, closing.seq, RESEND, "sam.senior", "wrong password")
    assert {op.seq for op in desk.journal.operations(CONFLICT)} == {refused.seq, closing.seq}
    # A senior's password: the refused payment is settled with the customer, the shift closed on
    # the shared totals (the drawer's 400 ₽ over is the closed account's money, explained).
    resolve(operator_ctx, desk.journal, refused.seq, SETTLE, "sam.senior", DEMO_PASSWORD, "возвращено клиенту")
    resent = resolve(operator_ctx, desk.journal, closing.seq, RESEND, "sam.senior", DEMO_PASSWORD)
    assert resent.state == PENDING and "expected_totals" not in resent.payload and "shift" not in resent.payload
    assert resent.payload["counted_cash_kopecks"] == 80_000 and "sam.senior" in resent.message
    final = replay(db.sessions, desk.journal)
    assert (final.done, final.conflicts, final.waiting, final.pending_left) == (3, [], 0, 0)
    states = {op.seq: op.state for op in desk.journal.operations()}
    assert states[refused.seq] == RESOLVED and states[closing.seq] == DONE and states[after.seq] == DONE
    stored = shifts.z_report(operator_ctx, _shared_shift(operator_ctx, opened.key).id)
    assert stored.cash_payments_kopecks == 30_000 and stored.counted_cash_kopecks == 80_000
    assert stored.difference_kopecks == 40_000 and "sam.senior" in stored.comment
    assert z.cash_payments_kopecks == 70_000  # what the offline Z printed: the senior reconciled the two
    with operator_ctx.read() as s:
        events = [json.loads(e.details) | {"operator_id": e.operator_id} for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "offline.conflict_resolved").order_by(AuditEvent.id))]
        refusals = s.scalars(select(AuditEvent.details).where(AuditEvent.action == "operator.approval_refused")).all()
    assert [(e["decision"], e["approved_by"], e["key"]) for e in events] == [
        (SETTLE, "sam.senior", refused.key), (RESEND, "sam.senior", closing.key)]
    assert all(e["operator_id"] == operator_ctx.actor.operator_id for e in events)
    assert len(refusals) == 2
    assert desk.journal.operations(PENDING) == []


def test_a_shift_opened_online_is_not_closed_offline(db, operator_ctx, tmp_path):
    info = shifts.open_shift(operator_ctx, 1_000)
    refresh(db.engine, tmp_path / "copy.sqlite3", operator_ctx.actor.branch_code)
    desk = OfflineDesk(tmp_path / "copy.sqlite3", Journal(tmp_path / "journal.sqlite3"), operator_ctx.actor,
                       "desk-off", clock=operator_ctx.clock, online_shift=info, zone=operator_ctx.zone)
    (n,) = branch_accounts(operator_ctx, 1)
    paid = desk.take_payment(n, 2_000, "cash")
    assert paid.payload["shift"] is None  # into the shift opened online, at replay
    with pytest.raises(InputError) as e:
        off.close_shift(desk, 3_000)
    assert e.value.field == "shift" and "до потери связи" in str(e.value)
    with pytest.raises(InputError):
        off.open_shift(desk, 0)
    assert replay(db.sessions, desk.journal).done == 1
    assert _shift_payments(operator_ctx, info.id) == [paid.key]


def test_a_journal_written_before_offline_shifts_keeps_its_rows_and_takes_shifts(tmp_path):
    from datetime import UTC, datetime

    from desktop.services.context import Actor
    from desktop.services.offline_journal import SCHEMA

    path = tmp_path / "journal.sqlite3"
    actor = Actor(5, "syz.op1", "Петрова А. А.", "operator", 2, "SYZ")
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA.replace("'payment', 'reading', 'shift_open', 'shift_close'", "'payment', 'reading'"))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO operations (key, kind, account, payload, actor, desk, taken_at) "
                         "VALUES ('k0', 'shift_open', '', '{}', '[]', 'd', '2026-12-03')")
        conn.execute("INSERT INTO operations (key, kind, account, amount_kopecks, payload, actor, desk, taken_at) "
                     "VALUES ('k1', 'payment', '020000000001', 500, '{\"method\": \"cash\"}', ?, 'd', ?)",
                     (json.dumps([5, "syz.op1", "Петрова А. А.", "operator", 2, "SYZ"]),
                      datetime.now(UTC).isoformat()))
    journal = Journal(path)
    opened = journal.append(off.SHIFT_OPEN, "", {"opening_float_kopecks": 0}, actor, "d", datetime.now(UTC))
    assert [(op.key, op.kind, op.state) for op in journal.operations()] == [
        ("k1", "payment", PENDING), (opened.key, off.SHIFT_OPEN, PENDING)]
    assert Journal(path).pending_count() == 2  # opened again: nothing rebuilt twice


def test_two_replays_of_a_journal_with_shifts_at_once_apply_each_once(db, operator_ctx, tmp_path):
    """The timer and a senior's "send again" can start two replays of one journal together."""
    import threading

    desk = _desk(db, operator_ctx, tmp_path)
    numbers = branch_accounts(operator_ctx, 3)
    first = off.open_shift(desk, 1_000)
    paid = [desk.take_payment(numbers[i % 3], 2_000 + i, "cash") for i in range(6)]
    closing, z = off.close_shift(desk, off.x_report(desk).expected_cash_kopecks)
    second = off.open_shift(desk, 0)
    paid.append(desk.take_payment(numbers[0], 3_000, "card", **CARD))
    reports = []
    threads = [threading.Thread(target=lambda: reports.append(replay(db.sessions, desk.journal))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(reports) == 2 and all(r.conflicts == [] for r in reports), [
        (op.seq, op.state, op.message) for op in desk.journal.operations()]
    if desk.journal.operations(PENDING):  # SQLite may answer one of them "busy": it stops, the rest waits
        assert replay(db.sessions, desk.journal).conflicts == []
    assert {op.state for op in desk.journal.operations()} == {DONE}
    shared = _shared_shift(operator_ctx, first.key)
    stored = shifts.z_report(operator_ctx, shared.id)
    assert {t: getattr(stored, t) for t in TOTALS} == {t: getattr(z, t) for t in TOTALS}
    assert _shift_payments(operator_ctx, shared.id) == sorted(op.key for op in paid[:6])
    assert _shift_payments(operator_ctx, _shared_shift(operator_ctx, second.key).id) == [paid[6].key]
    assert shared.close_key == closing.key


def test_two_replays_at_once_both_hold_back_after_a_shift_conflict(db, operator_ctx, tmp_path):
    import threading

    desk = _desk(db, operator_ctx, tmp_path)
    n1, n2 = branch_accounts(operator_ctx, 2)
    opened = off.open_shift(desk, 0)
    kept = desk.take_payment(n1, 1_000, "cash")
    desk.take_payment(n2, 2_000, "cash")
    off.close_shift(desk, 3_000)
    second = off.open_shift(desk, 0)
    later = desk.take_payment(n1, 4_000, "cash")
    with operator_ctx.transaction() as s:
        s.execute(update(Account).where(Account.number == n2).values(closed_on=operator_ctx.today()))
    threads = [threading.Thread(target=lambda: replay(db.sessions, desk.journal)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    replay(db.sessions, desk.journal)  # whatever a "busy" SQLite left pending
    assert [op.seq for op in desk.journal.operations(PENDING)] == [second.seq, later.seq]
    assert _shift_payments(operator_ctx, _shared_shift(operator_ctx, opened.key).id) == [kept.key]
    with operator_ctx.read() as s:
        assert s.scalar(select(CashShift.id).where(CashShift.open_key == second.key)) is None
        assert s.scalar(select(Payment.id).where(Payment.idempotency_key == later.key)) is None
