"""Desk processes posting cash payments at a counter's pace while a billing run goes (bench_billing --desks).

Each desk is a process of its own (spawned: its own engine and pool, as a branch's PC), signed in
as an operator of its own with an open shift, posting one cash payment every ``interval`` seconds
to accounts spread over the whole database, until told to stop. What each payment's operator
waited and every failure are reported.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import time
import uuid
from typing import Any

from sqlalchemy import func, select

from benchmarks.bench_payments import PASSWORD, _desks
from desktop.database import open_database
from desktop.db.models import Account
from desktop.services import payments, shifts
from desktop.services.context import ServiceContext
from desktop.services.operators import authenticate


def _desk(url: str, login: str, numbers: list[str], interval: float, ready: Any, stop: Any, out: Any) -> None:
    db = open_database(url, upgrade_older=False, create=False)
    base = ServiceContext(db.sessions)
    ctx = base.as_actor(authenticate(base, login, PASSWORD))
    shifts.open_shift(ctx, 0)
    payments.post_payment(ctx, numbers[0], 1, "cash", idempotency_key=uuid.uuid4().hex)  # imports, pool
    latencies: list[float] = []
    errors: list[str] = []
    ready.release()
    next_at = time.perf_counter()
    parent = os.getppid()
    while not stop.is_set() and os.getppid() == parent:  # a killed benchmark leaves no desk posting
        number = random.choice(numbers)
        start = time.perf_counter()
        try:
            payments.post_payment(ctx, number, 10_000, "cash", idempotency_key=uuid.uuid4().hex)
            latencies.append(time.perf_counter() - start)
        except Exception as error:  # noqa: BLE001 - every failure is counted and reported
            errors.append(repr(error)[:200])
        next_at += interval
        stop.wait(max(0.0, next_at - time.perf_counter()))
    db.close()
    out.put((latencies, errors))


class Desks:
    """``count`` desks posting every ``interval`` s from start() to stop(); stop() returns the figures."""

    def __init__(self, url: str, count: int, interval: float) -> None:
        self.url, self.count, self.interval = url, count, interval
        spawn = multiprocessing.get_context("spawn")
        self._ready, self._stop, self._out = spawn.Semaphore(0), spawn.Event(), spawn.Queue()
        self._spawn = spawn
        self._procs: list[Any] = []
        self._started = 0.0

    def start(self) -> None:
        db = open_database(self.url, upgrade_older=False, create=False)
        prefix = f"billdesk{os.getpid()}x"
        _desks(db, self.count, prefix)  # the desks' operators, as bench_payments makes them
        with db.sessions() as s:
            top = s.scalar(select(func.max(Account.id))) or 0
            rng = random.Random(7)
            # Accounts from all over the table (the run's batches go in id order): a sample by id.
            wanted = sorted(rng.sample(range(1, top + 1), min(top, 200 * self.count)))
            numbers = list(s.scalars(select(Account.number).where(Account.id.in_(wanted))))
        db.close()
        for i in range(self.count):
            proc = self._spawn.Process(target=_desk, args=(self.url, f"{prefix}{i}", numbers[i::self.count],
                                                          self.interval, self._ready, self._stop, self._out))
            proc.start()
            self._procs.append(proc)
        for _ in self._procs:
            self._ready.acquire(timeout=300)
        self._started = time.perf_counter()

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        seconds = time.perf_counter() - self._started
        results = [self._out.get(timeout=300) for _ in self._procs]
        for proc in self._procs:
            proc.join(30)
        latencies = sorted(x for r in results for x in r[0])
        errors = [e for r in results for e in r[1]]

        def ms(x: float) -> float:
            return round(x * 1000, 1)

        return {"desks": self.count, "interval_s": self.interval, "payments": len(latencies),
                "payments_per_second": round(len(latencies) / seconds, 2) if seconds else None,
                "errors": len(errors), "first_errors": errors[:3],
                "latency_ms": {"median": ms(statistics.median(latencies)) if latencies else None,
                               "p95": ms(latencies[max(0, int(len(latencies) * 0.95) - 1)]) if latencies else None,
                               "max": ms(latencies[-1]) if latencies else None}}
