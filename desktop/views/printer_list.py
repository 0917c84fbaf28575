"""The system's printers for a dialog, asked off the GUI thread: ``lpstat`` can take seconds.

A busy or stuck CUPS answers slowly (the spooler's own timeout is 30 s); asked on the GUI thread,
the whole desk froze while a preview's «Печать» or the batch dialog waited for the list. The
answer is kept by the PrintService for a while (spooler.LIST_SECONDS), so the next dialog opens
at once.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from desktop.printing.spooler import PrintError, PrintService
from desktop.views.runner import TaskRunner

_runner: list[TaskRunner] = []  # one for the application, made on the GUI thread at first use


def _list_runner() -> TaskRunner:
    if not _runner or not shiboken6.isValid(_runner[0]):
        _runner[:] = [TaskRunner(QCoreApplication.instance())]
    return _runner[0]


def with_printers(service: PrintService, receiver: QObject, on_ready: Callable[[list[str]], None]) -> None:
    """Call ``on_ready(names)`` on the GUI thread with the system's printers ([] when none or no CUPS).

    At once when the service listed them recently; else after a background ``printers()``.
    Nothing is called when ``receiver`` was deleted meanwhile (the dialog was closed).
    """
    known = service.known_printers()
    if known is not None:
        on_ready(known)
        return

    def deliver(names: list[str]) -> None:
        if shiboken6.isValid(receiver):
            on_ready(names)

    def failed(error: BaseException) -> None:
        if not isinstance(error, PrintError):
            from desktop import logs

            logs.unexpected(error, "listing the printers")
        deliver([])

    _list_runner().run(service.printers, deliver, failed)
