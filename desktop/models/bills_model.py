"""The account's bills as a table: period, amount due, paid or not, basis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.core.money import format_rub
from desktop.core.periods import Period

if TYPE_CHECKING:
    from desktop.services.bill_documents import BillRow

Index = QModelIndex | QPersistentModelIndex

PERIOD, AMOUNT, PAID, BASIS, EMAIL = range(5)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2


class BillsModel(QAbstractTableModel):
    """Rows are desktop.services.bill_documents.BillRow values, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BillRow] = []

    def set_rows(self, rows: list[BillRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BillRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Period"), self.tr("Amount due"), self.tr("Paid"), self.tr("Basis"),
                    self.tr("E-mail"))[section]
        return None

    # data()/headerData() answer Qt's QVariant: text, int, QColor, the row, or None by role.
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == PERIOD:
                return Period.parse(row.period).name.capitalize()
            if col == AMOUNT:
                return format_rub(row.amount_due_kopecks)
            if col == PAID:
                return self.tr("paid") if row.paid else self.tr("not paid")
            if col == EMAIL:
                return self._email(row)
            return {"meter": self.tr("by meter"), "average": self.tr("by average"),
                    "norm": self.tr("by norm")}[row.basis]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == EMAIL and row.email_error:
            return row.email_error
        if role == Qt.ItemDataRole.ForegroundRole and (
                (col == PAID and not row.paid) or (col == EMAIL and row.email_state == "failed")):
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        if role == SORT_ROLE:
            return (row.period, row.amount_due_kopecks, row.paid, row.basis, row.email_state)[col]
        if role == OBJECT_ROLE:
            return row
        return None

    def _email(self, row: BillRow) -> str:
        """The bill's letter: not sent by e-mail, queued, sent, or failed with the reason."""
        state = row.email_state
        if state == "queued":
            return self.tr("queued")
        if state == "sent":
            return self.tr("sent")
        if state == "failed":
            return self.tr("failed: %1").replace("%1", row.email_error)
        return ""
