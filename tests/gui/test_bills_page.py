"""The bills page: list, preview, printing to a fake printer (the Qt print boundary), errors and retry."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView

from desktop.printing.qt_print import PrintError
from desktop.services import billing
from desktop.services.accounts import list_accounts
from desktop.services.context import Actor, ServiceContext

ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")


class FakePrinter:
    """Stands in for QtPdfPrinter: keeps what was printed, or fails while ``fail`` is set."""

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str]] = []
        self.fail: str | None = None

    def print_pdf(self, data, printer_name, title=""):  # type: ignore[no-untyped-def]
        if self.fail:
            raise PrintError(self.fail)
        if not isinstance(data, bytes):
            with open(data, "rb") as pdf:  # a branch batch comes as a file path
                data = pdf.read()
        self.jobs.append((data, printer_name))


def _billed(db, periods=("2026-09", "2026-10")) -> str:
    for period in periods:
        year, month = map(int, period.split("-"))
        ctx = ServiceContext(db.sessions, ADMIN, clock=lambda y=year, m=month: datetime(
            y + m // 12, m % 12 + 1, 1, 6, tzinfo=UTC))
        billing.run_billing(ctx, period)
    return list_accounts(ServiceContext(db.sessions, ADMIN), 1)[0]


def _open_bills(qtbot, window, number):  # type: ignore[no-untyped-def]
    window.open_account(number)
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == number)
    page = window.card.pages["bills"]
    window.card.tabs.setCurrentWidget(page)
    view = page.findChild(QTableView, "billsView")
    qtbot.waitUntil(lambda: view.model().rowCount() >= 2)
    return page, view


def test_list_preview_and_print(qtbot, window, db, tmp_path):
    number = _billed(db)
    page, view = _open_bills(qtbot, window, number)
    model = view.model()
    assert model.index(0, 0).data() == "Октябрь 2026" and model.index(1, 0).data() == "Сентябрь 2026"
    assert model.index(0, 1).data().endswith("\u00a0₽") and "," in model.index(0, 1).data()
    assert model.index(0, 2).data() in ("оплачен", "не оплачен")
    assert model.index(0, 3).data() in ("по показаниям", "по среднему", "по нормативу")
    page.grab().save(str(tmp_path / "bills_page.png"))

    preview = page.findChild(QPushButton, "previewBillButton")
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible())
    assert page.preview_dialog.document.pageCount() == 1
    page.preview_dialog.close()

    fake = FakePrinter()
    page.printer = fake
    selection = view.selectionModel()
    for row in (0, 1):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(page.findChild(QPushButton, "printBillButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.jobs) == 1)
    data, printer_name = fake.jobs[0]
    assert printer_name == ""  # none set: the real printer would show the system dialog
    from io import BytesIO

    from pypdf import PdfReader

    pages = PdfReader(BytesIO(data)).pages
    assert len(pages) == 2
    assert "за сентябрь 2026" in pages[0].extract_text() and "за октябрь 2026" in pages[1].extract_text()


def test_printer_error_shows_message_and_retry_works(qtbot, window, db):
    from desktop.desk_settings import BILL_PRINTER

    number = _billed(db)
    page, view = _open_bills(qtbot, window, number)
    window.desk.settings.set(BILL_PRINTER, "Kyocera-Hall")
    fake = FakePrinter()
    fake.fail = "Принтер «Kyocera-Hall» недоступен"
    page.printer = fake
    error = page.findChild(QLabel, "errorLabel")
    button = page.findChild(QPushButton, "printBillButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error.isVisible())
    assert "Kyocera-Hall" in error.text() and button.isEnabled()
    fake.fail = None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.jobs) == 1)
    assert fake.jobs[0][1] == "Kyocera-Hall" and not error.isVisible()


def test_operator_sees_no_billing_run(qtbot, window, db):
    number = _billed(db, ("2026-10",))
    window.open_account(number)
    qtbot.waitUntil(lambda: window.card.card is not None)
    page = window.card.pages["bills"]
    assert not page.findChild(QPushButton, "billingRunButton").isVisibleTo(page)


def test_senior_billing_run_dialog_with_progress(qtbot, database_url, demo_logins, db):
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD

    win = launch(database_url, login="sam.senior", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    number = list_accounts(ServiceContext(db.sessions, ADMIN), 1)[0]
    win.open_account(number)
    qtbot.waitUntil(lambda: win.card.card is not None)
    page = win.card.pages["bills"]
    assert page.findChild(QPushButton, "billingRunButton").isVisibleTo(page)
    page.open_batch("run")
    dialog = page.batch_dialog
    dialog.period.setText("2026-11")  # the demo is billed up to October
    dialog.branch.setText("")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.result.billed + dialog.result.skipped == dialog.result.total > 0
    assert dialog.progress.value() == dialog.progress.maximum()
    # The branch batch print goes to the same printer boundary.
    fake = FakePrinter()
    page.printer = fake
    page.open_batch("print")
    batch = page.batch_dialog
    batch.period.setText("2026-10")
    batch.branch.setText("SAM")
    batch.start()
    qtbot.waitUntil(lambda: len(fake.jobs) == 1, timeout=30_000)
    assert fake.jobs[0][0].startswith(b"%PDF")
    win.close()  # before the database fixture drops the database (closeEvent releases connections)


def _hold_run(url: str, claimed, release) -> None:  # type: ignore[no-untyped-def]
    """Another desk's process running the November billing (claimed, alive, not finishing)."""
    from desktop.core.periods import Period
    from desktop.db.engine import make_engine, make_session_factory
    from desktop.services.billing_runs import claim

    engine = make_engine(url)
    try:
        claim(ServiceContext(make_session_factory(engine), ADMIN), Period(2026, 11), None, None)
        claimed.set()
        release.wait(120)
    finally:
        engine.dispose()


def test_billing_dialog_says_who_runs_it_and_letters_show_their_state(qtbot, database_url, demo_logins, db,
                                                                      tmp_path):
    import multiprocessing

    from sqlalchemy import select, update

    from desktop.app import launch
    from desktop.db.models import Account, Customer
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.mail_queue import queue_bill_emails

    ctx = ServiceContext(db.sessions, ADMIN)
    number = list_accounts(ctx, 1)[0]
    with db.sessions.begin() as s:
        aid, cid = s.execute(select(Account.id, Account.customer_id).where(Account.number == number)).one()
        s.execute(update(Account).where(Account.id == aid).values(bills_by_email_only=True))
        s.execute(update(Customer).where(Customer.id == cid).values(email="payer@mail.ru"))
    queue_bill_emails(ctx, "2026-10")
    mp = multiprocessing.get_context("fork")
    claimed, release = mp.Event(), mp.Event()
    holder = mp.Process(target=_hold_run, args=(database_url, claimed, release))
    holder.start()
    win = launch(database_url, login="sam.senior", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    try:
        assert claimed.wait(60)
        win.open_account(number)
        qtbot.waitUntil(lambda: win.card.card is not None)
        page = win.card.pages["bills"]
        view = page.findChild(QTableView, "billsView")
        qtbot.waitUntil(lambda: view.model().rowCount() > 0)
        assert view.model().index(0, 4).data() == "в очереди"
        assert page.findChild(QPushButton, "resendBillEmailButton").isVisibleTo(page)
        page.open_batch("run")
        dialog = page.batch_dialog
        dialog.period.setText("2026-11")
        dialog.branch.setText("")
        dialog.start()
        error = dialog.findChild(QLabel, "errorLabel")
        qtbot.waitUntil(lambda: error.isVisible() and "уже идёт" in error.text(), timeout=30_000)
        assert "командная строка" in error.text() and dialog.start_button.isEnabled()
        dialog.grab().save(str(tmp_path / "billing_busy.png"))
        page.resize(1100, 400)
        page.grab().save(str(tmp_path / "bills_page.png"))
        print(tmp_path)
    finally:
        release.set()
        holder.join(60)
        win.close()
