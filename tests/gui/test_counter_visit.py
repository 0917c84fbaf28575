"""The standard walk-in visit by key events alone, on SQLite and PostgreSQL (issue 13).

The bill's QR code is decoded from the bill the desk prints (zbarimg), typed as a scanner types
it, and the visit goes on with F-keys, Enter and the data only. The reading and the payment are
read back from the database and the receipt from what the desk's receipts printer (a real
cups-pdf queue) printed (pdftotext).
"""

from __future__ import annotations

import subprocess
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cups_fixtures import pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from receipt_queue import receipts_on
from sqlalchemy import select
from visit_driver import Keyboard, Visit, focus_name, standard_visit

from desktop.core.money import format_rub
from desktop.db.models import Account, Payment
from desktop.services import bill_documents, readings
from desktop.services.accounts import account_card, list_accounts
from desktop.services.context import ServiceContext

NOV20 = date(2026, 11, 20)
MAX_NAVIGATION_KEYS = 6


def at(ctx: ServiceContext, day: date) -> ServiceContext:
    moment = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)
    return ServiceContext(ctx.sessions, ctx.actor, clock=lambda: moment, desk=ctx.desk)


def a_customer(ctx: ServiceContext) -> tuple[str, int, int, str]:
    """A one-zone account read in October with a debt on its last bill: (number, previous, due, period)."""
    for number in list_accounts(ctx):
        card = account_card(ctx, number)
        if card.balance_kopecks >= 0 or card.last_bill_period is None or card.closed:
            continue
        form = readings.reading_form(ctx, number)
        if form.zones == 1 and form.usual_avg and all(p.period == "2026-10" for p in form.previous.values()):
            return number, form.previous["T1"].value, -card.balance_kopecks, card.last_bill_period
    pytest.skip("no one-zone debtor read in October in the demo")


def scanned_qr(ctx: ServiceContext, number: str, period: str, folder: Path) -> str:
    """The payload of the QR code on the printed bill, as the scanner reads it."""
    pdf = folder / "bill.pdf"
    pdf.write_bytes(bill_documents.bill_pdf(ctx, number, period))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(folder / "bill")], check=True)
    raw = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sbinary", str(folder / "bill.png")],
                         check=True, capture_output=True).stdout
    return raw.rstrip(b"\n").decode("utf-8")


def desk_payments(ctx: ServiceContext, number: str) -> list[Payment]:
    with ctx.read() as s:
        return list(s.scalars(select(Payment).join(Account, Account.id == Payment.account_id).where(
            Account.number == number, Payment.shift_id.is_not(None))).all())


def service_calls(desk) -> Counter[str]:
    """Counts the service functions the desk runs from now on, by name (the calls still run)."""
    calls: Counter[str] = Counter()
    real = desk.call

    def counted(fn, *args, **kwargs):
        calls[getattr(fn, "__name__", repr(fn))] += 1
        return real(fn, *args, **kwargs)

    desk.call = counted
    return calls


@pytest.fixture
def desk_ctx(window):
    window.desk.ctx = at(window.desk.ctx, NOV20)
    return window.desk.ctx


def open_shift_by_keys(keyboard: Keyboard, window) -> None:
    keyboard.press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    focus_name(keyboard, "openingFloat")
    keyboard.press(Qt.Key.Key_Return)
    assert window.shift.info is not None


def test_standard_visit_in_six_keys(qtbot, window, desk_ctx, tmp_path, cups_pdf):
    printer = receipts_on(window.desk, cups_pdf)
    number, previous, due, period = a_customer(desk_ctx)
    payload = scanned_qr(desk_ctx, number, period, tmp_path)
    assert payload.startswith("ST00012|") and f"PersAcc={number}" in payload
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard = Keyboard(window.desk, window)
    keyboard.settle()
    open_shift_by_keys(keyboard, window)
    focus_name(keyboard, "accountSearch")  # the dialog gave the keyboard back to the search box
    keyboard.count.navigation = 0
    keyboard.count.keys.clear()
    calls = service_calls(window.desk)

    cash = str(due // 100 + 500)  # whole rubles, more than due: there is change
    standard_visit(keyboard, Visit(payload, str(previous + 137), cash))
    keyboard.settle()

    assert keyboard.count.navigation <= MAX_NAVIGATION_KEYS, keyboard.count.keys
    assert keyboard.count.data == len(payload) + len(str(previous + 137)) + len(cash)
    # The reading is saved ...
    last = readings.history(desk_ctx, number)[0]
    assert last.taken_on == NOV20 and last.values["T1"] == previous + 137
    # ... the amount due was taken in cash, with change ...
    paid = desk_payments(desk_ctx, number)
    assert [(p.amount_kopecks, p.method, p.tendered_kopecks) for p in paid] == [(due, "cash", int(cash) * 100)]
    change = int(cash) * 100 - due
    status = window.findChild(QLabel, "paymentStatus").text()
    assert format_rub(change) in status, status
    # ... the receipt came out of the desk's receipts printer ...
    qtbot.waitUntil(lambda: len(printer.printed) >= 1, timeout=40_000)
    assert len(printer.printed) == 1 and "копия" not in printer.printed[0][0], printer.printed
    receipt_status = window.findChild(QLabel, "receiptStatusLabel")
    qtbot.waitUntil(lambda: receipt_status.text() == f"Чек напечатан (принтер {cups_pdf.name})")
    (paper,) = cups_pdf.printed(1)
    text = pdf_text(paper).replace("\xa0", " ")
    assert number in text and format_rub(due, symbol=False).replace("\xa0", " ") in text
    # ... and the cursor waits for the next customer's scan; a stray Enter changes nothing.
    focus_name(keyboard, "accountSearch")
    window.card.tabs.setCurrentWidget(window.card.pages["payments"])
    keyboard.press(Qt.Key.Key_F7)
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_Return)
    assert not window.card.pages["payments"].error.isVisible()
    assert len(desk_payments(desk_ctx, number)) == 1 and len(printer.printed) == 1
    assert QApplication.focusWidget() is not None
    # The card was loaded once on the scan and once after each of the two writes, and every page
    # loaded its data once per card load (the readings page used to load its form, history and
    # chart twice after a save: itself, then again when the refreshed card reached it).
    assert calls["account_card"] == 3, calls
    for loader in ("reading_form", "history", "monthly_consumption", "bills_for_account"):
        assert calls[loader] == calls["account_card"], (loader, calls)
    # The payments list once more when the receipt has come out (its state on the row).
    assert calls["payments_history"] == calls["account_card"] + 1, calls
    assert (calls["save_readings"], calls["post_payment"], calls["print_receipt"]) == (1, 1, 1), calls


def test_each_customer_starts_from_cash_and_the_amount_due(qtbot, window, desk_ctx):
    from PySide6.QtWidgets import QComboBox, QLineEdit

    debtors = []
    for number in list_accounts(desk_ctx):
        card = account_card(desk_ctx, number)
        if card.balance_kopecks < 0 and not card.closed:
            debtors.append((number, -card.balance_kopecks))
        if len(debtors) == 2:
            break
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard = Keyboard(window.desk, window)
    method = window.findChild(QComboBox, "paymentMethod")
    amount = window.findChild(QLineEdit, "paymentAmount")
    error = window.card.pages["payments"].error
    (first, _), (second, due) = debtors
    keyboard.type(first)
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_F7)
    keyboard.press(Qt.Key.Key_Tab)
    focus_name(keyboard, "paymentMethod")
    keyboard.press(Qt.Key.Key_Down)
    assert method.currentData() == "card"
    keyboard.press(Qt.Key.Key_Escape)  # back to the search box
    keyboard.press(Qt.Key.Key_F2)
    keyboard.type(second)
    keyboard.press(Qt.Key.Key_Return)
    assert window.card.card.account == second
    assert method.currentData() == "cash" and amount.text() == format_rub(due, symbol=False)
    # A wrong amount is said next to it, and the message goes with the next keystroke.
    keyboard.press(Qt.Key.Key_F7)
    keyboard.type("12,345")
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_Return)
    assert error.isVisible() and error.text()
    keyboard.press(Qt.Key.Key_Backspace)
    assert not error.isVisible()


def test_small_texts_month_names_and_status_bar(qtbot, window, desk_ctx):
    """«счёт за октябрь 2026», example hints that are no one's data, messages left of the operator."""
    from PySide6.QtWidgets import QLineEdit

    number, _, _, period = a_customer(desk_ctx)
    window.open_account(number)
    # The payments page is behind the visible one: it gets the card a few event-loop turns later.
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == number
                    and not window.card.pages_pending(), timeout=20_000)
    due = window.card.pages["payments"].due_label.text()
    from desktop.core.periods import Period

    assert f"счёт за {Period.parse(period).name}" in due and period not in due
    phone = window.findChild(QLineEdit, "phoneEdit").placeholderText()
    assert not any(ch.isdigit() for ch in phone.replace("+7", ""))
    assert "example" in window.findChild(QLineEdit, "emailEdit").placeholderText()
    window.show()
    # The desk's target screen: at the offscreen platform's 800 px the four status labels of a
    # PostgreSQL desk (operator, shift, database, link) fill the whole bar and leave no room at all.
    window.resize(1366, 768)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: window.operator_status.isVisible() and window.operator_status.x() > 300)
    # A short message stays left of the operator's name, which stays on screen.
    bar.showMessage("Смена 1 открыта", 15_000)
    assert bar.currentMessage() == "Смена 1 открыта" and window.operator_status.isVisible()
    assert bar.fontMetrics().horizontalAdvance(bar.currentMessage()) < window.operator_status.x()
    # One too long for that room is never painted over the labels: they step aside while it is
    # shown (shortened only to the whole bar's width) and come back when it clears.
    bar.showMessage("Смена 1 открыта; " * 30, 15_000)
    shown = bar.currentMessage()
    assert shown.endswith("…") and bar.fontMetrics().horizontalAdvance(shown) < bar.width()
    assert not window.operator_status.isVisible()
    bar.clearMessage()
    assert window.operator_status.isVisible()
