"""Billing batches in worker processes: each worker bills whole batches, each in its own transaction.

The run's claim, its row and its end stay with the process that started it (the owner the next
claim checks for liveness); the workers only run ``billing._bill_batch`` on disjoint lists of
account ids the parent hands out, so everything a batch guarantees on its own (all of an
account's bill or nothing, the "no bill yet" check, the retry of a clash with a desk) holds as it
does in one process. The workers are forked: they inherit the run's context and tariffs without
pickling, and die with the parent (Linux: PR_SET_PDEATHSIG; elsewhere they notice the
parent is gone before their next batch), so a killed run leaves nothing billing behind it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.periods import Period
from desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from desktop.services.billing import RunTariffs

BatchResult = tuple[int, int, int, list[str]]  # billed, skipped, accrued kopecks, notes
# A run this large is worth the workers' start (a fork and a connection each, well under a second).
PARALLEL_FROM = 20_000
MAX_WORKERS = 4
PR_SET_PDEATHSIG = 1
WORKER_NICE = 5


@dataclass(frozen=True)
class Job:
    """What every batch of one run needs, inherited by the forked workers."""

    ctx: ServiceContext
    period: Period
    tariffs: RunTariffs
    now: datetime
    run_id: int
    parent_pid: int


_job: Job | None = None  # the worker's job, set by _start in each worker


def can_fork(ctx: ServiceContext) -> bool:
    """Workers need fork (inherited state; not on Windows) and a database another process can
    open (not SQLite's private in-memory one)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    url = ctx.sessions.kw["bind"].url
    return not (url.get_backend_name() == "sqlite" and (url.database or ":memory:") == ":memory:")


def auto_workers(ctx: ServiceContext, total: int) -> int:
    """One process for a small run; one worker per core (at most 4) for a large one."""
    if total < PARALLEL_FROM or not can_fork(ctx):
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _start(job: Job) -> None:
    global _job
    _job = job
    if sys.platform.startswith("linux"):
        import ctypes

        # Die with the parent: a run killed with SIGKILL must not leave workers billing.
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != job.parent_pid:  # the parent died before the line above
        os._exit(1)
    # The run is a batch job: where it shares the processor with desks (or with the database
    # server), their payments come first. Lowered by 5, as the bills' render child.
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(WORKER_NICE)
    # Ctrl+C belongs to the parent: it stops handing out batches and waits for these to end.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's pooled connections are not this process's: open new ones, leave those alone.
    job.ctx.sessions.kw["bind"].dispose(close=False)


def _one(ids: list[int]) -> BatchResult:
    from desktop.services.billing import _bill_batch

    job = _job
    assert job is not None  # set by _start
    if os.getppid() != job.parent_pid:  # orphaned (no PR_SET_PDEATHSIG here): bill nothing more
        os._exit(1)
    return _bill_batch(job.ctx, ids, job.period, job.tariffs, job.now, job.run_id)


def run_batches(job: Job, batches: Iterable[list[int]], workers: int,
                on_done: Callable[[int, BatchResult], bool]) -> bool:
    """Bill ``batches`` in ``workers`` processes; ``on_done(accounts, result)`` after each batch,
    in the parent, returning False to stop handing out more. True when stopped that way.

    At most two batches per worker are in flight (one billing, one waiting), so a Cancel or an
    error leaves little to finish; whatever is in flight ends (commits or rolls back) before this
    returns or raises, so the run's row is closed after its last batch.
    """
    stopped = False
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,)) as pool:
        inflight: dict[Future[BatchResult], int] = {}
        pending = iter(batches)
        try:
            while True:
                while not stopped and len(inflight) < 2 * workers:
                    ids = next(pending, None)
                    if ids is None:
                        break
                    inflight[pool.submit(_one, ids)] = len(ids)
                if not inflight:
                    return stopped
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in done:
                    count = inflight.pop(future)
                    if not on_done(count, future.result()):
                        stopped = True
        except BaseException:
            wait(inflight)
            raise
