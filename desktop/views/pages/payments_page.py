"""The card page "Оплата": take cash or card, print the receipt, see and correct payments."""

from __future__ import annotations

import uuid
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.money import MoneyError, format_rub, parse_rub
from desktop.models.payments_model import PaymentsModel
from desktop.printing.spooler import PrintService
from desktop.services import payments
from desktop.views.messages import clear_on_input, make_error_label, set_error, user_message
from desktop.views.pages.base import CardPage
from desktop.views.paper import ReceiptLine, ReceiptOutcome, print_receipt_pdf, print_service

if TYPE_CHECKING:
    from desktop.views.desk import Desk


def print_receipt(ctx: Any, service: PrintService, payment_id: int, copy: bool) -> ReceiptOutcome:
    """Worker: build, render and print a receipt; record whether it came out.

    A printer failure never undoes the payment: it stays posted, marked "receipt not printed",
    and the receipt can be printed again. With no printer at all the PDF comes back unprinted.
    """
    from desktop.printing.receipt_pdf import render_receipt

    doc = payments.receipt_document(ctx, payment_id, copy)
    title = f"Чек {doc.receipt_number}, смена {doc.shift_number}" + (" (копия)" if copy else "")
    outcome = print_receipt_pdf(service, lambda: render_receipt(doc), title)
    payments.mark_receipt(ctx, payment_id, printed=outcome.ok)
    return outcome


class ReverseDialog(QDialog):
    """Reason and the senior operator's sign-in for a reversal or refund."""

    def __init__(self, row: Any, zone: tzinfo, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("reverseDialog")
        self.setWindowTitle(self.tr("Return a payment"))
        self.reason = QLineEdit()
        self.reason.setObjectName("reverseReason")
        self.login = QLineEdit()
        self.login.setObjectName("approverLogin")
        self.password = QLineEdit()
        self.password.setObjectName("approverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = make_error_label(self)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Payment of %1, %2").replace("%1", format_rub(row.amount_kopecks)).replace(
            "%2", row.posted_at.astimezone(zone).strftime("%d.%m.%Y %H:%M"))))
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("Senior operator &login:"), self.login)
        form.addRow(self.tr("Senior operator &password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.returnPressed.connect(self.login.setFocus)
        self.login.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._check)
        clear_on_input(self.error, self.reason, self.login, self.password)

    def _check(self) -> None:
        if not self.reason.text().strip():
            set_error(self.error, self.tr("Write the reason"))
            self.reason.setFocus()
            return
        self.accept()


class PaymentsPage(CardPage):
    """Amount, method, cash tendered with live change or the card slip data; one posting per attempt."""

    FIELD_WIDGETS: ClassVar[dict[str, str]] = {
        "amount": "paymentAmount", "tendered": "cashTendered", "card_last4": "cardLast4",
        "card_rrn": "cardRrn", "card_auth_code": "cardAuthCode", "method": "paymentMethod"}

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._attempt: str | None = None  # the idempotency key of the attempt being posted
        self._posting = False
        # True from a successful posting until the operator types again: a stray Enter then
        # does nothing (no red «enter the amount» under the green success line).
        self._just_posted = False

        # Shift header.
        self.shift_label = QLabel()
        self.shift_label.setObjectName("pageShiftLabel")
        self.open_shift_button = QPushButton(self.tr("Open shift…"))
        self.open_shift_button.setObjectName("openShiftButton")
        self.x_report_button = QPushButton(self.tr("X-report"))
        self.x_report_button.setObjectName("xReportButton")
        self.close_shift_button = QPushButton(self.tr("Close shift (Z)…"))
        self.close_shift_button.setObjectName("closeShiftButton")
        head = QHBoxLayout()
        head.addWidget(self.shift_label, 1)
        for button in (self.open_shift_button, self.x_report_button, self.close_shift_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            head.addWidget(button)

        # The payment form.
        self.amount = QLineEdit()
        self.amount.setObjectName("paymentAmount")
        self.amount.setPlaceholderText("0,00")
        self.due_label = QLabel()
        self.due_label.setStyleSheet("color: #555;")
        self.method = QComboBox()
        self.method.setObjectName("paymentMethod")
        self.method.addItem(self.tr("Cash"), "cash")
        self.method.addItem(self.tr("Bank card (terminal)"), "card")
        self.tendered = QLineEdit()
        self.tendered.setObjectName("cashTendered")
        self.tendered.setPlaceholderText(self.tr("same as the amount"))
        self.change_label = QLabel()
        self.change_label.setObjectName("changeLabel")
        self.change_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.card_last4 = QLineEdit()
        self.card_last4.setObjectName("cardLast4")
        self.card_last4.setMaxLength(19)  # long enough to catch a pasted full number and refuse it
        self.card_last4.setPlaceholderText("1234")
        self.card_rrn = QLineEdit()
        self.card_rrn.setObjectName("cardRrn")
        self.card_rrn.setMaxLength(24)
        self.card_rrn.setPlaceholderText(self.tr("12 digits, \"reference number\" on the slip"))
        self.card_auth = QLineEdit()
        self.card_auth.setObjectName("cardAuthCode")
        self.card_auth.setMaxLength(24)
        self.card_auth.setPlaceholderText(self.tr("6 characters"))
        from desktop.views.fit import fit_hint

        fit_hint(self.card_rrn, self.card_auth)
        self.record_button = QPushButton(self.tr("Take payment (Enter)"))
        self.record_button.setObjectName("recordPaymentButton")
        self.record_button.setStyleSheet("font-size: 12pt; font-weight: 600; padding: 6px 18px;")
        self.error = make_error_label(self)
        self.status = QLabel()
        self.status.setObjectName("paymentStatus")
        self.status.setWordWrap(True)
        # Where the last receipt went: the operator always knows whether to hand paper over.
        self.receipt_status = ReceiptLine(desk, self)
        self.retry_shortcut = self.receipt_status.retry_shortcut

        form = QFormLayout()
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount)
        amount_row.addWidget(self.due_label, 1)
        self.amount_title = QLabel(self.tr("&Amount:"))
        self.amount_title.setBuddy(self.amount)
        form.addRow(self.amount_title, amount_row)
        method_title = QLabel(self.tr("&Method:"))
        method_title.setBuddy(self.method)
        form.addRow(method_title, self.method)
        self.cash_box = QWidget()
        cash_form = QFormLayout(self.cash_box)
        cash_form.setContentsMargins(0, 0, 0, 0)
        tendered_title = QLabel(self.tr("&Cash received:"))
        tendered_title.setBuddy(self.tendered)
        cash_form.addRow(tendered_title, self.tendered)
        cash_form.addRow(self.tr("Change:"), self.change_label)
        self.card_box = QWidget()
        card_form = QFormLayout(self.card_box)
        card_form.setContentsMargins(0, 0, 0, 0)
        for title, widget in ((self.tr("Card: &last 4 digits:"), self.card_last4),
                              (self.tr("&RRN:"), self.card_rrn),
                              (self.tr("Authori&zation code:"), self.card_auth)):
            label = QLabel(title)
            label.setBuddy(widget)
            card_form.addRow(label, widget)
        form.addRow(self.cash_box)
        form.addRow(self.card_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.error)
        left.addWidget(self.status)
        left.addWidget(self.receipt_status)
        left.addStretch(1)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMaximumWidth(520)

        # History with its actions.
        self.model = PaymentsModel(self)
        self.history = QTableView()
        self.history.setObjectName("paymentsHistory")
        self.history.setModel(self.model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.reprint_button = QPushButton(self.tr("Reprint receipt"))
        self.reprint_button.setObjectName("reprintReceiptButton")
        self.reverse_button = QPushButton(self.tr("Return payment…"))
        self.reverse_button.setObjectName("reversePaymentButton")
        history_title = QLabel(self.tr("&Payments of this account:"))
        history_title.setBuddy(self.history)
        history_buttons = QHBoxLayout()
        history_buttons.addWidget(history_title, 1)
        history_buttons.addWidget(self.reprint_button)
        history_buttons.addWidget(self.reverse_button)
        right = QVBoxLayout()
        right.addLayout(history_buttons)
        right.addWidget(self.history, 1)

        body = QHBoxLayout()
        body.addWidget(left_box)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)

        # The flow: amount -> method -> received / card slip -> take payment.
        self.setTabOrder(self.amount, self.method)
        self.setTabOrder(self.method, self.tendered)
        self.setTabOrder(self.tendered, self.card_last4)
        self.setTabOrder(self.card_last4, self.card_rrn)
        self.setTabOrder(self.card_rrn, self.card_auth)
        self.setTabOrder(self.card_auth, self.record_button)
        self.setTabOrder(self.record_button, self.history)
        self.setFocusProxy(self.amount)

        self.amount.textChanged.connect(self._inputs_changed)
        self.method.installEventFilter(self)
        self.tendered.textChanged.connect(self._inputs_changed)
        for edit in (self.card_last4, self.card_rrn, self.card_auth):
            edit.textChanged.connect(self._new_attempt)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.amount.returnPressed.connect(self._amount_entered)
        self.tendered.returnPressed.connect(self.record)
        self.card_last4.returnPressed.connect(self.card_rrn.setFocus)
        self.card_rrn.returnPressed.connect(self.card_auth.setFocus)
        self.card_auth.returnPressed.connect(self.record)
        self.record_button.clicked.connect(self.record)
        self.reprint_button.clicked.connect(self.reprint)
        self.reverse_button.clicked.connect(self.reverse)
        self.history.selectionModel().selectionChanged.connect(self._selection_changed)

        self.open_shift_button.clicked.connect(lambda: self._shift_action("open_shift"))
        self.x_report_button.clicked.connect(lambda: self._shift_action("x_report"))
        self.close_shift_button.clicked.connect(lambda: self._shift_action("close_shift"))
        desk.shiftChanged.connect(self._shift_changed)
        self._method_changed()
        self._shift_changed()
        self._selection_changed()

    def first_input(self) -> QWidget | None:
        """CardPage.first_input: the amount (already the amount due, selected)."""
        return self.amount

    def eventFilter(self, watched: Any, event: Any) -> bool:  # QObject.eventFilter
        """Enter on the method goes on to the cash received or the card slip, like Tab."""
        from PySide6.QtCore import QEvent

        if (watched is self.method and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._amount_entered()
            return True
        return super().eventFilter(watched, event)

    # --- card and shift ---

    @property
    def controller(self) -> Any:
        return getattr(self.desk, "shift_controller", None)

    def _shift_action(self, name: str) -> None:
        if self.controller is not None:
            getattr(self.controller, name)()

    def _shift_changed(self) -> None:
        info = self.controller.info if self.controller is not None else None
        self.shift_label.setText(self.controller.status_text() if self.controller else "")
        self.shift_label.setStyleSheet(
            "font-weight: 600;" + ("" if info is not None and not info.expired else " color: #b00020;"))
        self.open_shift_button.setEnabled(info is None)
        self.x_report_button.setEnabled(info is not None)
        self.close_shift_button.setEnabled(info is not None)

    def show_account(self, card: Any) -> None:
        """CardPage.show_account: default the amount to what is due, reload the history."""
        same = self.card is not None and card is not None and self.card.account == card.account
        super().show_account(card)
        if card is None:
            self.model.set_rows([])
            return
        due = -card.balance_kopecks if card.balance_kopecks < 0 else 0
        parts = []
        if due:
            parts.append(self.tr("debt %1").replace("%1", format_rub(due)))
        if card.last_bill_period and card.last_bill_amount_due_kopecks:
            from desktop.core.periods import Period

            parts.append(self.tr("bill %1: %2").replace("%1", Period.parse(card.last_bill_period).name).replace(
                "%2", format_rub(card.last_bill_amount_due_kopecks)))
        self.due_label.setText(" · ".join(parts))
        if not same and not self._posting:
            # Each customer starts from the usual case: cash, the amount due.
            self.method.setCurrentIndex(self.method.findData("cash"))
            self.amount.setText(format_rub(due, symbol=False) if due else "")
            self.tendered.clear()
            for edit in (self.card_last4, self.card_rrn, self.card_auth):
                edit.clear()
            set_error(self.error, None)
            self.status.clear()
            self._attempt = None
            self._just_posted = False
        self.load_history()

    def load_history(self) -> None:
        if self.card is None:
            return
        self.call(payments.payments_history, self.card.account, on_done=self._history_loaded,
                  on_error=lambda e: set_error(self.error, user_message(e)))

    def _history_loaded(self, rows: list[Any]) -> None:
        self.model.set_rows(rows, self.desk.zone())
        self._selection_changed()

    # --- live inputs ---

    def _new_attempt(self) -> None:
        """Changed inputs make a new payment attempt (a new idempotency key) and clear the old
        messages: what they said was about the inputs before."""
        if not self._posting:
            self._attempt = None
            self._just_posted = False
            set_error(self.error, None)
            self.status.clear()

    def _inputs_changed(self) -> None:
        self._new_attempt()
        self._update_change()

    def _method_changed(self) -> None:
        card = self.method.currentData() == "card"
        self.cash_box.setVisible(not card)
        self.card_box.setVisible(card)
        self._new_attempt()
        self._update_change()

    def _update_change(self) -> None:
        try:
            amount = parse_rub(self.amount.text())
        except MoneyError:
            self.change_label.setText("—")
            self.change_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
            return
        text = self.tendered.text().strip()
        try:
            tendered = parse_rub(text) if text else amount
        except MoneyError:
            self.change_label.setText("—")
            return
        if tendered < amount:
            self.change_label.setText(self.tr("short by %1").replace("%1", format_rub(amount - tendered)))
            self.change_label.setStyleSheet("font-size: 14pt; font-weight: 600; color: #b00020;")
        else:
            self.change_label.setText(format_rub(tendered - amount))
            self.change_label.setStyleSheet("font-size: 14pt; font-weight: 600; color: #1b7f3b;")

    def _amount_entered(self) -> None:
        if self.method.currentData() == "card":
            self.card_last4.setFocus()
        else:
            self.tendered.setFocus()

    # --- posting ---

    def _fail(self, message: str, field: str | None = None) -> None:
        self.status.clear()  # never a red error under a green line about something else
        set_error(self.error, message)
        widget = self.findChild(QWidget, self.FIELD_WIDGETS.get(field or "", ""))
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def record(self) -> None:
        """Take the payment: check the inputs, warn about a duplicate, post once, print the receipt."""
        if self._posting or self.card is None:
            return
        if self._just_posted and not self.amount.text().strip():
            return  # a stray Enter after a payment: the success line stays
        set_error(self.error, None)
        try:
            amount = parse_rub(self.amount.text())
        except MoneyError as error:
            self._fail(str(error), "amount")
            return
        method = self.method.currentData()
        request: dict[str, Any] = {}
        if method == "cash":
            text = self.tendered.text().strip()
            if text:
                try:
                    request["tendered_kopecks"] = parse_rub(text)
                except MoneyError as error:
                    self._fail(self.tr("Cash received: %1").replace("%1", str(error)), "tendered")
                    return
        else:
            request.update(card_last4=self.card_last4.text(), card_rrn=self.card_rrn.text(),
                           card_auth_code=self.card_auth.text())
        if self._attempt is None:
            self._attempt = uuid.uuid4().hex
        self._set_posting(True)
        number = self.card.account
        attempt = self._attempt
        self.desk.call(
            payments.recent_duplicate, number, amount,
            on_done=lambda dup: self._after_duplicate_check(dup, number, amount, method, attempt, request),
            on_error=self._post_failed,
        )

    def _after_duplicate_check(self, duplicate: Any, number: str, amount: int, method: str, attempt: str,
                               request: dict[str, Any]) -> None:
        if duplicate is not None:
            when = self.desk.local(duplicate.posted_at).strftime("%H:%M")
            question = self.tr("This account already paid %1 at %2. Take the same amount again?").replace(
                "%1", format_rub(amount)).replace("%2", when)
            # Asked every time, in the GUI and under tests alike; the desk's confirm answers.
            if not self.desk.confirm(self, self.tr("Same amount again?"), question):
                self._set_posting(False)
                set_error(self.error, self.tr("Not posted: the same amount was paid at %1").replace("%1", when))
                return
        self.desk.call(payments.post_payment, number, amount, method, idempotency_key=attempt, serial=True,
                       on_done=self._posted, on_error=self._post_failed, **request)

    def _set_posting(self, posting: bool) -> None:
        self._posting = posting
        self.record_button.setEnabled(not posting)
        self.record_button.setText(self.tr("Posting…") if posting else self.tr("Take payment (Enter)"))

    def _post_failed(self, error: BaseException) -> None:
        from desktop.services.errors import ServiceError

        self._set_posting(False)
        # The attempt key is kept: retrying the same inputs cannot post twice.
        if isinstance(error, ServiceError):
            self._fail(error.message, error.field)
        else:
            self._fail(user_message(error))  # Desk.call has logged it with its traceback

    def _posted(self, result: Any) -> None:
        self._set_posting(False)
        self._attempt = None
        text = self.tr("Payment of %1 posted, receipt %2 in shift %3.").replace(
            "%1", format_rub(result.amount_kopecks)).replace("%2", str(result.receipt_number)).replace(
            "%3", str(result.shift_number))
        if result.change_kopecks:
            text += " " + self.tr("Change: %1").replace("%1", format_rub(result.change_kopecks))
        if result.already_posted:
            text = self.tr("This payment was already posted (receipt %1); nothing was posted twice.").replace(
                "%1", str(result.receipt_number))
        self.amount.clear()
        self.tendered.clear()
        for edit in (self.card_last4, self.card_rrn, self.card_auth):
            edit.clear()
        set_error(self.error, None)
        self.status.setText(text)
        self.status.setStyleSheet("color: #1b7f3b;")
        self._attempt = None
        self._just_posted = True
        self.finished.emit()
        if not result.already_posted:
            self._print(result.id, copy=False)
        self.desk.accountChanged.emit(result.account)

    # --- receipts and corrections ---

    def _print(self, payment_id: int, copy: bool) -> None:
        # Ctrl+R: a receipt that never came out is printed as it was; one that did comes out as a copy.
        self.receipt_status.printing(lambda: self._print(payment_id, copy or self.receipt_status.ok))
        self.desk.call(print_receipt, print_service(self.desk), payment_id, copy, serial=True,
                       on_done=self._printed, on_error=lambda e: self._printed(ReceiptOutcome(False, user_message(e))))

    def _printed(self, outcome: ReceiptOutcome) -> None:
        self.receipt_status.show_outcome(outcome)
        self.load_history()

    def retry_receipt(self) -> None:
        """Ctrl+R: print the last receipt again (the original when it never came out, else a copy)."""
        self.receipt_status.retry()

    def _selected(self) -> Any:
        rows = self.history.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        row = self._selected()
        self.reprint_button.setEnabled(row is not None and row.receipt_number is not None)
        self.reverse_button.setEnabled(row is not None and row.kind == "payment" and row.state in (
            payments.STATE_POSTED, payments.STATE_RECEIPT_NOT_PRINTED) and row.method in ("cash", "card"))

    def reprint(self) -> None:
        row = self._selected()
        if row is None:
            return
        # A receipt that never came out is printed as the original; any later one is a copy.
        self._print(row.id, copy=row.receipt_state != "failed")

    def reprint_last(self) -> None:
        """Ctrl+Shift+R from anywhere: the selected receipt, or the newest one of this account."""
        row = self._selected()
        if row is None or row.receipt_number is None:
            rows = (self.model.row_at(i) for i in range(self.model.rowCount()))
            row = next((r for r in rows if r.receipt_number is not None), None)  # newest first
        if row is None:
            self._fail(self.tr("No receipt to reprint for this account"))
            return
        self._print(row.id, copy=row.receipt_state != "failed")
        self.status.setText(self.tr("Receipt %1 sent to the printer again").replace("%1", str(row.receipt_number)))
        self.status.setStyleSheet("color: #1b7f3b;")

    def reverse(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = ReverseDialog(row, self.desk.zone(), self)
        self.reverse_dialog = dialog

        def accepted() -> None:
            self.desk.call(payments.reverse_payment, row.id, dialog.reason.text(), dialog.login.text(),
                           dialog.password.text(), serial=True, on_done=self._reversed,
                           on_error=lambda e: self._fail(user_message(e)))
            dialog.password.clear()

        dialog.accepted.connect(accepted)
        dialog.open()

    def _reversed(self, result: Any) -> None:
        self.status.setText(self.tr("Returned %1.").replace("%1", format_rub(-result.amount_kopecks)))
        self._print(result.id, copy=False)
        self.desk.accountChanged.emit(result.account)
