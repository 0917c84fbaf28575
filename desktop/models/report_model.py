"""A report (desktop.core.table_report.TableReport) as a Qt table: typed cells, the totals line in bold."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core.table_report import Cell, TableReport, format_cell, is_number

SortRole = Qt.ItemDataRole.UserRole + 1  # the cell's own value: int kopecks, date, text
_Index = QModelIndex | QPersistentModelIndex


class ReportModel(QAbstractTableModel):
    """Rows of a TableReport and its totals line last (not part of the rows when sorting)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: TableReport | None = None
        self._rows: list[tuple[Cell, ...]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_report(self, report: TableReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self._rows = list(report.all_rows()) if report is not None else []
        self.endResetModel()

    def is_totals(self, row: int) -> bool:
        return self.report is not None and self.report.totals is not None and row == len(self._rows) - 1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # QAbstractItemModel.rowCount
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # QAbstractItemModel.columnCount
        return 0 if parent.isValid() or self.report is None else len(self.report.columns)

    # data()/headerData() answer Qt's QVariant: text, int, a font, the cell, or None by role.
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.headerData"""
        if self.report is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.report.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole and is_number(column.kind):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.data"""
        if not index.isValid() or self.report is None:
            return None
        column = self.report.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(column.kind, value)
        if role == SortRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if is_number(column.kind) else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_totals(index.row()):
            return self._bold
        return None
