"""A branch's bills for a month to the bills printer: jobs of JOB_SIZE bills, progress, cancel between jobs.

Qt-free worker (the desk runs it on its serial runner; the benchmark calls it directly). Each
job is rendered into a temporary PDF file (flat memory, see desktop.printing.batch) by a child
process (desktop.printing.render_child: the desk's GUI never waits for the GIL) and handed to the
printing boundary, so the printer starts while the rest is still being rendered.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from desktop.printing.spooler import BILLS, PrintService

JOB_SIZE = 250  # bills per spooler job: a printer's queue shows progress; cancelling loses at most one job


@dataclass(frozen=True)
class BatchOutcome:
    """How far a branch batch got: bills sent (or saved), of how many, where."""

    sent: int
    total: int
    printer: str
    cancelled: bool
    saved_to: str = ""
    child_rss_mb: tuple[float, ...] = ()  # the rendering child's memory after each job (flat = no leak)


def print_branch(ctx: Any, service: PrintService, period: str, branch: str, printer: str, save_to: str,
                 progress: Callable[[int, int], bool], job_size: int = JOB_SIZE) -> BatchOutcome:
    """Print (or, with ``save_to``, save as one PDF) the branch's bills; ``progress`` False cancels."""
    from desktop.services import billing
    from desktop.services.errors import NotFound

    total = billing.count_branch_bills(ctx, branch, period)
    if total == 0:
        raise NotFound(f"Нет счетов отделения {branch.upper()} за {billing.parse_period(period).name}")
    docs = billing.branch_bill_documents(ctx, branch, period)
    title = f"Счета {branch.upper()} {period}"
    if save_to:
        return save_bills(docs, total, save_to, progress)
    return print_bills(service, docs, total, printer, title, progress, job_size)


def _counted(docs: Iterable[Any], start: int, total: int, progress: Callable[[int, int], bool],
             stop: list[bool]) -> Iterator[Any]:
    for i, doc in enumerate(docs, start=start + 1):
        yield doc
        if i % 50 == 0 and not progress(i, total):
            stop.append(True)
            return


def print_bills(service: PrintService, docs: Iterable[Any], total: int, printer: str, title: str,
                progress: Callable[[int, int], bool], job_size: int = JOB_SIZE) -> BatchOutcome:
    """Bills to ``printer`` in jobs of ``job_size``, rendered in a child process; never half a job sent.

    While the child renders job k+1, this thread hands job k to the spooler. ``progress`` is
    called as the child renders (every few bills) and at least twice a second; False cancels:
    the child is killed at once and the job it was rendering is not sent.
    """
    from desktop.printing.render_child import BillRenderer

    source = iter(docs)
    # Bills handed to the spooler; bills of finished jobs; bills of the job the child is rendering.
    state = {"sent": 0, "rendered": 0, "rendering": 0}
    rss: list[float] = []
    files: list[str] = []
    try:
        with BillRenderer() as child:
            def start_job() -> int:
                job = list(islice(source, job_size))
                if not job:
                    return 0
                fd, temp = tempfile.mkstemp(prefix="energodesk-bills-", suffix=".pdf")
                os.close(fd)
                files.append(temp)
                return child.send_job(job, temp)

            in_child = start_job()
            while in_child:
                message = child.receive(0.5)
                if message is not None and message[0] == "rendered":
                    state["rendering"] = message[1]
                if not progress(min(state["rendered"] + state["rendering"], total), total):
                    child.kill()   # Cancel: the job being rendered is dropped, nothing prints half
                    return BatchOutcome(state["sent"], total, printer, True, child_rss_mb=tuple(rss))
                if message is None or message[0] != "done":
                    continue
                _done, path, count, child_mb = message
                state["rendered"] += count
                state["rendering"] = 0
                rss.append(child_mb)
                in_child = start_job()   # the child renders the next job while this one is spooled
                first = state["sent"] + 1
                service.print_pdf(Path(path), BILLS, printer=printer,
                                  title=f"{title} ({first}-{state['sent'] + count} из {total})")
                state["sent"] += count
                files.remove(path)
                os.unlink(path)
                if not progress(state["rendered"], total) and in_child:
                    child.kill()
                    return BatchOutcome(state["sent"], total, printer, True, child_rss_mb=tuple(rss))
    finally:
        for temp in files:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return BatchOutcome(state["sent"], total, printer, False, child_rss_mb=tuple(rss))


def save_bills(docs: Iterable[Any], total: int, save_to: str, progress: Callable[[int, int], bool]) -> BatchOutcome:
    """All the bills into one PDF file, written beside it and renamed: never a partial file."""
    from desktop.printing.bill_pdf import render_bills

    stop: list[bool] = []
    fd, temp = tempfile.mkstemp(prefix=".energodesk-bills-", suffix=".pdf", dir=str(Path(save_to).parent))
    os.close(fd)
    try:
        count = render_bills(_counted(docs, 0, total, progress, stop), temp)
        if stop:
            return BatchOutcome(0, total, "", True)
        os.replace(temp, save_to)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    progress(count, total)
    return BatchOutcome(count, total, "", False, save_to)
