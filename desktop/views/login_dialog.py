"""The sign-in dialog: login, password, an inline error; sign-in runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from desktop.views.messages import make_error_label, set_error


class LoginDialog(QDialog):
    """Asks for the operator's login and password. ``authenticate(login, password, done, fail)``
    is supplied by the app, so the dialog itself knows nothing about the database."""

    signedIn = Signal(object)

    def __init__(self, authenticate: Callable[..., None], *, hint: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("EnergoDesk: sign in"))
        self.setMinimumWidth(380)

        title = QLabel(self.tr("Operator sign-in"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.user = QLineEdit()
        self.user.setObjectName("loginUser")
        self.user.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.error = make_error_label(self)
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.status.setWordWrap(True)  # «Создаётся демонстрационная база: …» is long

        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.button)
        layout.addWidget(self.status)
        from PySide6.QtWidgets import QProgressBar

        # --demo: the demo database is built behind the dialog (issue 13); hidden otherwise.
        self.progress = QProgressBar()
        self.progress.setObjectName("loginProgress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color: #555;")
            hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(hint_label)

        self.button.clicked.connect(self._submit)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_busy(self, text: str) -> None:
        """Work behind the dialog whose size is not known yet: the text and a moving bar."""
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)

    def set_progress(self, done: int, total: int) -> None:
        """Work behind the dialog (building the demo): shown until done reaches total."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setVisible(done < total)

    def show_error(self, message: str) -> None:
        set_error(self.error, message)
        self.button.setEnabled(True)
        self.password.selectAll()
        self.password.setFocus()

    def _submit(self) -> None:
        login = self.user.text().strip()
        if not login:
            set_error(self.error, self.tr("Enter your login"))
            self.user.setFocus()
            return
        if not self.password.text():
            set_error(self.error, self.tr("Enter your password"))
            self.password.setFocus()
            return
        set_error(self.error, None)
        self.button.setEnabled(False)
        self.set_status(self.tr("Checking…"))
        self._authenticate(login, self.password.text(), self._done, self.show_error)

    def _done(self, actor: Any) -> None:
        self.set_status("")
        self.password.clear()
        self.signedIn.emit(actor)
        self.accept()
