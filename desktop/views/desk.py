"""What every view of a signed-in desk shares: services context, background runners, settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, Concatenate, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import logs
from desktop.views.runner import TaskRunner

if TYPE_CHECKING:
    from desktop.database import Database
    from desktop.desk_settings import DeskSettings
    from desktop.services.context import Actor, ServiceContext
    from desktop.views.cash_shift import ShiftController
    from desktop.views.sms_pump import SmsPump

R = TypeVar("R")

log = logging.getLogger("energodesk.desk")

# confirm(parent, title, question) -> True for "yes". Production asks the operator in a message
# box; tests put their own answer in Desk.confirm. No code path answers for the operator by itself.
ConfirmFn = Callable[[QWidget | None, str, str], bool]


def ask_operator(parent: QWidget | None, title: str, question: str) -> bool:
    """The production confirm: a Yes/No box, "No" by default."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class Token:
    """The late-result rule: a result of a call made under an older value of the token is dropped.

    A page (or the card) holds one and renews it whenever what it shows changes (another
    account, or a newer reload); Desk.call compares the value at call time with the value when
    the result arrives. No page compares account numbers or counters itself.
    """

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def renew(self) -> None:
        """Everything asked under the current value is now stale."""
        self.value += 1


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
        self.confirm: ConfirmFn = ask_operator
        self.dropped = 0  # late results dropped by the token rule (tests and the log read it)

    @property
    def actor(self) -> Actor | None:
        return self.ctx.actor if self.ctx is not None else None

    # --- the one clock ---------------------------------------------------------------------

    def _context(self) -> ServiceContext:
        if self.ctx is None:
            raise RuntimeError("no operator signed in")
        return self.ctx

    def zone(self) -> tzinfo:
        """The company's time zone (read at sign-in, off the GUI thread)."""
        return self._context().zone()

    def now(self) -> datetime:
        """The company's "now": the service context's clock in the company's zone."""
        return self._context().now()

    def today(self) -> date:
        """The company's date (never the PC's clock, never the UTC date)."""
        return self._context().today()

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) moment in the company's zone, for display."""
        return moment.astimezone(self.zone())

    # --- service calls ---------------------------------------------------------------------

    def call(
        self,
        fn: Callable[Concatenate[ServiceContext, ...], R],
        # Any: passed through to fn. A ParamSpec would check them, but it allows no keyword-only
        # parameters (on_done, serial, token) between *args and **kwargs.
        *args: Any,
        on_done: Callable[[R], None],
        on_error: Callable[[BaseException], None] | None = None,
        serial: bool = False,
        token: Token | None = None,
        **kwargs: Any,
    ) -> None:
        """Run a service function ``fn(ctx, *args, **kwargs)`` off the GUI thread.

        ``on_done`` / ``on_error`` run on the GUI thread. With a ``token``, a result (or an
        error) that arrives after the token was renewed is dropped here, the one place. An
        unexpected error is logged with its traceback whatever ``on_error`` does with it.
        """
        ctx = self.ctx
        if self.closed:
            # A result delivered after the window closed must not open new connections.
            return
        if ctx is None:
            raise RuntimeError("no operator signed in")
        runner = self.serial_runner if serial else self.runner
        issued = token.value if token is not None else 0
        name = getattr(fn, "__qualname__", repr(fn))

        def stale() -> bool:
            if token is None or token.value == issued:
                return False
            self.dropped += 1
            log.debug("late result of %s dropped", name)
            return True

        def work() -> R:
            return fn(ctx, *args, **kwargs)

        def failed(error: BaseException) -> None:
            from desktop.services.errors import EnvironmentProblem

            logs.unexpected(error, name)
            if isinstance(error, EnvironmentProblem):
                self.databaseState.emit(error.message)
            if stale():
                return
            if on_error is not None:
                on_error(error)
            else:
                from desktop.views.messages import report_error

                report_error(None, error)

        def done(result: R) -> None:
            self.databaseState.emit("ok")
            if stale():
                return
            on_done(result)

        runner.run(work, done, failed)

    def close(self) -> None:
        """Refuse new calls and let the running ones finish (the window is closing)."""
        self.closed = True
        self.wait()

    def wait(self) -> None:
        self.runner.wait()
        self.serial_runner.wait()
