"""number windows: a 4-digit part of an account number found in number order from one index

Revision ID: 20261203_0014
Revises: 20261203_0013
Create Date: 2026-12-03

``account_number_windows`` holds each account's 4-digit windows (a 12-digit number has 9; a
window that occurs twice in one number is stored once): ``win`` the 4 digits as an integer,
``number`` the account number, primary key (win, number). A 4-digit part of a number is then
a range of that index already in number order: the first page reads 51 index entries instead of
the about 1,800 trigram matches at 2,000,000 accounts, each read from the heap to be rechecked
and sorted (42 ms cold on PostgreSQL, 25-40 ms on SQLite). Longer parts keep the trigram
indexes, which find few enough matches.

Kept in step with accounts by triggers (insert, delete, update of the number). The demo loader
disables them during its bulk load and fills the table once at the end
(desktop.services.demo.loader). Not mapped (desktop.db.schema.UNMAPPED_TABLE_PREFIXES). On
SQLite a WITHOUT ROWID table: the rows are the index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "20261203_0014"
down_revision: str | None = "20261203_0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A window is kept only at its first occurrence in the number, so no pair is inserted twice. In
# key order: the rows of one window lie together in the heap (a page of 51 reads a block or two
# until VACUUM marks the table all-visible and the index alone answers).
PG_FILL = (
    "INSERT INTO account_number_windows (win, number) "
    "SELECT CAST(substr(a.number, i, 4) AS SMALLINT), a.number FROM accounts a CROSS JOIN generate_series(1, 9) AS i "
    "WHERE strpos(a.number, substr(a.number, i, 4)) = i ORDER BY 1, 2"
)
PG = (
    'CREATE TABLE account_number_windows (win SMALLINT NOT NULL, number VARCHAR(12) COLLATE "C" NOT NULL)',
    # Big sorts at 2,000,000 accounts (18 million rows): in memory rather than in many temp files.
    "SET LOCAL maintenance_work_mem = '512MB'",
    "SET LOCAL work_mem = '512MB'",
    PG_FILL,
    # The key after the fill: one sorted index build instead of 18 million index inserts.
    "ALTER TABLE account_number_windows ADD CONSTRAINT pk_account_number_windows PRIMARY KEY (win, number)",
    "CREATE FUNCTION account_number_windows_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
    "DELETE FROM account_number_windows WHERE number = OLD.number "
    "AND win IN (SELECT CAST(substr(OLD.number, i, 4) AS SMALLINT) FROM generate_series(1, 9) AS i); END IF; "
    "IF TG_OP IN ('UPDATE', 'INSERT') THEN "
    "INSERT INTO account_number_windows (win, number) "
    "SELECT DISTINCT CAST(substr(NEW.number, i, 4) AS SMALLINT), NEW.number FROM generate_series(1, 9) AS i "
    "ON CONFLICT DO NOTHING; END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER accounts_number_windows AFTER INSERT OR DELETE OR UPDATE OF number ON accounts "
    "FOR EACH ROW EXECUTE FUNCTION account_number_windows_sync()",
)

_NINE = " UNION ALL ".join(f"SELECT {i} AS i" for i in range(1, 10))  # SQLite triggers allow no CTE
SQLITE_FILL = (
    "INSERT INTO account_number_windows (win, number) "
    f"SELECT CAST(substr(a.number, n.i, 4) AS INTEGER), a.number FROM accounts a, ({_NINE}) AS n "
    "WHERE instr(a.number, substr(a.number, n.i, 4)) = n.i ORDER BY 1, 2"
)
_SQLITE_ADD = (
    "INSERT OR IGNORE INTO account_number_windows (win, number) "
    f"SELECT CAST(substr(new.number, n.i, 4) AS INTEGER), new.number FROM ({_NINE}) AS n;"
)
_SQLITE_REMOVE = (
    "DELETE FROM account_number_windows WHERE number = old.number "
    f"AND win IN (SELECT CAST(substr(old.number, n.i, 4) AS INTEGER) FROM ({_NINE}) AS n);"
)
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER accounts_number_windows_ai AFTER INSERT ON accounts BEGIN {_SQLITE_ADD} END",
    f"CREATE TRIGGER accounts_number_windows_ad AFTER DELETE ON accounts BEGIN {_SQLITE_REMOVE} END",
    f"CREATE TRIGGER accounts_number_windows_au AFTER UPDATE OF number ON accounts BEGIN "
    f"{_SQLITE_REMOVE} {_SQLITE_ADD} END",
)
SQLITE = (
    "CREATE TABLE account_number_windows (win INTEGER NOT NULL, number VARCHAR(12) NOT NULL, "
    "CONSTRAINT pk_account_number_windows PRIMARY KEY (win, number)) WITHOUT ROWID",
    SQLITE_FILL,
    *SQLITE_TRIGGERS,
)


def upgrade() -> None:
    for ddl in PG if op.get_bind().dialect.name == "postgresql" else SQLITE:
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS accounts_number_windows ON accounts")
        op.execute("DROP FUNCTION IF EXISTS account_number_windows_sync()")
    else:
        for name in ("accounts_number_windows_ai", "accounts_number_windows_ad", "accounts_number_windows_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS account_number_windows")
