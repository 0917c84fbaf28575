"""The «Обращения» page (F10): registering, inline errors, the alert line, work on a request, the slip."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableWidget
from sqlalchemy import func, select
from visit_driver import Keyboard, focus_name

from desktop.db.models import CustomerRequest
from desktop.services import requests
from tests.integration.request_helpers import first_account, signed_in


class RecordingPrinter:
    """The system's spooler seen by the printing boundary (PrintService): keeps the jobs it was given
    (the real CUPS path is tested in tests/printing/test_request_slip_cups.py)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str, str]] = []

    def printers(self) -> list[str]:
        return ["A4-office"]

    def submit(self, path, printer, title, page_pt, wait):  # type: ignore[no-untyped-def]
        self.jobs.append((path.read_bytes(), printer, title))
        return f"{printer}-{len(self.jobs)}"


def open_page(qtbot, window, number):  # type: ignore[no-untyped-def]
    window.open_account(number)
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == number)
    page = window.card.pages["requests"]
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert window.card.tabs.currentWidget() is page
    qtbot.waitUntil(page.isEnabled)
    return page


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(CustomerRequest))


def test_register_from_the_keyboard_and_print_the_slip(qtbot, window, db, tmp_path) -> None:
    number = first_account(window.desk.ctx)
    page = open_page(qtbot, window, number)
    kind = page.findChild(QComboBox, "requestType")
    # By platform key events alone: F10 to the kind, Down to «bill dispute», Enter to the channel,
    # Enter to the text, the customer's words, Ctrl+Enter registers.
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard = Keyboard(window.desk, window)
    keyboard.settle()
    keyboard.press(Qt.Key.Key_F10)
    focus_name(keyboard, "requestType")
    keyboard.press(Qt.Key.Key_Down)
    assert kind.currentData() == "bill_dispute"
    keyboard.press(Qt.Key.Key_Return)
    focus_name(keyboard, "requestChannel")
    keyboard.press(Qt.Key.Key_Return)
    focus_name(keyboard, "requestText")
    keyboard.type("Не согласен со счётом за ноябрь")
    keyboard.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    label = page.findChild(QLabel, "requestNumberLabel")
    qtbot.waitUntil(lambda: "SAM-2026-000001" in label.text(), timeout=20_000)
    view = page.findChild(QTableWidget, "requestsView")
    qtbot.waitUntil(lambda: view.rowCount() == 1 and view.item(0, 0).text() == "SAM-2026-000001")
    assert view.item(0, 2).text() == "Несогласие со счётом"
    alerts = window.card.alerts_label
    qtbot.waitUntil(lambda: "Открытые обращения: 1" in alerts.text() and alerts.isVisible(), timeout=20_000)
    assert "просрочено" not in alerts.text()

    from desktop.desk_settings import REPORT_PRINTER
    from desktop.printing.spooler import PrintService

    spooler = RecordingPrinter()
    window.desk.settings.set(REPORT_PRINTER, "A4-office")
    window.desk.printing = PrintService(window.desk.settings.printer, spooler)
    qtbot.mouseClick(page.findChild(QPushButton, "printSlipButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 1, timeout=20_000)
    data, printer, title = spooler.jobs[0]
    assert data.startswith(b"%PDF") and printer == "A4-office" and title == "Обращение SAM-2026-000001"
    qtbot.waitUntil(lambda: "A4-office" in label.text(), timeout=20_000)
    window.resize(1366, 768)
    window.grab().save(str(tmp_path / "requests_page.png"))
    assert window.width() <= 1366 and window.height() <= 768


def test_bad_input_is_shown_next_to_the_form_and_nothing_saved(qtbot, window, db) -> None:
    page = open_page(qtbot, window, first_account(window.desk.ctx))
    qtbot.mouseClick(page.findChild(QPushButton, "saveRequestButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.isVisible() and "Введите текст обращения" in page.error_label.text())
    page.text.setPlainText("ж" * 4001)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.isVisible() and "4000" in page.error_label.text())
    assert _count(db) == 0


def test_overdue_requests_are_red_and_work_reaches_closing(qtbot, window, db, demo_logins) -> None:
    old = signed_in(db, "sam.op1", clock=lambda: datetime(2026, 10, 1, 7, 0, tzinfo=UTC))
    number = first_account(old)
    late = requests.register_request(old, number, "online_account", "Не приходит SMS")  # due in October
    page = open_page(qtbot, window, number)
    alerts = window.card.alerts_label
    assert "Открытые обращения: 1" in alerts.text() and 'color:#b00020">(просрочено: 1)' in alerts.text()
    view = page.findChild(QTableWidget, "requestsView")
    qtbot.waitUntil(lambda: view.rowCount() == 1)
    assert view.item(0, 4).foreground().color().name() == "#b00020"

    view.selectRow(0)
    qtbot.waitUntil(lambda: late.number in page.details.toPlainText() and page.close_button.isEnabled())
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)  # no answer yet
    qtbot.waitUntil(lambda: page.work_error.isVisible() and "без текста ответа" in page.work_error.text())
    page.note.setPlainText("Номер телефона исправлен, SMS доставлено")
    assert not page.work_error.isVisible()  # the message was about the empty answer
    qtbot.mouseClick(page.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ответ — Номер телефона исправлен" in page.details.toPlainText(), timeout=20_000)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "закрыто" in page.details.toPlainText() and not page.close_button.isEnabled(),
                    timeout=20_000)
    qtbot.waitUntil(lambda: "Открытые обращения" not in alerts.text(), timeout=20_000)
    assert requests.get_request(old, late.id).state == "closed"


def test_a_due_date_by_hand_in_the_past_is_refused_and_a_later_one_kept(qtbot, window, db) -> None:
    from PySide6.QtCore import QDate

    page = open_page(qtbot, window, first_account(window.desk.ctx))
    today = window.desk.ctx.today()
    qtbot.waitUntil(lambda: page.due.date() == QDate(today.year, today.month, today.day))
    page.text.setPlainText("Прошу проверить счётчик")
    page.due_by_hand.setChecked(True)
    page.due.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.isVisible() and "в прошлом" in page.error_label.text())
    assert _count(db) == 0
    page.due.setDate(QDate(today.year, today.month, today.day).addDays(40))
    assert not page.error_label.isVisible()  # the message was about the date before
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ответ до" in page.number_label.text(), timeout=20_000)
    made = requests.account_requests(window.desk.ctx, first_account(window.desk.ctx))[0]
    assert (made.due_on - today).days == 40
