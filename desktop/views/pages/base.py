"""The base of every customer-card page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.views.desk import Token

if TYPE_CHECKING:
    from desktop.views.desk import Desk


class CardPage(QWidget):
    """A page of the customer card. ``show_account(card)`` is called with the loaded
    AccountCard (or None to clear) every time the card is opened or refreshed.

    ``token`` is renewed whenever the page turns to another account: calls made through
    ``call`` for the previous account then never reach this page (Desk.call drops them).
    """

    # The page's work for this customer is done (a payment posted): the cursor goes back to the
    # search box, ready for the next scan.
    finished = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.card: Any = None
        self.token = Token()

    def show_account(self, card: Any) -> None:
        if card is None or self.card is None or card.account != self.card.account:
            self.token.renew()
        self.card = card

    def first_input(self) -> QWidget | None:
        """The widget the page's function key puts the cursor in (None: not built yet)."""
        return None

    def focus_first(self) -> None:
        """The page key (F5-F9) lands here: the cursor in the page's first input, text selected."""
        target = self.first_input()
        if target is None:
            self.setFocus()
            return
        target.setFocus()
        if isinstance(target, QLineEdit):
            target.selectAll()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """``desk.call`` for this page's account: its result is dropped once the account changed."""
        self.desk.call(fn, *args, token=self.token, **kwargs)
