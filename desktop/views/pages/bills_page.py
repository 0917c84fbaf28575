"""The "Bills" page (Счета): the account's bills, preview, printing; the billing run for seniors."""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.bills_model import BillsModel
from desktop.printing.bill_batch import BatchOutcome, print_branch
from desktop.printing.spooler import BILLS
from desktop.views.messages import make_error_label, set_error, user_message
from desktop.views.pages.base import CardPage
from desktop.views.paper import DocumentPreview, PaperJob, PrinterChoiceDialog, ask_save_path, file_name, print_service

if TYPE_CHECKING:
    from desktop.views.desk import Desk


def last_month(today: date) -> str:
    """The month before ``today`` (the company's date), as YYYY-MM."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog (queued signal)."""

    changed = Signal(int, int)


class BatchDialog(QDialog):
    """Period, branch, a progress bar and Cancel, for the billing run or a branch batch print.

    The work runs on the desk's serial runner; Cancel sets a flag the worker checks between
    batches (the billing run stops after the current batch; nothing is half-billed).
    """

    def __init__(self, desk: Desk, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.mode = desk, mode
        self.choice: PrinterChoiceDialog | None = None
        self.setObjectName("billingRunDialog" if mode == "run" else "branchPrintDialog")
        self.setWindowTitle(self.tr("Billing run") if mode == "run" else self.tr("Print the branch's bills"))
        self.period = QLineEdit(last_month(desk.today()))
        self.period.setObjectName("runPeriod")
        self.period.setPlaceholderText("ГГГГ-ММ")
        self.branch = QLineEdit(getattr(desk.actor, "branch_code", "") or "")
        self.branch.setObjectName("runBranch")
        self.progress = QProgressBar()
        self.progress.setObjectName("runProgress")
        self.status = QLabel()
        self.status.setObjectName("runStatus")
        self.status.setWordWrap(True)
        self.error_label = make_error_label(self)
        self.start_button = QPushButton(self.tr("Start") if mode == "run" else self.tr("Print"))
        self.start_button.setObjectName("runStartButton")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("runCancelButton")
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        form = QFormLayout()
        form.addRow(self.tr("Period (YYYY-MM):"), self.period)
        form.addRow(self.tr("Branch code (empty: all):") if mode == "run" else self.tr("Branch code:"),
                    self.branch)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self._stop = threading.Event()
        self._signals = _Progress(self)
        self._signals.changed.connect(self._show_progress)
        self.running = False
        self.outcome: Any = None  # not `result`: that would hide QDialog.result()

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(self.tr("%1 of %2").replace("%1", f"{done:,}".replace(",", "\u00a0"))
                            .replace("%2", f"{total:,}".replace(",", "\u00a0")))

    def _progress_fn(self, done: int, total: int) -> bool:
        self._signals.changed.emit(done, total)  # from the worker thread: queued to the GUI
        return not self._stop.is_set()

    def start(self, printer: str | None = None, save_to: str = "") -> None:
        from desktop.services import billing

        set_error(self.error_label, None)
        period, branch = self.period.text().strip(), self.branch.text().strip() or None
        if self.mode == "run":
            self._begin()
            # One process: the desk has Qt's and the runners' threads alive, and forking such a
            # process for worker processes risks a child stuck on a lock another thread held.
            # The network-wide run with workers is `energodesk bill run` (README, Billing).
            self.desk.call(billing.run_billing, period, branch, self._progress_fn, serial=True,
                           workers=1, on_done=self._run_done, on_error=self._failed)
            return
        service = print_service(self.desk)
        printer = printer or service.printer_for(BILLS)
        if not printer and not save_to:
            self._choose(service)
            return
        self._begin()
        self.desk.call(print_branch, service, period, branch or "", printer, save_to, self._progress_fn,
                       serial=True, on_done=self._printed, on_error=self._failed)

    def _begin(self) -> None:
        self._stop.clear()
        self.running = True
        self.start_button.setEnabled(False)

    def _choose(self, service: Any) -> None:
        """No bills printer in the settings: pick one for this batch, or save the batch as one PDF."""
        from desktop.views.printer_list import with_printers

        with_printers(service, self, self._open_choice)

    def _open_choice(self, printers: list[str]) -> None:
        self.choice = PrinterChoiceDialog(printers, "", self.tr("No printer is set for bills."), self)

        def chosen() -> None:
            assert self.choice is not None
            if self.choice.choice:
                self.start(self.choice.choice)
                return
            path = ask_save_path(self, file_name(f"{self.branch.text().strip()} {self.period.text().strip()}"))
            if path:
                self.start(save_to=path)

        self.choice.accepted.connect(chosen)
        self.choice.open()

    def cancel(self) -> None:
        if self.running:
            self._stop.set()
            self.status.setText(self.tr("Cancelling after the current batch…"))
        else:
            self.reject()

    def _finish(self) -> None:
        self.running = False
        self.start_button.setEnabled(True)

    def _run_done(self, result: Any) -> None:
        self._finish()
        self.outcome = result
        self.status.setText(result.summary())

    def _printed(self, outcome: BatchOutcome) -> None:
        self._finish()
        self.outcome = outcome
        if outcome.saved_to:
            text = self.tr("Saved %1 bills: %2").replace("%1", str(outcome.sent)).replace("%2", outcome.saved_to)
        elif outcome.cancelled:
            text = self.tr("Cancelled: %1 of %2 bills were sent to the printer %3.").replace(
                "%1", str(outcome.sent)).replace("%2", str(outcome.total)).replace("%3", outcome.printer)
        else:
            text = self.tr("Sent to the printer %1: %2 bills").replace("%1", outcome.printer).replace(
                "%2", str(outcome.sent))
        self.status.setText(text)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        set_error(self.error_label, user_message(error))


class BillsPage(CardPage):
    """billsView lists the bills; previewBillButton shows one; printBillButton prints the selected months."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.model = BillsModel(self)
        self.view = QTableView()
        self.view.setObjectName("billsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(lambda _i: self.preview())  # Enter or a double click
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.preview_button.setObjectName("previewBillButton")
        self.print_button = QPushButton(self.tr("&Print selected months"))
        self.print_button.setObjectName("printBillButton")
        self.run_button = QPushButton(self.tr("Billing run…"))
        self.run_button.setObjectName("billingRunButton")
        self.resend_button = QPushButton(self.tr("Send by e-mail &again"))
        self.resend_button.setObjectName("resendBillEmailButton")
        self.branch_print_button = QPushButton(self.tr("Print branch bills…"))
        self.branch_print_button.setObjectName("branchPrintButton")
        self.error_label = make_error_label(self)
        self.status = QLabel()
        self.status.setObjectName("billsStatus")
        for button in (self.preview_button, self.print_button, self.run_button, self.branch_print_button):
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_selected)
        self.resend_button.clicked.connect(self.resend_email)
        self.run_button.clicked.connect(lambda: self.open_batch("run"))
        self.branch_print_button.clicked.connect(lambda: self.open_batch("print"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.resend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.branch_print_button)
        buttons.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.preview_dialog: DocumentPreview | None = None
        self.job = PaperJob(desk, self, BILLS, "", self._print_result)
        self.batch_dialog: BatchDialog | None = None
        self._update_roles()

    def first_input(self) -> QWidget | None:
        """CardPage.first_input: the bills list, a row current, so the arrows move at once."""
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.selectRow(0)
        return self.view

    def _update_roles(self) -> None:
        actor = self.desk.actor
        senior = actor is not None and actor.has_role("senior")
        self.run_button.setVisible(senior)
        self.branch_print_button.setVisible(senior)
        self.resend_button.setVisible(senior)

    def show_account(self, card: Any) -> None:
        super().show_account(card)
        self._update_roles()
        set_error(self.error_label, None)
        self.model.set_rows([])
        if card is None:
            return
        from desktop.services.bill_documents import bills_for_account

        self.call(bills_for_account, card.account, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)
        self.status.setText("" if rows else self.tr("No bills for this account yet."))

    def _failed(self, error: BaseException) -> None:
        set_error(self.error_label, user_message(error))

    def selected_periods(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r).period for r in rows]

    def preview(self) -> None:
        periods = self.selected_periods()
        if self.card is None or not periods:
            set_error(self.error_label, self.tr("Select a bill first."))
            return
        set_error(self.error_label, None)
        from desktop.services.bill_documents import bill_pdf

        period = periods[0]
        self.call(bill_pdf, self.card.account, period,
                  on_done=lambda data: self._show_preview(data, period), on_error=self._failed)

    def _show_preview(self, data: bytes, period: str) -> None:
        from desktop.core.periods import Period

        title = self.tr("Bill for %1, account %2").replace("%1", Period.parse(period).name).replace(
            "%2", self.card.account if self.card else "")
        self.preview_dialog = DocumentPreview(self.desk, data, BILLS, title, self)
        self.preview_dialog.show()

    def print_selected(self) -> None:
        periods = self.selected_periods()
        if self.card is None or not periods:
            set_error(self.error_label, self.tr("Select the months to print."))
            return
        set_error(self.error_label, None)
        from desktop.services.bill_documents import bills_pdf

        self.print_button.setEnabled(False)
        number = self.card.account
        # No token: what the operator sent to print is printed even if another card is open by then.
        self.desk.call(bills_pdf, number, periods, serial=True,
                       on_done=lambda data: self._send(data, number, periods), on_error=self._print_failed)

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._failed(error)

    def _send(self, data: bytes, number: str, periods: list[str]) -> None:
        self.print_button.setEnabled(True)
        self.job.title = f"{self.card.account if self.card else ''} {', '.join(periods)}"
        self.job.print(data)

    def _print_result(self, ok: bool, text: str) -> None:
        if ok:
            set_error(self.error_label, None)
            self.status.setText(text)
        else:
            set_error(self.error_label, self.tr("Not printed: %1 Press Print to try again.").replace("%1", text))

    def resend_email(self) -> None:
        """Senior: put the selected bill's letter back in the e-mail queue (after fixing the address)."""
        periods = self.selected_periods()
        if self.card is None or not periods:
            set_error(self.error_label, self.tr("Select a bill first."))
            return
        set_error(self.error_label, None)
        from desktop.services.mail_queue import resend_bill_email

        card = self.card
        self.desk.call(resend_bill_email, card.account, periods[0], serial=True,
                       on_done=lambda _r: self._resent(card, periods[0]), on_error=self._failed)

    def _resent(self, card: Any, period: str) -> None:
        self.show_account(card)
        self.status.setText(self.tr("The bill for %1 is queued for e-mail.").replace("%1", period))

    def open_batch(self, mode: str) -> None:
        self.batch_dialog = BatchDialog(self.desk, mode, self)
        self.batch_dialog.show()
