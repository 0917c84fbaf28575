"""Errors the services raise, each with a message an operator can read."""

from __future__ import annotations

import re

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError, StatementError


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


# (kind, what the driver says (lower case), the message). The first match wins, so the precise
# causes come before the general ones: "role does not exist" is not "no connection".
_KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("no_database", ("does not exist",), ""),  # filled in below: the database or the role named
    ("auth", ("password authentication failed", "no password supplied", "authentication failed"),
     "Сервер отклонил пароль базы данных. Сохраните пароль в хранилище паролей (keyring)."),
    ("not_allowed", ("no pg_hba.conf entry",),
     "Сервер базы данных не принимает подключения с этого компьютера (pg_hba.conf). Обратитесь к администратору."),
    ("unknown_host", ("could not translate host name", "failed to resolve host", "name or service not known",
                      "nodename nor servname", "temporary failure in name resolution"),
     "Сервер базы данных не найден по имени: проверьте адрес сервера в настройках."),
    ("starting", ("the database system is starting up", "the database system is shutting down",
                  "the database system is in recovery mode"),
     "Сервер базы данных запускается или останавливается. Повторите через минуту."),
    ("too_many", ("too many clients", "remaining connection slots"),
     "У сервера базы данных кончились подключения. Повторите позже или обратитесь к администратору."),
    ("locked", ("database is locked", "could not obtain lock", "lock timeout"),
     "База данных занята другой кассой. Повторите через несколько секунд."),
    ("readonly", ("readonly", "read-only", "read only"),
     "База данных доступна только для чтения: нет прав на запись в файл базы или его журнал (-wal, -shm), "
     "или сервер в режиме только чтения. Обратитесь к администратору."),
    ("full", ("disk is full", "no space left", "database or disk is full"),
     "На диске нет места для базы данных. Обратитесь к администратору."),
    ("corrupt", ("file is not a database", "malformed", "not a database"),
     "Файл базы данных повреждён. Обратитесь к администратору."),
    ("file_access", ("unable to open database file",),
     "Не удаётся открыть файл базы данных: нет файла, папки или прав на них (и на журнал -wal, -shm)."),
    ("disk_io", ("disk i/o error",), "Ошибка чтения или записи диска с базой данных. Обратитесь к администратору."),
    ("unreachable", ("connection refused", "could not connect", "timeout expired", "timed out", "no route to host",
                     "network is unreachable"),
     "Нет связи с сервером базы данных: он не отвечает. Проверьте сеть и адрес сервера."),
    ("connection_lost", ("server closed", "terminating", "connection", "consuming input failed"),
     "Связь с базой данных прервалась. Проверьте сеть и повторите."),
)
_MISSING = re.compile(r'(database|role) "([^"]{0,80})" does not exist')


def classify_db_error(error: BaseException) -> EnvironmentProblem | None:
    """Turn a driver error about the environment into an EnvironmentProblem, else None (a bug)."""
    if not isinstance(error, (OperationalError, DBAPIError, StatementError)) or isinstance(
            error, (IntegrityError, DataError)):
        return None
    text = str(getattr(error, "orig", error) or error).lower()
    for kind, needles, message in _KINDS:
        if any(n in text for n in needles):
            if kind == "no_database":
                missing = _MISSING.search(str(getattr(error, "orig", error)))
                if missing is None or not isinstance(error, OperationalError):
                    continue
                what, name = missing.groups()
                if what == "role":
                    return EnvironmentProblem(
                        f"На сервере базы данных нет пользователя «{name}»: проверьте имя пользователя в адресе "
                        "базы данных.", "no_role")
                return EnvironmentProblem(
                    f"На сервере нет базы данных «{name}»: проверьте адрес или создайте базу (см. README).",
                    "no_database")
            return EnvironmentProblem(message, kind)
    if isinstance(error, OperationalError) or getattr(error, "connection_invalidated", False):
        return EnvironmentProblem("Ошибка базы данных: " + text.splitlines()[0][:200], "unknown")
    return None

def classify_data_error(error: BaseException) -> InputError:
    """A value the database refused to store or compare, as a sentence for the operator."""
    text = str(getattr(error, "orig", None) or error).lower()
    if "nul" in text and "0x00" in text:
        return InputError("Текст содержит недопустимый символ (NUL)")
    if isinstance(error, UnicodeEncodeError) or "surrogate" in text:
        return InputError("Текст содержит недопустимые символы")
    if "too long" in text:
        return InputError("Текст длиннее, чем помещается в поле")
    if isinstance(error, OverflowError) or "out of range" in text or "overflow" in text:
        return InputError("Число слишком большое")
    return InputError("Неверные данные: " + text.splitlines()[0][:120] if text else "Неверные данные")
