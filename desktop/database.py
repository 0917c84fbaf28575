"""Opening the configured database: URL resolution, the keyring password, schema checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.db.engine import DatabaseUrlError, make_engine, make_session_factory
from desktop.db.schema import SchemaError, ensure_schema
from desktop.keyring_store import SecretsUnavailable, database_secret_name, get_secret
from desktop.services.errors import classify_db_error


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened; the message is one line for the operator."""


@dataclass
class Database:
    """An open, migrated database."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def kind(self) -> str:
        return "PostgreSQL" if self.engine.dialect.name == "postgresql" else "SQLite"

    def close(self) -> None:
        self.engine.dispose()


def with_keyring_password(url: str) -> str:
    """Add the shared database's password from the keyring when the URL carries none."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseOpenError(f"Неверный адрес базы данных: {url}") from None
    if parsed.get_backend_name() != "postgresql" or parsed.password:
        return url
    try:
        secret = get_secret(database_secret_name(parsed.username, parsed.host, parsed.port, parsed.database))
    except SecretsUnavailable:
        return url  # trust/peer authentication may still work; a failure says so below
    if secret:
        return parsed.set(password=secret).render_as_string(hide_password=False)
    return url


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_database(url: str, *, upgrade_older: bool | None = None, create: bool = True) -> Database:
    """Connect, check and (when allowed) migrate; raise DatabaseOpenError with a plain message.

    ``upgrade_older`` defaults to True for SQLite (one desk owns its file) and False for
    PostgreSQL (a shared schema is upgraded by its administrator with `energodesk db upgrade`).
    ``create=False`` refuses to create a missing SQLite file.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseOpenError(f"Неверный адрес базы данных: {url}") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser()
        if not create and not path.exists():
            raise DatabaseOpenError(f"Файл базы данных не найден: {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
    if upgrade_older is None:
        upgrade_older = parsed.get_backend_name() == "sqlite"
    try:
        engine = make_engine(with_keyring_password(url))
    except DatabaseUrlError as error:
        raise DatabaseOpenError(str(error)) from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        ensure_schema(engine, upgrade_older=upgrade_older)
    except SchemaError as error:
        engine.dispose()
        raise DatabaseOpenError(str(error)) from None
    except SQLAlchemyError as error:
        engine.dispose()
        problem = classify_db_error(error)
        detail = problem.message if problem else str(error).splitlines()[0]
        if "password authentication failed" in str(error) or "no password supplied" in str(error):
            detail = "Сервер отклонил пароль базы данных. Сохраните пароль в хранилище паролей (keyring)."
        raise DatabaseOpenError(f"{_safe(url)}: {detail}") from None
    return Database(url=_safe(url), engine=engine, sessions=make_session_factory(engine))
