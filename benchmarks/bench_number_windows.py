"""The 4-digit part of an account number at scale: the trigram path against account_number_windows.

Builds N demo-formula account numbers alone (desktop.services.demo.generator.account_number:
two digits of the branch, ten scrambled) in a scratch PostgreSQL database and a temporary SQLite
file, with the indexes of the real schema (pg_trgm GIN / FTS5 trigram, and the windows table of
migration 20261203_0014 filled by the same SQL), then times the 4-digit step of the search (a
page of 51 numbers containing the last 4 digits of random accounts) both ways, interleaved:
*cold* the first query of those digits in the run, *warm* the same again. The page's accounts
are read the way desktop.services.search reads them (the old path joined to its ids, the new one
by ``number = ANY`` / IN). Checks that both give the same page.

Run: python -m benchmarks number_windows [--accounts 2000000] [--parts 40] [--only pg|sqlite]
(or python benchmarks/bench_number_windows.py ...). PostgreSQL on 127.0.0.1 (user postgres);
the scratch database energodesk_bench_number_windows is dropped at the end.
Writes benchmarks/results/number_windows.json.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if not __package__:  # run as `python benchmarks/bench_number_windows.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import conditions, write

SMOKE_ARGS = ["--accounts", "20000", "--parts", "5"]
SCRATCH = "energodesk_bench_number_windows"


def number(branch: int, index: int) -> str:
    """The demo's account number (desktop.services.demo.generator.account_number)."""
    return f"{branch:02d}{(index * 7_919_317 + 1_234_567) % 10**10:010d}"


def med(xs: list[float]) -> float:
    return round(statistics.median(xs) * 1000, 3)


def interleaved(parts: list[str], run_old: Any, run_new: Any) -> dict[str, float]:
    """Medians (ms) of cold and warm runs of both paths, which one goes first alternating."""
    times: dict[str, list[float]] = {"old_cold": [], "old_warm": [], "new_cold": [], "new_warm": []}
    for i, part in enumerate(parts):
        order = [("old", run_old), ("new", run_new)]
        for name, run in order if i % 2 == 0 else order[::-1]:
            for phase in ("cold", "warm"):
                start = time.perf_counter()
                run(part)
                times[f"{name}_{phase}"].append(time.perf_counter() - start)
    return {k: med(v) for k, v in times.items()}


def postgresql(n: int, parts: list[str], out: dict[str, Any], admin_url: str, url: str) -> None:
    import psycopg

    admin = psycopg.connect(admin_url, autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
    admin.execute(f"CREATE DATABASE {SCRATCH} TEMPLATE template0 ENCODING 'UTF8' "
                  "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    c = psycopg.connect(url, autocommit=True)
    t = time.time()
    c.execute("CREATE EXTENSION pg_trgm")
    c.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, number varchar(12) NOT NULL UNIQUE)")
    # The demo's number() in SQL: the branch cycles 1..16, the ten digits scrambled from the index.
    c.execute("INSERT INTO accounts SELECT i, lpad((mod(i, 16) + 1)::text, 2, '0') "
              "|| lpad((mod(i::bigint * 7919317 + 1234567, 10000000000))::text, 10, '0') "
              f"FROM generate_series(0, {n - 1}) i")
    c.execute("CREATE INDEX ix_accounts_number_trgm ON accounts USING gin (number gin_trgm_ops)")
    out["pg_build_accounts_s"] = round(time.time() - t, 1)
    t = time.time()
    c.execute("SET maintenance_work_mem = '512MB'")
    c.execute("SET work_mem = '512MB'")
    c.execute('CREATE TABLE account_number_windows (win SMALLINT NOT NULL, number VARCHAR(12) COLLATE "C" NOT NULL)')
    c.execute("INSERT INTO account_number_windows (win, number) SELECT CAST(substr(a.number, i, 4) AS "
              "SMALLINT), a.number FROM accounts a CROSS JOIN generate_series(1, 9) AS i WHERE "
              "strpos(a.number, substr(a.number, i, 4)) = i ORDER BY 1, 2")
    c.execute("ALTER TABLE account_number_windows ADD CONSTRAINT pk_account_number_windows PRIMARY KEY (win, number)")
    out["pg_fill_windows_s"] = round(time.time() - t, 1)
    c.execute("VACUUM ANALYZE")
    old = ("WITH found AS MATERIALIZED (SELECT id, number FROM accounts WHERE number LIKE %s) "
           "SELECT a.id, a.number FROM accounts a JOIN (SELECT id, number FROM found ORDER BY number "
           "LIMIT 51) p ON p.id = a.id ORDER BY a.number")
    new1 = "SELECT number FROM account_number_windows WHERE win = %s ORDER BY number LIMIT 51"
    new2 = "SELECT a.id, a.number FROM accounts a WHERE a.number = ANY(%s) ORDER BY a.number"

    def run_old(part: str) -> list[Any]:
        return c.execute(old, (f"%{part}%",)).fetchall()

    def run_new(part: str) -> list[Any]:
        numbers = [r[0] for r in c.execute(new1, (int(part),)).fetchall()]
        return c.execute(new2, (numbers,)).fetchall()

    out["pg_ms_median"] = interleaved(parts, run_old, run_new)
    out["pg_same_rows"] = all(run_old(part) == run_new(part) for part in parts)
    sizes = {k: c.execute("SELECT pg_total_relation_size(%s)", (k,)).fetchone()
             for k in ("accounts", "account_number_windows")}
    out["pg_sizes_mb"] = {k: round(v[0] / 1e6) if v else None for k, v in sizes.items()}
    c.close()
    admin.execute(f"DROP DATABASE {SCRATCH}")
    admin.close()


def sqlite(n: int, parts: list[str], out: dict[str, Any], folder: str) -> None:
    path = str(Path(folder) / "numbers.sqlite3")
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    t = time.time()
    c.execute("BEGIN")
    c.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, number VARCHAR(12) NOT NULL UNIQUE)")
    c.executemany("INSERT INTO accounts VALUES (?, ?)", ((i + 1, number(1 + i % 16, i)) for i in range(n)))
    c.execute("CREATE VIRTUAL TABLE accounts_number_fts USING fts5(number, content='accounts', "
              "content_rowid='id', tokenize='trigram')")
    c.execute("INSERT INTO accounts_number_fts(accounts_number_fts) VALUES ('rebuild')")
    c.execute("COMMIT")
    out["sqlite_build_accounts_s"] = round(time.time() - t, 1)
    t = time.time()
    nine = " UNION ALL ".join(f"SELECT {i} AS i" for i in range(1, 10))
    c.execute("BEGIN")
    c.execute("CREATE TABLE account_number_windows (win INTEGER NOT NULL, number VARCHAR(12) NOT NULL, "
              "CONSTRAINT pk_account_number_windows PRIMARY KEY (win, number)) WITHOUT ROWID")
    c.execute(f"INSERT INTO account_number_windows (win, number) SELECT CAST(substr(a.number, n.i, 4) AS "
              f"INTEGER), a.number FROM accounts a, ({nine}) AS n WHERE instr(a.number, substr(a.number, "
              f"n.i, 4)) = n.i ORDER BY 1, 2")
    c.execute("COMMIT")
    out["sqlite_fill_windows_s"] = round(time.time() - t, 1)
    c.close()
    c = sqlite3.connect(path)
    old = ("SELECT a.id, a.number FROM accounts a JOIN (SELECT id, number FROM accounts WHERE id IN "
           "(SELECT rowid FROM accounts_number_fts WHERE accounts_number_fts MATCH ?) ORDER BY number "
           "LIMIT 51) p ON p.id = a.id ORDER BY a.number")
    new1 = "SELECT number FROM account_number_windows WHERE win = ? ORDER BY number LIMIT 51"

    def run_old(part: str) -> list[Any]:
        return c.execute(old, (f'"{part}"',)).fetchall()

    def run_new(part: str) -> list[Any]:
        numbers = [r[0] for r in c.execute(new1, (int(part),)).fetchall()]
        marks = ", ".join("?" for _ in numbers) or "NULL"
        return c.execute(f"SELECT a.id, a.number FROM accounts a WHERE a.number IN ({marks}) ORDER BY a.number",
                         numbers).fetchall()

    out["sqlite_ms_median"] = interleaved(parts, run_old, run_new)
    out["sqlite_same_rows"] = all(run_old(part) == run_new(part) for part in parts)
    out["sqlite_file_mb"] = round(os.path.getsize(path) / 1e6)
    c.close()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2_000_000)
    parser.add_argument("--parts", type=int, default=40, help="how many 4-digit parts (rounds)")
    parser.add_argument("--only", choices=["pg", "sqlite"])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/", help="server URL (no database)")
    args = parser.parse_args(argv)
    n = args.accounts
    load_before = os.getloadavg()
    rnd = random.Random(7)
    parts = [number(1 + i % 16, i)[-4:] for i in rnd.sample(range(n), args.parts)]
    out: dict[str, Any] = {"accounts": n, "parts": len(parts)}
    if args.only != "sqlite":
        postgresql(n, parts, out, args.pg + "postgres", args.pg + SCRATCH)
    if args.only != "pg":
        with tempfile.TemporaryDirectory() as folder:
            sqlite(n, parts, out, folder)
    out["conditions"] = conditions(load_before)
    return write("number_windows", out)


if __name__ == "__main__":
    main()
