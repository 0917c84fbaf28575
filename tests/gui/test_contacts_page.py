"""The contacts page: inline errors for bad values, saving, consents and the change history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTableWidget
from sqlalchemy import select
from visit_driver import Keyboard, focus_name

from desktop.db.models import Account, Customer


@pytest.fixture
def number(operator_ctx) -> str:
    with operator_ctx.sessions() as s:
        return s.scalar(select(Account.number).order_by(Account.number).limit(1))


def open_page(qtbot, window, number):
    window.open_account(number)
    qtbot.waitUntil(lambda: window.card.card is not None and window.card.card.account == number)
    page = window.card.pages["contacts"]
    window.card.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.isEnabled() and page.info is not None)
    return page


def stored(ctx, number):
    with ctx.sessions() as s:
        acc = s.scalar(select(Account).where(Account.number == number))
        cust = s.get(Customer, acc.customer_id)
        return cust.phone, cust.email, acc.bills_by_email_only


def type_into(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize(
    ("phone", "email", "expected"),
    [
        ("12345", "", "Телефон: 11 цифр"),
        ("+7 927 111-22-33", "petrov@", "Домен после знака @"),
        ("+7 927 111-22-33", "pet rov@mail.ru", "Имя до знака @"),
    ],
)
def test_bad_values_get_an_inline_message_and_are_not_saved(qtbot, window, operator_ctx, number, phone, email,
                                                             expected):
    before = stored(operator_ctx, number)
    page = open_page(qtbot, window, number)
    type_into(qtbot, page.findChild(QLineEdit, "phoneEdit"), phone)
    type_into(qtbot, page.findChild(QLineEdit, "emailEdit"), email)
    qtbot.mouseClick(page.findChild(QPushButton, "saveContactsButton"), Qt.MouseButton.LeftButton)
    error = page.findChild(QLabel, "errorLabel")
    qtbot.waitUntil(lambda: error.isVisible() and expected in error.text())
    assert stored(operator_ctx, number) == before


def test_bills_by_email_needs_an_address_and_consent(qtbot, window, operator_ctx, number):
    page = open_page(qtbot, window, number)
    type_into(qtbot, page.findChild(QLineEdit, "emailEdit"), "")
    page.findChild(QCheckBox, "billsByEmailOnly").setChecked(True)
    qtbot.mouseClick(page.findChild(QPushButton, "saveContactsButton"), Qt.MouseButton.LeftButton)
    error = page.findChild(QLabel, "errorLabel")
    qtbot.waitUntil(lambda: "укажите адрес" in error.text())
    type_into(qtbot, page.findChild(QLineEdit, "emailEdit"), "petrov@mail.ru")
    qtbot.mouseClick(page.findChild(QPushButton, "saveContactsButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "согласие" in error.text())
    assert stored(operator_ctx, number)[2] is False
    # The message was about the inputs before: untick the box and it goes.
    page.findChild(QCheckBox, "billsByEmailOnly").setChecked(False)
    assert not error.isVisible()


def test_save_by_keys_with_consent_shows_history(qtbot, window, operator_ctx, number):
    page = open_page(qtbot, window, number)
    with qtbot.waitSignal(window.desk.accountChanged, timeout=5000):
        qtbot.mouseClick(page.findChild(QPushButton, "consentButton_bills_by_email"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QPushButton, "consentButton_bills_by_email").text() == "Отозвать")
    # By keys (platform key events): F9, the phone, Enter to the e-mail, Tab and Space to tick
    # bills by e-mail, Enter there saves.
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keyboard = Keyboard(window.desk, window)
    keyboard.settle()  # the card's refresh after the consent has filled the page
    keyboard.press(Qt.Key.Key_F9)
    focus_name(keyboard, "phoneEdit")
    keyboard.type("8 927 111 22 33")  # F9 selected the old number: typing replaces it
    keyboard.press(Qt.Key.Key_Return)
    focus_name(keyboard, "emailEdit")
    keyboard.type("Petrov@Mail.ru")
    keyboard.press(Qt.Key.Key_Tab)
    focus_name(keyboard, "billsByEmailOnly")
    keyboard.press(Qt.Key.Key_Space)
    assert page.findChild(QCheckBox, "billsByEmailOnly").isChecked()
    with qtbot.waitSignal(window.desk.accountChanged, timeout=5000) as changed:
        keyboard.press(Qt.Key.Key_Return)  # the last input: saves
    assert changed.args == [number]
    assert stored(operator_ctx, number) == ("79271112233", "Petrov@mail.ru", True)
    history = page.findChild(QTableWidget, "contactsHistory")
    qtbot.waitUntil(lambda: history.rowCount() >= 2)
    assert "+7 927 ***-**-33" in history.item(0, 2).text()
    assert "Согласие дано" in history.item(1, 2).text()
    assert page.findChild(QLineEdit, "phoneEdit").text() == "+7 927 111-22-33"
    assert not page.findChild(QLabel, "errorLabel").isVisible()
