"""From what the operator typed or scanned to an open card (installed as window.search_controller).

Enter in accountSearch submits. The text is classified on the GUI thread (pure, microseconds);
invalid input is explained in the errorLabel next to the box without touching the database.
An exact account number (any written form, or a scanned GOST bill QR code) opens the card at
once. Anything else asks the lazy SearchResultsModel for page 1 in a worker: nothing found ->
the service's message in the errorLabel; one match -> its card; several -> the searchResults
table in the window's stack, where arrows move, Enter or a double click opens, Esc goes back
to the search box, and Down in the search box moves into the list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.core.search_query import classify
from desktop.models.search_model import ACCOUNT, ADDRESS, BALANCE, NAME, SearchResultsModel
from desktop.views.messages import set_error, user_message

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchController(QObject):
    """Owns the results model and view; the window keeps the search box, stack and card."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.model = SearchResultsModel(window.desk.call, self)
        self.model.firstPage.connect(self._first_page)
        self.model.failed.connect(self._failed)

        view = QTableView()
        view.setObjectName("searchResults")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(26)
        header = view.horizontalHeader()
        header.setSectionResizeMode(ACCOUNT, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BALANCE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ACCOUNT, 150)
        header.resizeSection(NAME, 320)
        header.resizeSection(BALANCE, 190)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        view.installEventFilter(self)
        self.view = view
        window.stack.addWidget(view)
        window.search.installEventFilter(self)

    # --- submitting ----------------------------------------------------------------------------

    def submit(self, text: str) -> None:
        """Enter in the search box (also the Enter a barcode scanner sends after a QR code)."""
        query = classify(text)
        if query.kind == "invalid":
            self.model.clear()
            set_error(self.window.search_error, query.message)
            return
        set_error(self.window.search_error, None)
        if query.kind == "exact":
            self.model.clear()  # a search still in flight must not take the screen afterwards
            self.window.open_account(query.account)
            return
        self.model.set_query(text)

    def _first_page(self, page: Any) -> None:
        if not page.rows:
            set_error(self.window.search_error, page.message or self.tr("Nothing found"))
            return
        if len(page.rows) == 1 and page.next_cursor is None:
            self.window.open_account(page.rows[0].account)
            return
        set_error(self.window.search_error, None)
        self.window.stack.setCurrentWidget(self.view)
        self.view.selectRow(0)
        self.view.scrollToTop()

    def _failed(self, error: BaseException) -> None:
        set_error(self.window.search_error, user_message(error))

    # --- choosing ------------------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.window.open_account(self.model.row_at(row).account)

    def focus_results(self) -> bool:
        if self.window.stack.currentWidget() is not self.view or self.model.rowCount() == 0:
            return False
        if not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        self.view.setFocus()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.window.search:
            if key == Qt.Key.Key_Down:
                return self.focus_results()
            return False
        if watched is self.view:
            if key in _ENTER:
                self.open_row(self.view.currentIndex().row())
                return True
            if key == Qt.Key.Key_Escape:
                self.window.focus_search()
                return True
        return False
