"""The register of requests as a lazy Qt table: pages fetched off the GUI thread as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.models.request_names import CHANNELS, RESULTS, STATES, TYPES, name_of

if TYPE_CHECKING:
    from desktop.services.context import ServiceContext
    from desktop.services.request_register import RegisterFilter, RegisterRow
    from desktop.views.desk import Desk

_Index = QModelIndex | QPersistentModelIndex
# (header, the row's text, the sort key of the service or None when the column does not sort)
COLUMNS: tuple[tuple[str, Callable[[RegisterRow], str], str | None], ...] = (
    (QT_TRANSLATE_NOOP("RequestsModel", "Number"), lambda r: r.number, "number"),
    (QT_TRANSLATE_NOOP("RequestsModel", "Branch"), lambda r: r.branch, None),
    (QT_TRANSLATE_NOOP("RequestsModel", "Registered"), lambda r: r.registered_at.strftime("%d.%m.%Y %H:%M"),
     "registered"),
    (QT_TRANSLATE_NOOP("RequestsModel", "Kind"), lambda r: name_of(TYPES, r.type), "type"),
    (QT_TRANSLATE_NOOP("RequestsModel", "Answer by"), lambda r: name_of(CHANNELS, r.channel), None),
    (QT_TRANSLATE_NOOP("RequestsModel", "Account"), lambda r: r.account, None),
    (QT_TRANSLATE_NOOP("RequestsModel", "Customer"), lambda r: r.customer, None),
    (QT_TRANSLATE_NOOP("RequestsModel", "Due"), lambda r: r.due_on.strftime("%d.%m.%Y"), "due"),
    (QT_TRANSLATE_NOOP("RequestsModel", "State"), lambda r: name_of(STATES, r.state), "state"),
    (QT_TRANSLATE_NOOP("RequestsModel", "Assigned to"), lambda r: r.assignee, None),
    (QT_TRANSLATE_NOOP("RequestsModel", "Result"), lambda r: name_of(RESULTS, r.result) if r.result else "", None),
)
DUE_COLUMN = 7


# ``after`` is the last row's keyset key: (its sort value, whatever column that is; id).
def _page(ctx: ServiceContext, flt: RegisterFilter, sort: str, descending: bool,
          after: tuple[Any, int] | None) -> list[RegisterRow]:
    from desktop.services.request_register import register_page

    return register_page(ctx, flt, sort, descending, after)


class RequestsModel(QAbstractTableModel):
    """Rows of the register; ``canFetchMore``/``fetchMore`` ask for the next keyset page.

    ``desk.call`` runs each page off the GUI thread; a page that arrives after the filter or the
    order changed (an older generation) is dropped.
    """

    failed = Signal(object)
    loaded = Signal()

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.rows: list[RegisterRow] = []
        self.flt: RegisterFilter | None = None
        self.sort_key, self.descending = "registered", True
        self._loading = False
        self._done = True
        self._generation = 0

    def set_filter(self, flt: RegisterFilter) -> None:
        """Start again from the first page with this filter."""
        self.flt = flt
        self.beginResetModel()
        self.rows = []
        self._done = False
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # QAbstractItemModel.rowCount
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # QAbstractItemModel.columnCount
        return 0 if parent.isValid() else len(COLUMNS)

    # data()/headerData() answer Qt's QVariant: text, a brush, or None by role.
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.headerData"""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RequestsModel", COLUMNS[section][0])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.data"""
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and index.column() in (0, DUE_COLUMN):
            return QBrush(QColor("#b00020"))
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # QAbstractItemModel.canFetchMore
        return not parent.isValid() and self.flt is not None and not self._done and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # QAbstractItemModel.fetchMore
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        after = self.rows[-1].key if self.rows else None
        self.desk.call(_page, self.flt, self.sort_key, self.descending, after,
                       on_done=lambda page: self._arrived(generation, page),
                       on_error=lambda error: self._failed(generation, error))

    def _arrived(self, generation: int, page: list[RegisterRow]) -> None:
        if generation != self._generation:
            return
        from desktop.services.request_register import PAGE

        self._loading = False
        self._done = len(page) < PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self._done = True
            self.failed.emit(error)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """QAbstractItemModel.sort: the database sorts (keyset pages), so the model starts again."""
        key = COLUMNS[column][2]
        if key is None:
            return
        self.sort_key, self.descending = key, order == Qt.SortOrder.DescendingOrder
        if self.flt is not None:
            self.set_filter(self.flt)

    @property
    def complete(self) -> bool:
        """Every row of the view is loaded."""
        return self._done and not self._loading
