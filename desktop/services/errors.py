"""Errors the services raise, each with a message an operator can read."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError, StatementError


class ServiceError(Exception):
    """Base of every expected failure; ``str(error)`` is the Russian message for the operator."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InputError(ServiceError):
    """The operator typed something the service cannot accept."""


class NotFound(ServiceError):
    """The account, bill or person asked for does not exist."""


class PermissionDenied(ServiceError):
    """The signed-in operator's role does not allow this."""


class AuthError(ServiceError):
    """Wrong login or password, or a locked operator."""


class Conflict(ServiceError):
    """Someone else changed the same data first; reload and try again."""


class EnvironmentProblem(ServiceError):
    """The database cannot be used right now: unreachable, locked, read-only, full or corrupt.

    Nothing was written: the transaction was rolled back.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


_KINDS = (
    ("locked", ("database is locked", "could not obtain lock", "lock timeout"), "База данных занята другой кассой. Повторите через несколько секунд."),
    ("readonly", ("readonly", "read-only", "read only"), "База данных открыта только для чтения. Обратитесь к администратору."),
    ("full", ("disk is full", "no space left", "database or disk is full"), "На диске нет места для базы данных. Обратитесь к администратору."),
    ("corrupt", ("file is not a database", "malformed", "not a database"), "Файл базы данных повреждён. Обратитесь к администратору."),
    ("unreachable", ("connection", "could not connect", "server closed", "timeout", "unable to open database", "terminating"), "Нет связи с базой данных. Проверьте сеть и повторите."),
)


def classify_db_error(error: BaseException) -> EnvironmentProblem | None:
    """Turn a driver error about the environment into an EnvironmentProblem, else None (a bug)."""
    if not isinstance(error, (OperationalError, DBAPIError, StatementError)):
        return None
    text = str(getattr(error, "orig", error) or error).lower()
    for kind, needles, message in _KINDS:
        if any(n in text for n in needles):
            return EnvironmentProblem(message, kind)
    if isinstance(error, OperationalError) or getattr(error, "connection_invalidated", False):
        return EnvironmentProblem("Ошибка базы данных: " + text.splitlines()[0][:200], "unknown")
    return None
