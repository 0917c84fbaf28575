"""The migrations and the mapped models describe the same schema on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.db.models import Base
from desktop.db.schema import include_name, include_object_for


def test_models_match_migrations(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": include_name,
                "include_object": include_object_for(conn.dialect.name),
            },
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_search_objects_exist(db):
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            assert {"accounts_number_fts", "accounts_number_fts_ai", "accounts_number_fts_ad",
                    "accounts_number_fts_au", "ix_accounts_street"} <= names
        else:
            names = {r[0] for r in conn.exec_driver_sql("SELECT indexname FROM pg_indexes")}
            assert {"ix_accounts_number_trgm", "ix_accounts_street", "ix_customers_name_key"} <= names
            collation = conn.exec_driver_sql(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_name = 'customers' AND column_name = 'name_key'"
            ).scalar()
            assert collation == "C"
