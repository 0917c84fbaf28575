"""Opening the configured database: URL resolution, the keyring password, schema checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.db.engine import DatabaseUrlError, make_engine, make_session_factory, sqlite_file_problem
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


def open_database(url: str, *, upgrade_older: bool | None = None, create: bool = True,
                  make_folder: bool = True) -> Database:
    """Connect, check and (when allowed) migrate; raise DatabaseOpenError with a plain message.

    ``upgrade_older`` defaults to True for SQLite (one desk owns its file) and False for
    PostgreSQL (a shared schema is upgraded by its administrator with `energodesk db upgrade`).
    ``create=False`` refuses to create a missing SQLite file; ``make_folder=False`` refuses a
    folder that does not exist instead of making it.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseOpenError(f"Неверный адрес базы данных: {url}") from None
    path: Path | None = None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not parsed.database.startswith("file:"):
        path = Path(parsed.database).expanduser()
        if not make_folder and not path.parent.is_dir():
            raise DatabaseOpenError(f"Папка базы данных не существует: {path.parent}")
        if not create and not path.exists():
            raise DatabaseOpenError(f"Файл базы данных не найден: {path}")
        if make_folder:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseOpenError(f"Не удаётся создать папку {path.parent}: {error.strerror}") from None
    if upgrade_older is None:
        upgrade_older = parsed.get_backend_name() == "sqlite"
    try:
        engine = make_engine(with_keyring_password(url))
    except DatabaseUrlError as error:
        raise DatabaseOpenError(str(error)) from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            _check_encoding(conn)
        ensure_schema(engine, upgrade_older=upgrade_older)
    except SchemaError as error:
        engine.dispose()
        raise DatabaseOpenError(str(error)) from None
    except (SQLAlchemyError, UnicodeError) as error:
        engine.dispose()
        raise DatabaseOpenError(f"{_safe(url)}: {_open_problem(error, path)}") from None
    return Database(url=_safe(url), engine=engine, sessions=make_session_factory(engine))


def _check_encoding(conn: Connection) -> None:
    """PostgreSQL must store UTF-8: names, addresses and the bills are Cyrillic (README)."""
    if conn.dialect.name != "postgresql":
        return
    encoding = conn.exec_driver_sql("SHOW server_encoding").scalar()
    if str(encoding).upper().replace("-", "") != "UTF8":
        raise SchemaError(
            f"База данных создана в кодировке {encoding}, а нужна UTF8: создайте её заново с "
            "ENCODING 'UTF8' TEMPLATE template0 (см. README, раздел про PostgreSQL)")


def _open_problem(error: BaseException, path: Path | None) -> str:
    """Why the database could not be opened, as precisely as the error and the files tell."""
    if path is not None:
        detail = sqlite_file_problem(path)
        if detail is not None:
            return detail
    problem = classify_db_error(error) if isinstance(error, SQLAlchemyError) else None
    if problem is not None:
        return problem.message
    return str(error).splitlines()[0] if str(error) else type(error).__name__
