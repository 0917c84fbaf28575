"""Importing a bank registry: 100,000 lines on SQLite and PostgreSQL, against a bulk insert of the same rows.

    python benchmarks/bench_registry.py [--lines 100000] [--customers 100000] [--rounds 3]
    python -m benchmarks registry

Each round imports a new sber registry (a new day, so every line is new; one payment per account,
as in a real day's registry of a network this size) through
``registries.import_registry`` (check every line and the totals, look the accounts up, post in
batches with the once-ever key, update balances, audit), and, interleaved, bulk-inserts the same
payment and registry-line rows into plain copies of those tables (executemany in one transaction
on SQLite, COPY on PostgreSQL): the floor of writing that many rows. Medians of the rounds; JSON
into benchmarks/results/registry.json. Target: under 30 s for 100,000 lines on both databases.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import write  # noqa: E402
from desktop.database import open_database  # noqa: E402
from desktop.db.models import Account  # noqa: E402
from desktop.services import registries  # noqa: E402
from desktop.services.context import ServiceContext  # noqa: E402
from desktop.services.demo.build import build_demo  # noqa: E402
from desktop.services.demo.generator import DemoPlan  # noqa: E402
from desktop.services.demo.registry_files import SamplePayment, sample_payments, write_sber  # noqa: E402

PG_ADMIN = os.environ.get("ENERGODESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PAYMENT_COLS = ("account_id", "kind", "method", "amount_kopecks", "idempotency_key", "posted_at", "reason",
                "receipt_state")
LINE_COLS = ("import_id", "payment_id", "bank", "line_key", "line_no", "account", "paid_on", "payer", "period",
             "reference", "amount_kopecks", "transfer_kopecks", "fee_kopecks")
SMOKE_ARGS = ["--lines", "300", "--customers", "60", "--rounds", "1"]


def _fresh_pg() -> tuple[str, str]:
    name = f"energodesk_bench_registry_{os.getpid()}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                          "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"))
    admin.dispose()
    return name, make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)


def _drop_pg(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _rows(payments: list[SamplePayment], ids: dict[str, int], round_no: int) -> tuple[list[tuple[Any, ...]], ...]:
    """The payment and registry-line rows an import of ``payments`` writes, ready to insert."""
    now = datetime.now(UTC)
    pay, lines = [], []
    for n, p in enumerate(payments, start=1):
        pay.append((ids[p.account], "payment", "bank", p.kopecks, f"bulk:{round_no}:{n}", now, "", "none"))
        key = f'["{p.paid_at.date().isoformat()}","{p.paid_at.time().isoformat()}","{p.bank_branch}",' \
              f'"{p.cashier}","{p.account}"]'
        lines.append((round_no, n, "sber", key, n, p.account, p.paid_at.date(), p.payer, p.period, "", p.kopecks,
                      p.kopecks - p.fee_kopecks, p.fee_kopecks))
    return pay, lines


def _bulk(db: Any, pay: list[tuple[Any, ...]], lines: list[tuple[Any, ...]]) -> float:
    """Seconds to write the rows into the plain copies (no keys, no lookups): the floor."""
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        start = time.perf_counter()
        if db.engine.dialect.name == "postgresql":
            with cur.copy(f"COPY bench_payments ({', '.join(PAYMENT_COLS)}) FROM STDIN") as copy:
                for row in pay:
                    copy.write_row(row)
            with cur.copy(f"COPY bench_lines ({', '.join(LINE_COLS)}) FROM STDIN") as copy:
                for row in lines:
                    copy.write_row(row)
        else:
            stamp = [(*r[:5], r[5].strftime("%Y-%m-%d %H:%M:%S.%f"), *r[6:]) for r in pay]
            cur.executemany(f"INSERT INTO bench_payments ({', '.join(PAYMENT_COLS)}) "
                            f"VALUES ({', '.join('?' * len(PAYMENT_COLS))})", stamp)
            cur.executemany(f"INSERT INTO bench_lines ({', '.join(LINE_COLS)}) "
                            f"VALUES ({', '.join('?' * len(LINE_COLS))})",
                            [(*r[:6], r[6].isoformat(), *r[7:]) for r in lines])
        raw.commit()
        return time.perf_counter() - start
    finally:
        raw.close()


def run(url: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    db = open_database(url)
    try:
        build_demo(db.engine, DemoPlan(args.customers, seed=3, months=3, bill_months=1,
                                       dialect=db.engine.dialect.name))
        with db.engine.begin() as conn:
            for copy, table in (("bench_payments", "payments"), ("bench_lines", "registry_lines")):
                conn.execute(text(f"CREATE TABLE {copy} AS SELECT * FROM {table} WHERE 1 = 0"))
        ctx = ServiceContext(db.sessions)
        with db.sessions() as s:
            ids = dict(s.execute(select(Account.number, Account.id)).all())
        accounts = sorted(ids)
        imports: list[float] = []
        bulks: list[float] = []
        for round_no in range(args.rounds):
            day = date(2026, 11, 30) - timedelta(days=round_no)
            payments = sample_payments(accounts, args.lines, day, seed=round_no + 1)
            path = write_sber(work / f"r{round_no}.txt", payments, order=str(round_no + 1))
            start = time.perf_counter()
            result = registries.import_registry(ctx, path, "sber")
            imports.append(time.perf_counter() - start)
            assert result.posted == args.lines, result.summary()
            bulks.append(_bulk(db, *_rows(payments, ids, round_no + 1)))
        imported, bulk = statistics.median(imports), statistics.median(bulks)
        return {"lines": args.lines, "import_s": round(imported, 2), "bulk_insert_s": round(bulk, 3),
                "ratio_to_bulk_insert": round(imported / bulk, 1),
                "lines_per_s": round(args.lines / imported), "rounds_import_s": [round(x, 2) for x in imports],
                "under_30_s": imported < 30}
    finally:
        db.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"customers": args.customers}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result["sqlite"] = run(f"sqlite:///{work}/bench.sqlite3", args, work)
        if not args.sqlite_only:
            try:
                name, url = _fresh_pg()
            except Exception as error:  # noqa: BLE001 - any failure means "no server"
                result["postgresql"] = f"skipped: {str(error).splitlines()[0]}"
            else:
                try:
                    result["postgresql"] = run(url, args, work)
                finally:
                    _drop_pg(name)
    write("registry", result)


if __name__ == "__main__":
    main()
