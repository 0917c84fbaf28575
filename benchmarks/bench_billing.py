"""Billing-run rate (accounts per second) on a demo database of N customers.

Run: PYTHONPATH=. python -m benchmarks billing [--customers 20000] [--backend sqlite|postgresql]
The demo is built without bills, then `run_billing` bills October 2026 for every account
(readings, history, frozen document JSON with the QR payload, balance, one batch per transaction).
Prints JSON and writes benchmarks/results/billing.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_billing.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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


def _measure(url: str, customers: int, batch: int) -> dict:
    db = open_database(url)
    build_demo(db.engine, DemoPlan(customers, seed=1, bill_months=0))
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(2026, 11, 1, 6, tzinfo=UTC))
    start = time.perf_counter()
    result = run_billing(ctx, "2026-10", batch_size=batch)
    elapsed = time.perf_counter() - start
    db.close()
    return {
        "customers": customers,
        "billed": result.billed,
        "skipped": result.skipped,
        "seconds": round(elapsed, 2),
        "accounts_per_second": round(result.billed / elapsed),
        "projected_2m_minutes": round(2_000_000 / (result.billed / elapsed) / 60, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    args = parser.parse_args(argv)
    results = {}
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
