"""Printing from the views: the desk's print service, the printer choice, Save as PDF, the preview.

Every document goes through desktop.printing.spooler.PrintService on the desk's serial runner
(never on the GUI thread). With no printer chosen for the kind, the operator picks one of the
system's printers or saves the PDF; with none installed, only Save as PDF is offered. A receipt
(online or taken offline) says on its ReceiptLine where it went, offers Save as PDF without a
receipts printer and prints again on Ctrl+R.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
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

from desktop.printing.spooler import RECEIPTS, NoPrinterError, Printed, PrintError, PrintService
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


class ReceiptOutcome(NamedTuple):
    """Where a receipt went: printed on ``detail`` (a printer), or not, ``detail`` saying why.

    ``unprinted`` is the receipt's PDF when no printer is chosen or installed, so the desk can
    offer to save it instead; its ``title`` names the file.
    """

    ok: bool
    detail: str
    unprinted: bytes = b""
    title: str = ""


def print_receipt_pdf(service: PrintService, render: Callable[[], bytes], title: str) -> ReceiptOutcome:
    """Worker: render a receipt and print it on the receipts printer; the outcome, never a raise.

    Online and offline receipts alike: whatever the printer does, the payment is already taken,
    so a printer problem is an outcome to show, not an error. With no printer the PDF comes back.
    """
    pdf = b""
    try:
        pdf = render()
        printed = service.print_pdf(pdf, RECEIPTS, title=title)
    except NoPrinterError as error:
        return ReceiptOutcome(False, str(error), pdf, title)
    except PrintError as error:
        return ReceiptOutcome(False, str(error))
    except Exception as error:  # noqa: BLE001 - a rendering bug must not look like a printed receipt
        from desktop import logs

        logs.unexpected(error, f"printing receipt {title}")
        return ReceiptOutcome(False, "ошибка печати чека (см. журнал)")
    return ReceiptOutcome(True, printed.printer)


class ReceiptLine(QLabel):
    """The ``receiptStatusLabel`` of a payment form: where the last receipt went, Ctrl+R to print it
    again, and Save as PDF offered when no printer is chosen or installed.

    The form posts the payment and runs the printing; this line only says what became of the paper
    (the payment stays taken whatever it says). ``prefix`` leads every line of one receipt (offline:
    the operation's number).
    """

    def __init__(self, desk: Any, owner: QWidget) -> None:
        super().__init__(owner)
        self.desk = desk
        self.setObjectName("receiptStatusLabel")
        self.setWordWrap(True)
        self.setVisible(False)
        self.ok = False  # the last receipt came out on paper: Ctrl+R then prints a copy
        self.prefix = ""
        self._again: Callable[[], None] | None = None
        self.retry_shortcut = QShortcut(QKeySequence("Ctrl+R"), owner)
        self.retry_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retry_shortcut.activated.connect(self.retry)

    def say(self, text: str, style: str = "") -> None:
        """Show one line as it is (the offline shift box says its shift's news here too)."""
        self.setText(text)
        self.setStyleSheet(style)
        self.setVisible(True)

    def _receipt(self, text: str, style: str) -> None:
        self.say(f"{self.prefix} {text}" if self.prefix else text, style)

    def printing(self, again: Callable[[], None], prefix: str = "") -> None:
        """A receipt is on its way to the printer; Ctrl+R will call ``again``."""
        self._again, self.prefix = again, prefix
        self._receipt(self.tr("Printing the receipt…"), "color: #555;")

    def retry(self) -> None:
        """Ctrl+R: print the last receipt again (the form decides original or copy by ``ok``)."""
        if self._again is not None:
            self._again()

    def show_outcome(self, outcome: ReceiptOutcome) -> None:
        self.ok = outcome.ok
        if outcome.unprinted and self._saved_instead(outcome):
            return
        if outcome.ok:
            self._receipt(self.tr("Receipt printed (printer %1)").replace("%1", outcome.detail), "color: #1b7f3b;")
        else:
            reason = outcome.detail.rstrip(".")
            self._not_printed(reason[:1].lower() + reason[1:])

    def _not_printed(self, reason: str) -> None:
        self._receipt(self.tr("Receipt not printed: %1 — retry (Ctrl+R)").replace("%1", reason),
                      "color: #b00020; font-weight: 600;")

    def _saved_instead(self, outcome: ReceiptOutcome) -> bool:
        """No printer for receipts: offer Save as PDF (the operator's choice); True when saved."""
        reason = outcome.detail.rstrip(".")
        question = self.tr("%1. Save the receipt as PDF instead?").replace("%1", reason)
        if not self.desk.confirm(self.parentWidget(), self.tr("Receipt not printed"), question):
            return False
        path = ask_save_path(self.parentWidget(), file_name(outcome.title))
        if not path:
            return False
        try:
            write_pdf(path, outcome.unprinted)
        except OSError as error:
            self._not_printed(self.tr("could not save the PDF: %1").replace("%1", error.strerror or str(error)))
            return True
        # Saved, not printed: the payment stays marked so, and Ctrl+R prints it once a printer is set.
        self._receipt(self.tr("Receipt saved as PDF: %1 (not printed; Ctrl+R prints it)").replace("%1", path),
                      "color: #1b5e9f; font-weight: 600;")
        return True


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
