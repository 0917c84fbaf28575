"""Per-desk settings: database, branch, desk name, printers; the database password to the keyring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import desk_settings as ds
from desktop.printing.spooler import PrintService
from desktop.views.messages import make_error_label, set_error
from desktop.views.printer_list import with_printers

if TYPE_CHECKING:
    from desktop.services.context import Actor, ServiceContext
    from desktop.views.desk import Desk


def may_edit_settings(actor: Actor | None) -> bool:
    """Only an administrator changes where the desk's data lives and what it prints on."""
    return actor is not None and actor.role == "admin"


def _test_print(ctx: ServiceContext, kind: str, printer: str, desk_name: str) -> str:
    """Worker: the test page of a kind on the chosen printer (waits until the spooler took it)."""
    from desktop.printing.spooler import PrintService
    from desktop.printing.test_page import render_test_page

    pdf = render_test_page(kind, printer, desk_name, ctx.now())
    return PrintService({}).print_pdf(pdf, kind, printer=printer, title="Пробная печать").printer


class SettingsDialog(QDialog):
    """Edits the desk's INI settings; secrets go to the system keyring, never to the file."""

    def __init__(self, settings: ds.DeskSettings, parent: QWidget | None = None, *, actor: Actor | None = None,
                 desk: Desk | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.desk = desk  # runs the test print off the GUI thread; without it there is no test print
        self.actor = actor  # who opened the dialog; save() refuses anyone but an administrator
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Desk settings"))
        self.setMinimumWidth(560)
        self.url = QLineEdit(settings.get(ds.DATABASE_URL))
        self.url.setObjectName("databaseUrlEdit")
        self.url.setPlaceholderText(self.tr("empty: the local file of this desk"))
        self.db_password = QLineEdit()
        self.db_password.setObjectName("databasePasswordEdit")
        self.db_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.db_password.setPlaceholderText(self.tr("stored in the system keyring"))
        self.branch = QLineEdit(settings.get(ds.BRANCH))
        self.branch.setObjectName("branchEdit")
        self.branch.setMaxLength(8)
        self.desk_name = QLineEdit(settings.get(ds.DESK_NAME))
        self.desk_name.setObjectName("deskNameEdit")
        self.printer_boxes: dict[str, QComboBox] = {}
        printer_rows: list[tuple[str, QHBoxLayout]] = []
        titles = {"bills": self.tr("Printer for bills (A4):"),
                  "receipts": self.tr("Printer for receipts (80 mm roll):"),
                  "reports": self.tr("Printer for reports (A4):")}
        for kind, setting in ds.PRINTERS.items():
            box = QComboBox()
            box.setObjectName(f"printer_{kind}")
            self._fill(box, settings.get(setting), None)
            test = QPushButton(self.tr("Test print"))
            test.setObjectName(f"testPrint_{kind}")
            test.setEnabled(desk is not None)
            test.clicked.connect(lambda _=False, k=kind: self.test_print(k))
            row = QHBoxLayout()
            row.addWidget(box, 1)
            row.addWidget(test)
            self.printer_boxes[kind] = box
            printer_rows.append((titles[kind], row))
        self.printer_status = QLabel()
        self.printer_status.setObjectName("printerStatus")
        self.printer_status.setWordWrap(True)
        self.printers_listed = False
        # The system's list comes from a background lpstat (a busy CUPS must not freeze the desk).
        with_printers(self._service(), self, self._listed)
        self.error = make_error_label(self)
        note = QLabel(self.tr("A new database address takes effect at the next start."))
        note.setStyleSheet("color: #555;")

        form = QFormLayout()
        form.addRow(self.tr("Database address:"), self.url)
        form.addRow(self.tr("Database password:"), self.db_password)
        form.addRow(self.tr("Branch code:"), self.branch)
        form.addRow(self.tr("Desk name:"), self.desk_name)
        for title, row in printer_rows:
            form.addRow(title, row)
        form.addRow(self.printer_status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def _service(self) -> PrintService:
        from desktop.views.paper import print_service

        return print_service(self.desk) if self.desk is not None else PrintService({})

    def _fill(self, box: QComboBox, current: str, installed: list[str] | None) -> None:
        """The box's items: ask, the installed printers, and the current one if the system lacks it."""
        box.clear()
        box.addItem(self.tr("(ask each time)"), "")
        for name in installed or ():
            box.addItem(name, name)
        if current and current not in (installed or ()):
            text = current if installed is None else self.tr("%1 (not in the system)").replace("%1", current)
            box.addItem(text, current)
        box.setCurrentIndex(max(box.findData(current), 0))

    def _listed(self, installed: list[str]) -> None:
        for box in self.printer_boxes.values():
            self._fill(box, box.currentData() or "", installed)
        self.printers_listed = True
        if not installed:
            self.printer_status.setText(self.tr("No printer is installed: documents can be saved as PDF."))

    def save(self) -> None:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        from desktop.keyring_store import SecretsUnavailable, database_secret_name, set_secret

        if not may_edit_settings(self.actor):
            set_error(self.error, self.tr("Only an administrator may change the desk settings"))
            return
        url = self.url.text().strip()
        if url:
            try:
                parsed = make_url(url)
            except ArgumentError:
                set_error(self.error, self.tr("Not a database address, e.g. postgresql://desk@server/energodesk"))
                return
            if parsed.get_backend_name() not in ("sqlite", "postgresql"):
                set_error(self.error, self.tr("Only SQLite and PostgreSQL are supported"))
                return
            if parsed.password:
                set_error(self.error, self.tr("Do not put the password into the address; use the password field"))
                return
            if self.db_password.text():
                try:
                    set_secret(database_secret_name(parsed.username, parsed.host, parsed.port, parsed.database),
                               self.db_password.text())
                except SecretsUnavailable as error:
                    set_error(self.error, str(error))
                    return
        self.settings.set(ds.DATABASE_URL, url)
        self.settings.set(ds.BRANCH, self.branch.text().strip().upper())
        self.settings.set(ds.DESK_NAME, self.desk_name.text().strip())
        for kind, setting in ds.PRINTERS.items():
            self.settings.set(setting, self.printer_boxes[kind].currentData() or "")
        self.accept()

    def test_print(self, kind: str) -> None:
        """«Пробная печать»: a test page on the printer chosen in the box (saved or not)."""
        printer = self.printer_boxes[kind].currentData() or ""
        if not printer or self.desk is None:
            set_error(self.error, self.tr("Choose a printer first"))
            return
        set_error(self.error, None)
        self.printer_status.setText(self.tr("Sending a test page to %1…").replace("%1", printer))
        self.desk.call(_test_print, kind, printer, self.desk_name.text().strip(), serial=True,
                       on_done=lambda name: self.printer_status.setText(
                           self.tr("Test page sent to %1.").replace("%1", name)),
                       on_error=self._test_failed)

    def _test_failed(self, error: BaseException) -> None:
        from desktop.printing.spooler import PrintError
        from desktop.views.messages import user_message

        self.printer_status.clear()
        set_error(self.error, str(error) if isinstance(error, PrintError) else user_message(error))
