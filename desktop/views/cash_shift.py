"""The cash shift at this desk: open with a float, cash in/out, X-report, close with a count (Z)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.documents import ShiftReportDocument
from desktop.core.money import MoneyError, format_rub, parse_rub
from desktop.printing.spooler import RECEIPTS
from desktop.services import shifts
from desktop.views.messages import clear_on_input, make_error_label, set_error, user_message
from desktop.views.paper import print_service

if TYPE_CHECKING:
    from desktop.views.desk import Desk

log = logging.getLogger("energodesk.cash")


def parse_money(text: str, *, allow_zero: bool = False) -> int:
    """Kopecks from an operator's text; zero allowed for a float or a count."""
    if allow_zero and (text or "").strip().replace(",", ".") in ("0", "0.0", "0.00"):
        return 0
    return parse_rub(text)


def print_shift_report(ctx: Any, service: Any, report: ShiftReportDocument) -> str:
    """Worker: render an X/Z report on the roll and send it to the receipts printer (returns the printer)."""
    from desktop.printing.shift_report_pdf import render_shift_report

    title = f"{report.report_type}-отчёт, смена {report.shift_number}"
    return str(service.print_pdf(render_shift_report(report), RECEIPTS, title=title).printer)


class MoneyDialog(QDialog):
    """Asks for one amount (and an optional comment); the inline error stays in the dialog."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None, *, name: str,
                 allow_zero: bool = False, with_comment: bool = False, info: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.allow_zero = allow_zero
        self.amount = QLineEdit()
        self.amount.setObjectName("dialogAmount")
        self.comment = QLineEdit()
        self.comment.setObjectName("dialogComment")
        self.error = make_error_label(self)
        form = QFormLayout()
        if info:
            form.addRow(QLabel(info))
        form.addRow(prompt, self.amount)
        if with_comment:
            form.addRow(self.tr("Comment:"), self.comment)
        else:
            self.comment.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.amount.returnPressed.connect(
            (lambda: self.comment.setFocus()) if with_comment else self._check)
        self.comment.returnPressed.connect(self._check)
        clear_on_input(self.error, self.amount, self.comment)
        self.value = 0

    def _check(self) -> None:
        try:
            self.value = parse_money(self.amount.text(), allow_zero=self.allow_zero)
        except MoneyError as error:
            set_error(self.error, str(error))
            self.amount.setFocus()
            return
        self.accept()


class CloseShiftDialog(QDialog):
    """The count at closing: expected cash from the X-report, counted cash, live difference, comment."""

    def __init__(self, report: Any, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("closeShiftDialog")
        self.setWindowTitle(self.tr("Close the cash shift (Z-report)"))
        self.report = report
        self.counted = QLineEdit()
        self.counted.setObjectName("countedCash")
        self.difference = QLabel("")
        self.difference.setObjectName("differenceLabel")
        self.comment = QLineEdit()
        self.comment.setObjectName("shiftComment")
        self.comment.setPlaceholderText(self.tr("Required when the count differs"))
        from desktop.views.fit import fit_hint

        fit_hint(self.comment)
        self.error = make_error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Shift:"), QLabel(str(report.shift_number)))
        form.addRow(self.tr("Cash payments:"), QLabel(
            f"{report.cash_payments_count} · {format_rub(report.cash_payments_kopecks)}"))
        form.addRow(self.tr("Card payments:"), QLabel(
            f"{report.card_payments_count} · {format_rub(report.card_payments_kopecks)}"))
        expected = QLabel(format_rub(report.expected_cash_kopecks))
        expected.setObjectName("expectedCashLabel")
        expected.setStyleSheet("font-weight: 600;")
        form.addRow(self.tr("Expected cash in the drawer:"), expected)
        form.addRow(self.tr("&Counted cash:"), self.counted)
        form.addRow(self.tr("Difference:"), self.difference)
        form.addRow(self.tr("C&omment:"), self.comment)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.counted.textChanged.connect(self._update)
        self.counted.returnPressed.connect(self.comment.setFocus)
        self.comment.returnPressed.connect(self._check)
        clear_on_input(self.error, self.counted, self.comment)
        self.value = 0

    def _update(self) -> None:
        try:
            counted = parse_money(self.counted.text(), allow_zero=True)
        except MoneyError:
            self.difference.setText("—")
            return
        diff = counted - self.report.expected_cash_kopecks
        self.difference.setText(format_rub(diff, sign=True))
        self.difference.setStyleSheet("color: #b00020; font-weight: 600;" if diff else "color: #1b7f3b;")

    def _check(self) -> None:
        try:
            self.value = parse_money(self.counted.text(), allow_zero=True)
        except MoneyError as error:
            set_error(self.error, str(error))
            self.counted.setFocus()
            return
        if self.value != self.report.expected_cash_kopecks and not self.comment.text().strip():
            set_error(self.error, self.tr("The count differs from the expected cash: write a comment"))
            self.comment.setFocus()
            return
        self.accept()


class ShiftController(QObject):
    """Shift actions shared by the payments page buttons and the window's Cash menu.

    ``info`` is the current ShiftInfo (or None); ``desk.shiftChanged`` fires after each change.
    ``lastMessage`` carries a line for the operator (report printed, shift closed...).
    """

    message = Signal(str)

    def __init__(self, desk: Desk, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.desk = desk
        self.parent_widget = parent_widget
        self.info: Any = None
        self.known = False  # the shift has been read from the shared database at least once
        self.dialog: QDialog | None = None
        self.last_report: Any = None
        self.cash_actions: list[Any] = []

    # --- state ---

    def refresh(self) -> None:
        if self.desk.ctx is None:
            return
        self.desk.call(shifts.current_shift, on_done=self._set_info, on_error=self._failed)

    def _set_info(self, info: Any) -> None:
        self.info = info
        self.known = True
        self.desk.shiftChanged.emit()

    def status_text(self) -> str:
        if (box := self._offline_box()) is not None:
            return str(box.state.text())  # offline: the shift as the desk's journal knows it
        info = self.info
        if info is None:
            return self.tr("Cash shift: closed")
        opened = self.desk.local(info.opened_at).strftime("%d.%m %H:%M")
        text = self.tr("Cash shift %1 open since %2").replace("%1", str(info.number)).replace("%2", opened)
        if info.expired:
            text += " · " + self.tr("older than 24 h: close it")
        return text

    def _failed(self, error: BaseException) -> None:
        self.message.emit(user_message(error))

    def _show(self, dialog: QDialog, accepted: Any) -> None:
        self.dialog = dialog
        dialog.accepted.connect(accepted)
        dialog.open()

    def add_menu(self, menubar: Any) -> Any:
        """The window's Cash menu with the shift actions and their shortcuts."""
        from desktop.views.shortcuts import add_action

        menu = menubar.addMenu(self.tr("&Cash"))
        self.cash_actions = []  # cash in / out: turned off while the desk works offline
        for title, key, slot in (
            (self.tr("&Open shift…"), "Ctrl+Shift+O", self.open_shift),
            (self.tr("&X-report"), "Ctrl+Shift+X", self.x_report),
            (self.tr("Cash &in…"), "Ctrl+Shift+I", self.cash_in),
            (self.tr("Cash o&ut…"), "Ctrl+Shift+U", self.cash_out),
            (self.tr("&Close shift (Z-report)…"), "Ctrl+Shift+Z", self.close_shift),
            (self.tr("&Reprint last report"), "Ctrl+Shift+P", self.reprint_report),
        ):
            # Keys of the cash desk work in every window of the desk, whatever has the cursor.
            action = add_action(menu, title, key, slot, app_wide=True)
            if slot in (self.cash_in, self.cash_out):
                self.cash_actions.append(action)
        return menu

    # --- actions ---

    def _offline_box(self) -> Any:
        """The offline page's shift box while the desk works without the shared database, else None."""
        offline = getattr(self.desk, "offline", None)
        page = getattr(offline, "page", None) if offline is not None and offline.active else None
        return page.shift_box if page is not None else None

    def open_shift(self) -> None:
        if (box := self._offline_box()) is not None:
            box.open_shift()
            return
        dialog = self.float_dialog(self.parent_widget)
        self._show(dialog, lambda: self.desk.call(
            shifts.open_shift, dialog.value, on_done=self._opened, on_error=self._failed))

    def float_dialog(self, parent: QWidget) -> MoneyDialog:
        """The opening float dialog, online and offline alike."""
        dialog = MoneyDialog(self.tr("Open the cash shift"), self.tr("Opening &float (cash in the drawer):"),
                             parent, name="openShiftDialog", allow_zero=True)
        dialog.amount.setObjectName("openingFloat")
        dialog.amount.setText("0,00")
        dialog.amount.selectAll()
        return dialog

    def _opened(self, info: Any) -> None:
        self._set_info(info)
        self.message.emit(self.tr("Shift %1 is open").replace("%1", str(info.number)))

    def cash_in(self) -> None:
        self._cash_operation(shifts.cash_in, self.tr("Cash in (float top-up)"), "cashInDialog")

    def cash_out(self) -> None:
        self._cash_operation(shifts.cash_out, self.tr("Cash out (collection)"), "cashOutDialog")

    def _cash_operation(self, fn: Any, title: str, name: str) -> None:
        if self._offline_box() is not None:
            from desktop.services.offline_desk import UNAVAILABLE_OFFLINE

            self.message.emit(UNAVAILABLE_OFFLINE["cash_operations"])
            return
        dialog = MoneyDialog(title, self.tr("&Amount:"), self.parent_widget, name=name, with_comment=True)
        self._show(dialog, lambda: self.desk.call(
            fn, dialog.value, dialog.comment.text(), on_done=self._cash_done, on_error=self._failed))

    def _cash_done(self, report: Any) -> None:
        self.message.emit(self.tr("Recorded. Expected cash in the drawer: %1").replace(
            "%1", format_rub(report.expected_cash_kopecks)))

    def x_report(self) -> None:
        if (box := self._offline_box()) is not None:
            box.x_report()
            return
        self.desk.call(shifts.x_report, on_done=self._print_report, on_error=self._failed)

    def close_shift(self) -> None:
        if (box := self._offline_box()) is not None:
            box.close_shift()
            return
        self.desk.call(shifts.x_report, on_done=self._ask_count, on_error=self._failed)

    def _ask_count(self, report: Any) -> None:
        dialog = CloseShiftDialog(report, self.parent_widget)
        self._show(dialog, lambda: self.desk.call(
            shifts.close_shift, dialog.value, dialog.comment.text(), serial=True,
            on_done=self._closed, on_error=self._failed))

    def _closed(self, report: Any) -> None:
        self._set_info(None)
        self._print_report(report)

    def _print_report(self, report: Any) -> None:
        self.last_report = report
        self.desk.call(print_shift_report, print_service(self.desk), report, serial=True,
                       on_done=lambda where: self.message.emit(
                           self.tr("%1-report printed (printer %2)").replace("%1", report.report_type)
                           .replace("%2", where)),
                       on_error=lambda error: self._print_failed(report, error))

    def _print_failed(self, report: Any, error: BaseException) -> None:
        """The shift stays as it is (closed or open); the report can be printed again from the menu."""
        from desktop.printing.spooler import PrintError

        reason = str(error) if isinstance(error, PrintError) else user_message(error)
        self.message.emit(self.tr("%1-report not printed: %2 Reprint: Cash > Reprint last report.")
                          .replace("%1", report.report_type).replace("%2", reason))

    def reprint_report(self) -> None:
        if self.last_report is not None:
            self._print_report(self.last_report)
