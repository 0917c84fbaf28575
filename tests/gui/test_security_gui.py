"""Issue 11 in the GUI: desk settings are an administrator's, and one password policy everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from sqlalchemy import select

from desktop import desk_settings as ds
from desktop.db.models import Operator
from desktop.services import operators
from desktop.services.demo.build import DEMO_PASSWORD


def test_plain_operator_can_neither_open_nor_save_the_desk_settings(qtbot, window):
    from desktop.views.settings_dialog import SettingsDialog

    assert not window.settings_action.isVisible()
    window.open_settings()  # reached anyway (a shortcut, a script): refused
    assert getattr(window, "settings_dialog", None) is None
    assert window.statusBar().currentMessage() == "Настройки рабочего места может менять только администратор"
    # The dialog itself refuses to save for anyone but an administrator.
    dialog = SettingsDialog(window.desk.settings, window, actor=window.desk.actor)
    qtbot.addWidget(dialog)
    dialog.url.setText("postgresql://desk@evil.example/energodesk")
    dialog.desk_name.setText("Чужая касса")
    dialog.save()
    error = dialog.findChild(QLabel, "errorLabel")
    assert error.isVisibleTo(dialog) and error.text() == "Настройки рабочего места может менять только администратор"
    assert window.desk.settings.get(ds.DATABASE_URL) == "" and window.desk.settings.get(ds.DESK_NAME) == ""


def test_administrator_changes_the_desk_settings(qtbot, database_url, demo_logins):
    from desktop.app import launch

    win = launch(database_url, login="admin", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    assert win.settings_action.isVisible()
    win.open_settings()
    dialog = win.settings_dialog
    dialog.desk_name.setText("Касса 2")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert win.desk.settings.get(ds.DESK_NAME) == "Касса 2"
    win.desk.wait()


def test_administrators_reset_dialog_applies_the_password_policy(qtbot, db, database_url, demo_logins):
    from desktop.app import launch

    with db.sessions() as s:
        before = s.scalar(select(Operator.password_hash).where(Operator.login == "sam.op2"))
    win = launch(database_url, login="admin", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    win.open_operators()
    dialog = win.operators_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 10)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "sam.op2")
    dialog.table.setCurrentCell(row, 0)
    error = dialog.findChild(QLabel, "errorLabel")
    for weak, words in (("12345678", "буквы"), ("password", "распространён"), ("sam.op2", "совпадать с логином")):
        error.clear()
        error.setVisible(False)
        dialog._reset(password=weak)
        qtbot.waitUntil(lambda: error.isVisible(), timeout=30_000)
        assert words in error.text(), (weak, error.text())
    win.desk.wait()
    with db.sessions() as s:
        assert s.scalar(select(Operator.password_hash).where(Operator.login == "sam.op2")) == before


def test_forced_change_applies_the_password_policy(qtbot, db, database_url, demo_logins, admin_ctx):
    from desktop.app import launch

    operators.reset_operator_password(admin_ctx, "tlt.op2", "Zhiguli-tmp-58")
    win = launch(database_url, login="tlt.op2", password="Zhiguli-tmp-58")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: getattr(win, "password_dialog", None) is not None and win.password_dialog.isVisible())
    dialog = win.password_dialog
    dialog.findChild(QLineEdit, "oldPassword").setText("Zhiguli-tmp-58")
    for edit in ("newPassword", "newPasswordAgain"):
        dialog.findChild(QLineEdit, edit).setText("qwerty123")
    qtbot.mouseClick(dialog.findChild(QPushButton, "changePasswordButton"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "errorLabel")
    qtbot.waitUntil(lambda: error.isVisible() and "распространён" in error.text(), timeout=30_000)
    dialog.grab().save("/tmp/forced_change_policy.png")
    assert dialog.isVisible()
    win.desk.wait()
