"""What every view of a signed-in desk shares: services context, background runners, settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.views.runner import TaskRunner

if TYPE_CHECKING:
    from desktop.database import Database
    from desktop.desk_settings import DeskSettings
    from desktop.services.context import Actor, ServiceContext
    from desktop.views.cash_shift import ShiftController
    from desktop.views.sms_pump import SmsPump

R = TypeVar("R")


class Desk(QObject):
    """The signed-in desk: pass it to pages and dialogs instead of reaching for globals.

    ``accountChanged`` tells every open view that data of that account changed, so the
    card and its pages reload. ``databaseState`` carries "ok" or a message for the status bar.
    """

    accountChanged = Signal(str)
    databaseState = Signal(str)
    shiftChanged = Signal()

    def __init__(self, ctx: ServiceContext | None, database: Database, settings: DeskSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx  # None until an operator signs in
        self.database = database
        self.settings = settings
        self.runner = TaskRunner(self)
        # Payments, billing batches and printing must never overlap.
        self.serial_runner = TaskRunner(self, serial=True)
        self.closed = False
        # The desk's one cash-shift controller (set by the main window) and SMS pump (SmsPump.of).
        self.shift_controller: ShiftController | None = None
        self.sms_pump: SmsPump | None = None

    @property
    def actor(self) -> Actor | None:
        return self.ctx.actor if self.ctx is not None else None

    def call(
        self,
        fn: Callable[..., R],
        *args: Any,
        on_done: Callable[[R], None],
        on_error: Callable[[BaseException], None] | None = None,
        serial: bool = False,
        **kwargs: Any,
    ) -> None:
        """Run a service function ``fn(ctx, *args, **kwargs)`` off the GUI thread."""
        ctx = self.ctx
        if self.closed:
            # A result delivered after the window closed must not open new connections.
            return
        if ctx is None:
            raise RuntimeError("no operator signed in")
        runner = self.serial_runner if serial else self.runner

        def work() -> R:
            return fn(ctx, *args, **kwargs)

        def failed(error: BaseException) -> None:
            from desktop.services.errors import EnvironmentProblem

            if isinstance(error, EnvironmentProblem):
                self.databaseState.emit(error.message)
            if on_error is not None:
                on_error(error)
            else:
                from desktop.views.messages import report_error

                report_error(None, error)

        def done(result: R) -> None:
            self.databaseState.emit("ok")
            on_done(result)

        runner.run(work, done, failed)

    def close(self) -> None:
        """Refuse new calls and let the running ones finish (the window is closing)."""
        self.closed = True
        self.wait()

    def wait(self) -> None:
        self.runner.wait()
        self.serial_runner.wait()
