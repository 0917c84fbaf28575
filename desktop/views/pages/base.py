"""The base of every customer-card page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class CardPage(QWidget):
    """A page of the customer card. ``show_account(card)`` is called with the loaded
    AccountCard (or None to clear) every time the card is opened or refreshed."""

    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.card: Any = None

    def show_account(self, card: Any) -> None:
        self.card = card


class PendingPage(CardPage):
    """A section of the card whose issue has not landed yet; says so plainly."""

    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        label = QLabel(self.tr("This section is not available in this version yet."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #777;")
        QVBoxLayout(self).addWidget(label)
