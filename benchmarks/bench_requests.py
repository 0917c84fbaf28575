"""The register of customer requests at 100,000 rows on SQLite and PostgreSQL.

    python benchmarks/bench_requests.py [--requests 100000] [--customers 2000] [--rounds 5]
    python -m benchmarks requests

Measured, interleaved, medians of the rounds: the first page of the register (newest first), a
page 99% deep (keyset: after the key of the row before it), a filtered first page (one branch,
overdue, one kind), the first page sorted by due date, and registering one request through the
service (number from the counter row, due date, history, audit). The baseline, in the same run,
is a bare ``SELECT id ... ORDER BY id LIMIT 200`` of the same table: each ratio says what the joins,
filters and depth cost over reading 200 ids. Export of the whole register to XLSX is timed once.
JSON into benchmarks/results/requests.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python benchmarks/bench_requests.py`: the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]

from benchmarks.bench_payments import _drop_pg, _fresh_pg  # noqa: E402  (a scratch PostgreSQL database)
from benchmarks.common import interleaved, median_ms, write  # noqa: E402
from desktop.database import open_database  # noqa: E402
from desktop.db.models import CustomerRequest  # noqa: E402
from desktop.services import request_register as reg  # noqa: E402
from desktop.services import requests  # noqa: E402
from desktop.services.accounts import list_accounts  # noqa: E402
from desktop.services.context import ServiceContext  # noqa: E402
from desktop.services.demo.build import DEMO_PASSWORD, build_demo  # noqa: E402
from desktop.services.demo.generator import DemoPlan  # noqa: E402
from desktop.services.demo.request_samples import bulk_requests  # noqa: E402
from desktop.services.operators import authenticate  # noqa: E402

SMOKE_ARGS = ["--requests", "600", "--customers", "60", "--rounds", "1"]


def _measure(url: str, count: int, customers: int, rounds: int) -> dict:
    db = open_database(url)
    try:
        build_demo(db.engine, DemoPlan(customers, seed=3))
        started = time.perf_counter()
        bulk_requests(db.engine, count)
        filled_s = time.perf_counter() - started
        base = ServiceContext(db.sessions)
        senior = base.as_actor(authenticate(base, "sam.senior", DEMO_PASSWORD))
        account = list_accounts(senior, 1)[0]
        everything = reg.RegisterFilter()
        deep_after = None
        depth = max(1, int(count * 0.99))
        # The key of the row before the deep page, found once (what a scrolled view holds).
        with db.sessions() as s:
            row = s.execute(select(CustomerRequest.registered_at, CustomerRequest.id)
                            .order_by(CustomerRequest.registered_at.desc(), CustomerRequest.id.desc())
                            .offset(depth - 1).limit(1)).one()
            deep_after = (row[0], row[1])
        filtered = reg.RegisterFilter(branch="SYZ", overdue=True, type="complaint")

        def baseline() -> None:
            with senior.read_core() as conn:
                conn.execute(select(CustomerRequest.id).order_by(CustomerRequest.id).limit(reg.PAGE)).all()

        n = iter(range(10**9))

        def whole(call):  # type: ignore[no-untyped-def]
            """Timed as a whole call (interleaved() times a case that returns None)."""
            return lambda: (call(), None)[1]

        cases = {
            "baseline_ids": baseline,
            "first_page": whole(lambda: reg.register_page(senior, everything)),
            "deep_page": whole(lambda: reg.register_page(senior, everything, after=deep_after)),
            "filtered_page": whole(lambda: reg.register_page(senior, filtered)),
            "by_due_page": whole(lambda: reg.register_page(senior, everything, sort="due", descending=False)),
            "register_one": whole(lambda: requests.register_request(senior, account, "complaint",
                                                                    f"Замер {next(n)}")),
        }
        samples = interleaved(rounds, cases)
        assert len(reg.register_page(senior, everything, after=deep_after)) == min(reg.PAGE, count - depth)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            written = reg.export_register(senior, everything, "registered", True, Path(folder) / "r.xlsx")
            export_s = time.perf_counter() - started
        medians = {name: median_ms(values) for name, values in samples.items()}
        base_ms = medians["baseline_ids"] or 0.001
        return {
            "requests": count,
            "fill_s": round(filled_s, 2),
            "median_ms": medians,
            "ratio_to_baseline": {k: round(v / base_ms, 1) for k, v in medians.items() if k != "baseline_ids"},
            "export_xlsx_rows": written,
            "export_xlsx_s": round(export_s, 2),
        }
    finally:
        db.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    result = {"load_average": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        result["sqlite"] = _measure(f"sqlite:///{folder}/bench.sqlite3", args.requests, args.customers, args.rounds)
    name, url = _fresh_pg()
    try:
        result["postgresql"] = _measure(url, args.requests, args.customers, args.rounds)
    finally:
        _drop_pg(name)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    write("requests", result)


if __name__ == "__main__":
    main(sys.argv[1:])
