"""The crash handler: log every unexpected exception and show it once in a dialog."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import logs
from desktop.paths import data_dir

log = logging.getLogger("energodesk.crash")
_seen: set[str] = set()
_fault_file = None


class _CrashSignal(QObject):
    # Exceptions raised on worker threads reach the GUI thread through this signal.
    crashed = Signal(str)


_signal: _CrashSignal | None = None


def handle_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, *, text: str | None = None
) -> None:
    """sys.excepthook: log it, then show it on the GUI thread (each kind of traceback once)."""
    text = text or "".join(traceback.format_exception(kind, value, tb))
    if not hasattr(value, "__traceback_text__"):
        with contextlib.suppress(AttributeError):  # an exception type with __slots__
            value.__traceback_text__ = text  # type: ignore[attr-defined]  # a plain attribute BaseException lacks
    logs.unexpected(value, "crash handler")
    if _signal is not None:
        _signal.crashed.emit(text)


def _show(text: str) -> None:
    from desktop.views.messages import headless

    key = text.strip().splitlines()[-1] if text.strip() else text
    if key in _seen or headless():
        return
    _seen.add(key)
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("QWidget", "EnergoDesk: internal error"))
    box.setText(QCoreApplication.translate(
        "QWidget", "Something went wrong. Nothing was half-saved; the details are in the log."))
    box.setDetailedText(text)
    box.exec()


def install() -> None:
    """Install the hook and keep a faulthandler file for hard crashes (reported at next start)."""
    global _signal, _fault_file
    _signal = _CrashSignal()
    _signal.crashed.connect(_show, Qt.ConnectionType.QueuedConnection)
    sys.excepthook = handle_exception
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    previous = folder / "faulthandler.log"
    if previous.exists() and previous.stat().st_size:
        log.error("the previous run crashed hard:\n%s", previous.read_text(errors="replace")[-4000:])
    old, _fault_file = _fault_file, previous.open("w")
    faulthandler.enable(_fault_file)
    if old is not None:  # installed again in this process (tests): one file at a time
        old.close()
