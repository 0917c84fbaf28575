"""Page «Личный кабинет»: the online account's state, registration, password reset, unlock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.views.messages import clear_on_input, make_error_label, report_error, set_error
from desktop.views.pages.base import CardPage
from desktop.views.pages.contacts_page import format_moment

if TYPE_CHECKING:
    from desktop.views.desk import Desk

MESSAGE_STATES = {
    "queued": QT_TRANSLATE_NOOP("OnlinePage", "queued, waiting for the SMS gateway"),
    "sent": QT_TRANSLATE_NOOP("OnlinePage", "handed to the SMS gateway, not delivered yet"),
    "delivered": QT_TRANSLATE_NOOP("OnlinePage", "delivered to the phone"),
    "failed": QT_TRANSLATE_NOOP("OnlinePage", "not delivered"),
}
STATE_COLORS = {"queued": "#8a6d00", "sent": "#1f5fa8", "delivered": "#1b7f3b", "failed": "#b00020"}


def message_text(state: str | None, last_error: str = "") -> str:
    """'delivered to the phone' with colour, plus the gateway's reason when it failed or waits."""
    if state is None:
        return QCoreApplication.translate("OnlinePage", "no SMS sent yet")
    name = QCoreApplication.translate("OnlinePage", MESSAGE_STATES.get(state, state))
    text = f'<span style="color:{STATE_COLORS.get(state, "#000")}; font-weight:600">{name}</span>'
    if state in ("queued", "failed") and last_error:
        text += f" — {last_error}"
    return text


class OnlinePage(CardPage):
    """Shows whether the account has an online account and what happened to its last SMS."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.status: Any = None
        self.state_label = QLabel()
        self.state_label.setObjectName("onlineStateLabel")
        self.state_label.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.login_label = QLabel()
        self.phone_label = QLabel()
        self.phone_label.setObjectName("maskedPhoneLabel")
        self.password_label = QLabel()
        self.password_label.setWordWrap(True)
        self.reset_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setObjectName("messageStateLabel")
        self.message_label.setWordWrap(True)
        self.error_label = make_error_label(self)

        self.register_button = QPushButton(self.tr("&Register online account…"))
        self.register_button.setObjectName("registerOnlineButton")
        self.register_button.clicked.connect(self.open_register)
        self.reset_button = QPushButton(self.tr("&Reset password by SMS…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.open_reset)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlockOnlineButton")
        self.unlock_button.clicked.connect(self.unlock)

        for button in (self.register_button, self.reset_button, self.unlock_button):
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        form = QFormLayout()
        form.addRow(self.tr("Login (account number):"), self.login_label)
        form.addRow(self.tr("Phone for SMS:"), self.phone_label)
        form.addRow(self.tr("Password:"), self.password_label)
        form.addRow(self.tr("Password resets:"), self.reset_label)
        form.addRow(self.tr("Last SMS:"), self.message_label)
        box = QGroupBox(self.tr("Online account"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.state_label)
        box_layout.addLayout(form)
        buttons = QHBoxLayout()
        for button in (self.register_button, self.reset_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(self.tr(
            "The customer signs in with the account number. The operator never sees the password: "
            "it goes to the customer's phone by SMS and must be changed at the first sign-in."
        ))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.setEnabled(False)
        self.dialog: QDialog | None = None

    def first_input(self) -> QWidget | None:
        """CardPage.first_input: the first button the operator may press (register or reset)."""
        for button in (self.register_button, self.reset_button, self.unlock_button):
            if button.isVisibleTo(self) and button.isEnabled():
                return button
        return None

    # --- loading -----------------------------------------------------------------------------

    def show_account(self, card: Any) -> None:
        super().show_account(card)
        set_error(self.error_label, None)
        if card is None:
            self.status = None
            self.setEnabled(False)
            return
        from desktop.views.sms_pump import SmsPump

        SmsPump.of(self.desk).messagesChanged.connect(self.reload, Qt.ConnectionType.UniqueConnection)
        self.reload()

    def reload(self) -> None:
        from desktop.services.online_accounts import status

        if self.card is None or not self._alive():
            return
        self.call(status, self.card.account, on_done=self.fill,
                  on_error=lambda e: report_error(self, e, self.error_label))

    def _alive(self) -> bool:
        """False once the main window is closed (its database is closed too): start no new work."""
        top = self.window()
        return top is self or top.isVisible()

    def fill(self, st: Any) -> None:
        self.status = st
        self.setEnabled(True)
        if not st.registered:
            self.state_label.setText(self.tr("Not registered"))
            self.state_label.setStyleSheet("font-size: 12pt; font-weight: 600; color: #666;")
        elif st.locked:
            self.state_label.setText(self.tr("Registered — LOCKED after wrong sign-in attempts"))
            self.state_label.setStyleSheet("font-size: 12pt; font-weight: 600; color: #b00020;")
        else:
            self.state_label.setText(self.tr("Registered"))
            self.state_label.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1b7f3b;")
        self.login_label.setText(st.login or "—")
        self.phone_label.setText(st.masked_phone if st.has_mobile_phone else
                                 self.tr("%1 — no mobile phone on file").replace("%1", st.masked_phone))
        if not st.registered:
            password = "—"
        elif st.expired:
            password = self.tr("temporary password expired at %1; make a new one").replace(
                "%1", format_moment(st.password_expires_at, self.desk.zone()))
        elif st.must_change_password:
            password = self.tr("temporary, must be changed at first sign-in; valid until %1").replace(
                "%1", format_moment(st.password_expires_at, self.desk.zone()))
        else:
            password = self.tr("set by the customer")
        self.password_label.setText(password)
        if not st.registered:
            resets = "—"
        elif st.last_reset_at is None:
            resets = self.tr("none yet; %1 allowed today").replace("%1", str(st.resets_left_today))
        else:
            resets = self.tr("last %1; %2 more allowed today").replace(
                "%1", format_moment(st.last_reset_at, self.desk.zone())).replace("%2", str(st.resets_left_today))
        self.reset_label.setText(resets)
        last = st.last_message
        self.message_label.setText(message_text(last.state, last.last_error) if last else message_text(None))
        self.register_button.setVisible(not st.registered)
        self.reset_button.setVisible(st.registered)
        self.reset_button.setEnabled(st.registered and not st.locked)
        actor = self.desk.actor
        self.unlock_button.setVisible(st.locked and actor is not None and actor.has_role("senior"))
        if st.locked and not self.unlock_button.isVisible():
            set_error(self.error_label, self.tr("The online account is locked: ask a senior operator to unlock it."))

    # --- actions -----------------------------------------------------------------------------

    def open_register(self) -> None:
        if self.card is None:
            return
        set_error(self.error_label, None)
        self.dialog = RegisterDialog(self, self.card)
        self.dialog.open()

    def open_reset(self) -> None:
        if self.card is None or self.status is None:
            return
        set_error(self.error_label, None)
        self.dialog = ResetDialog(self, self.card, self.status)
        self.dialog.open()

    def unlock(self) -> None:
        from desktop.services.online_accounts import unlock

        number = self.card.account
        self.call(unlock, number, on_done=lambda st: self._changed(number, st),
                  on_error=lambda e: report_error(self, e, self.error_label))

    def _changed(self, number: str, st: Any = None) -> None:
        if not self._alive():
            return
        if st is not None:
            self.fill(st)
        self.desk.accountChanged.emit(number)

    def already_registered(self, message: str) -> None:
        """Registration found an existing online account: show its state and offer the reset."""
        self.reload()
        set_error(self.error_label, message + ". " + self.tr("Use «Reset password by SMS» instead."))
        self.reset_button.setFocus()


class RegisterDialog(QDialog):
    """Registration: full name and account from the card, phone and e-mail confirmed, two consents."""

    def __init__(self, page: OnlinePage, card: Any) -> None:
        super().__init__(page)
        self.page, self.card = page, card
        self.setObjectName("registerOnlineDialog")
        self.setWindowTitle(self.tr("Register online account"))
        self.phone = QLineEdit(_phone_text(card.phone))
        self.phone.setObjectName("registerPhone")
        self.email = QLineEdit(card.email or "")
        self.email.setObjectName("registerEmail")
        self.consent_pd = QCheckBox(self.tr("Consent to the processing of personal data (required)"))
        self.consent_pd.setObjectName("consentPersonalData")
        self.consent_notify = QCheckBox(self.tr("Consent to receive notifications by SMS"))
        self.consent_notify.setObjectName("consentNotifications")
        self.error_label = make_error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Full name:"), QLabel(card.name))
        form.addRow(self.tr("Account (login):"), QLabel(card.account))
        form.addRow(self.tr("&Mobile phone:"), self.phone)
        form.addRow(self.tr("&E-mail:"), self.email)
        hint = QLabel(self.tr("Confirm the phone with the customer: the password goes there by SMS."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Register and send password"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("registerConfirmButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.consent_pd)
        layout.addWidget(self.consent_notify)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        _fit_labels(self, hint, self.error_label)
        clear_on_input(self.error_label, self.phone, self.email, self.consent_pd, self.consent_notify)

    def submit(self) -> None:
        from desktop.services.online_accounts import register

        set_error(self.error_label, None)
        if not self.consent_pd.isChecked():
            set_error(self.error_label, self.tr(
                "Without consent to personal data processing the online account cannot be opened."))
            self.adjustSize()
            self.consent_pd.setFocus()  # Space ticks it, Enter then registers
            return
        number = self.card.account
        self.ok.setEnabled(False)
        self.page.desk.call(
            register, number, phone=self.phone.text(), email=self.email.text(),
            consent_personal_data=True, consent_notifications=self.consent_notify.isChecked(),
            on_done=self._done, on_error=self._failed,
        )

    def _done(self, result: Any) -> None:
        self.accept()
        self.page._changed(self.card.account)
        self.page.reload()

    def _failed(self, error: BaseException) -> None:
        from desktop.services.online_accounts import AlreadyRegistered

        self.ok.setEnabled(True)
        if isinstance(error, AlreadyRegistered):
            self.reject()
            self.page.already_registered(error.message)
            return
        report_error(self, error, self.error_label)
        self.adjustSize()


class ResetDialog(QDialog):
    """Password reset: the identity checklist, the masked phone, then the SMS state."""

    def __init__(self, page: OnlinePage, card: Any, st: Any) -> None:
        super().__init__(page)
        self.page, self.card = page, card
        self.message_id: int | None = None
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(self.tr("Reset online account password"))
        intro = QLabel(self.tr(
            "A new temporary password will be sent by SMS to the phone on file. You will not see it. "
            "First check the customer's identity:"
        ))
        intro.setWordWrap(True)
        self.check_document = QCheckBox(self.tr("Identity document seen"))
        self.check_document.setObjectName("checkDocumentSeen")
        self.check_name = QCheckBox(self.tr("Name matches the account holder: %1").replace("%1", card.name))
        self.check_name.setObjectName("checkNameMatches")
        self.check_phone = QCheckBox(
            self.tr("Customer confirms the phone on file: %1").replace("%1", st.masked_phone))
        self.check_phone.setObjectName("checkPhoneConfirmed")
        self.checks = (self.check_document, self.check_name, self.check_phone)
        self.state_label = QLabel()
        self.state_label.setObjectName("messageStateLabel")
        self.state_label.setWordWrap(True)
        self.error_label = make_error_label(self)
        for box in self.checks:
            box.toggled.connect(lambda _c: set_error(self.error_label, None))
        # The operator came to send a password: that button comes first and is the default, so
        # Enter sends; «Close» is pressed on purpose (or Esc), and never takes the default.
        self.send = QPushButton(self.tr("Send new password"))
        self.send.setObjectName("sendResetButton")
        self.send.setDefault(True)
        self.send.clicked.connect(self.submit)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeResetButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.send)
        self.buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{card.account}</b> · {card.name}"))
        layout.addWidget(intro)
        for box in self.checks:
            layout.addWidget(box)
        layout.addWidget(self.state_label)
        layout.addWidget(self.error_label)
        layout.addLayout(self.buttons)
        self.state_label.setVisible(False)
        _fit_labels(self, intro, self.state_label, self.error_label)

    def checklist(self) -> dict[str, bool]:
        return {
            "document_seen": self.check_document.isChecked(),
            "name_matches": self.check_name.isChecked(),
            "phone_confirmed": self.check_phone.isChecked(),
        }

    def submit(self) -> None:
        from desktop.services.online_accounts import reset_password

        if not all(self.checklist().values()):
            set_error(self.error_label, self.tr("Tick all three identity checks before sending a new password."))
            self.adjustSize()
            return
        set_error(self.error_label, None)
        self.send.setEnabled(False)
        number = self.card.account
        self.page.desk.call(reset_password, number, checklist=self.checklist(),
                            on_done=self._sent, on_error=self._failed)

    def _sent(self, result: Any) -> None:
        from desktop.views.sms_pump import SmsPump

        self.message_id = result.message_id
        for box in self.checks:
            box.setEnabled(False)
        self.send.setVisible(False)
        self.close_button.setDefault(True)  # sent: what is left to do is close
        self.state_label.setVisible(True)
        self._show_state(result.state, result.masked_phone, "")
        self.adjustSize()
        SmsPump.of(self.page.desk).messagesChanged.connect(self.refresh)
        self.page._changed(self.card.account)
        self.page.reload()

    def refresh(self) -> None:
        from desktop.services.online_accounts import message_state

        if self.message_id is None or not self.page._alive():
            return
        self.page.desk.call(message_state, self.message_id,
                            on_done=lambda m: self._show_state(m.state, m.masked_phone, m.last_error),
                            on_error=lambda e: report_error(self, e, self.error_label))

    def _show_state(self, state: str, masked_phone: str, last_error: str) -> None:
        self.state_label.setText(
            self.tr("New password sent to %1. SMS: %2").replace("%1", masked_phone).replace(
                "%2", message_text(state, last_error))
        )
        self.adjustSize()

    def _failed(self, error: BaseException) -> None:
        self.send.setEnabled(True)
        report_error(self, error, self.error_label)
        self.adjustSize()


DIALOG_TEXT_WIDTH = 560


def _fit_labels(dialog: QDialog, *labels: QLabel) -> None:
    """Word-wrapped labels get a fixed width, so the dialog grows in height to show them whole."""
    for label in labels:
        label.setWordWrap(True)
        label.setMinimumWidth(DIALOG_TEXT_WIDTH)
    dialog.adjustSize()


def _phone_text(phone: str | None) -> str:
    from desktop.core.phones import format_phone

    return format_phone(phone)
