"""The first-start dialog on a database nobody can sign in to: its first branch and administrator, created
together (audited), then the sign-in with them; a database with operators skips the step. On the local
SQLite file («Только этот компьютер») and on a shared PostgreSQL database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from setup_steps import ADMIN_PASSWORD, create, fill_first_admin, ini, wait_for_admin_page
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from desktop.core import passwords
from desktop.database import open_database
from desktop.db.models import AuditEvent, Branch, Operator
from desktop.desk_settings import DeskSettings
from desktop.paths import config_dir, data_dir, local_database_url
from desktop.services import branches, operators
from desktop.services.context import ServiceContext
from desktop.views.setup_dialog import SetupDialog


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Argon2id at test cost (the sign-in checks the same hash)."""
    monkeypatch.setattr(passwords, "_DEFAULT", passwords.fast_hasher())


@pytest.fixture
def dialog(qtbot) -> SetupDialog:  # type: ignore[no-untyped-def]
    dlg = SetupDialog(DeskSettings.default())
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


@pytest.fixture
def target(database_url: str) -> Iterator[str]:
    """The database the dialog is pointed at: the desk's local file (created by the dialog) on the
    SQLite run, the test's fresh migrated PostgreSQL database (trust authentication) on the other."""
    if database_url.startswith("sqlite"):
        yield local_database_url()
    else:
        yield database_url


def choose(dlg: SetupDialog, url: str, branch: str = "syz", desk: str = "Касса 1") -> None:
    """Fill the first step as a person would: where the data lives, the desk's branch and name."""
    if url.startswith("sqlite"):
        dlg.local.setChecked(True)
    else:
        parsed = make_url(url)
        dlg.shared.setChecked(True)
        dlg.host.setText(parsed.host or "")
        dlg.port.setText(str(parsed.port or 5432))
        dlg.database.setText(parsed.database or "")
        dlg.user.setText(parsed.username or "")
    dlg.branch.setEditText(branch)
    dlg.desk_name.setText(desk)


def save(qtbot, dlg: SetupDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dlg.finish_button, Qt.MouseButton.LeftButton)


def contents(
    url: str,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]], list[tuple[str, dict]]]:
    """(branches, operators (login, role, branch, full name), audit events) of the database."""
    db = open_database(url)
    try:
        with db.sessions() as s:
            found = [(b.code, b.name, b.town) for b in s.scalars(select(Branch).order_by(Branch.code))]
            ops = [(o.login, o.role, o.branch.code, o.full_name) for o in s.scalars(select(Operator))]
            events = [
                (e.action, json.loads(e.details))
                for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
            ]
    finally:
        db.close()
    return found, ops, events


def prepare(url: str, *, branch: bool, operator: bool) -> None:
    """The database as another desk or an administrator left it: a branch, and maybe an operator."""
    if url.startswith("sqlite"):
        data_dir().mkdir(parents=True, exist_ok=True)
    db = open_database(url)
    try:
        ctx = ServiceContext(db.sessions)
        if branch:
            branches.add_branch(ctx, "TLT", "Тольяттинское отделение", "Тольятти")
        if operator:
            operators.add_operator(ctx, "boss", ADMIN_PASSWORD, "admin")
    finally:
        db.close()


def test_first_branch_and_administrator_then_sign_in(qtbot, dialog, target):
    choose(dialog, target)
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    page = dialog.admin_page
    assert (
        page.code.text() == "SYZ"
        and page.code.isVisibleTo(dialog)
        and not page.branch_label.isVisibleTo(dialog)
    )
    assert "database" not in ini()  # nothing is written before the administrator exists
    fill_first_admin(dialog, branch_name="  Сызранское\tотделение ")  # pasted with a tab
    create(qtbot, dialog)

    written = ini()
    assert written["database"]["url"] == target
    assert (written["desk"]["branch"], written["desk"]["name"]) == ("SYZ", "Касса 1")
    found, ops, events = contents(target)
    assert found == [("SYZ", "Сызранское отделение", "Сызрань")]
    assert ops == [("ivanova.a", "admin", "SYZ", "Иванова Анна Сергеевна")]
    assert [(action, details["via"], details["desk"]) for action, details in events] == [
        ("branch.add", "first-start", "Касса 1"),
        ("operator.add", "first-start", "Касса 1"),
    ]

    # The sign-in with the new administrator, through the desk's sign-in dialog.
    from desktop.app import launch

    window = launch(written["database"]["url"])
    qtbot.addWidget(window)
    sign_in = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "loginDialog" and w.isVisible()
    )
    sign_in.findChild(QLineEdit, "loginUser").setText("ivanova.a")
    sign_in.findChild(QLineEdit, "loginPassword").setText(ADMIN_PASSWORD)
    qtbot.mouseClick(sign_in.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.isVisible, timeout=30_000)
    status = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert "Иванова Анна Сергеевна (администратор), SYZ" in status
    window.desk.wait()


def test_a_database_with_operators_skips_the_step(qtbot, dialog, target):
    prepare(target, branch=True, operator=True)
    shown: list[object] = []
    real = dialog.admin_page.prepare
    dialog.admin_page.prepare = lambda *args: (shown.append(args), real(*args))  # type: ignore[method-assign]
    choose(dialog, target, branch="TLT")
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        save(qtbot, dialog)
    assert shown == [] and ini()["desk"]["branch"] == "TLT"
    assert len(contents(target)[1]) == 1


def test_branches_but_no_operators_put_the_administrator_at_the_desk_branch(qtbot, dialog, target):
    prepare(target, branch=True, operator=False)
    choose(dialog, target, branch="TLT", desk="Окно 2")
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    assert dialog.admin_page.branch_label.text() == "TLT — Тольяттинское отделение"
    assert not dialog.admin_page.code.isVisibleTo(dialog)
    fill_first_admin(dialog, login="petrova.o", full_name="Петрова Ольга")
    create(qtbot, dialog)
    found, ops, events = contents(target)
    assert found == [("TLT", "Тольяттинское отделение", "Тольятти")]
    assert ops == [("petrova.o", "admin", "TLT", "Петрова Ольга")]
    assert [action for action, _ in events] == ["branch.add", "operator.add"]
    assert ini()["desk"]["branch"] == "TLT"


# (what is typed on the step, the message, the field that gets the focus)
BAD = [
    ({"repeat": "Zhiguli-Vyazma-49"}, "Пароли не совпадают: введите пароль ещё раз", "adminPasswordRepeat"),
    ({"password": "", "repeat": ""}, "Придумайте пароль администратора", "adminPassword"),
    ({"password": "abc12"}, "Пароль должен быть не короче 8 символов", "adminPassword"),
    (
        {"password": " " + ADMIN_PASSWORD},
        "Пароль не может начинаться или кончаться пробелом",
        "adminPassword",
    ),
    ({"login": "Админ"}, "Логин: латинские буквы, цифры, точка, дефис", "adminLogin"),
    ({"login": ""}, "Логин: латинские буквы, цифры, точка, дефис", "adminLogin"),
    ({"full_name": "   "}, "Укажите фамилию и имя администратора", "adminFullName"),
    ({"full_name": "Ива\x00нова"}, "В имени администратора недопустимые знаки", "adminFullName"),
    ({"branch_name": ""}, "Укажите название отделения", "firstBranchName"),
    ({"branch_name": "Сыз\x1bрань"}, "В поле «название» недопустимые знаки", "firstBranchName"),
    ({"code": "Сыз"}, "Код отделения — от 2 до 8 латинских букв или цифр", "firstBranchCode"),
    ({"code": "S"}, "Код отделения — от 2 до 8 латинских букв или цифр", "firstBranchCode"),
]


def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(qtbot, dialog, target):
    choose(dialog, target)
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    page = dialog.admin_page
    for case, message, field in BAD:
        typed = dict(case)
        page.code.setText(typed.pop("code", "SYZ"))
        fill_first_admin(dialog, **typed)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.create_button.isEnabled(), timeout=30_000)
        assert dialog.error.text().startswith(message), (typed, dialog.error.text())
        assert dialog.error.objectName() == "errorLabel" and dialog.current_page() is page
        # The field last given the focus (offscreen no window is active, so hasFocus() proves nothing).
        assert dialog.focusWidget() is page.findChild(QLineEdit, field), (typed, dialog.focusWidget())
        assert "database" not in ini()
    assert contents(target) == ([], [], [])

    # Back to the first step and forward again: what was typed stays (a code changed in this step
    # becomes the desk's branch), the passwords are asked again.
    page.code.setText("tlt")
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.current_page() is dialog.where_page and not dialog.error.isVisible()
    assert dialog.branch.currentText() == "tlt"
    dialog.branch.setEditText("syz")
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    assert page.code.text() == "SYZ" and page.login.text() == "ivanova.a" and page.password.text() == ""
    fill_first_admin(dialog)
    create(qtbot, dialog)
    assert contents(target)[1] == [("ivanova.a", "admin", "SYZ", "Иванова Анна Сергеевна")]


def test_cancel_on_the_step_writes_nothing(qtbot, dialog, target):
    choose(dialog, target)
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    fill_first_admin(dialog)
    dialog.reject()
    assert "database" not in ini() and contents(target) == ([], [], [])


def test_another_desk_was_quicker(qtbot, dialog, target):
    """Two desks set up one empty database: the second finds the first's administrator, goes back to
    the first step with a message, and its next save continues to the sign-in."""
    choose(dialog, target)
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    prepare(target, branch=True, operator=True)  # the other desk, meanwhile
    fill_first_admin(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert dialog.error.text().startswith(
        "В базе уже есть администратор (его создали с другого рабочего места)"
    )
    assert dialog.current_page() is dialog.where_page and "database" not in ini()
    dialog.branch.setEditText("TLT")
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        save(qtbot, dialog)
    assert [op[0] for op in contents(target)[1]] == ["boss"]


def test_the_database_going_away_before_create(qtbot, dialog, target, monkeypatch):
    """SQLite: another program holds the file; PostgreSQL: the database is dropped. A plain message on
    the step, nothing written; the person can try again."""
    choose(dialog, target)
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    fill_first_admin(dialog)
    if target.startswith("sqlite"):
        from desktop.db import engine as engine_module

        real = engine_module.make_engine
        monkeypatch.setattr(engine_module, "make_engine", lambda url, **kw: real(url, busy_timeout_ms=100))
        blocker = sqlite3.connect(make_url(target).database or "")
        blocker.execute("BEGIN EXCLUSIVE")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.create_button.isEnabled(), timeout=30_000)
        assert dialog.error.text() == "База данных занята другой кассой. Повторите через несколько секунд."
        blocker.rollback()
        blocker.close()
        assert "database" not in ini() and contents(target) == ([], [], [])
        create(qtbot, dialog)  # the file is free again
        assert contents(target)[1][0][0] == "ivanova.a"
        return
    from tests.conftest import _pg_admin

    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{make_url(target).database}" WITH (FORCE)'))
    admin.dispose()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.create_button.isEnabled(), timeout=30_000)
    # Its own message (issue 11), not "no connection": the database is gone, the server is there.
    assert dialog.error.text().startswith("На сервере нет базы данных")
    assert dialog.current_page() is dialog.admin_page and "database" not in ini()


def test_the_step_fits_the_desk_screen(qtbot, dialog, target, tmp_path):
    choose(dialog, target)
    save(qtbot, dialog)
    wait_for_admin_page(qtbot, dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740
    for name in (
        "firstBranchCode",
        "firstBranchName",
        "firstBranchTown",
        "adminLogin",
        "adminFullName",
        "adminPassword",
        "adminPasswordRepeat",
    ):
        assert dialog.findChild(QLineEdit, name) is not None, name  # reachable by name for automation


# The real start: `energodesk` on a desk not set up, with a database nobody can sign in to: the setup
# dialog, its first-administrator step, the sign-in dialog, the main window (filled in by timers, as a
# person would), then quit.
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from desktop import cli
from desktop.views.setup_dialog import SetupDialog

app = QApplication(sys.argv)
url = sys.argv[1]
PASSWORD = "Zhiguli-Vyazma-48"


def visible(kind=None, name=None):
    return [w for w in app.topLevelWidgets() if w.isVisible() and (kind is None or isinstance(w, kind))
            and (name is None or w.objectName() == name)]


def later(step):
    QTimer.singleShot(50, step)


def where():
    shown = visible(SetupDialog)
    if not shown:
        return later(where)
    dialog = shown[0]
    if url == "local":
        dialog.local.setChecked(True)
    else:
        from sqlalchemy.engine import make_url
        parsed = make_url(url)
        dialog.shared.setChecked(True)
        dialog.host.setText(parsed.host)
        dialog.port.setText(str(parsed.port))
        dialog.database.setText(parsed.database)
        dialog.user.setText(parsed.username)
    dialog.branch.setEditText("SYZ")
    dialog.desk_name.setText("Касса 1")
    dialog.finish_button.click()
    later(first_admin)


def first_admin():
    dialog = visible(SetupDialog)[0]
    if dialog.error.isVisible():
        print("setup error:", dialog.error.text(), file=sys.stderr)
        return app.exit(3)
    if dialog.current_page() is not dialog.admin_page:
        return later(first_admin)
    page = dialog.admin_page
    page.name.setText("Сызранское отделение")
    page.login.setText("ivanova.a")
    page.full_name.setText("Иванова Анна Сергеевна")
    page.password.setText(PASSWORD)
    page.repeat.setText(PASSWORD)
    dialog.create_button.click()
    later(sign_in)


def sign_in():
    shown = visible(name="loginDialog")
    if not shown:
        return later(sign_in)
    dialog = shown[0]
    dialog.findChild(QLineEdit, "loginUser").setText("ivanova.a")
    dialog.findChild(QLineEdit, "loginPassword").setText(PASSWORD)
    dialog.findChild(QPushButton, "loginButton").click()
    later(signed_in)


def signed_in():
    shown = visible(name="mainWindow")
    if not shown:
        return later(signed_in)
    print("STATUS", " ".join(label.text() for label in shown[0].statusBar().findChildren(QLabel)))
    shown[0].close()
    app.quit()


later(where)
sys.exit(cli.main([]))
"""


def test_energodesk_first_start_to_the_signed_in_window(target, tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ENERGODESK_NO_DIALOGS": "1",
        "ENERGODESK_CONFIG_DIR": str(config_dir()),
        "ENERGODESK_DATA_DIR": str(data_dir()),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, "local" if target.startswith("sqlite") else target],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "STATUS Иванова Анна Сергеевна (администратор), SYZ" in done.stdout, (done.stdout, done.stderr)
    assert ini()["database"]["url"] == target
    assert contents(target)[1] == [("ivanova.a", "admin", "SYZ", "Иванова Анна Сергеевна")]
