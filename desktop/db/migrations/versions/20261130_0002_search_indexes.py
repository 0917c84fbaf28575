"""search indexes: every shape of the search box uses an index

Revision ID: 20261130_0002
Revises: 20261130_0001
Create Date: 2026-11-30

- customers.name_key, accounts.town_key, accounts.street_key compare byte-wise on PostgreSQL
  (COLLATE "C"), so that prefix ranges and ORDER BY use their btrees on any server locale;
- ix_accounts_street (street_key, house, flat, id): an address without the town;
- ix_customers_name_key becomes (name_key, id): name pages in index order, no sort;
- part of an account number: pg_trgm GIN index on PostgreSQL; on SQLite an FTS5 trigram table
  ``accounts_number_fts`` with external content ``accounts``, kept in sync by three triggers.

The FTS table and its triggers are not mapped (desktop.db.schema.include_name hides them from
autogenerate). NOTE for later migrations on SQLite: a batch ALTER of ``accounts`` recreates the
table and drops its triggers; recreate them (the DDL below) and run the FTS 'rebuild' afterwards.
The demo loader drops and recreates the triggers around its bulk insert and rebuilds the index
once (desktop/services/demo/build.py), which is about 8x faster than a trigger per row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261130_0002'
down_revision: str | None = '20261130_0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY_COLUMNS = (("customers", "name_key", 250), ("accounts", "town_key", 80), ("accounts", "street_key", 120))

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE accounts_number_fts USING fts5("
    "number, content='accounts', content_rowid='id', tokenize='trigram')"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER accounts_number_fts_ai AFTER INSERT ON accounts BEGIN "
    "INSERT INTO accounts_number_fts(rowid, number) VALUES (new.id, new.number); END",
    "CREATE TRIGGER accounts_number_fts_ad AFTER DELETE ON accounts BEGIN "
    "INSERT INTO accounts_number_fts(accounts_number_fts, rowid, number) "
    "VALUES ('delete', old.id, old.number); END",
    "CREATE TRIGGER accounts_number_fts_au AFTER UPDATE OF id, number ON accounts BEGIN "
    "INSERT INTO accounts_number_fts(accounts_number_fts, rowid, number) "
    "VALUES ('delete', old.id, old.number); "
    "INSERT INTO accounts_number_fts(rowid, number) VALUES (new.id, new.number); END",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        # Trusted extension since PostgreSQL 13: the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, column, length in KEY_COLUMNS:
            # Rebuilds the indexes on the column (ix_customers_name_key, ix_accounts_address) in "C".
            op.alter_column(table, column, existing_type=sa.String(length), existing_nullable=False,
                            type_=sa.String(length, collation="C"))
        op.create_index("ix_accounts_number_trgm", "accounts", ["number"], unique=False,
                        postgresql_using="gin", postgresql_ops={"number": "gin_trgm_ops"})
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index("ix_accounts_street", ["street_key", "house", "flat", "id"], unique=False)
    with op.batch_alter_table("customers", schema=None) as batch_op:
        # (name_key, id): name search pages in this order without a sort on PostgreSQL too.
        batch_op.drop_index("ix_customers_name_key")
        batch_op.create_index("ix_customers_name_key", ["name_key", "id"], unique=False)
    if dialect == "sqlite":
        op.execute(SQLITE_FTS)
        for ddl in SQLITE_TRIGGERS:
            op.execute(ddl)
        op.execute("INSERT INTO accounts_number_fts(accounts_number_fts) VALUES ('rebuild')")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("accounts_number_fts_ai", "accounts_number_fts_ad", "accounts_number_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS accounts_number_fts")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_street")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_name_key")
        batch_op.create_index("ix_customers_name_key", ["name_key"], unique=False)
    if dialect == "postgresql":
        op.drop_index("ix_accounts_number_trgm", table_name="accounts")
        for table, column, length in KEY_COLUMNS:
            op.alter_column(table, column, existing_type=sa.String(length, collation="C"),
                            existing_nullable=False, type_=sa.String(length))
        # pg_trgm stays: other objects of the database may use it.
