"""Wiring: settings, database, sign-in and the main window (`launch` is the GUI test seam)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

if TYPE_CHECKING:
    from desktop.database import Database
    from desktop.desk_settings import DeskSettings
    from desktop.services.context import Actor, ServiceContext
    from desktop.views.main_window import MainWindow

log = logging.getLogger("energodesk.app")


def _build_window(database: Database, actor: Actor | None, settings: DeskSettings, base: ServiceContext) -> MainWindow:
    """The main window for ``actor`` (None: not signed in yet); ``base`` carries the clock and the
    company's zone, read at sign-in off the GUI thread."""
    from desktop.desk_settings import DESK_NAME
    from desktop.views.desk import Desk
    from desktop.views.main_window import MainWindow

    ctx = base.as_actor(actor, desk=settings.get(DESK_NAME)) if actor else None
    desk = Desk(ctx, database, settings)
    window = MainWindow(desk)
    desk.setParent(window)
    from desktop.views.search_controller import SearchController

    window.search_controller = SearchController(window)
    return window


def launch(database_url: str, *, login: str | None = None, password: str | None = None) -> QMainWindow:
    """Build the main window on the running QApplication (does not call exec()).

    The production start-up path of `energodesk` (``Startup``: the database opened on its own
    thread, the sign-in checked on a runner of its own) with the event loop pumped until it
    settles. With ``login`` and ``password`` they are typed into the sign-in dialog and the
    signed-in window is returned (PermissionError on wrong credentials). Without them the
    window is returned hidden, with the sign-in dialog shown; it appears after a sign-in.
    """
    from desktop.database import DatabaseOpenError

    startup = Startup(database_url)
    startup.start()
    _pump_until(lambda: startup.database is not None or startup.open_error is not None)
    if startup.open_error is not None:
        startup.dialog.close()
        raise DatabaseOpenError(startup.open_error)
    if login is not None and password is not None:
        dialog = startup.dialog
        dialog.user.setText(login)
        dialog.password.setText(password)
        dialog.password.returnPressed.emit()  # what Enter in the password field does
        _pump_until(lambda: startup.window is not None or startup.sign_in_error is not None)
        if startup.window is None:
            dialog.close()
            startup.close()
            raise PermissionError(startup.sign_in_error)
        return startup.window
    # The seam returns the window before sign-in: built now, hidden, without a service context
    # until the dialog's sign-in fills it (Startup._signed_in).
    return startup.prepare_window()


def _pump_until(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    """Process events (the worker threads' results arrive as queued signals) until ``done()``."""
    import time

    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the desk did not start in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if not done():
            time.sleep(0.005)


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
                from desktop import logs

                logs.unexpected(error, "opening the database")
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


class Startup(QObject):
    """The start-up path of `energodesk` (and of the test seam ``launch``).

    The sign-in dialog is shown first, before SQLAlchemy and the rest are imported; the database
    opens on a plain thread meanwhile; the credentials are checked on a runner of its own, off
    the GUI thread (a login typed before the database is open waits for it); then the main
    window is built for the signed-in operator.
    """

    def __init__(self, database_url: str, *, demo_hint: str = "", demo_customers: int = 0,
                 make_folder: bool = True, parent: QObject | None = None) -> None:
        from desktop.views.login_dialog import LoginDialog
        from desktop.views.runner import TaskRunner

        super().__init__(parent)
        self.url = database_url
        self.demo_customers = demo_customers  # --demo: build or check the demo behind the dialog
        self.make_folder = make_folder
        self.database: Any = None
        self.base: Any = None  # the service context before sign-in (clock, zone)
        self.window: MainWindow | None = None
        self.open_error: str | None = None
        self.sign_in_error: str | None = None
        self._pending: tuple[str, str, Any, Any] | None = None
        self.runner = TaskRunner(self)
        self.opener = _Opener(self)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._open_failed)
        self.opener.progress.connect(self._building)
        self.dialog = LoginDialog(self._authenticate, hint=demo_hint)
        self.dialog.signedIn.connect(self._signed_in)

    def start(self) -> None:
        self.dialog.show()
        if self.demo_customers:
            # Creating and migrating the file (and the two password hashes of a first build)
            # come before the first count: a moving bar says the desk is at work meanwhile.
            self.dialog.set_busy(QCoreApplication.translate("LoginDialog", "Opening the demo database…"))
        # Start the heavy work after the first paint of the dialog.
        # (With --demo: building or checking the demo.)
        QTimer.singleShot(0, lambda: self.opener.start(self.url, demo_customers=self.demo_customers,
                                                       make_folder=self.make_folder))

    def close(self) -> None:
        if self.database is not None:
            self.database.close()

    def _opened(self, database: Any) -> None:
        from desktop.services.context import ServiceContext

        self.database = database
        self.base = ServiceContext(database.sessions)
        self.dialog.set_status("")
        self.dialog.set_progress(0, 0)  # nothing behind the dialog any more
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._authenticate(*pending)

    def _building(self, done: int, total: int) -> None:
        from desktop.views.progress import count  # 1 400 of 2 000, the Russian way

        self.dialog.set_progress(done, total)
        text = QCoreApplication.translate("LoginDialog", "Building the demo database: %1 of %2 customers…")
        self.dialog.set_status(text.replace("%1", count(done)).replace("%2", count(total)) if done < total else "")

    def _open_failed(self, message: str) -> None:
        self.open_error = message
        self.dialog.set_progress(0, 0)
        self.dialog.show_error(message)
        self.dialog.button.setEnabled(False)

    def _authenticate(self, login: str, password: str, done: Any, fail: Any) -> None:
        if self.database is None:
            self._pending = (login, password, done, fail)
            self.dialog.set_status(QCoreApplication.translate("LoginDialog", "Connecting to the database…"))
            return
        from desktop.services.errors import ServiceError
        from desktop.services.operators import authenticate

        base = self.base
        self.sign_in_error = None

        def work() -> Any:
            actor = authenticate(base, login, password)
            base.zone()  # read here, off the GUI thread: the desk's dates need it at once
            return actor

        def failed(error: BaseException) -> None:
            from desktop import logs

            logs.unexpected(error, "sign-in")
            self.sign_in_error = error.message if isinstance(error, ServiceError) else str(error)
            fail(self.sign_in_error)

        self.runner.run(work, done, failed)

    def prepare_window(self) -> QMainWindow:
        """The main window before sign-in, hidden and without a service context (the seam)."""
        from desktop.desk_settings import DeskSettings

        self.window = _build_window(self.database, None, DeskSettings.default(), self.base)
        self.window.login_dialog = self.dialog
        self.window.startup = self
        return self.window

    def _signed_in(self, actor: Any) -> None:
        from desktop.desk_settings import DESK_NAME, DeskSettings

        settings = DeskSettings.default()
        if self.window is None:
            self.window = _build_window(self.database, actor, settings, self.base)
            self.window.startup = self
        else:
            self.window.desk.ctx = self.base.as_actor(actor, desk=settings.get(DESK_NAME))
            self.window.signed_in(actor)
        self.window.show()


def run(database_url: str, *, demo_hint: str = "", demo_customers: int = 0, make_folder: bool = True) -> int:
    """The `energodesk` GUI: login dialog first (painted before heavy imports), then the window."""
    import sys

    from desktop import i18n, logs
    from desktop.views import crash

    logs.setup()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)  # the desk is widgets: never a QCoreApplication
    app.setApplicationName("EnergoDesk")
    app.setOrganizationName("EnergoDesk")
    i18n.install(app)
    crash.install()

    startup = Startup(database_url, demo_hint=demo_hint, demo_customers=demo_customers, make_folder=make_folder)
    startup.start()
    if os.environ.get("ENERGODESK_BENCH_PAINTED") == "1":
        _quit_after_first_paint(app, startup.dialog)
    code = app.exec()
    startup.close()
    return code
