"""Administration in the GUI: forced password change, unlocking and resetting operators."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from desktop.services import operators
from desktop.services.context import ServiceContext
from desktop.services.demo.build import DEMO_PASSWORD
from desktop.services.errors import AuthError


def test_reset_password_must_be_changed_at_sign_in(qtbot, db, database_url, demo_logins, admin_ctx):
    from desktop.app import launch

    operators.reset_operator_password(admin_ctx, "tlt.op1", "temporary-77")
    win = launch(database_url, login="tlt.op1", password="temporary-77")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: getattr(win, "password_dialog", None) is not None and win.password_dialog.isVisible())
    dialog = win.password_dialog
    dialog.findChild(QLineEdit, "oldPassword").setText("temporary-77")
    dialog.findChild(QLineEdit, "newPassword").setText("brand-new-pass-9")
    dialog.findChild(QLineEdit, "newPasswordAgain").setText("brand-new-pass-8")
    qtbot.mouseClick(dialog.findChild(QPushButton, "changePasswordButton"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "errorLabel")
    assert error.isVisible() and error.text() == "Новые пароли не совпадают"
    dialog.findChild(QLineEdit, "newPasswordAgain").setText("brand-new-pass-9")
    qtbot.mouseClick(dialog.findChild(QPushButton, "changePasswordButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    signed = operators.authenticate(ServiceContext(db.sessions), "tlt.op1", "brand-new-pass-9")
    assert not signed.must_change_password


def test_admin_unlocks_operator_in_dialog(qtbot, db, database_url, demo_logins):
    from desktop.app import launch

    base = ServiceContext(db.sessions)
    for _ in range(operators.MAX_FAILED_ATTEMPTS):
        with contextlib.suppress(AuthError):
            operators.authenticate(base, "nfg.op2", "wrong")
    win = launch(database_url, login="admin", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    assert win.operators_action.isVisible()
    win.open_operators()
    dialog = win.operators_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 10)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "nfg.op2")
    assert dialog.table.item(row, 4).text() == "заблокирован"
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 10 and any(
        dialog.table.item(r, 0).text() == "nfg.op2" and dialog.table.item(r, 4).text() == "активен"
        for r in range(dialog.table.rowCount())))
    assert operators.authenticate(base, "nfg.op2", DEMO_PASSWORD).login == "nfg.op2"


def test_operator_sees_no_admin_menu(window):
    assert not window.operators_action.isVisible()
