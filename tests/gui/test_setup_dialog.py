"""The first-start dialog: a local file created and migrated, or a real password-protected PostgreSQL
tested (each failure with its own message), then the desk's INI written; the GUI starts through it."""

from __future__ import annotations

import configparser
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from pg_password_server import DESK_PASSWORD, DESK_USER, PasswordServer, free_port, password_server
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from setup_steps import create, fill_first_admin, ini, wait_for_admin_page
from sqlalchemy import create_engine, text

from desktop.database import open_database
from desktop.db.schema import current_revision, head_revision, upgrade
from desktop.desk_settings import DeskSettings
from desktop.keyring_store import database_secret_name
from desktop.paths import config_dir, data_dir
from desktop.views.setup_dialog import SetupDialog

UTF8 = "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"


@pytest.fixture(scope="module")
def server() -> Iterator[PasswordServer]:
    """One password-protected cluster: a migrated database with two branches, an empty one, a C-locale one."""
    with password_server() as srv:
        admin = create_engine(srv.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {DESK_USER} LOGIN PASSWORD '{DESK_PASSWORD}'"))
            conn.execute(text(f"CREATE DATABASE energodesk OWNER {DESK_USER} {UTF8}"))
            conn.execute(text(f"CREATE DATABASE empty_db OWNER {DESK_USER} {UTF8}"))
            conn.execute(
                text(
                    f"CREATE DATABASE c_locale OWNER {DESK_USER} TEMPLATE template0 LC_CTYPE 'C' "
                    "LC_COLLATE 'C'"
                )
            )
        admin.dispose()
        engine = create_engine(srv.url("energodesk", DESK_USER, DESK_PASSWORD))
        upgrade(engine)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO branches (code, name, town, address) VALUES "
                    "('SYZ', 'Сызранское отделение', 'Сызрань', ''), "
                    "('TLT', 'Тольяттинское отделение', 'Тольятти', '')"
                )
            )
        engine.dispose()
        yield srv


@pytest.fixture
def dialog(qtbot) -> SetupDialog:
    dlg = SetupDialog(DeskSettings.default())
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def fill_shared(
    dlg: SetupDialog,
    server: PasswordServer,
    *,
    host: str | None = None,
    port: int | None = None,
    database: str = "energodesk",
    user: str = DESK_USER,
    password: str = DESK_PASSWORD,
) -> None:
    dlg.shared.setChecked(True)
    dlg.host.setText(host or server.host)
    dlg.port.setText(str(port or server.port))
    dlg.database.setText(database)
    dlg.user.setText(user)
    dlg.password.setText(password)


def wait_idle(qtbot, dlg: SetupDialog) -> None:
    qtbot.waitUntil(
        lambda: dlg.finish_button.isEnabled() and not dlg.status.text().endswith("…"), timeout=30_000
    )


def test_this_computer_only_creates_migrates_and_writes_the_ini(qtbot, dialog):
    assert dialog.local.isChecked() and not dialog.shared_box.isEnabled()
    qtbot.keyClicks(dialog.branch.lineEdit(), "syz")
    dialog.desk_name.setText("Касса 2")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    wait_for_admin_page(qtbot, dialog)  # a new file: nobody can sign in yet (tests/gui/test_first_admin.py)
    assert "database" not in ini()
    fill_first_admin(dialog)
    create(qtbot, dialog)
    written = ini()
    path = data_dir() / "energodesk.sqlite3"
    assert written["database"]["url"] == f"sqlite:///{path}"
    assert (written["desk"]["branch"], written["desk"]["name"]) == ("SYZ", "Касса 2")
    db = open_database(written["database"]["url"], create=False)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()


def test_shared_database_tested_then_saved_with_the_password_in_the_keyring(
    qtbot, dialog, server, memory_keyring
):
    fill_shared(dialog, server)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.connection_status.text() == "Подключено: база готова к работе.", timeout=30_000
    )
    assert not dialog.error.isVisible()
    assert [dialog.branch.itemText(i) for i in range(dialog.branch.count())] == [
        "SYZ — Сызранское отделение",
        "TLT — Тольяттинское отделение",
    ]
    assert "нет операторов" in dialog.status.text()
    dialog.branch.setCurrentIndex(1)
    dialog.desk_name.setText("Окно 3")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    wait_for_admin_page(qtbot, dialog)  # branches but no operators: the administrator works at TLT
    assert dialog.admin_page.branch_label.text() == "TLT — Тольяттинское отделение"
    assert not dialog.admin_page.code.isVisibleTo(dialog)
    fill_first_admin(dialog)
    create(qtbot, dialog)
    url = ini()["database"]["url"]
    assert url == f"postgresql+psycopg://{DESK_USER}@{server.host}:{server.port}/energodesk"
    assert (ini()["desk"]["branch"], ini()["desk"]["name"]) == ("TLT", "Окно 3")
    assert DESK_PASSWORD not in (config_dir() / "energodesk.ini").read_text(encoding="utf-8")
    name = database_secret_name(DESK_USER, server.host, server.port, "energodesk")
    assert memory_keyring.store[("EnergoDesk", name)] == DESK_PASSWORD
    # The desk's own start-up path finds the password in the keyring.
    open_database(url).close()


FAILURES = [
    (
        "wrong password",
        {"password": "not-the-password"},
        "password",
        f"Сервер отклонил пользователя «{DESK_USER}» или пароль: проверьте оба",
    ),
    ("no password", {"password": ""}, "password", "Сервер требует пароль: введите его"),
    (
        "no such database",
        {"database": "nosuch"},
        "database",
        "нет базы данных «nosuch»: администратор создаёт её по инструкции из README",
    ),
    ("not migrated", {"database": "empty_db"}, "database", "База пуста: администратор готовит её командой"),
    ("ctype C", {"database": "c_locale"}, "database", "создана с локалью C: кириллица в ней не ищется"),
    ("pasted junk", {"password": "desk\x00secret"}, "password", "В пароле есть непечатаемые символы"),
]


@pytest.mark.parametrize(("case", "change", "field", "message"), FAILURES, ids=[f[0] for f in FAILURES])
def test_connection_failures_say_what_is_wrong(qtbot, dialog, server, case, change, field, message):
    fill_shared(dialog, server, **change)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert message in dialog.error.text()
    dialog.desk_name.setText("Касса 1")
    qtbot.keyClicks(dialog.branch.lineEdit(), "SYZ")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.error.isVisible() and message in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted and "database" not in ini()


def test_unreachable_server(qtbot, dialog, server):
    closed = free_port()  # bound and released: nothing listens there
    fill_shared(dialog, server, port=closed)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert dialog.error.text().startswith(
        f"Сервер 127.0.0.1:{closed} не отвечает: проверьте адрес, порт и сеть"
    )


@pytest.mark.parametrize(
    ("host", "port", "database", "user", "message"),
    [
        ("", "5432", "energodesk", "desk", "Укажите сервер базы данных"),
        ("db server", "5432", "energodesk", "desk", "Имя сервера: буквы, цифры"),
        ("db\x00host", "5432", "energodesk", "desk", "Имя сервера: буквы, цифры"),
        ("postgresql://x@y/z", "5432", "energodesk", "desk", "Имя сервера: буквы, цифры"),
        ("db", "abc", "energodesk", "desk", "Порт — число от 1 до 65535"),
        ("db", "70000", "energodesk", "desk", "Порт — число от 1 до 65535"),
        ("db", "5432", "", "desk", "Укажите имя базы данных"),
        ("db", "5432", "energo desk; drop", "desk", "Имя базы данных: латинские буквы"),
        ("db", "5432", "energodesk", "", "Укажите имя пользователя"),
        ("db", "5432", "energodesk", "кассир", "Имя пользователя: латинские буквы"),
    ],
)
def test_typed_fields_are_checked_before_connecting(qtbot, dialog, host, port, database, user, message):
    dialog.shared.setChecked(True)
    dialog.host.setText(host)
    dialog.port.setText(port)
    dialog.database.setText(database)
    dialog.user.setText(user)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text().startswith(message)
    assert dialog.finish_button.isEnabled()


@pytest.mark.parametrize(
    ("branch", "desk", "message"),
    [
        ("", "Касса 1", "Укажите отделение"),
        ("KAZ", "Касса 1", "В базе нет отделения KAZ; есть: SYZ, TLT"),
        ("Сызрань", "Касса 1", "Код отделения — от 2 до 8 латинских букв"),
        ("SYZ", "   ", "Укажите название рабочего места"),
        ("SYZ", "Касса\x001", "Название рабочего места: до 60 обычных знаков"),
    ],
)
def test_branch_and_desk_name_are_checked(qtbot, dialog, server, branch, desk, message):
    fill_shared(dialog, server)
    dialog.branch.setEditText(branch)
    dialog.desk_name.setText(desk)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert dialog.error.text() == message if message.startswith("В базе") else message in dialog.error.text()
    assert "database" not in ini()


def test_no_keyring_keeps_the_password_out_of_every_file(qtbot, dialog, server):
    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores the previous backend
    fill_shared(dialog, server)
    dialog.branch.setEditText("SYZ")
    dialog.desk_name.setText("Касса 1")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert "нет системного хранилища паролей" in dialog.error.text()
    assert "database" not in ini()
    assert not any(
        DESK_PASSWORD in p.read_text(errors="ignore") for p in config_dir().rglob("*") if p.is_file()
    )


def test_cancel_writes_nothing_and_the_gui_does_not_start(qtbot, monkeypatch):
    from desktop import first_start

    shown: list[SetupDialog] = []

    def cancel(dlg: SetupDialog) -> int:
        shown.append(dlg)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SetupDialog, "exec", cancel)
    assert first_start.gui_database_url(None) is None
    assert len(shown) == 1 and "database" not in ini()


def test_configured_or_explicit_database_never_asks(monkeypatch):
    from desktop import first_start
    from desktop.desk_settings import DATABASE_URL

    monkeypatch.setattr(SetupDialog, "exec", lambda dlg: pytest.fail("the setup dialog must not appear"))
    assert first_start.gui_database_url("sqlite:////tmp/x.sqlite3") == "sqlite:////tmp/x.sqlite3"
    DeskSettings.default().set(DATABASE_URL, "postgresql://desk@db/energodesk")
    assert first_start.gui_database_url(None) == "postgresql://desk@db/energodesk"


def test_local_file_error_is_shown(qtbot, dialog, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ENERGODESK_DATA_DIR", str(blocker))  # the data folder cannot be created
    dialog.branch.setEditText("SYZ")
    dialog.desk_name.setText("Касса 1")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert dialog.error.text() and "database" not in ini()


def test_dialog_fits_the_desk_screen(dialog):
    dialog.shared.setChecked(True)
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740


# The real start: `energodesk` on an unconfigured desk shows the setup dialog (filled in here by a
# timer, as a person would), then the sign-in dialog on the database it made (painted, then quit).
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop import cli
from desktop.views.setup_dialog import SetupDialog

app = QApplication(sys.argv)


def fill():
    shown = [w for w in app.topLevelWidgets() if isinstance(w, SetupDialog) and w.isVisible()]
    if not shown:
        QTimer.singleShot(50, fill)
        return
    shown[0].branch.setEditText("SYZ")
    shown[0].desk_name.setText("Касса 1")
    shown[0].finish_button.click()
    QTimer.singleShot(50, first_admin)


def first_admin():
    dialog = [w for w in app.topLevelWidgets() if isinstance(w, SetupDialog) and w.isVisible()][0]
    if dialog.current_page() is not dialog.admin_page:
        QTimer.singleShot(50, first_admin)
        return
    page = dialog.admin_page
    page.name.setText("Сызранское отделение")
    page.login.setText("ivanova.a")
    page.full_name.setText("Иванова Анна Сергеевна")
    page.password.setText("Zhiguli-Vyazma-48")
    page.repeat.setText("Zhiguli-Vyazma-48")
    dialog.create_button.click()


QTimer.singleShot(0, fill)
sys.exit(cli.main([]))
"""


def test_first_start_leads_to_the_sign_in_dialog(tmp_path):
    import os
    import subprocess
    import sys

    shot = tmp_path / "sign-in.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ENERGODESK_BENCH_PAINTED": "1",
        "ENERGODESK_BENCH_GRAB": str(shot),
        "ENERGODESK_CONFIG_DIR": str(tmp_path / "config"),
        "ENERGODESK_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert float(done.stdout.split()[-1]) > 0 and shot.stat().st_size > 1000
    written = configparser.ConfigParser()
    written.read(tmp_path / "config" / "energodesk.ini", encoding="utf-8")
    assert written["database"]["url"] == f"sqlite:///{tmp_path / 'data' / 'energodesk.sqlite3'}"
    assert written["desk"]["name"] == "Касса 1"


def test_a_damaged_local_file_is_reported_and_left_alone(qtbot, dialog):
    path = data_dir() / "energodesk.sqlite3"
    path.parent.mkdir(parents=True)
    junk = b"not a database\x00" * 400
    path.write_bytes(junk)
    dialog.branch.setEditText("SYZ")
    dialog.desk_name.setText("Касса 1")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30_000)
    assert dialog.error.text() == f"sqlite:///{path}: Файл базы данных повреждён. Обратитесь к администратору."
    assert path.read_bytes() == junk and "database" not in ini()
