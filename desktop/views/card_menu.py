"""The «Карточка» menu: every button of the card's pages with a key that works in any layout."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.views.shortcuts import add_action

# (title, key, page, the page's button attribute), in the order of the visit.
ENTRIES = [
    (QT_TRANSLATE_NOOP("CardMenu", "Tariffs…"), "Ctrl+T", "readings", "tariffs_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Replace the meter…"), "Ctrl+Shift+M", "readings", "replace_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Preview the bill"), "Ctrl+Shift+V", "bills", "preview_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Print the selected bills"), "Ctrl+P", "bills", "print_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Return a payment…"), "Ctrl+Shift+F", "payments", "reverse_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Register the online account…"), "Ctrl+Shift+N", "online", "register_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Reset the online password by SMS…"), "Ctrl+Shift+S", "online", "reset_button"),
    (QT_TRANSLATE_NOOP("CardMenu", "Unlock the online account"), "Ctrl+Shift+K", "online", "unlock_button"),
]


def build(window: Any) -> Any:
    """Adds the menu to the window; each entry opens its page and presses the button there."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("CardMenu", "C&ard"))
    menu.setObjectName("cardMenu")
    for title, key, page, attr in ENTRIES:
        action = add_action(menu, QCoreApplication.translate("CardMenu", title), key,
                            lambda _=False, p=page, a=attr, t=title: press(window, p, a, t))
        action.setData(attr)  # the offline mode finds the entries it turns off by their button
    return menu


def press(window: Any, page_key: str, attr: str, title: str) -> None:
    """Open the page and press its button, or say in the status bar why it cannot be pressed now."""
    card = window.card
    if card.card is None:
        window.statusBar().showMessage(
            QCoreApplication.translate("CardMenu", "Open an account first (F2)"), 10_000)
        return
    page = card.pages[page_key]
    button = getattr(page, attr)
    window.stack.setCurrentWidget(card)
    card.tabs.setCurrentWidget(page)
    if button.isVisibleTo(page) and button.isEnabled():
        button.click()
        return
    name = QCoreApplication.translate("CardMenu", title).rstrip("…")
    window.statusBar().showMessage(
        QCoreApplication.translate("CardMenu", "«%1» is not available for this account now").replace("%1", name),
        10_000)
