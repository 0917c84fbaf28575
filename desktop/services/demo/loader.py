"""Bulk loading of generated rows: executemany in one transaction on SQLite, COPY on PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text


def sqlite_value(value: object) -> object:
    # SQLAlchemy's SQLite types store dates and datetimes as ISO text; match them exactly.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def bulk_insert(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert plain tuples into ``table`` as fast as the driver allows, inside ``conn``'s transaction."""
    if not rows:
        return
    raw = conn.connection.driver_connection
    assert raw is not None  # a live connection inside ``conn``'s transaction
    cols = ", ".join(columns)
    if conn.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in columns)
        needs_conversion = any(isinstance(v, date) for v in rows[0])  # datetime is a date too
        data = [tuple(sqlite_value(v) for v in row) for row in rows] if needs_conversion else rows
        cur = raw.cursor()
        cur.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", data)
        cur.close()
    else:
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def reset_sequences(conn: Connection, tables: Sequence[str]) -> None:
    """After loading explicit ids into PostgreSQL, move each id sequence past the largest id."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )


def suspend_search_triggers(conn: Connection) -> list[str]:
    """Stop the triggers that keep the search tables in step with the bulk-loaded rows.

    SQLite: drop the FTS5 triggers and those of account_number_windows; returns their DDL.
    PostgreSQL: disable the account_number_windows trigger (a plpgsql call per COPY row);
    returns the statement that enables it again. Inside the caller's transaction either way.
    """
    if conn.dialect.name != "sqlite":
        if not _has_table(conn, "account_number_windows"):
            return []
        conn.exec_driver_sql("ALTER TABLE accounts DISABLE TRIGGER accounts_number_windows")
        return ["ALTER TABLE accounts ENABLE TRIGGER accounts_number_windows"]
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%\\_fts\\_%' ESCAPE '\\' "
        "OR name LIKE 'accounts\\_number\\_windows\\_%' ESCAPE '\\')"
    ).all()
    for name, _ in rows:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in rows]


def resume_search_triggers(conn: Connection, triggers: Sequence[str]) -> None:
    """Rebuild the search tables from their content tables once and put the triggers back."""
    if conn.dialect.name == "sqlite":
        tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).scalars().all()
        for table in tables:
            conn.exec_driver_sql(f'INSERT INTO "{table}"("{table}") VALUES (\'rebuild\')')
    fill_number_windows(conn)
    for sql in triggers:
        conn.exec_driver_sql(sql)


def _has_table(conn: Connection, name: str) -> bool:
    if conn.dialect.name == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"
    else:
        sql = "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = :name"
    return conn.execute(text(sql), {"name": name}).first() is not None


# The fill of migration 20261203_0014: each account's distinct 4-digit windows (a window is kept
# at its first occurrence only), in key order on SQLite so its index grows by appending.
_NINE = " UNION ALL ".join(f"SELECT {i} AS i" for i in range(1, 10))
NUMBER_WINDOWS_FILL = {
    "sqlite": "INSERT INTO account_number_windows (win, number) "
    f"SELECT CAST(substr(a.number, n.i, 4) AS INTEGER), a.number FROM accounts a, ({_NINE}) AS n "
    "WHERE instr(a.number, substr(a.number, n.i, 4)) = n.i ORDER BY 1, 2",
    "postgresql": "INSERT INTO account_number_windows (win, number) "
    "SELECT CAST(substr(a.number, i, 4) AS SMALLINT), a.number FROM accounts a CROSS JOIN generate_series(1, 9) AS i "
    "WHERE strpos(a.number, substr(a.number, i, 4)) = i ORDER BY 1, 2",
}


def fill_number_windows(conn: Connection) -> None:
    """Refill account_number_windows from accounts (after a load with its triggers stopped)."""
    if not _has_table(conn, "account_number_windows"):
        return  # a database of an older schema (the demo tests of old migrations)
    conn.exec_driver_sql("DELETE FROM account_number_windows")
    conn.exec_driver_sql(NUMBER_WINDOWS_FILL[conn.dialect.name])


# The triggers of migration 20261130_0002 that keep accounts_number_fts in step with accounts.
SEARCH_TRIGGERS = {
    "accounts_number_fts_ai": "CREATE TRIGGER accounts_number_fts_ai AFTER INSERT ON accounts BEGIN "
    "INSERT INTO accounts_number_fts(rowid, number) VALUES (new.id, new.number); END",
    "accounts_number_fts_ad": "CREATE TRIGGER accounts_number_fts_ad AFTER DELETE ON accounts BEGIN "
    "INSERT INTO accounts_number_fts(accounts_number_fts, rowid, number) VALUES ('delete', old.id, old.number); END",
    "accounts_number_fts_au": "CREATE TRIGGER accounts_number_fts_au AFTER UPDATE OF id, number ON accounts BEGIN "
    "INSERT INTO accounts_number_fts(accounts_number_fts, rowid, number) VALUES ('delete', old.id, old.number); "
    "INSERT INTO accounts_number_fts(rowid, number) VALUES (new.id, new.number); END",
}


def repair_search_triggers(conn: Connection) -> list[str]:
    """SQLite: put back search triggers an interrupted load of an older version left dropped, and
    rebuild the index they feed; returns the names put back."""
    if conn.dialect.name != "sqlite":
        return []
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts_number_fts'").first()
    missing = [name for name in SEARCH_TRIGGERS if name not in present] if has_table else []
    for name in missing:
        conn.exec_driver_sql(SEARCH_TRIGGERS[name])
    if missing:
        conn.exec_driver_sql("INSERT INTO accounts_number_fts(accounts_number_fts) VALUES ('rebuild')")
    return missing
