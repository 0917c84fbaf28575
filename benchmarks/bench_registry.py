"""Importing a bank registry: 100,000 lines on SQLite and PostgreSQL, against a bulk insert of the same rows.

    python benchmarks/bench_registry.py [--lines 100000] [--customers 100000] [--rounds 3]
    python -m benchmarks registry

Each round imports a new sber registry (a new day, so every line is new; one payment per account,
as in a real day's registry of a network this size) through
``registries.import_registry`` (check every line and the totals, look the accounts up, post in
batches with the once-ever key, update balances, audit), and, interleaved, writes the same payment
and registry-line rows in one transaction through the same driver path (COPY on PostgreSQL,
executemany on SQLite) and nothing else: into the tables themselves (indexes and foreign keys
included: the floor an import can reach, ``ratio_to_bulk_insert``) and into plain copies without
keys or indexes (``ratio_to_bare_copy``). Medians of the rounds; JSON
into benchmarks/results/registry.json. Target: under 30 s for 100,000 lines on both databases.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

if not __package__:  # run as `python benchmarks/bench_registry.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Column, MetaData, Table, insert, select, text

ROOT = Path(__file__).resolve().parents[1]

from benchmarks.bench_payments import _drop_pg, _fresh_pg  # noqa: E402  (a scratch PostgreSQL database)
from benchmarks.common import write  # noqa: E402
from desktop.database import open_database  # noqa: E402
from desktop.db.models import Account, Base, RegistryImport  # noqa: E402
from desktop.services import registries  # noqa: E402
from desktop.services.bulk_sql import insert_rows  # noqa: E402
from desktop.services.context import ServiceContext  # noqa: E402
from desktop.services.demo.build import build_demo  # noqa: E402
from desktop.services.demo.generator import DemoPlan  # noqa: E402
from desktop.services.demo.registry_files import SamplePayment, sample_payments, write_sber  # noqa: E402

PAYMENT_COLS = ("id", "account_id", "kind", "method", "amount_kopecks", "idempotency_key", "posted_at", "reason",
                "receipt_state")
LINE_COLS = ("import_id", "payment_id", "bank", "line_key", "line_no", "account", "paid_on", "payer", "period",
             "reference", "amount_kopecks", "transfer_kopecks", "fee_kopecks")
SMOKE_ARGS = ["--lines", "300", "--customers", "60", "--rounds", "1"]


def _rows(payments: list[SamplePayment], ids: dict[str, int], tag: str,
          first_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The payment and registry-line rows an import of ``payments`` writes, ready to insert
    (keys tagged, so the same rows can be written again beside the imported ones)."""
    now = datetime.now(UTC)
    pay, lines = [], []
    for n, p in enumerate(payments, start=1):
        pid = first_id + n
        pay.append((pid, ids[p.account], "payment", "bank", p.kopecks, f"{tag}:{n}", now, "", "none"))
        key = f'["{p.paid_at.date().isoformat()}","{p.paid_at.time().isoformat()}","{p.bank_branch}",' \
              f'"{p.cashier}","{p.account}"]'
        lines.append((pid, tag[:16], key, n, p.account, p.paid_at.date(), p.payer, p.period, "", p.kopecks,
                      p.kopecks - p.fee_kopecks, p.fee_kopecks))
    return pay, lines


def _bulk(db: Any, payments: list[SamplePayment], ids: dict[str, int], tag: str, bare: bool) -> float:
    """Seconds to write the import's rows in one transaction through the same driver path (COPY,
    executemany) and nothing else: no checks, no lookups, no balances. ``bare``: into plain copies
    of the tables without keys or indexes; else into the tables themselves, indexes and all."""
    with db.sessions.begin() as s:
        import_id = s.scalar(insert(RegistryImport).values(
            bank=tag[:16], format="sber", file_name=tag, file_sha256="0" * 64, order_number="", lines_total=0,
            amount_total_kopecks=0, posted_count=0, posted_kopecks=0, duplicate_count=0, refused_count=0,
            refused_kopecks=0, refused="[]", state="done", started_at=datetime.now(UTC))
            .returning(RegistryImport.id))
        first_id = s.scalar(text("SELECT COALESCE(MAX(id), 0) FROM payments")) or 0
        pay, lines = _rows(payments, ids, tag, first_id + 10_000_000 if bare else first_id)
    tables = Base.metadata.tables
    payments_table, lines_table = tables["payments"], tables["registry_lines"]
    if bare:  # the same columns and types under the plain copies' names
        payments_table, lines_table = (Table(f"bench_{name}", MetaData(), *(Column(c.name, c.type) for c in t.c))
                                       for name, t in (("payments", payments_table), ("lines", lines_table)))
    start = time.perf_counter()
    with db.sessions.begin() as s:
        insert_rows(s, payments_table, PAYMENT_COLS, pay)
        insert_rows(s, lines_table, LINE_COLS, [(import_id, *row) for row in lines])
    seconds = time.perf_counter() - start
    if db.engine.dialect.name == "postgresql" and not bare:
        with db.engine.begin() as conn:  # the sequence after the ids written by hand
            conn.execute(text("SELECT setval(pg_get_serial_sequence('payments', 'id'), "
                              "(SELECT MAX(id) FROM payments))"))
    return seconds


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
        bares: list[float] = []
        for round_no in range(args.rounds):
            day = date(2026, 11, 30) - timedelta(days=round_no)
            payments = sample_payments(accounts, args.lines, day, seed=round_no + 1)
            path = write_sber(work / f"r{round_no}.txt", payments, order=str(round_no + 1))
            start = time.perf_counter()
            result = registries.import_registry(ctx, path, "sber")
            imports.append(time.perf_counter() - start)
            assert result.posted == args.lines, result.summary()
            bulks.append(_bulk(db, payments, ids, f"bulk-{round_no}", bare=False))
            bares.append(_bulk(db, payments, ids, f"bare-{round_no}", bare=True))
        imported, bulk, bare = statistics.median(imports), statistics.median(bulks), statistics.median(bares)
        return {"lines": args.lines, "import_s": round(imported, 2), "bulk_insert_s": round(bulk, 3),
                "ratio_to_bulk_insert": round(imported / bulk, 1), "bare_copy_s": round(bare, 3),
                "ratio_to_bare_copy": round(imported / bare, 1),
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
