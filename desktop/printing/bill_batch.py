"""A branch's bills for a month to the bills printer: jobs of JOB_SIZE bills, progress, cancel between jobs.

Qt-free worker (the desk runs it on its serial runner; the benchmark calls it directly). Each
job is rendered into a temporary PDF file (flat memory, see desktop.printing.batch) and handed
to the printing boundary, so the printer starts while the rest is still being rendered.
"""

from __future__ import annotations

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
    """Bills to ``printer`` in jobs of ``job_size``; cancelled between batches of 50, never mid-job sent."""
    from desktop.printing.bill_pdf import render_bills

    source = iter(docs)
    done = 0
    while done < total:
        stop: list[bool] = []
        fd, temp = tempfile.mkstemp(prefix="energodesk-bills-", suffix=".pdf")
        os.close(fd)
        try:
            count = render_bills(_counted(islice(source, job_size), done, total, progress, stop), temp)
            if stop:
                # Cancelled while rendering this job: it is not sent, nothing prints half.
                return BatchOutcome(done, total, printer, True)
            if count == 0:
                break
            service.print_pdf(Path(temp), BILLS, printer=printer,
                              title=f"{title} ({done + 1}-{done + count} из {total})")
            done += count
        finally:
            os.unlink(temp)
        if not progress(done, total) and done < total:
            return BatchOutcome(done, total, printer, True)
    return BatchOutcome(done, total, printer, False)


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
