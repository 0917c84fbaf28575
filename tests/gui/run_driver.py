"""Drives `energodesk`'s run() in a process of its own, as an operator would: types the login into
the sign-in dialog, waits for the main window, prints what it saw, closes it. Used by test_startup."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop import app as desktop_app
from desktop.services import operators

URL, LOGIN, PASSWORD = sys.argv[1:4]
checked_on: list[str] = []
real = operators.authenticate


def watched(ctx, login, password):  # type: ignore[no-untyped-def]
    # The real check, only watched: which thread runs it.
    checked_on.append("gui" if threading.current_thread() is threading.main_thread() else "worker")
    return real(ctx, login, password)


operators.authenticate = watched
app = QApplication(sys.argv)
state: dict[str, bool] = {}


def visible(name: str):  # type: ignore[no-untyped-def]
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


def step() -> None:
    if "typed" not in state:
        dialog = visible("loginDialog")
        if dialog is None:
            return
        dialog.findChild(QLineEdit, "loginUser").setText(LOGIN)
        password = dialog.findChild(QLineEdit, "loginPassword")
        password.setText(PASSWORD)
        password.returnPressed.emit()  # Enter
        state["typed"] = True
        return
    window = visible("mainWindow")
    if window is None:
        return
    steps.stop()
    print("STATUS", window.operator_status.text(), flush=True)
    print("ACTOR", window.desk.ctx.actor.login, flush=True)
    print("CHECKED_ON", ",".join(checked_on), flush=True)
    window.close()  # closes the desk and its database, as the operator's Alt+F4 does
    app.quit()


steps = QTimer()
steps.timeout.connect(step)
steps.start(20)
QTimer.singleShot(120_000, lambda: app.exit(3))  # never hang the suite
sys.exit(desktop_app.run(URL))
