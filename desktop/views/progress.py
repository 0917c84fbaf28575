"""Progress of long work on a worker thread, and the Cancel flag it checks between batches."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar


def count(n: int) -> str:
    """12 345 with a no-break space, for progress lines."""
    return f"{n:,}".replace(",", "\u00a0")


class WorkerProgress(QObject):
    """Pass ``callback`` to a service as its ``progress(done, total) -> keep going?``.

    The worker thread calls it; ``changed`` arrives on the GUI thread (queued signal) and moves
    ``bar``. ``cancel()`` makes the next call return False, so the service stops after the batch.
    """

    changed = Signal(int, int)

    def __init__(self, bar: QProgressBar, parent: QObject | None = None,
                 closing: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self.bar = bar
        self.closing = closing  # e.g. the desk is closing: stop too, so its runners can finish
        self._stop = threading.Event()
        self.changed.connect(self._show)

    def reset(self) -> None:
        self._stop.clear()
        self.bar.setValue(0)

    def cancel(self) -> None:
        self._stop.set()

    def callback(self, done: int, total: int) -> bool:
        self.changed.emit(done, total)  # from the worker thread: queued to the GUI
        return not self._stop.is_set() and not self.closing()

    def _show(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
