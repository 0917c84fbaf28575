"""The online-account page: registration dialog, reset dialog with its checklist, the SMS state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton
from sqlalchemy import func, select

from desktop.core import passwords
from desktop.db.models import Account, Customer, OutgoingMessage
from desktop.services import online_accounts as oa
from desktop.services.sms import SendResult

CHECKED = {"document_seen": True, "name_matches": True, "phone_confirmed": True}


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    monkeypatch.setattr(oa, "HASHER", passwords.fast_hasher())


@pytest.fixture
def number(operator_ctx) -> str:
    with operator_ctx.sessions() as s:
        return s.scalar(select(Account.number).join(Customer, Account.customer_id == Customer.id)
                        .where(Customer.phone.like("79%")).order_by(Account.number).limit(1))


def open_page(qtbot, window, number, key="online"):
    window.open_account(number)
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == number)
    window.card.tabs.setCurrentWidget(window.card.pages[key])
    page = window.card.pages[key]
    qtbot.waitUntil(lambda: page.isEnabled())
    return page


def messages(ctx) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(OutgoingMessage))


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_register_needs_consent_and_a_good_phone(qtbot, window, operator_ctx, number):
    page = open_page(qtbot, window, number)
    register = page.findChild(QPushButton, "registerOnlineButton")
    assert register.isVisible() and not page.findChild(QPushButton, "resetPasswordButton").isVisible()
    click(qtbot, register)
    dialog = page.dialog
    error = dialog.findChild(QLabel, "errorLabel")
    confirm = dialog.findChild(QPushButton, "registerConfirmButton")
    click(qtbot, confirm)
    assert error.isVisible() and "персональных данных" in error.text()
    dialog.findChild(QCheckBox, "consentPersonalData").setChecked(True)
    phone = dialog.findChild(QLineEdit, "registerPhone")
    phone.setText("123")
    click(qtbot, confirm)
    qtbot.waitUntil(lambda: "Телефон" in error.text())
    assert messages(operator_ctx) == 0
    phone.setText("8 927 555-44-33")
    dialog.findChild(QLineEdit, "registerEmail").setText("ivanova@mail.ru")
    click(qtbot, confirm)
    qtbot.waitUntil(lambda: page.status is not None and page.status.registered)
    assert page.findChild(QLabel, "onlineStateLabel").text() == "Зарегистрирован"
    assert page.findChild(QLabel, "maskedPhoneLabel").text() == "+7 927 ***-**-33"
    assert "в очереди" in page.findChild(QLabel, "messageStateLabel").text()
    assert page.findChild(QPushButton, "resetPasswordButton").isVisible()
    assert messages(operator_ctx) == 1


def test_already_registered_shows_state_and_offers_reset(qtbot, window, operator_ctx, number):
    page = open_page(qtbot, window, number)
    click(qtbot, page.findChild(QPushButton, "registerOnlineButton"))
    dialog = page.dialog
    oa.register(operator_ctx, number, phone="+79275554433", email=None, consent_personal_data=True)
    dialog.findChild(QCheckBox, "consentPersonalData").setChecked(True)
    click(qtbot, dialog.findChild(QPushButton, "registerConfirmButton"))
    error = page.findChild(QLabel, "errorLabel")
    qtbot.waitUntil(lambda: "Пользователь с таким именем уже существует" in error.text())
    qtbot.waitUntil(lambda: page.status is not None and page.status.registered)
    assert page.findChild(QPushButton, "resetPasswordButton").isVisible()
    assert not dialog.isVisible()


class AcceptingGateway:
    name = "fake"

    def __init__(self):
        self.texts = []
        self.delivered = False

    def send(self, phone, text, *, client_ref):
        self.texts.append(text)
        return SendResult("accepted", "gw-1", None)

    def status(self, gateway_id):
        return "delivered" if self.delivered else "sent"


def test_reset_dialog_refuses_until_checklist_complete_then_follows_the_sms(qtbot, window, operator_ctx, number):
    from desktop.views.sms_pump import SmsPump

    oa.register(operator_ctx, number, phone="+79275554433", email=None, consent_personal_data=True)
    page = open_page(qtbot, window, number)
    click(qtbot, page.findChild(QPushButton, "resetPasswordButton"))
    dialog = page.dialog
    assert dialog.objectName() == "resetPasswordDialog"
    error = dialog.findChild(QLabel, "errorLabel")
    send = dialog.findChild(QPushButton, "sendResetButton")
    assert "+7 927 ***-**-33" in dialog.findChild(QCheckBox, "checkPhoneConfirmed").text()
    for name in ("checkDocumentSeen", "checkNameMatches"):
        dialog.findChild(QCheckBox, name).setChecked(True)
        click(qtbot, send)
        assert error.isVisible() and "три" in error.text()
    assert messages(operator_ctx) == 1
    dialog.findChild(QCheckBox, "checkPhoneConfirmed").setChecked(True)
    click(qtbot, send)
    state = dialog.findChild(QLabel, "messageStateLabel")
    qtbot.waitUntil(lambda: state.isVisible() and "+7 927 ***-**-33" in state.text())
    assert "в очереди" in state.text() and messages(operator_ctx) == 2
    pump = SmsPump.of(window.desk)
    gateway = AcceptingGateway()
    pump.gateway = gateway
    pump.run_once()
    qtbot.waitUntil(lambda: "передано" in state.text())
    gateway.delivered = True
    pump.run_once()
    qtbot.waitUntil(lambda: "доставлено на телефон" in state.text())
    qtbot.waitUntil(lambda: "доставлено на телефон" in page.findChild(QLabel, "messageStateLabel").text())
    # The registration's SMS, still queued when the reset came, was replaced: one password is sent.
    assert len(gateway.texts) == 1 and all(number not in t for t in gateway.texts)


def test_reset_dialog_by_keys_enter_sends(qtbot, window, operator_ctx, number):
    """F8, Ctrl+Shift+S, the three ticks with Space and Tab, Enter: the password goes (issue 13)."""
    from PySide6.QtWidgets import QApplication
    from visit_driver import Keyboard

    oa.register(operator_ctx, number, phone="+79275554433", email=None, consent_personal_data=True)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard = Keyboard(window.desk, window)
    keyboard.press(Qt.Key.Key_F2)
    keyboard.type(number)
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_F8)
    keyboard.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.card.pages["online"].dialog
    assert dialog.objectName() == "resetPasswordDialog" and QApplication.activeWindow() is dialog
    send, close = dialog.findChild(QPushButton, "sendResetButton"), dialog.findChild(QPushButton, "closeResetButton")
    assert send.isDefault() and not close.isDefault()
    assert send.mapTo(dialog, send.rect().topLeft()).x() < close.mapTo(dialog, close.rect().topLeft()).x()
    before = messages(operator_ctx)
    for name in ("checkDocumentSeen", "checkNameMatches", "checkPhoneConfirmed"):
        assert QApplication.focusWidget() is dialog.findChild(QCheckBox, name)
        keyboard.press(Qt.Key.Key_Space)
        keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_Return)
    state = dialog.findChild(QLabel, "messageStateLabel")
    qtbot.waitUntil(lambda: state.isVisible() and "+7 927 ***-**-33" in state.text())
    assert dialog.isVisible() and messages(operator_ctx) == before + 1
    keyboard.press(Qt.Key.Key_Return)  # sent: now Enter closes
    assert not dialog.isVisible()
