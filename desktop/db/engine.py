"""Engines and session factories for the local SQLite file and the shared PostgreSQL database."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

NEVER_AUTO_PREPARE = 2**31 - 1  # psycopg's prepare_threshold: executions before auto-preparing


class DatabaseUrlError(ValueError):
    """A database URL that cannot be used."""


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[DBAPIConnection, ConnectionPoolEntry], None]:
    def on_connect(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cur = dbapi_conn.cursor()
        # WAL lets the GUI read while a worker writes; a busy timeout rides out short locks.
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return on_connect


# SQLite has one writer at a time and its busy handler is not fair: with a billing batch and
# several writers queued on a loaded 2-core machine, a payment waited more than 5 s and failed
# with «database is locked». A payment that waits is better than one that fails.
SQLITE_BUSY_TIMEOUT_MS = 20_000


def make_engine(url: str, *, echo: bool = False, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    """Build an engine from a SQLAlchemy URL (sqlite:///path or postgresql+psycopg://...)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(f"Неверный адрес базы данных: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().resolve().parent
            if not folder.is_dir():
                raise DatabaseUrlError(f"Папка базы данных не существует: {folder}")
        engine = create_engine(parsed, echo=echo)
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        # Auto-prepared statements switch to generic plans that slow search (perf-notes 2), so
        # nothing is prepared automatically. The threshold is "never reached" rather than None:
        # None would also ignore an explicit execute(..., prepare=True), which the account card
        # uses (planning its 10-table statement took longer than running it).
        return create_engine(
            parsed,
            echo=echo,
            pool_pre_ping=True,
            connect_args={"prepare_threshold": NEVER_AUTO_PREPARE, "connect_timeout": 5},
        )
    raise DatabaseUrlError(f"Поддерживаются только SQLite и PostgreSQL, а не {backend!r}")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values usable after commit (services return detached rows).

    Every flush first checks its texts against the columns (desktop/db/text_limits.py).
    """
    from desktop.db.text_limits import install

    sessions = sessionmaker(engine, expire_on_commit=False)
    install(sessions)
    return sessions


def sqlite_file_problem(path: Path) -> str | None:
    """Which of a SQLite database's files (the file, its -wal and -shm journal, its folder) cannot
    be written, or None when they all can."""
    folder = path.parent
    if not folder.is_dir():
        return f"Папка базы данных не существует: {folder}"
    for extra in ("-wal", "-shm"):
        journal = path.with_name(path.name + extra)
        if journal.exists() and not os.access(journal, os.R_OK | os.W_OK):
            return (f"Файл журнала базы данных {journal.name} доступен только для чтения (или недоступен): "
                    "проверьте владельца и права файлов рядом с базой")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return f"Файл базы данных {path} доступен только для чтения: проверьте его права"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (f"Нет прав на запись в папку базы данных {folder}: SQLite создаёт там файлы журнала "
                "(-wal, -shm)")
    return None


def sqlite_path(engine: Engine | None) -> Path | None:
    """The file of a SQLite engine, or None (PostgreSQL, in memory)."""
    if engine is None or engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()
