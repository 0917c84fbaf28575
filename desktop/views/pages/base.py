"""The base of every customer-card page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.views.desk import Desk


class CardPage(QWidget):
    """A page of the customer card. ``show_account(card)`` is called with the loaded
    AccountCard (or None to clear) every time the card is opened or refreshed."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.card: Any = None

    def show_account(self, card: Any) -> None:
        self.card = card

