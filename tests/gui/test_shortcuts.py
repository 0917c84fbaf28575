"""Keys that work in any keyboard layout, application-wide where the action is, and the F1 sheet (issue 13).

Keys are sent as platform key events to the window with the keyboard (visit_driver), so they
pass Qt's shortcut map and the ShortcutOverride of the focused text field exactly like a keyboard.
"""

from __future__ import annotations

import pytest
from cups_fixtures import pdf_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableView
from receipt_queue import receipts_on
from visit_driver import Keyboard, focus_name

from desktop.services.accounts import account_card, list_accounts
from desktop.views.pages import PAGES
from desktop.views.shortcuts import ShortcutGuard, menu_actions

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def keyboard(qtbot, window):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    kb = Keyboard(window.desk, window)
    kb.settle()
    return kb


def open_by_keys(keyboard: Keyboard, number: str) -> None:
    keyboard.press(Qt.Key.Key_F2)
    keyboard.type(number)
    keyboard.press(Qt.Key.Key_Return)


def a_debtor_with_bills(ctx) -> str:
    for number in list_accounts(ctx):
        card = account_card(ctx, number)
        if card.balance_kopecks < 0 and card.last_bill_period and not card.closed:
            return number
    pytest.skip("no debtor with bills in the demo")


def test_every_menu_entry_has_a_layout_independent_key_listed_on_f1(window, keyboard):
    actions = menu_actions(window)
    assert len(actions) >= 15
    for action in actions:
        key = action.shortcut()
        assert not key.isEmpty(), f"«{action.text()}» has no key"
        combination = key[0]
        # Ctrl+letter or an F-key: Qt key codes, the same in the Latin and the Russian layout.
        assert combination.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier, action.text()
        assert not combination.keyboardModifiers() & Qt.KeyboardModifier.AltModifier, action.text()
        assert Qt.Key.Key_A <= combination.key() <= Qt.Key.Key_Z, action.text()
    keys = [a.shortcut() for a in actions]
    assert len(set(k.toString() for k in keys)) == len(keys), "two entries share a key"
    keyboard.press(Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutGuard).sheet
    assert sheet.isVisible() and QApplication.activeWindow() is sheet
    listed = dict(sheet.texts())
    for action in actions:
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert key in listed and listed[key] == action.text().replace("&", "").rstrip("…")
    # Every page key of the card (F10 was missing), and the page-level Ctrl keys.
    page_keys = {fkey for _key, _title, fkey, _cls in PAGES}
    assert {"F1", "F2", "Enter", "Esc", "Ctrl+R", "Ctrl+Enter"} | page_keys <= set(listed), set(listed)
    keyboard.press(Qt.Key.Key_Return)  # the default button closes it
    assert not sheet.isVisible()


def test_shift_keys_work_with_the_cursor_in_a_text_field(window, keyboard, operator_ctx):
    number = a_debtor_with_bills(operator_ctx)
    keyboard.press(Qt.Key.Key_O, CTRL_SHIFT)
    keyboard.press(Qt.Key.Key_Return)
    assert window.shift.info is not None
    open_by_keys(keyboard, number)
    keyboard.press(Qt.Key.Key_F7)
    focus_name(keyboard, "paymentAmount")
    amount = QApplication.focusWidget()
    before = amount.text()
    # QLineEdit claims Ctrl+Shift+Z (redo) for itself; the desk's close-shift key must win.
    # Alt+letter that is no mnemonic here (the Latin layout; the mnemonics are Cyrillic) types
    # nothing: «r» replaced the selected amount due, and went into the search box.
    alt = Qt.KeyboardModifier.AltModifier
    keyboard.press(Qt.Key.Key_R, alt, text="r")
    keyboard.press(Qt.Key(0x0416), alt, text="ж")  # Alt+Ж: no mnemonic on this page either
    assert amount.text() == before and amount.selectedText() == before
    keyboard.press(Qt.Key.Key_Z, CTRL_SHIFT)
    dialog = window.shift.dialog
    assert dialog is not None and dialog.isVisible() and QApplication.activeWindow() is dialog
    assert amount.text() == before
    keyboard.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and window.shift.info is not None
    # Each page key puts the cursor in the page's first input; Esc goes back to the search box.
    online = "resetPasswordButton" if window.card.card.online_registered else "registerOnlineButton"
    first = {"F5": "readingInput_T1", "F6": "billsView", "F7": "paymentAmount", "F8": online,
             "F9": "phoneEdit", "F10": "requestType"}
    assert set(first) == {fkey for _key, _title, fkey, _cls in PAGES}
    for fkey, name in first.items():
        keyboard.press(Qt.Key(QKeySequence(fkey)[0].key()))
        focus_name(keyboard, name)
        keyboard.press(Qt.Key.Key_Escape)
        focus_name(keyboard, "accountSearch")
    typed = window.search.text()
    keyboard.press(Qt.Key.Key_R, alt, text="r")
    assert window.search.text() == typed
    keyboard.type("r")  # plain typing still types (over the number when it is selected)
    assert window.search.text() in (typed + "r", "r")


def test_reprint_from_anywhere_and_f6_arrows(qtbot, window, keyboard, operator_ctx, cups_pdf, tmp_path):
    printer = receipts_on(window.desk, cups_pdf)
    number = a_debtor_with_bills(operator_ctx)
    keyboard.press(Qt.Key.Key_O, CTRL_SHIFT)
    keyboard.press(Qt.Key.Key_Return)
    open_by_keys(keyboard, number)
    keyboard.press(Qt.Key.Key_F7)
    keyboard.press(Qt.Key.Key_Return)
    keyboard.press(Qt.Key.Key_Return)  # cash, exactly the amount due
    qtbot.waitUntil(lambda: len(printer.printed) >= 1, timeout=40_000)
    assert len(printer.printed) == 1 and "копия" not in printer.printed[0][0], printer.printed
    (original,) = cups_pdf.printed(1)
    focus_name(keyboard, "accountSearch")
    keyboard.press(Qt.Key.Key_R, CTRL_SHIFT)  # with the cursor in the search box
    qtbot.waitUntil(lambda: len(printer.printed) >= 2, timeout=40_000)
    # The copy came out of the receipts queue: marked КОПИЯ in what the desk sent (cups-pdf's own
    # output loses Cyrillic), the same receipt's digits on the paper.
    assert len(printer.printed) == 2 and printer.printed[1][0].endswith("(копия)"), printer.printed
    sent = [tmp_path / "original-sent.pdf", tmp_path / "copy-sent.pdf"]
    for path, (_title, data) in zip(sent, printer.printed, strict=True):
        path.write_bytes(data)
    assert "КОПИЯ" not in pdf_text(sent[0]) and "КОПИЯ" in pdf_text(sent[1])
    (copy,) = cups_pdf.printed(1)
    assert copy.read_bytes().startswith(b"%PDF") and number in pdf_text(copy) and number in pdf_text(original)
    # F6: the bills list has the keyboard, the arrows move at once.
    keyboard.press(Qt.Key.Key_F6)
    view = window.findChild(QTableView, "billsView")
    assert QApplication.focusWidget() is view and view.model().rowCount() >= 2
    assert view.currentIndex().row() == 0
    keyboard.press(Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    keyboard.press(Qt.Key.Key_Escape)
    focus_name(keyboard, "accountSearch")
