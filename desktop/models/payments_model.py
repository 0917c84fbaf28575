"""The account's payments as a Qt table (over desktop.services.payments.PaymentRow)."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.money import format_rub
from desktop.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.services.payments import PaymentRow

_Index = QModelIndex | QPersistentModelIndex
COL_DATE, COL_KIND, COL_METHOD, COL_AMOUNT, COL_OPERATOR, COL_SHIFT, COL_RECEIPT, COL_STATE = range(8)
HEADERS = (
    QT_TRANSLATE_NOOP("PaymentsModel", "Date"),
    QT_TRANSLATE_NOOP("PaymentsModel", "Document"),
    QT_TRANSLATE_NOOP("PaymentsModel", "Method"),
    QT_TRANSLATE_NOOP("PaymentsModel", "Amount"),
    QT_TRANSLATE_NOOP("PaymentsModel", "Operator"),
    QT_TRANSLATE_NOOP("PaymentsModel", "Shift"),
    QT_TRANSLATE_NOOP("PaymentsModel", "Receipt"),
    QT_TRANSLATE_NOOP("PaymentsModel", "State"),
)
KINDS = {
    "payment": QT_TRANSLATE_NOOP("PaymentsModel", "payment"),
    "reversal": QT_TRANSLATE_NOOP("PaymentsModel", "reversal"),
    "refund": QT_TRANSLATE_NOOP("PaymentsModel", "refund"),
}
METHODS = {
    "cash": QT_TRANSLATE_NOOP("PaymentsModel", "cash"),
    "card": QT_TRANSLATE_NOOP("PaymentsModel", "card"),
    "bank": QT_TRANSLATE_NOOP("PaymentsModel", "bank"),
    "online": QT_TRANSLATE_NOOP("PaymentsModel", "online"),
}
STATES = {
    "posted": QT_TRANSLATE_NOOP("PaymentsModel", "posted"),
    "reversed": QT_TRANSLATE_NOOP("PaymentsModel", "reversed"),
    "refunded": QT_TRANSLATE_NOOP("PaymentsModel", "refunded"),
    "receipt_not_printed": QT_TRANSLATE_NOOP("PaymentsModel", "receipt not printed"),
}
SortRole = Qt.ItemDataRole.UserRole + 1
ObjectRole = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("PaymentsModel", text)


class PaymentsModel(QAbstractTableModel):
    """Rows of PaymentRow, newest first; ``ObjectRole`` gives the row itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PaymentRow] = []
        self._zone: tzinfo = UTC

    def set_rows(self, rows: list[PaymentRow], zone: tzinfo = UTC) -> None:
        """Show ``rows``; times are written in ``zone`` (the company's, from the desk)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._zone = zone
        self.endResetModel()

    def row_at(self, row: int) -> PaymentRow:
        """The row shown at ``row`` (a valid row of the view: callers take it from the view)."""
        if not 0 <= row < len(self._rows):
            raise IndexError(row)
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # QAbstractItemModel.rowCount
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # QAbstractItemModel.columnCount
        return 0 if parent.isValid() else len(HEADERS)

    # data()/headerData() answer Qt's QVariant: text, int, a brush, the row, or None by role.
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.headerData"""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.data"""
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == ObjectRole:
            return p
        if role == SortRole:
            return (p.posted_at, p.kind, p.method, p.amount_kopecks, p.operator_name, p.shift_number or 0,
                    p.receipt_number or 0, p.state)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DATE:
                return p.posted_at.astimezone(self._zone).strftime("%d.%m.%Y %H:%M")
            if col == COL_KIND:
                return _tr(KINDS.get(p.kind, p.kind))
            if col == COL_METHOD:
                method = _tr(METHODS.get(p.method, p.method))
                return f"{method} ··{p.card_last4}" if p.card_last4 else method
            if col == COL_AMOUNT:
                return format_rub(p.amount_kopecks)
            if col == COL_OPERATOR:
                return p.operator_name
            if col == COL_SHIFT:
                return str(p.shift_number) if p.shift_number else "—"
            if col == COL_RECEIPT:
                return str(p.receipt_number) if p.receipt_number else "—"
            if col == COL_STATE:
                return _tr(STATES.get(p.state, p.state))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_AMOUNT, COL_SHIFT, COL_RECEIPT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if p.state == "receipt_not_printed":
                return QBrush(QColor("#b00020"))
            if p.state in ("reversed", "refunded") or p.amount_kopecks < 0:
                return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.ToolTipRole and p.reason:
            return p.reason
        return None
