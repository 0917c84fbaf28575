"""Row locks that hold on both databases: FOR UPDATE on PostgreSQL, the write lock on SQLite.

A limit checked by counting rows ("at most 3 resets a day", "one open shift") is only as good as
the lock taken before the count. PostgreSQL locks the rows named. SQLite has no row locks, and
its Python driver starts a transaction only at the first INSERT/UPDATE/DELETE, so a count read
before that sees whatever was committed then; ``lock_rows`` there starts the transaction with
BEGIN IMMEDIATE, which takes the database's single write lock (other writers wait up to the busy
timeout) and makes every later read of the transaction current.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session


def begin_writing(connection: Connection) -> None:
    """SQLite: start the transaction now, holding the write lock (BEGIN IMMEDIATE).

    Python's sqlite3 driver otherwise begins only at the first INSERT/UPDATE/DELETE, so reads
    and DDL (DROP TRIGGER) before it run outside any transaction and a rollback cannot undo them.
    Already in a transaction means a write came first and holds the lock already.
    """
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")


def lock_rows(session: Session, model: Any, *ids: int | None) -> None:
    """Lock the rows of ``model`` with these ids until the transaction ends (call it first)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        begin_writing(connection)
        return
    wanted = [i for i in ids if i is not None]
    if wanted:
        session.execute(select(model.id).where(model.id.in_(wanted)).order_by(model.id).with_for_update())


def lock_name(session: Session, name: str) -> None:
    """Lock a name that is not a row (a desk's shift numbers) until the transaction ends.

    PostgreSQL: a transaction-level advisory lock on the name's 64-bit hash; SQLite: the write lock.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        begin_writing(connection)
        return
    session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(name, 0))))
