"""A dialog's inline message goes with the operator's next keystroke in it (issue 13).

The dialogs are built alone (none of these checks reaches a service), typed into with key events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit


def refused_then_typed(qtbot, dialog: QDialog, field: QLineEdit, text: str, error: QLabel | None = None) -> None:
    """Enter in ``field`` holding ``text`` shows the dialog's error; one more key clears it."""
    qtbot.addWidget(dialog)
    dialog.show()
    field.setFocus()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    error = error or dialog.error
    assert error.isVisible() and error.text(), type(dialog).__name__
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClicks(field, "5")
    assert not error.isVisible(), f"{type(dialog).__name__}: «{error.text()}» stayed"


def test_money_dialog(qtbot):
    from desktop.views.cash_shift import MoneyDialog

    dialog = MoneyDialog("Внесение", "Сумма:", None, name="cashInDialog")
    refused_then_typed(qtbot, dialog, dialog.amount, "12,345")


def test_close_shift_dialog(qtbot):
    from desktop.views.cash_shift import CloseShiftDialog

    report = SimpleNamespace(shift_number=1, cash_payments_count=1, cash_payments_kopecks=50_000,
                             card_payments_count=0, card_payments_kopecks=0, expected_cash_kopecks=150_000)
    dialog = CloseShiftDialog(report, None)
    qtbot.keyClicks(dialog.counted, "1400")
    refused_then_typed(qtbot, dialog, dialog.comment, "")  # a difference needs a comment


def test_change_password_dialog(qtbot):
    from desktop.views.password_dialog import ChangePasswordDialog

    dialog = ChangePasswordDialog(None, forced=False)  # type: ignore[arg-type] - mismatch is refused before any call
    qtbot.keyClicks(dialog.new, "Secret-1234")
    qtbot.keyClicks(dialog.again, "Secret-1235")
    dialog.again.returnPressed.connect(dialog._submit)  # the OK button's check, by Enter here
    refused_then_typed(qtbot, dialog, dialog.again, "")


def test_reverse_payment_dialog(qtbot):
    from desktop.views.pages.payments_page import ReverseDialog

    row = SimpleNamespace(amount_kopecks=100_000, posted_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    dialog = ReverseDialog(row, UTC, None)
    refused_then_typed(qtbot, dialog, dialog.reason, "   ")  # blank: «write the reason»


def test_register_online_dialog(qtbot):
    from PySide6.QtWidgets import QWidget

    from desktop.views.pages.online_page import RegisterDialog

    page = QWidget()  # the dialog reaches the page only once the registration has gone through
    qtbot.addWidget(page)
    card = SimpleNamespace(phone="79270000000", email="", name="Иванов Иван Иванович", account="010000000001")
    dialog = RegisterDialog(page, card)  # type: ignore[arg-type]
    dialog.email.returnPressed.connect(dialog.submit)  # the OK button's check, by Enter here
    refused_then_typed(qtbot, dialog, dialog.email, "", dialog.error_label)  # no consent to personal data: refused
    assert dialog.focusWidget() is dialog.consent_pd  # the refusal put the cursor on the box: Space ticks it
