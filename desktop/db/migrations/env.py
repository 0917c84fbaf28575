"""Alembic environment: runs migrations on the engine handed in by desktop.db.schema."""

from __future__ import annotations

from alembic import context

from desktop.db.models import Base

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
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
