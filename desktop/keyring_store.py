"""Secrets (database, SMTP and SMS gateway passwords) in the system keyring, never in a file."""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError

SERVICE = "EnergoDesk"


class SecretsUnavailable(RuntimeError):
    """No keyring backend on this machine: secrets must be typed in and kept in memory only."""


def _where() -> str:
    try:
        return type(keyring.get_keyring()).__name__
    except Exception:  # noqa: BLE001 - only used in a message
        return "none"


def get_secret(name: str) -> str | None:
    """The secret stored under ``name``, or None when there is none."""
    try:
        return keyring.get_password(SERVICE, name)
    except NoKeyringError:
        raise SecretsUnavailable(
            "На этом компьютере нет системного хранилища паролей (keyring); пароль нужно ввести вручную"
        ) from None
    except KeyringError as error:
        raise SecretsUnavailable(f"Хранилище паролей недоступно: {error}") from None


def set_secret(name: str, value: str) -> str:
    """Store a secret; returns the name of the backend it went to (for the settings page)."""
    try:
        keyring.set_password(SERVICE, name, value)
    except NoKeyringError:
        raise SecretsUnavailable(
            "На этом компьютере нет системного хранилища паролей (keyring); пароль не сохранён"
        ) from None
    except KeyringError as error:
        raise SecretsUnavailable(f"Хранилище паролей недоступно: {error}") from None
    return _where()


def database_secret_name(user: str | None, host: str | None, port: int | None, database: str | None) -> str:
    """The keyring entry of a shared database's password."""
    return f"db:{user or ''}@{host or ''}:{port or 5432}/{database or ''}"
