"""Offline mode of the desk: the status label, the switch when the shared database stops answering,
the work page on the local copy, the replay when the link is back, and the conflicts list.

The logic is in desktop.services.offline_*; this module only wires it to the window.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.money import format_rub, parse_rub
from desktop.views.messages import make_error_label, set_error, user_message

log = logging.getLogger(__name__)

PROBE_MS = 15_000  # how often an offline desk asks whether the shared database answers again
REFRESH_MS = 30 * 60_000  # how often an online desk refreshes its copy of the branch
START_REFRESH_MS = 5_000  # after sign-in: the first screen paints before the copy is read
# Controls of the online card that need the shared database, and why they are off while offline.
DISABLED_OFFLINE = {
    "resetPasswordButton": "password_reset",
    "registerOnlineButton": "registration",
    "billingRunButton": "billing",
    "branchPrintButton": "bill_print",
    "reversePaymentButton": "reversal",
}
# Entries of the Card menu by the button they press (card_menu.ENTRIES), and why they are off.
CARD_MENU_OFFLINE = {
    "tariffs_button": "meter", "replace_button": "meter", "preview_button": "bill_print",
    "print_button": "bill_print", "reverse_button": "reversal", "register_button": "registration",
    "reset_button": "password_reset", "unlock_button": "unlock",
}


def offline_folder(desk: Any) -> Path:
    from desktop.desk_settings import DESK_NAME
    from desktop.paths import data_dir

    # The window exists before anyone signs in: the desk's name comes from its settings.
    raw = (desk.settings.get(DESK_NAME) if desk.settings is not None else "") or "desk"
    name = "".join(ch for ch in raw if ch.isalnum() or ch in "-_") or "desk"
    return data_dir() / "offline" / name


def _zone(desk: Any) -> Any:
    try:
        return desk.ctx.zone()
    except Exception:  # noqa: BLE001 - the zone is read from the database, which may be away
        return UTC


def _local_time(moment: datetime, desk: Any) -> str:
    try:
        return moment.astimezone(desk.ctx.zone()).strftime("%d.%m.%Y %H:%M")
    except Exception:  # noqa: BLE001 - the zone is read from the database, which may be away
        return moment.strftime("%d.%m.%Y %H:%M UTC")


class OfflineController(QObject):
    """Watches the link, switches the window between online and offline, replays the journal."""

    stateChanged = Signal(bool)  # True: offline

    def __init__(self, desk: Any, window: Any, folder: Path | None = None) -> None:
        super().__init__(window)
        from desktop.services.offline_journal import Journal

        self.desk = desk
        self.window = window
        self.active = False
        self.busy = False
        desk.offline = self
        self.label = QLabel()
        self.label.setObjectName("connectionStateLabel")
        window.statusBar().addPermanentWidget(self.label)
        # Only a shared server can be out of reach: a desk on its own SQLite file has no link to lose.
        self.enabled = desk.database.engine.dialect.name != "sqlite"
        self.label.setVisible(self.enabled)
        if not self.enabled:
            return
        self.folder = folder or offline_folder(desk)
        self.copy_path = self.folder / "copy.sqlite3"
        self.journal = Journal(self.folder / "journal.sqlite3")
        self.conflict_count = len(self.journal.operations("conflict"))
        # Made when the desk goes offline and dropped when it is back: its inputs carry the same
        # object names as the card's pages, and only one set may be findable at a time.
        self.page: OfflinePage | None = None
        self.probe_timer = QTimer(self, interval=PROBE_MS)
        self.probe_timer.timeout.connect(self.try_back)
        self.refresh_timer = QTimer(self, interval=REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh_copy)
        self.refresh_timer.start()
        desk.databaseState.connect(self._database_state)
        from desktop.views.shortcuts import add_action

        menu = window.menuBar().addMenu(self.tr("&Link"))
        # Every menu entry has a layout-independent key, listed on F1 (test_shortcuts checks it).
        add_action(menu, self.tr("&Refresh the local copy now"), "Ctrl+Shift+C", self.refresh_copy)
        add_action(menu, self.tr("&Operations taken offline…"), "Ctrl+Shift+J", self.open_conflicts)
        self._show()
        if self.journal.pending_count():
            QTimer.singleShot(0, self.try_back)  # left from a desk that was closed or killed offline
        # A copy older than the refresh period (or none) is refreshed soon after sign-in.
        QTimer.singleShot(START_REFRESH_MS, self._refresh_if_old)

    # --- state ---------------------------------------------------------------------------------

    def _show(self) -> None:
        pending = self.journal.pending_count()
        if self.active:
            text = self.tr("No link — working offline, %n operation(s) waiting to be sent", "", pending)
            style = "color: #ffffff; background: #b00020; padding: 2px 6px;"
        elif pending:
            text = self.tr("Sending %n operation(s) taken offline…", "", pending)
            style = "color: #8a5a00;"
        else:
            text = self.tr("Link to the shared database: ok")
            style = ""
        if self.conflict_count:
            text += self.tr("; %n conflict(s) for a senior operator", "", self.conflict_count)
            style = style or "color: #b00020;"
        self.label.setText(text)
        self.label.setStyleSheet(style)

    def _database_state(self, state: str) -> None:
        if state != "ok" and not self.active and not self.busy:
            self._probe(lambda answers: None if answers else self.go_offline())

    def _probe(self, then: Any) -> None:
        from desktop.services.offline_link import shared_answers

        self.desk.runner.run(lambda: shared_answers(self.desk.database.engine), then, lambda error: then(False))

    def go_offline(self) -> None:
        if self.active:
            return
        if not self.copy_path.exists():
            self.window.statusBar().showMessage(
                self.tr("No link to the database and no local copy of the branch: offline work is impossible"),
                30_000)
            return
        self.active = True
        self._set_online_controls(False)
        self.page = OfflinePage(self)
        self.window.stack.addWidget(self.page)
        self.page.enter()
        self.window.stack.setCurrentWidget(self.page)
        self.probe_timer.start()
        self._show()
        self.stateChanged.emit(True)

    def _set_online_controls(self, enabled: bool) -> None:
        from desktop.services.offline_desk import UNAVAILABLE_OFFLINE

        for name, reason in DISABLED_OFFLINE.items():
            for widget in self.window.findChildren(QWidget, name):
                if enabled and name == "reversePaymentButton":
                    continue  # the payments page enables it for the payment chosen, not us
                widget.setEnabled(enabled)
                widget.setToolTip("" if enabled else UNAVAILABLE_OFFLINE[reason])
        for action, reason in self._offline_actions():
            action.setEnabled(enabled)
            # The reason stays readable in the menu (tool tips shown) and in the status bar.
            action.setToolTip(action.text().replace("&", "") if enabled else UNAVAILABLE_OFFLINE[reason])
            action.setStatusTip("" if enabled else UNAVAILABLE_OFFLINE[reason])

    def _offline_actions(self) -> list[tuple[Any, str]]:
        """Menu entries that need the shared database, each with the key of its reason."""
        window = self.window
        found: list[tuple[Any, str]] = []
        card_menu = getattr(window, "card_menu", None)
        if card_menu is not None:
            card_menu.setToolTipsVisible(True)
            found += [(a, CARD_MENU_OFFLINE[a.data()]) for a in card_menu.actions() if a.data() in CARD_MENU_OFFLINE]
        for owner, reason in ((getattr(window, "reports", None), "reports"),
                              (getattr(window, "requests_menu", None), "requests")):
            menu = getattr(owner, "menu", None)
            if menu is not None:
                menu.setToolTipsVisible(True)
                found += [(a, reason) for a in menu.actions() if not a.isSeparator()]
        shift = getattr(window, "shift", None)
        found += [(a, "cash_operations") for a in getattr(shift, "cash_actions", [])]
        return found

    def try_back(self) -> None:
        """Probe; when the shared database answers, replay the journal, then go back online."""
        if self.busy:
            return
        self.busy = True

        def answered(ok: bool) -> None:
            if not ok:
                self.busy = False
                return
            self._replay()

        self._probe(answered)

    def _replay(self) -> None:
        from desktop.services.offline_replay import replay

        self._show()
        self.desk.serial_runner.run(lambda: replay(self.desk.database.sessions, self.journal),
                                    self._replayed, self._replay_failed)

    def _replayed(self, report: Any) -> None:
        self.busy = False
        self.conflict_count = len(self.journal.operations("conflict"))
        if report.link_lost:
            self._show()
            return
        if self.active:
            self.active = False
            self.probe_timer.stop()
            self._set_online_controls(True)
            self.window.stack.setCurrentWidget(self.window.welcome)
            if self.page is not None:
                self.window.stack.removeWidget(self.page)
                self.page.deleteLater()
                self.page = None
            self.stateChanged.emit(False)
            self.desk.databaseState.emit("ok")
        shift = getattr(self.desk, "shift_controller", None)
        if shift is not None:
            shift.refresh()  # the shifts opened or closed offline are the shared database's now
        self.window.statusBar().showMessage(
            self.tr("Link restored: %1 operation(s) sent, %2 conflict(s)").replace(
                "%1", str(report.done + report.already)).replace("%2", str(len(report.conflicts))), 30_000)
        self._show()
        self.refresh_copy()

    def _replay_failed(self, error: BaseException) -> None:
        self.busy = False
        log.error("offline replay failed: %s", error)
        self._show()

    def refresh_copy(self) -> None:
        from desktop.services.offline_copy import refresh

        if self.active or self.desk.actor is None:
            return
        branch, engine, ctx = self.desk.actor.branch_code, self.desk.database.engine, self.desk.ctx

        def work() -> Any:
            ctx.zone()  # read (and kept by the context) while the database answers: offline dates need it
            return refresh(engine, self.copy_path, branch)

        self.desk.runner.run(work, lambda result: self._show(),
                             lambda error: log.warning("copy refresh failed: %s", error))

    def _refresh_if_old(self) -> None:
        from datetime import datetime

        from desktop.services.offline_copy import freshness

        if self.desk.actor is None:  # the sign-in dialog is still open: look again later
            QTimer.singleShot(START_REFRESH_MS, self._refresh_if_old)
            return
        taken = freshness(self.copy_path)
        if taken is None or (datetime.now(UTC) - taken).total_seconds() * 1000 > REFRESH_MS:
            self.refresh_copy()

    def offline_desk(self) -> Any:
        from desktop.services.offline_desk import OfflineDesk

        # The operator's shift as the desk last read it online: offline payments go into it, or into
        # a shift opened offline; a desk that never read it leaves the shift to the replay.
        shift = getattr(self.desk, "shift_controller", None)
        known = shift is not None and shift.known
        return OfflineDesk(self.copy_path, self.journal, self.desk.actor, self.desk.ctx.desk, self.desk.ctx.clock,
                           online_shift=shift.info if shift is not None and known else None, shift_known=known,
                           zone=lambda: _zone(self.desk))

    def open_conflicts(self) -> None:
        self.conflicts_dialog = ConflictsDialog(self, self.window)
        self.conflicts_dialog.open()


class OfflinePage(QWidget):
    """Search, the card, a reading and a payment on the local copy; everything goes to the journal."""

    def __init__(self, controller: OfflineController) -> None:
        super().__init__()
        self.controller = controller
        self.card: Any = None
        self.setObjectName("offlinePage")
        self.freshness = QLabel()
        self.freshness.setStyleSheet("color: #8a5a00; font-weight: bold;")
        from desktop.services.offline_desk import UNAVAILABLE_OFFLINE

        unavailable = QLabel("\n".join(UNAVAILABLE_OFFLINE.values()))
        unavailable.setStyleSheet("color: #666;")
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setMaximumHeight(110)
        self.results.itemActivated.connect(lambda item: self.show_account(item.data(Qt.ItemDataRole.UserRole)))
        self.number = QLabel()
        self.number.setObjectName("accountNumberLabel")
        self.name = QLabel()
        self.name.setObjectName("customerNameLabel")
        self.address = QLabel()
        self.address.setObjectName("addressLabel")
        self.balance = QLabel()
        self.balance.setObjectName("balanceLabel")
        self.balance.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.meter = QLabel()
        head = QFormLayout()
        for title, label in ((self.tr("Account"), self.number), (self.tr("Customer"), self.name),
                             (self.tr("Address"), self.address), (self.tr("Balance"), self.balance),
                             (self.tr("Meter"), self.meter)):
            head.addRow(title, label)

        self.readings_box = QGroupBox(self.tr("Readings (offline)"))
        self.reading_form = QFormLayout(self.readings_box)
        self.reading_inputs: dict[str, QLineEdit] = {}
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason, if the reading is unusual"))
        self.save_readings = QPushButton(self.tr("Save readings"))
        self.save_readings.setObjectName("saveReadingsButton")
        self.save_readings.clicked.connect(self.take_reading)
        self.reading_error = make_error_label()

        pay = QGroupBox(self.tr("Payment (offline)"))
        form = QFormLayout(pay)
        self.amount = QLineEdit()
        self.amount.setObjectName("paymentAmount")
        self.method = QComboBox()
        self.method.setObjectName("paymentMethod")
        self.method.addItem(self.tr("Cash"), "cash")
        self.method.addItem(self.tr("Card"), "card")
        self.tendered = QLineEdit()
        self.tendered.setObjectName("cashTendered")
        self.last4 = QLineEdit()
        self.last4.setObjectName("cardLast4")
        self.rrn = QLineEdit()
        self.rrn.setObjectName("cardRrn")
        self.auth = QLineEdit()
        self.auth.setObjectName("cardAuthCode")
        for title, widget in ((self.tr("Amount, ₽"), self.amount), (self.tr("Method"), self.method),
                              (self.tr("Cash received, ₽"), self.tendered),
                              (self.tr("Card: last 4 digits"), self.last4),
                              (self.tr("RRN"), self.rrn), (self.tr("Authorisation code"), self.auth)):
            form.addRow(title, widget)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.pay_button = QPushButton(self.tr("Take payment"))
        self.pay_button.setObjectName("recordPaymentButton")
        self.pay_button.clicked.connect(self.take_payment)
        self.pay_error = make_error_label()
        from desktop.views.paper import ReceiptLine

        # The online payment form's receipt line: printed where, or why not, Ctrl+R, Save as PDF.
        self.receipt_status = ReceiptLine(controller.desk, self)
        form.addRow(self.pay_button)
        form.addRow(self.pay_error)
        form.addRow(self.receipt_status)
        self._method_changed()

        from desktop.views.offline_shift_box import OfflineShiftBox

        self.shift_box = OfflineShiftBox(self)
        right = QVBoxLayout()
        right.addWidget(self.shift_box)
        right.addWidget(pay)
        right.addStretch(1)  # the boxes keep their height; the room left stays below them
        left = QVBoxLayout()
        left.addWidget(self.freshness)
        left.addWidget(self.results)
        left.addLayout(head)
        left.addWidget(self.readings_box)
        left.addWidget(unavailable)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.setEnabled(True)

    def _desk(self) -> Any:
        return self.controller.offline_desk()

    def enter(self) -> None:
        taken = self._desk().copy_taken_at()
        self.freshness.setText(self.tr("Working offline from the local copy of %1").replace(
            "%1", _local_time(taken, self.controller.desk) if taken else "—"))
        self.results.clear()
        self._set_card(None)
        self.shift_box.show_state()

    def _method_changed(self) -> None:
        card = self.method.currentData() == "card"
        self.tendered.setEnabled(not card)
        for widget in (self.last4, self.rrn, self.auth):
            widget.setEnabled(card)

    def search(self, text: str) -> str | None:
        """Fill the results from the copy; opens the card at once when one account matches."""
        try:
            matches = self._desk().search(text)
        except Exception as error:  # noqa: BLE001 - shown next to the search box
            return user_message(error)
        if not matches:
            return self.tr("Nothing found in the local copy of the branch")
        self.results.clear()
        for m in matches:
            item = QListWidgetItem(f"{m.account}   {m.name}   {m.address}   {format_rub(m.balance_kopecks)}")
            item.setData(Qt.ItemDataRole.UserRole, m.account)
            self.results.addItem(item)
        if len(matches) == 1:
            self.show_account(matches[0].account)
        else:
            self.results.setCurrentRow(0)
            self.results.setFocus()
        return None

    def show_account(self, number: str) -> None:
        try:
            self._set_card(self._desk().card(number))
        except Exception as error:  # noqa: BLE001
            set_error(self.pay_error, user_message(error))

    def _set_card(self, card: Any) -> None:
        self.card = card
        for widget in (self.readings_box, self.pay_button):
            widget.setEnabled(card is not None)
        if card is None:
            for label in (self.number, self.name, self.address, self.balance, self.meter):
                label.setText("")
            return
        self.number.setText(card.account)
        self.name.setText(card.name)
        self.address.setText(card.address)
        text = format_rub(card.balance_kopecks, sign=True)
        if card.pending_payments_kopecks:
            text += self.tr("  (including %1 taken offline)").replace("%1", format_rub(card.pending_payments_kopecks))
        self.balance.setText(text)
        meter = card.meters[-1] if card.meters else None
        self.meter.setText(self.tr("№ %1, last readings %2").replace("%1", meter.serial).replace(
            "%2", ", ".join(f"{z}: {v}" for z, v in meter.last_readings.items())) if meter else "—")
        while self.reading_form.rowCount():
            self.reading_form.removeRow(0)
        self.reading_inputs = {}
        if meter is not None:
            for zone in sorted(meter.last_readings) or ["T1", "T2", "T3"][:meter.zones]:
                edit = QLineEdit()
                edit.setObjectName(f"readingInput_{zone}")
                self.reading_inputs[zone] = edit
                self.reading_form.addRow(zone, edit)
            self.reason = QLineEdit(placeholderText=self.tr("Reason, if the reading is unusual"))
            self.reading_form.addRow(self.tr("Reason"), self.reason)
            self.save_readings = QPushButton(self.tr("Save readings"))
            self.save_readings.setObjectName("saveReadingsButton")
            self.save_readings.clicked.connect(self.take_reading)
            self.reading_error = make_error_label()
            self.reading_form.addRow(self.save_readings)
            self.reading_form.addRow(self.reading_error)

    def take_reading(self) -> None:
        if self.card is None:
            return
        desk = self._desk()
        try:
            desk.take_reading(self.card.account, {z: e.text() for z, e in self.reading_inputs.items()},
                              taken_on=_today(self.controller),
                              reason=self.reason.text().strip() or None)
        except Exception as error:  # noqa: BLE001 - every refusal is shown next to the form
            set_error(self.reading_error, user_message(error))
            return
        set_error(self.reading_error, None)
        self.controller._show()
        self.show_account(self.card.account)
        set_error(self.reading_error, None)
        self.meter.setText(self.meter.text() + self.tr("  — saved offline, will be sent when the link is back"))

    def take_payment(self) -> None:
        if self.card is None:
            return
        from desktop.services.errors import InputError

        set_error(self.pay_error, None)
        try:
            amount = parse_rub(self.amount.text())
            tendered = parse_rub(self.tendered.text()) if self.tendered.isEnabled() and self.tendered.text().strip() \
                else None
        except (ValueError, InputError) as error:
            set_error(self.pay_error, str(getattr(error, "message", error)))
            return
        card = self.method.currentData() == "card"
        try:
            op = self._desk().take_payment(
                self.card.account, amount, self.method.currentData(), tendered_kopecks=tendered,
                card_last4=self.last4.text() if card else None, card_rrn=self.rrn.text() if card else None,
                card_auth_code=self.auth.text() if card else None)
        except Exception as error:  # noqa: BLE001
            set_error(self.pay_error, user_message(error))
            return
        self.controller._show()
        self.show_account(self.card.account)
        for widget in (self.amount, self.tendered, self.last4, self.rrn, self.auth):
            widget.clear()
        self.print_receipt(op)

    def print_receipt(self, op: Any) -> None:
        """The receipt of journalled payment ``op`` through the online receipt's path (paper.ReceiptLine)."""
        from desktop.services.offline_receipt import offline_receipt
        from desktop.services.offline_shifts import current

        desk = self._desk()
        shift = current(desk)
        self._print_document(offline_receipt(desk, op, shift.number if shift is not None else 0), op)

    def _print_document(self, document: Any, op: Any) -> None:
        from dataclasses import replace

        from desktop.printing.receipt_pdf import render_receipt
        from desktop.views.paper import ReceiptOutcome, print_receipt_pdf, print_service

        line = self.receipt_status
        title = f"Чек без связи {op.seq}" + (" (копия)" if document.is_copy else "")
        # Ctrl+R: a receipt that never came out is printed as it was; one that did comes out as a copy.
        line.printing(lambda: self._print_document(replace(document, is_copy=True) if line.ok else document, op),
                      self.tr("Payment of %1 taken offline (operation %2).").replace(
                          "%1", format_rub(op.amount_kopecks)).replace("%2", str(op.seq)))
        service = print_service(self.controller.desk)  # the desk's one printing boundary
        # The serial runner, not Desk.call: its success would report the shared database as back.
        self.controller.desk.serial_runner.run(
            lambda: print_receipt_pdf(service, lambda: render_receipt(document), title), line.show_outcome,
            lambda error: line.show_outcome(ReceiptOutcome(False, user_message(error))))


def _today(controller: OfflineController) -> Any:
    """The company's date by the desk's clock; the zone is read once online and kept by the context."""
    ctx = controller.desk.ctx
    try:
        return ctx.today()
    except Exception:  # noqa: BLE001 - the zone was never read and the database is away
        return ctx.clock().date()


class ConflictsDialog(QDialog):
    """Operations the shared database refused at replay; a senior sends one again or leaves it."""

    def __init__(self, controller: OfflineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("offlineConflictsDialog")
        self.setWindowTitle(self.tr("Operations taken offline"))
        self.resize(900, 420)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("offlineOperationsView")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("State"), self.tr("What"), self.tr("Account"),
                                              self.tr("Amount"), self.tr("Reason")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = make_error_label()
        self.again = QPushButton(self.tr("Send &again on top of the shared data"))
        self.again.setObjectName("resendConflictButton")
        self.again.clicked.connect(self.send_again)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.settled = QPushButton(self.tr("&Mark as settled with the customer"))
        self.settled.setObjectName("settleConflictButton")
        self.settled.clicked.connect(self.mark_settled)
        buttons.insertWidget(1, self.settled)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Conflicts are never dropped: a payment refused (account closed, shift closed) stays here until "
            "a senior operator settles it with the customer; a reading entered elsewhere meanwhile can be "
            "sent again on top of it after checking both; a shift whose totals differ from its offline "
            "Z-report is closed on the shared totals. Each decision takes a senior operator's password."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        # Whoever opened the list, the decision is a senior's: their password, checked by the
        # shared database and audited (desktop.services.offline_conflicts).
        self.approver = QLineEdit()
        self.approver.setObjectName("approverLogin")
        self.approver_password = QLineEdit()
        self.approver_password.setObjectName("approverPassword")
        self.approver_password.setEchoMode(QLineEdit.EchoMode.Password)
        senior = QFormLayout()
        senior.addRow(self.tr("Senior operator's &login:"), self.approver)
        senior.addRow(self.tr("Senior operator's &password:"), self.approver_password)
        layout.addLayout(senior)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.fill()

    STATES: ClassVar[dict[str, str]] = {"pending": "ждёт отправки", "done": "проведено", "conflict": "конфликт",
                                        "resolved": "решено"}

    def _what(self, op: Any) -> str:
        return {"payment": self.tr("payment"), "reading": self.tr("readings"), "shift_open": self.tr("shift opened"),
                "shift_close": self.tr("shift closed")}.get(str(op.kind), str(op.kind))

    def fill(self) -> None:
        from desktop.services.offline_shifts import describe

        ops = [op for op in self.controller.journal.operations() if op.state != "done"]
        self.table.setRowCount(len(ops))
        for row, op in enumerate(ops):
            values = [str(op.seq), self.STATES.get(op.state, op.state), self._what(op), op.account,
                      format_rub(op.amount_kopecks) if op.kind == "payment" else
                      ", ".join(f"{z}: {v}" for z, v in op.payload["values"].items()) if op.kind == "reading"
                      else describe(op), op.message]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, op.seq)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def _choice(self) -> tuple[int, str, str] | None:
        """The chosen conflict and the senior's login and password, or an inline refusal."""
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            set_error(self.error, self.tr("Choose an operation in conflict"))
            return None
        if not self.approver.text().strip() or not self.approver_password.text():
            set_error(self.error, self.tr("A senior operator enters their login and password to decide"))
            self.approver.setFocus()
            return None
        return int(item.text()), self.approver.text(), self.approver_password.text()

    def _decide(self, action: str) -> None:
        from desktop.services.offline_conflicts import resolve

        chosen = self._choice()
        if chosen is None:
            return
        seq, login, password = chosen
        self.approver_password.clear()  # typed once per decision: never left in the dialog
        for button in (self.again, self.settled):
            button.setEnabled(False)
        self.controller.desk.call(resolve, self.controller.journal, seq, action, login, password,
                                  on_done=lambda op: self._decided(op, action),
                                  on_error=self._refused, serial=True)

    def _refused(self, error: BaseException) -> None:
        for button in (self.again, self.settled):
            button.setEnabled(True)
        set_error(self.error, user_message(error))

    def _decided(self, op: Any, action: str) -> None:
        from desktop.services.offline_conflicts import RESEND

        for button in (self.again, self.settled):
            button.setEnabled(True)
        set_error(self.error, None)
        self.controller.conflict_count = len(self.controller.journal.operations("conflict"))
        self.fill()
        if action == RESEND:
            self.controller.try_back()

    def send_again(self) -> None:
        """A senior sends the operation again: a reading on top of the shared data, a shift closed on
        the shared database's totals."""
        from desktop.services.offline_conflicts import RESEND

        self._decide(RESEND)

    def mark_settled(self) -> None:
        """The senior settled it outside the journal (a refund, a corrected reading): kept, marked resolved."""
        from desktop.services.offline_conflicts import SETTLE

        self._decide(SETTLE)
