"""Demo bills, payments and balances: consistent, and equal to what a billing run produces."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from desktop.db.models import Account, Bill, BillLine, OnlineAccount, Payment
from desktop.services import bill_documents, billing
from desktop.services.context import Actor, ServiceContext

ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")
RUN_AT = datetime(2026, 11, 1, 6, tzinfo=UTC)


def test_balances_follow_bills_and_payments(db, demo_logins):
    with db.sessions() as s:
        assert s.scalar(select(func.count(func.distinct(Bill.period)))) == 24
        accrued = dict(s.execute(select(Bill.account_id, func.sum(Bill.charges_kopecks + Bill.recalculation_kopecks))
                                 .group_by(Bill.account_id)).all())
        paid = dict(s.execute(select(Payment.account_id, func.sum(Payment.amount_kopecks))
                              .group_by(Payment.account_id)).all())
        balances = dict(s.execute(select(Account.id, Account.balance_kopecks)).all())
        assert all(balances[a] == paid.get(a, 0) - accrued.get(a, 0) for a in balances)
        assert any(b < 0 for b in balances.values()) and any(b > 0 for b in balances.values())
        assert s.scalar(select(func.count()).select_from(OnlineAccount)) > 0
        assert len(set(s.scalars(select(OnlineAccount.password_hash)))) == 1
        bases = set(s.scalars(select(BillLine.basis)))
        assert {"meter", "average"} <= bases


def test_demo_bills_equal_a_billing_run(db, demo_logins):
    with db.sessions.begin() as s:
        demo = {b.account_id: (b.opening_balance_kopecks, b.payments_kopecks, b.charges_kopecks,
                               b.recalculation_kopecks, b.amount_due_kopecks)
                for b in s.scalars(select(Bill).where(Bill.period == "2026-10"))}
        demo_lines = {}
        for bill_id, aid in s.execute(select(Bill.id, Bill.account_id).where(Bill.period == "2026-10")):
            demo_lines[aid] = [(ln.kind, ln.zone, ln.basis, ln.kwh, ln.amount_kopecks, ln.reason) for ln in s.scalars(
                select(BillLine).where(BillLine.bill_id == bill_id).order_by(BillLine.line_no))]
        # Back to the morning of 1 November: undo October's bills and November's payments.
        later = {a: int(v) for a, v in s.execute(  # PostgreSQL sums bigint as numeric
            select(Payment.account_id, func.sum(Payment.amount_kopecks))
            .where(Payment.posted_at > RUN_AT).group_by(Payment.account_id))}
        for acc in s.scalars(select(Account)):
            if acc.id in demo:
                acc.balance_kopecks += demo[acc.id][2] + demo[acc.id][3]
            acc.balance_kopecks -= later.get(acc.id, 0)
        october = select(Bill.id).where(Bill.period == "2026-10")
        s.execute(delete(BillLine).where(BillLine.bill_id.in_(october)))
        s.execute(delete(Bill).where(Bill.period == "2026-10"))
    result = billing.run_billing(ServiceContext(db.sessions, ADMIN, clock=lambda: RUN_AT), "2026-10")
    assert result.billed == len(demo) == 60
    with db.sessions() as s:
        for b in s.scalars(select(Bill).where(Bill.period == "2026-10")):
            got = (b.opening_balance_kopecks, b.payments_kopecks, b.charges_kopecks, b.recalculation_kopecks,
                   b.amount_due_kopecks)
            assert got == demo[b.account_id], b.account_id
            lines = [(ln.kind, ln.zone, ln.basis, ln.kwh, ln.amount_kopecks, ln.reason) for ln in s.scalars(
                select(BillLine).where(BillLine.bill_id == b.id).order_by(BillLine.line_no))]
            assert lines == demo_lines[b.account_id]


def test_demo_bill_is_frozen_on_first_print(db, demo_logins):
    ctx = ServiceContext(db.sessions, ADMIN)
    with db.sessions() as s:
        number = s.scalar(select(Account.number).order_by(Account.id).limit(1))
    first = bill_documents.bill_document(ctx, number, "2026-09")
    with db.sessions() as s:
        stored = s.scalar(select(Bill.document).join(Account).where(Account.number == number,
                                                                   Bill.period == "2026-09"))
    assert stored == first.to_json()
    assert bill_documents.bill_document(ctx, number, "2026-09") == first
    assert bill_documents.bill_pdf(ctx, number, "2026-09").startswith(b"%PDF")


def test_run_bills_are_frozen_on_first_print(db, demo_logins):
    """A run stores no document; the first print freezes one from the bill and its lines, and
    every later print is that document, whatever changes in the account meanwhile."""
    from sqlalchemy import update

    from desktop.core.documents import BASIS_AVERAGE, BASIS_METER, BASIS_NORM, BillDocument

    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(2026, 12, 1, 6, tzinfo=UTC))
    result = billing.run_billing(ctx, "2026-11")  # no readings yet for November: averages and norms
    assert result.billed > 50
    names = {"meter": BASIS_METER, "average": BASIS_AVERAGE, "norm": BASIS_NORM}
    with db.sessions() as s:
        bills = {n: b for n, b in s.execute(select(Account.number, Bill).join(Account)
                                            .where(Bill.period == "2026-11"))}
        assert {b.document for b in bills.values()} == {""}
        lines = {b.id: s.scalars(select(BillLine).where(BillLine.bill_id == b.id)
                                 .order_by(BillLine.line_no)).all() for b in bills.values()}
        s.expunge_all()
    for number, bill in bills.items():
        doc = bill_documents.bill_document(ctx, number, "2026-11")
        assert (doc.account, doc.period, doc.issue_date, doc.due_date) == (number, "2026-11", bill.issued_on,
                                                                          bill.due_on)
        assert (doc.opening_balance_kopecks, doc.payments_kopecks, doc.charges_kopecks,
                doc.recalculations_kopecks, doc.amount_due_kopecks) == (
            bill.opening_balance_kopecks, bill.payments_kopecks, bill.charges_kopecks,
            bill.recalculation_kopecks, bill.amount_due_kopecks)
        assert [(d.kind, d.basis, d.kwh, d.amount_kopecks, d.previous_reading, d.current_reading)
                for d in doc.lines] == [(ln.kind, names[ln.basis], ln.kwh, ln.amount_kopecks, ln.previous_reading,
                                         ln.current_reading) for ln in lines[bill.id]]
        assert f"PersAcc={number}" in doc.qr_payload and f"Sum={bill.amount_due_kopecks}" in doc.qr_payload
    # Frozen: a renamed customer does not change a bill already printed.
    number = next(iter(bills))
    first = bill_documents.bill_document(ctx, number, "2026-11")
    with db.sessions.begin() as s:
        from desktop.db.models import Customer

        customer_id = s.scalar(select(Account.customer_id).where(Account.number == number))
        s.execute(update(Customer).where(Customer.id == customer_id).values(last_name="Переименованный"))
    again = bill_documents.bill_document(ctx, number, "2026-11")
    assert again == first and "Переименованный" not in again.payer_name
    with db.sessions() as s:
        stored = s.scalar(select(Bill.document).join(Account).where(Account.number == number,
                                                                   Bill.period == "2026-11"))
    assert BillDocument.from_json(stored) == first

