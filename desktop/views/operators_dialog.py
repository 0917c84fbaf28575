"""Administration of operators: list, unlock, reset a password (to be changed at next sign-in)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.views.messages import make_error_label, set_error, user_message

if TYPE_CHECKING:
    from desktop.views.desk import Desk


class OperatorsDialog(QDialog):
    """For administrators; every action goes through the services and is audited there."""

    def __init__(self, desk: Desk, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("operatorsDialog")
        self.setWindowTitle(self.tr("Operators"))
        self.resize(720, 420)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("operatorsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Branch"), self.tr("State")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.unlock = QPushButton(self.tr("&Unlock"))
        self.unlock.setObjectName("unlockOperatorButton")
        self.reset = QPushButton(self.tr("&Reset password…"))
        self.reset.setObjectName("resetOperatorPasswordButton")
        self.error = make_error_label(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock)
        buttons.addWidget(self.reset)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.unlock.clicked.connect(self._unlock)
        self.reset.clicked.connect(self._reset)
        self.reload()

    def reload(self) -> None:
        from desktop.services.operators import list_operators

        self.desk.call(list_operators, on_done=self._fill, on_error=self._failed)

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            state = self.tr("locked") if row["locked"] else (
                self.tr("must change password") if row["must_change_password"] else self.tr("active"))
            for c, value in enumerate((row["login"], row["full_name"], row["role"], row["branch"], state)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _selected_login(self) -> str | None:
        row = self.table.currentRow()
        if row < 0:
            set_error(self.error, self.tr("Select an operator first"))
            return None
        item = self.table.item(row, 0)
        return item.text() if item is not None else None

    def _unlock(self) -> None:
        from desktop.services.operators import unlock_operator

        login = self._selected_login()
        if login:
            self.desk.call(unlock_operator, login, on_done=lambda _: self._done(), on_error=self._failed)

    def _reset(self, *, password: str | None = None) -> None:
        from desktop.services.operators import reset_operator_password

        login = self._selected_login()
        if not login:
            return
        if password is None:
            password, ok = QInputDialog.getText(
                self, self.tr("Reset password"), self.tr("Temporary password for %1:").replace("%1", login),
                QLineEdit.EchoMode.Password)
            if not ok:
                return
        self.desk.call(reset_operator_password, login, password, on_done=lambda _: self._done(),
                       on_error=self._failed)

    def _done(self) -> None:
        set_error(self.error, None)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        set_error(self.error, user_message(error))
