"""The «Отчёты» menu for seniors and administrators: collections and debtors, bank registries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop.services.context import Actor
    from desktop.services.registries import ImportResult
    from desktop.views.main_window import MainWindow
    from desktop.views.registry_dialog import RegistryImportDialog
    from desktop.views.reports_window import ReportsWindow


class ReportsMenu(QObject):
    """Adds the menu to the main window's menu bar; shown only to seniors and administrators."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu(self.tr("&Reports"))
        self.menu.setObjectName("reportsMenu")
        from desktop.views.shortcuts import add_action

        add_action(self.menu, self.tr("&Collections and debtors…"), "Ctrl+Shift+D", self.open_reports)
        add_action(self.menu, self.tr("&Import a bank registry…"), "Ctrl+Shift+B", self.open_registry_import)
        self.menu.menuAction().setVisible(False)
        self.reports_window: ReportsWindow | None = None
        self.registry_dialog: RegistryImportDialog | None = None

    def signed_in(self, actor: Actor) -> None:
        self.menu.menuAction().setVisible(actor.role in ("senior", "admin"))

    def open_reports(self) -> None:
        from desktop.views.reports_window import ReportsWindow

        self.reports_window = ReportsWindow(self.window.desk, self.window)
        self.reports_window.show()

    def open_registry_import(self) -> None:
        from desktop.views.registry_dialog import RegistryImportDialog

        self.registry_dialog = RegistryImportDialog(self.window.desk, self.window)
        self.registry_dialog.imported.connect(self._imported)
        self.registry_dialog.open()

    def _imported(self, result: ImportResult) -> None:
        # Balances changed: the open card reloads (one more read; cheaper than knowing whose).
        card = self.window.card.card
        if card is not None and result.posted:
            self.window.open_account(card.account)
