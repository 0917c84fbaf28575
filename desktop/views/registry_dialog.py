"""The bank registry import dialog for seniors: file, format, a preview of the first lines, then the
import with progress and Cancel (between batches, off the GUI thread), and what was refused."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.report_model import ReportModel
from desktop.views.messages import make_error_label, set_error, user_message
from desktop.views.progress import WorkerProgress, count

if TYPE_CHECKING:
    from desktop.services.context import ServiceContext
    from desktop.services.registries import ImportResult, RegistryPreview
    from desktop.views.desk import Desk

PREVIEW_LINES = 20


def _formats(ctx: ServiceContext) -> list[tuple[str, str]]:
    from desktop.services.registries import registry_formats

    return [(name, fmt.title) for name, fmt in sorted(registry_formats().items())]


def _preview(ctx: ServiceContext, path: str, fmt: str) -> RegistryPreview:
    from desktop.services.registries import preview_registry

    return preview_registry(ctx, path, fmt, PREVIEW_LINES)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} КБ" if n >= 1024 else f"{n} Б"


class RegistryImportDialog(QDialog):
    """objectName registryImportDialog. ``imported`` carries the ImportResult when an import ends."""

    imported = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("registryImportDialog")
        self.setWindowTitle(self.tr("Import a bank payment registry"))
        self.resize(1000, 640)
        self.file = QLineEdit()
        self.file.setObjectName("registryFile")
        self.file.setPlaceholderText(self.tr("The registry file the bank sent"))
        browse = QPushButton(self.tr("&Choose…"))
        browse.setObjectName("registryBrowseButton")
        browse.clicked.connect(self._browse)
        self.format = QComboBox()
        self.format.setObjectName("registryFormat")
        self.preview_model = ReportModel(self)
        self.preview_view = QTableView()
        self.preview_view.setObjectName("registryPreview")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview_status = QLabel()
        self.preview_status.setObjectName("registryPreviewStatus")
        self.error = make_error_label(self)
        self.progress = QProgressBar()
        self.progress.setObjectName("registryProgress")
        self.status = QLabel()
        self.status.setObjectName("registryStatus")
        self.status.setWordWrap(True)
        self.refused = QPlainTextEdit()
        self.refused.setObjectName("registryRefused")
        self.refused.setReadOnly(True)
        self.refused.setPlaceholderText(self.tr("Refused lines are listed here with their line numbers"))
        self.refused.setMaximumHeight(110)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("registryImportButton")
        self.import_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Close"))
        self.cancel_button.setObjectName("registryCancelButton")

        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        for text, row, buddy in ((self.tr("&File:"), file_row, self.file),
                                 (self.tr("F&ormat:"), self.format, self.format)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_status)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.refused)
        layout.addLayout(buttons)

        self.worker = WorkerProgress(self.progress, self, closing=lambda: bool(getattr(desk, "closed", False)))
        self.worker.changed.connect(self._show_progress)
        self.running = False
        # Not ``result``: that would hide QDialog.result(), the dialog's own result code.
        self.import_result: ImportResult | None = None
        self._preview_request = 0
        self._shown_for: tuple[str, str | None] | None = None  # (file, format) of the preview on screen
        # Leaving the file box (e.g. by clicking Import) must not redo a preview of the same file:
        # that would disable the button under the click.
        self.file.editingFinished.connect(lambda: self.load_preview(only_if_changed=True))
        self.format.currentIndexChanged.connect(lambda _index: self.load_preview())
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        desk.call(_formats, on_done=self._set_formats, on_error=self._failed)

    def _set_formats(self, formats: list[tuple[str, str]]) -> None:
        self.format.blockSignals(True)
        for name, title in formats:
            self.format.addItem(f"{name} — {title}", name)
        self.format.blockSignals(False)
        self.load_preview()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the registry file"), self.file.text(),
                                              self.tr("Registries (*.txt *.csv *.dat);;All files (*)"))
        if path:
            self.file.setText(path)
            self.load_preview()

    # --- preview ------------------------------------------------------------------------------

    def load_preview(self, *, only_if_changed: bool = False) -> None:
        """Read the first lines of the chosen file with the chosen format (off the GUI thread)."""
        path, fmt = self.file.text().strip(), self.format.currentData()
        if only_if_changed and self._shown_for == (path, fmt):
            return
        self._shown_for = (path, fmt)
        self.import_button.setEnabled(False)
        self.preview_model.set_report(None)
        set_error(self.error, None)
        if not path or not fmt or self.running:
            self.preview_status.setText(self.tr("Choose the file and its format."))
            return
        self._preview_request += 1
        request = self._preview_request
        self.preview_status.setText(self.tr("Reading the file…"))
        self.desk.call(_preview, path, fmt,
                       on_done=lambda p: self._previewed(p) if request == self._preview_request else None,
                       on_error=lambda e: self._preview_failed(e) if request == self._preview_request else None)

    def _previewed(self, preview: RegistryPreview) -> None:
        self.preview_model.set_report(preview.table())
        self.preview_status.setText(
            self.tr("%1, %2; the first %3 payments as they will be posted:")
            .replace("%1", _size(preview.size_bytes)).replace("%2", preview.format.encoding_label)
            .replace("%3", str(len(preview.lines))))
        if preview.problems:
            set_error(self.error, "\n".join(preview.problems[:5]))
        self.import_button.setEnabled(not preview.problems and bool(preview.lines))

    def _preview_failed(self, error: BaseException) -> None:
        self.preview_status.setText("")
        set_error(self.error, user_message(error))

    # --- import -------------------------------------------------------------------------------

    def _show_progress(self, done: int, total: int) -> None:
        self.status.setText(self.tr("Lines done: %1 of %2").replace("%1", count(done)).replace("%2", count(total)))

    def start(self) -> None:
        """Import the file on the desk's serial runner; the whole file is checked first."""
        from desktop.services.registries import import_registry

        set_error(self.error, None)
        self.refused.clear()
        self.worker.reset()
        self.running = True
        self.import_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))
        self.status.setText(self.tr("Checking every line and the totals…"))
        self.desk.call(import_registry, self.file.text().strip(), self.format.currentData(), self.worker.callback,
                       serial=True, on_done=self._done, on_error=self._failed)

    def reject(self) -> None:  # QDialog.reject
        """Esc or closing the dialog while importing cancels between batches instead of hiding it."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def cancel(self) -> None:
        if self.running:
            self.worker.cancel()
            self.status.setText(self.tr("Cancelling after the current batch…"))
        else:
            self.reject()

    def _finish(self) -> None:
        self.running = False
        self.cancel_button.setText(self.tr("Close"))

    def _done(self, result: ImportResult) -> None:
        self._finish()
        self.import_result = result
        self.status.setText(result.summary())
        lines = [str(r) for r in result.refused]
        hidden = result.refused_count - len(lines)
        if hidden:
            lines.append(self.tr("… and %1 more").replace("%1", str(hidden)))
        self.refused.setPlainText("\n".join(lines))
        self.imported.emit(result)

    def _failed(self, error: BaseException) -> None:
        from desktop.services.registries import RegistryFileError

        self._finish()
        set_error(self.error, user_message(error))
        if isinstance(error, RegistryFileError):
            self.status.setText(self.tr("Nothing was posted: the file has problems (listed below)."))
            self.refused.setPlainText("\n".join(str(p) for p in error.problems))
        elif self.progress.value() > 0:
            # Each batch is its own transaction: what was posted stays, importing again adds the rest.
            self.status.setText(self.tr("The import stopped. What was posted stays posted; import the "
                                        "same file again to post the rest."))
        else:
            self.status.setText(self.tr("Nothing was posted."))
        self.import_button.setEnabled(Path(self.file.text().strip()).is_file())
