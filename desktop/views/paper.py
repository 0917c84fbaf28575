"""Printing from the views: the desk's print service, the printer choice, Save as PDF, the preview.

Every document goes through desktop.printing.spooler.PrintService on the desk's serial runner
(never on the GUI thread). With no printer chosen for the kind, the operator picks one of the
system's printers or saves the PDF; with none installed, only Save as PDF is offered.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.printing.spooler import NoPrinterError, Printed, PrintError, PrintService
from desktop.views.messages import make_error_label, set_error


def print_service(desk: Any) -> PrintService:
    """The desk's one print service; the printers are read from the desk settings at each job."""
    service = getattr(desk, "printing", None)
    if service is None:
        settings = getattr(desk, "settings", None)
        service = PrintService(lambda kind: settings.printer(kind) if settings is not None else "")
        desk.printing = service
    return service


def _send(_ctx: Any, service: PrintService, pdf: bytes | Path, kind: str, printer: str | None,
          title: str) -> Printed:
    """Worker: hand the PDF to the spooler (runs on the desk's serial runner)."""
    return service.print_pdf(pdf, kind, printer=printer, title=title)


def ask_save_path(parent: QWidget | None, suggested: str) -> str:
    """The file the operator chose for Save as PDF ('' when cancelled)."""
    start = str(Path.home() / suggested)
    # PySide6 lets tr() be called on the class (context "QObject"); its stubs type it as a method.
    path, _filter = QFileDialog.getSaveFileName(parent, QObject.tr("Save as PDF"),  # type: ignore[call-arg, arg-type]
                                                start, "PDF (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def write_pdf(path: str, data: bytes) -> None:
    """Write through a temporary file and rename: never a half-written PDF under the chosen name."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".energodesk-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def file_name(title: str) -> str:
    """A file name from a document's title (letters, digits, spaces and dashes)."""
    kept = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title).strip()
    return (kept or "document")[:80] + ".pdf"


class PrinterChoiceDialog(QDialog):
    """Pick one of the system's printers for this document, or save it as PDF."""

    def __init__(self, printers: list[str], current: str, message: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerChoiceDialog")
        self.setWindowTitle(self.tr("Print"))
        self.choice: str | None = None  # a printer's name, or "" for Save as PDF
        self.printer = QComboBox()
        self.printer.setObjectName("printerChoice")
        self.printer.addItems(printers)
        if current in printers:
            self.printer.setCurrentText(current)
        note = QLabel(message or (self.tr("No printer is installed on this computer: save the PDF and print "
                                          "it elsewhere.") if not printers else ""))
        note.setObjectName("printerChoiceNote")
        note.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&Print"))
        self.print_button.setObjectName("choicePrintButton")
        self.print_button.setEnabled(bool(printers))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setObjectName("choiceSaveButton")
        cancel = QPushButton(self.tr("Cancel"))
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("P&rinter:"), self.printer)
        self.printer.setEnabled(bool(printers))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(buttons)
        (self.print_button if printers else self.save_button).setDefault(True)

    def _print(self) -> None:
        self.choice = self.printer.currentText()
        self.accept()

    def _save(self) -> None:
        self.choice = ""
        self.accept()


class PaperJob(QObject):
    """Prints one PDF for a widget: off the GUI thread, with the choice dialog when none is set.

    ``on_result(ok, text)`` gets one line: where it went (the printer, the saved file) or why not.
    """

    def __init__(self, desk: Any, parent: QWidget, kind: str, title: str,
                 on_result: Callable[[bool, str], None]) -> None:
        super().__init__(parent)
        self.desk, self.widget, self.kind, self.title, self.on_result = desk, parent, kind, title, on_result
        self.dialog: PrinterChoiceDialog | None = None

    def print(self, pdf: bytes | Path, printer: str | None = None) -> None:
        self.desk.call(_send, print_service(self.desk), pdf, self.kind, printer, self.title, serial=True,
                       on_done=lambda done: self.on_result(
                           True, self.tr("Sent to the printer %1.").replace("%1", done.printer)),
                       on_error=lambda error: self._failed(error, pdf))

    def choose(self, pdf: bytes | Path, message: str = "", printers: list[str] | None = None) -> None:
        """Ask which printer (or Save as PDF), then print there.

        Without ``printers`` the system's list is asked off the GUI thread first (printer_list).
        """
        if printers is None:
            from desktop.views.printer_list import with_printers

            with_printers(print_service(self.desk), self, lambda names: self.choose(pdf, message, names))
            return
        service = print_service(self.desk)
        self.dialog = PrinterChoiceDialog(printers, service.printer_for(self.kind), message, self.widget)

        def chosen() -> None:
            assert self.dialog is not None
            if self.dialog.choice:
                self.print(pdf, self.dialog.choice)
            else:
                self.save(pdf)

        self.dialog.accepted.connect(chosen)
        self.dialog.open()

    def save(self, pdf: bytes | Path) -> None:
        path = ask_save_path(self.widget, file_name(self.title))
        if not path:
            self.on_result(False, self.tr("Not saved."))
            return
        try:
            write_pdf(path, pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes())
        except OSError as error:
            self.on_result(False, self.tr("Could not save the PDF: %1").replace("%1", error.strerror or str(error)))
            return
        self.on_result(True, self.tr("Saved: %1").replace("%1", path))

    def _failed(self, error: BaseException, pdf: bytes | Path) -> None:
        if isinstance(error, NoPrinterError):
            self.choose(pdf, str(error), error.installed)
        elif isinstance(error, PrintError):
            self.on_result(False, str(error))
        else:
            from desktop.views.messages import user_message

            self.on_result(False, user_message(error))


class DocumentPreview(QDialog):
    """The PDF as it will be printed, with «Печать» (Ctrl+P: pick the printer) and «Сохранить PDF…» (Ctrl+S)."""

    def __init__(self, desk: Any, data: bytes, kind: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.data, self.kind = data, kind
        self.setObjectName("documentPreviewDialog")
        self.setWindowTitle(title)
        # Fits a 1366x768 screen with the taskbar: never taller than the available area.
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        height = min(1000, (area.height() - 60) if area is not None else 700)
        self.resize(min(820, (area.width() - 40) if area is not None else 820), max(height, 400))
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("documentPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton(self.tr("&Print (Ctrl+P)"))
        self.print_button.setObjectName("printPreviewButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(self.tr("&Save PDF… (Ctrl+S)"))
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closePreviewButton")
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.error = make_error_label(self)
        self.job = PaperJob(desk, self, kind, title, self._result)
        self.print_button.clicked.connect(lambda: self.job.choose(self.data))
        self.save_button.clicked.connect(lambda: self.job.save(self.data))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.print_button.setFocus()

    def _result(self, ok: bool, where: str) -> None:
        if ok:
            set_error(self.error, None)
            self.status.setText(where)
        else:
            self.status.clear()
            set_error(self.error, where)
