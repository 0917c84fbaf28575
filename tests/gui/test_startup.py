"""The production start-up path: `energodesk`'s run() and the seam launch() that wraps it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.services import operators
from desktop.services.demo.build import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sign_in_threads(monkeypatch):
    """The threads the credentials were checked on (the real check, only watched)."""
    threads: list[threading.Thread] = []
    real = operators.authenticate

    def watched(ctx, login, password):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(ctx, login, password)

    monkeypatch.setattr(operators, "authenticate", watched)
    return threads


def _visible(object_name: str):  # type: ignore[no-untyped-def]
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == object_name and w.isVisible()),
                None)


def test_run_signs_in_off_the_gui_thread_and_opens_the_window(database_url, demo_logins, tmp_path):
    # run() owns its process (the crash hook, the faulthandler file, app.exec()): a process of its own.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ENERGODESK_CONFIG_DIR": str(tmp_path / "config"),
           "ENERGODESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("run_driver.py")), database_url,
                           "sam.op1", DEMO_PASSWORD], env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines["STATUS"].startswith("Морозова О. В. (оператор)"), done.stdout
    assert lines["ACTOR"] == "sam.op1"
    # The credentials were checked once, on the sign-in runner's thread, never on the GUI thread.
    assert lines["CHECKED_ON"] == "worker"
    # And the run wrote its log where the desk keeps it.
    assert (tmp_path / "data" / "logs" / "energodesk.log").exists()


def test_launch_goes_through_the_same_path(qtbot, database_url, demo_logins, sign_in_threads):
    from desktop.app import Startup, launch

    win = launch(database_url, login="sam.op1", password=DEMO_PASSWORD)
    qtbot.addWidget(win)
    assert isinstance(win.startup, Startup) and win.isVisible()
    assert sign_in_threads and all(t is not threading.main_thread() for t in sign_in_threads)
    assert win.desk.ctx.actor.login == "sam.op1"
    win.desk.wait()


def test_launch_with_a_wrong_password_signs_nobody_in(qtbot, database_url, demo_logins):
    from desktop.app import launch

    with pytest.raises(PermissionError, match="Неверный логин или пароль"):
        launch(database_url, login="sam.op1", password="wrong-password-1")
    assert _visible("mainWindow") is None


def test_a_login_typed_before_the_database_opens_waits_for_it(qtbot, database_url, demo_logins):
    from desktop.app import Startup

    startup = Startup(database_url)
    startup.start()  # the database opens on its thread after the first paint
    dialog = startup.dialog
    qtbot.keyClicks(dialog.findChild(QLineEdit, "loginUser"), "sam.op1")
    password = dialog.findChild(QLineEdit, "loginPassword")
    password.setText(DEMO_PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    assert startup.database is None  # not opened yet: the sign-in is pending
    qtbot.waitUntil(lambda: startup.window is not None and startup.window.isVisible(), timeout=60_000)
    qtbot.addWidget(startup.window)
    startup.window.desk.wait()


def test_demo_start_shows_its_work_behind_the_dialog(qtbot, tmp_path):
    """--demo: a moving bar from the first paint, the counts the Russian way, nothing once opened."""
    from desktop.app import Startup

    startup = Startup(f"sqlite:///{tmp_path / 'demo.sqlite3'}", demo_customers=40)
    qtbot.addWidget(startup.dialog)
    dialog = startup.dialog
    startup.start()  # the file, its migrations and the hashes come before the first count
    assert dialog.status.text() == "Открывается демонстрационная база…"
    assert dialog.progress.isVisible() and dialog.progress.maximum() == 0  # busy: no size known yet
    with qtbot.waitSignal(startup.opener.opened, timeout=120_000):
        pass
    try:
        assert dialog.status.text() == "" and not dialog.progress.isVisible()
        # The GUI's 2,000 customers as the line counts them (a real build of that size takes ~15 s).
        startup.opener.progress.emit(1400, 2000)
        assert dialog.status.text() == "Создаётся демонстрационная база: 1\u00a0400 из 2\u00a0000 клиентов…"
        assert dialog.progress.value() == 1400 and dialog.progress.isVisible()
        startup.opener.progress.emit(2000, 2000)
        assert dialog.status.text() == "" and not dialog.progress.isVisible()
    finally:
        startup.close()
