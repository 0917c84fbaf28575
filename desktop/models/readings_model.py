"""The readings history table: one row per reading event (all zones of one meter on one date)."""

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

from desktop.core.tariffs import ZONE_NAMES
from desktop.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.services.readings import HistoryRow

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native values: date, int, str
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the HistoryRow itself
TEXT = {
    "Date": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "Date"),
    "Period": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "Period"),
    "Consumption, kWh": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "Consumption, kWh"),
    "Source": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "Source"),
    "Entered by": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "Entered by"),
    "Note": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "Note"),
    "rollover: %1": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "rollover: %1"),
    "reason: %1": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "reason: %1"),
    "meter %1": QT_TRANSLATE_NOOP("ReadingsHistoryModel", "meter %1"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReadingsHistoryModel", text)


def _kwh(value: int | None) -> str:
    if value is None:
        return "—"
    digits = str(value)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return "\u00a0".join(groups)


class ReadingsHistoryModel(QAbstractTableModel):
    """Adapts ``desktop.services.readings.history`` rows (newest first) for a QTableView.

    Columns: date, period, one per zone of the widest meter in the rows, consumption,
    source, who entered it, note (rollover, warning and the operator's reason).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._zones: tuple[str, ...] = ("T1",)
        self._scheme = 1

    # --- filling ----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[HistoryRow], zones: int | None = None) -> None:
        """Replace every row; ``zones`` is the current meter's scheme (names of the zone columns)."""
        self.beginResetModel()
        self._rows = list(rows)
        found = sorted({z for r in self._rows for z in r.values})
        scheme = zones or len(found) or 1
        self._scheme = scheme
        wanted = {f"T{i}" for i in range(1, scheme + 1)} | set(found)
        self._zones = tuple(sorted(wanted))
        self.endResetModel()

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    @property
    def zones(self) -> tuple[str, ...]:
        return self._zones

    def _columns(self) -> list[str]:
        return ["date", "period", *self._zones, "consumption", "source", "who", "note"]

    # --- Qt interface -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns())

    # data()/headerData() answer Qt's QVariant: text, int, the row, a sort value, or None by role.
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        columns = self._columns()
        if not 0 <= section < len(columns):
            return None
        key = columns[section]
        if key in self._zones:
            name = ZONE_NAMES.get(self._scheme, {}).get(key)
            return f"{key} ({name})" if name else key
        titles = {
            "date": _tr(TEXT["Date"]),
            "period": _tr(TEXT["Period"]),
            "consumption": _tr(TEXT["Consumption, kWh"]),
            "source": _tr(TEXT["Source"]),
            "who": _tr(TEXT["Entered by"]),
            "note": _tr(TEXT["Note"]),
        }
        return titles[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        columns = self._columns()
        if not 0 <= index.column() < len(columns):
            return None
        row = self._rows[index.row()]
        key = columns[index.column()]
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == SORT_ROLE:
            return self._sort_value(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "note":
                return self._note(row) or None
            if key == "consumption" and row.consumption:
                return ", ".join(f"{z}: {_kwh(v)}" for z, v in sorted(row.consumption.items()))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in self._zones or key == "consumption":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- cells ------------------------------------------------------------------------------

    def _note(self, row: HistoryRow) -> str:
        parts = []
        if row.rollover_zones:
            parts.append(_tr(TEXT["rollover: %1"]).replace("%1", ", ".join(sorted(row.rollover_zones))))
        if row.warning:
            parts.append(row.warning)
        if row.reason:
            parts.append(_tr(TEXT["reason: %1"]).replace("%1", row.reason))
        if row.meter_serial and row.source in ("initial", "closing"):
            parts.append(_tr(TEXT["meter %1"]).replace("%1", row.meter_serial))
        return "; ".join(parts)

    def _display(self, row: HistoryRow, key: str) -> str:
        if key == "date":
            return row.taken_on.strftime("%d.%m.%Y")
        if key == "period":
            year, month = row.period.split("-")
            return f"{month}.{year}"
        if key in self._zones:
            value = row.values.get(key)
            return "" if value is None else str(value)
        if key == "consumption":
            return _kwh(row.total_kwh)
        if key == "source":
            return row.source_name
        if key == "who":
            return row.operator_name or row.operator_login or ""
        return self._note(row)

    def _sort_value(self, row: HistoryRow, key: str) -> date | int | str:
        if key == "date":
            return row.taken_on
        if key == "period":
            return row.period
        if key in self._zones:
            return row.values.get(key, -1)
        if key == "consumption":
            return -1 if row.total_kwh is None else row.total_kwh
        return self._display(row, key)
