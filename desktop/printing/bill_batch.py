"""A branch's bills for a month to the bills printer: jobs of JOB_SIZE bills, progress, cancel between jobs.

Qt-free worker (the desk runs it on its serial runner; the benchmark calls it directly). Each
job is rendered into a temporary PDF file (flat memory, see desktop.printing.batch) by a child
process (desktop.printing.render_child: the desk's GUI never waits for the GIL) and handed to the
printing boundary. Save as PDF renders the whole batch into one file the same way.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain, islice
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
    from desktop.services import bill_documents, billing
    from desktop.services.errors import NotFound

    total = bill_documents.count_branch_bills(ctx, branch, period)
    if total == 0:
        raise NotFound(f"Нет счетов отделения {branch.upper()} за {billing.parse_period(period).name}")
    docs = bill_documents.branch_bill_documents(ctx, branch, period)
    title = f"Счета {branch.upper()} {period}"
    if save_to:
        return save_bills(docs, total, save_to, progress)
    return print_bills(service, docs, total, printer, title, progress, job_size)


def _render(child: Any, docs: Iterable[Any], path: str, before: int, total: int,
            progress: Callable[[int, int], bool]) -> int | None:
    """Have ``child`` render ``docs`` into ``path``; the count, or None when ``progress`` said Cancel.

    ``progress`` is called as the child renders (``before`` + its count) and at least twice a
    second, so Cancel is seen at once; on Cancel the child is killed mid-job.
    """
    child.start_job(docs, path)
    rendered = 0
    while True:
        message = child.receive(0.5)
        if message is not None and message[0] == "done":
            return int(message[2])
        if message is not None:
            rendered = message[1]
        if not progress(min(before + rendered, total), total):
            child.kill()
            return None


def print_bills(service: PrintService, docs: Iterable[Any], total: int, printer: str, title: str,
                progress: Callable[[int, int], bool], job_size: int = JOB_SIZE) -> BatchOutcome:
    """Bills to ``printer`` in jobs of ``job_size``, rendered in a child process; never half a job sent.

    ``progress(done, total)`` False cancels: the child is killed at once and the job it was
    rendering is not sent.
    """
    from desktop.printing.render_child import BillRenderer

    source = iter(docs)
    sent = 0
    rss: list[float] = []
    with BillRenderer() as child:
        while (first := next(source, None)) is not None:
            fd, temp = tempfile.mkstemp(prefix="energodesk-bills-", suffix=".pdf")
            os.close(fd)
            try:
                count = _render(child, chain([first], islice(source, job_size - 1)), temp, sent, total, progress)
                if count is None:
                    return BatchOutcome(sent, total, printer, True, child_rss_mb=tuple(rss))
                rss.append(child.last_rss_mb)
                service.print_pdf(Path(temp), BILLS, printer=printer,
                                  title=f"{title} ({sent + 1}-{sent + count} из {total})")
                sent += count
            finally:
                os.unlink(temp)
            if not progress(sent, total) and sent < total:
                return BatchOutcome(sent, total, printer, True, child_rss_mb=tuple(rss))
    return BatchOutcome(sent, total, printer, False, child_rss_mb=tuple(rss))


def save_bills(docs: Iterable[Any], total: int, save_to: str, progress: Callable[[int, int], bool]) -> BatchOutcome:
    """All the bills into one PDF file (rendered by the child), written beside it and renamed: never a partial file."""
    from desktop.printing.render_child import BillRenderer

    fd, temp = tempfile.mkstemp(prefix=".energodesk-bills-", suffix=".pdf", dir=str(Path(save_to).parent))
    os.close(fd)
    try:
        with BillRenderer() as child:
            count = _render(child, docs, temp, 0, total, progress)
            if count is None:
                return BatchOutcome(0, total, "", True)
            rss = (child.last_rss_mb,)
        os.replace(temp, save_to)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    progress(count, total)
    return BatchOutcome(count, total, "", False, save_to, child_rss_mb=rss)
