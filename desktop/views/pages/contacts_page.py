"""Page «Данные пользователя»: phone, e-mail, subscriptions, consents and the change history."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.views.messages import clear_on_input, make_error_label, report_error, set_error
from desktop.views.pages.base import CardPage

if TYPE_CHECKING:
    from desktop.views.desk import Desk

CONSENT_TITLES = {
    "personal_data": QT_TRANSLATE_NOOP("ContactsPage", "Personal data processing"),
    "notifications": QT_TRANSLATE_NOOP("ContactsPage", "SMS notifications"),
    "bills_by_email": QT_TRANSLATE_NOOP("ContactsPage", "Bills by e-mail only"),
}


def format_moment(value: datetime | None, zone: tzinfo) -> str:
    """30.11.2026 14:05 in the company's time zone (Desk.zone(), never the PC's)."""
    return value.astimezone(zone).strftime("%d.%m.%Y %H:%M") if value else "—"


class ContactsPage(CardPage):
    """Edits the customer's contacts and the account's subscriptions; every save is audited."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.info: Any = None

        self.phone = QLineEdit()
        self.phone.setObjectName("phoneEdit")
        self.phone.setPlaceholderText(self.tr("+7 ___ ___-__-__"))  # a shape, not somebody's number
        self.email = QLineEdit()
        self.email.setObjectName("emailEdit")
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.bills_by_email = QCheckBox(self.tr("Receive bills by e-mail only (no paper bill)"))
        self.bills_by_email.setObjectName("billsByEmailOnly")
        self.sms = QCheckBox(self.tr("Receive notifications by SMS"))
        self.sms.setObjectName("smsNotifications")
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveContactsButton")
        self.save_button.clicked.connect(self.save)
        self.error_label = make_error_label(self)
        # Enter moves on: the phone to the e-mail (selected, ready to retype); the e-mail and the
        # two boxes are the last inputs, Enter there saves (Space ticks a box).
        self.phone.returnPressed.connect(self._phone_entered)
        self.email.returnPressed.connect(self.save)
        for box in (self.bills_by_email, self.sms):
            box.installEventFilter(self)
        # An old message (e.g. «give the address» for bills by e-mail) is about the inputs before.
        clear_on_input(self.error_label, self.phone, self.email, self.bills_by_email, self.sms)

        form = QFormLayout()
        form.addRow(self.tr("&Mobile phone:"), self.phone)
        form.addRow(self.tr("&E-mail:"), self.email)
        form.addRow("", self.bills_by_email)
        form.addRow("", self.sms)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        contacts_box = QGroupBox(self.tr("Contacts and subscriptions"))
        box_layout = QVBoxLayout(contacts_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.error_label)
        box_layout.addLayout(buttons)

        self.consents = QTableWidget(0, 4)
        self.consents.setObjectName("consentsTable")
        self.consents.setHorizontalHeaderLabels(
            [self.tr("Consent"), self.tr("State"), self.tr("When, by whom"), ""]
        )
        self._setup_table(self.consents)
        header = self.consents.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Three consents: show them all without a scroll bar.
        self.consents.setFixedHeight(self.consents.horizontalHeader().sizeHint().height() + 3 * 32 + 4)
        self.consents.verticalHeader().setDefaultSectionSize(32)
        consents_box = QGroupBox(self.tr("Consents"))
        QVBoxLayout(consents_box).addWidget(self.consents)

        self.history = QTableWidget(0, 3)
        self.history.setObjectName("contactsHistory")
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Operator"), self.tr("Change")])
        self._setup_table(self.history)
        history_box = QGroupBox(self.tr("Change history"))
        QVBoxLayout(history_box).addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.addWidget(contacts_box)
        layout.addWidget(consents_box)
        layout.addWidget(history_box, 1)
        self.setEnabled(False)

    @staticmethod
    def _setup_table(table: QTableWidget) -> None:
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def first_input(self) -> QWidget | None:
        """CardPage.first_input: the phone."""
        return self.phone

    def _phone_entered(self) -> None:
        self.email.setFocus()
        self.email.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        """Enter on a subscription box saves, as in the e-mail (a check box ignores Enter)."""
        if (watched in (self.bills_by_email, self.sms) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.save()
            return True
        return super().eventFilter(watched, event)

    # --- loading -----------------------------------------------------------------------------

    def show_account(self, card: Any) -> None:
        super().show_account(card)
        set_error(self.error_label, None)
        self.save_button.setEnabled(True)  # a save for the previous account no longer answers here
        if card is None:
            self.info = None
            self.setEnabled(False)
            return
        self.reload()

    def reload(self) -> None:
        from desktop.services.contacts import contacts

        if self.card is None or not self._alive():
            return
        self.call(contacts, self.card.account, on_done=self.fill, on_error=self._failed)

    def _alive(self) -> bool:
        """False once the main window is closed (its database is closed too): start no new work."""
        top = self.window()
        return top is self or top.isVisible()

    def fill(self, info: Any) -> None:
        self.info = info
        self.setEnabled(True)
        self.phone.setText(info.phone_display)
        self.email.setText(info.email or "")
        self.bills_by_email.setChecked(info.bills_by_email_only)
        self.sms.setChecked(info.sms_notifications)
        self._fill_consents(info.consents)
        self.history.setRowCount(len(info.history))
        zone = self.desk.zone()
        for row, entry in enumerate(info.history):
            for col, text in enumerate((format_moment(entry.at, zone), entry.operator, entry.summary)):
                self.history.setItem(row, col, QTableWidgetItem(text))

    def _fill_consents(self, consents: list[Any]) -> None:
        self.consents.setRowCount(len(consents))
        zone = self.desk.zone()
        for row, c in enumerate(consents):
            title = QCoreApplication.translate("ContactsPage", CONSENT_TITLES.get(c.kind, c.kind))
            if c.given:
                state, who = self.tr("given"), f"{format_moment(c.given_at, zone)}, {c.given_by}"
            elif c.withdrawn_at:
                state, who = self.tr("withdrawn"), f"{format_moment(c.withdrawn_at, zone)}, {c.withdrawn_by}"
            else:
                state, who = self.tr("not given"), ""
            for col, text in enumerate((title, state, who)):
                item = QTableWidgetItem(text)
                if col == 1 and not c.given:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.consents.setItem(row, col, item)
            button = QPushButton(self.tr("Withdraw") if c.given else self.tr("Record consent"))
            button.setObjectName(f"consentButton_{c.kind}")
            button.clicked.connect(lambda _=False, kind=c.kind, given=c.given: self._toggle_consent(kind, given))
            self.consents.setCellWidget(row, 3, button)

    # --- changes -----------------------------------------------------------------------------

    def save(self) -> None:
        from desktop.services.contacts import update_contacts

        if self.card is None or self.info is None:
            return
        set_error(self.error_label, None)
        number = self.card.account
        self.save_button.setEnabled(False)
        self.call(
            update_contacts,
            number,
            phone=self.phone.text(),
            email=self.email.text(),
            bills_by_email_only=self.bills_by_email.isChecked(),
            sms_notifications=self.sms.isChecked(),
            expected_version=self.info.version,
            on_done=lambda info: self._changed(number, info),
            on_error=self._failed,
        )

    def _toggle_consent(self, kind: str, given: bool) -> None:
        from desktop.services.contacts import give_consent, withdraw_consent

        if self.card is None:
            return
        set_error(self.error_label, None)
        number = self.card.account
        self.call(withdraw_consent if given else give_consent, number, kind,
                  on_done=lambda info: self._changed(number, info), on_error=self._failed)

    def _changed(self, number: str, info: Any) -> None:
        self.save_button.setEnabled(True)
        if not self._alive():
            return
        self.fill(info)
        self.desk.accountChanged.emit(number)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        field = getattr(error, "field", None)
        report_error(self, error, self.error_label)
        focus = {"phone": self.phone, "email": self.email, "bills_by_email_only": self.bills_by_email,
                 "sms_notifications": self.sms}.get(field or "")
        if focus is not None:
            focus.setFocus()
