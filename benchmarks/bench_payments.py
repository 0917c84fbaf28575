"""Posting payments: one payment on SQLite and PostgreSQL, and 20 concurrent desks on PostgreSQL.

    python benchmarks/bench_payments.py [--pg URL] [--payments N] [--desks 20]

Prints JSON to stdout and writes benchmarks/results/payments.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_payments.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]

from desktop.core.passwords import fast_hasher, hash_password  # noqa: E402
from desktop.database import open_database  # noqa: E402
from desktop.db.models import Account, Operator  # noqa: E402
from desktop.services import payments, shifts  # noqa: E402
from desktop.services.context import ServiceContext  # noqa: E402
from desktop.services.demo.build import build_demo  # noqa: E402
from desktop.services.demo.generator import DemoPlan  # noqa: E402
from desktop.services.operators import authenticate  # noqa: E402

PG_ADMIN = os.environ.get("ENERGODESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _desks(db, count: int, prefix: str) -> list[ServiceContext]:
    with db.sessions.begin() as s:
        branch_id = s.scalar(select(Account.branch_id).limit(1))
        hashed = hash_password("bench-desk-1", hasher=fast_hasher())
        for i in range(count):
            s.add(Operator(login=f"{prefix}{i}", full_name=f"Касса {i}", role="operator", branch_id=branch_id,
                           password_hash=hashed))
    base = ServiceContext(db.sessions)
    return [base.as_actor(authenticate(base, f"{prefix}{i}", "bench-desk-1")) for i in range(count)]


def _accounts(ctx: ServiceContext, n: int) -> list[str]:
    with ctx.read() as s:
        return list(s.scalars(select(Account.number).order_by(Account.id).limit(n)))


def single(db, n: int) -> dict:
    (ctx,) = _desks(db, 1, "single")
    shifts.open_shift(ctx, 0)
    accounts = _accounts(ctx, 50)
    times = []
    for i in range(n):
        start = time.perf_counter()
        payments.post_payment(ctx, accounts[i % len(accounts)], 10_000 + i, "cash", idempotency_key=uuid.uuid4().hex)
        times.append(time.perf_counter() - start)
    times.sort()
    return {"payments": n, "median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 2)}


def concurrent(db, desks: int, per_desk: int, same_account: bool) -> dict:
    ctxs = _desks(db, desks, f"desk{int(same_account)}x")
    for ctx in ctxs:
        shifts.open_shift(ctx, 0)
    accounts = _accounts(ctxs[0], desks)
    barrier = threading.Barrier(desks + 1)
    errors: list[BaseException] = []

    def run(i: int, ctx: ServiceContext) -> None:
        barrier.wait()
        for j in range(per_desk):
            try:
                number = accounts[0] if same_account else accounts[i % len(accounts)]
                payments.post_payment(ctx, number, 100 + j, "cash", idempotency_key=uuid.uuid4().hex)
            except BaseException as error:  # noqa: BLE001
                errors.append(error)

    workers = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(ctxs)]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.perf_counter()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    total = desks * per_desk
    return {"desks": desks, "payments": total, "same_account": same_account, "errors": len(errors),
            "seconds": round(elapsed, 3), "payments_per_second": round(total / elapsed, 1)}


def _fresh_pg() -> tuple[str, str]:
    name = f"energodesk_bench_{os.getpid()}"
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


SMOKE_ARGS = ["--payments", "10", "--desks", "4", "--per-desk", "3"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=200)
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--per-desk", type=int, default=25)
    args = parser.parse_args(argv)
    result: dict = {"benchmark": "payments"}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.sqlite3")
        build_demo(db.engine, DemoPlan(60, seed=7))
        result["sqlite_single"] = single(db, args.payments)
        db.close()
    try:
        name, url = _fresh_pg()
    except Exception as error:  # noqa: BLE001
        result["postgresql"] = f"skipped: {str(error).splitlines()[0]}"
    else:
        try:
            db = open_database(url)
            build_demo(db.engine, DemoPlan(60, seed=7))
            result["postgresql_single"] = single(db, args.payments)
            result["postgresql_concurrent_many_accounts"] = concurrent(db, args.desks, args.per_desk, False)
            result["postgresql_concurrent_one_account"] = concurrent(db, args.desks, args.per_desk, True)
            db.close()
        finally:
            _drop_pg(name)
    text_out = json.dumps(result, ensure_ascii=False, indent=2)
    print(text_out)
    out = ROOT / "benchmarks" / "results" / "payments.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text_out + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
