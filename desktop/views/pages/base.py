"""The base of every customer-card page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.views.desk import Token


class CardPage(QWidget):
    """A page of the customer card. ``show_account(card)`` is called with the loaded
    AccountCard (or None to clear) every time the card is opened or refreshed.

    ``token`` is renewed whenever the page turns to another account: calls made through
    ``call`` for the previous account then never reach this page (Desk.call drops them).
    """

    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.card: Any = None
        self.token = Token()

    def show_account(self, card: Any) -> None:
        if card is None or self.card is None or card.account != self.card.account:
            self.token.renew()
        self.card = card

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """``desk.call`` for this page's account: its result is dropped once the account changed."""
        self.desk.call(fn, *args, token=self.token, **kwargs)
