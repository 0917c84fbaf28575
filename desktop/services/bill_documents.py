"""An account's bills as the desk shows and prints them: the bills list with paid and e-mail
states, the document frozen on first print, PDFs, and a branch's documents for the batch print.

The billing run (``services.billing``) stores bills and lines only; the first print, preview,
save or e-mail of a bill builds its document from them here (payer, payee, lines' labels, QR
payload) and stores it, so every later print is that same document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.accounts import normalize_account
from desktop.core.billing import BASIS_NAMES
from desktop.core.documents import BASIS_AVERAGE, BASIS_METER, BASIS_NORM, BillDocument, BillLineDoc
from desktop.core.payment_qr import PayeeDetails
from desktop.core.periods import Period
from desktop.core.tariffs import GROUP_NAMES, ZONE_NAMES
from desktop.db.models import Account, Bill, BillLine, Branch, Customer, Meter, Payment
from desktop.services.billing import load_payee, parse_period, qr_for
from desktop.services.context import ServiceContext
from desktop.services.errors import InputError, NotFound

DOC_BASIS = {"meter": BASIS_METER, "average": BASIS_AVERAGE, "norm": BASIS_NORM}
BASIS_CODE = {v: k for k, v in DOC_BASIS.items()}
RANGE_ROMAN = {1: "", 2: ", диапазон II", 3: ", диапазон III"}


def zone_label(zones: int, zone: str, range_no: int | None = None) -> str:
    """'День (T1)', 'Круглосуточно', 'Пик (T1), диапазон II'."""
    name = ZONE_NAMES[zones][zone].capitalize()
    label = name if zones == 1 else f"{name} ({zone})"
    return label + RANGE_ROMAN.get(range_no or 1, "")


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
    email_state: str = ""  # "", queued, sent, failed: the bill's letter
    email_error: str = ""  # why the last attempt failed

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
        from desktop.services.mail_queue import bill_email_states

        emails = bill_email_states(s, aid)
    rows = []
    for i, b in enumerate(bills):
        until = bills[i + 1].created_at if i + 1 < len(bills) else None
        paid_after = sum(a for at, a in payments if at >= b.created_at and (until is None or at < until))
        mail = emails.get(b.period)
        rows.append(BillRow(b.period, b.amount_due_kopecks, paid_after >= b.amount_due_kopecks,
                            basis.get(b.id, "meter"), b.issued_on, b[5], mail.state if mail else "",
                            mail.reason if mail else ""))
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
    docs: list[BillLineDoc] = []
    ranges: defaultdict[str, int] = defaultdict(int)
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
    import io

    from desktop.printing.bill_pdf import render_bills

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
