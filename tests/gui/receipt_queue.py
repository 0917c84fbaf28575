"""The desk's receipts printer in the GUI tests: a real cups-pdf queue, and what the desk sent it."""

from __future__ import annotations

from typing import Any

from desktop.printing.spooler import CupsSpooler, PrintService


class DeskPrinter(CupsSpooler):
    """The desk's receipts printer: a real cups-pdf queue; records what the desk sent it.

    ``fail = True`` stops the queue (cupsdisable), as a printer out of paper would be.
    ``printed`` holds (job title, the PDF bytes the desk handed to CUPS): cups-pdf's own output
    loses the fonts' ToUnicode, so Cyrillic is read from these and digits from the paper.
    """

    def __init__(self, queue) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.queue = queue
        self.printed: list[tuple[str, bytes]] = []

    @property
    def fail(self) -> bool:
        return bool(self.state(self.queue.name))

    @fail.setter
    def fail(self, value: bool) -> None:
        self.queue.disable() if value else self.queue.enable()

    def submit(self, path, printer, title, page_pt, wait):  # type: ignore[no-untyped-def]
        job = super().submit(path, printer, title, page_pt, wait)
        self.printed.append((title, path.read_bytes()))
        return job


def receipts_on(desk: Any, queue: Any) -> DeskPrinter:
    """Choose ``queue`` as the desk's receipts printer (desk settings) and print through it."""
    from desktop.desk_settings import RECEIPT_PRINTER

    desk.settings.set(RECEIPT_PRINTER, queue.name)
    printer = DeskPrinter(queue)
    desk.printing = PrintService(desk.settings.printer, printer)
    return printer
