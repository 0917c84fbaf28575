"""The search results list: a lazy table over keyset pages of desktop.services.search.

``set_query(text)`` asks a worker for page 1; the view's scrolling calls ``canFetchMore`` /
``fetchMore``, which ask the worker for the next keyset page. At most one request is in flight
per model; a newer query bumps the generation, so results of an older one are dropped when
they arrive. Rows are only ever appended (beginInsertRows(first, first + n - 1)), never
loaded all at once.

``call`` is ``desk.call``-like: ``call(fn, *args, on_done=..., on_error=..., **kwargs)`` runs
``fn(ctx, *args, **kwargs)`` off the GUI thread and calls back on it. Tests may pass a
synchronous one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Protocol

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

from desktop.core.money import format_rub
from desktop.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.services.context import ServiceContext
    from desktop.services.search import SearchCursor, SearchPage, SearchRow

_Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 50
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native values: str, int
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the SearchRow itself

ACCOUNT, NAME, ADDRESS, BALANCE = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("SearchResultsModel", "Account"),
    QT_TRANSLATE_NOOP("SearchResultsModel", "Customer"),
    QT_TRANSLATE_NOOP("SearchResultsModel", "Address"),
    QT_TRANSLATE_NOOP("SearchResultsModel", "Balance"),
)
TEXT = {
    "debt %1": QT_TRANSLATE_NOOP("SearchResultsModel", "debt %1"),
    "overpaid %1": QT_TRANSLATE_NOOP("SearchResultsModel", "overpaid %1"),
    "%1 (closed)": QT_TRANSLATE_NOOP("SearchResultsModel", "%1 (closed)"),
}
DEBT_COLOUR = QColor("#b00020")
OVERPAID_COLOUR = QColor("#1b7f3b")
CLOSED_COLOUR = QColor("#777777")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SearchResultsModel", text)


class CallFn(Protocol):
    """``desk.call`` as the model uses it: ``fn(ctx, text, after=..., limit=...)`` off the GUI thread."""

    def __call__(self, fn: Callable[Concatenate[ServiceContext, ...], SearchPage], text: str, /, *,
                 on_done: Callable[[SearchPage], None], on_error: Callable[[BaseException], None],
                 after: SearchCursor | None = ..., limit: int = ...) -> None: ...


def balance_text(kopecks: int) -> str:
    """"долг 1 234,56 ₽", "переплата 12,00 ₽" or "0,00 ₽": words, not only a sign."""
    if kopecks < 0:
        return _tr(TEXT["debt %1"]).replace("%1", format_rub(-kopecks))
    if kopecks > 0:
        return _tr(TEXT["overpaid %1"]).replace("%1", format_rub(kopecks))
    return format_rub(0)


class SearchResultsModel(QAbstractTableModel):
    """Rows of ``SearchRow`` for the searchResults view, fetched page by page off the GUI thread.

    Signals: ``firstPage(page)`` when page 1 of the current query arrived (its ``message`` is
    for the errorLabel), ``pageLoaded(count)`` after each further page, ``failed(error)`` when
    a request of the current query raised.
    """

    firstPage = Signal(object)
    pageLoaded = Signal(int)
    failed = Signal(object)

    def __init__(self, call: CallFn, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._call = call
        self._page_size = page_size
        self._rows: list[SearchRow] = []
        self._text: str | None = None
        self._cursor: SearchCursor | None = None
        self._generation = 0
        self._in_flight = False
        self.kind: str | None = None
        self.message: str | None = None
        self.requests = 0  # pages asked for (tests and diagnostics)

    # --- queries -------------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Drop the rows and start ``text``'s first page; results of older queries are ignored."""
        from desktop.services.search import search

        self._reset(text)
        self._request(search, text, limit=self._page_size, first=True)

    def clear(self) -> None:
        """No query: empty, and whatever is still in flight is ignored when it arrives."""
        self._reset(None)

    def _reset(self, text: str | None) -> None:
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._text = text
        self._cursor = None
        self._in_flight = False
        self.kind = None
        self.message = None
        self.endResetModel()

    def _request(self, fn: Callable[Concatenate[ServiceContext, ...], SearchPage], text: str, *, first: bool,
                 **kwargs: Any) -> None:  # Any: after=, limit= passed through to fn
        generation = self._generation
        self._in_flight = True
        self.requests += 1
        self._call(
            fn,
            text,
            on_done=lambda page: self._arrived(generation, page, first),
            on_error=lambda error: self._failed(generation, error),
            **kwargs,
        )

    def _arrived(self, generation: int, page: SearchPage, first: bool) -> None:
        if generation != self._generation:
            return  # an older query: its results are stale
        self._in_flight = False
        self._cursor = page.next_cursor
        if first:
            self.kind = page.kind
            self.message = page.message
        if page.rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        if first:
            self.firstPage.emit(page)
        else:
            self.pageLoaded.emit(len(page.rows))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        self._cursor = None  # do not retry in a loop; a new Enter starts over
        self.failed.emit(error)

    @property
    def loading(self) -> bool:
        return self._in_flight

    # --- lazy fetching -------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return self._cursor is not None and not self._in_flight

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent) or self._text is None:
            return
        from desktop.services.search import search

        self._request(search, self._text, first=False, after=self._cursor, limit=self._page_size)

    # --- the table -----------------------------------------------------------------------------

    def row_at(self, row: int) -> SearchRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    # data()/headerData() answer Qt's QVariant: text, int, a brush, the row, or None by role.
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(HEADERS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section == BALANCE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            if column == ACCOUNT:
                return _tr(TEXT["%1 (closed)"]).replace("%1", r.account) if r.closed else r.account
            if column == NAME:
                return r.name
            if column == ADDRESS:
                return r.address
            if column == BALANCE:
                return balance_text(r.balance_kopecks)
            return None
        if role == SORT_ROLE:
            return (r.account, r.name, r.address, r.balance_kopecks)[column] if column < 4 else None
        if role == OBJECT_ROLE:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == BALANCE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.closed:
                return QBrush(CLOSED_COLOUR)
            if column == BALANCE and r.balance_kopecks < 0:
                return QBrush(DEBT_COLOUR)
            if column == BALANCE and r.balance_kopecks > 0:
                return QBrush(OVERPAID_COLOUR)
        return None
