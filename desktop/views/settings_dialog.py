"""Per-desk settings: database, branch, desk name, printers; the database password to the keyring."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop import desk_settings as ds
from desktop.views.messages import make_error_label, set_error


def may_edit_settings(actor: Any) -> bool:
    """Only an administrator changes where the desk's data lives and what it prints on."""
    return actor is not None and getattr(actor, "role", None) == "admin"


def _printers() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


class SettingsDialog(QDialog):
    """Edits the desk's INI settings; secrets go to the system keyring, never to the file."""

    def __init__(self, settings: ds.DeskSettings, parent: Any = None, *, actor: Any = None) -> None:
        super().__init__(parent)
        self.settings = settings
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
        printers = ["", *_printers()]
        self.bill_printer = QComboBox()
        self.bill_printer.setEditable(True)
        self.bill_printer.addItems(printers)
        self.bill_printer.setCurrentText(settings.get(ds.BILL_PRINTER))
        self.receipt_printer = QComboBox()
        self.receipt_printer.setEditable(True)
        self.receipt_printer.addItems(printers)
        self.receipt_printer.setCurrentText(settings.get(ds.RECEIPT_PRINTER))
        self.error = make_error_label(self)
        note = QLabel(self.tr("A new database address takes effect at the next start."))
        note.setStyleSheet("color: #555;")

        form = QFormLayout()
        form.addRow(self.tr("Database address:"), self.url)
        form.addRow(self.tr("Database password:"), self.db_password)
        form.addRow(self.tr("Branch code:"), self.branch)
        form.addRow(self.tr("Desk name:"), self.desk_name)
        form.addRow(self.tr("Printer for bills:"), self.bill_printer)
        form.addRow(self.tr("Printer for receipts:"), self.receipt_printer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

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
        self.settings.set(ds.BILL_PRINTER, self.bill_printer.currentText().strip())
        self.settings.set(ds.RECEIPT_PRINTER, self.receipt_printer.currentText().strip())
        self.accept()
