"""Alembic environment: runs migrations on the engine handed in by desktop.db.schema."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from desktop.db.models import Base
from desktop.db.schema import include_name, include_object_for

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copy, drop and rename; with foreign keys on, dropping
            # a table that other rows point at (cash_shifts, bills) fails. The pragma works only
            # outside a transaction, so it is set before this one begins and checked before commit.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # ends SQLAlchemy's autobegun transaction; the driver had none
        try:
            with connection.begin():
                _run(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"foreign keys broken by a migration: {broken[:5]}")
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # Batch mode recreates SQLite tables for ALTERs it cannot do in place.
        render_as_batch=True,
        compare_type=True,
        # Unmapped search objects (SQLite FTS5 table and triggers) and dialect-only indexes
        # are left alone by autogenerate; see desktop/db/schema.py.
        include_name=include_name,
        include_object=include_object_for(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
