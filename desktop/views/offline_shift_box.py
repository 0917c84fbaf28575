"""The cash shift on the offline page: open, X-report and close (Z) from the desk's journal.

The logic is desktop.services.offline_shifts; the reports print through the desk's one printing
boundary on the receipts printer, as online.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.views.messages import make_error_label, set_error, user_message


class OfflineShiftBox(QGroupBox):
    """Shift state and the three shift actions while the desk works offline."""

    def __init__(self, page: Any) -> None:
        super().__init__()
        self.setTitle(self.tr("Cash shift (offline)"))
        self.page = page
        self.state = QLabel()
        self.state.setObjectName("offlineShiftLabel")
        self.state.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open shift…"))
        self.open_button.setObjectName("offlineOpenShiftButton")
        self.open_button.clicked.connect(self.open_shift)
        self.x_button = QPushButton(self.tr("&X-report"))
        self.x_button.setObjectName("offlineXReportButton")
        self.x_button.clicked.connect(self.x_report)
        self.close_button = QPushButton(self.tr("&Close shift (Z-report)…"))
        self.close_button.setObjectName("offlineCloseShiftButton")
        self.close_button.clicked.connect(self.close_shift)
        self.error = make_error_label()
        self.dialog: Any = None
        buttons = QHBoxLayout()
        for button in (self.open_button, self.x_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.show_state()

    def _desk(self) -> Any:
        return self.page.controller.offline_desk()

    def show_state(self) -> None:
        from desktop.services.offline_shifts import ONLINE_SHIFT_NOT_CLOSED, current
        from desktop.views.offline_mode import _local_time

        shift = current(self._desk())
        desk = self.page.controller.desk
        if shift is None:
            text = self.tr("No shift open: open one to take money")
        elif shift.offline:
            text = self.tr("Shift opened offline at %1, float %2").replace(
                "%1", _local_time(shift.opened_at, desk)).replace("%2", _rub(shift.opening_float_kopecks))
        else:
            text = self.tr("Shift %1 opened before the link dropped").replace("%1", str(shift.number))
        self.state.setText(text)
        self.open_button.setEnabled(shift is None)
        for button in (self.x_button, self.close_button):
            button.setEnabled(shift is not None and shift.offline)
            button.setToolTip("" if shift is None or shift.offline else ONLINE_SHIFT_NOT_CLOSED)
        desk.shiftChanged.emit()  # the status bar's shift label reads this box while offline

    def _done(self, message: str) -> None:
        set_error(self.error, None)
        self.page.controller._show()
        self.show_state()
        self.page.receipt_status.say(message)

    def open_shift(self) -> None:
        dialog = self.page.controller.desk.shift_controller.float_dialog(self)
        dialog.accepted.connect(lambda: self.opened(dialog.value))
        self.dialog = dialog
        dialog.open()

    def opened(self, float_kopecks: int) -> None:
        from desktop.services.offline_shifts import open_shift

        try:
            op = open_shift(self._desk(), float_kopecks)
        except Exception as error:  # noqa: BLE001 - every refusal is shown in the box
            set_error(self.error, user_message(error))
            return
        self._done(self.tr("Shift opened offline (operation %1)").replace("%1", str(op.seq)))

    def x_report(self) -> None:
        from desktop.services.offline_shifts import x_report

        try:
            report = x_report(self._desk())
        except Exception as error:  # noqa: BLE001
            set_error(self.error, user_message(error))
            return
        self.print_report(report)

    def close_shift(self) -> None:
        from desktop.services.offline_shifts import x_report
        from desktop.views.cash_shift import CloseShiftDialog

        try:
            report = x_report(self._desk())
        except Exception as error:  # noqa: BLE001
            set_error(self.error, user_message(error))
            return
        dialog = CloseShiftDialog(report, self)
        dialog.accepted.connect(lambda: self.closed(dialog.value, dialog.comment.text()))
        self.dialog = dialog
        dialog.open()

    def closed(self, counted_kopecks: int, comment: str) -> None:
        from desktop.services.offline_shifts import close_shift

        try:
            op, report = close_shift(self._desk(), counted_kopecks, comment)
        except Exception as error:  # noqa: BLE001
            set_error(self.error, user_message(error))
            return
        self._done(self.tr("Shift closed offline (operation %1)").replace("%1", str(op.seq)))
        self.print_report(report)

    def print_report(self, report: Any) -> None:
        from desktop.views.cash_shift import print_shift_report
        from desktop.views.paper import print_service

        desk = self.page.controller.desk
        if desk.shift_controller is not None:
            desk.shift_controller.last_report = report  # Cash → Reprint last report (Ctrl+Shift+P) works offline too
        service = print_service(desk)
        status = self.page.receipt_status
        desk.serial_runner.run(
            lambda: print_shift_report(None, service, report),
            lambda where: status.say(self.tr("%1-report printed (printer %2)").replace(
                "%1", report.report_type).replace("%2", where)),
            lambda error: status.say(self.tr("%1-report not printed: %2").replace(
                "%1", report.report_type).replace("%2", user_message(error))))


def _rub(kopecks: int) -> str:
    from desktop.core.money import format_rub

    return format_rub(kopecks)
