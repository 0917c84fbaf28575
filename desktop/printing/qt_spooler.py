"""Windows printing through Qt: each PDF page rendered at the printer's resolution, off the GUI thread.

Windows has no spooler that takes a PDF as it is, so the page is painted into a QPrinter
(QPainter on a QPrinter is allowed outside the GUI thread). Untested here: the project's
machines run Linux, where desktop.printing.spooler.CupsSpooler is used instead.
"""

from __future__ import annotations

from pathlib import Path

from desktop.printing.spooler import PrintError


class QtSpooler:
    """The Spooler of desktop.printing.spooler for Windows: QPrinterInfo's printers, QPdfDocument pages."""

    def printers(self) -> list[str]:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())

    def submit(self, path: Path, printer: str, title: str, page_pt: tuple[float, float] | None,
               wait: float) -> str:
        from PySide6.QtCore import QRect, QSize, QSizeF, Qt
        from PySide6.QtGui import QPageSize, QPainter
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrinter

        if printer not in self.printers():
            raise PrintError(f"Принтера «{printer}» нет в системе. Выберите другой принтер в настройках.")
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setPrinterName(printer)
        device.setDocName(title or "EnergoDesk")
        if page_pt is not None:
            device.setPageSize(QPageSize(QSizeF(*page_pt), QPageSize.Unit.Point))
        document = QPdfDocument()
        document.load(str(path))
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
            raise PrintError("Документ не подготовлен к печати.")
        painter = QPainter()
        if not painter.begin(device):
            raise PrintError(f"Принтер «{printer}» не принял задание. Проверьте его и повторите.")
        try:
            dpi = device.resolution()
            area = device.pageLayout().paintRectPixels(dpi)
            for index in range(document.pageCount()):
                if index and not device.newPage():
                    raise PrintError(f"Принтер «{printer}» остановился посреди задания.")
                points = document.pagePointSize(index)
                # One page at a time: memory stays at one page image whatever the document's length.
                full = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                target = full.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = document.render(index, target)
                painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
        finally:
            painter.end()
            document.close()
        return title or "EnergoDesk"
