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
import time
import uuid
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_payments.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]

from benchmarks.common import conditions  # noqa: E402
from desktop.core.passwords import fast_hasher, hash_password  # noqa: E402
from desktop.database import open_database  # noqa: E402
from desktop.db.models import Account, Operator  # noqa: E402
from desktop.services import payments, shifts  # noqa: E402
from desktop.services.context import ServiceContext  # noqa: E402
from desktop.services.demo.build import build_demo  # noqa: E402
from desktop.services.demo.generator import DemoPlan  # noqa: E402
from desktop.services.operators import authenticate  # noqa: E402

PASSWORD = "bench-desk-1"  # every benchmark desk operator's
P95_TARGET_MS = 1000.0  # issue 19: one payment with 20 desks posting at once, 95th percentile
PG_ADMIN = os.environ.get("ENERGODESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _desks(db, count: int, prefix: str) -> list[ServiceContext]:
    with db.sessions.begin() as s:
        branch_id = s.scalar(select(Account.branch_id).limit(1))
        hashed = hash_password(PASSWORD, hasher=fast_hasher())
        for i in range(count):
            s.add(Operator(login=f"{prefix}{i}", full_name=f"Касса {i}", role="operator", branch_id=branch_id,
                           password_hash=hashed))
    base = ServiceContext(db.sessions)
    return [base.as_actor(authenticate(base, f"{prefix}{i}", PASSWORD)) for i in range(count)]


def _accounts(ctx: ServiceContext, n: int) -> list[str]:
    with ctx.read() as s:
        return list(s.scalars(select(Account.number).order_by(Account.id).limit(n)))


def single(db, n: int) -> dict:
    (ctx,) = _desks(db, 1, f"single{os.getpid()}x")
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


def _desk_process(url: str, login: str, numbers: list[str], per_desk: int, barrier, out) -> None:  # type: ignore[no-untyped-def]
    """One desk: its own process, engine and pool (as a branch's PC), posting ``per_desk`` payments."""
    db = open_database(url, upgrade_older=False, create=False)
    base = ServiceContext(db.sessions)
    ctx = base.as_actor(authenticate(base, login, PASSWORD))
    shifts.open_shift(ctx, 0)
    payments.post_payment(ctx, numbers[0], 1, "cash", idempotency_key=uuid.uuid4().hex)  # imports, pool
    latencies, errors = [], []
    barrier.wait()
    for j in range(per_desk):
        start = time.perf_counter()
        try:
            payments.post_payment(ctx, numbers[j % len(numbers)], 100 + j, "cash",
                                  idempotency_key=uuid.uuid4().hex)
            latencies.append(time.perf_counter() - start)
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error)[:200])
    db.close()
    out.put((latencies, errors))


def concurrent(db, url: str, desks: int, per_desk: int, same_account: bool) -> dict:  # type: ignore[no-untyped-def]
    """``desks`` processes post at once; each payment's latency is what its operator waits."""
    import multiprocessing

    prefix = f"desk{int(same_account)}x{os.getpid()}x"
    _desks(db, desks, prefix)
    accounts = _accounts(ServiceContext(db.sessions), desks * 50)
    spawn = multiprocessing.get_context("spawn")
    barrier, out = spawn.Barrier(desks + 1), spawn.Queue()
    workers = []
    for i in range(desks):
        numbers = accounts[:1] if same_account else accounts[i::desks]
        workers.append(spawn.Process(target=_desk_process,
                                     args=(url, f"{prefix}{i}", numbers, per_desk, barrier, out)))
    for w in workers:
        w.start()
    barrier.wait(timeout=600)
    start = time.perf_counter()
    results = [out.get(timeout=600) for _ in workers]
    elapsed = time.perf_counter() - start
    for w in workers:
        w.join()
    latencies = sorted(x for r in results for x in r[0])
    errors = [e for r in results for e in r[1]]
    total = desks * per_desk
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000 if latencies else float("inf")
    return {"desks": desks, "processes": True, "payments": total, "same_account": same_account,
            "errors": len(errors), "first_errors": errors[:3],
            "seconds": round(elapsed, 3), "payments_per_second": round(total / elapsed, 1),
            "latency_ms": {"median": round(statistics.median(latencies) * 1000, 1) if latencies else None,
                           "p95": round(p95, 1), "max": round(latencies[-1] * 1000, 1) if latencies else None},
            "target_p95_ms": P95_TARGET_MS, "meets_target": not errors and p95 <= P95_TARGET_MS}


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
    parser.add_argument("--pg-database", help="post into this PostgreSQL database (a scratch demo: payments "
                        "are written) instead of a fresh 60-customer one")
    args = parser.parse_args(argv)
    result: dict = {"benchmark": "payments"}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.sqlite3")
        build_demo(db.engine, DemoPlan(60, seed=7))
        result["sqlite_single"] = single(db, args.payments)
        db.close()
    try:
        name, url = (None, args.pg_database) if args.pg_database else _fresh_pg()
    except Exception as error:  # noqa: BLE001
        result["postgresql"] = f"skipped: {str(error).splitlines()[0]}"
    else:
        try:
            db = open_database(url, upgrade_older=False, create=False) if name is None else open_database(url)
            if name is not None:
                build_demo(db.engine, DemoPlan(60, seed=7))
            with db.sessions() as s:
                result["postgresql_accounts"] = s.scalar(select(func.count()).select_from(Account))
            result["postgresql_single"] = single(db, args.payments)
            result["postgresql_concurrent_many_accounts"] = concurrent(db, url, args.desks, args.per_desk, False)
            result["postgresql_concurrent_one_account"] = concurrent(db, url, args.desks, args.per_desk, True)
            db.close()
        finally:
            if name is not None:
                _drop_pg(name)
    result["conditions"] = conditions(load_before)
    text_out = json.dumps(result, ensure_ascii=False, indent=2)
    print(text_out)
    out = ROOT / "benchmarks" / "results" / "payments.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text_out + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
