"""Alembic environment: runs migrations on the engine handed in by desktop.db.schema."""

from __future__ import annotations

from alembic import context

from desktop.db.models import Base
from desktop.db.schema import include_name, include_object_for

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
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
