"""Sizes that keep texts whole: input hints, tables and windows on the screen the desk has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QStatusBar, QTableView, QWidget


def fit_hint(*edits: QLineEdit) -> None:
    """An input is at least as wide as its hint (placeholder): a cut hint says nothing."""
    for edit in edits:
        need = edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 14  # frame and text margins
        edit.setMinimumWidth(max(edit.minimumWidth(), need))


def table_width(table: QTableView) -> int:
    """The width a table needs to show every column without scrolling sideways."""
    scroll = table.verticalScrollBar().sizeHint().width()
    vertical = table.verticalHeader().width() if table.verticalHeader().isVisible() else 0
    # What the table draws around its columns now (frame, scroll bar), or would with a scroll bar.
    around = max(table.width() - table.viewport().width(), 2 * table.frameWidth() + scroll + vertical)
    return table.horizontalHeader().length() + around + 2


def widen_to(window: QWidget, table: QTableView) -> None:
    """Widen ``window`` so ``table`` shows every column, as far as the screen allows, and keep it on it."""
    room = window.screen().availableGeometry()
    extra = table_width(table) - table.width()
    if extra <= 0:
        return
    window.resize(min(window.width() + extra, room.width() - 20), window.height())
    frame = window.frameGeometry()
    if not room.contains(frame):
        frame.moveCenter(room.center())
        window.move(max(room.left(), frame.left()), max(room.top(), frame.top()))


def keep_messages_left(bar: QStatusBar) -> None:
    """QStatusBar paints a message across its whole width, over the operator's name on the right.

    A message that fits left of the permanent labels is shown as it is. One that does not fit
    there (a narrow window, a long text) is shown whole over the bar while the labels step aside
    until it clears: the operator must be able to read why something was refused. Only a message
    wider than the whole bar is shortened («…»).
    """
    hidden: list[QLabel] = []

    def labels() -> list[QLabel]:
        return [w for w in bar.findChildren(QLabel) if w.parent() is bar and w.isVisible()]

    def changed(text: str) -> None:
        if not text:
            for label in hidden:
                label.show()
            hidden.clear()
            return
        fm = bar.fontMetrics()
        # The window's status labels are all permanent (on the right): the leftmost one is the limit.
        right = min((w.x() for w in labels()), default=bar.width())
        if fm.horizontalAdvance(text) <= right - 12:
            return
        for label in labels():
            label.hide()
            hidden.append(label)
        room = bar.width() - 12
        if fm.horizontalAdvance(text) > room:
            bar.showMessage(fm.elidedText(text, Qt.TextElideMode.ElideRight, room), 15_000)

    bar.messageChanged.connect(changed)
