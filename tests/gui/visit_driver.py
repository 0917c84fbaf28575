"""Drives the standard walk-in visit through the real main window by key events alone, counting keys.

Used by tests/gui/test_counter_visit.py and benchmarks/bench_counter.py. Every key goes to the
window that has the keyboard (QApplication.activeWindow) as a platform key event, so Qt routes it
the way it routes a real keyboard or a USB scanner: shortcut map first, then the focus widget.
Nothing here clicks, sets a focus or calls a slot. Between keys the driver only waits for the
desk's background work and the queued results ("instant input": no human pauses).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ENTER = Qt.Key.Key_Return


@dataclass
class KeyCount:
    """Keys pressed: navigation (Enter, F-keys, Esc, shortcuts) and data (characters typed)."""

    navigation: int = 0
    data: int = 0
    keys: list[str] = field(default_factory=list)


class Keyboard:
    """A keyboard (and a scanner) attached to the running application."""

    def __init__(self, desk: Any, main_window: Any) -> None:
        self.desk = desk
        self.main_window = main_window
        self.count = KeyCount()

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until the desk's workers are idle and their results delivered."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 2:
            self.desk.wait()
            QApplication.processEvents()
            busy = (self.desk.runner.pool.activeThreadCount() or self.desk.serial_runner.pool.activeThreadCount())
            quiet = 0 if busy else quiet + 1
            if time.monotonic() > deadline:
                raise TimeoutError("the desk did not settle")

    def _target(self) -> Any:
        window = QApplication.activeWindow()
        if window is None:
            # A window manager gives the keyboard back to the main window when a dialog closes;
            # the offscreen platform does not, so the driver does what the window manager would.
            self.main_window.activateWindow()
            QTest.qWaitForWindowActive(self.main_window, 2000)
            window = QApplication.activeWindow()
        assert window is not None, "no window has the keyboard"
        return window.windowHandle()

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              name: str = "", text: str = "") -> None:
        """One navigation key (or chord), then wait for what it started. ``text`` is the letter
        the layout gives the key (a real Alt+R carries «r»; a key without text can type nothing)."""
        QTest.sendKeyEvent(QTest.KeyAction.Click, self._target(), key, text, modifiers)
        self.count.navigation += 1
        self.count.keys.append(name or key_name(key, modifiers))
        self.settle()

    def type(self, text: str) -> None:
        """Characters as a keyboard or a scanner sends them (any script: the text travels with the key)."""
        target = self._target()
        for ch in text:
            key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isprintable() else Qt.Key.Key_unknown
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, key, ch, Qt.KeyboardModifier.NoModifier)
            self.count.data += 1
        self.settle()


def key_name(key: Qt.Key, modifiers: Any) -> str:
    from PySide6.QtCore import QKeyCombination
    from PySide6.QtGui import QKeySequence

    return QKeySequence(QKeyCombination(modifiers, key)).toString()


def focus_name(keyboard: Keyboard, expected: str) -> None:
    """Assert the keyboard is where the visit expects it (by objectName)."""
    keyboard._target()
    widget = QApplication.focusWidget()
    name = widget.objectName() if widget is not None else None
    assert name == expected, f"focus in {name!r}, expected {expected!r}"


@dataclass
class Visit:
    """What the customer brings: the bill's QR payload, one reading, the cash in hand."""

    qr_payload: str
    reading: str
    cash: str


def standard_visit(keyboard: Keyboard, visit: Visit, *, check: bool = True) -> None:
    """Scan, F5, reading, Enter (saved), F7, Enter (amount due kept), cash, Enter (posted, receipt)."""
    if check:
        focus_name(keyboard, "accountSearch")
    keyboard.type(visit.qr_payload)
    keyboard.press(ENTER)  # the scanner's own Enter
    keyboard.press(Qt.Key.Key_F5)
    if check:
        focus_name(keyboard, "readingInput_T1")
    keyboard.type(visit.reading)
    keyboard.press(ENTER)  # the last (only) zone: saves
    keyboard.press(Qt.Key.Key_F7)
    if check:
        focus_name(keyboard, "paymentAmount")
    keyboard.press(ENTER)  # the amount due stays
    if check:
        focus_name(keyboard, "cashTendered")
    keyboard.type(visit.cash)
    keyboard.press(ENTER)  # posts; the receipt prints; the cursor goes back to the search box
