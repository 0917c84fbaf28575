"""The Qt glue that prints PDF bills: one small interface, so tests swap a fake printer here.

``Printer.print_pdf(data, printer_name)`` raises ``PrintError`` with a message for the
operator. ``QtPdfPrinter`` renders every page with QPdfDocument into a QPrinter (at the
printer's resolution); the system print dialog is shown only when no printer is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget


class PrintError(Exception):
    """Printing failed; ``str(error)`` says why, for the operator."""


class Printer(Protocol):
    """``data`` is the PDF as bytes or the path of a PDF file (a branch batch)."""

    def print_pdf(self, data: bytes | str, printer_name: str, title: str = "") -> None: ...


class QtPdfPrinter:
    """Prints PDF bytes through QPrinter, page by page, fitted to the printable area."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def _printer(self, printer_name: str) -> QPrinter:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if printer_name:
            names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
            if printer_name not in names:
                raise PrintError(QCoreApplication.translate(
                    "QtPrint", "Printer \"%1\" is not available. Check that it is on and connected, "
                    "or choose another printer in the settings.").replace("%1", printer_name))
            printer.setPrinterName(printer_name)
            return printer
        if not QPrinterInfo.availablePrinters():
            raise PrintError(QCoreApplication.translate("QtPrint", "No printer is installed on this computer."))
        dialog = QPrintDialog(printer, self.parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            raise PrintError(QCoreApplication.translate("QtPrint", "Printing was cancelled."))
        return printer

    def print_pdf(self, data: bytes | str, printer_name: str, title: str = "") -> None:
        from PySide6.QtPdf import QPdfDocument

        printer = self._printer(printer_name)
        printer.setDocName(title or "EnergoDesk")
        document = QPdfDocument()
        if isinstance(data, str):
            document.load(data)
        else:
            buffer = QBuffer()
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
            raise PrintError(QCoreApplication.translate(
                "QtPrint", "The bill could not be prepared for printing."))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(QCoreApplication.translate(
                "QtPrint", "The printer did not accept the job. Check the printer and try again."))
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            dpi = printer.resolution()
            for index in range(document.pageCount()):
                if index and not printer.newPage():
                    raise PrintError(QCoreApplication.translate(
                        "QtPrint", "The printer stopped in the middle of the job."))
                points = document.pagePointSize(index)
                # 300 dpi is plenty for text and the QR code and keeps a page image ~25 MB.
                render_dpi = min(dpi, 300)
                image = document.render(index, QSize(round(points.width() / 72 * render_dpi),
                                                     round(points.height() / 72 * render_dpi)))
                full = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                target = full.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
        finally:
            painter.end()
        document.close()
