"""Database layer: SQLAlchemy 2.0 mappings, engine and session factory, Alembic migrations. No Qt."""
