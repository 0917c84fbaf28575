"""The desk shell through the public seam: sign-in, search box, card, status bar, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from desktop.services.accounts import list_accounts
from desktop.services.demo.build import DEMO_PASSWORD


def test_wrong_password_raises_permission_error(qtbot, database_url, demo_logins):
    from desktop.app import launch

    with pytest.raises(PermissionError, match="Неверный логин или пароль"):
        launch(database_url, login="sam.op1", password="wrong")


def test_login_dialog_inline_error_then_sign_in(qtbot, database_url, demo_logins):
    from desktop.app import launch

    win = launch(database_url)
    qtbot.addWidget(win)
    dialog = win.login_dialog
    assert dialog.objectName() == "loginDialog" and not win.isVisible()
    user = dialog.findChild(QLineEdit, "loginUser")
    password = dialog.findChild(QLineEdit, "loginPassword")
    button = dialog.findChild(QPushButton, "loginButton")
    error = dialog.findChild(QLabel, "errorLabel")
    assert button.text() == "Войти"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert error.isVisible() and error.text() == "Введите логин"
    qtbot.keyClicks(user, "sam.op1")
    qtbot.keyClicks(password, "not-the-password")
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: error.text() == "Неверный логин или пароль")
    assert not win.isVisible()
    password.clear()
    qtbot.keyClicks(password, DEMO_PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(win.isVisible)
    assert win.operator_status.text().startswith("Морозова О. В. (оператор)")


def test_exact_account_opens_card_in_russian(qtbot, window, operator_ctx):
    number = list_accounts(operator_ctx, limit=1)[0]
    assert window.objectName() == "mainWindow"
    assert window.windowTitle() == "EnergoDesk — обслуживание клиентов"
    search = window.findChild(QLineEdit, "accountSearch")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.keyClicks(search, f"{number[:3]} {number[3:6]}-{number[6:]}")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    label = window.findChild(QLabel, "accountNumberLabel")
    qtbot.waitUntil(lambda: label.text() == number)
    name = window.findChild(QLabel, "customerNameLabel").text()
    assert len(name.split()) == 3
    balance = window.findChild(QLabel, "balanceLabel").text()
    assert balance.startswith(("Долг", "Переплата", "Задолженности нет"))
    assert "База данных" in window.db_status.text()


def test_not_an_account_is_explained_inline(qtbot, window):
    search = window.findChild(QLineEdit, "accountSearch")
    qtbot.keyClicks(search, "12345678901")  # 11 digits
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(w.isVisible() and w.text() for w in window.findChildren(QLabel, "errorLabel")))


def test_database_gone_mid_visit_is_a_plain_message(qtbot, window, operator_ctx):
    from desktop.db.engine import make_engine, make_session_factory
    from desktop.services.context import ServiceContext

    number = list_accounts(operator_ctx, limit=1)[0]
    working = window.desk.ctx
    dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/gone")
    window.desk.ctx = ServiceContext(make_session_factory(dead), working.actor)
    search = window.findChild(QLineEdit, "accountSearch")
    qtbot.keyClicks(search, number)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Нет связи" in window.db_status.text())
    assert any("Нет связи" in w.text() for w in window.findChildren(QLabel, "errorLabel") if w.isVisible())
    window.desk.ctx = working  # the network is back: the same Enter works
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "accountNumberLabel").text() == number)
    assert "подключена" in window.db_status.text()
    dead.dispose()
