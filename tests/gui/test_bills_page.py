"""The bills page: list, preview with Print and Save PDF, printing on a real cups-pdf queue, errors and retry."""

from __future__ import annotations

from datetime import UTC, datetime

from cups_fixtures import page_size_pt, pdf_text, qr_payloads
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView

from desktop.desk_settings import BILL_PRINTER
from desktop.printing.spooler import PrintService
from desktop.services import bill_documents, billing
from desktop.services.accounts import list_accounts
from desktop.services.context import Actor, ServiceContext

ADMIN = Actor(None, "test-admin", "Тестовый администратор", "admin", None, "")


class RecordingSpooler:
    """For the branch batch only: takes the jobs without a printer (hundreds of pages would keep
    Ghostscript busy for minutes); single bills go to the real CUPS queue below."""

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str, str]] = []

    def printers(self) -> list[str]:
        return ["batch-printer"]

    def submit(self, path, printer, title, page_pt, wait):  # type: ignore[no-untyped-def]
        self.jobs.append((path.read_bytes(), printer, title))
        return f"{printer}-{len(self.jobs)}"


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


def test_list_preview_and_print(qtbot, window, db, tmp_path, cups_pdf):
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

    window.desk.settings.set(BILL_PRINTER, cups_pdf.name)
    selection = view.selectionModel()
    for row in (0, 1):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(page.findChild(QPushButton, "printBillButton"), Qt.MouseButton.LeftButton)
    status = page.findChild(QLabel, "billsStatus")
    qtbot.waitUntil(lambda: status.text() == f"Отправлено на принтер {cups_pdf.name}.", timeout=15_000)
    (paper,) = cups_pdf.printed()
    assert [round(v) for v in page_size_pt(paper)] == [595, 842]
    assert number in pdf_text(paper).replace(" ", "")
    # The printed QR codes carry exactly what the bill PDF's do.
    original = tmp_path / "bill.pdf"
    original.write_bytes(bill_documents.bills_pdf(ServiceContext(db.sessions, ADMIN), number, ["2026-09"]))
    assert qr_payloads(paper, tmp_path) == qr_payloads(original, tmp_path) != b""


def test_preview_prints_on_a_chosen_printer_and_saves_pdf(qtbot, window, db, cups_pdf, tmp_path, monkeypatch):
    number = _billed(db, ("2026-10",))
    page, _view = _open_bills(qtbot, window, number)
    qtbot.mouseClick(page.findChild(QPushButton, "previewBillButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible())
    preview = page.preview_dialog
    print_button = preview.findChild(QPushButton, "printPreviewButton")
    save_button = preview.findChild(QPushButton, "savePdfButton")
    assert print_button.shortcut().toString() == "Ctrl+P" and save_button.shortcut().toString() == "Ctrl+S"
    assert preview.height() <= 768 and preview.width() <= 1366
    qtbot.waitUntil(lambda: preview.document.pageCount() == 1)
    qtbot.wait(1000)  # QPdfView renders its pages in the background
    preview.grab().save(str(tmp_path / "bill_preview.png"))

    target = tmp_path / "счёт.pdf"
    monkeypatch.setattr("desktop.views.paper.ask_save_path", lambda parent, suggested: str(target))
    qtbot.mouseClick(save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == preview.data and preview.status.text() == f"Сохранено: {target}"

    # No bills printer set: Print (Ctrl+P) asks which printer (listed off the GUI thread); the operator picks the queue.
    qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.job.dialog is not None and preview.job.dialog.isVisible(), timeout=30_000)
    choice = preview.job.dialog
    assert cups_pdf.name in [choice.printer.itemText(i) for i in range(choice.printer.count())]
    choice.printer.setCurrentText(cups_pdf.name)
    qtbot.mouseClick(choice.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.status.text() == f"Отправлено на принтер {cups_pdf.name}.", timeout=15_000)
    (paper,) = cups_pdf.printed()
    assert number in pdf_text(paper).replace(" ", "")
    preview.close()


def test_with_no_printer_installed_printing_offers_save_as_pdf(qtbot, window, db, tmp_path, monkeypatch):
    class NoPrinters(RecordingSpooler):
        def printers(self) -> list[str]:
            return []

    number = _billed(db, ("2026-10",))
    page, _view = _open_bills(qtbot, window, number)
    window.desk.printing = PrintService(window.desk.settings.printer, NoPrinters())
    target = tmp_path / "bill.pdf"
    monkeypatch.setattr("desktop.views.paper.ask_save_path", lambda parent, suggested: str(target))
    qtbot.mouseClick(page.findChild(QPushButton, "printBillButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.job.dialog is not None and page.job.dialog.isVisible())
    choice = page.job.dialog
    assert not choice.print_button.isEnabled() and choice.save_button.isDefault()
    assert "не установлен" in choice.findChild(QLabel, "printerChoiceNote").text()
    qtbot.mouseClick(choice.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert page.findChild(QLabel, "billsStatus").text() == f"Сохранено: {target}"


def test_printer_error_shows_message_and_retry_works(qtbot, window, db, cups_pdf):
    number = _billed(db)
    page, _view = _open_bills(qtbot, window, number)
    window.desk.settings.set(BILL_PRINTER, cups_pdf.name)
    cups_pdf.disable()
    error = page.findChild(QLabel, "errorLabel")
    button = page.findChild(QPushButton, "printBillButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error.isVisible(), timeout=15_000)
    assert f"Принтер «{cups_pdf.name}» остановлен" in error.text() and button.isEnabled()
    cups_pdf.enable()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    status = page.findChild(QLabel, "billsStatus")
    qtbot.waitUntil(lambda: status.text().startswith("Отправлено") or error.isVisible(), timeout=15_000)
    assert not error.isVisible(), error.text()
    assert len(cups_pdf.printed()) == 1


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
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert dialog.outcome.billed + dialog.outcome.skipped == dialog.outcome.total > 0
    assert dialog.progress.value() == dialog.progress.maximum()
    # The branch batch print goes to the same printer boundary, in jobs of JOB_SIZE bills.
    spooler = RecordingSpooler()
    win.desk.printing = PrintService({"bills": "batch-printer"}, spooler)
    page.open_batch("print")
    batch = page.batch_dialog
    batch.period.setText("2026-10")
    batch.branch.setText("SAM")
    batch.start()
    qtbot.waitUntil(lambda: batch.outcome is not None, timeout=60_000)
    total = bill_documents.count_branch_bills(ServiceContext(db.sessions, ADMIN), "SAM", "2026-10")
    assert batch.outcome.sent == total > 0 and not batch.outcome.cancelled
    assert len(spooler.jobs) == -(-total // 250) and all(job[0].startswith(b"%PDF") for job in spooler.jobs)
    assert batch.status.text() == f"Отправлено на принтер batch-printer: {total} счетов"
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
