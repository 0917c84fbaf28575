"""The billing run on SQLite and PostgreSQL: arithmetic to the kopeck, idempotence, cancel, PDF, CLI."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from desktop.core.documents import BillDocument
from desktop.core.money import format_rub
from desktop.db.models import Account, Bill, BillingRun, BillLine, Branch, Customer, Meter, Payment, Reading
from desktop.services import bill_documents, billing
from desktop.services.context import Actor, ServiceContext
from desktop.services.errors import InputError, NotFound, PermissionDenied

ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)


def ctx_at(db, day: date) -> ServiceContext:
    return ServiceContext(db.sessions, ADMIN, clock=lambda: at(day))


def next_first(period: str) -> date:
    year, month = map(int, period.split("-"))
    return date(year + month // 12, month % 12 + 1, 1)


def bill_for(db, number: str, period: str) -> datetime:
    """Run the billing of ``period`` the morning after the month, as the office does."""
    return billing.run_billing(ctx_at(db, next_first(period)), period)


def make_account(db, number: str, *, zones: int = 1, residents: int = 2, balance: int = 0,
                 readings: dict[str, dict[str, int]] | None = None) -> int:
    with db.sessions.begin() as s:
        branch = s.scalar(select(Branch).where(Branch.code == "SAM"))
        if branch is None:
            branch = Branch(code="SAM", name="Головной офис", town="Самара", address="")
            s.add(branch)
            s.flush()
        cust = Customer(last_name="Иванова", first_name="Мария", middle_name="Петровна",
                        name_key="иванова мария петровна")
        s.add(cust)
        s.flush()
        acc = Account(number=number, customer_id=cust.id, branch_id=branch.id, town="Самара",
                      street="ул. Ленина", house="12", flat="34", town_key="самара", street_key="ул. ленина",
                      consumer_group="urban", residents=residents, balance_kopecks=balance,
                      opened_on=date(2020, 1, 1))
        s.add(acc)
        s.flush()
        meter = Meter(account_id=acc.id, serial="00112233", zones=zones, digits=6,
                      installed_on=date(2019, 5, 1))
        s.add(meter)
        s.flush()
        for period, values in (readings or {}).items():
            year, month = map(int, period.split("-"))
            for zone, value in values.items():
                s.add(Reading(meter_id=meter.id, zone=zone, value=value, taken_on=date(year, month, 20),
                              period=period, source="operator"))
        return acc.id


def add_reading(db, account_id: int, period: str, values: dict[str, int]) -> None:
    year, month = map(int, period.split("-"))
    with db.sessions.begin() as s:
        meter_id = s.scalar(select(Meter.id).where(Meter.account_id == account_id))
        for zone, value in values.items():
            s.add(Reading(meter_id=meter_id, zone=zone, value=value, taken_on=date(year, month, 20),
                          period=period, source="operator"))


def pay(db, account_id: int, amount: int, day: date, key: str) -> None:
    """A payment as a bank registry posts it: a row and the balance credited (desk cash would need a
    cash shift: ck_payments_desk_money_in_shift)."""
    with db.sessions.begin() as s:
        s.add(Payment(account_id=account_id, method="bank", amount_kopecks=amount, idempotency_key=key,
                      posted_at=at(day)))
        acc = s.get(Account, account_id)
        acc.balance_kopecks += amount


def stored(db, account_id: int, period: str) -> tuple[Bill, list[BillLine], int]:
    with db.sessions() as s:
        bill = s.scalar(select(Bill).where(Bill.account_id == account_id, Bill.period == period))
        lines = list(s.scalars(select(BillLine).where(BillLine.bill_id == bill.id).order_by(BillLine.line_no)))
        balance = s.get(Account, account_id).balance_kopecks
        s.expunge_all()
        return bill, lines, balance


NUMBER = "630000123456"


def test_two_zone_meter_month_to_the_kopeck(db):
    aid = make_account(db, NUMBER, zones=2, balance=-50_000,
                       readings={"2026-09": {"T1": 15230, "T2": 6120}, "2026-10": {"T1": 15442, "T2": 6215}})
    pay(db, aid, 30_000, date(2026, 10, 15), "p1")
    result = bill_for(db, NUMBER, "2026-10")
    assert (result.billed, result.skipped, result.cancelled) == (1, 0, False)
    bill, lines, balance = stored(db, aid, "2026-10")
    # Scheme 2 from 01.10.2026: day 8.20, night 4.17.
    assert [(ln.zone, ln.kwh, ln.price_kopecks, ln.amount_kopecks, ln.basis) for ln in lines] == [
        ("T1", 212, 820, 173_840, "meter"), ("T2", 95, 417, 39_615, "meter")]
    assert (bill.opening_balance_kopecks, bill.payments_kopecks, bill.charges_kopecks) == (-50_000, 30_000, 213_455)
    assert bill.amount_due_kopecks == 213_455 + 50_000 - 30_000 == 233_455
    assert balance == -20_000 - 213_455
    doc = bill_documents.bill_document(ctx_at(db, date(2030, 1, 1)), NUMBER, "2026-10")
    assert doc.amount_due_kopecks == 233_455 and doc.lines[0].zone == "День (T1)"
    assert "Sum=233455" in doc.qr_payload and "PersAcc=630000123456" in doc.qr_payload
    assert "LastName" not in doc.qr_payload and "PayerAddress" not in doc.qr_payload
    # Not frozen by the run: on first print, from the bill and its lines, then stored.
    assert bill.document == ""
    _bill, _lines, _balance = stored(db, aid, "2026-10")
    assert doc == BillDocument.from_json(_bill.document)
    with db.sessions() as s:
        run = s.scalar(select(BillingRun))
        assert (run.state, run.billed) == ("done", 1)
        from desktop.db.models import AuditEvent
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "billing.run")) == 1


def test_average_then_norm_then_recalculation(db):
    # 100 kWh a month read from January to June 2025 (six metered months).
    readings = {"2024-12": {"T1": 1000}} | {f"2025-{m:02d}": {"T1": 1000 + 100 * m} for m in range(1, 7)}
    aid = make_account(db, NUMBER, residents=2, readings=readings)
    for m in range(7, 13):
        bill_for(db, NUMBER, f"2025-{m:02d}")
    _jul, jul_lines, _ = stored(db, aid, "2025-07")
    # 2025-07..12 urban single rate 6.16; average of 6 months = 100 kWh.
    assert [(ln.basis, ln.kwh, ln.amount_kopecks) for ln in jul_lines] == [("average", 100, 61_600)]
    assert "по среднемесячному расходу за 6 мес." in jul_lines[0].reason and "1-й месяц" in jul_lines[0].reason
    _, dec_lines, _ = stored(db, aid, "2025-12")
    assert dec_lines[0].basis == "average" and "6-й месяц" in dec_lines[0].reason
    # The seventh month without a reading: the norm, 115 kWh × 2 residents at 6.25 (2026).
    bill_for(db, NUMBER, "2026-01")
    _jan, jan_lines, _ = stored(db, aid, "2026-01")
    assert [(ln.basis, ln.kwh, ln.amount_kopecks) for ln in jan_lines] == [("norm", 230, 143_750)]
    assert "по нормативу 230" in jan_lines[0].reason
    # February: a real reading, 1200 kWh since June shared over 8 months = 150 each.
    add_reading(db, aid, "2026-02", {"T1": 1600 + 1200})
    bill_for(db, NUMBER, "2026-02")
    feb, feb_lines, balance = stored(db, aid, "2026-02")
    charge = [ln for ln in feb_lines if ln.kind == "charge"]
    recalcs = [ln for ln in feb_lines if ln.kind == "recalculation"]
    assert [(ln.basis, ln.kwh, ln.amount_kopecks) for ln in charge] == [("meter", 150, 93_750)]
    assert [(ln.kwh, ln.amount_kopecks) for ln in recalcs] == [(50, 30_800)] * 6 + [(-80, -50_000)]
    assert all(ln.reason.startswith("Перерасчёт") for ln in recalcs)
    assert "по нормативу 230 кВт·ч, по показаниям 150 кВт·ч (-80 кВт·ч)" in recalcs[-1].reason
    assert feb.recalculation_kopecks == 6 * 30_800 - 50_000
    total = 6 * 61_600 + 143_750 + 93_750 + feb.recalculation_kopecks
    assert balance == -total and feb.amount_due_kopecks == total
    doc = bill_documents.bill_document(ctx_at(db, date(2026, 3, 1)), NUMBER, "2026-02")
    assert len(doc.recalculation_lines) == 7 and doc.recalculation_lines[0].reason
    rows = bill_documents.bills_for_account(ctx_at(db, date(2026, 3, 1)), NUMBER)
    assert [r.period for r in rows[:3]] == ["2026-02", "2026-01", "2025-12"]
    assert [r.basis for r in rows[:3]] == ["meter", "norm", "average"]
    assert not rows[0].paid


def test_payments_balance_and_paid_flag(db):
    readings = {"2024-12": {"T1": 1000}} | {f"2025-{m:02d}": {"T1": 1000 + 100 * m} for m in range(1, 9)}
    aid = make_account(db, NUMBER, readings=readings)
    bill_for(db, NUMBER, "2025-07")  # 100 kWh × 6.16
    pay(db, aid, 100_000, date(2025, 8, 5), "p-aug")
    bill_for(db, NUMBER, "2025-08")
    aug, _, balance = stored(db, aid, "2025-08")
    assert (aug.opening_balance_kopecks, aug.payments_kopecks, aug.charges_kopecks) == (-61_600, 100_000, 61_600)
    assert aug.amount_due_kopecks == 23_200 and balance == -23_200
    rows = bill_documents.bills_for_account(ctx_at(db, date(2025, 9, 2)), NUMBER)
    assert [(r.period, r.paid) for r in rows] == [("2025-08", False), ("2025-07", True)]
    pay(db, aid, 50_000, date(2025, 9, 3), "p-sep")  # overpays by 268,00
    rows = bill_documents.bills_for_account(ctx_at(db, date(2025, 9, 4)), NUMBER)
    assert rows[0].paid
    add_reading(db, aid, "2025-09", {"T1": 1900})
    bill_for(db, NUMBER, "2025-09")
    sep, _, balance = stored(db, aid, "2025-09")
    assert sep.opening_balance_kopecks == -23_200 and sep.payments_kopecks == 50_000
    assert sep.amount_due_kopecks == 61_600 - 26_800 and balance == 26_800 - 61_600


def test_running_twice_charges_nothing_twice(db):
    aid = make_account(db, NUMBER, readings={"2026-09": {"T1": 100}, "2026-10": {"T1": 300}})
    first = bill_for(db, NUMBER, "2026-10")
    _, _, balance = stored(db, aid, "2026-10")
    second = bill_for(db, NUMBER, "2026-10")
    assert (first.billed, second.billed, second.total) == (1, 0, 0)
    assert stored(db, aid, "2026-10")[2] == balance == -200 * 695
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 1


def test_cancel_leaves_no_half_billed_account(db, demo_logins):
    ctx = ctx_at(db, date(2026, 12, 1))
    with db.sessions() as s:
        before = dict(s.execute(select(Account.id, Account.balance_kopecks)).all())
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return False  # cancel after the first batch

    result = billing.run_billing(ctx, "2026-11", progress=progress, batch_size=7)
    assert result.cancelled and len(calls) == 1 and calls[0] == (7, 60)
    with db.sessions() as s:
        bills = {b.account_id: b for b in s.scalars(select(Bill).where(Bill.period == "2026-11"))}
        assert 0 < len(bills) <= 7
        for aid, balance in s.execute(select(Account.id, Account.balance_kopecks)):
            bill = bills.get(aid)
            if bill is None:
                assert balance == before[aid]
                continue
            lines = s.scalars(select(BillLine).where(BillLine.bill_id == bill.id)).all()
            assert lines and bill.document == ""  # frozen on first print
            assert balance == before[aid] - bill.charges_kopecks - bill.recalculation_kopecks
        assert s.scalar(select(BillingRun.state).where(BillingRun.id == result.run_id)) == "cancelled"
    rest = billing.run_billing(ctx, "2026-11")
    assert rest.billed + rest.skipped == 60 - len(bills) and not rest.cancelled


def test_roles_and_input_errors(db, operator_ctx, senior_ctx):
    with pytest.raises(PermissionDenied):
        billing.run_billing(operator_ctx, "2026-10")
    with pytest.raises(InputError):
        billing.run_billing(senior_ctx, "2026/10")
    with pytest.raises(NotFound):
        billing.run_billing(senior_ctx, "2026-10", "XXX")
    with pytest.raises(NotFound, match="не найден"):
        bill_documents.bill_pdf(senior_ctx, "999999999999", "2026-10")
    from desktop.services.accounts import list_accounts
    number = list_accounts(senior_ctx, 1)[0]
    with pytest.raises(NotFound, match="Нет счёта за январь 2020"):
        bill_documents.bill_pdf(senior_ctx, number, "2020-01")


# --- the PDF read back --------------------------------------------------------------------------

def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_bill_pdf_reads_back(db, tmp_path):
    make_account(db, NUMBER, zones=2, balance=-50_000,
                 readings={"2026-09": {"T1": 15230, "T2": 6120}, "2026-10": {"T1": 15442, "T2": 6215}})
    bill_for(db, NUMBER, "2026-10")
    ctx = ctx_at(db, date(2031, 5, 5))
    data = bill_documents.bill_pdf(ctx, NUMBER, "2026-10")
    doc = bill_documents.bill_document(ctx, NUMBER, "2026-10")
    text = _squash("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert NUMBER in text and "за октябрь 2026" in text
    for amount in (263_455, 213_455, 50_000):
        assert _squash(format_rub(amount)) in text, amount
    for amount in (173_840, 39_615):  # line amounts are printed without the sign of the rouble
        assert _squash(format_rub(amount, symbol=False)) in text, amount
    assert "Иванова Мария Петровна" in text and "8,20" in text
    path = tmp_path / "bill.pdf"
    path.write_bytes(data)
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in out.splitlines()[2:]]
        assert rows and all(r[-5] == "yes" and "DejaVuSans" in r[0] for r in rows)
    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        pytest.skip("zbarimg/pdftoppm not installed")
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True)
    (png,) = tmp_path.glob("page-*.png")
    decoded = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", str(png)], capture_output=True).stdout
    assert decoded == doc.qr_payload.encode("utf-8") * 2  # the bill and the tear-off slip


# --- the command line ---------------------------------------------------------------------------

def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[2]
    env = {**__import__("os").environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True, text=True,
                          timeout=120, env=env, cwd=root)


def test_cli_bill_run_and_pdf(db, database_url, tmp_path):
    make_account(db, NUMBER, zones=2, readings={"2026-09": {"T1": 15230, "T2": 6120},
                                                "2026-10": {"T1": 15442, "T2": 6215}})
    done = _cli("bill", "run", "--period", "2026-10", "--database", database_url)
    assert done.returncode == 0, done.stderr
    assert "выставлено счетов 1 из 1" in done.stdout and "accounts" in done.stderr
    out = tmp_path / "bill.pdf"
    done = _cli("bill", "pdf", NUMBER, "--period", "2026-10", "--out", str(out), "--database", database_url)
    assert done.returncode == 0, done.stderr
    ctx = ctx_at(db, date(2026, 12, 1))
    expected = bill_documents.bill_pdf(ctx, NUMBER, "2026-10")
    reader = lambda b: _squash(PdfReader(io.BytesIO(b)).pages[0].extract_text())  # noqa: E731
    assert reader(out.read_bytes()) == reader(expected)
    assert not list(tmp_path.glob("*.tmp"))  # no temporary leftovers
    missing = tmp_path / "missing.pdf"
    cases = [
        (["bill", "run", "--period", "2026-13"], "месяц"),
        (["bill", "run", "--period", "октябрь"], "ГГГГ-ММ"),
        (["bill", "run", "--period", "2026-10", "--branch", "XXX"], "Нет отделения"),
        (["bill", "pdf", NUMBER, "--period", "2026-09", "--out", str(missing)], "Нет счёта за сентябрь 2026"),
        (["bill", "pdf", "12345", "--period", "2026-10", "--out", str(missing)], "12 цифр"),
        (["bill", "pdf", "999999999999", "--period", "2026-10", "--out", str(missing)], "не найден"),
        (["bill", "pdf", NUMBER, "--period", "2026-10", "--out", str(tmp_path / "no" / "x.pdf")], "нет папки"),
        (["bill", "pdf", NUMBER, "--period", "2026-10", "--out", str(tmp_path)], "папка"),
    ]
    for argv, message in cases:
        done = _cli(*argv, "--database", database_url)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1 and message in lines[0], (argv, done.stderr)
    assert not missing.exists()


def test_a_payee_that_cannot_make_the_qr_code_refuses_the_run(db):
    """Bills are frozen on first print; a payee whose requisites cannot make the QR code stops the
    run at its start, not every later print of its bills."""
    from dataclasses import asdict

    from desktop.core.payment_qr import DEMO_PAYEE
    from desktop.services.company_settings import set_value

    make_account(db, NUMBER, zones=1, readings={"2026-09": {"T1": 100}, "2026-10": {"T1": 180}})
    with db.sessions.begin() as s:
        set_value(s, "payee", dict(asdict(DEMO_PAYEE), name="ПАО " + "Очень длинное имя " * 20))
    with pytest.raises(InputError, match="QR"):
        bill_for(db, NUMBER, "2026-10")
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 0
        assert s.scalar(select(func.count()).select_from(BillingRun)) == 0


def test_a_batch_moves_its_balances_without_touching_the_accounts_indexes(db, demo_logins):
    """Migration 0015: on PostgreSQL every balance update of a billing batch stays on its page
    (HOT: none of the accounts' seven indexes gets a new entry). A batch updates every row of the
    pages it covers; on full pages (fillfactor 100) most updates moved to another page."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's storage (SQLite rewrites a row in place)")
    from sqlalchemy import text

    from desktop.core.periods import Period

    ctx = ctx_at(db, date(2026, 12, 1))
    period = Period.parse("2026-11")
    with db.sessions() as s:
        ids = list(s.scalars(select(Account.id).order_by(Account.id)))
        tariffs = billing.RunTariffs(billing.load_tariffs(s))
    with ctx.transaction() as s:
        facts = billing._load_batch(s, ids, period)
        billed = [billing._bill_one(f, period, tariffs, ctx.now()) for f in facts.values()]
        billing._write(s, billed, None)
        updated, hot = s.execute(text("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
                                      "WHERE relname = 'accounts'")).one()
    assert len(billed) == len(ids) == 60
    assert (updated, hot) == (60, 60)
