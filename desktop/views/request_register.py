"""The register of customer requests («Реестр обращений») for seniors: filters, sort by header,
lazy loading of keyset pages, export of the current view to XLSX, double click opens the account."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.request_names import STATES, TYPES
from desktop.models.requests_model import RequestsModel
from desktop.views import range_filter
from desktop.views.messages import make_error_label, set_error, user_message

if TYPE_CHECKING:
    from desktop.services.context import ServiceContext
    from desktop.services.request_register import RegisterFilter
    from desktop.views.desk import Desk


def _export(ctx: ServiceContext, flt: RegisterFilter, sort: str, descending: bool, path: str) -> int:
    from desktop.services.request_register import export_register

    return export_register(ctx, flt, sort, descending, path)


class RequestRegisterWindow(QWidget):
    """objectName requestRegisterWindow: registerView, registerBranch, registerType, registerState,
    registerOverdue, registerPeriod, registerFrom, registerTo, exportXlsxButton."""

    openAccount = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.setObjectName("requestRegisterWindow")
        self.setWindowTitle(self.tr("Register of requests — EnergoDesk"))
        self.resize(1280, 660)

        self.branch = QComboBox()
        self.branch.setObjectName("registerBranch")
        self.branch.addItem(self.tr("All branches"), None)
        self.type = QComboBox()
        self.type.setObjectName("registerType")
        self.type.addItem(self.tr("All kinds"), None)
        for key, title in TYPES:
            self.type.addItem(QCoreApplication.translate("Requests", title), key)
        self.state = QComboBox()
        self.state.setObjectName("registerState")
        self.state.addItem(self.tr("Any state"), None)
        self.state.addItem(self.tr("Not closed"), "open")
        for key, title in STATES:
            self.state.addItem(QCoreApplication.translate("Requests", title), key)
        self.overdue = QCheckBox(self.tr("&Overdue only"))
        self.overdue.setObjectName("registerOverdue")
        self.period = QCheckBox(self.tr("&Registered from"))
        self.period.setObjectName("registerPeriod")
        self.date_from = range_filter.date_edit("registerFrom")
        self.date_to = range_filter.date_edit("registerTo")
        self.period.toggled.connect(self._period_toggled)
        self._period_toggled(False)
        self.show_button = QPushButton(self.tr("Show (F5)"))
        self.show_button.setObjectName("showRegisterButton")
        self.show_button.clicked.connect(self.refresh)

        self.model = RequestsModel(desk, self)
        self.model.failed.connect(self._failed)
        self.model.loaded.connect(self._loaded)
        self.view = QTableView()
        self.view.setObjectName("registerView")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Fixed widths: sizing to contents would read every row (and so fetch every page).
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 80, 125, 190, 110, 100, 210, 80, 110, 140, 90)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self._open_account)
        self.view.activated.connect(self._open_account)

        self.status = QLabel()
        self.status.setObjectName("registerStatus")
        self.error = make_error_label(self)
        self.xlsx_button = QPushButton(self.tr("Save as Excel (XLSX)…"))
        self.xlsx_button.setObjectName("exportXlsxButton")
        self.xlsx_button.clicked.connect(self._ask_export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)

        top = QHBoxLayout()
        for label, widget in ((self.tr("&Branch:"), self.branch), (self.tr("&Kind:"), self.type),
                              (self.tr("&State:"), self.state)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        # Two rows: the filters fit a 1366-pixel screen with long kind names.
        second = QHBoxLayout()
        second.addWidget(self.overdue)
        second.addWidget(self.period)
        second.addWidget(self.date_from)
        second.addWidget(QLabel("—"))
        second.addWidget(self.date_to)
        second.addStretch(1)
        top.addWidget(self.show_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.xlsx_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        desk.call(range_filter.today_and_branches, on_done=self._started, on_error=self._failed)

    def _period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def _started(self, found: tuple[date, list[tuple[str, str]]]) -> None:
        range_filter.fill(found, self.date_from, self.date_to, self.branch)
        self.refresh()

    def current_filter(self) -> RegisterFilter:
        from desktop.services.request_register import RegisterFilter

        period = self.period.isChecked()
        return RegisterFilter(
            branch=self.branch.currentData(), type=self.type.currentData(), state=self.state.currentData(),
            overdue=self.overdue.isChecked(),
            date_from=range_filter.to_date(self.date_from.date()) if period else None,
            date_to=range_filter.to_date(self.date_to.date()) if period else None,
        )

    def refresh(self) -> None:
        """Load the first page of the view; more pages come as the list scrolls."""
        set_error(self.error, None)
        self.status.setText(self.tr("Loading…"))
        self.model.set_filter(self.current_filter())

    def _loaded(self) -> None:
        more = "" if self.model.complete else "+"
        self.status.setText(self.tr("Shown: %1").replace("%1", f"{self.model.rowCount()}{more}"))

    def _failed(self, error: BaseException) -> None:
        self.status.setText("")
        set_error(self.error, user_message(error))

    def _open_account(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.model.rows):
            self.openAccount.emit(self.model.rows[index.row()].account)

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the register"), "Обращения.xlsx", "*.xlsx")
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")

    def export_to(self, path: str) -> None:
        """Write the current view (the filter and order shown, every row) to ``path`` off the GUI thread."""
        set_error(self.error, None)
        flt = self.model.flt or self.current_filter()
        self.desk.call(_export, flt, self.model.sort_key, self.model.descending, path,
                       on_done=lambda rows: self.status.setText(
                           self.tr("Saved: %1 (%2 rows)").replace("%1", path).replace("%2", str(rows))),
                       on_error=self._failed)
