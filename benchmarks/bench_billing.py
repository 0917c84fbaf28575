"""Billing-run rate (accounts per second) on a demo database of N customers, and its ratio to the
physical limit measured in the same run.

Run: PYTHONPATH=. python -m benchmarks billing [--customers 20000] [--backend sqlite|postgresql]
     [--workers N] [--url URL]   (an existing, migrated database with accounts and no bills for 2026-10: the 2M copy)
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


def _limit(engine, batch: int, run_id: int) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    """Seconds to bulk-insert the run's bills and lines again into bare tables (no arithmetic).

    The rows are read back a batch at a time (not timed) and written in one transaction per batch,
    like the run; only the writing is timed.
    """
    with engine.begin() as conn:
        for table in ("bench_bill_lines", "bench_bills"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        conn.execute(text("CREATE TABLE bench_bills AS SELECT * FROM bills WHERE 1 = 0"))
        conn.execute(text("CREATE TABLE bench_bill_lines AS SELECT * FROM bill_lines WHERE 1 = 0"))
    raw = engine.raw_connection()
    seconds, bills_n, lines_n, last = 0.0, 0, 0, 0
    try:
        while True:
            cur = raw.cursor()
            mark = "%s" if engine.dialect.name == "postgresql" else "?"
            cur.execute(f"SELECT * FROM bills WHERE run_id = {mark} AND id > {mark} ORDER BY id LIMIT {int(batch)}",
                        (run_id, last))
            bill_cols = [d[0] for d in cur.description]
            bills = cur.fetchall()
            if not bills:
                break
            last = bills[-1][0]
            cur.execute(f"SELECT * FROM bill_lines WHERE bill_id >= {mark} AND bill_id <= {mark} ORDER BY id",
                        (bills[0][0], last))
            line_cols = [d[0] for d in cur.description]
            lines = cur.fetchall()
            raw.commit()
            start = time.perf_counter()
            if engine.dialect.name == "postgresql":
                with cur.copy(f"COPY bench_bills ({', '.join(bill_cols)}) FROM STDIN") as copy:
                    for row in bills:
                        copy.write_row(row)
                with cur.copy(f"COPY bench_bill_lines ({', '.join(line_cols)}) FROM STDIN") as copy:
                    for row in lines:
                        copy.write_row(row)
            else:
                cur.executemany(f"INSERT INTO bench_bills VALUES ({', '.join('?' * len(bill_cols))})", bills)
                cur.executemany(f"INSERT INTO bench_bill_lines VALUES ({', '.join('?' * len(line_cols))})", lines)
            raw.commit()
            seconds += time.perf_counter() - start
            bills_n, lines_n = bills_n + len(bills), lines_n + len(lines)
    finally:
        raw.close()
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_bill_lines"))
        conn.execute(text("DROP TABLE bench_bills"))
    return seconds, bills_n, lines_n


def _cpu() -> float:
    """Processor seconds of this process and of its finished children (the billing workers)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _measure(url: str, customers: int, batch: int, build: bool = True, period: str = "2026-10",
             max_minutes: float | None = None, workers: int | None = None, desks: int = 0,
             desk_interval: float = 2.0, limit: bool = True) -> dict:
    from desktop.core.periods import Period

    db = open_database(url)
    if build:
        build_demo(db.engine, DemoPlan(customers, seed=1, bill_months=0))
    after = Period.parse(period).next().first_day
    ctx = ServiceContext(db.sessions, ADMIN, clock=lambda: datetime(after.year, after.month, 1, 6, tzinfo=UTC))
    counter = None
    if desks:
        from benchmarks.billing_desks import Desks

        counter = Desks(url, desks, desk_interval)
        counter.start()
    start = time.perf_counter()
    cpu_start = _cpu()

    marks: list[tuple[float, int]] = []

    def progress(done: int, total: int) -> bool:
        now = time.perf_counter()
        if not marks or now - marks[-1][0] >= 60:  # a line a minute: the rate as the run goes
            if marks:
                rate = (done - marks[-1][1]) / (now - marks[-1][0])
                print(f"bench_billing: {done:,} of {total:,} after {now - start:.0f} s, {rate:,.0f}/s this minute, "
                      f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
            marks.append((now, done))
        # A time cap for the 2-million database on a shared machine: the rate is billed / seconds.
        return max_minutes is None or now - start < max_minutes * 60

    # workers only when asked: the same benchmark then measures code from before the option.
    extra = {} if workers is None else {"workers": workers}
    result = run_billing(ctx, period, None, progress, batch_size=batch, **extra)
    elapsed = time.perf_counter() - start
    cpu = _cpu() - cpu_start
    beside = counter.stop() if counter is not None else None
    limit, bills, lines = _limit(db.engine, batch, result.run_id) if limit else (0.0, 0, 0)
    db.close()
    return {
        "period": period,
        "workers": workers if workers is not None else "auto",
        "cancelled_at_time_cap": result.cancelled,
        "customers": customers if build else result.total,
        "billed": result.billed,
        "skipped": result.skipped,
        "seconds": round(elapsed, 2),
        "accounts_per_second": round(result.billed / elapsed),
        "projected_2m_minutes": round(2_000_000 / (result.billed / elapsed) / 60, 1),
        # The run's own processor time (this process and its workers; not PostgreSQL's): what the
        # shared machine's load does not change. accounts per CPU second = the rate on a free core.
        "cpu_seconds": round(cpu, 2),
        "accounts_per_cpu_second": round(result.billed / cpu) if cpu else None,
        "limit_seconds": round(limit, 2),
        "limit_rows": {"bills": bills, "bill_lines": lines},
        "ratio_to_limit": round(elapsed / limit, 2) if limit else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "desks_posting": beside,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--url", default=None, help="bill this existing database instead of a new demo")
    parser.add_argument("--period", default="2026-10", help="with --url: the month to bill")
    parser.add_argument("--max-minutes", type=float, default=None, help="with --url: stop (cancel) after this")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: run_billing's choice, one below 20,000 accounts)")
    parser.add_argument("--desks", type=int, default=0,
                        help="desk processes posting cash payments meanwhile (benchmarks/billing_desks.py)")
    parser.add_argument("--desk-interval", type=float, default=2.0, help="seconds between one desk's payments")
    parser.add_argument("--no-limit", action="store_true", help="skip the bulk-insert limit (it rewrites every row)")
    args = parser.parse_args(argv)
    results = {}
    if args.url:
        results[make_url(args.url).get_backend_name()] = _measure(
            args.url, 0, args.batch, build=False, period=args.period, max_minutes=args.max_minutes,
            workers=args.workers, desks=args.desks, desk_interval=args.desk_interval, limit=not args.no_limit)
        return write("billing", {"batch_size": args.batch, **results})
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            results["sqlite"] = _measure(f"sqlite:///{folder}/bench.sqlite3", args.customers, args.batch,
                                         workers=args.workers)
    if args.backend in ("postgresql", "both"):
        name = f"energodesk_bench_billing_{os.getpid()}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                              "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"))
        try:
            url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
            results["postgresql"] = _measure(url, args.customers, args.batch, workers=args.workers)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return write("billing", {"batch_size": args.batch, **results})


if __name__ == "__main__":
    main()
