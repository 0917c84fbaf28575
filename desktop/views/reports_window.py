"""The reports window for seniors («Отчёты»): collections by day, branch, desk, operator and channel
with a daily chart, and the debtors list; export to XLSX and CSV, A4 preview and printing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.models.report_model import ReportModel
from desktop.printing.spooler import REPORTS
from desktop.views import range_filter
from desktop.views.messages import make_error_label, set_error, user_message
from desktop.views.paper import DocumentPreview, PaperJob

if TYPE_CHECKING:
    from desktop.core.table_report import TableReport
    from desktop.services.context import ServiceContext
    from desktop.views.collections_chart import CollectionsChart
    from desktop.views.desk import Desk

# The daily sums for the chart: every day of the range with its sum per channel (kopecks).
Daily = list[tuple[date, dict[str, int]]]

KINDS = (
    ("day", QT_TRANSLATE_NOOP("ReportsWindow", "Collections by day")),
    ("branch", QT_TRANSLATE_NOOP("ReportsWindow", "Collections by branch")),
    ("desk", QT_TRANSLATE_NOOP("ReportsWindow", "Collections by desk")),
    ("operator", QT_TRANSLATE_NOOP("ReportsWindow", "Collections by operator")),
    ("channel", QT_TRANSLATE_NOOP("ReportsWindow", "Collections by channel")),
    ("debtors", QT_TRANSLATE_NOOP("ReportsWindow", "Debtors")),
)


def load_report(ctx: ServiceContext, kind: str, date_from: date, date_to: date, months: int,
                branch: str | None) -> tuple[TableReport, Daily | None]:
    """Worker: the report as a TableReport, and the daily sums for the chart (None for debtors)."""
    if kind == "debtors":
        from desktop.services.debtors import debtors, debtors_report

        return debtors_report(debtors(ctx, months, branch), months, branch, ctx.today()), None
    from desktop.services.collections import collections

    found = collections(ctx, date_from, date_to)
    return found.report(kind), found.daily()


def _export(ctx: ServiceContext, path: str, report: TableReport) -> int:
    from desktop.services.export import write_report

    return write_report(path, report)


def _render(ctx: ServiceContext, report: TableReport) -> bytes:
    from desktop.printing.report_pdf import render_report

    return render_report(report, printed_at=ctx.now().strftime("%d.%m.%Y %H:%M"))


class ReportsWindow(QWidget):
    """objectName reportsWindow: reportFrom, reportTo, reportView, exportXlsxButton (CONTRACTS.md)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.setObjectName("reportsWindow")
        self.setWindowTitle(self.tr("Reports — EnergoDesk"))
        self.resize(1200, 700)
        self.report: TableReport | None = None
        self._request = 0
        self.job = PaperJob(desk, self, REPORTS, "", self._print_result)

        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        for key, title in KINDS:
            self.kind.addItem(QCoreApplication.translate("ReportsWindow", title), key)
        self.date_from = range_filter.date_edit("reportFrom")
        self.date_to = range_filter.date_edit("reportTo")
        self.months = QSpinBox()
        self.months.setObjectName("debtMonths")
        self.months.setRange(1, 36)
        self.months.setValue(2)
        self.branch = QComboBox()
        self.branch.setObjectName("reportBranch")
        self.branch.addItem(self.tr("All branches"), None)
        self.show_button = QPushButton(self.tr("Show (F5)"))
        self.show_button.setObjectName("showReportButton")
        self.show_button.setDefault(True)

        self.model = ReportModel(self)
        self.view = QTableView()
        self.view.setObjectName("reportView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart: CollectionsChart | None = None  # collectionsChart, made on first use (pyqtgraph is slow to import)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)

        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.error = make_error_label(self)
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.setObjectName("previewReportButton")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printReportButton")
        self.xlsx_button = QPushButton(self.tr("Save as Excel (XLSX)…"))
        self.xlsx_button.setObjectName("exportXlsxButton")
        self.csv_button = QPushButton(self.tr("Save as CSV…"))
        self.csv_button.setObjectName("exportCsvButton")
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)

        top = QHBoxLayout()
        for label, widget in ((self.tr("&Report:"), self.kind), (self.tr("&From:"), self.date_from),
                              (self.tr("&To:"), self.date_to), (self.tr("Debt older than, &months:"), self.months),
                              (self.tr("&Branch:"), self.branch)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.show_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.preview_button, self.print_button, self.xlsx_button, self.csv_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        self._kind_changed()
        self._set_report(None)
        desk.call(range_filter.today_and_branches, on_done=self._started, on_error=self._failed)

    def _started(self, found: tuple[date, list[tuple[str, str]]]) -> None:
        range_filter.fill(found, self.date_from, self.date_to, self.branch)
        self.refresh()

    def _kind_changed(self) -> None:
        debtors = self.kind.currentData() == "debtors"
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(not debtors)
        self.months.setEnabled(debtors)
        self.branch.setEnabled(debtors)

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the chosen report off the GUI thread; only the newest request may fill the window."""
        set_error(self.error, None)
        self._request += 1
        request = self._request
        self.status.setText(self.tr("Loading…"))
        self.desk.call(load_report, self.kind.currentData(), range_filter.to_date(self.date_from.date()),
                       range_filter.to_date(self.date_to.date()), self.months.value(), self.branch.currentData(),
                       on_done=lambda found: self._loaded(found) if request == self._request else None,
                       on_error=lambda error: self._failed(error) if request == self._request else None)

    def _loaded(self, found: tuple[TableReport, Daily | None]) -> None:
        report, daily = found
        self._set_report(report)
        self.status.setText(f"{report.title}, {report.subtitle}")
        if daily is None:
            if self.chart is not None:
                self.chart.hide()
            return
        if self.chart is None:
            from desktop.views.collections_chart import CollectionsChart

            self.chart = CollectionsChart()
            self.splitter.addWidget(self.chart)
            self.splitter.setSizes([420, 220])
        self.chart.show()
        self.chart.set_daily(daily)

    def _set_report(self, report: TableReport | None) -> None:
        self.report = report
        self.model.set_report(report)
        for button in (self.preview_button, self.print_button, self.xlsx_button, self.csv_button):
            button.setEnabled(report is not None)

    def _failed(self, error: BaseException) -> None:
        self.status.setText("")
        set_error(self.error, user_message(error))

    # --- export, paper ------------------------------------------------------------------------

    def _ask_export(self, suffix: str) -> None:
        if self.report is None:
            return
        title = self.tr("Save the report")
        name = f"{self.report.title} {self.report.subtitle}".replace(":", "").replace(";", "").replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, title, f"{name}.{suffix}", f"*.{suffix}")
        if path:
            self.export_to(path if path.lower().endswith(f".{suffix}") else f"{path}.{suffix}")

    def export_to(self, path: str) -> None:
        """Write the shown report to ``path`` (.xlsx or .csv) off the GUI thread."""
        set_error(self.error, None)
        self.desk.call(_export, path, self.report,
                       on_done=lambda rows: self.status.setText(
                           self.tr("Saved: %1 (%2 rows)").replace("%1", path).replace("%2", str(rows))),
                       on_error=self._failed)

    def preview(self) -> None:
        """The A4 document in the desk's PDF preview (the same bytes that are printed)."""
        if self.report is not None:
            self.desk.call(_render, self.report, on_done=self._show_preview, on_error=self._failed)

    def _show_preview(self, data: bytes) -> None:
        self.pdf = data
        self.preview_dialog = DocumentPreview(self.desk, data, REPORTS, self.report.title if self.report else "",
                                              self)
        self.preview_dialog.open()

    def print_report(self) -> None:
        """Render the A4 document off the GUI thread and send it to the desk's reports printer."""
        if self.report is not None:
            self.desk.call(_render, self.report, on_done=self._print, on_error=self._failed)

    def _print(self, data: bytes) -> None:
        self.pdf = data
        self.job.title = self.report.title if self.report else ""
        self.job.print(data)

    def _print_result(self, ok: bool, text: str) -> None:
        if ok:
            set_error(self.error, None)
            self.status.setText(text)
        else:
            set_error(self.error, text)
