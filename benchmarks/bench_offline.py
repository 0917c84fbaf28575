"""The offline copy of one branch: refresh time and file size, and the replay of a journal.

Refresh is compared with a baseline measured in the same run: reading the same branch's accounts
with their customers in one plain query (what any copy must at least do). Replay: N journalled
cash payments posted through post_payment, per operation.

Run: PYTHONPATH=. python benchmarks/bench_offline.py [--url URL --branch CODE] [--customers N]
     [--replay N] [--smoke]
Without --url a demo SQLite database of --customers is built in a temporary folder. With --url
the database is only read (the refresh is SELECTs), and the replay part is skipped: it writes.
Prints JSON and writes benchmarks/results/offline.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_offline.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from benchmarks.common import write
from desktop.db.models import Account, Branch, Customer

SMOKE_ARGS = ["--customers", "120", "--replay", "10"]


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _largest_branch(engine) -> str:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(Branch.code).join(Account, Account.branch_id == Branch.id)
                            .group_by(Branch.code).order_by(func.count().desc()).limit(1)).scalar_one()


def _baseline(engine, code: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    with engine.connect() as conn:
        branch_id = conn.scalar(select(Branch.id).where(Branch.code == code))
        rows = conn.execute(select(Account.id, Account.number, Customer.name_key, Account.balance_kopecks)
                            .join(Customer, Customer.id == Account.customer_id)
                            .where(Account.branch_id == branch_id)).all()
    assert rows
    return time.perf_counter() - start


def _replay(database, folder: Path, count: int) -> dict:  # type: ignore[no-untyped-def]
    from desktop.services import shifts
    from desktop.services.context import ServiceContext
    from desktop.services.demo.build import DEMO_PASSWORD
    from desktop.services.offline_copy import refresh
    from desktop.services.offline_desk import OfflineDesk
    from desktop.services.offline_journal import Journal
    from desktop.services.offline_replay import replay
    from desktop.services.operators import authenticate

    base = ServiceContext(database.sessions)
    ctx = base.as_actor(authenticate(base, "sam.op1", DEMO_PASSWORD))
    shifts.open_shift(ctx, 0)
    refresh(database.engine, folder / "sam.sqlite3", "SAM")
    desk = OfflineDesk(folder / "sam.sqlite3", Journal(folder / "journal.sqlite3"), ctx.actor, "bench")
    with database.engine.connect() as conn:
        numbers = list(conn.scalars(select(Account.number).join(Branch).where(
            Branch.code == "SAM", Account.closed_on.is_(None)).limit(20)))
    start = time.perf_counter()
    for i in range(count):
        desk.take_payment(numbers[i % len(numbers)], 1_000 + i, "cash")
    journal_s = time.perf_counter() - start
    start = time.perf_counter()
    report = replay(database.sessions, desk.journal)
    replay_s = time.perf_counter() - start
    assert report.done == count and report.pending_left == 0
    return {"replay_operations": count, "journal_ms_per_operation": round(journal_s / count * 1000, 2),
            "replay_ms_per_operation": round(replay_s / count * 1000, 2)}


def main(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--branch")
    parser.add_argument("--customers", type=int, default=3000)
    parser.add_argument("--replay", type=int, default=200)
    args = parser.parse_args(argv)

    from desktop.database import open_database
    from desktop.services.offline_copy import refresh

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result: dict = {"load_average_before": _load()}
        if args.url:
            # Read only, and possibly a schema older than this checkout: a bare engine, no checks.
            from types import SimpleNamespace

            from desktop.db.engine import make_engine

            database = SimpleNamespace(engine=make_engine(args.url))
            database.close = database.engine.dispose
        else:
            from desktop.services.demo.build import build_demo
            from desktop.services.demo.generator import DemoPlan

            database = open_database(f"sqlite:///{folder / 'shared.sqlite3'}")
            build_demo(database.engine, DemoPlan(args.customers, seed=7))
        try:
            code = args.branch or _largest_branch(database.engine)
            baseline = _baseline(database.engine, code)
            copy = refresh(database.engine, folder / "copy.sqlite3", code)
            result.update(
                backend=database.engine.dialect.name, branch=code, accounts=copy.accounts, meters=copy.meters,
                last_readings=copy.readings, bills=copy.bills, refresh_s=round(copy.seconds, 2),
                baseline_plain_read_s=round(baseline, 2), refresh_to_baseline=round(copy.seconds / baseline, 1),
                file_mb=round(copy.file_bytes / 2**20, 1),
                bytes_per_account=round(copy.file_bytes / max(copy.accounts, 1)),
            )
            if not args.url and args.replay:
                result.update(_replay(database, folder, args.replay))
        finally:
            database.close()
        result["load_average_after"] = _load()
    return write("offline", result)


if __name__ == "__main__":
    main(sys.argv[1:])
