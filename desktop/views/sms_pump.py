"""The desk's SMS pump: a QTimer that runs the queue sender and the delivery poll off the GUI thread."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from desktop.views.desk import Desk

log = logging.getLogger("energodesk.sms")

INTERVAL_MS = 5_000


class SmsPump(QObject):
    """Every few seconds: ``send_due`` then ``poll_statuses`` on the desk's runner, one run at a time.

    ``messagesChanged`` fires after a run that moved any message, so pages showing a message
    state reload it (queued → sent → delivered/failed).
    """

    messagesChanged = Signal()

    def __init__(self, desk: Desk, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent or desk)
        self.desk = desk
        self.gateway: Any = None  # built from company settings on first use
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_once)

    @classmethod
    def of(cls, desk: Desk) -> SmsPump:
        """The one pump of a desk, started on first request."""
        pump = desk.sms_pump
        if pump is None:
            pump = cls(desk)
            desk.sms_pump = pump
            pump.timer.start()
        return pump

    def run_once(self) -> None:
        """One send-and-poll round in the background (skipped while the previous one runs)."""
        ctx = self.desk.ctx
        if self._busy or ctx is None:
            return
        if self.desk.closed:
            # The window was closed (its database too): a round now would open new connections.
            self.timer.stop()
            return
        self._busy = True
        sessions, clock = ctx.sessions, ctx.clock

        def work() -> bool:
            from desktop.services.sms.sender import gateway_from_settings, poll_statuses, send_due

            if self.gateway is None:
                self.gateway = gateway_from_settings(sessions)
            report = send_due(sessions, self.gateway, clock)
            changed = poll_statuses(sessions, self.gateway, clock)
            return bool(report.sent or report.failed or report.retried or changed)

        def done(moved: bool) -> None:
            self._busy = False
            if moved:
                self.messagesChanged.emit()

        def failed(error: BaseException) -> None:
            self._busy = False
            log.warning("SMS sender round failed: %s", error)

        self.desk.runner.run(work, done, failed)
