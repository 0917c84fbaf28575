"""The "Оплата" page through the public seam: change, single posting, refusals, the shift cycle."""

from __future__ import annotations

import pytest
from cups_fixtures import page_size_pt, pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableView
from receipt_queue import receipts_on
from sqlalchemy import func, select

from desktop.db.models import CashShift, Payment
from desktop.services.accounts import list_accounts

PAN = "4276 3800 1234 5678"


def w(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def page_of(window):
    return window.card.pages["payments"]


def open_card(qtbot, window, ctx) -> str:
    number = list_accounts(ctx, limit=1)[0]
    window.open_account(number)
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == number)
    window.card.tabs.setCurrentWidget(page_of(window))
    return number


def open_shift(qtbot, window, float_text="1000"):
    qtbot.waitUntil(lambda: w(window, QPushButton, "openShiftButton").isEnabled())
    qtbot.mouseClick(w(window, QPushButton, "openShiftButton"), Qt.MouseButton.LeftButton)
    dialog = window.shift.dialog
    assert dialog.objectName() == "openShiftDialog"
    edit = dialog.findChild(QLineEdit, "openingFloat")
    edit.clear()
    qtbot.keyClicks(edit, float_text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift.info is not None)


def payments_count(ctx) -> int:
    with ctx.read() as s:
        # Only what a desk posted: the demo's history payments belong to no cash shift.
        return s.scalar(select(func.count()).select_from(Payment).where(Payment.shift_id.is_not(None)))


@pytest.fixture
def printer(window, cups_pdf):
    return receipts_on(window.desk, cups_pdf)


def test_live_change_and_posting_prints_receipt(qtbot, window, operator_ctx, printer):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    assert "Смена 1 открыта" in window.shift_status.text()
    amount = w(window, QLineEdit, "paymentAmount")
    tendered = w(window, QLineEdit, "cashTendered")
    change = w(window, QLabel, "changeLabel")
    amount.clear()
    qtbot.keyClicks(amount, "1234,56")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert tendered.hasFocus() or not window.isActiveWindow()
    qtbot.keyClicks(tendered, "1000")
    assert change.text().startswith("не хватает 234,56")
    tendered.clear()
    qtbot.keyClicks(tendered, "1500")
    assert change.text() == "265,44\u00a0₽"
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=10_000)
    history = w(window, QTableView, "paymentsHistory")
    # Newest first: the demo's own history (bank and online payments) comes below.
    qtbot.waitUntil(lambda: history.model().rowCount() >= 1 and history.model().index(0, 2).data() == "наличные")
    model = history.model()
    assert model.index(0, 7).data() == "проведён"
    assert model.index(0, 2).data() == "наличные"
    assert payments_count(operator_ctx) == 1
    assert b"%PDF" in printer.printed[0][1][:10]
    status = w(page_of(window), QLabel, "receiptStatusLabel")
    qtbot.waitUntil(lambda: status.text() == f"Чек напечатан (принтер {printer.queue.name})")
    # What came out of the printer: the 80 mm roll, the amounts as text.
    (paper,) = printer.queue.printed()
    width, _ = page_size_pt(paper)
    assert abs(width - 80 / 25.4 * 72) < 1.5
    text = pdf_text(paper)
    assert "234,56" in text and "265,44" in text


def test_repeated_clicks_post_exactly_once(qtbot, window, operator_ctx, printer):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "777")
    button = w(window, QPushButton, "recordPaymentButton")
    for _ in range(15):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        page_of(window).record()  # also calls that slip past a disabled button (Enter key)
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=10_000)
    window.desk.wait()
    qtbot.wait(100)
    assert payments_count(operator_ctx) == 1
    # The same amount again minutes later: the desk asks; the operator says no, nothing posted.
    amount.clear()
    qtbot.keyClicks(amount, "777")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    error = w(page_of(window), QLabel, "errorLabel")
    qtbot.waitUntil(lambda: "уже" in error.text() or "та же сумма" in error.text().lower())
    assert payments_count(operator_ctx) == 1
    assert len(window.questions) == 1 and "777" in window.questions[0]
    window.answers.append(True)  # now the operator says yes
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: payments_count(operator_ctx) == 2, timeout=10_000)
    assert len(window.questions) == 2


@pytest.mark.parametrize("field", ["cardLast4", "cardRrn", "cardAuthCode"])
def test_full_card_number_refused(qtbot, window, operator_ctx, printer, field):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    page = page_of(window)
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "500")
    method = w(window, QComboBox, "paymentMethod")
    method.setCurrentIndex(method.findData("card"))
    values = {"cardLast4": "5678", "cardRrn": "612345678901", "cardAuthCode": "A1B2C3", field: PAN}
    for name, value in values.items():
        qtbot.keyClicks(w(window, QLineEdit, name), value)
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    error = w(page, QLabel, "errorLabel")
    qtbot.waitUntil(lambda: "Полный номер карты" in error.text())
    assert PAN not in error.text() and PAN.replace(" ", "") not in error.text()
    assert payments_count(operator_ctx) == 0


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Введите сумму"), ("0", "больше нуля"), ("-5", "больше нуля"), ("abc", "числом"),
     ("10,001", "двух знаков"), ("100000000", "больше допустимой")],
)
def test_bad_amounts_are_explained_inline(qtbot, window, operator_ctx, printer, typed, message):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, typed)
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    error = w(page_of(window), QLabel, "errorLabel")
    qtbot.waitUntil(lambda: message in error.text() and error.isVisible())
    window.desk.wait()
    assert payments_count(operator_ctx) == 0


def test_no_shift_refuses_inline(qtbot, window, operator_ctx, printer):
    open_card(qtbot, window, operator_ctx)
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "100")
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    error = w(page_of(window), QLabel, "errorLabel")
    qtbot.waitUntil(lambda: "смена не открыта" in error.text())
    assert payments_count(operator_ctx) == 0


def test_printer_failure_keeps_payment_and_offers_reprint_as_original_then_copy(
        qtbot, window, operator_ctx, printer):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    printer.fail = True
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "250")
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    status = w(page_of(window), QLabel, "receiptStatusLabel")
    qtbot.waitUntil(lambda: status.text().startswith("Чек не напечатан: "), timeout=10_000)
    assert status.text().endswith("— повторить (Ctrl+R)") and "остановлен" in status.text()
    history = w(window, QTableView, "paymentsHistory")
    qtbot.waitUntil(lambda: history.model().rowCount() >= 1
                    and history.model().index(0, 7).data() == "чек не напечатан")
    assert payments_count(operator_ctx) == 1
    printer.fail = False
    history.selectRow(0)
    reprint = w(window, QPushButton, "reprintReceiptButton")
    assert reprint.isEnabled()
    qtbot.mouseClick(reprint, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: history.model().index(0, 7).data() == "проведён")
    history.selectRow(0)
    qtbot.mouseClick(reprint, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.printed) == 2, timeout=10_000)
    assert printer.printed[1][0].endswith("(копия)")
    assert payments_count(operator_ctx) == 1


def test_disabled_printer_then_ctrl_r_prints_the_same_receipt(qtbot, window, operator_ctx, printer, tmp_path):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    page = page_of(window)
    assert page.retry_shortcut.key().toString() == "Ctrl+R"
    printer.fail = True
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "321")
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    status = w(page, QLabel, "receiptStatusLabel")
    qtbot.waitUntil(lambda: status.text().startswith("Чек не напечатан"), timeout=15_000)
    assert printer.queue.name in status.text() and "(Ctrl+R)" in status.text()
    assert payments_count(operator_ctx) == 1
    window.resize(1366, 768)
    qtbot.wait(300)  # let the layout give the status line its height before the screenshot
    assert status.height() >= status.heightForWidth(status.width()) - 1  # not clipped
    window.grab().save(str(tmp_path / "receipt_status_failed.png"))
    printer.fail = False
    page.retry_receipt()  # what Ctrl+R does
    qtbot.waitUntil(lambda: status.text() == f"Чек напечатан (принтер {printer.queue.name})", timeout=15_000)
    (paper,) = printer.queue.printed()
    assert "321,00" in pdf_text(paper) and "КОПИЯ" not in printer.printed[-1][0]
    assert payments_count(operator_ctx) == 1


def test_shift_cycle_with_difference(qtbot, window, operator_ctx, printer):
    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window, "1000")
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "500")
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: payments_count(operator_ctx) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=10_000)
    close = w(window, QPushButton, "closeShiftButton")
    assert close.isEnabled()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.shift.dialog is not None and window.shift.dialog.objectName() == "closeShiftDialog")
    dialog = window.shift.dialog
    assert dialog.findChild(QLabel, "expectedCashLabel").text() == "1\u00a0500,00\u00a0₽"
    counted = dialog.findChild(QLineEdit, "countedCash")
    qtbot.keyClicks(counted, "1490")
    assert dialog.findChild(QLabel, "differenceLabel").text() == "\u221210,00\u00a0₽"
    qtbot.keyClick(counted, Qt.Key.Key_Return)
    comment = dialog.findChild(QLineEdit, "shiftComment")
    qtbot.keyClick(comment, Qt.Key.Key_Return)
    assert "комментарий" in dialog.findChild(QLabel, "errorLabel").text()
    comment.setText("недостача 10 ₽")  # QTest types Latin keys only
    qtbot.keyClick(comment, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift.info is None, timeout=10_000)
    qtbot.waitUntil(lambda: len(printer.printed) == 2, timeout=10_000)
    assert printer.printed[1][0].startswith("Z-отчёт")
    z_paper = printer.queue.printed(2)[-1]
    assert abs(page_size_pt(z_paper)[0] - 80 / 25.4 * 72) < 1.5 and "1 490,00" in pdf_text(z_paper).replace("\xa0", " ")
    assert window.shift_status.text() == "Кассовая смена: закрыта"
    assert w(window, QPushButton, "openShiftButton").isEnabled()
    with operator_ctx.read() as s:
        shift = s.scalar(select(CashShift))
        assert shift.state == "closed" and shift.difference_kopecks == -1_000
        assert shift.difference_comment == "недостача 10 ₽"


def test_no_receipt_printer_offers_save_as_pdf_and_writes_no_file_unasked(qtbot, window, operator_ctx, tmp_path,
                                                                            cups_pdf, monkeypatch):
    """A printer is installed (a cups-pdf queue) but none is chosen for receipts in the desk settings:
    the operator is asked to save the receipt as PDF; «no» leaves no file, «yes» saves where chosen."""
    import os
    from pathlib import Path

    open_card(qtbot, window, operator_ctx)
    open_shift(qtbot, window)
    amount = w(window, QLineEdit, "paymentAmount")
    amount.clear()
    qtbot.keyClicks(amount, "100")
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    status = w(page_of(window), QLabel, "receiptStatusLabel")
    qtbot.waitUntil(lambda: status.text().startswith("Чек не напечатан: "), timeout=15_000)
    assert "принтер для чеков не выбран" in status.text() and status.text().endswith("(Ctrl+R)")
    assert window.questions[-1].endswith("Сохранить чек в PDF вместо печати?")  # answered «no»
    assert payments_count(operator_ctx) == 1
    # Nothing silently became a file: no receipts folder, no PDF anywhere under the desk's data.
    data = Path(os.environ["ENERGODESK_DATA_DIR"])
    assert not list(data.rglob("*.pdf")) and not (data / "receipts").exists()

    # The next payment: «yes», and the file the operator chose in the Save as PDF dialog.
    target = tmp_path / "чек.pdf"
    monkeypatch.setattr("desktop.views.paper.ask_save_path", lambda parent, suggested: str(target))
    window.answers.append(True)
    amount.clear()
    qtbot.keyClicks(amount, "250")
    qtbot.mouseClick(w(window, QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.text().startswith("Чек сохранён в PDF: "), timeout=15_000)
    assert str(target) in status.text()
    assert payments_count(operator_ctx) == 2  # both stay posted
    text = pdf_text(target)
    assert "250,00" in text and "Чек" in text
    assert not list(data.rglob("*.pdf"))
