"""Wiring: settings, database, sign-in and the main window (`launch` is the GUI test seam)."""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

log = logging.getLogger("energodesk.app")


def _build_window(database: Any, actor: Any, settings: Any) -> QMainWindow:
    from desktop.desk_settings import DESK_NAME
    from desktop.services.context import ServiceContext
    from desktop.views.desk import Desk
    from desktop.views.main_window import MainWindow

    ctx = ServiceContext(database.sessions, actor, desk=settings.get(DESK_NAME)) if actor else None
    desk = Desk(ctx, database, settings)
    window = MainWindow(desk)
    desk.setParent(window)
    from desktop.views.search_controller import SearchController

    window.search_controller = SearchController(window)
    return window


def launch(database_url: str, *, login: str | None = None, password: str | None = None) -> QMainWindow:
    """Build the main window on the running QApplication (does not call exec()).

    With ``login`` and ``password`` the operator is signed in without the dialog
    (PermissionError on wrong credentials). Without them the login dialog is shown and the
    window appears after a successful sign-in.
    """
    from desktop.database import open_database
    from desktop.desk_settings import DeskSettings
    from desktop.services.context import ServiceContext
    from desktop.services.errors import AuthError
    from desktop.services.operators import authenticate

    settings = DeskSettings.default()
    database = open_database(database_url)
    base = ServiceContext(database.sessions)
    if login is not None and password is not None:
        try:
            actor = authenticate(base, login, password)
        except AuthError as error:
            database.close()
            raise PermissionError(error.message) from None
        window = _build_window(database, actor, settings)
        window.show()
        return window

    from desktop.views.login_dialog import LoginDialog

    # The window exists before sign-in (the seam returns it) but stays hidden and has no
    # service context until an operator signs in.
    window = _build_window(database, None, settings)

    def check(user: str, pw: str, done: Any, fail: Any) -> None:
        try:
            done(authenticate(base, user, pw))
        except AuthError as error:
            fail(error.message)

    dialog = LoginDialog(check, parent=window)

    def signed_in(actor: Any) -> None:
        window.desk.ctx = base.as_actor(actor)  # type: ignore[attr-defined]
        window.signed_in(actor)  # type: ignore[attr-defined]
        window.show()

    dialog.signedIn.connect(signed_in)
    dialog.show()
    window.login_dialog = dialog  # type: ignore[attr-defined]
    return window


class _Opener(QObject):
    """Opens the database on a plain thread while the login dialog is already on screen."""

    opened = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)  # demo customers built, of how many

    def start(self, url: str, *, demo_customers: int = 0, make_folder: bool = True) -> None:
        """Open ``url``; with ``demo_customers`` also create it and fill it with the demo on first use."""

        def work() -> None:
            try:
                from desktop.database import DatabaseOpenError, open_database

                try:
                    if demo_customers:
                        database = open_database(url, create=True, make_folder=make_folder)
                        self._ensure_demo(database, demo_customers)
                    else:
                        database = open_database(url)
                    self.opened.emit(database)
                except DatabaseOpenError as error:
                    self.failed.emit(str(error))
            except Exception as error:  # noqa: BLE001 - shown to the user, logged
                log.exception("opening the database failed")
                self.failed.emit(str(error).splitlines()[0] if str(error) else type(error).__name__)

        threading.Thread(target=work, name="open-database", daemon=True).start()

    def _ensure_demo(self, database: Any, customers: int) -> None:
        """Build the demo in one transaction (a killed start leaves nothing), reporting progress."""
        from desktop.services.demo.build import build_demo, has_demo_data
        from desktop.services.demo.generator import DemoPlan

        if has_demo_data(database.engine):
            return
        self.progress.emit(0, customers)

        def progress(done: int, total: int) -> bool:
            self.progress.emit(done, total)
            return True

        build_demo(database.engine, DemoPlan(customers, seed=1), progress=progress)
        self.progress.emit(customers, customers)


def _quit_after_first_paint(app: QApplication, widget: Any) -> None:
    """For benchmarks/bench_startup.py: print the moment the dialog is painted, then quit.

    With ENERGODESK_BENCH_GRAB=FILE the painted dialog is also saved as a PNG (the frozen-bundle test).
    """
    import time

    from PySide6.QtCore import QEvent

    def finish() -> None:
        grab = os.environ.get("ENERGODESK_BENCH_GRAB")
        if grab:
            widget.grab().save(grab)
        app.quit()

    class Painted(QObject):
        done = False

        def eventFilter(self, obj: Any, event: Any) -> bool:  # QObject.eventFilter
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(time.time(), flush=True)
                QTimer.singleShot(0, finish)
            return False

    watcher = Painted(widget)
    widget.installEventFilter(watcher)


def run(database_url: str, *, demo_hint: str = "", demo_customers: int = 0, make_folder: bool = True) -> int:
    """The `energodesk` GUI: login dialog first (painted before heavy imports), then the window."""
    import sys

    from desktop import i18n, logs
    from desktop.views import crash
    from desktop.views.login_dialog import LoginDialog

    logs.setup()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("EnergoDesk")
    app.setOrganizationName("EnergoDesk")
    i18n.install(app)
    crash.install()

    state: dict[str, Any] = {}
    opener = _Opener()

    def authenticate(login: str, password: str, done: Any, fail: Any) -> None:
        if "database" not in state:
            state["pending"] = (login, password, done, fail)
            dialog.set_status(QCoreApplication.translate("LoginDialog", "Connecting to the database…"))
            return
        from desktop.services.context import ServiceContext
        from desktop.services.errors import ServiceError
        from desktop.services.operators import authenticate as check

        base = ServiceContext(state["database"].sessions)
        from desktop.views.runner import TaskRunner

        runner = state.setdefault("runner", TaskRunner(app))

        def failed(error: BaseException) -> None:
            fail(error.message if isinstance(error, ServiceError) else str(error))

        runner.run(lambda: check(base, login, password), done, failed)

    dialog = LoginDialog(authenticate, hint=demo_hint)
    dialog.show()
    if os.environ.get("ENERGODESK_BENCH_PAINTED") == "1":
        _quit_after_first_paint(app, dialog)

    def opened(database: Any) -> None:
        state["database"] = database
        dialog.set_status("")
        if "pending" in state:
            authenticate(*state.pop("pending"))

    def open_failed(message: str) -> None:
        state["error"] = message
        dialog.show_error(message)
        dialog.button.setEnabled(False)

    def building(done: int, total: int) -> None:
        dialog.set_progress(done, total)
        dialog.set_status(QCoreApplication.translate("LoginDialog", "Building the demo database: %1 of %2 customers…")
                          .replace("%1", str(done)).replace("%2", str(total)) if done < total else "")

    opener.opened.connect(opened)
    opener.failed.connect(open_failed)
    opener.progress.connect(building)
    # Start the heavy work (with --demo: building or checking the demo) after the first paint.
    QTimer.singleShot(0, lambda: opener.start(database_url, demo_customers=demo_customers, make_folder=make_folder))

    def signed_in(actor: Any) -> None:
        from desktop.desk_settings import DeskSettings

        window = _build_window(state["database"], actor, DeskSettings.default())
        state["window"] = window
        window.show()

    dialog.signedIn.connect(signed_in)
    code = app.exec()
    if "database" in state:
        state["database"].close()
    return code
