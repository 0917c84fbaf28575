"""Shortcuts that work in any keyboard layout, the guard that keeps text fields from eating them, the F1 sheet.

Every action of the desk has a key made of Qt key codes: F-keys, Enter, Esc, Ctrl+Latin letter.
Alt+letter mnemonics stay as a convenience, but with the Russian texts they are Alt+Cyrillic and
do nothing while the Latin layout is on, so no action may depend on them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP

# The keys of the sheet that are not menu actions (menu actions are listed from the menus
# themselves, so the sheet can never miss one).
FIXED_KEYS: list[tuple[str, str]] = [
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This list of keys")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Search box: account number, surname, address, phone or a scanned QR code")),
    ("F5", QT_TRANSLATE_NOOP("Shortcuts", "Readings: the cursor in the first zone")),
    ("F6", QT_TRANSLATE_NOOP("Shortcuts", "Bills: arrows choose, Enter previews")),
    ("F7", QT_TRANSLATE_NOOP("Shortcuts", "Payment: the amount due, Enter to the cash received, Enter posts")),
    ("F8", QT_TRANSLATE_NOOP("Shortcuts", "Online account: Enter registers it or resets the password")),
    ("F9", QT_TRANSLATE_NOOP("Shortcuts", "User data: phone, e-mail, subscriptions")),
    ("F10", QT_TRANSLATE_NOOP("Shortcuts", "Customer requests: the cursor in a new request's kind")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Next input; in the last one: save or post")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "Clear the entry; once empty: back to the search box")),
    ("Space", QT_TRANSLATE_NOOP("Shortcuts", "Tick a box or press the focused button")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "Requests: register the request being written")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("Shortcuts", "Payment: print the last receipt again after a printer failure")),
    ("Alt+1 … Alt+9", QT_TRANSLATE_NOOP("Shortcuts", "Open the customer's other accounts")),
]


# ``slot`` may take the ``checked`` flag of QAction.triggered or nothing: Qt passes what it accepts.
def add_action(menu: QMenu, title: str, key: str, slot: Callable[..., object], *,
               app_wide: bool = False) -> QAction:
    """A menu entry with a layout-independent key; ``app_wide`` keys work in every window of the desk."""
    action: QAction = menu.addAction(title)
    action.setShortcut(QKeySequence(key))
    if app_wide:
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(slot)
    return action


def menu_actions(window: QMainWindow) -> list[QAction]:
    """Every entry of the window's menus (the sheet lists them; a test checks each has a key)."""
    found: list[QAction] = []
    for top in window.menuBar().actions():
        menu = cast("QMenu | None", top.menu())  # typed QObject; a menu bar's entries hold QMenus
        if menu is None or not top.isVisible():
            continue
        found += [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    return found


class ShortcutGuard(QObject):
    """Installed on the application: a text field must not keep the desk's Ctrl keys for itself.

    QLineEdit claims Ctrl+Shift+Z (redo) and other standard keys through ShortcutOverride, so
    «close shift» did nothing while the cursor was in an amount. Refusing the override for the
    desk's own keys lets Qt run the shortcut instead.

    An Alt+letter that is no mnemonic here (Alt+R with the Latin layout on, where the mnemonics
    are Cyrillic) reaches the field as a key press with its letter, and Qt types it: «r» went
    into the search box, or replaced the selected amount due. Such a press is dropped: in this
    desk Alt is never a way of typing (AltGr arrives as Ctrl+Alt on Windows and without Alt on
    Linux, and is left alone).
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sheet: ShortcutSheet | None = None  # the F1 sheet last opened

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers()
            return bool(modifiers & Qt.KeyboardModifier.AltModifier
                        and not modifiers & Qt.KeyboardModifier.ControlModifier
                        and event.text()[:1].isprintable() and event.text().strip())
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        combination = event.keyCombination()
        if not combination.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        pressed = QKeySequence(combination)
        # True, not accepted: the shortcut runs, the field gets no key.
        return any(action.isEnabled() and action.shortcut() == pressed for action in menu_actions(self.window))


class ShortcutSheet(QDialog):
    """F1: every key of the desk, the menu entries included, read from the menus themselves."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keys of the desk"))
        rows = [(key, QCoreApplication.translate("Shortcuts", text)) for key, text in FIXED_KEYS]
        for action in menu_actions(window):
            rows.append((action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                         action.text().replace("&", "").rstrip("…")))
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for i, (key, text) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(key))
            self.table.setItem(i, 1, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)  # Enter and Esc both close: nothing else to do here
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry() if window.screen() is not None else None
        height = min(620, screen.height() - 80) if screen is not None else 620
        self.resize(720, height)

    def texts(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            assert item is not None  # __init__ fills every cell
            return item.text()

        return [(text(i, 0), text(i, 1)) for i in range(self.table.rowCount())]


_GUARDS = itertools.count(1)


def install(window: QMainWindow) -> None:
    """F1 opens the sheet; the guard keeps the menu keys working inside text fields.

    The guard (a child of the window, kept by the connections below) holds the sheet last opened.
    """
    from PySide6.QtGui import QShortcut

    guard = ShortcutGuard(window)
    # Marked per guard: with one mark for all, a window that was closing (its guard about to be
    # deleted, which removes the filter) marked the next window's fields first, and those fields
    # were left with no guard at all.
    mark = f"shortcutGuarded{next(_GUARDS)}"

    def focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
        # Only the widget with the keyboard gets ShortcutOverride: guard each one once, when it
        # first gets the focus (an application-wide filter would see every paint event).
        if new is not None and not new.property(mark):
            new.setProperty(mark, True)
            new.installEventFilter(guard)

    app = cast(QApplication, QApplication.instance())  # the desk's windows exist: a QApplication runs
    app.focusChanged.connect(focus_changed)
    window.destroyed.connect(lambda *_: app.focusChanged.disconnect(focus_changed))

    def show_sheet() -> None:
        guard.sheet = ShortcutSheet(window)
        guard.sheet.open()

    QShortcut(QKeySequence(Qt.Key.Key_F1), window).activated.connect(show_sheet)
