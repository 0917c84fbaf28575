"""What a person does in the first-start dialog's first-administrator step, for the setup dialog tests."""

from __future__ import annotations

import configparser

from PySide6.QtCore import Qt

from desktop.paths import config_dir
from desktop.views.setup_dialog import SetupDialog

ADMIN_PASSWORD = "Zhiguli-Vyazma-48"


def ini() -> configparser.ConfigParser:
    """The desk's INI file as the dialog left it."""
    parser = configparser.ConfigParser()
    parser.read(config_dir() / "energodesk.ini", encoding="utf-8")
    return parser


def wait_for_admin_page(qtbot, dlg: SetupDialog) -> None:  # type: ignore[no-untyped-def]
    """After «Save and start» on a database nobody can sign in to: the second step is shown."""
    qtbot.waitUntil(lambda: dlg.current_page() is dlg.admin_page or dlg.error.isVisible(), timeout=60_000)
    assert dlg.current_page() is dlg.admin_page, dlg.error.text()
    assert dlg.create_button.isVisible() and not dlg.finish_button.isVisible()


def fill_first_admin(
    dlg: SetupDialog,
    *,
    branch_name: str = "Сызранское отделение",
    town: str = "Сызрань",
    login: str = "ivanova.a",
    full_name: str = "Иванова Анна Сергеевна",
    password: str = ADMIN_PASSWORD,
    repeat: str | None = None,
) -> None:
    page = dlg.admin_page
    if page.name.isVisibleTo(dlg):
        page.name.setText(branch_name)
        page.town.setText(town)
    page.login.setText(login)
    page.full_name.setText(full_name)
    page.password.setText(password)
    page.repeat.setText(password if repeat is None else repeat)


def create(qtbot, dlg: SetupDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dlg.accepted, timeout=60_000):
        qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
