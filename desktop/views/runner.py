"""The background runner: views call services off the GUI thread and get results back on it."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

R = TypeVar("R")


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry results back to it."""

    done = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)

    # Any: one relay carries every task's (callback, value) pair; each _Task pairs them by its R.
    @Slot(object, object)
    def _call(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)


class _Task(QRunnable, Generic[R]):
    def __init__(self, relay: _Relay, fn: Callable[[], R], on_done: Callable[[R], None],
                 on_error: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._relay, self._fn, self._on_done, self._on_error = relay, fn, on_done, on_error

    def run(self) -> None:  # QRunnable.run
        try:
            result = self._fn()
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the GUI thread
            # Carried on the exception to the GUI thread, where it is logged (a plain attribute:
            # BaseException declares none for it).
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(self._on_error, error)
        else:
            self._relay.done.emit(self._on_done, result)


class TaskRunner(QObject):
    """``run(fn, on_done, on_error)``: fn runs on a pool thread, callbacks on the GUI thread.

    ``serial`` runners use a one-thread pool, for work that must not overlap (payments,
    billing batches, printing).
    """

    def __init__(self, parent: QObject | None = None, *, serial: bool = False) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1 if serial else 4)
        self._relay = _Relay(self)
        self._relay.done.connect(self._relay._call)
        self._relay.failed.connect(self._relay._call)
        self.default_error: Callable[[BaseException], None] | None = None

    def run(
        self,
        fn: Callable[[], R],
        on_done: Callable[[R], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        handler = on_error or self.default_error or _log_error
        self.pool.start(_Task(self._relay, fn, on_done, handler))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running tasks (shutdown and tests)."""
        return self.pool.waitForDone(msecs)


def _log_error(error: BaseException) -> None:
    from desktop import logs

    logs.unexpected(error, "background task")
