"""Change of the operator's own password, required at the first sign-in after a reset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.views.messages import clear_on_input, make_error_label, set_error, user_message

if TYPE_CHECKING:
    from desktop.views.desk import Desk


class ChangePasswordDialog(QDialog):
    """Asks for the current password and a new one twice; the service checks the rules."""

    def __init__(self, desk: Desk, *, forced: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        intro = QLabel(
            self.tr("Your password was reset by the administrator. Choose a new one to continue.")
            if forced else self.tr("Choose a new password.")
        )
        intro.setWordWrap(True)
        self.old = QLineEdit()
        self.old.setObjectName("oldPassword")
        self.new = QLineEdit()
        self.new.setObjectName("newPassword")
        self.again = QLineEdit()
        self.again.setObjectName("newPasswordAgain")
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
        self.error = make_error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("changePasswordButton")
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old)
        form.addRow(self.tr("New password:"), self.new)
        form.addRow(self.tr("New password again:"), self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        clear_on_input(self.error, self.old, self.new, self.again)

    def _submit(self) -> None:
        if self.new.text() != self.again.text():
            set_error(self.error, self.tr("The new passwords do not match"))
            return
        from desktop.services.operators import change_own_password

        self.ok.setEnabled(False)
        self.desk.call(change_own_password, self.old.text(), self.new.text(),
                       on_done=self._done, on_error=self._failed)

    def _done(self, actor: Any) -> None:
        ctx = self.desk.ctx
        if ctx is not None:  # always: only a signed-in operator opens this dialog
            self.desk.ctx = ctx.as_actor(actor)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        set_error(self.error, user_message(error))
