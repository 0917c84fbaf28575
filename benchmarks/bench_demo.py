"""Demo generation rate (customers per second) on SQLite and PostgreSQL, with the bare row load as baseline."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_demo.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.common import write
from desktop.database import open_database
from desktop.services.demo.build import build_demo
from desktop.services.demo.generator import DemoPlan

SMOKE_ARGS = ["--customers", "500"]
PG_ADMIN = os.environ.get("ENERGODESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _bare_load(url: str, customers: int) -> float:
    """Seconds to load ``customers`` account-like rows with the bare driver (the limit)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bare (id integer primary key, number varchar(12), name text, town text)"))
        rows = [(i, f"{i:012d}", f"Иванова Мария Петровна {i}", "Самара") for i in range(customers)]
        start = time.perf_counter()
        raw = conn.connection.driver_connection
        if conn.dialect.name == "sqlite":
            raw.cursor().executemany("INSERT INTO bare VALUES (?, ?, ?, ?)", rows)
        else:
            with raw.cursor() as cur, cur.copy("COPY bare FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elapsed = time.perf_counter() - start
        conn.execute(text("DROP TABLE bare"))
    engine.dispose()
    return elapsed


def _measure(url: str, customers: int, seed: int) -> dict:
    db = open_database(url)
    start = time.perf_counter()
    build_demo(db.engine, DemoPlan(customers, seed=seed))
    elapsed = time.perf_counter() - start
    db.close()
    bare = _bare_load(url, customers)
    return {
        "customers": customers,
        "seconds": round(elapsed, 2),
        "customers_per_second": round(customers / elapsed),
        "bare_account_rows_seconds": round(bare, 3),
        "ratio_to_bare_account_load": round(elapsed / bare, 1),
        "projected_2m_minutes": round(2_000_000 / (customers / elapsed) / 60, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args(argv)
    result: dict = {}
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            result["sqlite"] = _measure(f"sqlite:///{tmp}/demo.sqlite3", args.customers, args.seed)
    if args.backend in ("postgresql", "both"):
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        name = f"energodesk_bench_demo_{os.getpid()}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                              "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"))
        try:
            url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
            result["postgresql"] = _measure(url, args.customers, args.seed)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()
    return write("demo", result)


if __name__ == "__main__":
    main()
