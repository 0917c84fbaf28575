"""The desk's service context: the session factory, the signed-in operator and the clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.base import utcnow
from desktop.db.engine import sqlite_file_problem, sqlite_path
from desktop.db.text_limits import TextRejected
from desktop.services.errors import (
    Conflict,
    EnvironmentProblem,
    InputError,
    PermissionDenied,
    classify_data_error,
    classify_db_error,
)

ROLE_RANK = {"operator": 1, "senior": 2, "admin": 3}
ROLE_NAMES = {"operator": "оператор", "senior": "старший оператор", "admin": "администратор"}


@dataclass(frozen=True)
class Actor:
    """The operator signed in at this desk, as the services see them."""

    operator_id: int | None
    login: str
    full_name: str
    role: str
    branch_id: int | None
    branch_code: str
    must_change_password: bool = False

    def has_role(self, role: str) -> bool:
        return ROLE_RANK.get(self.role, 0) >= ROLE_RANK[role]


# The command line acts as the machine's administrator; its audit events say so.
COMMAND_LINE = Actor(None, "cli", "Командная строка", "admin", None, "")


@contextmanager
def _translated_errors(engine: Engine | None = None) -> Iterator[None]:
    """Environment errors become EnvironmentProblem, a lost optimistic-lock race Conflict, and a
    value the database cannot hold (a NUL byte, too long, a number out of range) InputError."""
    try:
        yield
    except StaleDataError:
        raise Conflict("Данные изменил другой оператор. Обновите карточку и повторите.") from None
    except TextRejected as error:
        raise InputError(error.message, field=error.field) from None
    except DataError as error:
        raise classify_data_error(error) from None
    except (UnicodeEncodeError, OverflowError) as error:
        # Raised by the drivers before the statement is sent: a lone surrogate in a text, or a
        # number SQLite's 64-bit integers cannot hold. Only typed-in values get here.
        raise classify_data_error(error) from None
    except SQLAlchemyError as error:
        problem = classify_db_error(error)
        if problem is not None:
            raise _precise(problem, engine) from error
        raise


def _precise(problem: EnvironmentProblem, engine: Engine | None) -> EnvironmentProblem:
    """A SQLite write that failed on the files (read-only, I/O error, cannot open): say which file."""
    path = sqlite_path(engine)
    if path is None or problem.kind not in ("readonly", "disk_io", "file_access"):
        return problem
    detail = sqlite_file_problem(path)
    return EnvironmentProblem(detail, "readonly") if detail else problem


def _wrapped(engine: Engine, error: Exception, *, lost: bool) -> Exception:
    """A driver's exception as SQLAlchemy's class for it, as the Core and ORM paths raise it."""
    return DBAPIError.instance(None, None, error, engine.dialect.loaded_dbapi.Error,
                               connection_invalidated=lost, dialect=engine.dialect)


class ServiceContext:
    """Everything a service call needs; passed in, never reached as a global."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Actor = COMMAND_LINE,
        *,
        clock: Callable[[], datetime] = utcnow,
        desk: str = "",
        zone: tzinfo | None = None,
    ) -> None:
        self.sessions = sessions
        self.actor = actor
        self.clock = clock  # the current moment, aware (UTC); tests pass a hand-moved clock
        self.desk = desk
        self._zone = zone  # the company's time zone, read from company settings on first use

    def as_actor(self, actor: Actor, *, desk: str | None = None) -> ServiceContext:
        """The same context (clock, zone) for another signed-in operator, optionally at another desk."""
        return ServiceContext(self.sessions, actor, clock=self.clock, desk=self.desk if desk is None else desk,
                              zone=self._zone)

    def zone(self, session: Session | None = None) -> tzinfo:
        """The company's time zone (company settings; Europe/Samara by default), read once
        (inside ``session`` when one is open, so a write transaction needs no second connection)."""
        if self._zone is None:
            from desktop.services.company_settings import load_zone

            if session is not None:
                self._zone = load_zone(session)
            else:
                with self.read() as own:
                    self._zone = load_zone(own)
        return self._zone

    def forget_zone(self) -> None:
        """The company's zone changed: read it again on next use."""
        self._zone = None

    def now(self) -> datetime:
        """The one "now" of every business date and time: the clock in the company's zone."""
        return self.clock().astimezone(self.zone())

    def today(self) -> date:
        """The company's date today (never the PC's own clock, never the UTC date)."""
        return self.now().date()

    def require(self, role: str) -> None:
        """Raise PermissionDenied unless the operator has at least ``role``."""
        if not self.actor.has_role(role):
            raise PermissionDenied(f"Нужны права: {ROLE_NAMES[role]}")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error.

        Database errors about the environment come out as EnvironmentProblem; a lost
        optimistic-lock race comes out as Conflict.
        """
        with _translated_errors(self.sessions.kw.get("bind")), self.sessions.begin() as session:
            yield session

    @contextmanager
    def read_core(self) -> Iterator[Connection]:
        """A read through SQLAlchemy Core on a plain Connection (no Session: hot read paths such
        as the account card), with the same error translation; the transaction is rolled back."""
        with _translated_errors(self.sessions.kw["bind"]), self.sessions.kw["bind"].connect() as connection:
            yield connection

    @contextmanager
    def read_driver(self) -> Iterator[Any]:
        """A DBAPI cursor on a pooled connection, for the hottest reads only (the account card):
        no execution layer between the service and the driver. Driver errors come out translated
        like everywhere else (a lost connection is dropped from the pool); the read transaction
        is committed (nothing was written), so prepared statements survive."""
        engine: Engine = self.sessions.kw["bind"]
        driver_error = engine.dialect.loaded_dbapi.Error
        with _translated_errors(engine):
            try:
                connection = engine.raw_connection()
            except driver_error as error:  # the pool lets the driver's own connect errors through
                raise _wrapped(engine, error, lost=True) from error
            try:
                cursor = connection.cursor()
                try:
                    yield cursor
                finally:
                    cursor.close()
                # End the read transaction with COMMIT: psycopg answers a ROLLBACK (the pool's
                # reset) by deallocating every prepared statement of the connection.
                connection.commit()
            except driver_error as error:
                lost = engine.dialect.is_disconnect(error, connection.dbapi_connection, None)
                if lost:
                    connection.invalidate(error)
                raise _wrapped(engine, error, lost=lost) from error
            finally:
                connection.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work with the same error translation."""
        with self.transaction() as session:
            yield session
