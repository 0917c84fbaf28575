"""The customer card: who, where, how much, which meters, alerts, and the pages of the visit."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.money import format_rub
from desktop.core.periods import Period
from desktop.views.pages import PAGES
from desktop.views.pages.base import CardPage
from desktop.views.pages.requests_page import alert_html as requests_alert

if TYPE_CHECKING:
    from desktop.services.accounts import AccountCard
    from desktop.views.desk import Desk


def format_date(value: date | None) -> str:
    """30.11.2026, the Russian way."""
    return value.strftime("%d.%m.%Y") if value else "—"


class CustomerCard(QFrame):
    """Shows one AccountCard; ``openAccount`` asks the window to open another account."""

    openAccount = Signal(str)
    # Esc on a page: back to the search box (pages that use Esc themselves override it first).
    backToSearch = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.card: AccountCard | None = None
        self.setObjectName("customerCard")

        self.account_label = QLabel()
        self.account_label.setObjectName("accountNumberLabel")
        self.account_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.name_label = QLabel()
        self.name_label.setObjectName("customerNameLabel")
        self.name_label.setStyleSheet("font-size: 15pt;")
        self.address_label = QLabel()
        self.address_label.setObjectName("addressLabel")
        self.balance_label = QLabel()
        self.balance_label.setObjectName("balanceLabel")
        self.balance_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.meters_label = QLabel()
        self.meters_label.setWordWrap(True)
        self.alerts_label = QLabel()
        self.alerts_label.setObjectName("alertsLabel")
        self.alerts_label.setWordWrap(True)
        self.alerts_label.setTextFormat(Qt.TextFormat.RichText)  # overdue requests in red, others amber
        self.alerts_label.setStyleSheet("color: #b00020; font-weight: 600;")
        self.others = QHBoxLayout()
        # Alt+1..Alt+9 open the customer's other accounts (the buttons say which key is which).
        self._other_numbers: list[str] = []
        for i in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Alt+{i}"), self)
            shortcut.activated.connect(lambda i=i: self._open_other(i))

        # The header (who, where, how much, meters, alerts) is one widget, painted as soon as the
        # card arrives; the pages below load their own data afterwards.
        self.header = QWidget()
        self.header.setObjectName("cardHeader")
        head = QGridLayout(self.header)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.account_label, 0, 0)
        head.addWidget(self.name_label, 0, 1)
        head.addWidget(self.balance_label, 0, 2)
        head.addWidget(self.address_label, 1, 0, 1, 2)
        head.addWidget(self.details_label, 2, 0, 1, 3)
        head.addWidget(self.meters_label, 3, 0, 1, 3)
        head.setColumnStretch(1, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("cardPages")
        self.pages: dict[str, CardPage] = {}
        # Pages not yet given the shown card: filled one per event-loop turn after the visible
        # one, or at once when the operator turns to them (see show_card).
        self._pending: list[CardPage] = []
        for key, title, fkey, page_class in PAGES:
            page = page_class(desk, self)
            page.setObjectName(f"{key}Page")
            self.pages[key] = page
            page.finished.connect(self.backToSearch)
            index = self.tabs.addTab(page, f"{QCoreApplication.translate('CardPages', title)} ({fkey})")
            shortcut = QShortcut(QKeySequence(fkey), self)
            shortcut.activated.connect(lambda i=index: self._open_page(i))

        QShortcut(QKeySequence(Qt.Key.Key_Escape), self,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(self.backToSearch.emit)

        self.tabs.currentChanged.connect(self._fill_shown)

        layout = QVBoxLayout(self)
        head.addWidget(self.alerts_label, 4, 0, 1, 3)
        head.addLayout(self.others, 5, 0, 1, 3)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def _open_page(self, index: int) -> None:
        if self.card is not None:
            self.tabs.setCurrentIndex(index)
            page = self.tabs.currentWidget()
            assert isinstance(page, CardPage)
            page.focus_first()

    def show_card(self, card: AccountCard) -> None:
        """Fill the card from an AccountCard and hand it to every page."""
        self.card = card
        self.account_label.setText(card.account)
        self.name_label.setText(card.name)
        self.address_label.setText(card.address)
        if card.balance_kopecks < 0:
            self.balance_label.setText(self.tr("Debt: %1").replace("%1", format_rub(-card.balance_kopecks)))
            self.balance_label.setStyleSheet("font-size: 14pt; font-weight: 600; color: #b00020;")
        elif card.balance_kopecks > 0:
            self.balance_label.setText(
                self.tr("Overpayment: %1").replace("%1", format_rub(card.balance_kopecks))
            )
            self.balance_label.setStyleSheet("font-size: 14pt; font-weight: 600; color: #1b7f3b;")
        else:
            self.balance_label.setText(self.tr("No debt"))
            self.balance_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        bill = (
            self.tr("last bill %1: %2").replace("%1", Period.parse(card.last_bill_period).name).replace(
                "%2", format_rub(card.last_bill_amount_due_kopecks or 0))
            if card.last_bill_period
            else self.tr("no bills yet")
        )
        payment = (
            self.tr("last payment %1: %2").replace("%1", format_date(card.last_payment_on)).replace(
                "%2", format_rub(card.last_payment_kopecks or 0))
            if card.last_payment_on
            else self.tr("no payments yet")
        )
        self.details_label.setText(f"{card.branch_name} · {bill} · {payment}")
        self.meters_label.setText(self._meters_text(card))
        self.alerts_label.setText(" · ".join([escape(a) for a in self._alerts(card)]
                                             + [a for a in (requests_alert(card),) if a]))
        self.alerts_label.setVisible(bool(self.alerts_label.text()))
        self._fill_others(card)
        # The header keeps the tallest height it has had: a card with fewer lines does not move
        # the pages up. A moved page area is repainted whole (the chart included) before the
        # header counts as painted, about 28 ms of every such Enter; the pages also stop
        # jumping from one customer to the next.
        tallest = self.header.sizeHint().height()
        if tallest > self.header.minimumHeight():
            self.header.setMinimumHeight(tallest)
        if self.header.isVisible():
            # Paint the header now: repaints are low-priority events, and the pages' own loads
            # (history, chart) would otherwise run first and keep the operator waiting.
            self.header.repaint()
        # The visible page now, the others on the next turns of the event loop: filling all six
        # (models cleared, the chart reset, six loads queued on the pool) kept the window from
        # its first paint and from the next key for 15-30 ms; their loads also queued in front of
        # the next card's on the pool threads.
        current = self.tabs.currentWidget()
        self._pending = [page for page in self.pages.values() if page is not current]
        if isinstance(current, CardPage):
            current.show_account(card)
        QTimer.singleShot(0, self._fill_next)

    def pages_pending(self) -> bool:
        """Some pages have not been given the shown card yet (they get it within a few turns)."""
        return bool(self._pending)

    def _fill_next(self) -> None:
        if not self._pending:
            return
        page = self._pending.pop(0)
        if self._pending:  # scheduled first: a page that fails does not leave the others unfilled
            QTimer.singleShot(0, self._fill_next)
        page.show_account(self.card)

    def _fill_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page in self._pending:
            assert isinstance(page, CardPage)
            self._pending.remove(page)
            page.show_account(self.card)

    def _meters_text(self, card: AccountCard) -> str:
        parts = []
        today = self.desk.today()
        for m in card.meters:
            overdue = m.next_verification_on is not None and m.next_verification_on < today
            verification = format_date(m.next_verification_on)
            if overdue:
                verification = f'<span style="color:#b00020; font-weight:600">{verification}</span>'
            line = (
                self.tr("Meter %1, zones: %2, digits: %3, next verification: %4")
                .replace("%1", escape(m.serial)).replace("%2", str(m.zones)).replace("%3", str(m.digits))
                .replace("%4", verification)
            )
            if m.last_readings:
                values = ", ".join(f"{zone}: {value}" for zone, value in sorted(m.last_readings.items()))
                line += " · " + self.tr("last readings %1: %2").replace(
                    "%1", format_date(m.last_reading_date)).replace("%2", values)
            parts.append(line)
        return "<br>".join(parts) or self.tr("No meter installed")

    def _alerts(self, card: AccountCard) -> list[str]:
        alerts = []
        today = self.desk.today()
        if card.closed:
            alerts.append(self.tr("Account closed"))
        if card.old_debt:
            alerts.append(self.tr("Debt older than two months"))
        if any(m.next_verification_on and m.next_verification_on < today for m in card.meters):
            alerts.append(self.tr("Meter verification overdue"))
        if card.online_locked:
            alerts.append(self.tr("Online account locked"))
        return alerts

    def _fill_others(self, card: AccountCard) -> None:
        while self.others.count():
            item = self.others.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._other_numbers = list(card.other_accounts)
        if not card.other_accounts:
            return
        self.others.addWidget(QLabel(self.tr("Other accounts of this customer:")))
        for i, number in enumerate(card.other_accounts, start=1):
            button = QPushButton(f"Alt+{i}: {number}" if i <= 9 else number)
            button.setObjectName(f"otherAccount{i}")
            button.clicked.connect(lambda _=False, n=number: self.openAccount.emit(n))
            self.others.addWidget(button)
        self.others.addStretch(1)
        for i in range(self.others.count()):  # shown now, not on the layout's queued show: the
            item = self.others.itemAt(i)  # header is painted right after this
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.show()

    def _open_other(self, i: int) -> None:
        if self.card is not None and 0 < i <= len(self._other_numbers):
            self.openAccount.emit(self._other_numbers[i - 1])
