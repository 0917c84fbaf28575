"""The «Обращения» menu for seniors and administrators: the register of requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop.services.context import Actor
    from desktop.views.main_window import MainWindow
    from desktop.views.request_register import RequestRegisterWindow


class RequestsMenu(QObject):
    """Adds the menu to the main window's menu bar; shown only to seniors and administrators."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu(self.tr("Re&quests"))
        self.menu.setObjectName("requestsMenu")
        from desktop.views.shortcuts import add_action

        add_action(self.menu, self.tr("&Register of requests…"), "Ctrl+Shift+A", self.open_register)
        self.menu.menuAction().setVisible(False)
        self.register_window: RequestRegisterWindow | None = None

    def signed_in(self, actor: Actor) -> None:
        self.menu.menuAction().setVisible(actor.role in ("senior", "admin"))

    def open_register(self) -> None:
        from desktop.views.request_register import RequestRegisterWindow

        self.register_window = RequestRegisterWindow(self.window.desk, self.window)
        self.register_window.openAccount.connect(self.window.open_account)
        self.register_window.show()
