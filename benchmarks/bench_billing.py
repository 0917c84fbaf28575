"""Billing-run rate (accounts per second) on a demo database of N customers, and its ratio to the
physical limit measured in the same run.

Run: PYTHONPATH=. python -m benchmarks billing [--customers 20000] [--backend sqlite|postgresql]
     [--url URL]   (an existing, migrated database with accounts and no bills for 2026-10: the 2M copy)
The demo is built without bills, then `run_billing` bills October 2026 for every account
(readings, history, frozen document JSON with the QR payload, balance, one batch per transaction).
The limit: the same bill and bill-line rows, read back, bulk-inserted into bare copies of the two
tables (COPY on PostgreSQL, executemany on SQLite, one transaction per batch) with no arithmetic;
``ratio_to_limit`` = run seconds / limit seconds (the aim is at most 3).
Prints JSON and writes benchmarks/results/billing.json.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.common import write
from desktop.database import open_database
from desktop.services.billing import run_billing
from desktop.services.context import Actor, ServiceContext
from desktop.services.demo.build import build_demo
from desktop.services.demo.generator import DemoPlan

SMOKE_ARGS = ["--customers", "300"]
PG_ADMIN = os.environ.get("ENERGODESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
ADMIN = Actor(None, "bench", "Benchmark", "admin", None, "")


def _limit(engine, batch: int) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    """Seconds to bulk-insert the run's bills and lines again into bare tables (no arithmetic)."""
    period = "2026-10"
    with engine.begin() as conn:
        for table in ("bench_bill_lines", "bench_bills"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        conn.execute(text("CREATE TABLE bench_bills AS SELECT * FROM bills WHERE 1 = 0"))
        conn.execute(text("CREATE TABLE bench_bill_lines AS SELECT * FROM bill_lines WHERE 1 = 0"))
        bills = conn.execute(text("SELECT * FROM bills WHERE period = :p ORDER BY id"), {"p": period}).all()
        lines = conn.execute(text("SELECT l.* FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
                                  "WHERE b.period = :p ORDER BY l.bill_id, l.line_no"), {"p": period}).all()
    bill_cols = list(bills[0]._fields) if bills else []
    line_cols = list(lines[0]._fields) if lines else []
    chunks = max(1, -(-len(bills) // batch))
    per_chunk = -(-len(lines) // chunks)  # the lines in as many transactions as the bills
    raw = engine.raw_connection()
    try:
        start = time.perf_counter()
        for k in range(chunks):
            chunk_b, chunk_l = bills[k * batch:(k + 1) * batch], lines[k * per_chunk:(k + 1) * per_chunk]
            cur = raw.cursor()
            if engine.dialect.name == "postgresql":
                with cur.copy(f"COPY bench_bills ({', '.join(bill_cols)}) FROM STDIN") as copy:
                    for row in chunk_b:
                        copy.write_row(row)
                with cur.copy(f"COPY bench_bill_lines ({', '.join(line_cols)}) FROM STDIN") as copy:
                    for row in chunk_l:
                        copy.write_row(row)
            else:
                cur.executemany(f"INSERT INTO bench_bills VALUES ({', '.join('?' * len(bill_cols))})",
                                [tuple(r) for r in chunk_b])
                cur.executemany(f"INSERT INTO bench_bill_lines VALUES ({', '.join('?' * len(line_cols))})",
                                [tuple(r) for r in chunk_l])
            raw.commit()
        seconds = time.perf_counter() - start
    finally:
        raw.close()
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_bill_lines"))
        conn.execute(text("DROP TABLE bench_bills"))
    return seconds, len(bills), len(lines)


def _measure(url: str, customers: int, batch: int, build: bool = True) -> dict:
    db = open_database(url)
    if build:
        build_demo(db.engine, DemoPlan(customers, seed=1, bill_months=0))
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(2026, 11, 1, 6, tzinfo=UTC))
    start = time.perf_counter()
    result = run_billing(ctx, "2026-10", batch_size=batch)
    elapsed = time.perf_counter() - start
    limit, bills, lines = _limit(db.engine, batch)
    db.close()
    return {
        "customers": customers if build else result.total,
        "billed": result.billed,
        "skipped": result.skipped,
        "seconds": round(elapsed, 2),
        "accounts_per_second": round(result.billed / elapsed),
        "projected_2m_minutes": round(2_000_000 / (result.billed / elapsed) / 60, 1),
        "limit_seconds": round(limit, 2),
        "limit_rows": {"bills": bills, "bill_lines": lines},
        "ratio_to_limit": round(elapsed / limit, 2) if limit else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--url", default=None, help="bill this existing database instead of a new demo")
    args = parser.parse_args(argv)
    results = {}
    if args.url:
        results[make_url(args.url).get_backend_name()] = _measure(args.url, 0, args.batch, build=False)
        return write("billing", {"batch_size": args.batch, **results})
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            results["sqlite"] = _measure(f"sqlite:///{folder}/bench.sqlite3", args.customers, args.batch)
    if args.backend in ("postgresql", "both"):
        name = f"energodesk_bench_billing_{os.getpid()}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                              "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"))
        try:
            url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
            results["postgresql"] = _measure(url, args.customers, args.batch)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return write("billing", {"batch_size": args.batch, **results})


if __name__ == "__main__":
    main()
