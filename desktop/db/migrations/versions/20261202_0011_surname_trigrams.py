"""surname trigrams: a surname with one or two wrong letters still finds the customer

Revision ID: 20261202_0011
Revises: 20261202_0010
Create Date: 2026-12-03

``surname_keys`` holds each distinct surname key once (the first word of customers.name_key:
lower case, ё folded). It is small (distinct surnames, not 2,000,000 customers), so a typo is
looked up there by trigram similarity, and the customers of the surnames found are then read
through ix_customers_name_key like any surname prefix. On PostgreSQL a pg_trgm GIN index on
surname_keys.key; on SQLite an FTS5 trigram table ``surname_keys_fts`` (external content) that
gives the candidates, ranked and cut by the same similarity computed in Python
(desktop.core.search_query.similarity).

A trigger on customers adds a new surname (INSERT and UPDATE OF name_key); rows are never
removed (a surname nobody has any more only costs a lookup that finds no customer). The SQLite
FTS trigger's name contains ``_fts_``, so the demo loader suspends it during its bulk load and
rebuilds the FTS table once at the end, like accounts_number_fts. None of these objects is
mapped (desktop.db.schema.UNMAPPED_TABLE_PREFIXES).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "20261202_0011"
down_revision: str | None = "20261202_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG = (
    'CREATE TABLE surname_keys (id BIGSERIAL PRIMARY KEY, key VARCHAR(250) COLLATE "C" NOT NULL, '
    "CONSTRAINT uq_surname_keys_key UNIQUE (key))",
    "CREATE INDEX ix_surname_keys_trgm ON surname_keys USING gin (key gin_trgm_ops)",
    "CREATE FUNCTION surname_keys_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO surname_keys (key) VALUES (split_part(NEW.name_key, ' ', 1)) ON CONFLICT (key) DO NOTHING; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER customers_surname_keys AFTER INSERT OR UPDATE OF name_key ON customers "
    "FOR EACH ROW EXECUTE FUNCTION surname_keys_add()",
    "INSERT INTO surname_keys (key) SELECT DISTINCT split_part(name_key, ' ', 1) FROM customers "
    "ON CONFLICT (key) DO NOTHING",
)

_SQLITE_SURNAME = "substr(new.name_key, 1, instr(new.name_key || ' ', ' ') - 1)"
SQLITE = (
    "CREATE TABLE surname_keys (id INTEGER PRIMARY KEY, key VARCHAR(250) NOT NULL, "
    "CONSTRAINT uq_surname_keys_key UNIQUE (key))",
    "CREATE VIRTUAL TABLE surname_keys_fts USING fts5(key, content='surname_keys', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER surname_keys_fts_ai AFTER INSERT ON surname_keys BEGIN "
    "INSERT INTO surname_keys_fts(rowid, key) VALUES (new.id, new.key); END",
    f"CREATE TRIGGER customers_surname_keys_ai AFTER INSERT ON customers BEGIN "
    f"INSERT OR IGNORE INTO surname_keys (key) VALUES ({_SQLITE_SURNAME}); END",
    f"CREATE TRIGGER customers_surname_keys_au AFTER UPDATE OF name_key ON customers BEGIN "
    f"INSERT OR IGNORE INTO surname_keys (key) VALUES ({_SQLITE_SURNAME}); END",
    "INSERT OR IGNORE INTO surname_keys (key) SELECT DISTINCT substr(name_key, 1, instr(name_key || ' ', ' ') - 1) "
    "FROM customers",
    "INSERT INTO surname_keys_fts(surname_keys_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for ddl in PG:
            op.execute(ddl)
    else:
        for ddl in SQLITE:
            op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS customers_surname_keys ON customers")
        op.execute("DROP FUNCTION IF EXISTS surname_keys_add()")
    else:
        for name in ("customers_surname_keys_ai", "customers_surname_keys_au", "surname_keys_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS surname_keys_fts")
    op.execute("DROP TABLE IF EXISTS surname_keys")
