"""The tariff table for display: one row per stored price (history included, never edited)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop.core.money import format_rub
from desktop.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.services.tariffs import TariffRow

_Index = QModelIndex | QPersistentModelIndex
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("group", "scheme", "zone", "range", "price", "from", "to", "by", "note")
TITLES = (
    QT_TRANSLATE_NOOP("TariffsModel", "Consumer group"),
    QT_TRANSLATE_NOOP("TariffsModel", "Scheme"),
    QT_TRANSLATE_NOOP("TariffsModel", "Zone"),
    QT_TRANSLATE_NOOP("TariffsModel", "Range, kWh/month"),
    QT_TRANSLATE_NOOP("TariffsModel", "Price per kWh"),
    QT_TRANSLATE_NOOP("TariffsModel", "Valid from"),
    QT_TRANSLATE_NOOP("TariffsModel", "Valid to"),
    QT_TRANSLATE_NOOP("TariffsModel", "Entered by"),
    QT_TRANSLATE_NOOP("TariffsModel", "Note"),
)
IN_FORCE = QT_TRANSLATE_NOOP("TariffsModel", "in force today")


def _tr(text: str) -> str:
    return QCoreApplication.translate("TariffsModel", text)


def _kwh(value: int) -> str:
    """12 000 with a no-break space between thousands."""
    return f"{value:,}".replace(",", "\u00a0")


def _date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


class TariffsModel(QAbstractTableModel):
    """Rows of ``desktop.services.tariffs.tariff_table``; prices in force today in bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TariffRow] = []

    def set_rows(self, rows: Sequence[TariffRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TariffRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    # data()/headerData() answer Qt's QVariant: text, a font, the row, or None by role.
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [_tr(t) for t in TITLES]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (not index.isValid() or not 0 <= index.row() < len(self._rows)
                or not 0 <= index.column() < len(COLUMNS)):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and row.in_force:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.in_force:
            return _tr(IN_FORCE)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "price":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "group":
            return row.group_name
        if key == "scheme":
            return row.scheme_name
        if key == "zone":
            return f"{row.zone} ({row.zone_name})"
        if key == "range":
            # 1 200–6 000, grouped as the dialog's own «до 1 200 кВт·ч» and the consumption figures.
            upper = "…" if row.to_kwh is None else _kwh(row.to_kwh)
            return f"{row.range_name}: {_kwh(row.from_kwh)}–{upper}"
        if key == "price":
            return format_rub(row.price_kopecks)
        if key == "from":
            return _date(row.valid_from)
        if key == "to":
            return _date(row.valid_to)
        if key == "by":
            return row.created_by or ""
        return row.note
