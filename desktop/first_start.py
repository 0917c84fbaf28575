"""Before the GUI starts: is there a display, and is this desk configured (else the setup dialog asks)."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = (
    "нет дисплея для окна программы: запустите её в графическом сеансе (или под xvfb-run, "
    "или с QT_QPA_PLATFORM=offscreen); команды вроде «energodesk db upgrade» работают и без него"
)


def display_problem() -> str | None:
    """One line saying why no window can open here, or None.

    Without a display Qt aborts the process only after all the start-up work, with a message that
    blames a library; a platform chosen in QT_QPA_PLATFORM (offscreen, xcb under xvfb-run) counts.
    """
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


def gui_database_url(explicit: str | None) -> str | None:
    """--database, else the desk's configured database, else what the first-start dialog sets up.

    None when the person closed the setup dialog. The command line never asks: unconfigured, its
    subcommands use the local file (desktop.cli.resolve_url), as CONTRACTS.md says.
    """
    if explicit:
        return explicit
    from desktop.desk_settings import DATABASE_URL, DeskSettings

    settings = DeskSettings.default()
    configured = str(settings.get(DATABASE_URL))
    if configured:
        return configured
    from PySide6.QtWidgets import QApplication, QDialog

    from desktop import i18n
    from desktop.views.setup_dialog import SetupDialog

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("EnergoDesk")
    app.setOrganizationName("EnergoDesk")
    i18n.install(app)
    dialog = SetupDialog(settings)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return str(settings.get(DATABASE_URL)) or None
