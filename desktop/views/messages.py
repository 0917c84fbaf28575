"""One place for message boxes and inline errors, so headless runs can log instead of block."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

log = logging.getLogger("energodesk.messages")


def headless() -> bool:
    """No modal boxes under tests and offscreen automation: they would block forever."""
    return os.environ.get("ENERGODESK_NO_DIALOGS") == "1"


def make_error_label(parent: QWidget | None = None) -> QLabel:
    """The inline error label (objectName errorLabel) shown next to the input it concerns."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setVisible(False)
    return label


def set_error(label: QLabel, message: str | None) -> None:
    """Show ``message`` in the label, or hide it when None/empty."""
    label.setText(message or "")
    label.setVisible(bool(message))


def clear_on_input(label: QLabel, *inputs: QWidget) -> None:
    """Hide ``label``'s message as soon as any of ``inputs`` is changed by the operator: the
    message was about the inputs before (an old error must not stand beside new input)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

    def clear(*_: object) -> None:
        set_error(label, None)

    for widget in inputs:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(clear)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(clear)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(clear)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(clear)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(clear)
        else:
            raise TypeError(f"no input signal known for {type(widget).__name__}")


def user_message(error: BaseException) -> str:
    """The operator-facing text of an expected error, or a generic line for a bug."""
    from desktop.services.errors import ServiceError

    if isinstance(error, ServiceError):
        return error.message
    return QCoreApplication.translate("QWidget", "Internal error; it has been logged. Please tell the administrator.")


def report_error(parent: QWidget | None, error: BaseException, label: QLabel | None = None) -> None:
    """Expected errors go inline (or to a box); bugs go to the crash handler."""
    from desktop.services.errors import EnvironmentProblem, ServiceError

    if isinstance(error, ServiceError) and not isinstance(error, EnvironmentProblem) and label is not None:
        set_error(label, error.message)
        return
    if isinstance(error, ServiceError):
        show_warning(parent, error.message)
        return
    from desktop.views.crash import handle_exception

    handle_exception(type(error), error, error.__traceback__,
                     text=getattr(error, "__traceback_text__", None))


def show_warning(parent: QWidget | None, message: str) -> None:
    log.warning("shown to operator: %s", message)
    if headless():
        return
    QMessageBox.warning(parent, QCoreApplication.translate("QWidget", "EnergoDesk"), message)
