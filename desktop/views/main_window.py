"""The main window: the search box on top (F2), the customer card below, the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.views.cash_shift import ShiftController
from desktop.views.customer_card import CustomerCard
from desktop.views.desk import Token
from desktop.views.messages import make_error_label, set_error, user_message

if TYPE_CHECKING:
    from desktop.app import Startup
    from desktop.views.desk import Desk
    from desktop.views.login_dialog import LoginDialog
    from desktop.views.pages.payments_page import PaymentsPage
    from desktop.views.search_controller import SearchController

ROLE_TITLES = {
    "operator": QT_TRANSLATE_NOOP("MainWindow", "operator"),
    "senior": QT_TRANSLATE_NOOP("MainWindow", "senior operator"),
    "admin": QT_TRANSLATE_NOOP("MainWindow", "administrator"),
}


class MainWindow(QMainWindow):
    """One window for the whole visit. Pages are filled by the card; the search controller
    turns what the operator typed or scanned into an open card."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("EnergoDesk — customer service desk"))
        # 1200x800 where there is room; on the usual 1366x768 office screen the whole window,
        # status bar included, must stay on the screen (room left for the title bar).
        room = self.screen().availableGeometry()
        self.resize(min(1200, room.width()), min(800, room.height() - 40))

        self.search = QLineEdit()
        self.search.setObjectName("accountSearch")
        self.search.setPlaceholderText(
            self.tr("Account number, surname, address, phone or scan the bill's QR code (F2)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.search_error = make_error_label()
        search_title = QLabel(self.tr("&Find:"))
        search_title.setBuddy(self.search)

        self.card = CustomerCard(desk)
        self.card.openAccount.connect(self.open_account)
        self.card.backToSearch.connect(self.focus_search)
        self.welcome = QLabel(self.tr("Press F2 and type an account number, a surname, an address or a phone."))
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setStyleSheet("color: #666; font-size: 12pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.card)

        top = QHBoxLayout()
        top.addWidget(search_title)
        top.addWidget(self.search, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.search_error)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.operator_status = QLabel()
        self.shift_status = QLabel(self.tr("Cash shift: closed"))
        self.shift_status.setObjectName("shiftStatus")
        self.db_status = QLabel()
        self.db_status.setObjectName("databaseStatus")
        for label in (self.operator_status, self.shift_status, self.db_status):
            self.statusBar().addPermanentWidget(label)
        from desktop.views.fit import keep_messages_left

        keep_messages_left(self.statusBar())
        self._build_menu()
        self.shift = ShiftController(desk, self)
        desk.shift_controller = self.shift
        desk.shiftChanged.connect(self._shift_changed)
        self.shift.message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self._build_cash_menu()
        from desktop.views.reports_menu import ReportsMenu

        self.reports = ReportsMenu(self)
        from desktop.views.requests_menu import RequestsMenu

        self.requests_menu = RequestsMenu(self)
        if desk.actor is not None:
            self.signed_in(desk.actor)
        self._set_db_state("ok")
        desk.databaseState.connect(self._set_db_state)
        desk.accountChanged.connect(self._account_changed)
        from desktop.views.offline_mode import OfflineController

        # Offline work (issue 18): switches by itself when the shared database stops answering.
        self.offline = OfflineController(desk, self)

        QShortcut(QKeySequence("F2"), self).activated.connect(self.focus_search)
        # Esc clears the box only while it has the focus (the results list uses Esc to come back).
        clear = QShortcut(QKeySequence("Esc"), self.search, context=Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search.clear)
        self.search.returnPressed.connect(self._search_entered)
        # An old «nothing found» must not stand beside what is being typed now.
        self.search.textEdited.connect(lambda _t: set_error(self.search_error, None))
        from desktop.views import shortcuts

        shortcuts.install(self)
        # The search controller may be replaced by a richer one (issue 3) without touching this window.
        self.search_controller: SearchController | None = None
        # Set by app.Startup: the sign-in dialog the window waits for, and the start-up that owns it.
        self.login_dialog: LoginDialog | None = None
        self.startup: Startup | None = None
        self.card_token = Token()  # renewed by every account opened: only the newest fills the card
        self.focus_search()

    def signed_in(self, actor: Any) -> None:
        """Show who works at this desk; a reset password must be changed before work starts."""
        self.operator_status.setText(
            f"{actor.full_name} ({QCoreApplication.translate('MainWindow', ROLE_TITLES[actor.role])}), "
            f"{actor.branch_code}   "
        )
        self.shift.refresh()
        self.operators_action.setVisible(actor.role == "admin")
        self.settings_action.setVisible(actor.role == "admin")
        self.reports.signed_in(actor)
        self.requests_menu.signed_in(actor)
        if actor.must_change_password:
            QTimer.singleShot(0, lambda: self.change_password(forced=True))

    def _build_menu(self) -> None:
        from desktop.views.shortcuts import add_action

        menu = self.menuBar().addMenu(self.tr("&Desk"))
        add_action(menu, self.tr("&Change password…"), "Ctrl+Shift+W", lambda: self.change_password(forced=False))
        # Desk settings (database address and password, printers) are an administrator's (issue 11).
        self.settings_action = add_action(menu, self.tr("&Settings…"), "Ctrl+Shift+E", self.open_settings)
        self.settings_action.setVisible(False)
        self.operators_action = add_action(menu, self.tr("&Operators…"), "Ctrl+Shift+L", self.open_operators)
        self.operators_action.setVisible(False)
        menu.addSeparator()
        add_action(menu, self.tr("E&xit"), "Ctrl+Q", self.close)

    def change_password(self, *, forced: bool) -> None:
        from desktop.views.password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.desk, forced=forced, parent=self)
        if forced:
            # Nothing else may be done with a password the administrator knows.
            dialog.rejected.connect(self.close)
        dialog.open()
        self.password_dialog = dialog

    def open_settings(self) -> None:
        from desktop.views.settings_dialog import SettingsDialog, may_edit_settings

        if not may_edit_settings(self.desk.actor):
            self.statusBar().showMessage(self.tr("Only an administrator may change the desk settings"), 15_000)
            return
        self.settings_dialog = SettingsDialog(self.desk.settings, self, actor=self.desk.actor, desk=self.desk)
        self.settings_dialog.open()

    def open_operators(self) -> None:
        from desktop.views.operators_dialog import OperatorsDialog

        self.operators_dialog = OperatorsDialog(self.desk, self)
        self.operators_dialog.open()
    def _build_cash_menu(self) -> None:
        from desktop.views import card_menu
        from desktop.views.shortcuts import add_action

        self.cash_menu = self.shift.add_menu(self.menuBar())
        add_action(self.cash_menu, self.tr("&Reprint the last receipt"), "Ctrl+Shift+R",
                   lambda: cast("PaymentsPage", self.card.pages["payments"]).reprint_last(), app_wide=True)
        self.card_menu = card_menu.build(self)

    def _shift_changed(self) -> None:
        info = self.shift.info
        self.shift_status.setText(self.shift.status_text())
        self.shift_status.setStyleSheet("" if info is not None and not info.expired else "color: #b00020;")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _set_db_state(self, state: str) -> None:
        kind = self.desk.database.kind
        if state == "ok":
            self.db_status.setText(self.tr("Database: %1 — connected").replace("%1", kind))
            self.db_status.setStyleSheet("")
        else:
            self.db_status.setText(self.tr("Database: %1 — %2").replace("%1", kind).replace("%2", state))
            self.db_status.setStyleSheet("color: #b00020;")

    def _search_entered(self) -> None:
        text = self.search.text()
        if self.offline.active and self.offline.page is not None:
            set_error(self.search_error, self.offline.page.search(text))
            return
        if self.search_controller is not None:
            self.search_controller.submit(text)
            return
        from desktop.core.accounts import normalize_account

        number = normalize_account(text)
        if number is None:
            set_error(self.search_error, self.tr("Type a 12-digit account number"))
            return
        self.open_account(number)

    def open_account(self, number: str) -> None:
        """Load the card of ``number`` off the GUI thread and show it."""
        from desktop.services.accounts import account_card

        set_error(self.search_error, None)
        # Only the newest request may fill the card: an older one arriving late is dropped.
        self.card_token.renew()
        self.desk.call(account_card, number, on_done=self.show_card, on_error=self._card_failed,
                       token=self.card_token)

    def show_card(self, card: Any) -> None:
        self.stack.setCurrentWidget(self.card)  # visible first, so the card header paints at once
        self.card.show_card(card)

    def _card_failed(self, error: BaseException) -> None:
        set_error(self.search_error, user_message(error))

    def _account_changed(self, number: str) -> None:
        if self.card.card is not None and self.card.card.account == number:
            self.open_account(number)

    def closeEvent(self, event: Any) -> None:  # QWidget.closeEvent
        """Let running service calls finish, then release the database connections."""
        self.desk.close()
        self.desk.database.close()
        super().closeEvent(event)
